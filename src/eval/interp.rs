//! The expression interpreter. Besides its value, every expression reports
//! whether records still to come (dated after the as-of date, before its
//! window closes) could make it rise or fall: that decides whether a failing
//! requirement is pending or already violated.

use std::cmp::Ordering;
use std::rc::Rc;

use rustc_hash::FxHashSet;

use super::filter;
use super::index::{self, Indexes};
use super::period::{add_months, from_date, to_date, Day, Period};
use super::value::{datetime_day, Value};
use super::World;
use crate::check::ir::{
    Arith, CheckedRule, Compare, Expr, ExprKind, PeriodField, Source, SourceBase, TimeWindow,
};
use crate::data::{Column, DayCell};
use crate::schema::DatasetId;
use crate::syntax::ast::{AggregateFn, Direction, TimeUnit};

/// A value and which way it can still move.
#[derive(Debug, Clone)]
pub struct Val<'a> {
    pub value: Value<'a>,
    pub can_rise: bool,
    pub can_fall: bool,
}

impl<'a> Val<'a> {
    pub fn fixed(value: Value<'a>) -> Self {
        Val {
            value,
            can_rise: false,
            can_fall: false,
        }
    }

    fn with(value: Value<'a>, can_rise: bool, can_fall: bool) -> Self {
        Val {
            value,
            can_rise,
            can_fall,
        }
    }

    /// `true` only for a present true value.
    pub fn holds(&self) -> bool {
        matches!(self.value, Value::Bool(true))
    }

    /// `self and other`: it can come to hold if each part holds or can,
    /// and stop holding if either part can.
    fn and(&self, other: &Val<'a>) -> Val<'a> {
        let holds = self.holds() && other.holds();
        let can_rise =
            !holds && (self.holds() || self.can_rise) && (other.holds() || other.can_rise);
        let can_fall = holds && (self.can_fall || other.can_fall);
        Val::with(Value::Bool(holds), can_rise, can_fall)
    }
}

/// How the items of a source could change as records still to come arrive:
/// more could join, or some could leave (when their filter could turn).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Movable {
    pub grow: bool,
    pub shrink: bool,
}

/// What remains to check on a candidate row of a dataset source.
#[derive(Debug, Clone, Copy)]
pub enum Check<'a> {
    /// The source's whole filter, if it has one.
    Whole(Option<&'a Expr>),
    /// The conjuncts an index did not answer.
    Residual(&'a [&'a Expr]),
}

impl Check<'_> {
    /// Whether every candidate row passes: nothing is left to check.
    fn is_answered(&self) -> bool {
        matches!(self, Check::Whole(None) | Check::Residual([]))
    }
}

/// A problem that stops one outcome from being computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError(pub String);

pub type EvalResult<T> = Result<T, EvalError>;

/// The state of evaluating one rule for one period.
pub struct Interp<'a> {
    pub world: &'a World<'a>,
    pub indexes: &'a Indexes<'a>,
    pub rule: &'a CheckedRule,
    pub period: &'a Period,
    pub as_of: Day,
    /// Inside `require CONDITION by DEADLINE`: records dated later are unseen.
    pub deadline: Option<Day>,
    pub vars: Vec<Value<'a>>,
    /// Explain every outcome, passing ones too, naming every record.
    pub detail: bool,
    /// For each `let` slot: whether records still to come could change it.
    pub let_open: Vec<bool>,
}

const NO_DAY_MIN: Day = Day::MIN;
const NO_DAY_MAX: Day = Day::MAX;

impl<'a> Interp<'a> {
    pub fn new(
        world: &'a World<'a>,
        indexes: &'a Indexes<'a>,
        rule: &'a CheckedRule,
        period: &'a Period,
        as_of: Day,
    ) -> Self {
        Interp {
            world,
            indexes,
            rule,
            period,
            as_of,
            deadline: None,
            vars: vec![Value::Missing; rule.vars.len()],
            detail: false,
            let_open: vec![false; rule.vars.len()],
        }
    }

