//! Propositional requirement files to a syntax tree with spans, through the pest grammar in `grammar/propositional.pest`, one line at a time so every broken line gets its own error.

use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use num_rational::BigRational;
use pest::iterators::Pair;
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/propositional.pest"]
struct PropositionalParser;

/// What a label reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `y_k` (or `k` in a Horn rule); `None` when the index is over [`crate::syntax::MAXIMUM_COLUMNS`].
    Column(Option<usize>),
    /// A declared label name.
    Name(String),
}

/// A label as written, with its span.
#[derive(Clone, Debug)]
pub struct Reference {
    pub target: Target,
    pub span: Span,
}

/// A literal of a clause: a label or its negation.
#[derive(Clone, Debug)]
pub struct WrittenLiteral {
    pub positive: bool,
    pub reference: Reference,
    pub span: Span,
}

/// How a rule was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleForm {
    /// `y_0 or not y_28`.
    Clause,
    /// `c0 1 :- 0 n2`: the first literal of the clause is the head, the others are the
    /// negated body literals.
    Horn,
    /// `requirement name: not red or not green`.
    Named,
}

/// One line's item.
#[derive(Clone, Debug)]
pub enum Item {
    Columns {
        count: Option<usize>,
        span: Span,
    },
    Label {
        name: String,
        name_span: Span,
        column: Reference,
        span: Span,
    },
    Threshold {
        value: BigRational,
        span: Span,
    },
    Ordering {
        references: Vec<Reference>,
        span: Span,
    },
    Rule {
        name: Option<(String, Span)>,
        /// The rule as a clause: a disjunction of these literals.
        literals: Vec<WrittenLiteral>,
        form: RuleForm,
        span: Span,
    },
}

/// Every item that parsed and a diagnostic for every line that did not.
pub struct Parsed {
    pub items: Vec<Item>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a whole text line by line. A byte order mark is skipped.
pub fn parse(source: &str) -> Parsed {
    let mut parsed = Parsed {
        items: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut offset = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
    while offset < source.len() {
        let end = source[offset..]
            .find('\n')
            .map_or(source.len(), |position| offset + position);
        let line = source[offset..end]
            .strip_suffix('\r')
            .unwrap_or(&source[offset..end]);
        parse_line(source, offset, line, &mut parsed);
        offset = end + 1;
    }
    parsed
}

fn parse_line(source: &str, offset: usize, line: &str, parsed: &mut Parsed) {
    match PropositionalParser::parse(Rule::line, line) {
        Err(error) => parsed
            .diagnostics
            .push(syntax_error(source, offset, line, error)),
        Ok(mut pairs) => {
            let line_pair = pairs.next().expect("the line rule matched");
            for pair in line_pair.into_inner() {
                if pair.as_rule() == Rule::EOI {
                    continue;
                }
                match item(pair, offset) {
                    Ok(item) => parsed.items.push(item),
                    Err(diagnostic) => parsed.diagnostics.push(*diagnostic),
                }
            }
        }
    }
}

fn span_of(pair: &Pair<Rule>, offset: usize) -> Span {
    let span = pair.as_span();
    Span::new(offset + span.start(), offset + span.end())
}

fn index(digits: &str, span: Span) -> Result<Option<usize>, Box<Diagnostic>> {
    match digits.parse::<usize>() {
        Ok(value) if value < crate::syntax::MAXIMUM_COLUMNS => Ok(Some(value)),
        _ => Err(Box::new(
            Diagnostic::new(
                Code::ColumnIndexTooLarge,
                format!(
                    "label index {digits} is over reqc's limit of {} columns",
                    crate::syntax::MAXIMUM_COLUMNS
                ),
            )
            .primary(span, "too large"),
        )),
    }
}

fn reference(pair: Pair<Rule>, offset: usize) -> Result<Reference, Box<Diagnostic>> {
    let span = span_of(&pair, offset);
    let target = match pair.as_rule() {
        Rule::column => Target::Column(index(&pair.as_str()[2..], span)?),
        Rule::name => Target::Name(pair.as_str().to_string()),
        rule => unreachable!("{rule:?} is not a label reference"),
    };
    Ok(Reference { target, span })
}

fn clause_literals(
    children: pest::iterators::Pairs<Rule>,
    offset: usize,
) -> Result<Vec<WrittenLiteral>, Box<Diagnostic>> {
    let mut literals = Vec::new();
    for literal in children {
        if literal.as_rule() != Rule::literal {
            continue;
        }
        let span = span_of(&literal, offset);
        let mut positive = true;
        let mut written = None;
        for part in literal.into_inner() {
            match part.as_rule() {
                Rule::negation => positive = false,
                _ => written = Some(reference(part, offset)?),
            }
        }
        literals.push(WrittenLiteral {
            positive,
            reference: written.expect("a literal has a label"),
            span,
        });
    }
    Ok(literals)
}

fn horn_literal(pair: Pair<Rule>, offset: usize) -> Result<WrittenLiteral, Box<Diagnostic>> {
    let span = span_of(&pair, offset);
    let mut positive = true;
    let mut column = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::horn_negation => positive = false,
            Rule::horn_index => {
                let digits = part.as_str().trim_start_matches("y_");
                column = Some(index(digits, span_of(&part, offset))?);
            }
            rule => unreachable!("{rule:?} in a Horn literal"),
        }
    }
    Ok(WrittenLiteral {
        positive,
        reference: Reference {
            target: Target::Column(column.expect("a Horn literal has an index")),
            span,
        },
        span,
    })
}

