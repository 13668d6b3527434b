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

    /// A [`StreamingWriter`] over `file`, the temporary file [`create`] returned with this
    /// pending write, at its start. Direct I/O goes through a second handle opened on the
    /// same open file (by `/proc/self/fd`, never by name, so nothing can swap the file in
    /// between); where that cannot be opened, the chunks go through `file`.
    pub fn streaming_writer(&self, file: File) -> StreamingWriter {
        StreamingWriter::new(file)
    }
}

/// A second handle on `file` for direct I/O, if this system and filesystem allow one.
#[cfg(target_os = "linux")]
fn open_direct(file: &File) -> Option<File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_DIRECT)
        .open(format!("/proc/self/fd/{}", file.as_raw_fd()))
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_file: &File) -> Option<File> {
    None
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

/// Bytes per chunk that [`StreamingWriter`] hands to its writer thread: a multiple of every
/// block size that direct I/O asks for, and small enough to stay in the cache while copied.
const CHUNK_BYTES: usize = 1 << 20;

/// The alignment of chunks in memory and on disk (the largest logical block size in common
/// use; direct I/O needs addresses, offsets and lengths that are multiples of it).
const CHUNK_ALIGNMENT: usize = 4096;

/// Chunks allocated at most: one being filled, the others queued or being written.
const CHUNKS_IN_FLIGHT: usize = 3;

/// A chunk of [`CHUNK_BYTES`] bytes aligned to [`CHUNK_ALIGNMENT`] inside a larger vector
/// (so no `unsafe` allocation is needed), with how many of them are filled.
struct AlignedChunk {
    storage: Vec<u8>,
    start: usize,
    filled: usize,
}

impl AlignedChunk {
    fn new() -> AlignedChunk {
        let storage = vec![0u8; CHUNK_BYTES + CHUNK_ALIGNMENT];
        let start =
            (CHUNK_ALIGNMENT - storage.as_ptr() as usize % CHUNK_ALIGNMENT) % CHUNK_ALIGNMENT;
        AlignedChunk {
            storage,
            start,
            filled: 0,
        }
    }

    /// Copies as much of `bytes` as fits and returns how much that was.
    fn fill(&mut self, bytes: &[u8]) -> usize {
        let free = &mut self.storage[self.start + self.filled..self.start + CHUNK_BYTES];
        let taken = free.len().min(bytes.len());
        free[..taken].copy_from_slice(&bytes[..taken]);
        self.filled += taken;
        taken
    }

    fn is_full(&self) -> bool {
        self.filled == CHUNK_BYTES
    }

    fn bytes(&self) -> &[u8] {
        &self.storage[self.start..self.start + self.filled]
    }
}

/// The writer thread of a [`StreamingWriter`], from its first full chunk on.
struct WriterThread {
    chunks: std::sync::mpsc::SyncSender<(AlignedChunk, u64)>,
    returned: std::sync::mpsc::Receiver<AlignedChunk>,
    allocated: usize,
    thread: std::thread::JoinHandle<std::io::Result<u64>>,
}

impl WriterThread {
    /// Waits for every chunk sent to be written; how many bytes went through direct I/O,
    /// or the thread's first error.
    fn finish(self) -> std::io::Result<u64> {
        drop(self.chunks);
        self.thread
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writer thread panicked")))
    }
}

/// Writes `chunks` at their offsets, through `direct` (a handle opened for direct I/O, which
/// bypasses the page cache) while the filesystem accepts it and through `file` otherwise,
/// returning each written chunk for reuse, and in the end how many bytes went directly.
fn write_chunks(
    mut direct: Option<File>,
    file: File,
    chunks: std::sync::mpsc::Receiver<(AlignedChunk, u64)>,
    returned: std::sync::mpsc::SyncSender<AlignedChunk>,
) -> std::io::Result<u64> {
    use std::os::unix::fs::FileExt;
    let mut written_directly = 0;
    for (chunk, offset) in chunks {
        let written = match &direct {
            Some(handle) => handle.write_all_at(chunk.bytes(), offset),
            None => file.write_all_at(chunk.bytes(), offset),
        };
        if let Err(error) = written {
            if direct.is_none() || error.raw_os_error() != Some(libc::EINVAL) {
                return Err(error);
            }
            // The filesystem or device refuses direct I/O at this alignment: the same bytes
            // at the same offset through the page cache, and so on from here.
            direct = None;
            file.write_all_at(chunk.bytes(), offset)?;
        } else if direct.is_some() {
            written_directly += chunk.filled as u64;
        }
        // The writer may already be gone (an error on its side); then nothing is reused.
        let _ = returned.send(chunk);
    }
    Ok(written_directly)
}

/// A writer for large outputs: the bytes are gathered into aligned chunks of 1 MiB, which a
/// thread writes while the caller computes the next ones, through direct I/O where the
/// filesystem supports it. Direct I/O skips the copy into the page cache and its writeback,
/// which [`PendingFile::commit`]'s fsync would otherwise wait for; the output is then not
/// cached for a later reader. Outputs smaller than a chunk never start the thread. Seeking
/// or flushing first waits for every chunk, then writes the rest through the file; the same
/// happens on drop (like `BufWriter`, errors on drop are lost: flush first).
pub struct StreamingWriter {
    file: File,
    /// A handle opened for direct I/O on the same file, until the thread takes it.
    direct: Option<File>,
    current: Option<AlignedChunk>,
    /// The offset in the file of `current`'s first byte.
    offset: u64,
    writer: Option<WriterThread>,
    /// Bytes the finished thread wrote through direct I/O.
    written_directly: u64,
    /// A write failed: the bytes are no longer whole, so every later call fails too.
    failed: bool,
}

impl StreamingWriter {
    fn new(file: File) -> StreamingWriter {
        StreamingWriter {
            direct: open_direct(&file),
            file,
            current: Some(AlignedChunk::new()),
            offset: 0,
            writer: None,
            written_directly: 0,
            failed: false,
        }
    }

    /// How many bytes went to the file through direct I/O, once flushed (0 on a filesystem
    /// without it, or for an output smaller than a chunk).
    pub fn bytes_written_directly(&self) -> u64 {
        self.written_directly
    }

    /// Hands the full current chunk to the writer thread (started on the first one) and
    /// takes an empty chunk to fill.
    fn dispatch(&mut self) -> std::io::Result<()> {
        let dispatched = self.try_dispatch();
        self.failed |= dispatched.is_err();
        dispatched
    }

    fn try_dispatch(&mut self) -> std::io::Result<()> {
        let chunk = self.current.take().expect("a chunk is being filled");
        let length = chunk.filled as u64;
        if self.writer.is_none() {
            let (chunks, received) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
            let (give_back, returned) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
            let file = self.file.try_clone()?;
            let direct = self.direct.take();
            let thread = std::thread::Builder::new()
                .name("reqc-writer".to_string())
                .spawn(move || write_chunks(direct, file, received, give_back))?;
            self.writer = Some(WriterThread {
                chunks,
                returned,
                allocated: 1,
                thread,
            });
        }
        let writer = self.writer.as_mut().expect("the thread was started");
        if writer.chunks.send((chunk, self.offset)).is_err() {
            return Err(self.thread_error());
        }
        self.offset += length;
        let writer = self.writer.as_mut().expect("the thread is running");
        let mut next = if writer.allocated < CHUNKS_IN_FLIGHT {
            writer.allocated += 1;
            AlignedChunk::new()
        } else {
            match writer.returned.recv() {
                Ok(chunk) => chunk,
                Err(_) => return Err(self.thread_error()),
            }
        };
        next.filled = 0;
        self.current = Some(next);
        Ok(())
    }

    /// Why the thread stopped taking chunks: its error.
    fn thread_error(&mut self) -> std::io::Error {
        self.finish_thread()
            .err()
            .unwrap_or_else(|| std::io::Error::other("the writer thread stopped early"))
    }

    fn failure() -> std::io::Error {
        std::io::Error::other("an earlier write of this file failed")
    }

    fn finish_thread(&mut self) -> std::io::Result<()> {
        if let Some(writer) = self.writer.take() {
            self.written_directly += writer.finish()?;
        }
        Ok(())
    }

    /// Waits for the thread and writes the chunk being filled through the file, whose
    /// position is then the end of everything written; later writes go to the file directly.
    fn drain(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Err(Self::failure());
        }
        let drained = self.try_drain();
        self.failed |= drained.is_err();
        drained
    }

    fn try_drain(&mut self) -> std::io::Result<()> {
        use std::io::Seek;
        use std::os::unix::fs::FileExt;
        let streaming = self.current.is_some();
        self.finish_thread()?;
        if let Some(chunk) = self.current.take() {
            self.file.write_all_at(chunk.bytes(), self.offset)?;
            self.offset += chunk.filled as u64;
        }
        self.direct = None;
        if streaming {
            self.file.seek(std::io::SeekFrom::Start(self.offset))?;
        }
        Ok(())
    }
}

