//! `reqc verify`: proofs, in exact real arithmetic with Z3, that a built shield is sound
//! (its levels imply every requirement) and complete (every level clause follows from the
//! requirements, and every level has a solution whenever the earlier ones hold).
//!
//! Every counterexample is re-run through the float interpreter before it is reported as
//! a fault of the shield; one the interpreter does not reproduce is reported as such.

use super::lower::{conjunction, disjunction, inequality, RejectedNumeral, Terms};
use super::{decided, timeout_milliseconds, SolverOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::linear::Inequality;
use crate::number::{float_to_rational, parse_decimal, FloatFormat};
use crate::shield::correct::{Interpreter, RequirementChecker, RowOutcome};
use crate::shield::exact::nearest_finite;
use crate::shield::{Shield, ShieldClause};
use crate::spec::Specification;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use z3::ast::{Ast, Bool, Real};
use z3::{Params, SatResult, Solver};

/// What `verify` established, and the diagnostics for what it could not.
#[derive(Clone, Debug, Default)]
pub struct Verification {
    /// Counterexamples and undecided obligations, in a deterministic order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many levels the shield has.
    pub levels: usize,
    /// How many proof obligations there were in all.
    pub obligations: usize,
    /// How many were proved by Z3 (the rest of the proved ones by inclusion of clauses).
    pub proved_by_solver: usize,
    /// How many were proved without Z3, because one clause is literally part of another.
    pub proved_by_inclusion: usize,
    /// How many Z3 refuted or left undecided.
    pub failed: usize,
    /// The rows Z3 found that refute an obligation, exactly as its models gave them.
    pub counterexamples: Vec<Counterexample>,
    pub elapsed: Duration,
}

/// A row that refutes a proof obligation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterexample {
    pub obligation: Obligation,
    /// The value of every column, exact (columns the obligation does not involve are zero).
    pub row: Vec<BigRational>,
    /// Whether the float interpreter, given the row rounded to f64, shows the same fault.
    pub reproduced: bool,
}

/// What a counterexample refutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Obligation {
    /// The levels imply requirement `requirement`.
    Sound { requirement: usize },
    /// The requirements imply clause `clause` of the level at `level` (`None`: input condition `clause`).
    Implied { level: Option<usize>, clause: usize },
    /// Whenever the earlier levels hold, the level at `level` has a solution.
    Nonempty { level: usize },
}

impl Verification {
    /// Whether every obligation was proved.
    pub fn proved(&self) -> bool {
        self.failed == 0
    }

    /// The answer in one word: `proved`, `counterexample` (some obligation refuted) or
    /// `unknown` (none refuted, some undecided).
    pub fn answer(&self) -> &'static str {
        if self.proved() {
            "proved"
        } else if self.counterexamples.is_empty() {
            "unknown"
        } else {
            "counterexample"
        }
    }

    /// The machine-readable summary printed last by `reqc verify --message-format json`.
    pub fn summary(&self, specification: &Specification) -> VerificationSummary {
        VerificationSummary {
            answer: self.answer(),
            levels: self.levels,
            obligations: self.obligations,
            proved_by_solver: self.proved_by_solver,
            proved_by_inclusion: self.proved_by_inclusion,
            failed: self.failed,
            counterexamples: self
                .counterexamples
                .iter()
                .map(|counterexample| CounterexampleSummary {
                    obligation: match counterexample.obligation {
                        Obligation::Sound { requirement } => {
                            format!("sound: {}", specification.requirements[requirement].label())
                        }
                        Obligation::Implied {
                            level: Some(level),
                            clause,
                        } => format!("implied: clause {clause} of level {level}"),
                        Obligation::Implied {
                            level: None,
                            clause,
                        } => format!("implied: input condition {clause}"),
                        Obligation::Nonempty { level } => format!("nonempty: level {level}"),
                    },
                    row: counterexample
                        .row
                        .iter()
                        .enumerate()
                        .map(|(column, value)| ColumnValue {
                            column,
                            name: specification.column_name(column),
                            value: value.to_string(),
                        })
                        .collect(),
                    reproduced: counterexample.reproduced,
                })
                .collect(),
        }
    }
}

/// What `reqc verify --message-format json` prints after the diagnostics, as one line
/// `{"verification": ...}`.
#[derive(Clone, Debug, Serialize)]
pub struct VerificationSummary {
    pub answer: &'static str,
    pub levels: usize,
    pub obligations: usize,
    pub proved_by_solver: usize,
    pub proved_by_inclusion: usize,
    pub failed: usize,
    pub counterexamples: Vec<CounterexampleSummary>,
}

