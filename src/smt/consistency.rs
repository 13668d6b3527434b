//! The solver checks of `reqc check`: unsatisfiable sets (E0601), implied requirements
//! (W0602), dead disjuncts (W0603), forced variables (W0604) and undecided checks (W0605).
//!
//! Every question goes to one incremental solver. Each requirement is asserted once as
//! `guard → requirement`, and a question switches requirements on by assuming their
//! guards (`check_assumptions`), so nothing is rebuilt between questions and an unsat
//! answer comes with a core of guards. Cores are minimised by deletion.

use super::lower::{self, Lowered};
use super::{decided, timeout_milliseconds, Answer, SolverOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::number::display_rational;
use crate::span::Span;
use crate::spec::{Origin, Specification};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};
use z3::ast::{Bool, Real};
use z3::{Params, SatResult, Solver};

pub use super::DeclaredVariable;

/// What the solver said about a set of requirements switched on by their guards.
enum Outcome {
    Satisfiable,
    /// Unsatisfiable, with the indices of the requirements in Z3's core, in source order.
    Unsatisfiable(Vec<usize>),
    Unknown,
}

/// What a question asks beyond "can these requirements hold?", described for the
/// solver-free test [`Session::certainly_satisfiable`].
#[derive(Clone, Copy)]
enum Goal {
    /// Nothing: only the requirements switched on.
    Nothing,
    /// Requirement `requirement` is broken: some clause of it fails.
    Breaks(usize),
    /// One disjunct holds.
    Holds {
        requirement: usize,
        clause: usize,
        disjunct: usize,
    },
    /// A column takes another value than the one seen.
    Moves(usize),
}

/// A core after minimisation by deletion.
struct Core {
    requirements: Vec<usize>,
    /// False when a deletion step timed out, so a smaller core may exist.
    minimal: bool,
}

/// One incremental solver holding every requirement behind its guard.
struct Session<'a> {
    specification: &'a Specification,
    solver: Solver,
    lowered: Lowered,
    guards: Vec<Bool>,
    /// The requirement each guard switches on; only looked up, never iterated.
    guard_requirement: HashMap<Bool, usize>,
    /// Counts fresh goal literals so that each has its own name.
    goals: usize,
    timeout: Duration,
    /// How many questions were asked, for the benchmark.
    queries: usize,
    /// How many questions went unanswered; after [`MAXIMUM_UNDECIDED`] the checks stop.
    undecided: usize,
    /// Where each column occurs, for the solver-free test.
    occurrences: BTreeMap<usize, Vec<Occurrence>>,
    /// The options the checks run under, which say whether they were cancelled.
    options: SolverOptions,
}

/// Undecided questions after which the remaining checks are skipped: a file that keeps
/// the solver busy past its limit would otherwise cost one timeout per requirement.
const MAXIMUM_UNDECIDED: usize = 3;

