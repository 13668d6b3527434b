//! Positions in a document: byte offsets (what reqc's spans hold) to and from LSP positions
//! (zero-based lines and UTF-16 code units, as the protocol requires), and edits to the text.

use crate::span::Span;
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// The starts of the lines of a text, for converting between offsets and positions.
/// Lines end at `\n`; a `\r` before it belongs to the line, as the grammar treats `\r\n`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    length: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        LineIndex {
            starts,
            length: text.len(),
        }
    }

    /// The position of a byte offset; an offset inside a character or past the end is
    /// moved back onto the nearest character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_boundary(text, offset);
        let line = self.starts.partition_point(|start| *start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of a position. A character past the end of its line means the end of
    /// the line (as the protocol says); a line past the end means the end of the text.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(start) = self.starts.get(line).copied() else {
            return self.length;
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.length, |next| next - 1);
        let mut units = 0usize;
        for (index, character) in text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + index;
            }
            units += character.len_utf16();
        }
        end
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        let start = self.position(text, span.start);
        let end = self.position(text, span.end.max(span.start));
        Range::new(start, end)
    }

    /// The byte span of a range, with its ends in order.
    pub fn span(&self, text: &str, range: Range) -> Span {
        let start = self.offset(text, range.start);
        let end = self.offset(text, range.end);
        Span::new(start.min(end), start.max(end))
    }

    /// The range of the whole text.
    pub fn whole(&self, text: &str) -> Range {
        Range::new(Position::new(0, 0), self.position(text, text.len()))
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Moves an offset back onto a character boundary inside the text.
pub fn clamp_to_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Applies a `didChange` event: a replacement of a range, or of the whole text.
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text.clone(),
        Some(range) => {
            let index = LineIndex::new(text);
            let span = index.span(text, range);
            text.replace_range(span.range(), &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝑥` is 4 bytes and 2 units.
        let text = "ab\né𝑥c\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position::new(0, 0));
        assert_eq!(index.position(text, 3), Position::new(1, 0));
        assert_eq!(index.position(text, 5), Position::new(1, 1));
        assert_eq!(index.position(text, 9), Position::new(1, 3));
        assert_eq!(index.position(text, 10), Position::new(1, 4));
        assert_eq!(index.position(text, text.len()), Position::new(2, 0));
        // Inside a character: moved back to its start.
        assert_eq!(index.position(text, 6), Position::new(1, 1));
        for offset in [0, 1, 2, 3, 5, 9, 10, 11] {
            assert_eq!(index.offset(text, index.position(text, offset)), offset);
        }
    }

    #[test]
    fn offsets_clamp_to_the_line_and_the_text() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99)), 3);
        assert_eq!(index.offset(text, Position::new(1, 1)), 5);
        assert_eq!(index.offset(text, Position::new(1, 99)), 6);
        assert_eq!(index.offset(text, Position::new(7, 0)), 6);
        assert_eq!(index.position(text, 99), Position::new(1, 2));
    }

    #[test]
    fn changes_replace_ranges_and_whole_texts() {
        let mut text = "y_0 >= 1\ny_1 >= 2\n".to_string();
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 7), Position::new(1, 8))),
            range_length: None,
            text: "30".into(),
        };
        apply_change(&mut text, &change);
        assert_eq!(text, "y_0 >= 1\ny_1 >= 30\n");
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "ordering y_0\n".into(),
        };
        apply_change(&mut text, &whole);
        assert_eq!(text, "ordering y_0\n");
    }
}
