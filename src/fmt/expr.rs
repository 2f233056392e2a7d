//! Expressions as documents: the fewest parentheses that parse back to the
//! same tree, and chains of one operator broken one operand per line.

use super::doc::{text, Doc};
use crate::eval::period::format_day;
use crate::syntax::ast::{
    AggregateFn, BinaryOp, Direction, Duration, Expr, ExprKind, Source, TimeUnit, UnaryOp, Window,
};

/// Binding strengths, loosest first, as the parser's Pratt table has them.
const TOP: u8 = 0;
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const POSTFIX: u8 = 5;
const ADD: u8 = 6;
const MUL: u8 = 7;
const PREFIX: u8 = 8;
const ATOM: u8 = 9;

/// An expression standing alone: a `require`, a list item.
pub fn top(e: &Expr) -> Doc {
    expr(e, TOP, None)
}

/// The condition after `where`: a chain of conditions breaks under the
/// start of the records (the enclosing alignment), not under itself.
fn filter(e: &Expr) -> Doc {
    match operator(e) {
        Some(_) => chain(e, None, false),
        None => top(e),
    }
}

/// The value of a `let`: a collection, or an expression that must not read
/// as one (`d in period` would be a window).
pub fn let_value(e: &Expr) -> Doc {
    match &e.node {
        ExprKind::Collection(source) => self::source(source),
        _ if starts_with_in_period(e) => paren(top(e)),
        _ => top(e),
    }
}

/// The records of an `each`: `COLLECTION in WINDOW where FILTER`.
pub fn each(collection: &Expr, window: Option<&Window>, condition: Option<&Expr>) -> Doc {
    let mut parts = vec![arith(collection)];
    if let Some(w) = window {
        parts.push(text(" "));
        parts.push(self::window(w));
    }
    if let Some(f) = condition {
        parts.push(text(" where "));
        parts.push(filter(f));
    }
    Doc::Align(parts)
}

/// An operand where the grammar allows arithmetic only. Something may
/// follow it (a record name, a window, `where`, `for`, `and`), which a
/// quantifier would take into its condition.
fn arith(e: &Expr) -> Doc {
    expr(e, ADD, Some(TOP))
}

fn prec(e: &Expr) -> u8 {
    match &e.node {
        ExprKind::Binary(op, _, _) => binary_prec(*op),
        ExprKind::Within { .. } => COMPARE,
        ExprKind::Unary(UnaryOp::Not, _) => NOT,
        ExprKind::Unary(_, _) => PREFIX,
        ExprKind::Presence { .. } => POSTFIX,
        ExprKind::Collection(_) => TOP,
        // A quantifier is a primary whose condition takes in what follows.
        _ => ATOM,
    }
}

fn binary_prec(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => OR,
        BinaryOp::And => AND,
        BinaryOp::Add | BinaryOp::Sub => ADD,
        BinaryOp::Mul | BinaryOp::Div => MUL,
        _ => COMPARE,
    }
}

/// Whether an expression would take in the operator that follows it: a
/// quantifier's condition takes in everything, the second operand of
/// `workdays between` takes in arithmetic.
fn open_end(e: &Expr, follow: Option<u8>) -> bool {
    match &e.node {
        ExprKind::Quantifier { .. } | ExprKind::Collection(_) => follow.is_some(),
        ExprKind::WorkdaysBetween(..) => follow.is_some_and(|f| f >= ADD),
        _ => false,
    }
}

