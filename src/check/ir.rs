//! Checked rules: names resolved to variable slots, datasets and fields,
//! every expression typed. This is what the evaluator runs.

use std::fmt;
use std::path::PathBuf;

use crate::eval::outcome::Status;
use crate::eval::period::{Day, Period};
use crate::schema::{DatasetId, FieldId, Schema};
use crate::source::Span;
use crate::syntax::ast::{AggregateFn, Direction, PeriodUnit, Severity, TimeUnit};

/// The type of an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Text,
    Int,
    Decimal,
    Bool,
    Date,
    DateTime,
    Duration,
    Period,
    /// One record of a dataset (also what a `ref` field yields).
    Record(DatasetId),
    /// Records of a dataset: a dataset name, or a filtered sub-collection.
    Records(DatasetId),
    List(Box<Ty>),
    Lifetime,
    /// The type of an expression that already has an error; it matches
    /// everything so that one mistake is reported once.
    Error,
}

impl Ty {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Decimal | Ty::Error)
    }

    pub fn is_dated(&self) -> bool {
        matches!(self, Ty::Date | Ty::DateTime | Ty::Error)
    }

    /// How the type reads in a message.
    pub fn describe(&self, schema: &Schema) -> String {
        match self {
            Ty::Text => "text".into(),
            Ty::Int => "int".into(),
            Ty::Decimal => "decimal".into(),
            Ty::Bool => "bool".into(),
            Ty::Date => "date".into(),
            Ty::DateTime => "datetime".into(),
            Ty::Duration => "duration".into(),
            Ty::Period => "period".into(),
            Ty::Record(d) => format!("a record of `{}`", schema.datasets[*d].name),
            Ty::Records(d) => format!("records of `{}`", schema.datasets[*d].name),
            Ty::List(t) => format!("list<{}>", t.describe(schema)),
            Ty::Lifetime => "lifetime".into(),
            Ty::Error => "unknown".into(),
        }
    }
}

/// A variable slot of a rule: `each` variables, `let` names, record names
/// inside aggregates and quantifiers.
pub type VarId = usize;

