//! Sources read as a grid of cells — a sheet of a workbook, the rows of an
//! SQLite table or query — loaded as a CSV file is.
//!
//! Each cell's value arrives as text (numbers as Rust writes them, Excel
//! dates as `2021-03-01`, see `excel_source` and `sqlite_source`) and is
//! parsed as a CSV cell is, so that every source gives the same values. A
//! grid has no text of its own for diagnostics to show, so it is rendered:
//! a line per row, cells separated by ` | `, long cells cut. A sheet's row N
//! is line N; an SQLite result has its column names on line 1 and its rows
//! below. Messages name cells as Excel does (`整改台账!D17`) and SQLite rows
//! by rowid.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::cells::ListSeparator;
use super::diagnostics::ProblemKind;
use super::draft::{CellLocator, CellRef, DraftSource, RecordPlace, TableDraft};
use super::interner::Interner;
use super::slots::{map_columns, Bound, Slot};
use super::table::Column;
use super::value_parse::ValueError;
use crate::schema::{Dataset, DatasetId};

/// Between two cells of a rendered row.
const SEPARATOR: &str = " | ";
/// Cells longer than this many characters are cut in the rendering (not in
/// the value read).
const SHOWN_CHARS: usize = 40;
/// How many rows with values are searched for the header row.
const HEADER_SEARCH_ROWS: usize = 50;

/// What a cell holds, as its source typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellKind {
    Empty,
    Text,
    Number,
    Bool,
    /// A date cell without a time of day.
    Date,
    /// A date cell with a time of day.
    DateTime,
    /// An Excel error value such as `#N/A`.
    Error,
    /// An SQLite blob; the rendering says how long it is.
    Blob,
    /// SQLite text that is not UTF-8, rendered with U+FFFD.
    BadText,
}

/// How the rows and cells of a grid are named in messages.
#[derive(Debug, Clone)]
pub(crate) enum GridNaming {
    /// A sheet: line N is row N, a cell is `整改台账!D17`.
    Sheet {
        sheet: String,
        /// As the project file names it; found when not given.
        header_row: Option<u32>,
        /// The workbook's other sheets, when this one was read for not being
        /// named: a header that is not found may be on one of them.
        others: Vec<String>,
    },
    /// An SQLite result: line 1 names the columns, and line N + 1 holds the
    /// N-th row, named by its rowid if it has one.
    Sqlite { rowids: Option<Vec<i64>> },
}

/// Where each row and cell of a grid is in its rendering, and how messages
/// name them.
#[derive(Debug)]
pub struct GridLayout {
    width: usize,
    /// Where each line starts in the text.
    line_starts: Vec<u32>,
    /// Each cell's byte range in the text, `width` per line.
    cells: Vec<(u32, u32)>,
    /// The grid column read into each slot (once the header is known).
    columns: Vec<Option<usize>>,
    naming: GridNaming,
}

impl GridLayout {
    fn lines(&self) -> usize {
        self.line_starts.len()
    }

    fn cell(&self, line: usize, column: usize) -> (usize, usize) {
        let (start, end) = self.cells[line * self.width + column];
        (start as usize, end as usize)
    }

