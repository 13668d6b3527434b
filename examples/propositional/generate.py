"""Writes road.req, road.txt and road_horn.txt: a ROAD-R-shaped propositional rule set over 41 labels.

Run from the repository root: python3 examples/propositional/generate.py [--check]

The 41 labels are ROAD-R's (the autonomous-driving dataset with logical requirements that
PiShield ships with), in ROAD-R's order: 10 agents (y_0..y_9), 19 actions (y_10..y_28) and
12 locations (y_29..y_40). The requirements are of the kinds ROAD-R has: at most one agent
per box, every box has an agent, traffic-light colours only on traffic lights, actions some
agents cannot do, moving-direction and location exclusions, and location hierarchies. Each is
one clause of at least two literals.

- road.req:       reqc's named propositional form (labels by name).
- road.txt:       the same clauses in PiShield's clause format (`not y_0 or y_5`), same order.
- road_horn.txt:  the same clauses in PiShield's Horn format: the first literal of a clause is
                  the head and the negations of the others are the body (`cI n0 :- n5 7` for
                  `not y_0 or y_5 or not y_7`).

--check (no extra packages) verifies with a small DPLL solver that the rules are satisfiable,
that no label is forced true or false, and that no clause is a tautology, a duplicate or
subsumed by another.
"""

import itertools
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (ROAD-R name, reqc name), in column order.
AGENTS = [
    ("Ped", "pedestrian"),
    ("Car", "car"),
    ("Cyc", "cyclist"),
    ("Mobike", "motorbike"),
    ("MedVeh", "medium_vehicle"),
    ("LarVeh", "large_vehicle"),
    ("Bus", "bus"),
    ("EmVeh", "emergency_vehicle"),
    ("TL", "traffic_light"),
    ("OthTL", "other_traffic_light"),
]
ACTIONS = [
    ("Red", "red"),
    ("Amber", "amber"),
    ("Green", "green"),
    ("MovAway", "moving_away"),
    ("MovTow", "moving_towards"),
    ("Mov", "moving"),
    ("Brake", "braking"),
    ("Stop", "stopped"),
    ("IncatLft", "indicating_left"),
    ("IncatRht", "indicating_right"),
    ("HazLit", "hazard_lights"),
    ("TurLft", "turning_left"),
    ("TurRht", "turning_right"),
    ("Ovtak", "overtaking"),
    ("Wait2X", "waiting_to_cross"),
    ("XingFmLft", "crossing_from_left"),
    ("XingFmRht", "crossing_from_right"),
    ("Xing", "crossing"),
    ("PushObj", "pushing_object"),
]
LOCATIONS = [
    ("VehLane", "vehicle_lane"),
    ("OutgoLane", "outgoing_lane"),
    ("OutgoCycLane", "outgoing_cycle_lane"),
    ("IncomLane", "incoming_lane"),
    ("IncomCycLane", "incoming_cycle_lane"),
    ("Pav", "pavement"),
    ("LftPav", "left_pavement"),
    ("RhtPav", "right_pavement"),
    ("Jun", "junction"),
    ("xing", "pedestrian_crossing"),
    ("BusStop", "bus_stop"),
    ("parking", "parking"),
]
LABELS = AGENTS + ACTIONS + LOCATIONS
NAMES = [name for _, name in LABELS]
INDEX = {name: k for k, name in enumerate(NAMES)}

# Short forms used in requirement names.
SHORT = {
    "pedestrian": "ped", "car": "car", "cyclist": "cyc", "motorbike": "mobike",
    "medium_vehicle": "medveh", "large_vehicle": "larveh", "bus": "bus",
    "emergency_vehicle": "emveh", "traffic_light": "tl", "other_traffic_light": "othtl",
    "red": "red", "amber": "amber", "green": "green", "moving_away": "movaway",
    "moving_towards": "movtow", "moving": "mov", "braking": "brake", "stopped": "stop",
    "indicating_left": "incatlft", "indicating_right": "incatrht", "hazard_lights": "hazlit",
    "turning_left": "turlft", "turning_right": "turrht", "overtaking": "ovtak",
    "waiting_to_cross": "wait2x", "crossing_from_left": "xingfmlft",
    "crossing_from_right": "xingfmrht", "crossing": "xing", "pushing_object": "pushobj",
    "vehicle_lane": "vehlane", "outgoing_lane": "outgolane",
    "outgoing_cycle_lane": "outgocyclane", "incoming_lane": "incomlane",
    "incoming_cycle_lane": "incomcyclane", "pavement": "pav", "left_pavement": "lftpav",
    "right_pavement": "rhtpav", "junction": "jun", "pedestrian_crossing": "pedxing",
    "bus_stop": "busstop", "parking": "parking",
}

