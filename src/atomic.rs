//! The one way reqc writes a file: a temporary file beside the target, fsynced, given the
//! target's permissions and renamed over it, so no reader ever sees a half-written file.
//!
//! Every output of every command (corrected predictions, formatted sources, reports,
//! diagrams, compiled artifacts) goes through [`create`] or [`write`]. A temporary file is
//! named `.NAME.reqc-XXXXXX.tmp` beside `NAME` and is removed whenever the write does not
//! complete, so a stale one can only be left by a process killed outright.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files of writes in progress, so that a signal can remove them.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was locked leaves it usable: it is only a list of paths.
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of every write in progress
/// before the process ends with the signal's conventional status (128 + its number), so an
/// interrupted command leaves the directory as it found it. Front ends that own the
/// process call it once (the command line does; a Python process keeps its own handlers).
pub fn remove_temporaries_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("reqc-signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The list stays locked until the process ends: a write that creates its
                // temporary file holds the same lock, so no file can appear unlisted
                // between this removal and the exit.
                let mut list = pending();
                for path in list.drain(..) {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Why an output could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    /// The path the user asked for.
    pub path: PathBuf,
    /// What went wrong, without Rust's "(os error N)" suffix.
    pub reason: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "cannot write `{}`: {}",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for WriteError {}

impl WriteError {
    fn new(path: &Path, reason: impl Into<String>) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }

    fn io(path: &Path, error: &std::io::Error) -> WriteError {
        WriteError::new(path, plain(error))
    }
}

/// An I/O error's message without Rust's "(os error 2)" suffix.
pub fn plain(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(position) => text[..position].to_string(),
        None => text,
    }
}

/// The directory a path's file lives in (`.` for a bare name).
pub fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file being written: the temporary file's path, removed on drop unless committed.
pub struct PendingFile {
    target: PathBuf,
    requested: PathBuf,
    /// The temporary file (removed on drop unless committed); `None` once committed.
    temporary: Option<tempfile::TempPath>,
    /// Its path, as registered for removal on a signal.
    registered: PathBuf,
    /// A second handle on the temporary file, to flush it to disk at commit.
    handle: File,
    permissions: Option<std::fs::Permissions>,
}

/// Where a write to `path` really lands: a symbolic link's final target, so that writing
/// through a link updates the file it names and keeps the link.
fn resolve_target(path: &Path) -> Result<PathBuf, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(target) => Ok(target),
            // A dangling link: write the file it names.
            Err(_) => {
                let link =
                    std::fs::read_link(path).map_err(|error| WriteError::io(path, &error))?;
                Ok(if link.is_absolute() {
                    link
                } else {
                    directory_of(path).join(link)
                })
            }
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// Starts writing `path`: returns the temporary file to write into and the pending write to
/// [`PendingFile::commit`]. Refuses targets that are not regular files (directories, FIFOs,
/// devices, sockets), which a rename would replace.
pub fn create(path: &Path) -> Result<(File, PendingFile), WriteError> {
    create_with_mode(path, 0o666)
}

/// [`create`] for a new file of `mode` (less the umask), such as 0777 for a shared library
/// as a linker writes it.
pub fn create_with_mode(path: &Path, mode: u32) -> Result<(File, PendingFile), WriteError> {
    if path.as_os_str().is_empty() {
        return Err(WriteError::new(path, "the path is empty"));
    }
    let target = resolve_target(path)?;
    let permissions = match std::fs::metadata(&target) {
        Ok(metadata) if metadata.is_dir() => {
            return Err(WriteError::new(path, "it is a directory"));
        }
        Ok(metadata) if !metadata.is_file() => {
            return Err(WriteError::new(
                path,
                "it is not a regular file (a FIFO, device or socket); reqc writes regular files only",
            ));
        }
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => None,
    };
    let directory = directory_of(&target);
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A new file gets the permissions any new file gets (0666, or `mode`, less the umask),
    // not the temporary file's private 0600; a replaced file keeps its own (set at commit).
    use std::os::unix::fs::PermissionsExt;
    // The file is created and listed under one lock, so a signal removes it even when it
    // arrives between the two (a test caught the window).
    let mut list = pending();
    let temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}.reqc-"))
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(&directory)
        .map_err(|error| {
            if !directory.is_dir() {
                WriteError::new(
                    path,
                    format!("the directory `{}` does not exist", directory.display()),
                )
            } else {
                WriteError::io(path, &error)
            }
        })?;
    let (file, temporary) = temporary.into_parts();
    let registered = temporary.to_path_buf();
    list.push(registered.clone());
    drop(list);
    let handle = file
        .try_clone()
        .map_err(|error| WriteError::io(path, &error))?;
    Ok((
        file,
        PendingFile {
            target,
            requested: path.to_path_buf(),
            temporary: Some(temporary),
            registered,
            handle,
            permissions,
        },
    ))
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        pending().retain(|pending| *pending != self.registered);
    }
}

