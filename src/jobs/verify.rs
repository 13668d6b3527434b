//! The verify job behind `reqc verify`: the shield proved sound and complete, calibration
//! assertions evaluated, equivalence assertions proved or refuted, and the files they can
//! write (reports, reliability diagrams, witness inputs, disagreement maps).

use super::{build_shield, CheckedFile, Failure, ShieldOptions};
use crate::diagnostics::Diagnostic;
use crate::smt::{EquivalenceResult, SolverOptions, Verification};
use crate::spec::Specification;
use crate::world::World;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The options of a verification.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// The time limit of each proof query.
    pub solver: SolverOptions,
    /// Settle obligations that hold syntactically without Z3.
    pub shortcuts: bool,
    pub shield: ShieldOptions,
    /// Try seeded random points before the solver on equivalence assertions.
    pub sampling: bool,
    /// Breaks the built shield on purpose (`drop:LEVEL:CLAUSE` or
    /// `shift:LEVEL:CLAUSE:LITERAL:AMOUNT`), so tests can show that faults are caught.
    pub fault: Option<String>,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions {
            solver: SolverOptions::with_timeout(std::time::Duration::from_secs(10)),
            shortcuts: true,
            shield: ShieldOptions::default(),
            sampling: true,
            fault: None,
        }
    }
}

/// Everything a verification found.
pub struct Verified {
    /// The shield's proof, when the file has requirements.
    pub verification: Option<Verification>,
    /// One outcome per calibration assertion, in the file's order.
    pub calibrations: Vec<crate::calibration::Outcome>,
    /// One result per equivalence assertion, in the file's order.
    pub equivalences: Vec<EquivalenceResult>,
}

impl Verified {
    /// Every verdict as a diagnostic on the file: the shield's, then the calibration and
    /// equivalence assertions'.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        if let Some(verification) = &self.verification {
            diagnostics.extend(verification.diagnostics.iter().cloned());
        }
        for outcome in &self.calibrations {
            diagnostics.extend(outcome.diagnostics.iter().cloned());
        }
        for result in &self.equivalences {
            diagnostics.extend(result.diagnostics.iter().cloned());
        }
        diagnostics
    }

    /// The calibration reports of the assertions whose data could be read.
    pub fn calibration_reports(&self) -> Vec<&crate::calibration::Report> {
        self.calibrations
            .iter()
            .filter_map(|outcome| outcome.report.as_ref())
            .collect()
    }

    /// One JSON line per calibration report and per equivalence result, as
    /// `reqc verify --message-format json` prints them after the diagnostics.
    pub fn json_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .calibration_reports()
            .into_iter()
            .map(|report| {
                serde_json::json!({ "type": "calibration_report", "report": report }).to_string()
            })
            .collect();
        lines.extend(
            self.equivalences
                .iter()
                .map(|result| serde_json::json!({ "equivalence": result }).to_string()),
        );
        lines
    }
}

/// A line of progress, for a front end to show while a long verification runs.
pub type ProgressSink<'a> = &'a (dyn Fn(&str) + Sync);

/// Verifies a loaded file: the shield (when it has requirements), then every calibration
/// and equivalence assertion. `progress`, when given, receives timestamped lines during
/// equivalence checks, including a "still working" line every five seconds of one check.
pub fn verify(
    world: &dyn World,
    loaded: &CheckedFile,
    options: &VerifyOptions,
    progress: Option<ProgressSink<'_>>,
) -> Result<Verified, Failure> {
    // A file of assertions alone has no shield to prove.
    let shield = if loaded.specification.requirements.is_empty() {
        None
    } else {
        Some(build_shield(loaded, &options.shield)?)
    };
    verify_shield(world, loaded, shield, options, progress)
}

