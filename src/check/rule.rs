//! Checking one rule: its metadata, its scope (`each`, `let`, `every`), its
//! `require` and its message, with the variables in scope at each point.

use super::error;
use super::ir::{self, CheckedRule, MessagePart, Step, Ty, Var, VarId};
use crate::diagnostic::Diagnostic;
use crate::schema::Schema;
use crate::source::Span;
use crate::syntax::ast::{self, Clause, RuleDecl, Severity, TemplatePart, TimeUnit};

/// The state of checking one rule.
pub struct RuleChecker<'s> {
    pub schema: &'s Schema,
    pub vars: Vec<Var>,
    /// Variables visible now, innermost last.
    pub scope: Vec<VarId>,
    pub used: Vec<bool>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s> RuleChecker<'s> {
    pub fn bind(&mut self, name: &ast::Ident, ty: Ty) -> VarId {
        self.vars.push(Var {
            name: name.node.clone(),
            ty,
            span: name.span,
        });
        self.used.push(false);
        let id = self.vars.len() - 1;
        self.scope.push(id);
        id
    }

    pub fn lookup(&mut self, name: &str) -> Option<VarId> {
        let id = self
            .scope
            .iter()
            .rev()
            .copied()
            .find(|&v| self.vars[v].name == name)?;
        self.used[id] = true;
        Some(id)
    }

    pub fn visible_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .scope
            .iter()
            .map(|&v| self.vars[v].name.as_str())
            .collect();
        names.extend(self.schema.datasets.iter().map(|d| d.name.as_str()));
        names
    }
}

pub fn check_rule(schema: &Schema, rule: &RuleDecl) -> (Option<CheckedRule>, Vec<Diagnostic>) {
    let mut cx = RuleChecker {
        schema,
        vars: Vec::new(),
        scope: Vec::new(),
        used: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut meta = Meta::default();
    let mut steps = Vec::new();
    let mut every: Option<(ir::Every, Span)> = None;
    let mut require: Option<(ir::Expr, Span)> = None;
    let mut message: Option<(&ast::Spanned<ast::Template>, Span)> = None;
    let mut scoped_vars: Vec<(VarId, bool)> = Vec::new();

    for clause in in_reading_order(rule, &mut cx.diagnostics) {
        match clause {
            Clause::Cite(c) => set_once(&mut cx.diagnostics, "cite", &mut meta.cite, c),
            Clause::Owner(o) => set_once(&mut cx.diagnostics, "owner", &mut meta.owner, o),
            Clause::Severity(s) => {
                if let Some((_, first)) = meta.severity {
                    cx.diagnostics.push(error::extra_clause(
                        "severity",
                        s.span,
                        first,
                        "keep one severity",
                    ));
                } else {
                    meta.severity = Some((s.node, s.span));
                }
            }
            Clause::Tags(tags) => meta.tags.extend(tags.iter().map(|t| t.node.clone())),
            Clause::Each(each) => {
                let source = cx.each_source(each);
                scoped_vars.push((source.var, true));
                steps.push(Step::Each {
                    var: source.var,
                    source,
                });
            }
            Clause::Let { name, value } => {
                let value = cx.expr(value, false);
                let var = cx.bind(name, value.ty.clone());
                scoped_vars.push((var, false));
                steps.push(Step::Let { var, value });
            }
            Clause::Every(e) => {
                if let Some((_, first)) = every {
                    cx.diagnostics.push(error::extra_clause(
                        "every",
                        e.span,
                        first,
                        "a rule has one period grid; write another rule for another period",
                    ));
                    continue;
                }
                every = Some((cx.every(e), e.span));
            }
            Clause::Require(expr) => {
                if let Some((_, first)) = &require {
                    cx.diagnostics.push(error::extra_clause(
                        "require",
                        expr.span,
                        *first,
                        "join conditions with `and`, or write a rule for each requirement",
                    ));
                    continue;
                }
                let checked = cx.expr(expr, true);
                if checked.ty != Ty::Bool && checked.ty != Ty::Error {
                    let found = checked.ty.describe(schema);
                    cx.diagnostics.push(error::type_mismatch(
                        format!("a require must be a condition, found {found}"),
                        expr.span,
                        format!("this is {found}"),
                        "compare it with something: `count(...) >= 2`",
                    ));
                }
                require = Some((checked, expr.span));
            }
            Clause::Message(m) => {
                if let Some((_, first)) = message {
                    cx.diagnostics.push(error::extra_clause(
                        "message",
                        m.span,
                        first,
                        "keep one message",
                    ));
                } else {
                    message = Some((m, m.span));
                }
            }
        }
    }

    let message = message.map(|(m, _)| cx.template(&m.node));
    for (var, is_each) in scoped_vars {
        if !cx.used[var] {
            let v = &cx.vars[var];
            cx.diagnostics
                .push(error::unused_variable(&v.name, v.span, is_each));
        }
    }
    let Some((require, _)) = require else {
        cx.diagnostics
            .push(error::missing_require(&rule.id.node, rule.id.span));
        return (None, cx.diagnostics);
    };
    let checked = CheckedRule {
        id: rule.id.node.clone(),
        title: rule.title.node.clone(),
        cite: meta.cite.map(|(c, _)| c),
        severity: meta.severity.map_or(Severity::Error, |(s, _)| s),
        tags: meta.tags,
        owner: meta.owner.map(|(o, _)| o),
        span: rule.span,
        vars: cx.vars,
        steps,
        every: every.map(|(e, _)| e),
        require,
        message,
    };
    (Some(checked), cx.diagnostics)
}

/// The clauses in the order they are checked: a `require` after the scope
/// (`each`, `let`) it reads. An `each` or `let` written after the `require`
/// is reported once and then checked in its place, so that the names it
/// binds neither look unknown in the `require` nor unused.
fn in_reading_order<'r>(rule: &'r RuleDecl, diagnostics: &mut Vec<Diagnostic>) -> Vec<&'r Clause> {
    let mut first_require = None;
    for clause in &rule.clauses {
        let binds = match clause {
            Clause::Require(expr) => {
                first_require.get_or_insert(expr.span);
                continue;
            }
            Clause::Each(each) => &each.var,
            Clause::Let { name, .. } => name,
            _ => continue,
        };
        if let Some(at) = first_require {
            diagnostics.push(error::scope_after_require(binds.span).with_label(at, "the require"));
        }
    }
    let (requires, others): (Vec<&Clause>, Vec<&Clause>) = rule
        .clauses
        .iter()
        .partition(|c| matches!(c, Clause::Require(_)));
    others.into_iter().chain(requires).collect()
}

