//! A table while its file is being read: columns grow record by record, a
//! record with any problem is rolled back and listed as rejected, and keys
//! are checked for uniqueness: as they are read, or, for a key kept as
//! unique text, once the file is read. Refs still hold the key as written
//! (interned); `resolve` turns them into row indices once every file is read.

use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

use miette::SourceSpan;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::cells::{self, ListSeparator};
use super::csv_source::CsvLayout;
use super::decode::InvalidBytes;
use super::diagnostics::{shorten, ProblemKind};
use super::grid::GridLayout;
use super::interner::{Interner, Sym};
use super::jsonl_source::JsonLayout;
use super::keys::{KeyRows, KeyValue};
use super::slots::{Bound, Slot};
use super::table::{Column, Origin};
use super::value_parse::{parse_bool, parse_date, parse_datetime, parse_int};
use super::RejectedRecord;
use crate::progress::Progress;
use crate::project::TextEncoding;
use crate::schema::{Dataset, DatasetId, FieldId, FieldType};

/// How often reading tells the progress bar how far it is.
const REPORT_EVERY_RECORDS: usize = 1 << 16;

/// How many records are read before the room for the rest is estimated.
const RECORDS_BEFORE_RESERVING: usize = 1024;

/// Where a record lies in its file's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordPlace {
    pub start: u32,
    pub end: u32,
    /// 1-based line of the record's first byte.
    pub line: u32,
}

impl RecordPlace {
    pub fn new(start: usize, end: usize, line: usize) -> Self {
        // Files of 4 GiB and more are refused before they are read.
        RecordPlace {
            start: start as u32,
            end: end as u32,
            line: line as u32,
        }
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// A cell of a record: the slot it fills and, in a list, which item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellRef {
    pub slot: usize,
    pub item: Option<usize>,
}

/// Finds a cell's bytes again, when a problem must point at them. Only the
/// rare records with problems pay for it.
#[derive(Debug, Clone)]
pub(crate) enum CellLocator {
    Csv(CsvLayout),
    Jsonl(JsonLayout),
    Grid(Arc<GridLayout>),
}

impl CellLocator {
    fn span(
        &self,
        text: &str,
        place: RecordPlace,
        cell: CellRef,
        separator: &ListSeparator,
    ) -> SourceSpan {
        let (start, end) = match self {
            CellLocator::Csv(layout) => layout.cell_range(place.text(text), cell, separator),
            CellLocator::Jsonl(layout) => layout.cell_range(place.text(text), cell),
            CellLocator::Grid(layout) => layout.cell_range(text, place, cell, separator),
        };
        (place.start as usize + start..place.start as usize + end).into()
    }
}

/// How the key of a dataset is written, hence how a ref's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// Text keys, and ref keys compared by the key they name.
    Text,
    Int,
    Date,
    DateTime,
    Bool,
}

impl KeyKind {
    /// `None` for types that cannot be keys.
    pub fn of(ty: &FieldType) -> Option<KeyKind> {
        match ty {
            FieldType::Text | FieldType::Ref(_) => Some(KeyKind::Text),
            FieldType::Int => Some(KeyKind::Int),
            FieldType::Date => Some(KeyKind::Date),
            FieldType::DateTime => Some(KeyKind::DateTime),
            FieldType::Bool => Some(KeyKind::Bool),
            FieldType::Decimal | FieldType::List(_) | FieldType::Lifetime => None,
        }
    }
}

/// What a ref's key names.
pub(crate) enum KeyLookup {
    Row(u32),
    Rejected(RecordPlace),
    /// Why not, as a clause to append to the message (may be empty).
    Unknown(String),
}

