//! `report.html`: one self-contained page (inline CSS, no script, no
//! network) with, per rule, a unit × period heat map of statuses and a
//! table of the violations and pending outcomes whose evidence opens on
//! demand.
//!
//! Every heat-map cell is a `td.cell` with `data-unit`, `data-period` and
//! `data-status` (`pass`, `violation`, `pending`, `waived`, `n/a`, or
//! `none` where the unit has no outcome in that period); when a unit has
//! several outcomes in one period (a rule with more than one `each`) the
//! cell shows the weightiest status and `data-count` says how many. A rule
//! with more than 30 units shows those with a violation or a pending
//! outcome, and the others in a second table under `<details>`.

use std::fmt::Write;

use super::diff::{Change, Changes};
use super::model::{Counts, OutcomeInfo, Report, RuleInfo, Status};
use super::text::html as esc;
use super::view::{self, period_list, Cell, Grid, Row};
use crate::eval::outcome::listing;

const STYLE: &str = r#"
:root { --pass: #2e7d32; --violation: #c62828; --pending: #f9a825; --waived: #1565c0;
  --na: #cfd8dc; --none: #ffffff; --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 32px 64px; color: var(--ink);
  font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC",
    "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "WenQuanYi Micro Hei", sans-serif;
  font-size: 14px; line-height: 1.55; }
code, .id, .mono { font-family: ui-monospace, "SFMono-Regular", "Noto Sans Mono CJK SC",
  "DejaVu Sans Mono", Menlo, Consolas, monospace; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 6px; }
a { color: #0b57d0; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { padding: 3px 8px; border: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #f3f5f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: var(--muted); margin: 0 0 8px; }
.summary td:first-child { color: var(--muted); white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0; color: var(--muted); }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid rgba(0,0,0,.15); }
.scroll { overflow-x: auto; max-width: 100%; }
table.heatmap th.unit { position: sticky; left: 0; background: #fff; white-space: nowrap; z-index: 1; }
table.heatmap thead th.period { font-weight: 500; font-size: 11px; color: var(--muted);
  padding: 2px 1px; text-align: center; min-width: 22px; }
table.heatmap thead th.period.vertical { writing-mode: vertical-rl; height: 64px; }
table.heatmap td.cell { width: 22px; min-width: 22px; height: 22px; padding: 0; text-align: center;
  font-size: 12px; color: #fff; border: 2px solid #fff; }
td.s-pass, .swatch.s-pass { background: var(--pass); }
td.s-violation, .swatch.s-violation { background: var(--violation); }
td.s-pending, .swatch.s-pending { background: var(--pending); color: var(--ink); }
td.s-waived, .swatch.s-waived { background: var(--waived); }
td.s-na, .swatch.s-na { background: var(--na); color: var(--muted); }
td.s-none, .swatch.s-none { background: var(--none); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; color: #fff; white-space: nowrap; }
.badge.s-pass { background: var(--pass); } .badge.s-violation { background: var(--violation); }
.badge.s-pending { background: var(--pending); color: var(--ink); }
.badge.s-waived { background: var(--waived); } .badge.s-na { background: var(--na); color: var(--ink); }
.bar { display: flex; width: 160px; height: 10px; border-radius: 5px; overflow: hidden; background: #eef1f4; }
.bar span { display: block; height: 100%; }
details summary { cursor: pointer; }
details.clear-rows { margin: 6px 0; color: var(--muted); }
details ul { margin: 4px 0 2px; padding-left: 18px; }
.loc { color: var(--muted); font-size: 12px; }
.none { color: var(--muted); }
.change-new, .change-relapsed { color: var(--violation); font-weight: 600; }
.change-resolved { color: var(--pass); font-weight: 600; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print { .scroll { overflow: visible; } }
"#;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = format!("巡察报告 · {} · {}", report.project, report.range.label);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", esc(&title));
    summary(&mut out, report);
    legend(&mut out);
    out.push_str("</header>\n<main>\n");
    if let Some(changes) = &report.changes {
        changes_section(&mut out, changes);
    }
    by_rule(&mut out, report);
    for rv in view::by_rule(report) {
        rule_section(&mut out, rv.rule, &rv.outcomes);
    }
    by_unit(&mut out, report);
    data(&mut out, report);
    out.push_str("</main>\n<footer>xuncha report format version ");
    let _ = write!(out, "{}", report.version);
    out.push_str(" · the same rules, data and as-of date give the same page.</footer>\n");
    out.push_str("</body>\n</html>\n");
    out
}

fn class(status: Status) -> &'static str {
    match status {
        Status::Pass => "s-pass",
        Status::Violation => "s-violation",
        Status::Pending => "s-pending",
        Status::Waived => "s-waived",
        Status::NotApplicable => "s-na",
    }
}

fn symbol(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Pass) => "✓",
        Some(Status::Violation) => "✗",
        Some(Status::Pending) => "…",
        Some(Status::Waived) => "W",
        Some(Status::NotApplicable) => "–",
        None => "",
    }
}

