//! Indexes built once before evaluation and shared by every rule. For each
//! source over a dataset, a plan splits its filter into the conjuncts that
//! fix one of the record's fields to a value from outside the record
//! (`a.org == org`, `a.type == "study"`) and the rest. The rows are grouped
//! by the values of the fixed fields, each group sorted by time, so that an
//! aggregate reads only its group, only the part inside its window, and
//! checks only the rest of its filter on each row: a count whose whole
//! filter the index answers is the length of a slice. Sources that fix the
//! same fields share one index.

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::filter;
use super::period::Day;
use super::value::{datetime_day, Value};
use super::World;
use crate::check::ir::{Compare, Expr, ExprKind, Source, SourceBase, Step};
use crate::check::Program;
use crate::data::{Column, DayCell};
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
        within(&self.rows, &self.times, lo, hi)
    }
}

/// The part of `rows` (sorted by `times`) dated from `lo` to `hi`; all of
/// them when there are no times.
fn within<'r>(rows: &'r [u32], times: &[Day], lo: Day, hi: Day) -> &'r [u32] {
    if times.is_empty() {
        return rows;
    }
    let start = times.partition_point(|t| *t < lo);
    let end = times.partition_point(|t| *t <= hi);
    &rows[start..end.max(start)]
}

/// One level of a grouping: from the group of the fields before (0 before
/// the first) and the value of this level's field, to a group.
type Level = FxHashMap<(u32, IndexKey), u32>;

/// A dataset's rows grouped by the values of some of its fields.
#[derive(Debug, PartialEq)]
pub struct Groups {
    /// One map per field, in order: from the group of the fields before it
    /// (0 before the first) and the field's value to the group of the fields
    /// so far. The last map's groups are the groups of `rows`.
    levels: Vec<Level>,
    /// Group `g` holds `rows[starts[g]..starts[g + 1]]`, sorted by time.
    starts: Vec<u32>,
    rows: Vec<u32>,
    /// The time of each row of `rows` (empty for an untimed dataset).
    times: Vec<Day>,
}

impl Groups {
    /// The rows whose fields hold `keys` (in the index's field order),
    /// dated from `lo` to `hi`.
    pub fn rows(&self, keys: &[IndexKey], lo: Day, hi: Day) -> &[u32] {
        let mut group = 0;
        for (level, key) in self.levels.iter().zip(keys) {
            match level.get(&(group, *key)) {
                Some(&next) => group = next,
                None => return &[],
            }
        }
        let range = self.starts[group as usize] as usize..self.starts[group as usize + 1] as usize;
        let times = self.times.get(range.clone()).unwrap_or_default();
        within(&self.rows[range], times, lo, hi)
    }
}

/// How a source over a dataset whose filter fixes fields finds its rows.
#[derive(Debug)]
pub struct Plan<'p> {
    /// The grouping that answers the equality conjuncts.
    pub index: usize,
    /// Each field the grouping is by, in its order, and the expression the
    /// field must equal.
    pub fixed: Vec<(FieldId, &'p Expr)>,
    /// The conjuncts left to check on each row the index gives.
    pub residual: Vec<&'p Expr>,
}

#[derive(Debug)]
pub struct Indexes<'p> {
    /// Every row of each dataset, by dataset, sorted when first asked for.
    all: Vec<OnceLock<Rows>>,
    /// The groupings the plans use, each by a dataset and a list of fields.
    groups: Vec<Groups>,
    /// Plans by the address of their source in the program; a source whose
    /// filter fixes no field has none.
    plans: FxHashMap<usize, Plan<'p>>,
}

/// Where a plan is filed: the source's address, stable while the program
/// that holds it lives.
fn plan_id(source: &Source) -> usize {
    source as *const Source as usize
}

