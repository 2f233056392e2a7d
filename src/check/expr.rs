//! Typing expressions and sources: names resolved, every operator checked
//! against the types of its operands.

use super::error;
use super::ir::{self, Arith, Compare, Expr, ExprKind, PeriodField, SourceBase, TimeWindow, Ty};
use super::rule::RuleChecker;
use crate::schema::{Dataset, DatasetId, FieldType};
use crate::source::Span;
use crate::syntax::ast::{self, AggregateFn, BinaryOp, UnaryOp};

fn expr(kind: ExprKind, ty: Ty, span: Span) -> Expr {
    Expr { kind, ty, span }
}

impl RuleChecker<'_> {
    fn error_expr(&self, span: Span) -> Expr {
        expr(ExprKind::Bool(false), Ty::Error, span)
    }

    fn describe(&self, ty: &Ty) -> String {
        ty.describe(self.schema)
    }

    /// Types an expression. `top` is true for the whole expression of a
    /// `require`, the one place a condition may carry a deadline.
    pub fn expr(&mut self, e: &ast::Expr, top: bool) -> Expr {
        let span = e.span;
        match &e.node {
            ast::ExprKind::Text(t) => expr(ExprKind::Text(t.clone()), Ty::Text, span),
            ast::ExprKind::Int(i) => expr(ExprKind::Int(*i), Ty::Int, span),
            ast::ExprKind::Decimal(d) | ast::ExprKind::Percent(d) => {
                expr(ExprKind::Decimal(*d), Ty::Decimal, span)
            }
            ast::ExprKind::Date(d) => expr(ExprKind::Date(*d), Ty::Date, span),
            ast::ExprKind::Bool(b) => expr(ExprKind::Bool(*b), Ty::Bool, span),
            ast::ExprKind::Duration(d) => expr(
                ExprKind::Duration {
                    amount: d.amount,
                    unit: d.unit,
                },
                Ty::Duration,
                span,
            ),
            ast::ExprKind::List(items) => self.list(items, span),
            ast::ExprKind::Period => expr(ExprKind::Period, Ty::Period, span),
            ast::ExprKind::Name(name) => self.name(name),
            ast::ExprKind::Field(record, field) => self.field(record, field, span),
            ast::ExprKind::Unary(op, operand) => self.unary(*op, operand, span),
            ast::ExprKind::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, span, top),
            ast::ExprKind::Within {
                lhs,
                span: duration,
                direction,
                rhs,
            } => {
                let l = self.expr(lhs, false);
                let r = self.expr(rhs, false);
                for side in [&l, &r] {
                    self.expect_dated(side, "a window compares two dates");
                }
                if matches!(
                    duration.node.unit,
                    ast::TimeUnit::Quarter | ast::TimeUnit::Year
                ) || duration.node.amount < 0
                {
                    self.diagnostics.push(error::type_mismatch(
                        "a window is counted in days, workdays, weeks or months".into(),
                        duration.span,
                        "not a window width".into(),
                        "write for example `within 30 days before a.at`",
                    ));
                }
                let kind = ExprKind::Within {
                    lhs: Box::new(l),
                    amount: duration.node.amount,
                    unit: duration.node.unit,
                    direction: *direction,
                    rhs: Box::new(r),
                };
                expr(kind, Ty::Bool, span)
            }
            ast::ExprKind::Presence {
                expr: inner,
                present,
            } => {
                let inner = self.expr(inner, false);
                expr(
                    ExprKind::Presence {
                        expr: Box::new(inner),
                        present: *present,
                    },
                    Ty::Bool,
                    span,
                )
            }
            ast::ExprKind::Aggregate {
                func,
                value,
                source,
            } => self.aggregate(*func, value.as_deref(), source, span),
            ast::ExprKind::Quantifier {
                all,
                var: _,
                source,
                condition,
            } => {
                let source = self.source(source, span, false);
                self.scope.push(source.var);
                let condition = self.condition(condition);
                self.scope.pop();
                let kind = ExprKind::Quantifier {
                    all: *all,
                    source: Box::new(source),
                    condition: Box::new(condition),
                };
                expr(kind, Ty::Bool, span)
            }
            ast::ExprKind::WorkdaysBetween(a, b) => {
                let a = self.expr(a, false);
                let b = self.expr(b, false);
                self.expect_dated(
                    &a,
                    "`workdays between` counts working days between two dates",
                );
                self.expect_dated(
                    &b,
                    "`workdays between` counts working days between two dates",
                );
                expr(
                    ExprKind::WorkdaysBetween(Box::new(a), Box::new(b)),
                    Ty::Int,
                    span,
                )
            }
            ast::ExprKind::Collection(source) => {
                let source = self.source(source, span, false);
                let ty = match self.vars[source.var].ty.clone() {
                    Ty::Record(d) => Ty::Records(d),
                    Ty::Error => Ty::Error,
                    other => Ty::List(Box::new(other)),
                };
                expr(ExprKind::Collection(Box::new(source)), ty, span)
            }
        }
    }

    fn condition(&mut self, e: &ast::Expr) -> Expr {
        let checked = self.expr(e, false);
        if checked.ty != Ty::Bool && checked.ty != Ty::Error {
            let found = self.describe(&checked.ty);
            self.diagnostics.push(error::type_mismatch(
                format!("expected a condition, found {found}"),
                e.span,
                format!("this is {found}"),
                "a filter is a condition such as `a.type == \"会议\"`",
            ));
        }
        checked
    }

    fn expect_dated(&mut self, e: &Expr, help: &str) {
        if !e.ty.is_dated() {
            let found = self.describe(&e.ty);
            self.diagnostics.push(error::type_mismatch(
                format!("expected a date, found {found}"),
                e.span,
                format!("this is {found}"),
                help,
            ));
        }
    }

    fn expect_numeric(&mut self, e: &Expr, help: &str) {
        if !e.ty.is_numeric() {
            let found = self.describe(&e.ty);
            self.diagnostics.push(error::type_mismatch(
                format!("expected a number, found {found}"),
                e.span,
                format!("this is {found}"),
                help,
            ));
        }
    }

    fn list(&mut self, items: &[ast::Expr], span: Span) -> Expr {
        let items: Vec<Expr> = items.iter().map(|i| self.expr(i, false)).collect();
        let mut item_ty = Ty::Error;
        for item in &items {
            if item_ty == Ty::Error {
                item_ty = item.ty.clone();
            } else if !comparable(&item_ty, &item.ty) {
                let (want, found) = (self.describe(&item_ty), self.describe(&item.ty));
                self.diagnostics.push(error::type_mismatch(
                    format!("a list holds values of one type: {want} and {found} are mixed"),
                    item.span,
                    format!("this is {found}"),
                    "write every item of the list in the same type",
                ));
            }
        }
        expr(ExprKind::List(items), Ty::List(Box::new(item_ty)), span)
    }

    fn name(&mut self, name: &ast::Ident) -> Expr {
        if let Some(var) = self.lookup(&name.node) {
            let ty = self.vars[var].ty.clone();
            return expr(ExprKind::Var(var), ty, name.span);
        }
        if let Some(d) = self.schema.dataset(&name.node) {
            return expr(
                ExprKind::Collection(Box::new(self.dataset_source(d, name.span))),
                Ty::Records(d),
                name.span,
            );
        }
        let suggestion = error::did_you_mean(&name.node, self.visible_names()).map(str::to_owned);
        self.diagnostics.push(error::unknown_name(
            &name.node,
            name.span,
            suggestion.as_deref(),
        ));
        self.error_expr(name.span)
    }

    /// A name that records are taken from: a dataset, mostly. Unknown and
    /// unlike any name in sight, it is answered with the datasets there are.
    fn source_name(&mut self, name: &ast::Ident) -> Expr {
        let known = self.lookup(&name.node).is_some() || self.schema.dataset(&name.node).is_some();
        let suggestion = error::did_you_mean(&name.node, self.visible_names());
        if known || suggestion.is_some() {
            return self.name(name);
        }
        let (builtin, declared): (Vec<_>, Vec<_>) =
            self.schema.datasets.iter().partition(|d| d.builtin);
        let names = |ds: Vec<&Dataset>| {
            ds.iter()
                .map(|d| format!("`{}`", d.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let help = match (declared.is_empty(), builtin.is_empty()) {
            (false, false) => format!(
                "the datasets are {} and the built-in {}",
                names(declared),
                names(builtin)
            ),
            (false, true) => format!("the datasets are {}", names(declared)),
            (true, false) => format!(
                "no dataset is declared; the built-in ones are {}",
                names(builtin)
            ),
            (true, true) => "no dataset is declared".to_owned(),
        };
        self.diagnostics
            .push(error::unknown_name(&name.node, name.span, None).with_help(help));
        self.error_expr(name.span)
    }

    /// The plain records of a dataset, as the base of a larger source.
    fn dataset_source(&mut self, dataset: DatasetId, span: Span) -> ir::Source {
        self.vars.push(ir::Var {
            name: String::new(),
            ty: Ty::Record(dataset),
            span,
        });
        self.used.push(true);
        ir::Source {
            base: SourceBase::Dataset(dataset),
            var: self.vars.len() - 1,
            window: TimeWindow::Unrestricted,
            filter: None,
            span,
        }
    }

    fn field(&mut self, record: &ast::Expr, field: &ast::Ident, span: Span) -> Expr {
        let record = self.expr(record, false);
        let dataset = match &record.ty {
            Ty::Record(d) => *d,
            Ty::Period => {
                let which = match field.node.as_str() {
                    "start" => PeriodField::Start,
                    "end" => PeriodField::End,
                    "label" => PeriodField::Label,
                    other => {
                        let suggestion = error::did_you_mean(other, ["start", "end", "label"]);
                        self.diagnostics.push(error::unknown_field(
                            "`period`",
                            other,
                            field.span,
                            suggestion,
                            &["start", "end", "label"],
                        ));
                        return self.error_expr(span);
                    }
                };
                let ty = if which == PeriodField::Label {
                    Ty::Text
                } else {
                    Ty::Date
                };
                return expr(ExprKind::PeriodField(which), ty, span);
            }
            Ty::Error => return self.error_expr(span),
            other => {
                let what = self.describe(other);
                self.diagnostics
                    .push(error::no_fields(&what, &field.node, field.span));
                return self.error_expr(span);
            }
        };
        let ds = &self.schema.datasets[dataset];
        let Some(field_id) = ds.field(&field.node) else {
            let names: Vec<&str> = ds.fields.iter().map(|f| f.name.as_str()).collect();
            let suggestion = error::did_you_mean(&field.node, names.iter().copied());
            self.diagnostics.push(error::unknown_field(
                &format!("dataset `{}`", ds.name),
                &field.node,
                field.span,
                suggestion,
                &names,
            ));
            return self.error_expr(span);
        };
        let ty = field_ty(&ds.fields[field_id].ty);
        expr(
            ExprKind::Field {
                record: Box::new(record),
                dataset,
                field: field_id,
            },
            ty,
            span,
        )
    }

    fn unary(&mut self, op: UnaryOp, operand: &ast::Expr, span: Span) -> Expr {
        match op {
            UnaryOp::Not => {
                let inner = self.condition(operand);
                expr(ExprKind::Not(Box::new(inner)), Ty::Bool, span)
            }
            UnaryOp::Neg => {
                let inner = self.expr(operand, false);
                self.expect_numeric(&inner, "only numbers can be negated");
                let ty = inner.ty.clone();
                expr(ExprKind::Neg(Box::new(inner)), ty, span)
            }
            UnaryOp::HalfOf => {
                let inner = self.expr(operand, false);
                self.expect_numeric(
                    &inner,
                    "`half of` takes a number, such as a count of members",
                );
                expr(ExprKind::HalfOf(Box::new(inner)), Ty::Decimal, span)
            }
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
        top: bool,
    ) -> Expr {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.condition(lhs);
                let r = self.condition(rhs);
                let kind = if op == BinaryOp::And {
                    ExprKind::And(Box::new(l), Box::new(r))
                } else {
                    ExprKind::Or(Box::new(l), Box::new(r))
                };
                expr(kind, Ty::Bool, span)
            }
            BinaryOp::By => self.by(lhs, rhs, span, top),
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => self.compare(op, lhs, rhs, span),
            BinaryOp::In => {
                let l = self.expr(lhs, false);
                let r = self.expr(rhs, false);
                let fits = match &r.ty {
                    Ty::List(item) => comparable(&l.ty, item),
                    Ty::Records(d) => matches!(l.ty, Ty::Record(e) if e == *d) || l.ty == Ty::Error,
                    Ty::Period => l.ty.is_dated(),
                    Ty::Error => true,
                    _ => false,
                };
                if !fits {
                    let (left, right) = (self.describe(&l.ty), self.describe(&r.ty));
                    self.diagnostics.push(error::type_mismatch(
                        format!("cannot look for {left} in {right}"),
                        span,
                        format!("{left} in {right}"),
                        "`in` takes a list of the same type, a collection of records, or `period` for a date",
                    ));
                }
                expr(ExprKind::In(Box::new(l), Box::new(r)), Ty::Bool, span)
            }
            BinaryOp::AliveAt => {
                let l = self.expr(lhs, false);
                let r = self.expr(rhs, false);
                self.expect_dated(&r, "`alive at` takes a date");
                match l.ty {
                    Ty::Record(d) if self.schema.datasets[d].lifetime.is_none() => {
                        let name = &self.schema.datasets[d].name;
                        self.diagnostics.push(error::type_mismatch(
                            format!("dataset `{name}` has no lifetime"),
                            l.span,
                            "records of this dataset always exist".into(),
                            "declare a lifetime field such as `active: date? .. date?`",
                        ));
                    }
                    Ty::Record(_) | Ty::Error => {}
                    ref other => {
                        let found = self.describe(other);
                        self.diagnostics.push(error::type_mismatch(
                            format!("`alive at` asks about a record, found {found}"),
                            l.span,
                            format!("this is {found}"),
                            "write `p alive at mt.at` with `p` a record",
                        ));
                    }
                }
                expr(
                    ExprKind::AliveAt {
                        record: Box::new(l),
                        date: Box::new(r),
                    },
                    Ty::Bool,
                    span,
                )
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                self.arith(op, lhs, rhs, span)
            }
        }
    }

    fn by(&mut self, lhs: &ast::Expr, rhs: &ast::Expr, span: Span, top: bool) -> Expr {
        let l = self.expr(lhs, false);
        let r = self.expr(rhs, false);
        self.expect_dated(
            &r,
            "a deadline is a date, such as `m.due` or `period.end + 30 days`",
        );
        match &l.ty {
            Ty::Bool if top => expr(
                ExprKind::ConditionBy {
                    condition: Box::new(l),
                    deadline: Box::new(r),
                },
                Ty::Bool,
                span,
            ),
            Ty::Bool => {
                self.diagnostics.push(error::condition_by_not_at_top(span));
                self.error_expr(span)
            }
            ty if ty.is_dated() => expr(
                ExprKind::DateBy {
                    date: Box::new(l),
                    deadline: Box::new(r),
                },
                Ty::Bool,
                span,
            ),
            other => {
                let found = self.describe(other);
                self.diagnostics.push(error::type_mismatch(
                    format!("`by` needs a date or a condition on its left, found {found}"),
                    l.span,
                    format!("this is {found}"),
                    "write `m.closed by m.due`, or `require exists(...) by period.end + 30 days`",
                ));
                self.error_expr(span)
            }
        }
    }

    fn compare(&mut self, op: BinaryOp, lhs: &ast::Expr, rhs: &ast::Expr, span: Span) -> Expr {
        let cmp = match op {
            BinaryOp::Eq => Compare::Eq,
            BinaryOp::Ne => Compare::Ne,
            BinaryOp::Lt => Compare::Lt,
            BinaryOp::Le => Compare::Le,
            BinaryOp::Gt => Compare::Gt,
            _ => Compare::Ge,
        };
        let mut l = self.expr(lhs, false);
        let mut r = self.expr(rhs, false);
        // A text compared with `period` compares with the period's label.
        if l.ty == Ty::Period && r.ty == Ty::Text {
            period_as_label(&mut l);
        }
        if r.ty == Ty::Period && l.ty == Ty::Text {
            period_as_label(&mut r);
        }
        self.check_ref_comparison(&l, &r);
        self.check_ref_comparison(&r, &l);
        let ordered = matches!(cmp, Compare::Lt | Compare::Le | Compare::Gt | Compare::Ge);
        let fits = comparable(&l.ty, &r.ty)
            && (!ordered
                || l.ty.is_numeric()
                || l.ty.is_dated()
                || l.ty == Ty::Text
                || r.ty == Ty::Error);
        if !fits {
            let (left, right) = (self.describe(&l.ty), self.describe(&r.ty));
            self.diagnostics.push(error::type_mismatch(
                format!("cannot compare {left} with {right}"),
                span,
                format!("{left} {} {right}", cmp.symbol()),
                compare_help(&l.ty, &r.ty),
            ));
        }
        expr(
            ExprKind::Compare(cmp, Box::new(l), Box::new(r)),
            Ty::Bool,
            span,
        )
    }

    /// A reference compares with a record of its dataset or with a key
    /// value; comparing it with another text field is a mistake.
    fn check_ref_comparison(&mut self, reference: &Expr, other: &Expr) {
        let Ty::Record(target) = reference.ty else {
            return;
        };
        if let ExprKind::Field { dataset, field, .. } = &other.kind {
            let is_key = self.schema.datasets[*dataset].key == Some(*field);
            let points_at_target = *dataset == target;
            if matches!(other.ty, Ty::Text | Ty::Int) && !(is_key && points_at_target) {
                let ds = &self.schema.datasets[target];
                let field_name = &self.schema.datasets[*dataset].fields[*field].name;
                let key = ds
                    .key
                    .map_or("its key".to_owned(), |k| format!("`{}`", ds.fields[k].name));
                self.diagnostics.push(
                    error::type_mismatch(
                        format!("a reference to `{}` is compared with `{field_name}`, which is not its key", ds.name),
                        other.span,
                        "not a key of the referenced dataset".into(),
                        "",
                    )
                    .with_help(format!(
                        "a reference holds the key {key} of `{}`: compare it with a record, or with {key}",
                        ds.name
                    )),
                );
            }
        }
    }

    fn arith(&mut self, op: BinaryOp, lhs: &ast::Expr, rhs: &ast::Expr, span: Span) -> Expr {
        let l = self.expr(lhs, false);
        let r = self.expr(rhs, false);
        let arith = match op {
            BinaryOp::Add => Arith::Add,
            BinaryOp::Sub => Arith::Sub,
            BinaryOp::Mul => Arith::Mul,
            _ => Arith::Div,
        };
        let ty = match (&l.ty, arith, &r.ty) {
            (Ty::Error, _, _) | (_, _, Ty::Error) => Ty::Error,
            (Ty::Int, Arith::Div, Ty::Int) => Ty::Decimal,
            (Ty::Int, _, Ty::Int) => Ty::Int,
            (a, _, b) if a.is_numeric() && b.is_numeric() => Ty::Decimal,
            (d, Arith::Add | Arith::Sub, Ty::Duration) if d.is_dated() => d.clone(),
            (Ty::Duration, Arith::Add, d) if d.is_dated() => d.clone(),
            (a, Arith::Sub, b) if a.is_dated() && b.is_dated() => Ty::Int,
            (a, _, b) => {
                let (left, right) = (self.describe(a), self.describe(b));
                self.diagnostics.push(error::type_mismatch(
                    format!("cannot compute {left} {} {right}", symbol(arith)),
                    span,
                    format!("{left} {} {right}", symbol(arith)),
                    "numbers combine with numbers; a date moves by a duration (`+ 30 days`); two dates subtract to days",
                ));
                Ty::Error
            }
        };
        expr(ExprKind::Arith(arith, Box::new(l), Box::new(r)), ty, span)
    }

    fn aggregate(
        &mut self,
        func: AggregateFn,
        value: Option<&ast::Expr>,
        source: &ast::Source,
        span: Span,
    ) -> Expr {
        let source = self.source(source, span, false);
        let record_ty = self.vars[source.var].ty.clone();
        self.scope.push(source.var);
        let value = value.map(|v| self.expr(v, false));
        self.scope.pop();
        let ty = match (func, &value) {
            (AggregateFn::Count | AggregateFn::Exists, Some(v)) => {
                self.diagnostics.push(error::type_mismatch(
                    format!("`{}` counts records and takes no value", func.name()),
                    v.span,
                    "a value here".into(),
                    "for distinct values write count(distinct a.person for ...)",
                ));
                Ty::Error
            }
            (AggregateFn::Count | AggregateFn::CountDistinct, _) => Ty::Int,
            (AggregateFn::Exists, _) => Ty::Bool,
            (AggregateFn::Sum | AggregateFn::Min | AggregateFn::Max, v) => {
                let value_ty = v.as_ref().map_or(record_ty.clone(), |v| v.ty.clone());
                let ok = match func {
                    AggregateFn::Sum => value_ty.is_numeric(),
                    _ => value_ty.is_numeric() || value_ty.is_dated(),
                };
                if !ok {
                    let found = self.describe(&value_ty);
                    self.diagnostics.push(error::type_mismatch(
                        format!(
                            "`{}` needs numbers{}, found {found}",
                            func.name(),
                            if func == AggregateFn::Sum {
                                ""
                            } else {
                                " or dates"
                            }
                        ),
                        v.as_ref().map_or(span, |v| v.span),
                        format!("this is {found}"),
                        "name the value to add up: sum(p.amount for payments p)",
                    ));
                    Ty::Error
                } else {
                    value_ty
                }
            }
        };
        let kind = ExprKind::Aggregate {
            func,
            value: value.map(Box::new),
            source: Box::new(source),
        };
        expr(kind, ty, span)
    }

    /// Types the records a source ranges over and binds its record name
    /// while its filter is checked. The record name is out of scope again on
    /// return; callers that need it push it themselves.
    pub fn source(&mut self, source: &ast::Source, span: Span, is_each: bool) -> ir::Source {
        let base_expr = match &source.base.node {
            ast::ExprKind::Name(name) => self.source_name(name),
            _ => self.expr(&source.base, false),
        };
        let (base, item_ty, dataset) = match (&base_expr.ty, base_expr.kind.clone()) {
            (Ty::Records(d), ExprKind::Collection(inner))
                if matches!(inner.base, SourceBase::Dataset(_)) && inner.filter.is_none() =>
            {
                (SourceBase::Dataset(*d), Ty::Record(*d), Some(*d))
            }
            (Ty::Records(d), ExprKind::Var(v)) => (SourceBase::Let(v), Ty::Record(*d), None),
            (Ty::Records(d), _) => (SourceBase::List(base_expr.clone()), Ty::Record(*d), None),
            (Ty::List(item), _) => (SourceBase::List(base_expr.clone()), (**item).clone(), None),
            (Ty::Error, _) => (SourceBase::List(base_expr.clone()), Ty::Error, None),
            (other, _) => {
                let found = self.describe(other);
                self.diagnostics
                    .push(error::not_a_collection(&found, source.base.span));
                (SourceBase::List(base_expr.clone()), Ty::Error, None)
            }
        };
        let var = match &source.alias {
            Some(alias) => self.bind(alias, item_ty),
            None => {
                self.vars.push(ir::Var {
                    name: String::new(),
                    ty: item_ty,
                    span: source.base.span,
                });
                self.used.push(true);
                self.vars.len() - 1
            }
        };
        if source.alias.is_some() {
            // bind() pushed it; keep it visible for the filter only.
            self.scope.pop();
        }
        self.scope.push(var);
        let filter = source.filter.as_deref().map(|f| self.condition(f));
        self.scope.pop();
        if is_each {
            // Using the variable in its own filter does not count as a use.
            self.used[var] = false;
        }
        let window = self.window(source, dataset, var, filter.as_ref(), is_each);
        ir::Source {
            base,
            var,
            window,
            filter,
            span,
        }
    }

    /// The time window of a source over a timed dataset: as written, or by
    /// default the current period, unless the filter states its own
    /// condition on the dataset's time field.
    fn window(
        &mut self,
        source: &ast::Source,
        dataset: Option<DatasetId>,
        var: ir::VarId,
        filter: Option<&Expr>,
        is_each: bool,
    ) -> TimeWindow {
        let time_field = dataset.and_then(|d| self.schema.datasets[d].time);
        match (&source.window, dataset, time_field) {
            (Some(w), _, None) => {
                match dataset {
                    Some(d) => {
                        let name = self.schema.datasets[d].name.clone();
                        self.diagnostics.push(error::no_time_field(&name, w.span));
                    }
                    None => self.diagnostics.push(
                        error::no_time_field("list", w.span)
                            .with_help("a time window applies to the records of a timed dataset"),
                    ),
                }
                TimeWindow::Unrestricted
            }
            (Some(w), _, Some(_)) => match &w.node {
                ast::Window::All => TimeWindow::Unrestricted,
                ast::Window::Period => TimeWindow::Period,
                ast::Window::Range(from, to) => {
                    let from = self.expr(from, false);
                    let to = self.expr(to, false);
                    self.expect_dated(&from, "a window runs from a date to a date");
                    self.expect_dated(&to, "a window runs from a date to a date");
                    TimeWindow::Range(Box::new(from), Box::new(to))
                }
            },
            (None, Some(_), Some(time)) => {
                let states_own_time =
                    !is_each && filter.is_some_and(|f| states_own_window(f, var, time));
                if states_own_time {
                    TimeWindow::Unrestricted
                } else {
                    TimeWindow::Period
                }
            }
            _ => TimeWindow::Unrestricted,
        }
    }
}

/// Whether a filter bounds the record's time field against something other
/// than the record itself (`t.at within 30 days before a.at`, `x.at <=
/// m.due`): such a filter sets its own window. A condition between the
/// record's own fields (`p.closed by p.due` where `due` is the time field)
/// does not.
fn states_own_window(filter: &Expr, var: ir::VarId, time: usize) -> bool {
    let is_time = |e: &Expr| {
        matches!(&e.kind, ExprKind::Field { record, field, .. }
            if *field == time && matches!(record.kind, ExprKind::Var(v) if v == var))
    };
    let outside = |e: &Expr| !mentions_var(e, var);
    match &filter.kind {
        ExprKind::And(a, b) => states_own_window(a, var, time) || states_own_window(b, var, time),
        ExprKind::Within { lhs, rhs, .. } => is_time(lhs) && outside(rhs),
        ExprKind::Compare(Compare::Lt | Compare::Le | Compare::Gt | Compare::Ge, a, b) => {
            (is_time(a) && outside(b)) || (is_time(b) && outside(a))
        }
        ExprKind::DateBy { date, deadline } => is_time(date) && outside(deadline),
        ExprKind::In(item, set) => is_time(item) && outside(set),
        _ => false,
    }
}

/// Whether an expression reads the variable.
fn mentions_var(e: &Expr, var: ir::VarId) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        found |= matches!(x.kind, ExprKind::Var(v) if v == var)
    });
    found
}

