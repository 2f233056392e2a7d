//! Rows by key: how keys compare, and the lookup from a key to its row.

use rustc_hash::FxHashMap;

use super::interner::Sym;
use super::table::Column;

/// A key as compared for uniqueness and by refs: text by symbol; whole
/// numbers, dates (day numbers), date-times (seconds) and yes/no values
/// (0 or 1) as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum KeyValue {
    Text(Sym),
    Int(i64),
}

impl KeyValue {
    /// The key in row `row` of a key column of a plain type, if present.
    pub fn of(column: &Column, row: usize) -> Option<KeyValue> {
        match column {
            Column::Text(values) => Some(KeyValue::Text((*values.get(row)?)?)),
            Column::Int(values) | Column::DateTime(values) => {
                Some(KeyValue::Int((*values.get(row)?)?))
            }
            Column::Date(values) => Some(KeyValue::Int(values.get(row).copied()??.get().into())),
            Column::Bool(values) => Some(KeyValue::Int((*values.get(row)?)?.into())),
            _ => None,
        }
    }
}

/// The row of each key. Text keys are found by symbol in a dense vector,
/// since symbols are small consecutive numbers: no hashing on the way.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyRows {
    by_sym: Vec<u32>,
    by_int: FxHashMap<i64, u32>,
}

/// A symbol without a row in `KeyRows::by_sym`.
const NO_ROW: u32 = u32::MAX;

impl KeyRows {
    pub fn get(&self, key: KeyValue) -> Option<u32> {
        match key {
            KeyValue::Text(sym) => self
                .by_sym
                .get(sym.index() as usize)
                .copied()
                .filter(|&row| row != NO_ROW),
            KeyValue::Int(key) => self.by_int.get(&key).copied(),
        }
    }

    /// Gives `key` the row `row` unless it has one already.
    pub fn insert_first(&mut self, key: KeyValue, row: u32) {
        match key {
            KeyValue::Text(sym) => {
                let index = sym.index() as usize;
                if index >= self.by_sym.len() {
                    self.by_sym.resize(index + 1, NO_ROW);
                }
                if self.by_sym[index] == NO_ROW {
                    self.by_sym[index] = row;
                }
            }
            KeyValue::Int(key) => {
                self.by_int.entry(key).or_insert(row);
            }
        }
    }

    /// Makes room for `additional` more integer keys.
    pub fn reserve(&mut self, additional: usize) {
        self.by_int.reserve(additional);
    }
}
