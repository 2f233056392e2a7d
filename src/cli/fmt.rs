//! `xuncha fmt`: write rule files in the canonical layout, or with
//! `--check` say which files are not, with a diff.

use std::path::PathBuf;

use xuncha::diagnostic::{self, Diagnostic, Style};
use xuncha::fmt;
use xuncha::rulefiles;
use xuncha::source::SourceMap;

use super::{exit, rule_paths};

/// Formats the rule files of `paths` (default: the current folder). With
/// `check`, nothing is written: exit 1 when a file would change, printing
/// the diff. Exit 2 when a file cannot be read, parsed or written.
pub fn run(paths: &[PathBuf], check: bool, style: Style) -> u8 {
    let files = match rulefiles::collect(&rule_paths(paths)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::INPUT;
        }
    };
    let mut sources = SourceMap::default();
    let mut failed = false;
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for path in &files {
        let (file, original) = match rulefiles::read_one(&mut sources, path) {
            Ok(read) => read,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        let formatted = match fmt::format(file, &sources.get(file).text) {
            Ok(text) => text,
            Err(e) => {
                eprint!(
                    "{}",
                    diagnostic::render(&Diagnostic::from(e), &sources, style)
                );
                failed = true;
                continue;
            }
        };
        if original == formatted {
            unchanged += 1;
            continue;
        }
        changed.push(path.display().to_string());
        if check {
            let name = path.display().to_string();
            let old = original.replace("\r\n", "\n");
            print!("{}", fmt::unified(&name, &old, &formatted, 3));
        } else if let Err(e) = std::fs::write(path, &formatted) {
            eprintln!("error: cannot write {}: {e}", path.display());
            failed = true;
        }
    }
    if check {
        for name in &changed {
            eprintln!("would reformat {name}");
        }
        eprintln!(
            "{} would be reformatted, {unchanged} already formatted",
            count_files(changed.len())
        );
        if !changed.is_empty() {
            eprintln!("run `xuncha fmt` on them to write the canonical layout");
        }
    } else {
        for name in &changed {
            eprintln!("formatted {name}");
        }
        eprintln!(
            "{} formatted, {unchanged} already formatted",
            count_files(changed.len())
        );
    }
    if failed {
        exit::INPUT
    } else if check && !changed.is_empty() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn count_files(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}
