//! Checking test blocks: the rule they try, their period and as-of date,
//! their records against the schema (every cell, key and reference, with
//! its place in the rule file), and their expectations against the rule.

use std::collections::HashMap;
use std::path::Path;

use super::error::{did_you_mean, unknown_dataset, with_suggestion};
use super::ir::{CheckedRule, CheckedTest, Expectation, Step, TestData, TestRecords};
use super::waivers::{bad_period, KnownRules};
use crate::data::{
    parse_bool, parse_date, parse_datetime, parse_decimal, parse_int, slot_names, ListSeparator,
    ValueError,
};
use crate::diagnostic::Diagnostic;
use crate::eval::outcome::Status;
use crate::eval::period::{parse_range, period_at, Period};
use crate::schema::{Dataset, DatasetId, FieldType, Schema};
use crate::source::Span;
use crate::syntax::ast::{Expect, Records, RecordsSource, Row, Spanned, TestClause, TestDecl};

/// Checks one test block. `dir` is the folder of its rule file, against
/// which `records … from "file"` is resolved.
pub fn check_test(
    decl: &TestDecl,
    dir: &Path,
    schema: &Schema,
    rules: &KnownRules,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CheckedTest> {
    let before = diagnostics.len();
    let mut rule_id: Option<&Spanned<String>> = None;
    let mut range: Option<(&Spanned<String>, Option<Period>)> = None;
    let mut as_of: Option<&Spanned<i32>> = None;
    let mut records = Vec::new();
    let mut expects = Vec::new();
    for clause in &decl.clauses {
        let first = match clause {
            TestClause::Rule(id) => set_once(&mut rule_id, id).map(|f| ("rule", f.span)),
            TestClause::Period(p) => match range {
                Some((first, _)) => Some(("period", first.span)),
                None => {
                    let parsed = parse_range(&p.node)
                        .map_err(|e| diagnostics.push(bad_period(&e.to_string(), p.span)))
                        .ok();
                    range = Some((p, parsed));
                    None
                }
            },
            TestClause::AsOf(d) => set_once(&mut as_of, d).map(|f| ("as of", f.span)),
            TestClause::Records(r) => {
                records.push(r);
                None
            }
            TestClause::Expect(e) => {
                expects.push(e);
                None
            }
        };
        if let Some((what, first)) = first {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::repeated-clause",
                    format!("a test has one `{what}`"),
                )
                .with_label(clause.span(), "another one here")
                .with_label(first, "the first one")
                .with_help("write another test for another case"),
            );
        }
    }
    let missing = |what: &str, example: &str| {
        Diagnostic::error(
            "xuncha::check::incomplete-test",
            format!("test \"{}\" does not say {what}", decl.name.node),
        )
        .with_label(decl.name.span, "this test")
        .with_help(format!("add {example}"))
    };
    let rule = match rule_id {
        None => {
            diagnostics.push(missing("which rule it tries", "`rule S01`"));
            None
        }
        Some(id) => rules.find(id, diagnostics),
    };
    if range.is_none() {
        diagnostics.push(missing(
            "which period it evaluates",
            "`period 2021` (or 2021-H1, 2021-Q3, 2021-07, 2021-01-01..2021-09-30)",
        ));
    }
    if expects.is_empty() {
        diagnostics.push(missing(
            "what it expects",
            "an expected outcome such as `expect D01 2021 pass`",
        ));
    }
    let checked_records = check_records(&records, dir, schema, diagnostics);
    let range = range.and_then(|(_, parsed)| parsed);
    let expectations: Vec<Expectation> = expects
        .iter()
        .filter_map(|e| check_expect(e, rule, range.as_ref(), diagnostics))
        .collect();
    if diagnostics.len() > before {
        return None;
    }
    let range = range?;
    Some(CheckedTest {
        name: decl.name.node.clone(),
        span: decl.name.span,
        rule: rule?.id.clone(),
        as_of: as_of.map_or(range.end, |d| d.node),
        range,
        records: checked_records,
        expects: expectations,
    })
}

fn set_once<'a, T>(slot: &mut Option<&'a T>, value: &'a T) -> Option<&'a T> {
    match slot {
        Some(first) => Some(*first),
        None => {
            *slot = Some(value);
            None
        }
    }
}