    pub fn eval(&mut self, e: &'a Expr) -> EvalResult<Val<'a>> {
        Ok(match &e.kind {
            ExprKind::Text(t) => Val::fixed(Value::Str(t)),
            ExprKind::Int(i) => Val::fixed(Value::Int(*i)),
            ExprKind::Decimal(d) => Val::fixed(Value::Decimal(*d)),
            ExprKind::Date(d) => Val::fixed(Value::Date(*d)),
            ExprKind::Bool(b) => Val::fixed(Value::Bool(*b)),
            ExprKind::Duration { amount, unit } => Val::fixed(Value::Duration(*amount, *unit)),
            ExprKind::List(items) => {
                let values = items
                    .iter()
                    .map(|i| Ok(self.eval(i)?.value))
                    .collect::<EvalResult<Vec<_>>>()?;
                Val::fixed(Value::List(Rc::new(values)))
            }
            ExprKind::Period => Val::fixed(Value::Period),
            ExprKind::PeriodField(f) => Val::fixed(match f {
                PeriodField::Start => Value::Date(self.period.start),
                PeriodField::End => Value::Date(self.period.end),
                PeriodField::Label => Value::Str(&self.period.label),
            }),
            ExprKind::Var(v) => Val::fixed(self.vars[*v].clone()),
            ExprKind::Field {
                record,
                dataset,
                field,
            } => {
                let record = self.eval(record)?;
                Val::fixed(match record.value {
                    Value::Record(d, row) if d == *dataset => self.read_field(d, row, *field),
                    _ => Value::Missing,
                })
            }
            ExprKind::Not(inner) => {
                let v = self.eval(inner)?;
                let value = match v.value {
                    Value::Bool(b) => Value::Bool(!b),
                    other => other,
                };
                Val::with(value, v.can_fall, v.can_rise)
            }
            ExprKind::Neg(inner) => {
                let v = self.eval(inner)?;
                let value = match v.value {
                    Value::Int(i) => Value::Int(-i),
                    Value::Decimal(d) => Value::Decimal(-d),
                    other => other,
                };
                Val::with(value, v.can_fall, v.can_rise)
            }
            ExprKind::HalfOf(inner) => {
                let v = self.eval(inner)?;
                let value = v
                    .value
                    .as_f64()
                    .map_or(Value::Missing, |x| Value::Decimal(x / 2.0));
                Val::with(value, v.can_rise, v.can_fall)
            }
            ExprKind::And(a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                a.and(&b)
            }
            ExprKind::Or(a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                let holds = a.holds() || b.holds();
                let can_rise = !holds && (a.can_rise || b.can_rise);
                let can_fall = holds && (!a.holds() || a.can_fall) && (!b.holds() || b.can_fall);
                Val::with(Value::Bool(holds), can_rise, can_fall)
            }
            ExprKind::Compare(op, a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                self.compare(*op, &a, &b)
            }
            ExprKind::Arith(op, a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                self.arith(*op, a, b)?
            }
            ExprKind::In(item, collection) => {
                let item = self.eval(item)?;
                let collection = self.eval(collection)?;
                let found = match &collection.value {
                    Value::List(values) => values
                        .iter()
                        .any(|v| item.value.compare(v, self.world) == Some(Ordering::Equal)),
                    Value::Rows(d, rows) => match item.value {
                        Value::Record(e, row) => e == *d && rows.contains(&row),
                        _ => false,
                    },
                    Value::Period => item.value.as_day().is_some_and(|d| self.period.contains(d)),
                    _ => false,
                };
                Val::with(Value::Bool(found), collection.can_rise, collection.can_fall)
            }
            ExprKind::AliveAt { record, date } => {
                let record = self.eval(record)?;
                let date = self.eval(date)?;
                let alive = match (record.value, date.value.as_day()) {
                    (Value::Record(d, row), Some(day)) => {
                        let (from, to) = self.lifetime(d, row);
                        from <= day && day <= to
                    }
                    _ => false,
                };
                Val::fixed(Value::Bool(alive))
            }
            ExprKind::Within {
                lhs,
                amount,
                unit,
                direction,
                rhs,
            } => {
                let (l, r) = (self.eval(lhs)?, self.eval(rhs)?);
                let inside = match (l.value.as_day(), r.value.as_day()) {
                    (Some(x), Some(anchor)) => {
                        let before = self.shift(anchor, -amount, *unit)?;
                        let after = self.shift(anchor, *amount, *unit)?;
                        match direction {
                            Direction::Before => before <= x && x <= anchor,
                            Direction::After => anchor <= x && x <= after,
                            Direction::Of => before <= x && x <= after,
                        }
                    }
                    _ => false,
                };
                Val::fixed(Value::Bool(inside))
            }
            ExprKind::Presence { expr, present } => {
                let v = self.eval(expr)?;
                Val::fixed(Value::Bool(v.value.is_missing() != *present))
            }
            ExprKind::DateBy { date, deadline } => {
                let date = self.eval(date)?;
                let deadline = self.eval(deadline)?;
                let due = deadline.value.as_day();
                // A date recorded after the as-of date has not happened yet.
                let done = date.value.as_day().filter(|d| *d <= self.as_of);
                match (done, due) {
                    (Some(d), Some(due)) => Val::fixed(Value::Bool(d <= due)),
                    (None, Some(due)) => Val::with(Value::Bool(false), self.as_of < due, false),
                    _ => Val::fixed(Value::Bool(false)),
                }
            }
            ExprKind::ConditionBy {
                condition,
                deadline,
            } => {
                let due = self.eval(deadline)?.value.as_day();
                let saved = self.deadline;
                self.deadline = due;
                let v = self.eval(condition);
                self.deadline = saved;
                let v = v?;
                match due {
                    Some(due) if self.as_of >= due => Val::fixed(v.value),
                    _ => v,
                }
            }
            ExprKind::Aggregate {
                func,
                value,
                source,
            } => self.aggregate(*func, value.as_deref(), source)?,
            ExprKind::Quantifier {
                all,
                source,
                condition,
            } => {
                let (rows, movable) = self.select(source)?;
                let open = movable.grow || movable.shrink;
                let mut holds = *all;
                for item in rows.iter() {
                    self.vars[source.var] = item.clone();
                    let c = self.eval(condition)?.holds();
                    if *all && !c {
                        holds = false;
                        break;
                    }
                    if !*all && c {
                        holds = true;
                        break;
                    }
                }
                // More records can make `any` true or `all` false.
                Val::with(
                    Value::Bool(holds),
                    open && !*all && !holds,
                    open && *all && holds,
                )
            }
            ExprKind::WorkdaysBetween(a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                match (a.value.as_day(), b.value.as_day()) {
                    (Some(a), Some(b)) => {
                        let n = self
                            .world
                            .calendar
                            .workdays_between(to_date(a), to_date(b))
                            .map_err(|e| EvalError(e.to_string()))?;
                        Val::fixed(Value::Int(n))
                    }
                    _ => Val::fixed(Value::Missing),
                }
            }
            ExprKind::Collection(source) => {
                let (rows, movable) = self.select(source)?;
                let value = match source_dataset(source, self) {
                    Some(d) => Value::Rows(d, Rc::new(rows.iter().filter_map(row_of).collect())),
                    None => Value::List(Rc::new(rows)),
                };
                Val::with(value, movable.grow, movable.shrink)
            }
        })
    }

    fn compare(&self, op: Compare, a: &Val<'a>, b: &Val<'a>) -> Val<'a> {
        let Some(ord) = a.value.compare(&b.value, self.world) else {
            let undefined =
                matches!(a.value, Value::Undefined) || matches!(b.value, Value::Undefined);
            let value = if undefined {
                Value::Undefined
            } else {
                Value::Bool(op == Compare::Ne && !a.value.is_missing() && !b.value.is_missing())
            };
            return Val::with(
                value,
                a.can_rise || a.can_fall || b.can_rise || b.can_fall,
                false,
            );
        };
        let holds = match op {
            Compare::Eq => ord == Ordering::Equal,
            Compare::Ne => ord != Ordering::Equal,
            Compare::Lt => ord == Ordering::Less,
            Compare::Le => ord != Ordering::Greater,
            Compare::Gt => ord == Ordering::Greater,
            Compare::Ge => ord != Ordering::Less,
        };
        // Whether the left side can grow relative to the right, or shrink.
        let up = a.can_rise || b.can_fall;
        let down = a.can_fall || b.can_rise;
        let (can_rise, can_fall) = match op {
            Compare::Ge | Compare::Gt => (!holds && up, holds && down),
            Compare::Le | Compare::Lt => (!holds && down, holds && up),
            Compare::Eq => (
                !holds && ((ord == Ordering::Less && up) || (ord == Ordering::Greater && down)),
                holds && (up || down),
            ),
            Compare::Ne => (!holds && (up || down), holds && (up || down)),
        };
        Val::with(Value::Bool(holds), can_rise, can_fall)
    }

