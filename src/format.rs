//! `reqc fmt`: the canonical layout of a `.req` file, keeping every comment.
//!
//! Canonical means: one space between tokens and around binary operators,
//! PiShield's glued coefficients for columns (`2y_0`), numbers exactly as
//! written, four-space indentation in blocks, at most one blank line in a row,
//! and one trailing newline. Formatting a formatted file changes nothing.

use crate::syntax::ast::*;
use crate::syntax::chunks::comment_start;

/// A comment in the source.
struct Comment {
    offset: usize,
    line: usize,
    text: String,
}

struct Formatter<'a> {
    line_starts: Vec<usize>,
    comments: Vec<Comment>,
    next_comment: usize,
    output: String,
    /// The source line the last emitted unit ended on.
    last_line: Option<usize>,
    _source: &'a str,
}

/// Formats a parsed file. The AST must come from `source` with no syntax errors,
/// otherwise text the parser skipped would be lost.
pub fn format(source: &str, file: &File) -> String {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(index, _)| index + 1))
        .collect();
    let mut comments = Vec::new();
    for (line, start) in line_starts.iter().enumerate() {
        let end = line_starts
            .get(line + 1)
            .map_or(source.len(), |next| next - 1);
        let text = &source[*start..end];
        if let Some(position) = comment_start(text) {
            comments.push(Comment {
                offset: start + position,
                line,
                text: text[position..].trim_end().to_string(),
            });
        }
    }
    // A byte order mark the file starts with is kept, so formatting changes only layout.
    let byte_order_mark = crate::syntax::chunks::BYTE_ORDER_MARK;
    let mut formatter = Formatter {
        line_starts,
        comments,
        next_comment: 0,
        output: if source.starts_with(byte_order_mark) {
            byte_order_mark.to_string()
        } else {
            String::new()
        },
        last_line: None,
        _source: source,
    };
    for item in &file.items {
        formatter.item(item);
    }
    formatter.comments_before(usize::MAX, 0);
    formatter.output
}

impl Formatter<'_> {
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Emits a blank line if the source had one between the last unit and `line`.
    fn separate(&mut self, line: usize) {
        if let Some(last) = self.last_line {
            if line > last + 1 && self.has_blank_line(last + 1, line) {
                self.output.push('\n');
            }
        }
    }

    /// Whether any line in `from..to` is blank (comment lines are not blank).
    fn has_blank_line(&self, from: usize, to: usize) -> bool {
        (from..to).any(|line| !self.comments.iter().any(|comment| comment.line == line))
    }

    /// Emits own-line comments that start before `offset`.
    fn comments_before(&mut self, offset: usize, indent: usize) {
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.offset >= offset {
                break;
            }
            let (line, text) = (comment.line, comment.text.clone());
            self.separate(line);
            self.output.push_str(&" ".repeat(indent));
            self.output.push_str(&text);
            self.output.push('\n');
            self.last_line = Some(line);
            self.next_comment += 1;
        }
    }

    /// Emits one line of output for source text spanning `start..end`, with any trailing comment on its last line.
    fn unit(&mut self, start: usize, end: usize, text: &str, indent: usize) {
        self.comments_before(start, indent);
        let first_line = self.line_of(start);
        self.separate(first_line);
        self.output.push_str(&" ".repeat(indent));
        self.output.push_str(text);
        let end_line = self.line_of(end.saturating_sub(1).max(start));
        // A comment inside the unit's lines (a block header's) or right after it trails it.
        if let Some(comment) = self.comments.get(self.next_comment) {
            if comment.line == end_line && comment.offset >= start {
                self.output.push(' ');
                self.output.push_str(&comment.text.clone());
                self.next_comment += 1;
            }
        }
        self.output.push('\n');
        self.last_line = Some(end_line);
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Ordering(ordering) => {
                let mut text = "ordering".to_string();
                for variable in &ordering.variables {
                    text.push(' ');
                    text.push_str(&reference(variable));
                }
                self.unit(ordering.span.start, ordering.span.end, &text, 0);
            }
            Item::Columns(columns) => {
                let count = &columns
                    .count
                    .map_or_else(|| "?".to_string(), |count| count.to_string());
                self.unit(
                    columns.span.start,
                    columns.span.end,
                    &format!("columns {count}"),
                    0,
                );
            }
            Item::Variable(variable) => self.unit(
                variable.span.start,
                variable.span.end,
                &declaration(variable),
                0,
            ),
            Item::Requirement(requirement_item) => self.unit(
                requirement_item.span.start,
                requirement_item.span.end,
                &requirement(requirement_item),
                0,
            ),
            Item::Assertion(assertion) => self.assertion(assertion),
        }
    }

    fn assertion(&mut self, assertion: &Assertion) {
        let header = format!("{} {} {{", assertion.kind.keyword(), assertion.name.text);
        let header_end = assertion.name.span.end;
        self.unit(assertion.span.start, header_end, &header, 0);
        for entry in &assertion.entries {
            let text = match entry {
                AssertionEntry::Field(field) => {
                    format!("{} = {}", field.key.text, value(&field.value))
                }
                AssertionEntry::Variable(variable) => declaration(variable),
                AssertionEntry::Requirement(item) => requirement(item),
            };
            let span = entry.span();
            self.unit(span.start, span.end, &text, 4);
        }
        let closing = assertion.span.end - 1;
        self.comments_before(closing, 4);
        self.unit(closing, assertion.span.end, "}", 0);
    }
}

