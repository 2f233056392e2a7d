//! Reading a sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) with
//! calamine into a [`Grid`], which `grid` then loads.
//!
//! Cells become text as a careful CSV export would write them: numbers as
//! written (`12`, `150000.5`), yes/no cells as `true`/`false`, date cells as
//! `2021-03-01` or `2021-03-01 14:30`. Text is kept as typed, so a date typed
//! as text (`2021年3月1日`) loads as a date too. A cell merged over several
//! rows holds its value in each of them (a ledger merges the cells of a unit
//! over the rows of its measures); a cell merged over several columns holds
//! it in the first one only, where the values of that column are.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, ExcelDateTime, Reader, Sheets};
use rustc_hash::FxHashMap;

use super::grid::{CellKind, Grid, GridNaming};

/// Sheets of more cells than this (their used range) are refused.
const MAX_CELLS: usize = 20_000_000;

pub(crate) enum WorkbookError {
    /// The file is not a workbook calamine reads, or a sheet cannot be read.
    Unreadable(String),
    /// There is no sheet of the name given; these are the sheets.
    UnknownSheet(Vec<String>),
}

/// The sheet `sheet` (or the first visible one) of the workbook in `bytes`,
/// and its name.
///
/// calamine has panicked on some damaged .xls files; such a panic is caught
/// and reported as an unreadable file, so that one bad workbook does not end
/// the run.
pub(crate) fn read_sheet(
    bytes: &[u8],
    sheet: Option<&str>,
    header_row: Option<u32>,
) -> Result<(String, Grid), WorkbookError> {
    let read = std::panic::AssertUnwindSafe(|| read_sheet_unguarded(bytes, sheet, header_row));
    std::panic::catch_unwind(read).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(WorkbookError::Unreadable(format!(
            "the workbook reader failed on it ({message}); the file may be damaged: open it in Excel and save it again"
        )))
    })
}

fn read_sheet_unguarded(
    bytes: &[u8],
    sheet: Option<&str>,
    header_row: Option<u32>,
) -> Result<(String, Grid), WorkbookError> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|error| {
        WorkbookError::Unreadable(format!(
            "it is not a workbook (xlsx, xlsm, xlsb, xls or ods) that can be read: {error}"
        ))
    })?;
    let name = match sheet {
        Some(sheet) => workbook
            .sheet_names()
            .into_iter()
            .find(|name| name == sheet)
            .ok_or_else(|| WorkbookError::UnknownSheet(workbook.sheet_names()))?,
        None => first_sheet(&workbook)
            .ok_or_else(|| WorkbookError::Unreadable("the workbook has no sheets".to_owned()))?,
    };
    let range = workbook.worksheet_range(&name).map_err(|error| {
        WorkbookError::Unreadable(format!("sheet `{name}` cannot be read: {error}"))
    })?;
    let merges = merged_cells(&mut workbook, &name);
    let others = match sheet {
        Some(_) => Vec::new(),
        None => workbook
            .sheet_names()
            .into_iter()
            .filter(|other| *other != name)
            .collect(),
    };
    let naming = GridNaming::Sheet {
        sheet: name.clone(),
        header_row,
        others,
    };
    let grid = grid_of(&range, &merges, naming).map_err(WorkbookError::Unreadable)?;
    Ok((name, grid))
}

/// The first sheet that is a visible worksheet, or else the first sheet.
fn first_sheet<RS: std::io::Read + std::io::Seek>(workbook: &Sheets<RS>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    sheets
        .iter()
        .find(|s| {
            s.typ == calamine::SheetType::WorkSheet && s.visible == calamine::SheetVisible::Visible
        })
        .or_else(|| sheets.first())
        .map(|s| s.name.clone())
}

