//! xuncha: a rule-based compliance checker.

pub mod builtin;
pub mod calendar;
pub mod check;
pub mod data;
pub mod diagnostic;
pub mod eval;
pub mod fmt;
pub mod pipeline;
pub mod progress;
pub mod project;
pub mod report;
pub mod rulefiles;
pub mod schema;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod textable;