    /// The byte range of line `line` (0-based), without its line end.
    fn line_range(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line] as usize;
        let end = match self.width {
            0 => start,
            width => self.cells[line * width + width - 1].1 as usize,
        };
        (start, end)
    }

    /// The 0-based column of the cell at byte `offset`, for the
    /// `file:line:column` of a diagnostic.
    pub(crate) fn column_at(&self, offset: usize) -> Option<usize> {
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .checked_sub(1)?;
        let cells = self.cells.get(line * self.width..(line + 1) * self.width)?;
        let at = cells.partition_point(|&(start, _)| start as usize <= offset);
        Some(at.saturating_sub(1))
    }

    /// The byte range, relative to the record's start, of a cell or of one
    /// item of a list cell; the whole row for a column the header lacks.
    pub(crate) fn cell_range(
        &self,
        text: &str,
        place: RecordPlace,
        cell: CellRef,
        separator: &ListSeparator,
    ) -> (usize, usize) {
        let line = place.line as usize - 1;
        let base = place.start as usize;
        let Some(column) = self.columns.get(cell.slot).copied().flatten() else {
            let (start, end) = self.line_range(line);
            return (start - base, end - base);
        };
        let (start, end) = self.cell(line, column);
        let item = cell
            .item
            .and_then(|item| separator.items(text.get(start..end)?).nth(item));
        match item {
            Some((offset, item)) => (start + offset - base, start + offset + item.len() - base),
            None => (start - base, end - base),
        }
    }

    /// How a message names the cell of `slot` in the record on line `line`
    /// (1-based): "cell 整改台账!D17 (column `整改时限`)".
    pub(crate) fn place(&self, line: u32, slot: &Slot, index: usize) -> String {
        let column = format!("column `{}`", slot.column);
        let field = (slot.name != slot.column).then(|| format!("field `{}`", slot.name));
        match &self.naming {
            GridNaming::Sheet { sheet, .. } => {
                let cell = match self.columns.get(index).copied().flatten() {
                    Some(c) => format!("{}!{}{line}", sheet_ref(sheet), column_letters(c)),
                    None => format!("row {line}"),
                };
                let what: Vec<String> = std::iter::once(column).chain(field).collect();
                format!("cell {cell} ({})", what.join(", "))
            }
            GridNaming::Sqlite { .. } => {
                let what: Vec<String> = field.into_iter().chain([self.record_name(line)]).collect();
                format!("{column} ({})", what.join(", "))
            }
        }
    }

    /// How a message names the record on line `line`: "row 17", "rowid 17".
    pub(crate) fn record_name(&self, line: u32) -> String {
        match &self.naming {
            GridNaming::Sheet { .. } => format!("row {line}"),
            GridNaming::Sqlite {
                rowids: Some(rowids),
            } => match rowids.get((line as usize).wrapping_sub(2)) {
                Some(rowid) => format!("rowid {rowid}"),
                None => format!("row {}", line.saturating_sub(1)),
            },
            GridNaming::Sqlite { rowids: None } => format!("row {}", line.saturating_sub(1)),
        }
    }
}

/// A sheet's name as a cell reference writes it: quoted if it holds more
/// than letters, digits and `_`.
fn sheet_ref(sheet: &str) -> String {
    if !sheet.is_empty() && sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// `A` for column 0, `Z`, `AA`, …
pub(crate) fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A grid and its rendering, built row by row.
#[derive(Debug)]
pub(crate) struct Grid {
    pub text: String,
    pub layout: GridLayout,
    kinds: Vec<CellKind>,
    /// The values of cells that the rendering does not hold as they are
    /// (cut, or with line breaks), by cell index.
    exact: FxHashMap<usize, String>,
    /// A failure that ended the reading of rows early.
    pub failure: Option<String>,
    row_cells: usize,
}

impl Grid {
    pub fn new(width: usize, naming: GridNaming) -> Self {
        Grid {
            text: String::new(),
            layout: GridLayout {
                width,
                line_starts: Vec::new(),
                cells: Vec::new(),
                columns: Vec::new(),
                naming,
            },
            kinds: Vec::new(),
            exact: FxHashMap::default(),
            failure: None,
            row_cells: 0,
        }
    }

    /// Names the rows once they are all read (an SQLite table's rowids).
    pub fn set_naming(&mut self, naming: GridNaming) {
        self.layout.naming = naming;
    }

    /// Adds a cell to the current row; a row has `width` cells, and the
    /// cells beyond it are dropped.
    pub fn push_cell(&mut self, kind: CellKind, value: &str) {
        if self.row_cells >= self.layout.width {
            return;
        } else if self.row_cells == 0 {
            self.layout.line_starts.push(self.text.len() as u32);
        } else {
            self.text.push_str(SEPARATOR);
        }
        self.row_cells += 1;
        let start = self.text.len();
        let mut exact = false;
        for (i, c) in value.chars().enumerate() {
            if i == SHOWN_CHARS - 1 && value.chars().nth(SHOWN_CHARS).is_some() {
                self.text.push('…');
                exact = true;
                break;
            }
            match c {
                '\n' => self.text.push('↵'),
                '\r' | '\t' => self.text.push(' '),
                c => self.text.push(c),
            }
            exact |= matches!(c, '\n' | '\r' | '\t');
        }
        if exact {
            self.exact.insert(self.kinds.len(), value.to_owned());
        }
        self.layout
            .cells
            .push((start as u32, self.text.len() as u32));
        self.kinds.push(kind);
    }

    /// Ends the current row, filling it up with empty cells. A row without
    /// values is rendered as an empty line.
    pub fn end_row(&mut self) {
        while self.row_cells < self.layout.width {
            self.push_cell(CellKind::Empty, "");
        }
        if self.layout.width == 0 {
            self.layout.line_starts.push(self.text.len() as u32);
        }
        let first = self.kinds.len() - self.layout.width;
        if self.kinds[first..].iter().all(|k| *k == CellKind::Empty) {
            let line_start = *self.layout.line_starts.last().unwrap_or(&0);
            self.text.truncate(line_start as usize);
            self.layout.cells[first..].fill((line_start, line_start));
        }
        self.text.push('\n');
        self.row_cells = 0;
    }

    #[cfg(test)]
    fn view(&self) -> GridView<'_> {
        GridView {
            text: &self.text,
            layout: &self.layout,
            kinds: &self.kinds,
            exact: &self.exact,
        }
    }
}

