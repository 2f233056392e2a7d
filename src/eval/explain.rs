//! Evidence for a failing requirement: the value found and the value
//! required, the records behind each count, the nearest record for a missed
//! window. It runs only for outcomes that fail, so passing ones cost nothing.

use super::filter;
use super::interp::{EvalResult, Interp};
use super::outcome::{Outcome, RecordGroup, RecordRef};
use super::period::{format_day, Day};
use super::value::{record_label, Value};
use crate::check::ir::{Arith, Expr, ExprKind, MessagePart, Source, SourceBase};
use crate::schema::{DatasetId, FieldType};
use crate::syntax::ast::{AggregateFn, Direction};

/// How many records of a group are named before "and N more".
const SHOWN_RECORDS: usize = 5;

pub fn explain<'a>(interp: &mut Interp<'a>, e: &'a Expr, outcome: &mut Outcome) -> EvalResult<()> {
    match &e.kind {
        ExprKind::ConditionBy {
            condition,
            deadline,
        } => {
            let due = interp.eval(deadline)?.value.as_day();
            let saved = interp.deadline;
            interp.deadline = due;
            let result = explain(interp, condition, outcome);
            interp.deadline = saved;
            result?;
            if let Some(due) = due {
                outcome.deadline.get_or_insert(format_day(due));
            }
        }
        ExprKind::And(a, b) => {
            for part in [a, b] {
                if interp.detail || !interp.eval(part)?.holds() {
                    explain(interp, part, outcome)?;
                }
            }
        }
        ExprKind::Or(a, b) => {
            explain(interp, a, outcome)?;
            explain(interp, b, outcome)?;
        }
        ExprKind::Not(inner) => {
            let shown = interp.eval(inner)?.value.display(interp.world);
            set(outcome, shown, "the opposite".into());
            record_groups(interp, inner, outcome)?;
        }
        ExprKind::Compare(op, l, r) => {
            let lv = interp.eval(l)?.value;
            let rv = interp.eval(r)?.value;
            set(
                outcome,
                show(interp, &lv),
                format!("{op} {}", show(interp, &rv)),
            );
            for side in [(l, &lv), (r, &rv)] {
                if side.1.is_missing() {
                    outcome
                        .notes
                        .push("a value the requirement needs is missing".into());
                }
            }
            record_groups(interp, l, outcome)?;
            record_groups(interp, r, outcome)?;
        }
        ExprKind::DateBy { date, deadline } => {
            let done = interp
                .eval(date)?
                .value
                .as_day()
                .filter(|d| *d <= interp.as_of);
            let due = interp.eval(deadline)?.value.as_day();
            let found = done.map_or("not done".to_owned(), format_day);
            let required = due.map_or("a deadline (missing)".to_owned(), |d| {
                format!("by {}", format_day(d))
            });
            set(outcome, found, required);
            if let Some(due) = due {
                outcome.deadline.get_or_insert(format_day(due));
            }
            match (done, due) {
                (Some(d), Some(due)) if d > due => {
                    outcome.notes.push(format!("{} late", days(d - due)))
                }
                (None, Some(due)) if interp.as_of > due => outcome.notes.push(format!(
                    "overdue by {} on {}",
                    days(interp.as_of - due),
                    format_day(interp.as_of)
                )),
                (None, Some(due)) if interp.as_of == due => {
                    outcome.notes.push("not done on the due day".into())
                }
                (None, Some(due)) => outcome
                    .notes
                    .push(format!("due in {}", days(due - interp.as_of))),
                _ => {}
            }
        }
        ExprKind::Aggregate {
            func: AggregateFn::Exists,
            source,
            ..
        } => {
            set(outcome, "none".into(), "at least one".into());
            nearest(interp, source, outcome)?;
        }
        ExprKind::Quantifier {
            all,
            source,
            condition,
        } => {
            let (items, _) = interp.select(source)?;
            let mut failing = Vec::new();
            for item in &items {
                interp.vars[source.var] = item.clone();
                if interp.eval(condition)?.holds() != *all {
                    failing.push(item.clone());
                }
            }
            if *all {
                set(
                    outcome,
                    format!("{} of {} do not", failing.len(), items.len()),
                    "all".into(),
                );
                push_group(
                    interp,
                    "not meeting the condition".into(),
                    &failing,
                    outcome,
                );
            } else {
                set(
                    outcome,
                    format!("none of {}", items.len()),
                    "at least one".into(),
                );
            }
        }
        ExprKind::Presence { expr, present } => {
            let found = if *present { "missing" } else { "present" };
            set(
                outcome,
                found.into(),
                if *present { "present" } else { "missing" }.into(),
            );
            record_groups(interp, expr, outcome)?;
        }
        _ => {
            let shown = interp.eval(e)?.value.display(interp.world);
            set(outcome, shown, "true".into());
        }
    }
    Ok(())
}

