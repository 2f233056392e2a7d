//! xuncha: a rule-based compliance checker.

pub mod check;
pub mod diagnostic;
pub mod rulefiles;
pub mod schema;
pub mod source;
pub mod syntax;
