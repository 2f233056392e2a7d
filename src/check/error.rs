//! The checker's diagnostics: one constructor per problem, each with its
//! stable code and its help next to the message.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The closest of `candidates` to `name`, if one is close enough to be a
/// likely typo. Distances count characters, so Chinese names work too.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// `d` with the help "did you mean" a suggestion, or else `otherwise`.
pub(super) fn with_suggestion(
    d: Diagnostic,
    suggestion: Option<&str>,
    otherwise: impl Into<String>,
) -> Diagnostic {
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(otherwise),
    }
}

pub fn unknown_dataset(
    name: &str,
    span: Span,
    suggestion: Option<&str>,
    known: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(
        "xuncha::check::unknown-dataset",
        format!("unknown dataset `{name}`"),
    )
    .with_label(span, "not declared");
    with_suggestion(
        d,
        suggestion,
        format!("the declared datasets are: {}", known.join(", ")),
    )
}

pub fn unknown_name(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        "xuncha::check::unknown-name",
        format!("unknown name `{name}`"),
    )
    .with_label(span, "not a variable, `let` name or dataset");
    with_suggestion(
        d,
        suggestion,
        "names come from `each NAME in ...`, `let NAME = ...`, a record name in an aggregate, or a dataset",
    )
}

/// `owner` is how the thing with fields reads: "dataset `orgs`", "`period`".
pub fn unknown_field(
    owner: &str,
    field: &str,
    span: Span,
    suggestion: Option<&str>,
    known: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(
        "xuncha::check::unknown-field",
        format!("{owner} has no field `{field}`"),
    )
    .with_label(span, "unknown field");
    with_suggestion(
        d,
        suggestion,
        format!("the fields of {owner} are: {}", known.join(", ")),
    )
}

pub fn no_fields(what: &str, field: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::no-such-field",
        format!("{what} has no field `{field}`"),
    )
    .with_label(span, "no such field")
    .with_help("only records (and `period`, with start, end and label) have fields")
}

pub fn type_mismatch(message: String, span: Span, label: String, help: &str) -> Diagnostic {
    Diagnostic::error("xuncha::check::type-mismatch", message)
        .with_label(span, label)
        .with_help(help)
}

pub fn duplicate(
    code: &'static str,
    what: &str,
    name: &str,
    span: Span,
    first: Span,
) -> Diagnostic {
    Diagnostic::error(code, format!("{what} `{name}` is declared twice"))
        .with_label(span, "declared again here")
        .with_label(first, "first declared here")
        .with_help(format!("give each {what} its own name"))
}

/// A user file declares a dataset that is built in.
pub fn builtin_dataset(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::builtin-dataset",
        format!("`{name}` is a built-in dataset and cannot be declared again"),
    )
    .with_label(span, "already built in")
    .with_help(format!(
        "use `{name}` without declaring it, or give your dataset another name"
    ))
}

pub fn unused_variable(name: &str, span: Span, is_each: bool) -> Diagnostic {
    let help = if is_each {
        "use it in the rule, or remove it: an unused `each` multiplies the outcomes without changing them"
    } else {
        "use it in the rule, or remove the `let`"
    };
    Diagnostic::warning(
        "xuncha::check::unused-variable",
        format!("`{name}` is never used"),
    )
    .with_label(span, "declared here")
    .with_help(help)
}

pub fn no_time_field(dataset: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::no-time-field",
        format!(
            "dataset `{dataset}` has no time field, so its records cannot be placed in a period"
        ),
    )
    .with_label(span, "a time window on an untimed dataset")
    .with_help("mark one date field of the dataset with `@time`, or remove the window")
}

pub fn condition_by_not_at_top(span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::misplaced-deadline",
        "a deadline on a condition belongs at the top of a `require`",
    )
    .with_label(span, "`by` on a condition inside another expression")
    .with_help("write `require CONDITION by DEADLINE`, with parentheses around a condition that uses `and` or `or`; inside expressions `by` compares two dates")
}

pub fn missing_require(rule: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::missing-require",
        format!("rule `{rule}` has no `require`"),
    )
    .with_label(span, "this rule")
    .with_help("every rule states what must hold: `require count(...) >= 2`")
}

pub fn extra_clause(what: &str, span: Span, first: Span, help: &str) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::repeated-clause",
        format!("a rule has one `{what}`"),
    )
    .with_label(span, "another one here")
    .with_label(first, "the first one")
    .with_help(help)
}

pub fn scope_after_require(span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::scope-after-require",
        "`each` and `let` come before `require`",
    )
    .with_label(span, "after the require")
    .with_help("a rule reads top to bottom: scope first (`each`, `let`, `every`), then `require`")
}

pub fn not_a_collection(found: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "xuncha::check::not-a-collection",
        format!("expected records or a list, found {found}"),
    )
    .with_label(span, "not a collection")
    .with_help("aggregates and `each` range over a dataset, a list field, or a `let` collection")
}

pub fn schema_problem(
    code: &'static str,
    message: String,
    span: Span,
    label: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::error(code, message)
        .with_label(span, label)
        .with_help(help)
}
