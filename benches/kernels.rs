//! Benchmark of the compiled kernels: rows/s and GB/s of the JIT beside the interpreter and a
//! memcpy of the same buffer (measured in the same run), thread scaling, and JIT compile time per real file.
//!
//! `cargo bench --bench kernels` runs the full measurement; without `--bench` (as under
//! `cargo test --all-targets`) it runs a quick smoke pass over fewer rows.

use reqc::codegen::{with_kernels, Optimisation, STATUS_UNDECIDED};
use reqc::number::FloatFormat;
use reqc::shield::correct::Interpreter;
use reqc::shield::{build, Limits};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut work: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed()
            })
            .collect(),
    )
}

/// The rows the kernels left unchanged (they meet every requirement: the fast path most
/// real predictions take), repeated to `length` values; empty when there are none.
fn satisfying_rows<T: Copy>(rows: &[T], status: &[u8], columns: usize, length: usize) -> Vec<T> {
    let unchanged: Vec<T> = rows
        .chunks_exact(columns)
        .zip(status)
        .filter(|(_, status)| **status == reqc::codegen::STATUS_UNCHANGED)
        .flat_map(|(row, _)| row.iter().copied())
        .collect();
    if unchanged.is_empty() {
        return unchanged;
    }
    unchanged.iter().copied().cycle().take(length).collect()
}

/// Deterministic predictions in [0, 1], the shape a classifier's outputs have.
fn predictions(rows: usize, columns: usize, seed: u64) -> Vec<f64> {
    let mut random = reqc::random::Random::new(seed);
    (0..rows * columns).map(|_| random.unit()).collect()
}

