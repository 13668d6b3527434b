//! Checking `calibration` and `equivalence` blocks: required fields, value shapes, ranges and files.

use super::{closest, Checker, Scope};
use crate::diagnostics::{Code, Diagnostic};
use crate::number::{rational_to_float, FloatFormat, Rounding};
use crate::span::Span;
use crate::spec::{
    Binning, CalibrationAssertion, CalibrationRule, EquivalenceAssertion, EquivalenceDomain,
    EquivalenceEncoding, EquivalenceRelation,
};
use crate::syntax::ast::{self, AssertionEntry, ColumnFamily, Value};
use crate::world::PathKind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The fields each block kind accepts, for unknown-field suggestions.
const CALIBRATION_FIELDS: &[&str] = &[
    "predictions",
    "labels",
    "bins",
    "rule",
    "epsilon",
    "min_support",
    "wilson_z",
    "alpha",
    "sum_tolerance",
    "model",
    "input_box",
    "input_shape",
];
const EQUIVALENCE_FIELDS: &[&str] = &[
    "left", "right", "relation", "domain", "features", "timeout", "encoding",
];

/// The fields of one block, consumed one by one; what is left at the end is unknown.
struct Fields<'a, 'c, 's> {
    checker: &'c mut Checker<'s>,
    block: &'a ast::Assertion,
    fields: BTreeMap<&'a str, &'a ast::Field>,
    base: &'a Path,
    errors_before: usize,
}

