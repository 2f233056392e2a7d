//! The project file `xuncha.toml`: which rule files to read, and which data
//! file holds each declared dataset.
//!
//! ```toml
//! rules = ["rules"]            # rule files or folders, relative to the project folder
//! calendar = "calendar.csv"    # optional: holidays extending the built-in calendar
//!
//! [datasets.orgs]
//! path = "data/orgs.csv"       # format from the extension, or `format = "csv" | "jsonl" | "xlsx" | "sqlite"`
//! encoding = "gbk"             # CSV and JSON Lines: "utf-8" (default), "gbk" or "gb18030"
//! list_separator = ";"         # between the items of a list in one cell (default `;`)
//! [datasets.orgs.columns]      # field name = column name, where they differ
//! name = "名称"
//!
//! [datasets.measures]
//! path = "data/台账.xlsx"      # .xlsx, .xlsm, .xlsb, .xls or .ods
//! sheet = "整改台账"           # default: the first sheet
//! header_row = 2               # default: the first row naming the mapped columns
//!
//! [datasets.talks]
//! path = "data/ledger.sqlite"  # .sqlite, .sqlite3, .db or .db3
//! table = "talks"              # or: query = "SELECT … FROM …"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode, SourceSpan};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::data::NamedText;
use crate::source::SourceFile;

/// The name of the project file, looked for from a folder upward.
pub const PROJECT_FILE: &str = "xuncha.toml";

#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding the project file; relative paths are relative to it.
    pub dir: PathBuf,
    pub file: PathBuf,
    pub rules: Vec<PathBuf>,
    pub calendar: Option<PathBuf>,
    pub datasets: BTreeMap<String, DatasetBinding>,
    /// The project file's text, for diagnostics that point into it.
    pub source: SourceFile,
}

/// Where one dataset's records are read from.
#[derive(Debug, Clone)]
pub struct DatasetBinding {
    pub path: PathBuf,
    pub format: DataFormat,
    /// Between the items of a list in one cell.
    pub list_separator: String,
    /// Source column (CSV header, JSON key, header cell of a sheet, SQLite
    /// result column) by field name, where they differ. A lifetime field
    /// `active` reads `active_from` and `active_to`.
    pub columns: BTreeMap<String, ColumnMapping>,
    /// The dataset's name in `[datasets.NAME]`.
    pub span: SourceSpan,
    /// How the bytes of a CSV or JSON Lines file are decoded.
    pub encoding: TextEncoding,
    /// The sheet of a workbook; the first one when not named.
    pub sheet: Option<Setting<String>>,
    /// The 1-based row of a sheet holding the column names; found when not given.
    pub header_row: Option<Setting<u32>>,
    /// What is read from an SQLite database (always set for that format).
    pub sqlite: Option<SqliteSelect>,
}

/// A value of the project file and where it is written, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub span: SourceSpan,
}

/// The rows an SQLite dataset is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteSelect {
    /// Every row of a table or view.
    Table(Setting<String>),
    /// The rows of a query.
    Query(Setting<String>),
}

/// The text encoding of a CSV or JSON Lines file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// GBK, as Chinese Windows saves "ANSI" text; GB18030's four-byte
    /// sequences are accepted too.
    Gbk,
    Gb18030,
}

impl TextEncoding {
    /// The encoding named `label`, in any case: `utf-8`, `gbk` (or `cp936`,
    /// `gb2312`), `gb18030`.
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        match label.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "gbk" | "cp936" | "gb2312" => Some(TextEncoding::Gbk),
            "gb18030" => Some(TextEncoding::Gb18030),
            _ => None,
        }
    }

    /// The name in messages.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
        }
    }

    /// The value of `encoding = "…"` that selects it.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Gbk => "gbk",
            TextEncoding::Gb18030 => "gb18030",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    pub column: String,
    /// The field name in the project file.
    pub span: SourceSpan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum DataFormat {
    /// Comma-separated values with a header row.
    #[serde(rename = "csv")]
    Csv,
    /// One JSON object per line.
    #[serde(rename = "jsonl", alias = "ndjson")]
    JsonLines,
    /// A sheet of a workbook: .xlsx, .xlsm, .xlsb, .xls or .ods.
    #[serde(rename = "xlsx", alias = "xls")]
    Workbook,
    /// A table or query of an SQLite database.
    #[serde(rename = "sqlite")]
    Sqlite,
}

