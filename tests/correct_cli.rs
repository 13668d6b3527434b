//! `reqc correct`, `reqc stats` and `reqc compile --emit sets|sets-json` run as a user runs them.

mod common;

use std::path::Path;
use std::process::Output;

use common::{reqc, scratch};

/// Standard output and standard error together.
fn text(output: &Output) -> String {
    common::output_text(output)
}

fn path(directory: &Path, name: &str) -> String {
    directory.join(name).display().to_string()
}

/// Reads an `.npy` file through the library's reader.
fn read_npy(file: &str) -> (Option<reqc::number::FloatFormat>, Vec<f64>) {
    use reqc::data::RowReader;
    let mut reader = reqc::data::NpyReader::new(std::fs::File::open(file).expect("open npy"))
        .expect("npy header");
    let mut rows = Vec::new();
    while reader.read_rows(&mut rows, 1000).expect("read rows") > 0 {}
    (reader.dtype(), rows)
}

fn write_npy(file: &str, columns: usize, format: reqc::number::FloatFormat, values: &[f64]) {
    use reqc::data::RowWriter;
    let mut writer: Box<dyn RowWriter> = Box::new(
        reqc::data::NpyWriter::new(
            std::fs::File::create(file).expect("create"),
            columns,
            format,
        )
        .expect("header"),
    );
    writer.write_rows(values).expect("write");
    writer.finish().expect("finish");
}

#[test]
fn csv_with_header_is_corrected_and_keeps_its_header() {
    let directory = scratch("csv");
    let input = path(&directory, "in.csv");
    std::fs::write(&input, "a,b,c\n1.2,2.5,2.2\n0,0,0\n3,1,5\n").unwrap();
    let output = path(&directory, "out.csv");
    let result = reqc(&[
        "correct",
        "../shared/cases/two_holes.txt",
        "--input",
        &input,
        "--output",
        &output,
    ]);
    assert!(result.status.success(), "{}", text(&result));
    assert!(text(&result).contains("3 rows"), "{}", text(&result));
    assert!(
        text(&result).contains("violating before 2, after 0"),
        "{}",
        text(&result)
    );
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written, "a,b,c\n1.2,3.0,3.0\n0.0,0.0,0.0\n3.0,3.0,3.0\n");
}

#[test]
fn npy_keeps_its_dtype_unless_told() {
    use reqc::number::FloatFormat;
    let directory = scratch("npy");
    let input = path(&directory, "in.npy");
    write_npy(
        &input,
        2,
        FloatFormat::F32,
        &[0.0, 0.0, 1.0, 0.5, 0.25, 0.0],
    );
    let output = path(&directory, "out.npy");
    let result = reqc(&[
        "correct",
        "tests/shield/strict_bounds.req",
        "--input",
        &input,
        "--output",
        &output,
    ]);
    assert!(
        !result.status.success(),
        "strict_bounds has 3 columns: {}",
        text(&result)
    );
    assert!(
        text(&result).contains("has 2 columns, but the requirements describe rows of 3 columns"),
        "{}",
        text(&result)
    );
    write_npy(&input, 3, FloatFormat::F32, &[0.0, 0.0, 0.0, 1.0, 0.5, 2.0]);
    let result = reqc(&[
        "correct",
        "tests/shield/strict_bounds.req",
        "--input",
        &input,
        "--output",
        &output,
    ]);
    assert!(result.status.success(), "{}", text(&result));
    let (dtype, values) = read_npy(&output);
    assert_eq!(dtype, Some(FloatFormat::F32));
    assert_eq!(
        values[0],
        f64::from(0.5f32.next_up()),
        "strict bounds are met by the next f32"
    );
    assert_eq!(
        &values[3..],
        &[1.0, 0.5, 2.0],
        "a satisfied row is unchanged"
    );
    let result = reqc(&[
        "correct",
        "tests/shield/strict_bounds.req",
        "--input",
        &input,
        "--output",
        &output,
        "--dtype",
        "f64",
    ]);
    assert!(result.status.success(), "{}", text(&result));
    let (dtype, values) = read_npy(&output);
    assert_eq!(dtype, Some(FloatFormat::F64));
    assert_eq!(values[0], 0.5f64.next_up());
}