fn badge(status: Status) -> String {
    format!(
        "<span class=\"badge {}\">{} {}</span>",
        class(status),
        status.chinese(),
        status.as_str()
    )
}

fn summary(out: &mut String, r: &Report) {
    let read: usize = r.load.datasets.iter().map(|d| d.read).sum();
    let loaded: usize = r.load.datasets.iter().map(|d| d.loaded).sum();
    let c = &r.totals;
    let mut rows = vec![
        (
            "范围 range",
            format!(
                "{} ({} .. {})",
                esc(&r.range.label),
                r.range.start,
                r.range.end
            ),
        ),
        ("截至 as of", esc(&r.as_of)),
        (
            "记录 records",
            format!("{read} read, {loaded} loaded, {} rejected", read - loaded),
        ),
        (
            "结果 outcomes",
            format!(
                "{}: {} pass, {} violation, {} pending, {} waived, {} n/a",
                c.outcomes, c.pass, c.violation, c.pending, c.waived, c.not_applicable
            ),
        ),
    ];
    if !r.filters.rules.is_empty() {
        rows.push(("规则 rules", esc(&r.filters.rules.join(", "))));
    }
    if !r.filters.units.is_empty() {
        rows.push(("单位 units", esc(&r.filters.units.join(", "))));
    }
    out.push_str("<table class=\"summary\">\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><td>{k}</td><td>{v}</td></tr>");
    }
    out.push_str("</table>\n");
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for s in Status::ALL {
        let _ = write!(
            out,
            "<span><i class=\"swatch {}\"></i>{} {}</span>",
            class(s),
            s.chinese(),
            s.as_str()
        );
    }
    out.push_str("<span><i class=\"swatch s-none\"></i>无结果 no outcome</span></p>\n");
}

