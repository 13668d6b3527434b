//! The kernel cache: a shield's kernels compiled once per machine and reqc build and kept on disk as a shared library, so that a later run loads them in about a millisecond instead of loading LLVM and compiling.
//!
//! An entry is one file, `NAME.so`, where `NAME` is a hash of the entry's key. The key is
//! the whole of what the machine code depends on: the file holding reqc's own code, the
//! executable or the Python extension (path, size, modification time and inode: any
//! rebuild misses), this machine's CPU (its
//! `/proc/cpuinfo` identity: the kernels use every feature the CPU has), the formats and
//! the shield itself (its complete `Debug` text: columns, ordering and
//! every clause with exact rational coefficients). The library carries its key as the
//! string `reqc_cache_key`, and an entry is used only when that string equals the key
//! byte for byte, so neither a hash collision nor a stale or foreign file can lend wrong
//! kernels. Entries are written whole (a temporary directory beside them, renamed into
//! place) and only into a directory that belongs to this user and that nobody else may
//! write; anything else is a miss, never an error: the cache only saves time.
//!
//! An entry is compiled with the optimisation the storing run compiled its own kernels
//! with, which is part of the key: `reqc correct`'s entries (`Optimisation::CodeGeneration`)
//! and the Python package's (`Optimisation::Pipeline`) are separate. A first run that
//! stored its entry through the IR pipeline took 7–20% longer than one storing its own
//! kernels, and later runs loading either were within 3% of each other (`specs/kernels.md`);
//! every optimisation gives the interpreter's bits (`tests/kernels.rs`).

use super::aot::{run_pipeline, set_target, target_machine, write_machine, TargetOptions};
use super::jit::{KernelF32, KernelF64};
use super::{fnv1a, lower_only, verify, CodegenError, Kernels, Optimisation};
use crate::number::FloatFormat;
use crate::shield::Shield;
use inkwell::context::Context;
use inkwell::targets::FileType;
use std::path::{Path, PathBuf};

/// The entries kept at most; storing one more removes the least recently used.
const MAXIMUM_ENTRIES: usize = 256;

/// The name of the string every cached library holds its key in.
const KEY_SYMBOL: &str = "reqc_cache_key";

/// The shield runtime compiled natively by `build.rs` (position-independent): linked into
/// every cached library, which then needs nothing from the process that loads it.
static RUNTIME_OBJECT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/runtime.o"));

/// A directory of cached kernels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KernelCache {
    directory: PathBuf,
}

impl KernelCache {
    /// The cache in `directory` (created on the first store).
    pub fn new(directory: PathBuf) -> KernelCache {
        KernelCache { directory }
    }

    /// The key of a shield's kernels on this machine, or `None` when this build or this
    /// machine cannot be identified (then nothing is cached).
    pub(super) fn key(
        shield: &Shield,
        formats: &[FloatFormat],
        optimisation: Optimisation,
    ) -> Option<String> {
        use std::os::unix::fs::MetadataExt;
        let (executable, metadata) = code_file()?;
        let formats: Vec<&str> = formats.iter().map(|format| format.name()).collect();
        Some(format!(
            "{}\ncode {} {} {}.{:09} {} {}\n{}\nformats {}\noptimisation {:?}\n{shield:?}",
            super::VERSION,
            executable.display(),
            metadata.len(),
            metadata.mtime(),
            metadata.mtime_nsec(),
            metadata.dev(),
            metadata.ino(),
            machine_identity()?,
            formats.join(" "),
            optimisation,
        ))
    }

    fn entry_path(&self, key: &str) -> PathBuf {
        self.directory
            .join(format!("{:016x}.so", fnv1a(key.as_bytes())))
    }

