//! Prediction data: the one input layer. Every data format reqc reads is read here and
//! the format of a file is chosen here, in one function ([`DataFormat::from_path`]).
//!
//! Formats: CSV (`csv`: quoted fields, `\r\n`, an explicit [`HeaderRule`]), NumPy `.npy`
//! (`npy`: C and Fortran order, f32 and f64 in either byte order, and the integer and
//! boolean dtypes of labels) and `.npz` archives of `.npy` members (`npz`: stored or
//! deflated, CRC-checked). Files are reached only through a [`World`], so the language
//! server and the tests can serve them from memory. Rows are read in blocks so inputs
//! larger than memory stream (a `.npz` archive is the exception: it is read whole). Every
//! problem with the data names its file, row and column (both one-based, rows counting
//! data rows, not a CSV header).

pub mod csv;
pub mod npy;
pub mod npz;

pub use self::csv::{CsvReader, CsvWriter};
pub use self::npy::{NpyReader, NpyWriter};

use crate::number::FloatFormat;
use crate::world::{ReadSeek, World, WorldError};
use std::fmt;
use std::io::{BufReader, Cursor, Seek, Write};
use std::path::{Path, PathBuf};

/// The read buffer of a streamed data file.
const READ_BUFFER_BYTES: usize = 1 << 20;

/// A problem with a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file, once known (readers learn it from [`open_rows`]).
    pub path: Option<PathBuf>,
    /// One-based data row, when the problem is in a row.
    pub row: Option<u64>,
    /// One-based column.
    pub column: Option<usize>,
    pub message: String,
}

impl DataError {
    /// A problem with the file as a whole.
    pub fn new(message: impl Into<String>) -> DataError {
        DataError {
            path: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a one-based data row and, when known, a one-based column.
    pub fn at(row: u64, column: Option<usize>, message: impl Into<String>) -> DataError {
        DataError {
            path: None,
            row: Some(row),
            column,
            message: message.into(),
        }
    }

    /// The same problem, naming `path` as its file unless it already names one.
    pub fn in_file(mut self, path: &Path) -> DataError {
        if self.path.is_none() {
            self.path = Some(path.to_path_buf());
        }
        self
    }

    fn unreadable(path: &Path, error: WorldError) -> DataError {
        DataError::new(error.to_string()).in_file(path)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(formatter, "cannot read `{}`: ", path.display())?;
        }
        match (self.row, self.column) {
            (Some(row), Some(column)) => {
                write!(formatter, "row {row}, column {column}: {}", self.message)
            }
            (Some(row), None) => write!(formatter, "row {row}: {}", self.message),
            _ => formatter.write_str(&self.message),
        }
    }
}

impl From<std::io::Error> for DataError {
    fn from(error: std::io::Error) -> DataError {
        DataError::new(error.to_string())
    }
}

/// The formats reqc reads, chosen by extension (case-insensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Npy,
    Npz,
}

impl DataFormat {
    /// The format a path's extension names: `.npy` and `.npz` are NumPy, anything else CSV.
    pub fn from_path(path: &Path) -> DataFormat {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("npy") => DataFormat::Npy,
            Some(extension) if extension.eq_ignore_ascii_case("npz") => DataFormat::Npz,
            _ => DataFormat::Csv,
        }
    }
}

/// Whether the first record of a CSV file is a header of column names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeaderRule {
    /// A header exactly when none of its fields is a number (quoted numbers are numbers);
    /// a first record that mixes numbers and other text is an error, so a row of data is
    /// never mistaken for a header and passed through uncorrected.
    #[default]
    Auto,
    /// The first record is a header, whatever it holds.
    Present,
    /// The first record is data.
    Absent,
}

/// How to read a data file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// CSV only: whether the first record is a header.
    pub header: HeaderRule,
}

/// The most values one block of rows holds (64 MiB of f64): streaming stays within a
/// bounded buffer however wide the rows are.
pub const MAXIMUM_BLOCK_VALUES: usize = 1 << 23;

/// How many rows of `columns` values a block holds: `preferred`, or fewer for rows so wide
/// that `preferred` of them would exceed [`MAXIMUM_BLOCK_VALUES`] (at least one).
pub fn rows_per_block(preferred: usize, columns: usize) -> usize {
    preferred.min((MAXIMUM_BLOCK_VALUES / columns.max(1)).max(1))
}