#[derive(Debug)]
pub(crate) struct TableDraft {
    pub dataset: DatasetId,
    pub dataset_name: String,
    pub file: u32,
    pub file_name: String,
    pub text: Arc<String>,
    pub slots: Vec<Slot>,
    /// The first slot of each field.
    pub slot_of_field: Vec<usize>,
    pub locator: CellLocator,
    pub separator: ListSeparator,
    pub columns: Vec<Column>,
    pub origins: Vec<Origin>,
    pub places: Vec<RecordPlace>,
    /// Problems with the offset they are sorted by.
    pub problems: Vec<(u32, ProblemKind)>,
    pub rejected: Vec<RejectedRecord>,
    pub read: usize,
    /// Rows rejected after reading (for their refs), with the reason.
    late_rejections: Vec<(usize, String)>,
    field_names: Vec<String>,
    required: Vec<bool>,
    key: Option<(FieldId, KeyKind)>,
    lifetime: Option<FieldId>,
    /// The rows kept so far, by key.
    kept_keys: KeyRows,
    /// The keys of rejected records, for refs to them and for duplicates.
    rejected_keys: FxHashMap<KeyValue, RecordPlace>,
    /// For a key kept as unique text: the key, place and index in
    /// `rejected` of each rejected record that has one.
    rejected_unique_keys: Vec<(String, RecordPlace, usize)>,
    record: RecordPlace,
    record_problems_from: usize,
    /// The bytes of the text this draft reads, for estimating its records.
    reading: Range<usize>,
    progress: Progress,
    file_len: u64,
    /// How many bytes of the file `progress` has been told are read.
    reported: u64,
}

/// The data file a draft is read from.
#[derive(Clone)]
pub(crate) struct DraftSource {
    pub file: u32,
    pub file_name: String,
    pub text: Arc<String>,
    pub separator: ListSeparator,
    /// Whether the dataset's key must be interned: refs point to it.
    /// Otherwise a text key is kept as [`Column::UniqueText`].
    pub intern_key: bool,
    /// The load's progress, and the size of the file as stored, which the
    /// text's size may differ from (decoding, line ends).
    pub progress: Progress,
    pub file_len: u64,
}

impl TableDraft {
    pub fn new(
        id: DatasetId,
        dataset: &Dataset,
        source: DraftSource,
        slots: Vec<Slot>,
        locator: CellLocator,
    ) -> Self {
        let mut slot_of_field = vec![0; dataset.fields.len()];
        for (index, slot) in slots.iter().enumerate().rev() {
            slot_of_field[slot.field] = index;
        }
        let required = dataset
            .fields
            .iter()
            .map(|f| !f.optional && !matches!(f.ty, FieldType::List(_) | FieldType::Lifetime))
            .collect();
        let key = dataset
            .key
            .and_then(|k| Some((k, KeyKind::of(&dataset.fields.get(k)?.ty)?)));
        let text_len = source.text.len();
        TableDraft {
            dataset: id,
            dataset_name: dataset.name.clone(),
            file: source.file,
            file_name: source.file_name,
            text: source.text,
            slots,
            slot_of_field,
            locator,
            separator: source.separator,
            columns: dataset
                .fields
                .iter()
                .enumerate()
                .map(|(id, f)| {
                    let unique_text = Some(id) == dataset.key
                        && f.ty == FieldType::Text
                        && !f.optional
                        && !source.intern_key;
                    match unique_text {
                        true => Column::unique_text(),
                        false => Column::for_type(&f.ty),
                    }
                })
                .collect(),
            origins: Vec::new(),
            places: Vec::new(),
            problems: Vec::new(),
            rejected: Vec::new(),
            read: 0,
            late_rejections: Vec::new(),
            field_names: dataset.fields.iter().map(|f| f.name.clone()).collect(),
            required,
            key,
            lifetime: dataset.lifetime,
            kept_keys: KeyRows::default(),
            rejected_keys: FxHashMap::default(),
            rejected_unique_keys: Vec::new(),
            record: RecordPlace::new(0, 0, 1),
            record_problems_from: 0,
            reading: 0..text_len,
            progress: source.progress,
            file_len: source.file_len,
            reported: 0,
        }
    }

    /// Tells the progress bar that the text is read up to `offset`.
    fn report_read(&mut self, offset: usize) {
        let read = offset.saturating_sub(self.reading.start) as u64;
        let read = read * self.file_len / (self.text.len() as u64).max(1);
        if read > self.reported {
            self.progress.advance(read - self.reported);
            self.reported = read;
        }
    }

    /// Tells the progress bar that the whole file is read.
    pub fn finish_progress(&mut self) {
        self.progress
            .advance(self.file_len.saturating_sub(self.reported));
        self.reported = self.file_len;
    }

    /// Limits the draft to the records in `bytes` of the text: a part of a
    /// file read in parallel, to be absorbed by the draft of the whole.
    pub fn reading(mut self, bytes: Range<usize>) -> Self {
        self.reading = bytes;
        self
    }