fn check_expect(
    e: &Expect,
    rule: Option<&CheckedRule>,
    range: Option<&Period>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Expectation> {
    let status = e.status.node;
    if let Some(found) = &e.found {
        if !matches!(status, Status::Violation | Status::Pending) {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::found-without-failure",
                    format!("a {} outcome has no value found", status.as_str()),
                )
                .with_label(found.span, "never reported for this status")
                .with_help("the value found is reported for violations and pending outcomes only"),
            );
        }
    }
    let period = match parse_range(&e.period.node) {
        Ok(p) => Some(p),
        Err(error) => {
            diagnostics.push(bad_period(&error.to_string(), e.period.span));
            None
        }
    };
    if let (Some(rule), Some(range), Some(period)) = (rule, range, &period) {
        check_period_of_rule(rule, range, period, e.period.span, diagnostics);
    }
    if let Some(rule) = rule {
        let scope: Vec<&str> = rule
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Each { var, .. } => Some(rule.vars[*var].name.as_str()),
                Step::Let { .. } => None,
            })
            .collect();
        if scope.len() != e.subject.len() {
            let span = match e.subject.first() {
                Some(first) => first.span.to(e.subject[e.subject.len() - 1].span),
                None => e.period.span,
            };
            let (message, help) = match scope.len() {
                0 => (
                    format!("rule {} judges the organisation as a whole", rule.id),
                    "name no unit: `expect 2021 pass`".to_owned(),
                ),
                n => (
                    format!(
                        "rule {} judges {} per outcome ({}), this names {}",
                        rule.id,
                        plural(n, "scope entity", "scope entities"),
                        scope.join(", "),
                        e.subject.len()
                    ),
                    format!(
                        "name the key of each, outermost first, separated by `/`: `expect {} 2021 pass`",
                        scope
                            .iter()
                            .map(|v| v.to_uppercase())
                            .collect::<Vec<_>>()
                            .join(" / ")
                    ),
                ),
            };
            diagnostics.push(
                Diagnostic::error("xuncha::check::expect-scope", message)
                    .with_label(span, "the outcome's scope")
                    .with_help(help),
            );
        }
    }
    period?;
    Some(Expectation {
        subject: e.subject.iter().map(|k| k.node.clone()).collect(),
        period: e.period.node.clone(),
        status,
        found: e.found.as_ref().map(|f| f.node.clone()),
        span: e.span,
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// An expected period must be one the rule is judged for in the test.
fn check_period_of_rule(
    rule: &CheckedRule,
    range: &Period,
    period: &Period,
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (fits, kind) = match rule.every {
        Some(every) => (
            period_at(every.unit, period.start).label == period.label,
            format!("per {}", every.unit.as_str()),
        ),
        None => (
            period.label == range.label,
            format!("once over the test's period, {}", range.label),
        ),
    };
    let inside = period.start <= range.end && range.start <= period.end;
    if !fits {
        let example = match rule.every {
            Some(every) => period_at(every.unit, range.start).label,
            None => range.label.clone(),
        };
        diagnostics.push(
            Diagnostic::error(
                "xuncha::check::expect-period",
                format!("rule {} is judged {kind}", rule.id),
            )
            .with_label(span, "not one of its periods")
            .with_help(format!(
                "name its period as a run labels it, such as {example}"
            )),
        );
    } else if !inside {
        diagnostics.push(
            Diagnostic::error(
                "xuncha::check::expect-period",
                format!(
                    "{} lies outside the test's period {}",
                    period.label, range.label
                ),
            )
            .with_label(span, "never evaluated")
            .with_help("widen the test's `period`, or expect an outcome inside it"),
        );
    }
}

/// A reference written in a cell, resolved once every table is read.
struct RefCell<'a> {
    target: DatasetId,
    value: &'a str,
    span: Span,
}

/// The records of each dataset, checked. Cells are checked as the loader
/// reads them, so that what passes here loads, and every problem points
/// into the rule file.
fn check_records(
    records: &[&Records],
    dir: &Path,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TestRecords> {
    let mut out = Vec::new();
    let mut seen: HashMap<DatasetId, Span> = HashMap::new();
    let mut keys: HashMap<DatasetId, Vec<String>> = HashMap::new();
    let mut refs: Vec<RefCell> = Vec::new();
    for r in records {
        let Some(id) = dataset_of(schema, &r.dataset, diagnostics) else {
            continue;
        };
        if let Some(first) = seen.insert(id, r.dataset.span) {
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::repeated-records",
                    format!("the records of `{}` are given twice", r.dataset.node),
                )
                .with_label(r.dataset.span, "again here")
                .with_label(first, "first here")
                .with_help("give all records of a dataset in one table"),
            );
            continue;
        }
        let data = match &r.source {
            RecordsSource::File(path) => TestData::File(dir.join(&path.node)),
            RecordsSource::Table(rows) => {
                let dataset = &schema.datasets[id];
                let table = TableCheck::new(dataset, rows, diagnostics);
                let (key_values, table_refs) = table.check_rows(rows, diagnostics);
                keys.insert(id, key_values);
                refs.extend(table_refs);
                TestData::Table {
                    columns: rows
                        .first()
                        .map(|h| h.cells.iter().map(|c| c.node.clone()).collect())
                        .unwrap_or_default(),
                    rows: rows
                        .iter()
                        .skip(1)
                        .map(|r| r.cells.iter().map(|c| c.node.clone()).collect())
                        .collect(),
                }
            }
        };
        out.push(TestRecords {
            dataset: id,
            data,
            span: r.span,
        });
    }
    for r in refs {
        let target = &schema.datasets[r.target];
        let given = out.iter().find(|t| t.dataset == r.target);
        let known = match given.map(|t| &t.data) {
            Some(TestData::File(_)) => continue,
            _ if target.builtin => continue,
            Some(TestData::Table { .. }) => keys
                .get(&r.target)
                .is_some_and(|k| k.iter().any(|k| same_key(target, k, r.value))),
            None => false,
        };
        if known {
            continue;
        }
        let d = Diagnostic::error(
            "xuncha::check::unknown-reference",
            format!("no record `{}` in `{}`", r.value, target.name),
        )
        .with_label(r.span, format!("not a key of `{}`", target.name));
        diagnostics.push(match given {
            None => d.with_help(format!(
                "this test gives no records of `{}`: add `records {} {{ … }}` with this record",
                target.name, target.name
            )),
            Some(_) => {
                let candidates = keys.get(&r.target).map(Vec::as_slice).unwrap_or_default();
                with_suggestion(
                    d,
                    did_you_mean(r.value, candidates.iter().map(String::as_str)),
                    format!("add a record `{}` to `{}`", r.value, target.name),
                )
            }
        });
    }
    out
}

