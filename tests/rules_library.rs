//! The rule library under `rules/`: every file checks cleanly together (no
//! errors and no warnings), every requirement S01–S32 of the source document
//! has a rule, and every rule carries its title and the clause it cites.

use std::path::PathBuf;

use xuncha::check::{check_files, Checked};
use xuncha::diagnostic::{self, Style};
use xuncha::rulefiles;
use xuncha::source::SourceMap;

fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// Reads and checks every rule file of the library, as `xuncha check rules/`
/// does.
fn check_library() -> (Checked, SourceMap, usize) {
    let files = rulefiles::collect(&[rules_dir()]).expect("rules/ can be listed");
    assert!(!files.is_empty(), "rules/ holds no .xc files");
    let mut sources = SourceMap::default();
    let ids = rulefiles::read(&mut sources, &files).expect("the rule files can be read");
    let checked = check_files(&mut sources, &ids);
    (checked, sources, files.len())
}

#[test]
fn the_library_checks_without_errors_or_warnings() {
    let (checked, sources, files) = check_library();
    if !checked.diagnostics.is_empty() {
        let rendered: String = checked
            .diagnostics
            .iter()
            .map(|d| diagnostic::render(d, &sources, Style::PLAIN))
            .collect();
        panic!(
            "{} problems in the {files} rule files:\n{rendered}",
            checked.diagnostics.len()
        );
    }
}

/// Whether `id` is the rule of requirement `number` or one of its group
/// (`S07`, `S07-党员大会`), and not of another (`S1` is not `S10`).
fn answers(id: &str, requirement: &str) -> bool {
    id == requirement
        || id
            .strip_prefix(requirement)
            .is_some_and(|rest| rest.starts_with(['-', '.']))
}

#[test]
fn every_requirement_s01_to_s32_has_a_rule() {
    let (checked, _, _) = check_library();
    let ids: Vec<&str> = checked
        .program
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let missing: Vec<String> = (1..=32)
        .map(|n| format!("S{n:02}"))
        .filter(|req| !ids.iter().any(|id| answers(id, req)))
        .collect();
    assert!(
        missing.is_empty(),
        "requirements without a rule: {missing:?}\nrules: {ids:?}"
    );
}

#[test]
fn every_rule_has_a_title_a_cite_and_tags() {
    let (checked, _, _) = check_library();
    assert!(!checked.program.rules.is_empty());
    let mut problems = Vec::new();
    for rule in &checked.program.rules {
        if rule.title.trim().is_empty() {
            problems.push(format!("{}: no title", rule.id));
        }
        match &rule.cite {
            None => problems.push(format!("{}: no cite", rule.id)),
            Some(c) if c.trim().is_empty() => problems.push(format!("{}: empty cite", rule.id)),
            Some(c) if rule.id.starts_with('S') && !c.starts_with("巡察整改通报 ") => {
                problems.push(format!("{}: cites {c:?}, not the notice's clause", rule.id))
            }
            Some(_) => {}
        }
        if rule.tags.is_empty() {
            problems.push(format!("{}: no tags", rule.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_ids_are_well_formed() {
    // Duplicate ids are the checker's to report (first test); here: every id
    // is S or R with a two-digit number, optionally followed by `-name`.
    let (checked, _, _) = check_library();
    for rule in &checked.program.rules {
        let id = rule.id.as_str();
        let mut chars = id.chars();
        let well_formed = matches!(chars.next(), Some('S' | 'R'))
            && chars.next().is_some_and(|c| c.is_ascii_digit())
            && chars.next().is_some_and(|c| c.is_ascii_digit())
            && matches!(chars.next(), None | Some('-'));
        assert!(
            well_formed,
            "rule id `{id}` is not S.. or R.. with two digits"
        );
    }
}
