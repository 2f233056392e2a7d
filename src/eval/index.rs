//! Indexes built once before evaluation and shared by every rule: the rows
//! of each timed dataset sorted by time, and, for every field that a filter
//! compares with a value from outside its record (`a.org == org`), the rows
//! grouped by that field's value, each group sorted by time. An aggregate
//! then reads only its group, and only the part of it inside its window.

use rustc_hash::FxHashMap;

use super::filter;
use super::period::Day;
use super::value::{datetime_day, Value};
use super::World;
use crate::check::ir::{Compare, Expr, ExprKind, Source, SourceBase, Step};
use crate::check::Program;
use crate::data::Column;
use crate::schema::{DatasetId, FieldId, FieldType};

/// The value of an indexed cell: a text symbol, a referenced row, a number,
/// a day or a truth value, all as integers.
pub type IndexKey = i64;

/// Rows of one dataset, sorted by time (untimed datasets keep row order).
#[derive(Debug, Default)]
pub struct Rows {
    pub rows: Vec<u32>,
    /// The time of each row of `rows`, for binary search.
    pub times: Vec<Day>,
}

impl Rows {
    /// The rows dated from `lo` to `hi`, inclusive (all rows when untimed).
    pub fn within(&self, lo: Day, hi: Day) -> &[u32] {
        if self.times.is_empty() {
            return &self.rows;
        }
        let start = self.times.partition_point(|t| *t < lo);
        let end = self.times.partition_point(|t| *t <= hi);
        &self.rows[start..end.max(start)]
    }
}

#[derive(Debug, Default)]
pub struct Indexes {
    /// Every row of each dataset, by dataset.
    pub all: Vec<Rows>,
    /// Rows grouped by the value of one field.
    pub by_field: FxHashMap<(DatasetId, FieldId), FxHashMap<IndexKey, Rows>>,
}

impl Indexes {
    /// Builds the indexes the program's sources can use.
    pub fn build(world: &World, program: &Program) -> Indexes {
        let all = (0..world.schema.datasets.len())
            .map(|d| sorted_rows(world, d, 0..world.db.tables[d].len as u32))
            .collect();
        let mut wanted = Vec::new();
        for rule in &program.rules {
            for step in &rule.steps {
                match step {
                    Step::Each { source, .. } => collect_source(source, &mut wanted),
                    Step::Let { value, .. } => collect_expr(value, &mut wanted),
                }
            }
            collect_expr(&rule.require, &mut wanted);
        }
        wanted.sort_unstable();
        wanted.dedup();
        let by_field = wanted
            .into_iter()
            .filter_map(|(d, f)| Some(((d, f), group(world, d, f)?)))
            .collect();
        Indexes { all, by_field }
    }
}

/// The rows in order of time; untimed datasets keep their row order and
/// carry no times.
fn sorted_rows(world: &World, d: DatasetId, rows: impl Iterator<Item = u32>) -> Rows {
    let Some(time) = world.schema.datasets[d].time else {
        return Rows {
            rows: rows.collect(),
            times: Vec::new(),
        };
    };
    let column = &world.db.tables[d].columns[time];
    let mut dated: Vec<(Day, u32)> = rows
        .filter_map(|r| Some((time_at(column, r)?, r)))
        .collect();
    dated.sort_unstable();
    Rows {
        times: dated.iter().map(|(t, _)| *t).collect(),
        rows: dated.into_iter().map(|(_, r)| r).collect(),
    }
}

fn time_at(column: &Column, row: u32) -> Option<Day> {
    match column {
        Column::Date(v) => v[row as usize],
        Column::DateTime(v) => v[row as usize].map(datetime_day),
        _ => None,
    }
}

/// The rows of dataset `d` grouped by field `f`; `None` for fields that
/// cannot be keyed (lists, decimals, lifetimes).
fn group(world: &World, d: DatasetId, f: FieldId) -> Option<FxHashMap<IndexKey, Rows>> {
    let column = &world.db.tables[d].columns[f];
    let mut groups: FxHashMap<IndexKey, Vec<u32>> = FxHashMap::default();
    for row in 0..world.db.tables[d].len as u32 {
        if let Some(key) = cell_key(column, row)? {
            groups.entry(key).or_default().push(row);
        }
    }
    Some(
        groups
            .into_iter()
            .map(|(k, rows)| (k, sorted_rows(world, d, rows.into_iter())))
            .collect(),
    )
}

/// The key of one cell: `Some(None)` for a missing value, `None` for a
/// column that cannot be keyed.
fn cell_key(column: &Column, row: u32) -> Option<Option<IndexKey>> {
    let r = row as usize;
    Some(match column {
        Column::Text(v) => v[r].map(|s| IndexKey::from(s.0)),
        Column::Ref(v) => v[r].map(IndexKey::from),
        Column::Int(v) | Column::DateTime(v) => v[r],
        Column::Date(v) => v[r].map(IndexKey::from),
        Column::Bool(v) => v[r].map(IndexKey::from),
        _ => return None,
    })
}

