//! Reading the predictions and labels of a calibration assertion: `.npy`, `.npz`
//! (numpy.savez or numpy.savez_compressed, members `probabilities` and `labels`) and CSV.
//!
//! Every problem becomes a diagnostic at the field that names the file, with the
//! file, and the row and column where there is one; nothing here panics on bad input.

use super::Predictions;
use crate::data::{CsvReader, DataError, NpyReader, RowReader};
use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use crate::spec::CalibrationAssertion;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

/// Rows validated per block while reading.
const BLOCK_ROWS: usize = 1 << 16;

/// The loaded data of one assertion.
pub struct Loaded {
    pub predictions: Predictions,
    pub labels: Vec<u32>,
}

fn span_of(assertion: &CalibrationAssertion, field: &str) -> Span {
    assertion
        .value_spans
        .get(field)
        .copied()
        .unwrap_or(assertion.name_span)
}

fn unreadable(span: Span, path: &Path, message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(
        Code::CalibrationDataUnreadable,
        format!("cannot read `{}`: {message}", path.display()),
    )
    .primary(span, "named here")
}

/// Reads and validates the predictions and labels of an assertion.
pub fn load(assertion: &CalibrationAssertion) -> Result<Loaded, Diagnostic> {
    let predictions_span = span_of(assertion, "predictions");
    let path = &assertion.predictions;
    let is_npz = extension(path) == "npz";
    let mut archive_labels = None;
    let predictions = if is_npz {
        let members = read_npz(path).map_err(|error| unreadable(predictions_span, path, error))?;
        let probabilities = members
            .iter()
            .find(|(name, _)| name == "probabilities.npy")
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| {
                unreadable(
                    predictions_span,
                    path,
                    "the archive has no array `probabilities`",
                )
                .help("save it with numpy.savez(path, probabilities=p, labels=y)")
            })?;
        archive_labels = members
            .into_iter()
            .find(|(name, _)| name == "labels.npy")
            .map(|(_, bytes)| bytes);
        let reader = NpyReader::new(Cursor::new(probabilities))
            .map_err(|error| unreadable(predictions_span, path, error))?;
        read_predictions(reader, assertion, predictions_span)?
    } else {
        let file =
            std::fs::File::open(path).map_err(|error| unreadable(predictions_span, path, error))?;
        let buffered = BufReader::with_capacity(1 << 20, file);
        if extension(path) == "npy" {
            let reader = NpyReader::new(buffered)
                .map_err(|error| unreadable(predictions_span, path, error))?;
            read_predictions(reader, assertion, predictions_span)?
        } else {
            let reader = CsvReader::new(buffered)
                .map_err(|error| unreadable(predictions_span, path, error))?;
            read_predictions(reader, assertion, predictions_span)?
        }
    };
    let (labels_path, labels_span, raw) = match (&assertion.labels, archive_labels) {
        (Some(labels), _) => {
            let span = span_of(assertion, "labels");
            let raw = if extension(labels) == "npy" {
                let bytes =
                    std::fs::read(labels).map_err(|error| unreadable(span, labels, error))?;
                npy_vector(&bytes).map_err(|error| unreadable(span, labels, error))?
            } else {
                csv_vector(labels).map_err(|error| unreadable(span, labels, error))?
            };
            (labels.clone(), span, raw)
        }
        (None, Some(bytes)) => {
            let raw = npy_vector(&bytes).map_err(|error| {
                unreadable(predictions_span, path, format!("array `labels`: {error}"))
            })?;
            (path.clone(), predictions_span, raw)
        }
        (None, None) => {
            return Err(Diagnostic::new(
                Code::CalibrationShapeMismatch,
                format!("`{}` holds no array `labels`", path.display()),
            )
            .primary(predictions_span, "no labels in this archive")
            .help("add a `labels` field, or save the archive with labels=y"))
        }
    };
    if raw.len() != predictions.len() {
        return Err(Diagnostic::new(
            Code::CalibrationShapeMismatch,
            format!(
                "`{}` has {} labels but `{}` has {} prediction rows",
                labels_path.display(),
                raw.len(),
                path.display(),
                predictions.len()
            ),
        )
        .primary(labels_span, "labels from here")
        .secondary(predictions_span, "predictions from here"));
    }
    let classes = predictions.classes;
    let mut labels = Vec::with_capacity(raw.len());
    for (row, &value) in raw.iter().enumerate() {
        if !(value.fract() == 0.0 && value >= 0.0 && value < classes as f64) {
            return Err(Diagnostic::new(
                Code::InvalidLabel,
                format!(
                    "`{}`, row {}: the label {value:?} is not a class index from 0 to {}",
                    labels_path.display(),
                    row + 1,
                    classes - 1
                ),
            )
            .primary(labels_span, "labels from here")
            .note(format!(
                "the predictions have {classes} columns, so labels are 0 to {}",
                classes - 1
            )));
        }
        labels.push(value as u32);
    }
    Ok(Loaded {
        predictions,
        labels,
    })
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Streams prediction rows through validation.
fn read_predictions(
    mut reader: impl RowReader,
    assertion: &CalibrationAssertion,
    span: Span,
) -> Result<Predictions, Diagnostic> {
    let path = &assertion.predictions;
    let classes = reader.columns();
    if classes < 2 {
        return Err(Diagnostic::new(
            Code::CalibrationShapeMismatch,
            format!(
                "`{}` has {classes} column{}; predictions need one probability per class, at least 2",
                path.display(),
                if classes == 1 { "" } else { "s" }
            ),
        )
        .primary(span, "predictions from here"));
    }
    let mut predictions = Predictions::new(classes);
    let mut block = Vec::new();
    loop {
        block.clear();
        let count = reader
            .read_rows(&mut block, BLOCK_ROWS)
            .map_err(|error: DataError| unreadable(span, path, error))?;
        if count == 0 {
            break;
        }
        predictions
            .push_rows(&block, assertion.sum_tolerance)
            .map_err(|problem| {
                let place = match problem.column {
                    Some(column) => format!("row {}, column {}", problem.row + 1, column + 1),
                    None => format!("row {}", problem.row + 1),
                };
                Diagnostic::new(
                    Code::InvalidProbability,
                    format!("`{}`, {place}: {}", path.display(), problem.message),
                )
                .primary(span, "predictions from here")
                .note("rows are one-based, as are columns; every row must be a probability vector")
            })?;
    }
    if predictions.is_empty() {
        return Err(Diagnostic::new(
            Code::CalibrationShapeMismatch,
            format!("`{}` holds no prediction rows", path.display()),
        )
        .primary(span, "predictions from here"));
    }
    Ok(predictions)
}