MOTOR_VEHICLES = ["car", "motorbike", "medium_vehicle", "large_vehicle", "bus", "emergency_vehicle"]
TRAFFIC_LIGHTS = ["traffic_light", "other_traffic_light"]
COLOURS = ["red", "amber", "green"]
DIRECTIONS = ["moving_away", "moving_towards", "moving"]
PEDESTRIAN_ACTIONS = ["waiting_to_cross", "crossing_from_left", "crossing_from_right", "crossing", "pushing_object"]
LANES = ["vehicle_lane", "outgoing_lane", "outgoing_cycle_lane", "incoming_lane", "incoming_cycle_lane"]
PAVEMENTS = ["pavement", "left_pavement", "right_pavement"]


def pos(name):
    return (INDEX[name], True)


def neg(name):
    return (INDEX[name], False)


def requirements():
    """The named requirements as (comment or None, name, [(column, positive)]) in file order."""
    groups = []

    def group(comment):
        groups.append((comment, []))

    def req(name, *literals):
        groups[-1][1].append((name, list(literals)))

    group("At most one agent per box.")
    for a, b in itertools.combinations([name for _, name in AGENTS], 2):
        req(f"one_agent_{SHORT[a]}_{SHORT[b]}", neg(a), neg(b))

    group("Every box has an agent.")
    req("box_has_agent", *[pos(name) for _, name in AGENTS])

    group("Traffic-light colours belong to traffic lights; a light shows at most one colour, and the facing light shows one.")
    for colour in COLOURS:
        req(f"{colour}_on_light", neg(colour), *[pos(t) for t in TRAFFIC_LIGHTS])
    for a, b in itertools.combinations(COLOURS, 2):
        req(f"one_colour_{a}_{b}", neg(a), neg(b))
    req("tl_shows_colour", neg("traffic_light"), *[pos(c) for c in COLOURS])

    group("Traffic lights do not act.")
    for light in TRAFFIC_LIGHTS:
        for _, action in ACTIONS[3:]:
            req(f"{SHORT[light]}_not_{SHORT[action]}", neg(light), neg(action))

    group("Traffic lights have no road location.")
    for light in TRAFFIC_LIGHTS:
        for _, location in LOCATIONS:
            req(f"{SHORT[light]}_not_at_{SHORT[location]}", neg(light), neg(location))

    group("Pedestrians do not brake, indicate, use hazard lights, turn or overtake; cyclists have no hazard lights.")
    for action in ["braking", "indicating_left", "indicating_right", "hazard_lights",
                   "turning_left", "turning_right", "overtaking"]:
        req(f"ped_not_{SHORT[action]}", neg("pedestrian"), neg(action))
    req("cyc_not_hazlit", neg("cyclist"), neg("hazard_lights"))

    group("Vehicle actions: indicators and hazard lights need a motor vehicle; braking, turning and overtaking a vehicle or a cyclist.")
    for action in ["indicating_left", "indicating_right", "hazard_lights"]:
        req(f"{SHORT[action]}_needs_motor_vehicle", neg(action), *[pos(v) for v in MOTOR_VEHICLES])
    for action in ["braking", "turning_left", "turning_right", "overtaking"]:
        req(f"{SHORT[action]}_needs_vehicle_or_cyclist", neg(action), *[pos(v) for v in MOTOR_VEHICLES], pos("cyclist"))

    group("Motor vehicles do not wait to cross, cross or push objects.")
    for vehicle in MOTOR_VEHICLES:
        for action in PEDESTRIAN_ACTIONS:
            req(f"{SHORT[vehicle]}_not_{SHORT[action]}", neg(vehicle), neg(action))

    group("Crossing actions need a pedestrian or a cyclist; pushing an object needs a pedestrian.")
    for action in ["waiting_to_cross", "crossing", "crossing_from_left", "crossing_from_right"]:
        req(f"{SHORT[action]}_needs_ped_or_cyc", neg(action), pos("pedestrian"), pos("cyclist"))
    req("pushobj_needs_ped", neg("pushing_object"), pos("pedestrian"))

    group("Movement: one direction at most; a stopped agent does not move, brake, turn, overtake or cross.")
    for a, b in itertools.combinations(DIRECTIONS, 2):
        req(f"one_direction_{SHORT[a]}_{SHORT[b]}", neg(a), neg(b))
    for action in DIRECTIONS + ["braking", "overtaking", "turning_left", "turning_right",
                                "crossing", "crossing_from_left", "crossing_from_right"]:
        req(f"stop_not_{SHORT[action]}", neg("stopped"), neg(action))
    for action in ["overtaking", "braking", "turning_left", "turning_right", "crossing"]:
        req(f"{SHORT[action]}_needs_motion", neg(action), *[pos(d) for d in DIRECTIONS])

    group("Turning, indicating and hazard lights: one side at most, and hazard lights are not indicating.")
    req("one_turn_side", neg("turning_left"), neg("turning_right"))
    req("one_indicator_side", neg("indicating_left"), neg("indicating_right"))
    req("hazlit_not_incatlft", neg("hazard_lights"), neg("indicating_left"))
    req("hazlit_not_incatrht", neg("hazard_lights"), neg("indicating_right"))
    req("incatlft_not_turrht", neg("indicating_left"), neg("turning_right"))
    req("incatrht_not_turlft", neg("indicating_right"), neg("turning_left"))

    group("Crossing: from one side at most, a side crossing is a crossing, and waiting to cross is not crossing.")
    req("one_crossing_side", neg("crossing_from_left"), neg("crossing_from_right"))
    req("xingfmlft_is_xing", neg("crossing_from_left"), pos("crossing"))
    req("xingfmrht_is_xing", neg("crossing_from_right"), pos("crossing"))
    for action in ["crossing", "crossing_from_left", "crossing_from_right"]:
        req(f"wait2x_not_{SHORT[action]}", neg("waiting_to_cross"), neg(action))

    group("Locations: one lane at most, pavements are not lanes, one pavement side at most.")
    for a, b in itertools.combinations(LANES, 2):
        req(f"one_lane_{SHORT[a]}_{SHORT[b]}", neg(a), neg(b))
    for pavement in PAVEMENTS:
        for lane in LANES:
            req(f"{SHORT[pavement]}_not_{SHORT[lane]}", neg(pavement), neg(lane))
    req("one_pavement_side", neg("left_pavement"), neg("right_pavement"))
    for pavement in PAVEMENTS:
        req(f"pedxing_not_{SHORT[pavement]}", neg("pedestrian_crossing"), neg(pavement))

    group("Parking is off the lanes, junctions, crossings and bus stops.")
    for lane in LANES:
        req(f"parking_not_{SHORT[lane]}", neg("parking"), neg(lane))
    for place in ["junction", "pedestrian_crossing", "bus_stop"]:
        req(f"parking_not_{SHORT[place]}", neg("parking"), neg(place))
    req("busstop_not_pedxing", neg("bus_stop"), neg("pedestrian_crossing"))

    group("Pavement hierarchy: a left or right pavement is a pavement, and a pavement is on one side.")
    req("lftpav_is_pav", neg("left_pavement"), pos("pavement"))
    req("rhtpav_is_pav", neg("right_pavement"), pos("pavement"))
    req("pav_has_side", neg("pavement"), pos("left_pavement"), pos("right_pavement"))

    group("Agents and locations: four-wheeled vehicles are not on the pavement, large vehicles and buses not in cycle lanes.")
    for vehicle in ["car", "medium_vehicle", "large_vehicle", "bus", "emergency_vehicle"]:
        req(f"{SHORT[vehicle]}_not_on_pav", neg(vehicle), neg("pavement"))
    for vehicle in ["large_vehicle", "bus"]:
        for lane in ["outgoing_cycle_lane", "incoming_cycle_lane"]:
            req(f"{SHORT[vehicle]}_not_in_{SHORT[lane]}", neg(vehicle), neg(lane))

    group("Actions and locations: lane directions, where crossing, waiting and overtaking happen.")
    req("outgolane_not_movtow", neg("outgoing_lane"), neg("moving_towards"))
    req("outgocyclane_not_movtow", neg("outgoing_cycle_lane"), neg("moving_towards"))
    req("incomlane_not_movaway", neg("incoming_lane"), neg("moving_away"))
    req("incomcyclane_not_movaway", neg("incoming_cycle_lane"), neg("moving_away"))
    req("xing_not_on_pav", neg("crossing"), neg("pavement"))
    req("xing_not_in_parking", neg("crossing"), neg("parking"))
    req("wait2x_at_kerb", neg("waiting_to_cross"), pos("pavement"), pos("pedestrian_crossing"),
        pos("junction"), pos("bus_stop"))
    req("ovtak_in_lane", neg("overtaking"), pos("vehicle_lane"), pos("outgoing_lane"), pos("incoming_lane"))
    req("parking_not_ovtak", neg("parking"), neg("overtaking"))

    return groups


