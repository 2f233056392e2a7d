//! `xuncha check`: report every problem in a set of rule files.

use std::path::PathBuf;
use std::time::Instant;

use xuncha::check::check_files;
use xuncha::diagnostic::{self, Style};
use xuncha::rulefiles;
use xuncha::source::SourceMap;

use super::{exit, Format};

pub fn run(paths: &[PathBuf], format: Format, style: Style) -> u8 {
    let started = Instant::now();
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut sources = SourceMap::default();
    let files = match rulefiles::collect(&paths).and_then(|f| rulefiles::read(&mut sources, &f)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::INPUT;
        }
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
