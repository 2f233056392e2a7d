//! The syntax tree of a rule file. It owns its data and carries a span on
//! every node; spans are ignored when nodes are compared, so that two trees
//! that differ only in layout are equal.

use crate::source::Span;

/// A node with its place in the source.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

/// A name as written, with its span.
pub type Ident = Spanned<String>;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Dataset(DatasetDecl),
    Rule(RuleDecl),
    Test(TestDecl),
    Waiver(WaiverDecl),
}

#[derive(Debug, Clone)]
pub struct DatasetDecl {
    pub name: Ident,
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

impl PartialEq for DatasetDecl {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.fields == other.fields
    }
}

#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub name: Ident,
    /// The type without its `?`.
    pub ty: Spanned<TypeExpr>,
    pub optional: bool,
    /// The `?` that makes the field optional, if written.
    pub optional_mark: Option<Spanned<()>>,
    pub key: bool,
    pub time: bool,
    pub span: Span,
}

impl PartialEq for FieldDecl {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.ty == other.ty
            && self.optional == other.optional
            && self.optional_mark.is_some() == other.optional_mark.is_some()
            && self.key == other.key
            && self.time == other.time
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    Text,
    Int,
    Decimal,
    Bool,
    Date,
    DateTime,
    Ref(Ident),
    List(Box<TypeExpr>),
    Lifetime,
}

/// How grave a violation of a rule is; also as reports write it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Whether a violation of this severity is at least as grave as `bar`.
    pub fn at_least(self, bar: Severity) -> bool {
        self <= bar
    }
}

#[derive(Debug, Clone)]
pub struct RuleDecl {
    pub id: Ident,
    pub title: Spanned<String>,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

impl PartialEq for RuleDecl {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.title == other.title && self.clauses == other.clauses
    }
}

/// One line of a rule's body, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    Cite(Spanned<String>),
    Severity(Spanned<Severity>),
    Tags(Vec<Ident>),
    Owner(Spanned<String>),
    Each(Box<Each>),
    Every(Spanned<Every>),
    Let { name: Ident, value: Expr },
    Require(Expr),
    Message(Spanned<Template>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    pub var: Ident,
    pub collection: Expr,
    pub window: Option<Spanned<Window>>,
    pub filter: Option<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodUnit {
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl PeriodUnit {
    /// The unit as rules write it: `week` … `half-year`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::HalfYear => "half-year",
            PeriodUnit::Year => "year",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Every {
    pub unit: PeriodUnit,
    /// `over N months`: each period covers this span ending with it.
    pub rolling: Option<Spanned<Duration>>,
    /// `partial`: entities alive for part of a period are judged too.
    pub partial: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Day,
    Workday,
    Week,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: i64,
    pub unit: TimeUnit,
}

/// A message with `{path}` placeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    /// A dotted path such as `org.name`; its span covers the path itself.
    Path(Vec<Ident>),
}

pub type Expr = Spanned<ExprKind>;

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Text(String),
    Int(i64),
    Decimal(f64),
    /// A percentage, stored as a fraction (95% is 0.95).
    Percent(f64),
    /// A date as days from the common era (chrono's `num_days_from_ce`).
    Date(i32),
    Bool(bool),
    Duration(Duration),
    List(Vec<Expr>),
    /// The current period of an `every` grid (or the evaluated range).
    Period,
    Name(Ident),
    Field(Box<Expr>, Ident),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `a within 30 days before b`
    Within {
        lhs: Box<Expr>,
        span: Spanned<Duration>,
        direction: Direction,
        rhs: Box<Expr>,
    },
    /// `x is missing` (false) / `x is present` (true)
    Presence {
        expr: Box<Expr>,
        present: bool,
    },
    Aggregate {
        func: AggregateFn,
        value: Option<Box<Expr>>,
        source: Source,
    },
    Quantifier {
        all: bool,
        var: Ident,
        source: Source,
        condition: Box<Expr>,
    },
    WorkdaysBetween(Box<Expr>, Box<Expr>),
    /// A sub-collection named by `let`: records of a collection, filtered.
    Collection(Source),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    HalfOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `x by deadline`
    By,
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    AliveAt,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::By => "by",
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::AliveAt => "alive at",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Before,
    After,
    /// either side
    Of,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateFn {
    Count,
    CountDistinct,
    Exists,
    Sum,
    Min,
    Max,
}

impl AggregateFn {
    pub fn name(self) -> &'static str {
        match self {
            AggregateFn::Count => "count",
            AggregateFn::CountDistinct => "count distinct",
            AggregateFn::Exists => "exists",
            AggregateFn::Sum => "sum",
            AggregateFn::Min => "min",
            AggregateFn::Max => "max",
        }
    }
}

/// The records an aggregate ranges over.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// A dataset name, a list field (`m.attendees`) or a `let` collection.
    pub base: Box<Expr>,
    pub alias: Option<Ident>,
    pub window: Option<Spanned<Window>>,
    pub filter: Option<Box<Expr>>,
}

/// Which records of a timed dataset an aggregate sees.
#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// every record up to the as-of date
    All,
    /// the records of the current period (the default under `every`)
    Period,
    /// records dated from the first date to the second, inclusive
    Range(Box<Expr>, Box<Expr>),
}