impl DataFormat {
    fn from_extension(path: &Path) -> Option<DataFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(DataFormat::Csv),
            "jsonl" | "ndjson" => Some(DataFormat::JsonLines),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(DataFormat::Workbook),
            "sqlite" | "sqlite3" | "db" | "db3" => Some(DataFormat::Sqlite),
            _ => None,
        }
    }

    /// What a file of this format is, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            DataFormat::Csv => "CSV",
            DataFormat::JsonLines => "JSON Lines",
            DataFormat::Workbook => "a workbook",
            DataFormat::Sqlite => "an SQLite database",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    rules: Vec<PathBuf>,
    calendar: Option<PathBuf>,
    #[serde(default)]
    datasets: BTreeMap<Spanned<String>, RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    path: Spanned<PathBuf>,
    format: Option<DataFormat>,
    list_separator: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    sheet: Option<Spanned<String>>,
    header_row: Option<Spanned<i64>>,
    table: Option<Spanned<String>>,
    query: Option<Spanned<String>>,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, String>,
}

impl Project {
    /// Reads the project file `start`, or the nearest `xuncha.toml` in the
    /// folder `start` or a folder above it.
    pub fn find(start: &Path) -> Result<Project, ProjectError> {
        let file = if start.is_file() {
            start.to_path_buf()
        } else if !start.is_dir() {
            // A mistyped path must not fall back to some project above it.
            return Err(ProjectError::Unreadable {
                path: start.display().to_string(),
                reason: "no such file or folder".to_owned(),
            });
        } else {
            search_upward(start).ok_or_else(|| ProjectError::NotFound {
                start: start.display().to_string(),
            })?
        };
        let unreadable = |reason: String| ProjectError::Unreadable {
            path: file.display().to_string(),
            reason,
        };
        let bytes = std::fs::read(&file).map_err(|e| unreadable(e.to_string()))?;
        let text =
            String::from_utf8(bytes).map_err(|_| unreadable("it is not valid UTF-8".to_owned()))?;
        let dir = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Project::parse(&file, &text, &dir)
    }

    /// Parses the text of project file `file`, whose paths are relative to `dir`.
    pub fn parse(file: &Path, text: &str, dir: &Path) -> Result<Project, ProjectError> {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let source = SourceFile {
            name: file.display().to_string(),
            text: Arc::from(text),
        };
        let raw: RawProject = toml::from_str(&source.text).map_err(|error| {
            let problem = ProjectProblem::Toml {
                message: error.message().to_owned(),
                span: error.span().map(SourceSpan::from),
            };
            ProjectError::Invalid(ProjectProblems::new(&source, vec![problem]))
        })?;
        let relative = |path: &Path| {
            if dir == Path::new(".") {
                path.to_path_buf()
            } else {
                dir.join(path)
            }
        };
        let mut problems = Vec::new();
        let mut datasets = BTreeMap::new();
        for (name, binding) in raw.datasets {
            let span = SourceSpan::from(name.span());
            let mut binding = read_binding(binding, &mut problems);
            binding.span = span;
            binding.path = relative(&binding.path);
            datasets.insert(name.into_inner(), binding);
        }
        if !problems.is_empty() {
            problems.sort_by_key(|problem| problem.offset().unwrap_or(usize::MAX));
            return Err(ProjectError::Invalid(ProjectProblems::new(
                &source, problems,
            )));
        }
        Ok(Project {
            dir: dir.to_path_buf(),
            file: file.to_path_buf(),
            rules: raw.rules.iter().map(|p| relative(p)).collect(),
            calendar: raw.calendar.as_deref().map(relative),
            datasets,
            source,
        })
    }
}

/// A setting with its span.
fn setting<T>(spanned: Spanned<T>) -> Setting<T> {
    let span = SourceSpan::from(spanned.span());
    Setting {
        value: spanned.into_inner(),
        span,
    }
}

