//! Z3 on propositional requirements: the checks of `reqc check` (rules that conflict, with a smallest conflicting set; rules implied by the others; labels forced true or false) and the proof of `reqc verify` that the shield's labels satisfy every rule.

use super::{decided, timeout_milliseconds, SolverOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::number::{display_rational, rational_to_float, FloatFormat, Rounding};
use crate::propositional::shield::{PropositionalShield, Threshold};
use crate::propositional::{Literal, PropositionalSpecification};
use num_rational::BigRational;
use std::collections::BTreeMap;
use std::time::Instant;
use z3::ast::Bool;
use z3::{Params, SatResult, Solver};

/// Undecided questions after which the remaining checks are skipped.
const MAXIMUM_UNDECIDED: usize = 3;

struct Session {
    solver: Solver,
    guards: Vec<Bool>,
    labels: BTreeMap<usize, Bool>,
    options: SolverOptions,
    goals: usize,
    undecided: usize,
}

enum Outcome {
    Satisfiable,
    Unsatisfiable(Vec<usize>),
    Unknown,
}

impl Session {
    fn new(specification: &PropositionalSpecification, options: SolverOptions) -> Session {
        let solver = Solver::new_for_logic("QF_UF").unwrap_or_default();
        let mut parameters = Params::new();
        parameters.set_u32("timeout", timeout_milliseconds(options.timeout));
        solver.set_params(&parameters);
        let labels: BTreeMap<usize, Bool> = specification
            .used_columns()
            .into_iter()
            .map(|column| (column, Bool::new_const(format!("y_{column}"))))
            .collect();
        let mut guards = Vec::new();
        for (index, rule) in specification.rules.iter().enumerate() {
            let guard = Bool::new_const(format!("rule!{index}"));
            let clause = clause_formula(&labels, &rule.literals);
            solver.assert(guard.implies(&clause));
            guards.push(guard);
        }
        Session {
            solver,
            guards,
            labels,
            options,
            goals: 0,
            undecided: 0,
        }
    }

    fn goal(&mut self, formula: &Bool) -> Bool {
        let literal = Bool::new_const(format!("goal!{}", self.goals));
        self.goals += 1;
        self.solver.assert(literal.implies(formula));
        literal
    }

    fn ask(&mut self, rules: &[usize], goal: Option<&Bool>) -> Outcome {
        if self.undecided >= MAXIMUM_UNDECIDED {
            return Outcome::Unknown;
        }
        let mut assumptions: Vec<Bool> = rules
            .iter()
            .map(|index| self.guards[*index].clone())
            .collect();
        assumptions.extend(goal.cloned());
        let started = Instant::now();
        let result = self.solver.check_assumptions(&assumptions);
        match decided(result, started, self.options.timeout) {
            SatResult::Sat => Outcome::Satisfiable,
            SatResult::Unknown => {
                self.undecided += 1;
                Outcome::Unknown
            }
            SatResult::Unsat => {
                let core = self.solver.get_unsat_core();
                Outcome::Unsatisfiable(
                    (0..self.guards.len())
                        .filter(|index| core.contains(&self.guards[*index]))
                        .collect(),
                )
            }
        }
    }
}

fn literal_formula(labels: &BTreeMap<usize, Bool>, literal: Literal) -> Bool {
    let label = labels[&literal.column].clone();
    if literal.positive {
        label
    } else {
        label.not()
    }
}

fn clause_formula(labels: &BTreeMap<usize, Bool>, literals: &[Literal]) -> Bool {
    let disjuncts: Vec<Bool> = literals
        .iter()
        .map(|literal| literal_formula(labels, *literal))
        .collect();
    Bool::or(&disjuncts)
}

fn undecided(options: &SolverOptions, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::SolverUnknown,
        format!(
            "Z3 could not decide {what} within {} s",
            options.timeout.as_secs_f64()
        ),
    )
    .help("allow more time with `--solver-timeout SECONDS`, or skip the solver with `--no-solver`")
}

