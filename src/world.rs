//! File access through one trait: the phases read the files a specification names (data,
//! models) only through a [`World`], so the language server can serve unsaved editor
//! buffers and tests can run without a disk.
//!
//! [`DiskWorld`] is the only code in the library that reads input files from the
//! filesystem. [`MemoryWorld`] is a map of paths to bytes; [`OverlayWorld`] serves a set
//! of buffers first and another world after (the language server's open documents over
//! the disk). Paths are compared as written after dropping `.` components; callers
//! resolve relative paths against the `.req` file's directory before asking.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Read, Seek};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// A regular file (or a buffer standing for one).
    File,
    Directory,
    Missing,
    /// A FIFO, socket or device: reading one could block or never end, so reqc refuses it.
    Special,
}

/// A source that can be read and sought: a file, or bytes in memory.
pub trait ReadSeek: Read + Seek {}

impl<T: Read + Seek> ReadSeek for T {}

/// Why a file could not be read. The caller names the path when it reports one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    Missing,
    Directory,
    Special,
    /// The file is larger than the caller's limit (sizes in bytes).
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// The operating system refused (permissions, I/O failure), with its reason.
    Io(String),
}

impl fmt::Display for WorldError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::Missing => formatter.write_str("no such file"),
            WorldError::Directory => formatter.write_str("it is a directory, not a file"),
            WorldError::Special => formatter.write_str(
                "it is not a regular file (a FIFO, socket or device); reqc reads regular files only",
            ),
            WorldError::TooLarge { size, limit } => write!(
                formatter,
                "the file has {size} bytes; reqc reads at most {limit} bytes here"
            ),
            WorldError::Io(reason) => formatter.write_str(reason),
        }
    }
}

impl WorldError {
    /// The error for an I/O failure, without the `(os error N)` suffix.
    fn io(error: &std::io::Error) -> WorldError {
        if error.kind() == std::io::ErrorKind::NotFound {
            return WorldError::Missing;
        }
        let text = error.to_string();
        WorldError::Io(match text.find(" (os error") {
            Some(position) => text[..position].to_string(),
            None => text,
        })
    }

    fn for_kind(kind: PathKind) -> Option<WorldError> {
        match kind {
            PathKind::File => None,
            PathKind::Directory => Some(WorldError::Directory),
            PathKind::Missing => Some(WorldError::Missing),
            PathKind::Special => Some(WorldError::Special),
        }
    }
}

/// Where the files a specification names come from.
pub trait World: Send + Sync {
    /// What `path` names.
    fn kind(&self, path: &Path) -> PathKind;

    /// The whole content of a regular file of at most `limit` bytes.
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, WorldError>;

    /// A regular file opened for streaming reads (callers buffer it themselves).
    fn open(&self, path: &Path) -> Result<Box<dyn ReadSeek + Send>, WorldError>;
}

/// The filesystem.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskWorld;

fn kind_of(metadata: &std::fs::Metadata) -> PathKind {
    if metadata.is_file() {
        PathKind::File
    } else if metadata.is_dir() {
        PathKind::Directory
    } else {
        PathKind::Special
    }
}

impl DiskWorld {
    /// Opens a regular file, checking its kind before opening (opening a FIFO for
    /// reading blocks until a writer appears) and again on the opened handle, in case the
    /// path changed in between.
    fn open_file(path: &Path) -> Result<std::fs::File, WorldError> {
        if let Some(error) = WorldError::for_kind(DiskWorld.kind(path)) {
            return Err(error);
        }
        let file = std::fs::File::open(path).map_err(|error| WorldError::io(&error))?;
        let metadata = file.metadata().map_err(|error| WorldError::io(&error))?;
        match WorldError::for_kind(kind_of(&metadata)) {
            Some(error) => Err(error),
            None => Ok(file),
        }
    }
}

