//! Property tests of the shield against an independent exact oracle.
//!
//! For every requirement file (the shared real files and hard cases, and the
//! hand-written ones in `tests/shield/`), random and adversarial rows are
//! corrected by the interpreter in f32 and f64, and checked with this file's own
//! rational arithmetic: every requirement holds exactly on the output floats,
//! satisfied rows come out bit for bit, correcting twice equals correcting once,
//! and at every level the chosen value is the nearest feasible float (found here
//! from exact real bounds, without the interpreter's search).

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use reqc::linear::{Inequality, Relation};
use reqc::number::{float_to_rational, rational_to_float, FloatFormat, Rounding};
use reqc::random::Random;
use reqc::shield::correct::{Interpreter, RowOutcome};
use reqc::shield::{build, Limits, Shield};
use reqc::spec::Specification;
use std::path::{Path, PathBuf};

fn specification(path: &Path) -> Specification {
    let text = std::fs::read_to_string(path).expect("read requirements");
    let outcome = reqc::front_end(
        &text,
        path.parent().expect("has a directory"),
        &reqc::world::DiskWorld,
    );
    outcome.specification.unwrap_or_else(|| {
        panic!(
            "{} does not check: {:?}",
            path.display(),
            outcome.diagnostics
        )
    })
}

fn exact(value: f64) -> BigRational {
    float_to_rational(value).expect("finite")
}

/// The test's own exact evaluation of an inequality.
fn holds(inequality: &Inequality, row: &[f64]) -> bool {
    let mut sum = BigRational::zero();
    for (column, coefficient) in &inequality.terms {
        sum += coefficient * exact(row[*column]);
    }
    match inequality.relation {
        Relation::AtLeast => sum >= inequality.constant,
        Relation::Greater => sum > inequality.constant,
    }
}

fn all_requirements_hold(specification: &Specification, row: &[f64]) -> bool {
    specification.clauses().all(|(_, clause)| {
        clause
            .disjuncts
            .iter()
            .any(|disjunct| holds(&disjunct.inequality, row))
    })
}

/// Constants of the file's literals, so rows land exactly on bounds.
fn interesting_values(specification: &Specification) -> Vec<f64> {
    let mut values = vec![0.0, -0.0, 1.0, -1.0, 0.5];
    for (_, clause) in specification.clauses() {
        for disjunct in &clause.disjuncts {
            let inequality = &disjunct.inequality;
            if let [(_, coefficient)] = inequality.terms.as_slice() {
                values.push(rational_to_float(
                    &(&inequality.constant / coefficient),
                    FloatFormat::F64,
                    Rounding::NearestEven,
                ));
            }
            values.push(rational_to_float(
                &inequality.constant,
                FloatFormat::F64,
                Rounding::NearestEven,
            ));
        }
    }
    values.retain(|value| value.is_finite());
    values
}

fn random_row(
    generator: &mut Random,
    columns: usize,
    interesting: &[f64],
    format: FloatFormat,
    integral: bool,
) -> Vec<f64> {
    // Rows of small integers have exact sums, so equalities over many columns have
    // representable solutions.
    if integral {
        return (0..columns)
            .map(|_| (generator.next_u64() % 41) as f64 - 20.0)
            .collect();
    }
    let (subnormal, huge) = match format {
        FloatFormat::F32 => (1e-40, 1e30),
        FloatFormat::F64 => (1e-310, 1e200),
    };
    let row: Vec<f64> = (0..columns)
        .map(|_| match generator.next_u64() % 10 {
            0..=4 => generator.unit() * 12.0 - 6.0,
            5 | 6 => *generator.pick(interesting),
            7 => *generator.pick(&[subnormal, -subnormal, 0.0, -0.0]),
            8 => (generator.unit() * 2.0 - 1.0) * huge,
            _ => generator.unit() * 2.0 - 1.0,
        })
        .collect();
    match format {
        FloatFormat::F64 => row,
        FloatFormat::F32 => row
            .into_iter()
            .map(|value| f64::from(value as f32))
            .collect(),
    }
}

