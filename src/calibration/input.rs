//! Reading the predictions and labels of a calibration assertion: `.npy`, `.npz`
//! (numpy.savez or numpy.savez_compressed, members `probabilities` and `labels`) and CSV,
//! all through the one input layer (`crate::data`) and the assertion's [`World`].
//!
//! Every problem becomes a diagnostic at the field that names the file, with the
//! file, and the row and column where there is one; nothing here panics on bad input.

use super::Predictions;
use crate::data::{self, npy, npz, DataError, DataFormat, NpyReader, ReadOptions, RowReader};
use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use crate::spec::CalibrationAssertion;
use crate::world::World;
use std::io::Cursor;

/// Rows validated per block while reading.
const BLOCK_ROWS: usize = 1 << 16;

/// The predictions and labels of one assertion, read and validated.
pub struct CalibrationData {
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

/// The diagnostic of a data file that cannot be used; the error names the file.
fn unreadable(span: Span, error: &DataError) -> Diagnostic {
    Diagnostic::new(Code::CalibrationDataUnreadable, error.to_string()).primary(span, "named here")
}

/// Reads and validates the predictions and labels of an assertion from `world`.
pub fn load(
    assertion: &CalibrationAssertion,
    world: &dyn World,
) -> Result<CalibrationData, Diagnostic> {
    let predictions_span = span_of(assertion, "predictions");
    let path = &assertion.predictions;
    let options = ReadOptions::default();
    let located = |error: DataError| unreadable(predictions_span, &error.in_file(path));
    let mut archive_labels = None;
    let mut reader: Box<dyn RowReader + Send> = match DataFormat::from_path(path) {
        DataFormat::Npz => {
            let mut members = npz::read(world, path).map_err(located)?;
            let probabilities = npz::take(&mut members, "probabilities").ok_or_else(|| {
                located(DataError::new("the archive has no array `probabilities`"))
                    .help("save it with numpy.savez(path, probabilities=p, labels=y)")
            })?;
            archive_labels = npz::take(&mut members, "labels");
            Box::new(
                NpyReader::new(Cursor::new(probabilities))
                    .map_err(|error| located(npz::in_member(error, "probabilities")))?,
            )
        }
        DataFormat::Npy | DataFormat::Csv => {
            data::open_rows(world, path, &options).map_err(located)?
        }
    };
    let predictions = read_predictions(reader.as_mut(), assertion, predictions_span)?;
    let (labels_path, labels_span, raw) = match (&assertion.labels, archive_labels) {
        (Some(labels), _) => {
            let span = span_of(assertion, "labels");
            let raw = data::read_vector(world, labels, &options)
                .map_err(|error| unreadable(span, &error.in_file(labels)))?;
            (labels.clone(), span, raw)
        }
        (None, Some(bytes)) => {
            let raw = npy::read_vector(Cursor::new(bytes))
                .map_err(|error| located(npz::in_member(error, "labels")))?;
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
    Ok(CalibrationData {
        predictions,
        labels,
    })
}

/// Streams prediction rows through validation.
fn read_predictions(
    reader: &mut dyn RowReader,
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
            .read_rows(&mut block, crate::data::rows_per_block(BLOCK_ROWS, classes))
            .map_err(|error: DataError| unreadable(span, &error.in_file(path)))?;
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
