//! What changed between two runs: new, resolved, persisting and relapsed
//! violations (relapsed: violated in an earlier run, resolved, violated
//! again — 防止问题反弹).
//!
//! Outcomes are matched by rule and subject (the `each` keys). Two
//! quarterly runs of a monthly rule judge different months, so a finding
//! is followed from run to run by (rule, subject), its periods taken
//! together; where both runs judge the same period (a yearly rule in two
//! quarterly runs, or two runs over the same range) that period is compared
//! on its own. Earlier runs (the history) count by (rule, subject) only.
//! `docs/report-json.md` states the rules in full.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::model::{Report, Severity, Span, Status};

/// A (rule, subject) in one run, all its periods taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// At least one period violated.
    Violation,
    /// No violation, and at least one period passed or was waived.
    Clear,
    /// Only pending periods (and n/a): not decided yet.
    Open,
    /// Not judged: n/a only, or not in the run at all.
    None,
}

impl State {
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> State {
        let mut state = State::None;
        for s in statuses {
            let this = match s {
                Status::Violation => State::Violation,
                Status::Pass | Status::Waived => State::Clear,
                Status::Pending => State::Open,
                Status::NotApplicable => State::None,
            };
            state = state.min(this);
        }
        state
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Violation => "violation",
            State::Clear => "clear",
            State::Open => "open",
            State::None => "none",
        }
    }
}

/// A run, named by its range and as-of date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RunRef {
    pub range: Span,
    pub as_of: String,
}

impl RunRef {
    pub fn of(report: &Report) -> RunRef {
        RunRef {
            range: report.range.clone(),
            as_of: report.as_of.clone(),
        }
    }

    /// The order of runs: by as-of date, then range.
    fn order(&self) -> (&str, &str, &str, &str) {
        (
            &self.as_of,
            &self.range.start,
            &self.range.end,
            &self.range.label,
        )
    }
}

/// The runs before a report, and the state in each of every (rule,
/// subject) that was violated in at least one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Oldest first.
    pub runs: Vec<RunRef>,
    /// Sorted by rule, then subject.
    pub keys: Vec<HistoryKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryKey {
    pub rule: String,
    pub subject: Vec<String>,
    /// One per run of `runs`.
    pub states: Vec<State>,
}

/// The change from a baseline run to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub baseline: RunRef,
    /// The earlier runs that were consulted for relapses, oldest first.
    pub history: Vec<RunRef>,
    pub counts: ChangeCounts,
    /// Violated now, never violated before.
    pub new: Vec<Change>,
    /// Violated now; violated in an earlier run, then resolved.
    pub relapsed: Vec<Change>,
    /// Violated now and when last decided.
    pub persisting: Vec<Change>,
    /// Violated when last decided; judged now without a violation.
    pub resolved: Vec<Change>,
    /// Violated in the baseline; now pending, n/a, or not evaluated.
    pub unjudged: Vec<Change>,
}

