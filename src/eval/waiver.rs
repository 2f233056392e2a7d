//! Waivers: documented, expiring exceptions. A waiver in force turns the
//! violations and pending outcomes it covers into `waived`, with its reason;
//! an expired waiver covers nothing and is reported, and so is a waiver
//! that matches no outcome at all.

use serde::Serialize;

use super::outcome::{Outcome, Status};
use super::period::{format_day, Day, Period};
use crate::diagnostic::Diagnostic;

pub use crate::check::ir::Waiver;

impl Waiver {
    fn covers(&self, outcome: &Outcome, start: Day, end: Day) -> bool {
        let unit = if self.units.is_empty() {
            outcome.subject.is_empty()
        } else {
            self.units.iter().any(|u| u == outcome.unit())
        };
        outcome.rule == self.rule && unit && self.from <= start && end <= self.to
    }
}

/// What became of each waiver in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverUse {
    pub id: String,
    pub rule: String,
    pub state: WaiverState,
    /// The outcomes it turned to `waived`.
    pub waived: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverState {
    /// In force and covering at least one outcome.
    Applied,
    /// Past its expiry on the as-of date: it covers nothing.
    Expired,
    /// In force, but no outcome lies in its rule, units and days.
    MatchesNothing,
    /// Its days lie outside the evaluated range: nothing to say about it.
    OutOfRange,
}

impl WaiverState {
    pub fn as_str(self) -> &'static str {
        match self {
            WaiverState::Applied => "applied",
            WaiverState::Expired => "expired",
            WaiverState::MatchesNothing => "matches-nothing",
            WaiverState::OutOfRange => "out-of-range",
        }
    }
}

/// Applies the waivers in force on `as_of` to `outcomes`, and says what
/// became of each waiver.
pub fn apply(outcomes: &mut [Outcome], waivers: &[Waiver], as_of: Day) -> Vec<WaiverUse> {
    waivers
        .iter()
        .map(|waiver| {
            let state_and_count = if as_of > waiver.expires {
                (WaiverState::Expired, 0)
            } else {
                let mut matched = false;
                let mut waived = 0;
                for outcome in outcomes.iter_mut() {
                    let (start, end) = (outcome.period_start, outcome.period_end);
                    if !waiver.covers(outcome, start, end) {
                        continue;
                    }
                    matched = true;
                    if matches!(outcome.status, Status::Violation | Status::Pending) {
                        outcome.status = Status::Waived;
                        outcome.notes.push(format!(
                            "waived by {}: {} (approved: {}; expires {})",
                            waiver.id,
                            waiver.reason,
                            waiver.approved_by,
                            format_day(waiver.expires)
                        ));
                        waived += 1;
                    }
                }
                (
                    if matched {
                        WaiverState::Applied
                    } else {
                        WaiverState::MatchesNothing
                    },
                    waived,
                )
            };
            WaiverUse {
                id: waiver.id.clone(),
                rule: waiver.rule.clone(),
                state: state_and_count.0,
                waived: state_and_count.1,
            }
        })
        .collect()
}

/// Applies the waivers to the outcomes of a run over `range`, as [`apply`]
/// does; a waiver whose days do not overlap the range is out of range
/// rather than expired or matching nothing, since the run judged nothing
/// it could cover.
pub fn apply_in_range(
    outcomes: &mut [Outcome],
    waivers: &[Waiver],
    range: &Period,
    as_of: Day,
) -> Vec<WaiverUse> {
    let mut uses = apply(outcomes, waivers, as_of);
    for (waiver, used) in waivers.iter().zip(&mut uses) {
        if waiver.to < range.start || waiver.from > range.end {
            used.state = WaiverState::OutOfRange;
        }
    }
    uses
}

