//! Property tests on stable Rust: thousands of random and mutated inputs must never panic the
//! front end, formatting must stay idempotent, and the item-by-item parser must agree with the
//! documented grammar's `file` rule.
//!
//! cargo-fuzz needs nightly, so this is a deterministic fuzzer: a small seeded generator makes
//! random bytes, random token soups and random mutations of every real and UI file. A failure
//! prints the seed, a shrunk input and what went wrong. `REQC_PROPERTY_SEED` and
//! `REQC_PROPERTY_CASES` change the seed and the number of cases for longer runs.

mod common;

use reqc::diagnostics::Code;
use reqc::random::Random;
use reqc::report::SourceMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Pieces of the language and of its near misses: mutations insert them so that random
/// inputs reach deep into the grammar instead of failing at the first byte.
const TOKENS: &[&str] = &[
    "or",
    " or ",
    "neg",
    "neg ",
    "(",
    ")",
    "{",
    "}",
    "==",
    ">=",
    "<=",
    ">",
    "<",
    "=>",
    "=",
    "1e999",
    "1e-999",
    "1e4001",
    "y_99999999999999999999",
    "columns 99999999999999999999",
    "y_0",
    "y_1",
    "x_0",
    "\"",
    "#",
    "\r",
    "\n",
    "\r\n",
    "\n\n",
    "+",
    "-",
    "*",
    "/",
    "0",
    "2",
    "0.1",
    ".5",
    "5.",
    "2y_0",
    "inf",
    "-inf",
    " in [0, 1]",
    "[",
    "]",
    ",",
    ":",
    "and",
    "not",
    "var a = y_0",
    "input b = y_1",
    "requirement r: ",
    "ordering ",
    "columns ",
    "calibration c {\n",
    "equivalence e {\n",
    "rule = legacy",
    "bins = equal_width(",
    "\"probabilities.npy\"",
    "é",
    "\u{FEFF}",
    "\t",
    " ",
    "\0",
];

/// Makes one mutation of `bytes` in place.
fn mutate(random: &mut Random, bytes: &mut Vec<u8>) {
    let position = random.index(bytes.len() + 1);
    match random.index(6) {
        0 if !bytes.is_empty() => {
            let index = position.min(bytes.len() - 1);
            bytes[index] ^= 1 << random.index(8);
        }
        1 | 2 => {
            let token = *random.pick(TOKENS);
            let token = token.as_bytes();
            bytes.splice(position..position, token.iter().copied());
        }
        3 => {
            let end = (position + 1 + random.index(16)).min(bytes.len());
            bytes.drain(position..end);
        }
        4 => {
            // Duplicate the line around the position, the way an editor slip would.
            let start = bytes[..position]
                .iter()
                .rposition(|byte| *byte == b'\n')
                .map_or(0, |index| index + 1);
            let end = bytes[position..]
                .iter()
                .position(|byte| *byte == b'\n')
                .map_or(bytes.len(), |index| position + index + 1);
            let line: Vec<u8> = bytes[start..end].to_vec();
            bytes.splice(end..end, line);
        }
        _ => {
            // Replace a byte with a random one from the characters the grammar uses.
            let alphabet = b"y_x0123456789.e+-*/()<>=[]{},:#\" \t\n\rorneg";
            if position < bytes.len() {
                bytes[position] = *random.pick(alphabet);
            } else {
                bytes.push(*random.pick(alphabet));
            }
        }
    }
}

/// A random window of whole lines, so that mutations of large files stay cheap and varied.
fn window(random: &mut Random, bytes: &[u8]) -> Vec<u8> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|byte| *byte == b'\n').collect();
    if lines.len() <= 40 {
        return bytes.to_vec();
    }
    let start = random.index(lines.len() - 40);
    let mut result = Vec::new();
    // Keep the first line (usually the ordering) so that requirements still check deeply.
    result.extend_from_slice(lines[0]);
    for line in &lines[start..start + 40] {
        result.extend_from_slice(line);
    }
    result
}

/// How deep an input got: counted so that the test fails if the generator degrades into
/// inputs the parser rejects at once, which would leave the later properties untested.
#[derive(Clone, Copy, Debug, Default)]
struct Depth {
    parsed_cleanly: bool,
    specified: bool,
}

