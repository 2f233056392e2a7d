//! `xuncha fmt` on every rule file of the repository (rules/ and the valid
//! test fixtures of check, fmt, eval, ruletest and waivers): formatting is
//! idempotent, the formatted text parses to the same syntax tree (spans
//! aside), and no comment is lost. The messy fixture's formatted text is
//! snapshotted.

use std::path::{Path, PathBuf};

use xuncha::fmt;
use xuncha::rulefiles;
use xuncha::syntax::parse_file;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn corpus() -> Vec<PathBuf> {
    let roots = [
        "rules",
        "tests/fixtures/check/ok",
        "tests/fixtures/check/cross_file",
        "tests/fixtures/fmt",
        "tests/fixtures/eval",
        "tests/fixtures/ruletest",
        "tests/fixtures/waivers",
    ];
    let dirs: Vec<PathBuf> = roots
        .iter()
        .map(|r| Path::new(MANIFEST_DIR).join(r))
        .collect();
    let files: Vec<PathBuf> = rulefiles::collect(&dirs)
        .expect("the corpus can be listed")
        .into_iter()
        // Files with syntax errors on purpose cannot be formatted.
        .filter(|f| !f.components().any(|c| c.as_os_str() == "err"))
        .collect();
    assert!(files.len() >= 20, "only {} files", files.len());
    files
}

fn comment_texts(text: &str) -> Vec<String> {
    fmt::comments(text).into_iter().map(|c| c.text).collect()
}

/// Formats `text` and checks the three properties; returns the formatted text.
fn check_formatting(name: &str, text: &str) -> String {
    let original = parse_file(0, text).unwrap_or_else(|e| panic!("{name} does not parse: {e:?}"));
    let once = fmt::format(0, text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let reparsed = parse_file(0, &once)
        .unwrap_or_else(|e| panic!("{name} formatted does not parse: {e:?}\n{once}"));
    assert!(
        reparsed == original,
        "{name}: the formatted text parses to another tree\n{once}"
    );
    let twice = fmt::format(0, &once).unwrap();
    assert!(
        twice == once,
        "{name}: formatting is not idempotent\n{}",
        fmt::unified(name, &once, &twice, 2)
    );
    assert_eq!(
        comment_texts(&once),
        comment_texts(text),
        "{name}: comments differ"
    );
    once
}

#[test]
fn every_rule_file_formats_idempotently_keeping_its_meaning_and_comments() {
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        check_formatting(&path.display().to_string(), &text);
    }
}

#[test]
fn a_messy_file_gets_the_canonical_layout() {
    let text = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/fixtures/fmt/messy.xc"))
        .unwrap();
    insta::assert_snapshot!(check_formatting("messy.xc", &text));
}

#[test]
fn windows_line_breaks_format_like_unix_ones() {
    let text = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/fixtures/fmt/messy.xc"))
        .unwrap();
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(
        fmt::format(0, &crlf).unwrap(),
        fmt::format(0, &text).unwrap()
    );
}