impl<'p> Indexes<'p> {
    /// Plans every source of the program over a dataset and builds the
    /// groupings the plans use, in parallel.
    pub fn build(world: &World, program: &'p Program) -> Indexes<'p> {
        let mut sources = Vec::new();
        for rule in &program.rules {
            for step in &rule.steps {
                match step {
                    Step::Each { source, .. } => collect_source(source, &mut sources),
                    Step::Let { value, .. } => collect_expr(value, &mut sources),
                }
            }
            collect_expr(&rule.require, &mut sources);
        }
        let mut wanted: Vec<(DatasetId, Vec<FieldId>)> = Vec::new();
        let mut plans = FxHashMap::default();
        for source in sources {
            let SourceBase::Dataset(d) = source.base else {
                continue;
            };
            let (fixed, residual) = split_filter(world, source, d);
            if fixed.is_empty() {
                continue;
            }
            let fields: Vec<FieldId> = fixed.iter().map(|(f, _)| *f).collect();
            let index = match wanted.iter().position(|w| w.0 == d && w.1 == fields) {
                Some(index) => index,
                None => {
                    wanted.push((d, fields));
                    wanted.len() - 1
                }
            };
            let plan = Plan {
                index,
                fixed,
                residual,
            };
            plans.insert(plan_id(source), plan);
        }
        let groups = wanted
            .par_iter()
            .map(|(d, fields)| group(world, *d, fields))
            .collect();
        Indexes {
            all: (0..world.schema.datasets.len())
                .map(|_| OnceLock::new())
                .collect(),
            groups,
            plans,
        }
    }

    /// Every row of dataset `d`, sorted by time.
    pub fn all(&self, world: &World, d: DatasetId) -> &Rows {
        self.all[d].get_or_init(|| sorted_rows(world, d, 0..world.db.tables[d].len as u32))
    }

    /// The plan of a source over a dataset, if its filter fixes fields.
    pub fn plan(&self, source: &Source) -> Option<&Plan<'p>> {
        self.plans.get(&plan_id(source))
    }

    pub fn groups(&self, index: usize) -> &Groups {
        &self.groups[index]
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
    dated.par_sort_unstable();
    Rows {
        times: dated.iter().map(|(t, _)| *t).collect(),
        rows: dated.into_iter().map(|(_, r)| r).collect(),
    }
}

fn time_at(column: &Column, row: u32) -> Option<Day> {
    match column {
        Column::Date(v) => v[row as usize].map(DayCell::get),
        Column::DateTime(v) => v[row as usize].map(datetime_day),
        _ => None,
    }
}

/// A row in no group.
const NO_GROUP: u32 = u32::MAX;

/// Rows grouped by a part of a table, read on one thread.
struct PartGroups {
    /// Each level's groups in the order they were met: the group of the
    /// fields before (0 before the first) and the field's value.
    levels: Vec<Vec<(u32, IndexKey)>>,
    /// The group of each row of the part, or `NO_GROUP`.
    group_of: Vec<u32>,
}

/// The rows of dataset `d` grouped by the values of `fields`, each group
/// sorted by time. A row missing one of the values, or its time, is in no
/// group: it cannot equal a value, nor fall in a window.
///
/// Parts of the table are grouped in parallel, each with groups of its own;
/// their groups are then met again in order, so that the groups are
/// numbered as if one thread had read every row.
fn group(world: &World, d: DatasetId, fields: &[FieldId]) -> Groups {
    let table = &world.db.tables[d];
    let time = world.schema.datasets[d].time.map(|t| &table.columns[t]);
    let columns: Vec<&Column> = fields.iter().map(|f| &table.columns[*f]).collect();
    let rows = table.len as u32;
    let part_len = (rows / (4 * rayon::current_num_threads() as u32).max(1)).max(1 << 16);
    group_rows(rows, time, &columns, part_len)
}

/// [`group`] over `columns` of `rows` rows, in parts of `part_len` rows.
fn group_rows(rows: u32, time: Option<&Column>, columns: &[&Column], part_len: u32) -> Groups {
    let parts: Vec<PartGroups> = (0..rows.div_ceil(part_len))
        .into_par_iter()
        .map(|part| {
            let range = part * part_len..((part + 1) * part_len).min(rows);
            group_part(range, time, columns)
        })
        .collect();
    let (levels, parts) = renumber(parts, columns.len());
    let (starts, mut sorted) = sort_by_group(&parts, levels.last().map_or(0, |l| l.len()));
    drop(parts);
    let mut times = Vec::new();
    if let Some(time) = time {
        times = sorted
            .par_iter()
            .map(|&r| time_at(time, r).unwrap_or_default())
            .collect();
        sort_groups_by_time(&starts, &mut sorted, &mut times);
    }
    Groups {
        levels,
        starts,
        rows: sorted,
        times,
    }
}

/// Numbers the groups of the parts as one pass over all rows would: each
/// part's groups are met again in order, new ones numbered next. Returns
/// each level's groups and the parts with their rows' groups renumbered.
fn renumber(mut parts: Vec<PartGroups>, fields: usize) -> (Vec<Level>, Vec<PartGroups>) {
    let mut levels: Vec<Level> = vec![Level::default(); fields];
    let renumbered: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| {
            let mut renumbered: Vec<u32> = Vec::new();
            for (level, met) in levels.iter_mut().zip(&part.levels) {
                renumbered = met
                    .iter()
                    .map(|&(parent, key)| {
                        let parent = renumbered.get(parent as usize).copied().unwrap_or(0);
                        let next = level.len() as u32;
                        *level.entry((parent, key)).or_insert(next)
                    })
                    .collect();
            }
            renumbered
        })
        .collect();
    parts
        .par_iter_mut()
        .zip(&renumbered)
        .for_each(|(part, renumbered)| {
            for g in &mut part.group_of {
                *g = renumbered.get(*g as usize).copied().unwrap_or(NO_GROUP);
            }
        });
    (levels, parts)
}

