//! The groupings every rendering shares: outcomes by rule, by unit, and
//! the unit × period grid of one rule.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::diff::{Change, State};
use super::model::{Counts, OutcomeInfo, Report, RuleInfo, Span, Status};

/// One rule and its outcomes, in report order.
pub struct RuleView<'a> {
    pub rule: &'a RuleInfo,
    pub outcomes: Vec<&'a OutcomeInfo>,
}

pub fn by_rule(report: &Report) -> Vec<RuleView<'_>> {
    let mut views: Vec<RuleView> = report
        .rules
        .iter()
        .map(|rule| RuleView {
            rule,
            outcomes: Vec::new(),
        })
        .collect();
    let index: HashMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.id.as_str(), i))
        .collect();
    for o in &report.outcomes {
        if let Some(&i) = index.get(o.rule.as_str()) {
            views[i].outcomes.push(o);
        }
    }
    views
}

/// One unit's counts over every rule.
pub struct UnitView<'a> {
    pub unit: &'a str,
    pub name: Option<&'a str>,
    pub totals: Counts,
    /// The rules it violated, in rule order.
    pub violated: Vec<&'a str>,
}

impl UnitView<'_> {
    /// Whether anything is violated or pending.
    pub fn has_findings(&self) -> bool {
        self.totals.violation + self.totals.pending > 0
    }
}

/// The units whose outermost subject is a record of one dataset.
pub struct UnitGroup<'a> {
    /// `orgs`; `(全局)` for rules without `each`; `(values)` for subjects
    /// that are not records.
    pub dataset: &'a str,
    /// By key.
    pub units: Vec<UnitView<'a>>,
}

impl<'a> UnitGroup<'a> {
    /// Whether a listing shows every unit, or only those with findings.
    pub fn list_all(&self) -> bool {
        self.units.len() <= LIST_ALL_UNITS
    }

    /// The units a listing shows, and how many it leaves out.
    pub fn shown(&self) -> (Vec<&UnitView<'a>>, usize) {
        let shown: Vec<&UnitView> = self
            .units
            .iter()
            .filter(|u| self.list_all() || u.has_findings())
            .collect();
        let hidden = self.units.len() - shown.len();
        (shown, hidden)
    }
}

/// What a listing says of the `hidden` units it leaves out, after the
/// units it shows (`after_shown`) or alone.
pub fn hidden_note(hidden: usize, after_shown: bool) -> String {
    let more = if after_shown { " more" } else { "" };
    let units = if hidden == 1 { "unit" } else { "units" };
    format!("{hidden}{more} {units} with no violation or pending outcome")
}

/// A group of more units than this lists only those with a violation or a
/// pending outcome (a dataset of records, such as every activity, would
/// otherwise bury the organisations).
pub const LIST_ALL_UNITS: usize = 60;

/// Units grouped by the dataset of the outermost subject, the groups in
/// the order their first outcome appears (that is, rule order).
pub fn by_unit(report: &Report) -> Vec<UnitGroup<'_>> {
    let order = |id: &str| report.rules.iter().position(|r| r.id == id);
    let mut groups: Vec<(&str, BTreeMap<&str, UnitView>)> = Vec::new();
    for o in &report.outcomes {
        let dataset = match o.subject.first() {
            None => "(全局)",
            Some(s) => s.dataset.as_deref().unwrap_or("(values)"),
        };
        let at = match groups.iter().position(|(d, _)| *d == dataset) {
            Some(at) => at,
            None => {
                groups.push((dataset, BTreeMap::new()));
                groups.len() - 1
            }
        };
        let view = groups[at].1.entry(o.unit.as_str()).or_insert(UnitView {
            unit: &o.unit,
            name: None,
            totals: Counts::default(),
            violated: Vec::new(),
        });
        if view.name.is_none() {
            view.name = o.unit_name.as_deref();
        }
        view.totals.add(o.status);
        if o.status == Status::Violation && !view.violated.contains(&o.rule.as_str()) {
            view.violated.push(&o.rule);
        }
    }
    groups
        .into_iter()
        .map(|(dataset, units)| {
            let mut units: Vec<UnitView> = units.into_values().collect();
            for u in &mut units {
                u.violated.sort_by_key(|id| order(id));
            }
            UnitGroup { dataset, units }
        })
        .collect()
}