/// The nearest float to `value` that satisfies every clause of `level` (ties to the lower), found from exact real bounds.
fn oracle_nearest(shield: &Shield, level: usize, row: &[f64], format: FloatFormat) -> Option<f64> {
    let column = shield.levels[level].column;
    let clauses = &shield.levels[level].clauses;
    let mut probe = row.to_vec();
    let mut feasible = |candidate: f64| {
        probe[column] = candidate;
        clauses
            .iter()
            .all(|clause| clause.literals.iter().any(|literal| holds(literal, &probe)))
    };
    let original = row[column];
    if feasible(original) {
        return Some(original);
    }
    let step = |value: f64, up: bool| -> f64 {
        match format {
            FloatFormat::F64 => {
                if up {
                    value.next_up()
                } else {
                    value.next_down()
                }
            }
            FloatFormat::F32 => f64::from(if up {
                (value as f32).next_up()
            } else {
                (value as f32).next_down()
            }),
        }
    };
    let mut candidates = Vec::new();
    for clause in clauses {
        for literal in &clause.literals {
            let own = literal.coefficient(column);
            if own.is_zero() {
                continue;
            }
            let mut rest = literal.constant.clone();
            for (term_column, coefficient) in &literal.terms {
                if *term_column != column {
                    rest -= coefficient * exact(row[*term_column]);
                }
            }
            let bound = rest / own;
            for rounding in [Rounding::Down, Rounding::Up] {
                let near = rational_to_float(&bound, format, rounding);
                if near.is_finite() {
                    candidates.extend([near, step(near, true), step(near, false)]);
                }
            }
        }
    }
    let maximum = format.maximum_finite();
    candidates.extend([maximum, -maximum]);
    let target = exact(original);
    candidates
        .into_iter()
        .filter(|candidate| candidate.is_finite() && feasible(*candidate))
        .min_by(|left, right| {
            let left_distance = (exact(*left) - &target).abs();
            let right_distance = (exact(*right) - &target).abs();
            left_distance
                .cmp(&right_distance)
                .then(exact(*left).cmp(&exact(*right)))
        })
        .map(|value| if value == 0.0 { 0.0 } else { value })
}

/// Whether every requirement holds up to a few units of rounding relative to the magnitude of its terms.
fn nearly_all_hold(specification: &Specification, row: &[f64], format: FloatFormat) -> bool {
    let precision = match format {
        FloatFormat::F32 => 24,
        FloatFormat::F64 => 53,
    };
    let tolerance = BigRational::new(BigInt::from(8), BigInt::from(1u64) << precision);
    // Below the normal range the unit is absolute: a few of the smallest subnormals.
    let smallest = exact(match format {
        FloatFormat::F32 => f64::from(f32::from_bits(1)),
        FloatFormat::F64 => f64::from_bits(1),
    });
    specification.clauses().all(|(_, clause)| {
        clause.disjuncts.iter().any(|disjunct| {
            let inequality = &disjunct.inequality;
            let mut sum = -inequality.constant.clone();
            let mut magnitude = inequality.constant.abs();
            for (column, coefficient) in &inequality.terms {
                let term = coefficient * exact(row[*column]);
                magnitude += term.abs();
                sum += term;
            }
            let coefficients: BigRational = inequality
                .terms
                .iter()
                .map(|(_, coefficient)| coefficient.abs())
                .sum();
            sum >= -(&tolerance * magnitude
                + BigRational::from_integer(BigInt::from(4))
                    * &smallest
                    * (coefficients + BigRational::from_integer(BigInt::from(1))))
        })
    })
}

fn same_bits(left: &[f64], right: &[f64]) -> bool {
    left.iter()
        .zip(right)
        .all(|(a, b)| a.to_bits() == b.to_bits())
}