/// The rows of all parts, in row order, sorted by group (a counting sort,
/// which keeps each group in row order), and where each of the `count`
/// groups starts.
fn sort_by_group(parts: &[PartGroups], count: usize) -> (Vec<u32>, Vec<u32>) {
    let groups_of = || parts.iter().flat_map(|p| &p.group_of);
    let mut starts = vec![0u32; count + 1];
    for &g in groups_of().filter(|&&g| g != NO_GROUP) {
        starts[g as usize + 1] += 1;
    }
    for g in 0..count {
        starts[g + 1] += starts[g];
    }
    let mut next = starts.clone();
    let mut sorted = vec![0u32; starts[count] as usize];
    for (row, &g) in groups_of().enumerate() {
        if g != NO_GROUP {
            sorted[next[g as usize] as usize] = row as u32;
            next[g as usize] += 1;
        }
    }
    (starts, sorted)
}

/// Groups the rows of `range` (see [`group`]).
fn group_part(
    range: std::ops::Range<u32>,
    time: Option<&Column>,
    columns: &[&Column],
) -> PartGroups {
    let mut levels: Vec<Level> = vec![Level::default(); columns.len()];
    let group_of = range
        .map(|row| {
            if time.is_some_and(|t| time_at(t, row).is_none()) {
                return NO_GROUP;
            }
            let mut group = 0;
            for (level, column) in levels.iter_mut().zip(columns) {
                let Some(Some(key)) = cell_key(column, row) else {
                    return NO_GROUP;
                };
                let next = level.len() as u32;
                group = *level.entry((group, key)).or_insert(next);
            }
            group
        })
        .collect();
    let levels = levels
        .into_iter()
        .map(|level| {
            let mut met = vec![(0, 0); level.len()];
            for (parent_and_key, group) in level {
                met[group as usize] = parent_and_key;
            }
            met
        })
        .collect();
    PartGroups { levels, group_of }
}

/// Sorts each group (`rows[starts[g]..starts[g + 1]]`) by time, where it is
/// not already: rows are most often recorded in order.
fn sort_groups_by_time(starts: &[u32], rows: &mut [u32], times: &mut [Day]) {
    let unsorted: Vec<usize> = (0..starts.len().saturating_sub(1))
        .into_par_iter()
        .filter(|&g| !times[starts[g] as usize..starts[g + 1] as usize].is_sorted())
        .collect();
    for g in unsorted {
        let range = starts[g] as usize..starts[g + 1] as usize;
        let mut dated: Vec<(Day, u32)> = times[range.clone()]
            .iter()
            .copied()
            .zip(rows[range.clone()].iter().copied())
            .collect();
        dated.sort_unstable();
        for (i, (t, r)) in range.zip(dated) {
            times[i] = t;
            rows[i] = r;
        }
    }
}

/// The key of one cell: `Some(None)` for a missing value, `None` for a
/// column that cannot be keyed.
pub fn cell_key(column: &Column, row: u32) -> Option<Option<IndexKey>> {
    let r = row as usize;
    Some(match column {
        Column::Text(v) => v[r].map(|s| IndexKey::from(s.index())),
        Column::Ref(v) => v[r].map(|target| IndexKey::from(target.get())),
        Column::Int(v) | Column::DateTime(v) => v[r],
        Column::Date(v) => v[r].map(|day| IndexKey::from(day.get())),
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
        (FieldType::Text, Value::Sym(s)) => Some(IndexKey::from(s.index())),
        (FieldType::Text, Value::Str(s)) => interner.get(s).map(|s| IndexKey::from(s.index())),
        (FieldType::Int, Value::Int(i)) => Some(*i),
        (FieldType::Date, Value::Date(day)) => Some(IndexKey::from(*day)),
        (FieldType::Bool, Value::Bool(b)) => Some(IndexKey::from(*b)),
        _ => return None,
    })
}

