//! `summary.md`: the run at a glance, the change since the baseline, the
//! counts by rule and by unit, then every violation with its evidence and
//! clause, the pending outcomes, and what was read.

use std::fmt::Write;

use super::diff::{Changes, RunRef};
use super::model::{Counts, OutcomeInfo, Report, Status};
use super::text::{md, md_table};
use super::view::{self, period_list};
use crate::eval::outcome::listing;
use crate::textable::Align;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    if let Some(changes) = &report.changes {
        out.push_str(&changes_section(changes, 2, None));
    }
    by_rule(&mut out, report);
    by_unit(&mut out, report);
    violations(&mut out, report);
    pending(&mut out, report);
    data(&mut out, report);
    errors(&mut out, report);
    waivers(&mut out, report);
    out
}

fn counts_line(c: &Counts) -> String {
    format!(
        "{} outcomes: {} pass, {} violation, {} pending, {} waived, {} n/a",
        c.outcomes, c.pass, c.violation, c.pending, c.waived, c.not_applicable
    )
}

fn cell(n: usize) -> String {
    if n == 0 {
        "·".to_owned()
    } else {
        n.to_string()
    }
}

fn status_cells(c: &Counts) -> Vec<String> {
    Status::ALL.iter().map(|s| cell(c.get(*s))).collect()
}

const STATUS_HEADER: [&str; 5] = ["pass", "violation", "pending", "waived", "n/a"];

fn header(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "# 巡察报告 · {} · {}\n",
        md(&r.project),
        md(&r.range.label)
    );
    let read: usize = r.load.datasets.iter().map(|d| d.read).sum();
    let loaded: usize = r.load.datasets.iter().map(|d| d.loaded).sum();
    let _ = writeln!(
        out,
        "- 范围 range: {} ({} .. {})",
        md(&r.range.label),
        r.range.start,
        r.range.end
    );
    let _ = writeln!(out, "- 截至 as of: {}", r.as_of);
    let _ = writeln!(
        out,
        "- 记录 records: {read} read, {loaded} loaded, {} rejected",
        read - loaded
    );
    let _ = writeln!(out, "- 结果 outcomes: {}", counts_line(&r.totals));
    if !r.filters.rules.is_empty() {
        let _ = writeln!(out, "- 规则 rules: {}", md(&r.filters.rules.join(", ")));
    }
    if !r.filters.units.is_empty() {
        let _ = writeln!(out, "- 单位 units: {}", md(&r.filters.units.join(", ")));
    }
    out.push_str(
        "\nStatus: pass 符合 · violation 违反 · pending 待定 (the period or deadline has not \
         closed and the requirement can still be met) · waived 豁免 · n/a 不适用 (the unit did \
         not exist for the whole period, or the population is empty).\n",
    );
}

/// The change since the baseline, as a section at heading `level`; `now`
/// names the later run when the section stands alone (`xuncha diff`).
pub fn changes_section(c: &Changes, level: usize, now: Option<&RunRef>) -> String {
    let mut out = String::new();
    let h = "#".repeat(level);
    let (zh, en) = view::since_heading(&c.baseline.range);
    let _ = writeln!(
        out,
        "\n{h} {zh} · {en}\n\nBaseline: {} (as of {}).",
        md(&c.baseline.range.label),
        c.baseline.as_of
    );
    if let Some(now) = now {
        let _ = writeln!(out, "Now: {} (as of {}).", md(&now.range.label), now.as_of);
    }
    if !c.history.is_empty() {
        let runs: Vec<String> = c.history.iter().map(|r| md(&r.range.label)).collect();
        let _ = writeln!(out, "Earlier runs consulted: {}.", runs.join(", "));
    }
    out.push('\n');
    let lists = c.by_kind();
    let rows: Vec<Vec<String>> = lists
        .iter()
        .map(|(zh, en, list)| vec![format!("{zh} {en}"), list.len().to_string()])
        .collect();
    out.push_str(&md_table(
        &["变化 change", "count"],
        &[Align::Left, Align::Right],
        &rows,
    ));
    for (zh, en, list) in lists {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{h}# {zh} {en} ({})\n", list.len());
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|change| view::change_cells(change, md).to_vec())
            .collect();
        out.push_str(&md_table(
            &["rule", "unit", "name", "period", "before", "now", "history"],
            &[Align::Left; 7],
            &rows,
        ));
    }
    out
}