fn set_once(
    diagnostics: &mut Vec<Diagnostic>,
    what: &str,
    slot: &mut Option<(String, Span)>,
    value: &ast::Spanned<String>,
) {
    match slot {
        Some((_, first)) => {
            diagnostics.push(error::extra_clause(what, value.span, *first, "keep one"))
        }
        None => *slot = Some((value.node.clone(), value.span)),
    }
}

#[derive(Default)]
struct Meta {
    cite: Option<(String, Span)>,
    owner: Option<(String, Span)>,
    severity: Option<(Severity, Span)>,
    tags: Vec<String>,
}

impl RuleChecker<'_> {
    fn each_source(&mut self, each: &ast::Each) -> ir::Source {
        let source = ast::Source {
            base: Box::new(each.collection.clone()),
            alias: Some(each.var.clone()),
            window: each.window.clone(),
            filter: each.filter.clone().map(Box::new),
        };
        let span = each.collection.span;
        let checked = self.source(&source, span, true);
        // Unlike the record names of aggregates, an `each` variable stays in
        // scope for the rest of the rule.
        self.scope.push(checked.var);
        checked
    }

    fn every(&mut self, every: &ast::Spanned<ast::Every>) -> ir::Every {
        let e = &every.node;
        let span_units = match &e.rolling {
            None => 1,
            Some(rolling) => {
                let unit_matches = matches!(
                    (e.unit, rolling.node.unit),
                    (ast::PeriodUnit::Week, TimeUnit::Week)
                        | (ast::PeriodUnit::Month, TimeUnit::Month)
                        | (ast::PeriodUnit::Quarter, TimeUnit::Quarter)
                        | (ast::PeriodUnit::Year, TimeUnit::Year)
                );
                if !unit_matches || rolling.node.amount < 1 || rolling.node.amount > 120 {
                    self.diagnostics.push(error::type_mismatch(
                        "a rolling window counts whole periods of the grid".into(),
                        rolling.span,
                        "does not match the period".into(),
                        "write for example `every month over 6 months`",
                    ));
                    1
                } else {
                    rolling.node.amount as u32
                }
            }
        };
        ir::Every {
            unit: e.unit,
            span_units,
            partial: e.partial,
        }
    }

    fn template(&mut self, template: &ast::Template) -> Vec<MessagePart> {
        template
            .parts
            .iter()
            .map(|part| match part {
                TemplatePart::Text(t) => MessagePart::Text(t.clone()),
                TemplatePart::Path(path) if path.len() == 1 && path[0].node == "value" => {
                    MessagePart::Value
                }
                TemplatePart::Path(path) if path.len() == 1 && path[0].node == "required" => {
                    MessagePart::Required
                }
                TemplatePart::Path(path) => {
                    let head = &path[0];
                    let mut expr = if head.node == "period" {
                        ast::Spanned::new(ast::ExprKind::Period, head.span)
                    } else {
                        ast::Spanned::new(ast::ExprKind::Name(head.clone()), head.span)
                    };
                    for field in &path[1..] {
                        let span = expr.span.to(field.span);
                        expr = ast::Spanned::new(
                            ast::ExprKind::Field(Box::new(expr), field.clone()),
                            span,
                        );
                    }
                    MessagePart::Expr(self.expr(&expr, false))
                }
            })
            .collect()
    }
}