/// `e` where operators binding less than `min` need parentheses, and an
/// operator of strength `follow` comes after it.
fn expr(e: &Expr, min: u8, follow: Option<u8>) -> Doc {
    if prec(e) < min || open_end(e, follow) {
        return paren(top(e));
    }
    match &e.node {
        ExprKind::Text(t) => text(quote(t)),
        ExprKind::Int(i) => text(i.to_string()),
        ExprKind::Decimal(d) => text(decimal(*d)),
        ExprKind::Percent(p) => text(percent(*p)),
        ExprKind::Date(d) => text(format_day(*d)),
        ExprKind::Bool(b) => text(b.to_string()),
        ExprKind::Duration(d) => text(duration(d)),
        ExprKind::Period => text("period"),
        ExprKind::Name(n) => text(n.node.clone()),
        ExprKind::List(items) => list(items),
        ExprKind::Field(base, name) => {
            let base = match base.node {
                ExprKind::Name(_)
                | ExprKind::Period
                | ExprKind::Field(..)
                | ExprKind::Aggregate { .. }
                | ExprKind::List(_) => expr(base, ATOM, Some(ATOM)),
                _ => paren(top(base)),
            };
            Doc::Concat(vec![base, text(format!(".{}", name.node))])
        }
        ExprKind::Unary(op, operand) => {
            let (word, strength) = match op {
                UnaryOp::Not => ("not ", NOT),
                UnaryOp::Neg => ("-", PREFIX),
                UnaryOp::HalfOf => ("half of ", PREFIX),
            };
            // `not a by b` reads as `(not a) by b`: say `not (a by b)`.
            let operand = if *op == UnaryOp::Not && operator(operand).is_some() {
                paren(top(operand))
            } else {
                expr(operand, strength, follow)
            };
            Doc::Concat(vec![text(word), operand])
        }
        ExprKind::Presence {
            expr: inner,
            present,
        } => {
            let word = if *present {
                " is present"
            } else {
                " is missing"
            };
            Doc::Concat(vec![expr(inner, POSTFIX, Some(POSTFIX)), text(word)])
        }
        ExprKind::Binary(..) | ExprKind::Within { .. } => chain(e, follow, true),
        ExprKind::Aggregate {
            func,
            value,
            source,
        } => aggregate(*func, value.as_deref(), source),
        ExprKind::Quantifier {
            all,
            var,
            source,
            condition,
        } => {
            let mut parts = vec![
                text(format!(
                    "{} {} in ",
                    if *all { "all" } else { "any" },
                    var.node
                )),
                arith(&source.base),
            ];
            if let Some(w) = &source.window {
                parts.push(text(" "));
                parts.push(window(&w.node));
            }
            parts.push(text(" where "));
            parts.push(Doc::Align(vec![top(condition)]));
            Doc::Concat(parts)
        }
        ExprKind::WorkdaysBetween(a, b) => Doc::Concat(vec![
            text("workdays between "),
            arith(a),
            text(" and "),
            expr(b, ADD, follow),
        ]),
        ExprKind::Collection(source) => self::source(source),
    }
}

fn paren(inner: Doc) -> Doc {
    Doc::Concat(vec![text("("), Doc::Align(vec![inner]), text(")")])
}

/// The operator between two operands, and its binding strength.
fn operator(e: &Expr) -> Option<(String, u8, &Expr, &Expr)> {
    match &e.node {
        ExprKind::Binary(op, l, r) => Some((op.symbol().to_owned(), binary_prec(*op), l, r)),
        ExprKind::Within {
            lhs,
            span,
            direction,
            rhs,
        } => {
            let direction = match direction {
                Direction::Before => "before",
                Direction::After => "after",
                Direction::Of => "of",
            };
            Some((
                format!("within {} {direction}", duration(&span.node)),
                COMPARE,
                lhs,
                rhs,
            ))
        }
        _ => None,
    }
}

/// `a op b op c` for operators of one strength: on one line if it fits,
/// else one `op operand` per line, under the first operand if `align`,
/// else at the enclosing alignment.
fn chain(e: &Expr, follow: Option<u8>, align: bool) -> Doc {
    let (_, strength, _, _) = operator(e).expect("a binary expression");
    let mut links = Vec::new();
    let mut first = e;
    while let Some((symbol, s, lhs, rhs)) = operator(first) {
        if s != strength {
            break;
        }
        links.push((symbol, rhs));
        first = lhs;
    }
    links.reverse();
    let mut parts = vec![expr(first, strength, Some(strength))];
    let last = links.len() - 1;
    for (i, (symbol, operand)) in links.into_iter().enumerate() {
        let after = if i == last { follow } else { Some(strength) };
        parts.push(Doc::Line);
        parts.push(text(format!("{symbol} ")));
        parts.push(expr(operand, strength + 1, after));
    }
    if align {
        Doc::Group(vec![Doc::Align(parts)])
    } else {
        Doc::Group(parts)
    }
}

