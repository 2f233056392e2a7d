//! `junit.xml` for schedulers and CI dashboards: one test suite per rule,
//! one test case per (rule, unit).
//!
//! A case *fails* when the unit violated the rule in any period (the
//! failure's `type` is the rule's severity); it has an *error* when an
//! outcome could not be computed; it is *skipped* when nothing was decided
//! against it yet: some period is pending (the requirement can still be
//! met) or every period is n/a; otherwise it passes (waived periods pass).
//! No times or timestamps, so that the file is the same for the same run.

use std::fmt::Write;

use super::model::{OutcomeInfo, Report, RuleInfo, Status};
use super::text::{xml, xml_attr};
use super::view::{self, period_list};
use crate::eval::outcome::listing;

enum Verdict {
    Pass,
    Failure { message: String, body: String },
    Error { message: String },
    Skipped { message: String },
}

struct Case {
    name: String,
    verdict: Verdict,
}

pub fn render(report: &Report) -> String {
    let suites: Vec<(&RuleInfo, Vec<Case>)> = view::by_rule(report)
        .into_iter()
        .map(|rv| (rv.rule, cases(report, rv.rule, &rv.outcomes)))
        .collect();
    let count =
        |f: fn(&Verdict) -> bool, cases: &[Case]| cases.iter().filter(|c| f(&c.verdict)).count();
    let failed = |v: &Verdict| matches!(v, Verdict::Failure { .. });
    let errored = |v: &Verdict| matches!(v, Verdict::Error { .. });
    let skipped = |v: &Verdict| matches!(v, Verdict::Skipped { .. });
    let all: Vec<&Case> = suites.iter().flat_map(|(_, c)| c).collect();
    let total = |f: fn(&Verdict) -> bool| all.iter().filter(|c| f(&c.verdict)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        xml_attr(&format!(
            "xuncha {} {} as of {}",
            report.project, report.range.label, report.as_of
        )),
        all.len(),
        total(failed),
        total(errored),
        total(skipped),
    );
    for (rule, cases) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            xml_attr(&format!("{} {}", rule.id, rule.title)),
            cases.len(),
            count(failed, cases),
            count(errored, cases),
            count(skipped, cases),
        );
        properties(&mut out, rule);
        for case in cases {
            testcase(&mut out, rule, case);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn properties(out: &mut String, rule: &RuleInfo) {
    let mut props = vec![("severity", rule.severity.as_str().to_owned())];
    if let Some(cite) = &rule.cite {
        props.push(("cite", cite.clone()));
    }
    if let Some(every) = &rule.every {
        props.push(("every", every.clone()));
    }
    if !rule.tags.is_empty() {
        props.push(("tags", rule.tags.join(" ")));
    }
    if let Some(owner) = &rule.owner {
        props.push(("owner", owner.clone()));
    }
    if let Some(source) = &rule.source {
        props.push(("source", source.clone()));
    }
    out.push_str("    <properties>\n");
    for (name, value) in props {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            xml_attr(&value)
        );
    }
    out.push_str("    </properties>\n");
}

fn testcase(out: &mut String, rule: &RuleInfo, case: &Case) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\"",
        xml_attr(&rule.id),
        xml_attr(&case.name)
    );
    match &case.verdict {
        Verdict::Pass => out.push_str("/>\n"),
        Verdict::Failure { message, body } => {
            let _ = writeln!(
                out,
                ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                rule.severity.as_str(),
                xml_attr(message),
                xml(body)
            );
        }
        Verdict::Error { message } => {
            let _ = writeln!(
                out,
                ">\n      <error type=\"evaluation\" message=\"{}\"/>\n    </testcase>",
                xml_attr(message)
            );
        }
        Verdict::Skipped { message } => {
            let _ = writeln!(
                out,
                ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                xml_attr(message)
            );
        }
    }
}

