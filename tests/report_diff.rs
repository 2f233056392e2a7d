//! `xuncha diff` and `run --baseline` over three quarters of a fixture with
//! one unit of each kind of change (tests/fixtures/report/relapse), and
//! the exit codes of `run` with `--fail-on` and `--exit-zero`.

use std::path::{Path, PathBuf};
use std::process::Command;

const RELAPSE: &str = "tests/fixtures/report/relapse";

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Exit code, stdout, stderr.
fn xuncha(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args(args)
        .output()
        .expect("xuncha runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn quarter_end(q: &str) -> &'static str {
    match q {
        "2021-Q1" => "2021-03-31",
        "2021-Q2" => "2021-06-30",
        _ => "2021-09-30",
    }
}

/// Runs a quarter into `out`, with the previous quarter as baseline if given.
fn run_quarter(out: &Path, quarter: &str, baseline: Option<&str>) {
    let out_s = out.to_str().unwrap();
    let mut args = vec![
        "run",
        RELAPSE,
        "--period",
        quarter,
        "--as-of",
        quarter_end(quarter),
        "--out",
        out_s,
    ];
    let base;
    if let Some(b) = baseline {
        base = out.join(b).to_str().unwrap().to_owned();
        args.extend(["--baseline", &base]);
    }
    let (code, _, stderr) = xuncha(&args);
    assert_eq!(code, 1, "{quarter}: violations exit 1\n{stderr}");
}

/// The units of one kind of change, from a `changes` JSON object.
fn units(changes: &serde_json::Value, kind: &str) -> Vec<String> {
    changes[kind]
        .as_array()
        .unwrap_or_else(|| panic!("no `{kind}` in {changes}"))
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["rule"].as_str().unwrap(),
                c["unit"].as_str().unwrap()
            )
        })
        .collect()
}

fn expect_one_of_each(changes: &serde_json::Value) {
    assert_eq!(units(changes, "new"), ["M1 B05"]);
    assert_eq!(units(changes, "relapsed"), ["M1 B02"]);
    assert_eq!(units(changes, "persisting"), ["M1 B03"]);
    assert_eq!(units(changes, "resolved"), ["M1 B04"]);
    assert_eq!(units(changes, "unjudged"), Vec::<String>::new());
    let relapse = &changes["relapsed"][0];
    assert_eq!(relapse["first_violated"], "2021-Q1");
    assert_eq!(relapse["resolved_in"], "2021-Q2");
    assert_eq!(relapse["after_violated"], serde_json::json!(["2021-08"]));
}

#[test]
fn diff_with_history_reports_the_relapse() {
    let out = scratch("report-diff");
    for q in ["2021-Q1", "2021-Q2", "2021-Q3"] {
        run_quarter(&out, q, None);
    }
    let dir = |q: &str| out.join(q).to_str().unwrap().to_owned();
    let json_of = |args: &[&str]| {
        let (code, stdout, stderr) = xuncha(args);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON")
    };
    let q1 = dir("2021-Q1");
    let q2 = format!("{}/report.json", dir("2021-Q2"));
    let q3 = dir("2021-Q3");
    let changes = json_of(&["diff", &q2, &q3, "--history", &q1, "--format", "json"]);
    expect_one_of_each(&changes);

    // Without the history, the relapse cannot be told from a new violation.
    let changes = json_of(&["diff", &q2, &q3, "--format", "json"]);
    assert_eq!(units(&changes, "new"), ["M1 B02", "M1 B05"]);
    assert!(units(&changes, "relapsed").is_empty());

    let (code, text, stderr) = xuncha(&["diff", &q2, &q3, "--history", &q1]);
    assert_eq!(code, 0, "{stderr}");
    let text = text.replace(&out.display().to_string(), "OUT");
    insta::assert_snapshot!("relapse_diff_q2_q3", text);
}

#[test]
fn run_with_baseline_folds_the_change_into_the_reports() {
    let out = scratch("report-baseline");
    run_quarter(&out, "2021-Q1", None);
    run_quarter(&out, "2021-Q2", Some("2021-Q1"));
    run_quarter(&out, "2021-Q3", Some("2021-Q2"));
    let read = |f: &str| std::fs::read_to_string(out.join("2021-Q3").join(f)).expect(f);
    let report: serde_json::Value = serde_json::from_str(&read("report.json")).unwrap();
    // Q3's baseline is Q2 only; Q2's report carried Q1 in its history.
    expect_one_of_each(&report["changes"]);
    assert_eq!(report["changes"]["baseline"]["range"]["label"], "2021-Q2");
    let runs: Vec<&str> = report["history"]["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(runs, ["2021-Q1", "2021-Q2"]);
    // The same as `diff` computes from the files.
    let (_, stdout, _) = xuncha(&[
        "diff",
        out.join("2021-Q2").to_str().unwrap(),
        out.join("2021-Q3").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let diff: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(diff, report["changes"]);

    let summary = read("summary.md");
    assert!(summary.contains("## 与上季度相比 · Since the previous quarter"));
    insta::assert_snapshot!("relapse_q3_summary.md", summary);
    let html = read("report.html");
    assert!(html.contains("<h2>与上季度相比 · Since the previous quarter</h2>"));
    assert!(html.contains("<td class=\"num\" data-change=\"relapsed\">1</td>"));
}

#[test]
fn fail_on_and_exit_zero_set_the_exit_code() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "run",
            "tests/fixtures/eval/kinds",
            "--period",
            "2021-Q3",
            "--as-of",
            "2021-09-30",
        ];
        args.extend(extra);
        xuncha(&args).0
    };
    // L1 is a warning: D01 held two banquets in 2021-Q3.
    assert_eq!(run(&["--rule", "L1"]), 0);
    assert_eq!(run(&["--rule", "L1", "--fail-on", "warning"]), 1);
    assert_eq!(run(&["--rule", "L1", "--fail-on", "info"]), 1);
    assert_eq!(run(&["--rule", "S01", "--rule", "M1"]), 1);
    assert_eq!(run(&["--rule", "M1", "--exit-zero"]), 0);
    // a bad period or an unreadable baseline is always 2
    // --quiet prints neither the summary nor the violations
    let quiet = [
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021",
        "--quiet",
    ];
    let (code, stdout, stderr) = xuncha(&quiet);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (1, "", ""));
    let bad = [
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021-Q5",
        "--exit-zero",
    ];
    assert_eq!(xuncha(&bad).0, 2);
    let out = scratch("report-exit");
    let missing = out.join("nothing-here");
    assert_eq!(
        run(&[
            "--out",
            out.to_str().unwrap(),
            "--baseline",
            missing.to_str().unwrap(),
            "--exit-zero"
        ]),
        2
    );
}

#[test]
fn diff_refuses_files_that_are_not_version_1_reports() {
    let out = scratch("report-version");
    let v2 = out.join("v2.json");
    std::fs::write(&v2, r#"{"version": 2}"#).unwrap();
    let (code, _, stderr) = xuncha(&["diff", v2.to_str().unwrap(), v2.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("report format version 2"), "{stderr}");
    let junk = out.join("junk.json");
    std::fs::write(&junk, "[]").unwrap();
    let (code, _, stderr) = xuncha(&["diff", junk.to_str().unwrap(), v2.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not an xuncha report"), "{stderr}");
}