    /// Whether keys are checked as records are read (interned keys and keys
    /// of other types), so that the file must be read in one piece.
    pub fn checks_keys_while_reading(&self) -> bool {
        self.key
            .is_some_and(|(field, _)| !matches!(self.columns[field], Column::UniqueText { .. }))
    }

    /// Appends the records of `part`, read after this draft's records with
    /// an interner of its own, `local`. Its strings join `interner` in the
    /// order it met them, so symbols come out as if one draft had read all.
    pub fn absorb(&mut self, mut part: TableDraft, local: &Interner, interner: &mut Interner) {
        let symbols: Vec<u32> = (0..local.len() as u32)
            .map(|sym| interner.intern(local.resolve(Sym::new(sym))).index())
            .collect();
        let remap = |sym: u32| symbols[sym as usize];
        let shift = self.rejected.len();
        self.columns
            .par_iter_mut()
            .zip(part.columns)
            .for_each(|(column, mut more)| {
                more.remap_symbols(&remap);
                match column.is_empty() {
                    true => *column = more,
                    false => column.append(more),
                }
            });
        self.origins.append(&mut part.origins);
        self.places.append(&mut part.places);
        self.problems.append(&mut part.problems);
        self.rejected.append(&mut part.rejected);
        self.rejected_unique_keys.extend(
            part.rejected_unique_keys
                .into_iter()
                .map(|(key, place, index)| (key, place, index + shift)),
        );
        self.read += part.read;
        self.reported += part.reported;
    }

    pub fn rows(&self) -> usize {
        self.origins.len()
    }

    /// Whether a problem with the file as a whole keeps it from loading.
    pub fn is_fatal(&self) -> bool {
        self.problems.iter().any(|(_, kind)| kind.is_fatal())
    }

    /// A problem of the file as a whole, before its records.
    pub fn file_problem(&mut self, kind: ProblemKind) {
        self.problems.push((0, kind));
    }

    /// A problem of the file as a whole that explains the others, if any:
    /// it comes first.
    pub fn first_problem(&mut self, kind: ProblemKind) {
        self.problems.insert(0, (0, kind));
    }

    /// Starts a record, telling the progress bar now and then how far the
    /// reading is. Once the first records show how long a record is, makes
    /// room for the rest of the file at once, rather than growing (and
    /// copying) every column many times.
    pub fn begin_record(&mut self, place: RecordPlace, interner: &mut Interner) {
        self.read += 1;
        if self.read.is_multiple_of(REPORT_EVERY_RECORDS) {
            self.report_read(place.end as usize);
        }
        self.record = place;
        self.record_problems_from = self.problems.len();
        if self.read == RECORDS_BEFORE_RESERVING {
            let end = place.end as usize;
            let bytes_per_record = (end.saturating_sub(self.reading.start) / self.read).max(1);
            let expected = self.reading.end.saturating_sub(end) / bytes_per_record;
            for column in &mut self.columns {
                column.reserve(expected);
            }
            self.origins.reserve(expected);
            self.places.reserve(expected);
            match self.key {
                Some((field, KeyKind::Text)) => {
                    if matches!(self.columns[field], Column::Text(_) | Column::Ref(_)) {
                        interner.reserve(expected);
                    }
                }
                Some(_) => self.kept_keys.reserve(expected),
                None => {}
            }
        }
    }

    /// A problem of the current record.
    pub fn record_problem(&mut self, kind: ProblemKind) {
        self.problems.push((self.record.start, kind));
    }

    /// The span of a cell of the current record.
    pub fn cell_span(&self, cell: CellRef) -> SourceSpan {
        self.cell_span_in(self.record, cell)
    }

    pub fn cell_span_in(&self, place: RecordPlace, cell: CellRef) -> SourceSpan {
        self.locator.span(&self.text, place, cell, &self.separator)
    }

    /// How a message names the cell of `slot` in the record at `place`:
    /// "column `日期`", or for a grid "cell 整改台账!D17 (column `日期`)".
    pub fn place_of(&self, place: RecordPlace, slot: usize) -> String {
        match &self.locator {
            CellLocator::Grid(layout) => layout.place(place.line, &self.slots[slot], slot),
            _ => self.slots[slot].place.clone(),
        }
    }