/// Checks one `[datasets.NAME]` table; the path is as written and the span
/// is left for the caller.
fn read_binding(raw: RawBinding, problems: &mut Vec<ProjectProblem>) -> DatasetBinding {
    let path_span = SourceSpan::from(raw.path.span());
    let path = raw.path.into_inner();
    let format = raw.format.or_else(|| DataFormat::from_extension(&path));
    if format.is_none() {
        problems.push(ProjectProblem::UnknownFormat {
            path: path.display().to_string(),
            span: path_span,
        });
    }
    let list_separator = match raw.list_separator {
        Some(separator) if separator.get_ref().is_empty() => {
            problems.push(ProjectProblem::EmptySeparator {
                span: separator.span().into(),
            });
            String::new()
        }
        Some(separator) => separator.into_inner(),
        None => ";".to_owned(),
    };
    let columns = raw
        .columns
        .into_iter()
        .map(|(field, column)| {
            let span = SourceSpan::from(field.span());
            (field.into_inner(), ColumnMapping { column, span })
        })
        .collect();

    // Settings that only one kind of source has: said once for a format
    // that cannot use them (an unknown format has been reported already).
    let mut misplaced = |key: &'static str, span: SourceSpan, fits: &[DataFormat]| {
        if let Some(format) = format.filter(|f| !fits.contains(f)) {
            problems.push(ProjectProblem::MisplacedSetting {
                key,
                path: path.display().to_string(),
                format: format.noun(),
                span,
                help: misplaced_help(key),
            });
        }
    };
    let text_formats = [DataFormat::Csv, DataFormat::JsonLines];
    let encoding = raw.encoding.map(setting);
    if let Some(encoding) = &encoding {
        misplaced("encoding", encoding.span, &text_formats);
    }
    let sheet = raw.sheet.map(setting);
    if let Some(sheet) = &sheet {
        misplaced("sheet", sheet.span, &[DataFormat::Workbook]);
    }
    let header_row = raw.header_row.map(setting);
    if let Some(row) = &header_row {
        misplaced("header_row", row.span, &[DataFormat::Workbook]);
    }
    let table = raw.table.map(setting);
    if let Some(table) = &table {
        misplaced("table", table.span, &[DataFormat::Sqlite]);
    }
    let query = raw.query.map(setting);
    if let Some(query) = &query {
        misplaced("query", query.span, &[DataFormat::Sqlite]);
    }

    let encoding = match encoding {
        None => TextEncoding::Utf8,
        Some(Setting { value, span }) => TextEncoding::from_label(&value).unwrap_or_else(|| {
            problems.push(ProjectProblem::UnknownEncoding {
                encoding: value,
                span,
            });
            TextEncoding::Utf8
        }),
    };
    let header_row = header_row.and_then(|Setting { value, span }| {
        match u32::try_from(value)
            .ok()
            .filter(|row| (1..=MAX_SHEET_ROWS).contains(row))
        {
            Some(value) => Some(Setting { value, span }),
            None => {
                problems.push(ProjectProblem::BadHeaderRow { row: value, span });
                None
            }
        }
    });
    for setting in [&sheet, &table].into_iter().flatten() {
        if setting.value.trim().is_empty() {
            problems.push(ProjectProblem::EmptyName { span: setting.span });
        }
    }
    let sqlite = match (table, query) {
        (Some(table), None) => Some(SqliteSelect::Table(table)),
        (None, Some(query)) => Some(SqliteSelect::Query(query)),
        (Some(_), Some(query)) => {
            problems.push(ProjectProblem::TableAndQuery { span: query.span });
            None
        }
        (None, None) => {
            if format == Some(DataFormat::Sqlite) {
                problems.push(ProjectProblem::NoTableOrQuery {
                    path: path.display().to_string(),
                    span: path_span,
                });
            }
            None
        }
    };
    DatasetBinding {
        path,
        format: format.unwrap_or(DataFormat::Csv),
        list_separator,
        columns,
        span: SourceSpan::from(0..0),
        encoding,
        sheet,
        header_row,
        sqlite,
    }
}

