//! The committed reports under `reports/` are what the documented commands
//! (reports/README.md, reports/regenerate.sh) produce from the sample
//! project today: the commands run again into a scratch folder, and every
//! file must be byte-identical. Skipped while reports/ holds no reports.

use std::path::Path;
use std::process::Command;

const QUARTERS: [(&str, &str); 3] = [
    ("2021-Q1", "2021-03-31"),
    ("2021-Q2", "2021-06-30"),
    ("2021-Q3", "2021-09-30"),
];
const FILES: [&str; 4] = ["summary.md", "report.json", "report.html", "junit.xml"];

#[test]
fn the_committed_reports_are_what_the_documented_commands_produce() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join("reports");
    if !committed.join("2021-Q1").join("report.json").is_file()
        || !root.join("examples/binhai/xuncha.toml").is_file()
    {
        eprintln!("skipping: no committed reports of examples/binhai under reports/");
        return;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-sample");
    let _ = std::fs::remove_dir_all(&out);
    let mut previous: Option<&str> = None;
    for (quarter, as_of) in QUARTERS {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xuncha"));
        command
            .current_dir(root)
            .args(["run", "examples/binhai", "--period", quarter])
            .args(["--as-of", as_of, "--exit-zero", "--quiet", "--out"])
            .arg(&out);
        if let Some(p) = previous {
            command.arg("--baseline").arg(out.join(p));
        }
        let output = command.output().expect("xuncha runs");
        assert!(
            output.status.success(),
            "{quarter}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        previous = Some(quarter);
    }
    let mut stale = Vec::new();
    for (quarter, _) in QUARTERS {
        for file in FILES {
            let now = std::fs::read_to_string(out.join(quarter).join(file)).expect(file);
            let path = committed.join(quarter).join(file);
            let before = std::fs::read_to_string(&path).unwrap_or_default();
            if now != before {
                let line = now
                    .lines()
                    .zip(before.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| now.lines().count().min(before.lines().count()));
                stale.push(format!("reports/{quarter}/{file} (from line {})", line + 1));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the committed reports are stale; run reports/regenerate.sh, read the \
         difference and commit it:\n  {}",
        stale.join("\n  ")
    );
}