fn item(pair: Pair<Rule>, offset: usize) -> Result<Item, Box<Diagnostic>> {
    let span = span_of(&pair, offset);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    Ok(match rule {
        Rule::columns => {
            let count = inner.nth(1).expect("columns has a count");
            let count_span = span_of(&count, offset);
            Item::Columns {
                count: index(count.as_str(), count_span)?,
                span,
            }
        }
        Rule::label_declaration => {
            let name = inner.nth(1).expect("a label has a name");
            let column = inner.next().expect("a label has a column");
            Item::Label {
                name: name.as_str().to_string(),
                name_span: span_of(&name, offset),
                column: reference(column, offset)?,
                span,
            }
        }
        Rule::threshold => {
            let value = inner.nth(1).expect("threshold has a value");
            let text = value.as_str();
            let text = text.strip_suffix('.').unwrap_or(text);
            Item::Threshold {
                value: crate::number::parse_decimal(text)
                    .expect("the grammar admits decimals only"),
                span,
            }
        }
        Rule::ordering => Item::Ordering {
            references: inner
                .skip(1)
                .map(|pair| reference(pair, offset))
                .collect::<Result<_, _>>()?,
            span,
        },
        Rule::named_requirement => {
            let name = inner.nth(1).expect("a requirement has a name");
            let clause = inner.next().expect("a requirement has a clause");
            Item::Rule {
                name: Some((name.as_str().to_string(), span_of(&name, offset))),
                literals: clause_literals(clause.into_inner(), offset)?,
                form: RuleForm::Named,
                span,
            }
        }
        Rule::horn_rule => {
            let mut literals = Vec::new();
            for part in inner {
                match part.as_rule() {
                    Rule::rule_identifier => {}
                    Rule::horn_literal => {
                        let mut literal = horn_literal(part, offset)?;
                        // Body literals enter the clause negated; the head stays as written.
                        if !literals.is_empty() {
                            literal.positive = !literal.positive;
                        }
                        literals.push(literal);
                    }
                    rule => unreachable!("{rule:?} in a Horn rule"),
                }
            }
            Item::Rule {
                name: None,
                literals,
                form: RuleForm::Horn,
                span,
            }
        }
        Rule::clause => Item::Rule {
            name: None,
            literals: clause_literals(inner, offset)?,
            form: RuleForm::Clause,
            span,
        },
        rule => unreachable!("{rule:?} is not an item"),
    })
}

