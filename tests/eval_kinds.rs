//! Every rule kind and every status, on hand-made data whose outcomes were
//! computed by hand (tests/fixtures/eval/kinds).

use std::collections::BTreeMap;
use std::path::Path;

use xuncha::data::LoadOptions;
use xuncha::eval::period::{parse_day, parse_range, Day};
use xuncha::eval::{evaluate, Outcome, Status, World};
use xuncha::pipeline::{prepare, Prepared};

const KINDS: &str = "tests/fixtures/eval/kinds";
/// The same data with more rules.
const MORE: &str = "tests/fixtures/eval/more";

fn prepared() -> Prepared {
    prepared_at(KINDS)
}

fn prepared_at(project: &str) -> Prepared {
    match prepare(
        Path::new(project),
        &LoadOptions {
            lenient: false,
            ..Default::default()
        },
    ) {
        Ok(p) => p,
        Err(_) => panic!("the fixture project loads"),
    }
}

fn day(text: &str) -> Day {
    parse_day(text).expect("a date")
}

/// Outcomes of one rule by (subject, period).
fn run(p: &Prepared, rule: &str, range: &str, as_of: &str) -> BTreeMap<(String, String), Outcome> {
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let mut program = p.program.clone();
    program.rules.retain(|r| r.id == rule);
    assert_eq!(program.rules.len(), 1, "rule {rule} exists");
    let evaluation = evaluate(&world, &program, &parse_range(range).unwrap(), day(as_of));
    assert!(evaluation.errors.is_empty(), "{:?}", evaluation.errors);
    evaluation
        .outcomes
        .into_iter()
        .map(|o| ((o.subject_line(), o.period.clone()), o))
        .collect()
}

fn statuses(outcomes: &BTreeMap<(String, String), Outcome>) -> Vec<(String, String, Status)> {
    outcomes
        .iter()
        .map(|((s, p), o)| (s.clone(), p.clone(), o.status))
        .collect()
}

fn expect(list: &[(&str, &str, Status)]) -> Vec<(String, String, Status)> {
    let mut v: Vec<_> = list
        .iter()
        .map(|(s, p, st)| (s.to_string(), p.to_string(), *st))
        .collect();
    v.sort();
    v
}

use Status::{NotApplicable as NA, Pass, Pending, Violation};

#[test]
fn yearly_quota_after_the_year_closes() {
    let p = prepared();
    let out = run(&p, "S01", "2021", "2021-12-31");
    // D01: A01, A02 (A06 of 2020 does not count). D02: one. D03: none at all.
    // D04 dissolved on 2021-03-15 and D05 founded in November: not held to the quota.
    assert_eq!(
        statuses(&out),
        expect(&[
            ("D01", "2021", Pass),
            ("D02", "2021", Violation),
            ("D03", "2021", Violation),
            ("D04", "2021", NA),
            ("D05", "2021", NA),
        ])
    );
    let d02 = &out[&("D02".into(), "2021".into())];
    assert_eq!(d02.found.as_deref(), Some("1"));
    assert_eq!(d02.required.as_deref(), Some(">= 2"));
    assert_eq!(d02.evidence[0].records[0].key, "A03");
    assert_eq!(d02.message.as_deref(), Some("财务处 召开了 1 次"));
    let d03 = &out[&("D03".into(), "2021".into())];
    assert_eq!(d03.found.as_deref(), Some("0"));
}

#[test]
fn yearly_quota_is_pending_while_the_year_is_open() {
    let p = prepared();
    let out = run(&p, "S01", "2021", "2021-09-30");
    assert_eq!(out[&("D01".into(), "2021".into())].status, Pass);
    assert_eq!(out[&("D02".into(), "2021".into())].status, Pending);
    assert_eq!(out[&("D03".into(), "2021".into())].status, Pending);
}

#[test]
fn monthly_periods_split_on_month_ends_and_leap_days() {
    let p = prepared();
    let out = run(&p, "M1", "2021-Q1", "2021-03-31");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("B01", "2021-01", Pass),
            ("B01", "2021-02", Pass),
            ("B01", "2021-03", Violation)
        ])
    );
    let open = run(&p, "M1", "2021-03", "2021-03-15");
    assert_eq!(open[&("B01".into(), "2021-03".into())].status, Pending);
    let leap = run(&p, "M1", "2020-02", "2020-02-29");
    assert_eq!(leap[&("B01".into(), "2020-02".into())].status, Pass);
}

#[test]
fn iso_week_53_belongs_to_the_previous_year() {
    let p = prepared();
    let out = run(&p, "W1", "2021-01", "2021-01-31");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("C01", "2020-W53", Pass),
            ("C01", "2021-W01", Pass),
            ("C01", "2021-W02", Violation),
            ("C01", "2021-W03", Violation),
            ("C01", "2021-W04", Violation),
        ])
    );
}

#[test]
fn an_upper_bound_exceeded_in_an_open_period_is_already_violated() {
    let p = prepared();
    let out = run(&p, "L1", "2021-Q3", "2021-08-31");
    assert_eq!(out[&("D01".into(), "2021-Q3".into())].status, Violation);
    assert_eq!(out[&("D02".into(), "2021-Q3".into())].status, Pass);
    assert_eq!(out[&("D03".into(), "2021-Q3".into())].status, Pass);
}

