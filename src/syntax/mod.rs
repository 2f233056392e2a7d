//! The rule language's front end: source text to syntax tree.

pub mod ast;
mod error;
mod failure;
mod parser;

pub use error::SyntaxError;
pub use parser::parse_file;
