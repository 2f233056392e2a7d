//! The renderers on a hand-made report with what the fixture projects do
//! not have: a waived outcome, a rule with two `each` (several outcomes in
//! one heat-map cell), an evaluation error, a rejected record, and text that
//! must be escaped.

use xuncha::report::diff::History;
use xuncha::report::model::*;
use xuncha::report::{to_html, to_json, to_junit, to_markdown};

fn span(label: &str, start: &str, end: &str) -> Span {
    Span {
        label: label.into(),
        start: start.into(),
        end: end.into(),
    }
}

fn outcome(rule: &str, subject: &[&str], period: &str, status: Status) -> OutcomeInfo {
    OutcomeInfo {
        rule: rule.into(),
        severity: Severity::Error,
        unit: subject[0].into(),
        unit_name: Some(format!("<{}> & 单位", subject[0])),
        subject: subject
            .iter()
            .map(|k| SubjectInfo {
                var: "x".into(),
                dataset: None,
                key: (*k).into(),
                name: None,
                date: None,
            })
            .collect(),
        period: span(period, "2021-01-01", "2021-12-31"),
        status,
        found: (status == Status::Violation).then(|| "0".into()),
        required: (status == Status::Violation).then(|| ">= 1".into()),
        deadline: None,
        message: None,
        evidence: vec![],
        notes: vec![],
        record: None,
    }
}

fn report() -> Report {
    let outcomes = vec![
        outcome("H1", &["D01", "春节"], "2021", Status::Pass),
        outcome("H1", &["D01", "国庆"], "2021", Status::Violation),
        outcome("H1", &["D02", "春节"], "2021", Status::Waived),
        outcome("H1", &["D02", "国庆"], "2021", Status::Pass),
    ];
    let mut totals = Counts::default();
    for o in &outcomes {
        totals.add(o.status);
    }
    Report {
        version: 1,
        project: "hand".into(),
        range: span("2021", "2021-01-01", "2021-12-31"),
        as_of: "2021-12-31".into(),
        filters: Filters::default(),
        totals,
        rules: vec![RuleInfo {
            id: "H1".into(),
            title: "节前提醒 \"quoted\" <b>".into(),
            cite: Some("条款 a|b *c*".into()),
            severity: Severity::Error,
            tags: vec!["廉政".into()],
            owner: Some("纪委".into()),
            every: Some("year".into()),
            source: Some("rules.xc:1".into()),
            totals,
        }],
        load: Load {
            datasets: vec![DatasetLoad {
                name: "activities".into(),
                file: Some("activities.csv".into()),
                read: 3,
                loaded: 2,
                rejected: 1,
            }],
            rejected: vec![Rejected {
                dataset: "activities".into(),
                file: "activities.csv".into(),
                line: 3,
                reason: "`2021-02-30` is not a date".into(),
            }],
        },
        outcomes,
        errors: vec![ErrorInfo {
            rule: "H1".into(),
            subject: "D03 / 端午".into(),
            period: "2021".into(),
            message: "division by zero".into(),
        }],
        waivers: vec![],
        changes: None,
        history: History::default(),
    }
}

#[test]
fn a_cell_with_several_outcomes_shows_the_weightiest() {
    let html = to_html(&report());
    assert!(html.contains(
        "<td class=\"cell s-violation\" data-unit=\"D01\" data-period=\"2021\" \
         data-status=\"violation\" data-count=\"2\""
    ));
    assert!(html.contains(
        "<td class=\"cell s-waived\" data-unit=\"D02\" data-period=\"2021\" \
         data-status=\"waived\" data-count=\"2\""
    ));
}

#[test]
fn text_is_escaped_in_every_format() {
    let r = report();
    let html = to_html(&r);
    assert!(html.contains("节前提醒 &quot;quoted&quot; &lt;b&gt;"));
    assert!(html.contains("&lt;D01&gt; &amp; 单位"));
    assert!(!html.contains("<b>"));
    let md = to_markdown(&r);
    assert!(md.contains("条款 clause: 条款 a\\|b \\*c\\*"), "{md}");
    assert!(md.contains("\\<D01> & 单位"), "{md}");
    let junit = to_junit(&r);
    assert!(junit.contains("name=\"H1 节前提醒 &quot;quoted&quot; &lt;b&gt;\""));
    assert!(junit.contains("name=\"D01 &lt;D01&gt; &amp; 单位\""));
}

#[test]
fn errors_rejected_records_and_waivers_are_reported() {
    let r = report();
    let md = to_markdown(&r);
    assert!(md.contains("## 错误 · Errors (1)"));
    assert!(
        md.contains("| H1   | D03 / 端午 | 2021   | division by zero |"),
        "{md}"
    );
    assert!(
        md.contains("| activities.csv:3 | activities | \\`2021-02-30\\` is not a date |"),
        "{md}"
    );
    let junit = to_junit(&r);
    // D01 failed, D02 passed (a waived period passes), D03 is an error
    assert!(
        junit.contains("tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\""),
        "{junit}"
    );
    assert!(junit.contains("<testcase classname=\"H1\" name=\"D02 &lt;D02&gt; &amp; 单位\"/>"));
    assert!(junit.contains(
        "<testcase classname=\"H1\" name=\"D03\">\n      <error type=\"evaluation\" \
         message=\"D03 / 端午 2021: division by zero\"/>"
    ));
    let html = to_html(&r);
    assert!(html.contains("<h3>错误 · Errors (1)</h3>"));
    assert!(html.contains("<h3>被拒记录 · Rejected records (1)</h3>"));
    // the JSON reads back
    let back: Report = serde_json::from_str(&to_json(&r)).unwrap();
    assert_eq!(back, r);
}
