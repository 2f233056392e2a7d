//! `xuncha run --out`: every report format of the evaluator's test project,
//! snapshotted; the same run twice gives the same bytes; the HTML page
//! needs nothing from the network.

use std::path::{Path, PathBuf};
use std::process::Command;

const KINDS: &str = "tests/fixtures/eval/kinds";
const FILES: [&str; 4] = ["summary.md", "report.json", "report.html", "junit.xml"];

/// A fresh folder under Cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs `xuncha` in `cwd`; returns the exit code and stderr.
fn xuncha_in(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("xuncha runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The four files of the kinds project for 2021, as of the year's end.
fn kinds_reports(out: &Path, project: &str, cwd: &Path) -> Vec<String> {
    let (code, stderr) = xuncha_in(
        cwd,
        &[
            "run",
            project,
            "--period",
            "2021",
            "--as-of",
            "2021-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "error-severity violations exit 1\n{stderr}");
    assert!(stderr.contains("wrote "), "{stderr}");
    FILES
        .iter()
        .map(|f| std::fs::read_to_string(out.join("2021").join(f)).expect(f))
        .collect()
}

#[test]
fn every_format_of_the_kinds_project() {
    let out = scratch("report-formats");
    let files = kinds_reports(&out, KINDS, manifest());
    for (name, text) in FILES.iter().zip(&files) {
        insta::assert_snapshot!(format!("kinds_{name}"), text);
    }
}

#[test]
fn the_same_run_gives_the_same_bytes_wherever_it_is_started() {
    let first = kinds_reports(&scratch("report-determinism-a"), KINDS, manifest());
    // from another folder, with the project as an absolute path
    let absolute = manifest().join(KINDS);
    let second = kinds_reports(
        &scratch("report-determinism-b"),
        absolute.to_str().unwrap(),
        Path::new(env!("CARGO_TARGET_TMPDIR")),
    );
    for ((name, a), b) in FILES.iter().zip(&first).zip(&second) {
        assert!(a == b, "{name} differs between two runs");
    }
    // and no path of the machine leaks into a report
    let root = manifest().to_str().unwrap();
    for (name, text) in FILES.iter().zip(&first) {
        assert!(!text.contains(root), "{name} names {root}");
        assert!(
            !text.contains("tests/fixtures"),
            "{name} names the fixture path"
        );
    }
}

#[test]
fn the_html_page_is_self_contained() {
    let out = scratch("report-selfcontained");
    let html = &kinds_reports(&out, KINDS, manifest())[2];
    for needle in [
        "http://", "https://", "src=", "<link", "@import", "url(", "<script",
    ] {
        assert!(!html.contains(needle), "report.html contains `{needle}`");
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        html.contains("\"Noto Sans CJK SC\""),
        "font stack for fonts-noto-cjk"
    );
}

#[test]
fn report_json_reads_back_as_the_same_report() {
    let out = scratch("report-roundtrip");
    let json = &kinds_reports(&out, KINDS, manifest())[1];
    let report = xuncha::report::read(&out.join("2021")).expect("report.json reads");
    assert_eq!(report.version, xuncha::report::VERSION);
    assert_eq!(&xuncha::report::to_json(&report), json);
    assert_eq!(report.outcomes.len(), report.totals.outcomes);
    // every outcome's rule is described, in rule-file order
    let rules: Vec<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(&rules[..4], ["S01", "M1", "W1", "L1"]);
    for o in &report.outcomes {
        assert!(rules.contains(&o.rule.as_str()), "{}", o.rule);
    }
    let counted: usize = report.rules.iter().map(|r| r.totals.outcomes).sum();
    assert_eq!(counted, report.outcomes.len());
}