/// The solver checks of `reqc check` on a propositional file.
pub fn check(
    specification: &PropositionalSpecification,
    options: &SolverOptions,
) -> Vec<Diagnostic> {
    let mut session = Session::new(specification, options.clone());
    let mut diagnostics = Vec::new();
    let all: Vec<usize> = (0..specification.rules.len()).collect();
    match session.ask(&all, None) {
        Outcome::Unknown => return vec![undecided(options, "whether the rules can all hold")],
        Outcome::Unsatisfiable(core) => {
            // Shrink the core by deletion until every member is needed.
            let mut core = core;
            let mut position = 0;
            let mut minimal = true;
            while position < core.len() {
                let candidate: Vec<usize> = core
                    .iter()
                    .enumerate()
                    .filter(|(index, _)| *index != position)
                    .map(|(_, rule)| *rule)
                    .collect();
                match session.ask(&candidate, None) {
                    Outcome::Unsatisfiable(smaller) => {
                        core = candidate
                            .into_iter()
                            .filter(|rule| smaller.contains(rule))
                            .collect();
                    }
                    Outcome::Satisfiable => position += 1,
                    Outcome::Unknown => {
                        minimal = false;
                        break;
                    }
                }
            }
            let first = &specification.rules[core[0]];
            let mut diagnostic = Diagnostic::new(
                Code::Unsatisfiable,
                format!(
                    "these {} rules cannot all hold: no labelling satisfies them together",
                    core.len()
                ),
            )
            .primary(first.span, "conflicts with the rules marked below");
            for index in &core[1..] {
                diagnostic =
                    diagnostic.secondary(specification.rules[*index].span, "part of the conflict");
            }
            diagnostic = diagnostic.note(if minimal {
                "dropping any one of them removes the conflict"
            } else {
                "Z3 could not shrink the set further in time; it may not be the smallest"
            });
            return vec![diagnostic];
        }
        Outcome::Satisfiable => {}
    }
    // Rules implied by the others. An exact repeat is reported against its first copy.
    let mut first_copy: BTreeMap<&[Literal], usize> = BTreeMap::new();
    let mut unique = Vec::new();
    for (index, rule) in specification.rules.iter().enumerate() {
        if rule.is_tautology() {
            continue;
        }
        match first_copy.get(rule.literals.as_slice()) {
            Some(first) => diagnostics.push(
                Diagnostic::new(Code::Implied, "this rule repeats an earlier one")
                    .primary(rule.span, "repeated")
                    .secondary(specification.rules[*first].span, "first written here"),
            ),
            None => {
                first_copy.insert(&rule.literals, index);
                unique.push(index);
            }
        }
    }
    for &index in &unique {
        let rule = &specification.rules[index];
        let negated = clause_formula(&session.labels, &rule.literals).not();
        let goal = session.goal(&negated);
        let others: Vec<usize> = unique
            .iter()
            .copied()
            .filter(|other| *other != index)
            .collect();
        match session.ask(&others, Some(&goal)) {
            Outcome::Unsatisfiable(core) => {
                let mut diagnostic =
                    Diagnostic::new(Code::Implied, "this rule is implied by the others")
                        .primary(rule.span, "implied");
                for other in core.iter().take(6) {
                    diagnostic = diagnostic.secondary(
                        specification.rules[*other].span,
                        "implies it with the others marked",
                    );
                }
                diagnostics.push(
                    diagnostic.help("delete it, or keep it as documentation and `--allow W0602`"),
                );
            }
            Outcome::Satisfiable => {}
            Outcome::Unknown => {
                diagnostics.push(
                    undecided(options, "whether a rule is implied").primary(rule.span, "this rule"),
                );
                break;
            }
        }
    }
    // Labels the rules force.
    let labels: Vec<(usize, Bool)> = session
        .labels
        .iter()
        .map(|(c, b)| (*c, b.clone()))
        .collect();
    for (column, label) in labels {
        for value in [true, false] {
            let formula = if value { label.clone() } else { label.not() };
            let goal = session.goal(&formula);
            match session.ask(&all, Some(&goal)) {
                Outcome::Unsatisfiable(core) => {
                    let name = specification.label_name(column);
                    let forced = if value { "false" } else { "true" };
                    let mut diagnostic = Diagnostic::new(
                        Code::ForcedValue,
                        format!("the rules force {name} to be {forced} for every prediction"),
                    );
                    for (position, rule) in core.iter().take(6).enumerate() {
                        let span = specification.rules[*rule].span;
                        diagnostic = if position == 0 {
                            diagnostic.primary(
                                span,
                                format!("forces {name} {forced} with the rules marked"),
                            )
                        } else {
                            diagnostic.secondary(span, "part of it")
                        };
                    }
                    diagnostics
                        .push(diagnostic.note("the shield will set it accordingly on every row"));
                }
                Outcome::Satisfiable => {}
                Outcome::Unknown => {
                    diagnostics.push(undecided(options, "whether a label is forced"));
                    return diagnostics;
                }
            }
        }
    }
    diagnostics
}

