//! Splitting a source text into item chunks: a line, or a `{ ... }` block, each parsed on its own.
//!
//! The language is line-oriented, so cutting at line breaks (outside blocks)
//! never splits an item; it lets the parser recover after an error at the next line.

use crate::span::Span;

/// One line: where it starts, where its code (before any comment) ends, and where it ends.
struct Line {
    start: usize,
    end: usize,
    code: String,
}

fn lines(source: &str) -> Vec<Line> {
    let mut result = Vec::new();
    let mut start = 0;
    for piece in source.split_inclusive('\n') {
        let without_newline = piece.strip_suffix('\n').unwrap_or(piece);
        let without_return = without_newline
            .strip_suffix('\r')
            .unwrap_or(without_newline);
        result.push(Line {
            start,
            end: start + without_return.len(),
            code: strip_comment(without_return).to_string(),
        });
        start += piece.len();
    }
    result
}

/// The part of a line before a `#` comment, ignoring `#` inside strings.
pub fn strip_comment(line: &str) -> &str {
    comment_start(line).map_or(line, |position| &line[..position])
}

/// Where a `#` comment starts on a line, ignoring `#` inside strings.
pub fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    for (index, character) in line.char_indices() {
        match character {
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(index),
            _ => {}
        }
    }
    None
}

/// Net count of braces opened in a text, outside strings and comments.
pub fn brace_balance(code: &str) -> i64 {
    let mut in_string = false;
    let mut in_comment = false;
    let mut balance = 0;
    for character in code.chars() {
        match character {
            '\n' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            '#' if !in_string => in_comment = true,
            '"' => in_string = !in_string,
            '{' if !in_string => balance += 1,
            '}' if !in_string => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// The spans of the items of a file, in order; blank and comment-only lines belong to none.
pub fn split(source: &str) -> Vec<Span> {
    let lines = lines(source);
    let mut chunks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        if line.code.trim().is_empty() {
            index += 1;
            continue;
        }
        let indent = line.code.len() - line.code.trim_start().len();
        let start = line.start + indent;
        let mut balance = brace_balance(&line.code);
        let mut last = index;
        while balance > 0 && last + 1 < lines.len() {
            last += 1;
            balance += brace_balance(&lines[last].code);
        }
        chunks.push(Span::new(start, lines[last].end));
        index = last + 1;
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_blocks_are_chunks() {
        let source =
            "# header\nordering y_0\n\ncalibration c {\n  rule = legacy # why\n}\ny_0 >= 1 # end\n";
        let texts: Vec<&str> = split(source)
            .iter()
            .map(|span| &source[span.range()])
            .collect();
        assert_eq!(
            texts,
            vec![
                "ordering y_0",
                "calibration c {\n  rule = legacy # why\n}",
                "y_0 >= 1 # end"
            ]
        );
    }

    #[test]
    fn hashes_in_strings_are_not_comments() {
        assert_eq!(strip_comment("a = \"x#y\" # c"), "a = \"x#y\" ");
    }
}
