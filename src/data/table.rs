//! Loaded datasets as typed columns: what the evaluator reads.

use std::fmt;
use std::num::{NonZeroI32, NonZeroU32};

use super::interner::{plus_one, Interner, Sym};
use super::keys::{KeyRows, KeyValue};
use crate::schema::{Dataset, DatasetId, FieldId, FieldType};

/// A date as days since the common era (`NaiveDate::num_days_from_ce`).
pub type Day = i32;

/// A date cell: a [`Day`] kept with its sign bit flipped. No calendar
/// date is `i32::MIN` days from the common era, so none is kept as zero,
/// and a missing date (`None`) takes no more room than a present one.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayCell(NonZeroI32);

impl DayCell {
    /// # Panics
    /// If `day` is `i32::MIN`, which no calendar date is.
    pub fn new(day: Day) -> DayCell {
        match NonZeroI32::new(day ^ i32::MIN) {
            Some(stored) => DayCell(stored),
            None => panic!("day number {day} is no calendar date"),
        }
    }

    pub fn get(self) -> Day {
        self.0.get() ^ i32::MIN
    }
}

impl fmt::Debug for DayCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DayCell").field(&self.get()).finish()
    }
}

/// A ref cell: the row of the referenced table it names or, while its file
/// is read, the symbol of the key as written. Stored plus one, like a
/// [`Sym`], so that a missing ref takes no more room than a present one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowRef(NonZeroU32);

impl RowRef {
    /// # Panics
    /// If `row` is `u32::MAX`.
    pub fn new(row: u32) -> RowRef {
        RowRef(plus_one(row, "row"))
    }

    pub fn get(self) -> u32 {
        self.0.get() - 1
    }
}

/// The values of one field for every row of a table; `None` is a missing value.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Text(Vec<Option<Sym>>),
    Int(Vec<Option<i64>>),
    Decimal(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Date(Vec<Option<DayCell>>),
    /// Seconds since 1970-01-01T00:00, local time as written (no time zone).
    DateTime(Vec<Option<i64>>),
    /// Row index into the referenced dataset's table.
    Ref(Vec<Option<RowRef>>),
    /// Row `i`'s items are `items[offsets[i]..offsets[i + 1]]`; there is one
    /// more offset than rows. A list is never missing, only empty.
    List {
        offsets: Vec<u32>,
        items: Box<Column>,
    },
    /// First and last day of existence; a missing bound is open.
    Lifetime {
        from: Vec<Option<Day>>,
        to: Vec<Option<Day>>,
    },
    /// Text written end to end instead of interned: the key of a dataset
    /// that no ref points to. Its values all differ, so interning them
    /// would only fill the interner's table, and a large file of records
    /// (an activity log) is mostly its ids. Row `i` is
    /// `text[ends[i - 1]..ends[i]]`; empty text is a missing value.
    UniqueText {
        text: String,
        ends: Vec<u32>,
    },
}

impl Column {
    /// An empty column for values of type `ty`.
    pub fn for_type(ty: &FieldType) -> Column {
        match ty {
            FieldType::Text => Column::Text(Vec::new()),
            FieldType::Int => Column::Int(Vec::new()),
            FieldType::Decimal => Column::Decimal(Vec::new()),
            FieldType::Bool => Column::Bool(Vec::new()),
            FieldType::Date => Column::Date(Vec::new()),
            FieldType::DateTime => Column::DateTime(Vec::new()),
            FieldType::Ref(_) => Column::Ref(Vec::new()),
            FieldType::List(item) => Column::List {
                offsets: vec![0],
                items: Box::new(Column::for_type(item)),
            },
            FieldType::Lifetime => Column::Lifetime {
                from: Vec::new(),
                to: Vec::new(),
            },
        }
    }

    /// An empty column of unique text (see [`Column::UniqueText`]).
    pub fn unique_text() -> Column {
        Column::UniqueText {
            text: String::new(),
            ends: Vec::new(),
        }
    }