/// The verdict of `reqc verify` on a propositional shield.
#[derive(Clone, Debug)]
pub enum PropositionalAnswer {
    /// For every row of probabilities none of which is the threshold `t` or `1 - t`, the
    /// corrected labels satisfy every rule.
    Proved,
    /// A row whose corrected labels break a rule, confirmed by the float shield and the
    /// exact evaluator.
    Counterexample {
        input: Vec<f64>,
        corrected: Vec<f64>,
        rule: usize,
    },
    /// Z3 found a row over the reals that the float shield does not reproduce.
    Unreproduced {
        input: Vec<BigRational>,
    },
    Undecided,
}

/// A value of PiShield's function abstracted to the region it lies in, relative to the
/// threshold `t` and its mirror `1 - t` (the inputs avoid both): `low` is "above the
/// smaller of the two", `high` "above the larger". min, max and `1 - x` commute with this
/// abstraction (min and max are monotone; `1 - x` swaps the regions below the smaller and
/// above the larger and keeps the middle one), so the labels of the corrected row are an
/// exact Boolean function of the inputs' regions and the proof is a propositional one.
#[derive(Clone)]
struct Region {
    low: Bool,
    high: Bool,
}

impl Region {
    fn constant(value: bool) -> Region {
        Region {
            low: Bool::from_bool(value),
            high: Bool::from_bool(value),
        }
    }

    fn minimum(&self, other: &Region) -> Region {
        Region {
            low: Bool::and(&[&self.low, &other.low]),
            high: Bool::and(&[&self.high, &other.high]),
        }
    }

    fn maximum(&self, other: &Region) -> Region {
        Region {
            low: Bool::or(&[&self.low, &other.low]),
            high: Bool::or(&[&self.high, &other.high]),
        }
    }

    fn complement(&self) -> Region {
        Region {
            low: self.high.not(),
            high: self.low.not(),
        }
    }
}

/// Proves that the shield's labels satisfy every rule at the file's threshold for every
/// row of real probabilities none of which is `t` or `1 - t` (PiShield's function computed
/// exactly), through the region abstraction of [`Region`]; a counterexample is a row of
/// representative probabilities, replayed on the float shield (f64) and re-checked by the
/// exact evaluator before it is reported.
pub fn verify(
    specification: &PropositionalSpecification,
    shield: &PropositionalShield,
    options: &SolverOptions,
) -> PropositionalAnswer {
    let solver = Solver::new_for_logic("QF_UF").unwrap_or_default();
    let mut parameters = Params::new();
    parameters.set_u32("timeout", timeout_milliseconds(options.timeout));
    solver.set_params(&parameters);
    let half = BigRational::new(1.into(), 2.into());
    let threshold = &specification.threshold;
    // With t = 1/2 the middle region is empty.
    let symmetric = *threshold == half;
    let columns = specification.used_columns();
    let inputs: BTreeMap<usize, Region> = columns
        .iter()
        .map(|column| {
            let low = Bool::new_const(format!("above_lower_{column}"));
            let high = if symmetric {
                low.clone()
            } else {
                Bool::new_const(format!("above_upper_{column}"))
            };
            solver.assert(high.implies(&low));
            (*column, Region { low, high })
        })
        .collect();
    let mut values = inputs.clone();
    for head in &shield.heads {
        let mut lower = Region::constant(false);
        for body in &head.raise {
            let mut value = Region::constant(true);
            for column in &body.positive {
                value = value.minimum(&values[column]);
            }
            for column in &body.negative {
                value = value.minimum(&values[column].complement());
            }
            for column in &body.either {
                value = value.minimum(&values[column].maximum(&values[column].complement()));
            }
            lower = lower.maximum(&value);
        }
        let mut upper = Region::constant(true);
        for body in &head.lower {
            let mut value = Region::constant(false);
            for column in &body.positive {
                value = value.maximum(&values[column].complement());
            }
            for column in &body.negative {
                value = value.maximum(&values[column]);
            }
            for column in &body.either {
                value = value.maximum(&values[column].complement().minimum(&values[column]));
            }
            upper = upper.minimum(&value);
        }
        let (low, high) = (lower.minimum(&upper), lower.maximum(&upper));
        let corrected = low.maximum(&high.minimum(&values[&head.column]));
        // Name each corrected value so later heads share it instead of copying it.
        let named = Region {
            low: Bool::new_const(format!("corrected_lower_{}", head.column)),
            high: Bool::new_const(format!("corrected_upper_{}", head.column)),
        };
        solver.assert(named.low.iff(&corrected.low));
        solver.assert(named.high.iff(&corrected.high));
        values.insert(head.column, named);
    }
    let above = |region: &Region| {
        if *threshold <= half {
            region.low.clone()
        } else {
            region.high.clone()
        }
    };
    let broken: Vec<Bool> = specification
        .rules
        .iter()
        .map(|rule| {
            let holds: Vec<Bool> = rule
                .literals
                .iter()
                .map(|literal| {
                    let label = above(&values[&literal.column]);
                    if literal.positive {
                        label
                    } else {
                        label.not()
                    }
                })
                .collect();
            Bool::or(&holds).not()
        })
        .collect();
    solver.assert(Bool::or(&broken));
    let started = Instant::now();
    let result = solver.check();
    match decided(result, started, options.timeout) {
        SatResult::Unsat => PropositionalAnswer::Proved,
        SatResult::Unknown => PropositionalAnswer::Undecided,
        SatResult::Sat => {
            let Some(model) = solver.get_model() else {
                return PropositionalAnswer::Undecided;
            };
            // A representative of each region: the middle of [0, smaller), (smaller,
            // larger) and (larger, 1].
            let one = BigRational::from_integer(1.into());
            let mirrored = &one - threshold;
            let (smaller, larger) = if *threshold <= mirrored {
                (threshold.clone(), mirrored)
            } else {
                (mirrored, threshold.clone())
            };
            let mut exact = vec![BigRational::from_integer(0.into()); specification.columns];
            for (column, region) in &inputs {
                let truth = |literal: &Bool| {
                    model
                        .eval(literal, true)
                        .and_then(|value| value.as_bool())
                        .unwrap_or(false)
                };
                exact[*column] = if truth(&region.high) {
                    (&larger + &one) / BigRational::from_integer(2.into())
                } else if truth(&region.low) {
                    (&smaller + &larger) / BigRational::from_integer(2.into())
                } else {
                    &smaller / BigRational::from_integer(2.into())
                };
            }
            replay(specification, shield, exact)
        }
    }
}