impl PendingFile {
    /// Flushes the written bytes to disk, gives the file the permissions of the file it
    /// replaces and renames it over the target. Call it after every writer on the file has
    /// been flushed and dropped.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let requested = self.requested.clone();
        let error = |error: std::io::Error| WriteError::io(&requested, &error);
        self.handle.sync_all().map_err(error)?;
        if let Some(permissions) = self.permissions.take() {
            self.handle.set_permissions(permissions).map_err(error)?;
        }
        let temporary = self
            .temporary
            .take()
            .expect("a pending file is committed once");
        temporary
            .persist(&self.target)
            .map(|_| ())
            .map_err(|failure| WriteError::io(&requested, &failure.error))
    }

    /// The path the user asked for.
    pub fn path(&self) -> &Path {
        &self.requested
    }
}

/// Whether two paths name the same existing file (the same device and inode, through
/// symbolic links and hard links alike).
pub fn same_file(first: &Path, second: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(first), std::fs::metadata(second)) {
        (Ok(first), Ok(second)) => first.dev() == second.dev() && first.ino() == second.ino(),
        _ => false,
    }
}

/// Refuses an output that is one of the command's inputs: writing it would destroy the
/// input (`reqc correct x.req --input in.csv --output x.req`).
pub fn refuse_inputs(output: &Path, inputs: &[&Path]) -> Result<(), WriteError> {
    match inputs.iter().find(|input| same_file(output, input)) {
        Some(input) => Err(WriteError::new(
            output,
            format!(
                "it is the input `{}`; reqc never writes over its own inputs",
                input.display()
            ),
        )),
        None => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with_mode(path, bytes, 0o666)
}

/// [`write`] with the mode a new file gets (less the umask).
pub fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<(), WriteError> {
    let (mut file, pending) = create_with_mode(path, mode)?;
    file.write_all(bytes)
        .map_err(|error| WriteError::io(path, &error))?;
    drop(file);
    pending.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_keep_permissions_and_leave_no_temporary() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[test]
    fn a_new_file_gets_the_umask_permissions_not_the_temporary_ones() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|line| line.strip_prefix("Umask:"))
            .map(|value| u32::from_str_radix(value.trim(), 8).unwrap())
            .unwrap();
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("new.txt");
        write(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask);
    }

    #[test]
    fn an_abandoned_write_leaves_the_target_and_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        {
            let (mut file, _pending) = create(&path).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(directory.path()).unwrap().count(), 1);
    }

    #[test]
    fn writing_through_a_symbolic_link_updates_its_target_and_keeps_the_link() {
        let directory = tempfile::tempdir().unwrap();
        let target = directory.path().join("target.txt");
        let link = directory.path().join("link.txt");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn special_files_and_directories_are_refused() {
        let directory = tempfile::tempdir().unwrap();
        let error = write(directory.path(), b"x").unwrap_err();
        assert_eq!(error.reason, "it is a directory");
        let error = write(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(error.reason.contains("not a regular file"), "{error}");
        let error = write(&directory.path().join("missing/x.txt"), b"x").unwrap_err();
        assert!(error.reason.contains("does not exist"), "{error}");
    }
}
