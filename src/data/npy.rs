//! NumPy `.npy` arrays: the one header parser, 2-D float matrices read as rows (C or
//! Fortran order), vectors of labels (floats, integers, booleans) and the writer.
//!
//! A Fortran-ordered matrix (what `numpy.save` writes for a transposed array, such as
//! scikit-learn's binary `predict_proba`) is stored column by column, so the reader seeks:
//! each block of rows is read as one run of values per column. That streams like C order
//! (memory is one block, whatever the file's size) at the cost of one seek per column per
//! block. The data's length is checked against the header's shape when the file is
//! opened, so a truncated file or one with more data than its header declares is an error
//! before any row is used.

use super::DataError;
use super::RowReader;
use crate::number::FloatFormat;
use std::io::{Read, Seek, SeekFrom, Write};

/// The longest header reqc accepts; numpy's headers are a few hundred bytes.
const MAXIMUM_HEADER_BYTES: usize = 1 << 20;

/// What the elements of an array are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementKind {
    Float,
    Signed,
    Unsigned,
    Bool,
}

/// An element type as numpy describes it (`<f8`, `>i4`, `|b1`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dtype {
    pub kind: ElementKind,
    /// Bytes per element.
    pub size: usize,
    pub big_endian: bool,
}

impl Dtype {
    /// Parses a numpy type string; `None` for types reqc does not read (complex, strings,
    /// objects, records, float16).
    pub fn parse(descr: &str) -> Option<Dtype> {
        let (big_endian, rest) = match descr.as_bytes().first()? {
            b'>' => (true, &descr[1..]),
            b'<' | b'|' => (false, &descr[1..]),
            b'=' => (cfg!(target_endian = "big"), &descr[1..]),
            _ => (cfg!(target_endian = "big"), descr),
        };
        let kind = match rest.as_bytes().first()? {
            b'f' => ElementKind::Float,
            b'i' => ElementKind::Signed,
            b'u' => ElementKind::Unsigned,
            b'b' => ElementKind::Bool,
            _ => return None,
        };
        let size: usize = rest[1..].parse().ok()?;
        let valid = match kind {
            ElementKind::Float => matches!(size, 4 | 8),
            ElementKind::Signed | ElementKind::Unsigned => matches!(size, 1 | 2 | 4 | 8),
            ElementKind::Bool => size == 1,
        };
        valid.then_some(Dtype {
            kind,
            size,
            big_endian,
        })
    }

    /// The float format of a float dtype.
    pub fn float_format(self) -> Option<FloatFormat> {
        match (self.kind, self.size) {
            (ElementKind::Float, 4) => Some(FloatFormat::F32),
            (ElementKind::Float, 8) => Some(FloatFormat::F64),
            _ => None,
        }
    }

    /// The value of one element as f64 (integers beyond 2^53 round).
    fn value(self, chunk: &[u8]) -> f64 {
        let mut wide = [0u8; 8];
        let raw = if self.big_endian {
            wide[8 - self.size..].copy_from_slice(chunk);
            u64::from_be_bytes(wide)
        } else {
            wide[..self.size].copy_from_slice(chunk);
            u64::from_le_bytes(wide)
        };
        match self.kind {
            ElementKind::Float if self.size == 8 => f64::from_bits(raw),
            ElementKind::Float => f64::from(f32::from_bits(raw as u32)),
            ElementKind::Signed => {
                let shift = 64 - 8 * self.size as u32;
                ((raw << shift) as i64 >> shift) as f64
            }
            ElementKind::Unsigned | ElementKind::Bool => raw as f64,
        }
    }

    /// Appends the values of `bytes` (whole elements) to `into`.
    fn decode(self, bytes: &[u8], into: &mut Vec<f64>) {
        // The float cases are the hot path of large prediction files: one loop each.
        match (self.kind, self.size, self.big_endian) {
            (ElementKind::Float, 8, false) => into.extend(
                bytes
                    .chunks_exact(8)
                    .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("8 bytes"))),
            ),
            (ElementKind::Float, 4, false) => into.extend(
                bytes
                    .chunks_exact(4)
                    .map(|chunk| f64::from(f32::from_le_bytes(chunk.try_into().expect("4 bytes")))),
            ),
            _ => into.extend(bytes.chunks_exact(self.size).map(|chunk| self.value(chunk))),
        }
    }
}

/// The header of an `.npy` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The type string as written (`<f8`).
    pub descr: String,
    pub fortran_order: bool,
    pub shape: Vec<u64>,
    /// The shape as written between the parentheses, for messages.
    pub shape_text: String,
    /// Where the data starts, in bytes from the start of the file.
    pub data_offset: u64,
}

/// Reads into `buffer` until it is full or the input ends; returns how many bytes came.
fn read_up_to(input: &mut impl Read, buffer: &mut [u8]) -> Result<usize, DataError> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(count) => filled += count,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(filled)
}