    /// How a message names the cell of `slot` in the current record.
    pub fn place_of_current(&self, slot: usize) -> String {
        self.place_of(self.record, slot)
    }

    /// How a message names the record on line `line`: "line 3", or for a
    /// grid "row 3" or "rowid 3".
    pub fn record_name(&self, line: u32) -> String {
        match &self.locator {
            CellLocator::Grid(layout) => layout.record_name(line),
            _ => format!("line {line}"),
        }
    }

    /// The text of a span of the file, shortened for a message.
    pub fn quote(&self, span: SourceSpan) -> String {
        let text = self
            .text
            .get(span.offset()..span.offset() + span.len())
            .unwrap_or_default();
        shorten(text)
    }

    /// Writes the trimmed text of a cell; empty text is a missing value.
    pub fn write_text(&mut self, slot: usize, text: &str, interner: &mut Interner) {
        if text.is_empty() {
            return self.write_missing(slot);
        }
        let (field, bound) = (self.slots[slot].field, self.slots[slot].bound);
        if let Err(error) = cells::push_text(
            &mut self.columns[field],
            bound,
            text,
            &self.separator,
            interner,
        ) {
            let span = self.cell_span(CellRef {
                slot,
                item: error.item,
            });
            let place = self.place_of_current(slot);
            let kind = ProblemKind::bad_value(error.error, &error.found, &place, span);
            self.record_problem(kind);
        }
    }

    pub fn write_missing(&mut self, slot: usize) {
        let (field, bound) = (self.slots[slot].field, self.slots[slot].bound);
        cells::push_missing(&mut self.columns[field], bound);
        if self.required[field] && bound == Bound::Whole {
            let span = self.cell_span(CellRef { slot, item: None });
            let field = self.field_names[field].clone();
            self.record_problem(ProblemKind::MissingValue {
                place: self.place_of_current(slot),
                help: format!("fill it in, or mark field `{field}` optional with `?` where its dataset is declared"),
                field,
                span,
            });
        }
    }

