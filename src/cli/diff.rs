//! `xuncha diff OLD NEW`: the change between two runs' reports.

use std::path::{Path, PathBuf};

use xuncha::report::{self, diff};

use super::{exit, Format};

pub fn run(old: &Path, new: &Path, history: &[PathBuf], format: Format) -> u8 {
    match run_inner(old, new, history, format) {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            eprintln!("error: {message}");
            exit::INPUT
        }
    }
}

fn run_inner(old: &Path, new: &Path, history: &[PathBuf], format: Format) -> Result<(), String> {
    let read = |p: &Path| report::read(p).map_err(|e| e.to_string());
    let (old, new) = (read(old)?, read(new)?);
    let history = history
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    if old.as_of > new.as_of {
        eprintln!(
            "warning: OLD is as of {} and NEW as of {}: the arguments may be swapped",
            old.as_of, new.as_of
        );
    }
    let changes = diff::compare(&old, &new, &history);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&changes).expect("changes serialise")
        ),
        Format::Human => print!("{}", report::changes_to_markdown(&changes, &new)),
    }
    Ok(())
}