#[test]
fn bad_data_names_row_and_column_and_leaves_the_output_alone() {
    let directory = scratch("bad");
    let output = path(&directory, "out.csv");
    std::fs::write(&output, "precious\n").unwrap();
    let cases = [
        ("1,2,3\n4,x,6\n", "row 2, column 2: `x` is not a number"),
        ("1,2,3\n4,5\n", "row 2: 2 cells, but the first row has 3"),
        (
            "1,2,3\n4,NaN,6\n",
            "row 2, column 2: NaN is not a finite number",
        ),
        (
            "1,2,3\ninf,5,6\n",
            "row 2, column 1: inf is not a finite number",
        ),
    ];
    for (index, (contents, message)) in cases.iter().enumerate() {
        let input = path(&directory, &format!("in{index}.csv"));
        std::fs::write(&input, contents).unwrap();
        let result = reqc(&[
            "correct",
            "../shared/cases/two_holes.txt",
            "--input",
            &input,
            "--output",
            &output,
        ]);
        assert_eq!(result.status.code(), Some(2), "{}", text(&result));
        assert!(
            text(&result).contains(message),
            "expected `{message}` in {}",
            text(&result)
        );
        assert_eq!(
            std::fs::read_to_string(&output).unwrap(),
            "precious\n",
            "the output was touched"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files were left behind");
    let missing = reqc(&[
        "correct",
        "../shared/cases/two_holes.txt",
        "--input",
        "/nonexistent/in.csv",
        "--output",
        &output,
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing).contains("cannot read `/nonexistent/in.csv`"),
        "{}",
        text(&missing)
    );
}

#[test]
fn non_finite_rows_can_be_passed_through() {
    let directory = scratch("nonfinite");
    let input = path(&directory, "in.csv");
    std::fs::write(&input, "1,2,3\nNaN,5,6\n").unwrap();
    let output = path(&directory, "out.csv");
    let result = reqc(&[
        "correct",
        "../shared/cases/two_holes.txt",
        "--input",
        &input,
        "--output",
        &output,
        "--non-finite",
        "keep",
    ]);
    assert!(result.status.success(), "{}", text(&result));
    assert!(
        text(&result).contains("1 row with NaN or infinities were copied unchanged"),
        "{}",
        text(&result)
    );
    assert!(std::fs::read_to_string(&output)
        .unwrap()
        .ends_with("NaN,5.0,6.0\n"));
}

#[test]
fn impossible_rows_are_reported_not_corrupted() {
    let directory = scratch("impossible");
    let input = path(&directory, "in.csv");
    // inputs.req: y_2 (age) is fixed; y_0 >= age and y_0 <= 10 are impossible for age 12.
    std::fs::write(&input, "0,0,5\n0,0,12\n").unwrap();
    let output = path(&directory, "out.csv");
    let result = reqc(&[
        "correct",
        "tests/shield/inputs.req",
        "--input",
        &input,
        "--output",
        &output,
    ]);
    assert!(result.status.success(), "{}", text(&result));
    assert!(
        text(&result).contains("1 row could not be corrected because their fixed input columns"),
        "{}",
        text(&result)
    );
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "5.0,0.0,5.0\n0.0,0.0,12.0\n"
    );
    let result = reqc(&[
        "correct",
        "tests/shield/inputs.req",
        "--input",
        &input,
        "--output",
        &output,
        "--impossible",
        "error",
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        text(&result).contains(
            "row 2: the fixed input columns of this row make the requirements impossible"
        ),
        "{}",
        text(&result)
    );
}

#[test]
fn every_ordering_gives_rows_that_satisfy_the_requirements() {
    let directory = scratch("orderings");
    let input = path(&directory, "in.csv");
    let mut rows = String::new();
    let mut random = reqc::random::Random::new(7);
    for _ in 0..300 {
        let mut cells = Vec::new();
        for _ in 0..3 {
            cells.push(format!("{}", random.below(1000) as f64 / 100.0 - 5.0));
        }
        rows.push_str(&cells.join(","));
        rows.push('\n');
    }
    std::fs::write(&input, rows).unwrap();
    for file in [
        "../shared/cases/disj_small.txt",
        "../shared/cases/two_holes.txt",
        "tests/shield/deep_chain.req",
        "tests/shield/negations.req",
    ] {
        for ordering in [
            &["--ordering", "random", "--seed", "3"][..],
            &["--ordering", "random", "--seed", "11"],
            &["--ordering", "auto"],
        ] {
            let output = path(&directory, "out.csv");
            let mut arguments = vec!["correct", file, "--input", &input, "--output", &output];
            arguments.extend_from_slice(ordering);
            let result = reqc(&arguments);
            assert!(
                result.status.success(),
                "{file} {ordering:?}: {}",
                text(&result)
            );
            assert!(
                text(&result).contains("after 0"),
                "{file} {ordering:?}: {}",
                text(&result)
            );
            let stats = reqc(&["stats", file, "--input", &output, "--json"]);
            let report: serde_json::Value =
                serde_json::from_slice(&stats.stdout).expect("stats JSON");
            assert_eq!(report["violating_any"], 0, "{file} {ordering:?}");
        }
    }
}

#[test]
fn stats_report_rates_per_requirement() {
    let directory = scratch("stats");
    let input = path(&directory, "in.csv");
    std::fs::write(&input, "3,1,5\n0,1,5\n2,3,1\n0,2,1\n").unwrap();
    let result = reqc(&["stats", "../shared/cases/norm_pos.txt", "--input", &input]);
    assert!(result.status.success(), "{}", text(&result));
    assert!(
        text(&result).contains("4 rows; 2 (50.00%) violate at least one requirement"),
        "{}",
        text(&result)
    );
    let result = reqc(&[
        "stats",
        "../shared/cases/norm_pos.txt",
        "--input",
        &input,
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&result.stdout).expect("JSON");
    assert_eq!(report["rows"], 4);
    assert_eq!(report["requirements"][0]["satisfied"], 2);
}

#[test]
fn sets_json_lists_levels_with_exact_numbers() {
    let result = reqc(&[
        "compile",
        "../shared/cases/two_holes.txt",
        "--emit",
        "sets-json",
    ]);
    assert!(result.status.success(), "{}", text(&result));
    let report: serde_json::Value = serde_json::from_slice(&result.stdout).expect("JSON");
    assert_eq!(report["ordering"], serde_json::json!(["y_0", "y_1", "y_2"]));
    let level = &report["levels"][1];
    assert_eq!(level["variable"], "y_1");
    let texts: Vec<&str> = level["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|clause| clause["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"-y_0 >= -1 or y_1 >= 3"), "{texts:?}");
    let directory = scratch("emit");
    let output = path(&directory, "sets.txt");
    let result = reqc(&[
        "compile",
        "../shared/cases/two_holes.txt",
        "--emit",
        "sets",
        "-o",
        &output,
    ]);
    assert!(result.status.success());
    assert!(std::fs::read_to_string(&output)
        .unwrap()
        .starts_with("ordering y_0 y_1 y_2\n"));
}

#[test]
fn the_readme_example_runs() {
    let directory = scratch("readme");
    let output = path(&directory, "corrected.csv");
    let result = reqc(&[
        "correct",
        "examples/credit.req",
        "--input",
        "examples/credit_predictions.csv",
        "--output",
        &output,
    ]);
    assert!(result.status.success(), "{}", text(&result));
    assert!(text(&result).contains("after 0"), "{}", text(&result));
}

/// By default the summary checks only rows corrected inexactly a second time (a row
/// corrected exactly meets every requirement by construction); `--recheck` checks every
/// moved row with the independent exact evaluator. The counts and the output bytes must
/// be the same, on real files, with both engines, with inexact rows among them.
#[test]
fn the_summary_is_the_same_when_every_moved_row_is_checked_again() {
    let directory = scratch("recheck");
    let root = common::root();
    let files = [
        common::shared().join("requirements/constrained-dgm/heloc_constraints.txt"),
        common::shared().join("requirements/constrained-dgm/url_constraints.txt"),
        common::shared().join("cases/two_holes.txt"),
        root.join("tests/shield/equalities.req"),
    ];
    let engines: &[&str] = if reqc::HAS_JIT {
        &["interp", "jit"]
    } else {
        &["interp"]
    };
    let mut generator = reqc::random::Random::new(11);
    let mut violating_after = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read the requirements");
        let columns = reqc::front_end(&source, file.parent().unwrap(), &reqc::world::DiskWorld)
            .specification
            .expect("the file checks")
            .columns;
        let values: Vec<f64> = (0..3000 * columns)
            .map(|_| generator.unit() * 1.5 - 0.25)
            .collect();
        let input = path(&directory, "input.npy");
        write_npy(&input, columns, reqc::number::FloatFormat::F32, &values);
        for engine in engines {
            let mut results = Vec::new();
            for recheck in [false, true] {
                let output = path(&directory, &format!("output-{recheck}.npy"));
                let mut arguments = vec![
                    "correct".to_string(),
                    file.display().to_string(),
                    "--input".into(),
                    input.clone(),
                    "--output".into(),
                    output.clone(),
                    "--engine".into(),
                    engine.to_string(),
                    "--message-format".into(),
                    "json".into(),
                ];
                if recheck {
                    arguments.push("--recheck".into());
                }
                let run = reqc(&arguments.iter().map(String::as_str).collect::<Vec<_>>());
                assert!(run.status.success(), "{}", text(&run));
                let report: serde_json::Value =
                    serde_json::from_slice(&run.stdout).expect("a JSON report");
                results.push((report["summary"].clone(), std::fs::read(&output).unwrap()));
            }
            let place = format!("{} with --engine {engine}", file.display());
            assert!(results[0].0["changed"].as_u64().unwrap() > 0, "{place}");
            assert_eq!(results[0].0, results[1].0, "{place}");
            assert!(results[0].1 == results[1].1, "{place}: the outputs differ");
            violating_after += results[0].0["violating_after"].as_u64().unwrap();
        }
    }
    assert!(
        violating_after > 0,
        "no inexact row violated: the test covers too little"
    );
}

/// f32 `.npy` rows go from the file to the kernels and back without widening to f64: the
/// output, the summary and the error for a non-finite row must be the interpreter's, with
/// rows that violate, rows on boundaries, NaN and infinities in one file.
#[test]
fn f32_files_corrected_by_the_kernels_equal_the_interpreter_with_non_finite_rows() {
    if !reqc::HAS_JIT {
        return;
    }
    let directory = scratch("single");
    let file = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let columns = 23;
    let mut generator = reqc::random::Random::new(5);
    // 30,000 rows of 23 f32 values make 2.8 MB: the output is streamed in several chunks
    // through the writer thread (and direct I/O where the filesystem has it).
    let count = 30_000;
    let mut values: Vec<f64> = (0..count * columns)
        .map(|_| f64::from((generator.unit() * 1.5 - 0.25) as f32))
        .collect();
    // Equal neighbours put rows on the boundaries of `y_1 - y_2 >= 0` and its like.
    for row in values.chunks_exact_mut(columns).step_by(3) {
        row[2] = row[1];
        row[12] = row[11];
    }
    for (row, bad) in [
        (7, f64::NAN),
        (4000, f64::INFINITY),
        (count - 1, f64::NEG_INFINITY),
    ] {
        values[row * columns + row % columns] = bad;
    }
    let input = path(&directory, "input.npy");
    write_npy(&input, columns, reqc::number::FloatFormat::F32, &values);
    let run = |engine: &str, policy: &str| {
        let output = path(&directory, &format!("output-{engine}-{policy}.npy"));
        let run = reqc(&[
            "correct",
            file.to_str().unwrap(),
            "--input",
            &input,
            "--output",
            &output,
            "--engine",
            engine,
            "--non-finite",
            policy,
            "--message-format",
            "json",
        ]);
        (run, output)
    };
    let (interpreted, interpreted_output) = run("interp", "keep");
    let (compiled, compiled_output) = run("jit", "keep");
    assert!(interpreted.status.success(), "{}", text(&interpreted));
    assert!(compiled.status.success(), "{}", text(&compiled));
    let summary = |output: &Output| {
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["summary"].clone()
    };
    assert_eq!(summary(&interpreted), summary(&compiled));
    assert_eq!(summary(&compiled)["non_finite"], 3);
    assert!(summary(&compiled)["changed"].as_u64().unwrap() > 0);
    assert!(
        std::fs::read(&interpreted_output).unwrap() == std::fs::read(&compiled_output).unwrap(),
        "the kernels' f32 output differs from the interpreter's"
    );
    // Both files went through the same writer: the in-memory correction, which writes no
    // file, checks that every row arrived, in order.
    let batch = reqc::batch::BatchShield::from_path(
        &reqc::world::DiskWorld,
        &file,
        reqc::batch::Ordering::File,
        2000,
    )
    .expect("shield");
    let mut expected: Vec<f32> = values.iter().map(|value| *value as f32).collect();
    let mut status = vec![0u8; count];
    let options = reqc::batch::BatchOptions {
        engine: reqc::batch::Engine::Interp,
        threads: 1,
        non_finite: reqc::shield::correct::NonFinitePolicy::Keep,
        impossible: reqc::shield::correct::ImpossiblePolicy::Keep,
    };
    batch
        .correct(&mut expected, &mut status, &options)
        .expect("in-memory correction");
    let (format, written) = read_npy(&compiled_output);
    assert_eq!(format, Some(reqc::number::FloatFormat::F32));
    assert_eq!(written.len(), expected.len());
    for (index, (written, expected)) in written.iter().zip(&expected).enumerate() {
        assert!(
            written.to_bits() == f64::from(*expected).to_bits(),
            "row {} column {}: the file has {written}, the in-memory correction {expected}",
            index / columns,
            index % columns
        );
    }
    let (interpreted, _) = run("interp", "error");
    let (compiled, _) = run("jit", "error");
    assert!(!compiled.status.success());
    assert_eq!(text(&interpreted), text(&compiled));
    assert!(text(&compiled).contains("row 8"), "{}", text(&compiled));
}

/// The kernel cache (`REQC_CACHE_DIR`): a later run loads the kernels a first run stored
/// and writes the same bytes; a damaged, foreign or unprotected entry is never used (the
/// kernels are compiled again, with the same output); an empty `REQC_CACHE_DIR` turns the
/// cache off.
#[test]
fn the_kernel_cache_serves_later_runs_and_never_lends_a_wrong_entry() {
    use std::os::unix::fs::PermissionsExt;
    if !reqc::HAS_JIT {
        return;
    }
    let directory = scratch("kernel-cache");
    let cache = directory.join("cache");
    let home = directory.join("home");
    let heloc = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let faults = common::shared().join("requirements/constrained-dgm/faults_constraints.txt");
    let mut generator = reqc::random::Random::new(11);
    let mut input_of = |name: &str, columns: usize| {
        let values: Vec<f64> = (0..3000 * columns)
            .map(|_| f64::from((generator.unit() * 1.5 - 0.25) as f32))
            .collect();
        let input = path(&directory, name);
        write_npy(&input, columns, reqc::number::FloatFormat::F32, &values);
        input
    };
    let heloc_input = input_of("heloc.npy", 23);
    let faults_input = input_of("faults.npy", 27);
    let output = path(&directory, "output.npy");
    // One run: where its kernels came from, and its output's bytes.
    let run = |file: &Path, input: &str, engine: &str, cache: &Path| {
        let result = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
            .args(["correct", file.to_str().unwrap(), "--input", input])
            .args(["--output", &output, "--engine", engine])
            .args(["--message-format", "json"])
            .env("REQC_CACHE_DIR", cache)
            .env("HOME", &home)
            .output()
            .expect("run reqc");
        assert!(result.status.success(), "{}", text(&result));
        let report: serde_json::Value = serde_json::from_slice(&result.stdout).expect("JSON");
        let kernels = report["kernels"].as_str().unwrap_or("none").to_string();
        (kernels, std::fs::read(&output).expect("the output"))
    };
    let entries = || -> Vec<std::path::PathBuf> {
        let mut entries: Vec<_> = std::fs::read_dir(&cache)
            .map(|listing| listing.map(|entry| entry.unwrap().path()).collect())
            .unwrap_or_default();
        entries.sort();
        entries
    };
    // A run with the kernels: they came from `origin` and wrote the oracle's bytes.
    let expect = |file: &Path, input: &str, cache: &Path, origin: &str, oracle: &[u8]| {
        let (kernels, written) = run(file, input, "jit", cache);
        assert_eq!(kernels, origin, "{}", file.display());
        assert!(
            written == oracle,
            "{}: the kernels ({kernels}) wrote other bytes than the interpreter",
            file.display()
        );
    };
    let (_, expected) = run(&heloc, &heloc_input, "interp", &cache);
    let (_, faults_expected) = run(&faults, &faults_input, "interp", &cache);
    assert!(entries().is_empty(), "the interpreter stores nothing");

    expect(&heloc, &heloc_input, &cache, "compiled", &expected);
    let stored = entries();
    assert_eq!(stored.len(), 1, "one entry: {stored:?}");
    let entry = stored[0].clone();
    assert_eq!(
        std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777,
        0o700,
        "the cache directory is private"
    );
    expect(&heloc, &heloc_input, &cache, "cached", &expected);

    // A damaged entry: compiled again, and stored whole again.
    std::fs::write(&entry, b"not a library").unwrap();
    expect(&heloc, &heloc_input, &cache, "compiled", &expected);
    expect(&heloc, &heloc_input, &cache, "cached", &expected);

    // Another shield's entry under this shield's name: its key differs, so it is not used.
    expect(&faults, &faults_input, &cache, "compiled", &faults_expected);
    let foreign = entries()
        .into_iter()
        .find(|path| *path != entry)
        .expect("a second entry");
    std::fs::copy(&foreign, &entry).unwrap();
    expect(&heloc, &heloc_input, &cache, "compiled", &expected);
    expect(&heloc, &heloc_input, &cache, "cached", &expected);
    expect(&faults, &faults_input, &cache, "cached", &faults_expected);

    // A directory others may write: nothing there is loaded (or stored).
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    expect(&heloc, &heloc_input, &cache, "compiled", &expected);
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o766)).unwrap();
    expect(&heloc, &heloc_input, &cache, "compiled", &expected);
    expect(&heloc, &heloc_input, &cache, "cached", &expected);

    // Set but empty: no cache, not even the default one under $HOME.
    expect(&heloc, &heloc_input, Path::new(""), "compiled", &expected);
    assert!(!home.exists(), "nothing was written under $HOME");
    let _ = std::fs::remove_dir_all(&directory);
}