impl<'a> Session<'a> {
    fn new(
        specification: &'a Specification,
        lowered: Lowered,
        options: &SolverOptions,
    ) -> Session<'a> {
        let timeout = options.timeout;
        // Telling Z3 the logic spares it the general set-up: about a third of the time
        // of the checks on botnet's 757 columns.
        let solver = Solver::new_for_logic("QF_LRA").unwrap_or_default();
        let mut parameters = Params::new();
        parameters.set_u32("timeout", timeout_milliseconds(timeout));
        solver.set_params(&parameters);
        let mut guards = Vec::with_capacity(lowered.requirements.len());
        let mut guard_requirement = HashMap::new();
        for (index, requirement) in lowered.requirements.iter().enumerate() {
            let guard = Bool::new_const(format!("requirement!{index}"));
            solver.assert(guard.implies(&requirement.formula));
            guard_requirement.insert(guard.clone(), index);
            guards.push(guard);
        }
        Session {
            specification,
            solver,
            lowered,
            guards,
            guard_requirement,
            goals: 0,
            timeout,
            queries: 0,
            undecided: 0,
            occurrences: occurrences(specification),
            options: options.clone(),
        }
    }

    /// A fresh literal that, when assumed, asserts a formula.
    fn goal(&mut self, formula: &Bool) -> Bool {
        let literal = Bool::new_const(format!("goal!{}", self.goals));
        self.goals += 1;
        self.solver.assert(literal.implies(formula));
        literal
    }

    /// Asks whether the given requirements (and the goal, if any) can hold together.
    fn ask(&mut self, requirements: &[usize], goal: Option<&Bool>) -> Outcome {
        if self.options.is_cancelled() {
            // Nobody wants the answers: every question left is given up at once.
            self.undecided = self.undecided.max(MAXIMUM_UNDECIDED);
            return Outcome::Unknown;
        }
        let mut assumptions: Vec<Bool> = requirements
            .iter()
            .map(|index| self.guards[*index].clone())
            .collect();
        assumptions.extend(goal.cloned());
        self.queries += 1;
        let started = Instant::now();
        let result = self.solver.check_assumptions(&assumptions);
        match decided(result, started, self.timeout) {
            SatResult::Sat => Outcome::Satisfiable,
            SatResult::Unknown => Outcome::Unknown,
            SatResult::Unsat => {
                let core: BTreeSet<usize> = self
                    .solver
                    .get_unsat_core()
                    .iter()
                    .filter_map(|literal| self.guard_requirement.get(literal).copied())
                    .collect();
                Outcome::Unsatisfiable(core.into_iter().collect())
            }
        }
    }

    /// Shrinks an unsatisfiable core by deletion until dropping any one member makes the
    /// rest (with the goal) satisfiable. The solver-free test settles most deletions;
    /// the others go to Z3. When Z3 cannot decide one, minimisation stops there.
    fn minimise(&mut self, core: Vec<usize>, goal: Option<&Bool>, described: Goal) -> Core {
        let mut core = core;
        let mut minimal = true;
        let mut position = 0;
        while position < core.len() {
            let candidate: Vec<usize> = core
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != position)
                .map(|(_, requirement)| *requirement)
                .collect();
            if self.certainly_satisfiable(&candidate, described) {
                position += 1;
                continue;
            }
            match self.ask(&candidate, goal) {
                Outcome::Unsatisfiable(smaller) => {
                    // Members before `position` are needed in every unsatisfiable subset
                    // of the current core, so Z3's new core keeps them and `position`
                    // still points just past them.
                    let smaller: BTreeSet<usize> = smaller.into_iter().collect();
                    core = candidate
                        .into_iter()
                        .filter(|requirement| smaller.contains(requirement))
                        .collect();
                }
                Outcome::Satisfiable => position += 1,
                Outcome::Unknown => {
                    // The next deletions would most likely time out as well; keep what
                    // is known to conflict rather than spend a timeout per member.
                    minimal = false;
                    break;
                }
            }
        }
        Core {
            requirements: core,
            minimal,
        }
    }

    /// A sound test that needs no solver, for requirements drawn from a satisfiable set:
    /// whether they hold together with the goal. It looks for one column to move in one
    /// direction. Moving a column raises the left side of every inequality whose
    /// coefficient has the sign of the move, so when every occurrence among `members`
    /// has that sign, any solution stays a solution however far the column moves; if
    /// the move also breaks (or satisfies) the goal, members and goal hold together.
    fn certainly_satisfiable(&self, members: &[usize], goal: Goal) -> bool {
        let mut member = vec![false; self.specification.requirements.len()];
        for index in members {
            member[*index] = true;
        }
        let requirements = &self.specification.requirements;
        // Whether moving `column` upward (or downward) keeps every member's solution one.
        let welcomed = |column: usize, upward: bool, skip: &dyn Fn(&Occurrence) -> bool| {
            self.occurrences.get(&column).is_none_or(|found| {
                found
                    .iter()
                    .filter(|occurrence| member[occurrence.requirement] && !skip(occurrence))
                    .all(|occurrence| occurrence.positive == upward)
            })
        };
        match goal {
            // Deciding plain satisfiability needs the solver.
            Goal::Nothing => false,
            Goal::Breaks(index) => requirements[index].clauses.iter().any(|clause| {
                // Every disjunct of the clause must fall: the move lowers each of them.
                let Some(first) = clause.disjuncts.first() else {
                    return false;
                };
                first.inequality.columns().any(|column| {
                    [true, false].into_iter().any(|upward| {
                        clause.disjuncts.iter().all(|disjunct| {
                            let coefficient = disjunct.inequality.coefficient(column);
                            !coefficient.is_zero() && coefficient.is_positive() != upward
                        }) && welcomed(column, upward, &|occurrence| {
                            occurrence.requirement == index
                        })
                    })
                })
            }),
            Goal::Holds {
                requirement,
                clause,
                disjunct,
            } => {
                let inequality =
                    &requirements[requirement].clauses[clause].disjuncts[disjunct].inequality;
                // The disjunct satisfies its own clause, so that clause does not count.
                inequality.terms.iter().any(|(column, coefficient)| {
                    welcomed(*column, coefficient.is_positive(), &|occurrence| {
                        occurrence.requirement == requirement && occurrence.clause == clause
                    })
                })
            }
            Goal::Moves(column) => [true, false]
                .into_iter()
                .any(|upward| welcomed(column, upward, &|_| false)),
        }
    }

    /// How messages name a requirement: its name or its text, in backticks either way.
    fn label(&self, index: usize) -> String {
        let requirement = &self.specification.requirements[index];
        match &requirement.name {
            Some(name) => format!("`{name}`"),
            None => requirement.label(),
        }
    }

    fn span(&self, index: usize) -> Span {
        self.specification.requirements[index].span
    }

    /// What a core member's label says, telling declared domains from requirements.
    fn member_message(&self, index: usize, role: &str) -> String {
        match self.specification.requirements[index].origin {
            Origin::Domain { column } => format!(
                "the declared domain of `{}` {role}",
                self.specification.column_name(column)
            ),
            Origin::Written => format!("{} {role}", self.label(index)),
        }
    }

    fn seconds(&self) -> String {
        format!("{} s", self.timeout.as_secs_f64())
    }

    /// Whether the checks should stop because too many questions went unanswered.
    fn gave_up(&self) -> bool {
        self.undecided >= MAXIMUM_UNDECIDED
    }

    /// W0605 for a question the solver could not answer in time.
    fn undecided(&mut self, question: &str, span: Option<(Span, &str)>) -> Diagnostic {
        self.undecided += 1;
        let mut diagnostic = Diagnostic::new(
            Code::SolverUnknown,
            format!(
                "the solver could not decide {question} within {}",
                self.seconds()
            ),
        );
        if let Some((span, message)) = span {
            diagnostic = diagnostic.primary(span, message);
        }
        if self.gave_up() {
            diagnostic = diagnostic.note(format!(
                "after {MAXIMUM_UNDECIDED} undecided questions the remaining solver checks were skipped"
            ));
        }
        diagnostic
            .note("this is not a proof either way")
            .help("allow more time with `--solver-timeout SECONDS`, or skip the solver with `--no-solver`")
    }
}

