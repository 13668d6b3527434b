//! The Z3 back end: lowers a checked specification to linear real arithmetic, runs the
//! solver checks of `reqc check`, and writes SMT-LIB 2 (`reqc compile --emit smt2`).
//!
//! `verify` proves a built shield sound and complete (`reqc verify`); `equivalence` proves
//! two models equivalent on a domain or finds where they differ.
//!
//! Invariant: this is the only module that imports `z3`. Every query has a timeout, and
//! an undecided query is reported as undecided (W0605), never as proved.

//!
//! Without the `solver` feature only what needs no Z3 is built: the options, answer types
//! and the SMT-LIB writer.

#[cfg(feature = "solver")]
mod consistency;
#[cfg(feature = "solver")]
mod equivalence;
#[cfg(feature = "solver")]
mod input_witness;
#[cfg(feature = "solver")]
mod lower;
#[cfg(feature = "solver")]
mod probability_witness;
#[cfg(feature = "solver")]
pub mod propositional;
mod smt2;
#[cfg(feature = "solver")]
mod verify;

#[cfg(feature = "solver")]
pub use consistency::{analyse, check, satisfiability, Statistics};
#[cfg(feature = "solver")]
pub use equivalence::{
    check_equivalence, check_equivalence_with, relation_fails, EquivalenceAnswer,
    EquivalenceCounterexample, EquivalenceResult, Influence, Output,
};
#[cfg(feature = "solver")]
pub use input_witness::{input_witness, InputQuery, InputWitness};
#[cfg(feature = "solver")]
pub use probability_witness::{probability_witness, ProbabilityQuery, ProbabilityWitness};
pub use smt2::smt2;
#[cfg(feature = "solver")]
pub use verify::{
    verify, Counterexample, CounterexampleSummary, Obligation, Verification, VerificationSummary,
    VerifyOptions,
};

use crate::span::Span;
use std::sync::{atomic::AtomicBool, Arc};
use std::time::Duration;
#[cfg(feature = "solver")]
use std::time::Instant;
#[cfg(feature = "solver")]
use z3::{Params, SatResult, Solver};

/// A `var name = y_k` declaration, for the forced-value check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredVariable {
    pub column: usize,
    pub name: String,
    /// Where the declaration is, which is where a forced value is reported.
    pub span: Span,
}

/// How the solver checks run.
#[derive(Clone, Debug)]
pub struct SolverOptions {
    /// The limit for each single query to Z3.
    pub timeout: Duration,
    /// Set by another thread when the answers are no longer wanted (the language server's
    /// document changed): the checks stop before their next query.
    pub cancelled: Option<Arc<AtomicBool>>,
}

impl SolverOptions {
    /// The default per-query limit: the checks of `reqc check` must stay interactive.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

    /// Options with a per-query limit and nothing to cancel them.
    pub fn with_timeout(timeout: Duration) -> SolverOptions {
        SolverOptions {
            timeout,
            cancelled: None,
        }
    }

    /// Whether the answers are no longer wanted.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled
            .as_ref()
            .is_some_and(|cancelled| cancelled.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// Options are equal when they have the same limit and the same cancellation flag (the flag
/// itself, not its value).
impl PartialEq for SolverOptions {
    fn eq(&self, other: &SolverOptions) -> bool {
        let same_flag = match (&self.cancelled, &other.cancelled) {
            (None, None) => true,
            (Some(left), Some(right)) => Arc::ptr_eq(left, right),
            _ => false,
        };
        self.timeout == other.timeout && same_flag
    }
}

impl Eq for SolverOptions {}

impl Default for SolverOptions {
    fn default() -> SolverOptions {
        SolverOptions::with_timeout(SolverOptions::DEFAULT_TIMEOUT)
    }
}

/// Z3's answer to "can all of these hold at once?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Satisfiable,
    Unsatisfiable,
    /// Z3 gave up (a timeout, or input it rejected).
    Unknown,
}

/// What Z3 made of an SMT-LIB 2 script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Smt2Reading {
    /// Whether the assertions can all hold.
    pub answer: Answer,
    /// How many assertions Z3 read; a script it could not parse yields fewer.
    pub assertions: usize,
}

#[cfg(feature = "solver")]
/// Reads SMT-LIB 2 text with Z3's parser and asks whether its assertions can all hold.
/// Used to check that `--emit smt2` means the same as the direct lowering.
pub fn read_smt2(text: &str, options: &SolverOptions) -> Smt2Reading {
    // Z3's parser takes a C string; text with a NUL byte cannot be SMT-LIB.
    if text.contains('\0') {
        return Smt2Reading {
            answer: Answer::Unknown,
            assertions: 0,
        };
    }
    let solver = Solver::new();
    let mut parameters = Params::new();
    parameters.set_u32("timeout", timeout_milliseconds(options.timeout));
    solver.set_params(&parameters);
    solver.from_string(text);
    let started = Instant::now();
    let result = solver.check();
    let answer = match decided(result, started, options.timeout) {
        SatResult::Sat => Answer::Satisfiable,
        SatResult::Unsat => Answer::Unsatisfiable,
        SatResult::Unknown => Answer::Unknown,
    };
    Smt2Reading {
        answer,
        assertions: solver.get_assertions().len(),
    }
}

#[cfg(feature = "solver")]
/// Z3's answer, or `Unknown` when the query ran into its time limit. Z3 4.8.12 can
/// answer `sat` or `unsat` instead of `unknown` when its timer cancels a search (seen on a
/// pigeonhole instance it cannot solve: `sat` at 10 ms, `unsat` with every requirement in
/// the core under load), so no answer that arrives after the deadline is trusted.
fn decided(result: SatResult, started: Instant, timeout: Duration) -> SatResult {
    if started.elapsed() >= timeout {
        SatResult::Unknown
    } else {
        result
    }
}

#[cfg(feature = "solver")]
/// A Z3 timeout in milliseconds: at least one, since zero would mean no limit at all.
fn timeout_milliseconds(timeout: Duration) -> u32 {
    u32::try_from(timeout.as_millis())
        .unwrap_or(u32::MAX - 1)
        .clamp(1, u32::MAX - 1)
}

#[cfg(all(test, feature = "solver"))]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_never_zero() {
        assert_eq!(timeout_milliseconds(Duration::from_micros(10)), 1);
        assert_eq!(timeout_milliseconds(Duration::from_secs(2)), 2000);
        assert_eq!(
            timeout_milliseconds(Duration::from_secs(u64::MAX)),
            u32::MAX - 1
        );
    }
}