/// The cells of a grid, with its rendering.
struct GridView<'a> {
    text: &'a str,
    layout: &'a GridLayout,
    kinds: &'a [CellKind],
    exact: &'a FxHashMap<usize, String>,
}

impl GridView<'_> {
    fn width(&self) -> usize {
        self.layout.width
    }

    fn rows(&self) -> usize {
        self.layout.lines()
    }

    fn kind(&self, line: usize, column: usize) -> CellKind {
        self.kinds[line * self.layout.width + column]
    }

    fn value(&self, line: usize, column: usize) -> &str {
        let index = line * self.layout.width + column;
        match self.exact.get(&index) {
            Some(value) => value,
            None => {
                let (start, end) = self.layout.cells[index];
                self.text
                    .get(start as usize..end as usize)
                    .unwrap_or_default()
            }
        }
    }

    fn is_blank(&self, line: usize) -> bool {
        let width = self.layout.width;
        self.kinds[line * width..(line + 1) * width]
            .iter()
            .all(|k| *k == CellKind::Empty)
    }

    /// A header cell's name: trimmed, its lines joined (a header cell is
    /// often wrapped by hand: `整改\n时限`).
    fn header_name(&self, line: usize, column: usize) -> String {
        let mut name = String::new();
        for part in self.value(line, column).lines().map(str::trim) {
            let joins_words = name
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && part
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if joins_words {
                name.push(' ');
            }
            name.push_str(part);
        }
        name
    }
}