/// Runs every solver check on a checked specification and returns the diagnostics.
pub fn check(
    specification: &Specification,
    variables: &[DeclaredVariable],
    options: &SolverOptions,
) -> Vec<Diagnostic> {
    analyse(specification, variables, options).0
}

/// The diagnostics and the sizes of the cores behind them (for the benchmark).
pub fn analyse(
    specification: &Specification,
    variables: &[DeclaredVariable],
    options: &SolverOptions,
) -> (Vec<Diagnostic>, Statistics) {
    let mut statistics = Statistics::default();
    let lowered = match lower::lower(specification) {
        Ok(lowered) => lowered,
        Err(rejected) => {
            let diagnostic = Diagnostic::new(
                Code::SolverUnknown,
                format!(
                    "the solver could not decide anything: Z3 rejected the numeral {}",
                    rejected.0
                ),
            )
            .note("the solver checks were skipped");
            return (vec![diagnostic], statistics);
        }
    };
    let mut session = Session::new(specification, lowered, options);
    let mut diagnostics = Vec::new();
    if satisfiable(&mut session, &mut diagnostics, &mut statistics) {
        let values = forced_candidates(&mut session, variables);
        implied(&mut session, &mut diagnostics, &mut statistics);
        dead_disjuncts(&mut session, &mut diagnostics, &mut statistics);
        forced(&mut session, values, &mut diagnostics, &mut statistics);
    }
    statistics.queries = session.queries;
    crate::diagnostics::sort(&mut diagnostics);
    (diagnostics, statistics)
}

