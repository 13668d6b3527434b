//! The shield as constant tables: what the kernels' fast test reads as immediates and the runtime (`runtime.c`) reads as data.
//!
//! Invariant: the layout written here is the one `runtime.c` documents and reads;
//! literals keep the interpreter's order of terms and its f64 approximations, so
//! every float test rounds exactly as the interpreter's does.

use crate::shield::exact::{integral_parts, PreparedInequality};
use crate::shield::Shield;
use num_traits::Signed;

/// A clause of a level, its literals (indices into the literal table) split by how they bound the level's column.
pub(super) struct ClausePlan {
    pub lower: Vec<usize>,
    pub upper: Vec<usize>,
    pub residual: Vec<usize>,
}

impl ClausePlan {
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.lower
            .iter()
            .chain(&self.upper)
            .chain(&self.residual)
            .copied()
    }
}

pub(super) struct LevelPlan {
    pub column: usize,
    pub clauses: Vec<ClausePlan>,
    /// Every column the level's clauses mention, sorted (the search's backjumping uses it).
    pub mentions: Vec<usize>,
}

/// The shield in the shape the lowering needs: literals numbered once, clauses as index lists.
pub(super) struct Plan {
    pub columns: usize,
    pub literals: Vec<PreparedInequality>,
    pub levels: Vec<LevelPlan>,
    /// Input conditions: every literal is residual (no level column).
    pub inputs: Vec<ClausePlan>,
    /// `Shield::next_visited_levels`.
    pub next_visited: Vec<usize>,
}

impl Plan {
    pub fn new(shield: &Shield) -> Plan {
        let mut literals = Vec::new();
        let mut add = |literal: &crate::linear::Inequality| {
            literals.push(PreparedInequality::new(literal.clone()));
            literals.len() - 1
        };
        let mut levels = Vec::new();
        for level in &shield.levels {
            let mut clauses = Vec::new();
            for clause in &level.clauses {
                let mut plan = ClausePlan {
                    lower: Vec::new(),
                    upper: Vec::new(),
                    residual: Vec::new(),
                };
                for literal in &clause.literals {
                    let coefficient = literal.coefficient(level.column);
                    let index = add(literal);
                    if coefficient.is_positive() {
                        plan.lower.push(index);
                    } else if coefficient.is_negative() {
                        plan.upper.push(index);
                    } else {
                        plan.residual.push(index);
                    }
                }
                clauses.push(plan);
            }
            levels.push(LevelPlan {
                column: level.column,
                clauses,
                mentions: level.mentions(),
            });
        }
        let inputs = shield
            .input_clauses
            .iter()
            .map(|clause| ClausePlan {
                lower: Vec::new(),
                upper: Vec::new(),
                residual: clause.literals.iter().map(&mut add).collect(),
            })
            .collect();
        Plan {
            columns: shield.columns,
            literals,
            levels,
            inputs,
            next_visited: shield.next_visited_levels(),
        }
    }
}

/// Integers per record of each kind (see `runtime.c`).
const HEADER: usize = 5;
const LEVEL_RECORD: usize = 6;
const CLAUSE_RECORD: usize = 6;
const LITERAL_RECORD: usize = 9;

/// Doubles per scaled integer in the runtime's exact form: integers below 2^212.
const INTEGRAL_PARTS: usize = 4;

/// The runtime's two tables: every count, position and column as i64, every number as f64.
#[derive(Clone, Debug, PartialEq)]
pub struct Tables {
    pub integers: Vec<i64>,
    pub reals: Vec<f64>,
    /// Per literal of the plan, where its record starts in `integers`.
    pub literal_positions: Vec<i64>,
}

impl Tables {
    pub(super) fn new(plan: &Plan) -> Tables {
        let mut tables = Tables {
            integers: vec![0; HEADER],
            reals: Vec::new(),
            literal_positions: Vec::new(),
        };
        // Literal records first, so clause lists can name their positions.
        let literal_positions: Vec<i64> = plan
            .literals
            .iter()
            .map(|literal| tables.push_literal(literal))
            .collect();
        let levels_at = tables.integers.len();
        tables
            .integers
            .resize(levels_at + LEVEL_RECORD * plan.levels.len(), 0);
        for (index, level) in plan.levels.iter().enumerate() {
            let clauses_at = tables.push_clauses(&level.clauses, &literal_positions);
            let mentions_at = tables.integers.len();
            tables
                .integers
                .extend(level.mentions.iter().map(|column| *column as i64));
            let record = levels_at + LEVEL_RECORD * index;
            tables.integers[record..record + LEVEL_RECORD].copy_from_slice(&[
                level.column as i64,
                level.clauses.len() as i64,
                clauses_at as i64,
                level.mentions.len() as i64,
                mentions_at as i64,
                plan.next_visited[index] as i64,
            ]);
        }
        let inputs_at = tables.push_clauses(&plan.inputs, &literal_positions);
        tables.literal_positions = literal_positions;
        tables.integers[..HEADER].copy_from_slice(&[
            plan.columns as i64,
            plan.levels.len() as i64,
            levels_at as i64,
            plan.inputs.len() as i64,
            inputs_at as i64,
        ]);
        tables
    }

    /// Appends a literal record and its numbers; returns the record's position.
    fn push_literal(&mut self, literal: &PreparedInequality) -> i64 {
        let position = self.integers.len();
        let reals_at = self.reals.len();
        let count = literal.terms.len();
        let integral = integral_parts(&literal.exact, INTEGRAL_PARTS);
        let (integral_terms, integral_constant) = match &integral {
            Some((terms, constant)) => (
                terms
                    .iter()
                    .flat_map(|(column, parts)| parts.iter().map(|part| (*column, *part)))
                    .collect(),
                constant.clone(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let columns_at = position + LITERAL_RECORD;
        let integral_columns_at = columns_at + count;
        self.integers.extend([
            count as i64,
            i64::from(literal.exact.relation == crate::linear::Relation::Greater),
            i64::from(integral.is_some()),
            reals_at as i64,
            columns_at as i64,
            integral_terms.len() as i64,
            integral_columns_at as i64,
            integral_constant.len() as i64,
            // A difference literal (`PreparedInequality::compared_columns`): its two
            // columns are its terms' columns.
            i64::from(literal.compared_columns().is_some()),
        ]);
        self.integers
            .extend(literal.terms.iter().map(|(column, _)| *column as i64));
        self.integers
            .extend(integral_terms.iter().map(|(column, _)| *column as i64));
        self.reals.push(literal.constant);
        self.reals
            .extend(literal.terms.iter().map(|(_, coefficient)| *coefficient));
        self.reals.extend(integral_constant);
        self.reals
            .extend(integral_terms.iter().map(|(_, part)| *part));
        position as i64
    }

    /// Appends consecutive clause records (then their literal lists); returns the first record's position.
    fn push_clauses(&mut self, clauses: &[ClausePlan], literal_positions: &[i64]) -> usize {
        let first = self.integers.len();
        self.integers
            .resize(first + CLAUSE_RECORD * clauses.len(), 0);
        for (index, clause) in clauses.iter().enumerate() {
            let record = first + CLAUSE_RECORD * index;
            for (part, literals) in [&clause.lower, &clause.upper, &clause.residual]
                .into_iter()
                .enumerate()
            {
                let at = self.integers.len();
                self.integers
                    .extend(literals.iter().map(|index| literal_positions[*index]));
                self.integers[record + 2 * part] = literals.len() as i64;
                self.integers[record + 2 * part + 1] = at as i64;
            }
        }
        first
    }
}
