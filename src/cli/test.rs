//! `xuncha test`: run the test blocks of a set of rule files, each against
//! its rule on its own records, and report every failed expectation.

use std::path::PathBuf;
use std::time::Instant;

use xuncha::calendar::Calendar;
use xuncha::check::check_files;
use xuncha::diagnostic::{self, Style};
use xuncha::source::SourceMap;
use xuncha::testing;

use super::{exit, read_rule_files};

/// Runs the tests of `paths` (default: the current folder). Exit 1 when a
/// test fails, or with `coverage` when a rule lacks a passing or a
/// violating case; 2 when the files cannot be read or do not check.
pub fn run(paths: &[PathBuf], coverage: bool, style: Style) -> u8 {
    let started = Instant::now();
    let mut sources = SourceMap::default();
    let files = match read_rule_files(paths, &mut sources) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let checked = check_files(&mut sources, &files);
    for d in &checked.diagnostics {
        eprint!("{}", diagnostic::render(d, &sources, style));
    }
    if checked.has_errors() {
        eprintln!("the rule files have errors; no test was run");
        return exit::INPUT;
    }
    let run = testing::run(&checked, Calendar::builtin());
    print!("{}", testing::render_results(&run));
    eprint!("{}", testing::render_failures(&run, &sources, style));
    println!();
    print!("{}", testing::render_summary(&run));
    if coverage {
        print!("{}", testing::render_coverage(&run));
    }
    let tests = if run.results.len() == 1 {
        "test"
    } else {
        "tests"
    };
    eprintln!(
        "ran {} {tests} of {} rules in {} files ({} ms)",
        run.results.len(),
        checked.program.rules.len(),
        files.len(),
        started.elapsed().as_millis()
    );
    let uncovered = coverage && run.uncovered().next().is_some();
    if !run.passed() || uncovered {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