#[derive(Debug, Clone)]
pub struct Var {
    pub name: String,
    pub ty: Ty,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CheckedRule {
    pub id: String,
    pub title: String,
    pub cite: Option<String>,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub owner: Option<String>,
    pub span: Span,
    pub vars: Vec<Var>,
    /// `each` and `let` steps, outermost first.
    pub steps: Vec<Step>,
    pub every: Option<Every>,
    pub require: Expr,
    pub message: Option<Vec<MessagePart>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every {
    pub unit: PeriodUnit,
    /// The number of `unit`s a rolling window spans (1 without `over`).
    pub span_units: u32,
    pub partial: bool,
}

#[derive(Debug, Clone)]
pub enum Step {
    Each { var: VarId, source: Source },
    Let { var: VarId, value: Expr },
}

#[derive(Debug, Clone)]
pub enum MessagePart {
    Text(String),
    Expr(Expr),
    /// the value the require found
    Value,
    /// the value the require asks for
    Required,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Compare {
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::Eq => "==",
            Compare::Ne => "!=",
            Compare::Lt => "<",
            Compare::Le => "<=",
            Compare::Gt => ">",
            Compare::Ge => ">=",
        }
    }
}

impl fmt::Display for Compare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Text(String),
    Int(i64),
    Decimal(f64),
    Date(i32),
    Bool(bool),
    Duration {
        amount: i64,
        unit: TimeUnit,
    },
    List(Vec<Expr>),
    Period,
    /// A field of the current period: start, end or label.
    PeriodField(PeriodField),
    Var(VarId),
    Field {
        record: Box<Expr>,
        dataset: DatasetId,
        field: FieldId,
    },
    Not(Box<Expr>),
    Neg(Box<Expr>),
    HalfOf(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Compare, Box<Expr>, Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// `x in [..]`, `x in list_field`, `date in period`
    In(Box<Expr>, Box<Expr>),
    AliveAt {
        record: Box<Expr>,
        date: Box<Expr>,
    },
    Within {
        lhs: Box<Expr>,
        amount: i64,
        unit: TimeUnit,
        direction: Direction,
        rhs: Box<Expr>,
    },
    Presence {
        expr: Box<Expr>,
        present: bool,
    },
    /// `date by deadline`: the date is present and on or before the deadline.
    DateBy {
        date: Box<Expr>,
        deadline: Box<Expr>,
    },
    /// `condition by deadline`: the condition holds on the records dated up
    /// to the deadline. Only at the top of a `require`.
    ConditionBy {
        condition: Box<Expr>,
        deadline: Box<Expr>,
    },
    Aggregate {
        func: AggregateFn,
        value: Option<Box<Expr>>,
        source: Box<Source>,
    },
    Quantifier {
        all: bool,
        source: Box<Source>,
        condition: Box<Expr>,
    },
    WorkdaysBetween(Box<Expr>, Box<Expr>),
    Collection(Box<Source>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodField {
    Start,
    End,
    Label,
}

/// Records an aggregate, quantifier, `each` or `let` ranges over.
#[derive(Debug, Clone)]
pub struct Source {
    pub base: SourceBase,
    /// The slot each record is bound to while the filter runs.
    pub var: VarId,
    pub window: TimeWindow,
    pub filter: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum SourceBase {
    Dataset(DatasetId),
    /// A list-valued expression (a list field, a list literal).
    List(Expr),
    /// A collection named by `let`.
    Let(VarId),
}

/// Which records of a timed dataset a source sees, besides the as-of cut.
#[derive(Debug, Clone)]
pub enum TimeWindow {
    /// No restriction: the dataset has no time field, or the filter states
    /// its own condition on it, or the rule said `in all`.
    Unrestricted,
    /// The records of the current period.
    Period,
    /// Records dated between two dates, inclusive.
    Range(Box<Expr>, Box<Expr>),
}

/// A waiver as written in a rule file, checked: a documented, expiring
/// exception that turns the violations it covers into `waived`.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub id: String,
    pub rule: String,
    /// The units it covers (the outermost scope entity's key); empty for a
    /// rule without `each`, which judges the organisation as a whole.
    pub units: Vec<String>,
    /// Where each unit is written, in the order of `units`.
    pub unit_spans: Vec<Span>,
    /// The days it covers: an outcome is covered when its period lies
    /// within them.
    pub from: Day,
    pub to: Day,
    pub reason: String,
    /// The approving authority or document.
    pub approved_by: String,
    /// The last day the waiver is in force.
    pub expires: Day,
    /// The waiver's id in the rule file.
    pub span: Span,
}

/// A test block, checked: the rule it tries, the records it builds, the
/// outcomes it expects.
#[derive(Debug, Clone)]
pub struct CheckedTest {
    pub name: String,
    /// The test's name in the rule file.
    pub span: Span,
    pub rule: String,
    pub range: Period,
    pub as_of: Day,
    /// The datasets the test gives records of; the others are empty.
    pub records: Vec<TestRecords>,
    pub expects: Vec<Expectation>,
}

#[derive(Debug, Clone)]
pub struct TestRecords {
    pub dataset: DatasetId,
    pub data: TestData,
    /// From `records` to the end of the clause.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TestData {
    /// A data file, its path resolved against the rule file's folder.
    File(PathBuf),
    /// Rows written in the rule file, checked against the schema: the
    /// column names of the header, then one row of cells per record (an
    /// empty cell is a missing value).
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// `expect D01 2021 violation found 1`
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The keys of the scope entities, outermost first.
    pub subject: Vec<String>,
    pub period: String,
    pub status: Status,
    pub found: Option<String>,
    /// The whole `expect` clause.
    pub span: Span,
}

impl Expectation {
    /// The scope as an outcome's `subject_line` writes it.
    pub fn subject_line(&self) -> String {
        if self.subject.is_empty() {
            "(全局)".into()
        } else {
            self.subject.join(" / ")
        }
    }
}