fn reference(variable: &VariableReference) -> String {
    match variable {
        VariableReference::Column(column) => column_text(column),
        VariableReference::Name(name) => name.text.clone(),
    }
}

fn column_text(column: &ColumnReference) -> String {
    match column.index {
        Some(index) => format!("{}_{index}", column.family.prefix()),
        None => format!("{}_?", column.family.prefix()),
    }
}

fn declaration(variable: &VariableDeclaration) -> String {
    let keyword = match variable.kind {
        VariableKind::Output => "var",
        VariableKind::Input => "input",
    };
    let mut text = format!(
        "{keyword} {} = {}",
        variable.name.text,
        column_text(&variable.column)
    );
    if let Some(domain) = &variable.domain {
        text.push_str(&format!(
            " in [{}, {}]",
            bound(&domain.lower),
            bound(&domain.upper)
        ));
    }
    text
}

fn bound(bound: &Bound) -> String {
    signed(bound.value.as_ref(), bound.negative)
}

fn signed(value: Option<&crate::number::Number>, negative: bool) -> String {
    let magnitude = value.map_or_else(|| "inf".to_string(), |number| number.text.clone());
    if negative {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

fn requirement(requirement: &Requirement) -> String {
    let body: Vec<String> = requirement
        .disjuncts
        .iter()
        .map(|disjunct| {
            let comparison = &disjunct.comparison;
            let text = format!(
                "{} {} {}",
                expression(&comparison.left),
                comparison.operator.symbol(),
                expression(&comparison.right)
            );
            if disjunct.negated {
                format!("neg {text}")
            } else {
                text
            }
        })
        .collect();
    let body = body.join(" or ");
    match &requirement.name {
        Some(name) => format!("requirement {}: {body}", name.text),
        None => body,
    }
}

/// Prints an expression; the tree keeps the user's parentheses, so none are added.
fn expression(expression_node: &Expression) -> String {
    let mut output = String::new();
    write_expression(expression_node, &mut output);
    output
}

/// Appends an expression to one buffer: building a string per node would copy a long sum's
/// text once per term, quadratic in its length.
fn write_expression(expression_node: &Expression, output: &mut String) {
    with_deep_stack(|| write_expression_step(expression_node, output))
}

/// One level of [`write_expression`], which keeps the recursion on a stack that can grow.
fn write_expression_step(expression_node: &Expression, output: &mut String) {
    match expression_node {
        Expression::Number(number, _) => output.push_str(&number.text),
        Expression::Variable(variable) => output.push_str(&reference(variable)),
        Expression::Negate(inner, _) => {
            output.push('-');
            write_expression(inner, output);
        }
        Expression::Parenthesised(inner, _) => {
            output.push('(');
            write_expression(inner, output);
            output.push(')');
        }
        Expression::Binary {
            operator,
            left,
            right,
            ..
        } => {
            let separator = match operator {
                BinaryOperator::Add => " + ",
                BinaryOperator::Subtract => " - ",
                BinaryOperator::Multiply => " * ",
                BinaryOperator::Divide => " / ",
                // Glue the coefficient to a column as PiShield writes it; a name keeps a
                // space, because `2` glued to a name like `e5` would read as a number.
                BinaryOperator::Juxtapose => match right.as_ref() {
                    Expression::Variable(VariableReference::Column(_)) => "",
                    _ => " ",
                },
            };
            write_expression(left, output);
            output.push_str(separator);
            write_expression(right, output);
        }
    }
}

fn value(value_node: &Value) -> String {
    match value_node {
        Value::String(text, _) => format!("\"{text}\""),
        Value::Number {
            value, negative, ..
        } => signed(value.as_ref(), *negative),
        Value::Symbol(name) => name.text.clone(),
        Value::Call {
            function,
            arguments,
            ..
        } => {
            let arguments: Vec<String> = arguments.iter().map(value).collect();
            format!("{}({})", function.text, arguments.join(", "))
        }
        Value::List(items, _) => {
            let items: Vec<String> = items.iter().map(value).collect();
            format!("[{}]", items.join(", "))
        }
    }
}
