//! Data problems as miette diagnostics. Each problem has a stable code, a
//! message with the value found and what was expected, a label on the cell's
//! bytes and a help line; the problems of one file are grouped under one
//! diagnostic that carries the file's text.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode, SourceSpan};
use thiserror::Error;

use super::named_text::NamedText;
use super::value_parse::ValueError;
use crate::project::ProjectProblems;

/// At most this many problems of one file are shown; a note counts the rest.
pub const PROBLEMS_SHOWN_PER_FILE: usize = 50;

/// What is wrong, and where in the file.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum ProblemKind {
    #[error("the file is empty: expected a header row naming the columns")]
    #[diagnostic(
        code("xuncha::data::empty-file"),
        help("a CSV data file starts with a header row, such as `id,name,kind`")
    )]
    EmptyFile,

    #[error("the header has no column `{column}`")]
    #[diagnostic(code("xuncha::data::missing-column"))]
    MissingColumn {
        column: String,
        #[label(primary "these are the columns")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("column `{column}` appears {count} times in the header")]
    #[diagnostic(
        code("xuncha::data::duplicate-column"),
        help("rename or remove the extra columns: a field reads exactly one column")
    )]
    DuplicateColumn {
        column: String,
        count: usize,
        #[label(primary "again here")]
        span: SourceSpan,
    },

    #[error("line {line} is not valid UTF-8: {bytes} at byte {byte_in_line} of the line (file offset {file_offset})")]
    #[diagnostic(code("xuncha::data::invalid-utf8"), help("save the file as UTF-8 (in Excel: \"CSV UTF-8\"); a record with invalid bytes is rejected"))]
    InvalidUtf8 {
        line: usize,
        byte_in_line: usize,
        file_offset: usize,
        bytes: String,
        #[label(primary "shown as ?")]
        span: SourceSpan,
    },

    #[error("line {line} is not valid {encoding}: {bytes} at byte {byte_in_line} of the line (file offset {file_offset})")]
    #[diagnostic(code("xuncha::data::invalid-encoding"), help("the file is read as {encoding}, as `encoding = \"{label}\"` in the project file says; a record with bytes that are not {encoding} is rejected"))]
    InvalidEncoding {
        encoding: &'static str,
        label: &'static str,
        line: usize,
        byte_in_line: usize,
        file_offset: usize,
        bytes: String,
        #[label(primary "shown as ?")]
        span: SourceSpan,
    },

    #[error("the file is not {declared}: it looks GBK-encoded")]
    #[diagnostic(code("xuncha::data::looks-gbk"))]
    LooksGbk {
        declared: &'static str,
        #[label(primary "not {declared}: shown here read as GBK")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("the file is declared {declared}, but it is UTF-8")]
    #[diagnostic(code("xuncha::data::looks-utf8"))]
    LooksUtf8 {
        declared: &'static str,
        #[label(primary "UTF-8: read as {declared}, this would be `{garbled}`")]
        span: SourceSpan,
        garbled: String,
        #[help]
        help: String,
    },

    #[error("sheet `{sheet}` is empty: expected a header row naming the columns")]
    #[diagnostic(code("xuncha::data::empty-sheet"))]
    EmptySheet {
        sheet: String,
        #[help]
        help: String,
    },

    #[error("no row of sheet `{sheet}` names any of the columns read: {columns}")]
    #[diagnostic(code("xuncha::data::no-header-row"))]
    NoHeaderRow {
        sheet: String,
        columns: String,
        #[help]
        help: String,
    },

    #[error("row {row}, which `header_row` names, is empty: expected the names of the columns")]
    #[diagnostic(
        code("xuncha::data::empty-header-row"),
        help("set `header_row` to the row that names the columns, as Excel numbers it, or leave it out to have that row found")
    )]
    EmptyHeaderRow { row: u32 },

    #[error("{place} holds the error `{error}`, not a value")]
    #[diagnostic(
        code("xuncha::data::cell-error"),
        help("correct the formula, or replace it by the value it should give")
    )]
    CellError {
        error: String,
        place: String,
        #[label(primary "an error value")]
        span: SourceSpan,
    },

    #[error("{place} holds a blob of {len} bytes, not text or a number")]
    #[diagnostic(
        code("xuncha::data::blob"),
        help("store the value as TEXT, INTEGER or REAL, or select it converted: CAST(x AS TEXT)")
    )]
    Blob {
        len: usize,
        place: String,
        #[label(primary "a blob")]
        span: SourceSpan,
    },

    #[error("{place} holds text that is not valid UTF-8")]
    #[diagnostic(
        code("xuncha::data::invalid-text"),
        help("SQLite text is UTF-8; the program that stored this wrote bytes of another encoding: re-import the data as UTF-8")
    )]
    InvalidText {
        place: String,
        #[label(primary "invalid bytes shown as �")]
        span: SourceSpan,
    },

    #[error("reading the rows failed: {message}")]
    #[diagnostic(
        code("xuncha::data::bad-sqlite"),
        help("check the database with `sqlite3 FILE \"PRAGMA integrity_check\"`")
    )]
    BadSqlite { message: String },

    #[error("this row has {found} cells, but the header has {expected} columns")]
    #[diagnostic(code("xuncha::data::ragged-row"), help("give every row one cell per header column; quote a value that contains a comma: \"a, b\""))]
    RaggedRow {
        found: usize,
        expected: usize,
        #[label(primary "{found} cells")]
        span: SourceSpan,
    },

    #[error("the quote opened here is never closed")]
    #[diagnostic(
        code("xuncha::data::unterminated-quote"),
        help("close the quote; inside a quoted value, write a quote twice: \"\"")
    )]
    UnterminatedQuote {
        #[label(primary "the rest of the file was read as this one value")]
        span: SourceSpan,
    },

    #[error("the CSV reader failed: {message}")]
    #[diagnostic(
        code("xuncha::data::bad-csv"),
        help("check that the file is CSV with a header row")
    )]
    BadCsv {
        message: String,
        #[label(primary "here")]
        span: SourceSpan,
    },

    #[error("this line is not a JSON object: {message}")]
    #[diagnostic(code("xuncha::data::bad-json"), help("each line of a JSON Lines file is one object, such as {{\"id\": \"A1\", \"at\": \"2021-03-01\"}}"))]
    BadJson {
        message: String,
        #[label(primary "here")]
        span: SourceSpan,
    },

    #[error("key `{key}` appears twice in this object")]
    #[diagnostic(
        code("xuncha::data::duplicate-json-key"),
        help("keep one value per key")
    )]
    DuplicateJsonKey {
        key: String,
        #[label(primary "again here")]
        span: SourceSpan,
    },

    #[error("{place} has no value, but field `{field}` is required")]
    #[diagnostic(code("xuncha::data::missing-value"))]
    MissingValue {
        place: String,
        field: String,
        #[label(primary "missing")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`{found}` in {place} is not a date{why}")]
    #[diagnostic(
        code("xuncha::data::bad-date"),
        help("dates are written 2021-03-01 or 2021年3月1日 (also 2021/3/1 and 2021.03.01)")
    )]
    BadDate {
        found: String,
        place: String,
        why: String,
        #[label(primary "expected a date")]
        span: SourceSpan,
    },

    #[error("`{found}` in {place} is not a date-time{why}")]
    #[diagnostic(code("xuncha::data::bad-datetime"), help("date-times are written 2021-03-01 14:30 or 2021-03-01T14:30:00; a date alone means midnight"))]
    BadDateTime {
        found: String,
        place: String,
        why: String,
        #[label(primary "expected a date-time")]
        span: SourceSpan,
    },

    #[error("`{found}` in {place} is not a whole number{why}")]
    #[diagnostic(
        code("xuncha::data::bad-int"),
        help("whole numbers are written with digits only, such as 1234 or -7")
    )]
    BadInt {
        found: String,
        place: String,
        why: String,
        #[label(primary "expected a whole number")]
        span: SourceSpan,
    },

    #[error("`{found}` in {place} is not a decimal number{why}")]
    #[diagnostic(
        code("xuncha::data::bad-decimal"),
        help("decimals are written with a point and no thousands separators, such as 1234.5")
    )]
    BadDecimal {
        found: String,
        place: String,
        why: String,
        #[label(primary "expected a decimal")]
        span: SourceSpan,
    },

    #[error("`{found}` in {place} is not a yes/no value")]
    #[diagnostic(
        code("xuncha::data::bad-bool"),
        help("yes/no values are written true/false, 是/否, yes/no or 1/0")
    )]
    BadBool {
        found: String,
        place: String,
        #[label(primary "expected yes or no")]
        span: SourceSpan,
    },

    #[error("{place} holds a JSON {found}, but {expected} was expected")]
    #[diagnostic(code("xuncha::data::wrong-json-type"), help("in JSON Lines, dates are strings, numbers are numbers or strings, lists are arrays, and a missing value is null or left out"))]
    WrongJsonType {
        place: String,
        found: &'static str,
        expected: &'static str,
        #[label(primary "a JSON {found}")]
        span: SourceSpan,
    },

    #[error("{place} holds `{found}`, but a list of lists or of lifetimes cannot be loaded")]
    #[diagnostic(
        code("xuncha::data::unsupported-item"),
        help("declare the field as a list of plain values in the schema")
    )]
    UnsupportedItem {
        found: String,
        place: String,
        #[label(primary "here")]
        span: SourceSpan,
    },

    #[error("key `{key}` is used again; it was first used on {first_record}")]
    #[diagnostic(
        code("xuncha::data::duplicate-key"),
        help("a key names exactly one record: remove the repeated record or give it its own key")
    )]
    DuplicateKey {
        key: String,
        /// `line 3`, `row 3`, `rowid 3`.
        first_record: String,
        #[label(primary "used again")]
        span: SourceSpan,
        #[label("first used here")]
        first: Option<SourceSpan>,
    },

    #[error("`{field}` ends on {to}, before it starts on {from}")]
    #[diagnostic(
        code("xuncha::data::lifetime-order"),
        help("the last day of a lifetime is on or after its first day; were the dates swapped?")
    )]
    LifetimeOrder {
        field: String,
        from: String,
        to: String,
        #[label("starts here")]
        from_span: SourceSpan,
        #[label(primary "ends before it starts")]
        to_span: SourceSpan,
    },

    #[error("`{found}` in {place} is not a key of `{target}`{why}")]
    #[diagnostic(code("xuncha::data::unknown-ref"))]
    UnknownRef {
        found: String,
        place: String,
        target: String,
        why: String,
        #[label(primary "no such record")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`{found}` in {place} refers to a record of `{target}` that was rejected")]
    #[diagnostic(code("xuncha::data::rejected-ref"))]
    RejectedRef {
        found: String,
        place: String,
        target: String,
        #[label(primary "refers to a rejected record")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("and {count} more problems in this file")]
    #[diagnostic(
        code("xuncha::data::more-problems"),
        severity(Advice),
        help("fix the problems shown and load again to see the rest")
    )]
    MoreProblems { count: usize },
}