fn list(items: &[Expr]) -> Doc {
    let mut parts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            parts.push(text(","));
            parts.push(Doc::Line);
        }
        parts.push(top(item));
    }
    Doc::Group(vec![text("["), Doc::Align(parts), text("]")])
}

fn aggregate(func: AggregateFn, value: Option<&Expr>, source: &Source) -> Doc {
    let name = match func {
        AggregateFn::Count | AggregateFn::CountDistinct => "count",
        AggregateFn::Exists => "exists",
        AggregateFn::Sum => "sum",
        AggregateFn::Min => "min",
        AggregateFn::Max => "max",
    };
    let mut inner = Vec::new();
    if func == AggregateFn::CountDistinct {
        inner.push(text("distinct "));
    }
    if let Some(v) = value {
        inner.push(arith(v));
        inner.push(text(" for "));
    }
    inner.push(self::source(source));
    Doc::Concat(vec![text(format!("{name}(")), Doc::Align(inner), text(")")])
}

fn source(s: &Source) -> Doc {
    let mut parts = vec![arith(&s.base)];
    if let Some(alias) = &s.alias {
        parts.push(text(format!(" {}", alias.node)));
    }
    if let Some(w) = &s.window {
        parts.push(text(" "));
        parts.push(window(&w.node));
    }
    if let Some(f) = &s.filter {
        parts.push(text(" where "));
        parts.push(filter(f));
    }
    Doc::Align(parts)
}

fn window(w: &Window) -> Doc {
    match w {
        Window::All => text("in all"),
        Window::Period => text("in period"),
        Window::Range(from, to) => {
            // `in period - 1 month .. x` would read as `in period`.
            let from = if starts_with_period(from) {
                paren(top(from))
            } else {
                arith(from)
            };
            Doc::Concat(vec![text("in "), from, text(" .. "), arith(to)])
        }
    }
}

/// Whether the expression, written out, may begin with the word `period`
/// (not `period.`).
fn starts_with_period(e: &Expr) -> bool {
    match &e.node {
        ExprKind::Period => true,
        ExprKind::Binary(_, l, _) | ExprKind::Within { lhs: l, .. } => starts_with_period(l),
        ExprKind::Presence { expr, .. } => starts_with_period(expr),
        _ => false,
    }
}

/// Whether the expression, written out, begins with `OPERAND in period`
/// or `OPERAND in all …`, which a `let` would read as a collection with a
/// window.
fn starts_with_in_period(e: &Expr) -> bool {
    match &e.node {
        // The left operand reads as arithmetic when it is, or when it is
        // written in parentheses (looser than a comparison).
        ExprKind::Binary(BinaryOp::In, l, r)
            if (prec(l) >= ADD || prec(l) < COMPARE)
                && (starts_with_period(r)
                    || matches!(r.node, ExprKind::Quantifier { all: true, .. })) =>
        {
            true
        }
        ExprKind::Binary(op, l, _) if prec(l) >= binary_prec(*op) => starts_with_in_period(l),
        ExprKind::Within { lhs, .. } if prec(lhs) >= COMPARE => starts_with_in_period(lhs),
        ExprKind::Presence { expr, .. } if prec(expr) >= POSTFIX => starts_with_in_period(expr),
        _ => false,
    }
}

pub fn duration(d: &Duration) -> String {
    let unit = match d.unit {
        TimeUnit::Day => "day",
        TimeUnit::Workday => "workday",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
        TimeUnit::Quarter => "quarter",
        TimeUnit::Year => "year",
    };
    let plural = if d.amount == 1 { "" } else { "s" };
    format!("{} {unit}{plural}", d.amount)
}

/// A string in double quotes, with the escapes the parser reads.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn decimal(d: f64) -> String {
    let s = d.to_string();
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// A percentage whose digits, divided by 100, give back `fraction`.
fn percent(fraction: f64) -> String {
    let hundred = fraction * 100.0;
    let reads_back = |s: &str| s.parse::<f64>().is_ok_and(|v| v / 100.0 == fraction);
    let plain = hundred.to_string();
    if reads_back(&plain) {
        return format!("{plain}%");
    }
    (0..=17)
        .map(|digits| format!("{hundred:.digits$}"))
        .find(|s| reads_back(s))
        .map_or_else(|| format!("{plain}%"), |s| format!("{s}%"))
}