/// Replays Z3's real counterexample on the float shield: the nearest doubles (nudged off
/// the threshold and its mirror), corrected in f64, re-checked exactly.
fn replay(
    specification: &PropositionalSpecification,
    shield: &PropositionalShield,
    exact: Vec<BigRational>,
) -> PropositionalAnswer {
    let threshold = Threshold::new(&specification.threshold);
    let input: Vec<f64> = exact
        .iter()
        .map(|value| rational_to_float(value, FloatFormat::F64, Rounding::NearestEven))
        .collect();
    let mut corrected = input.clone();
    shield.correct_row(&mut corrected, None);
    let broken = specification.rules.iter().position(|rule| {
        !crate::propositional::shield::clause_holds(&rule.literals, &corrected, threshold)
    });
    match broken {
        Some(rule) => PropositionalAnswer::Counterexample {
            input,
            corrected,
            rule,
        },
        None => PropositionalAnswer::Unreproduced { input: exact },
    }
}

/// The diagnostic of a verdict (none when proved).
pub fn answer_diagnostic(
    specification: &PropositionalSpecification,
    answer: &PropositionalAnswer,
    options: &SolverOptions,
) -> Option<Diagnostic> {
    let show = |row: &[f64]| {
        specification
            .used_columns()
            .iter()
            .map(|column| format!("{}={}", specification.label_name(*column), row[*column]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let threshold = display_rational(&specification.threshold);
    match answer {
        PropositionalAnswer::Proved => None,
        PropositionalAnswer::Counterexample {
            input,
            corrected,
            rule,
        } => Some(
            Diagnostic::new(
                Code::PropositionalShieldIncomplete,
                format!("a corrected row breaks this rule at threshold {threshold}"),
            )
            .primary(specification.rules[*rule].span, "broken after correction")
            .note(format!("input: {}", show(input)))
            .note(format!("corrected: {}", show(corrected)))
            .note("re-checked on the f64 shield and by the exact evaluator"),
        ),
        PropositionalAnswer::Unreproduced { input } => Some(
            Diagnostic::new(
                Code::VerificationUndecided,
                "Z3 found real probabilities whose corrected labels break a rule, but the float shield does not reproduce it",
            )
            .note(format!(
                "input: {}",
                input.iter().map(display_rational).collect::<Vec<_>>().join(", ")
            )),
        ),
        PropositionalAnswer::Undecided => Some(
            Diagnostic::new(
                Code::VerificationUndecided,
                format!("Z3 could not decide the shield's proof within {} s", options.timeout.as_secs_f64()),
            )
            .help("allow more time with `--timeout SECONDS`"),
        ),
    }
}