/// `test "name" { ... }`: a rule tried on a few records.
#[derive(Debug, Clone)]
pub struct TestDecl {
    pub name: Spanned<String>,
    pub clauses: Vec<TestClause>,
    pub span: Span,
}

impl PartialEq for TestDecl {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.clauses == other.clauses
    }
}

/// One line (or table) of a test's body, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub enum TestClause {
    /// `rule S01`
    Rule(Ident),
    /// `as of 2021-12-31`, as a day number.
    AsOf(Spanned<i32>),
    /// `period 2021-H1`, as written.
    Period(Spanned<String>),
    Records(Records),
    Expect(Expect),
}

impl TestClause {
    /// The span of the clause's content (after its keyword).
    pub fn span(&self) -> Span {
        match self {
            TestClause::Rule(id) => id.span,
            TestClause::AsOf(d) => d.span,
            TestClause::Period(p) => p.span,
            TestClause::Records(r) => r.span,
            TestClause::Expect(e) => e.span,
        }
    }
}

/// `records DATASET { ... }` or `records DATASET from "file"`.
#[derive(Debug, Clone)]
pub struct Records {
    pub dataset: Ident,
    pub source: RecordsSource,
    /// From `records` to the closing `}` or the file name.
    pub span: Span,
}

impl PartialEq for Records {
    fn eq(&self, other: &Self) -> bool {
        self.dataset == other.dataset && self.source == other.source
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RecordsSource {
    /// A data file, relative to the rule file.
    File(Spanned<String>),
    /// Rows written in the rule file: the header row of column names first.
    Table(Vec<Row>),
}

/// One row of an inline table. A cell's value is unquoted and unescaped;
/// an empty cell is a missing value.
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Spanned<String>>,
    pub span: Span,
}

impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.cells == other.cells
    }
}

/// The status of an outcome, as `expect` names it and the JSON output and
/// reports write it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Status {
    #[serde(rename = "pass")]
    Pass,
    #[serde(rename = "violation")]
    Violation,
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "waived")]
    Waived,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Pass,
        Status::Violation,
        Status::Pending,
        Status::Waived,
        Status::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Violation => "violation",
            Status::Pending => "pending",
            Status::Waived => "waived",
            Status::NotApplicable => "n/a",
        }
    }

    /// The Chinese word shown next to the status.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Pass => "符合",
            Status::Violation => "违反",
            Status::Pending => "待定",
            Status::Waived => "豁免",
            Status::NotApplicable => "不适用",
        }
    }

    /// How much a status weighs when several outcomes share one cell: a
    /// violation outweighs everything, n/a nothing.
    pub fn weight(self) -> u8 {
        match self {
            Status::Violation => 4,
            Status::Pending => 3,
            Status::Waived => 2,
            Status::Pass => 1,
            Status::NotApplicable => 0,
        }
    }
}

/// `expect D01 2021 violation found 1`
#[derive(Debug, Clone)]
pub struct Expect {
    /// The keys of the outcome's scope entities, outermost first; empty
    /// for a rule without `each`.
    pub subject: Vec<Spanned<String>>,
    /// The period's label, as written.
    pub period: Spanned<String>,
    pub status: Spanned<Status>,
    /// The value found, as the outcome writes it.
    pub found: Option<Spanned<String>>,
    /// From the first key (or the period) to the end of the clause.
    pub span: Span,
}

impl PartialEq for Expect {
    fn eq(&self, other: &Self) -> bool {
        self.subject == other.subject
            && self.period == other.period
            && self.status == other.status
            && self.found == other.found
    }
}

/// `waiver ID "reason" { ... }`: a documented, expiring exception.
#[derive(Debug, Clone)]
pub struct WaiverDecl {
    pub id: Ident,
    /// Why the rule does not apply.
    pub reason: Spanned<String>,
    pub clauses: Vec<WaiverClause>,
    pub span: Span,
}

impl PartialEq for WaiverDecl {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.reason == other.reason && self.clauses == other.clauses
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum WaiverClause {
    /// `rule S01`
    Rule(Ident),
    /// `units D07, D08`: the keys of the units covered.
    Units(Vec<Spanned<String>>),
    /// `from 2021-01-01 to 2021-06-30`, as day numbers.
    Days {
        from: Spanned<i32>,
        to: Spanned<i32>,
    },
    /// `period 2021-H1`, as written.
    Period(Spanned<String>),
    /// `approved "巡察办〔2021〕3号"`: the approving authority or document.
    Approved(Spanned<String>),
    /// `expires 2021-12-31`, as a day number: the last day in force.
    Expires(Spanned<i32>),
}

impl WaiverClause {
    /// The span of the clause's content (after its keyword).
    pub fn span(&self) -> Span {
        match self {
            WaiverClause::Rule(id) => id.span,
            WaiverClause::Units(keys) => keys[0].span.to(keys[keys.len() - 1].span),
            WaiverClause::Days { from, to } => from.span.to(to.span),
            WaiverClause::Period(p) => p.span,
            WaiverClause::Approved(a) => a.span,
            WaiverClause::Expires(e) => e.span,
        }
    }
}