/// The last row of an .xlsx sheet.
const MAX_SHEET_ROWS: u32 = 1_048_576;

fn misplaced_help(key: &str) -> &'static str {
    match key {
        "encoding" => "only CSV and JSON Lines files are decoded; workbooks and SQLite databases hold their text as Unicode already",
        "sheet" | "header_row" => "`sheet` and `header_row` say where the table of a workbook (.xlsx, .xls, .ods) is; remove it, or set `format` if the file is a workbook",
        _ => "`table` and `query` say which rows of an SQLite database to read; remove it, or set `format = \"sqlite\"` if the file is a database",
    }
}

fn search_upward(start: &Path) -> Option<PathBuf> {
    let found = |dir: &Path| Some(dir.join(PROJECT_FILE)).filter(|candidate| candidate.is_file());
    // A relative start is searched as given first, so that the paths of the
    // project stay relative; then above the current folder.
    start
        .ancestors()
        .find_map(found)
        .or_else(|| std::path::absolute(start).ok()?.ancestors().find_map(found))
}

#[derive(Debug, Error, Diagnostic)]
pub enum ProjectError {
    #[error("no {PROJECT_FILE} in `{start}` or a folder above it")]
    #[diagnostic(
        code("xuncha::project::not-found"),
        help("create {PROJECT_FILE} in the project folder: it names the rule files and binds each dataset to its data file")
    )]
    NotFound { start: String },

    #[error("cannot read the project file `{path}`: {reason}")]
    #[diagnostic(
        code("xuncha::project::unreadable"),
        help("check that the file exists, is readable and is saved as UTF-8")
    )]
    Unreadable { path: String, reason: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(ProjectProblems),
}

