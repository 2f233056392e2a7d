//! Dataset declarations to the checked [`Schema`].

use std::collections::HashMap;

use super::error;
use crate::diagnostic::Diagnostic;
use crate::schema::{Dataset, Field, FieldType, Schema};
use crate::source::Span;
use crate::syntax::ast::{DatasetDecl, TypeExpr};

/// Builds the schema from every dataset declaration of every file, reporting
/// each problem. Declarations are taken in order; a duplicate is reported and
/// skipped.
pub fn build(decls: &[(&DatasetDecl, bool)], diagnostics: &mut Vec<Diagnostic>) -> Schema {
    let mut schema = Schema::default();
    let mut first_seen: HashMap<&str, (Span, bool)> = HashMap::new();
    let mut kept = Vec::new();
    for (decl, builtin) in decls {
        if let Some(&(first, first_builtin)) = first_seen.get(decl.name.node.as_str()) {
            diagnostics.push(if first_builtin {
                error::builtin_dataset(&decl.name.node, decl.name.span)
            } else {
                error::duplicate(
                    "xuncha::check::duplicate-dataset",
                    "dataset",
                    &decl.name.node,
                    decl.name.span,
                    first,
                )
            });
            continue;
        }
        first_seen.insert(&decl.name.node, (decl.name.span, *builtin));
        schema.datasets.push(Dataset {
            name: decl.name.node.clone(),
            fields: Vec::new(),
            key: None,
            time: None,
            lifetime: None,
            builtin: *builtin,
            span: decl.name.span,
        });
        kept.push(*decl);
    }
    // Fields second: a `ref` may name a dataset declared later.
    for (id, decl) in kept.into_iter().enumerate() {
        let fields = fields(&schema, decl, diagnostics);
        let dataset = &mut schema.datasets[id];
        for (field_id, (field, key, time)) in fields.into_iter().enumerate() {
            if key {
                set_once(&mut dataset.key, field_id, &field, "key", diagnostics);
            }
            if time {
                set_once(&mut dataset.time, field_id, &field, "@time", diagnostics);
            }
            if field.ty == FieldType::Lifetime {
                set_once(
                    &mut dataset.lifetime,
                    field_id,
                    &field,
                    "lifetime",
                    diagnostics,
                );
            }
            dataset.fields.push(field);
        }
    }
    schema
}

fn set_once(
    slot: &mut Option<usize>,
    id: usize,
    field: &Field,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if slot.is_some() {
        diagnostics.push(error::schema_problem(
            "xuncha::check::repeated-mark",
            format!("a dataset has at most one {what} field"),
            field.span,
            "a second one",
            "keep one; the others are ordinary fields",
        ));
    } else {
        *slot = Some(id);
    }
}

fn fields(
    schema: &Schema,
    decl: &DatasetDecl,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Field, bool, bool)> {
    let mut out: Vec<(Field, bool, bool)> = Vec::new();
    for f in &decl.fields {
        if let Some((first, _, _)) = out.iter().find(|(g, _, _)| g.name == f.name.node) {
            diagnostics.push(error::duplicate(
                "xuncha::check::duplicate-field",
                "field",
                &f.name.node,
                f.name.span,
                first.span,
            ));
            continue;
        }
        let Some(ty) = field_type(schema, &f.ty.node, diagnostics) else {
            continue;
        };
        let key_type = matches!(ty, FieldType::Text | FieldType::Int);
        if f.key && !key_type {
            diagnostics.push(error::schema_problem(
                "xuncha::check::bad-key",
                format!(
                    "the key `{}` must be a required text or int field",
                    f.name.node
                ),
                f.ty.span,
                "not a valid key type",
                "a key identifies a record: write `key id: text`",
            ));
        } else if f.key && f.optional {
            let mark = f.optional_mark.as_ref().map_or(f.ty.span, |m| m.span);
            diagnostics.push(error::schema_problem(
                "xuncha::check::bad-key",
                format!("the key `{}` cannot be optional", f.name.node),
                mark,
                "optional here",
                "every record needs its key: remove the `?`",
            ));
        }
        if f.time && !matches!(ty, FieldType::Date | FieldType::DateTime) {
            diagnostics.push(error::schema_problem(
                "xuncha::check::bad-time-field",
                format!(
                    "the time field `{}` must be a date or datetime",
                    f.name.node
                ),
                f.ty.span,
                "not a date",
                "`@time` marks the date that places a record in a period",
            ));
        }
        if f.time && f.optional {
            diagnostics.push(error::schema_problem(
                "xuncha::check::optional-time-field",
                format!("the time field `{}` cannot be optional", f.name.node),
                f.optional_mark.as_ref().map_or(f.ty.span, |m| m.span),
                "optional here",
                "a record without a date could not be placed in any period; remove the `?`",
            ));
        }
        let field = Field {
            name: f.name.node.clone(),
            ty,
            optional: f.optional,
            span: f.name.span,
        };
        out.push((field, f.key, f.time));
    }
    out
}

fn field_type(
    schema: &Schema,
    ty: &TypeExpr,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FieldType> {
    Some(match ty {
        TypeExpr::Text => FieldType::Text,
        TypeExpr::Int => FieldType::Int,
        TypeExpr::Decimal => FieldType::Decimal,
        TypeExpr::Bool => FieldType::Bool,
        TypeExpr::Date => FieldType::Date,
        TypeExpr::DateTime => FieldType::DateTime,
        TypeExpr::Lifetime => FieldType::Lifetime,
        TypeExpr::List(item) => FieldType::List(Box::new(field_type(schema, item, diagnostics)?)),
        TypeExpr::Ref(target) => match schema.dataset(&target.node) {
            Some(id) => FieldType::Ref(id),
            None => {
                let names: Vec<&str> = schema.datasets.iter().map(|d| d.name.as_str()).collect();
                let suggestion = error::did_you_mean(&target.node, names.iter().copied());
                diagnostics.push(error::unknown_dataset(
                    &target.node,
                    target.span,
                    suggestion,
                    &names,
                ));
                return None;
            }
        },
    })
}
