//! The project file `xuncha.toml`: which rule files to read, and which data
//! file holds each declared dataset.
//!
//! ```toml
//! rules = ["rules"]            # rule files or folders, relative to the project folder
//! calendar = "calendar.csv"    # optional: holidays extending the built-in calendar
//!
//! [datasets.orgs]
//! path = "data/orgs.csv"       # format from the extension, or `format = "csv" | "jsonl"`
//! list_separator = ";"         # between the items of a list in one cell (default `;`)
//! [datasets.orgs.columns]      # field name = column name, where they differ
//! name = "名称"
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
    /// Between the items of a list in one CSV cell.
    pub list_separator: String,
    /// Source column (CSV header or JSON key) by field name, where they differ.
    /// A lifetime field `active` reads `active_from` and `active_to`.
    pub columns: BTreeMap<String, ColumnMapping>,
    /// The dataset's name in `[datasets.NAME]`.
    pub span: SourceSpan,
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
}

impl DataFormat {
    fn from_extension(path: &Path) -> Option<DataFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(DataFormat::Csv),
            "jsonl" | "ndjson" => Some(DataFormat::JsonLines),
            _ => None,
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
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, String>,
}

impl Project {
    /// Reads the project file `start`, or the nearest `xuncha.toml` in the
    /// folder `start` or a folder above it.
    pub fn find(start: &Path) -> Result<Project, ProjectError> {
        let file = if start.is_file() {
            start.to_path_buf()
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
            let path_span = SourceSpan::from(binding.path.span());
            let path = binding.path.into_inner();
            let format = binding.format.or_else(|| DataFormat::from_extension(&path));
            if format.is_none() {
                problems.push(ProjectProblem::UnknownFormat {
                    path: path.display().to_string(),
                    span: path_span,
                });
            }
            let list_separator = match binding.list_separator {
                Some(separator) if separator.get_ref().is_empty() => {
                    problems.push(ProjectProblem::EmptySeparator {
                        span: separator.span().into(),
                    });
                    String::new()
                }
                Some(separator) => separator.into_inner(),
                None => ";".to_owned(),
            };
            let columns = binding
                .columns
                .into_iter()
                .map(|(field, column)| {
                    let span = SourceSpan::from(field.span());
                    (field.into_inner(), ColumnMapping { column, span })
                })
                .collect();
            let span = SourceSpan::from(name.span());
            datasets.insert(
                name.into_inner(),
                DatasetBinding {
                    path: relative(&path),
                    format: format.unwrap_or(DataFormat::Csv),
                    list_separator,
                    columns,
                    span,
                },
            );
        }
        if !problems.is_empty() {
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
        help("the project file holds `rules`, an optional `calendar`, and a [datasets.NAME] table per dataset with `path` and optionally `format`, `list_separator` and [datasets.NAME.columns]")
    )]
    Toml {
        message: String,
        #[label(primary "here")]
        span: Option<SourceSpan>,
    },

    #[error("the format of `{path}` cannot be told from its extension")]
    #[diagnostic(
        code("xuncha::project::unknown-format"),
        help("name .csv, .jsonl or .ndjson files, or state the format: format = \"csv\" or format = \"jsonl\"")
    )]
    UnknownFormat {
        path: String,
        #[label(primary "csv or jsonl?")]
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
