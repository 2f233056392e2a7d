//! Reading a table or a query of an SQLite database into a [`Grid`], which
//! `grid` then loads. The database is opened read-only.
//!
//! Values become text as in a CSV export: integers and reals as written
//! (`12`, `150000.5`), text as stored; NULL is a missing value. SQLite has no
//! date type, so dates are read from text (`2021-03-01`, `2021年3月1日`).
//! The rows of a table are named by their rowid in messages; those of a
//! query, or of a view or a table without rowid, by their place.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, Statement};

use super::excel_source::number_text;
use super::grid::{CellKind, Grid, GridNaming};
use crate::project::SqliteSelect;

pub(crate) enum SqliteError {
    /// The file cannot be opened or is not a database.
    Unreadable(String),
    /// There is no table or view of the name given; these are the tables.
    UnknownTable(Vec<String>),
    /// The query cannot be prepared or run.
    BadQuery(String),
}

/// The rows `select` names in the database at `path`.
pub(crate) fn read(path: &Path, select: &SqliteSelect) -> Result<Grid, SqliteError> {
    // SQLite opens a missing file as an empty database; say it is missing.
    std::fs::metadata(path).map_err(|e| SqliteError::Unreadable(e.to_string()))?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags).map_err(|e| {
        SqliteError::Unreadable(format!("it cannot be opened as an SQLite database: {e}"))
    })?;
    let tables = tables(&connection)
        .map_err(|e| SqliteError::Unreadable(format!("it is not an SQLite database: {e}")))?
        .ok_or_else(|| {
            SqliteError::Unreadable(
                "its schema (the names of its tables and columns) is not valid UTF-8".to_owned(),
            )
        })?;
    match select {
        SqliteSelect::Table(table) => {
            let name = tables
                .iter()
                .find(|name| **name == table.value)
                .or_else(|| {
                    tables
                        .iter()
                        .find(|name| name.eq_ignore_ascii_case(&table.value))
                })
                .ok_or_else(|| SqliteError::UnknownTable(tables.clone()))?;
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            // Views and tables declared WITHOUT ROWID have no rowid.
            match connection.prepare(&format!("SELECT rowid, * FROM {quoted}")) {
                Ok(statement) => Ok(rows(statement, true)),
                Err(_) => connection
                    .prepare(&format!("SELECT * FROM {quoted}"))
                    .map(|statement| rows(statement, false))
                    .map_err(|e| SqliteError::Unreadable(e.to_string())),
            }
        }
        SqliteSelect::Query(query) => {
            let statement = connection
                .prepare(&query.value)
                .map_err(|e| SqliteError::BadQuery(e.to_string()))?;
            if !statement.readonly() || statement.column_count() == 0 {
                return Err(SqliteError::BadQuery(
                    "it is not a query: write a SELECT, which reads rows and changes nothing"
                        .to_owned(),
                ));
            }
            Ok(rows(statement, false))
        }
    }
}

/// The tables and views of the database, by name; `None` if a name or a
/// declaration in its schema is not UTF-8 (rusqlite panics on a column name
/// that is not, so no statement is prepared on such a schema).
fn tables(connection: &Connection) -> rusqlite::Result<Option<Vec<String>>> {
    let mut statement =
        connection.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name")?;
    let mut rows = statement.query([])?;
    let mut tables = Vec::new();
    while let Some(row) = rows.next()? {
        let text = |column| match row.get_ref(column) {
            Ok(ValueRef::Text(bytes)) => std::str::from_utf8(bytes).ok().map(Some),
            Ok(ValueRef::Null) => Some(None),
            _ => None,
        };
        let (Some(kind), Some(name), Some(_)) = (text(0), text(1), text(2)) else {
            return Ok(None);
        };
        if let (Some("table" | "view"), Some(name)) = (kind, name) {
            tables.push(name.to_owned());
        }
    }
    Ok(Some(tables))
}

/// The column names and the rows of a statement. With `rowid`, the first
/// column is the rowid, which names a row and is no column of it. A failure
/// after the first rows is kept in the grid.
fn rows(mut statement: Statement, rowid: bool) -> Grid {
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let skip = usize::from(rowid);
    let mut grid = Grid::new(
        names.len().saturating_sub(skip),
        GridNaming::Sqlite { rowids: None },
    );
    for name in names.iter().skip(skip) {
        grid.push_cell(CellKind::Text, name);
    }
    grid.end_row();
    let mut rowids = Vec::new();
    let mut rows = match statement.query([]) {
        Ok(rows) => rows,
        Err(error) => {
            grid.failure = Some(error.to_string());
            return grid;
        }
    };
    loop {
        if u32::try_from(grid.text.len()).is_err() {
            grid.failure = Some("the rows fill more than 4 GiB".to_owned());
            break;
        }
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(error) => {
                grid.failure = Some(error.to_string());
                break;
            }
        };
        if rowid {
            match row.get_ref(0) {
                Ok(ValueRef::Integer(id)) => rowids.push(id),
                _ => rowids.push(i64::MIN),
            }
        }
        for column in skip..names.len() {
            match row.get_ref(column) {
                Ok(value) => {
                    let (kind, text) = value_text(value);
                    grid.push_cell(kind, &text);
                }
                Err(error) => {
                    grid.failure = Some(error.to_string());
                    break;
                }
            }
        }
        grid.end_row();
    }
    let rowids = (rowid && !rowids.contains(&i64::MIN)).then_some(rowids);
    grid.set_naming(GridNaming::Sqlite { rowids });
    grid
}

/// A value as text, and what it is.
fn value_text(value: ValueRef) -> (CellKind, String) {
    match value {
        ValueRef::Null => (CellKind::Empty, String::new()),
        ValueRef::Integer(n) => (CellKind::Number, n.to_string()),
        ValueRef::Real(x) => (CellKind::Number, number_text(x)),
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => (CellKind::Empty, String::new()),
            Ok(text) => (CellKind::Text, text.to_owned()),
            Err(_) => (
                CellKind::BadText,
                String::from_utf8_lossy(bytes).into_owned(),
            ),
        },
        ValueRef::Blob(bytes) => (CellKind::Blob, format!("<blob: {} bytes>", bytes.len())),
    }
}
