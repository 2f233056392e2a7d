//! The evaluator: checked rules over loaded data, for an evaluated range
//! and an as-of date, to one outcome per (rule, scope entity, period).

mod diagnose;
mod explain;
mod filter;
mod index;
mod interp;
pub mod outcome;
pub mod period;
mod value;
pub mod waiver;

use crate::calendar::Calendar;
use crate::check::ir::{CheckedRule, Step, Ty};
use crate::check::Program;
use crate::data::Database;
use crate::progress::{Progress, Unit};
use crate::schema::Schema;

pub use diagnose::{render_explanation, violation_diagnostic};
use index::Indexes;
use interp::{EvalError, Interp};
pub use outcome::{Outcome, RecordRef, Status, SubjectPart};
use period::{grid, rolling, Day, Period};
use rayon::prelude::*;
use value::{record_label, Value};

/// Everything a rule reads: the schema, the loaded data and the calendar.
pub struct World<'a> {
    pub schema: &'a Schema,
    pub db: &'a Database,
    pub calendar: &'a Calendar,
}

/// The result of evaluating a program.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Ordered by rule (in program order), period, then scope.
    pub outcomes: Vec<Outcome>,
    /// Outcomes that could not be computed, with the reason.
    pub errors: Vec<EvalFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalFailure {
    pub rule: String,
    pub period: String,
    pub subject: String,
    pub message: String,
}

/// Evaluates every rule over `range` as of `as_of`.
/// Rules run in parallel; their outcomes are joined in program order.
pub fn evaluate(world: &World, program: &Program, range: &Period, as_of: Day) -> Evaluation {
    evaluate_with_progress(world, program, range, as_of, false)
}

/// [`evaluate`], with a progress bar of the periods judged on stderr when
/// `progress` is set (see [`crate::progress`]).
pub fn evaluate_with_progress(
    world: &World,
    program: &Program,
    range: &Period,
    as_of: Day,
    progress: bool,
) -> Evaluation {
    let periods: Vec<Vec<Period>> = program
        .rules
        .iter()
        .map(|rule| periods_of(rule, range))
        .collect();
    let count = periods.iter().map(|p| p.len() as u64).sum();
    let progress = Progress::new("evaluating", count, Unit::Items("periods"), progress);
    let indexes = Indexes::build(world, program);
    let per_rule: Vec<Evaluation> = program
        .rules
        .par_iter()
        .zip(&periods)
        .enumerate()
        .map(|(index, (rule, periods))| {
            let mut evaluation = Evaluation::default();
            for period in periods {
                evaluate_period(world, &indexes, index, rule, period, as_of, &mut evaluation);
                progress.advance(1);
            }
            evaluation
        })
        .collect();
    progress.finish();
    let mut evaluation = Evaluation::default();
    for part in per_rule {
        evaluation.outcomes.extend(part.outcomes);
        evaluation.errors.extend(part.errors);
    }
    evaluation
}

