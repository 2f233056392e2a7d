//! The report of one run as data: what `report.json` holds (version 1,
//! documented in `docs/report-json.md`) and what every other format is
//! rendered from. Every field is always present (`null` or `[]` when
//! empty), and every list is in a fixed order, so that the same run gives
//! the same bytes.

use serde::{Deserialize, Serialize};

// Reports write statuses and severities as the evaluator and the rule files
// name them.
pub use crate::eval::Status;
pub use crate::syntax::ast::Severity;

/// The version of the `report.json` format.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    /// The name of the project folder.
    pub project: String,
    /// The evaluated range.
    pub range: Span,
    pub as_of: String,
    /// `--rule` and `--unit` narrowing the run; empty lists when not narrowed.
    pub filters: Filters,
    pub totals: Counts,
    /// Every rule evaluated, in the order of the rule files.
    pub rules: Vec<RuleInfo>,
    pub load: Load,
    /// Every outcome: by rule (in `rules` order), period, then subject.
    pub outcomes: Vec<OutcomeInfo>,
    /// Outcomes that could not be computed.
    pub errors: Vec<ErrorInfo>,
    /// Every waiver of the rules, in the order of the rule files, with
    /// what became of it.
    #[serde(default)]
    pub waivers: Vec<WaiverInfo>,
    /// The change since the baseline run (`run --baseline`), or `null`.
    pub changes: Option<super::diff::Changes>,
    /// The runs before this one, as far as the baseline knew them.
    pub history: super::diff::History,
}

/// A waiver and its fate in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaiverInfo {
    pub id: String,
    pub rule: String,
    /// The units it covers; empty for a rule without `each`.
    pub units: Vec<String>,
    /// The days it covers.
    pub days: Span,
    pub reason: String,
    /// The approving authority or document.
    pub approved: String,
    /// The last day it is in force.
    pub expires: String,
    /// `applied`, `expired`, `matches-nothing` or `out-of-range`.
    pub state: String,
    /// How many outcomes it turned to `waived`.
    pub waived: usize,
}

/// A span of days with its label: `2021-Q3`, 2021-07-01 .. 2021-09-30.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub label: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub rules: Vec<String>,
    pub units: Vec<String>,
}

/// Outcomes by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub outcomes: usize,
    pub pass: usize,
    pub violation: usize,
    pub pending: usize,
    pub waived: usize,
    #[serde(rename = "n/a")]
    pub not_applicable: usize,
}

impl Counts {
    pub fn add(&mut self, status: Status) {
        self.outcomes += 1;
        *self.get_mut(status) += 1;
    }

    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Pass => self.pass,
            Status::Violation => self.violation,
            Status::Pending => self.pending,
            Status::Waived => self.waived,
            Status::NotApplicable => self.not_applicable,
        }
    }

    fn get_mut(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Pass => &mut self.pass,
            Status::Violation => &mut self.violation,
            Status::Pending => &mut self.pending,
            Status::Waived => &mut self.waived,
            Status::NotApplicable => &mut self.not_applicable,
        }
    }
}

/// A rule's metadata and its outcome counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub cite: Option<String>,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub owner: Option<String>,
    /// The period grid as written in the rule (`month over 6 months`), or
    /// `null` for a rule judged once over the whole range.
    pub every: Option<String>,
    /// `rules.xc:66`, relative to the project folder.
    pub source: Option<String>,
    pub totals: Counts,
}

/// What was read: records per dataset, and every rejected record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Load {
    pub datasets: Vec<DatasetLoad>,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetLoad {
    pub name: String,
    /// The data file, relative to the project folder; `null` for built-in
    /// datasets.
    pub file: Option<String>,
    pub read: usize,
    pub loaded: usize,
    pub rejected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub dataset: String,
    pub file: String,
    pub line: u32,
    pub reason: String,
}

/// One (rule, subject, period) and its status, with the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeInfo {
    pub rule: String,
    pub severity: Severity,
    /// The unit the outcome is reported under: the outermost subject's key,
    /// or `(全局)` for rules without `each`.
    pub unit: String,
    pub unit_name: Option<String>,
    /// The `each` variables' values, outermost first.
    pub subject: Vec<SubjectInfo>,
    pub period: Span,
    pub status: Status,
    pub found: Option<String>,
    pub required: Option<String>,
    /// The day the requirement had to be met by, where it names one.
    #[serde(default)]
    pub deadline: Option<String>,
    pub message: Option<String>,
    pub evidence: Vec<EvidenceGroup>,
    pub notes: Vec<String>,
    /// The record the outcome is about (the innermost subject), if any.
    pub record: Option<RecordInfo>,
}

impl OutcomeInfo {
    /// What a reader is told besides the values and the evidence: the
    /// deadline (unless the requirement already reads "by" it), then the
    /// notes.
    pub fn details(&self) -> Vec<String> {
        let stated = |d: &String| {
            self.required
                .as_deref()
                .is_some_and(|r| r.ends_with(d.as_str()))
        };
        let deadline = self
            .deadline
            .as_ref()
            .filter(|d| !stated(d))
            .map(|d| format!("deadline {d}"));
        deadline
            .into_iter()
            .chain(self.notes.iter().cloned())
            .collect()
    }

    /// The subject's keys: the identity of the outcome within its rule and
    /// period.
    pub fn subject_keys(&self) -> Vec<String> {
        self.subject.iter().map(|s| s.key.clone()).collect()
    }

    /// `D07` or `D07 / 2021-春节`.
    pub fn subject_line(&self) -> String {
        if self.subject.is_empty() {
            return self.unit.clone();
        }
        self.subject_keys().join(" / ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectInfo {
    pub var: String,
    pub dataset: Option<String>,
    pub key: String,
    pub name: Option<String>,
    /// The record's `@time` date, for records of a timed dataset.
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceGroup {
    pub label: String,
    pub total: usize,
    /// The first records (up to the evaluator's limit); `total` counts all.
    pub records: Vec<RecordInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordInfo {
    pub dataset: String,
    pub key: String,
    pub date: Option<String>,
    pub file: Option<String>,
    pub line: Option<u32>,
}

impl RecordInfo {
    /// `A0412 (2020-05-12)`
    pub fn short(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({d})", self.key),
            None => self.key.clone(),
        }
    }

    /// `activities.csv:12`, when known.
    pub fn location(&self) -> Option<String> {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => Some(format!("{f}:{l}")),
            (Some(f), None) => Some(f.clone()),
            _ => None,
        }
    }
}

/// An outcome that could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    pub rule: String,
    pub subject: String,
    pub period: String,
    pub message: String,
}