impl Changes {
    /// The five lists with their Chinese and English names, in the order
    /// reports show them.
    pub fn by_kind(&self) -> [(&'static str, &'static str, &[Change]); 5] {
        [
            ("新增", "new", &self.new),
            ("反弹", "relapsed", &self.relapsed),
            ("持续", "persisting", &self.persisting),
            ("已整改", "resolved", &self.resolved),
            ("未判定", "unjudged", &self.unjudged),
        ]
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeCounts {
    pub new: usize,
    pub relapsed: usize,
    pub persisting: usize,
    pub resolved: usize,
    pub unjudged: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub rule: String,
    pub severity: Severity,
    pub unit: String,
    pub unit_name: Option<String>,
    pub subject: Vec<String>,
    /// The period compared on its own, when both runs judged it; `null`
    /// when the runs' periods were compared as a whole.
    pub period: Option<String>,
    /// The state in the baseline and now.
    pub before: State,
    pub after: State,
    /// The violated periods compared, in the baseline and now.
    pub before_violated: Vec<String>,
    pub after_violated: Vec<String>,
    /// The first run (range label) in which it was violated, if before this one.
    pub first_violated: Option<String>,
    /// For a relapse: the run in which it was last resolved.
    pub resolved_in: Option<String>,
}

impl Change {
    /// The subject's keys, or the unit (`(全局)`) for a rule without `each`.
    pub fn subject_line(&self) -> String {
        if self.subject.is_empty() {
            self.unit.clone()
        } else {
            self.subject.join(" / ")
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    New,
    Relapsed,
    Persisting,
    Resolved,
    Unjudged,
}

type Key = (String, Vec<String>);

/// Per (rule, subject): statuses by period label.
type Periods = BTreeMap<String, Vec<Status>>;

struct Meta {
    severity: Severity,
    unit: String,
    unit_name: Option<String>,
}

fn by_key(report: &Report) -> BTreeMap<Key, Periods> {
    let mut out: BTreeMap<Key, Periods> = BTreeMap::new();
    for o in &report.outcomes {
        out.entry((o.rule.clone(), o.subject_keys()))
            .or_default()
            .entry(o.period.label.clone())
            .or_default()
            .push(o.status);
    }
    out
}

/// The (rule, subject)s of `old` whose subject includes a dated record (a
/// meeting, an appointment, a holiday) lying before `new`'s range, and
/// that `new` does not judge: findings about the past that can no longer change, so
/// that they are not reported as unjudged.
fn settled(old: &Report, new: &Report) -> BTreeSet<Key> {
    let mut before: BTreeMap<Key, bool> = BTreeMap::new();
    for o in &old.outcomes {
        let dated_before = o
            .subject
            .iter()
            .filter_map(|s| s.date.as_deref())
            .chain(o.record.as_ref().and_then(|r| r.date.as_deref()))
            .any(|d| d < new.range.start.as_str());
        let entry = before
            .entry((o.rule.clone(), o.subject_keys()))
            .or_insert(true);
        *entry &= dated_before;
    }
    let judged: BTreeSet<Key> = new
        .outcomes
        .iter()
        .map(|o| (o.rule.clone(), o.subject_keys()))
        .collect();
    before
        .into_iter()
        .filter(|(k, all)| *all && !judged.contains(k))
        .map(|(k, _)| k)
        .collect()
}

/// The state of every (rule, subject) of a report, its periods taken together.
fn collapsed(report: &Report) -> BTreeMap<Key, State> {
    by_key(report)
        .into_iter()
        .map(|(k, periods)| (k, State::of(periods.into_values().flatten())))
        .collect()
}

/// The runs before `old`: those `old` carries, and `extra` reports, each
/// run once (a report given explicitly replaces the carried one), oldest
/// first; `old` and `new` themselves are left out.
fn chain(old: &Report, new: &Report, extra: &[Report]) -> Vec<(RunRef, BTreeMap<Key, State>)> {
    let mut runs: Vec<(RunRef, BTreeMap<Key, State>)> = Vec::new();
    for (i, run) in old.history.runs.iter().enumerate() {
        let states = old
            .history
            .keys
            .iter()
            .filter_map(|k| {
                let s = *k.states.get(i)?;
                Some(((k.rule.clone(), k.subject.clone()), s))
            })
            .collect();
        runs.push((run.clone(), states));
    }
    for report in extra {
        let run = RunRef::of(report);
        runs.retain(|(r, _)| *r != run);
        runs.push((run, collapsed(report)));
    }
    let (old_run, new_run) = (RunRef::of(old), RunRef::of(new));
    runs.retain(|(r, _)| *r != old_run && *r != new_run);
    runs.sort_by(|a, b| a.0.order().cmp(&b.0.order()));
    runs
}

/// The history a report made against `old` carries: the runs before `old`
/// and `old` itself, for every (rule, subject) violated in one of them.
pub fn fold(old: &Report, new: &Report) -> History {
    let mut runs = chain(old, new, &[]);
    runs.push((RunRef::of(old), collapsed(old)));
    let violated: BTreeSet<&Key> = runs
        .iter()
        .flat_map(|(_, states)| {
            states
                .iter()
                .filter(|(_, s)| **s == State::Violation)
                .map(|(k, _)| k)
        })
        .collect();
    let keys = violated
        .into_iter()
        .map(|k| HistoryKey {
            rule: k.0.clone(),
            subject: k.1.clone(),
            states: runs
                .iter()
                .map(|(_, states)| states.get(k).copied().unwrap_or(State::None))
                .collect(),
        })
        .collect();
    History {
        runs: runs.into_iter().map(|(r, _)| r).collect(),
        keys,
    }
}

/// The change from `old` to `new`, with `extra` earlier reports besides
/// the history `old` carries.
pub fn compare(old: &Report, new: &Report, extra: &[Report]) -> Changes {
    let history = chain(old, new, extra);
    let (old_keys, new_keys) = (by_key(old), by_key(new));
    let meta = metadata(old, new);
    let settled = settled(old, new);
    let empty = Periods::new();
    let mut changes = Changes {
        baseline: RunRef::of(old),
        history: history.iter().map(|(r, _)| r.clone()).collect(),
        counts: ChangeCounts::default(),
        new: Vec::new(),
        relapsed: Vec::new(),
        persisting: Vec::new(),
        resolved: Vec::new(),
        unjudged: Vec::new(),
    };
    let keys: BTreeSet<&Key> = old_keys.keys().chain(new_keys.keys()).collect();
    for key in keys {
        let before = old_keys.get(key).unwrap_or(&empty);
        let after = new_keys.get(key).unwrap_or(&empty);
        let past: Vec<(&RunRef, State)> = history
            .iter()
            .map(|(run, states)| (run, states.get(key).copied().unwrap_or(State::None)))
            .collect();
        for (period, b, a) in pairs(before, after) {
            let (b_state, a_state) = (State::of(flat(&b)), State::of(flat(&a)));
            let mut seen: Vec<(&str, State)> = past
                .iter()
                .map(|(run, s)| (run.range.label.as_str(), *s))
                .collect();
            seen.push((old.range.label.as_str(), b_state));
            let Some((kind, first, resolved_in)) = classify(&seen, b_state, a_state) else {
                continue;
            };
            if kind == Kind::Unjudged && settled.contains(key) {
                continue;
            }
            let m = &meta[key];
            let change = Change {
                rule: key.0.clone(),
                severity: m.severity,
                unit: m.unit.clone(),
                unit_name: m.unit_name.clone(),
                subject: key.1.clone(),
                period,
                before: b_state,
                after: a_state,
                before_violated: violated(&b),
                after_violated: violated(&a),
                first_violated: first,
                resolved_in,
            };
            match kind {
                Kind::New => changes.new.push(change),
                Kind::Relapsed => changes.relapsed.push(change),
                Kind::Persisting => changes.persisting.push(change),
                Kind::Resolved => changes.resolved.push(change),
                Kind::Unjudged => changes.unjudged.push(change),
            }
        }
    }
    let order = rule_order(old, new);
    for list in [
        &mut changes.new,
        &mut changes.relapsed,
        &mut changes.persisting,
        &mut changes.resolved,
        &mut changes.unjudged,
    ] {
        list.sort_by(|a, b| {
            (order(&a.rule), &a.rule, &a.subject, &a.period).cmp(&(
                order(&b.rule),
                &b.rule,
                &b.subject,
                &b.period,
            ))
        });
    }
    changes.counts = ChangeCounts {
        new: changes.new.len(),
        relapsed: changes.relapsed.len(),
        persisting: changes.persisting.len(),
        resolved: changes.resolved.len(),
        unjudged: changes.unjudged.len(),
    };
    changes
}

type Side = Vec<(String, Vec<Status>)>;

/// The comparisons of one (rule, subject): each period both runs judged on
/// its own (`Some(label)`), then the remaining periods taken together
/// (`None`) when the new run has some, or when the runs share no period.
fn pairs(before: &Periods, after: &Periods) -> Vec<(Option<String>, Side, Side)> {
    let mut out = Vec::new();
    let (mut rest_b, mut rest_a): (Side, Side) = (Vec::new(), Vec::new());
    for (label, statuses) in before {
        match after.get(label) {
            Some(now) => out.push((
                Some(label.clone()),
                vec![(label.clone(), statuses.clone())],
                vec![(label.clone(), now.clone())],
            )),
            None => rest_b.push((label.clone(), statuses.clone())),
        }
    }
    for (label, statuses) in after {
        if !before.contains_key(label) {
            rest_a.push((label.clone(), statuses.clone()));
        }
    }
    if !rest_a.is_empty() || (out.is_empty() && !rest_b.is_empty()) {
        out.push((None, rest_b, rest_a));
    }
    out
}

fn flat(side: &Side) -> impl Iterator<Item = Status> + '_ {
    side.iter().flat_map(|(_, s)| s.iter().copied())
}

fn violated(side: &Side) -> Vec<String> {
    side.iter()
        .filter(|(_, s)| s.contains(&Status::Violation))
        .map(|(l, _)| l.clone())
        .collect()
}

/// The kind of change, given the decided states of the earlier runs (the
/// baseline last) and the state now; with the first run that violated it
/// and, for a relapse, the run that last resolved it.
fn classify(
    seen: &[(&str, State)],
    before: State,
    after: State,
) -> Option<(Kind, Option<String>, Option<String>)> {
    let decided: Vec<(&str, State)> = seen
        .iter()
        .copied()
        .filter(|(_, s)| matches!(s, State::Violation | State::Clear))
        .collect();
    let first = decided
        .iter()
        .find(|(_, s)| *s == State::Violation)
        .map(|(r, _)| (*r).to_owned());
    let last = decided.last().map(|(_, s)| *s);
    let kind = match after {
        State::Violation if last == Some(State::Violation) => Kind::Persisting,
        State::Violation if first.is_some() => {
            let resolved = decided
                .iter()
                .rev()
                .find(|(_, s)| *s == State::Clear)
                .map(|(r, _)| (*r).to_owned());
            return Some((Kind::Relapsed, first, resolved));
        }
        State::Violation => Kind::New,
        State::Clear if last == Some(State::Violation) => Kind::Resolved,
        State::Open | State::None if before == State::Violation => Kind::Unjudged,
        _ => return None,
    };
    Some((kind, first, None))
}

fn metadata(old: &Report, new: &Report) -> BTreeMap<Key, Meta> {
    let mut out = BTreeMap::new();
    for o in old.outcomes.iter().chain(&new.outcomes) {
        out.insert(
            (o.rule.clone(), o.subject_keys()),
            Meta {
                severity: o.severity,
                unit: o.unit.clone(),
                unit_name: o.unit_name.clone(),
            },
        );
    }
    out
}

/// Rules in the order of the new report, then rules only the old one has.
fn rule_order<'a>(old: &'a Report, new: &'a Report) -> impl Fn(&str) -> usize + 'a {
    move |id: &str| {
        new.rules
            .iter()
            .position(|r| r.id == id)
            .or_else(|| {
                old.rules
                    .iter()
                    .position(|r| r.id == id)
                    .map(|p| p + new.rules.len())
            })
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::*;

    fn outcome(rule: &str, unit: &str, period: &str, status: Status) -> OutcomeInfo {
        OutcomeInfo {
            rule: rule.into(),
            severity: Severity::Error,
            unit: unit.into(),
            unit_name: None,
            subject: vec![SubjectInfo {
                var: "org".into(),
                dataset: Some("orgs".into()),
                key: unit.into(),
                name: None,
                date: None,
            }],
            period: Span {
                label: period.into(),
                start: String::new(),
                end: String::new(),
            },
            status,
            found: None,
            required: None,
            deadline: None,
            message: None,
            evidence: vec![],
            notes: vec![],
            record: None,
        }
    }

    fn report(range: &str, as_of: &str, outcomes: Vec<OutcomeInfo>) -> Report {
        Report {
            version: VERSION,
            project: "t".into(),
            range: Span {
                label: range.into(),
                start: as_of.into(),
                end: as_of.into(),
            },
            as_of: as_of.into(),
            filters: Filters::default(),
            totals: Counts::default(),
            rules: vec![],
            load: Load::default(),
            outcomes,
            errors: vec![],
            waivers: vec![],
            changes: None,
            history: History::default(),
        }
    }

    use Status::{Pass as P, Pending as O, Violation as V};

    fn units(list: &[Change]) -> Vec<(&str, Option<&str>)> {
        list.iter()
            .map(|c| (c.unit.as_str(), c.period.as_deref()))
            .collect()
    }

    #[test]
    fn periods_not_shared_are_compared_as_a_whole() {
        let q2 = report(
            "2021-Q2",
            "2021-06-30",
            vec![
                outcome("M", "A", "2021-04", V),
                outcome("M", "A", "2021-05", P),
                outcome("M", "B", "2021-04", P),
                outcome("M", "C", "2021-06", V),
            ],
        );
        let q3 = report(
            "2021-Q3",
            "2021-09-30",
            vec![
                outcome("M", "A", "2021-08", V),
                outcome("M", "B", "2021-07", V),
                outcome("M", "C", "2021-07", P),
            ],
        );
        let c = compare(&q2, &q3, &[]);
        assert_eq!(units(&c.persisting), [("A", None)]);
        assert_eq!(units(&c.new), [("B", None)]);
        assert_eq!(units(&c.resolved), [("C", None)]);
        assert_eq!(c.persisting[0].before_violated, ["2021-04"]);
        assert_eq!(c.persisting[0].after_violated, ["2021-08"]);
    }

    #[test]
    fn a_shared_period_is_compared_on_its_own() {
        let q3 = report("2021-Q3", "2021-09-30", vec![outcome("Y", "A", "2021", O)]);
        let q4 = report("2021-Q4", "2021-12-31", vec![outcome("Y", "A", "2021", V)]);
        let c = compare(&q3, &q4, &[]);
        assert_eq!(units(&c.new), [("A", Some("2021"))]);
        // pending after a violation is not a resolution
        let c = compare(&q4, &q3, &[]);
        assert_eq!(units(&c.unjudged), [("A", Some("2021"))]);
        assert!(c.resolved.is_empty());
    }

    #[test]
    fn a_resolved_violation_that_returns_is_a_relapse() {
        let q1 = report(
            "2021-Q1",
            "2021-03-31",
            vec![outcome("M", "A", "2021-02", V)],
        );
        let q2 = report(
            "2021-Q2",
            "2021-06-30",
            vec![outcome("M", "A", "2021-05", P)],
        );
        let q3 = report(
            "2021-Q3",
            "2021-09-30",
            vec![outcome("M", "A", "2021-08", V)],
        );
        // without the history it looks new
        assert_eq!(units(&compare(&q2, &q3, &[]).new), [("A", None)]);
        let c = compare(&q2, &q3, std::slice::from_ref(&q1));
        assert_eq!(units(&c.relapsed), [("A", None)]);
        assert_eq!(c.relapsed[0].first_violated.as_deref(), Some("2021-Q1"));
        assert_eq!(c.relapsed[0].resolved_in.as_deref(), Some("2021-Q2"));
        // the same through the history a baseline run carries
        let mut q2_folded = q2.clone();
        q2_folded.history = fold(&q1, &q2);
        let c = compare(&q2_folded, &q3, &[]);
        assert_eq!(units(&c.relapsed), [("A", None)]);
        // and once more a quarter later it persists
        let mut q3_folded = q3.clone();
        q3_folded.history = fold(&q2_folded, &q3);
        assert_eq!(q3_folded.history.runs.len(), 2);
        let q4 = report(
            "2021-Q4",
            "2021-12-31",
            vec![outcome("M", "A", "2021-11", V)],
        );
        let c = compare(&q3_folded, &q4, &[]);
        assert_eq!(units(&c.persisting), [("A", None)]);
    }

    #[test]
    fn pending_runs_in_between_do_not_resolve() {
        let y20 = report("2020-Q4", "2020-12-31", vec![outcome("Y", "A", "2020", V)]);
        let q1 = report("2021-Q1", "2021-03-31", vec![outcome("Y", "A", "2021", O)]);
        let q4 = report("2021-Q4", "2021-12-31", vec![outcome("Y", "A", "2021", V)]);
        let c = compare(&q1, &q4, std::slice::from_ref(&y20));
        assert_eq!(units(&c.persisting), [("A", Some("2021"))]);
    }

    #[test]
    fn a_finding_about_an_earlier_event_is_settled() {
        let mut meeting = outcome("E", "A", "2021-Q2", V);
        meeting.record = Some(RecordInfo {
            dataset: "activities".into(),
            key: "A".into(),
            date: Some("2021-05-05".into()),
            file: None,
            line: None,
        });
        let q2 = report("2021-Q2", "2021-06-30", vec![meeting]);
        let mut q3 = report("2021-Q3", "2021-09-30", vec![]);
        q3.range.start = "2021-07-01".into();
        assert!(compare(&q2, &q3, &[]).unjudged.is_empty());
    }

    #[test]
    fn a_subject_gone_from_the_new_run_is_unjudged() {
        let q1 = report(
            "2021-Q1",
            "2021-03-31",
            vec![outcome("M", "A", "2021-02", V)],
        );
        let q2 = report("2021-Q2", "2021-06-30", vec![]);
        let c = compare(&q1, &q2, &[]);
        assert_eq!(units(&c.unjudged), [("A", None)]);
        assert_eq!(c.unjudged[0].after, State::None);
    }
}