/// Checks every property on one input; `Err` says which one failed.
fn exercise(bytes: &[u8], base: &Path) -> Result<Depth, String> {
    let text = match reqc::decode(bytes.to_vec()) {
        Ok(text) => text,
        // The lossy text is still a string the later phases must survive.
        Err(rejected) => rejected.0,
    };
    let parsed = reqc::syntax::parse(&text);
    if let Some(other) = parsed
        .diagnostics
        .iter()
        .find(|diagnostic| !matches!(diagnostic.code, Code::Syntax | Code::ColumnIndexTooLarge))
    {
        return Err(format!(
            "the parser reported a non-syntax code {}",
            other.code.as_str()
        ));
    }
    // E0102 is about a grammatical text (a column index too large for memory), so the
    // grammar's verdict is compared with the syntax errors alone.
    let has_syntax_errors = parsed
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == Code::Syntax);
    let grammar_accepts = reqc::syntax::matches_file_rule(&text);
    if grammar_accepts == has_syntax_errors {
        return Err(format!(
            "the grammar's file rule {} the text but the item-by-item parser reports {}",
            if grammar_accepts {
                "accepts"
            } else {
                "rejects"
            },
            if has_syntax_errors {
                "syntax errors"
            } else {
                "none"
            },
        ));
    }

    let outcome = reqc::front_end(&text, base, &reqc::world::DiskWorld);
    let has_errors = outcome
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.is_error());
    if outcome.specification.is_some() == has_errors {
        return Err(format!(
            "a specification was {} although the diagnostics {} errors",
            if outcome.specification.is_some() {
                "produced"
            } else {
                "withheld"
            },
            if has_errors { "hold" } else { "hold no" },
        ));
    }
    // Rendering is part of every run of `reqc check`, so it must survive any span too.
    let mut sources = SourceMap::new();
    let file = sources.add("input.req", text.clone());
    let located: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|diagnostic| (file, diagnostic.clone()))
        .collect();
    reqc::report::render_human(&sources, &located, false);
    reqc::report::render_json(&sources, &located);

    if parsed.diagnostics.is_empty() {
        let formatted = reqc::format::format(&text, &parsed.file);
        let reparsed = reqc::syntax::parse(&formatted);
        if !reparsed.diagnostics.is_empty() {
            return Err(format!(
                "the formatted text has syntax errors ({}):\n{formatted}",
                reparsed.diagnostics[0].message
            ));
        }
        let again = reqc::format::format(&formatted, &reparsed.file);
        if again != formatted {
            return Err(format!(
                "formatting is not idempotent:\n--- once\n{formatted}--- twice\n{again}"
            ));
        }
        if let Some(specification) = &outcome.specification {
            let reformatted = reqc::front_end(&formatted, base, &reqc::world::DiskWorld);
            let Some(after) = &reformatted.specification else {
                return Err(format!(
                    "the formatted text no longer checks: {}",
                    reformatted.diagnostics[0].message
                ));
            };
            let clauses = |specification: &reqc::spec::Specification| {
                specification
                    .clauses()
                    .map(|(_, clause)| {
                        clause
                            .disjuncts
                            .iter()
                            .map(|disjunct| disjunct.inequality.clone())
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            };
            if clauses(specification) != clauses(after)
                || specification.ordering != after.ordering
                || specification.columns != after.columns
            {
                return Err(format!(
                    "the formatted text checks to a different specification:\n{formatted}"
                ));
            }
        }
    }
    exercise_propositional(&text)?;
    Ok(Depth {
        parsed_cleanly: parsed.diagnostics.is_empty(),
        specified: outcome.specification.is_some(),
    })
}

/// The propositional front end, formatter, shield and correction on any text: no panic, a
/// specification exactly when there are no errors, idempotent formatting that keeps the
/// rules, and (for small rule sets at threshold 1/2) corrected rows whose labels satisfy
/// every rule, re-checked here.
fn exercise_propositional(text: &str) -> Result<(), String> {
    use reqc::propositional::shield;
    let outcome = reqc::propositional::front_end(text);
    let has_errors = outcome
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.is_error());
    if outcome.specification.is_some() == has_errors {
        return Err("the propositional front end's specification and errors disagree".to_string());
    }
    if let Ok(formatted) = reqc::propositional::format(text) {
        match reqc::propositional::format(&formatted) {
            Ok(again) if again == formatted => {}
            _ => {
                return Err(format!(
                    "propositional formatting is not idempotent:\n{formatted}"
                ))
            }
        }
        if let Some(specification) = &outcome.specification {
            let rules = |specification: &reqc::propositional::PropositionalSpecification| {
                specification
                    .rules
                    .iter()
                    .map(|rule| rule.literals.clone())
                    .collect::<Vec<_>>()
            };
            match reqc::propositional::front_end(&formatted).specification {
                Some(after) if rules(&after) == rules(specification) => {}
                _ => return Err(format!("the formatted rules differ:\n{formatted}")),
            }
        }
    }
    let Some(specification) = outcome.specification else {
        return Ok(());
    };
    // Resolution can grow exponentially; small sets keep the fuzzer fast.
    if specification.rules.len() > 40 || specification.columns > 64 {
        return Ok(());
    }
    let ordering = shield::choose_ordering(&specification, &shield::PropositionalOrdering::Given);
    let Ok(built) = shield::build(&specification, &ordering) else {
        return Ok(());
    };
    let half = num_rational::BigRational::new(1.into(), 2.into());
    let mut random = Random::new(text.len() as u64);
    for _ in 0..4 {
        let input: Vec<f64> = (0..specification.columns)
            .map(|_| (random.below(999) as f64 + 0.5) / 1000.0)
            .collect();
        let mut row = input.clone();
        built.correct_row(&mut row, None);
        let threshold = shield::Threshold::new(&specification.threshold);
        let broken = specification
            .rules
            .iter()
            .find(|rule| !shield::clause_holds(&rule.literals, &row, threshold));
        if specification.threshold == half {
            if let Some(rule) = broken {
                return Err(format!(
                    "{input:?} corrects to {row:?}, which breaks {}",
                    specification.rule_text(rule)
                ));
            }
        }
    }
    Ok(())
}

