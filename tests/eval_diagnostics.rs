//! What a reader sees of a violation, for every rule kind, and the full
//! explanation of one outcome: snapshots of the rendered text.

use std::path::Path;

use xuncha::data::LoadOptions;
use xuncha::diagnostic::{render, Style};
use xuncha::eval::period::{parse_day, parse_range};
use xuncha::eval::{
    evaluate, explain_outcome, render_explanation, violation_diagnostic, Status, World,
};
use xuncha::pipeline::{prepare, Prepared};

fn prepared() -> Prepared {
    match prepare(
        Path::new("tests/fixtures/eval/kinds"),
        &LoadOptions {
            lenient: false,
            ..Default::default()
        },
    ) {
        Ok(p) => p,
        Err(_) => panic!("the fixture project loads"),
    }
}

/// Every violation and pending outcome of one rule, rendered.
fn rendered(p: &Prepared, rule: &str, range: &str, as_of: &str) -> String {
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let mut program = p.program.clone();
    program.rules.retain(|r| r.id == rule);
    let evaluation = evaluate(
        &world,
        &program,
        &parse_range(range).unwrap(),
        parse_day(as_of).unwrap(),
    );
    let mut out = String::new();
    for o in evaluation
        .outcomes
        .iter()
        .filter(|o| matches!(o.status, Status::Violation | Status::Pending))
    {
        out.push_str(&render(
            &violation_diagnostic(&program.rules[0], o),
            &p.sources,
            Style::PLAIN,
        ));
    }
    out
}

#[test]
fn violations_of_every_rule_kind() {
    let p = prepared();
    let cases = [
        ("periodic_yearly", "S01", "2021", "2021-12-31"),
        ("periodic_pending", "S01", "2021", "2021-09-30"),
        ("periodic_weekly", "W1", "2021-01", "2021-01-31"),
        ("upper_bound", "L1", "2021-Q3", "2021-08-31"),
        ("deadline", "D1", "2021", "2021-09-30"),
        ("relative_window", "R1", "2021", "2021-12-31"),
        ("ratio", "Q1", "2021", "2021-12-31"),
        ("rolling", "DUES", "2021-04", "2021-04-30"),
        ("quorum", "QUORUM", "2021", "2021-12-31"),
    ];
    for (name, rule, range, as_of) in cases {
        insta::assert_snapshot!(name, rendered(&p, rule, range, as_of));
    }
}

#[test]
fn one_outcome_explained_in_full() {
    let p = prepared();
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let range = parse_range("2021").unwrap();
    let as_of = parse_day("2021-12-31").unwrap();
    for (rule, subject) in [("S01", "D01"), ("R1", "AP2"), ("Q1", "D02")] {
        let outcome = explain_outcome(&world, &p.program, rule, subject, "2021", &range, as_of)
            .expect("evaluates")
            .expect("the outcome exists");
        let checked = p.program.rules.iter().find(|r| r.id == rule).unwrap();
        insta::assert_snapshot!(
            format!("explain_{rule}_{subject}"),
            render_explanation(checked, &outcome, "2021-12-31")
        );
    }
}
