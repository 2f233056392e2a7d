//! `xuncha fmt`: rule files in one canonical layout, every comment kept.
//! Formatting is idempotent, and the formatted text parses to the same
//! syntax tree as the original (spans aside).

mod comments;
mod diff;
mod doc;
mod expr;
mod layout;

pub use comments::{scan as comments, Comment};
pub use diff::unified;

use crate::source::FileId;
use crate::syntax::{ast, parse_file, SyntaxError};

/// The canonical layout of a rule file's text; `file` names it in a syntax
/// error. Line breaks are `\n`, and the text ends with one.
pub fn format(file: FileId, text: &str) -> Result<String, SyntaxError> {
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n");
        &normalised
    } else {
        text
    };
    let tree = parse_file(file, text)?;
    Ok(layout::layout(&tree, text))
}

/// The canonical layout of a syntax tree without its source: no comments,
/// no blank lines between clauses.
pub fn print(file: &ast::File) -> String {
    layout::layout(file, "")
}