    /// Ends the current record: checks its lifetime and key, then keeps it,
    /// or rolls it back and lists it as rejected when it has any problem.
    pub fn finish_record(&mut self) {
        let row = self.rows();
        let place = self.record;
        self.check_lifetime(row);
        if let Some(key) = self.key_of(row) {
            let rejected = self.problems.len() > self.record_problems_from;
            let first = self.kept_keys.get(key).map(|row| self.places[row as usize]);
            match first.or_else(|| self.rejected_keys.get(&key).copied()) {
                Some(first) => self.duplicate_key(first),
                None if rejected => {
                    self.rejected_keys.insert(key, place);
                }
                None => self.kept_keys.insert_first(key, row as u32),
            }
        }
        if self.problems.len() == self.record_problems_from {
            self.origins.push(Origin {
                file: self.file,
                line: place.line,
            });
            self.places.push(place);
            return;
        }
        if let Some(key) = self.unique_key_at(row) {
            let key = key.to_owned();
            self.rejected_unique_keys
                .push((key, place, self.rejected.len()));
        }
        for column in &mut self.columns {
            column.truncate(row);
        }
        let reason = self.problems[self.record_problems_from..]
            .iter()
            .map(|(_, kind)| kind.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        self.rejected.push(RejectedRecord {
            dataset: self.dataset,
            file: self.file,
            line: place.line,
            reason,
        });
    }

    fn key_of(&self, row: usize) -> Option<KeyValue> {
        let (field, _) = self.key?;
        match &self.columns[field] {
            // Before `resolve`, a ref holds the key it names, interned.
            Column::Ref(values) => Some(KeyValue::Text(Sym::new(values.get(row).copied()??.get()))),
            column => KeyValue::of(column, row),
        }
    }

    /// A missing value for a column the header lacks: that is reported once,
    /// for the file, not for every record.
    pub fn write_missing_silently(&mut self, slot: usize) {
        let (field, bound) = (self.slots[slot].field, self.slots[slot].bound);
        cells::push_missing(&mut self.columns[field], bound);
    }

    /// The problem of a run of bytes that are not valid in the file's
    /// encoding, in the record at `place`.
    pub fn invalid_bytes(
        &self,
        place: RecordPlace,
        run: &InvalidBytes,
        encoding: TextEncoding,
    ) -> ProblemKind {
        let before = self
            .text
            .get(place.start as usize..run.start)
            .unwrap_or_default();
        let line = place.line as usize + before.matches('\n').count();
        let span = (run.start, run.len).into();
        match encoding {
            TextEncoding::Utf8 => ProblemKind::InvalidUtf8 {
                line,
                byte_in_line: run.byte_in_line,
                file_offset: run.file_offset,
                bytes: run.hex.clone(),
                span,
            },
            _ => ProblemKind::InvalidEncoding {
                encoding: encoding.name(),
                label: encoding.label(),
                line,
                byte_in_line: run.byte_in_line,
                file_offset: run.file_offset,
                bytes: run.hex.clone(),
                span,
            },
        }
    }

    fn duplicate_key(&mut self, first_place: RecordPlace) {
        if let Some(kind) = self.duplicate_key_problem(self.record, first_place) {
            self.record_problem(kind);
        }
    }

    /// The problem of the record at `place`, whose key the record at
    /// `first_place` has already.
    fn duplicate_key_problem(
        &self,
        place: RecordPlace,
        first_place: RecordPlace,
    ) -> Option<ProblemKind> {
        let (field, _) = self.key?;
        let key_cell = CellRef {
            slot: self.slot_of_field[field],
            item: None,
        };
        let span = self.cell_span_in(place, key_cell);
        let first_span = self.cell_span_in(first_place, key_cell);
        Some(ProblemKind::DuplicateKey {
            key: self.quote(span),
            first_record: self.record_name(first_place.line),
            span,
            first: Some(first_span),
        })
    }

    /// The key of row `row` (possibly half-written) when it is kept as
    /// unique text.
    fn unique_key_at(&self, row: usize) -> Option<&str> {
        let (field, _) = self.key?;
        match &self.columns[field] {
            Column::UniqueText { text, ends } if ends.len() > row => {
                Column::unique_text_at(text, ends, row)
            }
            _ => None,
        }
    }

    /// Finds the duplicates of a key kept as unique text, which
    /// `finish_record` does not look up as it goes. Every key is hashed
    /// and the hashes sorted in parallel; texts are compared only where
    /// hashes meet. The records sharing a key are then judged in file order as
    /// `finish_record` judges the others: the first kept record (else the
    /// first rejected one) is the original and every later one a
    /// duplicate. A kept duplicate is rejected late and marked in `dead`;
    /// a rejected one gains the problem.
    pub fn check_unique_keys(&mut self, dead: &mut [bool]) {
        let Some((field, _)) = self.key else { return };
        let Column::UniqueText { text, ends } = &self.columns[field] else {
            return;
        };
        let rows = ends.len();
        let rejected = &self.rejected_unique_keys;
        // Members are kept rows, then rejected records from `rows` on.
        let key = |member: usize| match member.checked_sub(rows) {
            None => Column::unique_text_at(text, ends, member).unwrap_or_default(),
            Some(index) => rejected[index].0.as_str(),
        };
        let place = |member: usize| match member.checked_sub(rows) {
            None => self.places[member],
            Some(index) => rejected[index].1,
        };
        let members = 0..rows + rejected.len();
        let hash = |member: usize| FxBuildHasher.hash_one(key(member));
        // Sorted hashes alone find the hashes that repeat (few, if any);
        // only the members with those are then gathered, with their hash.
        let mut hashes: Vec<u64> = members.clone().into_par_iter().map(hash).collect();
        hashes.par_sort_unstable();
        let repeated: FxHashSet<u64> = hashes
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() > 1)
            .map(|run| run[0])
            .collect();
        drop(hashes);
        let mut hashed: Vec<(u64, usize)> = match repeated.is_empty() {
            true => Vec::new(),
            false => members
                .into_par_iter()
                .map(|member| (hash(member), member))
                .filter(|(h, _)| repeated.contains(h))
                .collect(),
        };
        hashed.sort_unstable();
        let mut shared: Vec<Vec<usize>> = Vec::new();
        for run in hashed
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            let mut members: Vec<usize> = run.iter().map(|(_, m)| *m).collect();
            members.sort_by(|&a, &b| (key(a), place(a).start).cmp(&(key(b), place(b).start)));
            shared.extend(
                members
                    .chunk_by(|&a, &b| key(a) == key(b))
                    .filter(|same| same.len() > 1)
                    .map(<[usize]>::to_vec),
            );
        }
        let mut judged = Vec::new();
        for same in shared {
            let mut first_kept = None;
            let mut first_rejected = None;
            for member in same {
                match first_kept.or(first_rejected) {
                    Some(first) => judged.push((member, place(member), first)),
                    None if member < rows => first_kept = Some(place(member)),
                    None => first_rejected = Some(place(member)),
                }
            }
        }
        for (member, place, first) in judged {
            let Some(kind) = self.duplicate_key_problem(place, first) else {
                continue;
            };
            match member.checked_sub(rows) {
                None => {
                    dead[member] = true;
                    self.late_problem(member, kind);
                }
                Some(index) => {
                    let record = self.rejected_unique_keys[index].2;
                    let reason = &mut self.rejected[record].reason;
                    reason.push_str("; ");
                    reason.push_str(&kind.to_string());
                    self.problems.push((place.start, kind));
                }
            }
        }
    }

    fn check_lifetime(&mut self, row: usize) {
        let Some(field) = self.lifetime else { return };
        let Some(Column::Lifetime { from, to }) = self.columns.get(field) else {
            return;
        };
        let (Some(Some(first)), Some(Some(last))) = (from.get(row), to.get(row)) else {
            return;
        };
        if last >= first {
            return;
        }
        let slot = self.slot_of_field[field];
        let from_span = self.cell_span(CellRef { slot, item: None });
        let to_span = self.cell_span(CellRef {
            slot: slot + 1,
            item: None,
        });
        self.record_problem(ProblemKind::LifetimeOrder {
            field: self.field_names[field].clone(),
            from: self.quote(from_span),
            to: self.quote(to_span),
            from_span,
            to_span,
        });
    }

    /// A problem found after reading, which rejects the kept row `row`.
    pub fn late_problem(&mut self, row: usize, kind: ProblemKind) {
        self.late_rejections.push((row, kind.to_string()));
        self.problems.push((self.places[row].start, kind));
    }

    /// Drops the rows marked in `dead` and lists them as rejected.
    pub fn drop_rows(&mut self, dead: &[bool]) {
        self.late_rejections.sort_by_key(|(row, _)| *row);
        for (row, reasons) in self
            .late_rejections
            .chunk_by(|a, b| a.0 == b.0)
            .map(|group| (group[0].0, group))
        {
            let reason = reasons
                .iter()
                .map(|(_, reason)| reason.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            let line = self.origins[row].line;
            self.rejected.push(RejectedRecord {
                dataset: self.dataset,
                file: self.file,
                line,
                reason,
            });
        }
        let keep: Vec<bool> = dead.iter().map(|&gone| !gone).collect();
        for column in &mut self.columns {
            column.retain(&keep);
        }
        let mut row = 0;
        self.origins.retain(|_| {
            row += 1;
            keep[row - 1]
        });
        let mut row = 0;
        self.places.retain(|_| {
            row += 1;
            keep[row - 1]
        });
    }

    /// What the key `key` (a ref's text, interned) names in this table.
    pub fn lookup(&self, key: Sym, interner: &Interner) -> KeyLookup {
        let Some((_, kind)) = self.key else {
            return KeyLookup::Unknown(format!(": `{}` has no key field", self.dataset_name));
        };
        let text = || interner.resolve(key);
        let value = match kind {
            KeyKind::Text => Ok(KeyValue::Text(key)),
            KeyKind::Int => parse_int(text())
                .map(KeyValue::Int)
                .map_err(|_| "whole numbers"),
            KeyKind::Date => parse_date(text())
                .map(|d| KeyValue::Int(d.into()))
                .map_err(|_| "dates"),
            KeyKind::DateTime => parse_datetime(text())
                .map(KeyValue::Int)
                .map_err(|_| "date-times"),
            KeyKind::Bool => parse_bool(text())
                .map(|b| KeyValue::Int(b.into()))
                .map_err(|_| "yes/no values"),
        };
        match value {
            Err(kind) => KeyLookup::Unknown(format!(": its keys are {kind}")),
            Ok(value) => match (self.kept_keys.get(value), self.rejected_keys.get(&value)) {
                (Some(row), _) => KeyLookup::Row(row),
                (None, Some(place)) => KeyLookup::Rejected(*place),
                (None, None) => KeyLookup::Unknown(String::new()),
            },
        }
    }
}