/// [`verify`] with the shield already built (`None` for a file without requirements), as
/// front ends that choose their own correction order have it.
pub fn verify_shield(
    world: &dyn World,
    loaded: &CheckedFile,
    shield: Option<crate::shield::Shield>,
    options: &VerifyOptions,
    progress: Option<ProgressSink<'_>>,
) -> Result<Verified, Failure> {
    let specification = &loaded.specification;
    let verification = if let Some(mut shield) = shield {
        if let Some(text) = &options.fault {
            let Some(fault) = crate::shield::Fault::parse(text) else {
                return Err(Failure::Io(format!("`--inject-fault {text}`: not a fault")));
            };
            crate::shield::inject_fault(&mut shield, &fault)
                .map_err(|message| Failure::Io(format!("`--inject-fault {text}`: {message}")))?;
        }
        let verify_options = crate::smt::VerifyOptions {
            solver: options.solver.clone(),
            shortcuts: options.shortcuts,
        };
        Some(crate::smt::verify(&shield, specification, &verify_options))
    } else {
        None
    };
    let calibrations = specification
        .calibrations
        .iter()
        .map(|assertion| crate::calibration::run(assertion, world))
        .collect();
    let equivalences = check_equivalences(world, specification, options.sampling, progress);
    Ok(Verified {
        verification,
        calibrations,
        equivalences,
    })
}

/// Checks every equivalence assertion, reporting progress when asked to.
fn check_equivalences(
    world: &dyn World,
    specification: &Specification,
    sampling: bool,
    progress: Option<ProgressSink<'_>>,
) -> Vec<EquivalenceResult> {
    let started = Instant::now();
    let stamp = |line: &str| format!("[{:>7.1}s] {line}", started.elapsed().as_secs_f64());
    let mut results = Vec::new();
    for assertion in &specification.equivalences {
        let running = AtomicBool::new(true);
        let result = std::thread::scope(|scope| {
            // A ticker reports that a long solver call is still running.
            if let Some(sink) = progress {
                let running = &running;
                let name = &assertion.name;
                let stamp = &stamp;
                scope.spawn(move || {
                    let mut waited = 0u64;
                    while running.load(Ordering::Relaxed) {
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        waited += 1;
                        if waited.is_multiple_of(50) && running.load(Ordering::Relaxed) {
                            sink(&stamp(&format!("{name}: still working")));
                        }
                    }
                });
            }
            let mut report = |phase: &str| {
                if let Some(sink) = progress {
                    sink(&stamp(phase));
                }
            };
            let result =
                crate::smt::check_equivalence_with(assertion, world, sampling, &mut report);
            running.store(false, Ordering::Relaxed);
            result
        });
        results.push(result);
    }
    results
}

/// Writes the reports of all calibration assertions to `path` as one JSON array.
pub fn write_calibration_reports(verified: &Verified, path: &Path) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(&verified.calibration_reports())
        .expect("reports serialise")
        + "\n";
    crate::atomic::write(path, text.as_bytes())?;
    Ok(())
}

