//! The syntax phase: source text to an AST with spans, through the pest grammar in `grammar/req.pest`.
//!
//! Invariant: this module knows nothing of checking, Z3 or LLVM. It reports
//! syntax errors as [`Diagnostic`]s and recovers item by item, so a file with
//! three broken lines gets three errors.

pub mod ast;
pub mod chunks;

use crate::diagnostics::{Code, Diagnostic};
use crate::number::Number;
use crate::span::Span;
use ast::*;
use pest::iterators::Pair;
use pest::Parser as _;

/// The most columns a file may have (`columns N`, and every `y_k` and `x_k` below it). A
/// number the file states is checked against it before anything is sized by it, so a
/// mistyped count is an error instead of an attempt to allocate terabytes. Real files have
/// at most a few thousand columns (botnet: 757).
pub const MAXIMUM_COLUMNS: usize = 1_000_000;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/req.pest"]
struct RequirementParser;

/// The result of parsing: every item that parsed, and a diagnostic for every chunk that did not.
pub struct Parsed {
    pub file: File,
    pub diagnostics: Vec<Diagnostic>,
    /// The first word of every chunk that failed to parse, so later phases can tell
    /// which of their findings might only echo a broken line.
    pub rejected_keywords: Vec<String>,
}

/// Parses a whole source text.
pub fn parse(source: &str) -> Parsed {
    let mut parsed = Parsed {
        file: File { items: Vec::new() },
        diagnostics: Vec::new(),
        rejected_keywords: Vec::new(),
    };
    for chunk in chunks::split(source) {
        parsed.add(parse_chunk(source, chunk));
    }
    parsed
}

/// One chunk's parse: its item when it parsed, every diagnostic about it, and the first
/// word of a chunk the parser rejected.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedChunk {
    pub item: Option<Item>,
    pub diagnostics: Vec<Diagnostic>,
    pub rejected_keyword: Option<String>,
}

impl Parsed {
    /// Appends one chunk's parse; chunks must come in source order.
    pub fn add(&mut self, chunk: ParsedChunk) {
        self.file.items.extend(chunk.item);
        self.diagnostics.extend(chunk.diagnostics);
        self.rejected_keywords.extend(chunk.rejected_keyword);
    }
}

/// Parses one chunk of `source` (a span from [`chunks::split`]). The parse of a chunk that
/// is not rejected depends on the chunk's text alone, its spans moving with its start (the
/// language server reuses such parses); a rejection's message may mention the file's end.
pub fn parse_chunk(source: &str, chunk: Span) -> ParsedChunk {
    let text = &source[chunk.range()];
    let mut diagnostics = Vec::new();
    if let Some(diagnostic) = too_deeply_nested(chunk.start, text) {
        return ParsedChunk {
            item: None,
            diagnostics: vec![diagnostic],
            rejected_keyword: Some(String::new()),
        };
    }
    if let Some(diagnostic) = unclosed_block(source, chunk.start, text) {
        return ParsedChunk {
            item: None,
            diagnostics: vec![diagnostic],
            rejected_keyword: Some(String::new()),
        };
    }
    match RequirementParser::parse(Rule::single_item, text) {
        Ok(mut pairs) => {
            let single = pairs.next().expect("single_item matched");
            let builder = Builder {
                offset: chunk.start,
                diagnostics: &mut diagnostics,
            };
            let item = single
                .into_inner()
                .find(|pair| pair.as_rule() != Rule::EOI)
                .map(|item| builder.item(item));
            ParsedChunk {
                item,
                diagnostics,
                rejected_keyword: None,
            }
        }
        Err(error) => {
            let word: String = text
                .chars()
                .take_while(|character| character.is_alphanumeric() || *character == '_')
                .collect();
            ParsedChunk {
                item: None,
                diagnostics: vec![syntax_error(source, chunk.start, text, error)],
                rejected_keyword: Some(word),
            }
        }
    }
}

