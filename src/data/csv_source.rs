//! Reading a CSV file with a header row. The header is mapped to the slots
//! once, and each record's declared cells are parsed straight into the
//! columns. A body without quotes (the common export) is split at line ends
//! and commas directly, in parallel parts for a large file; any other is
//! streamed with csv's `ByteRecord`.

use std::ops::Range;

use csv::{ByteRecord, Reader, ReaderBuilder, Terminator};
use rayon::prelude::*;

use super::cells::ListSeparator;
use super::decode::Decoded;
use super::diagnostics::ProblemKind;
use super::draft::{CellLocator, CellRef, DraftSource, RecordPlace, TableDraft};
use super::interner::Interner;
use super::slots::{map_columns, Slot};
use crate::schema::{Dataset, DatasetId};

/// Which CSV column holds each slot.
#[derive(Debug, Clone)]
pub(crate) struct CsvLayout {
    /// `None` for a column the header lacks (a problem reported once).
    columns: Vec<Option<usize>>,
}

impl CsvLayout {
    /// The byte range, in `record`, of a cell's content (without quotes and
    /// surrounding spaces) or of one item of a list cell.
    pub fn cell_range(
        &self,
        record: &str,
        cell: CellRef,
        separator: &ListSeparator,
    ) -> (usize, usize) {
        let fields = scan_record(record).fields;
        let Some(range) = self.columns[cell.slot].and_then(|column| fields.get(column)) else {
            return (0, record.trim_end().len());
        };
        let item = cell
            .item
            .and_then(|item| separator.items(&record[range.clone()]).nth(item));
        match item {
            Some((offset, item)) => (range.start + offset, range.start + offset + item.len()),
            None => (range.start, range.end),
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
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(Terminator::Any(b'\n'))
        .from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    let mut invalid = decoded.invalid.iter().peekable();

    let header = match next_record(&mut reader, &mut record, &text) {
        Ok(Some(place)) => place,
        no_header => {
            let layout = CsvLayout {
                columns: vec![None; slots.len()],
            };
            let mut draft = TableDraft::new(id, dataset, source, slots, CellLocator::Csv(layout));
            draft.file_problem(match no_header {
                Err(error) => ProblemKind::BadCsv {
                    message: error.to_string(),
                    span: (0, 0).into(),
                },
                _ => ProblemKind::EmptyFile,
            });
            return draft;
        }
    };
    let header_names: Vec<&str> = record
        .iter()
        .map(|name| std::str::from_utf8(name).unwrap_or_default().trim())
        .collect();
    let header_len = header_names.len();
    let (layout, header_problems) = map_header(&header_names, header, &text, &slots, &dataset.name);
    let columns = layout.columns.clone();
    let locator = CellLocator::Csv(layout);
    let mut draft = TableDraft::new(id, dataset, source.clone(), slots.clone(), locator.clone());
    for problem in header_problems {
        draft.file_problem(problem);
    }
    while let Some(run) = invalid.next_if(|run| run.start < header.end as usize) {
        let problem = draft.invalid_bytes(header, run, decoded.encoding);
        draft.file_problem(problem);
    }

    let body = header.end as usize..text.len();
    let plain =
        memchr::memchr(b'"', &text.as_bytes()[body.clone()]).is_none() && invalid.peek().is_none();
    if plain {
        let fields = Fields {
            columns: &columns,
            header_len,
        };
        let new_part =
            || TableDraft::new(id, dataset, source.clone(), slots.clone(), locator.clone());
        read_plain_body(&mut draft, &text, body, &fields, new_part, interner);
        return draft;
    }
    loop {
        let place = match next_record(&mut reader, &mut record, &text) {
            Ok(Some(place)) => place,
            Ok(None) => break,
            Err(error) => {
                let at = reader.position().byte() as usize;
                let kind = ProblemKind::BadCsv {
                    message: error.to_string(),
                    span: (at, 0).into(),
                };
                draft.file_problem(kind);
                break;
            }
        };
        draft.begin_record(place, interner);
        let mut has_invalid_bytes = false;
        while let Some(run) = invalid.next_if(|run| run.start < place.end as usize) {
            let problem = draft.invalid_bytes(place, run, decoded.encoding);
            draft.record_problem(problem);
            has_invalid_bytes = true;
        }
        if has_invalid_bytes
            || is_unterminated(&mut draft, place)
            || is_ragged(&mut draft, place, record.len(), header_len)
        {
            draft.finish_record();
            continue;
        }
        // The text is valid UTF-8 and csv splits it at ASCII bytes only, so
        // each cell is a slice of the record's text.
        let cells = std::str::from_utf8(record.as_slice()).unwrap_or_default();
        let cell = |column| cells.get(record.range(column)?);
        write_record(&mut draft, &columns, cell, interner);
    }
    draft
}

/// Writes each slot's cell, found by its column, into the record begun,
/// and ends the record.
fn write_record<'t>(
    draft: &mut TableDraft,
    columns: &[Option<usize>],
    cell: impl Fn(usize) -> Option<&'t str>,
    interner: &mut Interner,
) {
    for (slot, column) in columns.iter().enumerate() {
        match column.and_then(&cell) {
            Some(cell) => draft.write_text(slot, trimmed(cell), interner),
            None => draft.write_missing_silently(slot),
        }
    }
    draft.finish_record();
}

/// Which cell of a record feeds each slot, and how many cells a record has.
struct Fields<'a> {
    columns: &'a [Option<usize>],
    header_len: usize,
}