impl World for DiskWorld {
    fn kind(&self, path: &Path) -> PathKind {
        match std::fs::metadata(path) {
            Ok(metadata) => kind_of(&metadata),
            Err(_) => PathKind::Missing,
        }
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, WorldError> {
        let file = DiskWorld::open_file(path)?;
        let size = file
            .metadata()
            .map_err(|error| WorldError::io(&error))?
            .len();
        if size > limit {
            return Err(WorldError::TooLarge { size, limit });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // The file may grow while it is read; reading one byte past the limit tells.
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| WorldError::io(&error))?;
        if bytes.len() as u64 > limit {
            return Err(WorldError::TooLarge {
                size: bytes.len() as u64,
                limit,
            });
        }
        Ok(bytes)
    }

    fn open(&self, path: &Path) -> Result<Box<dyn ReadSeek + Send>, WorldError> {
        Ok(Box::new(DiskWorld::open_file(path)?))
    }
}

/// A path without `.` components, so `dir/./a.csv` and `dir/a.csv` are one file.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|component| *component != Component::CurDir)
        .collect()
}

/// Files held in memory, keyed by path: for tests and for programs that embed reqc.
/// A path that is a proper prefix of a file's path is a directory.
#[derive(Clone, Debug, Default)]
pub struct MemoryWorld {
    files: BTreeMap<PathBuf, Arc<[u8]>>,
}

impl MemoryWorld {
    pub fn new() -> MemoryWorld {
        MemoryWorld::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        self.files
            .insert(normal(path.as_ref()), Arc::from(bytes.into()));
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.files.remove(&normal(path)).is_some()
    }

    fn get(&self, path: &Path) -> Option<&Arc<[u8]>> {
        self.files.get(&normal(path))
    }
}

impl World for MemoryWorld {
    fn kind(&self, path: &Path) -> PathKind {
        let path = normal(path);
        if self.files.contains_key(&path) {
            PathKind::File
        } else if self.files.keys().any(|file| file.starts_with(&path)) {
            PathKind::Directory
        } else {
            PathKind::Missing
        }
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, WorldError> {
        match self.get(path) {
            Some(bytes) if bytes.len() as u64 > limit => Err(WorldError::TooLarge {
                size: bytes.len() as u64,
                limit,
            }),
            Some(bytes) => Ok(bytes.to_vec()),
            None => Err(WorldError::for_kind(self.kind(path)).unwrap_or(WorldError::Missing)),
        }
    }

    fn open(&self, path: &Path) -> Result<Box<dyn ReadSeek + Send>, WorldError> {
        match self.get(path) {
            Some(bytes) => Ok(Box::new(Cursor::new(Arc::clone(bytes)))),
            None => Err(WorldError::for_kind(self.kind(path)).unwrap_or(WorldError::Missing)),
        }
    }
}

/// Buffers served first, another world after: the language server's open documents
/// (their unsaved text) over the disk. Cloning is cheap: the buffers are shared.
#[derive(Clone)]
pub struct OverlayWorld {
    buffers: MemoryWorld,
    under: Arc<dyn World>,
}

impl OverlayWorld {
    /// No buffers yet, everything served by `under`.
    pub fn new(under: Arc<dyn World>) -> OverlayWorld {
        OverlayWorld {
            buffers: MemoryWorld::new(),
            under,
        }
    }

    /// Serves `bytes` for `path` (an editor's buffer), hiding what `under` holds there.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        self.buffers.insert(path, bytes);
    }

    /// Stops serving a buffer for `path` (the editor closed it).
    pub fn remove(&mut self, path: &Path) -> bool {
        self.buffers.remove(path)
    }
}

