//! The rule language's front end: source text to syntax tree.

pub mod ast;
mod blocks;
mod error;
mod failure;
mod parser;

pub use error::SyntaxError;
pub(crate) use parser::StringLiterals;
pub use parser::{is_bare_key, is_bare_value, is_plain_name, parse_file};