fn changes_section(out: &mut String, c: &Changes) {
    let (zh, en) = view::since_heading(&c.baseline.range);
    let _ = writeln!(
        out,
        "<section id=\"changes\">\n<h2>{zh} · {en}</h2>\n<p class=\"meta\">Baseline: {} (as of {}).{}</p>",
        esc(&c.baseline.range.label),
        esc(&c.baseline.as_of),
        if c.history.is_empty() {
            String::new()
        } else {
            let runs: Vec<String> = c.history.iter().map(|r| esc(&r.range.label)).collect();
            format!(" Earlier runs consulted: {}.", runs.join(", "))
        }
    );
    let lists = c.by_kind();
    out.push_str("<table class=\"change-counts\">\n<tbody>\n");
    for (zh, en, list) in &lists {
        let _ = writeln!(
            out,
            "<tr><td class=\"change-{en}\">{zh} {en}</td><td class=\"num\" data-change=\"{en}\">{}</td></tr>",
            list.len()
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for (zh, en, list) in lists {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3 class=\"change-{en}\">{zh} {en} ({})</h3>\n<table class=\"changes\" data-change=\"{en}\">\n\
             <thead><tr><th>rule</th><th>unit</th><th>name</th><th>period</th><th>before</th><th>now</th><th>history</th></tr></thead>\n<tbody>",
            list.len()
        );
        for ch in list {
            change_row(out, ch);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn change_row(out: &mut String, c: &Change) {
    let [rule, subject, name, period, before, now, history] = view::change_cells(c, esc);
    let _ = writeln!(
        out,
        "<tr><td><a href=\"#rule-{rule}\">{rule}</a></td><td class=\"mono\">{subject}</td><td>{name}</td><td>{period}</td><td>{before}</td><td>{now}</td><td>{history}</td></tr>",
    );
}

fn count_cells(out: &mut String, c: &Counts) {
    for s in Status::ALL {
        let n = c.get(s);
        if n == 0 {
            out.push_str("<td class=\"num none\">·</td>");
        } else {
            let _ = write!(out, "<td class=\"num\">{n}</td>");
        }
    }
    out.push_str("<td><div class=\"bar\">");
    for s in Status::ALL {
        let n = c.get(s);
        if n > 0 && c.outcomes > 0 {
            let _ = write!(
                out,
                "<span style=\"width:{:.2}%;background:var(--{})\"></span>",
                n as f64 * 100.0 / c.outcomes as f64,
                match s {
                    Status::NotApplicable => "na",
                    s => s.as_str(),
                }
            );
        }
    }
    out.push_str("</div></td>");
}

const COUNT_HEADER: &str = "<th class=\"num\">pass</th><th class=\"num\">violation</th>\
<th class=\"num\">pending</th><th class=\"num\">waived</th><th class=\"num\">n/a</th><th></th>";

fn by_rule(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"by-rule\">\n<h2>按规则 · By rule</h2>\n<table>\n<thead><tr><th>rule</th><th>title</th><th>severity</th>{COUNT_HEADER}</tr></thead>\n<tbody>"
    );
    for rule in &r.rules {
        let _ = write!(
            out,
            "<tr><td><a href=\"#rule-{id}\">{id}</a></td><td><a href=\"#rule-{id}\">{}</a></td><td>{}</td>",
            esc(&rule.title),
            rule.severity.as_str(),
            id = esc(&rule.id)
        );
        count_cells(out, &rule.totals);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn by_unit(out: &mut String, r: &Report) {
    out.push_str("<section id=\"by-unit\">\n<h2>按单位 · By unit</h2>\n");
    for group in view::by_unit(r) {
        let _ = writeln!(
            out,
            "<h3>{} ({})</h3>",
            esc(group.dataset),
            group.units.len()
        );
        let (shown, hidden) = group.shown();
        if !shown.is_empty() {
            let _ = writeln!(
                out,
                "<table>\n<thead><tr><th>unit</th><th>name</th>{COUNT_HEADER}<th>rules violated</th></tr></thead>\n<tbody>"
            );
            for u in &shown {
                let _ = write!(
                    out,
                    "<tr><td class=\"mono\">{}</td><td>{}</td>",
                    esc(u.unit),
                    esc(u.name.unwrap_or(""))
                );
                count_cells(out, &u.totals);
                let links: Vec<String> = u
                    .violated
                    .iter()
                    .map(|id| format!("<a href=\"#rule-{0}\">{0}</a>", esc(id)))
                    .collect();
                let _ = writeln!(out, "<td>{}</td></tr>", links.join(" "));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        if hidden > 0 {
            let note = view::hidden_note(hidden, !shown.is_empty());
            let _ = writeln!(out, "<p class=\"none\">{note}.</p>");
        }
    }
    out.push_str("</section>\n");
}

fn rule_section(out: &mut String, rule: &RuleInfo, outcomes: &[&OutcomeInfo]) {
    let _ = writeln!(
        out,
        "<section class=\"rule\" id=\"rule-{}\">\n<h2><span class=\"id\">{}</span> {}</h2>",
        esc(&rule.id),
        esc(&rule.id),
        esc(&rule.title)
    );
    let mut meta = Vec::new();
    if let Some(cite) = &rule.cite {
        meta.push(format!("条款 clause: {}", esc(cite)));
    }
    meta.push(format!("severity {}", rule.severity.as_str()));
    meta.push(match &rule.every {
        Some(e) => format!("every {}", esc(e)),
        None => "judged once over the range".to_owned(),
    });
    if !rule.tags.is_empty() {
        meta.push(format!("tags {}", esc(&rule.tags.join(" "))));
    }
    if let Some(owner) = &rule.owner {
        meta.push(format!("owner {}", esc(owner)));
    }
    if let Some(source) = &rule.source {
        meta.push(format!("<code>{}</code>", esc(source)));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    let grid = view::grid(outcomes);
    if grid.rows.is_empty() {
        out.push_str("<p class=\"none\">No outcomes.</p>\n</section>\n");
        return;
    }
    heatmap(out, rule, &grid);
    findings(out, &grid, outcomes);
    out.push_str("</section>\n");
}

/// A heat map of more rows than this shows the rows with a violation or a
/// pending outcome, and folds the others away under `<details>`.
const HEATMAP_ROWS: usize = 30;

fn heatmap(out: &mut String, rule: &RuleInfo, grid: &Grid) {
    let findings = |row: &&Row| {
        row.cells.iter().any(|c| {
            c.outcomes
                .iter()
                .any(|o| matches!(o.status, Status::Violation | Status::Pending))
        })
    };
    if grid.rows.len() <= HEATMAP_ROWS {
        let rows: Vec<&Row> = grid.rows.iter().collect();
        heat_table(out, rule, grid, &rows);
        return;
    }
    let (open, rest): (Vec<&Row>, Vec<&Row>) = grid.rows.iter().partition(findings);
    if !open.is_empty() {
        heat_table(out, rule, grid, &open);
    }
    if !rest.is_empty() {
        let note = view::hidden_note(rest.len(), !open.is_empty());
        let _ = writeln!(
            out,
            "<details class=\"clear-rows\"><summary>{note}</summary>"
        );
        heat_table(out, rule, grid, &rest);
        out.push_str("</details>\n");
    }
}

fn heat_table(out: &mut String, rule: &RuleInfo, grid: &Grid, rows: &[&Row]) {
    let labels: Vec<&str> = grid.periods.iter().map(|p| p.label.as_str()).collect();
    let short = short_labels(&labels);
    let vertical = if labels.len() > 16 { " vertical" } else { "" };
    let _ = write!(
        out,
        "<div class=\"scroll\">\n<table class=\"heatmap\" data-rule=\"{}\">\n<thead><tr><th class=\"unit\">单位 unit</th>",
        esc(&rule.id)
    );
    for (p, s) in grid.periods.iter().zip(&short) {
        let _ = write!(
            out,
            "<th class=\"period{vertical}\" title=\"{} ({} .. {})\">{}</th>",
            esc(&p.label),
            p.start,
            p.end,
            esc(s)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = write!(
            out,
            "<tr><th class=\"unit\" scope=\"row\"><span class=\"mono\">{}</span> {}</th>",
            esc(row.unit),
            esc(row.name.unwrap_or(""))
        );
        for cell in &row.cells {
            heat_cell(out, row.unit, cell);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn heat_cell(out: &mut String, unit: &str, cell: &Cell) {
    let status = cell.status();
    let (cls, name) = match status {
        Some(s) => (class(s), s.as_str()),
        None => ("s-none", "none"),
    };
    let mut title = format!("{unit} {}: {name}", cell.period.label);
    if let Some(o) = cell.shown() {
        if let (Some(f), Some(r)) = (&o.found, &o.required) {
            let _ = write!(title, " (found {f}, required {r})");
        }
        if let Some(n) = o.details().first() {
            let _ = write!(title, " — {n}");
        }
    }
    let count = if cell.outcomes.len() > 1 {
        let _ = write!(title, " [{} outcomes]", cell.outcomes.len());
        format!(" data-count=\"{}\"", cell.outcomes.len())
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<td class=\"cell {cls}\" data-unit=\"{}\" data-period=\"{}\" data-status=\"{}\"{count} title=\"{}\">{}</td>",
        esc(unit),
        esc(&cell.period.label),
        esc(name),
        esc(&title),
        symbol(status)
    );
}

/// Column heads: the labels without their year (`W05`, `07`, `Q3`) when
/// they stay distinct; the full label is in the head's title.
fn short_labels(labels: &[&str]) -> Vec<String> {
    let short: Vec<String> = labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some((_, rest)) if !l.contains("..") => rest.to_owned(),
            _ => (*l).to_owned(),
        })
        .collect();
    let mut unique = short.clone();
    unique.sort();
    unique.dedup();
    if unique.len() == short.len() {
        short
    } else {
        labels.iter().map(|l| (*l).to_owned()).collect()
    }
}

fn findings(out: &mut String, grid: &Grid, outcomes: &[&OutcomeInfo]) {
    let list: Vec<&OutcomeInfo> = outcomes
        .iter()
        .copied()
        .filter(|o| matches!(o.status, Status::Violation | Status::Pending))
        .collect();
    if list.is_empty() {
        out.push_str("<p class=\"none\">No violations or pending outcomes.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"findings\">\n<thead><tr><th>unit</th><th>name</th><th>period</th><th>status</th>\
         <th>found</th><th>required</th><th>detail</th></tr></thead>\n<tbody>\n",
    );
    for run in view::runs(&grid.periods, &list) {
        let o = run.first;
        let _ = write!(
            out,
            "<tr class=\"finding\" data-status=\"{}\"><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
            o.status.as_str(),
            esc(&o.subject_line()),
            esc(o.unit_name.as_deref().unwrap_or("")),
            esc(&period_list(&run.periods)),
            badge(o.status),
            esc(o.found.as_deref().unwrap_or("")),
            esc(o.required.as_deref().unwrap_or("")),
        );
        detail(out, o);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The message, with the records and notes behind it on demand.
fn detail(out: &mut String, o: &OutcomeInfo) {
    let summary = o.message.clone().unwrap_or_else(|| "evidence".to_owned());
    let mut items = Vec::new();
    for g in &o.evidence {
        let names = g
            .records
            .iter()
            .map(|r| match r.location() {
                Some(loc) => format!(
                    "{} <span class=\"loc\">{}</span>",
                    esc(&r.short()),
                    esc(&loc)
                ),
                None => esc(&r.short()),
            })
            .collect();
        let listed = listing(names, g.total);
        items.push(format!("{} = {}: {listed}", esc(&g.label), g.total));
    }
    items.extend(o.details().iter().map(|n| esc(n)));
    if let Some(loc) = o.record.as_ref().and_then(|r| r.location()) {
        items.push(format!("record <span class=\"loc\">{}</span>", esc(&loc)));
    }
    if items.is_empty() {
        out.push_str(&esc(&summary));
        return;
    }
    let _ = write!(out, "<details><summary>{}</summary><ul>", esc(&summary));
    for item in items {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul></details>");
}

fn data(out: &mut String, r: &Report) {
    out.push_str(
        "<section id=\"data\">\n<h2>数据 · Data</h2>\n<table>\n<thead><tr><th>dataset</th><th>file</th>\
         <th class=\"num\">read</th><th class=\"num\">loaded</th><th class=\"num\">rejected</th></tr></thead>\n<tbody>\n",
    );
    for d in &r.load.datasets {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"mono\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&d.name),
            esc(d.file.as_deref().unwrap_or("(built in)")),
            d.read,
            d.loaded,
            d.rejected
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !r.load.rejected.is_empty() {
        let _ = writeln!(
            out,
            "<h3>被拒记录 · Rejected records ({})</h3>\n<table>\n<thead><tr><th>record</th><th>dataset</th><th>reason</th></tr></thead>\n<tbody>",
            r.load.rejected.len()
        );
        for x in &r.load.rejected {
            let _ = writeln!(
                out,
                "<tr><td class=\"mono\">{}:{}</td><td>{}</td><td>{}</td></tr>",
                esc(&x.file),
                x.line,
                esc(&x.dataset),
                esc(&x.reason)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !r.waivers.is_empty() {
        let _ = writeln!(
            out,
            "<h3>豁免 · Waivers ({})</h3>\n<table>\n<thead><tr><th>waiver</th><th>rule</th><th>units</th><th>days</th><th>reason</th><th>approved</th><th>expires</th><th>state</th><th>waived</th></tr></thead>\n<tbody>",
            r.waivers.len()
        );
        for w in &r.waivers {
            let _ = writeln!(
                out,
                "<tr data-waiver=\"{}\" data-state=\"{}\"><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&w.id),
                esc(&w.state),
                esc(&w.id),
                esc(&w.rule),
                esc(&w.units.join(", ")),
                esc(&w.days.label),
                esc(&w.reason),
                esc(&w.approved),
                esc(&w.expires),
                esc(&w.state),
                w.waived
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !r.errors.is_empty() {
        let _ = writeln!(
            out,
            "<h3>错误 · Errors ({})</h3>\n<p>These outcomes could not be computed; the run exits with code 2.</p>\n<table>\n<thead><tr><th>rule</th><th>subject</th><th>period</th><th>error</th></tr></thead>\n<tbody>",
            r.errors.len()
        );
        for e in &r.errors {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.rule),
                esc(&e.subject),
                esc(&e.period),
                esc(&e.message)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}