/// A 1-D (or n x 1) `.npy` array of integers or floats, as f64 (integers beyond 2^53
/// are not class indices anyway and are reported by the caller as such).
pub fn npy_vector(bytes: &[u8]) -> Result<Vec<f64>, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not a .npy file (the magic string is missing)".to_string());
    }
    let (length, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        version => return Err(format!(".npy format version {version} is not supported")),
    };
    let header = bytes
        .get(start..start + length)
        .ok_or("the .npy header is cut short")?;
    let header = String::from_utf8_lossy(header);
    let field = |name: &str| -> Option<String> {
        let begin = header.find(&format!("'{name}'"))? + name.len() + 2;
        let rest = header[begin..].trim_start().strip_prefix(':')?.trim_start();
        if let Some(tuple) = rest.strip_prefix('(') {
            Some(tuple[..tuple.find(')')?].to_string())
        } else {
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            Some(rest[..end].trim().trim_matches('\'').to_string())
        }
    };
    let descr = field("descr").ok_or("the .npy header has no dtype")?;
    if field("fortran_order").as_deref() == Some("True") {
        return Err("the array is in Fortran order; save it in C order".to_string());
    }
    let shape = field("shape").ok_or("the .npy header has no shape")?;
    let dimensions: Vec<usize> = shape
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| part.parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| "the .npy shape is not a list of numbers".to_string())?;
    let count = match dimensions.as_slice() {
        [n] | [n, 1] => *n,
        _ => {
            return Err(format!(
                "the labels array has shape ({shape}); labels need one dimension"
            ))
        }
    };
    let data = &bytes[start + length..];
    let descr = descr.trim_start_matches(['<', '|', '=']);
    let size = match descr {
        "f8" | "i8" | "u8" => 8,
        "f4" | "i4" | "u4" => 4,
        "i2" | "u2" => 2,
        "i1" | "u1" | "b1" => 1,
        other => {
            return Err(format!(
                "the labels dtype is `{other}`; reqc reads little-endian integers and floats"
            ))
        }
    };
    if data.len() < count * size {
        return Err(format!(
            "the file ends before the {count} values its header declares"
        ));
    }
    let values = data[..count * size].chunks_exact(size).map(|chunk| {
        let mut wide = [0u8; 8];
        wide[..size].copy_from_slice(chunk);
        match descr {
            "f8" => f64::from_le_bytes(wide),
            "f4" => f64::from(f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])),
            "i8" => i64::from_le_bytes(wide) as f64,
            "i4" => f64::from(i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])),
            "i2" => f64::from(i16::from_le_bytes([chunk[0], chunk[1]])),
            "i1" => f64::from(chunk[0] as i8),
            _ => u64::from_le_bytes(wide) as f64,
        }
    });
    Ok(values.collect())
}

/// A one-column CSV of labels (an optional header line).
fn csv_vector(path: &Path) -> Result<Vec<f64>, String> {
    let file = std::fs::File::open(path).map_err(|error| error.to_string())?;
    let mut reader = CsvReader::new(BufReader::new(file)).map_err(|error| error.to_string())?;
    if reader.columns() != 1 {
        return Err(format!(
            "a labels file has one column, this one has {}",
            reader.columns()
        ));
    }
    let mut values = Vec::new();
    while reader
        .read_rows(&mut values, BLOCK_ROWS)
        .map_err(|error| error.to_string())?
        > 0
    {}
    Ok(values)
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        bytes.get(offset..offset + 2)?.try_into().ok()?,
    )))
}

fn u32_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        bytes.get(offset..offset + 4)?.try_into().ok()?,
    )))
}

