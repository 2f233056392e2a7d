//! Property tests of the rule front end: whatever the input, parsing and
//! checking return diagnostics instead of panicking, every span lies inside
//! its file on character boundaries, rendering works and its header counts
//! columns in characters, and no label of the checker ends in whitespace.
//!
//! Three sources of input: arbitrary text, text built from the tokens of the
//! grammar (inside and outside a valid rule skeleton), and the valid
//! fixtures with a few characters deleted or inserted.
//!
//! Nesting is kept shallow: deep nesting overflows the stack (a known bug,
//! see `bug_deep_nesting_does_not_abort` in `check_diagnostics.rs`), which
//! would abort this whole test binary rather than fail one case.

use proptest::prelude::*;
use proptest::test_runner::Config;

use xuncha::check::check_files;
use xuncha::diagnostic::{self, Style};
use xuncha::source::SourceMap;

/// Parses and checks `text` as one file and checks the invariants.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    let mut sources = SourceMap::default();
    let file = sources.add("fuzz.xc", text);
    let checked = check_files(&mut sources, &[file]);
    for d in &checked.diagnostics {
        prop_assert!(!d.labels.is_empty(), "no label: {:?}", d);
        for label in &d.labels {
            let source = sources.get(label.span.file);
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            prop_assert!(
                start <= end && end <= source.text.len(),
                "span {}..{} outside {} bytes: {:?}",
                start,
                end,
                source.text.len(),
                d
            );
            prop_assert!(
                source.text.is_char_boundary(start) && source.text.is_char_boundary(end),
                "span {}..{} not on char boundaries: {:?}",
                start,
                end,
                d
            );
            let (line, col) = source.line_col(start);
            prop_assert!(line >= 1 && col >= 1);
        }
        let rendered = diagnostic::render(d, &sources, Style::PLAIN);
        prop_assert!(rendered.contains(d.code), "{}", rendered);
        // The header counts characters, as `line_col` does. (miette counts
        // a lone `\r` as a line break in the header but not in the snippet;
        // `SourceMap` normalises `\r\n` only, so such a `\r` is left.)
        let primary = d.labels[0].span;
        if !sources.get(primary.file).text.contains('\r') {
            let (line, col) = sources.get(primary.file).line_col(primary.start as usize);
            let header = format!("[fuzz.xc:{line}:{col}]");
            prop_assert!(
                rendered.contains(&header),
                "want {} in\n{}",
                header,
                rendered
            );
        }
        // A label of the checker never ends in whitespace.
        if d.code.starts_with("xuncha::check") {
            for label in &d.labels {
                let text = &sources.get(label.span.file).text;
                let covered = &text[label.span.start as usize..label.span.end as usize];
                prop_assert!(
                    !covered.ends_with([' ', '\t', '\r', '\n', '\u{3000}']),
                    "label {:?} covers {:?}",
                    label.text,
                    covered
                );
            }
        }
        let _ = serde_json::to_string(&diagnostic::to_json(d, &sources)).unwrap();
    }
    Ok(())
}

/// `cases` per property, unless `PROPTEST_CASES` asks for more (for a
/// longer hunt: `PROPTEST_CASES=100000 cargo test --release --test check_fuzz`).
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        // Failures are reported with their shrunk input; nothing is written
        // next to the tests.
        failure_persistence: None,
        ..Config::default()
    }
}

