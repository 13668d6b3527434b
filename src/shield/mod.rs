//! The shield: exact variable elimination into per-variable levels, and the reference interpreter that corrects predictions.
//!
//! Invariants: elimination is exact (each level is the projection of the
//! requirements onto the earlier variables), so correction never meets an
//! empty level unless the row's fixed inputs make the requirements
//! impossible; the interpreter decides every comparison exactly on floats. It
//! knows nothing of Z3 or LLVM; compiled kernels must match it bit for bit.

pub mod correct;
mod eliminate;
pub mod exact;
pub mod gradient;
pub mod ordering;

use crate::diagnostics::{Code, Diagnostic};
use crate::linear::Inequality;
use crate::spec::Specification;
pub use eliminate::Limits;
use serde::Serialize;
use std::collections::BTreeSet;

/// One clause of a level: a disjunction of inequalities, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShieldClause {
    pub literals: Vec<Inequality>,
    /// Indices of the requirements this clause was derived from.
    pub origins: BTreeSet<usize>,
    /// For clauses derived by pure Fourier–Motzkin from single-inequality clauses:
    /// the original clauses combined (Chernikov's rule prunes on its size).
    pub(crate) history: Option<BTreeSet<usize>>,
}

/// The constraints that bound one variable given the earlier ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    pub column: usize,
    /// Clauses over this column and earlier ones (and inputs), each mentioning this column.
    pub clauses: Vec<ShieldClause>,
}

impl Level {
    /// Every column the level's clauses mention, sorted: when the level has no solution,
    /// only earlier levels of these columns can change that directly (the completion
    /// search's backjumping).
    pub fn mentions(&self) -> Vec<usize> {
        let mut mentions: Vec<usize> = self
            .clauses
            .iter()
            .flat_map(|clause| clause.literals.iter().flat_map(|literal| literal.columns()))
            .collect();
        mentions.sort_unstable();
        mentions.dedup();
        mentions
    }
}

/// A compiled shield: levels in correction order.
#[derive(Clone, Debug)]
pub struct Shield {
    pub columns: usize,
    pub ordering: Vec<usize>,
    pub levels: Vec<Level>,
    /// What the fixed input columns must satisfy for any correction to exist.
    pub input_clauses: Vec<ShieldClause>,
}

impl Shield {
    /// The total number of clauses over all levels, a measure of the shield's size.
    pub fn size(&self) -> usize {
        self.levels
            .iter()
            .map(|level| level.clauses.len())
            .sum::<usize>()
            + self.input_clauses.len()
    }

    /// Per level (and one past the last), the first level from it on that the completion
    /// search visits. A level without clauses whose column no later level mentions always
    /// keeps its value, and backjumping never returns to it (a failing level sends the
    /// search back only to the levels it mentions), so the search passes it by with the
    /// same outcome: on faults, 20 of 27 levels.
    pub fn next_visited_levels(&self) -> Vec<usize> {
        let count = self.levels.len();
        let mentions: Vec<Vec<usize>> = self.levels.iter().map(Level::mentions).collect();
        let mut next = vec![count; count + 1];
        for (index, level) in self.levels.iter().enumerate().rev() {
            let mentioned_later = mentions[index + 1..]
                .iter()
                .any(|later| later.binary_search(&level.column).is_ok());
            next[index] = if level.clauses.is_empty() && !mentioned_later {
                next[index + 1]
            } else {
                index
            };
        }
        next
    }
}

/// The clauses of a specification, each tagged with its requirement and, when it is a
/// single inequality, a fresh history for Chernikov's rule.
fn clauses_of(
    specification: &Specification,
    selected: &dyn Fn(usize) -> bool,
) -> Vec<ShieldClause> {
    let mut clauses = Vec::new();
    let mut next_history = 0;
    for (index, clause) in specification.clauses() {
        if !selected(index) {
            continue;
        }
        let literals: Vec<Inequality> = clause
            .disjuncts
            .iter()
            .map(|disjunct| disjunct.inequality.clone())
            .collect();
        let Some(literals) = eliminate::simplify(literals) else {
            continue;
        };
        let history = (literals.len() == 1).then(|| {
            next_history += 1;
            BTreeSet::from([next_history])
        });
        clauses.push(ShieldClause {
            literals,
            origins: BTreeSet::from([index]),
            history,
        });
    }
    clauses
}

fn positions(specification: &Specification, ordering: &[usize]) -> Vec<Option<usize>> {
    let mut position = vec![None; specification.columns];
    for (index, column) in ordering.iter().enumerate() {
        position[*column] = Some(index);
    }
    position
}

