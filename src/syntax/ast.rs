//! The abstract syntax tree of a `.req` file: what was written, with byte spans, before any checking.

use crate::number::Number;
use crate::span::Span;

/// A parsed file: its items in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
}

/// One top-level item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Ordering(Ordering),
    Columns(Columns),
    Variable(VariableDeclaration),
    Requirement(Requirement),
    Assertion(Box<Assertion>),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Ordering(ordering) => ordering.span,
            Item::Columns(columns) => columns.span,
            Item::Variable(variable) => variable.span,
            Item::Requirement(requirement) => requirement.span,
            Item::Assertion(assertion) => assertion.span,
        }
    }
}

/// `ordering y_0 limit y_2`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ordering {
    pub variables: Vec<VariableReference>,
    pub span: Span,
}

/// `columns 8`.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// The count as written; `None` when it does not fit in a `usize`.
    pub count: Option<usize>,
    pub count_span: Span,
    pub span: Span,
}

/// Whether a declared column is corrected (an output) or only read (an input).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariableKind {
    Output,
    Input,
}

/// `var limit = y_3 in [0, 1e6]` or `input age = y_5`.
#[derive(Clone, Debug, PartialEq)]
pub struct VariableDeclaration {
    pub kind: VariableKind,
    pub name: Identifier,
    pub column: ColumnReference,
    pub domain: Option<Box<Domain>>,
    pub span: Span,
}

/// `in [lo, hi]`; `None` stands for an infinite end.
#[derive(Clone, Debug, PartialEq)]
pub struct Domain {
    pub lower: Bound,
    pub upper: Bound,
    pub span: Span,
}

/// One end of a domain.
#[derive(Clone, Debug, PartialEq)]
pub struct Bound {
    /// `None` for `inf` (with its sign in `negative`).
    pub value: Option<Number>,
    pub negative: bool,
    pub span: Span,
}

/// A name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identifier {
    pub text: String,
    pub span: Span,
}

/// Which family a column reference belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnFamily {
    /// `y_k`: a prediction column.
    Output,
    /// `x_k`: a model input feature, used in equivalence blocks.
    Feature,
}

impl ColumnFamily {
    pub fn prefix(self) -> &'static str {
        match self {
            ColumnFamily::Output => "y",
            ColumnFamily::Feature => "x",
        }
    }
}

/// `y_3` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnReference {
    pub family: ColumnFamily,
    /// The index; `None` when it does not fit in a `usize`.
    pub index: Option<usize>,
    pub span: Span,
}

/// A variable as written: a column or a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariableReference {
    Column(ColumnReference),
    Name(Identifier),
}

impl VariableReference {
    pub fn span(&self) -> Span {
        match self {
            VariableReference::Column(column) => column.span,
            VariableReference::Name(name) => name.span,
        }
    }
}

/// A requirement: an optional name and a disjunction.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub name: Option<Identifier>,
    pub disjuncts: Vec<Disjunct>,
    pub span: Span,
}

/// One comparison, possibly negated.
#[derive(Clone, Debug, PartialEq)]
pub struct Disjunct {
    pub negated: bool,
    pub comparison: Comparison,
    pub span: Span,
}

/// The comparison operators as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComparisonOperator {
    GreaterEqual,
    Greater,
    LessEqual,
    Less,
    Equal,
}

impl ComparisonOperator {
    pub fn symbol(self) -> &'static str {
        match self {
            ComparisonOperator::GreaterEqual => ">=",
            ComparisonOperator::Greater => ">",
            ComparisonOperator::LessEqual => "<=",
            ComparisonOperator::Less => "<",
            ComparisonOperator::Equal => "==",
        }
    }
}

/// `left OP right`.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub left: Expression,
    pub operator: ComparisonOperator,
    pub operator_span: Span,
    pub right: Expression,
    pub span: Span,
}

/// An arithmetic expression as written; linearity is checked later.
#[derive(Clone, Debug, PartialEq)]
pub enum Expression {
    Number(Number, Span),
    Variable(VariableReference),
    Negate(Box<Expression>, Span),
    Binary {
        operator: BinaryOperator,
        left: Box<Expression>,
        right: Box<Expression>,
        span: Span,
    },
    /// Parentheses are kept so the formatter can reproduce them.
    Parenthesised(Box<Expression>, Span),
}