/// Runs every property on one file.
fn check_file(path: &Path, rows: usize) {
    let specification = specification(path);
    let shield = build(&specification, &specification.ordering, Limits::default())
        .unwrap_or_else(|diagnostics| panic!("{}: {diagnostics:?}", path.display()));
    let interesting = interesting_values(&specification);
    // Seeded by the file name, not its path, so every checkout draws the same rows.
    let name = path
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned();
    let mut generator = Random::new(name.bytes().map(u64::from).sum());
    for format in [FloatFormat::F32, FloatFormat::F64] {
        let interpreter = Interpreter::new(&shield, format);
        let mut counts = [0usize; 4];
        let mut searched = 0usize;
        let mut inexact_rows = 0usize;
        for index in 0..rows {
            let original = random_row(
                &mut generator,
                specification.columns,
                &interesting,
                format,
                index % 4 == 0,
            );
            let mut row = original.clone();
            let outcome = interpreter.correct_row(&mut row);
            counts[outcome as usize] += 1;
            let context = || {
                format!(
                    "{} ({}) row {original:?} -> {row:?}",
                    path.display(),
                    format.name()
                )
            };
            if outcome == RowOutcome::Impossible {
                assert!(
                    same_bits(&row, &original),
                    "impossible rows are left as they were: {}",
                    context()
                );
                assert!(
                    !all_requirements_hold(&specification, &original),
                    "{}",
                    context()
                );
                continue;
            }
            if all_requirements_hold(&specification, &original) {
                assert!(
                    same_bits(&row, &original),
                    "a satisfied row changed: {}",
                    context()
                );
            }
            if outcome == RowOutcome::Inexact {
                // Either rounding is all that is missing, or the solution lies beyond the
                // format's range and the value saturated at its largest finite float.
                let saturated = row
                    .iter()
                    .any(|value| value.abs() == format.maximum_finite());
                assert!(
                    saturated || nearly_all_hold(&specification, &row, format),
                    "an inexact row is more than rounding away: {}",
                    context()
                );
                inexact_rows += 1;
                continue;
            }
            assert!(
                all_requirements_hold(&specification, &row),
                "a corrected row violates a requirement: {}",
                context()
            );
            let mut again = row.clone();
            interpreter.correct_row(&mut again);
            assert!(
                same_bits(&again, &row),
                "correcting twice differs from once: {}",
                context()
            );
            // Replay the levels: each value is the oracle's nearest feasible float given the corrected prefix.
            // Where the search had to pass over the nearest float (no later level could then
            // be completed), the greedy completion from that nearest float must indeed fail.
            let mut replay = original.clone();
            for level in 0..shield.levels.len() {
                let column = shield.levels[level].column;
                let expected = oracle_nearest(&shield, level, &replay, format)
                    .expect("a complete elimination leaves every level feasible");
                if row[column].to_bits() != expected.to_bits() {
                    let mut probe = replay.clone();
                    probe[column] = expected;
                    let mut budget = usize::MAX;
                    assert!(
                        !interpreter.complete(&mut probe, &original, level + 1, 1, &mut budget),
                        "level of y_{column} is not the nearest feasible float ({expected}) although it completes: {}",
                        context()
                    );
                    searched += 1;
                }
                replay[column] = row[column];
            }
        }
        eprintln!("{} ({}): unchanged {}, corrected {} (search used at {searched} levels), inexact {}, impossible {}", path.display(), format.name(), counts[0], counts[1], counts[2], counts[3]);
        assert!(
            counts[RowOutcome::Corrected as usize] > 0,
            "{}: no row was corrected exactly",
            path.display()
        );
        let _ = inexact_rows;
    }
}

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for directory in [
        "../shared/requirements/constrained-dgm",
        "../shared/requirements/pishield-custom",
        "../shared/cases",
        "tests/shield",
    ] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(directory))
            .unwrap_or_else(|_| panic!("{directory} is missing"))
            .map(|entry| entry.expect("entry").path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "txt" || extension == "req")
            })
            .filter(|path| !path.ends_with("infeasible.txt"))
            .collect();
        entries.sort();
        files.extend(entries);
    }
    files
}

