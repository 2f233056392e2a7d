//! The diagnostics of the rule front end (syntax and check problems) as plain
//! data, and their rendering: miette's graphical report for people, JSON for
//! programs. The core returns data; this module decides how it looks.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::data::NamedText;
use crate::source::{SourceMap, Span};
use crate::syntax::SyntaxError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One problem found in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable kebab-case code such as `xuncha::check::unknown-field`.
    pub code: &'static str,
    pub level: Level,
    pub message: String,
    /// The first label is the primary one; all labels lie in one file.
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl From<SyntaxError> for Diagnostic {
    fn from(e: SyntaxError) -> Self {
        let mut d = Diagnostic::error(e.code, e.message).with_label(e.span, e.label);
        if let Some(related) = e.related {
            let (span, label) = *related;
            d = d.with_label(span, label);
        }
        match e.help {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

/// Sorts diagnostics by file and position, so output does not depend on the
/// order in which checks ran.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.primary_span().map(|s| (s.file, s.start, s.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// A diagnostic joined with its source text, in the form miette renders.
/// The source is a [`NamedText`], so that the `file:line:column` of the
/// header counts characters, as [`crate::source::SourceFile::line_col`]
/// and the JSON output do.
struct WithSource<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<NamedText>,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.diagnostic.labels.iter().enumerate().map(
            |(i, label)| {
                let text = Some(label.text.clone()).filter(|t| !t.is_empty());
                if i == 0 {
                    LabeledSpan::new_primary_with_span(text, label.span)
                } else {
                    LabeledSpan::new_with_span(text, label.span)
                }
            },
        )))
    }
}

/// How diagnostics are drawn for people.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// The fixed style of tests and snapshots: no colour, 80 columns.
    pub const PLAIN: Style = Style {
        color: false,
        width: 80,
    };

    pub fn handler(self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_urls(false)
    }
}

/// Renders any miette diagnostic as text.
pub fn render_report(report: &dyn miette::Diagnostic, style: Style) -> String {
    render_with(style.handler(), report)
}

fn render_with(handler: GraphicalReportHandler, report: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    if handler.render_report(&mut out, report).is_err() {
        out = format!("{report}\n");
    }
    out
}

/// Whether miette's line wrapping would leave the message and help of
/// `diagnostic` as they are: every line is plain text that fits beside its
/// indent with room to spare. miette wraps with Unicode line breaking, which
/// is most of the cost of rendering a violation, even of a line that fits.
fn fits_unwrapped(diagnostic: &Diagnostic, style: Style) -> bool {
    // miette wraps to the width less 2, after an indent of `  × ` (message)
    // or `  help: ` (help); a margin of 4 covers any width-table difference.
    let fits = |text: &str, indent: usize| {
        !text.ends_with('\n')
            && !text.contains('\r')
            && text.lines().all(|line| {
                let plain =
                    !line.is_empty() && line.trim() == line && !line.chars().any(char::is_control);
                let width: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
                plain && width + indent + 4 <= style.width.saturating_sub(2)
            })
    };
    !diagnostic.message.is_empty()
        && fits(&diagnostic.message, 4)
        && diagnostic.help.as_deref().is_none_or(|help| fits(help, 8))
}

/// Renders one diagnostic as miette's graphical report.
/// Labels in another file than the primary label's cannot be drawn in its
/// snippet; they become lines of the help, with their place.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, style: Style) -> String {
    let Some(primary) = diagnostic.primary_span() else {
        return render_report(
            &WithSource {
                diagnostic,
                source: None,
            },
            style,
        );
    };
    let (here, elsewhere): (Vec<Label>, Vec<Label>) = diagnostic
        .labels
        .iter()
        .cloned()
        .partition(|l| l.span.file == primary.file);
    let mut local = Diagnostic {
        labels: here,
        ..diagnostic.clone()
    };
    for label in elsewhere {
        let file = sources.get(label.span.file);
        let (line, column) = file.line_col(label.span.start as usize);
        let place = format!("{}: {}:{line}:{column}", label.text, file.name);
        local.help = Some(match local.help {
            Some(help) => format!("{help}\n{place}"),
            None => place,
        });
    }
    let file = sources.get(primary.file);
    let source = Some(NamedText::new(file.name.clone(), file.text.clone()));
    let handler = style
        .handler()
        .with_wrap_lines(!fits_unwrapped(&local, style));
    render_with(
        handler,
        &WithSource {
            diagnostic: &local,
            source,
        },
    )
}

/// The JSON form of a diagnostic. Lines and columns are 1-based and count
/// characters; `offset`/`length` are byte offsets into the file.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: Level,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: u32,
    pub length: u32,
    pub text: &'a str,
}

pub fn to_json<'a>(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> JsonDiagnostic<'a> {
    let labels = diagnostic
        .labels
        .iter()
        .map(|label| {
            let file = sources.get(label.span.file);
            let (line, column) = file.line_col(label.span.start as usize);
            let (end_line, end_column) = file.line_col(label.span.end as usize);
            JsonLabel {
                file: &file.name,
                line,
                column,
                end_line,
                end_column,
                offset: label.span.start,
                length: label.span.end - label.span.start,
                text: &label.text,
            }
        })
        .collect();
    JsonDiagnostic {
        code: diagnostic.code,
        severity: diagnostic.level,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rendering without miette's wrapping, where `fits_unwrapped` allows
    /// it, gives the text that wrapping gives: lines of every width around
    /// the edge, in Chinese and ASCII, in colour and without.
    #[test]
    fn unwrapped_rendering_is_the_wrapped_one() {
        let mut sources = SourceMap::default();
        let file = sources.add(
            "r.xc",
            "rule R01 \"每月召开\" {\n  require count(a) >= 1\n}\n",
        );
        let span = Span::new(file, 12, 33);
        let mut unwrapped = 0;
        for len in 0..90 {
            for piece in [
                "a",
                "学",
                "ab 学 ",
                "x, ",
                "a  b",
                "全角，标点。",
                " 学\n",
                "\t…",
            ] {
                let text: String = piece.repeat(len).chars().take(len).collect();
                let diagnostic = Diagnostic::error("xuncha::violation", format!("R01 {text}"))
                    .with_label(span, "found 0")
                    .with_help(format!("{text}\nrecord D0001 at orgs.csv:2"));
                for style in [
                    Style::PLAIN,
                    Style {
                        color: true,
                        width: 100,
                    },
                ] {
                    let wrapped = render_with(
                        style.handler(),
                        &WithSource {
                            diagnostic: &diagnostic,
                            source: Some(NamedText::new("r.xc", sources.get(file).text.clone())),
                        },
                    );
                    assert_eq!(render(&diagnostic, &sources, style), wrapped, "{text:?}");
                    unwrapped += usize::from(fits_unwrapped(&diagnostic, style));
                }
            }
        }
        assert!(unwrapped > 100, "only {unwrapped} were rendered unwrapped");
    }
}
