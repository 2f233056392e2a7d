//! Diagnostics of the rule front end (`xuncha check`), tested on fixtures:
//!
//! - `tests/fixtures/check/err/*.xc`: one mistake each (the `three_mistakes*`
//!   files have three independent ones, all reported in one run; a syntax
//!   error stops the parse of its file, so those three are semantic); every
//!   diagnostic is rendered as miette's plain report and snapshotted.
//! - `tests/fixtures/check/ok/*.xc`: valid files using every construct;
//!   they must check without a single diagnostic.
//! - `tests/fixtures/check/cross_file/`: files checked together.
//! - `tests/fixtures/check/known_bugs/` (absent while no bug is known):
//!   inputs on which the front end is known to be wrong. They are checked
//!   for the invariants only (no panic, spans inside the file); an
//!   `#[ignore]`d `bug_*` test states the right behaviour, and once the bug
//!   is fixed the test runs and the fixture moves to `err/`. The `bug_*`
//!   tests at the end are such tests, kept as regression tests.
//!
//! Columns count characters, as `SourceFile::line_col` does, in the JSON
//! output and in the `file:line:column` header of the rendered report.

use std::path::{Path, PathBuf};
use std::process::Command;

use xuncha::check::check_files;
use xuncha::diagnostic::{self, Diagnostic, Style};
use xuncha::source::{SourceMap, Span};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The path as written from the crate root, with `/` separators, so that
/// snapshots do not depend on where the crate is checked out.
fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(MANIFEST_DIR).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(MANIFEST_DIR).join(rel)
}

/// Checks the files together, as `xuncha check a.xc b.xc` does.
fn check(paths: &[PathBuf]) -> (SourceMap, Vec<Diagnostic>) {
    let mut sources = SourceMap::default();
    let files: Vec<_> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            sources.add(relative(path), &text)
        })
        .collect();
    let checked = check_files(&mut sources, &files);
    (sources, checked.diagnostics)
}

fn check_one(rel: &str) -> (SourceMap, Vec<Diagnostic>) {
    check(&[fixture(rel)])
}

fn render_all(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| diagnostic::render(d, sources, Style::PLAIN))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text a span covers.
fn span_text(sources: &SourceMap, span: Span) -> &str {
    &sources.get(span.file).text[span.start as usize..span.end as usize]
}

/// The invariants every diagnostic keeps: at least one label, every span
/// inside its file and on character boundaries.
fn assert_spans_valid(sources: &SourceMap, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(!d.labels.is_empty(), "no label on {d:?}");
        for label in &d.labels {
            let text = &sources.get(label.span.file).text;
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            assert!(start <= end && end <= text.len(), "span out of file: {d:?}");
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "span not on char boundaries: {d:?}"
            );
        }
    }
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xc"))
        .collect();
    files.sort();
    files
}

// ------------------------------------------------------------------ err

#[test]
fn err_diagnostics() {
    insta::glob!("fixtures/check/err/*.xc", |path| {
        let (sources, diagnostics) = check(&[path.to_path_buf()]);
        assert!(
            !diagnostics.is_empty(),
            "{} has no diagnostic",
            relative(path)
        );
        assert_spans_valid(&sources, &diagnostics);
        insta::assert_snapshot!(render_all(&sources, &diagnostics));
    });
}

#[test]
fn err_fixtures_are_enough() {
    let count = files_in("tests/fixtures/check/err").len();
    assert!(count >= 35, "only {count} malformed fixtures");
}

/// Each fixture states its mistake on its first line, for the reader of
/// the snapshots.
#[test]
fn err_fixtures_say_what_is_wrong() {
    for path in files_in("tests/fixtures/check/err") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# "),
            "{} does not start with a comment saying what is wrong",
            relative(&path)
        );
    }
}

/// The primary label of each diagnostic: code, line, column (characters)
/// and the text under it.
fn positions(rel: &str) -> Vec<(&'static str, usize, usize, String)> {
    let (sources, diagnostics) = check_one(rel);
    diagnostics
        .iter()
        .map(|d| {
            let span = d.primary_span().expect("a primary label");
            let (line, col) = sources.get(span.file).line_col(span.start as usize);
            (d.code, line, col, span_text(&sources, span).to_owned())
        })
        .collect()
}