/// A name for a grammar rule as a user would call it, or `None` for rules a user never types.
fn friendly(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::keyword_or => "`or`",
        Rule::keyword_not | Rule::negation => "`not`",
        Rule::column => "a label `y_k`",
        Rule::name => "a name",
        Rule::integer => "a number",
        Rule::decimal => "a number",
        Rule::horn_literal | Rule::horn_index => "a Horn literal (`3` or `n3`)",
        Rule::literal | Rule::clause => "a label",
        Rule::EOI => "end of line",
        Rule::item
        | Rule::columns
        | Rule::label_declaration
        | Rule::threshold
        | Rule::ordering
        | Rule::named_requirement
        | Rule::horn_rule => "a rule",
        _ => return None,
    })
}

/// Turns a pest error on one line into a diagnostic.
fn syntax_error(
    source: &str,
    offset: usize,
    line: &str,
    error: pest::error::Error<Rule>,
) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let position = match error.location {
        InputLocation::Pos(position) => position,
        InputLocation::Span((start, _)) => start,
    };
    // A comment or the end of the line both read as the end of the line here.
    let rest = &line[position.min(line.len())..];
    let (found, token_length) = match crate::syntax::describe_found(line, position) {
        _ if rest.trim().is_empty() || rest.trim_start().starts_with('#') => {
            ("end of line".to_string(), 0)
        }
        (found, _) if found == "end of file" => ("end of line".to_string(), 0),
        found => found,
    };
    let mut expected: Vec<&'static str> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|rule| friendly(*rule))
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    let start = offset + position.min(line.len());
    let end = (start + token_length).min(source.len());
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!(
            "expected {}, found {found}",
            crate::syntax::join_alternatives(&expected)
        )
    };
    let mut diagnostic = Diagnostic::new(Code::Syntax, message)
        .primary(Span::new(start, end), format!("unexpected {found}"));
    if [">=", "<=", ">", "<", "=="]
        .iter()
        .any(|operator| line.contains(operator))
    {
        diagnostic = diagnostic.note(
            "a propositional file cannot hold comparisons; linear requirements go in a file of their own",
        );
    } else if line.contains(" and ") {
        diagnostic = diagnostic.help(
            "a rule is a clause: write `a and b implies c` as `not a or not b or c`, or as the Horn rule `c :- a b`",
        );
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(source: &str) -> Vec<(bool, Target)> {
        let parsed = parse(source);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        match &parsed.items[0] {
            Item::Rule { literals, .. } => literals
                .iter()
                .map(|literal| (literal.positive, literal.reference.target.clone()))
                .collect(),
            other => panic!("not a rule: {other:?}"),
        }
    }

    #[test]
    fn the_three_rule_forms_read_as_clauses() {
        let column = |index| Target::Column(Some(index));
        assert_eq!(
            literals("y_0 or not y_28\n"),
            vec![(true, column(0)), (false, column(28))]
        );
        assert_eq!(
            literals("c0 1 :- 0 n2"),
            vec![(true, column(1)), (false, column(0)), (true, column(2))]
        );
        assert_eq!(literals("n1 :-"), vec![(false, column(1))]);
        assert_eq!(
            literals("requirement exclusive: not red or not green # both never"),
            vec![
                (false, Target::Name("red".into())),
                (false, Target::Name("green".into()))
            ]
        );
    }

    #[test]
    fn broken_lines_each_get_an_error_with_a_location() {
        let parsed = parse("y_0 or\ny_1 and y_2\ny_3 >= 1\n");
        assert_eq!(parsed.diagnostics.len(), 3);
        assert_eq!(parsed.diagnostics[0].primary_span(), Some(Span::new(6, 6)));
        assert!(parsed.diagnostics[1].message.contains("found `and`"));
    }
}