impl Write for StreamingWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Err(Self::failure());
        }
        if self.current.is_none() {
            return self.file.write(bytes);
        }
        let mut taken = 0;
        while taken < bytes.len() {
            let chunk = self.current.as_mut().expect("a chunk is being filled");
            taken += chunk.fill(&bytes[taken..]);
            if chunk.is_full() {
                self.dispatch()?;
            }
        }
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()?;
        self.file.flush()
    }
}

impl std::io::Seek for StreamingWriter {
    fn seek(&mut self, position: std::io::SeekFrom) -> std::io::Result<u64> {
        self.drain()?;
        self.file.seek(position)
    }
}

impl Drop for StreamingWriter {
    fn drop(&mut self) {
        let _ = self.drain();
    }
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

    /// Bytes that show a lost, repeated or misplaced piece: each 8-byte word is its index.
    fn numbered_bytes(length: usize) -> Vec<u8> {
        (0..length.div_ceil(8) as u64)
            .flat_map(|index| index.to_le_bytes())
            .take(length)
            .collect()
    }

    /// Writes `bytes` in pieces of uneven sizes, then `header` over the start, as the `.npy`
    /// writer does, and returns the writer (flushed) for inspection.
    fn stream(writer: &mut StreamingWriter, bytes: &[u8], header: &[u8]) -> std::io::Result<()> {
        use std::io::Seek;
        let sizes = [1, 4095, 100_000, 777, CHUNK_BYTES, 3 * CHUNK_BYTES + 5, 64];
        let mut start = 0;
        for size in sizes.iter().cycle() {
            if start == bytes.len() {
                break;
            }
            let end = (start + size).min(bytes.len());
            writer.write_all(&bytes[start..end])?;
            start = end;
        }
        writer.seek(std::io::SeekFrom::Start(0))?;
        writer.write_all(header)?;
        writer.flush()
    }