/// Runs [`exercise`] and turns a panic into an error carrying its message.
fn survive(bytes: &[u8], base: &Path) -> Result<Depth, String> {
    match catch_unwind(AssertUnwindSafe(|| exercise(bytes, base))) {
        Ok(result) => result,
        Err(payload) => Err(format!("panic: {}", panic_message(payload.as_ref()))),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Shrinks a failing input by deleting ever smaller ranges while it still fails, so that the
/// report shows a few bytes instead of a whole file.
fn shrink(mut bytes: Vec<u8>, base: &Path) -> Vec<u8> {
    let mut size = bytes.len().div_ceil(2).max(1);
    while size >= 1 {
        let mut start = 0;
        let mut removed_any = false;
        while start < bytes.len() {
            let end = (start + size).min(bytes.len());
            let mut candidate = bytes.clone();
            candidate.drain(start..end);
            if survive(&candidate, base).is_err() {
                bytes = candidate;
                removed_any = true;
            } else {
                start += size;
            }
        }
        if !removed_any {
            if size == 1 {
                break;
            }
            size /= 2;
        }
    }
    bytes
}

fn environment_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Reports the first failure with its seed and a shrunk input.
fn fail(kind: &str, seed: u64, case: u64, bytes: Vec<u8>, base: &Path) -> ! {
    let error = survive(&bytes, base).expect_err("the failure reproduces");
    let small = shrink(bytes, base);
    let shrunk_error = survive(&small, base).expect_err("the shrunk input still fails");
    panic!(
        "{kind} case {case} (REQC_PROPERTY_SEED={seed}) failed: {error}\n\
         shrunk input: {:?}\nwhich fails with: {shrunk_error}",
        String::from_utf8_lossy(&small)
    );
}

#[test]
fn random_and_mutated_inputs_never_break_the_front_end() {
    let seed = environment_number("REQC_PROPERTY_SEED", 0x5EED_2024);
    let cases = environment_number("REQC_PROPERTY_CASES", 3000);
    // Panics are caught and reported with their input; the default hook's output would only
    // repeat them (and the shrinker provokes many), so it is silenced while the test runs.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(|| run_cases(seed, cases));
    std::panic::set_hook(previous_hook);
    if let Err(payload) = result {
        // Panic again with the same message now that the hook reports it.
        panic!("{}", panic_message(payload.as_ref()));
    }
}

fn run_cases(seed: u64, cases: u64) {
    let mut random = Random::new(seed);
    let mut corpus: Vec<PathBuf> = common::shared_requirement_files();
    corpus.extend(common::example_files());
    let valid_files = corpus.len();
    corpus.extend(common::ui_files());
    let corpus: Vec<(Vec<u8>, PathBuf)> = corpus
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read a corpus file");
            (bytes, common::base_of(path))
        })
        .collect();
    let ui_base = common::root().join("tests/ui");

    // The unmutated files first: a failure there is no fuzzing artefact.
    for (index, (bytes, base)) in corpus.iter().enumerate() {
        if survive(bytes, base).is_err() {
            fail("corpus file", seed, index as u64, bytes.clone(), base);
        }
    }

    let mut parsed_cleanly = 0;
    let mut specified = 0;
    // A tenth of the cases are random bytes, a tenth random token soups, the rest mutations.
    for case in 0..cases {
        let (bytes, base) = match case % 10 {
            0 => {
                let length = random.index(200);
                let bytes: Vec<u8> = (0..length).map(|_| random.next_u64() as u8).collect();
                (bytes, ui_base.as_path())
            }
            1 => {
                let mut text = String::new();
                for _ in 0..random.index(30) {
                    let token = *random.pick(TOKENS);
                    text.push_str(token);
                    if random.index(3) == 0 {
                        text.push(' ');
                    }
                }
                (text.into_bytes(), ui_base.as_path())
            }
            _ => {
                // Two thirds of the mutations start from a valid file and half make a single
                // change, so that many inputs get past the parser into checking and formatting.
                let index = if random.index(3) < 2 {
                    random.index(valid_files)
                } else {
                    random.index(corpus.len())
                };
                let (original, base) = &corpus[index];
                let mut bytes = window(&mut random, original);
                let mutations = if random.index(2) == 0 {
                    1
                } else {
                    1 + random.index(4)
                };
                for _ in 0..mutations {
                    mutate(&mut random, &mut bytes);
                }
                (bytes, base.as_path())
            }
        };
        match survive(&bytes, base) {
            Ok(depth) => {
                parsed_cleanly += u64::from(depth.parsed_cleanly);
                specified += u64::from(depth.specified);
            }
            Err(_) => fail("generated", seed, case, bytes, base),
        }
    }
    assert!(
        parsed_cleanly * 10 >= cases && specified * 20 >= cases,
        "too few generated inputs got far: {parsed_cleanly} of {cases} parsed cleanly, \
         {specified} checked to a specification"
    );
    eprintln!(
        "{parsed_cleanly} of {cases} inputs parsed cleanly, {specified} checked to a specification"
    );
}

