//! `xuncha run` end to end: the design's S01 over five departments.

use std::process::Command;

/// The exit code, stdout and stderr of `xuncha ARGS`.
fn xuncha_text(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args(args)
        .output()
        .expect("xuncha runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// The exit code, stdout as JSON (null if it is not) and stderr.
fn xuncha(args: &[&str]) -> (i32, serde_json::Value, String) {
    let (code, stdout, stderr) = xuncha_text(args);
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (code, json, stderr)
}

#[test]
fn s01_judges_every_department_including_those_without_records() {
    let (code, json, stderr) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021",
        "--as-of",
        "2021-12-31",
        "--rule",
        "S01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "error-severity violations exit 1\n{stderr}");
    let verdicts: Vec<(String, String)> = json["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| {
            (
                o["subject"][0]["key"].as_str().unwrap().to_owned(),
                o["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("D01", "pass"),
        ("D02", "violation"),
        ("D03", "violation"),
        ("D04", "n/a"),
        ("D05", "n/a"),
    ];
    assert_eq!(
        verdicts,
        expected.map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    // The violation names the rule, the value found and the records behind it.
    assert!(stderr.contains("found 1, required >= 2"), "{stderr}");
    assert!(stderr.contains("A03 (2021-06-01)"), "{stderr}");
    assert!(stderr.contains("巡察整改通报 二(三)4.(1) 二"), "{stderr}");
}

#[test]
fn a_run_without_violations_exits_zero_and_bad_periods_exit_two() {
    let (code, _, stderr) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021-Q1",
        "--rule",
        "M1",
        "--unit",
        "B01",
        "--as-of",
        "2021-02-28",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = xuncha(&["run", "tests/fixtures/eval/kinds", "--period", "2021-13"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a period"), "{stderr}");
}

#[test]
fn a_mistyped_project_path_is_an_error_not_the_project_above_it() {
    let (code, _, stderr) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds/no-such.toml",
        "--period",
        "2021",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no such file or folder"), "{stderr}");
    let (code, _, _) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds/no-such-folder",
        "--period",
        "2021",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn explain_shows_every_record_behind_one_outcome() {
    let (code, _, _) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021",
        "--as-of",
        "2021-12-31",
        "--explain",
        "S01",
        "D01",
        "2021",
    ]);
    assert_eq!(code, 0);
    let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args([
            "run",
            "tests/fixtures/eval/kinds",
            "--period",
            "2021",
            "--as-of",
            "2021-12-31",
        ])
        .args(["--explain", "S01", "D01", "2021"])
        .output()
        .expect("xuncha runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("scope: org = D01 办公室"), "{text}");
    assert!(
        text.contains("A01 (2021-03-10)  tests/fixtures/eval/kinds/activities.csv:2"),
        "{text}"
    );
    assert!(text.contains("A02 (2021-09-20)"), "{text}");
    assert!(text.contains("status: pass"), "{text}");
    let (code, _, stderr) = xuncha(&[
        "run",
        "tests/fixtures/eval/kinds",
        "--period",
        "2021",
        "--explain",
        "S01",
        "D99",
        "2021",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("has no outcome for `D99`"), "{stderr}");
}

/// The JSON on stdout is laid out exactly as serde_json pretty-prints the
/// value it holds, with outcomes and without.
#[test]
fn json_output_is_serde_jsons_pretty_layout() {
    for unit in [None, Some("NOPE")] {
        let mut args = vec![
            "run",
            "tests/fixtures/eval/kinds",
            "--period",
            "2021",
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ];
        args.extend(unit.map(|u| ["--unit", u]).into_iter().flatten());
        let (_, stdout, _) = xuncha_text(&args);
        let value: serde_json::Value = serde_json::from_str(&stdout).expect("json");
        assert_eq!(
            value["outcomes"].as_array().is_some_and(|o| o.is_empty()),
            unit.is_some()
        );
        let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(stdout, expected);
    }
}
