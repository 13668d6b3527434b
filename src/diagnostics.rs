//! Diagnostics as data: what every phase returns instead of printing, with stable codes.
//!
//! Rendering (human text through codespan-reporting, or JSON) lives in
//! [`crate::report`]; this module only describes problems.

use crate::span::Span;
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Every diagnostic code reqc emits. Codes are stable: once published, a code keeps its meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E0201`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The severity this code is reported with.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// A one-line summary, as listed in the language reference.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            pub fn parse(text: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(text))
            }
        }
    };
}

codes! {
    // Files.
    NotUtf8 = "E0001", Error, "the file is not valid UTF-8 text";
    BinaryFile = "E0002", Error, "the file contains NUL bytes and looks binary";
    FileTooLarge = "E0003", Error, "the file is larger than reqc reads";
    EmptyFile = "W0004", Warning, "the file holds no items";
    // Syntax.
    Syntax = "E0101", Error, "syntax error";
    ColumnIndexTooLarge = "E0102", Error, "a column index or count exceeds reqc's limit";
    // Names, columns and ordering.
    MissingOrdering = "E0201", Error, "the file has requirements but no ordering";
    DuplicateOrdering = "E0202", Error, "more than one ordering line";
    RepeatedInOrdering = "E0203", Error, "a variable is listed twice in the ordering";
    NotInOrdering = "W0204", Warning, "a variable is used but not in the ordering, so it is a fixed input";
    ColumnOutOfRange = "E0205", Error, "a column index is beyond the declared column count";
    UnknownName = "E0206", Error, "a name is used but never declared";
    DuplicateName = "E0207", Error, "a name is declared twice";
    ColumnNamedTwice = "E0208", Error, "a column is bound to two names";
    InputInOrdering = "E0209", Error, "an input column is listed in the ordering";
    DuplicateColumns = "E0210", Error, "more than one columns declaration";
    WrongColumnFamily = "E0211", Error, "a feature column x_k where a prediction column y_k belongs, or the reverse";
    UnusedVariable = "W0212", Warning, "a declared variable is never used";
    // Arithmetic and normal form.
    NumberOutOfRange = "E0301", Error, "a literal overflows or underflows f64";
    InexactInF32 = "W0302", Warning, "a literal is not exactly representable in f32";
    AlwaysFalse = "E0303", Error, "a requirement can never hold";
    AlwaysTrue = "W0304", Warning, "a requirement always holds";
    DeadDisjunct = "W0305", Warning, "a disjunct can never hold";
    CancellingTerms = "W0306", Warning, "the coefficients of a variable cancel";
    NonLinear = "E0307", Error, "a product of variables is not linear";
    DivisionByZero = "E0308", Error, "division by zero";
    DivisionByVariable = "E0309", Error, "division by an expression with variables is not linear";
    DuplicateRequirement = "W0310", Warning, "a requirement repeats an earlier one";
    TooManyEqualities = "E0311", Error, "too many equalities in one disjunction";
    // Domains.
    EmptyDomain = "E0401", Error, "a declared domain is empty";
    // Assertion blocks.
    UnknownField = "E0501", Error, "an assertion block has a field it does not know";
    MissingField = "E0502", Error, "an assertion block lacks a required field";
    WrongFieldType = "E0503", Error, "a field's value has the wrong shape";
    FieldOutOfRange = "E0504", Error, "a field's value is out of its range";
    FileNotFound = "E0505", Error, "a file named by a field does not exist";
    DuplicateField = "E0506", Error, "a field is given twice";
    UnsupportedFileType = "E0507", Error, "a file named by a field has an unsupported type";
    EntryNotAllowed = "E0508", Error, "an entry is not allowed in this kind of block";
    // Solver checks.
    Unsatisfiable = "E0601", Error, "the requirements cannot all hold";
    Implied = "W0602", Warning, "a requirement is implied by the others";
    DisjunctNeverHolds = "W0603", Warning, "a disjunct can never hold given the other requirements";
    ForcedValue = "W0604", Warning, "the requirements force a declared variable to a single value";
    SolverUnknown = "W0605", Warning, "the solver could not decide a check in time";
    // The shield (elimination and correction).
    EliminationTooLarge = "E0701", Error, "variable elimination grew past the size limit";
    InfeasibleRequirements = "E0702", Error, "elimination proved that the requirements cannot all hold";
    // Verification of the shield.
    UnsoundShield = "E0801", Error, "the shield lets through a row that violates a requirement";
    IncompleteShield = "E0802", Error, "the shield rejects rows that meet every requirement";
    VerificationUndecided = "W0803", Warning, "Z3 could not decide a proof obligation of the shield in time";
    UnreproducedCounterexample = "E0804", Error, "the levels are unsound over the reals, but the float interpreter does not reproduce the counterexample";
    // Calibration assertions (`reqc verify`).
    CalibrationDataUnreadable = "E0901", Error, "a calibration data file cannot be read";
    CalibrationShapeMismatch = "E0902", Error, "calibration predictions and labels do not fit together";
    InvalidProbability = "E0903", Error, "a prediction row is not a probability vector";
    InvalidLabel = "E0904", Error, "a label is not a class index";
    CalibrationFails = "E0905", Error, "a calibration assertion fails under its rule";
    CalibrationHolds = "N0906", Note, "a calibration assertion holds under its rule";
    ModelUnusable = "E0907", Error, "a calibration model cannot be read or does not fit the predictions";
    // Equivalence assertions.
    MalformedModel = "E1201", Error, "a model file cannot be read or is malformed";
    UnsupportedModel = "E1202", Error, "a model file uses an unsupported operator, attribute or value";
    IncompatibleModels = "E1203", Error, "the two models, the domain or the block do not fit together";
    ModelsDiffer = "E1204", Error, "two models differ on an input of the domain";
    EquivalenceUndecided = "W1205", Warning, "Z3 could not decide an equivalence assertion in time";
    UnreproducedEquivalenceCounterexample = "E1206", Error, "Z3 found a cell where the models differ, but the float32 point chosen from it does not reproduce it";
    EquivalenceProved = "N1207", Note, "an equivalence assertion is proved";
    // Propositional requirements.
    TautologicalRule = "W1301", Warning, "a rule holds whatever the labels are";
    LabelNotInOrdering = "E1302", Error, "a label in a rule is missing from the ordering";
    ThresholdOutOfRange = "E1303", Error, "the threshold is not strictly between 0 and 1";
    DuplicateThreshold = "E1304", Error, "more than one threshold line";
    PropositionalShieldIncomplete = "E1305", Error, "a corrected row breaks a rule at the threshold";
}

/// A labelled span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The primary label marks where the problem is; secondary ones give context.
    pub primary: bool,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: Vec::new(),
        }
    }

    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help.push(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The span of the first primary label, which is where the diagnostic "is".
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .or(self.labels.first())
            .map(|label| label.span)
    }
}

/// Sorts diagnostics by position, then code, so output does not depend on the order checks ran in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|left, right| {
        let position = |diagnostic: &Diagnostic| {
            diagnostic
                .primary_span()
                .map(|span| (span.start, span.end))
                .unwrap_or((0, 0))
        };
        position(left)
            .cmp(&position(right))
            .then(left.code.cmp(&right.code))
            .then(left.message.cmp(&right.message))
    });
}

/// The language reference, where every code is documented once.
const REFERENCE: &str = include_str!("../specs/language.md");

/// The reference's section on a code (the text under its `### CODE` heading), for `reqc explain`.
pub fn explanation(code: Code) -> Option<String> {
    let heading = format!("### {}", code.as_str());
    let start = REFERENCE.find(&heading)?;
    let rest = &REFERENCE[start..];
    let end = rest[heading.len()..]
        .find("\n#")
        .map_or(rest.len(), |position| position + heading.len());
    Some(rest[..end].trim().to_string())
}