fn main() {
    let full = std::env::args().any(|argument| argument == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let directory = root.join("../shared/requirements/constrained-dgm");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("shared files")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    let threads = reqc::workers::available();
    let (target_bytes, runs) = if full { (16 << 20, 3) } else { (256 << 10, 1) };
    println!(
        "kernels on the real files ({} run{}, median; f64 rows of predictions in [0, 1]; {threads} cores)",
        runs,
        if runs == 1 { "" } else { "s" }
    );
    println!(
        "{:24} {:>5} {:>9} {:>10} {:>10} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8} {:>9} {:>8}",
        "file",
        "cols",
        "compile",
        "jit rows/s",
        "jit GB/s",
        "/memcpy",
        "/interp",
        "undecid",
        "changed",
        "ok GB/s",
        "ok/memcp",
        "bnd GB/s",
        "bnd/memc"
    );
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        let Some(specification) =
            reqc::front_end(&text, &directory, &reqc::world::DiskWorld).specification
        else {
            continue;
        };
        let shield = build(&specification, &specification.ordering, Limits::default())
            .expect("the shield builds");
        let columns = shield.columns;
        // Wide files take the exact slow path on nearly every random row: fewer rows there.
        let limit = if columns > 200 { 2_000 } else { usize::MAX };
        let rows = (target_bytes / (8 * columns)).clamp(1, limit);
        let input = predictions(rows, columns, 7);
        let bytes = (rows * columns * 8) as f64;
        let mut buffer = input.clone();
        let mut copy = vec![0.0f64; input.len()];
        let memcpy = time(runs, || {
            copy.copy_from_slice(black_box(&input));
            black_box(&copy);
        });
        let interpreter = Interpreter::new(&shield, FloatFormat::F64);
        // The interpreter takes big-rational paths on botnet's 90-term literals: few rows there.
        let interpreted_rows = match (full, columns > 200) {
            (true, false) => rows.min(200_000),
            (true, true) => rows.min(20),
            (false, _) => rows.min(50),
        };
        let interpreted = time(runs, || {
            buffer[..interpreted_rows * columns]
                .copy_from_slice(&input[..interpreted_rows * columns]);
            for row in buffer[..interpreted_rows * columns].chunks_exact_mut(columns) {
                black_box(interpreter.correct_row(row));
            }
        });
        let interpreter_rate = interpreted_rows as f64 / interpreted.as_secs_f64();
        let mut status = vec![0u8; rows];
        let result = with_kernels(
            &shield,
            &[FloatFormat::F64],
            Optimisation::CodeGeneration,
            |kernels| {
                // The copy kernel reads the drawn rows and writes the corrected ones, the same
                // bytes as memcpy moves: no refill to subtract (a difference of two noisy
                // times near memcpy's printed absurd speeds).
                let single = time(runs, || {
                    kernels.correct_copy_f64(&input, &mut buffer, &mut status);
                });
                // Rows that already meet every requirement, the fast path most real predictions
                // take: the random rows the kernel leaves unchanged, repeated to the buffer's size.
                let mut candidates = predictions(rows * 4, columns, 11);
                let mut candidate_status = vec![0u8; rows * 4];
                kernels.correct_f64(&mut candidates, &mut candidate_status);
                let satisfying =
                    satisfying_rows(&candidates, &candidate_status, columns, input.len());
                // The kernel leaves these rows as they are, so they are corrected in place,
                // with no refill.
                let fast = (!satisfying.is_empty()).then(|| {
                    let mut working = satisfying.clone();
                    let mut satisfying_status = vec![0u8; rows];
                    let fast = time(runs, || {
                        kernels.correct_f64(&mut working, &mut satisfying_status);
                    });
                    assert!(
                        working == satisfying,
                        "the kernel moved rows that meet every requirement"
                    );
                    fast
                });
                // Corrected rows: they meet every requirement but lie on its bounds, where the
                // float test cannot certify them, so the runtime checks them exactly.
                let corrected = buffer.clone();
                let mut working = corrected.clone();
                let mut bound_status = vec![0u8; rows];
                let on_bounds = time(runs, || {
                    kernels.correct_f64(&mut working, &mut bound_status);
                });
                assert!(
                    working == corrected,
                    "the kernel moved corrected rows, which meet every requirement"
                );
                // Half the rows as drawn (most violate), half corrected, in random places: the
                // blocks mix both, where a block test pays only for blocks that all pass
                // (`specs/kernels.md`, skipping the block test).
                let mut choice = reqc::random::Random::new(13);
                let mixed: Vec<f64> = input
                    .chunks_exact(columns)
                    .zip(corrected.chunks_exact(columns))
                    .flat_map(|(drawn, fixed)| if choice.unit() < 0.5 { drawn } else { fixed })
                    .copied()
                    .collect();
                let mut mixed_status = vec![0u8; rows];
                let half = time(runs, || {
                    kernels.correct_copy_f64(&mixed, &mut working, &mut mixed_status);
                });
                (kernels.compile_time, single, fast, on_bounds, half)
            },
        )
        .expect("the kernels compile");
        let (compile, single, fast, on_bounds, half) = result;
        // The same kernel row by row only (the least code) and through LLVM's -O2 pipeline
        // (the Python package's kernels), on the same violating rows, beside the
        // code-generation-only kernel timed above (`reqc correct`'s).
        let others: Vec<(Optimisation, std::time::Duration, std::time::Duration)> =
            [Optimisation::RowByRow, Optimisation::Pipeline]
                .into_iter()
                .map(|optimisation| {
                    with_kernels(&shield, &[FloatFormat::F64], optimisation, |kernels| {
                        let single = time(runs, || {
                            kernels.correct_copy_f64(&input, &mut buffer, &mut status);
                        });
                        (optimisation, kernels.compile_time, single)
                    })
                    .expect("the kernels compile")
                })
                .collect();
        let undecided = status.iter().filter(|s| **s == STATUS_UNDECIDED).count();
        let changed = status
            .iter()
            .filter(|s| **s == reqc::codegen::STATUS_CORRECTED)
            .count();
        let jit_rate = rows as f64 / single.as_secs_f64().max(1e-9);
        println!(
            "{:24} {:>5} {:>7.1}ms {:>10.3e} {:>10.2} {:>8.2} {:>8.0} {:>7.3}% {:>7.2}% {:>9} {:>8} {:>9.2} {:>8.2}",
            path.file_name().unwrap().to_string_lossy(),
            columns,
            compile.as_secs_f64() * 1000.0,
            jit_rate,
            bytes / single.as_secs_f64().max(1e-9) / 1e9,
            memcpy.as_secs_f64() / single.as_secs_f64().max(1e-9),
            jit_rate / interpreter_rate,
            100.0 * undecided as f64 / rows as f64,
            100.0 * changed as f64 / rows as f64,
            fast.map_or("-".to_string(), |fast| format!(
                "{:.2}",
                bytes / fast.as_secs_f64().max(1e-9) / 1e9
            )),
            fast.map_or("-".to_string(), |fast| format!(
                "{:.2}",
                memcpy.as_secs_f64() / fast.as_secs_f64().max(1e-9)
            )),
            bytes / on_bounds.as_secs_f64().max(1e-9) / 1e9,
            memcpy.as_secs_f64() / on_bounds.as_secs_f64().max(1e-9),
        );
        println!(
            "{:24} half the rows corrected, in random places: {:.2} GB/s, {:.2}x memcpy",
            "",
            bytes / half.as_secs_f64().max(1e-9) / 1e9,
            memcpy.as_secs_f64() / half.as_secs_f64().max(1e-9),
        );
        for (optimisation, compile, single_other) in &others {
            println!(
                "{:24} Optimisation::{optimisation:?}: compile {:.1} ms, {:.3e} rows/s, {:.2}x the rows/s above",
                "",
                compile.as_secs_f64() * 1000.0,
                rows as f64 / single_other.as_secs_f64().max(1e-9),
                single.as_secs_f64() / single_other.as_secs_f64().max(1e-9),
            );
        }
    }
    scaling(&files, threads, full);
    engines(root, full);
    println!("columns: compile = JIT compile time; /memcpy = memcpy time / kernel time (single core; 1.0 means memcpy speed); /interp = JIT rows/s over interpreter rows/s; undecid = rows left to the interpreter; changed = rows the kernel corrected; ok = the same kernel on rows that already meet the requirements (random rows it leaves unchanged, repeated; - when there are none): GB/s and memcpy time / kernel time; bnd = the same on the corrected rows, which meet the requirements on their bounds, where the runtime checks them exactly. Rows the kernel changes are corrected from a source into a separate buffer (the bytes memcpy moves); rows that meet the requirements (ok, bnd) are left as they are and corrected in place.");
}