impl ProblemKind {
    /// A problem with the file as a whole: no record of it can be trusted,
    /// so the load fails even when it is lenient.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ProblemKind::EmptyFile
                | ProblemKind::MissingColumn { .. }
                | ProblemKind::DuplicateColumn { .. }
                | ProblemKind::BadCsv { .. }
                | ProblemKind::LooksGbk { .. }
                | ProblemKind::LooksUtf8 { .. }
                | ProblemKind::EmptySheet { .. }
                | ProblemKind::NoHeaderRow { .. }
                | ProblemKind::EmptyHeaderRow { .. }
                | ProblemKind::BadSqlite { .. }
        )
    }

    /// The problem of a value that could not be parsed.
    pub(crate) fn bad_value(
        error: ValueError,
        found: &str,
        place: &str,
        span: SourceSpan,
    ) -> ProblemKind {
        let found = shorten(found);
        let place = place.to_owned();
        let why = |detail: Option<String>| detail.map(|d| format!(": {d}")).unwrap_or_default();
        match error {
            ValueError::Date(detail) => ProblemKind::BadDate {
                found,
                place,
                why: why(detail),
                span,
            },
            ValueError::DateTime(detail) => ProblemKind::BadDateTime {
                found,
                place,
                why: why(detail),
                span,
            },
            ValueError::Int(detail) => ProblemKind::BadInt {
                found,
                place,
                why: why(detail),
                span,
            },
            ValueError::Decimal(detail) => ProblemKind::BadDecimal {
                found,
                place,
                why: why(detail),
                span,
            },
            ValueError::Bool => ProblemKind::BadBool { found, place, span },
            ValueError::NotAnItem => ProblemKind::UnsupportedItem { found, place, span },
            ValueError::JsonType { expected, found } => ProblemKind::WrongJsonType {
                place,
                found,
                expected,
                span,
            },
        }
    }
}

