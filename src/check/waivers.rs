//! Checking waivers: the rule they name, their units, their days, their
//! approval and expiry. Whether the units exist is known only with the data
//! ([`unknown_units`]).

use std::collections::HashMap;

use super::error::{self, did_you_mean};
use super::ir::{CheckedRule, SourceBase, Step, Waiver};
use super::Program;
use crate::data::{Column, Database};
use crate::diagnostic::Diagnostic;
use crate::eval::period::{format_day, parse_range};
use crate::schema::FieldType;
use crate::source::Span;
use crate::syntax::ast::{Spanned, WaiverClause, WaiverDecl};

/// The rules a waiver or a test may name: every rule declared, and the
/// checked ones among them.
pub struct KnownRules<'a> {
    pub declared: &'a [(&'a str, Span)],
    pub checked: &'a [CheckedRule],
}

impl KnownRules<'_> {
    /// The checked rule named `id`; `None` with a diagnostic if no rule of
    /// that name is declared, and `None` alone if it is declared but has
    /// errors of its own.
    pub fn find(
        &self,
        id: &Spanned<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&CheckedRule> {
        if !self.declared.iter().any(|(d, _)| *d == id.node) {
            let names = self.declared.iter().map(|(d, _)| *d);
            let d = Diagnostic::error(
                "xuncha::check::unknown-rule",
                format!("unknown rule `{}`", id.node),
            )
            .with_label(id.span, "no rule of this id");
            diagnostics.push(error::with_suggestion(
                d,
                did_you_mean(&id.node, names),
                "name a rule declared in the files checked together",
            ));
            return None;
        }
        self.checked.iter().find(|r| r.id == id.node)
    }
}

/// Checks every waiver; a waiver with a problem is reported and left out.
pub fn check_waivers(
    decls: &[&WaiverDecl],
    rules: &KnownRules,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Waiver> {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut waivers = Vec::new();
    for decl in decls {
        if let Some(first) = seen.get(decl.id.node.as_str()) {
            diagnostics.push(error::duplicate(
                "xuncha::check::duplicate-waiver",
                "waiver",
                &decl.id.node,
                decl.id.span,
                *first,
            ));
            continue;
        }
        seen.insert(&decl.id.node, decl.id.span);
        waivers.extend(check_waiver(decl, rules, diagnostics));
    }
    waivers
}

/// The clauses of one waiver, each written at most once.
#[derive(Default)]
struct Clauses<'a> {
    rule: Option<&'a Spanned<String>>,
    units: Option<&'a [Spanned<String>]>,
    days: Option<(Spanned<i32>, Spanned<i32>)>,
    approved: Option<&'a Spanned<String>>,
    expires: Option<&'a Spanned<i32>>,
}

fn check_waiver(
    decl: &WaiverDecl,
    rules: &KnownRules,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Waiver> {
    let before = diagnostics.len();
    let clauses = gather(decl, diagnostics);
    let missing = |what: &str, example: &str| {
        Diagnostic::error(
            "xuncha::check::incomplete-waiver",
            format!("waiver `{}` does not say {what}", decl.id.node),
        )
        .with_label(decl.id.span, "this waiver")
        .with_help(format!("add {example}"))
    };
    let rule = match clauses.rule {
        None => {
            diagnostics.push(missing("which rule it waives", "`rule S01`"));
            None
        }
        Some(id) => rules.find(id, diagnostics),
    };
    if clauses.days.is_none() {
        diagnostics.push(missing(
            "which days it covers",
            "`from 2021-01-01 to 2021-06-30` or `period 2021-H1`",
        ));
    }
    if clauses.approved.is_none() {
        diagnostics.push(missing(
            "who approved it",
            "`approved \"巡察办〔2021〕3号\"`: the authority or document",
        ));
    }
    if clauses.expires.is_none() {
        diagnostics.push(missing("when it expires", "`expires 2021-12-31`"));
    }
    let units = clauses.units.unwrap_or_default();
    if let Some(rule) = rule {
        let has_each = rule.steps.iter().any(|s| matches!(s, Step::Each { .. }));
        if has_each && units.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::waiver-without-units",
                    format!("waiver `{}` names no units", decl.id.node),
                )
                .with_label(decl.id.span, "this waiver")
                .with_help(format!(
                    "rule {} is judged per unit: list the units it covers, as in `units D07, D08`",
                    rule.id
                )),
            );
        } else if !has_each && !units.is_empty() {
            let span = units[0].span.to(units[units.len() - 1].span);
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::waiver-with-units",
                    format!(
                        "rule {} judges the organisation as a whole, not units",
                        rule.id
                    ),
                )
                .with_label(span, "units of a rule without `each`")
                .with_help("remove the `units` line: the waiver covers the whole organisation"),
            );
        }
    }
    if let Some((from, to)) = &clauses.days {
        if from.node > to.node {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::waiver-days-reversed",
                    format!(
                        "waiver `{}` ends on {} before it starts on {}",
                        decl.id.node,
                        format_day(to.node),
                        format_day(from.node)
                    ),
                )
                .with_label(to.span, "the last day")
                .with_label(from.span, "the first day")
                .with_help("write the first day after `from` and the last after `to`"),
            );
        } else if let Some(expires) = clauses.expires.filter(|e| e.node < from.node) {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::waiver-expires-before-start",
                    format!(
                        "waiver `{}` expires on {}, before the first day it covers",
                        decl.id.node,
                        format_day(expires.node)
                    ),
                )
                .with_label(expires.span, "expires here")
                .with_label(from.span, "covers from here")
                .with_help(
                    "a waiver that expires before it starts covers nothing: correct the dates",
                ),
            );
        }
    }
    if diagnostics.len() > before {
        return None;
    }
    let (from, to) = clauses.days?;
    Some(Waiver {
        id: decl.id.node.clone(),
        rule: clauses.rule?.node.clone(),
        units: units.iter().map(|u| u.node.clone()).collect(),
        unit_spans: units.iter().map(|u| u.span).collect(),
        from: from.node,
        to: to.node,
        reason: decl.reason.node.clone(),
        approved_by: clauses.approved?.node.clone(),
        expires: clauses.expires?.node,
        span: decl.id.span,
    })
}

