//! The statistics job behind `reqc stats`: how many rows satisfy each requirement exactly,
//! and how many violate at least one.

use crate::data::{DataError, RowReader};
use crate::shield::correct::{RequirementChecker, BLOCK_ROWS};
use crate::spec::Specification;

/// Per-requirement satisfaction counts over a set of rows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Statistics {
    pub rows: u64,
    /// Rows that violate at least one requirement.
    pub violating_any: u64,
    /// One entry per requirement, in the file's order.
    pub requirements: Vec<RequirementCount>,
}

/// How many rows satisfy one requirement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RequirementCount {
    /// The requirement's name, or its line when it has none.
    pub requirement: String,
    pub satisfied: u64,
}

/// Counts rows into [`Statistics`] as they arrive, so any front end can feed it blocks.
pub struct StatisticsCounter<'s> {
    checker: RequirementChecker,
    specification: &'s Specification,
    satisfied: Vec<u64>,
    rows: u64,
    violating_any: u64,
}

impl<'s> StatisticsCounter<'s> {
    pub fn new(specification: &'s Specification) -> StatisticsCounter<'s> {
        let checker = RequirementChecker::new(specification);
        let satisfied = vec![0; checker.len()];
        StatisticsCounter {
            checker,
            specification,
            satisfied,
            rows: 0,
            violating_any: 0,
        }
    }

    /// Counts a block of rows (row-major). A non-finite value is an error naming its row
    /// (counted from the first row this counter saw) and column.
    pub fn add(&mut self, block: &[f64]) -> Result<(), DataError> {
        let columns = self.specification.columns.max(1);
        for row in block.chunks_exact(columns) {
            self.rows += 1;
            if let Some(column) = row.iter().position(|value| !value.is_finite()) {
                return Err(DataError::at(
                    self.rows,
                    Some(column + 1),
                    format!("{} is not a finite number", row[column]),
                ));
            }
            let mut all = true;
            for (index, count) in self.satisfied.iter_mut().enumerate() {
                if self.checker.holds(index, row) {
                    *count += 1;
                } else {
                    all = false;
                }
            }
            self.violating_any += u64::from(!all);
        }
        Ok(())
    }

    pub fn finish(self) -> Statistics {
        Statistics {
            rows: self.rows,
            violating_any: self.violating_any,
            requirements: self
                .specification
                .requirements
                .iter()
                .zip(self.satisfied)
                .map(|(requirement, satisfied)| RequirementCount {
                    requirement: requirement.label(),
                    satisfied,
                })
                .collect(),
        }
    }
}

/// Counts every row of `reader`.
pub fn statistics(
    specification: &Specification,
    reader: &mut dyn RowReader,
) -> Result<Statistics, DataError> {
    let mut counter = StatisticsCounter::new(specification);
    let mut block = Vec::new();
    loop {
        block.clear();
        let rows = crate::data::rows_per_block(BLOCK_ROWS, specification.columns);
        if reader.read_rows(&mut block, rows)? == 0 {
            break;
        }
        counter.add(&block)?;
    }
    Ok(counter.finish())
}

impl Statistics {
    /// `count` as a percentage of the rows (0 when there are none).
    fn percent(&self, count: u64) -> f64 {
        if self.rows == 0 {
            0.0
        } else {
            100.0 * count as f64 / self.rows as f64
        }
    }

    /// The JSON form of `reqc stats --json`.
    pub fn to_json(&self) -> serde_json::Value {
        let requirements: Vec<serde_json::Value> = self
            .requirements
            .iter()
            .map(|entry| serde_json::json!({ "requirement": entry.requirement, "satisfied": entry.satisfied, "rate": self.percent(entry.satisfied) / 100.0 }))
            .collect();
        serde_json::json!({ "rows": self.rows, "violating_any": self.violating_any, "violating_any_rate": self.percent(self.violating_any) / 100.0, "requirements": requirements })
    }

    /// The table `reqc stats` prints.
    pub fn table(&self) -> String {
        let width = self
            .requirements
            .iter()
            .map(|entry| entry.requirement.len())
            .max()
            .unwrap_or(11)
            .max(11);
        let mut text = format!(
            "{:width$}  {:>10}  {:>9}\n",
            "requirement", "satisfied", "rate"
        );
        for entry in &self.requirements {
            text.push_str(&format!(
                "{:width$}  {:>10}  {:>8.2}%\n",
                entry.requirement,
                entry.satisfied,
                self.percent(entry.satisfied)
            ));
        }
        text.push_str(&format!(
            "{} rows; {} ({:.2}%) violate at least one requirement\n",
            self.rows,
            self.violating_any,
            self.percent(self.violating_any)
        ));
        text
    }
}