/// Counts from one run of the solver checks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statistics {
    /// Questions asked of Z3, core minimisation included.
    pub queries: usize,
    /// The size of each minimised core reported (conflicts, implications, dead disjuncts, forced values).
    pub core_sizes: Vec<usize>,
}

/// E0601: checks the written requirements alone, then within the declared domains.
/// Returns whether the set can hold, which the other checks need.
fn satisfiable(
    session: &mut Session,
    diagnostics: &mut Vec<Diagnostic>,
    statistics: &mut Statistics,
) -> bool {
    let requirements = &session.specification.requirements;
    let written: Vec<usize> = (0..requirements.len())
        .filter(|index| session.lowered.requirements[*index].origin == Origin::Written)
        .collect();
    let everything: Vec<usize> = (0..requirements.len()).collect();
    let mut stages = vec![(written, false)];
    if stages[0].0.len() < everything.len() {
        stages.push((everything, true));
    }
    for (members, within_domains) in stages {
        match session.ask(&members, None) {
            Outcome::Satisfiable => {}
            Outcome::Unknown => {
                let question = if within_domains {
                    "whether the requirements can all hold within the declared domains"
                } else {
                    "whether the requirements can all hold"
                };
                let whole_file = session
                    .specification
                    .ordering_span
                    .map(|span| (span, "the requirements of this file"));
                diagnostics.push(session.undecided(question, whole_file));
                return false;
            }
            Outcome::Unsatisfiable(core) => {
                let core = session.minimise(core, None, Goal::Nothing);
                statistics.core_sizes.push(core.requirements.len());
                diagnostics.push(conflict(session, &core, within_domains));
                if !core.minimal {
                    diagnostics.push(
                        session.undecided(
                            "whether the conflict is minimal",
                            core.requirements
                                .first()
                                .map(|index| (session.span(*index), "part of the conflict")),
                        ),
                    );
                }
                return false;
            }
        }
    }
    true
}

fn conflict(session: &Session, core: &Core, within_domains: bool) -> Diagnostic {
    let labels: Vec<String> = core
        .requirements
        .iter()
        .map(|index| session.label(*index))
        .collect();
    let message = match labels.as_slice() {
        [single] => format!("{single} can never hold"),
        _ if listable(&labels) => format!("{} contradict each other", list(&labels)),
        _ => format!("these {} requirements contradict each other", labels.len()),
    };
    let message = if within_domains {
        format!("the requirements cannot all hold within the declared domains: {message}")
    } else {
        format!("the requirements cannot all hold: {message}")
    };
    let mut diagnostic = Diagnostic::new(Code::Unsatisfiable, message);
    for index in &core.requirements {
        diagnostic = diagnostic.primary(
            session.span(*index),
            session.member_message(*index, "is part of the conflict"),
        );
    }
    if within_domains {
        diagnostic = diagnostic.note("without the declared domains the requirements can all hold");
    }
    if core.requirements.len() > 1 && core.minimal {
        diagnostic = diagnostic.note(
            "the conflict is minimal: without any one of the marked requirements the rest can hold",
        );
    }
    diagnostic.help("no prediction can meet every requirement, so correction is impossible; fix or remove one of them")
}

