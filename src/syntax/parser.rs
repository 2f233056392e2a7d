//! pest pairs to the syntax tree: one function per grammar rule. Nothing
//! outside this module sees pest types.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;

use super::ast::*;
use super::error::SyntaxError;
use crate::source::{FileId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/xuncha.pest"]
pub(super) struct XunchaParser;

/// Parses one rule file. pest stops at the first syntax error, so a file
/// yields either its tree or one error.
pub fn parse_file(file: FileId, text: &str) -> std::result::Result<File, SyntaxError> {
    check_nesting(file, text)?;
    let mut pairs = XunchaParser::parse(Rule::file, text)
        .map_err(|e| super::failure::diagnose(file, text, e))?;
    let builder = Builder { file };
    let file_pair = pairs.next().expect("the file rule always yields one pair");
    builder.file(file_pair)
}

/// Whether `text` is a name as the grammar reads one (not a keyword).
pub fn is_plain_name(text: &str) -> bool {
    matches_whole(Rule::ident, text)
}

/// Whether `text` can stand unquoted as a record key in `expect` or `units`.
pub fn is_bare_key(text: &str) -> bool {
    matches_whole(Rule::bare_key, text)
}

/// Whether `text` can stand unquoted after `found`.
pub fn is_bare_value(text: &str) -> bool {
    matches_whole(Rule::found_value, text)
}

fn matches_whole(grammar_rule: Rule, text: &str) -> bool {
    XunchaParser::parse(grammar_rule, text)
        .is_ok_and(|mut pairs| pairs.next().is_some_and(|p| p.as_str() == text))
}

/// How deeply brackets may nest, and how many operators may stand in one
/// expression: far beyond any real rule, and low enough that parsing and
/// checking never exhaust the stack.
const MAX_NESTING: usize = 64;
const MAX_OPERATORS: usize = 256;

/// Rejects input nested too deeply to parse safely, before parsing it.
fn check_nesting(file: FileId, text: &str) -> std::result::Result<(), SyntaxError> {
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '+' | '-' | '*' | '/' | '<' | '>' | '=' => operators += 1,
            '\n' if depth <= 1 => operators = 0,
            _ => {}
        }
        let next = &text[i + c.len_utf8()..];
        let logical = ["not ", "and ", "or "].iter().any(|w| next.starts_with(w));
        if c.is_whitespace() && logical {
            operators += 1;
        }
        if depth > MAX_NESTING || operators > MAX_OPERATORS {
            return Err(SyntaxError::too_deep(Span::new(file, i, i + c.len_utf8())));
        }
    }
    Ok(())
}

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::or_op, Assoc::Left))
            .op(Op::infix(Rule::and_op, Assoc::Left))
            .op(Op::prefix(Rule::not_op))
            .op(Op::infix(Rule::eq, Assoc::Left)
                | Op::infix(Rule::by_op, Assoc::Left)
                | Op::infix(Rule::ne, Assoc::Left)
                | Op::infix(Rule::lt, Assoc::Left)
                | Op::infix(Rule::le, Assoc::Left)
                | Op::infix(Rule::gt, Assoc::Left)
                | Op::infix(Rule::ge, Assoc::Left)
                | Op::infix(Rule::at_least, Assoc::Left)
                | Op::infix(Rule::at_most, Assoc::Left)
                | Op::infix(Rule::more_than, Assoc::Left)
                | Op::infix(Rule::less_than, Assoc::Left)
                | Op::infix(Rule::in_op, Assoc::Left)
                | Op::infix(Rule::within_op, Assoc::Left)
                | Op::infix(Rule::alive_at, Assoc::Left))
            .op(Op::postfix(Rule::is_missing) | Op::postfix(Rule::is_present))
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg) | Op::prefix(Rule::half_of))
    })
}

pub(super) struct Builder {
    pub(super) file: FileId,
}

pub(super) type Result<T> = std::result::Result<T, SyntaxError>;