fn gather<'a>(decl: &'a WaiverDecl, diagnostics: &mut Vec<Diagnostic>) -> Clauses<'a> {
    let mut clauses = Clauses::default();
    let mut firsts: HashMap<&str, Span> = HashMap::new();
    for clause in &decl.clauses {
        let (what, help) = match clause {
            WaiverClause::Rule(_) => (
                "rule",
                "a waiver waives one rule; write one waiver per rule",
            ),
            WaiverClause::Units(_) => ("units", "list all units on one line: `units D07, D08`"),
            WaiverClause::Days { .. } | WaiverClause::Period(_) => (
                "from .. to",
                "a waiver covers one range of days: `from .. to` or `period`, once",
            ),
            WaiverClause::Approved(_) => ("approved", "keep one"),
            WaiverClause::Expires(_) => ("expires", "keep one"),
        };
        let span = clause.span();
        if let Some(first) = firsts.get(what) {
            let what = if what == "from .. to" {
                "range of days"
            } else {
                what
            };
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::repeated-clause",
                    format!("a waiver has one `{what}`"),
                )
                .with_label(span, "another one here")
                .with_label(*first, "the first one")
                .with_help(help),
            );
            continue;
        }
        firsts.insert(what, span);
        match clause {
            WaiverClause::Rule(id) => clauses.rule = Some(id),
            WaiverClause::Units(units) => clauses.units = Some(units),
            WaiverClause::Days { from, to } => clauses.days = Some((from.clone(), to.clone())),
            WaiverClause::Period(label) => match parse_range(&label.node) {
                Ok(p) => {
                    clauses.days = Some((
                        Spanned::new(p.start, label.span),
                        Spanned::new(p.end, label.span),
                    ))
                }
                Err(e) => diagnostics.push(bad_period(&e.to_string(), label.span)),
            },
            WaiverClause::Approved(a) => clauses.approved = Some(a),
            WaiverClause::Expires(e) => clauses.expires = Some(e),
        }
    }
    clauses
}

/// A period label that names no period, such as 2021-Q5.
pub fn bad_period(message: &str, span: Span) -> Diagnostic {
    Diagnostic::error("xuncha::check::bad-period", "this is not a period")
        .with_label(span, "no such period")
        .with_help(message.to_owned())
}

/// The units named by waivers that are not records of the dataset their
/// rule's outermost `each` ranges over. Only the loaded data can tell.
pub fn unknown_units(program: &Program, db: &Database) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for waiver in &program.waivers {
        let Some(rule) = program.rules.iter().find(|r| r.id == waiver.rule) else {
            continue;
        };
        let Some(dataset) = rule.steps.iter().find_map(|s| match s {
            Step::Each { source, .. } => Some(&source.base),
            Step::Let { .. } => None,
        }) else {
            continue;
        };
        let SourceBase::Dataset(dataset) = *dataset else {
            continue;
        };
        let (Some(schema), Some(table)) =
            (program.schema.datasets.get(dataset), db.tables.get(dataset))
        else {
            continue;
        };
        let Some(key) = schema.key else {
            continue;
        };
        let units: Vec<&str> = waiver.units.iter().map(String::as_str).collect();
        let rows = match schema.fields[key].ty {
            FieldType::Int => units
                .iter()
                .map(|unit| table.row_of_key_int(unit.trim().parse().ok()?))
                .collect(),
            _ => table.rows_of_keys(&units, &db.interner),
        };
        for ((unit, span), found) in waiver.units.iter().zip(&waiver.unit_spans).zip(rows) {
            if found.is_some() {
                continue;
            }
            let d = Diagnostic::warning(
                "xuncha::check::unknown-unit",
                format!(
                    "waiver {} names `{unit}`, which is not a record of `{}`",
                    waiver.id, schema.name
                ),
            )
            .with_label(*span, format!("not in `{}`", schema.name));
            let keys: Vec<&str> = match table.columns.get(key) {
                Some(Column::Text(keys)) => keys
                    .iter()
                    .flatten()
                    .map(|sym| db.interner.resolve(*sym))
                    .collect(),
                Some(Column::UniqueText { text, ends }) => (0..ends.len())
                    .filter_map(|row| Column::unique_text_at(text, ends, row))
                    .collect(),
                _ => Vec::new(),
            };
            diagnostics.push(error::with_suggestion(
                d,
                did_you_mean(unit, keys),
                format!(
                    "rule {} is judged for each record of `{}`; name units by their `{}`",
                    rule.id, schema.name, schema.fields[key].name
                ),
            ));
        }
    }
    diagnostics
}