fn by_rule(out: &mut String, r: &Report) {
    out.push_str("\n## 按规则 · By rule\n\n");
    let rows: Vec<Vec<String>> = r
        .rules
        .iter()
        .map(|rule| {
            let mut row = vec![
                md(&rule.id),
                md(&rule.title),
                rule.severity.as_str().to_owned(),
                md(rule.every.as_deref().unwrap_or("—")),
            ];
            row.extend(status_cells(&rule.totals));
            row
        })
        .collect();
    let mut header = vec!["rule", "title", "severity", "every"];
    header.extend(STATUS_HEADER);
    let mut align = vec![Align::Left; 4];
    align.extend([Align::Right; 5]);
    out.push_str(&md_table(&header, &align, &rows));
}

fn by_unit(out: &mut String, r: &Report) {
    out.push_str("\n## 按单位 · By unit\n");
    let mut header = vec!["unit", "name"];
    header.extend(STATUS_HEADER);
    header.push("rules violated");
    let mut align = vec![Align::Left; 2];
    align.extend([Align::Right; 5]);
    align.push(Align::Left);
    for group in view::by_unit(r) {
        let _ = writeln!(out, "\n### {} ({})\n", md(group.dataset), group.units.len());
        let (shown, hidden) = group.shown();
        if !shown.is_empty() {
            let rows: Vec<Vec<String>> = shown
                .iter()
                .map(|u| {
                    let mut row = vec![md(u.unit), md(u.name.unwrap_or(""))];
                    row.extend(status_cells(&u.totals));
                    row.push(md(&u.violated.join(", ")));
                    row
                })
                .collect();
            out.push_str(&md_table(&header, &align, &rows));
        }
        if hidden > 0 {
            let gap = if shown.is_empty() { "" } else { "\n" };
            let note = view::hidden_note(hidden, !shown.is_empty());
            let _ = writeln!(out, "{gap}{note}.");
        }
    }
}

fn violations(out: &mut String, r: &Report) {
    out.push_str("\n## 违反 · Violations\n");
    let mut any = false;
    for rv in view::by_rule(r) {
        let list: Vec<&OutcomeInfo> = rv
            .outcomes
            .iter()
            .copied()
            .filter(|o| o.status == Status::Violation)
            .collect();
        if list.is_empty() {
            continue;
        }
        any = true;
        let rule = rv.rule;
        let _ = writeln!(out, "\n### {} {}\n", md(&rule.id), md(&rule.title));
        let mut meta = vec![format!("severity {}", rule.severity.as_str())];
        if let Some(cite) = &rule.cite {
            meta.insert(0, format!("条款 clause: {}", md(cite)));
        }
        if !rule.tags.is_empty() {
            meta.push(format!("tags {}", md(&rule.tags.join(" "))));
        }
        if let Some(owner) = &rule.owner {
            meta.push(format!("owner {}", md(owner)));
        }
        if let Some(source) = &rule.source {
            meta.push(format!("rule at {}", md(source)));
        }
        let count = view::plural(list.len(), "violation", "violations");
        let _ = writeln!(out, "{} · {count}\n", meta.join(" · "));
        let periods = view::periods(&rv.outcomes);
        for run in view::runs(&periods, &list) {
            violation_item(out, run.first, &period_list(&run.periods));
        }
    }
    if !any {
        out.push_str("\nNone.\n");
    }
}