/// The key a value from outside the record has in the column of field `f`
/// of dataset `d`: `Some(None)` when no row can match it (a text that no
/// record holds), `None` when the index cannot answer.
pub fn value_key(
    world: &World,
    d: DatasetId,
    f: FieldId,
    value: &Value,
) -> Option<Option<IndexKey>> {
    let field = &world.schema.datasets[d].fields[f];
    let interner = &world.db.interner;
    Some(match (&field.ty, value) {
        (FieldType::Ref(target), Value::Record(e, row)) if e == target => {
            Some(IndexKey::from(*row))
        }
        (FieldType::Ref(target), Value::Sym(_) | Value::Str(_)) => {
            let sym = interner.get(value.text(world)?);
            sym.and_then(|s| world.db.tables[*target].row_of_key_text(s))
                .map(IndexKey::from)
        }
        (FieldType::Ref(target), Value::Int(i)) => world.db.tables[*target]
            .row_of_key_int(*i)
            .map(IndexKey::from),
        (FieldType::Text, Value::Sym(s)) => Some(IndexKey::from(s.0)),
        (FieldType::Text, Value::Str(s)) => interner.get(s).map(|s| IndexKey::from(s.0)),
        (FieldType::Int, Value::Int(i)) => Some(*i),
        (FieldType::Date, Value::Date(day)) => Some(IndexKey::from(*day)),
        (FieldType::Bool, Value::Bool(b)) => Some(IndexKey::from(*b)),
        _ => return None,
    })
}

/// The first conjunct of a source's filter that compares one of the
/// record's fields for equality with an expression that does not read the
/// record: the field and that expression.
pub fn equality_key(source: &Source) -> Option<(FieldId, &Expr)> {
    let SourceBase::Dataset(d) = source.base else {
        return None;
    };
    filter::conjuncts(source.filter.as_ref()?)
        .into_iter()
        .find_map(|e| {
            let ExprKind::Compare(Compare::Eq, a, b) = &e.kind else {
                return None;
            };
            [(a, b), (b, a)]
                .into_iter()
                .find_map(|(field_side, other)| match &field_side.kind {
                    ExprKind::Field {
                        record,
                        dataset,
                        field,
                    } if *dataset == d
                        && matches!(record.kind, ExprKind::Var(v) if v == source.var)
                        && !reads_var(other, source.var) =>
                    {
                        Some((*field, &**other))
                    }
                    _ => None,
                })
        })
}

fn reads_var(e: &Expr, var: usize) -> bool {
    match &e.kind {
        ExprKind::Var(v) => *v == var,
        ExprKind::Field { record, .. } => reads_var(record, var),
        ExprKind::Text(_)
        | ExprKind::Int(_)
        | ExprKind::Decimal(_)
        | ExprKind::Date(_)
        | ExprKind::Bool(_)
        | ExprKind::Period
        | ExprKind::PeriodField(_) => false,
        ExprKind::Arith(_, a, b) => reads_var(a, var) || reads_var(b, var),
        // Anything else is not used as an index key.
        _ => true,
    }
}

fn collect_source(source: &Source, out: &mut Vec<(DatasetId, FieldId)>) {
    if let (SourceBase::Dataset(d), Some((f, _))) = (&source.base, equality_key(source)) {
        out.push((*d, f));
    }
    if let SourceBase::List(e) = &source.base {
        collect_expr(e, out);
    }
    if let Some(filter) = &source.filter {
        collect_expr(filter, out);
    }
}

/// Finds the sources nested anywhere in an expression.
fn collect_expr(e: &Expr, out: &mut Vec<(DatasetId, FieldId)>) {
    match &e.kind {
        ExprKind::Aggregate { value, source, .. } => {
            collect_source(source, out);
            if let Some(v) = value {
                collect_expr(v, out);
            }
        }
        ExprKind::Quantifier {
            source, condition, ..
        } => {
            collect_source(source, out);
            collect_expr(condition, out);
        }
        ExprKind::Collection(source) => collect_source(source, out),
        ExprKind::List(items) => items.iter().for_each(|i| collect_expr(i, out)),
        ExprKind::Field { record, .. } => collect_expr(record, out),
        ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::HalfOf(a) => collect_expr(a, out),
        ExprKind::Presence { expr, .. } => collect_expr(expr, out),
        ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::In(a, b)
        | ExprKind::WorkdaysBetween(a, b)
        | ExprKind::AliveAt { record: a, date: b }
        | ExprKind::Within { lhs: a, rhs: b, .. }
        | ExprKind::DateBy {
            date: a,
            deadline: b,
        }
        | ExprKind::ConditionBy {
            condition: a,
            deadline: b,
        } => {
            collect_expr(a, out);
            collect_expr(b, out);
        }
        _ => {}
    }
}
