//! Reading a JSON Lines file: one object per line. Each line is scanned once
//! for the keys of the slots, whose values are taken as raw JSON text and
//! parsed straight into the columns; other keys are skipped.

use std::borrow::Cow;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;

use super::cells;
use super::decode::Decoded;
use super::diagnostics::ProblemKind;
use super::draft::{CellLocator, CellRef, DraftSource, RecordPlace, TableDraft};
use super::interner::Interner;
use super::slots::Slot;
use super::table::Column;
use super::value_parse::ValueError;
use crate::schema::{Dataset, DatasetId};

/// Which key holds each slot.
#[derive(Debug, Clone)]
pub(crate) struct JsonLayout {
    slot_of_key: FxHashMap<Box<str>, usize>,
    slots: usize,
}

/// A byte range within a line.
type Range = (usize, usize);

impl JsonLayout {
    fn new(slots: &[Slot]) -> Self {
        let slot_of_key = slots
            .iter()
            .enumerate()
            .map(|(i, slot)| (slot.column.as_str().into(), i))
            .collect();
        JsonLayout {
            slot_of_key,
            slots: slots.len(),
        }
    }

    /// The byte range, in `line`, of a value (inside its quotes), of one item
    /// of an array value, or, for a missing key, of the closing brace.
    pub fn cell_range(&self, line: &str, cell: CellRef) -> Range {
        let mut values = vec![None; self.slots];
        let _ = scan_object(line, self, &mut values, &mut Vec::new());
        let Some((start, end)) = values[cell.slot] else {
            let brace = line.trim_end().len().saturating_sub(1);
            return (brace, brace);
        };
        let (start, end) = match cell.item {
            Some(item) => serde_json::from_str::<Vec<&RawValue>>(&line[start..end])
                .ok()
                .and_then(|items| items.get(item).map(|raw| range_in(line, raw.get())))
                .unwrap_or((start, end)),
            None => (start, end),
        };
        if line[start..end].starts_with('"') && end - start >= 2 {
            (start + 1, end - 1)
        } else {
            (start, end)
        }
    }
}

pub(crate) fn read(
    id: DatasetId,
    dataset: &Dataset,
    source: DraftSource,
    decoded: &Decoded,
    slots: Vec<Slot>,
    interner: &mut Interner,
) -> TableDraft {
    let text = source.text.clone();
    let layout = JsonLayout::new(&slots);
    let mut values: Vec<Option<Range>> = vec![None; slots.len()];
    let mut repeated = Vec::new();
    let mut invalid = decoded.invalid.iter().peekable();
    let mut draft = TableDraft::new(
        id,
        dataset,
        source,
        slots,
        CellLocator::Jsonl(layout.clone()),
    );
    let mut line_start = 0;
    for (index, line) in text.split('\n').enumerate() {
        let start = line_start;
        line_start += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let place = RecordPlace::new(start, start + line.len(), index + 1);
        draft.begin_record(place, interner);
        let mut has_invalid_bytes = false;
        while let Some(run) = invalid.next_if(|run| run.start < place.end as usize) {
            let problem = draft.invalid_bytes(place, run, decoded.encoding);
            draft.record_problem(problem);
            has_invalid_bytes = true;
        }
        values.fill(None);
        repeated.clear();
        if has_invalid_bytes {
            draft.finish_record();
            continue;
        }
        if let Err(error) = scan_object(line, &layout, &mut values, &mut repeated) {
            draft.record_problem(bad_json(&error, line, start));
            draft.finish_record();
            continue;
        }
        for &(slot, (value_start, value_end)) in &repeated {
            let key = draft.slots[slot].column.clone();
            let span = (start + value_start..start + value_end).into();
            draft.record_problem(ProblemKind::DuplicateJsonKey { key, span });
        }
        for (slot, value) in values.iter().enumerate() {
            match value {
                Some((value_start, value_end)) => {
                    write_value(&mut draft, slot, &line[*value_start..*value_end], interner)
                }
                None => draft.write_missing(slot),
            }
        }
        draft.finish_record();
    }
    draft
}

fn bad_json(error: &serde_json::Error, line: &str, line_start: usize) -> ProblemKind {
    let mut at = error.column().saturating_sub(1).min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    let message = error.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_owned();
    ProblemKind::BadJson {
        message,
        span: (line_start + at, 0).into(),
    }
}

/// Writes one JSON value (its raw text) into the slot's column.
fn write_value(draft: &mut TableDraft, slot: usize, raw: &str, interner: &mut Interner) {
    let column = &draft.columns[draft.slots[slot].field];
    if raw == "null" {
        return draft.write_missing(slot);
    }
    if raw.starts_with('[') && matches!(column, Column::List { .. }) {
        return write_array(draft, slot, raw, interner);
    }
    match scalar_text(raw, column) {
        Ok(text) => draft.write_text(slot, text.trim(), interner),
        Err(error) => {
            let span = draft.cell_span(CellRef { slot, item: None });
            let kind = ProblemKind::bad_value(error, raw, &draft.slots[slot].place, span);
            draft.record_problem(kind);
        }
    }
}

