//! Runtime values and how they read in a report.

use std::cmp::Ordering;
use std::rc::Rc;

use super::period::{format_day, Day};
use super::World;
use crate::data::Sym;
use crate::schema::DatasetId;
use crate::syntax::ast::TimeUnit;

#[derive(Debug, Clone)]
pub enum Value<'a> {
    /// An optional field with no value.
    Missing,
    /// A ratio over an empty population.
    Undefined,
    Bool(bool),
    Int(i64),
    Decimal(f64),
    /// Text read from data.
    Sym(Sym),
    /// Text written in a rule, or a period's label.
    Str(&'a str),
    Date(Day),
    /// Seconds since 1970-01-01T00:00.
    DateTime(i64),
    Duration(i64, TimeUnit),
    Record(DatasetId, u32),
    /// Records of one dataset (a `let` collection, a list of references).
    Rows(DatasetId, Rc<Vec<u32>>),
    List(Rc<Vec<Value<'a>>>),
    Period,
}

/// Day number of 1970-01-01.
const EPOCH_DAY: Day = 719_163;

pub fn datetime_day(seconds: i64) -> Day {
    (seconds.div_euclid(86_400) as Day) + EPOCH_DAY
}

impl<'a> Value<'a> {
    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    /// The day of a date or date-time.
    pub fn as_day(&self) -> Option<Day> {
        match self {
            Value::Date(d) => Some(*d),
            Value::DateTime(s) => Some(datetime_day(*s)),
            _ => None,
        }
    }

    pub fn text<'b>(&'b self, world: &'b World) -> Option<&'b str> {
        match self {
            Value::Sym(s) => Some(world.db.interner.resolve(*s)),
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Orders two values of comparable types; `None` when either is missing
    /// or the types do not compare.
    pub fn compare(&self, other: &Value<'a>, world: &World) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Missing | Undefined, _) | (_, Missing | Undefined) => None,
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Sym(a), Sym(b)) if a == b => Some(Ordering::Equal),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Some(a.cmp(b)),
            (Record(da, a), Record(db, b)) => (da == db).then(|| a.cmp(b)),
            (Record(d, row), key) | (key, Record(d, row)) => {
                let key_value = record_key(world, *d, *row)?;
                let ord = key_value.compare(key, world)?;
                // Keep the order of the arguments.
                Some(if matches!(self, Record(..)) {
                    ord
                } else {
                    ord.reverse()
                })
            }
            (a, b) => {
                if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
                    return x.partial_cmp(&y);
                }
                if let (Some(x), Some(y)) = (a.as_day(), b.as_day()) {
                    return Some(x.cmp(&y));
                }
                Some(a.text(world)?.cmp(b.text(world)?))
            }
        }
    }

    /// How the value reads in a report.
    pub fn display(&self, world: &World) -> String {
        match self {
            Value::Missing => "missing".into(),
            Value::Undefined => "undefined".into(),
            Value::Bool(b) => if *b { "true" } else { "false" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Decimal(d) => format_decimal(*d),
            Value::Sym(s) => world.db.interner.resolve(*s).to_owned(),
            Value::Str(s) => (*s).to_owned(),
            Value::Date(d) => format_day(*d),
            Value::DateTime(s) => chrono::DateTime::from_timestamp(*s, 0).map_or_else(
                || s.to_string(),
                |t| t.naive_utc().format("%Y-%m-%d %H:%M").to_string(),
            ),
            Value::Duration(n, unit) => format!("{n} {unit:?}").to_lowercase() + "s",
            Value::Record(d, row) => record_label(world, *d, *row),
            Value::Rows(_, rows) => format!("{} records", rows.len()),
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(|v| v.display(world)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Period => "period".into(),
        }
    }
}

/// A decimal with at most 4 places and no trailing zeros; ratios read as
/// percentages elsewhere.
pub fn format_decimal(d: f64) -> String {
    let s = format!("{d:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

/// The key of a record as a value, if its dataset has a key.
pub fn record_key<'a>(world: &World<'a>, dataset: DatasetId, row: u32) -> Option<Value<'a>> {
    let table = &world.db.tables[dataset];
    let key = world.schema.datasets[dataset].key?;
    match &table.columns[key] {
        crate::data::Column::Text(v) => v[row as usize].map(Value::Sym),
        crate::data::Column::Int(v) => v[row as usize].map(Value::Int),
        crate::data::Column::UniqueText { text, ends } => {
            crate::data::Column::unique_text_at(text, ends, row as usize).map(Value::Str)
        }
        _ => None,
    }
}

/// How a record is named in a report: its key, or its row number.
pub fn record_label(world: &World, dataset: DatasetId, row: u32) -> String {
    match record_key(world, dataset, row) {
        Some(key) => key.display(world),
        None => format!("#{}", row + 1),
    }
}