#[test]
fn corrections_are_exact_minimal_and_idempotent() {
    let files = files();
    assert!(files.len() >= 28, "shared requirement files are missing");
    for path in files {
        let rows = if path.ends_with("botnet_constraints.txt") {
            6
        } else {
            150
        };
        check_file(&path, rows);
    }
}

#[test]
fn reference_defects_are_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let correct = |file: &str, row: &[f64]| {
        let specification = specification(&root.join(file));
        let shield =
            build(&specification, &specification.ordering, Limits::default()).expect("builds");
        let mut corrected = row.to_vec();
        let outcome = Interpreter::new(&shield, FloatFormat::F64).correct_row(&mut corrected);
        (outcome, corrected)
    };
    // two_holes: the reference leaves y_2 at 1e16 for (1.2, 2.5, 2.2); both holes chain to (1, 3).
    let (outcome, row) = correct("../shared/cases/two_holes.txt", &[1.2, 2.5, 2.2]);
    // y_0 has no level constraint and stays; then y_1 >= 3 (since y_0 > 1) and y_2 lands on 3.
    assert_eq!(outcome, RowOutcome::Corrected);
    assert_eq!(row, vec![1.2, 3.0, 3.0]);
    // norm_pos: (3, 1, 5) already satisfies y_0 >= y_1 or y_0 >= y_2 and stays as it is.
    let (outcome, row) = correct("../shared/cases/norm_pos.txt", &[3.0, 1.0, 5.0]);
    assert_eq!((outcome, row), (RowOutcome::Unchanged, vec![3.0, 1.0, 5.0]));
    // x >= a or x >= b is x >= min(a, b): y_0 moves to 1, not 5.
    let (_, row) = correct("../shared/cases/norm_pos.txt", &[0.0, 1.0, 5.0]);
    assert_eq!(row, vec![1.0, 1.0, 5.0]);
    // Strict bounds are exact: y_0 > 0.5 gives the next float above 0.5, in either format.
    let (_, row) = correct("tests/shield/strict_bounds.req", &[0.0, 0.0, 0.0]);
    assert_eq!(row[0], 0.5f64.next_up());
    // bands: y_0 - y_1 = 0.25 lies between the bands [0, 0.1] and [0.3, 0.4]; the nearer edge is 0.3,
    // so y_1 becomes the largest float with y_0 - y_1 >= 0.3 exactly, as the reference's snapping does.
    let (_, row) = correct("../shared/cases/bands.txt", &[0.25, 0.0]);
    let three_tenths = BigRational::new(BigInt::from(3), BigInt::from(10));
    assert!(exact(row[0]) - exact(row[1]) >= three_tenths);
    assert!(exact(row[0]) - exact(row[1].next_up()) < three_tenths);
}

#[test]
fn equalities_without_a_representable_solution_are_off_by_at_most_one_unit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let specification = specification(&root.join("tests/shield/equalities.req"));
    let shield = build(&specification, &specification.ordering, Limits::default()).expect("builds");
    for format in [FloatFormat::F32, FloatFormat::F64] {
        let interpreter = Interpreter::new(&shield, format);
        let mut generator = Random::new(7);
        let mut inexact = 0;
        for _ in 0..2000 {
            let mut row = random_row(&mut generator, 4, &[0.1, 0.3], format, false);
            row.iter_mut()
                .for_each(|value| *value = value.clamp(-100.0, 100.0));
            if interpreter.correct_row(&mut row) == RowOutcome::Inexact {
                inexact += 1;
            }
            // y_2 = y_0 / 3 is the bound of its level: the output is within one unit in its last place.
            let bound = exact(row[0]) / BigRational::from_integer(BigInt::from(3));
            let ulp = |value: f64| match format {
                FloatFormat::F64 => exact(value.abs().next_up()) - exact(value.abs()),
                FloatFormat::F32 => {
                    exact(f64::from((value.abs() as f32).next_up())) - exact(value.abs())
                }
            };
            let nearest = rational_to_float(&bound, format, Rounding::NearestEven);
            assert!((exact(row[2]) - &bound).abs() <= ulp(nearest), "{row:?}");
        }
        assert!(
            inexact > 0,
            "the inexact path was not exercised in {}",
            format.name()
        );
    }
}