/// Parses the header of an `.npy` file, leaving `input` at the start of the data.
pub fn read_header(input: &mut impl Read) -> Result<Header, DataError> {
    const MAGIC: &[u8] = b"\x93NUMPY";
    let mut prefix = [0u8; 8];
    let got = read_up_to(input, &mut prefix)?;
    if got == 0 {
        return Err(DataError::new("the file is empty, not a .npy array"));
    }
    let magic_length = got.min(MAGIC.len());
    if prefix[..magic_length] != MAGIC[..magic_length] {
        return Err(DataError::new(
            "not a .npy file (the magic string is missing)",
        ));
    }
    let cut_short = |what: &str| {
        DataError::new(format!(
            "the .npy header is cut short: the file ends inside its {what}"
        ))
    };
    if got < 8 {
        return Err(cut_short(if got < 6 { "magic string" } else { "version" }));
    }
    let (length, prefix_length) = match prefix[6] {
        1 => {
            let mut bytes = [0u8; 2];
            if read_up_to(input, &mut bytes)? < 2 {
                return Err(cut_short("header length"));
            }
            (u16::from_le_bytes(bytes) as usize, 10)
        }
        2 | 3 => {
            let mut bytes = [0u8; 4];
            if read_up_to(input, &mut bytes)? < 4 {
                return Err(cut_short("header length"));
            }
            (u32::from_le_bytes(bytes) as usize, 12)
        }
        version => {
            return Err(DataError::new(format!(
                ".npy format version {version} is not supported"
            )))
        }
    };
    if length > MAXIMUM_HEADER_BYTES {
        return Err(DataError::new("the .npy header is implausibly long"));
    }
    let mut header = vec![0u8; length];
    let got = read_up_to(input, &mut header)?;
    if got < length {
        return Err(DataError::new(format!(
            "the .npy header is cut short: it declares {length} bytes but the file ends after {got} of them"
        )));
    }
    let header = String::from_utf8_lossy(&header);
    let field = |name: &str| -> Option<String> {
        let start = header.find(&format!("'{name}'"))? + name.len() + 2;
        let rest = header[start..].trim_start().strip_prefix(':')?.trim_start();
        if let Some(tuple) = rest.strip_prefix('(') {
            Some(tuple[..tuple.find(')')?].to_string())
        } else {
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            Some(rest[..end].trim().trim_matches(['\'', '"']).to_string())
        }
    };
    let descr = field("descr").ok_or_else(|| DataError::new("the .npy header has no dtype"))?;
    let fortran_order = match field("fortran_order").as_deref() {
        Some("False") => false,
        Some("True") => true,
        _ => {
            return Err(DataError::new(
                "the .npy header does not say whether the array is in Fortran order",
            ))
        }
    };
    let shape_text =
        field("shape").ok_or_else(|| DataError::new("the .npy header has no shape"))?;
    let shape = shape_text
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::parse::<u64>)
        .collect::<Result<Vec<u64>, _>>()
        .map_err(|_| DataError::new("the .npy shape is not a list of numbers"))?;
    Ok(Header {
        descr,
        fortran_order,
        shape,
        shape_text,
        data_offset: (prefix_length + length) as u64,
    })
}

/// Checks that the data after the header holds exactly `rows` x `columns` elements of
/// `size` bytes. A shortfall names the first row and column whose value is missing, in
/// the order the array is stored.
fn check_length(
    input: &mut impl Seek,
    header: &Header,
    rows: u64,
    columns: u64,
    size: u64,
) -> Result<(), DataError> {
    let end = input.seek(SeekFrom::End(0))?;
    let available = end.saturating_sub(header.data_offset);
    let expected = rows
        .checked_mul(columns)
        .and_then(|count| count.checked_mul(size))
        .ok_or_else(|| DataError::new("the .npy shape is too large"))?;
    if available < expected {
        let values = available / size;
        let (row, column) = if header.fortran_order {
            (values % rows, values / rows)
        } else {
            (values / columns, values % columns)
        };
        let held = if header.fortran_order && columns > 1 {
            format!(
                "the array is stored column by column (Fortran order) and the file holds {values} of its {} values",
                rows * columns
            )
        } else {
            format!(
                "the file holds {} complete rows of the {rows} its header declares",
                values / columns
            )
        };
        return Err(DataError::at(
            row + 1,
            Some(column as usize + 1),
            format!("the file ends before this value: {held} (it is truncated)"),
        ));
    }
    if available > expected {
        return Err(DataError::new(format!(
            "the header declares shape ({}), {expected} bytes of data, but the file holds {available}: \
             the shape does not match the data",
            header.shape_text
        )));
    }
    input.seek(SeekFrom::Start(header.data_offset))?;
    Ok(())
}