/// A change's cells, each escaped by `esc`: rule, subject, unit name,
/// period, state before and now (with the periods violated), history.
pub fn change_cells(c: &Change, esc: fn(&str) -> String) -> [String; 7] {
    let side = |state: State, periods: &[String]| {
        let p: Vec<&str> = periods.iter().map(String::as_str).collect();
        if p.is_empty() {
            esc(state.as_str())
        } else {
            format!("{} {}", esc(state.as_str()), esc(&period_list(&p)))
        }
    };
    let mut history = Vec::new();
    if let Some(first) = &c.first_violated {
        history.push(format!("first violated {}", esc(first)));
    }
    if let Some(resolved) = &c.resolved_in {
        history.push(format!("resolved {}", esc(resolved)));
    }
    [
        esc(&c.rule),
        esc(&c.subject_line()),
        esc(c.unit_name.as_deref().unwrap_or("")),
        esc(c.period.as_deref().unwrap_or("(whole run)")),
        side(c.before, &c.before_violated),
        side(c.after, &c.after_violated),
        history.join("; "),
    ]
}

/// A rule's heat map: one row per unit (by key), one column per period
/// (by date), one cell per (unit, period).
pub struct Grid<'a> {
    pub periods: Vec<&'a Span>,
    pub rows: Vec<Row<'a>>,
}

pub struct Row<'a> {
    pub unit: &'a str,
    pub name: Option<&'a str>,
    pub cells: Vec<Cell<'a>>,
}

pub struct Cell<'a> {
    pub period: &'a Span,
    /// The outcomes of the unit in the period (several when the rule's
    /// subject has more than one `each`).
    pub outcomes: Vec<&'a OutcomeInfo>,
}

impl<'a> Cell<'a> {
    /// The outcome that gives the cell its status: the first of the
    /// weightiest; `None` for no outcome.
    pub fn shown(&self) -> Option<&'a OutcomeInfo> {
        self.outcomes
            .iter()
            .rev()
            .max_by_key(|o| o.status.weight())
            .copied()
    }

    /// The weightiest status of the cell's outcomes; `None` for no outcome.
    pub fn status(&self) -> Option<Status> {
        self.shown().map(|o| o.status)
    }
}

/// The periods of `outcomes`, each once, by date.
pub fn periods<'a>(outcomes: &[&'a OutcomeInfo]) -> Vec<&'a Span> {
    let mut seen = HashSet::new();
    let mut periods: Vec<&Span> = outcomes
        .iter()
        .map(|o| &o.period)
        .filter(|p| seen.insert(p.label.as_str()))
        .collect();
    periods.sort_by(|a, b| (&a.start, &a.end, &a.label).cmp(&(&b.start, &b.end, &b.label)));
    periods
}

