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
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatasetDecl {
    pub name: Ident,
    pub fields: Vec<FieldDecl>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    pub name: Ident,
    /// The type without its `?`.
    pub ty: Spanned<TypeExpr>,
    pub optional: bool,
    /// The `?` that makes the field optional, if written.
    pub optional_mark: Option<Spanned<()>>,
    pub key: bool,
    pub time: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleDecl {
    pub id: Ident,
    pub title: Spanned<String>,
    pub clauses: Vec<Clause>,
    pub span: Span,
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