fn same_key(dataset: &Dataset, key: &str, value: &str) -> bool {
    match dataset.key.map(|k| &dataset.fields[k].ty) {
        Some(FieldType::Int) => parse_int(key).ok().is_some() && parse_int(key) == parse_int(value),
        _ => key == value,
    }
}

fn dataset_of(
    schema: &Schema,
    name: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DatasetId> {
    let Some(id) = schema.dataset(&name.node) else {
        let names: Vec<&str> = schema
            .datasets
            .iter()
            .filter(|d| !d.builtin)
            .map(|d| d.name.as_str())
            .collect();
        let suggestion = did_you_mean(&name.node, names.iter().copied());
        diagnostics.push(unknown_dataset(&name.node, name.span, suggestion, &names));
        return None;
    };
    if schema.datasets[id].builtin {
        diagnostics.push(
            Diagnostic::error(
                "xuncha::check::builtin-records",
                format!("`{}` is built in", name.node),
            )
            .with_label(name.span, "filled by the program")
            .with_help("a test's holidays are the official calendar's; remove these records"),
        );
        return None;
    }
    Some(id)
}

/// What one column of a table holds.
#[derive(Clone)]
struct ColumnSlot {
    ty: FieldType,
    required: bool,
    key: bool,
    name: String,
}

struct TableCheck<'d> {
    dataset: &'d Dataset,
    /// One per header cell; `None` for a column that names no field.
    slots: Vec<Option<ColumnSlot>>,
}