    /// The text of row `row` of a unique-text column; `None` when missing.
    pub fn unique_text_at<'t>(text: &'t str, ends: &[u32], row: usize) -> Option<&'t str> {
        let start = match row {
            0 => 0,
            _ => *ends.get(row - 1)? as usize,
        };
        let value = text.get(start..*ends.get(row)? as usize)?;
        (!value.is_empty()).then_some(value)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Int(v) | Column::DateTime(v) => v.len(),
            Column::Decimal(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::Ref(v) => v.len(),
            Column::List { offsets, .. } => offsets.len().saturating_sub(1),
            Column::Lifetime { from, .. } => from.len(),
            Column::UniqueText { ends, .. } => ends.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items of row `row` of a list column.
    pub fn list_range(offsets: &[u32], row: usize) -> std::ops::Range<usize> {
        offsets[row] as usize..offsets[row + 1] as usize
    }

    /// Makes room for `rows` more rows.
    pub(crate) fn reserve(&mut self, rows: usize) {
        match self {
            Column::Text(v) => v.reserve(rows),
            Column::Int(v) | Column::DateTime(v) => v.reserve(rows),
            Column::Decimal(v) => v.reserve(rows),
            Column::Bool(v) => v.reserve(rows),
            Column::Date(v) => v.reserve(rows),
            Column::Ref(v) => v.reserve(rows),
            Column::List { offsets, .. } => offsets.reserve(rows),
            Column::Lifetime { from, to } => {
                from.reserve(rows);
                to.reserve(rows);
            }
            Column::UniqueText { ends, .. } => ends.reserve(rows),
        }
    }

    /// Appends a missing value (an empty list for a list column).
    pub(crate) fn push_missing(&mut self) {
        match self {
            Column::Text(v) => v.push(None),
            Column::Int(v) | Column::DateTime(v) => v.push(None),
            Column::Decimal(v) => v.push(None),
            Column::Bool(v) => v.push(None),
            Column::Date(v) => v.push(None),
            Column::Ref(v) => v.push(None),
            Column::List { offsets, .. } => offsets.push(offsets.last().copied().unwrap_or(0)),
            Column::Lifetime { from, to } => {
                from.push(None);
                to.push(None);
            }
            Column::UniqueText { text, ends } => ends.push(text.len() as u32),
        }
    }

    /// Drops every row from `rows` on, including a half-written one.
    pub(crate) fn truncate(&mut self, rows: usize) {
        match self {
            Column::Text(v) => v.truncate(rows),
            Column::Int(v) | Column::DateTime(v) => v.truncate(rows),
            Column::Decimal(v) => v.truncate(rows),
            Column::Bool(v) => v.truncate(rows),
            Column::Date(v) => v.truncate(rows),
            Column::Ref(v) => v.truncate(rows),
            Column::List { offsets, items } => {
                offsets.truncate(rows + 1);
                items.truncate(offsets.last().copied().unwrap_or(0) as usize);
            }
            Column::Lifetime { from, to } => {
                from.truncate(rows);
                to.truncate(rows);
            }
            Column::UniqueText { text, ends } => {
                ends.truncate(rows);
                text.truncate(ends.last().copied().unwrap_or(0) as usize);
            }
        }
    }

    /// Keeps the rows whose `keep` flag is set, in order.
    pub(crate) fn retain(&mut self, keep: &[bool]) {
        fn retain_vec<T>(values: &mut Vec<T>, keep: &[bool]) {
            let mut row = 0;
            values.retain(|_| {
                row += 1;
                keep[row - 1]
            });
        }
        match self {
            Column::Text(v) => retain_vec(v, keep),
            Column::Int(v) | Column::DateTime(v) => retain_vec(v, keep),
            Column::Decimal(v) => retain_vec(v, keep),
            Column::Bool(v) => retain_vec(v, keep),
            Column::Date(v) => retain_vec(v, keep),
            Column::Ref(v) => retain_vec(v, keep),
            Column::List { offsets, items } => {
                let mut keep_items = Vec::with_capacity(items.len());
                let mut kept_offsets = vec![0];
                for (row, &kept) in keep.iter().enumerate() {
                    let range = Column::list_range(offsets, row);
                    keep_items.resize(keep_items.len() + range.len(), kept);
                    if kept {
                        let last = kept_offsets.last().copied().unwrap_or(0);
                        kept_offsets.push(last + range.len() as u32);
                    }
                }
                items.retain(&keep_items);
                *offsets = kept_offsets;
            }
            Column::Lifetime { from, to } => {
                retain_vec(from, keep);
                retain_vec(to, keep);
            }
            Column::UniqueText { text, ends } => {
                let mut kept_text = String::new();
                let mut kept_ends = Vec::new();
                for row in (0..ends.len()).filter(|&row| keep[row]) {
                    kept_text.push_str(Column::unique_text_at(text, ends, row).unwrap_or(""));
                    kept_ends.push(kept_text.len() as u32);
                }
                *text = kept_text;
                *ends = kept_ends;
            }
        }
    }

    /// Rewrites every interned symbol (text, and refs still holding the
    /// key they name) with `remap`, also inside lists: for a column read
    /// with an interner of its own.
    pub(crate) fn remap_symbols(&mut self, remap: &impl Fn(u32) -> u32) {
        match self {
            Column::Text(values) => values
                .iter_mut()
                .flatten()
                .for_each(|sym| *sym = Sym::new(remap(sym.index()))),
            Column::Ref(values) => values
                .iter_mut()
                .flatten()
                .for_each(|key| *key = RowRef::new(remap(key.get()))),
            Column::List { items, .. } => items.remap_symbols(remap),
            _ => {}
        }
    }

    /// Appends the rows of `other`, a column of the same type.
    pub(crate) fn append(&mut self, other: Column) {
        match (self, other) {
            (Column::Text(a), Column::Text(b)) => a.extend(b),
            (Column::Int(a), Column::Int(b)) | (Column::DateTime(a), Column::DateTime(b)) => {
                a.extend(b)
            }
            (Column::Decimal(a), Column::Decimal(b)) => a.extend(b),
            (Column::Bool(a), Column::Bool(b)) => a.extend(b),
            (Column::Date(a), Column::Date(b)) => a.extend(b),
            (Column::Ref(a), Column::Ref(b)) => a.extend(b),
            (
                Column::List { offsets, items },
                Column::List {
                    offsets: more,
                    items: more_items,
                },
            ) => {
                let base = offsets.last().copied().unwrap_or(0);
                offsets.extend(more.iter().skip(1).map(|o| o + base));
                items.append(*more_items);
            }
            (Column::Lifetime { from, to }, Column::Lifetime { from: f, to: t }) => {
                from.extend(f);
                to.extend(t);
            }
            (Column::UniqueText { text, ends }, Column::UniqueText { text: t, ends: e }) => {
                let base = text.len() as u32;
                text.push_str(&t);
                ends.extend(e.iter().map(|end| end + base));
            }
            _ => unreachable!("a column appended to one of another type"),
        }
    }

    /// Rewrites every reference (also inside lists) with `remap`.
    pub(crate) fn remap_refs(&mut self, remap: &impl Fn(u32) -> u32) {
        match self {
            Column::Ref(values) => values
                .iter_mut()
                .flatten()
                .for_each(|row| *row = RowRef::new(remap(row.get()))),
            Column::List { items, .. } => items.remap_refs(remap),
            _ => {}
        }
    }
}

