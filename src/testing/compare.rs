//! Expected outcomes against actual ones, and the diagnostic of each
//! mismatch: what was expected, what came out and why.

use crate::check::ir::{CheckedTest, Expectation};
use crate::check::Program;
use crate::diagnostic::Diagnostic;
use crate::eval::{self, Outcome, Status, World};

/// How many other outcomes a "no such outcome" failure lists.
const LISTED: usize = 8;

/// Whether the outcome meets the expectation; if not, the diagnostic.
pub fn compare(
    world: &World,
    program: &Program,
    test: &CheckedTest,
    expected: &Expectation,
    outcomes: &[Outcome],
) -> Result<(), Diagnostic> {
    let subject = expected.subject_line();
    let Some(actual) = outcomes
        .iter()
        .find(|o| o.subject_line() == subject && o.period == expected.period)
    else {
        return Err(no_outcome(test, expected, outcomes));
    };
    let status_holds = actual.status == expected.status;
    let found_holds = match &expected.found {
        None => true,
        Some(want) => actual.found.as_deref().is_some_and(|f| same_value(want, f)),
    };
    if status_holds && found_holds {
        return Ok(());
    }
    // A passing outcome carries no evidence: explain it in full.
    let detailed = if actual.status == Status::Pass {
        eval::explain_outcome(
            world,
            program,
            &test.rule,
            &subject,
            &expected.period,
            &test.range,
            test.as_of,
        )
        .ok()
        .flatten()
    } else {
        None
    };
    let shown = detailed.as_ref().unwrap_or(actual);
    let want = describe(expected.status, expected.found.as_deref());
    let failing = matches!(actual.status, Status::Violation | Status::Pending);
    let got_found = if failing || expected.found.is_some() {
        actual.found.as_deref()
    } else {
        None
    };
    let got = describe(actual.status, got_found);
    let message = format!(
        "test \"{}\": expected {} {} {want}, got {got}",
        test.name,
        subject_words(&subject),
        expected.period
    );
    let label = if status_holds {
        format!(
            "expected found {}, the rule found {}",
            value(expected.found.as_deref().unwrap_or("?")),
            actual.found.as_deref().map_or("nothing".to_owned(), value)
        )
    } else {
        format!(
            "expected {}, got {}",
            expected.status.as_str(),
            actual.status.as_str()
        )
    };
    Err(Diagnostic::error("xuncha::test::failed", message)
        .with_label(expected.span, label)
        .with_help(explanation(shown)))
}

/// `violation found 1`, `violation found "not done"`, `pass`
fn describe(status: Status, found: Option<&str>) -> String {
    match found {
        Some(f) => format!("{} found {}", status.as_str(), value(f)),
        None => status.as_str().to_owned(),
    }
}

/// A value found as an `expect` writes it: in quotes when it has spaces.
fn value(v: &str) -> String {
    if v.is_empty() || v.contains(char::is_whitespace) {
        format!("{v:?}")
    } else {
        v.to_owned()
    }
}

fn subject_words(subject: &str) -> String {
    if subject == "(全局)" {
        "the organisation".to_owned()
    } else {
        subject.to_owned()
    }
}

/// The value found as the test writes it against the value as the outcome
/// writes it: equal text, or equal numbers (`0.5` and `50%` both match
/// `0.5 (50.0%)`).
fn same_value(want: &str, found: &str) -> bool {
    if want == found {
        return true;
    }
    let leading = found.split(" (").next().unwrap_or(found);
    if want == leading {
        return true;
    }
    match (number(want), number(leading)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        _ => false,
    }
}

fn number(text: &str) -> Option<f64> {
    match text.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().ok().map(|p| p / 100.0),
        None => text.trim().parse().ok(),
    }
}

/// What the outcome says: the value found and required, the records
/// behind it, its notes.
fn explanation(outcome: &Outcome) -> String {
    let mut lines = Vec::new();
    match (&outcome.found, &outcome.required) {
        (Some(f), Some(r)) => lines.push(format!("the rule found {f}, required {r}")),
        (Some(f), None) => lines.push(format!("the rule found {f}")),
        _ => {}
    }
    if let Some(m) = &outcome.message {
        lines.push(format!("message: {m}"));
    }
    lines.extend(outcome.evidence.iter().map(|group| group.line()));
    lines.extend(outcome.notes.iter().cloned());
    if lines.is_empty() {
        lines.push(format!(
            "{} {} is {}",
            subject_words(&outcome.subject_line()),
            outcome.period,
            outcome.status.as_str()
        ));
    }
    lines.join("\n")
}

fn no_outcome(test: &CheckedTest, expected: &Expectation, outcomes: &[Outcome]) -> Diagnostic {
    let subject = expected.subject_line();
    let message = format!(
        "test \"{}\": rule {} has no outcome for {} in {}",
        test.name,
        test.rule,
        subject_words(&subject),
        expected.period
    );
    let help = if outcomes.is_empty() {
        "the rule judged nothing: check that the records fall in its scope (its `each … where`) and in the test's period".to_owned()
    } else {
        let mut listed: Vec<String> = outcomes
            .iter()
            .take(LISTED)
            .map(|o| format!("{} {} {}", o.subject_line(), o.period, o.status.as_str()))
            .collect();
        if outcomes.len() > LISTED {
            listed.push(format!("and {} more", outcomes.len() - LISTED));
        }
        format!("its outcomes are: {}", listed.join(", "))
    };
    Diagnostic::error("xuncha::test::no-outcome", message)
        .with_label(expected.span, "no such outcome")
        .with_help(help)
}
