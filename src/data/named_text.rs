//! A named source text for diagnostics whose `file:line:column` header counts
//! columns in characters, as a reader does, where miette counts bytes. The
//! text of a grid (a sheet, an SQLite table) has a line per row, and its
//! columns are counted in cells: `ledger.xlsx!整改台账:17:4` is cell D17.
//!
//! miette finds a span's lines by reading the text from its start, which
//! makes each snippet of a large data file cost a pass over the file. Here a
//! snippet is read from a window of the lines around the span, found in an
//! index of line starts built once per text.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::grid::GridLayout;

#[derive(Debug, Clone)]
pub struct NamedText {
    name: String,
    text: SharedText,
    grid: Option<Arc<GridLayout>>,
    /// Built on the first snippet, shared by the clones.
    lines: Arc<OnceLock<LineStarts>>,
}

impl NamedText {
    pub fn new(name: impl Into<String>, text: impl Into<SharedText>) -> Self {
        NamedText {
            name: name.into(),
            text: text.into(),
            grid: None,
            lines: Arc::default(),
        }
    }

    /// The text of a grid, whose columns are cells.
    pub(crate) fn grid(
        name: impl Into<String>,
        text: impl Into<SharedText>,
        grid: Arc<GridLayout>,
    ) -> Self {
        NamedText {
            name: name.into(),
            text: text.into(),
            grid: Some(grid),
            lines: Arc::default(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 0-based character (or cell) column of a byte offset.
    fn char_column(&self, offset: usize) -> Option<usize> {
        if let Some(grid) = &self.grid {
            return grid.column_at(offset);
        }
        let before = self.text.get(..offset)?;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Some(before[line_start..].chars().count())
    }
}

impl SourceCode for NamedText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let lines = self
            .lines
            .get_or_init(|| LineStarts::of(self.text.as_bytes()));
        let window = lines.window(span, context_lines_before, context_lines_after);
        let text = &self.text[window.bytes.clone()];
        let shifted = SourceSpan::new((span.offset() - window.bytes.start).into(), span.len());
        let inner = text.read_span(&shifted, context_lines_before, context_lines_after)?;
        // miette reports a column only for a span read without context lines.
        let column = match context_lines_before {
            0 => self.char_column(span.offset()).unwrap_or(inner.column()),
            _ => inner.column(),
        };
        let data_span = SourceSpan::new(
            (inner.span().offset() + window.bytes.start).into(),
            inner.span().len(),
        );
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            data_span,
            inner.line() + window.first_line,
            column,
            inner.line_count() + window.first_line,
        )))
    }
}

/// A text shared, not copied, in the form its owner holds it: rule files
/// as `Arc<str>`, a data file as the `Arc<String>` it was read into (a copy
/// of a large file would double the memory of a load with problems).
#[derive(Debug, Clone)]
pub enum SharedText {
    Str(Arc<str>),
    String(Arc<String>),
}

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            SharedText::Str(text) => text,
            SharedText::String(text) => text,
        }
    }
}

impl From<Arc<str>> for SharedText {
    fn from(text: Arc<str>) -> Self {
        SharedText::Str(text)
    }
}

impl From<Arc<String>> for SharedText {
    fn from(text: Arc<String>) -> Self {
        SharedText::String(text)
    }
}

/// The offset after each line break, where miette counts one: at `\n`, at
/// `\r\n` and at a lone `\r`.
#[derive(Debug)]
struct LineStarts {
    starts: Vec<usize>,
    text_len: usize,
}

/// The lines of a text that a snippet is read from.
struct Window {
    bytes: Range<usize>,
    /// The 0-based number of the window's first line in the whole text.
    first_line: usize,
}

impl LineStarts {
    fn of(text: &[u8]) -> Self {
        let breaks = memchr::memchr2_iter(b'\n', b'\r', text)
            .filter(|&at| !(text[at] == b'\r' && text.get(at + 1) == Some(&b'\n')));
        LineStarts {
            starts: breaks.map(|at| at + 1).collect(),
            text_len: text.len(),
        }
    }

    /// The 0-based line that holds `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    fn start_of(&self, line: usize) -> usize {
        match line {
            0 => 0,
            _ => self.starts.get(line - 1).copied().unwrap_or(self.text_len),
        }
    }

    /// Whole lines from more than `before` lines above the span to more than
    /// `after` lines below it, so that miette, reading the window, starts and
    /// stops where it would in the whole text (an empty span at the start of
    /// a line ends its reading at the line break before it). A span past the
    /// end gets the whole text, for miette to report it out of bounds.
    fn window(&self, span: &SourceSpan, before: usize, after: usize) -> Window {
        let end = span.offset() + span.len();
        if end > self.text_len {
            return Window {
                bytes: 0..self.text_len,
                first_line: 0,
            };
        }
        let first_line = self.line_of(span.offset()).saturating_sub(before + 1);
        let last_line = self.line_of(end) + after + 2;
        Window {
            bytes: self.start_of(first_line)..self.start_of(last_line),
            first_line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts with every kind of line break miette counts, and characters
    /// of one to three bytes.
    fn text() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(&["a", "学", "é", "\n", "\r", "\r\n", " ", "ab"][..]);
        proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    fn contents(snippet: &dyn SpanContents) -> (Vec<u8>, SourceSpan, usize, usize) {
        let data = snippet.data().to_vec();
        (data, *snippet.span(), snippet.line(), snippet.line_count())
    }

    proptest! {
        /// A snippet read from a window is the one miette reads from the
        /// whole text: same bytes, span, line and line count.
        #[test]
        fn snippets_match_miettes_whole_text_reading(
            text in text(),
            start in 0usize..200,
            len in 0usize..40,
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = boundaries[start % boundaries.len()];
            let end = boundaries.iter().copied().filter(|&i| i >= start).nth(len % 3).unwrap_or(start);
            // Spans past the end too.
            let span = SourceSpan::new(start.into(), end - start + usize::from(len == 39));
            let named = NamedText::new("t", Arc::<str>::from(text.as_str()));
            let ours = named.read_span(&span, before, after);
            let miettes = text.as_str().read_span(&span, before, after);
            match (ours, miettes) {
                (Ok(ours), Ok(miettes)) => {
                    prop_assert_eq!(contents(&*ours), contents(&*miettes));
                    if before > 0 {
                        prop_assert_eq!(ours.column(), miettes.column());
                    }
                }
                (Err(_), Err(_)) => {}
                (ours, miettes) => prop_assert!(false, "{:?} vs {:?}", ours.is_ok(), miettes.is_ok()),
            };
        }
    }
}