/// A source of rows.
pub trait RowReader {
    /// The number of columns of every row.
    fn columns(&self) -> usize;
    /// The element type of the data, when the file has one (CSV has none).
    fn dtype(&self) -> Option<FloatFormat>;
    /// Appends up to `limit` rows (row-major) to `buffer`; returns how many, 0 at the end.
    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError>;
    /// `read_rows` rounded to f32, for the compiled kernels, which correct f32 rows in their
    /// own format, except that the rows replace `buffer`'s contents: a reader that reads
    /// into the buffer in place then zeroes only what the buffer grows by, not every block
    /// again (that zeroing took 7% of a profile of a run on rows that meet the
    /// requirements). Readers of f32 files override it to skip the round trip through f64.
    fn read_rows_single(
        &mut self,
        buffer: &mut Vec<f32>,
        limit: usize,
    ) -> Result<usize, DataError> {
        read_rounded(self, buffer, limit)
    }
    /// The column names, when the file has a header.
    fn header(&self) -> Option<&[String]> {
        None
    }
}

/// `RowReader::read_rows_single` by way of f64: reads the rows and rounds them to f32.
pub fn read_rounded<R: RowReader + ?Sized>(
    reader: &mut R,
    buffer: &mut Vec<f32>,
    limit: usize,
) -> Result<usize, DataError> {
    let mut wide = Vec::new();
    let count = reader.read_rows(&mut wide, limit)?;
    buffer.clear();
    buffer.extend(wide.iter().map(|value| *value as f32));
    Ok(count)
}

/// A sink of rows.
pub trait RowWriter {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError>;
    /// `write_rows` of f32 rows. Writers of f32 files override it to skip widening to f64.
    fn write_rows_single(&mut self, rows: &[f32]) -> Result<(), DataError> {
        let wide: Vec<f64> = rows.iter().map(|value| f64::from(*value)).collect();
        self.write_rows(&wide)
    }
    /// Completes the file (an `.npy` writer fixes its header's row count here).
    fn finish(self: Box<Self>) -> Result<(), DataError>;
}

/// Rows already in memory (row-major f64): for programs that use reqc as a library, and
/// for the tests and benchmarks of the streaming engines.
pub struct MemoryReader {
    columns: usize,
    dtype: FloatFormat,
    rows: Vec<f64>,
    position: usize,
}

impl MemoryReader {
    /// Reads `rows` (a multiple of `columns` values) as data of element type `dtype`.
    pub fn new(columns: usize, dtype: FloatFormat, rows: Vec<f64>) -> MemoryReader {
        MemoryReader {
            columns,
            dtype,
            rows,
            position: 0,
        }
    }
}

impl RowReader for MemoryReader {
    fn columns(&self) -> usize {
        self.columns
    }

    fn dtype(&self) -> Option<FloatFormat> {
        Some(self.dtype)
    }

    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError> {
        if self.columns == 0 {
            return Ok(0);
        }
        let available = (self.rows.len() - self.position) / self.columns;
        let count = available.min(limit);
        let end = self.position + count * self.columns;
        buffer.extend_from_slice(&self.rows[self.position..end]);
        self.position = end;
        Ok(count)
    }
}

/// Appends the rows written to a vector.
pub struct MemoryWriter<'a>(pub &'a mut Vec<f64>);

impl RowWriter for MemoryWriter<'_> {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError> {
        self.0.extend_from_slice(rows);
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), DataError> {
        Ok(())
    }
}

/// A reader whose errors name its file.
struct InFile {
    reader: Box<dyn RowReader + Send>,
    path: PathBuf,
}

impl RowReader for InFile {
    fn columns(&self) -> usize {
        self.reader.columns()
    }

    fn dtype(&self) -> Option<FloatFormat> {
        self.reader.dtype()
    }

    fn header(&self) -> Option<&[String]> {
        self.reader.header()
    }

    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError> {
        self.reader
            .read_rows(buffer, limit)
            .map_err(|error| error.in_file(&self.path))
    }

    fn read_rows_single(
        &mut self,
        buffer: &mut Vec<f32>,
        limit: usize,
    ) -> Result<usize, DataError> {
        self.reader
            .read_rows_single(buffer, limit)
            .map_err(|error| error.in_file(&self.path))
    }
}

/// Opens a file of `world` for buffered streaming reads.
fn open_stream(
    world: &dyn World,
    path: &Path,
) -> Result<BufReader<Box<dyn ReadSeek + Send>>, DataError> {
    let stream = world
        .open(path)
        .map_err(|error| DataError::unreadable(path, error))?;
    Ok(BufReader::with_capacity(READ_BUFFER_BYTES, stream))
}

