//! Splitting a source text into item chunks: a line, or a `{ ... }` block, each parsed on its own.
//!
//! The language is line-oriented, so cutting at line breaks (outside blocks)
//! never splits an item; it lets the parser recover after an error at the next line.

use crate::span::Span;

/// The characters the grammar's `WHITESPACE` rule skips between tokens.
const GRAMMAR_WHITESPACE: [char; 2] = [' ', '\t'];

/// The byte order mark a UTF-8 file may start with.
pub const BYTE_ORDER_MARK: char = '\u{FEFF}';

/// One line: where it starts, where its code (before any comment) ends, and where it ends.
struct Line {
    start: usize,
    end: usize,
    code: String,
}

fn lines(source: &str) -> Vec<Line> {
    let mut result = Vec::new();
    // A UTF-8 byte order mark at the start of the file is not part of any item (as rustc
    // accepts it); editors on some systems write one.
    let mut start = if source.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };
    for piece in source[start..].split_inclusive('\n') {
        // The grammar's line break is `\n` or `\r\n`; a lone `\r` (even at the end of the
        // file) is not one, so it stays in the line and the parser reports it, as the
        // grammar's `file` rule would.
        let without_return = match piece.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => piece,
        };
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
        // Only the grammar's whitespace (spaces and tabs) may be skipped: Rust's wider notion
        // (`\r`, form feeds, non-breaking spaces) would hide characters the grammar rejects.
        let code = line.code.trim_start_matches(GRAMMAR_WHITESPACE);
        if code.trim_end_matches(GRAMMAR_WHITESPACE).is_empty() {
            index += 1;
            continue;
        }
        let indent = line.code.len() - code.len();
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
    fn only_grammar_line_breaks_and_whitespace_are_skipped() {
        let texts = |source: &'static str| -> Vec<&'static str> {
            split(source)
                .iter()
                .map(|span| &source[span.range()])
                .collect()
        };
        // `\r\n` is a line break; a lone `\r` is a character the parser must see.
        assert_eq!(
            texts("y_0 >= 1\r\ny_1 >= 2\r\n"),
            vec!["y_0 >= 1", "y_1 >= 2"]
        );
        assert_eq!(texts("y_0 >= 1\r"), vec!["y_0 >= 1\r"]);
        assert_eq!(texts("\r"), vec!["\r"]);
        assert_eq!(texts("\u{000C}y_0 >= 1"), vec!["\u{000C}y_0 >= 1"]);
        assert_eq!(texts(" \t y_0 >= 1 \t\n \t\n"), vec!["y_0 >= 1 \t"]);
    }

    #[test]
    fn hashes_in_strings_are_not_comments() {
        assert_eq!(strip_comment("a = \"x#y\" # c"), "a = \"x#y\" ");
    }
}