/// A value as quoted in a message: long values are cut.
pub(crate) fn shorten(value: &str) -> String {
    const MAX_CHARS: usize = 40;
    match value.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

/// The candidate closest to `word`, if one is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(word, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// One problem, as an error or, in a lenient load, a warning.
#[derive(Debug, Clone)]
pub struct DataProblem {
    pub kind: ProblemKind,
    pub severity: Severity,
}

impl fmt::Display for DataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for DataProblem {}

impl Diagnostic for DataProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.kind.code()
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.kind.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.kind.labels()
    }
}

/// The problems of one data file. Its text is the source of every label.
#[derive(Debug, Clone)]
pub struct FileProblems {
    source: NamedText,
    shown: Vec<DataProblem>,
    total: usize,
    fatal: bool,
    read: usize,
    rejected: usize,
    lenient: bool,
}

impl FileProblems {
    /// Groups `problems` (in file order), showing the first
    /// [`PROBLEMS_SHOWN_PER_FILE`]; in a lenient load, record problems are warnings.
    pub(crate) fn new(
        source: NamedText,
        problems: Vec<ProblemKind>,
        read: usize,
        rejected: usize,
        lenient: bool,
    ) -> Self {
        let total = problems.len();
        let fatal = problems.iter().any(ProblemKind::is_fatal);
        let severity_of = |kind: &ProblemKind| match kind {
            ProblemKind::MoreProblems { .. } => Severity::Advice,
            kind if lenient && !kind.is_fatal() => Severity::Warning,
            _ => Severity::Error,
        };
        let mut shown: Vec<DataProblem> = problems
            .into_iter()
            .take(PROBLEMS_SHOWN_PER_FILE)
            .map(|kind| DataProblem {
                severity: severity_of(&kind),
                kind,
            })
            .collect();
        if total > PROBLEMS_SHOWN_PER_FILE {
            let kind = ProblemKind::MoreProblems {
                count: total - PROBLEMS_SHOWN_PER_FILE,
            };
            shown.push(DataProblem {
                severity: Severity::Advice,
                kind,
            });
        }
        FileProblems {
            source,
            shown,
            total,
            fatal,
            read,
            rejected,
            lenient,
        }
    }

