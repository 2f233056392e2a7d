//! The rule library's own tests (rules/tests/*.xc): `xuncha test rules/`
//! passes, and every rule of rules/ has a passing and a violating case.

use std::path::PathBuf;

use xuncha::calendar::Calendar;
use xuncha::check::check_files;
use xuncha::diagnostic::{self, Style};
use xuncha::rulefiles;
use xuncha::source::SourceMap;
use xuncha::testing;

#[test]
fn the_library_tests_pass_and_cover_every_rule() {
    let rules = PathBuf::from("rules");
    let files = rulefiles::collect(&[rules]).expect("rules/ can be listed");
    assert!(
        files.iter().any(|f| f.starts_with("rules/tests")),
        "no tests under rules/tests"
    );
    let mut sources = SourceMap::default();
    let ids = rulefiles::read(&mut sources, &files).expect("the rule files can be read");
    let checked = check_files(&mut sources, &ids);
    let problems: String = checked
        .diagnostics
        .iter()
        .map(|d| diagnostic::render(d, &sources, Style::PLAIN))
        .collect();
    assert!(checked.diagnostics.is_empty(), "{problems}");
    let run = testing::run(&checked, Calendar::builtin());
    let report = testing::render(&run, &sources, Style::PLAIN, true);
    assert!(run.passed(), "{report}");
    let uncovered: Vec<&str> = run.uncovered().map(|c| c.rule.as_str()).collect();
    assert!(
        uncovered.is_empty(),
        "rules without a passing and a violating case: {uncovered:?}\n{report}"
    );
    assert_eq!(run.coverage.len(), checked.program.rules.len());
}
