//! Waivers on a small project (tests/fixtures/waivers): one in force turns
//! a violation into `waived` with its reason, an expired one leaves the
//! violation and is reported, one matches nothing and is reported, and a
//! unit unknown to the data is reported once the data is loaded. The
//! checker's lints on malformed waivers are snapshotted.

use std::path::Path;

use xuncha::check::{check_files, unknown_units};
use xuncha::data::LoadOptions;
use xuncha::diagnostic::{self, Style};
use xuncha::eval::period::{parse_day, parse_range};
use xuncha::eval::waiver::{self, WaiverState};
use xuncha::eval::{evaluate, Outcome, Status, World};
use xuncha::pipeline::{prepare, Prepared};
use xuncha::source::SourceMap;

const PROJECT: &str = "tests/fixtures/waivers";

fn prepared() -> Prepared {
    match prepare(
        Path::new(PROJECT),
        &LoadOptions {
            lenient: false,
            ..Default::default()
        },
    ) {
        Ok(p) => p,
        Err(_) => panic!("the waiver project loads"),
    }
}

/// Evaluates the project over 2021 as of `as_of` and applies its waivers.
fn run(p: &Prepared, as_of: &str) -> (Vec<Outcome>, Vec<waiver::WaiverUse>) {
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let range = parse_range("2021").unwrap();
    let as_of = parse_day(as_of).unwrap();
    let mut evaluation = evaluate(&world, &p.program, &range, as_of);
    assert!(evaluation.errors.is_empty(), "{:?}", evaluation.errors);
    let uses = waiver::apply_in_range(&mut evaluation.outcomes, &p.program.waivers, &range, as_of);
    (evaluation.outcomes, uses)
}

fn status(outcomes: &[Outcome], rule: &str, unit: &str, period: &str) -> Status {
    outcomes
        .iter()
        .find(|o| o.rule == rule && o.unit() == unit && o.period == period)
        .unwrap_or_else(|| panic!("no outcome {rule} {unit} {period}"))
        .status
}

#[test]
fn the_checker_collects_the_waivers_of_the_project() {
    let p = prepared();
    let ids: Vec<&str> = p.program.waivers.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["W2021-01", "W2021-02", "W2021-03", "W2021-04"]);
    let w = &p.program.waivers[0];
    assert_eq!(w.rule, "S01");
    assert_eq!(w.units, ["D02"]);
    assert_eq!(w.reason, "机构改革期间暂停专题会议");
    assert_eq!(w.approved_by, "巡察办〔2021〕3号");
    assert_eq!(
        (w.from, w.to),
        (
            parse_day("2021-01-01").unwrap(),
            parse_day("2021-12-31").unwrap()
        )
    );
    assert_eq!(w.expires, parse_day("2022-06-30").unwrap());
}

#[test]
fn a_waiver_in_force_turns_a_violation_into_waived_with_its_reason() {
    let p = prepared();
    let (outcomes, uses) = run(&p, "2021-12-31");
    assert_eq!(status(&outcomes, "S01", "D01", "2021"), Status::Pass);
    assert_eq!(status(&outcomes, "S01", "D02", "2021"), Status::Waived);
    let d02 = outcomes
        .iter()
        .find(|o| o.rule == "S01" && o.unit() == "D02")
        .unwrap();
    assert_eq!(
        d02.notes.last().map(String::as_str),
        Some("waived by W2021-01: 机构改革期间暂停专题会议 (approved: 巡察办〔2021〕3号; expires 2022-06-30)")
    );
    assert_eq!(d02.found.as_deref(), Some("1"), "the evidence stays");
    assert_eq!(uses[0].state, WaiverState::Applied);
    assert_eq!(uses[0].waived, 1);
}

#[test]
fn an_expired_waiver_leaves_the_violation_and_is_reported() {
    let p = prepared();
    let (outcomes, uses) = run(&p, "2021-12-31");
    assert_eq!(status(&outcomes, "S01", "D03", "2021"), Status::Violation);
    assert_eq!(uses[1].state, WaiverState::Expired);
    // Before it expired, it waived the outcome (still pending then).
    let (earlier, uses) = run(&p, "2021-06-30");
    assert_eq!(status(&earlier, "S01", "D03", "2021"), Status::Waived);
    assert_eq!(uses[1].state, WaiverState::Applied);
}

#[test]
fn a_waiver_that_matches_nothing_is_reported() {
    let p = prepared();
    let (outcomes, uses) = run(&p, "2021-12-31");
    assert_eq!(status(&outcomes, "M1", "B01", "2021-03"), Status::Violation);
    assert_eq!(uses[2].state, WaiverState::MatchesNothing);
    // W2021-04 covers D04 (a violation) and names D09, which is no unit.
    assert_eq!(uses[3].state, WaiverState::Applied);
}

#[test]
fn expired_unmatched_and_unknown_waivers_read_as_diagnostics() {
    let p = prepared();
    let (_, uses) = run(&p, "2021-12-31");
    let mut diagnostics = waiver::diagnostics(&uses, &p.program.waivers);
    diagnostics.extend(unknown_units(&p.program, &p.db));
    let rendered: String = diagnostics
        .iter()
        .map(|d| diagnostic::render(d, &p.sources, Style::PLAIN))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(rendered.replace('\\', "/"));
}

#[test]
fn a_waiver_out_of_the_range_is_not_reported() {
    let p = prepared();
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let range = parse_range("2022-Q1").unwrap();
    let as_of = parse_day("2022-03-31").unwrap();
    let mut evaluation = evaluate(&world, &p.program, &range, as_of);
    let uses = waiver::apply_in_range(&mut evaluation.outcomes, &p.program.waivers, &range, as_of);
    assert!(
        uses.iter().all(|u| u.state == WaiverState::OutOfRange),
        "{uses:?}"
    );
    assert!(waiver::diagnostics(&uses, &p.program.waivers).is_empty());
}

#[test]
fn the_checker_lints_waivers() {
    insta::assert_snapshot!(check_with_rules("lints.xc"));
}

#[test]
fn a_missing_comma_between_units_is_a_syntax_error() {
    insta::assert_snapshot!(check_with_rules("syntax_units.xc"));
}

/// The diagnostics of `err/NAME` checked with the project's rules.
fn check_with_rules(name: &str) -> String {
    let mut sources = SourceMap::default();
    let files: Vec<_> = [
        format!("{PROJECT}/rules.xc"),
        format!("{PROJECT}/err/{name}"),
    ]
    .iter()
    .map(|rel| {
        let text = std::fs::read_to_string(rel).unwrap();
        sources.add(rel.as_str(), &text)
    })
    .collect();
    let checked = check_files(&mut sources, &files);
    assert!(checked.has_errors());
    assert!(checked.program.waivers.is_empty());
    checked
        .diagnostics
        .iter()
        .map(|d| diagnostic::render(d, &sources, Style::PLAIN))
        .collect::<Vec<_>>()
        .join("\n")
}