impl<'d> TableCheck<'d> {
    /// Reads the header: every column must name a field (a lifetime's
    /// `_from` and `_to`), once, and every required field needs a column.
    fn new(dataset: &'d Dataset, rows: &[Row], diagnostics: &mut Vec<Diagnostic>) -> Self {
        let Some(header) = rows.first() else {
            return TableCheck {
                dataset,
                slots: Vec::new(),
            };
        };
        let names = column_names(dataset);
        let mut slots = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for cell in &header.cells {
            let name = cell.node.as_str();
            if let Some(first) = seen.insert(name, cell.span) {
                diagnostics.push(
                    Diagnostic::error(
                        "xuncha::check::duplicate-column",
                        format!("column `{name}` is named twice"),
                    )
                    .with_label(cell.span, "again here")
                    .with_label(first, "first here")
                    .with_help("name each column once"),
                );
                slots.push(None);
                continue;
            }
            let slot = column_slot(dataset, name);
            if slot.is_none() {
                let d = Diagnostic::error(
                    "xuncha::check::unknown-column",
                    format!("dataset `{}` has no field `{name}`", dataset.name),
                )
                .with_label(cell.span, "unknown column");
                diagnostics.push(with_suggestion(
                    d,
                    did_you_mean(name, names.iter().map(String::as_str)),
                    format!(
                        "the columns of `{}` are: {}",
                        dataset.name,
                        names.join(", ")
                    ),
                ));
            }
            slots.push(slot);
        }
        let absent: Vec<String> = dataset
            .fields
            .iter()
            .filter(|f| required(f.optional, &f.ty) && !seen.contains_key(f.name.as_str()))
            .map(|f| format!("`{}`", f.name))
            .collect();
        if !absent.is_empty() {
            let (what, them) = if absent.len() == 1 {
                ("field", "it")
            } else {
                ("fields", "them")
            };
            diagnostics.push(
                Diagnostic::error(
                    "xuncha::check::missing-column",
                    format!(
                        "the records of `{}` have no column for the required {what} {}",
                        dataset.name,
                        absent.join(", ")
                    ),
                )
                .with_label(header.span, "the header")
                .with_help(format!(
                    "every record needs a value: add {them} to the header"
                )),
            );
        }
        TableCheck { dataset, slots }
    }

    /// Checks every cell of the rows after the header; returns the keys
    /// (normalised) and the references to resolve.
    fn check_rows<'r>(
        &self,
        rows: &'r [Row],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<String>, Vec<RefCell<'r>>) {
        let mut keys: Vec<String> = Vec::new();
        let mut key_spans: HashMap<String, Span> = HashMap::new();
        let mut refs = Vec::new();
        for row in rows.iter().skip(1) {
            if row.cells.len() != self.slots.len() {
                diagnostics.push(
                    Diagnostic::error(
                        "xuncha::check::row-length",
                        format!(
                            "this row has {}, the header names {}",
                            plural(row.cells.len(), "cell", "cells"),
                            plural(self.slots.len(), "column", "columns")
                        ),
                    )
                    .with_label(row.span, "this row")
                    .with_help("write one cell per column, leaving a missing value empty: `D01, , 2015-01-01`"),
                );
                continue;
            }
            for (cell, slot) in row.cells.iter().zip(&self.slots) {
                let Some(slot) = slot else {
                    continue;
                };
                self.check_cell(cell, slot, &mut refs, diagnostics);
                if slot.key && !cell.node.is_empty() {
                    let key = normal_key(&slot.ty, &cell.node);
                    if let Some(first) = key_spans.get(&key) {
                        diagnostics.push(
                            Diagnostic::error(
                                "xuncha::check::duplicate-key",
                                format!(
                                    "two records of `{}` have the key `{}`",
                                    self.dataset.name, cell.node
                                ),
                            )
                            .with_label(cell.span, "again here")
                            .with_label(*first, "first here")
                            .with_help("a key identifies one record: give each its own"),
                        );
                    } else {
                        key_spans.insert(key.clone(), cell.span);
                        keys.push(cell.node.clone());
                    }
                }
            }
        }
        (keys, refs)
    }

    fn check_cell<'r>(
        &self,
        cell: &'r Spanned<String>,
        slot: &ColumnSlot,
        refs: &mut Vec<RefCell<'r>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let text = cell.node.as_str();
        if text.is_empty() {
            if slot.required {
                diagnostics.push(
                    Diagnostic::error(
                        "xuncha::check::missing-value",
                        format!("`{}` is required", slot.name),
                    )
                    .with_label(cell.span, "empty")
                    .with_help(format!(
                        "fill it in; field `{}` of `{}` is not optional",
                        slot.name, self.dataset.name
                    )),
                );
            }
            return;
        }
        match &slot.ty {
            FieldType::List(item) => {
                // Split as the loader splits a list cell by default.
                for (offset, value) in ListSeparator::new(";").items(text) {
                    let span = item_span(cell, text, offset, value.len());
                    check_value(item, value, span, &slot.name, refs, diagnostics);
                }
            }
            ty => check_value(ty, text, cell.span, &slot.name, refs, diagnostics),
        }
    }
}