fn days(n: Day) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn set(outcome: &mut Outcome, found: String, required: String) {
    if outcome.found.is_none() {
        outcome.found = Some(found);
        outcome.required = Some(required);
    } else {
        outcome
            .notes
            .push(format!("also: found {found}, required {required}"));
    }
}

fn show(interp: &Interp, value: &Value) -> String {
    match value {
        Value::Decimal(d) if (0.0..=1.0).contains(d) => {
            format!("{} ({:.1}%)", value.display(interp.world), d * 100.0)
        }
        _ => value.display(interp.world),
    }
}

/// Lists the records behind every aggregate in `e` (a count, both parts of
/// a ratio).
fn record_groups<'a>(
    interp: &mut Interp<'a>,
    e: &'a Expr,
    outcome: &mut Outcome,
) -> EvalResult<()> {
    labelled_groups(interp, e, "", outcome)
}

/// `role` names the part of a ratio a group is: numerator or denominator.
fn labelled_groups<'a>(
    interp: &mut Interp<'a>,
    e: &'a Expr,
    role: &str,
    outcome: &mut Outcome,
) -> EvalResult<()> {
    match &e.kind {
        ExprKind::Aggregate { func, source, .. } => {
            let (items, _) = interp.select(source)?;
            let label = format!("{role}{} {}", func.name(), source_name(interp, source));
            push_group(interp, label, &items, outcome);
        }
        ExprKind::Arith(Arith::Div, a, b) => {
            labelled_groups(interp, a, "numerator: ", outcome)?;
            labelled_groups(interp, b, "denominator: ", outcome)?;
        }
        ExprKind::Arith(_, a, b) => {
            labelled_groups(interp, a, role, outcome)?;
            labelled_groups(interp, b, role, outcome)?;
        }
        ExprKind::HalfOf(a) | ExprKind::Neg(a) => labelled_groups(interp, a, role, outcome)?,
        _ => {}
    }
    Ok(())
}

fn source_name(interp: &Interp, source: &Source) -> String {
    let var = &interp.rule.vars[source.var].name;
    let base = match &source.base {
        SourceBase::Dataset(d) => interp.world.schema.datasets[*d].name.clone(),
        SourceBase::Let(v) => interp.rule.vars[*v].name.clone(),
        SourceBase::List(_) => "list".into(),
    };
    if var.is_empty() {
        base
    } else {
        format!("{base} {var}")
    }
}

fn push_group(interp: &Interp, label: String, items: &[Value], outcome: &mut Outcome) {
    let records = items
        .iter()
        .take(if interp.detail {
            usize::MAX
        } else {
            SHOWN_RECORDS
        })
        .map(|item| match item {
            Value::Record(d, row) => record_ref(interp, *d, *row),
            other => RecordRef {
                dataset: String::new(),
                key: other.display(interp.world),
                date: None,
                file: None,
                line: None,
            },
        })
        .collect();
    outcome.evidence.push(RecordGroup {
        label,
        total: items.len(),
        records,
    });
}

