//! The database of one test: its records written as CSV files into a
//! private folder, bound in a project built in memory, and loaded as a run
//! loads a project's data. Datasets the test gives no records of are empty;
//! the holidays are the official calendar's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::calendar::Calendar;
use crate::check::ir::{CheckedTest, TestData};
use crate::check::{column_names, Program};
use crate::data::{self, Database, LoadDiagnostic, LoadOptions};
use crate::diagnostic::Diagnostic;
use crate::project::Project;
use crate::schema::Dataset;

/// Why a test's database could not be built.
pub enum FixtureError {
    /// A problem with the test itself, labelled in the rule file.
    Test(Diagnostic),
    /// Problems of the data, as the loader reports them.
    Data(Vec<LoadDiagnostic>),
}

/// Builds the database of `test` for `program`'s schema.
pub fn database(
    program: &Program,
    test: &CheckedTest,
    calendar: &Calendar,
) -> Result<Database, FixtureError> {
    for records in &test.records {
        if let TestData::File(path) = &records.data {
            if let Err(e) = std::fs::metadata(path) {
                let d = Diagnostic::error(
                    "xuncha::test::unreadable-records",
                    format!("cannot read `{}`: {e}", path.display()),
                )
                .with_label(records.span, "these records")
                .with_help("the file's path is relative to the rule file's folder");
                return Err(FixtureError::Test(d));
            }
        }
    }
    let folder = TempFolder::new().map_err(|e| {
        FixtureError::Test(
            Diagnostic::error(
                "xuncha::test::no-temporary-folder",
                format!("cannot write the test's records: {e}"),
            )
            .with_label(test.span, "this test"),
        )
    })?;
    let mut toml = String::from("rules = []\n");
    for (id, dataset) in program.schema.datasets.iter().enumerate() {
        if dataset.builtin {
            continue;
        }
        let given = test.records.iter().find(|r| r.dataset == id);
        let path = match given.map(|r| &r.data) {
            Some(TestData::File(path)) => {
                std::path::absolute(path).unwrap_or_else(|_| path.clone())
            }
            Some(TestData::Table { columns, rows }) => {
                folder.write(dataset, &csv_text(dataset, columns, rows))?
            }
            None => folder.write(dataset, &csv_text(dataset, &[], &[]))?,
        };
        let _ = writeln!(
            toml,
            "[datasets.{}]\npath = {}",
            toml_string(&dataset.name),
            toml_string(&path.display().to_string())
        );
    }
    let file = PathBuf::from(format!("test \"{}\"", test.name));
    let project = Project::parse(&file, &toml, folder.path()).map_err(|e| {
        FixtureError::Test(
            Diagnostic::error(
                "xuncha::test::project",
                format!("the test's records cannot be bound: {e}"),
            )
            .with_label(test.span, "this test"),
        )
    })?;
    let mut db = data::load(
        &project,
        &program.schema,
        &LoadOptions {
            lenient: false,
            ..Default::default()
        },
    )
    .map_err(|failure| FixtureError::Data(failure.diagnostics))?;
    crate::builtin::fill_holidays(&program.schema, &mut db, calendar);
    Ok(db)
}

/// A CSV file of the given columns and rows, with an empty column for
/// every other field of the dataset.
fn csv_text(dataset: &Dataset, columns: &[String], rows: &[Vec<String>]) -> String {
    let extra: Vec<String> = column_names(dataset)
        .into_iter()
        .filter(|name| !columns.contains(name))
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = columns.iter().chain(&extra);
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let cells = row
            .iter()
            .map(String::as_str)
            .chain(extra.iter().map(|_| ""));
        let _ = writer.write_record(cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A folder of its own under the system's temporary folder, removed when
/// dropped.
struct TempFolder(PathBuf);

impl TempFolder {
    fn new() -> std::io::Result<TempFolder> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("xuncha-test-{}-{n}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path)?;
        }
        std::fs::create_dir_all(&path)?;
        Ok(TempFolder(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, dataset: &Dataset, text: &str) -> Result<PathBuf, FixtureError> {
        let path = self.0.join(format!("{}.csv", dataset.name));
        std::fs::write(&path, text).map_err(|e| {
            FixtureError::Test(
                Diagnostic::error(
                    "xuncha::test::no-temporary-folder",
                    format!("cannot write `{}`: {e}", path.display()),
                )
                .with_label(dataset.span, "this dataset"),
            )
        })?;
        Ok(path)
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
