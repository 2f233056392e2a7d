//! The rule test runner behind `xuncha test`: every test block evaluates
//! its one rule over its own records and compares the outcomes with what
//! it expects. A failure is a diagnostic on the `expect` line; a rule's
//! coverage is whether a passing test shows it passing and violated.

mod compare;
mod fixture;

use std::fmt::Write as _;

use rayon::prelude::*;

use crate::calendar::Calendar;
use crate::check::ir::CheckedTest;
use crate::check::{Checked, Program};
use crate::data::LoadDiagnostic;
use crate::diagnostic::{self, Diagnostic, Style};
use crate::eval::{self, Status, World};
use crate::source::SourceMap;

/// The result of one test.
#[derive(Debug)]
pub struct TestResult {
    pub name: String,
    pub rule: String,
    /// Failed expectations, evaluation errors and problems with the test.
    pub failures: Vec<Diagnostic>,
    /// Problems of the test's data, as the loader reports them.
    pub data_problems: Vec<LoadDiagnostic>,
    /// The statuses of the expectations that held.
    pub held: Vec<Status>,
}

impl TestResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.data_problems.is_empty()
    }
}

/// The results of every test, in the order of the files and the tests in
/// them, and the rules' coverage.
#[derive(Debug)]
pub struct TestRun {
    pub results: Vec<TestResult>,
    pub coverage: Vec<RuleCoverage>,
}

impl TestRun {
    pub fn passed(&self) -> bool {
        self.results.iter().all(TestResult::passed)
    }

    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| !r.passed()).count()
    }

    /// The rules without a passing case or without a violating one.
    pub fn uncovered(&self) -> impl Iterator<Item = &RuleCoverage> {
        self.coverage.iter().filter(|c| !c.complete())
    }
}

/// Whether a rule is shown passing and violated by a test that passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCoverage {
    pub rule: String,
    pub passing: bool,
    pub violating: bool,
}

impl RuleCoverage {
    pub fn complete(&self) -> bool {
        self.passing && self.violating
    }
}

/// Runs every test of `checked`, in parallel.
pub fn run(checked: &Checked, calendar: &Calendar) -> TestRun {
    let results: Vec<TestResult> = checked
        .tests
        .par_iter()
        .map(|test| run_test(&checked.program, test, calendar))
        .collect();
    let coverage = checked
        .program
        .rules
        .iter()
        .map(|rule| {
            let shown = |status: Status| {
                results
                    .iter()
                    .any(|r| r.rule == rule.id && r.passed() && r.held.contains(&status))
            };
            RuleCoverage {
                rule: rule.id.clone(),
                passing: shown(Status::Pass),
                violating: shown(Status::Violation),
            }
        })
        .collect();
    TestRun { results, coverage }
}

/// Runs one test: builds its database, evaluates its rule over its period
/// as of its date, and compares each expectation.
fn run_test(program: &Program, test: &CheckedTest, calendar: &Calendar) -> TestResult {
    let mut result = TestResult {
        name: test.name.clone(),
        rule: test.rule.clone(),
        failures: Vec::new(),
        data_problems: Vec::new(),
        held: Vec::new(),
    };
    let Some(rule) = program.rules.iter().find(|r| r.id == test.rule) else {
        return result;
    };
    let single = Program {
        schema: program.schema.clone(),
        rules: vec![rule.clone()],
        waivers: Vec::new(),
    };
    let db = match fixture::database(&single, test, calendar) {
        Ok(db) => db,
        Err(fixture::FixtureError::Test(d)) => {
            result.failures.push(d);
            return result;
        }
        Err(fixture::FixtureError::Data(problems)) => {
            result.data_problems = problems;
            return result;
        }
    };
    let world = World {
        schema: &single.schema,
        db: &db,
        calendar,
    };
    let evaluation = eval::evaluate(&world, &single, &test.range, test.as_of);
    for failure in &evaluation.errors {
        let subject = if failure.subject.is_empty() {
            String::new()
        } else {
            format!(" for {}", failure.subject)
        };
        result.failures.push(
            Diagnostic::error(
                "xuncha::test::evaluation-failed",
                format!(
                    "test \"{}\": rule {}{subject} in {} could not be evaluated",
                    test.name, failure.rule, failure.period
                ),
            )
            .with_label(test.span, "this test")
            .with_help(failure.message.clone()),
        );
    }
    for expected in &test.expects {
        match compare::compare(&world, &single, test, expected, &evaluation.outcomes) {
            Ok(()) => result.held.push(expected.status),
            Err(d) => result.failures.push(d),
        }
    }
    result
}

/// The run as people read it: a line per test, then each failure, then a
/// summary and, with `coverage`, the rules not fully covered.
pub fn render(run: &TestRun, sources: &SourceMap, style: Style, coverage: bool) -> String {
    let mut out = render_results(run);
    out.push_str(&render_failures(run, sources, style));
    out.push('\n');
    out.push_str(&render_summary(run));
    if coverage {
        out.push_str(&render_coverage(run));
    }
    out
}

/// A line per test: its rule, its name and whether it passed.
pub fn render_results(run: &TestRun) -> String {
    let mut out = String::new();
    for result in &run.results {
        let verdict = if result.passed() { "ok" } else { "FAILED" };
        let _ = writeln!(
            out,
            "test {} \"{}\" ... {verdict}",
            result.rule, result.name
        );
    }
    out
}

/// The diagnostics of the failed tests, each after a blank line.
pub fn render_failures(run: &TestRun, sources: &SourceMap, style: Style) -> String {
    let mut out = String::new();
    for result in run.results.iter().filter(|r| !r.passed()) {
        for d in &result.failures {
            out.push('\n');
            out.push_str(&diagnostic::render(d, sources, style));
        }
        for d in &result.data_problems {
            out.push('\n');
            out.push_str(&diagnostic::render_report(d, style));
        }
    }
    out
}

/// `12 tests: 11 passed, 1 failed`
pub fn render_summary(run: &TestRun) -> String {
    let failed = run.failed();
    let tests = if run.results.len() == 1 {
        "test"
    } else {
        "tests"
    };
    format!(
        "{} {tests}: {} passed, {failed} failed\n",
        run.results.len(),
        run.results.len() - failed
    )
}

/// The rules without a passing case or a violating case.
pub fn render_coverage(run: &TestRun) -> String {
    let mut out = String::new();
    let complete = run.coverage.iter().filter(|c| c.complete()).count();
    let _ = writeln!(
        out,
        "coverage: {complete} of {} rules have a passing and a violating case",
        run.coverage.len()
    );
    for c in run.uncovered() {
        let missing = match (c.passing, c.violating) {
            (false, false) => "no passing case, no violating case",
            (false, true) => "no passing case",
            _ => "no violating case",
        };
        let _ = writeln!(out, "  {}: {missing}", c.rule);
    }
    out
}