    fn arith(&self, op: Arith, a: Val<'a>, b: Val<'a>) -> EvalResult<Val<'a>> {
        let (rise, fall) = match op {
            Arith::Add => (a.can_rise || b.can_rise, a.can_fall || b.can_fall),
            Arith::Sub => (a.can_rise || b.can_fall, a.can_fall || b.can_rise),
            Arith::Mul | Arith::Div => {
                let any = a.can_rise || a.can_fall || b.can_rise || b.can_fall;
                (any, any)
            }
        };
        let value = match (&a.value, op, &b.value) {
            (Value::Undefined, ..) | (_, _, Value::Undefined) => Value::Undefined,
            (Value::Missing, ..) | (_, _, Value::Missing) => Value::Missing,
            (Value::Int(x), Arith::Add, Value::Int(y)) => Value::Int(x.saturating_add(*y)),
            (Value::Int(x), Arith::Sub, Value::Int(y)) => Value::Int(x.saturating_sub(*y)),
            (Value::Int(x), Arith::Mul, Value::Int(y)) => Value::Int(x.saturating_mul(*y)),
            (x, Arith::Div, y) if x.as_f64().is_some() && y.as_f64() == Some(0.0) => {
                Value::Undefined
            }
            (x, _, y) if x.as_f64().is_some() && y.as_f64().is_some() => {
                let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                Value::Decimal(match op {
                    Arith::Add => x + y,
                    Arith::Sub => x - y,
                    Arith::Mul => x * y,
                    Arith::Div => x / y,
                })
            }
            (date, Arith::Add | Arith::Sub, Value::Duration(n, unit))
            | (Value::Duration(n, unit), Arith::Add, date) => {
                let n = if op == Arith::Sub { -n } else { *n };
                match date {
                    Value::Date(d) => Value::Date(self.shift(*d, n, *unit)?),
                    Value::DateTime(s) => {
                        let day = datetime_day(*s);
                        let moved = self.shift(day, n, *unit)?;
                        Value::DateTime(s + i64::from(moved - day) * 86_400)
                    }
                    _ => Value::Missing,
                }
            }
            (x, Arith::Sub, y) => match (x.as_day(), y.as_day()) {
                (Some(x), Some(y)) => Value::Int(i64::from(x - y)),
                _ => Value::Missing,
            },
            _ => Value::Missing,
        };
        Ok(Val::with(value, rise, fall))
    }

    /// `day` moved by `n` units; working days follow the official calendar.
    pub fn shift(&self, day: Day, n: i64, unit: TimeUnit) -> EvalResult<Day> {
        let n32 = n.clamp(-3_000_000, 3_000_000) as Day;
        Ok(match unit {
            TimeUnit::Day => day.saturating_add(n32),
            TimeUnit::Week => day.saturating_add(n32.saturating_mul(7)),
            TimeUnit::Month => add_months(day, n),
            TimeUnit::Quarter => add_months(day, n.saturating_mul(3)),
            TimeUnit::Year => add_months(day, n.saturating_mul(12)),
            TimeUnit::Workday => from_date(
                self.world
                    .calendar
                    .add_workdays(to_date(day), n)
                    .map_err(|e| EvalError(e.to_string()))?,
            ),
        })
    }

    pub fn read_field(&self, dataset: DatasetId, row: u32, field: usize) -> Value<'a> {
        let table = &self.world.db.tables[dataset];
        let target = self.world.schema.datasets[dataset].fields[field]
            .ty
            .ref_target();
        cell(&table.columns[field], row as usize, target)
    }

    /// First and last day of a record's lifetime; open ends are unbounded.
    pub fn lifetime(&self, dataset: DatasetId, row: u32) -> (Day, Day) {
        let Some(field) = self.world.schema.datasets[dataset].lifetime else {
            return (NO_DAY_MIN, NO_DAY_MAX);
        };
        match &self.world.db.tables[dataset].columns[field] {
            Column::Lifetime { from, to } => (
                from[row as usize].unwrap_or(NO_DAY_MIN),
                to[row as usize].unwrap_or(NO_DAY_MAX),
            ),
            _ => (NO_DAY_MIN, NO_DAY_MAX),
        }
    }

    /// The day a record is placed at by its dataset's time field.
    pub fn time_of(&self, dataset: DatasetId, row: u32) -> Option<Day> {
        let field = self.world.schema.datasets[dataset].time?;
        match &self.world.db.tables[dataset].columns[field] {
            Column::Date(v) => v[row as usize].map(DayCell::get),
            Column::DateTime(v) => v[row as usize].map(datetime_day),
            _ => None,
        }
    }

    fn aggregate(
        &mut self,
        func: AggregateFn,
        value: Option<&'a Expr>,
        source: &'a Source,
    ) -> EvalResult<Val<'a>> {
        if func == AggregateFn::Count || func == AggregateFn::Exists {
            let stop_at_first = func == AggregateFn::Exists;
            let (count, m) = self.count(source, stop_at_first)?;
            return Ok(if stop_at_first {
                Val::with(
                    Value::Bool(count > 0),
                    m.grow && count == 0,
                    m.shrink && count > 0,
                )
            } else {
                Val::with(Value::Int(count), m.grow, m.shrink)
            });
        }
        if func == AggregateFn::CountDistinct {
            if let Some(column) = value.and_then(|v| self.own_keyed_column(v, source)) {
                return self.count_distinct_cells(column, source);
            }
        }
        let (rows, movable) = self.select(source)?;
        let open = movable.grow || movable.shrink;
        let values = |me: &mut Self| -> EvalResult<Vec<Value<'a>>> {
            match value {
                None => Ok(rows.clone()),
                Some(v) => rows
                    .iter()
                    .map(|r| {
                        me.vars[source.var] = r.clone();
                        Ok(me.eval(v)?.value)
                    })
                    .collect(),
            }
        };
        Ok(match func {
            AggregateFn::Count | AggregateFn::Exists => {
                unreachable!("counted without collecting, above")
            }
            AggregateFn::CountDistinct => {
                let mut seen: Vec<Value<'a>> = Vec::new();
                for v in values(self)? {
                    if !v.is_missing()
                        && !seen
                            .iter()
                            .any(|s| s.compare(&v, self.world) == Some(Ordering::Equal))
                    {
                        seen.push(v);
                    }
                }
                Val::with(Value::Int(seen.len() as i64), open, false)
            }
            AggregateFn::Sum => {
                let vs = values(self)?;
                let all_int = vs
                    .iter()
                    .all(|v| matches!(v, Value::Int(_) | Value::Missing));
                let value = if all_int {
                    Value::Int(
                        vs.iter()
                            .map(|v| if let Value::Int(i) = v { *i } else { 0 })
                            .sum(),
                    )
                } else {
                    Value::Decimal(vs.iter().filter_map(Value::as_f64).sum())
                };
                Val::with(value, open, open)
            }
            AggregateFn::Min | AggregateFn::Max => {
                let want = if func == AggregateFn::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let mut best: Option<Value<'a>> = None;
                for v in values(self)? {
                    if v.is_missing() {
                        continue;
                    }
                    if best
                        .as_ref()
                        .is_none_or(|b| v.compare(b, self.world) == Some(want))
                    {
                        best = Some(v);
                    }
                }
                let rising = func == AggregateFn::Max;
                Val::with(
                    best.unwrap_or(Value::Missing),
                    open && rising,
                    open && !rising,
                )
            }
        })
    }

    /// The column of `value` when it reads a field of the source's own
    /// record (`a.type` of `activities a`) and the field's cells compare
    /// as index keys do: equal keys, equal values.
    fn own_keyed_column(&self, value: &Expr, source: &Source) -> Option<&'a Column> {
        let SourceBase::Dataset(d) = source.base else {
            return None;
        };
        let ExprKind::Field {
            record,
            dataset,
            field,
        } = &value.kind
        else {
            return None;
        };
        let column = &self.world.db.tables[d].columns[*field];
        (*dataset == d
            && matches!(record.kind, ExprKind::Var(v) if v == source.var)
            && index::is_keyed(column))
        .then_some(column)
    }

    /// `count(distinct a.f for …)` over a keyed column: a set of keys
    /// rather than values compared pairwise.
    fn count_distinct_cells(
        &mut self,
        column: &'a Column,
        source: &'a Source,
    ) -> EvalResult<Val<'a>> {
        let mut seen = FxHashSet::default();
        let movable = self.select_with(source, |_, item| {
            if let Value::Record(_, row) = item {
                seen.extend(index::cell_key(column, row).flatten());
            }
            Ok(true)
        })?;
        let open = movable.grow || movable.shrink;
        Ok(Val::with(Value::Int(seen.len() as i64), open, false))
    }

    /// The items of a source that pass its window and filter, and how
    /// records still to come could change them.
    pub fn select(&mut self, source: &'a Source) -> EvalResult<(Vec<Value<'a>>, Movable)> {
        let mut out = Vec::new();
        let movable = self.select_with(source, |_, item| {
            out.push(item);
            Ok(true)
        })?;
        Ok((out, movable))
    }

    /// Calls `f` on each item of a source that passes its window and
    /// filter, until `f` returns false; returns how records still to come
    /// could change the items.
    pub fn select_with(
        &mut self,
        source: &'a Source,
        mut f: impl FnMut(&mut Self, Value<'a>) -> EvalResult<bool>,
    ) -> EvalResult<Movable> {
        let (lo, hi) = self.window(source)?;
        let mut movable = Movable {
            grow: self.source_open(source)?,
            shrink: false,
        };
        let m = &mut movable;
        match &source.base {
            SourceBase::Dataset(d) => {
                let (rows, check) = self.candidates(source, *d, lo, hi)?;
                self.visit_rows(*d, rows, source.var, check, m, f)?;
            }
            SourceBase::List(list) => {
                let items = self.eval(list)?;
                for item in iterate(&items.value) {
                    if self.in_window(&item, lo, hi)
                        && self.passes(source, &item, m)?
                        && !f(self, item)?
                    {
                        break;
                    }
                }
            }
            SourceBase::Let(var) => {
                let items = self.vars[*var].clone();
                for item in iterate(&items) {
                    if self.in_window(&item, lo, hi)
                        && self.passes(source, &item, m)?
                        && !f(self, item)?
                    {
                        break;
                    }
                }
            }
        }
        Ok(movable)
    }

    /// The rows of dataset `d` that may pass a source's filter, dated from
    /// `lo` to `hi`, and what is left to check on each: one group of an
    /// index when the filter fixes fields to outside values, otherwise
    /// every row in the window.
    pub fn candidates(
        &mut self,
        source: &'a Source,
        d: DatasetId,
        lo: Day,
        hi: Day,
    ) -> EvalResult<(&'a [u32], Check<'a>)> {
        let indexes = self.indexes;
        let whole = Check::Whole(source.filter.as_ref());
        let Some(plan) = indexes.plan(source) else {
            return Ok((indexes.all(self.world, d).within(lo, hi), whole));
        };
        let groups = indexes.groups(plan.index);
        let mut keys = Vec::with_capacity(plan.fixed.len());
        for (field, expr) in &plan.fixed {
            let value = self.eval(expr)?.value;
            match index::value_key(self.world, d, *field, &value) {
                Some(Some(key)) => keys.push(key),
                Some(None) => return Ok((&[], whole)),
                None => return Ok((indexes.all(self.world, d).within(lo, hi), whole)),
            }
        }
        Ok((groups.rows(&keys, lo, hi), Check::Residual(&plan.residual)))
    }

    /// How many items of a source pass its window and filter (stopping at
    /// the first when `stop_at_first`), and how records still to come could
    /// change that. Rows whose whole filter an index answers are counted
    /// without being read.
    fn count(&mut self, source: &'a Source, stop_at_first: bool) -> EvalResult<(i64, Movable)> {
        let mut count = 0i64;
        let counting = |_: &mut Self, _| {
            count += 1;
            Ok(!stop_at_first)
        };
        let SourceBase::Dataset(d) = source.base else {
            let movable = self.select_with(source, counting)?;
            return Ok((count, movable));
        };
        let (lo, hi) = self.window(source)?;
        let mut movable = Movable {
            grow: self.source_open(source)?,
            shrink: false,
        };
        let (rows, check) = self.candidates(source, d, lo, hi)?;
        if check.is_answered() {
            return Ok((rows.len() as i64, movable));
        }
        self.visit_rows(d, rows, source.var, check, &mut movable, counting)?;
        Ok((count, movable))
    }

    /// Calls `f` on each of `rows` of dataset `d` (bound to `var`) that
    /// passes `check`, until `f` returns false.
    fn visit_rows(
        &mut self,
        d: DatasetId,
        rows: &'a [u32],
        var: usize,
        check: Check<'a>,
        movable: &mut Movable,
        mut f: impl FnMut(&mut Self, Value<'a>) -> EvalResult<bool>,
    ) -> EvalResult<()> {
        for &row in rows {
            let item = Value::Record(d, row);
            if self.passes_check(var, check, &item, movable)? && !f(self, item)? {
                break;
            }
        }
        Ok(())
    }

    fn in_window(&self, item: &Value<'a>, lo: Day, hi: Day) -> bool {
        match item {
            Value::Record(d, row) if self.world.schema.datasets[*d].time.is_some() => {
                self.time_of(*d, *row).is_some_and(|t| lo <= t && t <= hi)
            }
            _ => true,
        }
    }

    /// Whether an item passes a source's filter, noting in `movable`
    /// whether records still to come could change that.
    fn passes(
        &mut self,
        source: &'a Source,
        item: &Value<'a>,
        movable: &mut Movable,
    ) -> EvalResult<bool> {
        self.passes_check(
            source.var,
            Check::Whole(source.filter.as_ref()),
            item,
            movable,
        )
    }

    /// Whether an item bound to `var` passes `check`, noting in `movable`
    /// whether records still to come could change that.
    fn passes_check(
        &mut self,
        var: usize,
        check: Check<'a>,
        item: &Value<'a>,
        movable: &mut Movable,
    ) -> EvalResult<bool> {
        let verdict = match check {
            Check::Whole(None) | Check::Residual([]) => return Ok(true),
            Check::Whole(Some(filter)) => {
                self.vars[var] = item.clone();
                self.eval(filter)?
            }
            Check::Residual(parts) => {
                self.vars[var] = item.clone();
                self.all_of(parts)?
            }
        };
        let holds = verdict.holds();
        movable.grow |= !holds && verdict.can_rise;
        movable.shrink |= holds && verdict.can_fall;
        Ok(holds)
    }

    /// The conjunction of `parts`, as `and` joins them: the conjuncts an
    /// index answered are true and fixed, so they change nothing.
    fn all_of(&mut self, parts: &'a [&'a Expr]) -> EvalResult<Val<'a>> {
        let all = Val::fixed(Value::Bool(true));
        parts
            .iter()
            .try_fold(all, |all, part| Ok(all.and(&self.eval(part)?)))
    }

    /// The inclusive day range a source's records must fall in: its window,
    /// cut at the as-of date and at a `by` deadline.
    pub fn window(&mut self, source: &'a Source) -> EvalResult<(Day, Day)> {
        let (lo, hi) = match &source.window {
            TimeWindow::Unrestricted => (NO_DAY_MIN, NO_DAY_MAX),
            // Under `require … by D` the period's records run up to D.
            TimeWindow::Period => (self.period.start, self.deadline.unwrap_or(self.period.end)),
            TimeWindow::Range(a, b) => {
                let a = self.eval(a)?.value.as_day().unwrap_or(NO_DAY_MAX);
                let b = self.eval(b)?.value.as_day().unwrap_or(NO_DAY_MIN);
                (a, b)
            }
        };
        let hi = hi.min(self.as_of).min(self.deadline.unwrap_or(NO_DAY_MAX));
        Ok((lo, hi))
    }

    /// The last day a record could still be dated and count for this source:
    /// the end of its window, or the bound its filter sets on the record's
    /// time; the deadline of `require … by D` where there is one, otherwise
    /// the end of the period.
    fn upper_bound(&mut self, source: &'a Source) -> EvalResult<Day> {
        let judged_until = self.deadline.unwrap_or(self.period.end);
        Ok(match &source.window {
            TimeWindow::Period => judged_until,
            TimeWindow::Range(_, b) => {
                let end = self.eval(b)?.value.as_day().unwrap_or(NO_DAY_MIN);
                end.min(self.deadline.unwrap_or(NO_DAY_MAX))
            }
            TimeWindow::Unrestricted => match self.own_time_bound(source)? {
                Some(bound) => bound.min(self.deadline.unwrap_or(NO_DAY_MAX)),
                None => judged_until,
            },
        })
    }

    /// Whether records still to come could add to a source: only records of
    /// a timed dataset arrive over time; the items of a list, or the rows of
    /// a dataset without dates, are what they are.
    fn source_open(&mut self, source: &'a Source) -> EvalResult<bool> {
        Ok(match &source.base {
            SourceBase::Dataset(d) if self.world.schema.datasets[*d].time.is_some() => {
                self.as_of < self.upper_bound(source)?
            }
            SourceBase::Let(var) => self.let_open[*var],
            _ => false,
        })
    }

    /// A bound the filter itself puts on the record's time field: the anchor
    /// of `t.at within N days before X`, X of `t.at <= X`.
    fn own_time_bound(&mut self, source: &'a Source) -> EvalResult<Option<Day>> {
        let SourceBase::Dataset(d) = source.base else {
            return Ok(None);
        };
        let Some(time) = self.world.schema.datasets[d].time else {
            return Ok(None);
        };
        let Some(filter) = &source.filter else {
            return Ok(None);
        };
        let mut bounds = Vec::new();
        collect_bounds(filter, source.var, time, &mut bounds);
        let mut best: Option<Day> = None;
        for (expr, amount, unit) in bounds {
            if let Some(day) = self.eval(expr)?.value.as_day() {
                let day = self.shift(day, amount, unit)?;
                best = Some(best.map_or(day, |b: Day| b.min(day)));
            }
        }
        Ok(best)
    }
}