/// Whether labels are short enough to name in a message.
fn listable(labels: &[String]) -> bool {
    labels.len() <= 4 && labels.iter().map(String::len).sum::<usize>() <= 160
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [single] => single.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Where a column occurs: the requirement, the clause within it, and the sign of the
/// column's coefficient there.
struct Occurrence {
    requirement: usize,
    clause: usize,
    positive: bool,
}

/// Every occurrence of every column, for [`Session::certainly_satisfiable`].
fn occurrences(specification: &Specification) -> BTreeMap<usize, Vec<Occurrence>> {
    let mut found: BTreeMap<usize, Vec<Occurrence>> = BTreeMap::new();
    for (requirement, written) in specification.requirements.iter().enumerate() {
        for (clause, clause_body) in written.clauses.iter().enumerate() {
            for disjunct in &clause_body.disjuncts {
                for (column, coefficient) in &disjunct.inequality.terms {
                    found.entry(*column).or_default().push(Occurrence {
                        requirement,
                        clause,
                        positive: coefficient.is_positive(),
                    });
                }
            }
        }
    }
    found
}

/// W0602: written requirements implied by the others. Requirements are tried from the
/// last to the first, and one found implied is left out of the later questions, so the
/// reported requirements can all be removed together without changing the set's meaning.
fn implied(session: &mut Session, diagnostics: &mut Vec<Diagnostic>, statistics: &mut Statistics) {
    let count = session.specification.requirements.len();
    let mut active: Vec<bool> = session
        .specification
        .requirements
        .iter()
        .map(|requirement| !requirement.clauses.is_empty())
        .collect();
    // A repeat of an earlier requirement is reported by the checker (W0310); it is left
    // out here, so that neither copy is reported again as implied by the other.
    for index in repeats(session.specification) {
        active[index] = false;
    }
    for index in (0..count).rev() {
        if session.gave_up() {
            return;
        }
        let requirement = &session.specification.requirements[index];
        // Requirements that always hold were reported by the checker (W0304); domains
        // are declarations, which the others may repeat but which are not themselves reported.
        if !active[index] || requirement.origin != Origin::Written {
            continue;
        }
        let others: Vec<usize> = (0..count)
            .filter(|other| *other != index && active[*other])
            .collect();
        // Most requirements are plainly not implied; only the rest go to Z3.
        let described = Goal::Breaks(index);
        if session.certainly_satisfiable(&others, described) {
            continue;
        }
        let negation = session.lowered.requirements[index].formula.not();
        let goal = session.goal(&negation);
        match session.ask(&others, Some(&goal)) {
            Outcome::Satisfiable => {}
            Outcome::Unknown => diagnostics.push(session.undecided(
                &format!(
                    "whether {} is implied by the other requirements",
                    session.label(index)
                ),
                Some((session.span(index), "this requirement")),
            )),
            Outcome::Unsatisfiable(core) => {
                let core = session.minimise(core, Some(&goal), described);
                statistics.core_sizes.push(core.requirements.len());
                diagnostics.push(implication(session, index, &core));
                active[index] = false;
            }
        }
    }
}

/// The written requirements whose normal form repeats an earlier one's, compared as the
/// checker compares them: clauses of inequalities scaled to a leading coefficient of one.
fn repeats(specification: &Specification) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    let mut repeated = Vec::new();
    for (index, requirement) in specification.requirements.iter().enumerate() {
        if requirement.clauses.is_empty() || requirement.origin != Origin::Written {
            continue;
        }
        let form = requirement.canonical_form();
        if !seen.insert(form) {
            repeated.push(index);
        }
    }
    repeated
}

fn implication(session: &Session, index: usize, core: &Core) -> Diagnostic {
    let label = session.label(index);
    if core.requirements.is_empty() {
        return Diagnostic::new(Code::Implied, format!("{label} always holds"))
            .primary(session.span(index), "true for every value")
            .help("remove it: it constrains nothing");
    }
    let labels: Vec<String> = core
        .requirements
        .iter()
        .map(|member| session.label(*member))
        .collect();
    let message = if listable(&labels) {
        format!("{label} is implied by {}", list(&labels))
    } else {
        format!("{label} is implied by {} other requirements", labels.len())
    };
    let mut diagnostic = Diagnostic::new(Code::Implied, message).primary(
        session.span(index),
        "every prediction meeting the marked requirements meets this one",
    );
    for member in &core.requirements {
        diagnostic = diagnostic.secondary(
            session.span(*member),
            session.member_message(*member, "implies it"),
        );
    }
    diagnostic.help(
        "remove it, since it adds nothing; or, if it was meant to say more, check its constants and signs",
    )
}