/// Fills `bytes` from `input`, after `rows_read` rows. The length was checked against the
/// file when it was opened, so running short means the file changed meanwhile.
fn read_all(input: &mut impl Read, bytes: &mut [u8], rows_read: u64) -> Result<(), DataError> {
    input.read_exact(bytes).map_err(|_| {
        DataError::at(
            rows_read + 1,
            None,
            "the file ended early: it changed while it was read",
        )
    })
}

/// Reads a 2-D f32 or f64 `.npy` matrix as rows, in C or Fortran order.
pub struct NpyReader<R: Read + Seek> {
    input: R,
    rows: u64,
    columns: usize,
    dtype: Dtype,
    format: FloatFormat,
    fortran_order: bool,
    data_offset: u64,
    rows_read: u64,
    bytes: Vec<u8>,
    column: Vec<f64>,
}

impl<R: Read + Seek> NpyReader<R> {
    pub fn new(mut input: R) -> Result<NpyReader<R>, DataError> {
        let header = read_header(&mut input)?;
        let (dtype, format) = Dtype::parse(&header.descr)
            .and_then(|dtype| Some((dtype, dtype.float_format()?)))
            .ok_or_else(|| {
                DataError::new(format!(
                    "the .npy dtype is `{}`; reqc reads f32 (`<f4`, `>f4`) and f64 (`<f8`, `>f8`) matrices",
                    header.descr
                ))
            })?;
        let [rows, columns] = header.shape[..] else {
            return Err(DataError::new(format!(
                "the .npy array has shape ({}); reqc needs a 2-D array (rows, columns)",
                header.shape_text
            )));
        };
        let columns_count =
            usize::try_from(columns).map_err(|_| DataError::new("the .npy shape is too large"))?;
        check_length(&mut input, &header, rows, columns, dtype.size as u64)?;
        Ok(NpyReader {
            input,
            rows,
            columns: columns_count,
            dtype,
            format,
            fortran_order: header.fortran_order && rows > 1 && columns > 1,
            data_offset: header.data_offset,
            rows_read: 0,
            bytes: Vec::new(),
            column: Vec::new(),
        })
    }

    /// The row count the header declares.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the next `length` bytes into `self.bytes`.
    fn fill(&mut self, length: usize) -> Result<(), DataError> {
        self.bytes.resize(length, 0);
        read_all(&mut self.input, &mut self.bytes, self.rows_read)
    }

    /// Reads `count` values starting at element `first` into `self.column`.
    fn read_values(&mut self, first: u64, count: usize) -> Result<(), DataError> {
        let size = self.dtype.size;
        self.input
            .seek(SeekFrom::Start(self.data_offset + first * size as u64))?;
        self.fill(count * size)?;
        self.column.clear();
        self.dtype.decode(&self.bytes, &mut self.column);
        Ok(())
    }
}

impl<R: Read + Seek> RowReader for NpyReader<R> {
    fn columns(&self) -> usize {
        self.columns
    }

    fn dtype(&self) -> Option<FloatFormat> {
        Some(self.format)
    }

    fn read_rows(&mut self, buffer: &mut Vec<f64>, limit: usize) -> Result<usize, DataError> {
        let count = (self.rows - self.rows_read).min(limit as u64) as usize;
        if count == 0 || self.columns == 0 {
            self.rows_read += count as u64;
            return Ok(count);
        }
        if self.fortran_order {
            let start = buffer.len();
            buffer.resize(start + count * self.columns, 0.0);
            for column in 0..self.columns {
                self.read_values(column as u64 * self.rows + self.rows_read, count)?;
                for (row, value) in self.column.iter().enumerate() {
                    buffer[start + row * self.columns + column] = *value;
                }
            }
        } else {
            self.fill(count * self.columns * self.dtype.size)?;
            self.dtype.decode(&self.bytes, buffer);
        }
        self.rows_read += count as u64;
        Ok(count)
    }

    fn read_rows_single(
        &mut self,
        buffer: &mut Vec<f32>,
        limit: usize,
    ) -> Result<usize, DataError> {
        let little_endian_single = matches!(
            (self.dtype.kind, self.dtype.size, self.dtype.big_endian),
            (ElementKind::Float, 4, false)
        );
        if !little_endian_single || self.fortran_order {
            return super::read_rounded(self, buffer, limit);
        }
        let count = (self.rows - self.rows_read).min(limit as u64) as usize;
        if count > 0 && self.columns > 0 {
            if cfg!(target_endian = "little") {
                // The file's bytes are the values' own bytes: read them in place, over the
                // buffer's earlier rows (only what it grows by is zeroed first).
                buffer.resize(count * self.columns, 0.0);
                read_all(&mut self.input, single_bytes_mut(buffer), self.rows_read)?;
            } else {
                self.fill(count * self.columns * 4)?;
                buffer.clear();
                buffer.extend(
                    self.bytes
                        .chunks_exact(4)
                        .map(|chunk| f32::from_le_bytes(chunk.try_into().expect("4 bytes"))),
                );
            }
        } else {
            buffer.clear();
        }
        self.rows_read += count as u64;
        Ok(count)
    }
}