/// Writes each calibration assertion's reliability diagram as NAME.svg and NAME.png in
/// `directory`, and its witness input as NAME_witness.npy (and NAME_witness.png for 2-D
/// input shapes). Returns the paths written.
pub fn write_diagrams(
    verified: &Verified,
    specification: &Specification,
    directory: &Path,
) -> Result<Vec<PathBuf>, Failure> {
    let mut written = Vec::new();
    for report in verified.calibration_reports() {
        let diagram = crate::calibration::diagram::Diagram::new(report);
        let mut files = vec![
            (format!("{}.svg", report.name), diagram.svg().into_bytes()),
            (format!("{}.png", report.name), diagram.png()),
        ];
        let input_box = specification
            .calibrations
            .iter()
            .find(|assertion| assertion.name == report.name)
            .and_then(|assertion| assertion.input_box);
        if let (Some(witness), Some(input_box)) = (
            report
                .witness_input
                .as_ref()
                .filter(|witness| witness.status == "found"),
            input_box,
        ) {
            files.push((
                format!("{}_witness.npy", report.name),
                crate::calibration::witness_npy(witness),
            ));
            if let Some(png) = crate::calibration::witness_png(witness, input_box) {
                files.push((format!("{}_witness.png", report.name), png));
            }
        }
        for (name, bytes) in files {
            let path = directory.join(name);
            crate::atomic::write(&path, &bytes)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// A disagreement map that was written.
pub struct MapWritten {
    pub assertion: String,
    pub features: (usize, usize),
    pub path: PathBuf,
}

/// Draws, for each equivalence counterexample, a disagreement map over a 2-D slice through
/// it to PREFIX-NAME.svg and PREFIX-NAME.png; `features` are the two features the map
/// varies (default: the two the most influential differing trees split on most).
pub fn draw_maps(
    world: &dyn World,
    verified: &Verified,
    specification: &Specification,
    prefix: &Path,
    features: Option<(usize, usize)>,
) -> Result<Vec<MapWritten>, Failure> {
    let mut written = Vec::new();
    for (assertion, result) in specification
        .equivalences
        .iter()
        .zip(&verified.equivalences)
    {
        written.extend(draw_map(world, prefix, assertion, result, features).map_err(Failure::Io)?);
    }
    Ok(written)
}

/// Writes the disagreement map of an assertion's counterexample, if it has one.
fn draw_map(
    world: &dyn World,
    prefix: &Path,
    assertion: &crate::spec::EquivalenceAssertion,
    result: &EquivalenceResult,
    features: Option<(usize, usize)>,
) -> Result<Vec<MapWritten>, String> {
    let Some(counterexample) = &result.counterexample else {
        return Ok(Vec::new());
    };
    let load = |path: &Path| crate::models::load(world, path).map_err(|error| error.to_string());
    let left = load(&assertion.left)?;
    let right = load(&assertion.right)?;
    let point: Vec<f32> = counterexample
        .input
        .iter()
        .map(|value| value.parse().unwrap_or(0.0))
        .collect();
    let count = point.len();
    let features = match features {
        Some((a, b)) if a < count && b < count => (a, b),
        Some((a, b)) => {
            return Err(format!(
                "`--map-features {a},{b}`: the models read {count} features"
            ))
        }
        None => busiest_features(&left, &right, counterexample, count),
    };
    let relation = assertion.relation;
    let map = crate::models::map::disagreement_map(
        &left,
        &right,
        &point,
        features,
        (result.bounds[features.0], result.bounds[features.1]),
        120,
        &|a, b| crate::smt::relation_fails(relation, a, b),
    );
    let name = |extension: &str| {
        let mut file = prefix.as_os_str().to_owned();
        file.push(format!("-{}.{extension}", assertion.name));
        PathBuf::from(file)
    };
    let mut written = Vec::new();
    for (path, bytes) in [
        (name("svg"), map.to_svg(4).into_bytes()),
        (name("png"), map.to_png(4)),
    ] {
        crate::atomic::write(&path, &bytes).map_err(|error| error.to_string())?;
        written.push(MapWritten {
            assertion: assertion.name.clone(),
            features,
            path,
        });
    }
    Ok(written)
}

/// The two features split on most by the most influential differing trees; for networks,
/// the two features whose first-layer weights differ most between the models.
fn busiest_features(
    left: &crate::models::Model,
    right: &crate::models::Model,
    counterexample: &crate::smt::EquivalenceCounterexample,
    count: usize,
) -> (usize, usize) {
    use crate::models::Model;
    let mut weight = vec![0.0f64; count];
    match (left, right) {
        (Model::Trees(left), Model::Trees(right)) => {
            for entry in counterexample.influence.iter().take(5) {
                let model = if entry.model == "left" { left } else { right };
                for node in &model.trees[entry.tree].nodes {
                    if let crate::models::Node::Split { feature, .. } = node {
                        weight[*feature] += 1.0;
                    }
                }
            }
        }
        (Model::Network(left), Model::Network(right)) => {
            weight = crate::models::network::input_differences(&left.network, &right.network);
        }
        _ => {}
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|a, b| weight[*b].total_cmp(&weight[*a]).then(a.cmp(b)));
    (order[0], order.get(1).copied().unwrap_or(0))
}