/// Whether the whole text matches the grammar's `file` rule; used by tests to keep
/// the item-by-item parser and the documented grammar in agreement.
/// The item-by-item parser's two rules beyond the grammar apply here too: a leading byte
/// order mark is skipped, and parentheses nest at most [`MAXIMUM_NESTING`] deep.
pub fn matches_file_rule(source: &str) -> bool {
    let source = source
        .strip_prefix(chunks::BYTE_ORDER_MARK)
        .unwrap_or(source);
    source
        .lines()
        .all(|line| too_deeply_nested(0, line).is_none())
        && RequirementParser::parse(Rule::file, source).is_ok()
}

struct Builder<'a> {
    offset: usize,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Builder<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = pair.as_span();
        Span::new(span.start() + self.offset, span.end() + self.offset)
    }

    fn item(mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::ordering => Item::Ordering(self.ordering(pair)),
            Rule::columns => Item::Columns(self.columns(pair)),
            Rule::variable_declaration | Rule::input_declaration => {
                Item::Variable(self.variable(pair))
            }
            Rule::named_requirement | Rule::requirement => {
                Item::Requirement(self.requirement(pair))
            }
            Rule::assertion => Item::Assertion(Box::new(self.assertion(pair))),
            rule => unreachable!("grammar produced {rule:?} as an item"),
        }
    }

    fn ordering(&mut self, pair: Pair<'_, Rule>) -> Ordering {
        let span = self.span(&pair);
        let variables = pair
            .into_inner()
            .filter(|inner| inner.as_rule() != Rule::keyword_ordering)
            .map(|inner| self.variable_reference(inner))
            .collect();
        Ordering { variables, span }
    }

    fn columns(&mut self, pair: Pair<'_, Rule>) -> Columns {
        let span = self.span(&pair);
        let integer = pair
            .into_inner()
            .find(|inner| inner.as_rule() == Rule::integer)
            .expect("columns has an integer");
        let count_span = self.span(&integer);
        let count = integer
            .as_str()
            .parse::<usize>()
            .ok()
            .filter(|count| *count <= MAXIMUM_COLUMNS);
        if count.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::ColumnIndexTooLarge,
                    format!("the column count `{}` is too large", integer.as_str()),
                )
                .primary(
                    count_span,
                    format!("reqc reads at most {MAXIMUM_COLUMNS} columns"),
                ),
            );
        }
        Columns {
            count,
            count_span,
            span,
        }
    }

    fn variable(&mut self, pair: Pair<'_, Rule>) -> VariableDeclaration {
        let span = self.span(&pair);
        let kind = if pair.as_rule() == Rule::input_declaration {
            VariableKind::Input
        } else {
            VariableKind::Output
        };
        let mut name = None;
        let mut column = None;
        let mut domain = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::name => name = Some(self.identifier(&inner)),
                Rule::column => column = Some(self.column(&inner)),
                Rule::domain => domain = Some(Box::new(self.domain(inner))),
                _ => {}
            }
        }
        VariableDeclaration {
            kind,
            name: name.expect("declaration has a name"),
            column: column.expect("declaration has a column"),
            domain,
            span,
        }
    }

    fn domain(&mut self, pair: Pair<'_, Rule>) -> Domain {
        let span = self.span(&pair);
        let mut bounds = pair
            .into_inner()
            .filter(|inner| inner.as_rule() == Rule::bound)
            .map(|inner| self.bound(inner));
        let lower = bounds.next().expect("domain has a lower bound");
        let upper = bounds.next().expect("domain has an upper bound");
        Domain { lower, upper, span }
    }

    fn bound(&mut self, pair: Pair<'_, Rule>) -> Bound {
        let span = self.span(&pair);
        let (value, negative) = self.signed(pair);
        Bound {
            value,
            negative,
            span,
        }
    }

    /// A sign followed by a number or `inf`.
    fn signed(&mut self, pair: Pair<'_, Rule>) -> (Option<Number>, bool) {
        let mut negative = false;
        let mut value = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::sign => negative = inner.as_str() == "-",
                Rule::number => value = Some(Number::parse(inner.as_str())),
                _ => {}
            }
        }
        (value, negative)
    }

    fn identifier(&self, pair: &Pair<'_, Rule>) -> Identifier {
        Identifier {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    fn column(&mut self, pair: &Pair<'_, Rule>) -> ColumnReference {
        let text = pair.as_str();
        let family = if text.starts_with('x') {
            ColumnFamily::Feature
        } else {
            ColumnFamily::Output
        };
        let span = self.span(pair);
        let index = text[2..]
            .parse::<usize>()
            .ok()
            .filter(|index| *index < MAXIMUM_COLUMNS);
        if index.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::ColumnIndexTooLarge,
                    format!("the column index of `{text}` is too large"),
                )
                .primary(
                    span,
                    format!("columns are numbered below {MAXIMUM_COLUMNS}, reqc's limit"),
                ),
            );
        }
        ColumnReference {
            family,
            index,
            span,
        }
    }

    fn variable_reference(&mut self, pair: Pair<'_, Rule>) -> VariableReference {
        match pair.as_rule() {
            Rule::column => VariableReference::Column(self.column(&pair)),
            Rule::name => VariableReference::Name(self.identifier(&pair)),
            rule => unreachable!("{rule:?} is not a variable reference"),
        }
    }

    fn requirement(&mut self, pair: Pair<'_, Rule>) -> Requirement {
        let span = self.span(&pair);
        let mut name = None;
        let mut disjuncts = Vec::new();
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::name => name = Some(self.identifier(&inner)),
                Rule::disjunction => self.disjunction(inner, &mut disjuncts),
                _ => {}
            }
        }
        Requirement {
            name,
            disjuncts,
            span,
        }
    }

    /// Flattens nested parenthesised disjunctions into one list.
    fn disjunction(&mut self, pair: Pair<'_, Rule>, disjuncts: &mut Vec<Disjunct>) {
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::disjunction => self.disjunction(inner, disjuncts),
                Rule::comparison => {
                    let span = self.span(&inner);
                    disjuncts.push(Disjunct {
                        negated: false,
                        comparison: self.comparison(inner),
                        span,
                    });
                }
                Rule::negation => {
                    let span = self.span(&inner);
                    let comparison = inner
                        .into_inner()
                        .find(|part| part.as_rule() == Rule::comparison)
                        .expect("negation has a comparison");
                    disjuncts.push(Disjunct {
                        negated: true,
                        comparison: self.comparison(comparison),
                        span,
                    });
                }
                _ => {}
            }
        }
    }

    fn comparison(&mut self, pair: Pair<'_, Rule>) -> Comparison {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let left = self.sum(inner.next().expect("comparison has a left side"));
        let operator_pair = inner.next().expect("comparison has an operator");
        let operator_span = self.span(&operator_pair);
        let operator = match operator_pair.as_str() {
            ">=" => ComparisonOperator::GreaterEqual,
            ">" => ComparisonOperator::Greater,
            "<=" => ComparisonOperator::LessEqual,
            "<" => ComparisonOperator::Less,
            _ => ComparisonOperator::Equal,
        };
        let right = self.sum(inner.next().expect("comparison has a right side"));
        Comparison {
            left,
            operator,
            operator_span,
            right,
            span,
        }
    }

    fn sum(&mut self, pair: Pair<'_, Rule>) -> Expression {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let negate_first = match inner.peek() {
            Some(first) if first.as_rule() == Rule::sign => {
                let negative = first.as_str() == "-";
                inner.next();
                negative
            }
            _ => false,
        };
        let first = inner.next().expect("sum has a term");
        let first_span = self.span(&first);
        let mut expression = self.term(first);
        if negate_first {
            expression =
                Expression::Negate(Box::new(expression), Span::new(span.start, first_span.end));
        }
        while let Some(operator) = inner.next() {
            let term = inner.next().expect("operator is followed by a term");
            let right = self.term(term);
            let operator = if operator.as_str() == "+" {
                BinaryOperator::Add
            } else {
                BinaryOperator::Subtract
            };
            let span = expression.span().to(right.span());
            expression = Expression::Binary {
                operator,
                left: Box::new(expression),
                right: Box::new(right),
                span,
            };
        }
        expression
    }

    fn term(&mut self, pair: Pair<'_, Rule>) -> Expression {
        let mut inner = pair.into_inner();
        let mut expression = self.factor(inner.next().expect("term has a factor"));
        while let Some(operator) = inner.next() {
            let right = self.factor(inner.next().expect("operator is followed by a factor"));
            let operator = if operator.as_str() == "*" {
                BinaryOperator::Multiply
            } else {
                BinaryOperator::Divide
            };
            let span = expression.span().to(right.span());
            expression = Expression::Binary {
                operator,
                left: Box::new(expression),
                right: Box::new(right),
                span,
            };
        }
        expression
    }

    fn factor(&mut self, pair: Pair<'_, Rule>) -> Expression {
        // Parentheses and signs nest factors as deep as the grammar's stack guard allows.
        with_deep_stack(|| self.factor_step(pair))
    }

    /// One level of [`Builder::factor`], which keeps the recursion on a stack that can grow.
    fn factor_step(&mut self, pair: Pair<'_, Rule>) -> Expression {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::number => Expression::Number(Number::parse(pair.as_str()), span),
            Rule::column | Rule::name => Expression::Variable(self.variable_reference(pair)),
            Rule::sum => {
                // A parenthesised sum: the span of the pair excludes the parentheses,
                // so widen it by one byte on each side for the formatter's sake.
                let inner = self.sum(pair);
                Expression::Parenthesised(Box::new(inner), Span::new(span.start - 1, span.end + 1))
            }
            Rule::scaled_variable => {
                let mut inner = pair.into_inner();
                let number = inner.next().expect("scaled variable has a number");
                let number_span = self.span(&number);
                let coefficient = Expression::Number(Number::parse(number.as_str()), number_span);
                let variable = self.variable_reference(inner.next().expect("and a variable"));
                Expression::Binary {
                    operator: BinaryOperator::Juxtapose,
                    left: Box::new(coefficient),
                    right: Box::new(Expression::Variable(variable)),
                    span,
                }
            }
            Rule::unary_minus => {
                let mut inner = pair.into_inner();
                let sign = inner.next().expect("unary minus has a sign");
                let operand = self.factor(inner.next().expect("and an operand"));
                if sign.as_str() == "-" {
                    Expression::Negate(Box::new(operand), span)
                } else {
                    operand
                }
            }
            rule => unreachable!("{rule:?} is not a factor"),
        }
    }

    fn assertion(&mut self, pair: Pair<'_, Rule>) -> Assertion {
        let span = self.span(&pair);
        let mut kind = AssertionKind::Calibration;
        let mut kind_span = span;
        let mut name = None;
        let mut entries = Vec::new();
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::assertion_kind => {
                    kind_span = self.span(&inner);
                    kind = if inner.as_str() == "equivalence" {
                        AssertionKind::Equivalence
                    } else {
                        AssertionKind::Calibration
                    };
                }
                Rule::name if name.is_none() => name = Some(self.identifier(&inner)),
                Rule::variable_declaration => {
                    entries.push(AssertionEntry::Variable(self.variable(inner)))
                }
                Rule::named_requirement => {
                    entries.push(AssertionEntry::Requirement(self.requirement(inner)))
                }
                Rule::field => entries.push(AssertionEntry::Field(self.field(inner))),
                _ => {}
            }
        }
        Assertion {
            kind,
            kind_span,
            name: name.expect("assertion has a name"),
            entries,
            span,
        }
    }

    fn field(&mut self, pair: Pair<'_, Rule>) -> Field {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let key = self.identifier(&inner.next().expect("field has a key"));
        let value = self.value(inner.next().expect("field has a value"));
        Field { key, value, span }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::string => {
                let content = pair
                    .into_inner()
                    .next()
                    .map(|inner| inner.as_str().to_string())
                    .unwrap_or_default();
                Value::String(content, span)
            }
            Rule::signed_number => {
                let (value, negative) = self.signed(pair);
                Value::Number {
                    value,
                    negative,
                    span,
                }
            }
            Rule::symbol => {
                let name = pair.into_inner().next().expect("symbol has a name");
                Value::Symbol(self.identifier(&name))
            }
            Rule::call => {
                let mut inner = pair.into_inner();
                let function = self.identifier(&inner.next().expect("call has a name"));
                let arguments = inner.map(|argument| self.value(argument)).collect();
                Value::Call {
                    function,
                    arguments,
                    span,
                }
            }
            Rule::list => Value::List(
                pair.into_inner().map(|item| self.value(item)).collect(),
                span,
            ),
            rule => unreachable!("{rule:?} is not a value"),
        }
    }
}

