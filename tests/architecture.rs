//! The invariants of `specs/architecture.md`, checked by reading the source: modules depend
//! only on modules below them in the code map, z3 and inkwell stay in their back ends, only
//! the input layer and the atomic writer touch the filesystem, every module says what it is
//! in a `//!` line, and every `unsafe` block carries a `// Safety:` comment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's top-level modules in dependency order, lowest first, as the code map in
/// `specs/architecture.md` lists them: a module may use only modules before it. `crate`
/// stands for the functions of `src/lib.rs` itself (the front end every front end calls).
const LAYERS: &[&str] = &[
    "span",
    "number",
    "random",
    "workers",
    "png",
    "atomic",
    "world",
    "linear",
    "diagnostics",
    "report",
    "data",
    "syntax",
    "propositional",
    "spec",
    "format",
    "check",
    "models",
    "certificate",
    "shield",
    "smt",
    "calibration",
    "codegen",
    "crate",
    "jobs",
    "batch",
    "lsp",
];

/// Crates that only one module may use, and that module.
const CONFINED_CRATES: &[(&str, &str)] =
    &[("z3", "smt"), ("inkwell", "codegen"), ("rayon", "workers")];

/// The modules that may call the filesystem directly (`std::fs`); every other module
/// reads through the `World` trait or the data layer and writes through `atomic`.
const FILESYSTEM_MODULES: &[&str] = &["atomic", "world", "codegen"];

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its top-level module (`crate` for `lib.rs`,
/// `main` for `main.rs`).
fn source_files() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let mut pending = vec![source_root()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let relative = path.strip_prefix(source_root()).expect("under src");
                let first = relative
                    .components()
                    .next()
                    .expect("a component")
                    .as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string();
                let module = match first.as_str() {
                    "lib" => "crate".to_string(),
                    other => other.to_string(),
                };
                files.push((module, path));
            }
        }
    }
    files.sort();
    files
}

/// The code of a file without comments (line comments and doc comments), so that a module
/// named in prose is not taken for a dependency.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(index, line)| {
            let code = match line.find("//") {
                // A `//` inside a string literal (a URL) is rare in this code base; lines
                // with a quote before the comment are kept whole to stay on the safe side.
                Some(position) if !line[..position].contains('"') => &line[..position],
                _ => line,
            };
            (index + 1, code.to_string())
        })
        .collect()
}

/// The top-level modules a line of code names through `crate::`, `reqc::`-free paths.
fn named_modules(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(position) = rest.find("crate::") {
        let after = &rest[position + "crate::".len()..];
        let word: String = after
            .chars()
            .take_while(|character| character.is_ascii_alphanumeric() || *character == '_')
            .collect();
        if let Some(braced) = after.strip_prefix('{') {
            // `use crate::{a, b::c}`: every first segment inside the braces.
            let inside: String = braced.chars().take_while(|c| *c != '}').collect();
            for part in inside.split(',') {
                let segment: String = part
                    .trim()
                    .chars()
                    .take_while(|character| character.is_ascii_alphanumeric() || *character == '_')
                    .collect();
                if !segment.is_empty() {
                    names.push(segment);
                }
            }
        } else if !word.is_empty() {
            names.push(word);
        }
        rest = after;
    }
    names
}