/// The upper bounds a filter's conjuncts put on `var`'s time field, as an
/// expression plus an offset.
fn collect_bounds<'a>(
    e: &'a Expr,
    var: usize,
    time: usize,
    out: &mut Vec<(&'a Expr, i64, TimeUnit)>,
) {
    let is_time = |x: &Expr| filter::is_field_of(x, var, time);
    for part in filter::conjuncts(e) {
        match &part.kind {
            ExprKind::Within {
                lhs,
                amount,
                unit,
                direction,
                rhs,
            } if is_time(lhs) => match direction {
                Direction::Before => out.push((rhs, 0, TimeUnit::Day)),
                Direction::After | Direction::Of => out.push((rhs, *amount, *unit)),
            },
            ExprKind::Compare(Compare::Le | Compare::Lt, lhs, rhs) if is_time(lhs) => {
                out.push((rhs, 0, TimeUnit::Day))
            }
            ExprKind::Compare(Compare::Ge | Compare::Gt, lhs, rhs) if is_time(rhs) => {
                out.push((lhs, 0, TimeUnit::Day))
            }
            ExprKind::DateBy { date, deadline } if is_time(date) => {
                out.push((deadline, 0, TimeUnit::Day))
            }
            _ => {}
        }
    }
}

fn source_dataset(source: &Source, interp: &Interp) -> Option<DatasetId> {
    match interp.rule.vars[source.var].ty {
        crate::check::ir::Ty::Record(d) => Some(d),
        _ => None,
    }
}