fn owned(
    expected: &[(&'static str, usize, usize, &str)],
) -> Vec<(&'static str, usize, usize, String)> {
    expected
        .iter()
        .map(|&(code, line, col, text)| (code, line, col, text.to_owned()))
        .collect()
}

#[test]
fn three_mistakes_are_all_reported_with_their_positions() {
    assert_eq!(
        positions("tests/fixtures/check/err/three_mistakes.xc"),
        owned(&[
            // `会.类形` after Chinese text: column 45 in characters (byte 63).
            ("xuncha::check::unknown-field", 18, 45, "类形"),
            ("xuncha::check::type-mismatch", 23, 11, "会.日期 >= 2021"),
            ("xuncha::check::unknown-name", 28, 11, "部们"),
        ])
    );
    assert_eq!(
        positions("tests/fixtures/check/err/three_mistakes_schema.xc"),
        owned(&[
            ("xuncha::check::bad-key", 3, 15, "?"),
            ("xuncha::check::unknown-dataset", 5, 11, "支布"),
            ("xuncha::check::duplicate-field", 12, 3, "名称"),
        ])
    );
    assert_eq!(
        positions("tests/fixtures/check/err/three_mistakes_rules.xc"),
        owned(&[
            ("xuncha::check::type-mismatch", 15, 15, "over 6 quarters"),
            ("xuncha::check::type-mismatch", 21, 15, "p.member"),
            ("xuncha::check::no-time-field", 26, 33, "in period"),
        ])
    );
}

#[test]
fn three_mistakes_get_suggestions() {
    let (_, diagnostics) = check_one("tests/fixtures/check/err/three_mistakes.xc");
    let help: Vec<_> = diagnostics.iter().map(|d| d.help.as_deref()).collect();
    assert_eq!(help[0], Some("did you mean `类型`?"));
    assert_eq!(help[2], Some("did you mean `部门`?"));
    let (_, diagnostics) = check_one("tests/fixtures/check/err/three_mistakes_schema.xc");
    assert_eq!(diagnostics[1].help.as_deref(), Some("did you mean `支部`?"));
}

#[test]
fn json_diagnostics() {
    let (sources, diagnostics) = check_one("tests/fixtures/check/err/three_mistakes.xc");
    let json: Vec<_> = diagnostics
        .iter()
        .map(|d| diagnostic::to_json(d, &sources))
        .collect();
    insta::assert_json_snapshot!(json);
}

#[test]
fn warnings_alone_are_not_errors() {
    let (_, diagnostics) = check_one("tests/fixtures/check/err/unused_each.xc");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, "xuncha::check::unused-variable");
    assert!(!diagnostics[0].is_error());
}

/// Two files checked together share one namespace of datasets and rules.
#[test]
fn files_checked_together_see_each_other() {
    let (_, diagnostics) = check(&[
        fixture("tests/fixtures/check/cross_file/duplicate_rule_a.xc"),
        fixture("tests/fixtures/check/cross_file/duplicate_rule_b.xc"),
    ]);
    // `orgs` from the first file resolves in the second; only the id clashes.
    let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["xuncha::check::duplicate-rule"]);
}

/// A syntax error in one file does not stop the others from being checked.
#[test]
fn a_syntax_error_does_not_hide_other_files() {
    let (sources, diagnostics) = check(&[
        fixture("tests/fixtures/check/err/syntax_bad_date.xc"),
        fixture("tests/fixtures/check/err/unknown_field_typo.xc"),
    ]);
    let found: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| {
            let file = d.primary_span().unwrap().file;
            (d.code, sources.get(file).name.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "xuncha::syntax::bad-date",
                "tests/fixtures/check/err/syntax_bad_date.xc"
            ),
            (
                "xuncha::check::unknown-field",
                "tests/fixtures/check/err/unknown_field_typo.xc"
            ),
        ]
    );
}

// ------------------------------------------------------------------- ok

#[test]
fn ok_files_check_clean() {
    let files = files_in("tests/fixtures/check/ok");
    assert!(files.len() >= 5, "too few valid fixtures");
    for path in files {
        let (sources, diagnostics) = check(std::slice::from_ref(&path));
        assert!(
            diagnostics.is_empty(),
            "{} should check clean:\n{}",
            relative(&path),
            render_all(&sources, &diagnostics)
        );
    }
}

// ------------------------------------------------------------------ CLI

fn xuncha(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .args(args)
        .current_dir(MANIFEST_DIR)
        .env("NO_COLOR", "1")
        .output()
        .expect("the xuncha binary runs")
}