/// The dependencies of one module on other top-level modules, with the places they occur.
fn dependencies() -> BTreeMap<(String, String), Vec<String>> {
    let layer_names: Vec<&str> = LAYERS.to_vec();
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (module, path) in source_files() {
        let text = std::fs::read_to_string(&path).expect("readable source");
        for (number, line) in code_lines(&text) {
            for name in named_modules(&line) {
                let target = if layer_names.contains(&name.as_str()) {
                    name
                } else {
                    // A function or type of `lib.rs` itself.
                    "crate".to_string()
                };
                if target != module {
                    found
                        .entry((module.clone(), target))
                        .or_default()
                        .push(format!("{}:{number}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn every_module_is_in_the_code_map_and_depends_only_on_modules_below_it() {
    let position = |module: &str| LAYERS.iter().position(|name| *name == module);
    let mut problems = Vec::new();
    for (module, path) in source_files() {
        if module != "main" && position(&module).is_none() {
            problems.push(format!(
                "{}: module `{module}` is not in the code map (LAYERS and specs/architecture.md)",
                path.display()
            ));
        }
    }
    for ((module, target), places) in dependencies() {
        if module == "main" {
            continue;
        }
        let (Some(from), Some(to)) = (position(&module), position(&target)) else {
            continue;
        };
        if to > from {
            problems.push(format!(
                "`{module}` uses `{target}`, which sits above it in the code map, at {}",
                places.join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_code_map_lists_every_module_in_dependency_order() {
    let map = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/architecture.md"),
    )
    .expect("specs/architecture.md");
    // Each module has a section headed with its name in backquotes, in LAYERS' order.
    let mut last = 0;
    for module in LAYERS.iter().filter(|module| **module != "crate") {
        let heading = format!("`{module}`");
        let at = map
            .lines()
            .enumerate()
            .find(|(_, line)| line.starts_with("## ") && line.contains(&heading))
            .map(|(index, _)| index);
        let Some(at) = at else {
            panic!("specs/architecture.md has no `## ` section for `{module}`");
        };
        assert!(
            at >= last,
            "specs/architecture.md lists `{module}` out of dependency order"
        );
        last = at;
    }
}

#[test]
fn confined_crates_are_used_only_by_their_module() {
    let mut problems = Vec::new();
    for (module, path) in source_files() {
        let text = std::fs::read_to_string(&path).expect("readable source");
        for (number, line) in code_lines(&text) {
            for (krate, owner) in CONFINED_CRATES {
                let used = line.contains(&format!("{krate}::"))
                    && !line.contains(&format!("_{krate}::"))
                    && !line.contains(&format!("crate::{krate}"));
                if used && module != *owner {
                    problems.push(format!(
                        "{}:{number}: `{krate}` is used outside `{owner}`",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn only_the_input_layer_and_the_atomic_writer_touch_the_filesystem() {
    let mut problems = Vec::new();
    for (module, path) in source_files() {
        if module == "main" || FILESYSTEM_MODULES.contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable source");
        // Unit tests may make fixtures on disk.
        let library = text.split("#[cfg(test)]").next().unwrap_or("");
        for (number, line) in code_lines(library) {
            if line.contains("std::fs")
                || line.contains("File::open")
                || line.contains("File::create")
            {
                problems.push(format!("{}:{number}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "filesystem access outside {FILESYSTEM_MODULES:?}:\n{}",
        problems.join("\n")
    );
}

#[test]
fn only_workers_asks_how_many_cores_there_are() {
    // One answer for every parallel phase (`workers::available`, read once): asking again
    // costs system calls on every use, and two answers could disagree.
    let mut problems = Vec::new();
    for (module, path) in source_files() {
        if module == "workers" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable source");
        for (number, line) in code_lines(&text) {
            if line.contains("available_parallelism") {
                problems.push(format!("{}:{number}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the core count asked outside `workers` (call `workers::available`):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_module_starts_with_a_doc_line_and_every_unsafe_block_has_a_safety_comment() {
    let mut problems = Vec::new();
    for (_, path) in source_files() {
        let text = std::fs::read_to_string(&path).expect("readable source");
        if !text.starts_with("//!") {
            problems.push(format!(
                "{}: does not start with a `//!` line",
                path.display()
            ));
        }
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("unsafe {")
                || code.contains("unsafe fn")
                || code.contains("unsafe impl")
            {
                let window = &lines[index.saturating_sub(6)..=index];
                if !window.iter().any(|line| line.contains("// Safety:")) {
                    problems.push(format!(
                        "{}:{}: `unsafe` without a `// Safety:` comment above it",
                        path.display(),
                        index + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_dependency_reader_sees_upward_imports() {
    // The checker itself: an upward `use` in a low module is found, a doc link is not.
    assert_eq!(named_modules("use crate::smt::SolverOptions;"), vec!["smt"]);
    assert_eq!(
        named_modules("use crate::{codegen, shield::Shield};"),
        vec!["codegen", "shield"]
    );
    let lines = code_lines("//! See [`crate::smt`].\nuse crate::jobs; // why\n");
    let named: Vec<String> = lines
        .iter()
        .flat_map(|(_, line)| named_modules(line))
        .collect();
    assert_eq!(named, vec!["jobs"]);
}
