//! Which source column (a CSV header or a JSON key) feeds which field. Most
//! fields read one column named like the field; a lifetime reads two,
//! `<field>_from` and `<field>_to`; the project file may rename any of them.

use miette::SourceSpan;

use crate::project::{DataFormat, DatasetBinding, ProjectProblem};
use crate::schema::{Dataset, FieldId, FieldType};

use super::diagnostics::{did_you_mean, ProblemKind};

/// The part of a field's value that a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Whole,
    /// The first day of a lifetime.
    From,
    /// The last day of a lifetime.
    To,
}

/// One source column read into (part of) a field.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub field: FieldId,
    pub bound: Bound,
    /// The name the project file maps: the field's, or `<field>_from`/`_to`.
    pub name: String,
    /// The column's name in the source.
    pub column: String,
    /// How messages name it: "column `日期` (field `at`)".
    pub place: String,
}

/// The slots of a dataset in field order: the order in which a record's
/// cells are written.
pub(crate) fn slots(dataset: &Dataset, binding: &DatasetBinding) -> Vec<Slot> {
    let noun = match binding.format {
        DataFormat::JsonLines => "key",
        DataFormat::Csv | DataFormat::Workbook | DataFormat::Sqlite => "column",
    };
    let mut slots = Vec::new();
    for (field, name, bound) in slot_names(dataset) {
        let column = binding
            .columns
            .get(&name)
            .map_or_else(|| name.clone(), |m| m.column.clone());
        let place = if column == name {
            format!("{noun} `{column}`")
        } else {
            format!("{noun} `{column}` (field `{name}`)")
        };
        slots.push(Slot {
            field,
            bound,
            name,
            column,
            place,
        });
    }
    slots
}

/// Mapping entries in the project file that name no field of the dataset.
pub(crate) fn check_mapping(dataset: &Dataset, binding: &DatasetBinding) -> Vec<ProjectProblem> {
    let names: Vec<String> = slot_names(dataset).map(|(_, name, _)| name).collect();
    binding
        .columns
        .iter()
        .filter(|(field, _)| !names.contains(field))
        .map(|(field, mapping)| ProjectProblem::UnknownField {
            dataset: dataset.name.clone(),
            field: field.clone(),
            span: mapping.span,
            help: match did_you_mean(field, names.iter().map(String::as_str)) {
                Some(name) => format!("did you mean `{name}`?"),
                None => format!("the fields of `{}` are: {}", dataset.name, names.join(", ")),
            },
        })
        .collect()
}

pub(crate) fn slot_names(dataset: &Dataset) -> impl Iterator<Item = (FieldId, String, Bound)> + '_ {
    dataset.fields.iter().enumerate().flat_map(|(id, field)| {
        let names = match field.ty {
            FieldType::Lifetime => vec![
                (id, format!("{}_from", field.name), Bound::From),
                (id, format!("{}_to", field.name), Bound::To),
            ],
            _ => vec![(id, field.name.clone(), Bound::Whole)],
        };
        names.into_iter()
    })
}

/// Finds each slot's column among the `names` of a header, which `header`
/// spans; `span_of(i)` spans the header's `i`-th name. A column that is
/// missing or repeated is a problem, and reads no slot.
pub(crate) fn map_columns(
    names: &[&str],
    slots: &[Slot],
    dataset: &str,
    header: SourceSpan,
    span_of: impl Fn(usize) -> SourceSpan,
) -> (Vec<Option<usize>>, Vec<ProblemKind>) {
    let mut problems = Vec::new();
    let mut columns = Vec::with_capacity(slots.len());
    for slot in slots {
        let mut found = names
            .iter()
            .enumerate()
            .filter(|(_, name)| **name == slot.column)
            .map(|(i, _)| i);
        let first = found.next();
        let repeats: Vec<usize> = found.collect();
        if let Some(&again) = repeats.first() {
            problems.push(ProblemKind::DuplicateColumn {
                column: slot.column.clone(),
                count: repeats.len() + 1,
                span: span_of(again),
            });
        }
        if first.is_none() {
            problems.push(ProblemKind::MissingColumn {
                column: slot.column.clone(),
                span: header,
                help: missing_column_help(slot, names, dataset),
            });
        }
        columns.push(first.filter(|_| repeats.is_empty()));
    }
    (columns, problems)
}

fn missing_column_help(slot: &Slot, names: &[&str], dataset: &str) -> String {
    let mapping = format!("[datasets.{dataset}.columns] {} = \"…\"", slot.name);
    match did_you_mean(&slot.column, names.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? To read `{}` from another column, map it in the project file: {mapping}", slot.name),
        None => {
            let named: Vec<&&str> = names.iter().filter(|n| !n.is_empty()).collect();
            let listed: Vec<String> = named.iter().take(12).map(|n| format!("`{n}`")).collect();
            let more = if named.len() > 12 { ", …" } else { "" };
            format!("the columns are {}{more}; to read `{}` from one of them, map it in the project file: {mapping}", listed.join(", "), slot.name)
        }
    }
}