impl World for OverlayWorld {
    fn kind(&self, path: &Path) -> PathKind {
        match (self.buffers.kind(path), self.under.kind(path)) {
            (PathKind::File, _) => PathKind::File,
            // The folder of a buffer never saved is a directory for the buffer's sake.
            (PathKind::Directory, PathKind::Missing) => PathKind::Directory,
            (_, under) => under,
        }
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, WorldError> {
        match self.buffers.get(path) {
            Some(_) => self.buffers.read(path, limit),
            None => self.under.read(path, limit),
        }
    }

    fn open(&self, path: &Path) -> Result<Box<dyn ReadSeek + Send>, WorldError> {
        match self.buffers.get(path) {
            Some(_) => self.buffers.open(path),
            None => self.under.open(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_world_knows_files_directories_and_missing_paths() {
        let mut world = MemoryWorld::new();
        world.insert("data/a.csv", "1,2\n");
        assert_eq!(world.kind(Path::new("data/a.csv")), PathKind::File);
        assert_eq!(world.kind(Path::new("./data/./a.csv")), PathKind::File);
        assert_eq!(world.kind(Path::new("data")), PathKind::Directory);
        assert_eq!(world.kind(Path::new("data/b.csv")), PathKind::Missing);
        assert_eq!(world.read(Path::new("data/a.csv"), 100).unwrap(), b"1,2\n");
        assert_eq!(
            world.read(Path::new("data/a.csv"), 3),
            Err(WorldError::TooLarge { size: 4, limit: 3 })
        );
        assert_eq!(
            world.read(Path::new("data"), 100),
            Err(WorldError::Directory)
        );
        let mut text = String::new();
        world
            .open(Path::new("data/a.csv"))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "1,2\n");
    }

    #[test]
    fn overlay_serves_buffers_before_the_world_under_it() {
        let mut under = MemoryWorld::new();
        under.insert("/project/a.csv", "on disk");
        under.insert("/project/b.csv", "only on disk");
        let mut overlay = OverlayWorld::new(Arc::new(under));
        overlay.insert("/project/a.csv", "unsaved");
        overlay.insert("/project/new.csv", "never saved");
        let read = |world: &OverlayWorld, path: &str| world.read(Path::new(path), 100).unwrap();
        assert_eq!(read(&overlay, "/project/a.csv"), b"unsaved");
        assert_eq!(read(&overlay, "/project/b.csv"), b"only on disk");
        assert_eq!(read(&overlay, "/project/new.csv"), b"never saved");
        assert_eq!(overlay.kind(Path::new("/project")), PathKind::Directory);
        overlay.insert("/unsaved/folder/c.csv", "only in the editor");
        assert_eq!(
            overlay.kind(Path::new("/unsaved/folder")),
            PathKind::Directory
        );
        assert_eq!(
            overlay.kind(Path::new("/unsaved/folder/c.csv")),
            PathKind::File
        );
        overlay.remove(Path::new("/project/a.csv"));
        assert_eq!(read(&overlay, "/project/a.csv"), b"on disk");
    }

    #[test]
    fn disk_world_refuses_directories_and_special_files_without_blocking() {
        let directory = std::env::temp_dir();
        assert_eq!(DiskWorld.kind(&directory), PathKind::Directory);
        assert_eq!(DiskWorld.read(&directory, 10), Err(WorldError::Directory));
        assert_eq!(
            DiskWorld.read(Path::new("/nonexistent/reqc/file"), 10),
            Err(WorldError::Missing)
        );
        // A character device: reading it whole would never end.
        if Path::new("/dev/zero").exists() {
            assert_eq!(DiskWorld.kind(Path::new("/dev/zero")), PathKind::Special);
            assert_eq!(
                DiskWorld.read(Path::new("/dev/zero"), 10),
                Err(WorldError::Special)
            );
            assert!(DiskWorld.open(Path::new("/dev/zero")).is_err());
        }
        // A FIFO with no writer: opening it for reading would block forever.
        let fifo = directory.join(format!("reqc-world-fifo-{}", std::process::id()));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|status| status.success());
        if made {
            assert_eq!(DiskWorld.kind(&fifo), PathKind::Special);
            assert_eq!(DiskWorld.read(&fifo, 10), Err(WorldError::Special));
            assert!(DiskWorld.open(&fifo).is_err());
            let _ = std::fs::remove_file(&fifo);
        }
    }
}
