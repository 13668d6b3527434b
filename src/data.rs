//! Prediction data: streaming readers and writers for CSV and NumPy `.npy` matrices of f32 or f64.
//!
//! Rows are read and written in blocks so inputs larger than memory work. Every
//! problem with the data names its row and column (both one-based, rows
//! counting data rows, not a CSV header).

use crate::number::FloatFormat;
use std::fmt;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};

/// A problem with a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// One-based data row, when the problem is in a row.
    pub row: Option<u64>,
    /// One-based column.
    pub column: Option<usize>,
    pub message: String,
}

impl DataError {
    fn new(message: impl Into<String>) -> DataError {
        DataError {
            row: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(row: u64, column: Option<usize>, message: impl Into<String>) -> DataError {
        DataError {
            row: Some(row),
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
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

/// The on-disk formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Npy,
}

impl DataFormat {
    /// The format a path's extension names: `.npy` is NumPy, anything else CSV.
    pub fn from_path(path: &std::path::Path) -> DataFormat {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("npy") => DataFormat::Npy,
            _ => DataFormat::Csv,
        }
    }
}

/// A source of rows.
pub trait RowReader {
    /// The number of columns of every row.
    fn columns(&self) -> usize;
    /// The element type of the data, when the file has one (CSV has none).
    fn dtype(&self) -> Option<FloatFormat>;
    /// Appends up to `limit` rows (row-major) to `buffer`; returns how many, 0 at the end.
    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError>;
    /// The column names, when the file has a header.
    fn header(&self) -> Option<&[String]> {
        None
    }
}

/// Reads a CSV file: comma-separated numbers, an optional header line of names.
pub struct CsvReader<R: BufRead> {
    input: R,
    columns: usize,
    header: Option<Vec<String>>,
    pending: Option<String>,
    rows_read: u64,
    line: String,
}

fn split_csv(line: &str) -> Vec<&str> {
    line.trim_end_matches(['\n', '\r'])
        .split(',')
        .map(str::trim)
        .collect()
}

impl<R: BufRead> CsvReader<R> {
    pub fn new(mut input: R) -> Result<CsvReader<R>, DataError> {
        let mut first = String::new();
        loop {
            first.clear();
            if input.read_line(&mut first)? == 0 {
                return Err(DataError::new("the file holds no rows"));
            }
            if !first.trim().is_empty() {
                break;
            }
        }
        let cells = split_csv(&first);
        let columns = cells.len();
        // A first line with any cell that is not a number is a header.
        let is_header = cells.iter().any(|cell| cell.parse::<f64>().is_err());
        let (header, pending) = if is_header {
            (
                Some(cells.iter().map(|cell| cell.to_string()).collect()),
                None,
            )
        } else {
            (None, Some(first.clone()))
        };
        Ok(CsvReader {
            input,
            columns,
            header,
            pending,
            rows_read: 0,
            line: String::new(),
        })
    }

    fn parse_line(&mut self, line: &str, buffer: &mut Vec<f64>) -> Result<(), DataError> {
        let row = self.rows_read + 1;
        let cells = split_csv(line);
        if cells.len() != self.columns {
            return Err(DataError::at(
                row,
                None,
                format!(
                    "{} cells, but the first row has {}",
                    cells.len(),
                    self.columns
                ),
            ));
        }
        for (index, cell) in cells.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(value) => buffer.push(value),
                Err(_) => {
                    return Err(DataError::at(
                        row,
                        Some(index + 1),
                        format!("`{cell}` is not a number"),
                    ))
                }
            }
        }
        self.rows_read += 1;
        Ok(())
    }
}

impl<R: BufRead> RowReader for CsvReader<R> {
    fn columns(&self) -> usize {
        self.columns
    }

    fn dtype(&self) -> Option<FloatFormat> {
        None
    }

    fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError> {
        let mut count = 0;
        if let Some(line) = self.pending.take() {
            self.parse_line(&line, buffer)?;
            count += 1;
        }
        while count < limit {
            self.line.clear();
            if self.input.read_line(&mut self.line)? == 0 {
                break;
            }
            if self.line.trim().is_empty() {
                continue;
            }
            let line = std::mem::take(&mut self.line);
            self.parse_line(&line, buffer)?;
            self.line = line;
            count += 1;
        }
        Ok(count)
    }
}

/// Reads a 2-D, C-order, little-endian f32 or f64 `.npy` file.
pub struct NpyReader<R: Read> {
    input: R,
    rows: u64,
    columns: usize,
    dtype: FloatFormat,
    rows_read: u64,
    bytes: Vec<u8>,
}

/// Parses the header of an `.npy` file: dtype and shape.
fn npy_header(input: &mut impl Read) -> Result<(FloatFormat, u64, usize), DataError> {
    let mut magic = [0u8; 8];
    input
        .read_exact(&mut magic)
        .map_err(|_| DataError::new("too short to be a .npy file"))?;
    if &magic[..6] != b"\x93NUMPY" {
        return Err(DataError::new(
            "not a .npy file (the magic string is missing)",
        ));
    }
    let length = match magic[6] {
        1 => {
            let mut bytes = [0u8; 2];
            input.read_exact(&mut bytes)?;
            u16::from_le_bytes(bytes) as usize
        }
        2 | 3 => {
            let mut bytes = [0u8; 4];
            input.read_exact(&mut bytes)?;
            u32::from_le_bytes(bytes) as usize
        }
        version => {
            return Err(DataError::new(format!(
                ".npy format version {version} is not supported"
            )))
        }
    };
    if length > 1 << 20 {
        return Err(DataError::new("the .npy header is implausibly long"));
    }
    let mut header = vec![0u8; length];
    input.read_exact(&mut header)?;
    let header = String::from_utf8_lossy(&header);
    let field = |name: &str| -> Option<String> {
        let start = header.find(&format!("'{name}'"))? + name.len() + 2;
        let rest = header[start..].trim_start().strip_prefix(':')?.trim_start();
        if let Some(tuple) = rest.strip_prefix('(') {
            Some(tuple[..tuple.find(')')?].to_string())
        } else {
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            Some(rest[..end].trim().trim_matches('\'').to_string())
        }
    };
    let descr = field("descr").ok_or_else(|| DataError::new("the .npy header has no dtype"))?;
    let dtype = match descr.as_str() {
        "<f8" | "f8" | "=f8" => FloatFormat::F64,
        "<f4" | "f4" | "=f4" => FloatFormat::F32,
        other => {
            return Err(DataError::new(format!(
                "the .npy dtype is `{other}`; reqc reads little-endian f32 (`<f4`) and f64 (`<f8`)"
            )))
        }
    };
    if field("fortran_order").as_deref() != Some("False") {
        return Err(DataError::new(
            "the .npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)",
        ));
    }
    let shape = field("shape").ok_or_else(|| DataError::new("the .npy header has no shape"))?;
    let dimensions: Vec<&str> = shape
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let [rows, columns] = dimensions.as_slice() else {
        return Err(DataError::new(format!(
            "the .npy array has shape ({shape}); reqc needs a 2-D array (rows, columns)"
        )));
    };
    let rows: u64 = rows
        .parse()
        .map_err(|_| DataError::new("the .npy shape is not a number"))?;
    let columns: usize = columns
        .parse()
        .map_err(|_| DataError::new("the .npy shape is not a number"))?;
    Ok((dtype, rows, columns))
}

impl<R: Read> NpyReader<R> {
    pub fn new(mut input: R) -> Result<NpyReader<R>, DataError> {
        let (dtype, rows, columns) = npy_header(&mut input)?;
        Ok(NpyReader {
            input,
            rows,
            columns,
            dtype,
            rows_read: 0,
            bytes: Vec::new(),
        })
    }

    /// The row count the header declares.
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

impl<R: Read> RowReader for NpyReader<R> {
    fn columns(&self) -> usize {
        self.columns
    }

    fn dtype(&self) -> Option<FloatFormat> {
        Some(self.dtype)
    }

    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError> {
        let count = (self.rows - self.rows_read).min(limit as u64) as usize;
        if count == 0 || self.columns == 0 {
            self.rows_read += count as u64;
            return Ok(count);
        }
        let size = self.dtype.size();
        self.bytes.resize(count * self.columns * size, 0);
        self.input.read_exact(&mut self.bytes).map_err(|_| {
            DataError::at(
                self.rows_read + 1,
                None,
                format!(
                    "the file ends before the {} rows its header declares",
                    self.rows
                ),
            )
        })?;
        match self.dtype {
            FloatFormat::F64 => buffer.extend(
                self.bytes
                    .chunks_exact(8)
                    .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("8 bytes"))),
            ),
            FloatFormat::F32 => buffer.extend(
                self.bytes
                    .chunks_exact(4)
                    .map(|chunk| f64::from(f32::from_le_bytes(chunk.try_into().expect("4 bytes")))),
            ),
        }
        self.rows_read += count as u64;
        Ok(count)
    }
}