/// One problem with the project file, at parse time or when its bindings are
/// matched with the datasets of the rules.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum ProjectProblem {
    #[error("{message}")]
    #[diagnostic(
        code("xuncha::project::invalid"),
        help("the project file holds `rules`, an optional `calendar`, and a [datasets.NAME] table per dataset with `path` and optionally `format`, `list_separator` and [datasets.NAME.columns]; CSV and JSON Lines may have an `encoding`, workbooks a `sheet` and a `header_row`, SQLite databases need a `table` or a `query`")
    )]
    Toml {
        message: String,
        #[label(primary "here")]
        span: Option<SourceSpan>,
    },

    #[error("the format of `{path}` cannot be told from its extension")]
    #[diagnostic(
        code("xuncha::project::unknown-format"),
        help("name files .csv, .jsonl, .xlsx (also .xls, .xlsm, .xlsb, .ods) or .sqlite (also .db), or state the format: format = \"csv\", \"jsonl\", \"xlsx\" or \"sqlite\"")
    )]
    UnknownFormat {
        path: String,
        #[label(primary "which format?")]
        span: SourceSpan,
    },

    #[error("`{key}` does not apply to `{path}`, which is read as {format}")]
    #[diagnostic(code("xuncha::project::misplaced-setting"))]
    MisplacedSetting {
        key: &'static str,
        path: String,
        format: &'static str,
        #[label(primary "not for {format}")]
        span: SourceSpan,
        #[help]
        help: &'static str,
    },

    #[error("unknown encoding `{encoding}`")]
    #[diagnostic(
        code("xuncha::project::unknown-encoding"),
        help("use \"utf-8\" (the default), \"gbk\" (Chinese Windows' \"ANSI\") or \"gb18030\"")
    )]
    UnknownEncoding {
        encoding: String,
        #[label(primary "not an encoding xuncha reads")]
        span: SourceSpan,
    },

    #[error("`header_row = {row}` is not a row of a sheet")]
    #[diagnostic(
        code("xuncha::project::bad-header-row"),
        help("rows are numbered from 1, as Excel shows them; leave `header_row` out to find the row naming the columns")
    )]
    BadHeaderRow {
        row: i64,
        #[label(primary "rows are 1 to 1048576")]
        span: SourceSpan,
    },

    #[error("the name is empty")]
    #[diagnostic(
        code("xuncha::project::empty-name"),
        help("name the sheet or table as the file spells it, or leave `sheet` out to read the first sheet")
    )]
    EmptyName {
        #[label(primary "empty")]
        span: SourceSpan,
    },

    #[error("both a `table` and a `query` are given")]
    #[diagnostic(
        code("xuncha::project::table-and-query"),
        help("read a whole table with `table = \"…\"`, or choose rows with `query = \"SELECT …\"`, not both")
    )]
    TableAndQuery {
        #[label(primary "one of the two")]
        span: SourceSpan,
    },

    #[error("the SQLite database `{path}` is bound without a `table` or a `query`")]
    #[diagnostic(
        code("xuncha::project::no-table"),
        help("say which rows to read: table = \"measures\", or query = \"SELECT … FROM …\"")
    )]
    NoTableOrQuery {
        path: String,
        #[label(primary "which table?")]
        span: SourceSpan,
    },

    #[error("`{path}` has no sheet `{sheet}`")]
    #[diagnostic(code("xuncha::project::unknown-sheet"))]
    UnknownSheet {
        sheet: String,
        path: String,
        #[label(primary "no such sheet")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`{path}` has no table or view `{table}`")]
    #[diagnostic(code("xuncha::project::unknown-table"))]
    UnknownTable {
        table: String,
        path: String,
        #[label(primary "no such table")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("the query cannot be run on `{path}`: {message}")]
    #[diagnostic(
        code("xuncha::project::bad-query"),
        help("the query is SQLite's SQL; try it with `sqlite3 FILE` first")
    )]
    BadQuery {
        path: String,
        message: String,
        #[label(primary "this query")]
        span: SourceSpan,
    },

    #[error("the list separator is empty")]
    #[diagnostic(
        code("xuncha::project::empty-separator"),
        help("use a character that no list item contains, e.g. \";\" or \"|\"")
    )]
    EmptySeparator {
        #[label(primary "empty")]
        span: SourceSpan,
    },

    #[error("the rules declare no dataset `{name}`")]
    #[diagnostic(code("xuncha::project::unknown-dataset"))]
    UnknownDataset {
        name: String,
        #[label(primary "not declared")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("dataset `{name}` is built in and is not read from a data file")]
    #[diagnostic(
        code("xuncha::project::builtin-bound"),
        help("remove this table; to add holidays to the built-in calendar, name a file with `calendar = \"calendar.csv\"`")
    )]
    BuiltinBound {
        name: String,
        #[label(primary "built in")]
        span: SourceSpan,
    },

    #[error("dataset `{dataset}` has no field `{field}` to map a column to")]
    #[diagnostic(code("xuncha::project::unknown-field"))]
    UnknownField {
        dataset: String,
        field: String,
        #[label(primary "no such field")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("dataset `{dataset}` is declared but not bound to a data file")]
    #[diagnostic(code("xuncha::project::missing-binding"))]
    MissingBinding {
        dataset: String,
        #[help]
        help: String,
    },
}

impl ProjectProblem {
    /// Where in the project file the problem is, if it is at one place.
    pub fn offset(&self) -> Option<usize> {
        let mut labels = self.labels()?;
        labels.next().map(|label| label.offset())
    }
}

/// The problems of one project file, reported together.
#[derive(Debug, Clone)]
pub struct ProjectProblems {
    source: NamedText,
    problems: Vec<ProjectProblem>,
}

impl ProjectProblems {
    pub fn new(source: &SourceFile, problems: Vec<ProjectProblem>) -> Self {
        ProjectProblems {
            source: NamedText::new(source.name.clone(), source.text.clone()),
            problems,
        }
    }

    pub fn problems(&self) -> &[ProjectProblem] {
        &self.problems
    }
}

impl fmt::Display for ProjectProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(
            f,
            "{count} problem{plural} in the project file `{}`",
            self.source.name()
        )
    }
}

impl std::error::Error for ProjectProblems {}

impl Diagnostic for ProjectProblems {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("xuncha::project::problems"))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "nothing is loaded until the project file is corrected",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        None
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.problems.iter().map(|p| p as &dyn Diagnostic)))
    }
}