    /// Whether direct I/O works for a new file in `directory` (it does on ext4 and XFS, and
    /// not on older tmpfs).
    fn direct_io_works_in(directory: &Path) -> bool {
        use std::os::unix::fs::{FileExt, OpenOptionsExt};
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .custom_flags(libc::O_DIRECT)
            .open(directory.join("probe"));
        let mut chunk = AlignedChunk::new();
        chunk.fill(&[7u8; CHUNK_ALIGNMENT]);
        file.is_ok_and(|file| file.write_all_at(chunk.bytes(), 0).is_ok())
    }

    #[test]
    fn streamed_outputs_arrive_whole_and_in_order_with_their_header_rewritten() {
        // The build directory is on the disk, where direct I/O is expected; the temporary
        // directory may be a tmpfs, where the writer falls back to the page cache.
        let on_disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        std::fs::create_dir_all(&on_disk).unwrap();
        let directories = [
            tempfile::tempdir_in(&on_disk).unwrap(),
            tempfile::tempdir().unwrap(),
        ];
        for directory in &directories {
            let direct = direct_io_works_in(directory.path());
            for length in [
                0,
                10,
                CHUNK_BYTES - 1,
                CHUNK_BYTES,
                5 * CHUNK_BYTES + 12_345,
            ] {
                let path = directory.path().join("out.bin");
                std::fs::write(&path, "old").unwrap();
                let bytes = numbered_bytes(length);
                let header = [0xA5u8; 16];
                let (file, pending) = create(&path).unwrap();
                let mut writer = pending.streaming_writer(file);
                stream(&mut writer, &bytes, &header[..length.min(16)]).unwrap();
                let written_directly = writer.bytes_written_directly();
                drop(writer);
                pending.commit().unwrap();
                let mut expected = bytes.clone();
                expected[..length.min(16)].copy_from_slice(&header[..length.min(16)]);
                let read = std::fs::read(&path).unwrap();
                assert!(read == expected, "{length} bytes in {directory:?}");
                // Whole chunks go directly where the filesystem allows it; the rest does not.
                let whole_chunks = (length / CHUNK_BYTES * CHUNK_BYTES) as u64;
                if direct && length > CHUNK_BYTES {
                    assert_eq!(written_directly, whole_chunks, "{length} bytes");
                } else if !direct {
                    assert_eq!(written_directly, 0);
                }
            }
        }
        if !direct_io_works_in(directories[0].path()) {
            eprintln!("note: the build directory's filesystem refuses direct I/O; only the fallback was tested");
        }
    }

    #[test]
    fn a_streaming_writer_dropped_unflushed_still_writes_everything() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.bin");
        let bytes = numbered_bytes(2 * CHUNK_BYTES + 999);
        let (file, pending) = create(&path).unwrap();
        let mut writer = pending.streaming_writer(file);
        writer.write_all(&bytes).unwrap();
        drop(writer);
        pending.commit().unwrap();
        assert!(std::fs::read(&path).unwrap() == bytes);
    }

    #[test]
    fn a_failing_write_reaches_the_caller_as_its_error() {
        // Every write to /dev/full fails with ENOSPC: in the writer thread for whole chunks,
        // in the caller's thread for the rest.
        for length in [100, 3 * CHUNK_BYTES + 1] {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let mut writer = StreamingWriter::new(file);
            let error = writer
                .write_all(&numbered_bytes(length))
                .and_then(|_| writer.flush())
                .unwrap_err();
            assert_eq!(
                error.raw_os_error(),
                Some(libc::ENOSPC),
                "{length}: {error}"
            );
            // Nothing is written after a failure, not even at the start of the file.
            assert!(writer.write_all(b"more").is_err());
            assert!(writer.flush().is_err());
        }
    }
}
