//! A named source text for diagnostics whose `file:line:column` header counts
//! columns in characters, as a reader does, where miette counts bytes. The
//! text of a grid (a sheet, an SQLite table) has a line per row, and its
//! columns are counted in cells: `ledger.xlsx!整改台账:17:4` is cell D17.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::grid::GridLayout;

#[derive(Debug, Clone)]
pub struct NamedText {
    name: String,
    text: Arc<str>,
    grid: Option<Arc<GridLayout>>,
}

impl NamedText {
    pub fn new(name: impl Into<String>, text: Arc<str>) -> Self {
        NamedText {
            name: name.into(),
            text,
            grid: None,
        }
    }

    /// The text of a grid, whose columns are cells.
    pub(crate) fn grid(name: impl Into<String>, text: Arc<str>, grid: Arc<GridLayout>) -> Self {
        NamedText {
            name: name.into(),
            text,
            grid: Some(grid),
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
        let inner = (*self.text).read_span(span, context_lines_before, context_lines_after)?;
        // miette reports a column only for a span read without context lines.
        let column = match context_lines_before {
            0 => self.char_column(span.offset()).unwrap_or(inner.column()),
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
