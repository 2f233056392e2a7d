//! Refs become row indices once every file is read, since datasets refer to
//! each other and to themselves. A record whose ref names no record, or a
//! rejected one, is rejected too, and so in turn are the records that refer
//! to it; then the rejected rows leave the tables and the refs are renumbered.

use rayon::prelude::*;

use super::diagnostics::ProblemKind;
use super::draft::{CellRef, KeyLookup, TableDraft};
use super::interner::{Interner, Sym};
use super::table::{Column, RowRef};
use crate::schema::{DatasetId, FieldId, Schema};

/// A ref field (or list-of-ref field) whose target was read.
struct RefField {
    dataset: DatasetId,
    field: FieldId,
    target: DatasetId,
}

pub(crate) fn resolve(drafts: &mut [Option<TableDraft>], schema: &Schema, interner: &Interner) {
    let refs = ref_fields(drafts, schema);
    let mut dead: Vec<Vec<bool>> = drafts
        .iter()
        .map(|d| vec![false; d.as_ref().map_or(0, TableDraft::rows)])
        .collect();
    for (draft, dead) in drafts.iter_mut().zip(&mut dead) {
        if let Some(draft) = draft {
            draft.check_unique_keys(dead);
        }
    }
    // A record with a duplicate key is rejected for that alone, as it is
    // when its key is checked while reading: its refs are not looked up.
    let duplicates = dead.clone();
    look_up_keys(drafts, &refs, &mut dead, &duplicates, interner);
    if dead.iter().flatten().any(|&gone| gone) {
        reject_referrers(drafts, &refs, &mut dead);
    }
    drop_rejected_rows(drafts, &refs, &dead);
}

fn ref_fields(drafts: &[Option<TableDraft>], schema: &Schema) -> Vec<RefField> {
    // Refs into a file that cannot load at all are not looked up: the file's
    // own problem says enough.
    let read = |id: DatasetId| {
        drafts
            .get(id)
            .is_some_and(|d| d.as_ref().is_some_and(|d| !d.is_fatal()))
    };
    let mut refs = Vec::new();
    for (dataset, declared) in schema.datasets.iter().enumerate() {
        if !drafts.get(dataset).is_some_and(Option::is_some) {
            continue;
        }
        for (field, declared_field) in declared.fields.iter().enumerate() {
            let Some(target) = declared_field.ty.ref_target() else {
                continue;
            };
            if read(target) {
                refs.push(RefField {
                    dataset,
                    field,
                    target,
                });
            }
        }
    }
    refs
}

/// Replaces each ref's interned key by the row it names.
fn look_up_keys(
    drafts: &mut [Option<TableDraft>],
    refs: &[RefField],
    dead: &mut [Vec<bool>],
    duplicates: &[Vec<bool>],
    interner: &Interner,
) {
    for r in refs {
        let mut column = take_column(drafts, r);
        let Some(target) = drafts[r.target].as_ref() else {
            continue;
        };
        let failures = look_up_column(&mut column, target, interner);
        let (target_name, target_file) = (target.dataset_name.clone(), target.file_name.clone());
        let Some(draft) = drafts[r.dataset].as_mut() else {
            continue;
        };
        draft.columns[r.field] = column;
        for (row, item, failure) in failures {
            if duplicates[r.dataset][row] {
                continue;
            }
            dead[r.dataset][row] = true;
            let (span, found, place) = ref_cell(draft, row, r.field, item);
            let kind = match failure {
                Ok(why) => ProblemKind::UnknownRef {
                    help: format!(
                        "check the value, or add a record with key `{found}` to `{target_file}`"
                    ),
                    found,
                    place,
                    target: target_name.clone(),
                    why,
                    span,
                },
                Err(record) => {
                    rejected_ref(found, place, &target_name, &target_file, &record, span)
                }
            };
            draft.late_problem(row, kind);
        }
    }
}

/// Why a ref names no kept record: `Ok` with a clause for the message, or
/// `Err` with the place of the rejected record it names.
type RefFailure = Result<String, String>;

/// Replaces each key of a ref (or list-of-ref) column by the row of
/// `target` it names, in parallel, and lists the values that name no kept
/// record by row and list item.
fn look_up_column(
    column: &mut Column,
    target: &TableDraft,
    interner: &Interner,
) -> Vec<(usize, Option<usize>, RefFailure)> {
    let look_up = |value: &mut Option<RowRef>| -> Option<RefFailure> {
        match target.lookup(Sym::new((*value)?.get()), interner) {
            KeyLookup::Row(target_row) => {
                *value = Some(RowRef::new(target_row));
                None
            }
            KeyLookup::Rejected(place) => Some(Err(target.record_name(place.line))),
            KeyLookup::Unknown(why) => Some(Ok(why)),
        }
    };
    let Some(refs) = RefValues::of(column) else {
        return Vec::new();
    };
    let failed: Vec<(usize, RefFailure)> = refs
        .values
        .par_iter_mut()
        .enumerate()
        .filter_map(|(index, value)| Some((index, look_up(value)?)))
        .collect();
    failed
        .into_iter()
        .map(|(index, failure)| {
            let (row, item) = refs.row_and_item(index);
            (row, item, failure)
        })
        .collect()
}

