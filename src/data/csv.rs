//! CSV prediction files through the `csv` crate: comma-separated, fields optionally in
//! double quotes (`""` inside quotes is one quote), lines ending in `\n` or `\r\n`.
//!
//! Whitespace rules: spaces and tabs around a field are ignored (inside quotes too); an
//! empty line, or one of only whitespace, is skipped; a UTF-8 byte order mark before the
//! first field is ignored. A field is a number when Rust's `f64` parser accepts it after
//! unquoting and trimming (`0.5`, `-1e-3`, `inf`, `NaN`), so a quoted number is a number.
//! Whether the first record is a header is the [`HeaderRule`]'s to say; see
//! [`HeaderRule::Auto`] for the default.

use super::{DataError, HeaderRule, RowReader, RowWriter};
use crate::number::FloatFormat;
use ::csv::{ByteRecord, ReaderBuilder};
use std::io::{Read, Write};

/// Reads a CSV file of numbers, with or without a header record of names.
pub struct CsvReader<R: Read> {
    reader: ::csv::Reader<R>,
    columns: usize,
    header: Option<Vec<String>>,
    /// The first record, when it is data.
    pending: Option<ByteRecord>,
    record: ByteRecord,
    rows_read: u64,
}

/// The text of a field for messages and headers, without surrounding whitespace.
fn text(field: &[u8]) -> String {
    String::from_utf8_lossy(field.trim_ascii()).into_owned()
}

/// A field's number. Whitespace around the field is trimmed here rather than by the `csv`
/// crate's `Trim`, which copies every record a second time (about 10% of a read).
fn number(field: &[u8]) -> Option<f64> {
    std::str::from_utf8(field.trim_ascii()).ok()?.parse().ok()
}

/// Whether a record is an empty line or a line of whitespace (one empty field once trimmed).
fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record[0].trim_ascii().is_empty()
}

impl<R: Read> CsvReader<R> {
    pub fn new(input: R, rule: HeaderRule) -> Result<CsvReader<R>, DataError> {
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let mut first = ByteRecord::new();
        loop {
            if !next_record(&mut reader, &mut first, 1)? {
                return Err(DataError::new("the file holds no rows"));
            }
            if !is_blank(&first) {
                break;
            }
        }
        if first[0].starts_with(b"\xEF\xBB\xBF") {
            let fields: Vec<Vec<u8>> = first
                .iter()
                .enumerate()
                .map(|(index, field)| {
                    let field = if index == 0 { &field[3..] } else { field };
                    field.trim_ascii().to_vec()
                })
                .collect();
            first = ByteRecord::from(fields);
        }
        let columns = first.len();
        let is_header = match rule {
            HeaderRule::Present => true,
            HeaderRule::Absent => false,
            HeaderRule::Auto => auto_header(&first)?,
        };
        let (header, pending) = if is_header {
            (Some(first.iter().map(text).collect()), None)
        } else {
            (None, Some(first))
        };
        Ok(CsvReader {
            reader,
            columns,
            header,
            pending,
            record: ByteRecord::new(),
            rows_read: 0,
        })
    }

    fn parse_record(
        &mut self,
        record: &ByteRecord,
        buffer: &mut Vec<f64>,
    ) -> Result<(), DataError> {
        let row = self.rows_read + 1;
        if record.len() != self.columns {
            return Err(DataError::at(
                row,
                None,
                format!(
                    "{} cells, but the first row has {}",
                    record.len(),
                    self.columns
                ),
            ));
        }
        for (index, field) in record.iter().enumerate() {
            match number(field) {
                Some(value) => buffer.push(value),
                None => {
                    return Err(DataError::at(
                        row,
                        Some(index + 1),
                        format!("`{}` is not a number", text(field)),
                    ))
                }
            }
        }
        self.rows_read += 1;
        Ok(())
    }
}

/// [`HeaderRule::Auto`]: a header when no field is a number, data when every field is; a
/// mix is an error naming the first field that differs from the first field's kind.
fn auto_header(first: &ByteRecord) -> Result<bool, DataError> {
    let numbers: Vec<bool> = first.iter().map(|field| number(field).is_some()).collect();
    if numbers.iter().all(|&is_number| is_number) {
        return Ok(false);
    }
    if numbers.iter().all(|&is_number| !is_number) {
        return Ok(true);
    }
    let column = numbers
        .iter()
        .position(|&is_number| is_number != numbers[0])
        .unwrap_or(0);
    let (text_column, number_column) = if numbers[0] { (column, 0) } else { (0, column) };
    Err(DataError::at(
        1,
        Some(column + 1),
        format!(
            "the first row mixes numbers and text (column {} is `{}`, column {} is `{}`), so it is \
             neither clearly a header nor clearly data: say which with `--header` or `--no-header`",
            text_column + 1,
            text(&first[text_column]),
            number_column + 1,
            text(&first[number_column]),
        ),
    ))
}

/// Reads the next record; `false` at the end. `row` is the data row it would be.
fn next_record<R: Read>(
    reader: &mut ::csv::Reader<R>,
    record: &mut ByteRecord,
    row: u64,
) -> Result<bool, DataError> {
    reader
        .read_byte_record(record)
        .map_err(|error| match error.kind() {
            ::csv::ErrorKind::Io(io) => DataError::at(row, None, io.to_string()),
            _ => DataError::at(row, None, error.to_string()),
        })
}

impl<R: Read> RowReader for CsvReader<R> {
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
        if let Some(record) = self.pending.take() {
            self.parse_record(&record, buffer)?;
            count += 1;
        }
        let mut record = std::mem::take(&mut self.record);
        while count < limit {
            if !next_record(&mut self.reader, &mut record, self.rows_read + 1)? {
                break;
            }
            if is_blank(&record) {
                continue;
            }
            self.parse_record(&record, buffer)?;
            count += 1;
        }
        self.record = record;
        Ok(count)
    }
}

/// Writes CSV with the shortest text that reads back to the same float, and the header
/// (quoted where the CSV rules need it) that [`CsvReader`] reads back as the same names.
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
            let mut line = ::csv::Writer::from_writer(Vec::new());
            line.write_record(header)
                .map_err(|error| DataError::new(error.to_string()))?;
            let bytes = line
                .into_inner()
                .map_err(|error| DataError::new(error.to_string()))?;
            output.write_all(&bytes)?;
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