fn violation_item(out: &mut String, o: &OutcomeInfo, periods: &str) {
    let mut who = format!("**{}**", md(&o.subject_line()));
    if let Some(name) = &o.unit_name {
        let _ = write!(who, " {}", md(name));
    }
    let mut line = format!("- {who}, {}", md(periods));
    match (&o.found, &o.required) {
        (Some(f), Some(q)) => {
            let _ = write!(line, ": found {}, required {}", md(f), md(q));
        }
        (Some(f), None) => {
            let _ = write!(line, ": found {}", md(f));
        }
        _ => {}
    }
    if let Some(m) = &o.message {
        let _ = write!(line, " — {}", md(m));
    }
    if let Some(loc) = o.record.as_ref().and_then(|r| r.location()) {
        let _ = write!(line, " ({})", md(&loc));
    }
    out.push_str(&line);
    out.push('\n');
    for g in &o.evidence {
        let names = g
            .records
            .iter()
            .map(|r| match r.location() {
                Some(loc) => format!("{} [{}]", md(&r.short()), md(&loc)),
                None => md(&r.short()),
            })
            .collect();
        let listed = listing(names, g.total);
        let _ = writeln!(out, "  - {} = {}: {listed}", md(&g.label), g.total);
    }
    for n in &o.details() {
        let _ = writeln!(out, "  - {}", md(n));
    }
}

fn pending(out: &mut String, r: &Report) {
    let list: Vec<&OutcomeInfo> = r
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Pending)
        .collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## 待定 · Pending ({})\n", list.len());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|o| {
            vec![
                md(&o.rule),
                md(&o.subject_line()),
                md(o.unit_name.as_deref().unwrap_or("")),
                md(&o.period.label),
                md(o.found.as_deref().unwrap_or("")),
                md(o.required.as_deref().unwrap_or("")),
                format!("{} .. {}", o.period.start, o.period.end),
                md(&o.details().join("; ")),
            ]
        })
        .collect();
    let header = [
        "rule", "unit", "name", "period", "found", "required", "dates", "note",
    ];
    out.push_str(&md_table(&header, &[Align::Left; 8], &rows));
}

fn data(out: &mut String, r: &Report) {
    out.push_str("\n## 数据 · Data\n\n");
    let rows: Vec<Vec<String>> = r
        .load
        .datasets
        .iter()
        .map(|d| {
            vec![
                md(&d.name),
                md(d.file.as_deref().unwrap_or("(built in)")),
                d.read.to_string(),
                d.loaded.to_string(),
                cell(d.rejected),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &["dataset", "file", "read", "loaded", "rejected"],
        &[
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        &rows,
    ));
    if r.load.rejected.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n### 被拒记录 · Rejected records ({})\n",
        r.load.rejected.len()
    );
    let rows: Vec<Vec<String>> = r
        .load
        .rejected
        .iter()
        .map(|x| {
            vec![
                format!("{}:{}", md(&x.file), x.line),
                md(&x.dataset),
                md(&x.reason),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &["record", "dataset", "reason"],
        &[Align::Left; 3],
        &rows,
    ));
}

/// Every waiver with its fate: applied, expired, matching nothing.
fn waivers(out: &mut String, r: &Report) {
    if r.waivers.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## 豁免 · Waivers ({})\n", r.waivers.len());
    let rows: Vec<Vec<String>> = r
        .waivers
        .iter()
        .map(|w| {
            vec![
                md(&w.id),
                md(&w.rule),
                md(&w.units.join(", ")),
                md(&w.days.label),
                md(&w.reason),
                md(&w.approved),
                md(&w.expires),
                md(&w.state),
                w.waived.to_string(),
            ]
        })
        .collect();
    let mut align = vec![Align::Left; 8];
    align.push(Align::Right);
    out.push_str(&md_table(
        &[
            "waiver", "rule", "units", "days", "reason", "approved", "expires", "state", "waived",
        ],
        &align,
        &rows,
    ));
}

fn errors(out: &mut String, r: &Report) {
    if r.errors.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## 错误 · Errors ({})\n", r.errors.len());
    out.push_str("These outcomes could not be computed; the run exits with code 2.\n\n");
    let rows: Vec<Vec<String>> = r
        .errors
        .iter()
        .map(|e| vec![md(&e.rule), md(&e.subject), md(&e.period), md(&e.message)])
        .collect();
    out.push_str(&md_table(
        &["rule", "subject", "period", "error"],
        &[Align::Left; 4],
        &rows,
    ));
}