#[test]
fn deadlines_on_the_day_one_day_late_and_open() {
    let p = prepared();
    let out = run(&p, "D1", "2021", "2021-09-30");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("M01", "2021", Pass),
            ("M02", "2021", Violation),
            ("M03", "2021", Pending),
            ("M04", "2021", Violation),
        ])
    );
    let late = &out[&("M02".into(), "2021".into())];
    assert_eq!(late.found.as_deref(), Some("2021-07-01"));
    assert_eq!(late.required.as_deref(), Some("by 2021-06-30"));
    assert!(
        late.notes.iter().any(|n| n == "1 day late"),
        "{:?}",
        late.notes
    );
    let overdue = &out[&("M04".into(), "2021".into())];
    assert_eq!(overdue.found.as_deref(), Some("not done"));
    assert_eq!(overdue.record.as_ref().and_then(|r| r.line), Some(5));
}

#[test]
fn a_window_of_exactly_n_days_holds_and_n_plus_one_misses() {
    let p = prepared();
    let out = run(&p, "R1", "2021", "2021-12-31");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("AP1", "2021", Pass),
            ("AP2", "2021", Violation),
            ("AP3", "2021", Violation)
        ])
    );
    let near = &out[&("AP2".into(), "2021".into())];
    assert!(
        near.notes
            .iter()
            .any(|n| n == "nearest talks T2 on 2021-04-30, 1 day too early"),
        "{:?}",
        near.notes
    );
    // AP3's only talk is of another kind: there is no nearest one.
    let none = &out[&("AP3".into(), "2021".into())];
    assert!(none.evidence.is_empty(), "{:?}", none.evidence);
}

#[test]
fn a_ratio_over_an_empty_population_is_not_applicable() {
    let p = prepared();
    let out = run(&p, "Q1", "2021", "2021-12-31");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("D01", "2021", Pass),
            ("D02", "2021", Violation),
            ("D03", "2021", NA),
            ("D04", "2021", NA),
            ("D05", "2021", NA),
        ])
    );
    let d02 = &out[&("D02".into(), "2021".into())];
    assert_eq!(d02.found.as_deref(), Some("0.5 (50.0%)"));
    let totals: Vec<usize> = d02.evidence.iter().map(|g| g.total).collect();
    assert_eq!(totals, [1, 2], "numerator and denominator records");
}

#[test]
fn a_rolling_six_month_window_crosses_the_year_boundary() {
    let p = prepared();
    // 2021-02 covers 2020-09..2021-02: P01 paid 2020-10-15, P02 nothing.
    let feb = run(&p, "DUES", "2021-02", "2021-02-28");
    assert_eq!(feb[&("P01".into(), "2021-02".into())].status, Pass);
    assert_eq!(feb[&("P02".into(), "2021-02".into())].status, Violation);
    // P03 joined on 2021-01-01: not a member for the whole window.
    assert_eq!(feb[&("P03".into(), "2021-02".into())].status, NA);
    // 2021-04 covers 2020-11..2021-04: P01's payment fell out, P02 paid in March.
    let apr = run(&p, "DUES", "2021-04", "2021-04-30");
    assert_eq!(apr[&("P01".into(), "2021-04".into())].status, Violation);
    assert_eq!(apr[&("P02".into(), "2021-04".into())].status, Pass);
}

#[test]
fn a_quorum_counts_the_roster_of_the_meeting_day() {
    let p = prepared();
    let out = run(&p, "QUORUM", "2021", "2021-12-31");
    // MT1 (06-01): voting members then are P01, P02, P03: 2 > 1.5.
    // MT2 (04-01): P01..P04: 2 is not more than half of 4.
    assert_eq!(
        statuses(&out),
        expect(&[("MT1", "2021", Pass), ("MT2", "2021", Violation)])
    );
    let mt2 = &out[&("MT2".into(), "2021".into())];
    assert_eq!(mt2.found.as_deref(), Some("2"));
    assert_eq!(mt2.required.as_deref(), Some("> 2"));
}

#[test]
fn a_deadline_after_the_period_sees_records_up_to_it_and_stays_open_until_it() {
    let p = prepared();
    // Q1's bulletin came on 04-25 (due 04-30), Q2's on 08-05 (due 07-31),
    // Q3's is not out yet on 09-30 (due 10-31).
    let out = run(&p, "B1", "2021-01-01..2021-09-30", "2021-09-30");
    assert_eq!(
        statuses(&out),
        expect(&[
            ("(全局)", "2021-Q1", Pass),
            ("(全局)", "2021-Q2", Violation),
            ("(全局)", "2021-Q3", Pending)
        ])
    );
    let later = run(&p, "B1", "2021-Q3", "2021-12-31");
    assert_eq!(
        later[&("(全局)".into(), "2021-Q3".into())].status,
        Violation
    );
}

#[test]
fn a_list_of_a_past_record_cannot_grow() {
    let p = prepared();
    // The year is open on 09-30, but MT2's attendance list is what it is.
    let out = run(&p, "A1", "2021", "2021-09-30");
    assert_eq!(
        statuses(&out),
        expect(&[("MT1", "2021", Pass), ("MT2", "2021", Violation)])
    );
}

#[test]
fn distinct_values_of_a_field_are_counted_once_each() {
    let p = prepared_at(MORE);
    let outcomes = run(&p, "KINDS", "2021", "2021-12-31");
    // D01: two meetings and two banquets are two kinds, not four; D03 has none.
    let found = |unit: &str| {
        outcomes[&(unit.to_owned(), "2021".to_owned())]
            .found
            .clone()
    };
    assert_eq!(found("D01").as_deref(), Some("2"));
    assert_eq!(found("D02").as_deref(), Some("2"));
    assert_eq!(found("D03").as_deref(), Some("0"));
    assert_eq!(
        statuses(&outcomes),
        expect(&[
            ("D01", "2021", Violation),
            ("D02", "2021", Violation),
            ("D03", "2021", Violation),
            ("D04", "2021", NA),
            ("D05", "2021", NA),
        ])
    );
}