/// Builds the shield of a checked specification along `ordering` (a permutation of its ordered columns).
pub fn build(
    specification: &Specification,
    ordering: &[usize],
    limits: Limits,
) -> Result<Shield, Vec<Diagnostic>> {
    let position = positions(specification, ordering);
    let clauses = clauses_of(specification, &|_| true);
    match eliminate::eliminate(clauses, ordering, &position, limits) {
        Ok(eliminated) => Ok(Shield {
            columns: specification.columns,
            ordering: ordering.to_vec(),
            levels: eliminated.levels,
            input_clauses: eliminated.input_clauses,
        }),
        Err(eliminate::Failure::Infeasible { origins }) => {
            let core = minimise_core(specification, ordering, &position, origins, limits);
            Err(vec![infeasible(specification, &core)])
        }
        Err(eliminate::Failure::TooLarge { column, clauses }) => Err(vec![Diagnostic::new(
            Code::EliminationTooLarge,
            format!(
                "eliminating `{}` grows past the limit of {} clauses per level ({clauses} so far)",
                specification.column_name(column),
                limits.clauses_per_level
            ),
        )
        .primary(
            specification.ordering_span.unwrap_or_default(),
            "the ordering decides the elimination order",
        )
        .note("elimination runs from the last variable of the ordering to the first; the size of each level depends on the order")
        .help("try `--ordering auto`, or move the variables that appear in many requirements earlier in the ordering")]),
    }
}

/// Shrinks an infeasible set of requirements to a minimal one by deletion.
fn minimise_core(
    specification: &Specification,
    ordering: &[usize],
    position: &[Option<usize>],
    origins: BTreeSet<usize>,
    limits: Limits,
) -> Vec<usize> {
    let mut core: Vec<usize> = origins.into_iter().collect();
    let mut index = 0;
    while index < core.len() {
        let candidate: Vec<usize> = core
            .iter()
            .copied()
            .filter(|&member| member != core[index])
            .collect();
        let clauses = clauses_of(specification, &|requirement| {
            candidate.contains(&requirement)
        });
        let still_infeasible = matches!(
            eliminate::eliminate(clauses, ordering, position, limits),
            Err(eliminate::Failure::Infeasible { .. })
        );
        if still_infeasible {
            core = candidate;
        } else {
            index += 1;
        }
    }
    core
}

fn infeasible(specification: &Specification, core: &[usize]) -> Diagnostic {
    let names: Vec<String> = core
        .iter()
        .map(|&index| specification.requirements[index].label())
        .collect();
    let mut diagnostic = Diagnostic::new(
        Code::InfeasibleRequirements,
        if core.len() == 1 {
            format!("the requirement {} can never hold", names[0])
        } else {
            format!("these {} requirements cannot all hold at once", core.len())
        },
    );
    for (position, &index) in core.iter().enumerate() {
        let requirement = &specification.requirements[index];
        let message = if position == 0 {
            "cannot hold together with the others marked"
        } else {
            "part of the conflict"
        };
        diagnostic = diagnostic.primary(requirement.span, message);
    }
    diagnostic
        .note(format!(
            "no prediction satisfies {}; removing any one of them removes the conflict",
            names.join(" and ")
        ))
        .help("correction is impossible until the requirements are consistent")
}

/// A readable and serialisable view of a shield, for `reqc compile --emit sets` and `sets-json`.
#[derive(Serialize)]
pub struct ShieldReport {
    pub columns: usize,
    pub ordering: Vec<String>,
    pub levels: Vec<LevelReport>,
    pub input_conditions: Vec<ClauseReport>,
}

#[derive(Serialize)]
pub struct LevelReport {
    pub variable: String,
    pub column: usize,
    pub clauses: Vec<ClauseReport>,
}

#[derive(Serialize)]
pub struct ClauseReport {
    /// The disjunction, rendered with the file's names.
    pub text: String,
    pub literals: Vec<LiteralReport>,
    /// Labels of the requirements it derives from.
    pub from: Vec<String>,
}

#[derive(Serialize)]
pub struct LiteralReport {
    /// `[column, numerator, denominator]` per term.
    pub terms: Vec<(usize, String, String)>,
    pub relation: &'static str,
    pub constant: (String, String),
}

impl LiteralReport {
    /// A literal with exact numerators and denominators as decimal strings.
    pub fn of(literal: &crate::linear::Inequality) -> LiteralReport {
        LiteralReport {
            terms: literal
                .terms
                .iter()
                .map(|(column, coefficient)| {
                    (
                        *column,
                        coefficient.numer().to_string(),
                        coefficient.denom().to_string(),
                    )
                })
                .collect(),
            relation: literal.relation.symbol(),
            constant: (
                literal.constant.numer().to_string(),
                literal.constant.denom().to_string(),
            ),
        }
    }
}