/// One case per unit of the rule (by key), then one per evaluation error
/// whose unit has no outcome.
fn cases(report: &Report, rule: &RuleInfo, outcomes: &[&OutcomeInfo]) -> Vec<Case> {
    let grid = view::grid(outcomes);
    let errors: Vec<_> = report.errors.iter().filter(|e| e.rule == rule.id).collect();
    let unit_of = |subject: &str| subject.split(" / ").next().unwrap_or("").to_owned();
    let mut out: Vec<Case> = grid
        .rows
        .iter()
        .map(|row| {
            let list: Vec<&OutcomeInfo> =
                row.cells.iter().flat_map(|c| c.outcomes.clone()).collect();
            let name = match row.name {
                Some(n) => format!("{} {n}", row.unit),
                None => row.unit.to_owned(),
            };
            let own: Vec<String> = errors
                .iter()
                .filter(|e| unit_of(&e.subject) == row.unit)
                .map(|e| format!("{} {}: {}", e.subject, e.period, e.message))
                .collect();
            let verdict = if own.is_empty() {
                verdict(&grid.periods, &list, rule.cite.as_deref())
            } else {
                Verdict::Error {
                    message: own.join("; "),
                }
            };
            Case { name, verdict }
        })
        .collect();
    for e in errors {
        let unit = unit_of(&e.subject);
        if grid.rows.iter().any(|r| r.unit == unit) {
            continue;
        }
        let name = if unit.is_empty() {
            "(rule)".to_owned()
        } else {
            unit
        };
        out.push(Case {
            name,
            verdict: Verdict::Error {
                message: format!("{} {}: {}", e.subject, e.period, e.message),
            },
        });
    }
    out
}

fn verdict(grid: &[&super::model::Span], list: &[&OutcomeInfo], cite: Option<&str>) -> Verdict {
    let of = |s: Status| -> Vec<&OutcomeInfo> {
        list.iter().copied().filter(|o| o.status == s).collect()
    };
    fn labels<'a>(l: &[&'a OutcomeInfo]) -> Vec<&'a str> {
        let mut v: Vec<&str> = Vec::new();
        for o in l {
            if !v.contains(&o.period.label.as_str()) {
                v.push(&o.period.label);
            }
        }
        v
    }
    let violations = of(Status::Violation);
    if !violations.is_empty() {
        let message = format!(
            "violated in {} of {}: {}",
            labels(&violations).len(),
            view::plural(labels(list).len(), "period", "periods"),
            view::ranges(grid, &labels(&violations))
        );
        let mut body = String::new();
        for run in view::runs(grid, &violations) {
            body.push_str(&describe(run.first, &period_list(&run.periods)));
        }
        if let Some(cite) = cite {
            let _ = writeln!(body, "clause: {cite}");
        }
        return Verdict::Failure { message, body };
    }
    let pending = of(Status::Pending);
    if !pending.is_empty() {
        let first = pending[0];
        let mut message = format!("pending in {}", view::ranges(grid, &labels(&pending)));
        if let (Some(f), Some(r)) = (&first.found, &first.required) {
            let _ = write!(message, " (found {f}, required {r}; can still be met)");
        }
        return Verdict::Skipped { message };
    }
    if list.iter().all(|o| o.status == Status::NotApplicable) {
        let note = list
            .iter()
            .flat_map(|o| o.details().into_iter().next())
            .next()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        return Verdict::Skipped {
            message: format!("n/a in every period{note}"),
        };
    }
    Verdict::Pass
}

/// A violation as plain text lines: the periods, values, message, records.
fn describe(o: &OutcomeInfo, periods: &str) -> String {
    let mut line = format!("{} {periods}", o.subject_line());
    if let (Some(f), Some(r)) = (&o.found, &o.required) {
        let _ = write!(line, ": found {f}, required {r}");
    }
    if let Some(m) = &o.message {
        let _ = write!(line, " — {m}");
    }
    line.push('\n');
    for g in &o.evidence {
        let listed = listing(g.records.iter().map(|r| r.short()).collect(), g.total);
        let _ = writeln!(line, "  {} = {}: {listed}", g.label, g.total);
    }
    for n in &o.details() {
        let _ = writeln!(line, "  {n}");
    }
    line
}
