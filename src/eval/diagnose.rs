//! Outcomes as text for people: a violation as a diagnostic on the rule's
//! `require`, and the full explanation of one outcome.

use std::fmt::Write;

use super::outcome::{Outcome, RecordGroup, RecordRef, Status};
use super::period::format_day;
use crate::check::ir::CheckedRule;
use crate::diagnostic::{Diagnostic, Level};
use crate::syntax::ast::Severity;

/// A violation (or a pending outcome) as a diagnostic: the label on the
/// rule's `require` says what was found and what is required; the help
/// gives the message, the clause, the record and the evidence.
pub fn violation_diagnostic(rule: &CheckedRule, o: &Outcome) -> Diagnostic {
    let who = match o.subject.first().and_then(|s| s.name.as_deref()) {
        Some(name) => format!("{} {name}", o.subject_line()),
        None => o.subject_line(),
    };
    let verdict = if o.status == Status::Pending {
        "not yet met"
    } else {
        "violated"
    };
    let message = format!(
        "{} {}: {who} {verdict} in {}",
        rule.id, rule.title, o.period
    );
    let label = match (&o.found, &o.required) {
        (Some(f), Some(r)) => format!("found {f}, required {r}"),
        _ => verdict.to_owned(),
    };
    let code = match (o.status, o.severity) {
        (Status::Pending, _) => "xuncha::pending",
        (_, Severity::Error) => "xuncha::violation",
        (_, Severity::Warning) => "xuncha::violation::warning",
        (_, Severity::Info) => "xuncha::violation::info",
    };
    let mut help = Vec::new();
    if let Some(m) = &o.message {
        help.push(m.clone());
    }
    if let Some(cite) = &rule.cite {
        help.push(format!("clause: {cite}"));
    }
    if let Some(record) = &o.record {
        if let Some(place) = place(record) {
            help.push(format!("record {} at {place}", record.key));
        }
    }
    help.extend(o.evidence.iter().map(RecordGroup::line));
    // A deadline on a date already shows in the label ("required by …").
    if let Some(deadline) = o.deadline.as_ref().filter(|d| !label.ends_with(d.as_str())) {
        help.push(format!("deadline {deadline}"));
    }
    help.extend(o.notes.iter().cloned());
    let mut d = Diagnostic::error(code, message).with_label(rule.require.span, label);
    if o.status == Status::Pending || o.severity != Severity::Error {
        d.level = Level::Warning;
    }
    if help.is_empty() {
        d
    } else {
        d.with_help(help.join("\n"))
    }
}

fn place(record: &RecordRef) -> Option<String> {
    Some(format!("{}:{}", record.file.as_ref()?, record.line?))
}

/// How one outcome was reached: the scope, the period, the values, and
/// every record behind them with the place it was read from.
pub fn render_explanation(rule: &CheckedRule, o: &Outcome, as_of: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "rule {} {}", rule.id, rule.title);
    if let Some(cite) = &rule.cite {
        let _ = writeln!(out, "clause: {cite}");
    }
    let _ = writeln!(
        out,
        "period {} ({} .. {}), as of {as_of}",
        o.period,
        format_day(o.period_start),
        format_day(o.period_end)
    );
    for part in &o.subject {
        let name = part
            .name
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let dataset = part
            .dataset
            .as_deref()
            .map(|d| format!(" in {d}"))
            .unwrap_or_default();
        let at = part
            .record
            .as_ref()
            .and_then(place)
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let _ = writeln!(out, "scope: {} = {}{name}{dataset}{at}", part.var, part.key);
    }
    for group in &o.evidence {
        let _ = writeln!(out, "{} = {}", group.label, group.total);
        for r in &group.records {
            let at = place(r).map(|p| format!("  {p}")).unwrap_or_default();
            let _ = writeln!(out, "  {}{at}", r.short());
        }
    }
    if let (Some(found), Some(required)) = (&o.found, &o.required) {
        let _ = writeln!(out, "found {found}, required {required}");
    }
    for note in &o.notes {
        let _ = writeln!(out, "note: {note}");
    }
    let _ = writeln!(out, "status: {}", o.status.as_str());
    out
}