impl ShieldReport {
    pub fn new(shield: &Shield, specification: &Specification) -> ShieldReport {
        let name = |column: usize| specification.column_name(column);
        let clause = |clause: &ShieldClause| ClauseReport {
            text: clause
                .literals
                .iter()
                .map(|literal| literal.render(&name))
                .collect::<Vec<_>>()
                .join(" or "),
            literals: clause.literals.iter().map(LiteralReport::of).collect(),
            from: clause
                .origins
                .iter()
                .map(|&index| specification.requirements[index].label())
                .collect(),
        };
        ShieldReport {
            columns: shield.columns,
            ordering: shield.ordering.iter().map(|&column| name(column)).collect(),
            levels: shield
                .levels
                .iter()
                .map(|level| LevelReport {
                    variable: name(level.column),
                    column: level.column,
                    clauses: level.clauses.iter().map(clause).collect(),
                })
                .collect(),
            input_conditions: shield.input_clauses.iter().map(clause).collect(),
        }
    }

    /// The human-readable listing.
    pub fn render(&self) -> String {
        let mut text = format!("ordering {}\n", self.ordering.join(" "));
        for level in &self.levels {
            text.push_str(&format!(
                "\nlevel {} (column y_{}): {} clause{}\n",
                level.variable,
                level.column,
                level.clauses.len(),
                if level.clauses.len() == 1 { "" } else { "s" }
            ));
            for clause in &level.clauses {
                text.push_str(&format!(
                    "    {}    # from {}\n",
                    clause.text,
                    clause.from.join(", ")
                ));
            }
        }
        if !self.input_conditions.is_empty() {
            text.push_str("\ninput conditions (rows violating these cannot be corrected):\n");
            for clause in &self.input_conditions {
                text.push_str(&format!(
                    "    {}    # from {}\n",
                    clause.text,
                    clause.from.join(", ")
                ));
            }
        }
        text
    }
}

/// A deliberate fault in a built shield, so that tests can show that `reqc verify`
/// catches a broken elimination. Not for any other use.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Removes clause `clause` of level `level`.
    DropClause { level: usize, clause: usize },
    /// Adds `by` to the constant of one literal (`sum >= c` becomes `sum >= c + by`).
    ShiftConstant {
        level: usize,
        clause: usize,
        literal: usize,
        by: num_rational::BigRational,
    },
}

impl Fault {
    /// Reads `drop:LEVEL:CLAUSE` or `shift:LEVEL:CLAUSE:LITERAL:AMOUNT` (a decimal, signed).
    pub fn parse(text: &str) -> Option<Fault> {
        let parts: Vec<&str> = text.split(':').collect();
        let index = |part: &str| part.parse::<usize>().ok();
        match parts.as_slice() {
            ["drop", level, clause] => Some(Fault::DropClause {
                level: index(level)?,
                clause: index(clause)?,
            }),
            ["shift", level, clause, literal, amount] => {
                let by = match amount.strip_prefix('-') {
                    Some(magnitude) => -crate::number::parse_decimal(magnitude)?,
                    None => crate::number::parse_decimal(amount)?,
                };
                Some(Fault::ShiftConstant {
                    level: index(level)?,
                    clause: index(clause)?,
                    literal: index(literal)?,
                    by,
                })
            }
            _ => None,
        }
    }
}

/// Breaks a shield on purpose (see [`Fault`]); fails when the fault names a level, clause
/// or literal the shield does not have.
#[doc(hidden)]
pub fn inject_fault(shield: &mut Shield, fault: &Fault) -> Result<(), String> {
    let (level, clause) = match fault {
        Fault::DropClause { level, clause } | Fault::ShiftConstant { level, clause, .. } => {
            (*level, *clause)
        }
    };
    let clauses = &mut shield
        .levels
        .get_mut(level)
        .ok_or_else(|| format!("the shield has no level {level}"))?
        .clauses;
    if clause >= clauses.len() {
        return Err(format!("level {level} has no clause {clause}"));
    }
    match fault {
        Fault::DropClause { .. } => {
            clauses.remove(clause);
        }
        Fault::ShiftConstant { literal, by, .. } => {
            let target = clauses[clause].literals.get_mut(*literal).ok_or_else(|| {
                format!("clause {clause} of level {level} has no literal {literal}")
            })?;
            target.constant += by;
        }
    }
    Ok(())
}