/// A counterexample in the JSON summary: exact values as `numerator/denominator` strings.
#[derive(Clone, Debug, Serialize)]
pub struct CounterexampleSummary {
    pub obligation: String,
    /// Every column's exact value, in column order.
    pub row: Vec<ColumnValue>,
    pub reproduced: bool,
}

/// One column of a counterexample row.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnValue {
    pub column: usize,
    pub name: String,
    /// Exact: an integer or `numerator/denominator`.
    pub value: String,
}

/// The result of one query: proved, refuted with a model's row, or undecided.
enum Outcome {
    Proved,
    Refuted(Vec<BigRational>),
    Undecided,
}

/// A solver for one family of obligations, with its time limit.
struct Prover {
    solver: Solver,
    timeout: Duration,
}

impl Prover {
    fn new(logic: Option<&str>, options: &SolverOptions) -> Prover {
        let solver = logic.and_then(Solver::new_for_logic).unwrap_or_default();
        let mut parameters = Params::new();
        parameters.set_u32("timeout", timeout_milliseconds(options.timeout));
        solver.set_params(&parameters);
        Prover {
            solver,
            timeout: options.timeout,
        }
    }

    /// Whether `assumption` can hold with what is asserted; unsat means the obligation is proved.
    fn refute(&self, assumption: &Bool, terms: &Terms, columns: usize) -> Outcome {
        let started = Instant::now();
        let result = self
            .solver
            .check_assumptions(std::slice::from_ref(assumption));
        match decided(result, started, self.timeout) {
            SatResult::Unsat => Outcome::Proved,
            SatResult::Unknown => Outcome::Undecided,
            SatResult::Sat => match self
                .solver
                .get_model()
                .and_then(|model| row_of(&model, terms, columns))
            {
                Some(row) => Outcome::Refuted(row),
                None => Outcome::Undecided,
            },
        }
    }
}

/// The model's value of every column (zero for columns it does not constrain).
fn row_of(model: &z3::Model, terms: &Terms, columns: usize) -> Option<Vec<BigRational>> {
    let mut row = vec![BigRational::zero(); columns];
    for (column, constant) in &terms.columns {
        let value = model.eval(constant, true)?;
        if let Some(slot) = row.get_mut(*column) {
            *slot = rational_of(&value.to_string())?;
        }
    }
    Some(row)
}

/// Reads Z3's printed form of a rational numeral: `12.0`, `(/ 1.0 3.0)`, `(- (/ 1.0 3.0))`.
pub(super) fn rational_of(text: &str) -> Option<BigRational> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut position = 0;
    let value = expression(&tokens, &mut position)?;
    (position == tokens.len()).then_some(value)
}

fn expression(tokens: &[&str], position: &mut usize) -> Option<BigRational> {
    let token = *tokens.get(*position)?;
    *position += 1;
    if token != "(" {
        return parse_decimal(token);
    }
    let operator = *tokens.get(*position)?;
    *position += 1;
    let mut operands = Vec::new();
    while *tokens.get(*position)? != ")" {
        operands.push(expression(tokens, position)?);
    }
    *position += 1;
    match (operator, operands.as_slice()) {
        ("-", [value]) => Some(-value),
        ("-", [left, right]) => Some(left - right),
        ("/", [left, right]) if !right.is_zero() => Some(left / right),
        ("+", values) => Some(values.iter().cloned().sum()),
        ("*", values) => Some(values.iter().cloned().product()),
        _ => None,
    }
}

/// A clause's literals in canonical form, for deciding inclusion of one clause in another.
fn canonical_literals(literals: &[Inequality]) -> BTreeSet<String> {
    literals
        .iter()
        .map(|literal| format!("{:?}", literal.canonical()))
        .collect()
}

fn lower_clause(literals: &[Inequality], terms: &mut Terms) -> Result<Bool, RejectedNumeral> {
    let lowered = literals
        .iter()
        .map(|literal| inequality(literal, terms))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(disjunction(&lowered))
}

fn lower_clauses(
    clauses: &[ShieldClause],
    terms: &mut Terms,
) -> Result<Vec<Bool>, RejectedNumeral> {
    clauses
        .iter()
        .map(|clause| lower_clause(&clause.literals, terms))
        .collect()
}