pub fn grid<'a>(outcomes: &[&'a OutcomeInfo]) -> Grid<'a> {
    let periods = periods(outcomes);
    let mut units: BTreeMap<&str, (Option<&str>, Vec<&OutcomeInfo>)> = BTreeMap::new();
    for o in outcomes {
        let entry = units.entry(o.unit.as_str()).or_default();
        if entry.0.is_none() {
            entry.0 = o.unit_name.as_deref();
        }
        entry.1.push(o);
    }
    let rows = units
        .into_iter()
        .map(|(unit, (name, list))| Row {
            unit,
            name,
            cells: periods
                .iter()
                .map(|p| Cell {
                    period: p,
                    outcomes: list
                        .iter()
                        .copied()
                        .filter(|o| o.period.label == p.label)
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Grid { periods, rows }
}

/// Violations of one subject in consecutive periods of the rule's grid
/// that read the same (no records named, same values and notes), so that
/// fifty missed weeks in a row are one line.
pub struct Run<'a> {
    pub first: &'a OutcomeInfo,
    pub periods: Vec<&'a str>,
}

/// `outcomes` are some of a rule's outcomes; `grid` the rule's periods.
pub fn runs<'a>(grid: &[&Span], outcomes: &[&'a OutcomeInfo]) -> Vec<Run<'a>> {
    let index = |o: &OutcomeInfo| grid.iter().position(|p| p.label == o.period.label);
    let mut by_subject: BTreeMap<Vec<String>, Vec<&OutcomeInfo>> = BTreeMap::new();
    for o in outcomes {
        by_subject.entry(o.subject_keys()).or_default().push(o);
    }
    let mut out: Vec<Run> = Vec::new();
    for list in by_subject.into_values() {
        let mut current: Option<(Run, Option<usize>)> = None;
        for o in list {
            let at = index(o);
            match &mut current {
                Some((run, last))
                    if same_reading(run.first, o) && at.is_some() && last.map(|l| l + 1) == at =>
                {
                    run.periods.push(&o.period.label);
                    *last = at;
                }
                _ => {
                    out.extend(current.take().map(|(r, _)| r));
                    let run = Run {
                        first: o,
                        periods: vec![&o.period.label],
                    };
                    current = Some((run, at));
                }
            }
        }
        out.extend(current.map(|(r, _)| r));
    }
    out
}

fn same_reading(a: &OutcomeInfo, b: &OutcomeInfo) -> bool {
    let bare = |o: &OutcomeInfo| o.evidence.iter().all(|g| g.records.is_empty());
    bare(a)
        && bare(b)
        && a.status == b.status
        && a.found == b.found
        && a.required == b.required
        && a.message == b.message
        && a.deadline == b.deadline
        && a.notes == b.notes
        && a.evidence == b.evidence
}

/// The periods of a run: `2021-03`, `2021-03, 2021-04`, or
/// `2021-W02 – 2021-W51 (50 periods)`.
pub fn period_list(periods: &[&str]) -> String {
    match periods {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [a, b] => format!("{a}, {b}"),
        [first, .., last] => format!("{first} – {last} ({} periods)", periods.len()),
    }
}

/// Labels as ranges of consecutive periods of the grid:
/// `2021-01 – 2021-02, 2021-09 – 2021-12`.
pub fn ranges(grid: &[&Span], labels: &[&str]) -> String {
    let mut at: Vec<usize> = labels
        .iter()
        .filter_map(|l| grid.iter().position(|p| p.label == *l))
        .collect();
    at.sort_unstable();
    at.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < at.len() {
        let mut j = i;
        while j + 1 < at.len() && at[j + 1] == at[j] + 1 {
            j += 1;
        }
        let (a, b) = (&grid[at[i]].label, &grid[at[j]].label);
        parts.push(match j - i {
            0 => a.clone(),
            1 => format!("{a}, {b}"),
            _ => format!("{a} – {b}"),
        });
        i = j + 1;
    }
    // labels not in the grid, as they are
    for l in labels {
        if !grid.iter().any(|p| p.label == *l) {
            parts.push((*l).to_owned());
        }
    }
    parts.join(", ")
}

/// `1 violation`, `2 violations`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The heading of the change section: "since the previous quarter" when
/// the baseline is a quarter, and so on.
pub fn since_heading(baseline: &Span) -> (&'static str, &'static str) {
    let label = baseline.label.as_str();
    let kind = match label.split_once('-') {
        None if label.len() == 4 => 'Y',
        Some((_, rest)) => rest.chars().next().unwrap_or(' '),
        None => ' ',
    };
    match kind {
        'Q' => ("与上季度相比", "Since the previous quarter"),
        'H' => ("与上半年相比", "Since the previous half-year"),
        'W' => ("与上周相比", "Since the previous week"),
        'Y' => ("与上年度相比", "Since the previous year"),
        c if c.is_ascii_digit() && !label.contains("..") => {
            ("与上月相比", "Since the previous month")
        }
        _ => ("与上次相比", "Since the previous run"),
    }
}