/// Rejects the records that refer to rejected records, until none is left.
/// Each pass visits every ref once; chains of rejections take a pass a link.
fn reject_referrers(drafts: &mut [Option<TableDraft>], refs: &[RefField], dead: &mut [Vec<bool>]) {
    loop {
        let mut changed = false;
        for r in refs {
            let mut column = take_column(drafts, r);
            let mut kills = Vec::new();
            if let Some(refs) = RefValues::of(&mut column) {
                for (index, value) in refs.values.iter().enumerate() {
                    let Some(target_row) = value.map(RowRef::get) else {
                        continue;
                    };
                    if !dead[r.target]
                        .get(target_row as usize)
                        .copied()
                        .unwrap_or(false)
                    {
                        continue;
                    }
                    let (row, item) = refs.row_and_item(index);
                    if !dead[r.dataset][row] {
                        kills.push((row, item, target_row));
                    }
                }
            }
            let Some(target) = drafts[r.target].as_ref() else {
                continue;
            };
            let (target_name, target_file) =
                (target.dataset_name.clone(), target.file_name.clone());
            let records: Vec<String> = kills
                .iter()
                .map(|&(_, _, t)| target.record_name(target.origins[t as usize].line))
                .collect();
            let Some(draft) = drafts[r.dataset].as_mut() else {
                continue;
            };
            draft.columns[r.field] = column;
            for ((row, item, _), record) in kills.into_iter().zip(records) {
                dead[r.dataset][row] = true;
                changed = true;
                let (span, found, place) = ref_cell(draft, row, r.field, item);
                draft.late_problem(
                    row,
                    rejected_ref(found, place, &target_name, &target_file, &record, span),
                );
            }
        }
        if !changed {
            return;
        }
    }
}

fn drop_rejected_rows(drafts: &mut [Option<TableDraft>], refs: &[RefField], dead: &[Vec<bool>]) {
    let renumbered: Vec<Vec<u32>> = dead
        .iter()
        .map(|dead| {
            let mut next = 0;
            dead.iter()
                .map(|&gone| {
                    next += u32::from(!gone);
                    if gone {
                        u32::MAX
                    } else {
                        next - 1
                    }
                })
                .collect()
        })
        .collect();
    for (draft, dead) in drafts.iter_mut().zip(dead) {
        if let Some(draft) = draft {
            if dead.contains(&true) {
                draft.drop_rows(dead);
            }
        }
    }
    for r in refs {
        if !dead[r.target].contains(&true) {
            continue;
        }
        let new_row = |row: u32| {
            renumbered[r.target]
                .get(row as usize)
                .copied()
                .unwrap_or(u32::MAX)
        };
        if let Some(draft) = drafts[r.dataset].as_mut() {
            draft.columns[r.field].remap_refs(&new_row);
        }
    }
}

/// Moves a ref column out of its draft, so that the target draft (possibly
/// the same one) can be read while the column is written.
fn take_column(drafts: &mut [Option<TableDraft>], r: &RefField) -> Column {
    drafts[r.dataset]
        .as_mut()
        .map(|draft| std::mem::replace(&mut draft.columns[r.field], Column::Ref(Vec::new())))
        .unwrap_or(Column::Ref(Vec::new()))
}

/// The values of a ref or list-of-ref column end to end, and for a list
/// the offsets of its rows' items.
struct RefValues<'c> {
    values: &'c mut [Option<RowRef>],
    offsets: Option<&'c [u32]>,
}

impl<'c> RefValues<'c> {
    fn of(column: &'c mut Column) -> Option<Self> {
        let (values, offsets) = match column {
            Column::Ref(values) => (values, None),
            Column::List { offsets, items } => match &mut **items {
                Column::Ref(values) => (values, Some(offsets.as_slice())),
                _ => return None,
            },
            _ => return None,
        };
        Some(RefValues { values, offsets })
    }

    /// The row, and for a list the item, of the `index`-th value.
    fn row_and_item(&self, index: usize) -> (usize, Option<usize>) {
        match self.offsets {
            None => (index, None),
            Some(offsets) => {
                let row = offsets.partition_point(|&start| start as usize <= index) - 1;
                (row, Some(index - offsets[row] as usize))
            }
        }
    }
}

/// The span, text and name of a ref cell (or list item).
fn ref_cell(
    draft: &TableDraft,
    row: usize,
    field: FieldId,
    item: Option<usize>,
) -> (miette::SourceSpan, String, String) {
    let slot = draft.slot_of_field[field];
    let span = draft.cell_span_in(draft.places[row], CellRef { slot, item });
    (
        span,
        draft.quote(span),
        draft.place_of(draft.places[row], slot),
    )
}

fn rejected_ref(
    found: String,
    place: String,
    target: &str,
    file: &str,
    record: &str,
    span: miette::SourceSpan,
) -> ProblemKind {
    ProblemKind::RejectedRef {
        found,
        place,
        target: target.to_owned(),
        span,
        help: format!("the record on {record} of `{file}` was rejected; once it is corrected, this record loads too"),
    }
}