impl<'a, 'c, 's> Fields<'a, 'c, 's> {
    fn new(checker: &'c mut Checker<'s>, block: &'a ast::Assertion, base: &'a Path) -> Self {
        let errors_before = checker.error_count();
        let mut fields: BTreeMap<&'a str, &'a ast::Field> = BTreeMap::new();
        for entry in &block.entries {
            if let AssertionEntry::Field(field) = entry {
                if let Some(previous) = fields.get(field.key.text.as_str()) {
                    checker.diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateField,
                            format!("the field `{}` is given twice", field.key.text),
                        )
                        .primary(field.key.span, "given again here")
                        .secondary(previous.key.span, "first given here"),
                    );
                } else {
                    fields.insert(field.key.text.as_str(), field);
                }
            }
        }
        Fields {
            checker,
            block,
            fields,
            base,
            errors_before,
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.checker.diagnostics.push(diagnostic);
    }

    fn take(&mut self, key: &str) -> Option<&'a ast::Field> {
        self.fields.remove(key)
    }

    fn missing(&mut self, key: &str, example: &str) {
        let block = self.block;
        self.error(
            Diagnostic::new(
                Code::MissingField,
                format!(
                    "the {} block `{}` has no `{key}`",
                    block.kind.keyword(),
                    block.name.text
                ),
            )
            .primary(block.name.span, format!("`{key}` is required"))
            .help(format!("add a line `{key} = {example}`")),
        );
    }

    fn wrong_type(&mut self, field: &ast::Field, expected: &str) {
        self.error(
            Diagnostic::new(
                Code::WrongFieldType,
                format!("`{}` must be {expected}", field.key.text),
            )
            .primary(
                field.value.span(),
                format!("this is {}", field.value.describe()),
            ),
        );
    }

    fn out_of_range(&mut self, span: Span, key: &str, range: &str) {
        self.error(
            Diagnostic::new(Code::FieldOutOfRange, format!("`{key}` must be {range}"))
                .primary(span, "out of range"),
        );
    }

    /// A file path that must exist, with one of the given extensions.
    fn path(
        &mut self,
        key: &str,
        required: bool,
        extensions: &[&str],
        example: &str,
    ) -> Option<PathBuf> {
        let Some(field) = self.take(key) else {
            if required {
                self.missing(key, example);
            }
            return None;
        };
        let Value::String(text, span) = &field.value else {
            self.wrong_type(field, "a file path in double quotes");
            return None;
        };
        let written = PathBuf::from(text);
        let extension = written
            .extension()
            .and_then(|extension| extension.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !extensions.contains(&extension.as_str()) {
            let expected: Vec<String> = extensions
                .iter()
                .map(|extension| format!(".{extension}"))
                .collect();
            self.error(
                Diagnostic::new(
                    Code::UnsupportedFileType,
                    format!("`{key}` must name a {} file", expected.join(", ")),
                )
                .primary(
                    *span,
                    if extension.is_empty() {
                        "this path has no extension".to_string()
                    } else {
                        format!("a .{extension} file")
                    },
                ),
            );
            return None;
        }
        let resolved = if written.is_absolute() {
            written.clone()
        } else {
            self.base.join(&written)
        };
        if let Some(reason) = missing_file_reason(self.checker.world.kind(&resolved)) {
            self.error(
                Diagnostic::new(
                    Code::FileNotFound,
                    format!("the file `{text}` does not exist"),
                )
                .primary(*span, reason)
                .note("paths are relative to the directory of the .req file"),
            );
            return None;
        }
        Some(resolved)
    }

    /// A finite number as f64, from a value.
    fn number_value(&self, value: &Value) -> Option<f64> {
        match value {
            Value::Number {
                value: Some(number),
                negative,
                ..
            } => {
                let exact = number.value.as_ref()?;
                let magnitude = rational_to_float(exact, FloatFormat::F64, Rounding::NearestEven);
                magnitude
                    .is_finite()
                    .then_some(if *negative { -magnitude } else { magnitude })
            }
            _ => None,
        }
    }

    /// A number field checked against a range predicate.
    fn number(&mut self, key: &str, default: f64, valid: fn(f64) -> bool, range: &str) -> f64 {
        let Some(field) = self.take(key) else {
            return default;
        };
        match self.number_value(&field.value) {
            Some(value) if valid(value) => value,
            Some(_) => {
                self.out_of_range(field.value.span(), key, range);
                default
            }
            None => {
                self.wrong_type(field, "a finite number");
                default
            }
        }
    }

    fn integer_value(&self, value: &Value) -> Option<usize> {
        match value {
            Value::Number {
                value: Some(number),
                negative: false,
                ..
            } => number.text.parse::<usize>().ok(),
            _ => None,
        }
    }

    fn integer(&mut self, key: &str, default: usize, minimum: usize, maximum: usize) -> usize {
        let Some(field) = self.take(key) else {
            return default;
        };
        match self.integer_value(&field.value) {
            Some(value) if (minimum..=maximum).contains(&value) => value,
            Some(_) => {
                self.out_of_range(
                    field.value.span(),
                    key,
                    &format!("a whole number from {minimum} to {maximum}"),
                );
                default
            }
            None => {
                self.wrong_type(field, "a whole number");
                default
            }
        }
    }

    /// A bare word from a fixed set.
    fn symbol(&mut self, key: &str, choices: &[&str], required: bool) -> Option<(&'a str, Span)> {
        let Some(field) = self.take(key) else {
            if required {
                self.missing(key, choices[0]);
            }
            return None;
        };
        let Value::Symbol(word) = &field.value else {
            self.wrong_type(field, &format!("one of {}", quoted(choices)));
            return None;
        };
        if !choices.contains(&word.text.as_str()) {
            let mut diagnostic = Diagnostic::new(
                Code::FieldOutOfRange,
                format!("`{key}` must be one of {}", quoted(choices)),
            )
            .primary(word.span, "not a known choice");
            if let Some(suggestion) = closest(&word.text, choices.iter().copied()) {
                diagnostic = diagnostic.help(format!("did you mean `{suggestion}`?"));
            }
            self.error(diagnostic);
            return None;
        }
        Some((word.text.as_str(), word.span))
    }

    /// `[lo, hi]` with lo <= hi.
    fn interval(&mut self, value: &Value, key: &str) -> Option<(f64, f64)> {
        let Value::List(items, span) = value else {
            return None;
        };
        let [low, high] = items.as_slice() else {
            return None;
        };
        let low = self.bound(low)?;
        let high = self.bound(high)?;
        if low > high || low.is_nan() || high.is_nan() {
            self.out_of_range(*span, key, "an interval `[lo, hi]` with lo <= hi");
            return None;
        }
        Some((low, high))
    }

    fn bound(&mut self, value: &Value) -> Option<f64> {
        match value {
            Value::Number {
                value: None,
                negative,
                ..
            } => Some(if *negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }),
            other => self.number_value(other),
        }
    }

    /// Reports fields nobody took, with a suggestion where one is close.
    fn finish(self, known: &[&str]) -> bool {
        let leftovers: Vec<&ast::Field> = self.fields.values().copied().collect();
        for field in leftovers {
            let mut diagnostic = Diagnostic::new(
                Code::UnknownField,
                format!(
                    "{} blocks have no field `{}`",
                    self.block.kind.keyword(),
                    field.key.text
                ),
            )
            .primary(field.key.span, "unknown field");
            if let Some(suggestion) = closest(&field.key.text, known.iter().copied()) {
                diagnostic = diagnostic.help(format!("did you mean `{suggestion}`?"));
            } else {
                diagnostic = diagnostic.note(format!("the fields are {}", quoted(known)));
            }
            self.checker.diagnostics.push(diagnostic);
        }
        self.checker.error_count() == self.errors_before
    }
}