/// One outcome explained in full: every record behind every value, passing
/// outcomes too. `subject` is the outcome's scope as `subject_line` writes
/// it (`D07`, `D07 / 2021-春节`); `period` is a period label.
pub fn explain_outcome(
    world: &World,
    program: &Program,
    rule_id: &str,
    subject: &str,
    period: &str,
    range: &Period,
    as_of: Day,
) -> Result<Option<Outcome>, EvalFailure> {
    let Some((index, rule)) = program
        .rules
        .iter()
        .enumerate()
        .find(|(_, r)| r.id == rule_id)
    else {
        return Ok(None);
    };
    let single = Program {
        schema: program.schema.clone(),
        rules: vec![rule.clone()],
        waivers: Vec::new(),
    };
    let indexes = Indexes::build(world, &single);
    let Some(period) = periods_of(rule, range)
        .into_iter()
        .find(|p| p.label == period)
    else {
        return Ok(None);
    };
    let mut interp = Interp::new(world, &indexes, rule, &period, as_of);
    interp.detail = true;
    let mut found = None;
    let mut failure = None;
    let mut judge_one = |interp: &mut Interp, _: &mut Evaluation| {
        if found.is_some()
            || subject_of(interp)
                .iter()
                .map(|s| s.key.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
                != subject
        {
            return;
        }
        match judge(interp, index) {
            Ok(outcome) => found = Some(outcome),
            Err(EvalError(message)) => failure = Some(message),
        }
    };
    let walked = walk_steps(&mut interp, 0, &mut Evaluation::default(), &mut judge_one);
    if let Some(message) = failure.or(walked.err().map(|EvalError(m)| m)) {
        return Err(EvalFailure {
            rule: rule.id.clone(),
            period: period.label.clone(),
            subject: subject.into(),
            message,
        });
    }
    Ok(found)
}

/// The periods a rule is judged for: its grid over the range, each widened
/// to its rolling window; or the range itself.
pub fn periods_of(rule: &CheckedRule, range: &Period) -> Vec<Period> {
    match rule.every {
        None => vec![range.clone()],
        Some(every) => grid(every.unit, range)
            .iter()
            .map(|p| {
                if every.span_units > 1 {
                    rolling(every.unit, p, every.span_units)
                } else {
                    p.clone()
                }
            })
            .collect(),
    }
}

/// Judges rule `index` for one of its periods.
fn evaluate_period(
    world: &World,
    indexes: &Indexes,
    index: usize,
    rule: &CheckedRule,
    period: &Period,
    as_of: Day,
    evaluation: &mut Evaluation,
) {
    let mut interp = Interp::new(world, indexes, rule, period, as_of);
    let mut judge = |interp: &mut Interp, evaluation: &mut Evaluation| match judge(interp, index) {
        Ok(outcome) => evaluation.outcomes.push(outcome),
        Err(EvalError(message)) => evaluation.errors.push(EvalFailure {
            rule: rule.id.clone(),
            period: period.label.clone(),
            subject: subject_of(interp)
                .iter()
                .map(|s| s.key.clone())
                .collect::<Vec<_>>()
                .join(" / "),
            message,
        }),
    };
    if let Err(EvalError(message)) = walk_steps(&mut interp, 0, evaluation, &mut judge) {
        evaluation.errors.push(EvalFailure {
            rule: rule.id.clone(),
            period: period.label.clone(),
            subject: String::new(),
            message,
        });
    }
}

/// Binds the rule's scope steps in order, calling `judge` for every
/// complete binding.
fn walk_steps<'a>(
    interp: &mut Interp<'a>,
    step: usize,
    evaluation: &mut Evaluation,
    judge: &mut impl FnMut(&mut Interp<'a>, &mut Evaluation),
) -> Result<(), EvalError> {
    let Some(current) = interp.rule.steps.get(step) else {
        judge(interp, evaluation);
        return Ok(());
    };
    match current {
        Step::Each { var, source } => {
            let (items, _) = interp.select(source)?;
            for item in items {
                interp.vars[*var] = item;
                walk_steps(interp, step + 1, evaluation, judge)?;
            }
        }
        Step::Let { var, value } => {
            let value = interp.eval(value)?;
            interp.let_open[*var] = value.can_rise || value.can_fall;
            interp.vars[*var] = value.value;
            walk_steps(interp, step + 1, evaluation, judge)?;
        }
    }
    Ok(())
}

/// The outcome of the current binding.
fn judge(interp: &mut Interp, rule_index: usize) -> Result<Outcome, EvalError> {
    let rule = interp.rule;
    let subject = subject_of(interp);
    let mut outcome = Outcome::new(rule_index, rule, interp.period, subject);
    if let Some(reason) = not_alive(interp) {
        outcome.status = Status::NotApplicable;
        outcome.notes.push(reason);
        return Ok(outcome);
    }
    let verdict = interp.eval(&rule.require)?;
    outcome.status = match verdict.value {
        Value::Undefined => Status::NotApplicable,
        Value::Bool(true) => Status::Pass,
        _ if verdict.can_rise => Status::Pending,
        _ => Status::Violation,
    };
    if outcome.status == Status::NotApplicable {
        outcome
            .notes
            .push("the population of the ratio is empty".into());
    }
    if interp.detail || matches!(outcome.status, Status::Violation | Status::Pending) {
        explain::explain(interp, &rule.require, &mut outcome)?;
        if let Some(parts) = &rule.message {
            outcome.message = Some(explain::render_message(interp, parts, &outcome)?);
        }
    }
    // With a deadline the outcome stays open until the deadline, not the
    // period's end, and the evidence already says when it falls due.
    if outcome.status == Status::Pending && outcome.deadline.is_none() {
        let end = period::format_day(interp.period.end);
        outcome.notes.push(format!(
            "not final: {} runs until {end}",
            interp.period.label
        ));
    }
    Ok(outcome)
}

/// Why the entities of the current binding are not judged, if they are not:
/// an entity is judged for a period only if it existed for the whole of it
/// (or for part of it, with `partial`), and a check anchored on a dated
/// record judges the entities that existed on that record's date.
fn not_alive(interp: &Interp) -> Option<String> {
    let rule = interp.rule;
    let each_vars: Vec<usize> = rule
        .steps
        .iter()
        .filter_map(|s| {
            if let Step::Each { var, .. } = s {
                Some(*var)
            } else {
                None
            }
        })
        .collect();
    let anchor = each_vars.iter().rev().find_map(|v| match interp.vars[*v] {
        Value::Record(d, row) => interp.time_of(d, row).map(|day| (*v, day)),
        _ => None,
    });
    let partial = rule.every.is_some_and(|e| e.partial);
    for var in &each_vars {
        let Value::Record(d, row) = interp.vars[*var] else {
            continue;
        };
        if interp.world.schema.datasets[d].lifetime.is_none()
            || anchor.is_some_and(|(v, _)| v == *var)
        {
            continue;
        }
        let (from, to) = interp.lifetime(d, row);
        let name = record_label(interp.world, d, row);
        let judged = match anchor {
            Some((_, day)) => from <= day && day <= to,
            None if partial => from <= interp.period.end && to >= interp.period.start,
            None => from <= interp.period.start && to >= interp.period.end,
        };
        if !judged {
            return Some(match anchor {
                Some((_, day)) => format!("{name} did not exist on {}", period::format_day(day)),
                None if partial => format!("{name} did not exist during {}", interp.period.label),
                None => format!(
                    "{name} did not exist for the whole of {}",
                    interp.period.label
                ),
            });
        }
    }
    None
}

/// The scope entities of the current binding, outermost first.
fn subject_of(interp: &Interp) -> Vec<SubjectPart> {
    interp
        .rule
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Each { var, .. } => Some(*var),
            Step::Let { .. } => None,
        })
        .map(|var| {
            let value = &interp.vars[var];
            match (value, &interp.rule.vars[var].ty) {
                (Value::Record(d, row), Ty::Record(_)) => SubjectPart {
                    var: interp.rule.vars[var].name.clone(),
                    dataset: Some(interp.world.schema.datasets[*d].name.clone()),
                    key: record_label(interp.world, *d, *row),
                    name: explain::record_name(interp, *d, *row),
                    record: Some(explain::record_ref(interp, *d, *row)),
                },
                _ => SubjectPart {
                    var: interp.rule.vars[var].name.clone(),
                    dataset: None,
                    key: value.display(interp.world),
                    name: None,
                    record: None,
                },
            }
        })
        .collect()
}
