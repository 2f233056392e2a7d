//! The benchmark's agreement check at small sizes (`benches/agree.sh`):
//! on generated projects, xuncha and DuckDB report the same violations for
//! all sixteen rules of the benchmark library over several ranges and as-of
//! dates, and Polars and pandas agree on the three benchmark rules.
//!
//! The script installs its peers from PyPI into `benches/.venv` the first
//! time, so it needs `python3` with `venv` and the network. Without them
//! this test says why and passes, unless `XUNCHA_REQUIRE_AGREE=1` (set by
//! CI) makes that a failure.

use std::path::Path;
use std::process::Command;

fn python_with_venv() -> bool {
    Command::new("python3")
        .args(["-c", "import venv, ensurepip"])
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn xuncha_and_duckdb_report_the_same_violations() {
    if !python_with_venv() {
        let why = "python3 with venv and ensurepip is needed to install DuckDB";
        assert!(std::env::var_os("XUNCHA_REQUIRE_AGREE").is_none(), "{why}");
        eprintln!("skipped: {why}");
        return;
    }
    let xuncha = Path::new(env!("CARGO_BIN_EXE_xuncha"));
    // `cargo test` builds the examples next to the binary's folder.
    let generator = xuncha
        .parent()
        .expect("the binary's folder")
        .join("examples/generate_scale");
    let data = std::env::temp_dir().join(format!("xuncha-agree-{}", std::process::id()));
    let mut script = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/agree.sh"));
    script.env("XUNCHA", xuncha).env("BENCH_DATA", &data);
    if generator.exists() {
        script.env("GENERATOR", &generator);
    }
    let out = script.output().expect("benches/agree.sh runs");
    let _ = std::fs::remove_dir_all(&data);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("xuncha and DuckDB agree on 10 runs"), "{log}");
}
