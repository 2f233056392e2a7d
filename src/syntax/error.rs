//! Syntax errors, each a diagnostic with a stable code.

use pest::error::{ErrorVariant, InputLocation};

use super::parser::{describe, Rule};
use crate::source::{FileId, Span};

/// A syntax error in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub code: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub span: Span,
}

impl SyntaxError {
    pub(super) fn from_pest(file: FileId, text: &str, error: pest::error::Error<Rule>) -> Self {
        let (start, end) = match error.location {
            InputLocation::Pos(p) => (p, p),
            InputLocation::Span((s, e)) => (s, e),
        };
        // Point at the whole offending token rather than an empty caret.
        let end = if start == end {
            token_end(text, start)
        } else {
            end
        };
        let found = match &text[start..end] {
            "" => "the end of the file".to_owned(),
            token => format!("`{token}`"),
        };
        let (message, label) = match error.variant {
            ErrorVariant::ParsingError {
                positives,
                negatives,
            } => {
                let mut expected: Vec<&str> = positives.into_iter().map(describe).collect();
                expected.sort_unstable();
                expected.dedup();
                let mut unexpected: Vec<&str> = negatives.into_iter().map(describe).collect();
                unexpected.sort_unstable();
                unexpected.dedup();
                let message = match (expected.is_empty(), unexpected.is_empty()) {
                    (false, _) => format!("expected {}, found {found}", one_of(&expected)),
                    (true, false) => format!("unexpected {}", one_of(&unexpected)),
                    (true, true) => format!("unexpected {found}"),
                };
                let label = if expected.is_empty() {
                    "not allowed here".to_owned()
                } else {
                    format!("expected {}", one_of(&expected))
                };
                (message, label)
            }
            ErrorVariant::CustomError { message } => (message.clone(), message),
        };
        let help = help_for(&text[start..end], &message);
        SyntaxError {
            code: "xuncha::syntax::unexpected",
            message,
            label,
            help,
            span: Span::new(file, start, end),
        }
    }

    pub(super) fn too_deep(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::too-deep",
            message: "this expression is nested too deeply or is too long".into(),
            label: "the limit is reached here".into(),
            help: Some("split it with `let` names; a rule needs at most 64 levels of brackets and 256 operators per expression".into()),
            span,
        }
    }

    pub(super) fn bad_escape(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::bad-escape",
            message: "unknown escape in a string".into(),
            label: "this escape".into(),
            help: Some("strings know \\n, \\t, \\\", \\\\, \\{ and \\}".into()),
            span,
        }
    }

    pub(super) fn unclosed_placeholder(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::unclosed-placeholder",
            message: "a `{` in a message opens a placeholder that is never closed".into(),
            label: "opened here".into(),
            help: Some("close it with `}`, or write `\\{` for a literal brace".into()),
            span,
        }
    }

    pub(super) fn bad_placeholder(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::bad-placeholder",
            message: "a message placeholder must be a name or a dotted path".into(),
            label: "not a path".into(),
            help: Some("write for example {org.name}, {value} or {required}".into()),
            span,
        }
    }

    pub(super) fn number_too_large(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::bad-number",
            message: "this number is too large".into(),
            label: "out of range".into(),
            help: None,
            span,
        }
    }

    pub(super) fn bad_date(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::bad-date",
            message: "this is not a calendar date".into(),
            label: "no such day".into(),
            help: Some("dates are written year-month-day, such as 2021-03-01".into()),
            span,
        }
    }

    pub(super) fn distinct_outside_count(span: Span) -> Self {
        SyntaxError {
            code: "xuncha::syntax::distinct-outside-count",
            message: "`distinct` belongs to `count`".into(),
            label: "here".into(),
            help: Some("write count(distinct x.person for ...)".into()),
            span,
        }
    }
}

fn one_of(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The end of the token that starts at `start`: a run of name characters,
/// or a single other character.
fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut chars = rest.char_indices();
    match chars.next() {
        None => start,
        Some((_, c)) if c.is_alphanumeric() || c == '_' => {
            let len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(rest.len(), |(i, _)| i);
            start + len
        }
        Some((_, c)) => start + c.len_utf8(),
    }
}

/// Hints for the mistakes people make most often.
fn help_for(token: &str, message: &str) -> Option<String> {
    let hint = match token {
        "=" => "compare with `==`; `=` only names a value in `let`",
        "&&" | "&" => "write `and`",
        "||" | "|" => "write `or`",
        "!" => "write `not`",
        "'" | "“" | "”" | "‘" | "’" => {
            "strings are written in straight double quotes: \"...\""
        }
        "，" | "；" | "：" | "（" | "）" => {
            "this is a full-width punctuation mark; rules use ASCII punctuation outside strings"
        }
        _ if message.contains("a rule id") => "a rule starts with `rule ID \"title\" {`",
        _ => return None,
    };
    Some(hint.to_owned())
}