    /// The problems shown, in file order, and the note counting the others.
    pub fn problems(&self) -> &[DataProblem] {
        &self.shown
    }

    /// Whether the file cannot be loaded at all.
    pub fn is_fatal(&self) -> bool {
        self.fatal
    }

    pub fn file_name(&self) -> &str {
        self.source.name()
    }
}

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let (total, read, rejected) = (self.total, self.read, self.rejected);
        write!(
            f,
            "{total} problem{} in `{}`",
            plural(total),
            self.source.name()
        )?;
        if self.is_fatal() {
            write!(f, "; the file cannot be loaded")
        } else {
            write!(f, "; {rejected} of {read} record{} rejected", plural(read))
        }
    }
}

impl std::error::Error for FileProblems {}

impl Diagnostic for FileProblems {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("xuncha::data::file-problems"))
    }

    fn severity(&self) -> Option<Severity> {
        Some(if self.lenient && !self.is_fatal() {
            Severity::Warning
        } else {
            Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = if self.is_fatal() {
            "correct the file's header or content first"
        } else if self.lenient {
            "the rejected records are left out of the evaluation"
        } else {
            "correct the records, or load leniently to evaluate the others"
        };
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.shown.iter().map(|p| p as &dyn Diagnostic)))
    }
}

/// A dataset of the schema that no data file can hold as declared.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum SchemaProblem {
    #[error("the key `{field}` of dataset `{dataset}` has a type that cannot be a key")]
    #[diagnostic(
        code("xuncha::data::unsupported-key"),
        help("keys are text, whole numbers, dates, date-times, yes/no values or refs")
    )]
    UnsupportedKey { dataset: String, field: String },

    #[error("field `{field}` of dataset `{dataset}` refers to the built-in dataset `{target}`, which is not loaded from files")]
    #[diagnostic(
        code("xuncha::data::ref-to-builtin"),
        help("refer to a built-in dataset's records by value (a date, a name) instead")
    )]
    RefToBuiltin {
        dataset: String,
        field: String,
        target: String,
    },
}

#[derive(Debug, Clone, Error, Diagnostic)]
#[error("cannot read the data file `{path}` of dataset `{dataset}`: {reason}")]
#[diagnostic(
    code("xuncha::data::unreadable"),
    help("check the `path` of [datasets.{dataset}] in the project file")
)]
pub struct UnreadableFile {
    pub dataset: String,
    pub path: String,
    pub reason: String,
}

/// Any problem found while loading.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum LoadDiagnostic {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Project(ProjectProblems),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Schema(SchemaProblem),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unreadable(UnreadableFile),
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(FileProblems),
}

impl LoadDiagnostic {
    /// Whether the load fails even when it is lenient.
    pub fn is_fatal(&self) -> bool {
        match self {
            LoadDiagnostic::File(problems) => problems.is_fatal(),
            _ => true,
        }
    }
}
