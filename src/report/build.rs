//! From the evaluator's outcomes to a [`Report`]: paths made relative to
//! the project folder, so that a report does not depend on where the
//! command was started.

use std::collections::HashMap;
use std::path::Path;

use crate::check::ir::{CheckedRule, Every};
use crate::check::Program;
use crate::data::Database;
use crate::eval::period::{format_day, Day, Period};
use crate::eval::waiver::WaiverUse;
use crate::eval::{EvalFailure, Outcome, RecordRef};
use crate::project::Project;
use crate::source::SourceMap;

use super::diff::History;
use super::model::*;

/// Everything a report is built from.
pub struct Input<'a> {
    pub project: &'a Project,
    pub program: &'a Program,
    pub sources: &'a SourceMap,
    pub db: &'a Database,
    /// The outcomes reported (after `--unit`), in the evaluator's order.
    pub outcomes: &'a [&'a Outcome],
    pub errors: &'a [EvalFailure],
    /// What became of each waiver of the program.
    pub waivers: &'a [WaiverUse],
    pub range: &'a Period,
    pub as_of: Day,
    pub filters: Filters,
}

/// The report of one run, without a baseline.
pub fn build(input: &Input) -> Report {
    let dir = &input.project.dir;
    let outcomes: Vec<OutcomeInfo> = input
        .outcomes
        .iter()
        .map(|o| outcome_info(o, dir))
        .collect();
    let mut totals = Counts::default();
    for o in &outcomes {
        totals.add(o.status);
    }
    let mut by_rule: HashMap<&str, Counts> = HashMap::new();
    for o in &outcomes {
        by_rule.entry(o.rule.as_str()).or_default().add(o.status);
    }
    let rules = input
        .program
        .rules
        .iter()
        .map(|rule| {
            let counts = by_rule.get(rule.id.as_str()).cloned().unwrap_or_default();
            rule_info(rule, input.sources, dir, counts)
        })
        .collect();
    Report {
        version: VERSION,
        project: project_name(dir),
        range: span_of(input.range),
        as_of: format_day(input.as_of),
        filters: input.filters.clone(),
        totals,
        rules,
        load: load_info(input.project, input.program, input.db),
        outcomes,
        errors: input
            .errors
            .iter()
            .map(|e| ErrorInfo {
                rule: e.rule.clone(),
                subject: e.subject.clone(),
                period: e.period.clone(),
                message: e.message.clone(),
            })
            .collect(),
        waivers: waiver_infos(input.program, input.waivers),
        changes: None,
        history: History::default(),
    }
}

/// Every waiver of the program with what became of it in this run.
fn waiver_infos(program: &Program, uses: &[WaiverUse]) -> Vec<WaiverInfo> {
    program
        .waivers
        .iter()
        .zip(uses)
        .map(|(w, used)| WaiverInfo {
            id: w.id.clone(),
            rule: w.rule.clone(),
            units: w.units.clone(),
            days: Span {
                label: format!("{} .. {}", format_day(w.from), format_day(w.to)),
                start: format_day(w.from),
                end: format_day(w.to),
            },
            reason: w.reason.clone(),
            approved: w.approved_by.clone(),
            expires: format_day(w.expires),
            state: used.state.as_str().to_owned(),
            waived: used.waived,
        })
        .collect()
}

pub fn span_of(period: &Period) -> Span {
    Span {
        label: period.label.clone(),
        start: format_day(period.start),
        end: format_day(period.end),
    }
}

/// The project folder's own name (`binhai`), not the path it was reached by.
fn project_name(dir: &Path) -> String {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// `name` relative to the project folder, with `/` between parts.
pub fn relative(dir: &Path, name: &str) -> String {
    let path = Path::new(name);
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn rule_info(rule: &CheckedRule, sources: &SourceMap, dir: &Path, totals: Counts) -> RuleInfo {
    let file = sources.files().find(|(id, _)| *id == rule.span.file);
    let source = file.map(|(_, f)| {
        let (line, _) = f.line_col(rule.span.start as usize);
        format!("{}:{line}", relative(dir, &f.name))
    });
    RuleInfo {
        id: rule.id.clone(),
        title: rule.title.clone(),
        cite: rule.cite.clone(),
        severity: rule.severity,
        tags: rule.tags.clone(),
        owner: rule.owner.clone(),
        every: rule.every.map(describe_every),
        source,
        totals,
    }
}

/// `month`, `month over 6 months`, `year partial`.
fn describe_every(every: Every) -> String {
    let unit = every.unit.as_str();
    let mut text = unit.to_owned();
    if every.span_units > 1 {
        text.push_str(&format!(" over {} {unit}s", every.span_units));
    }
    if every.partial {
        text.push_str(" partial");
    }
    text
}

fn load_info(project: &Project, program: &Program, db: &Database) -> Load {
    let dir = &project.dir;
    let datasets = program
        .schema
        .datasets
        .iter()
        .enumerate()
        .map(|(id, d)| {
            let stats = db.stats.get(id).copied().unwrap_or_default();
            DatasetLoad {
                name: d.name.clone(),
                file: project
                    .datasets
                    .get(&d.name)
                    .map(|b| relative(dir, &b.path.display().to_string())),
                read: stats.read,
                loaded: stats.loaded,
                rejected: stats.rejected,
            }
        })
        .collect();
    let rejected = db
        .rejected
        .iter()
        .map(|r| Rejected {
            dataset: program
                .schema
                .datasets
                .get(r.dataset)
                .map_or_else(|| "?".to_owned(), |d| d.name.clone()),
            file: db
                .files
                .get(r.file as usize)
                .map_or_else(|| "?".to_owned(), |f| relative(dir, &f.name)),
            line: r.line,
            reason: r.reason.clone(),
        })
        .collect();
    Load { datasets, rejected }
}

fn outcome_info(o: &Outcome, dir: &Path) -> OutcomeInfo {
    OutcomeInfo {
        rule: o.rule.clone(),
        severity: o.severity,
        unit: o.unit().to_owned(),
        unit_name: o.subject.first().and_then(|s| s.name.clone()),
        subject: o
            .subject
            .iter()
            .map(|s| SubjectInfo {
                var: s.var.clone(),
                dataset: s.dataset.clone(),
                key: s.key.clone(),
                name: s.name.clone(),
                date: s.record.as_ref().and_then(|r| r.date.clone()),
            })
            .collect(),
        period: Span {
            label: o.period.clone(),
            start: format_day(o.period_start),
            end: format_day(o.period_end),
        },
        status: o.status,
        found: o.found.clone(),
        required: o.required.clone(),
        deadline: o.deadline.clone(),
        message: o.message.clone(),
        evidence: o
            .evidence
            .iter()
            .map(|g| EvidenceGroup {
                label: g.label.clone(),
                total: g.total,
                records: g.records.iter().map(|r| record_info(r, dir)).collect(),
            })
            .collect(),
        notes: o.notes.clone(),
        record: o.record.as_ref().map(|r| record_info(r, dir)),
    }
}

fn record_info(r: &RecordRef, dir: &Path) -> RecordInfo {
    RecordInfo {
        dataset: r.dataset.clone(),
        key: r.key.clone(),
        date: r.date.clone(),
        file: r.file.as_deref().map(|f| relative(dir, f)),
        line: r.line,
    }
}