/// W0603: a disjunct no prediction meeting the rest of the set can satisfy.
fn dead_disjuncts(
    session: &mut Session,
    diagnostics: &mut Vec<Diagnostic>,
    statistics: &mut Statistics,
) {
    let count = session.specification.requirements.len();
    let everything: Vec<usize> = (0..count).collect();
    for index in 0..count {
        let requirement = &session.specification.requirements[index];
        for (clause_index, clause) in requirement.clauses.iter().enumerate() {
            if clause.disjuncts.len() < 2 {
                continue;
            }
            for (disjunct_index, disjunct) in clause.disjuncts.iter().enumerate() {
                if session.gave_up() {
                    return;
                }
                let described = Goal::Holds {
                    requirement: index,
                    clause: clause_index,
                    disjunct: disjunct_index,
                };
                if session.certainly_satisfiable(&everything, described) {
                    continue;
                }
                let formula = session.lowered.requirements[index].clauses[clause_index]
                    [disjunct_index]
                    .clone();
                let goal = session.goal(&formula);
                match session.ask(&everything, Some(&goal)) {
                    Outcome::Satisfiable => {}
                    Outcome::Unknown => diagnostics.push(session.undecided(
                        "whether this disjunct can hold",
                        Some((disjunct.span, "this disjunct")),
                    )),
                    Outcome::Unsatisfiable(core) => {
                        let core = session.minimise(core, Some(&goal), described);
                        statistics.core_sizes.push(core.requirements.len());
                        let mut diagnostic = Diagnostic::new(
                            Code::DisjunctNeverHolds,
                            "this disjunct can never hold given the other requirements",
                        )
                        .primary(
                            disjunct.span,
                            "no prediction meeting the marked requirements satisfies this",
                        );
                        for member in &core.requirements {
                            let role = if *member == index {
                                "rules it out with its other clauses"
                            } else {
                                "rules it out"
                            };
                            diagnostic = diagnostic.secondary(
                                session.span(*member),
                                session.member_message(*member, role),
                            );
                        }
                        diagnostics.push(
                            diagnostic.help("remove it; the requirement means the same without it"),
                        );
                    }
                }
            }
        }
    }
}

fn zero() -> BigRational {
    BigRational::from_integer(BigInt::from(0))
}

/// The value each declared variable takes in a solution of the whole set, taken while
/// the solver still holds the model of the satisfiability check.
fn forced_candidates<'v>(
    session: &mut Session,
    variables: &'v [DeclaredVariable],
) -> Vec<(&'v DeclaredVariable, Real)> {
    if variables.is_empty() {
        return Vec::new();
    }
    let everything: Vec<usize> = (0..session.specification.requirements.len()).collect();
    if !matches!(session.ask(&everything, None), Outcome::Satisfiable) {
        return Vec::new();
    }
    let Some(model) = session.solver.get_model() else {
        return Vec::new();
    };
    variables
        .iter()
        .filter_map(|variable| {
            let constant = session.lowered.columns.get(&variable.column)?;
            let value = model.eval(constant, true)?;
            Some((variable, value))
        })
        .collect()
}

/// W0604: a declared variable the requirements pin to one value: having seen one value
/// in a solution, ask whether any solution has another.
fn forced(
    session: &mut Session,
    candidates: Vec<(&DeclaredVariable, Real)>,
    diagnostics: &mut Vec<Diagnostic>,
    statistics: &mut Statistics,
) {
    let everything: Vec<usize> = (0..session.specification.requirements.len()).collect();
    for (variable, value) in candidates {
        if session.gave_up() {
            return;
        }
        let Some(constant) = session.lowered.columns.get(&variable.column).cloned() else {
            continue;
        };
        let described = Goal::Moves(variable.column);
        if session.certainly_satisfiable(&everything, described) {
            continue;
        }
        let different = Bool::or(&[constant.lt(&value), constant.gt(&value)]);
        let goal = session.goal(&different);
        match session.ask(&everything, Some(&goal)) {
            Outcome::Satisfiable => {}
            Outcome::Unknown => diagnostics.push(session.undecided(
                &format!("whether `{}` can take more than one value", variable.name),
                Some((variable.span, "this variable")),
            )),
            Outcome::Unsatisfiable(core) => {
                let core = session.minimise(core, Some(&goal), described);
                // A domain `in [v, v]` pins its variable on purpose and says so itself.
                let own_domain = |member: &usize| {
                    session.specification.requirements[*member].origin
                        == Origin::Domain {
                            column: variable.column,
                        }
                };
                if core.requirements.iter().all(own_domain) {
                    continue;
                }
                statistics.core_sizes.push(core.requirements.len());
                let shown = parse_numeral(&value.to_string())
                    .map(|exact| display_rational(&exact))
                    .unwrap_or_else(|| value.to_string());
                let mut diagnostic = Diagnostic::new(
                    Code::ForcedValue,
                    format!(
                        "the requirements force `{}` to the single value {shown}",
                        variable.name
                    ),
                )
                .primary(variable.span, format!("can only be {shown}"));
                for member in &core.requirements {
                    diagnostic = diagnostic.secondary(
                        session.span(*member),
                        session.member_message(*member, "forces it"),
                    );
                }
                diagnostics.push(
                    diagnostic
                        .note("correction can only ever set this column to that value")
                        .help("if the value is intended, say so with a domain `in [v, v]`; otherwise check the marked bounds"),
                );
            }
        }
    }
}