/// For a missed window (`exists(t where … and t.at within 30 days before
/// a.at)`): the record that meets every other condition and lies nearest to
/// the window.
fn nearest<'a>(
    interp: &mut Interp<'a>,
    source: &'a Source,
    outcome: &mut Outcome,
) -> EvalResult<()> {
    let SourceBase::Dataset(d) = source.base else {
        return Ok(());
    };
    let Some(time) = interp.world.schema.datasets[d].time else {
        return Ok(());
    };
    let Some(filter) = &source.filter else {
        return Ok(());
    };
    let parts = filter::conjuncts(filter);
    let Some((window_lo, window_hi)) = window_of(interp, &parts, source.var, time)? else {
        return Ok(());
    };
    let mut best: Option<(Day, u32, Day)> = None;
    // Every record up to the as-of date that could match, whatever its date.
    for &row in interp.candidates(source, d, Day::MIN, interp.as_of)?.0 {
        let Some(t) = interp.time_of(d, row) else {
            continue;
        };
        interp.vars[source.var] = Value::Record(d, row);
        let mut others_hold = true;
        for part in &parts {
            if !mentions_time(part, source.var, time) && !interp.eval(part)?.holds() {
                others_hold = false;
                break;
            }
        }
        if !others_hold {
            continue;
        }
        let distance = if t < window_lo {
            window_lo - t
        } else if t > window_hi {
            t - window_hi
        } else {
            0
        };
        if best.is_none_or(|(dist, _, _)| distance < dist) {
            best = Some((distance, row, t));
        }
    }
    if let Some((distance, row, t)) = best {
        let side = if t < window_lo {
            "too early"
        } else {
            "too late"
        };
        let dataset = &interp.world.schema.datasets[d].name;
        let key = record_label(interp.world, d, row);
        outcome.notes.push(format!(
            "nearest {dataset} {key} on {}, {} {side}",
            format_day(t),
            days(distance)
        ));
        let group = RecordGroup {
            label: "nearest".into(),
            total: 1,
            records: vec![record_ref(interp, d, row)],
        };
        outcome.evidence.push(group);
    }
    Ok(())
}

fn is_time_of(e: &Expr, var: usize, time: usize) -> bool {
    filter::is_field_of(e, var, time)
}

fn mentions_time(e: &Expr, var: usize, time: usize) -> bool {
    match &e.kind {
        ExprKind::Within { lhs, rhs, .. } => {
            is_time_of(lhs, var, time) || is_time_of(rhs, var, time)
        }
        ExprKind::Compare(_, a, b) => is_time_of(a, var, time) || is_time_of(b, var, time),
        ExprKind::DateBy { date, .. } => is_time_of(date, var, time),
        _ => false,
    }
}

/// The day range a `within` conjunct on the record's time allows.
fn window_of<'a>(
    interp: &mut Interp<'a>,
    parts: &[&'a Expr],
    var: usize,
    time: usize,
) -> EvalResult<Option<(Day, Day)>> {
    for part in parts {
        if let ExprKind::Within {
            lhs,
            amount,
            unit,
            direction,
            rhs,
        } = &part.kind
        {
            if !is_time_of(lhs, var, time) {
                continue;
            }
            let Some(anchor) = interp.eval(rhs)?.value.as_day() else {
                return Ok(None);
            };
            let before = interp.shift(anchor, -amount, *unit)?;
            let after = interp.shift(anchor, *amount, *unit)?;
            return Ok(Some(match direction {
                Direction::Before => (before, anchor),
                Direction::After => (anchor, after),
                Direction::Of => (before, after),
            }));
        }
    }
    Ok(None)
}

/// A record as evidence: dataset, key, date and where it was read.
pub fn record_ref(interp: &Interp, d: DatasetId, row: u32) -> RecordRef {
    let db = interp.world.db;
    let origin = db.tables[d].origins.get(row as usize);
    RecordRef {
        dataset: interp.world.schema.datasets[d].name.clone(),
        key: record_label(interp.world, d, row),
        date: interp.time_of(d, row).map(format_day),
        file: origin
            .and_then(|o| db.files.get(o.file as usize))
            .map(|f| f.name.clone()),
        line: origin.map(|o| o.line),
    }
}

/// The `name` field of a record, if its dataset has a text one.
pub fn record_name(interp: &Interp, d: DatasetId, row: u32) -> Option<String> {
    let dataset = &interp.world.schema.datasets[d];
    let field = dataset
        .field("name")
        .filter(|f| dataset.fields[*f].ty == FieldType::Text)?;
    match interp.read_field(d, row, field) {
        Value::Missing => None,
        v => Some(v.display(interp.world)),
    }
}

/// A rule's message with its placeholders filled in.
pub fn render_message<'a>(
    interp: &mut Interp<'a>,
    parts: &'a [MessagePart],
    outcome: &Outcome,
) -> EvalResult<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            MessagePart::Text(t) => out.push_str(t),
            MessagePart::Value => out.push_str(outcome.found.as_deref().unwrap_or("?")),
            MessagePart::Required => out.push_str(outcome.required.as_deref().unwrap_or("?")),
            MessagePart::Expr(e) => {
                let v = interp.eval(e)?.value;
                out.push_str(&v.display(interp.world));
            }
        }
    }
    Ok(out)
}