/// Loads the records of `grid` into a draft, as `csv_source::read` does for
/// a CSV file; `source.text` is the grid's rendering.
pub(crate) fn read(
    id: DatasetId,
    dataset: &Dataset,
    source: DraftSource,
    grid: Grid,
    slots: Vec<Slot>,
    interner: &mut Interner,
) -> TableDraft {
    let Grid {
        mut layout,
        kinds,
        exact,
        failure,
        ..
    } = grid;
    let text = source.text.clone();
    let view = GridView {
        text: &text,
        layout: &layout,
        kinds: &kinds,
        exact: &exact,
    };
    let header = find_header(&view, &slots, &dataset.name);
    let (columns, mut problems) = match &header {
        Ok(line) => {
            let line = *line;
            let names: Vec<String> = (0..view.width())
                .map(|column| view.header_name(line, column))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let (start, end) = layout.line_range(line);
            let span_of = |column: usize| {
                let (start, end) = layout.cell(line, column);
                (start..end).into()
            };
            map_columns(&names, &slots, &dataset.name, (start..end).into(), span_of)
        }
        Err(problem) => (vec![None; slots.len()], vec![(**problem).clone()]),
    };
    if let GridNaming::Sheet {
        header_row,
        others,
        sheet,
    } = &layout.naming
    {
        let how = match header_row {
            Some(_) => "as `header_row` says",
            None => "the first row naming the most of the columns read; set `header_row` if the header is another row",
        };
        let other_sheets = match others.as_slice() {
            [] => String::new(),
            others => {
                let names: Vec<String> = others.iter().take(10).map(|n| format!("`{n}`")).collect();
                format!("; `{sheet}` is the first sheet of the workbook, and the data may be on another: {} (name it with sheet = \"…\")", names.join(", "))
            }
        };
        for problem in &mut problems {
            match (problem, &header) {
                (ProblemKind::MissingColumn { help, .. }, Ok(line)) => {
                    help.push_str(&format!(
                        " (the header is row {}, {how}){other_sheets}",
                        line + 1
                    ));
                }
                (
                    ProblemKind::EmptySheet { help, .. } | ProblemKind::NoHeaderRow { help, .. },
                    _,
                ) => help.push_str(&other_sheets),
                _ => {}
            }
        }
    }
    layout.columns = columns.clone();
    let layout = Arc::new(layout);
    let view = GridView {
        text: &text,
        layout: &layout,
        kinds: &kinds,
        exact: &exact,
    };
    let mut draft = TableDraft::new(
        id,
        dataset,
        source,
        slots,
        CellLocator::Grid(layout.clone()),
    );
    for problem in problems {
        draft.file_problem(problem);
    }
    if let Some(message) = failure {
        draft.file_problem(ProblemKind::BadSqlite { message });
    }
    let Ok(header) = header else {
        return draft;
    };
    for line in header + 1..view.rows() {
        if view.is_blank(line) {
            continue;
        }
        let (start, end) = layout.line_range(line);
        draft.begin_record(RecordPlace::new(start, end, line + 1), interner);
        for (slot, column) in columns.iter().enumerate() {
            match column {
                Some(column) => write_cell(&mut draft, &view, slot, line, *column, interner),
                None => draft.write_missing_silently(slot),
            }
        }
        draft.finish_record();
    }
    draft
}

/// The line of the header row: the one the binding names, or the first of
/// the first rows with values that names the most of the slots' columns
/// (none naming any is a problem). An SQLite result's is line 0.
fn find_header(grid: &GridView, slots: &[Slot], dataset: &str) -> Result<usize, Box<ProblemKind>> {
    let (sheet, header_row) = match &grid.layout.naming {
        GridNaming::Sqlite { .. } => return Ok(0),
        GridNaming::Sheet {
            sheet, header_row, ..
        } => (sheet, *header_row),
    };
    if let Some(row) = header_row {
        let line = row as usize - 1;
        if line >= grid.rows() || grid.is_blank(line) {
            return Err(Box::new(ProblemKind::EmptyHeaderRow { row }));
        }
        return Ok(line);
    }
    let mut best: Option<(usize, usize)> = None;
    for line in (0..grid.rows())
        .filter(|&line| !grid.is_blank(line))
        .take(HEADER_SEARCH_ROWS)
    {
        let names: Vec<String> = (0..grid.width())
            .map(|column| grid.header_name(line, column))
            .collect();
        let named = slots
            .iter()
            .filter(|slot| names.contains(&slot.column))
            .count();
        if best.is_none_or(|(_, most)| named > most) {
            best = Some((line, named));
        }
    }
    match best {
        Some((_, 0)) if !slots.is_empty() => {
            let columns: Vec<String> = slots.iter().map(|s| format!("`{}`", s.column)).collect();
            Err(Box::new(ProblemKind::NoHeaderRow {
                sheet: sheet.clone(),
                columns: columns.join(", "),
                help: format!("the first {HEADER_SEARCH_ROWS} rows with values were searched for the header row; name the columns so, or map the names the sheet uses in the project file: [datasets.{dataset}.columns] field = \"…\""),
            }))
        }
        Some((line, _)) => Ok(line),
        None => Err(Box::new(ProblemKind::EmptySheet {
            sheet: sheet.clone(),
            help: "a sheet read as a dataset has a header row naming the columns, and a row per record below it; `sheet = \"…\"` names the sheet to read".to_owned(),
        })),
    }
}