fn write_array(draft: &mut TableDraft, slot: usize, raw: &str, interner: &mut Interner) {
    let field = draft.slots[slot].field;
    let items = serde_json::from_str::<Vec<&RawValue>>(raw).unwrap_or_default();
    let Column::List {
        offsets,
        items: item_column,
    } = &mut draft.columns[field]
    else {
        return;
    };
    let mut failure = None;
    for (index, item) in items.iter().enumerate() {
        let written = scalar_text(item.get(), item_column).and_then(|text| match text.trim() {
            "" => Err(ValueError::JsonType {
                expected: expected(item_column),
                found: "empty string",
            }),
            text => cells::push_item(item_column, text, interner),
        });
        if let Err(error) = written {
            failure = Some((index, item.get(), error));
            break;
        }
    }
    offsets.push(item_column.len() as u32);
    if let Some((index, found, error)) = failure {
        let span = draft.cell_span(CellRef {
            slot,
            item: Some(index),
        });
        let place = format!("an item of {}", draft.slots[slot].place);
        draft.record_problem(ProblemKind::bad_value(error, found, &place, span));
    }
}

/// The text of a scalar JSON value, if its kind suits the column: strings
/// always (their text is parsed as in CSV), numbers for numbers, keys and
/// text, `true`/`false` for yes/no values.
fn scalar_text<'a>(raw: &'a str, column: &Column) -> Result<Cow<'a, str>, ValueError> {
    let found = match raw.as_bytes().first() {
        Some(b'"') => {
            return serde_json::from_str::<&str>(raw)
                .map(Cow::Borrowed)
                .or_else(|_| serde_json::from_str::<String>(raw).map(Cow::Owned))
                .map_err(|_| ValueError::JsonType {
                    expected: expected(column),
                    found: "string",
                });
        }
        Some(b't' | b'f') if matches!(column, Column::Bool(_)) => return Ok(Cow::Borrowed(raw)),
        Some(b'-' | b'0'..=b'9')
            if matches!(
                column,
                Column::Text(_)
                    | Column::UniqueText { .. }
                    | Column::Int(_)
                    | Column::Decimal(_)
                    | Column::Bool(_)
                    | Column::Ref(_)
            ) =>
        {
            return Ok(Cow::Borrowed(raw));
        }
        Some(b't' | b'f') => "boolean",
        Some(b'[') => "array",
        Some(b'{') => "object",
        Some(b'n') => "null",
        _ => "number",
    };
    Err(ValueError::JsonType {
        expected: expected(column),
        found,
    })
}

/// What a column holds, as a message says it.
fn expected(column: &Column) -> &'static str {
    match column {
        Column::Text(_) | Column::UniqueText { .. } => "text",
        Column::Int(_) => "a whole number",
        Column::Decimal(_) => "a number",
        Column::Bool(_) => "true or false",
        Column::Date(_) | Column::Lifetime { .. } => "a date (a string)",
        Column::DateTime(_) => "a date-time (a string)",
        Column::Ref(_) => "a key",
        Column::List { .. } => "an array",
    }
}

/// The byte range of `part`, a slice of `line`, within it.
fn range_in(line: &str, part: &str) -> Range {
    // Both are slices of one string, so the difference of their addresses is
    // the offset of one in the other.
    let start = part.as_ptr() as usize - line.as_ptr() as usize;
    (start, start + part.len())
}

/// Scans one line as a JSON object: the range of each slot's value, and the
/// slots whose key appears more than once (with the range of the repeat).
fn scan_object(
    line: &str,
    layout: &JsonLayout,
    values: &mut [Option<Range>],
    repeated: &mut Vec<(usize, Range)>,
) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(line);
    deserializer.deserialize_map(ObjectScan {
        line,
        layout,
        values,
        repeated,
    })?;
    deserializer.end()
}

struct ObjectScan<'s> {
    line: &'s str,
    layout: &'s JsonLayout,
    values: &'s mut [Option<Range>],
    repeated: &'s mut Vec<(usize, Range)>,
}

impl<'de> Visitor<'de> for ObjectScan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(SlotOfKey(self.layout))? {
            let Some(slot) = slot else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let raw: &RawValue = map.next_value()?;
            let range = range_in(self.line, raw.get());
            match self.values[slot] {
                Some(_) => self.repeated.push((slot, range)),
                None => self.values[slot] = Some(range),
            }
        }
        Ok(())
    }
}

/// Deserializes an object key into the slot it names, if any, without
/// allocating.
struct SlotOfKey<'s>(&'s JsonLayout);

impl<'de> DeserializeSeed<'de> for SlotOfKey<'_> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for SlotOfKey<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.slot_of_key.get(key).copied())
    }
}
