//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium` package) loads report.html of the kinds project, and the DOM
//! it builds must hold, per rule, one heat-map cell per (unit, period) with
//! the status report.json gives. A screenshot is written next to it for a
//! person to look at.
//!
//! Skipped, with a message, when Chromium is not installed; set
//! XUNCHA_REQUIRE_CHROMIUM=1 (as `.ci/run` does) to make that a failure.
//! XUNCHA_CHROMIUM names another browser binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("XUNCHA_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser"]
                .into_iter()
                .map(move |name| dir.join(name))
        })
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `extra` arguments; returns stdout.
fn chromium(browser: &Path, profile: &Path, page: &Path, extra: &[&str]) -> String {
    let url = format!("file://{}", page.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("reader")
}

/// The attributes of one start tag, `<td class="…" data-unit="…">`.
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(' ').next().unwrap_or("").to_owned();
        let after = &rest[eq + 2..];
        let end = after.find('"').expect("closing quote");
        let value = after[..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        out.insert(name, value);
        rest = &after[end + 1..];
    }
    out
}

/// Every start tag named `name` in `html`, with its attributes.
fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{name} ");
    html.match_indices(&open)
        .map(|(at, _)| {
            let end = html[at..].find('>').expect("tag end");
            attributes(&html[at + open.len() - 1..at + end])
        })
        .collect()
}

/// Status of each (unit, period) cell per rule, as report.json gives it:
/// the weightiest status of the outcomes of the unit in the period.
fn expected_cells(
    report: &serde_json::Value,
) -> BTreeMap<String, BTreeMap<(String, String), String>> {
    let weight = |s: &str| match s {
        "violation" => 4,
        "pending" => 3,
        "waived" => 2,
        "pass" => 1,
        _ => 0,
    };
    let mut out: BTreeMap<String, BTreeMap<(String, String), String>> = BTreeMap::new();
    for o in report["outcomes"].as_array().unwrap() {
        let rule = o["rule"].as_str().unwrap().to_owned();
        let key = (
            o["unit"].as_str().unwrap().to_owned(),
            o["period"]["label"].as_str().unwrap().to_owned(),
        );
        let status = o["status"].as_str().unwrap().to_owned();
        let cell = out
            .entry(rule)
            .or_default()
            .entry(key)
            .or_insert(status.clone());
        if weight(&status) > weight(cell) {
            *cell = status;
        }
    }
    out
}

#[test]
fn the_heat_map_in_chromium_has_one_cell_per_unit_and_period() {
    let Some(browser) = find_chromium() else {
        assert!(
            std::env::var_os("XUNCHA_REQUIRE_CHROMIUM").is_none(),
            "XUNCHA_REQUIRE_CHROMIUM is set but chromium is not installed"
        );
        eprintln!(
            "skipping the Chromium test: chromium is not installed \
             (apt-get install -y chromium fonts-noto-cjk)"
        );
        return;
    };
    let out = scratch("report-chromium");
    let status = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args(["run", "tests/fixtures/eval/kinds", "--period", "2021"])
        .args(["--as-of", "2021-12-31", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("xuncha runs");
    assert_eq!(status.code(), Some(1));
    let page = out.join("2021/report.html");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("2021/report.json")).unwrap())
            .unwrap();

    let dom = chromium(&browser, &out.join("profile-dom"), &page, &["--dump-dom"]);
    assert!(
        dom.contains("巡察报告 · kinds · 2021"),
        "the page loaded:\n{dom:.500}"
    );

    // Split the DOM at each heat map and read its cells. A rule with many
    // units has a second table for those without findings.
    let expected = expected_cells(&report);
    let mut by_rule: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for section in dom.split("<table class=\"heatmap\"").skip(1) {
        let table = &section[..section.find("</table>").expect("table end")];
        let rule = attributes(&table[..table.find('>').unwrap()])["data-rule"].clone();
        by_rule.entry(rule).or_default().extend(tags(table, "td"));
    }
    let mut total = 0;
    for (rule, tds) in &by_rule {
        let mut cells: BTreeMap<(String, String), String> = BTreeMap::new();
        for td in tds {
            assert!(td["class"].starts_with("cell "), "{rule}: {td:?}");
            let key = (td["data-unit"].clone(), td["data-period"].clone());
            let old = cells.insert(key.clone(), td["data-status"].clone());
            assert!(old.is_none(), "{rule}: two cells for {key:?}");
        }
        // one cell per (unit, period): rows × columns, none missing
        let units: std::collections::BTreeSet<_> = cells.keys().map(|k| &k.0).collect();
        let periods: std::collections::BTreeSet<_> = cells.keys().map(|k| &k.1).collect();
        assert_eq!(
            tds.len(),
            units.len() * periods.len(),
            "{rule}: a full grid"
        );
        // cells where a unit has no outcome in the period say so
        cells.retain(|_, status| status != "none");
        assert_eq!(cells, expected[rule], "{rule}: cells and statuses");
        total += tds.len();
    }
    let seen_sorted: Vec<&String> = by_rule.keys().collect();
    let all: Vec<&String> = expected.keys().collect();
    assert_eq!(seen_sorted, all, "a heat map for every rule");
    // Each rule of this project has one `each`: every outcome is one cell.
    assert_eq!(total, report["outcomes"].as_array().unwrap().len());

    // Some cells checked by hand (tests/eval_kinds.rs computed them).
    let cell = |rule: &str, unit: &str, period: &str| {
        dom.contains(&format!(
            "data-unit=\"{unit}\" data-period=\"{period}\" data-status=\"{}\"",
            expected[rule][&(unit.to_owned(), period.to_owned())]
        ))
    };
    assert!(cell("S01", "D02", "2021"));
    assert_eq!(expected["S01"][&("D02".into(), "2021".into())], "violation");
    assert_eq!(expected["S01"][&("D04".into(), "2021".into())], "n/a");
    assert_eq!(
        expected["W1"][&("C01".into(), "2021-W52".into())],
        "pending"
    );
    assert_eq!(expected["M1"][&("B01".into(), "2021-02".into())], "pass");
    assert!(cell("W1", "C01", "2021-W52"));

    // The evidence is there, folded away until asked for.
    assert!(dom.contains("<details><summary>财务处 召开了 1 次</summary>"));

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-kinds.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &browser,
        &out.join("profile-shot"),
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000",
            "--hide-scrollbars",
        ],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 20_000,
        "a screenshot with content: {} ({size} bytes)",
        shot.display()
    );
    eprintln!("screenshot: {}", shot.display());
}