/// The merged areas of a sheet, where the format records them.
fn merged_cells<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Sheets<RS>,
    sheet: &str,
) -> Vec<Dimensions> {
    match workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

/// The cells of a sheet from A1 to its last cell with a value.
fn grid_of(
    range: &calamine::Range<Data>,
    merges: &[Dimensions],
    naming: GridNaming,
) -> Result<Grid, String> {
    let (mut rows, mut width) = (0, 0);
    if let Some((top, left)) = range.start() {
        for (row, column, value) in range.used_cells() {
            if cell_text(value).0 != CellKind::Empty {
                rows = rows.max(top as usize + row + 1);
                width = width.max(left as usize + column + 1);
            }
        }
    }
    if rows.saturating_mul(width) > MAX_CELLS {
        return Err(format!(
            "its cells with values span {rows} rows and {width} columns, more than can be read"
        ));
    }
    // A cell merged over rows below it: its value fills them.
    let mut filled: FxHashMap<(u32, u32), (u32, u32)> = FxHashMap::default();
    for merge in merges {
        let (top, column) = merge.start;
        for row in top + 1..=merge.end.0.min(rows as u32) {
            filled.insert((row, column), (top, column));
        }
    }
    let mut grid = Grid::new(width, naming);
    for row in 0..rows as u32 {
        for column in 0..width as u32 {
            let mut value = range.get_value((row, column));
            if value.is_none_or(|v| cell_text(v).0 == CellKind::Empty) {
                if let Some(&source) = filled.get(&(row, column)) {
                    value = range.get_value(source);
                }
            }
            let (kind, text) = value.map_or((CellKind::Empty, Cow::Borrowed("")), cell_text);
            grid.push_cell(kind, &text);
        }
        grid.end_row();
    }
    Ok(grid)
}

/// A cell's value as text, and what it is.
fn cell_text(value: &Data) -> (CellKind, Cow<'_, str>) {
    match value {
        Data::Empty => (CellKind::Empty, Cow::Borrowed("")),
        Data::String(text) if text.trim().is_empty() => (CellKind::Empty, Cow::Borrowed("")),
        Data::String(text) => (CellKind::Text, Cow::Borrowed(text)),
        Data::Int(n) => (CellKind::Number, Cow::Owned(n.to_string())),
        Data::Float(x) => (CellKind::Number, Cow::Owned(number_text(*x))),
        Data::Bool(b) => (
            CellKind::Bool,
            Cow::Borrowed(if *b { "true" } else { "false" }),
        ),
        Data::DateTime(date) => date_text(date),
        Data::DateTimeIso(text) => iso_date_text(text),
        Data::DurationIso(text) => (CellKind::Text, Cow::Borrowed(text)),
        Data::Error(error) => (CellKind::Error, Cow::Owned(error.to_string())),
    }
}

/// A number as written: whole numbers without a point.
pub(crate) fn number_text(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// An Excel date or time: `2021-03-01`, `2021-03-01 14:30`, or a time of
/// day or a duration alone, to the second.
fn date_text(date: &ExcelDateTime) -> (CellKind, Cow<'static, str>) {
    let serial = date.as_f64();
    if date.is_duration() || (0.0..1.0).contains(&serial) {
        let seconds = (serial * 86_400.0).round() as i64;
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        let time = match s {
            0 => format!("{h:02}:{m:02}"),
            _ => format!("{h:02}:{m:02}:{s:02}"),
        };
        return (CellKind::Text, Cow::Owned(time));
    }
    let Some(datetime) = date
        .as_datetime()
        .and_then(|d| d.checked_add_signed(chrono::Duration::milliseconds(500)))
    else {
        return (CellKind::Number, Cow::Owned(number_text(serial)));
    };
    let day = datetime.date().format("%Y-%m-%d");
    let time = datetime.time();
    use chrono::Timelike;
    match (time.hour(), time.minute(), time.second()) {
        (0, 0, 0) => (CellKind::Date, Cow::Owned(day.to_string())),
        (h, m, 0) => (
            CellKind::DateTime,
            Cow::Owned(format!("{day} {h:02}:{m:02}")),
        ),
        (h, m, s) => (
            CellKind::DateTime,
            Cow::Owned(format!("{day} {h:02}:{m:02}:{s:02}")),
        ),
    }
}

/// A date cell stored as ISO 8601 text (`2021-03-01T00:00:00`): written as
/// an Excel date cell is.
fn iso_date_text(text: &str) -> (CellKind, Cow<'_, str>) {
    match text.split_once('T') {
        Some((day, "00:00:00" | "00:00")) => (CellKind::Date, Cow::Borrowed(day)),
        Some((day, time)) if !day.is_empty() => {
            (CellKind::DateTime, Cow::Owned(format!("{day} {time}")))
        }
        _ => (CellKind::Date, Cow::Borrowed(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn cells_as_text() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(150000.5), "150000.5");
        assert_eq!(number_text(1e20), "100000000000000000000");
        let date = |serial| ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false);
        // 2021-03-01 is day 44256 of Excel's 1900 calendar.
        assert_eq!(
            date_text(&date(44256.0)),
            (CellKind::Date, "2021-03-01".into())
        );
        assert_eq!(
            date_text(&date(44256.0 + 14.5 / 24.0)),
            (CellKind::DateTime, "2021-03-01 14:30".into())
        );
        // Stored a hair before the minute, as floating point often is.
        assert_eq!(
            date_text(&date(44256.0 + 14.5 / 24.0 - 1e-9)),
            (CellKind::DateTime, "2021-03-01 14:30".into())
        );
        assert_eq!(date_text(&date(0.5)), (CellKind::Text, "12:00".into()));
        assert_eq!(
            iso_date_text("2021-03-01T00:00:00"),
            (CellKind::Date, "2021-03-01".into())
        );
        assert_eq!(
            iso_date_text("2021-03-01T09:30:00"),
            (CellKind::DateTime, "2021-03-01 09:30:00".into())
        );
    }
}
