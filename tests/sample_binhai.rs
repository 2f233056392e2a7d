//! The sample project `examples/binhai`: the committed files are what the
//! generator writes, every planted case evaluates as planted (status, value
//! found, evidence), the main run holds no violation or pending outcome that
//! was not planted, every rule passes and fails somewhere, and the quarterly
//! run the README shows is a snapshot.

#[allow(dead_code, clippy::all)]
#[path = "../examples/generate_binhai.rs"]
mod generate_binhai;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use xuncha::data::LoadOptions;
use xuncha::eval::period::{parse_day, parse_range};
use xuncha::eval::{evaluate, Outcome, Status};
use xuncha::pipeline::{prepare, Prepared};

const PROJECT: &str = "examples/binhai";

#[derive(Debug, Clone)]
struct Case {
    id: String,
    rule: String,
    range: String,
    as_of: String,
    subject: String,
    period: String,
    status: String,
    found: Option<String>,
    evidence: Vec<String>,
}

fn planted() -> (Vec<Case>, String, String) {
    let text = std::fs::read_to_string(Path::new(PROJECT).join("planted.json"))
        .expect("examples/binhai/planted.json is readable");
    let json: Value = serde_json::from_str(&text).expect("planted.json is JSON");
    let s = |v: &Value, k: &str| {
        v[k].as_str()
            .unwrap_or_else(|| panic!("{k} in {v}"))
            .to_owned()
    };
    let cases = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| Case {
            id: s(c, "id"),
            rule: s(c, "rule"),
            range: s(c, "range"),
            as_of: s(c, "as_of"),
            subject: s(c, "subject"),
            period: s(c, "period"),
            status: s(c, "status"),
            found: c["found"].as_str().map(str::to_owned),
            evidence: c["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .map(|e| e.as_str().expect("a key").to_owned())
                .collect(),
        })
        .collect();
    let ex = &json["exhaustive"];
    (cases, s(ex, "range"), s(ex, "as_of"))
}

fn prepared() -> Prepared {
    match prepare(Path::new(PROJECT), &LoadOptions { lenient: false, ..Default::default() }) {
        Ok(p) => p,
        Err(_) => panic!("examples/binhai loads: run `cargo run -- run examples/binhai --period 2021-Q3` to see why not"),
    }
}

type Key = (String, String, String); // rule, subject, period

/// Evaluates the rules `only` (all when empty) over a range as of a date.
fn run(p: &Prepared, range: &str, as_of: &str, only: &BTreeSet<String>) -> BTreeMap<Key, Outcome> {
    let world = xuncha::eval::World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let mut program = p.program.clone();
    if !only.is_empty() {
        program.rules.retain(|r| only.contains(&r.id));
    }
    let range = parse_range(range).expect("a range");
    let as_of = parse_day(as_of).expect("a date");
    let evaluation = evaluate(&world, &program, &range, as_of);
    assert!(
        evaluation.errors.is_empty(),
        "evaluation errors: {:?}",
        evaluation.errors
    );
    let mut out = BTreeMap::new();
    for o in evaluation.outcomes {
        let key = (o.rule.clone(), o.subject_line(), o.period.clone());
        assert!(!out.contains_key(&key), "two outcomes for {key:?}");
        out.insert(key, o);
    }
    out
}

fn status_text(s: Status) -> &'static str {
    s.as_str()
}

fn evidence_keys(o: &Outcome) -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = o
        .evidence
        .iter()
        .flat_map(|g| g.records.iter().map(|r| r.key.clone()))
        .collect();
    if let Some(r) = &o.record {
        keys.insert(r.key.clone());
    }
    keys
}