fn quoted(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|choice| format!("`{choice}`")).collect();
    quoted.join(", ")
}

/// Checks a `calibration` block.
pub(super) fn calibration(
    checker: &mut Checker<'_>,
    block: &ast::Assertion,
    base: &Path,
) -> Option<CalibrationAssertion> {
    for entry in &block.entries {
        if !matches!(entry, AssertionEntry::Field(_)) {
            checker.diagnostics.push(
                Diagnostic::new(Code::EntryNotAllowed, "calibration blocks hold only fields")
                    .primary(entry.span(), "not a `key = value` field")
                    .note("variables and requirements belong at the top level or in equivalence blocks"),
            );
        }
    }
    let mut fields = Fields::new(checker, block, base);
    let predictions = fields.path(
        "predictions",
        true,
        &["npy", "npz", "csv"],
        "\"probabilities.npy\"",
    );
    let labels_required = predictions
        .as_ref()
        .is_some_and(|path| path.extension().is_some_and(|extension| extension != "npz"));
    let labels = fields.path("labels", labels_required, &["npy", "csv"], "\"labels.npy\"");
    let binning = match fields.take("bins") {
        None => Binning::EqualWidth(10),
        Some(field) => match &field.value {
            Value::Call {
                function,
                arguments,
                span,
            } if function.text == "equal_width" || function.text == "equal_mass" => {
                let count = match arguments.as_slice() {
                    [argument] => fields.integer_value(argument),
                    _ => None,
                };
                match count {
                    Some(count) if (1..=100_000).contains(&count) => {
                        if function.text == "equal_width" {
                            Binning::EqualWidth(count)
                        } else {
                            Binning::EqualMass(count)
                        }
                    }
                    Some(_) => {
                        fields.out_of_range(*span, "bins", "a bin count from 1 to 100000");
                        Binning::EqualWidth(10)
                    }
                    None => {
                        fields.wrong_type(
                            field,
                            "`equal_width(N)` or `equal_mass(N)` with a whole number N",
                        );
                        Binning::EqualWidth(10)
                    }
                }
            }
            _ => {
                fields.wrong_type(field, "`equal_width(N)` or `equal_mass(N)`");
                Binning::EqualWidth(10)
            }
        },
    };
    let rule = fields
        .symbol("rule", &["legacy", "certify", "detect"], true)
        .map(|(word, _)| match word {
            "legacy" => CalibrationRule::Legacy,
            "certify" => CalibrationRule::Certify,
            _ => CalibrationRule::Detect,
        });
    let epsilon = fields.number(
        "epsilon",
        0.0,
        |value| (0.0..1.0).contains(&value),
        "a number in [0, 1)",
    );
    let min_support = fields.integer("min_support", 1, 1, usize::MAX);
    let wilson_z = fields.number(
        "wilson_z",
        1.96,
        |value| value > 0.0 && value < 40.0,
        "a number in (0, 40)",
    );
    let alpha = fields.number(
        "alpha",
        0.05,
        |value| value > 0.0 && value < 1.0,
        "a number in (0, 1)",
    );
    let sum_tolerance = fields.number(
        "sum_tolerance",
        1e-6,
        |value| (0.0..0.5).contains(&value),
        "a number in [0, 0.5)",
    );
    let model = fields.path("model", false, &["onnx"], "\"model.onnx\"");
    let input_box = match fields.take("input_box") {
        None => None,
        Some(field) => {
            let interval = fields.interval(&field.value, "input_box");
            if interval.is_none() && fields.checker.error_count() == fields.errors_before {
                fields.wrong_type(field, "an interval `[lo, hi]`");
            }
            interval
        }
    };
    let input_shape = match fields.take("input_shape") {
        None => None,
        Some(field) => match &field.value {
            Value::List(items, _) if !items.is_empty() => {
                let dimensions: Option<Vec<usize>> = items
                    .iter()
                    .map(|item| {
                        fields
                            .integer_value(item)
                            .filter(|dimension| *dimension > 0)
                    })
                    .collect();
                if dimensions.is_none() {
                    fields.wrong_type(field, "a list of positive whole numbers such as `[8, 8]`");
                }
                dimensions
            }
            _ => {
                fields.wrong_type(field, "a list of positive whole numbers such as `[8, 8]`");
                None
            }
        },
    };
    if model.is_some()
        && input_box.is_none()
        && fields.checker.error_count() == fields.errors_before
    {
        fields.missing("input_box", "[0, 1]");
    }
    if !fields.finish(CALIBRATION_FIELDS) {
        return None;
    }
    let value_spans = block
        .entries
        .iter()
        .filter_map(|entry| match entry {
            AssertionEntry::Field(field) => Some((field.key.text.clone(), field.value.span())),
            _ => None,
        })
        .collect();
    Some(CalibrationAssertion {
        name: block.name.text.clone(),
        span: block.span,
        name_span: block.name.span,
        value_spans,
        predictions: predictions?,
        labels,
        binning,
        rule: rule?,
        epsilon,
        min_support,
        wilson_z,
        alpha,
        sum_tolerance,
        model,
        input_box,
        input_shape,
    })
}