/// Opens a data file of rows in the format its extension names: CSV (by `options.header`),
/// a 2-D `.npy` array, or the `.npy` array of a `.npz` archive that [`npz::rows_member`]
/// picks. Every error, now or while reading, names the file.
pub fn open_rows(
    world: &dyn World,
    path: &Path,
    options: &ReadOptions,
) -> Result<Box<dyn RowReader + Send>, DataError> {
    let located = |error: DataError| error.in_file(path);
    let reader: Box<dyn RowReader + Send> = match DataFormat::from_path(path) {
        DataFormat::Csv => {
            Box::new(CsvReader::new(open_stream(world, path)?, options.header).map_err(located)?)
        }
        // Unbuffered: the reader reads whole blocks (C order) or one run per column per
        // block (Fortran order, which seeks), so a buffer would only copy, or read ahead
        // past a run.
        DataFormat::Npy => Box::new(
            NpyReader::new(
                world
                    .open(path)
                    .map_err(|error| DataError::unreadable(path, error))?,
            )
            .map_err(located)?,
        ),
        DataFormat::Npz => {
            let members = npz::read(world, path)?;
            let (name, bytes) = npz::rows_member(members).map_err(located)?;
            Box::new(
                NpyReader::new(Cursor::new(bytes))
                    .map_err(|error| npz::in_member(error, &name).in_file(path))?,
            )
        }
    };
    Ok(Box::new(InFile {
        reader,
        path: path.to_path_buf(),
    }))
}

/// Reads a vector (class labels): a 1-D or one-column `.npy` array of floats, integers or
/// booleans, a one-column CSV file, or the array `labels` (or the only array) of a `.npz`
/// archive; as f64, which holds every integer up to 2^53 exactly.
pub fn read_vector(
    world: &dyn World,
    path: &Path,
    options: &ReadOptions,
) -> Result<Vec<f64>, DataError> {
    let located = |error: DataError| error.in_file(path);
    match DataFormat::from_path(path) {
        DataFormat::Npy => npy::read_vector(open_stream(world, path)?).map_err(located),
        DataFormat::Npz => {
            let members = npz::read(world, path)?;
            let (name, bytes) = npz::vector_member(members).map_err(located)?;
            npy::read_vector(Cursor::new(bytes))
                .map_err(|error| npz::in_member(error, &name).in_file(path))
        }
        DataFormat::Csv => {
            let mut reader =
                CsvReader::new(open_stream(world, path)?, options.header).map_err(located)?;
            if reader.columns() != 1 {
                return Err(located(DataError::new(format!(
                    "a labels file has one column, this one has {}",
                    reader.columns()
                ))));
            }
            let mut values = Vec::new();
            while reader.read_rows(&mut values, 1 << 16).map_err(located)? > 0 {}
            Ok(values)
        }
    }
}

/// Creates the writer for an output file in the format its extension names; `header` is
/// kept by CSV. `.npz` is an input format only.
pub fn create_writer<'a, W: Write + Seek + 'a>(
    path: &Path,
    output: W,
    columns: usize,
    dtype: FloatFormat,
    header: Option<&[String]>,
) -> Result<Box<dyn RowWriter + 'a>, DataError> {
    Ok(match DataFormat::from_path(path) {
        DataFormat::Npy => Box::new(NpyWriter::new(output, columns, dtype)?),
        DataFormat::Csv => Box::new(CsvWriter::new(output, columns, dtype, header)?),
        DataFormat::Npz => {
            return Err(DataError::new(
                "reqc writes .npy and CSV files; .npz is read only (write a .npy file instead)",
            )
            .in_file(path))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn npy_round_trips() {
        let mut file = Cursor::new(Vec::new());
        let mut writer: Box<dyn RowWriter> =
            Box::new(NpyWriter::new(&mut file, 3, FloatFormat::F32).unwrap());
        writer
            .write_rows(&[1.0, -0.5, 0.25, 3.0, 4.0, 5.0])
            .unwrap();
        writer.finish().unwrap();
        let bytes = file.into_inner();
        assert_eq!((bytes.len() - 128) % 4, 0);
        let mut reader = NpyReader::new(Cursor::new(bytes)).unwrap();
        assert_eq!(
            (reader.rows(), reader.columns(), reader.dtype()),
            (2, 3, Some(FloatFormat::F32))
        );
        let mut rows = Vec::new();
        assert_eq!(reader.read_rows(&mut rows, 10).unwrap(), 2);
        assert_eq!(rows, vec![1.0, -0.5, 0.25, 3.0, 4.0, 5.0]);
    }

    #[test]
    fn csv_errors_name_row_and_column() {
        let mut reader = CsvReader::new(Cursor::new("a,b\n1,2\n3,x\n"), HeaderRule::Auto).unwrap();
        assert_eq!(reader.header().unwrap(), ["a", "b"]);
        let mut rows = Vec::new();
        let error = reader.read_rows(&mut rows, 10).unwrap_err();
        assert_eq!(error.to_string(), "row 2, column 2: `x` is not a number");
        let mut ragged = CsvReader::new(Cursor::new("1,2\n3\n"), HeaderRule::Auto).unwrap();
        let error = ragged.read_rows(&mut Vec::new(), 10).unwrap_err();
        assert_eq!(error.to_string(), "row 2: 1 cells, but the first row has 2");
    }
}