/// Runs a step of a recursive walk over expressions on a stack that is grown on the heap
/// when it runs low. `1 + 1 + ... + 1` parses into a chain as long as the line, and real
/// files have sums of hundreds of terms, so walking the tree by plain recursion once
/// aborted reqc with a stack overflow on a long line; every recursive walk goes through here.
pub fn with_deep_stack<R>(step: impl FnOnce() -> R) -> R {
    // Grow when less than 128 KiB are left (unoptimised frames are large), by 4 MiB at a time.
    stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, step)
}

impl Drop for Expression {
    /// Drops the tree iteratively: the compiler's recursive drop of a long chain would
    /// overflow the stack just like a recursive walk.
    fn drop(&mut self) {
        let mut pending: Vec<Expression> = Vec::new();
        detach_children(self, &mut pending);
        while let Some(mut child) = pending.pop() {
            detach_children(&mut child, &mut pending);
            // `child` has no children left here, so dropping it recurses no further.
        }
    }
}

/// Moves the children of an expression onto `pending`, leaving leaves in their boxes.
fn detach_children(expression: &mut Expression, pending: &mut Vec<Expression>) {
    let leaf = || {
        let empty = Number {
            text: String::new(),
            value: None,
        };
        Expression::Number(empty, Span::default())
    };
    match expression {
        Expression::Number(..) | Expression::Variable(_) => {}
        Expression::Negate(inner, _) | Expression::Parenthesised(inner, _) => {
            if has_children(inner) {
                pending.push(std::mem::replace(&mut **inner, leaf()));
            }
        }
        Expression::Binary { left, right, .. } => {
            for child in [left, right] {
                if has_children(child) {
                    pending.push(std::mem::replace(&mut **child, leaf()));
                }
            }
        }
    }
}

fn has_children(expression: &Expression) -> bool {
    !matches!(expression, Expression::Number(..) | Expression::Variable(_))
}

impl Expression {
    pub fn span(&self) -> Span {
        match self {
            Expression::Number(_, span) => *span,
            Expression::Variable(reference) => reference.span(),
            Expression::Negate(_, span) => *span,
            Expression::Binary { span, .. } => *span,
            Expression::Parenthesised(_, span) => *span,
        }
    }
}

/// The arithmetic operators. `Juxtapose` is PiShield's `2y_0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOperator {
    Add,
    Subtract,
    Multiply,
    Divide,
    Juxtapose,
}

/// `calibration name { ... }` or `equivalence name { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Assertion {
    pub kind: AssertionKind,
    pub kind_span: Span,
    pub name: Identifier,
    pub entries: Vec<AssertionEntry>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssertionKind {
    Calibration,
    Equivalence,
}

impl AssertionKind {
    pub fn keyword(self) -> &'static str {
        match self {
            AssertionKind::Calibration => "calibration",
            AssertionKind::Equivalence => "equivalence",
        }
    }
}

/// One line inside an assertion block.
#[derive(Clone, Debug, PartialEq)]
pub enum AssertionEntry {
    Field(Field),
    Variable(VariableDeclaration),
    Requirement(Requirement),
}

impl AssertionEntry {
    pub fn span(&self) -> Span {
        match self {
            AssertionEntry::Field(field) => field.span,
            AssertionEntry::Variable(variable) => variable.span,
            AssertionEntry::Requirement(requirement) => requirement.span,
        }
    }
}

/// `key = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub key: Identifier,
    pub value: Value,
    pub span: Span,
}

/// A field value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String, Span),
    /// A signed number; `None` is infinity.
    Number {
        value: Option<Number>,
        negative: bool,
        span: Span,
    },
    Symbol(Identifier),
    Call {
        function: Identifier,
        arguments: Vec<Value>,
        span: Span,
    },
    List(Vec<Value>, Span),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::String(_, span) => *span,
            Value::Number { span, .. } => *span,
            Value::Symbol(identifier) => identifier.span,
            Value::Call { span, .. } => *span,
            Value::List(_, span) => *span,
        }
    }

    /// A short description of the value's shape, for diagnostics.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::String(..) => "a string",
            Value::Number { .. } => "a number",
            Value::Symbol(..) => "a word",
            Value::Call { .. } => "a call",
            Value::List(..) => "a list",
        }
    }
}