/// A sink of rows.
pub trait RowWriter {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError>;
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

/// Writes CSV with the shortest text that reads back to the same float.
pub struct CsvWriter<W: Write> {
    output: W,
    columns: usize,
    dtype: FloatFormat,
    line: String,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(
        mut output: W,
        columns: usize,
        dtype: FloatFormat,
        header: Option<&[String]>,
    ) -> Result<CsvWriter<W>, DataError> {
        if let Some(header) = header {
            writeln!(output, "{}", header.join(","))?;
        }
        Ok(CsvWriter {
            output,
            columns,
            dtype,
            line: String::new(),
        })
    }
}

impl<W: Write> RowWriter for CsvWriter<W> {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError> {
        use std::fmt::Write as _;
        for row in rows.chunks(self.columns.max(1)) {
            self.line.clear();
            for (index, value) in row.iter().enumerate() {
                if index > 0 {
                    self.line.push(',');
                }
                // Rust prints the shortest decimal that parses back to the same float.
                let _ = match self.dtype {
                    FloatFormat::F64 => write!(self.line, "{value:?}"),
                    FloatFormat::F32 => write!(self.line, "{:?}", *value as f32),
                };
            }
            self.line.push('\n');
            self.output.write_all(self.line.as_bytes())?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), DataError> {
        self.output.flush()?;
        Ok(())
    }
}

/// The header length reserved by the writer, so the row count can be filled in at the end.
const NPY_HEADER_LENGTH: usize = 118;

fn npy_header_bytes(dtype: FloatFormat, rows: u64, columns: usize) -> Vec<u8> {
    let descr = match dtype {
        FloatFormat::F32 => "<f4",
        FloatFormat::F64 => "<f8",
    };
    let mut dictionary =
        format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
    // Magic (6) + version (2) + length (2) + dictionary, padded with spaces to a multiple of 64, ending in a newline.
    let total = 10 + NPY_HEADER_LENGTH;
    while dictionary.len() < NPY_HEADER_LENGTH - 1 {
        dictionary.push(' ');
    }
    dictionary.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(NPY_HEADER_LENGTH as u16).to_le_bytes());
    bytes.extend_from_slice(dictionary.as_bytes());
    debug_assert_eq!(bytes.len(), total);
    bytes
}

/// Writes a C-order little-endian `.npy` file; the row count is filled in by `finish`.
pub struct NpyWriter<W: Write + Seek> {
    output: W,
    columns: usize,
    dtype: FloatFormat,
    rows: u64,
    bytes: Vec<u8>,
}

impl<W: Write + Seek> NpyWriter<W> {
    pub fn new(
        mut output: W,
        columns: usize,
        dtype: FloatFormat,
    ) -> Result<NpyWriter<W>, DataError> {
        output.write_all(&npy_header_bytes(dtype, 0, columns))?;
        Ok(NpyWriter {
            output,
            columns,
            dtype,
            rows: 0,
            bytes: Vec::new(),
        })
    }
}

impl<W: Write + Seek> RowWriter for NpyWriter<W> {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError> {
        self.bytes.clear();
        match self.dtype {
            FloatFormat::F64 => rows
                .iter()
                .for_each(|value| self.bytes.extend_from_slice(&value.to_le_bytes())),
            FloatFormat::F32 => rows
                .iter()
                .for_each(|value| self.bytes.extend_from_slice(&(*value as f32).to_le_bytes())),
        }
        self.output.write_all(&self.bytes)?;
        self.rows += (rows.len() / self.columns.max(1)) as u64;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), DataError> {
        self.output.seek(SeekFrom::Start(0))?;
        self.output
            .write_all(&npy_header_bytes(self.dtype, self.rows, self.columns))?;
        self.output.flush()?;
        Ok(())
    }
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
        let mut reader = CsvReader::new(Cursor::new("a,b\n1,2\n3,x\n")).unwrap();
        assert_eq!(reader.header().unwrap(), ["a", "b"]);
        let mut rows = Vec::new();
        let error = reader.read_rows(&mut rows, 10).unwrap_err();
        assert_eq!(error.to_string(), "row 2, column 2: `x` is not a number");
        let mut ragged = CsvReader::new(Cursor::new("1,2\n3\n")).unwrap();
        let error = ragged.read_rows(&mut Vec::new(), 10).unwrap_err();
        assert_eq!(error.to_string(), "row 2: 1 cells, but the first row has 2");
    }
}