/// Turns a pest error into a diagnostic that names tokens the way a user would.
fn syntax_error(
    source: &str,
    offset: usize,
    text: &str,
    error: pest::error::Error<Rule>,
) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    // A name with letters outside ASCII fails wherever the grammar first notices, often at
    // the start of the line; the name itself is the problem to show.
    if let Some((start, end)) = non_ascii_name(text) {
        let name = &text[start..end];
        return Diagnostic::new(
            Code::Syntax,
            format!("`{name}` is not a name: names are ASCII letters, digits and `_`"),
        )
        .primary(
            Span::new(offset + start, offset + end),
            "letters outside ASCII here",
        )
        .help("rename it with ASCII letters only, such as `size` or `groesse`");
    }
    let position = match error.location {
        InputLocation::Pos(position) => position,
        InputLocation::Span((start, _)) => start,
    };
    let mut found = describe_found(text, position);
    if found.0 == "end of file" && offset + text.len() < source.len() {
        found.0 = "end of line".to_string();
    }
    let mut expected: Vec<&'static str> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|rule| friendly(*rule))
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    let absolute = offset + position;
    let end = (absolute + found.1).min(source.len()).max(absolute);
    let message = if expected.is_empty() {
        format!("unexpected {}", found.0)
    } else {
        format!(
            "expected {}, found {}",
            join_alternatives(&expected),
            found.0
        )
    };
    let mut diagnostic = Diagnostic::new(Code::Syntax, message)
        .primary(Span::new(absolute, end), format!("unexpected {}", found.0));
    if let Some(help) = syntax_help(text, position) {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// The first word of a line's code (outside comments and strings) made of letters, digits
/// and `_` that has a letter outside ASCII, as a byte range of `text`.
fn non_ascii_name(text: &str) -> Option<(usize, usize)> {
    let code = chunks::strip_comment(text);
    let mut in_string = false;
    let mut word: Option<usize> = None;
    for (index, character) in code
        .char_indices()
        .chain(std::iter::once((code.len(), ' ')))
    {
        if character == '"' {
            in_string = !in_string;
        }
        let part_of_word = !in_string && (character.is_alphanumeric() || character == '_');
        match (word, part_of_word) {
            (None, true) => word = Some(index),
            (Some(start), false) => {
                if !code[start..index].is_ascii() {
                    return Some((start, index));
                }
                word = None;
            }
            _ => {}
        }
    }
    None
}

/// How deeply parentheses may nest in one item. The parser is recursive, so a limit keeps
/// its stack bounded, and says so, on any thread (real requirements nest a few levels).
pub const MAXIMUM_NESTING: usize = 500;

/// Parentheses nested deeper than [`MAXIMUM_NESTING`]: reported at the first `(` past the
/// limit, before the parser runs, so the answer does not depend on the stack's size.
fn too_deeply_nested(offset: usize, text: &str) -> Option<Diagnostic> {
    let code = chunks::strip_comment(text);
    let mut depth = 0usize;
    let mut in_string = false;
    for (index, character) in code.char_indices() {
        match character {
            '"' => in_string = !in_string,
            '(' if !in_string => {
                depth += 1;
                if depth > MAXIMUM_NESTING {
                    return Some(
                        Diagnostic::new(
                            Code::Syntax,
                            format!("parentheses are nested more than {MAXIMUM_NESTING} deep"),
                        )
                        .primary(
                            Span::new(offset + index, offset + index + 1),
                            format!("this is parenthesis {} deep", MAXIMUM_NESTING + 1),
                        )
                        .help("remove redundant parentheses; reqc reads at most 500 levels"),
                    );
                }
            }
            ')' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A block whose `{` is never closed: reported at the brace, since pest would
/// report a confusing position somewhere inside the block.
fn unclosed_block(source: &str, offset: usize, text: &str) -> Option<Diagnostic> {
    if chunks::brace_balance(text) <= 0 {
        return None;
    }
    let brace = text.find('{')?;
    let start = offset + brace;
    Some(
        Diagnostic::new(Code::Syntax, "this block is never closed")
            .primary(Span::new(start, start + 1), "opened here")
            .secondary(Span::new(source.len(), source.len()), "the file ends here")
            .help("close the block with `}` on a line of its own"),
    )
}

/// A short help for common mistakes, judged from the text around the error.
fn syntax_help(text: &str, position: usize) -> Option<String> {
    let rest = &text[position..];
    if rest.starts_with("=>") || rest.starts_with("=<") {
        let flipped: String = rest[..2].chars().rev().collect();
        return Some(format!("did you mean `{flipped}`?"));
    }
    if rest.starts_with("and") {
        return Some("`and` is not part of the language: write each conjunct as its own requirement on its own line".into());
    }
    if rest.starts_with('=') && !rest.starts_with("==") {
        return Some("equality is written `==`".into());
    }
    if rest.starts_with("!=") {
        return Some("write `neg a == b` for a disequality".into());
    }
    if text.trim_start().starts_with("ordering") {
        return Some(
            "an ordering lists variables separated by spaces: `ordering y_0 y_1 y_2`".into(),
        );
    }
    None
}

/// What the parser found at `position`, with the byte length to underline (shared with
/// the propositional parser).
pub(crate) fn describe_found(text: &str, position: usize) -> (String, usize) {
    let rest = &text[position.min(text.len())..];
    match rest.chars().next() {
        None => ("end of file".to_string(), 0),
        Some('\n') => ("end of line".to_string(), 0),
        Some('\r') if rest.starts_with("\r\n") => ("end of line".to_string(), 0),
        // A carriage return that is not part of `\r\n` ends no line, so calling it one
        // would contradict the "expected end of line" beside it.
        Some('\r') => ("`\\r` (a carriage return alone)".to_string(), 1),
        Some(character) if character.is_alphanumeric() || character == '_' || character == '.' => {
            let length = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
                .map(|(index, _)| index)
                .unwrap_or(rest.len());
            (format!("`{}`", &rest[..length]), length)
        }
        Some(character) => (format!("`{character}`"), character.len_utf8()),
    }
}

/// `a, b or c`.
pub(crate) fn join_alternatives(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// The names users see for grammar rules; `None` hides rules that only add noise.
fn friendly(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::comparison_operator => "a comparison operator (`>=`, `>`, `<=`, `<`, `==`)",
        Rule::add_operator => "`+` or `-`",
        Rule::multiply_operator => "`*` or `/`",
        Rule::sign => "a sign",
        Rule::number | Rule::signed_number => "a number",
        Rule::integer => "a whole number",
        Rule::column => "a column such as `y_0`",
        Rule::name => "a name",
        Rule::variable_reference => "a variable",
        Rule::keyword_or => "`or`",
        Rule::keyword_in => "`in`",
        Rule::keyword_infinity => "`inf`",
        Rule::keyword_neg => "`neg`",
        Rule::domain => "a domain `in [lo, hi]`",
        Rule::bound => "a bound",
        Rule::comparison | Rule::disjunction | Rule::requirement | Rule::sum | Rule::term => {
            "an expression"
        }
        Rule::named_requirement | Rule::keyword_requirement => "`requirement`",
        Rule::ordering | Rule::keyword_ordering => "`ordering`",
        Rule::columns | Rule::keyword_columns => "`columns`",
        Rule::variable_declaration | Rule::keyword_var => "`var`",
        Rule::input_declaration | Rule::keyword_input => "`input`",
        Rule::assertion | Rule::assertion_kind => "an assertion block",
        Rule::keyword_calibration => "`calibration`",
        Rule::keyword_equivalence => "`equivalence`",
        Rule::field => "a field `key = value`",
        Rule::string => "a string",
        Rule::call | Rule::list | Rule::symbol => "a value",
        Rule::scaled_variable | Rule::unary_minus => "an expression",
        Rule::EOI => "end of line",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pishield_lines_parse() {
        let parsed = parse(
            "ordering y_0 y_1 y_2\n2y_0 - y_1 >= 0\nneg y_2 > 3 or y_2 - y_1 >= 1\n- y_1 >= -60\n",
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.file.items.len(), 4);
    }

    #[test]
    fn every_broken_line_is_reported() {
        let parsed = parse("ordering y_0\ny_0 >=\ny_0 >= 1\ny_0 => 2\n");
        assert_eq!(parsed.diagnostics.len(), 2);
        assert_eq!(parsed.file.items.len(), 2);
    }
}