/// Deep nesting and long chains must end in a syntax error or a result, never in a stack
/// overflow (which aborts the process instead of panicking), also on a test thread's small
/// stack. A sum of 10,000 terms once aborted `reqc check` and `reqc fmt`.
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let base = common::root().join("tests/ui");
    for depth in [10, 1_000, 5_000] {
        let inputs = [
            format!(
                "ordering y_0\n{}y_0{} >= 1\n",
                "(".repeat(depth),
                ")".repeat(depth)
            ),
            format!("ordering y_0\n{}y_0 >= 1\n", "-".repeat(depth)),
            format!("ordering y_0\n{}y_0 >= 1\n", "2 * ".repeat(depth)),
            format!("ordering y_0\ny_0 >= 1{}\n", " + 1".repeat(depth)),
            format!(
                "ordering y_0\n{}y_0 >= 1{}\n",
                "(".repeat(depth),
                ")".repeat(depth)
            ),
            format!("ordering y_0\n{}\n", vec!["y_0 >= 1"; depth].join(" or ")),
        ];
        for input in inputs {
            if let Err(error) = survive(input.as_bytes(), &base) {
                panic!("depth {depth}: {error}");
            }
        }
    }
}

/// Inputs the fuzzer once found to break a property, kept so that the fix stays.
#[test]
fn regressions() {
    let base = common::root().join("tests/ui");
    let inputs: &[&str] = &[
        // A lone carriage return is no line break: the chunker once dropped it at the end
        // of a file, or took it for a blank line, where the grammar rejects it.
        "ordering y_0\ny_0 >= 0\r",
        "\r",
        "ordering y_0\r\ny_0 >= 0\r\n",
        // Whitespace beyond spaces and tabs is not the grammar's; the chunker once skipped it.
        "\u{000C}ordering y_0",
        "ordering y_0\n\u{00A0}y_0 >= 1",
    ];
    for input in inputs {
        if let Err(error) = survive(input.as_bytes(), &base) {
            panic!("{input:?}: {error}");
        }
    }
}