/// The pieces rule files are made of, including the usual mistakes.
const TOKENS: &[&str] = &[
    // keywords
    "dataset",
    "rule",
    "key",
    "cite",
    "severity",
    "tags",
    "owner",
    "each",
    "every",
    "over",
    "let",
    "require",
    "message",
    "where",
    "in",
    "and",
    "or",
    "not",
    "by",
    "within",
    "before",
    "after",
    "of",
    "count",
    "distinct",
    "for",
    "sum",
    "min",
    "max",
    "exists",
    "any",
    "all",
    "is",
    "missing",
    "present",
    "alive",
    "at",
    "half",
    "period",
    "true",
    "false",
    "workdays",
    "between",
    "partial",
    "least",
    "most",
    "more",
    "less",
    "than",
    "error",
    "warning",
    // types and units
    "text",
    "int",
    "decimal",
    "bool",
    "date",
    "datetime",
    "ref",
    "list",
    "@time",
    "?",
    "..",
    "days",
    "workdays",
    "weeks",
    "months",
    "quarters",
    "years",
    "month",
    "year",
    "quarter",
    "half-year",
    "week",
    // names, Latin and Chinese
    "orgs",
    "org",
    "a",
    "x",
    "activities",
    "holidays",
    "h",
    "name",
    "kind",
    "type",
    "at",
    "start",
    "end",
    "label",
    "单位",
    "部门",
    "会议",
    "会",
    "类型",
    "日期",
    "名称",
    "_",
    "S01",
    "甲-01",
    // operators and punctuation
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "=",
    "+",
    "-",
    "*",
    "/",
    ".",
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "&&",
    "||",
    "!",
    ";",
    "，",
    "（",
    "）",
    "：",
    "\u{3000}",
    // literals
    "\"会议\"",
    "\"\"",
    "\"{org.name}\"",
    "\"{value} / {required}\"",
    "\"{\"",
    "\"\\q\"",
    "\"unclosed",
    "\"a\\\"b\"",
    "“会议”",
    "0",
    "2",
    "30",
    "95%",
    "0.5",
    "66.7",
    "99999999999999999999",
    "2021-03-01",
    "2021-13-01",
    "2021-02-30",
    "30 days",
    "5 workdays",
    // layout
    "\n",
    "\n",
    "  ",
    "# comment\n",
    "\r\n",
    "\t",
];

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(TOKENS),
            prop::sample::select(&[" ", " ", "\n", ""][..]),
        ),
        0..max,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(token, sep)| [token, sep])
            .collect()
    })
}

/// A valid schema and rule skeleton, so that token soup in the `require`
/// or in a `where` reaches the checker.
const SKELETON_HEAD: &str = "\
dataset orgs {
  key id: text
  name: text
  kind: text
  active: date? .. date?
}

dataset activities {
  key id: text
  org: ref orgs
  type: text
  at: date @time
  attendees: list<ref orgs>
  amount: decimal?
}

rule S01 \"规则\" {
  each org in orgs where org.kind == \"department\"
  every month
";

/// Expressions that parse (mostly) but are typed at random, to reach every
/// corner of the checker.
fn expression() -> impl Strategy<Value = String> {
    let atom = prop::sample::select(
        &[
            "org",
            "org.name",
            "org.kind",
            "org.active",
            "org.nosuch",
            "a",
            "a.at",
            "a.org",
            "a.amount",
            "a.attendees",
            "a.type",
            "period",
            "period.start",
            "period.end",
            "period.label",
            "period.nosuch",
            "activities",
            "orgs",
            "holidays",
            "h",
            "h.start",
            "h.workdays",
            "\"x\"",
            "2",
            "95%",
            "0.5",
            "2021-03-01",
            "30 days",
            "5 workdays",
            "true",
            "unknown",
            "会议",
            "org.name.nosuch",
            "[\"a\", \"b\"]",
            "[1, \"b\"]",
        ][..],
    )
    .prop_map(str::to_owned);
    atom.prop_recursive(4, 48, 3, |inner| {
        let op = prop::sample::select(
            &[
                "==",
                "!=",
                "<",
                ">=",
                "and",
                "or",
                "by",
                "in",
                "+",
                "-",
                "*",
                "/",
                "at least",
                "more than",
                "fewer than",
                "alive at",
                "within 3 days before",
                "within 1 year after",
            ][..],
        );
        let source = prop_oneof![
            Just("activities a".to_owned()),
            Just("orgs o in all".to_owned()),
            Just("a.attendees p".to_owned()),
            Just("holidays h".to_owned()),
            inner
                .clone()
                .prop_map(|e| format!("activities a where {e}")),
            inner
                .clone()
                .prop_map(|e| format!("activities a in period where {e}")),
            inner
                .clone()
                .prop_map(|e| format!("orgs o in 2021-01-01 .. {e}")),
            inner.clone().prop_map(|e| format!("{e} x")),
        ];
        prop_oneof![
            inner.clone().prop_map(|e| format!("({e})")),
            (inner.clone(), op, inner.clone()).prop_map(|(l, op, r)| format!("{l} {op} {r}")),
            inner.clone().prop_map(|e| format!("not {e}")),
            inner.clone().prop_map(|e| format!("-{e}")),
            inner.clone().prop_map(|e| format!("half of {e}")),
            inner.clone().prop_map(|e| format!("{e} is missing")),
            inner.clone().prop_map(|e| format!("{e} is present")),
            source.clone().prop_map(|s| format!("count({s})")),
            source.clone().prop_map(|s| format!("exists({s})")),
            (inner.clone(), source.clone()).prop_map(|(e, s)| format!("sum({e} for {s})")),
            (inner.clone(), source.clone()).prop_map(|(e, s)| format!("max({e} for {s})")),
            (inner.clone(), source.clone())
                .prop_map(|(e, s)| format!("count(distinct {e} for {s})")),
            (inner.clone(), inner.clone()).prop_map(|(c, e)| format!("any p in {c} where {e}")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("workdays between {a} and {b}")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("[{a}, {b}]")),
        ]
    })
}