fn row_of(v: &Value) -> Option<u32> {
    match v {
        Value::Record(_, row) => Some(*row),
        _ => None,
    }
}

/// The items of a collection value.
fn iterate<'a>(v: &Value<'a>) -> Vec<Value<'a>> {
    match v {
        Value::List(items) => items.as_ref().clone(),
        Value::Rows(d, rows) => rows.iter().map(|r| Value::Record(*d, *r)).collect(),
        _ => Vec::new(),
    }
}

/// One cell of a column as a value; `target` is the dataset a reference
/// points into.
fn cell<'a>(column: &'a Column, row: usize, target: Option<DatasetId>) -> Value<'a> {
    let or_missing = |v: Option<Value<'a>>| v.unwrap_or(Value::Missing);
    match column {
        Column::Text(v) => or_missing(v[row].map(Value::Sym)),
        Column::Int(v) => or_missing(v[row].map(Value::Int)),
        Column::Decimal(v) => or_missing(v[row].map(Value::Decimal)),
        Column::Bool(v) => or_missing(v[row].map(Value::Bool)),
        Column::Date(v) => or_missing(v[row].map(|day| Value::Date(day.get()))),
        Column::DateTime(v) => or_missing(v[row].map(Value::DateTime)),
        Column::Ref(v) => or_missing(v[row].zip(target).map(|(r, d)| Value::Record(d, r.get()))),
        Column::List { offsets, items } => {
            let range = Column::list_range(offsets, row);
            match (items.as_ref(), target) {
                (Column::Ref(refs), Some(d)) => Value::Rows(
                    d,
                    Rc::new(refs[range].iter().flatten().map(|r| r.get()).collect()),
                ),
                (inner, _) => Value::List(Rc::new(range.map(|i| cell(inner, i, None)).collect())),
            }
        }
        Column::UniqueText { text, ends } => {
            or_missing(Column::unique_text_at(text, ends, row).map(Value::Str))
        }
        Column::Lifetime { .. } => Value::Missing,
    }
}