/// On conjunctive files the reference's semantics is clipping: each variable into
/// [max lower bound, min upper bound] given the corrected earlier ones. reqc gives the
/// same value, rounded to the nearest float on the feasible side (within one unit).
#[test]
fn conjunctive_files_match_the_clipping_semantics() {
    let mut checked = 0;
    let mut within_one_unit = 0;
    for path in files() {
        let specification = specification(&path);
        let conjunctive = specification
            .clauses()
            .all(|(_, clause)| clause.disjuncts.len() == 1);
        if !conjunctive || path.ends_with("botnet_constraints.txt") {
            continue;
        }
        let shield =
            build(&specification, &specification.ordering, Limits::default()).expect("builds");
        let interpreter = Interpreter::new(&shield, FloatFormat::F64);
        let mut generator = Random::new(11);
        for _ in 0..100 {
            let original = random_row(
                &mut generator,
                specification.columns,
                &[0.0, 1.0],
                FloatFormat::F64,
                false,
            );
            let mut row = original.clone();
            if interpreter.correct_row(&mut row) != RowOutcome::Corrected {
                continue;
            }
            let mut replay = original.clone();
            for level in &shield.levels {
                let column = level.column;
                let mut lower: Option<BigRational> = None;
                let mut upper: Option<BigRational> = None;
                for clause in &level.clauses {
                    let literal = &clause.literals[0];
                    let own = literal.coefficient(column);
                    let mut rest = literal.constant.clone();
                    for (term_column, coefficient) in &literal.terms {
                        if *term_column != column {
                            rest -= coefficient * exact(replay[*term_column]);
                        }
                    }
                    let bound = rest / &own;
                    if own.is_positive() {
                        lower = Some(
                            lower.map_or(bound.clone(), |current: BigRational| current.max(bound)),
                        );
                    } else {
                        upper = Some(
                            upper.map_or(bound.clone(), |current: BigRational| current.min(bound)),
                        );
                    }
                }
                let mut clipped = exact(original[column]);
                if let Some(lower) = lower {
                    clipped = clipped.max(lower);
                }
                if let Some(upper) = upper {
                    clipped = clipped.min(upper);
                }
                let ours = exact(row[column]);
                let unit = exact(row[column].abs().next_up()) - exact(row[column].abs());
                // The completion search may move a value a few floats further so that a later
                // level keeps a representable solution (a strict chain, or a level that shrinks
                // to a point that is not a float; specs/correction.md). Clipping ignores that.
                let allowed = &unit
                    * BigRational::from_integer(BigInt::from(
                        reqc::shield::correct::SEARCH_CANDIDATES as u64,
                    ));
                if (&ours - &clipped).abs() <= unit {
                    within_one_unit += 1;
                }
                assert!(
                    (&ours - &clipped).abs() <= allowed,
                    "{}: y_{column} is {} but clipping gives {}",
                    path.display(),
                    row[column],
                    rational_to_float(&clipped, FloatFormat::F64, Rounding::NearestEven)
                );
                replay[column] = row[column];
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "too few levels compared: {checked}");
    assert!(
        within_one_unit * 100 >= checked * 95,
        "only {within_one_unit} of {checked} levels within one unit of clipping"
    );
}