impl Builder {
    /// The span of a pair without the whitespace and comments that pest
    /// takes into a rule when an optional part at its end is absent
    /// (`every month` followed by a newline, `int` before ` @time`).
    pub(super) fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.start() + trimmed_len(s.as_str()))
    }

    pub(super) fn ident(&self, pair: Pair<Rule>) -> Ident {
        Spanned::new(pair.as_str().to_owned(), self.span(&pair))
    }

    fn file(&self, pair: Pair<Rule>) -> Result<File> {
        let mut items = Vec::new();
        for item in pair.into_inner() {
            match item.as_rule() {
                Rule::dataset => items.push(Item::Dataset(self.dataset(item)?)),
                Rule::rule => items.push(Item::Rule(self.rule(item)?)),
                Rule::test => items.push(Item::Test(self.test(item)?)),
                Rule::waiver => items.push(Item::Waiver(self.waiver(item)?)),
                _ => {}
            }
        }
        Ok(File { items })
    }

    fn dataset(&self, pair: Pair<Rule>) -> Result<DatasetDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.ident(inner.next().unwrap());
        let fields = inner.map(|f| self.field_decl(f)).collect::<Result<_>>()?;
        Ok(DatasetDecl { name, fields, span })
    }

    fn field_decl(&self, pair: Pair<Rule>) -> Result<FieldDecl> {
        let span = self.span(&pair);
        let mut key = false;
        let mut time = false;
        let mut name = None;
        let mut ty = None;
        let mut optional = false;
        let mut optional_mark = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::key_mark => key = true,
                Rule::time_mark => time = true,
                Rule::field_name => name = Some(self.ident(part)),
                Rule::type_expr => {
                    let (t, span, mark) = self.type_expr(part);
                    optional = t == TypeExpr::Lifetime || mark.is_some();
                    optional_mark = mark;
                    ty = Some(Spanned::new(t, span));
                }
                _ => unreachable!("field_decl holds {:?}", part.as_rule()),
            }
        }
        Ok(FieldDecl {
            name: name.unwrap(),
            ty: ty.unwrap(),
            optional,
            optional_mark,
            key,
            time,
            span,
        })
    }

    /// A type, its span without the `?` and the span of the `?`.
    fn type_expr(&self, pair: Pair<Rule>) -> (TypeExpr, Span, Option<Spanned<()>>) {
        let mut inner = pair.into_inner();
        let first = inner.next().unwrap();
        let span = self.span(&first);
        match first.as_rule() {
            Rule::lifetime_type => (TypeExpr::Lifetime, span, None),
            _ => (
                self.base_type(first),
                span,
                inner.next().map(|mark| Spanned::new((), self.span(&mark))),
            ),
        }
    }

    fn base_type(&self, pair: Pair<Rule>) -> TypeExpr {
        let inner = pair.into_inner().next().unwrap();
        match inner.as_rule() {
            Rule::list_type => {
                TypeExpr::List(Box::new(self.base_type(inner.into_inner().next().unwrap())))
            }
            Rule::ref_type => TypeExpr::Ref(self.ident(inner.into_inner().next().unwrap())),
            Rule::prim_type => match inner.as_str() {
                "text" => TypeExpr::Text,
                "int" => TypeExpr::Int,
                "decimal" => TypeExpr::Decimal,
                "bool" => TypeExpr::Bool,
                "date" => TypeExpr::Date,
                _ => TypeExpr::DateTime,
            },
            r => unreachable!("base_type holds {r:?}"),
        }
    }

    fn rule(&self, pair: Pair<Rule>) -> Result<RuleDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let id = self.ident(inner.next().unwrap());
        let title = self.string(inner.next().unwrap())?;
        let clauses = inner.map(|c| self.clause(c)).collect::<Result<_>>()?;
        Ok(RuleDecl {
            id,
            title,
            clauses,
            span,
        })
    }

    fn clause(&self, pair: Pair<Rule>) -> Result<Clause> {
        let kind = pair.as_rule();
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        Ok(match kind {
            Rule::cite => Clause::Cite(self.string(inner.next().unwrap())?),
            Rule::owner => Clause::Owner(self.string(inner.next().unwrap())?),
            Rule::severity => {
                let level = inner.next().unwrap();
                let severity = match level.as_str() {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    _ => Severity::Info,
                };
                Clause::Severity(Spanned::new(severity, self.span(&level)))
            }
            Rule::tags => Clause::Tags(
                inner
                    .map(|t| match t.as_rule() {
                        Rule::string => self.string(t),
                        _ => Ok(self.ident(t)),
                    })
                    .collect::<Result<_>>()?,
            ),
            Rule::each => {
                let var = self.ident(inner.next().unwrap());
                let collection = self.expr(inner.next().unwrap())?;
                let mut each = Each {
                    var,
                    collection,
                    window: None,
                    filter: None,
                };
                for part in inner {
                    match part.as_rule() {
                        Rule::window => each.window = Some(self.window(part)?),
                        _ => each.filter = Some(self.expr(part.into_inner().next().unwrap())?),
                    }
                }
                Clause::Each(Box::new(each))
            }
            Rule::every => Clause::Every(Spanned::new(self.every(inner)?, span)),
            Rule::let_clause => {
                let name = self.ident(inner.next().unwrap());
                let value = inner.next().unwrap();
                let value = match value.as_rule() {
                    Rule::collection => {
                        let span = self.span(&value);
                        Spanned::new(ExprKind::Collection(self.source(value)?), span)
                    }
                    _ => self.expr(value)?,
                };
                Clause::Let { name, value }
            }
            Rule::require => Clause::Require(self.expr(inner.next().unwrap())?),
            Rule::message => {
                let text = inner.next().unwrap();
                Clause::Message(self.template(text)?)
            }
            r => unreachable!("clause holds {r:?}"),
        })
    }

    fn every(&self, inner: pest::iterators::Pairs<Rule>) -> Result<Every> {
        let mut every = Every {
            unit: PeriodUnit::Year,
            rolling: None,
            partial: false,
        };
        for part in inner {
            match part.as_rule() {
                Rule::period_unit => {
                    every.unit = match part.as_str() {
                        "week" => PeriodUnit::Week,
                        "month" => PeriodUnit::Month,
                        "quarter" => PeriodUnit::Quarter,
                        "half-year" => PeriodUnit::HalfYear,
                        _ => PeriodUnit::Year,
                    }
                }
                Rule::rolling => {
                    let span = self.span(&part);
                    let mut p = part.into_inner();
                    let amount = self.int(p.next().unwrap())?;
                    let unit = time_unit(p.next().unwrap().as_str());
                    every.rolling = Some(Spanned::new(Duration { amount, unit }, span));
                }
                Rule::partial_mark => every.partial = true,
                r => unreachable!("every holds {r:?}"),
            }
        }
        Ok(every)
    }

    pub(super) fn string(&self, pair: Pair<Rule>) -> Result<Spanned<String>> {
        let span = self.span(&pair);
        let raw = pair.into_inner().next().unwrap();
        let text = self.unescape(raw.as_str(), raw.as_span().start())?;
        Ok(Spanned::new(text, span))
    }

    /// The text of a string between its quotes, with its escapes replaced;
    /// `base` is the offset of `raw` in the file.
    pub(super) fn unescape(&self, raw: &str, base: usize) -> Result<String> {
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, c @ ('"' | '\\' | '{' | '}'))) => out.push(c),
                Some((j, c)) => {
                    let (start, end) = (base + i, base + j + c.len_utf8());
                    return Err(SyntaxError::bad_escape(Span::new(self.file, start, end)));
                }
                None => {}
            }
        }
        Ok(out)
    }

    fn template(&self, pair: Pair<Rule>) -> Result<Spanned<Template>> {
        let span = self.span(&pair);
        let raw = pair.clone().into_inner().next().unwrap();
        let base = raw.as_span().start();
        let text = raw.as_str();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '\\' => {
                    if let Some((_, e)) = rest.next() {
                        literal.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                '{' => {
                    let close = text[i..].find('}').map(|j| i + j);
                    let Some(close) = close else {
                        let at = Span::new(self.file, base + i, base + i + 1);
                        return Err(SyntaxError::unclosed_placeholder(at));
                    };
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(TemplatePart::Path(
                        self.placeholder(&text[i + 1..close], base + i + 1)?,
                    ));
                    while rest.peek().is_some_and(|(j, _)| *j <= close) {
                        rest.next();
                    }
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Text(literal));
        }
        Ok(Spanned::new(Template { parts }, span))
    }

    /// A `{a.b}` placeholder: a dotted path of names.
    fn placeholder(&self, inner: &str, offset: usize) -> Result<Vec<Ident>> {
        let mut path = Vec::new();
        let mut at = offset;
        for segment in inner.split('.') {
            let trimmed = segment.trim();
            let lead = segment.len() - segment.trim_start().len();
            let start = at + lead;
            let span = Span::new(self.file, start, start + trimmed.len());
            let valid = trimmed
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && trimmed.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !valid {
                let whole = Span::new(self.file, offset, offset + inner.len());
                return Err(SyntaxError::bad_placeholder(whole));
            }
            path.push(Spanned::new(trimmed.to_owned(), span));
            at += segment.len() + 1;
        }
        Ok(path)
    }

    fn int(&self, pair: Pair<Rule>) -> Result<i64> {
        pair.as_str()
            .parse()
            .map_err(|_| SyntaxError::number_too_large(self.span(&pair)))
    }

    fn duration(&self, pair: Pair<Rule>) -> Result<Duration> {
        let mut inner = pair.into_inner();
        let amount = self.int(inner.next().unwrap())?;
        let unit = time_unit(inner.next().unwrap().as_str());
        Ok(Duration { amount, unit })
    }

    fn expr(&self, pair: Pair<Rule>) -> Result<Expr> {
        pratt()
            .map_primary(|p| self.postfix_expr(p))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                let op = match op.as_rule() {
                    Rule::not_op => UnaryOp::Not,
                    Rule::neg => UnaryOp::Neg,
                    _ => UnaryOp::HalfOf,
                };
                Ok(Spanned::new(ExprKind::Unary(op, Box::new(rhs)), span))
            })
            .map_postfix(|lhs, op| {
                let lhs = lhs?;
                let span = lhs.span.to(self.span(&op));
                let present = op.as_rule() == Rule::is_present;
                Ok(Spanned::new(
                    ExprKind::Presence {
                        expr: Box::new(lhs),
                        present,
                    },
                    span,
                ))
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let kind = match op.as_rule() {
                    Rule::within_op => {
                        let mut inner = op.into_inner();
                        let d = inner.next().unwrap();
                        let d_span = self.span(&d);
                        let duration = Spanned::new(self.duration(d)?, d_span);
                        let direction = match inner.next().unwrap().as_str() {
                            "before" => Direction::Before,
                            "after" => Direction::After,
                            _ => Direction::Of,
                        };
                        ExprKind::Within {
                            lhs: Box::new(lhs),
                            span: duration,
                            direction,
                            rhs: Box::new(rhs),
                        }
                    }
                    other => ExprKind::Binary(binary_op(other), Box::new(lhs), Box::new(rhs)),
                };
                Ok(Spanned::new(kind, span))
            })
            .parse(pair.into_inner())
    }

    fn postfix_expr(&self, pair: Pair<Rule>) -> Result<Expr> {
        match pair.as_rule() {
            Rule::postfix_expr => {
                let mut inner = pair.into_inner();
                let mut expr = self.primary(inner.next().unwrap())?;
                for field in inner {
                    let name = self.ident(field);
                    let span = expr.span.to(name.span);
                    expr = Spanned::new(ExprKind::Field(Box::new(expr), name), span);
                }
                Ok(expr)
            }
            _ => self.primary(pair),
        }
    }

    fn primary(&self, pair: Pair<Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::arith => return self.expr(pair),
            Rule::string => ExprKind::Text(self.string(pair)?.node),
            Rule::int_lit => ExprKind::Int(self.int(pair)?),
            Rule::decimal_lit => ExprKind::Decimal(
                pair.as_str()
                    .parse()
                    .map_err(|_| SyntaxError::number_too_large(span))?,
            ),
            Rule::percent_lit => {
                let digits = pair.as_str().trim_end_matches('%');
                let value: f64 = digits
                    .parse()
                    .map_err(|_| SyntaxError::number_too_large(span))?;
                ExprKind::Percent(value / 100.0)
            }
            Rule::date_lit => ExprKind::Date(self.date(&pair)?),
            Rule::bool_lit => ExprKind::Bool(pair.as_str() == "true"),
            Rule::duration => ExprKind::Duration(self.duration(pair)?),
            Rule::period_kw => ExprKind::Period,
            Rule::ident => ExprKind::Name(self.ident(pair)),
            Rule::list_lit => ExprKind::List(
                pair.into_inner()
                    .map(|e| self.expr(e))
                    .collect::<Result<_>>()?,
            ),
            Rule::aggregate => self.aggregate(pair)?,
            Rule::quantifier => {
                let mut inner = pair.into_inner();
                let all = inner.next().unwrap().as_str() == "all";
                let var = self.ident(inner.next().unwrap());
                let base = self.expr(inner.next().unwrap())?;
                let mut window = None;
                let mut condition = None;
                for part in inner {
                    match part.as_rule() {
                        Rule::window => window = Some(self.window(part)?),
                        _ => condition = Some(self.expr(part)?),
                    }
                }
                let source = Source {
                    base: Box::new(base),
                    alias: Some(var.clone()),
                    window,
                    filter: None,
                };
                ExprKind::Quantifier {
                    all,
                    var,
                    source,
                    condition: Box::new(condition.unwrap()),
                }
            }
            Rule::workdays_between => {
                let mut inner = pair.into_inner();
                let a = self.expr(inner.next().unwrap())?;
                let b = self.expr(inner.next().unwrap())?;
                ExprKind::WorkdaysBetween(Box::new(a), Box::new(b))
            }
            Rule::postfix_expr => return self.postfix_expr(pair),
            r => unreachable!("primary holds {r:?}"),
        };
        Ok(Spanned::new(kind, span))
    }

    pub(super) fn date(&self, pair: &Pair<Rule>) -> Result<i32> {
        let span = self.span(pair);
        NaiveDate::parse_from_str(pair.as_str(), "%Y-%m-%d")
            .map(|d| d.num_days_from_ce())
            .map_err(|_| SyntaxError::bad_date(span))
    }

    fn aggregate(&self, pair: Pair<Rule>) -> Result<ExprKind> {
        let mut inner = pair.into_inner();
        let name = inner.next().unwrap().as_str();
        let mut func = match name {
            "count" => AggregateFn::Count,
            "exists" => AggregateFn::Exists,
            "sum" => AggregateFn::Sum,
            "min" => AggregateFn::Min,
            _ => AggregateFn::Max,
        };
        let mut value = None;
        let mut source = None;
        for part in inner {
            match part.as_rule() {
                Rule::distinct_of => {
                    func = if func == AggregateFn::Count {
                        AggregateFn::CountDistinct
                    } else {
                        return Err(SyntaxError::distinct_outside_count(self.span(&part)));
                    };
                    value = Some(Box::new(self.expr(part.into_inner().next().unwrap())?));
                }
                Rule::value_of => {
                    value = Some(Box::new(self.expr(part.into_inner().next().unwrap())?));
                }
                _ => source = Some(self.source(part)?),
            }
        }
        Ok(ExprKind::Aggregate {
            func,
            value,
            source: source.unwrap(),
        })
    }

    fn source(&self, pair: Pair<Rule>) -> Result<Source> {
        let mut inner = pair.into_inner();
        let base = self.expr(inner.next().unwrap())?;
        let mut source = Source {
            base: Box::new(base),
            alias: None,
            window: None,
            filter: None,
        };
        for part in inner {
            match part.as_rule() {
                Rule::alias => source.alias = Some(self.ident(part.into_inner().next().unwrap())),
                Rule::window => source.window = Some(self.window(part)?),
                Rule::filter => {
                    source.filter = Some(Box::new(self.expr(part.into_inner().next().unwrap())?))
                }
                r => unreachable!("source holds {r:?}"),
            }
        }
        Ok(source)
    }

    fn window(&self, pair: Pair<Rule>) -> Result<Spanned<Window>> {
        let span = self.span(&pair);
        let inner = pair.into_inner().next().unwrap();
        let window = match inner.as_rule() {
            Rule::window_all => Window::All,
            Rule::window_period => Window::Period,
            _ => {
                let mut ends = inner.into_inner();
                let from = self.expr(ends.next().unwrap())?;
                let to = self.expr(ends.next().unwrap())?;
                Window::Range(Box::new(from), Box::new(to))
            }
        };
        Ok(Spanned::new(window, span))
    }
}