#[test]
fn the_committed_project_is_what_the_generator_writes() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("binhai-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = generate_binhai::write_project(&dir).expect("the generator writes its files");
    let mut problems = Vec::new();
    let mut generated = BTreeSet::new();
    for (path, _) in &files {
        generated.insert(path.clone());
        let fresh = std::fs::read(dir.join(path)).expect("a generated file");
        match std::fs::read(Path::new(PROJECT).join(path)) {
            Ok(committed) if committed == fresh => {}
            Ok(_) => problems.push(format!("{path} differs")),
            Err(_) => problems.push(format!("{path} is not committed")),
        }
    }
    let mut committed = BTreeSet::new();
    let mut stack = vec![PathBuf::from(PROJECT)];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(PROJECT)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                committed.insert(rel);
            }
        }
    }
    for extra in committed.difference(&generated) {
        problems.push(format!("{extra} is committed but not generated"));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        problems.is_empty(),
        "examples/binhai is not what the generator writes; run `cargo run --release --example generate_binhai`:\n{}",
        problems.join("\n")
    );
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    assert!(
        bytes < 5 << 20,
        "the sample project stays under 5 MB: {bytes} bytes"
    );
}

#[test]
fn every_planted_case_evaluates_as_planted_and_nothing_else_fails() {
    let p = prepared();
    let (cases, full_range, full_as_of) = planted();
    assert!(!cases.is_empty());
    let rule_ids: BTreeSet<String> = p.program.rules.iter().map(|r| r.id.clone()).collect();
    for c in &cases {
        assert!(rule_ids.contains(&c.rule), "{}: no rule {}", c.id, c.rule);
    }

    // One evaluation per run: the main run with every rule, the others with
    // the rules they have cases for.
    let mut runs: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for c in &cases {
        runs.entry((c.range.clone(), c.as_of.clone()))
            .or_default()
            .insert(c.rule.clone());
    }
    runs.insert((full_range.clone(), full_as_of.clone()), BTreeSet::new());
    let mut outcomes: BTreeMap<(String, String), BTreeMap<Key, Outcome>> = BTreeMap::new();
    for ((range, as_of), only) in &runs {
        outcomes.insert((range.clone(), as_of.clone()), run(&p, range, as_of, only));
    }

    let mut failures = Vec::new();
    for c in &cases {
        let out = &outcomes[&(c.range.clone(), c.as_of.clone())];
        let Some(o) = out.get(&(c.rule.clone(), c.subject.clone(), c.period.clone())) else {
            failures.push(format!("{}: no outcome", c.id));
            continue;
        };
        let actual = status_text(o.status);
        if actual != c.status {
            failures.push(format!(
                "{}: planted {}, evaluated {actual} (found {:?}, notes {:?})",
                c.id, c.status, o.found, o.notes
            ));
            continue;
        }
        if let Some(found) = &c.found {
            if o.found.as_deref() != Some(found.as_str()) {
                failures.push(format!("{}: found {:?}, planted {found}", c.id, o.found));
            }
        }
        let keys = evidence_keys(o);
        for e in &c.evidence {
            if !keys.contains(e) {
                failures.push(format!("{}: evidence {e} not among {keys:?}", c.id));
            }
        }
    }

    // The main run: every violation and pending outcome is planted.
    let main = &outcomes[&(full_range.clone(), full_as_of.clone())];
    let planted_main: BTreeMap<Key, &Case> = cases
        .iter()
        .filter(|c| c.range == full_range && c.as_of == full_as_of)
        .map(|c| ((c.rule.clone(), c.subject.clone(), c.period.clone()), c))
        .collect();
    for (key, o) in main {
        if !matches!(o.status, Status::Violation | Status::Pending) {
            continue;
        }
        let planted = planted_main.get(key);
        let explained = planted.is_some_and(|c| c.status == status_text(o.status));
        if !explained {
            failures.push(format!(
                "{key:?}: {} in the main run, not planted (found {:?}, message {:?})",
                status_text(o.status),
                o.found,
                o.message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_passes_somewhere_and_fails_somewhere() {
    let p = prepared();
    let (cases, full_range, full_as_of) = planted();
    let main = run(&p, &full_range, &full_as_of, &BTreeSet::new());
    let mut missing = Vec::new();
    for rule in &p.program.rules {
        for status in ["pass", "violation"] {
            let planted = cases
                .iter()
                .any(|c| c.rule == rule.id && c.status == status);
            if !planted {
                missing.push(format!("{}: no planted {status}", rule.id));
            }
            // Seen in the evaluation, or planted in a run of its own.
            let seen = main
                .values()
                .any(|o| o.rule == rule.id && status_text(o.status) == status)
                || cases
                    .iter()
                    .any(|c| c.rule == rule.id && c.status == status && c.range != full_range);
            if !seen {
                missing.push(format!("{}: no {status} in the main run", rule.id));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The quarterly runs judge the months and quarters of the main run alike:
/// a closed month or quarter does not depend on the range it is run in.
#[test]
fn quarterly_runs_agree_with_the_main_run_on_months_and_quarters() {
    use xuncha::syntax::ast::PeriodUnit;
    let p = prepared();
    let (_, full_range, full_as_of) = planted();
    // S13's deadline lies after its quarter: a quarterly run as of the
    // quarter's end judges it before the deadline.
    let only: BTreeSet<String> = p
        .program
        .rules
        .iter()
        .filter(|r| {
            r.every
                .is_some_and(|e| matches!(e.unit, PeriodUnit::Month | PeriodUnit::Quarter))
        })
        .filter(|r| r.id != "S13")
        .map(|r| r.id.clone())
        .collect();
    assert!(only.len() > 10, "{only:?}");
    let main = run(&p, &full_range, &full_as_of, &only);
    let mut differences = Vec::new();
    let mut compared = 0;
    for (y, q, end) in [
        (2020, 1, "2020-03-31"),
        (2020, 2, "2020-06-30"),
        (2020, 3, "2020-09-30"),
        (2020, 4, "2020-12-31"),
        (2021, 1, "2021-03-31"),
        (2021, 2, "2021-06-30"),
        (2021, 3, "2021-09-30"),
    ] {
        let quarter = run(&p, &format!("{y}-Q{q}"), end, &only);
        for (key, o) in &quarter {
            compared += 1;
            match main.get(key) {
                Some(m) if m.status == o.status => {}
                Some(m) => differences.push(format!(
                    "{key:?}: {} in {y}-Q{q}, {} in the main run",
                    o.status.as_str(),
                    m.status.as_str()
                )),
                None => differences.push(format!("{key:?}: only in {y}-Q{q}")),
            }
        }
    }
    assert!(compared > 1000, "{compared}");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

fn cli(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("xuncha runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

/// What a user sees for the README's command: the quarterly run of 2021-Q3.
#[test]
fn the_quarterly_run_of_2021_q3() {
    let (stdout, stderr) = cli(&[
        "run",
        PROJECT,
        "--period",
        "2021-Q3",
        "--as-of",
        "2021-09-30",
        "--color",
        "never",
    ]);
    insta::assert_snapshot!("run_2021_q3_stdout", stdout);
    assert!(
        stderr.lines().count() < 2000,
        "{} lines of diagnostics",
        stderr.lines().count()
    );
    insta::assert_snapshot!("run_2021_q3_stderr", stderr);
}

/// docs/writing-rules.md walks through S01's violation on the sample: the
/// record it quotes is the one planted.
#[test]
fn the_guide_quotes_the_planted_s01_violation() {
    let (cases, _, _) = planted();
    let case = cases
        .iter()
        .find(|c| c.id == "S01/D07/2020")
        .expect("the guide's case is planted");
    let guide = std::fs::read_to_string("docs/writing-rules.md").expect("the guide");
    for key in &case.evidence {
        assert!(
            guide.contains(&format!("count activities a = 1: {key} (")),
            "docs/writing-rules.md quotes another record than {key}"
        );
    }
    assert!(!case.evidence.is_empty());
}