/// A row of rationals as the nearest f64 values, as the interpreter sees it.
fn floats_of(row: &[BigRational]) -> Vec<f64> {
    row.iter()
        .map(|value| nearest_finite(value, FloatFormat::F64))
        .collect()
}

/// Renders a row's values with the file's names, each exactly: a decimal when it has a
/// finite one, else a fraction, followed by the nearest f64 when that differs.
fn render_row(specification: &Specification, row: &[BigRational], columns: &[usize]) -> String {
    columns
        .iter()
        .map(|&column| {
            format!(
                "{} = {}",
                specification.column_name(column),
                exact_text(&row[column])
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rational exactly, as a decimal when its denominator has no prime factor but 2 and
/// 5 (and the decimal is short), else as `numerator/denominator`, with `≈ f64` appended
/// when the value is not itself an f64.
fn exact_text(value: &BigRational) -> String {
    let nearest = nearest_finite(value, FloatFormat::F64);
    let written = decimal(value).unwrap_or_else(|| value.to_string());
    if float_to_rational(nearest).as_ref() == Some(value) {
        written
    } else {
        format!("{written} (≈ {nearest})")
    }
}

/// The finite decimal expansion of a rational, if it has one of at most 60 digits.
fn decimal(value: &BigRational) -> Option<String> {
    use num_bigint::BigInt;
    let ten = BigInt::from(10);
    let mut scaled = value.abs();
    let mut digits = 0usize;
    while !scaled.is_integer() {
        if digits == 60 {
            return None;
        }
        scaled *= BigRational::from_integer(ten.clone());
        digits += 1;
    }
    let integer = scaled.to_integer().to_string();
    let padded = format!("{integer:0>width$}", width = digits + 1);
    let (whole, fraction) = padded.split_at(padded.len() - digits);
    let sign = if value.is_negative() { "-" } else { "" };
    Some(if digits == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// What the interpreter did with a row, in words.
fn did(outcome: RowOutcome) -> &'static str {
    match outcome {
        RowOutcome::Unchanged => "left it unchanged",
        RowOutcome::Corrected => "corrected it",
        RowOutcome::Inexact => "could only correct it inexactly",
        RowOutcome::Impossible => "found no correction",
    }
}

/// The columns a set of inequalities mentions, sorted.
fn mentioned<'a>(literals: impl Iterator<Item = &'a Inequality>) -> Vec<usize> {
    let columns: BTreeSet<usize> = literals.flat_map(|literal| literal.columns()).collect();
    columns.into_iter().collect()
}

/// How `verify` works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The time limit of each Z3 query.
    pub solver: SolverOptions,
    /// Whether obligations that hold syntactically (a clause literally contained in
    /// another, a level bounded on one side only) are settled without Z3. Turning this
    /// off sends every obligation to Z3, which is slower and proves the same.
    pub shortcuts: bool,
}

/// Verifies a shield against the specification it was built from. Each Z3 query has the
/// time limit of `options.solver`; an answer arriving after it counts as undecided.
pub fn verify(
    shield: &Shield,
    specification: &Specification,
    options: &VerifyOptions,
) -> Verification {
    let started = Instant::now();
    let mut verification = Verification {
        levels: shield.levels.len(),
        ..Verification::default()
    };
    let interpreter = Interpreter::new(shield, FloatFormat::F64);
    if let Err(RejectedNumeral(numeral)) = soundness(
        shield,
        specification,
        options,
        &interpreter,
        &mut verification,
    )
    .and_then(|()| {
        implied_clauses(
            shield,
            specification,
            options,
            &interpreter,
            &mut verification,
        )
    })
    .and_then(|()| {
        level_completeness(
            shield,
            specification,
            options,
            &interpreter,
            &mut verification,
        )
    }) {
        verification.failed += 1;
        verification.diagnostics.push(Diagnostic::new(
            Code::VerificationUndecided,
            format!("Z3 rejected the numeral {numeral}, so the shield could not be verified"),
        ));
    }
    crate::diagnostics::sort(&mut verification.diagnostics);
    verification.elapsed = started.elapsed();
    verification
}

fn undecided(span: crate::span::Span, what: String, options: &SolverOptions) -> Diagnostic {
    Diagnostic::new(
        Code::VerificationUndecided,
        format!("could not decide in time whether {what}"),
    )
    .primary(span, "this obligation is neither proved nor refuted")
    .note(format!(
        "each query may take {:.3} s; an answer arriving after that counts as undecided",
        options.timeout.as_secs_f64()
    ))
    .help("raise the limit with `--timeout SECONDS`")
}

/// Soundness: the input conditions and every level together imply each requirement.
fn soundness(
    shield: &Shield,
    specification: &Specification,
    options: &VerifyOptions,
    interpreter: &Interpreter,
    verification: &mut Verification,
) -> Result<(), RejectedNumeral> {
    let mut terms = Terms::default();
    let prover = Prover::new(Some("QF_LRA"), &options.solver);
    let all_clauses: Vec<&ShieldClause> = shield
        .input_clauses
        .iter()
        .chain(shield.levels.iter().flat_map(|level| &level.clauses))
        .collect();
    let included: Vec<BTreeSet<String>> = all_clauses
        .iter()
        .map(|clause| canonical_literals(&clause.literals))
        .collect();
    for clause in &all_clauses {
        prover
            .solver
            .assert(&lower_clause(&clause.literals, &mut terms)?);
    }
    for (index, requirement) in specification.requirements.iter().enumerate() {
        verification.obligations += 1;
        // A requirement clause containing every literal of some shield clause is implied by it.
        let literally_implied = requirement.clauses.iter().all(|clause| {
            let literals: Vec<Inequality> = clause
                .disjuncts
                .iter()
                .map(|disjunct| disjunct.inequality.clone())
                .collect();
            let wanted = canonical_literals(&literals);
            included
                .iter()
                .any(|shield_clause| shield_clause.is_subset(&wanted))
        });
        if options.shortcuts && literally_implied {
            verification.proved_by_inclusion += 1;
            continue;
        }
        let mut clause_formulas = Vec::new();
        for clause in &requirement.clauses {
            let literals: Vec<Inequality> = clause
                .disjuncts
                .iter()
                .map(|disjunct| disjunct.inequality.clone())
                .collect();
            clause_formulas.push(lower_clause(&literals, &mut terms)?);
        }
        let guard = Bool::new_const(format!("violates_{index}"));
        prover
            .solver
            .assert(guard.implies(conjunction(&clause_formulas).not()));
        match prover.refute(&guard, &terms, specification.columns) {
            Outcome::Proved => verification.proved_by_solver += 1,
            Outcome::Undecided => {
                verification.failed += 1;
                verification.diagnostics.push(undecided(
                    requirement.span,
                    format!("the shield guarantees {}", requirement.label()),
                    &options.solver,
                ));
            }
            Outcome::Refuted(row) => {
                verification.failed += 1;
                let (diagnostic, reproduced) =
                    soundness_counterexample(specification, interpreter, index, &row);
                verification.diagnostics.push(diagnostic);
                verification.counterexamples.push(Counterexample {
                    obligation: Obligation::Sound { requirement: index },
                    row,
                    reproduced,
                });
            }
        }
    }
    Ok(())
}

/// Reports a real row that meets every level but violates requirement `index`, after
/// re-running it through the interpreter.
fn soundness_counterexample(
    specification: &Specification,
    interpreter: &Interpreter,
    index: usize,
    row: &[BigRational],
) -> (Diagnostic, bool) {
    let requirement = &specification.requirements[index];
    let columns = mentioned(
        requirement
            .clauses
            .iter()
            .flat_map(|clause| clause.disjuncts.iter().map(|disjunct| &disjunct.inequality)),
    );
    let input = floats_of(row);
    let mut output = input.clone();
    let outcome = interpreter.correct_row(&mut output);
    let reproduced = matches!(outcome, RowOutcome::Unchanged | RowOutcome::Corrected)
        && !RequirementChecker::new(specification).holds(index, &output);
    let shown = |values: &[f64]| {
        columns
            .iter()
            .map(|&column| format!("{} = {}", specification.column_name(column), values[column]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let diagnostic = if reproduced {
        Diagnostic::new(
            Code::UnsoundShield,
            format!(
                "the shield lets through a row that violates {}",
                requirement.label()
            ),
        )
        .primary(requirement.span, "violated by a row the shield accepts")
        .note(format!(
            "the levels hold but this requirement does not at {}",
            render_row(specification, row, &columns)
        ))
        .note(format!(
            "the interpreter reproduces it: it {} as {}, which violates the requirement exactly",
            did(outcome),
            shown(&output)
        ))
        .help("this is a fault in elimination; please report it with this file")
    } else {
        Diagnostic::new(
            Code::UnreproducedCounterexample,
            format!(
                "the levels do not imply {} over the reals, but the float interpreter does not reproduce the counterexample",
                requirement.label()
            ),
        )
        .primary(requirement.span, "not implied by the levels over the reals")
        .note(format!(
            "the levels hold but this requirement does not at {}",
            render_row(specification, row, &columns)
        ))
        .note(format!(
            "rounded to f64, that row is {}, and the interpreter {}: the requirement holds there, or the output is not guaranteed",
            shown(&output),
            did(outcome)
        ))
        .help("the shield is not proved sound; please report it with this file")
    };
    (diagnostic, reproduced)
}

/// Completeness, first half: every level clause and input condition follows from the requirements.
fn implied_clauses(
    shield: &Shield,
    specification: &Specification,
    options: &VerifyOptions,
    interpreter: &Interpreter,
    verification: &mut Verification,
) -> Result<(), RejectedNumeral> {
    let mut terms = Terms::default();
    let prover = Prover::new(Some("QF_LRA"), &options.solver);
    let mut requirement_clauses = Vec::new();
    for (_, clause) in specification.clauses() {
        let literals: Vec<Inequality> = clause
            .disjuncts
            .iter()
            .map(|disjunct| disjunct.inequality.clone())
            .collect();
        prover.solver.assert(&lower_clause(&literals, &mut terms)?);
        requirement_clauses.push(canonical_literals(&literals));
    }
    let checker = RequirementChecker::new(specification);
    let clauses = shield
        .input_clauses
        .iter()
        .enumerate()
        .map(|(index, clause)| (None, index, clause))
        .chain(
            shield
                .levels
                .iter()
                .enumerate()
                .flat_map(|(position, level)| {
                    level
                        .clauses
                        .iter()
                        .enumerate()
                        .map(move |(index, clause)| (Some(position), index, clause))
                }),
        );
    for (number, (level, index, clause)) in clauses.enumerate() {
        let column = level.map(|position| shield.levels[position].column);
        verification.obligations += 1;
        let literals = canonical_literals(&clause.literals);
        if options.shortcuts
            && requirement_clauses
                .iter()
                .any(|requirement| requirement.is_subset(&literals))
        {
            verification.proved_by_inclusion += 1;
            continue;
        }
        let guard = Bool::new_const(format!("rejects_{number}"));
        prover
            .solver
            .assert(guard.implies(lower_clause(&clause.literals, &mut terms)?.not()));
        let span = clause
            .origins
            .iter()
            .next()
            .map(|&origin| specification.requirements[origin].span)
            .unwrap_or_default();
        let rendered = clause
            .literals
            .iter()
            .map(|literal| literal.render(&|column| specification.column_name(column)))
            .collect::<Vec<_>>()
            .join(" or ");
        let place = match column {
            Some(column) => format!("the level of `{}`", specification.column_name(column)),
            None => "the input conditions".to_string(),
        };
        match prover.refute(&guard, &terms, specification.columns) {
            Outcome::Proved => verification.proved_by_solver += 1,
            Outcome::Undecided => {
                verification.failed += 1;
                verification.diagnostics.push(undecided(
                    span,
                    format!("the requirements imply `{rendered}` of {place}"),
                    &options.solver,
                ));
            }
            Outcome::Refuted(row) => {
                verification.failed += 1;
                let input = floats_of(&row);
                let mut output = input.clone();
                let outcome = interpreter.correct_row(&mut output);
                let reproduced = checker.all_hold(&input) && outcome != RowOutcome::Unchanged;
                let columns = mentioned(clause.literals.iter());
                let mut diagnostic = Diagnostic::new(
                    Code::IncompleteShield,
                    format!("{place} rejects rows that meet every requirement"),
                )
                .primary(span, "the clause was derived from this requirement")
                .note(format!(
                    "the clause `{rendered}` does not follow from the requirements: every requirement holds but the clause does not at {}",
                    render_row(specification, &row, &columns)
                ));
                diagnostic = if reproduced {
                    diagnostic.note(format!(
                        "the interpreter reproduces it: that row, rounded to f64, meets every requirement, yet the interpreter {}", did(outcome)
                    ))
                } else {
                    diagnostic.note(format!(
                        "the interpreter does not reproduce it on floats: rounded to f64 the row {} and the interpreter {}",
                        if checker.all_hold(&input) { "meets every requirement" } else { "no longer meets every requirement" },
                        did(outcome)
                    ))
                };
                verification.diagnostics.push(
                    diagnostic
                        .help("this is a fault in elimination; please report it with this file"),
                );
                verification.counterexamples.push(Counterexample {
                    obligation: Obligation::Implied {
                        level,
                        clause: index,
                    },
                    row,
                    reproduced,
                });
            }
        }
    }
    Ok(())
}

/// The bounds a level's literals put on its column, each as `sum coefficient*y_j + constant`
/// over the other columns, without repeats.
fn bounds_of(
    literals: &[&Inequality],
    column: usize,
) -> Vec<(Vec<(usize, BigRational)>, BigRational)> {
    let mut found = BTreeSet::new();
    for literal in literals {
        let coefficient = literal.coefficient(column);
        if coefficient.is_zero() {
            continue;
        }
        // a*x + rest >= c  gives the boundary x = (c - rest) / a.
        let terms: Vec<(usize, BigRational)> = literal
            .terms
            .iter()
            .filter(|(other, _)| *other != column)
            .map(|(other, value)| (*other, -value / &coefficient))
            .collect();
        found.insert((terms, &literal.constant / &coefficient));
    }
    found.into_iter().collect()
}

/// A linear expression `sum coefficient*y_j + constant` in Z3 form.
fn expression_of(
    terms_of: &[(usize, BigRational)],
    constant: &BigRational,
    terms: &mut Terms,
) -> Result<Real, RejectedNumeral> {
    let mut parts = vec![terms.numeral(constant)?];
    for (column, coefficient) in terms_of {
        parts.push(Real::mul(&[
            terms.numeral(coefficient)?,
            terms.column(*column),
        ]));
    }
    Ok(Real::add(&parts))
}

/// "Some value of the column meets the level", without a quantifier: the values the
/// level's clauses can tell apart are separated by its boundaries `b_i`, so a solution
/// exists exactly when one exists among the boundaries, their pairwise midpoints, and
/// one beyond each boundary (`b_i - 1`, `b_i + 1`): every point, open interval between
/// consecutive boundaries and unbounded ray of the line contains one of them.
fn solvable(
    level: &crate::shield::Level,
    formula: &Bool,
    terms: &mut Terms,
) -> Result<Bool, RejectedNumeral> {
    let literals: Vec<&Inequality> = level
        .clauses
        .iter()
        .flat_map(|clause| &clause.literals)
        .collect();
    let bounds = bounds_of(&literals, level.column);
    let variable = terms.column(level.column);
    let one = BigRational::from_integer(1.into());
    let half = BigRational::new(1.into(), 2.into());
    let mut points = Vec::new();
    for (index, (linear, constant)) in bounds.iter().enumerate() {
        points.push(expression_of(linear, constant, terms)?);
        points.push(expression_of(linear, &(constant - &one), terms)?);
        points.push(expression_of(linear, &(constant + &one), terms)?);
        for (other_linear, other_constant) in &bounds[index + 1..] {
            let mut sum: BTreeMap<usize, BigRational> = BTreeMap::new();
            for (column, coefficient) in linear.iter().chain(other_linear) {
                *sum.entry(*column).or_insert_with(BigRational::zero) += coefficient * &half;
            }
            let midpoint: Vec<(usize, BigRational)> = sum
                .into_iter()
                .filter(|(_, coefficient)| !coefficient.is_zero())
                .collect();
            points.push(expression_of(
                &midpoint,
                &((constant + other_constant) * &half),
                terms,
            )?);
        }
    }
    if points.is_empty() {
        points.push(terms.numeral(&BigRational::zero())?);
    }
    let instances: Vec<Bool> = points
        .iter()
        .map(|point| formula.substitute(&[(&variable, point)]))
        .collect();
    Ok(disjunction(&instances))
}

/// Completeness, second half: whenever the input conditions and the levels before `k`
/// hold, level `k` has a real solution: `earlier ∧ ¬∃x_k level_k` must be unsatisfiable,
/// with the existential quantifier expanded over finitely many test points ([`solvable`]).
fn level_completeness(
    shield: &Shield,
    specification: &Specification,
    options: &VerifyOptions,
    interpreter: &Interpreter,
    verification: &mut Verification,
) -> Result<(), RejectedNumeral> {
    let mut terms = Terms::default();
    let prover = Prover::new(Some("QF_LRA"), &options.solver);
    for formula in lower_clauses(&shield.input_clauses, &mut terms)? {
        prover.solver.assert(&formula);
    }
    for (position, level) in shield.levels.iter().enumerate() {
        verification.obligations += 1;
        let column = level.column;
        let formulas = lower_clauses(&level.clauses, &mut terms)?;
        // When every clause bounds the column from below (or every one from above), a large
        // enough (small enough) value meets them all: no solver is needed.
        let bounded = |positive: bool| {
            level.clauses.iter().all(|clause| {
                clause.literals.iter().any(|literal| {
                    let coefficient = literal.coefficient(column);
                    if positive {
                        coefficient.is_positive()
                    } else {
                        coefficient.is_negative()
                    }
                })
            })
        };
        if options.shortcuts && (bounded(true) || bounded(false)) {
            verification.proved_by_inclusion += 1;
        } else {
            let level_formula = conjunction(&formulas);
            let none = solvable(level, &level_formula, &mut terms)?.not();
            let guard = Bool::new_const(format!("empty_level_{position}"));
            prover.solver.assert(guard.implies(&none));
            match prover.refute(&guard, &terms, specification.columns) {
                Outcome::Proved => verification.proved_by_solver += 1,
                Outcome::Undecided => {
                    verification.failed += 1;
                    verification.diagnostics.push(undecided(
                        specification.ordering_span.unwrap_or_default(),
                        format!(
                            "the level of `{}` always has a solution",
                            specification.column_name(column)
                        ),
                        &options.solver,
                    ));
                }
                Outcome::Refuted(mut row) => {
                    verification.failed += 1;
                    // The model's values of this and later columns are meaningless under the quantifier.
                    for later in &shield.levels[position..] {
                        row[later.column] = BigRational::zero();
                    }
                    let earlier: Vec<usize> = shield.levels[..position]
                        .iter()
                        .map(|level| level.column)
                        .chain(specification.inputs.iter().copied())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    let mut output = floats_of(&row);
                    let outcome = interpreter.correct_row(&mut output);
                    let checker = RequirementChecker::new(specification);
                    let reproduced = outcome == RowOutcome::Inexact || !checker.all_hold(&output);
                    let note = match outcome {
                        RowOutcome::Inexact => "the interpreter reproduces it: it can only correct such a row inexactly".to_string(),
                        _ if reproduced => format!("the interpreter reproduces it: it {} to one that violates a requirement", did(outcome).replace(" it", " such a row")),
                        _ => format!("the interpreter does not reproduce it on floats: rounded to f64, it {} and the result meets every requirement", did(outcome)),
                    };
                    verification.diagnostics.push(
                        Diagnostic::new(
                            Code::IncompleteShield,
                            format!(
                                "the level of `{}` can be empty although the earlier levels hold",
                                specification.column_name(column)
                            ),
                        )
                        .primary(
                            specification.ordering_span.unwrap_or_default(),
                            "elimination along this ordering lost a condition",
                        )
                        .note(format!(
                            "no value of `{}` meets its level at {}",
                            specification.column_name(column),
                            if earlier.is_empty() {
                                "any row".to_string()
                            } else {
                                render_row(specification, &row, &earlier)
                            }
                        ))
                        .note(note)
                        .help("this is a fault in elimination; please report it with this file"),
                    );
                    verification.counterexamples.push(Counterexample {
                        obligation: Obligation::Nonempty { level: position },
                        row,
                        reproduced,
                    });
                }
            }
        }
        for formula in formulas {
            prover.solver.assert(&formula);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_values_read_exactly() {
        let read = |text: &str| rational_of(text).map(|value| value.to_string());
        assert_eq!(read("12.0").as_deref(), Some("12"));
        assert_eq!(read("(/ 1.0 3.0)").as_deref(), Some("1/3"));
        assert_eq!(
            read("(- (/ 13.0\n 200000.0))").as_deref(),
            Some("-13/200000")
        );
        assert_eq!(read("(- 3.0)").as_deref(), Some("-3"));
        assert_eq!(read("(/ 1.0 0.0)"), None);
        assert_eq!(read("(root-obj (+ (^ x 2) (- 2)) 1)"), None);
        assert_eq!(read("(/ 1.0"), None);
    }
}