/// Where a row came from: a data file and the line its record starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin {
    /// Index into [`super::Database::files`].
    pub file: u32,
    /// 1-based line of the record in its file.
    pub line: u32,
}

/// The rows of one dataset.
#[derive(Debug, Clone)]
pub struct Table {
    pub dataset: DatasetId,
    pub len: usize,
    /// One column per schema field, in the schema's order.
    pub columns: Vec<Column>,
    pub origins: Vec<Origin>,
    /// The key field, as `index_keys` was last told.
    key: Option<FieldId>,
    keys: KeyRows,
}

impl Table {
    /// A table with no rows and one empty column per field of `schema`.
    pub fn empty(dataset: DatasetId, schema: &Dataset) -> Table {
        Table {
            dataset,
            len: 0,
            columns: schema
                .fields
                .iter()
                .map(|f| Column::for_type(&f.ty))
                .collect(),
            origins: Vec::new(),
            key: None,
            keys: KeyRows::default(),
        }
    }

    /// The row whose text key is `key` (see [`Table::rows_of_keys`]).
    pub fn row_of_key(&self, key: &str, interner: &Interner) -> Option<u32> {
        self.rows_of_keys(&[key], interner)[0]
    }

    /// The row of each text key of `keys`, however the key is stored: by
    /// symbol, or (for a key no ref points to) as unique text, which is
    /// searched for in one pass over the column for all of `keys`. Only
    /// waivers, naming a few units, look keys up so.
    pub fn rows_of_keys(&self, keys: &[&str], interner: &Interner) -> Vec<Option<u32>> {
        let Some(Column::UniqueText { text, ends }) = self.key.and_then(|k| self.columns.get(k))
        else {
            return keys
                .iter()
                .map(|key| self.row_of_key_text(interner.get(key)?))
                .collect();
        };
        let mut found = vec![None; keys.len()];
        for row in 0..ends.len() {
            let Some(value) = Column::unique_text_at(text, ends, row) else {
                continue;
            };
            for (slot, _) in found.iter_mut().zip(keys).filter(|(_, key)| **key == value) {
                slot.get_or_insert(row as u32);
            }
        }
        found
    }

    pub fn row_of_key_text(&self, key: Sym) -> Option<u32> {
        self.keys.get(KeyValue::Text(key))
    }

    /// The row of an int, date (day number), date-time (seconds), yes/no
    /// (0 or 1) or ref (row of the referenced table) key.
    pub fn row_of_key_int(&self, key: i64) -> Option<u32> {
        self.keys.get(KeyValue::Int(key))
    }

    /// Rebuilds the key lookup from the column of field `key`; call it after
    /// filling a table by hand. With duplicate keys the first row wins.
    pub fn index_keys(&mut self, key: Option<FieldId>) {
        let mut keys = KeyRows::default();
        if let Some(column) = key.and_then(|k| self.columns.get(k)) {
            for row in 0..column.len() {
                let key = match column {
                    Column::Ref(rows) => rows[row].map(|target| KeyValue::Int(target.get().into())),
                    column => KeyValue::of(column, row),
                };
                if let Some(key) = key {
                    keys.insert_first(key, row as u32);
                }
            }
        }
        self.key = key;
        self.keys = keys;
    }

    /// A loaded table: `columns` and `origins` hold `origins.len()` rows.
    pub(crate) fn from_rows(
        dataset: &Dataset,
        id: DatasetId,
        columns: Vec<Column>,
        origins: Vec<Origin>,
    ) -> Table {
        let mut table = Table {
            dataset: id,
            len: origins.len(),
            columns,
            origins,
            key: None,
            keys: KeyRows::default(),
        };
        table.index_keys(dataset.key);
        table
    }
}
