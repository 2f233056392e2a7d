//! Loading a project's data: each declared dataset from the file bound to it
//! into typed columns for the evaluator (interned strings, dates as day
//! numbers, refs as row indices; the key of a dataset no ref points to is
//! kept as plain text, since its values never repeat), every record
//! accounted for as loaded or rejected, every problem diagnosed.
//!
//! CSV files have a header row; a list in one cell has its items separated by
//! the binding's `list_separator` (`;`, or the full-width `；`), and empty
//! items are skipped. In JSON Lines a list is an array, a date is a string,
//! and a missing value is `null` or a left-out key. In both, text is trimmed
//! and an empty value is missing. A lifetime field `active` reads the columns
//! `active_from` and `active_to`. CSV and JSON Lines files are UTF-8 unless
//! the binding says `encoding = "gbk"` or `"gb18030"` (`decode`).
//!
//! A sheet of a workbook (`excel_source`) and the rows of an SQLite table or
//! query (`sqlite_source`) are read as a grid of cells whose values arrive as
//! text and are parsed as CSV cells are (`grid`); a sheet's header row is
//! named by `header_row` or found. Their diagnostics show a rendering of the
//! grid, a line per row, and name cells as `整改台账!D17` and SQLite rows by
//! rowid.

mod cells;
mod csv_source;
mod decode;
mod diagnostics;
mod draft;
mod excel_source;
mod grid;
mod interner;
mod jsonl_source;
mod keys;
mod load;
mod named_text;
mod resolve;
mod slots;
mod sqlite_source;
mod table;
mod value_parse;

use std::fmt;

use miette::{Diagnostic, Severity};

pub(crate) use cells::ListSeparator;
pub use diagnostics::{
    DataProblem, FileProblems, LoadDiagnostic, ProblemKind, SchemaProblem, UnreadableFile,
    PROBLEMS_SHOWN_PER_FILE,
};
pub use interner::{Interner, Sym};
pub use load::load;
pub use named_text::NamedText;
pub(crate) use slots::slot_names;
pub use table::{Column, Day, DayCell, Origin, RowRef, Table};
pub use value_parse::{
    parse_bool, parse_date, parse_datetime, parse_decimal, parse_int, ValueError,
};

use crate::schema::DatasetId;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Load the good records of files with bad ones, list the bad ones as
    /// rejected, and return the problems as warnings. Problems with a file
    /// as a whole (a missing column) or with the project still fail the load.
    pub lenient: bool,
    /// Draw a progress bar on stderr, if it is a terminal, once the load
    /// has taken a second (see [`crate::progress`]).
    pub progress: bool,
}

/// The records of one dataset's file: `read == loaded + rejected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub read: usize,
    pub loaded: usize,
    pub rejected: usize,
}

/// A record left out of its table, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRecord {
    pub dataset: DatasetId,
    /// Index into [`Database::files`].
    pub file: u32,
    pub line: u32,
    pub reason: String,
}

/// A data file that was read. Its text serves the load's diagnostics and
/// is let go once the load is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    pub name: String,
}

/// Every dataset of the schema, loaded.
#[derive(Debug)]
pub struct Database {
    pub interner: Interner,
    /// One table per dataset of the schema, by [`DatasetId`]. Built-in
    /// datasets have an empty table of the right shape, to be filled later.
    pub tables: Vec<Table>,
    /// The data files read, for evidence: origins name them by index.
    pub files: Vec<DataFile>,
    /// One per dataset, by [`DatasetId`].
    pub stats: Vec<LoadStats>,
    /// By dataset, then line.
    pub rejected: Vec<RejectedRecord>,
    /// In a lenient load, the problems of the rejected records.
    pub warnings: Vec<LoadDiagnostic>,
}

/// A load that did not succeed: every problem found, and the record counts.
#[derive(Debug)]
pub struct LoadFailure {
    pub diagnostics: Vec<LoadDiagnostic>,
    /// One per dataset, by [`DatasetId`]; zero for datasets not read.
    pub stats: Vec<LoadStats>,
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rejected: usize = self.stats.iter().map(|s| s.rejected).sum();
        let read: usize = self.stats.iter().map(|s| s.read).sum();
        write!(
            f,
            "the data could not be loaded: {rejected} of {read} records rejected"
        )
    }
}

impl std::error::Error for LoadFailure {}

impl Diagnostic for LoadFailure {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("xuncha::data::load-failed"))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("correct the problems listed; a lenient load evaluates the good records and lists the others"))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics.iter().map(|d| d as &dyn Diagnostic),
        ))
    }
}
