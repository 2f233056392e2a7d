//! `xuncha check`: report every problem in a set of rule files.

use std::path::PathBuf;
use std::time::Instant;

use xuncha::check::check_files;
use xuncha::diagnostic::{self, Style};
use xuncha::source::SourceMap;

use super::{exit, read_rule_files, Format};

pub fn run(paths: &[PathBuf], format: Format, style: Style) -> u8 {
    let started = Instant::now();
    let mut sources = SourceMap::default();
    let files = match read_rule_files(paths, &mut sources) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let checked = check_files(&mut sources, &files);
    match format {
        Format::Json => {
            let json: Vec<_> = checked
                .diagnostics
                .iter()
                .map(|d| diagnostic::to_json(d, &sources))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("diagnostics serialise")
            );
        }
        Format::Human => {
            for d in &checked.diagnostics {
                eprint!("{}", diagnostic::render(d, &sources, style));
            }
            let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = checked.diagnostics.len() - errors;
            eprintln!(
                "checked {} rules in {} files: {errors} errors, {warnings} warnings ({} ms)",
                checked.program.rules.len(),
                files.len(),
                started.elapsed().as_millis()
            );
        }
    }
    if checked.has_errors() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