/// Reads a Z3 real numeral as Z3 prints it: `2.0`, `(- 2.0)`, `(/ 1.0 3.0)`, `(- (/ 1.0 3.0))`.
pub(super) fn parse_numeral(text: &str) -> Option<BigRational> {
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("(-")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return parse_numeral(inner).map(|value| -value);
    }
    if let Some(inner) = text
        .strip_prefix("(/")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let mut parts = inner.split_whitespace();
        let numerator = parse_numeral(parts.next()?)?;
        let denominator = parse_numeral(parts.next()?)?;
        if parts.next().is_some() || denominator == zero() {
            return None;
        }
        return Some(numerator / denominator);
    }
    let digits = text.strip_suffix(".0").unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some(BigRational::from_integer(digits.parse::<BigInt>().ok()?))
}

impl From<&Outcome> for Answer {
    fn from(outcome: &Outcome) -> Answer {
        match outcome {
            Outcome::Satisfiable => Answer::Satisfiable,
            Outcome::Unsatisfiable(_) => Answer::Unsatisfiable,
            Outcome::Unknown => Answer::Unknown,
        }
    }
}

/// Whether a whole specification can hold, answered by the direct lowering.
pub fn satisfiability(specification: &Specification, options: &SolverOptions) -> Answer {
    let Ok(lowered) = lower::lower(specification) else {
        return Answer::Unknown;
    };
    let mut session = Session::new(specification, lowered, options);
    let everything: Vec<usize> = (0..specification.requirements.len()).collect();
    Answer::from(&session.ask(&everything, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::Arc;

    #[test]
    fn cancelled_checks_ask_the_solver_nothing() {
        let source = "ordering y_0 y_1\ny_0 >= 3\ny_0 >= 2\ny_1 <= y_0\n";
        let specification = crate::check::specification_of(source);
        let cancelled = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let options = SolverOptions {
            cancelled: Some(cancelled.clone()),
            ..SolverOptions::default()
        };
        let (diagnostics, statistics) = analyse(&specification, &[], &options);
        assert!(statistics.queries > 2, "{statistics:?}");
        assert!(diagnostics
            .iter()
            .any(|diagnostic| diagnostic.code == Code::Implied));
        cancelled.store(true, std::sync::atomic::Ordering::Relaxed);
        let (diagnostics, statistics) = analyse(&specification, &[], &options);
        assert_eq!(statistics.queries, 0);
        assert!(diagnostics
            .iter()
            .all(|diagnostic| diagnostic.code == Code::SolverUnknown));
    }

    #[test]
    fn z3_numerals_parse_exactly() {
        let third = BigRational::new(BigInt::from(1), BigInt::from(3));
        assert_eq!(parse_numeral("(/ 1.0 3.0)"), Some(third.clone()));
        assert_eq!(parse_numeral("(- (/ 1.0 3.0))"), Some(-third));
        assert_eq!(
            parse_numeral("2.0"),
            Some(BigRational::from_integer(BigInt::from(2)))
        );
        assert_eq!(
            parse_numeral("(- 7)"),
            Some(BigRational::from_integer(BigInt::from(-7)))
        );
        assert_eq!(parse_numeral("root-obj"), None);
        assert_eq!(parse_numeral("(/ 1.0 0.0)"), None);
    }

    #[test]
    fn lists_read_as_english() {
        let items = |words: &[&str]| {
            words
                .iter()
                .map(|word| word.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(list(&items(&["a"])), "a");
        assert_eq!(list(&items(&["a", "b"])), "a and b");
        assert_eq!(list(&items(&["a", "b", "c"])), "a, b and c");
    }
}