/// Checks an `equivalence` block, its feature variables and its input requirements.
pub(super) fn equivalence(
    checker: &mut Checker<'_>,
    block: &ast::Assertion,
    base: &Path,
) -> Option<EquivalenceAssertion> {
    let errors_before = checker.error_count();
    // Feature names are local to the block.
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut name_spans: BTreeMap<String, Span> = BTreeMap::new();
    for entry in &block.entries {
        if let AssertionEntry::Variable(variable) = entry {
            if variable.column.family != ColumnFamily::Feature {
                checker.wrong_family(variable.column.span, ColumnFamily::Feature);
                continue;
            }
            if let Some(previous) = name_spans.get(&variable.name.text) {
                checker.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateName,
                        format!("the name `{}` is declared twice", variable.name.text),
                    )
                    .primary(variable.name.span, "declared again here")
                    .secondary(*previous, "first declared here"),
                );
                continue;
            }
            if let Some(column) = variable.column.index {
                names.insert(variable.name.text.clone(), column);
                name_spans.insert(variable.name.text.clone(), variable.name.span);
            }
        }
    }
    let scope = Scope::Features(names.clone());
    let mut requirements = Vec::new();
    for entry in &block.entries {
        match entry {
            AssertionEntry::Requirement(requirement) => {
                if let Some(checked) = checker.requirement(requirement, &scope) {
                    requirements.push(checked);
                }
            }
            AssertionEntry::Variable(variable) => {
                if let Some(checked) = checker.domain_requirement(variable, ColumnFamily::Feature) {
                    requirements.push(checked);
                }
            }
            AssertionEntry::Field(_) => {}
        }
    }
    let mut fields = Fields::new(checker, block, base);
    let left = fields.path("left", true, &["onnx", "json"], "\"model.onnx\"");
    let right = fields.path("right", true, &["onnx", "json"], "\"pruned.onnx\"");
    let relation = match fields.take("relation") {
        None => {
            fields.missing("relation", "same_class");
            None
        }
        Some(field) => match &field.value {
            Value::Symbol(word) if word.text == "same_class" => {
                Some(EquivalenceRelation::SameClass)
            }
            Value::Call {
                function,
                arguments,
                span,
            } if function.text == "within" || function.text == "margin" => {
                let amount = match arguments.as_slice() {
                    [argument] => fields.number_value(argument),
                    _ => None,
                };
                match amount {
                    Some(amount) if function.text == "within" && amount > 0.0 => {
                        Some(EquivalenceRelation::Within(amount))
                    }
                    Some(amount) if function.text == "margin" && amount >= 0.0 => {
                        Some(EquivalenceRelation::Margin(amount))
                    }
                    Some(_) => {
                        fields.out_of_range(
                            *span,
                            "relation",
                            "`within(e)` with e > 0 or `margin(m)` with m >= 0",
                        );
                        None
                    }
                    None => {
                        fields.wrong_type(field, "`same_class`, `within(epsilon)` or `margin(m)`");
                        None
                    }
                }
            }
            _ => {
                fields.wrong_type(field, "`same_class`, `within(epsilon)` or `margin(m)`");
                None
            }
        },
    };
    let domain = match fields.take("domain") {
        None => {
            fields.missing("domain", "[0, 1]");
            None
        }
        Some(field) => match &field.value {
            Value::List(items, _)
                if items.iter().all(|item| matches!(item, Value::List(..)))
                    && !items.is_empty() =>
            {
                let intervals: Option<Vec<(f64, f64)>> = items
                    .iter()
                    .map(|item| fields.interval(item, "domain"))
                    .collect();
                if intervals.is_none() && fields.checker.error_count() == fields.errors_before {
                    fields.wrong_type(field, "a list of intervals `[[lo, hi], ...]`");
                }
                intervals.map(EquivalenceDomain::PerFeature)
            }
            Value::List(..) => {
                let interval = fields.interval(&field.value, "domain");
                if interval.is_none() && fields.checker.error_count() == fields.errors_before {
                    fields.wrong_type(field, "an interval `[lo, hi]`");
                }
                interval.map(|(low, high)| EquivalenceDomain::Uniform(low, high))
            }
            Value::Call {
                function,
                arguments,
                ..
            } if function.text == "data" => match arguments.as_slice() {
                [Value::String(text, span)] => {
                    let resolved = base.join(text);
                    let kind = fields.checker.world.kind(&resolved);
                    if let Some(reason) = missing_file_reason(kind) {
                        fields.error(
                            Diagnostic::new(
                                Code::FileNotFound,
                                format!("the file `{text}` does not exist"),
                            )
                            .primary(*span, reason)
                            .note("paths are relative to the directory of the .req file"),
                        );
                        None
                    } else {
                        Some(EquivalenceDomain::Data(resolved))
                    }
                }
                _ => {
                    fields.wrong_type(field, "`data(\"file.csv\")`");
                    None
                }
            },
            _ => {
                fields.wrong_type(
                    field,
                    "an interval `[lo, hi]`, a list of intervals, or `data(\"file.csv\")`",
                );
                None
            }
        },
    };
    if let Some(EquivalenceDomain::PerFeature(intervals)) = &domain {
        if let Some(features_field) = fields.fields.get("features") {
            let declared = fields.integer_value(&features_field.value);
            let span = features_field.value.span();
            if declared.is_some_and(|count| count != intervals.len()) {
                fields.out_of_range(
                    span,
                    "features",
                    &format!("{} to match the intervals of `domain`", intervals.len()),
                );
            }
        }
    }
    let features = fields.take("features").map(|field| field.value.clone());
    let features = match features {
        None => None,
        Some(value) => match fields.integer_value(&value) {
            Some(count) if count >= 1 => Some(count),
            _ => {
                fields.out_of_range(value.span(), "features", "a whole number of at least 1");
                None
            }
        },
    };
    let timeout_seconds = fields.number(
        "timeout",
        60.0,
        |value| value > 0.0 && value <= 86_400.0,
        "a number of seconds in (0, 86400]",
    );
    let encoding = fields
        .symbol("encoding", &["shared_atoms", "nested_ite"], false)
        .map_or(EquivalenceEncoding::SharedAtoms, |(word, _)| {
            if word == "nested_ite" {
                EquivalenceEncoding::NestedIte
            } else {
                EquivalenceEncoding::SharedAtoms
            }
        });
    let complete = fields.finish(EQUIVALENCE_FIELDS);
    if !complete || checker.error_count() > errors_before {
        return None;
    }
    Some(EquivalenceAssertion {
        name: block.name.text.clone(),
        span: block.span,
        left: left?,
        right: right?,
        relation: relation?,
        domain: domain?,
        features,
        timeout_seconds,
        encoding,
        names: names
            .into_iter()
            .map(|(name, column)| (column, name))
            .collect(),
        requirements,
    })
}

/// Why a path named in a block is not a file reqc can read, or `None` when it is one.
fn missing_file_reason(kind: PathKind) -> Option<&'static str> {
    match kind {
        PathKind::File => None,
        PathKind::Directory => Some("this is a directory"),
        PathKind::Missing => Some("no such file"),
        PathKind::Special => Some("this is not a regular file (a FIFO, socket or device)"),
    }
}