/// Thread scaling of the f32 kernels `reqc correct` runs (code generation only): the copy
/// kernels, from a source buffer into the rows (nothing is refilled, so nothing is
/// subtracted), on one thread and on `threads` threads, beside memcpy of the same bytes on
/// one thread and split the same way over the same worker threads, which is the most that
/// streaming rows can scale on this machine. Three kinds of rows: random rows (most
/// violate), the same rows corrected (on their bounds: exact checks) and the random rows
/// the kernels leave unchanged, repeated (they satisfy: the float test alone); each at a
/// size that stays in the cache and at one that streams from memory.
fn scaling(files: &[PathBuf], threads: usize, full: bool) {
    let runs = if full { 5 } else { 1 };
    let sizes: [(&str, usize); 2] = if full {
        [("in cache", 2 << 20), ("streaming", 128 << 20)]
    } else {
        [("in cache", 256 << 10), ("streaming", 1 << 20)]
    };
    println!();
    println!(
        "thread scaling: f32 rows, copy kernels ({threads} threads against one; median of {runs}; GB/s of rows read)"
    );
    println!(
        "{:24} {:>10} {:>11} {:>10} {:>10} {:>8} {:>9}",
        "file", "size", "rows", "1 thread", "threads", "scaling", "memcpy"
    );
    for path in files {
        let directory = path.parent().expect("a directory");
        let text = std::fs::read_to_string(path).expect("read");
        let Some(specification) =
            reqc::front_end(&text, directory, &reqc::world::DiskWorld).specification
        else {
            continue;
        };
        let shield = build(&specification, &specification.ordering, Limits::default())
            .expect("the shield builds");
        let columns = shield.columns;
        if columns > 200 {
            // Botnet's random rows all take the exact runtime, a few thousand rows a second:
            // its scaling is the runtime's, shown by the Python package's benchmark.
            continue;
        }
        with_kernels(
            &shield,
            &[FloatFormat::F32],
            Optimisation::CodeGeneration,
            |kernels| {
                for (size_name, bytes) in sizes {
                    let rows = (bytes / (4 * columns)).max(1);
                    // Calls short enough to be noisy are repeated within each timing.
                    let repeat = ((64 << 20) / bytes).max(1);
                    let random: Vec<f32> = predictions(rows, columns, 7)
                        .into_iter()
                        .map(|value| value as f32)
                        .collect();
                    let mut output = vec![0f32; random.len()];
                    let mut status = vec![0u8; rows];
                    kernels.correct_copy_f32(&random, &mut output, &mut status);
                    let on_bounds = output.clone();
                    let satisfying = satisfying_rows(&random, &status, columns, random.len());
                    let memcpy_single = time(runs, || {
                        for _ in 0..repeat {
                            output.copy_from_slice(black_box(&random));
                        }
                    });
                    let part = random.len().div_ceil(threads);
                    let memcpy_parallel = time(runs, || {
                        for _ in 0..repeat {
                            let parts: Vec<_> = output
                                .chunks_mut(part)
                                .zip(random.chunks(part))
                                .map(|(to, from)| move || to.copy_from_slice(black_box(from)))
                                .collect();
                            reqc::workers::run(parts);
                        }
                    });
                    let memcpy_scaling =
                        memcpy_single.as_secs_f64() / memcpy_parallel.as_secs_f64().max(1e-12);
                    for (kind, source) in [
                        ("random", &random),
                        ("on bounds", &on_bounds),
                        ("satisfying", &satisfying),
                    ] {
                        if source.is_empty() {
                            continue;
                        }
                        let single = time(runs, || {
                            for _ in 0..repeat {
                                kernels.correct_copy_f32(source, &mut output, &mut status);
                            }
                        });
                        let parallel = time(runs, || {
                            for _ in 0..repeat {
                                kernels.correct_copy_f32_parallel(
                                    source,
                                    &mut output,
                                    &mut status,
                                    threads,
                                );
                            }
                        });
                        let rate = |duration: Duration| {
                            (repeat * source.len() * 4) as f64
                                / duration.as_secs_f64().max(1e-12)
                                / 1e9
                        };
                        println!(
                            "{:24} {:>10} {:>11} {:>10.2} {:>10.2} {:>7.2}x {:>8.2}x",
                            path.file_name().unwrap().to_string_lossy(),
                            size_name,
                            kind,
                            rate(single),
                            rate(parallel),
                            single.as_secs_f64() / parallel.as_secs_f64().max(1e-12),
                            memcpy_scaling,
                        );
                    }
                }
            },
        )
        .expect("the kernels compile");
    }
    println!("scaling = one thread's time / {threads} threads' time; memcpy = the same for memcpy of the random rows, split over the same worker threads (streaming rows cannot scale beyond it)");
}