/// Whitespace as the grammar's `WHITESPACE` rule knows it.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{3000}')
}

/// Follows a scan of rule text through string literals: `"…"` with
/// backslash escapes, where a `#`, a `,` or a space is not what it is
/// outside.
#[derive(Debug, Default)]
pub(crate) struct StringLiterals {
    inside: bool,
    escaped: bool,
}

impl StringLiterals {
    /// Takes the next character; whether it belongs to a string literal,
    /// its quotes included.
    pub(crate) fn step(&mut self, c: char) -> bool {
        if self.inside {
            match c {
                _ if self.escaped => self.escaped = false,
                '\\' => self.escaped = true,
                '"' => self.inside = false,
                _ => {}
            }
            true
        } else {
            self.inside = c == '"';
            self.inside
        }
    }
}

/// The length of `text` up to the end of its last character that is
/// neither whitespace nor part of a comment.
fn trimmed_len(text: &str) -> usize {
    if !text.contains('#') && !text.ends_with(is_space) {
        return text.len();
    }
    let mut end = 0;
    let mut strings = StringLiterals::default();
    let mut in_comment = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if !strings.step(c) {
            if c == '#' {
                in_comment = true;
                continue;
            }
            if is_space(c) {
                continue;
            }
        }
        end = i + c.len_utf8();
    }
    end
}