/// The kernels' threads, as the JSON report gives them: into a file, every core but the
/// writer thread's unless `--threads` says otherwise; into a writer the caller owns (no
/// writer thread), every core; the interpreter alone, one.
#[test]
fn a_correction_into_a_file_leaves_the_writer_thread_a_core() {
    if !reqc::HAS_JIT {
        return;
    }
    let directory = scratch("threads-beside-writer");
    let heloc = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let mut generator = reqc::random::Random::new(5);
    let values: Vec<f64> = (0..2000 * 23)
        .map(|_| f64::from(generator.unit() as f32))
        .collect();
    let input = path(&directory, "input.npy");
    write_npy(&input, 23, reqc::number::FloatFormat::F32, &values);
    let output = path(&directory, "output.npy");
    let cores = std::thread::available_parallelism().map_or(1, |count| count.get());
    let threads_of = |extra: &[&str]| {
        let result = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
            .args(["correct", heloc.to_str().unwrap(), "--input", &input])
            .args(["--output", &output, "--message-format", "json"])
            .args(extra)
            .env("REQC_CACHE_DIR", "")
            .output()
            .expect("run reqc");
        assert!(result.status.success(), "{}", text(&result));
        let report: serde_json::Value = serde_json::from_slice(&result.stdout).expect("JSON");
        report["threads"].as_u64().expect("a thread count")
    };
    assert_eq!(
        threads_of(&["--engine", "jit"]),
        cores.saturating_sub(1).max(1) as u64
    );
    assert_eq!(threads_of(&["--engine", "jit", "--threads", "3"]), 3);
    assert_eq!(threads_of(&["--engine", "interp"]), 1);

    let Ok(loaded) = reqc::jobs::load(&reqc::world::DiskWorld, &heloc) else {
        panic!("heloc does not load");
    };
    let Ok(shield) = reqc::jobs::build_shield(&loaded, &Default::default()) else {
        panic!("heloc has no shield");
    };
    let options = reqc::jobs::correct::CorrectOptions {
        engine: reqc::jobs::correct::Engine::Jit,
        ..Default::default()
    };
    let mut corrected = Vec::new();
    let Ok(correction) = reqc::jobs::correct::correct(
        &reqc::world::DiskWorld,
        &loaded,
        &shield,
        reqc::jobs::correct::RowSource::Reader(Box::new(reqc::data::MemoryReader::new(
            23,
            reqc::number::FloatFormat::F32,
            values.clone(),
        ))),
        reqc::jobs::correct::RowSink::Writer(&mut reqc::data::MemoryWriter(&mut corrected)),
        &options,
    ) else {
        panic!("the rows in memory are not corrected");
    };
    assert_eq!(correction.threads, cores);
    assert_eq!(corrected.len(), values.len());
    let _ = std::fs::remove_dir_all(&directory);
}
