//! Waivers on the sample project: one in force turns a planted violation to
//! waived in the report, an expired one leaves its violation standing and is
//! listed as expired.

use std::path::{Path, PathBuf};
use std::process::Command;

const WAIVERS: &str = r#"
waiver W2021-S20-B07 "第七党支部书记调任，新书记待选举" {
  rule S20
  units B07
  period 2021-Q3
  approved "机关党委〔2021〕12号"
  expires 2021-12-31
}

waiver W2021-S20-B09 "第九党支部书记暂缺" {
  rule S20
  units B09
  period 2021
  approved "机关党委〔2021〕8号"
  expires 2021-06-30
}
"#;

/// The sample project in a folder of its own, with the waivers added.
fn project_with_waivers() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("binhai-waivers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let sample = Path::new("examples/binhai");
    for entry in std::fs::read_dir(sample.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("data").join(path.file_name().unwrap())).unwrap();
    }
    let rules = std::fs::canonicalize("rules").unwrap();
    let project = std::fs::read_to_string(sample.join("xuncha.toml"))
        .unwrap()
        .replace(
            r#"rules = ["../../rules"]"#,
            &format!(
                r#"rules = [{:?}, "waivers.xc"]"#,
                rules.display().to_string()
            ),
        );
    assert!(
        project.contains("waivers.xc"),
        "the sample project names its rules as expected"
    );
    std::fs::write(dir.join("xuncha.toml"), project).unwrap();
    std::fs::write(dir.join("waivers.xc"), WAIVERS).unwrap();
    dir
}

#[test]
fn a_waiver_in_force_waives_a_planted_violation_and_an_expired_one_does_not() {
    let dir = project_with_waivers();
    let out = dir.join("reports");
    let run = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .arg("run")
        .arg(&dir)
        .args([
            "--period",
            "2021-Q3",
            "--as-of",
            "2021-09-30",
            "--quiet",
            "--exit-zero",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("xuncha runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("waiver W2021-S20-B09 of rule S20 expired on 2021-06-30"),
        "{stderr}"
    );

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("2021-Q3/report.json")).unwrap())
            .unwrap();
    let status = |unit: &str| {
        report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["rule"] == "S20" && o["unit"] == unit)
            .map(|o| (o["status"].as_str().unwrap().to_owned(), o["notes"].clone()))
            .unwrap()
    };
    let (b07, notes) = status("B07");
    assert_eq!(b07, "waived");
    assert!(
        notes.to_string().contains("waived by W2021-S20-B07"),
        "{notes}"
    );
    assert_eq!(status("B09").0, "violation");

    let states: Vec<(String, String)> = report["waivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["id"].as_str().unwrap().to_owned(),
                w["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("W2021-S20-B07".to_owned(), "applied".to_owned()),
            ("W2021-S20-B09".to_owned(), "expired".to_owned())
        ]
    );
    let summary = std::fs::read_to_string(out.join("2021-Q3/summary.md")).unwrap();
    assert!(summary.contains("## 豁免 · Waivers (2)"), "{summary}");
}