fn time_unit(word: &str) -> TimeUnit {
    match word.trim_end_matches('s') {
        "day" => TimeUnit::Day,
        "workday" => TimeUnit::Workday,
        "week" => TimeUnit::Week,
        "month" => TimeUnit::Month,
        "quarter" => TimeUnit::Quarter,
        _ => TimeUnit::Year,
    }
}

fn binary_op(op: Rule) -> BinaryOp {
    match op {
        Rule::by_op => BinaryOp::By,
        Rule::or_op => BinaryOp::Or,
        Rule::and_op => BinaryOp::And,
        Rule::eq => BinaryOp::Eq,
        Rule::ne => BinaryOp::Ne,
        Rule::lt | Rule::less_than => BinaryOp::Lt,
        Rule::le | Rule::at_most => BinaryOp::Le,
        Rule::gt | Rule::more_than => BinaryOp::Gt,
        Rule::ge | Rule::at_least => BinaryOp::Ge,
        Rule::in_op => BinaryOp::In,
        Rule::alive_at => BinaryOp::AliveAt,
        Rule::add => BinaryOp::Add,
        Rule::sub => BinaryOp::Sub,
        Rule::mul => BinaryOp::Mul,
        Rule::div => BinaryOp::Div,
        r => unreachable!("not a binary operator: {r:?}"),
    }
}