/// `reqc correct`'s three engines end to end on in-memory rows of wids (109 columns), each
/// run from the start of compiling to the last row: auto (the interpreter while the
/// kernels compile in the background, then the kernels), jit (waits for the kernels) and
/// the interpreter, whose time is the baseline of the ratios.
fn engines(root: &Path, full: bool) {
    use reqc::codegen::engine::correct_stream;
    use reqc::codegen::BackgroundKernels;
    use reqc::data::{MemoryReader, MemoryWriter};
    use reqc::shield::correct::{ImpossiblePolicy, NonFinitePolicy, Recheck, RequirementChecker};

    let directory = root.join("../shared/requirements/constrained-dgm");
    let path = directory.join("wids_constraints.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let specification = reqc::front_end(&text, &directory, &reqc::world::DiskWorld)
        .specification
        .expect("wids checks");
    let shield = build(&specification, &specification.ordering, Limits::default())
        .expect("the shield builds");
    let columns = shield.columns;
    let interpreter = Interpreter::new(&shield, FloatFormat::F64);
    let checker = RequirementChecker::new(&specification);
    let threads = reqc::workers::available();
    let runs = if full { 3 } else { 1 };
    println!();
    println!("engines end to end on wids (f64 predictions in [0, 1]; compile time included; {threads} threads)");
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>8} {:>8}",
        "rows", "interp", "jit", "auto", "jit/int", "auto/int"
    );
    let sizes: &[usize] = if full {
        &[10, 3_000, 30_000, 300_000]
    } else {
        &[10, 3_000]
    };
    for &rows in sizes {
        let input = predictions(rows, columns, 5);
        let reader = || MemoryReader::new(columns, FloatFormat::F64, input.clone());
        let interpreted = time(runs, || {
            let mut output = Vec::new();
            reqc::shield::correct::correct_stream(
                &interpreter,
                &checker,
                &mut reader(),
                &mut MemoryWriter(&mut output),
                NonFinitePolicy::Error,
                ImpossiblePolicy::Keep,
                Recheck::Inexact,
            )
            .expect("the interpreter corrects");
            black_box(output);
        });
        let tiered = |wait: bool| {
            time(runs, || {
                let background = BackgroundKernels::start(
                    shield.clone(),
                    vec![FloatFormat::F64],
                    Optimisation::CodeGeneration,
                    None,
                );
                let source = || {
                    if wait {
                        Some(background.wait())
                    } else {
                        background.poll()
                    }
                };
                let mut output = Vec::new();
                correct_stream(
                    &source,
                    &interpreter,
                    &checker,
                    &mut reader(),
                    &mut MemoryWriter(&mut output),
                    NonFinitePolicy::Error,
                    ImpossiblePolicy::Keep,
                    Recheck::Inexact,
                    threads,
                )
                .expect("the engine corrects");
                black_box(output);
            })
        };
        let jit = tiered(true);
        let auto = tiered(false);
        let milliseconds = |duration: Duration| duration.as_secs_f64() * 1000.0;
        println!(
            "{:>8} {:>8.1}ms {:>8.1}ms {:>8.1}ms {:>8.2} {:>8.2}",
            rows,
            milliseconds(interpreted),
            milliseconds(jit),
            milliseconds(auto),
            jit.as_secs_f64() / interpreted.as_secs_f64(),
            auto.as_secs_f64() / interpreted.as_secs_f64(),
        );
    }
    println!("jit/int and auto/int: the engine's time over the interpreter's (below 1 is faster).");
}
