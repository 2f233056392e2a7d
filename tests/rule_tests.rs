//! `xuncha test`: test blocks run against their rule, on fixtures under
//! tests/fixtures/ruletest (`rules.xc` with `pass/` must pass; each file of
//! `fail/` holds deliberately wrong expectations, whose failure diagnostics
//! are snapshotted), and the checker's diagnostics on malformed test blocks.

use std::path::Path;

use xuncha::calendar::Calendar;
use xuncha::check::{check_files, Checked};
use xuncha::diagnostic::{self, Style};
use xuncha::source::SourceMap;
use xuncha::testing;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const FIXTURES: &str = "tests/fixtures/ruletest";

/// Reads and checks files named relative to the crate root, under those
/// names, so that snapshots do not depend on where the crate lives.
fn check(paths: &[&str]) -> (SourceMap, Checked) {
    let mut sources = SourceMap::default();
    let files: Vec<_> = paths
        .iter()
        .map(|rel| {
            let text = std::fs::read_to_string(Path::new(MANIFEST_DIR).join(rel))
                .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
            sources.add(*rel, &text)
        })
        .collect();
    let checked = check_files(&mut sources, &files);
    (sources, checked)
}

fn rendered_diagnostics(sources: &SourceMap, checked: &Checked) -> String {
    checked
        .diagnostics
        .iter()
        .map(|d| diagnostic::render(d, sources, Style::PLAIN))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(MANIFEST_DIR).join(FIXTURES).join(dir))
            .expect("the fixture folder exists")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".xc"))
            .map(|name| format!("{FIXTURES}/{dir}/{name}"))
            .collect();
    files.sort();
    files
}

#[test]
fn passing_tests_pass_and_cover_their_rules() {
    let mut paths = vec![format!("{FIXTURES}/rules.xc")];
    paths.extend(fixture_files("pass"));
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (sources, checked) = check(&paths);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        rendered_diagnostics(&sources, &checked)
    );
    let run = testing::run(&checked, Calendar::builtin());
    let report = testing::render(&run, &sources, Style::PLAIN, true);
    assert!(run.passed(), "{report}");
    assert!(run.results.len() >= 4, "{report}");
    for rule in ["S01", "D1", "Q1"] {
        let c = run.coverage.iter().find(|c| c.rule == rule).unwrap();
        assert!(c.complete(), "{rule}: {c:?}\n{report}");
    }
}

#[test]
fn wrong_expectations_fail_with_readable_diagnostics() {
    for file in fixture_files("fail") {
        let rules = format!("{FIXTURES}/rules.xc");
        let (sources, checked) = check(&[&rules, &file]);
        assert!(
            checked.diagnostics.is_empty(),
            "{}",
            rendered_diagnostics(&sources, &checked)
        );
        let run = testing::run(&checked, Calendar::builtin());
        assert!(!run.passed(), "{file} should fail");
        let report = testing::render(&run, &sources, Style::PLAIN, false);
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("fail_{name}"), report);
    }
}

#[test]
fn malformed_tests_are_reported_by_the_checker() {
    let mut checked_any = false;
    for file in fixture_files("err") {
        let rules = format!("{FIXTURES}/rules.xc");
        let (sources, checked) = check(&[&rules, &file]);
        assert!(checked.has_errors(), "{file} should not check");
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(
            format!("err_{name}"),
            rendered_diagnostics(&sources, &checked)
        );
        checked_any = true;
    }
    assert!(checked_any);
}

mod mangled {
    //! Test blocks with a character deleted or inserted: checking them and
    //! running what checks never panics.

    use proptest::prelude::*;
    use proptest::test_runner::Config;

    use xuncha::calendar::Calendar;
    use xuncha::check::check_files;
    use xuncha::source::SourceMap;
    use xuncha::testing;

    const RULES: &str = include_str!("fixtures/ruletest/rules.xc");
    const TESTS: &str = include_str!("fixtures/ruletest/pass/kinds.xc");
    const INSERTED: &[&str] = &[
        ",", "\"", "{", "}", "\n", " ", "#", "D0", "2021", "-", "/", "é", "；",
    ];

    fn check_and_run(tests: &str) {
        let mut sources = SourceMap::default();
        let rules = sources.add("tests/fixtures/ruletest/rules.xc", RULES);
        let file = sources.add("tests/fixtures/ruletest/pass/mangled.xc", tests);
        let checked = check_files(&mut sources, &[rules, file]);
        if !checked.has_errors() {
            let run = testing::run(&checked, Calendar::builtin());
            let _ = testing::render(&run, &sources, xuncha::diagnostic::Style::PLAIN, true);
        }
    }

    proptest! {
        #![proptest_config(Config { cases: 64, failure_persistence: None, ..Config::default() })]

        #[test]
        fn a_deleted_character_never_panics(at in 0usize..TESTS.len()) {
            let mut text = TESTS.to_owned();
            if text.is_char_boundary(at) {
                text.remove(at);
            }
            check_and_run(&text);
        }

        #[test]
        fn an_inserted_token_never_panics(at in 0usize..TESTS.len(), token in prop::sample::select(INSERTED)) {
            let mut text = TESTS.to_owned();
            if text.is_char_boundary(at) {
                text.insert_str(at, token);
            }
            check_and_run(&text);
        }
    }
}