def flat(groups):
    return [(name, lits) for _, reqs in groups for name, lits in reqs]


def req_literal(lit):
    k, positive = lit
    return NAMES[k] if positive else f"not {NAMES[k]}"


def y_literal(lit):
    k, positive = lit
    return f"y_{k}" if positive else f"not y_{k}"


def horn_literal(k, positive):
    return str(k) if positive else f"n{k}"


def write_req(groups, path):
    lines = [
        "# A ROAD-R-shaped propositional rule set: 41 multi-label outputs of an autonomous-driving",
        "# detector (10 agents, 19 actions, 12 locations per box), in ROAD-R's column order.",
        "# Written by generate.py; road.txt and road_horn.txt hold the same clauses for PiShield.",
        "columns 41",
        "threshold 0.5",
        "",
    ]
    blocks = [("Agents (ROAD-R: Ped Car Cyc Mobike MedVeh LarVeh Bus EmVeh TL OthTL).", AGENTS, 0),
              ("Actions (ROAD-R: Red Amber Green MovAway MovTow Mov Brake Stop IncatLft IncatRht HazLit"
               " TurLft TurRht Ovtak Wait2X XingFmLft XingFmRht Xing PushObj).", ACTIONS, len(AGENTS)),
              ("Locations (ROAD-R: VehLane OutgoLane OutgoCycLane IncomLane IncomCycLane Pav LftPav RhtPav"
               " Jun xing BusStop parking).", LOCATIONS, len(AGENTS) + len(ACTIONS))]
    for comment, labels, start in blocks:
        lines.append(f"# {comment}")
        for offset, (_, name) in enumerate(labels):
            lines.append(f"label {name} = y_{start + offset}")
        lines.append("")
    for comment, reqs in groups:
        lines.append(f"# {comment}")
        for name, lits in reqs:
            lines.append(f"requirement {name}: " + " or ".join(req_literal(l) for l in lits))
        lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