/// The waivers worth a reader's attention: expired ones, and those in
/// force that cover nothing. `uses` is what [`apply`] returned for
/// `waivers`.
pub fn diagnostics(uses: &[WaiverUse], waivers: &[Waiver]) -> Vec<Diagnostic> {
    waivers
        .iter()
        .zip(uses)
        .filter_map(|(waiver, used)| match used.state {
            WaiverState::Expired => Some(
                Diagnostic::warning(
                    "xuncha::waiver::expired",
                    format!(
                        "waiver {} of rule {} expired on {} and no longer applies",
                        waiver.id,
                        waiver.rule,
                        format_day(waiver.expires)
                    ),
                )
                .with_label(waiver.span, "expired")
                .with_help(
                    "the outcomes it covered are judged as if it did not exist; \
                     renew it with a later `expires` or remove it",
                ),
            ),
            WaiverState::MatchesNothing => Some(
                Diagnostic::warning(
                    "xuncha::waiver::matches-nothing",
                    format!(
                        "waiver {} covers no outcome of rule {}",
                        waiver.id, waiver.rule
                    ),
                )
                .with_label(waiver.span, "matches nothing")
                .with_help(
                    "an outcome is covered when its unit is listed and its whole period \
                     lies within the waiver's days; check the units and the dates",
                ),
            ),
            WaiverState::Applied | WaiverState::OutOfRange => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::outcome::SubjectPart;
    use crate::eval::period::{parse_day, parse_range};
    use crate::source::Span;

    fn outcome(rule: &str, unit: &str, period: &str, status: Status) -> Outcome {
        let p = parse_range(period).unwrap();
        Outcome {
            rule_index: 0,
            rule: rule.into(),
            severity: crate::syntax::ast::Severity::Error,
            subject: vec![SubjectPart {
                var: "org".into(),
                dataset: None,
                key: unit.into(),
                name: None,
                record: None,
            }],
            period: p.label.clone(),
            period_start: p.start,
            period_end: p.end,
            status,
            found: None,
            required: None,
            evidence: Vec::new(),
            notes: Vec::new(),
            message: None,
            deadline: None,
            record: None,
        }
    }

    fn waiver(id: &str, units: &[&str], range: &str, expires: &str) -> Waiver {
        let r = parse_range(range).unwrap();
        Waiver {
            id: id.into(),
            rule: "S01".into(),
            units: units.iter().map(|u| (*u).to_owned()).collect(),
            unit_spans: vec![Span::default(); units.len()],
            from: r.start,
            to: r.end,
            reason: "机构改革".into(),
            approved_by: "巡察办〔2021〕3号".into(),
            expires: parse_day(expires).unwrap(),
            span: Span::default(),
        }
    }

    #[test]
    fn a_waiver_in_force_waives_violations_of_its_units_and_days_only() {
        let mut outcomes = vec![
            outcome("S01", "D07", "2021-03", Status::Violation),
            outcome("S01", "D07", "2021-04", Status::Pass),
            outcome("S01", "D08", "2021-03", Status::Violation),
            outcome("S01", "D07", "2021-07", Status::Violation),
            outcome("S02", "D07", "2021-03", Status::Violation),
        ];
        let uses = apply(
            &mut outcomes,
            &[waiver("W1", &["D07"], "2021-H1", "2021-12-31")],
            parse_day("2021-09-30").unwrap(),
        );
        let statuses: Vec<Status> = outcomes.iter().map(|o| o.status).collect();
        use Status::*;
        assert_eq!(statuses, [Waived, Pass, Violation, Violation, Violation]);
        assert!(outcomes[0].notes[0].starts_with("waived by W1: 机构改革"));
        assert_eq!(uses[0].state, WaiverState::Applied);
        assert_eq!(uses[0].waived, 1);
    }

    #[test]
    fn expired_and_unmatched_waivers_are_reported_and_change_nothing() {
        let mut outcomes = vec![outcome("S01", "D07", "2021-03", Status::Violation)];
        let waivers = [
            waiver("OLD", &["D07"], "2021-H1", "2021-06-30"),
            waiver("ELSEWHERE", &["D99"], "2021-H1", "2021-12-31"),
        ];
        let uses = apply(&mut outcomes, &waivers, parse_day("2021-09-30").unwrap());
        assert_eq!(outcomes[0].status, Status::Violation);
        assert_eq!(uses[0].state, WaiverState::Expired);
        assert_eq!(uses[1].state, WaiverState::MatchesNothing);
    }
}