/// Reads a body without quotes: in parallel parts when the file is large
/// and its keys need not be checked as they are read, each part into a
/// draft of its own from `new_part`, absorbed in order; otherwise whole.
fn read_plain_body(
    draft: &mut TableDraft,
    text: &str,
    body: Range<usize>,
    fields: &Fields,
    new_part: impl Fn() -> TableDraft + Sync,
    interner: &mut Interner,
) {
    let first_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..body.start]).count() + 1;
    let one_thread = rayon::current_num_threads() < 2;
    if body.len() < PARALLEL_FROM_BYTES || one_thread || draft.checks_keys_while_reading() {
        return read_plain(draft, text, body, first_line, fields, interner);
    }
    let chunks = chunks(text, body, first_line);
    let parts: Vec<(TableDraft, Interner)> = chunks
        .into_par_iter()
        .map(|(bytes, first_line)| {
            let mut part = new_part().reading(bytes.clone());
            let mut local = Interner::new();
            read_plain(&mut part, text, bytes, first_line, fields, &mut local);
            (part, local)
        })
        .collect();
    for (part, local) in parts {
        draft.absorb(part, &local, interner);
    }
}

/// Files larger than this are read in parallel parts, when they can be.
const PARALLEL_FROM_BYTES: usize = 4 << 20;

/// The body of a file cut at line ends into one part per thread, each with
/// the 1-based line it starts on.
fn chunks(text: &str, body: Range<usize>, first_line: usize) -> Vec<(Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let parts = rayon::current_num_threads().max(1);
    let mut bounds = vec![body.start];
    for i in 1..parts {
        let guess = body.start + body.len() / parts * i;
        let from = guess.max(*bounds.last().unwrap_or(&body.start));
        let cut =
            memchr::memchr(b'\n', &bytes[from..body.end]).map_or(body.end, |at| from + at + 1);
        bounds.push(cut);
    }
    bounds.push(body.end);
    bounds.dedup();
    let lines: Vec<usize> = bounds
        .par_windows(2)
        .map(|w| memchr::memchr_iter(b'\n', &bytes[w[0]..w[1]]).count())
        .collect();
    let mut line = first_line;
    bounds
        .windows(2)
        .zip(lines)
        .map(|(w, count)| {
            let part = (w[0]..w[1], line);
            line += count;
            part
        })
        .collect()
}

/// Reads the records in `bytes` of a text without quotes, whose records
/// are its lines and whose cells are separated by every comma; `first_line`
/// is the line `bytes` starts on. Blank lines are skipped, as csv does.
fn read_plain(
    draft: &mut TableDraft,
    text: &str,
    bytes: Range<usize>,
    first_line: usize,
    fields: &Fields,
    interner: &mut Interner,
) {
    let mut cells: Vec<&str> = Vec::with_capacity(fields.header_len);
    let mut start = bytes.start;
    let mut line = first_line;
    while start < bytes.end {
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..bytes.end])
            .map_or(bytes.end, |at| start + at + 1);
        let record = &text[start..end];
        let place = RecordPlace::new(start, end, line);
        start = end;
        line += 1;
        let content = record.strip_suffix('\n').unwrap_or(record);
        cells.clear();
        let mut from = 0;
        for comma in memchr::memchr_iter(b',', content.as_bytes()) {
            cells.push(&content[from..comma]);
            from = comma + 1;
        }
        cells.push(&content[from..]);
        if cells.len() == 1 && cells[0].trim_ascii().is_empty() {
            continue;
        }
        draft.begin_record(place, interner);
        if is_ragged(draft, place, cells.len(), fields.header_len) {
            draft.finish_record();
            continue;
        }
        write_record(
            draft,
            fields.columns,
            |column| cells.get(column).copied(),
            interner,
        );
    }
}