#[test]
fn cli_exit_codes() {
    let ok = xuncha(&["check", "tests/fixtures/check/ok/meetings.xc"]);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");

    let err = xuncha(&["check", "tests/fixtures/check/err/unknown_field_typo.xc"]);
    assert_eq!(err.status.code(), Some(1), "{err:?}");
    let stderr = String::from_utf8_lossy(&err.stderr);
    assert!(stderr.contains("xuncha::check::unknown-field"), "{stderr}");
    assert!(stderr.contains("did you mean `org`?"), "{stderr}");
    assert!(
        stderr.contains("tests/fixtures/check/err/unknown_field_typo.xc"),
        "{stderr}"
    );

    let warning = xuncha(&["check", "tests/fixtures/check/err/unused_each.xc"]);
    assert_eq!(warning.status.code(), Some(0), "{warning:?}");

    let missing = xuncha(&["check", "tests/fixtures/check/no-such-file.xc"]);
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("no-such-file.xc"), "{stderr}");
}

/// A folder is searched for `*.xc`; its files form one program (the
/// schema in one file, the rules in another).
#[test]
fn cli_checks_a_folder() {
    let out = xuncha(&["check", "tests/fixtures/check/project"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("checked 1 rules in 2 files"), "{stderr}");
}

#[test]
fn cli_json_format() {
    let out = xuncha(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/err/three_mistakes.xc",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let positions: Vec<(String, u64, u64)> = json
        .as_array()
        .expect("an array of diagnostics")
        .iter()
        .map(|d| {
            let label = &d["labels"][0];
            (
                d["code"].as_str().unwrap().to_owned(),
                label["line"].as_u64().unwrap(),
                label["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        positions,
        [
            ("xuncha::check::unknown-field".to_owned(), 18, 45),
            ("xuncha::check::type-mismatch".to_owned(), 23, 11),
            ("xuncha::check::unknown-name".to_owned(), 28, 11),
        ]
    );
}

// ----------------------------------------------------------- known bugs

/// The known-bug inputs (none while no bug is known) and the files checked
/// together, each a set of files checked in one run.
fn known_bug_inputs() -> Vec<Vec<PathBuf>> {
    let mut inputs: Vec<Vec<PathBuf>> = Vec::new();
    if fixture("tests/fixtures/check/known_bugs").is_dir() {
        inputs.extend(
            files_in("tests/fixtures/check/known_bugs")
                .into_iter()
                .map(|f| vec![f]),
        );
    }
    inputs.push(files_in("tests/fixtures/check/cross_file"));
    inputs
}

/// Wrong as they may be, the known-bug inputs must not panic and must keep
/// their spans inside the file.
#[test]
fn known_bugs_keep_the_invariants() {
    for paths in known_bug_inputs() {
        let (sources, diagnostics) = check(&paths);
        assert!(!diagnostics.is_empty(), "{paths:?}");
        assert_spans_valid(&sources, &diagnostics);
        render_all(&sources, &diagnostics);
    }
}

fn only(rel: &str) -> (SourceMap, Diagnostic) {
    let (sources, mut diagnostics) = check_one(rel);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    (sources, diagnostics.remove(0))
}

#[test]
fn bug_unterminated_string() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_unclosed_string.xc");
    assert_eq!(d.message, "this string is never closed");
    // At the opening quote.
    let span = d.primary_span().unwrap();
    assert_eq!(span_text(&sources, span), "\"");
    assert_eq!(
        sources.get(span.file).line_col(span.start as usize),
        (7, 10)
    );
}

#[test]
fn bug_missing_brackets_are_named() {
    for (file, token) in [
        ("syntax_missing_close_brace.xc", "`}`"),
        ("syntax_missing_open_brace.xc", "`{`"),
        ("syntax_missing_close_paren.xc", "`)`"),
        ("syntax_missing_close_brace_before_rule.xc", "`}`"),
        ("syntax_missing_open_brace_at_end.xc", "`{`"),
    ] {
        let (sources, d) = only(&format!("tests/fixtures/check/err/{file}"));
        assert!(d.message.contains(token), "{file}: {}", d.message);
        // The label is drawn, even at the end of the file.
        let rendered = diagnostic::render(&d, &sources, Style::PLAIN);
        assert!(rendered.contains("╰──"), "{file}:\n{rendered}");
    }
}

#[test]
fn bug_fullwidth_paren_after_keyword() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_fullwidth_paren_after_count.xc");
    assert_eq!(span_text(&sources, d.primary_span().unwrap()), "（");
    assert!(d.help.is_some_and(|h| h.contains("full-width")));
}

#[test]
fn bug_duplicate_builtin_dataset() {
    let (sources, d) = only("tests/fixtures/check/err/duplicate_builtin_dataset.xc");
    let rendered = diagnostic::render(&d, &sources, Style::PLAIN);
    assert!(!rendered.contains("Failed to read"), "{rendered}");
    assert!(d.message.contains("built-in"), "{}", d.message);
}

#[test]
fn bug_duplicate_rule_across_files() {
    let (sources, diagnostics) = check(&[
        fixture("tests/fixtures/check/cross_file/duplicate_rule_a.xc"),
        fixture("tests/fixtures/check/cross_file/duplicate_rule_b.xc"),
    ]);
    let rendered = render_all(&sources, &diagnostics);
    // "first declared here" must be shown in the file that has it.
    assert!(rendered.contains("duplicate_rule_a.xc"), "{rendered}");
    assert!(rendered.contains("duplicate_rule_b.xc"), "{rendered}");
}

#[test]
fn bug_spans_do_not_end_in_whitespace() {
    let mut inputs: Vec<Vec<PathBuf>> = files_in("tests/fixtures/check/err")
        .into_iter()
        .map(|f| vec![f])
        .collect();
    inputs.extend(known_bug_inputs());
    let mut bad = Vec::new();
    for paths in inputs {
        let (sources, diagnostics) = check(&paths);
        for d in &diagnostics {
            for label in &d.labels {
                let text = span_text(&sources, label.span);
                if text != text.trim() {
                    let file = &sources.get(label.span.file).name;
                    bad.push(format!("{file}: {text:?} ({})", label.text));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "labels with surrounding whitespace:\n{}",
        bad.join("\n")
    );
}

#[test]
fn bug_each_after_require_is_one_mistake() {
    let (_, d) = only("tests/fixtures/check/err/each_after_require_used.xc");
    assert_eq!(d.code, "xuncha::check::scope-after-require");
}

#[test]
fn bug_unused_let_help() {
    let (_, d) = only("tests/fixtures/check/err/unused_let.xc");
    let help = d.help.unwrap_or_default();
    assert!(!help.contains("each"), "{help}");
}

#[test]
fn bug_unknown_period_field() {
    let (_, d) = only("tests/fixtures/check/err/unknown_period_field.xc");
    assert!(!d.message.contains("dataset `period`"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `start`?"));
}

#[test]
fn bug_transposition_is_suggested() {
    let (_, d) = only("tests/fixtures/check/err/unknown_field_transposed.xc");
    assert_eq!(d.help.as_deref(), Some("did you mean `name`?"));
}

/// The `file:line:col` header of the rendered report should count
/// characters, like `SourceFile::line_col` and the JSON output.
#[test]
fn bug_rendered_header_counts_characters() {
    for path in files_in("tests/fixtures/check/err") {
        let rel = relative(&path);
        let (sources, diagnostics) = check_one(&rel);
        for d in &diagnostics {
            let span = d.primary_span().unwrap();
            let (line, col) = sources.get(span.file).line_col(span.start as usize);
            let rendered = diagnostic::render(d, &sources, Style::PLAIN);
            let header = format!("[{rel}:{line}:{col}]");
            assert!(rendered.contains(&header), "want {header} in\n{rendered}");
        }
    }
}

/// Every label is drawn under its text, even at the end of a file.
#[test]
fn every_label_is_drawn() {
    for path in files_in("tests/fixtures/check/err") {
        let (sources, diagnostics) = check(std::slice::from_ref(&path));
        for d in &diagnostics {
            let rendered = diagnostic::render(d, &sources, Style::PLAIN);
            for label in &d.labels {
                assert!(
                    rendered.contains(&format!("╰── {}", label.text)),
                    "label {:?} not drawn:\n{rendered}",
                    label.text
                );
            }
        }
    }
}

// ------------------------------------------------------ syntax messages

/// The message of every syntax error fits on a line or so: the expected
/// alternatives are merged ("an operator") rather than listed one by one.
#[test]
fn syntax_messages_are_short() {
    for path in files_in("tests/fixtures/check/err") {
        let (_, diagnostics) = check(std::slice::from_ref(&path));
        for d in diagnostics
            .iter()
            .filter(|d| d.code.starts_with("xuncha::syntax"))
        {
            assert!(
                d.message.chars().count() <= 100,
                "{}: {}",
                relative(&path),
                d.message
            );
        }
    }
}

#[test]
fn double_ampersand_is_quoted_whole() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_double_ampersand.xc");
    assert_eq!(d.message, "expected an operator or `)`, found `&&`");
    assert_eq!(span_text(&sources, d.primary_span().unwrap()), "&&");
    assert_eq!(d.help.as_deref(), Some("write `and`"));
}

#[test]
fn a_keyword_used_as_a_name_is_called_a_keyword() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_keyword_as_name.xc");
    assert_eq!(d.code, "xuncha::syntax::keyword-as-name");
    assert_eq!(d.message, "`period` is a keyword, not a name");
    assert_eq!(span_text(&sources, d.primary_span().unwrap()), "period");
}

#[test]
fn a_misspelt_clause_gets_a_suggestion() {
    let (_, d) = only("tests/fixtures/check/err/syntax_misspelt_clause.xc");
    assert_eq!(d.help.as_deref(), Some("did you mean `require`?"));
}

/// A keyword ends at a word boundary: `eachorg in orgs` is not read as
/// `each org in orgs`.
#[test]
fn a_keyword_run_into_a_name_is_not_a_keyword() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_keyword_run_on.xc");
    assert_eq!(d.code, "xuncha::syntax::unexpected");
    assert_eq!(span_text(&sources, d.primary_span().unwrap()), "eachorg");
    assert_eq!(d.help.as_deref(), Some("put a space after `each`"));
}

#[test]
fn a_bracket_that_closes_nothing_is_said_so() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_extra_close_paren.xc");
    assert_eq!(span_text(&sources, d.primary_span().unwrap()), ")");
    assert_eq!(d.help.as_deref(), Some("this `)` has nothing to close"));
}

/// A bracket left open is shown, with the place where it should close.
#[test]
fn an_unclosed_bracket_is_shown() {
    let (sources, d) = only("tests/fixtures/check/err/syntax_missing_close_paren.xc");
    assert_eq!(d.message, "expected `)`, found `}`");
    let texts: Vec<_> = d
        .labels
        .iter()
        .map(|l| span_text(&sources, l.span))
        .collect();
    assert_eq!(texts, ["}", "("]);
    let (sources, d) = only("tests/fixtures/check/err/syntax_missing_close_brace.xc");
    assert_eq!(d.message, "expected `}`, found the end of the file");
    let span = d.primary_span().unwrap();
    assert_eq!(span_text(&sources, span), "{");
    assert_eq!(
        sources.get(span.file).line_col(span.start as usize),
        (13, 23)
    );
}

// ------------------------------------------------------- check messages

#[test]
fn an_unknown_dataset_without_suggestion_lists_the_datasets() {
    let (_, d) = only("tests/fixtures/check/err/unknown_dataset_no_suggestion.xc");
    assert_eq!(d.code, "xuncha::check::unknown-name");
    assert_eq!(
        d.help.as_deref(),
        Some("the datasets are `orgs` and the built-in `holidays`")
    );
}

#[test]
fn an_optional_key_is_labelled_on_its_question_mark() {
    for file in ["optional_key.xc", "optional_time_field.xc"] {
        let (sources, d) = only(&format!("tests/fixtures/check/err/{file}"));
        assert_eq!(
            span_text(&sources, d.primary_span().unwrap()),
            "?",
            "{file}"
        );
        assert!(d.message.contains("cannot be optional"), "{}", d.message);
    }
}

/// Deeply nested input must be an error, not a stack overflow that aborts
/// the process. Run through the binary so that the abort cannot take the
/// test harness down.
#[test]
fn bug_deep_nesting_does_not_abort() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    for (name, require) in [
        (
            "parens",
            format!("{}true{}", "(".repeat(2000), ")".repeat(2000)),
        ),
        ("sum", format!("1{} > 0", " + 1".repeat(5000))),
        ("not", format!("{}true", "not ".repeat(5000))),
    ] {
        let path = dir.join(format!("deep_{name}.xc"));
        let text = format!(
            "dataset a {{\n  key id: text\n}}\n\nrule X \"t\" {{\n  require {require}\n}}\n"
        );
        std::fs::write(&path, text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