/// A byte-level mutation of a binary or text file: flipped bits, bytes set to extremes,
/// ranges deleted, duplicated or truncated, and numbers' digits changed.
fn mutate_bytes(random: &mut Random, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.push(random.next_u64() as u8);
        return;
    }
    let position = random.index(bytes.len());
    match random.index(6) {
        0 => bytes[position] ^= 1 << random.index(8),
        1 => bytes[position] = *random.pick(&[0u8, 0x7f, 0x80, 0xff, b'9', b'-', b'"', b',']),
        2 => {
            let end = (position + 1 + random.index(64)).min(bytes.len());
            bytes.drain(position..end);
        }
        3 => {
            let end = (position + 1 + random.index(64)).min(bytes.len());
            let copy = bytes[position..end].to_vec();
            let at = random.index(bytes.len() + 1);
            bytes.splice(at..at, copy);
        }
        4 => bytes.truncate(position),
        _ => {
            // Varints and lengths live in the first bytes of protobuf and npy headers.
            let early = random.index(bytes.len().min(128));
            bytes[early] = random.next_u64() as u8;
        }
    }
}

/// Every reader of data and model files (`.npy`, `.npz`, CSV, ONNX tree ensembles and
/// networks, XGBoost JSON) on mutations of the bundled files: an answer or a clear error,
/// never a panic. Served from memory through the `World`, so no file is written.
#[test]
fn mutated_data_and_model_files_never_panic_the_readers() {
    let seed = environment_number("REQC_PROPERTY_SEED", 0x5EED_2024);
    let cases = environment_number("REQC_PROPERTY_CASES", 3000);
    let root = common::root();
    let files: Vec<PathBuf> = [
        "examples/calibration/probabilities.npy",
        "examples/calibration/labels.npy",
        "tests/ui/calibration/data/calibrated.npz",
        "tests/ui/calibration/data/calibrated_compressed.npz",
        "examples/credit_predictions.csv",
        "examples/equivalence/train.csv",
        "examples/equivalence/forest.onnx",
        "examples/equivalence/regressor.onnx",
        "examples/equivalence/network.onnx",
        "examples/calibration/digits.onnx",
        "examples/equivalence/boosted.json",
    ]
    .iter()
    .map(|file| root.join(file))
    .collect();
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|path| std::fs::read(path).expect("a bundled file"))
        .collect();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut random = Random::new(seed ^ 0xDA7A);
    let mut failure = None;
    for case in 0..cases {
        let index = random.index(files.len());
        let mut bytes = originals[index].clone();
        for _ in 0..1 + random.index(3) {
            mutate_bytes(&mut random, &mut bytes);
        }
        let path = &files[index];
        let result = catch_unwind(AssertUnwindSafe(|| read_everything(path, &bytes)));
        if let Err(payload) = result {
            failure = Some(format!(
                "case {case} (REQC_PROPERTY_SEED={seed}) on a mutation of {}: {}",
                path.display(),
                panic_message(payload.as_ref())
            ));
            break;
        }
    }
    std::panic::set_hook(previous_hook);
    if let Some(failure) = failure {
        panic!("{failure}");
    }
}

/// Reads a file as every reader that takes its kind would, to the end.
fn read_everything(path: &Path, bytes: &[u8]) {
    let mut world = reqc::world::MemoryWorld::new();
    world.insert(path, bytes.to_vec());
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension {
        "onnx" | "json" => {
            if let Ok(model) = reqc::models::load(&world, path) {
                // Evaluate only models of a sane width: a mutated count is checked, not used.
                if model.features() <= 10_000 {
                    let _ = model.evaluate(&vec![0.5; model.features()]);
                }
            }
            if extension == "onnx" {
                let _ = reqc::models::network::read_network(bytes);
            }
        }
        _ => {
            let options = reqc::data::ReadOptions::default();
            if let Ok(mut reader) = reqc::data::open_rows(&world, path, &options) {
                let mut block = Vec::new();
                while let Ok(count) = reader.read_rows(&mut block, 1024) {
                    if count == 0 {
                        break;
                    }
                    block.clear();
                }
            }
            let _ = reqc::data::read_vector(&world, path, &options);
        }
    }
}