    /// The kernels of `key`'s entry, with the library that holds them, if the entry exists,
    /// is trusted and holds exactly this key and every kernel of `formats`.
    pub(super) fn load(
        &self,
        key: &str,
        formats: &[FloatFormat],
        columns: usize,
    ) -> Option<(libloading::Library, Kernels)> {
        let started = std::time::Instant::now();
        let path = self.entry_path(key);
        if !owned_and_private(&self.directory) || !owned_and_private(&path) {
            return None;
        }
        // Safety: loading runs the library's initialisers; the entry is a library this
        // cache linked from reqc's own kernels and runtime (`store`), in a directory only
        // this user can write, and loading it runs nothing else of ours.
        let library = unsafe { libloading::Library::new(&path) }.ok()?;
        // Safety: `reqc_cache_key` is a NUL-terminated byte string in every entry `store`
        // writes; the symbol's address is read as such a string, while the library is
        // loaded, and only compared.
        let stored = unsafe {
            let symbol = library
                .get::<*const std::ffi::c_char>(KEY_SYMBOL.as_bytes())
                .ok()?;
            std::ffi::CStr::from_ptr(*symbol).to_bytes().to_vec()
        };
        if stored != key.as_bytes() {
            return None;
        }
        let kernel = |format: FloatFormat| -> Option<Option<usize>> {
            if !formats.contains(&format) {
                return Some(None);
            }
            let name = super::lower::copy_kernel_name(format);
            // Safety: the address is only read here; it is the kernel `lower` emitted under
            // this name, checked to be this shield's by the key above.
            let symbol = unsafe { library.get::<*const ()>(name.as_bytes()) }.ok()?;
            Some(Some(*symbol as usize))
        };
        let f32_address = kernel(FloatFormat::F32)?;
        let f64_address = kernel(FloatFormat::F64)?;
        // The entry was used now: the eviction keeps the most recently used.
        let _ = std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()));
        // Safety: each address is the copying kernel `lower::emit_kernel` defines for its
        // format (pointer, pointer, i64, pointer -> i64, C calling convention), of exactly
        // this shield (the key says so); the caller keeps `library` loaded for as long as the
        // kernels live.
        let (f32_kernel, f64_kernel) = unsafe {
            (
                f32_address.map(|address| std::mem::transmute::<usize, KernelF32>(address)),
                f64_address.map(|address| std::mem::transmute::<usize, KernelF64>(address)),
            )
        };
        let kernels = Kernels::new(columns, (f32_kernel, f64_kernel), started.elapsed(), true);
        Some((library, kernels))
    }

    /// Compiles the shield's kernels for `formats` with `optimisation` (the key's) and
    /// stores them under `key`, linked with the runtime into a shared library by the
    /// system's `cc`.
    pub(super) fn store(
        &self,
        key: &str,
        shield: &Shield,
        formats: &[FloatFormat],
        optimisation: Optimisation,
    ) -> Result<(), CodegenError> {
        let failed = |what: &str, error: std::io::Error| {
            CodegenError::new(format!(
                "cannot {what} in the kernel cache `{}`: {error}",
                self.directory.display()
            ))
        };
        create_private_directory(&self.directory)
            .map_err(|error| failed("create the directory", error))?;
        if !owned_and_private(&self.directory) {
            return Err(CodegenError::new(format!(
                "the kernel cache `{}` is not this user's alone; nothing is cached there",
                self.directory.display()
            )));
        }
        let object = object_bytes(key, shield, formats, optimisation)?;
        // Linked in a directory beside the entries, so the finished library is renamed
        // into place whole, on the same filesystem.
        let workspace = tempfile::Builder::new()
            .prefix(".link-")
            .tempdir_in(&self.directory)
            .map_err(|error| failed("create a temporary directory", error))?;
        let kernels = workspace.path().join("kernels.o");
        let runtime = workspace.path().join("runtime.o");
        let library = workspace.path().join("kernels.so");
        std::fs::write(&kernels, object).map_err(|error| failed("write the kernels", error))?;
        std::fs::write(&runtime, RUNTIME_OBJECT)
            .map_err(|error| failed("write the runtime", error))?;
        let output = std::process::Command::new("cc")
            .arg("-shared")
            // The kernels call this library's own runtime, whatever the process defines.
            .arg("-Wl,-Bsymbolic")
            .arg("-o")
            .arg(&library)
            .arg(&kernels)
            .arg(&runtime)
            .arg("-lm")
            .output()
            .map_err(|error| failed("run the C compiler `cc`", error))?;
        if !output.status.success() {
            return Err(CodegenError::new(format!(
                "linking a cached kernel library with `cc -shared` failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        // Whatever the umask, the entry must be this user's alone to be loaded again.
        std::fs::set_permissions(
            &library,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .map_err(|error| failed("set the library's permissions", error))?;
        std::fs::rename(&library, self.entry_path(key))
            .map_err(|error| failed("store the kernels", error))?;
        drop(workspace);
        self.evict();
        Ok(())
    }

    /// Removes the least recently used entries beyond [`MAXIMUM_ENTRIES`], and the
    /// temporary directories of stores that a signal ended more than an hour ago.
    fn evict(&self) {
        let Ok(listing) = std::fs::read_dir(&self.directory) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for path in listing.filter_map(Result::ok).map(|entry| entry.path()) {
            let Some(modified) = std::fs::symlink_metadata(&path)
                .and_then(|metadata| metadata.modified())
                .ok()
            else {
                continue;
            };
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned());
            if name.is_some_and(|name| name.starts_with(".link-"))
                && now
                    .duration_since(modified)
                    .is_ok_and(|age| age.as_secs() > 3600)
            {
                let _ = std::fs::remove_dir_all(&path);
            } else if path.extension().is_some_and(|extension| extension == "so") {
                entries.push((modified, path));
            }
        }
        if entries.len() <= MAXIMUM_ENTRIES {
            return;
        }
        entries.sort();
        for (_, path) in &entries[..entries.len() - MAXIMUM_ENTRIES] {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The object file of a shield's kernels, compiled as the JIT compiles them with
/// `optimisation`, with the key as the string `reqc_cache_key`.
fn object_bytes(
    key: &str,
    shield: &Shield,
    formats: &[FloatFormat],
    optimisation: Optimisation,
) -> Result<Vec<u8>, CodegenError> {
    let context = Context::create();
    let module = lower_only(&context, shield, formats, optimisation.greedy_on_blocks())?;
    let text = context.const_string(key.as_bytes(), true);
    let global = module.add_global(text.get_type(), None, KEY_SYMBOL);
    global.set_initializer(&text);
    global.set_constant(true);
    verify(&module, None)?;
    let machine = target_machine(&TargetOptions::native())?;
    set_target(&module, &machine);
    if optimisation == Optimisation::Pipeline {
        run_pipeline(&module, &machine, "default<O2>")?;
    }
    write_machine(&machine, &module, FileType::Object)
}

/// The file this code was loaded from, with its metadata: reqc's executable, or the shared
/// library that links reqc in (the Python extension, whose process's executable is the
/// Python interpreter). Read from `/proc/self/maps`, the mapping that holds this function;
/// `None` (no cache) where there is no such file, or when the file at that path is no
/// longer the one loaded (deleted or replaced: another inode), since its metadata would
/// name another build.
fn code_file() -> Option<(PathBuf, std::fs::Metadata)> {
    use std::os::unix::fs::MetadataExt;
    let address = code_file as fn() -> Option<(PathBuf, std::fs::Metadata)> as usize;
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    let line = maps.lines().find(|line| {
        let range = line.split_whitespace().next().unwrap_or("");
        let bounds = range.split_once('-').and_then(|(start, end)| {
            Some((
                usize::from_str_radix(start, 16).ok()?,
                usize::from_str_radix(end, 16).ok()?,
            ))
        });
        bounds.is_some_and(|(start, end)| (start..end).contains(&address))
    })?;
    // Fields: range, permissions, offset, device, inode, then the path (which may hold spaces).
    let mut rest = line;
    let mut fields = Vec::new();
    for _ in 0..5 {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace)?;
        fields.push(&rest[..end]);
        rest = &rest[end..];
    }
    let path = rest.trim();
    if !path.starts_with('/') || path.ends_with(" (deleted)") {
        return None;
    }
    let inode: u64 = fields[4].parse().ok()?;
    let metadata = std::fs::metadata(path).ok()?;
    (metadata.ino() == inode).then(|| (PathBuf::from(path), metadata))
}

/// What identifies this machine's CPU to the code generator: the stable fields of the
/// first processor in `/proc/cpuinfo` (vendor, family, model, stepping and feature flags
/// on x86; implementer, part and features on ARM). `None` where there is no such file.
fn machine_identity() -> Option<String> {
    const FIELDS: &[&str] = &[
        "vendor_id",
        "cpu family",
        "model",
        "model name",
        "stepping",
        "flags",
        "Features",
        "CPU implementer",
        "CPU architecture",
        "CPU variant",
        "CPU part",
        "CPU revision",
        "isa",
        "uarch",
    ];
    let text = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    let first = text.split("\n\n").next()?;
    let mut identity = format!("machine {}", std::env::consts::ARCH);
    for line in first.lines() {
        if let Some((name, value)) = line.split_once(':') {
            if FIELDS.contains(&name.trim()) {
                identity.push_str(&format!("\n{}: {}", name.trim(), value.trim()));
            }
        }
    }
    Some(identity)
}

/// Creates `directory` and its missing parents; the ones created are readable, writable
/// and searchable by this user only.
fn create_private_directory(directory: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(directory)
}

/// Whether `path` belongs to this process's user and nobody else may write it: where
/// another user could write, a library loaded from there would run their code.
fn owned_and_private(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // Safety: `geteuid` only reads the process's effective user id; it cannot fail.
    let user = unsafe { libc::geteuid() };
    std::fs::symlink_metadata(path)
        .is_ok_and(|metadata| metadata.uid() == user && metadata.mode() & 0o022 == 0)
}

#[cfg(test)]
mod tests {
    use super::code_file;

    /// In a test binary, the code is the executable's: the file found through the process's
    /// mappings is the one `current_exe` names, with the same inode.
    #[test]
    fn the_code_file_is_the_file_this_code_was_loaded_from() {
        use std::os::unix::fs::MetadataExt;
        let (path, metadata) = code_file().expect("the test binary is a file");
        let executable = std::env::current_exe().expect("an executable");
        assert_eq!(
            std::fs::canonicalize(&path).unwrap(),
            std::fs::canonicalize(&executable).unwrap()
        );
        assert_eq!(
            metadata.ino(),
            std::fs::metadata(&executable).unwrap().ino()
        );
    }
}