/// Calls `f` on every expression inside `e`, `e` included (not descending
/// into nested sources, whose records are other records).
fn visit(e: &Expr, f: &mut impl FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Field { record, .. } => visit(record, f),
        ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::HalfOf(a) => visit(a, f),
        ExprKind::Presence { expr, .. } => visit(expr, f),
        ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::In(a, b)
        | ExprKind::WorkdaysBetween(a, b) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::AliveAt { record, date } => {
            visit(record, f);
            visit(date, f);
        }
        ExprKind::Within { lhs, rhs, .. } => {
            visit(lhs, f);
            visit(rhs, f);
        }
        ExprKind::DateBy { date, deadline } => {
            visit(date, f);
            visit(deadline, f);
        }
        ExprKind::ConditionBy {
            condition,
            deadline,
        } => {
            visit(condition, f);
            visit(deadline, f);
        }
        ExprKind::List(items) => items.iter().for_each(|i| visit(i, f)),
        _ => {}
    }
}

fn period_as_label(e: &mut Expr) {
    e.kind = ExprKind::PeriodField(PeriodField::Label);
    e.ty = Ty::Text;
}

fn symbol(op: Arith) -> &'static str {
    match op {
        Arith::Add => "+",
        Arith::Sub => "-",
        Arith::Mul => "*",
        Arith::Div => "/",
    }
}