def write_txt(reqs, path):
    with open(path, "w") as f:
        for _, lits in reqs:
            f.write(" or ".join(y_literal(l) for l in lits) + "\n")


def write_horn(reqs, path):
    with open(path, "w") as f:
        for i, (_, lits) in enumerate(reqs):
            (hk, hp), rest = lits[0], lits[1:]
            body = " ".join(horn_literal(k, not p) for k, p in rest)
            f.write(f"c{i} {horn_literal(hk, hp)} :- {body}\n")


def satisfiable(clauses, assumptions=()):
    """A small DPLL over clauses of signed integers (k + 1 for y_k, -(k + 1) for not y_k)."""
    clauses = [list(c) for c in clauses] + [[a] for a in assumptions]

    def solve(clauses, assignment):
        while True:
            unit = None
            simplified = []
            for clause in clauses:
                if any(lit in assignment for lit in clause):
                    continue
                rest = [lit for lit in clause if -lit not in assignment]
                if not rest:
                    return False
                if len(rest) == 1 and unit is None:
                    unit = rest[0]
                simplified.append(rest)
            clauses = simplified
            if unit is None:
                break
            assignment = assignment | {unit}
        if not clauses:
            return True
        lit = clauses[0][0]
        return solve(clauses, assignment | {lit}) or solve(clauses, assignment | {-lit})

    return solve(clauses, frozenset())


def check(reqs):
    problems = []
    names = [name for name, _ in reqs]
    if len(set(names)) != len(names):
        problems.append("requirement names are not unique")
    if set(names) & set(NAMES):
        problems.append(f"requirement names reuse label names: {sorted(set(names) & set(NAMES))}")
    sets = [frozenset(lits) for _, lits in reqs]
    for name, lits in reqs:
        if len(lits) < 2:
            problems.append(f"{name}: fewer than two literals")
        if len({k for k, _ in lits}) != len(lits):
            problems.append(f"{name}: repeats a label (tautology or duplicate literal)")
    for (i, a), (j, b) in itertools.combinations(enumerate(sets), 2):
        if a == b:
            problems.append(f"{names[i]} and {names[j]} are the same clause")
        elif a < b:
            problems.append(f"{names[i]} subsumes {names[j]}")
        elif b < a:
            problems.append(f"{names[j]} subsumes {names[i]}")
    clauses = [[(k + 1) if p else -(k + 1) for k, p in lits] for _, lits in reqs]
    sat = satisfiable(clauses)
    print(f"{len(NAMES)} labels, {len(reqs)} requirements; satisfiable: {sat}")
    if not sat:
        problems.append("the rules are unsatisfiable")
    forced = []
    for k, name in enumerate(NAMES):
        can_true = satisfiable(clauses, [k + 1])
        can_false = satisfiable(clauses, [-(k + 1)])
        if not can_true:
            forced.append(f"{name} (y_{k}) is always false")
        if not can_false:
            forced.append(f"{name} (y_{k}) is always true")
    print("forced labels: " + (", ".join(forced) if forced else "none"))
    problems += forced
    for problem in problems:
        print("problem: " + problem)
    return not problems


def main():
    groups = requirements()
    reqs = flat(groups)
    write_req(groups, os.path.join(HERE, "road.req"))
    write_txt(reqs, os.path.join(HERE, "road.txt"))
    write_horn(reqs, os.path.join(HERE, "road_horn.txt"))
    if "--check" in sys.argv[1:]:
        sys.exit(0 if check(reqs) else 1)


if __name__ == "__main__":
    main()