/// The span of a list item at `offset` in a cell's text: inside the cell
/// as written, or the whole cell if escapes make the two differ.
fn item_span(cell: &Spanned<String>, text: &str, offset: usize, len: usize) -> Span {
    let lead = if cell.span.len() == text.len() {
        0
    } else if cell.span.len() == text.len() + 2 {
        1
    } else {
        return cell.span;
    };
    let start = cell.span.start as usize + lead + offset;
    Span::new(cell.span.file, start, start + len)
}

fn check_value<'r>(
    ty: &FieldType,
    text: &'r str,
    span: Span,
    field: &str,
    refs: &mut Vec<RefCell<'r>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (result, expected) = match ty {
        FieldType::Int => (parse_int(text).map(drop), "a whole number"),
        FieldType::Decimal => (parse_decimal(text).map(drop), "a number"),
        FieldType::Bool => (parse_bool(text).map(drop), "true or false"),
        FieldType::Date => (parse_date(text).map(drop), "a date such as 2021-03-01"),
        FieldType::DateTime => (
            parse_datetime(text).map(drop),
            "a date and time such as 2021-03-01 14:30",
        ),
        FieldType::Ref(target) => {
            refs.push(RefCell {
                target: *target,
                value: text,
                span,
            });
            return;
        }
        FieldType::List(_) | FieldType::Lifetime => (Err(ValueError::NotAnItem), "a single value"),
        FieldType::Text => return,
    };
    if let Err(error) = result {
        let why = match error {
            ValueError::Date(Some(why))
            | ValueError::DateTime(Some(why))
            | ValueError::Int(Some(why))
            | ValueError::Decimal(Some(why)) => format!(": {why}"),
            _ => String::new(),
        };
        diagnostics.push(
            Diagnostic::error(
                "xuncha::check::bad-value",
                format!("`{text}` is not {expected}{why}"),
            )
            .with_label(span, format!("field `{field}`"))
            .with_help(format!(
                "write {expected}, or leave the cell empty if `{field}` is optional"
            )),
        );
    }
}

fn required(optional: bool, ty: &FieldType) -> bool {
    !optional && !matches!(ty, FieldType::List(_) | FieldType::Lifetime)
}

fn normal_key(ty: &FieldType, text: &str) -> String {
    match (ty, parse_int(text)) {
        (FieldType::Int, Ok(n)) => n.to_string(),
        _ => text.to_owned(),
    }
}

/// The columns a dataset's records may have: its fields, a lifetime as
/// `<field>_from` and `<field>_to`.
pub fn column_names(dataset: &Dataset) -> Vec<String> {
    slot_names(dataset).map(|(_, name, _)| name).collect()
}

fn column_slot(dataset: &Dataset, name: &str) -> Option<ColumnSlot> {
    let is_key = |id| dataset.key == Some(id);
    if let Some(id) = dataset.field(name) {
        let f = &dataset.fields[id];
        if f.ty != FieldType::Lifetime {
            return Some(ColumnSlot {
                ty: f.ty.clone(),
                required: required(f.optional, &f.ty),
                key: is_key(id),
                name: f.name.clone(),
            });
        }
    }
    let base = name
        .strip_suffix("_from")
        .or_else(|| name.strip_suffix("_to"))?;
    let id = dataset.field(base)?;
    (dataset.fields[id].ty == FieldType::Lifetime).then(|| ColumnSlot {
        ty: FieldType::Date,
        required: false,
        key: false,
        name: name.to_owned(),
    })
}