/// The type an expression reading a field has.
pub fn field_ty(ty: &FieldType) -> Ty {
    match ty {
        FieldType::Text => Ty::Text,
        FieldType::Int => Ty::Int,
        FieldType::Decimal => Ty::Decimal,
        FieldType::Bool => Ty::Bool,
        FieldType::Date => Ty::Date,
        FieldType::DateTime => Ty::DateTime,
        FieldType::Ref(d) => Ty::Record(*d),
        FieldType::List(item) => match **item {
            FieldType::Ref(d) => Ty::Records(d),
            ref other => Ty::List(Box::new(field_ty(other))),
        },
        FieldType::Lifetime => Ty::Lifetime,
    }
}

/// Whether two types can be compared for equality.
fn comparable(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Error, _) | (_, Ty::Error) => true,
        (x, y) if x.is_numeric() && y.is_numeric() => true,
        (x, y) if x.is_dated() && y.is_dated() => true,
        // A reference compares with a key written as text or a number.
        (Ty::Record(_), Ty::Text | Ty::Int) | (Ty::Text | Ty::Int, Ty::Record(_)) => true,
        (x, y) => x == y,
    }
}

fn compare_help(a: &Ty, b: &Ty) -> &'static str {
    match (a, b) {
        (x, Ty::Int | Ty::Decimal) | (Ty::Int | Ty::Decimal, x) if x.is_dated() => {
            "a date compares with a date; to count days, subtract two dates: `b.at - a.at <= 30`"
        }
        (Ty::Records(_), _) | (_, Ty::Records(_)) => {
            "to compare a number of records, count them: `count(...) >= 2`"
        }
        (Ty::Bool, _) | (_, Ty::Bool) => {
            "a condition is already true or false; use it directly or with `not`"
        }
        _ => "compare values of the same type",
    }
}