const OK_FIXTURES: &[&str] = &[
    include_str!("fixtures/check/ok/meetings.xc"),
    include_str!("fixtures/check/ok/deadlines.xc"),
    include_str!("fixtures/check/ok/windows.xc"),
    include_str!("fixtures/check/ok/roster.xc"),
    include_str!("fixtures/check/ok/chinese.xc"),
];

#[derive(Debug, Clone)]
enum Edit {
    /// Delete the character at this fraction of the text.
    Delete(f64),
    /// Insert a character at this fraction of the text.
    Insert(f64, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let chars = prop::sample::select(
        &[
            '{', '}', '(', ')', '[', ']', '"', '.', ',', '=', '<', '>', '?', '@', '#', '\n', ' ',
            '-', '%', '\\', 'a', '9', '会', '（', '，',
        ][..],
    );
    prop_oneof![
        (0.0..1.0f64).prop_map(Edit::Delete),
        ((0.0..1.0f64), prop_oneof![chars, any::<char>()]).prop_map(|(at, c)| Edit::Insert(at, c)),
    ]
}

/// The char boundary nearest below `fraction` of the text.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction) as usize;
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = text.to_owned();
    for e in edits {
        match *e {
            Edit::Delete(at) => {
                let at = boundary(&out, at);
                if at < out.len() {
                    out.remove(at);
                }
            }
            Edit::Insert(at, c) => {
                let at = boundary(&out, at);
                out.insert(at, c);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check_text(&text)?;
    }

    #[test]
    fn arbitrary_text_after_a_rule_head(text in "\\PC{0,80}") {
        check_text(&format!("{SKELETON_HEAD}  require {text}\n}}\n"))?;
    }

    #[test]
    fn grammar_tokens(text in token_soup(60)) {
        check_text(&text)?;
    }

    #[test]
    fn grammar_tokens_in_a_require(text in token_soup(25)) {
        check_text(&format!("{SKELETON_HEAD}  require {text}\n}}\n"))?;
    }

    #[test]
    fn grammar_tokens_in_a_filter(text in token_soup(25)) {
        check_text(&format!(
            "{SKELETON_HEAD}  require count(activities a where {text}) >= 2\n  \
             message \"{{org.name}} {{value}}\"\n}}\n"
        ))?;
    }

    #[test]
    fn random_expressions(
        require in expression(),
        filter in expression(),
        value in expression(),
    ) {
        check_text(&format!(
            "{SKELETON_HEAD}  let xs = activities a where {filter}\n  \
             each h in holidays\n  \
             require {require}\n  \
             message \"{{org.name}} {{value}}\"\n}}\n\n\
             rule S02 \"值\" {{\n  require {value}\n}}\n"
        ))?;
    }

    #[test]
    fn mutated_valid_files(
        which in 0..OK_FIXTURES.len(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        check_text(&apply(OK_FIXTURES[which], &edits))?;
    }
}

/// The valid fixtures themselves check clean, so that the mutations above
/// start from files that reach the checker.
#[test]
fn unmutated_fixtures_are_clean() {
    for text in OK_FIXTURES {
        let mut sources = SourceMap::default();
        let file = sources.add("ok.xc", text);
        let checked = check_files(&mut sources, &[file]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    }
}

/// The generated expressions must mostly parse, or `random_expressions`
/// would test only the parser's first error.
#[test]
fn random_expressions_reach_the_checker() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = expression();
    let (mut parsed, mut total, mut clean) = (0, 0, 0);
    for _ in 0..200 {
        let e = strategy.new_tree(&mut runner).unwrap().current();
        let text = format!("{SKELETON_HEAD}  require {e}\n}}\n");
        let mut sources = SourceMap::default();
        let file = sources.add("gen.xc", &text);
        let checked = check_files(&mut sources, &[file]);
        total += 1;
        if checked.diagnostics.is_empty() {
            clean += 1;
        }
        if !checked
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("xuncha::syntax::"))
        {
            parsed += 1;
        }
    }
    eprintln!("{parsed} of {total} generated rules parse, {clean} check clean");
    assert!(parsed * 2 >= total, "only {parsed} of {total} parse");
}