/// Reads a vector: a 1-D array, or a 2-D array of one column (the same bytes in either
/// order), of floats, integers or booleans in either byte order.
pub fn read_vector(mut input: impl Read + Seek) -> Result<Vec<f64>, DataError> {
    let header = read_header(&mut input)?;
    let dtype = Dtype::parse(&header.descr).ok_or_else(|| {
        DataError::new(format!(
            "the labels dtype is `{}`; reqc reads integers, booleans and floats (such as `<i8`, `|b1`, `>f8`)",
            header.descr
        ))
    })?;
    let count = match header.shape[..] {
        [count] | [count, 1] => count,
        _ => {
            return Err(DataError::new(format!(
                "the labels array has shape ({}); labels need one dimension",
                header.shape_text
            )))
        }
    };
    check_length(&mut input, &header, count, 1, dtype.size as u64)?;
    let length = usize::try_from(count * dtype.size as u64)
        .map_err(|_| DataError::new("the .npy shape is too large"))?;
    let mut bytes = Vec::new();
    input.take(length as u64).read_to_end(&mut bytes)?;
    if bytes.len() != length {
        return Err(DataError::new(
            "the file ended early: it changed while it was read",
        ));
    }
    let mut values = Vec::with_capacity(bytes.len() / dtype.size);
    dtype.decode(&bytes, &mut values);
    Ok(values)
}

/// A whole `.npy` file as numpy writes one (version 1, header padded to a multiple of 64
/// bytes): `descr` such as `<f8`, the order, the shape, and the data's bytes as given.
pub fn file_bytes(descr: &str, fortran_order: bool, shape: &[usize], data: &[u8]) -> Vec<u8> {
    let shape = match shape {
        [single] => format!("({single},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let order = if fortran_order { "True" } else { "False" };
    let mut header =
        format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(data);
    bytes
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

/// The bytes of `values` in memory (little-endian on the hosts where the callers use it).
fn single_bytes(values: &[f32]) -> &[u8] {
    // Safety: an f32 is 4 initialised bytes without padding, u8 has alignment 1, and the
    // slice covers exactly the values' memory for the borrow's lifetime.
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
}

/// [`single_bytes`], writable: every bit pattern written through it is some f32.
fn single_bytes_mut(values: &mut [f32]) -> &mut [u8] {
    // Safety: as in `single_bytes`, and any 4 bytes are a valid f32 (a NaN at worst), so
    // writes through the byte view cannot make an invalid value; the borrow is exclusive.
    unsafe {
        std::slice::from_raw_parts_mut(
            values.as_mut_ptr().cast::<u8>(),
            std::mem::size_of_val(values),
        )
    }
}

/// Replaces `bytes` with the encodings of `values`, each `N` bytes: into a buffer sized
/// first, so that the loop has no capacity checks and compiles to vector moves.
fn encode<T: Copy, const N: usize>(
    bytes: &mut Vec<u8>,
    values: &[T],
    encode: impl Fn(T) -> [u8; N],
) {
    bytes.clear();
    bytes.resize(values.len() * N, 0);
    for (chunk, value) in bytes.chunks_exact_mut(N).zip(values) {
        chunk.copy_from_slice(&encode(*value));
    }
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

impl<W: Write + Seek> super::RowWriter for NpyWriter<W> {
    fn write_rows(&mut self, rows: &[f64]) -> Result<(), DataError> {
        match self.dtype {
            FloatFormat::F64 => encode(&mut self.bytes, rows, |value| value.to_le_bytes()),
            FloatFormat::F32 => encode(&mut self.bytes, rows, |value| (value as f32).to_le_bytes()),
        }
        self.output.write_all(&self.bytes)?;
        self.rows += (rows.len() / self.columns.max(1)) as u64;
        Ok(())
    }

    fn write_rows_single(&mut self, rows: &[f32]) -> Result<(), DataError> {
        let bytes: &[u8] = match self.dtype {
            FloatFormat::F64 => {
                encode(&mut self.bytes, rows, |value| {
                    f64::from(value).to_le_bytes()
                });
                &self.bytes
            }
            // The values' own bytes are the file's: written as they are, without a copy.
            FloatFormat::F32 if cfg!(target_endian = "little") => single_bytes(rows),
            FloatFormat::F32 => {
                encode(&mut self.bytes, rows, |value| value.to_le_bytes());
                &self.bytes
            }
        };
        self.output.write_all(bytes)?;
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
