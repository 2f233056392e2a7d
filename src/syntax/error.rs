//! Syntax errors, each a diagnostic with a stable code.

use crate::source::Span;

/// A syntax error in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub code: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub span: Span,
    /// A second place the reader should see, such as the bracket left open.
    pub related: Option<Box<(Span, String)>>,
}

impl SyntaxError {
    fn new(
        code: &'static str,
        message: impl Into<String>,
        label: impl Into<String>,
        span: Span,
    ) -> Self {
        SyntaxError {
            code,
            message: message.into(),
            label: label.into(),
            help: None,
            span,
            related: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Something other than what the grammar allows at this place.
    pub(super) fn unexpected(
        message: String,
        label: String,
        help: Option<String>,
        span: Span,
    ) -> Self {
        SyntaxError {
            help,
            ..SyntaxError::new("xuncha::syntax::unexpected", message, label, span)
        }
    }

    /// `span` is the opening quote.
    pub(super) fn unclosed_string(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::unclosed-string",
            "this string is never closed",
            "the string begins here",
            span,
        )
        .with_help("end it with `\"` on the same line; write `\\n` for a line break inside it")
    }

    pub(super) fn keyword_as_name(keyword: &str, span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::keyword-as-name",
            format!("`{keyword}` is a keyword, not a name"),
            "a keyword",
            span,
        )
        .with_help("choose another name; keywords cannot name variables, datasets or records")
    }

    /// A bracket left open where its closing bracket was expected: at the
    /// end of the file, before a bracket that closes an outer one, or
    /// before the next `rule` or `dataset`.
    pub(super) fn unclosed(
        open: char,
        close: &str,
        found: &str,
        open_span: Span,
        found_span: Span,
    ) -> Self {
        let message = format!("expected `{close}`, found {found}");
        if found_span.is_empty() {
            // Nothing to draw at the end of the file: show the bracket.
            SyntaxError::new(
                "xuncha::syntax::unclosed-bracket",
                message,
                format!("this `{open}` is never closed"),
                open_span,
            )
        } else {
            SyntaxError {
                related: Some(Box::new((
                    open_span,
                    format!("this `{open}` is not closed"),
                ))),
                ..SyntaxError::new(
                    "xuncha::syntax::unclosed-bracket",
                    message,
                    format!("expected `{close}` before this"),
                    found_span,
                )
            }
        }
    }

    pub(super) fn too_deep(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::too-deep",
            "this expression is nested too deeply or is too long",
            "the limit is reached here",
            span,
        )
        .with_help(
            "split it with `let` names; a rule needs at most 64 levels of brackets \
             and 256 operators per expression",
        )
    }

    pub(super) fn bad_escape(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::bad-escape",
            "unknown escape in a string",
            "this escape",
            span,
        )
        .with_help("strings know \\n, \\t, \\\", \\\\, \\{ and \\}")
    }

    pub(super) fn unclosed_placeholder(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::unclosed-placeholder",
            "a `{` in a message opens a placeholder that is never closed",
            "opened here",
            span,
        )
        .with_help("close it with `}`, or write `\\{` for a literal brace")
    }

    pub(super) fn bad_placeholder(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::bad-placeholder",
            "a message placeholder must be a name or a dotted path",
            "not a path",
            span,
        )
        .with_help("write for example {org.name}, {value} or {required}")
    }

    pub(super) fn number_too_large(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::bad-number",
            "this number is too large",
            "out of range",
            span,
        )
    }

    pub(super) fn bad_date(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::bad-date",
            "this is not a calendar date",
            "no such day",
            span,
        )
        .with_help("dates are written year-month-day, such as 2021-03-01")
    }

    pub(super) fn distinct_outside_count(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::distinct-outside-count",
            "`distinct` belongs to `count`",
            "here",
            span,
        )
        .with_help("write count(distinct x.person for ...)")
    }

    /// A cell of an inline table with quotes around part of it only.
    pub(super) fn partly_quoted_cell(span: Span) -> Self {
        SyntaxError::new(
            "xuncha::syntax::partly-quoted-cell",
            "a cell is either quoted as a whole or not at all",
            "quotes around part of the cell",
            span,
        )
        .with_help("put the whole cell in double quotes: \"a, b\"")
    }
}