fn u64_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        bytes.get(offset..offset + 8)?.try_into().ok()?,
    ))
}

/// The members of a `.npz` (zip) archive, by name: stored ones (numpy.savez) as they
/// are, deflated ones (numpy.savez_compressed) inflated. Every member's length and CRC-32
/// are checked against the central directory, so a corrupt or truncated archive is an
/// error, never wrong data.
pub fn read_npz(path: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(|error| error.to_string())?;
    npz_members(&bytes)
}

/// The members of a `.npz` archive held in memory; see [`read_npz`].
pub fn npz_members(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let malformed = || "not a valid .npz (zip) archive".to_string();
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&offset| bytes[offset..offset + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or_else(malformed)?;
    let entries = u16_at(bytes, end + 10).ok_or_else(malformed)?;
    let mut position = u32_at(bytes, end + 16).ok_or_else(malformed)? as usize;
    let mut members = Vec::new();
    for _ in 0..entries {
        if u32_at(bytes, position) != Some(0x0201_4b50) {
            return Err(malformed());
        }
        let method = u16_at(bytes, position + 10).ok_or_else(malformed)?;
        let crc = u32_at(bytes, position + 16).ok_or_else(malformed)? as u32;
        let mut compressed = u32_at(bytes, position + 20).ok_or_else(malformed)?;
        let mut uncompressed = u32_at(bytes, position + 24).ok_or_else(malformed)?;
        let name_length = u16_at(bytes, position + 28).ok_or_else(malformed)? as usize;
        let extra_length = u16_at(bytes, position + 30).ok_or_else(malformed)? as usize;
        let comment_length = u16_at(bytes, position + 32).ok_or_else(malformed)? as usize;
        let mut offset = u32_at(bytes, position + 42).ok_or_else(malformed)?;
        let name_bytes = bytes
            .get(position + 46..position + 46 + name_length)
            .ok_or_else(malformed)?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        // ZIP64: the extra field holds the 64-bit values that are 0xFFFFFFFF above, in order.
        let extra_start = position + 46 + name_length;
        let mut cursor = extra_start;
        while cursor + 4 <= extra_start + extra_length {
            let tag = u16_at(bytes, cursor).ok_or_else(malformed)?;
            let size = u16_at(bytes, cursor + 2).ok_or_else(malformed)? as usize;
            if tag == 1 {
                let mut field = cursor + 4;
                for value in [&mut uncompressed, &mut compressed, &mut offset] {
                    if *value == 0xFFFF_FFFF {
                        *value = u64_at(bytes, field).ok_or_else(malformed)?;
                        field += 8;
                    }
                }
            }
            cursor += 4 + size;
        }
        let local = usize::try_from(offset).map_err(|_| malformed())?;
        if u32_at(bytes, local) != Some(0x0403_4b50) {
            return Err(malformed());
        }
        let local_name = u16_at(bytes, local + 26).ok_or_else(malformed)? as usize;
        let local_extra = u16_at(bytes, local + 28).ok_or_else(malformed)? as usize;
        // The local header must name the same member as the central directory.
        if bytes.get(local + 30..local + 30 + local_name) != Some(name_bytes) {
            return Err(malformed());
        }
        let data_start = local + 30 + local_name + local_extra;
        let cut_short = || format!("the member `{name}` is cut short (a truncated archive)");
        let data = usize::try_from(compressed)
            .ok()
            .and_then(|length| bytes.get(data_start..data_start.checked_add(length)?))
            .ok_or_else(cut_short)?;
        let expected = usize::try_from(uncompressed).map_err(|_| malformed())?;
        let content = match method {
            0 => data.to_vec(),
            8 => inflate(data, expected).map_err(|problem| {
                format!("the compressed member `{name}` is corrupt ({problem})")
            })?,
            other => {
                return Err(format!(
                    "the member `{name}` uses zip compression method {other}; reqc reads stored \
                     (numpy.savez) and deflated (numpy.savez_compressed) members"
                ))
            }
        };
        if content.len() != expected {
            return Err(format!(
                "the member `{name}` holds {} bytes but the archive declares {expected}",
                content.len()
            ));
        }
        let actual_crc = crate::png::crc32(&content);
        if actual_crc != crc {
            return Err(format!(
                "the member `{name}` fails its CRC-32 check (stored {crc:08x}, computed \
                 {actual_crc:08x}): the archive is corrupt"
            ));
        }
        members.push((name, content));
        position += 46 + name_length + extra_length + comment_length;
    }
    Ok(members)
}

/// Inflates a raw deflate stream that must produce exactly `expected` bytes; a stream
/// that would produce more, or stops early, is an error.
fn inflate(data: &[u8], expected: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::TINFLStatus;
    match miniz_oxide::inflate::decompress_to_vec_with_limit(data, expected) {
        Ok(content) => Ok(content),
        Err(error) => Err(match error.status {
            TINFLStatus::HasMoreOutput => {
                format!("it inflates to more than the {expected} bytes declared")
            }
            TINFLStatus::FailedCannotMakeProgress => "the deflate stream ends early".to_string(),
            _ => "invalid deflate data".to_string(),
        }),
    }
}
