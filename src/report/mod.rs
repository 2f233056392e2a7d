//! Reports of a run: `summary.md`, `report.json`, `report.html` and
//! `junit.xml`, all rendered from one [`Report`], and the change between
//! two runs ([`diff`]).
//!
//! Reports are deterministic: the same rules, data and as-of date give
//! byte-identical files. Nothing reads the clock, every list is sorted or
//! in the evaluator's fixed order, and paths are relative to the project
//! folder.

mod build;
pub mod diff;
mod html;
mod junit;
mod markdown;
pub mod model;
mod text;
mod view;

use std::fmt;
use std::path::{Path, PathBuf};

pub use build::{build, Input};
pub use model::{Report, Severity, Status, VERSION};

/// The files of a report folder.
pub const SUMMARY: &str = "summary.md";
pub const JSON: &str = "report.json";
pub const HTML: &str = "report.html";
pub const JUNIT: &str = "junit.xml";

/// Folds the change since `baseline` into `report`: its `changes`, and the
/// history a later run needs to recognise relapses.
pub fn with_baseline(report: &mut Report, baseline: &Report) {
    report.changes = Some(diff::compare(baseline, report, &[]));
    report.history = diff::fold(baseline, report);
}

pub fn to_json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).expect("a report serialises");
    text.push('\n');
    text
}

pub fn to_markdown(report: &Report) -> String {
    markdown::render(report)
}

pub fn to_html(report: &Report) -> String {
    html::render(report)
}

pub fn to_junit(report: &Report) -> String {
    junit::render(report)
}

/// The change between two runs as Markdown, for `xuncha diff`.
pub fn changes_to_markdown(changes: &diff::Changes, now: &Report) -> String {
    let text = markdown::changes_section(changes, 1, Some(&diff::RunRef::of(now)));
    text.trim_start().to_owned()
}

/// Writes the four files into `dir` (created if missing); returns their paths.
pub fn write_all(report: &Report, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let files = [
        (SUMMARY, to_markdown(report)),
        (JSON, to_json(report)),
        (HTML, to_html(report)),
        (JUNIT, to_junit(report)),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

/// Why a `report.json` could not be read.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for ReadError {}

/// Reads a `report.json`, given as the file or the folder holding it.
pub fn read(path: &Path) -> Result<Report, ReadError> {
    let path = if path.is_dir() {
        path.join(JSON)
    } else {
        path.to_path_buf()
    };
    let error = |reason: String| ReadError {
        path: path.clone(),
        reason,
    };
    let text = std::fs::read_to_string(&path).map_err(|e| error(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| error(format!("not JSON: {e}")))?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(error(format!(
                "report format version {v}; this xuncha reads version {VERSION}"
            )))
        }
        None => return Err(error("not an xuncha report: no `version`".to_owned())),
    }
    serde_json::from_value(value).map_err(|e| error(format!("not a version {VERSION} report: {e}")))
}
