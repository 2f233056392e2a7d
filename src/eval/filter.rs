//! Reading the shape of a filter: its conjuncts, and which of them speak
//! of the record's own fields. The planner, the open-window test and the
//! evidence all ask these questions.

use crate::check::ir::{Expr, ExprKind, VarId};

/// The parts of a filter joined by `and`, in order.
pub fn conjuncts(e: &Expr) -> Vec<&Expr> {
    let mut out = Vec::new();
    let mut pending = vec![e];
    while let Some(e) = pending.pop() {
        match &e.kind {
            ExprKind::And(a, b) => {
                pending.push(b);
                pending.push(a);
            }
            _ => out.push(e),
        }
    }
    out
}

/// Whether `e` reads field `field` of the record bound to `var`.
pub fn is_field_of(e: &Expr, var: VarId, field: usize) -> bool {
    matches!(&e.kind, ExprKind::Field { record, field: f, .. }
        if *f == field && matches!(record.kind, ExprKind::Var(v) if v == var))
}