/// Splits a source's filter into the conjuncts an index can answer (one
/// per field, by field: the field and the expression it must equal) and
/// the others, in order.
fn split_filter<'p>(
    world: &World,
    source: &'p Source,
    d: DatasetId,
) -> (Vec<(FieldId, &'p Expr)>, Vec<&'p Expr>) {
    let Some(filter) = &source.filter else {
        return (Vec::new(), Vec::new());
    };
    let mut fixed: Vec<(FieldId, &'p Expr)> = Vec::new();
    let mut residual = Vec::new();
    for part in filter::conjuncts(filter) {
        match equality(part, source.var, d) {
            Some((field, other))
                if is_indexable(&world.db.tables[d].columns[field])
                    && !fixed.iter().any(|(f, _)| *f == field) =>
            {
                fixed.push((field, other))
            }
            _ => residual.push(part),
        }
    }
    fixed.sort_by_key(|(field, _)| *field);
    (fixed, residual)
}

/// Whether the cells of `column` have keys ([`cell_key`]): within the
/// column, equal keys are equal values.
pub fn is_keyed(column: &Column) -> bool {
    matches!(
        column,
        Column::Text(_)
            | Column::Ref(_)
            | Column::Int(_)
            | Column::DateTime(_)
            | Column::Date(_)
            | Column::Bool(_)
    )
}

/// The columns whose values [`value_key`] can find in an index.
fn is_indexable(column: &Column) -> bool {
    matches!(
        column,
        Column::Text(_) | Column::Ref(_) | Column::Int(_) | Column::Date(_) | Column::Bool(_)
    )
}

/// A conjunct comparing one of the record's fields for equality with an
/// expression that does not read the record: the field and that expression.
fn equality(e: &Expr, var: usize, d: DatasetId) -> Option<(FieldId, &Expr)> {
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
                && matches!(record.kind, ExprKind::Var(v) if v == var)
                && !reads_var(other, var) =>
            {
                Some((*field, &**other))
            }
            _ => None,
        })
}

/// Whether `e` may read the record bound to `var`, or change as records
/// arrive: only plain values (variables, fields, literals, the period,
/// arithmetic on them) serve as index keys.
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
        _ => true,
    }
}

fn collect_source<'p>(source: &'p Source, out: &mut Vec<&'p Source>) {
    out.push(source);
    if let SourceBase::List(e) = &source.base {
        collect_expr(e, out);
    }
    if let Some(filter) = &source.filter {
        collect_expr(filter, out);
    }
}

/// Finds the sources nested anywhere in an expression.
fn collect_expr<'p>(e: &'p Expr, out: &mut Vec<&'p Source>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{RowRef, Sym};

    /// Grouped in parts of any size, rows get the groups, and the groups
    /// the numbers, of one pass over the whole table.
    #[test]
    fn parts_group_as_one_pass() {
        let rows = 50u32;
        let org = Column::Ref(
            (0..rows)
                .map(|r| (r % 7 != 3).then_some(RowRef::new(r * r % 5)))
                .collect(),
        );
        let kind = Column::Text((0..rows).map(|r| Some(Sym::new(r % 3))).collect());
        let time = Column::Date(
            (0..rows)
                .map(|r| (r % 11 != 5).then_some(DayCell::new(738_000 + (r as i32 * 37) % 19)))
                .collect(),
        );
        let whole = group_rows(rows, Some(&time), &[&org, &kind], rows);
        assert!(whole.levels[1].len() > 5, "{whole:?}");
        assert!(
            whole.times.windows(2).any(|w| w[0] > w[1]),
            "groups are many"
        );
        for part_len in [1, 3, 7, 16] {
            let parts = group_rows(rows, Some(&time), &[&org, &kind], part_len);
            assert_eq!(parts, whole, "parts of {part_len}");
        }
        // Each group is in time order; only rows with both values and a time are grouped.
        for g in 0..whole.starts.len() - 1 {
            let range = whole.starts[g] as usize..whole.starts[g + 1] as usize;
            assert!(whole.times[range].is_sorted());
        }
        let grouped = (0..rows).filter(|r| r % 7 != 3 && r % 11 != 5).count();
        assert_eq!(whole.rows.len(), grouped);
    }
}