/// The next record that is not a blank line, and where it is.
fn next_record(
    reader: &mut Reader<&[u8]>,
    record: &mut ByteRecord,
    text: &str,
) -> csv::Result<Option<RecordPlace>> {
    loop {
        let before = reader.position().clone();
        if !reader.read_byte_record(record)? {
            return Ok(None);
        }
        if record.len() == 1 && record[0].trim_ascii().is_empty() {
            continue;
        }
        // csv places a record where the previous one ended, before the empty
        // lines it skipped.
        let (start, end) = (before.byte() as usize, reader.position().byte() as usize);
        let skipped = text.as_bytes()[start..end]
            .iter()
            .take_while(|&&b| b == b'\n')
            .count();
        return Ok(Some(RecordPlace::new(
            start + skipped,
            end,
            before.line() as usize + skipped,
        )));
    }
}

/// A cell without the white space around it. Most cells start and end
/// with a visible ASCII character and are taken as they are.
fn trimmed(cell: &str) -> &str {
    let visible = |b: &u8| b.is_ascii_graphic();
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if visible(first) && visible(last) => cell,
        _ => cell.trim(),
    }
}

/// Finds each slot's column in the header.
fn map_header(
    names: &[&str],
    header: RecordPlace,
    text: &str,
    slots: &[Slot],
    dataset: &str,
) -> (CsvLayout, Vec<ProblemKind>) {
    let header_text = header.text(text);
    let header_span = (header.start as usize, header_text.trim_end().len());
    let fields = scan_record(header_text).fields;
    let span_of = |i: usize| {
        let range = fields.get(i).cloned().unwrap_or(0..0);
        (header.start as usize + range.start..header.start as usize + range.end).into()
    };
    let (columns, problems) = map_columns(names, slots, dataset, header_span.into(), span_of);
    (CsvLayout { columns }, problems)
}

/// A quote left open runs to the end of the file, so only the last record
/// can have one.
fn is_unterminated(draft: &mut TableDraft, place: RecordPlace) -> bool {
    let record = place.text(&draft.text);
    if place.end as usize != draft.text.len() || !record.contains('"') {
        return false;
    }
    let Some(open) = scan_record(record).open_quote else {
        return false;
    };
    let span = (place.start as usize + open, 1);
    draft.record_problem(ProblemKind::UnterminatedQuote { span: span.into() });
    true
}

fn is_ragged(draft: &mut TableDraft, place: RecordPlace, found: usize, header_len: usize) -> bool {
    if found == header_len {
        return false;
    }
    let span = (
        place.start as usize,
        place.text(&draft.text).trim_end().len(),
    );
    draft.record_problem(ProblemKind::RaggedRow {
        found,
        expected: header_len,
        span: span.into(),
    });
    true
}

/// The fields of one record's raw text, as csv reads them.
struct ScannedRecord {
    /// Each field's content: inside the quotes, trimmed of spaces.
    fields: Vec<Range<usize>>,
    /// The offset of a quote that is never closed.
    open_quote: Option<usize>,
}

fn scan_record(record: &str) -> ScannedRecord {
    let bytes = record.as_bytes();
    let at_field_end = |b: u8| b == b',' || b == b'\n';
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        let (start, end) = if bytes.get(i) == Some(&b'"') {
            let open = i;
            let content_start = i + 1;
            i = content_start;
            let content_end = loop {
                match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        fields.push(content_start..bytes.len());
                        return ScannedRecord {
                            fields,
                            open_quote: Some(open),
                        };
                    }
                    Some(quote) if bytes.get(i + quote + 1) == Some(&b'"') => i += quote + 2,
                    Some(quote) => {
                        i += quote + 1;
                        break i - 1;
                    }
                }
            };
            while i < bytes.len() && !at_field_end(bytes[i]) {
                i += 1;
            }
            (content_start, content_end)
        } else {
            let start = i;
            while i < bytes.len() && !at_field_end(bytes[i]) {
                i += 1;
            }
            (start, i)
        };
        let raw = &record[start..end];
        let lead = raw.len() - raw.trim_start().len();
        fields.push(start + lead..start + lead + raw.trim().len());
        if bytes.get(i) != Some(&b',') {
            return ScannedRecord {
                fields,
                open_quote: None,
            };
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanning_finds_cell_contents() {
        let record = "a,\"b,\"\"c\"\" \",,d\n";
        let scanned = scan_record(record);
        let cells: Vec<&str> = scanned.fields.iter().map(|r| &record[r.clone()]).collect();
        assert_eq!(cells, ["a", "b,\"\"c\"\"", "", "d"]);
        assert_eq!(scanned.open_quote, None);
        assert_eq!(scan_record("1,\"abc\n2,3\n").open_quote, Some(2));
    }
}