/// Writes one cell into its slot's column.
fn write_cell(
    draft: &mut TableDraft,
    grid: &GridView,
    slot: usize,
    line: usize,
    column: usize,
    interner: &mut Interner,
) {
    let kind = grid.kind(line, column);
    let value = grid.value(line, column);
    let refused = match kind {
        CellKind::Empty => return draft.write_missing(slot),
        CellKind::Error => Some(ProblemKind::CellError {
            error: value.to_owned(),
            place: draft.place_of_current(slot),
            span: draft.cell_span(CellRef { slot, item: None }),
        }),
        CellKind::Blob => Some(ProblemKind::Blob {
            // Rendered `<blob: 12 bytes>`.
            len: value
                .split(|c: char| !c.is_ascii_digit())
                .find_map(|n| n.parse().ok())
                .unwrap_or(0),
            place: draft.place_of_current(slot),
            span: draft.cell_span(CellRef { slot, item: None }),
        }),
        CellKind::BadText => Some(ProblemKind::InvalidText {
            place: draft.place_of_current(slot),
            span: draft.cell_span(CellRef { slot, item: None }),
        }),
        CellKind::Number | CellKind::DateTime => {
            not_a_date(draft, grid.layout, slot, kind).map(|error| {
                let span = draft.cell_span(CellRef { slot, item: None });
                ProblemKind::bad_value(error, value, &draft.place_of_current(slot), span)
            })
        }
        CellKind::Text | CellKind::Bool | CellKind::Date => None,
    };
    match refused {
        Some(problem) => draft.record_problem(problem),
        None => draft.write_text(slot, value.trim(), interner),
    }
}

/// Why a number, or a date with a time of day, cannot fill a date slot
/// (when it cannot): said plainly rather than "not a date".
fn not_a_date(
    draft: &TableDraft,
    layout: &GridLayout,
    slot: usize,
    kind: CellKind,
) -> Option<ValueError> {
    let (field, bound) = (draft.slots[slot].field, draft.slots[slot].bound);
    let date = match (&draft.columns[field], bound) {
        (Column::Date(_), _) | (Column::Lifetime { .. }, Bound::From | Bound::To) => true,
        (Column::DateTime(_), _) => false,
        _ => return None,
    };
    let why = match (kind, &layout.naming) {
        (CellKind::DateTime, _) if date => "the cell holds a time of day as well",
        (CellKind::DateTime, _) => return None,
        (_, GridNaming::Sheet { .. }) => {
            "it is a number; if it is meant as a date, format the cell as a date"
        }
        (_, GridNaming::Sqlite { .. }) => "it is a number; store dates as text, such as 2021-03-01",
    };
    let why = Some(why.to_owned());
    Some(if date {
        ValueError::Date(why)
    } else {
        ValueError::DateTime(why)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_writes_them() {
        let letters: Vec<String> = [0, 3, 25, 26, 27, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(letters, ["A", "D", "Z", "AA", "AB", "ZZ", "AAA"]);
        assert_eq!(sheet_ref("整改台账"), "整改台账");
        assert_eq!(sheet_ref("Sheet 1"), "'Sheet 1'");
        assert_eq!(sheet_ref("O'Brien"), "'O''Brien'");
    }

    #[test]
    fn rendering_cuts_long_cells_and_keeps_their_values() {
        let mut grid = Grid::new(3, GridNaming::Sqlite { rowids: None });
        grid.push_cell(CellKind::Text, "id");
        grid.push_cell(CellKind::Text, "整改\n时限");
        grid.end_row();
        grid.push_cell(CellKind::Empty, "");
        grid.end_row();
        let long = "长".repeat(50);
        grid.push_cell(CellKind::Text, "A1");
        grid.push_cell(CellKind::Number, "12");
        grid.push_cell(CellKind::Text, &long);
        grid.end_row();
        let shown = format!("id | 整改↵时限 | \n\nA1 | 12 | {}…\n", "长".repeat(39));
        assert_eq!(grid.text, shown);
        let view = grid.view();
        assert_eq!(view.value(0, 1), "整改\n时限");
        assert_eq!(view.header_name(0, 1), "整改时限");
        assert_eq!(view.value(2, 2), long);
        assert!(view.is_blank(1));
        assert_eq!(grid.layout.line_range(2), (25, grid.text.len() - 1));
        assert_eq!(grid.layout.column_at(0), Some(0));
        assert_eq!(grid.layout.column_at(29), Some(0));
        assert_eq!(grid.layout.column_at(30), Some(1));
        assert_eq!(grid.layout.column_at(35), Some(2));
    }
}
