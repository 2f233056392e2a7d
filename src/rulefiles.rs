//! Finding and reading rule files.

use std::path::{Path, PathBuf};

use crate::source::{FileId, SourceMap};

/// The extension of rule files.
pub const EXTENSION: &str = "xc";

/// The rule files named by `paths`: files as given, folders searched
/// recursively for `*.xc`, each folder's files in name order.
pub fn collect(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out)?;
        } else {
            // Reading it reports a missing file with its name.
            std::fs::metadata(path).map_err(|e| with_path(e, path))?;
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| with_path(e, dir))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == EXTENSION) {
            out.push(entry);
        }
    }
    Ok(())
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Reads rule files into `sources`. A file that is not UTF-8 is an error
/// naming the file.
pub fn read(sources: &mut SourceMap, files: &[PathBuf]) -> std::io::Result<Vec<FileId>> {
    files
        .iter()
        .map(|path| read_one(sources, path).map(|(id, _)| id))
        .collect()
}

/// Reads one rule file into `sources`, and gives its text also as written
/// (with a byte-order mark and `\r\n`, which `sources` leaves out).
pub fn read_one(sources: &mut SourceMap, path: &Path) -> std::io::Result<(FileId, String)> {
    let bytes = std::fs::read(path).map_err(|e| with_path(e, path))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{}: not UTF-8 text (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let without_mark = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let id = sources.add(path.display().to_string(), without_mark);
    Ok((id, text))
}
