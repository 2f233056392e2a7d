//! Outcomes: the status of one (rule, scope entity, period), with the
//! evidence a reader needs to check it by hand.

use serde::Serialize;

use super::period::{Day, Period};
use crate::check::ir::CheckedRule;
use crate::syntax::ast::Severity;

pub use crate::syntax::ast::Status;

/// A record named in evidence: its dataset, key, date, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRef {
    // Serialised fields in key order (see `Outcome`).
    pub dataset: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl RecordRef {
    /// `A0412 (2020-05-12)`
    pub fn short(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({d})", self.key),
            None => self.key.clone(),
        }
    }
}

/// One `each` variable's value in an outcome's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectPart {
    // Serialised fields in key order (see `Outcome`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub var: String,
    #[serde(skip)]
    pub record: Option<RecordRef>,
}

/// Records behind one value of the evidence (a count, a ratio's part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordGroup {
    // Serialised fields in key order (see `Outcome`).
    /// What the records are, e.g. `count(activities a where …)`.
    pub label: String,
    /// The first few records.
    pub records: Vec<RecordRef>,
    pub total: usize,
}

impl RecordGroup {
    /// `count activities a = 7: A1 (2021-01-04), …, and 2 more`
    pub fn line(&self) -> String {
        let names = self.records.iter().map(RecordRef::short).collect();
        format!(
            "{} = {}: {}",
            self.label,
            self.total,
            listing(names, self.total)
        )
    }
}

/// The names of a group's first records, then "and N more" for the rest of
/// its `total`; "none" for an empty group.
pub fn listing(mut names: Vec<String>, total: usize) -> String {
    if total > names.len() {
        names.push(format!("and {} more", total - names.len()));
    }
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// The JSON output lists an object's keys in sorted order, so the
/// serialised fields of an outcome and of its parts are declared in that
/// order: serde writes them as declared.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The deadline the requirement had to be met by, where it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<RecordGroup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub period: String,
    /// The period's last day.
    #[serde(serialize_with = "serialize_day")]
    pub period_end: Day,
    /// The period's first day.
    #[serde(serialize_with = "serialize_day")]
    pub period_start: Day,
    /// The record the outcome is about, for record-level checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    pub rule: String,
    pub severity: Severity,
    pub status: Status,
    pub subject: Vec<SubjectPart>,
    #[serde(skip)]
    pub rule_index: usize,
}

/// A day as its ISO date, formatted only when it is written.
fn serialize_day<S: serde::Serializer>(day: &Day, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&super::period::to_date(*day))
}

impl Outcome {
    pub fn new(
        rule_index: usize,
        rule: &CheckedRule,
        period: &Period,
        subject: Vec<SubjectPart>,
    ) -> Self {
        let record = subject.last().and_then(|s| s.record.clone());
        Outcome {
            rule_index,
            rule: rule.id.clone(),
            severity: rule.severity,
            period: period.label.clone(),
            period_start: period.start,
            period_end: period.end,
            subject,
            status: Status::Pass,
            found: None,
            required: None,
            evidence: Vec::new(),
            notes: Vec::new(),
            message: None,
            deadline: None,
            record,
        }
    }

    /// The unit an outcome is reported under: the outermost scope entity,
    /// or the whole organisation for rules without `each`.
    pub fn unit(&self) -> &str {
        self.subject.first().map_or("(全局)", |s| s.key.as_str())
    }

    /// The scope as one line: `D07` or `D07 / 2021-春节`.
    pub fn subject_line(&self) -> String {
        if self.subject.is_empty() {
            return "(全局)".into();
        }
        self.subject
            .iter()
            .map(|s| s.key.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}
