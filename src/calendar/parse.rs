//! Reading a calendar file: CSV with the header
//! `year,name,first,last,adjusted_workdays,notice`, one holiday a row.
//!
//! The reader keeps the byte span of every cell so that each problem points
//! at its cell, and it reports every problem of the file, not only the first.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use miette::{NamedSource, SourceSpan};

use super::holiday::{Holiday, HOLIDAY_NAMES};
use super::CalendarError;

const HEADER: [&str; 6] = [
    "year",
    "name",
    "first",
    "last",
    "adjusted_workdays",
    "notice",
];

/// A break longer than this is taken for a typo in a month.
const LONGEST_SPAN_DAYS: i64 = 31;

/// Parses a calendar file into its holidays, in file order.
pub(super) fn parse_holidays(
    file_name: &str,
    text: &str,
) -> Result<Vec<Holiday>, Vec<CalendarError>> {
    let mut reader = Reader {
        src: NamedSource::new(file_name, Arc::from(text)),
        errors: Vec::new(),
    };
    let rows = reader.read_rows(text);
    reader.check_across_rows(&rows);
    if reader.errors.is_empty() {
        Ok(rows.into_iter().map(|row| row.holiday).collect())
    } else {
        Err(reader.errors)
    }
}

/// One cell of a row: its text (quotes removed), its byte span in the file
/// (quotes included) and where its text starts in the file.
struct Cell<'a> {
    text: Cow<'a, str>,
    span: Range<usize>,
    text_start: usize,
}

/// A row that passed the checks of its own, with the spans that the checks
/// across rows point at.
struct Row {
    holiday: Holiday,
    line: usize,
    name_span: Range<usize>,
    workday_spans: Vec<Range<usize>>,
}

struct Reader {
    src: NamedSource<Arc<str>>,
    errors: Vec<CalendarError>,
}

impl Reader {
    fn read_rows(&mut self, text: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut seen_header = false;
        let mut line_start = 0;
        for (index, raw) in text.split('\n').enumerate() {
            let line = index + 1;
            let mut start = line_start;
            line_start += raw.len() + 1;
            let mut content = raw.strip_suffix('\r').unwrap_or(raw);
            if index == 0 {
                if let Some(rest) = content.strip_prefix('\u{feff}') {
                    start += content.len() - rest.len();
                    content = rest;
                }
            }
            if content.trim().is_empty() {
                continue;
            }
            let cells = match split_cells(content, start) {
                Ok(cells) => cells,
                Err(quote) => {
                    let src = self.src.clone();
                    self.errors.push(CalendarError::BadQuote {
                        src,
                        span: span(quote..quote + 1),
                        line,
                    });
                    continue;
                }
            };
            if !seen_header {
                seen_header = true;
                if !cells.iter().map(|cell| cell.text.as_ref()).eq(HEADER) {
                    let src = self.src.clone();
                    let span = span(start..start + content.len());
                    self.errors
                        .push(CalendarError::BadHeader { src, span, line });
                }
                continue;
            }
            if let Some(row) = self.read_row(&cells, line, start..start + content.len()) {
                rows.push(row);
            }
        }
        rows
    }

    /// Checks one row on its own; `None` when it has a problem.
    fn read_row(&mut self, cells: &[Cell], line: usize, line_span: Range<usize>) -> Option<Row> {
        let [year, name, first, last, workdays, notice] = cells else {
            let src = self.src.clone();
            let found = cells.len();
            self.errors.push(CalendarError::WrongColumnCount {
                src,
                span: span(line_span),
                line,
                found,
            });
            return None;
        };
        let errors_before = self.errors.len();

        let year_value = self.year(year, line);
        if !HOLIDAY_NAMES.contains(&name.text.as_ref()) {
            let src = self.src.clone();
            let help = unknown_name_help(&name.text);
            let name_text = name.text.to_string();
            self.errors.push(CalendarError::UnknownHoliday {
                src,
                span: span(name.span.clone()),
                line,
                name: name_text,
                help,
            });
        }
        let first_value = self.date(&first.text, first.span.clone(), "first", line);
        let last_value = self.date(&last.text, last.span.clone(), "last", line);
        let (workday_values, workday_spans) = self.workdays(workdays, line);
        if notice.text.trim().is_empty() {
            let src = self.src.clone();
            self.errors.push(CalendarError::MissingNotice {
                src,
                span: span(notice.span.clone()),
                line,
            });
        }

        if let (Some(first_value), Some(last_value)) = (first_value, last_value) {
            self.check_span(first_value, last_value, first, last, line);
        }
        if let Some(year_value) = year_value {
            let dated = [(first_value, &first.span), (last_value, &last.span)];
            let dated = dated
                .into_iter()
                .filter_map(|(date, cell)| Some((date?, cell.clone())));
            let workdays = workday_values
                .iter()
                .copied()
                .zip(workday_spans.iter().cloned());
            for (date, cell) in dated.chain(workdays) {
                self.check_in_year(date, cell, year_value, line);
            }
        }
        for (&date, cell) in workday_values.iter().zip(&workday_spans) {
            self.check_weekend(date, cell.clone(), line);
        }

        if self.errors.len() > errors_before {
            return None;
        }
        Some(Row {
            holiday: Holiday {
                name: name.text.to_string(),
                year: year_value?,
                first: first_value?,
                last: last_value?,
                adjusted_workdays: workday_values,
                notice: notice.text.trim().to_owned(),
            },
            line,
            name_span: name.span.clone(),
            workday_spans,
        })
    }

    fn year(&mut self, cell: &Cell, line: usize) -> Option<i32> {
        let text = cell.text.as_ref();
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().ok();
        }
        let src = self.src.clone();
        self.errors.push(CalendarError::BadYear {
            src,
            span: span(cell.span.clone()),
            line,
            text: text.to_owned(),
        });
        None
    }

    fn date(
        &mut self,
        text: &str,
        cell: Range<usize>,
        column: &'static str,
        line: usize,
    ) -> Option<NaiveDate> {
        let date = parse_iso_date(text);
        if date.is_none() {
            let src = self.src.clone();
            self.errors.push(CalendarError::BadDate {
                src,
                span: span(cell),
                line,
                column,
                text: text.to_owned(),
            });
        }
        date
    }

    /// The dates of the `adjusted_workdays` cell, separated by `;` (or `；`),
    /// with their spans; bad dates are reported and left out.
    fn workdays(&mut self, cell: &Cell, line: usize) -> (Vec<NaiveDate>, Vec<Range<usize>>) {
        let mut dates = Vec::new();
        let mut spans = Vec::new();
        for (offset, part) in split_list(&cell.text) {
            let start = cell.text_start + offset;
            let part_span = start..start + part.len();
            if let Some(date) = self.date(part, part_span.clone(), "adjusted_workdays", line) {
                dates.push(date);
                spans.push(part_span);
            }
        }
        (dates, spans)
    }

    fn check_span(
        &mut self,
        first: NaiveDate,
        last: NaiveDate,
        first_cell: &Cell,
        last_cell: &Cell,
        line: usize,
    ) {
        let src = self.src.clone();
        let days = (last - first).num_days() + 1;
        if last < first {
            self.errors.push(CalendarError::LastBeforeFirst {
                src,
                first_span: span(first_cell.span.clone()),
                span: span(last_cell.span.clone()),
                line,
                first,
                last,
            });
        } else if days > LONGEST_SPAN_DAYS {
            let span = span(first_cell.span.start..last_cell.span.end);
            self.errors.push(CalendarError::SpanTooLong {
                src,
                span,
                line,
                first,
                last,
                days,
            });
        }
    }

    /// A notice for `year` arranges days from December of the year before
    /// (a 元旦 span) to the end of `year`.
    fn check_in_year(&mut self, date: NaiveDate, cell: Range<usize>, year: i32, line: usize) {
        let in_year = date.year() == year || (date.year() == year - 1 && date.month() == 12);
        if !in_year {
            let src = self.src.clone();
            self.errors.push(CalendarError::DateOutsideYear {
                src,
                span: span(cell),
                line,
                date,
                year,
            });
        }
    }

    fn check_weekend(&mut self, date: NaiveDate, cell: Range<usize>, line: usize) {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            let src = self.src.clone();
            self.errors.push(CalendarError::WorkdayNotWeekend {
                src,
                span: span(cell),
                line,
                date,
            });
        }
    }

    /// Problems between rows: a holiday listed twice for one year, and a
    /// working day that another row takes as a day off.
    fn check_across_rows(&mut self, rows: &[Row]) {
        let mut first_lines: BTreeMap<(i32, &str), usize> = BTreeMap::new();
        for row in rows {
            let key = (row.holiday.year, row.holiday.name.as_str());
            if let Some(&first_line) = first_lines.get(&key) {
                self.errors.push(CalendarError::DuplicateHoliday {
                    src: self.src.clone(),
                    span: span(row.name_span.clone()),
                    line: row.line,
                    year: row.holiday.year,
                    name: row.holiday.name.clone(),
                    first_line,
                });
            } else {
                first_lines.insert(key, row.line);
            }
        }
        for row in rows {
            for (&date, cell) in row.holiday.adjusted_workdays.iter().zip(&row.workday_spans) {
                if let Some(off) = rows.iter().find(|other| other.holiday.contains(date)) {
                    self.errors.push(CalendarError::WorkdayInHoliday {
                        src: self.src.clone(),
                        span: span(cell.clone()),
                        line: row.line,
                        date,
                        holiday: format!("{} {}", off.holiday.year, off.holiday.name),
                        holiday_line: off.line,
                    });
                }
            }
        }
        self.errors
            .sort_by_key(|error| (error.line(), error.span().offset()));
    }
}

fn span(range: Range<usize>) -> SourceSpan {
    (range.start, range.len()).into()
}

/// Splits one line into cells. A cell may be quoted (`"…"`, with `""` for a
/// quote inside); spaces around a cell are not part of it. Returns the byte
/// offset of an unclosed quote as the error.
fn split_cells(line: &str, line_start: usize) -> Result<Vec<Cell<'_>>, usize> {
    let mut cells = Vec::new();
    let mut rest = 0;
    loop {
        let tail = &line[rest..];
        let lead = tail.len() - tail.trim_start().len();
        let cell_start = rest + lead;
        let (cell, next) = if line[cell_start..].starts_with('"') {
            let (text, close) =
                read_quoted(&line[cell_start + 1..]).ok_or(line_start + cell_start)?;
            let end = cell_start + 1 + close + 1;
            let after = line[end..].trim_start();
            if !(after.is_empty() || after.starts_with(',')) {
                return Err(line_start + cell_start);
            }
            let span = line_start + cell_start..line_start + end;
            (
                Cell {
                    text,
                    span,
                    text_start: line_start + cell_start + 1,
                },
                line.len() - after.len(),
            )
        } else {
            let comma = line[cell_start..]
                .find(',')
                .map_or(line.len(), |i| cell_start + i);
            let text = line[cell_start..comma].trim_end();
            let span = line_start + cell_start..line_start + cell_start + text.len();
            (
                Cell {
                    text: Cow::Borrowed(text),
                    span,
                    text_start: line_start + cell_start,
                },
                comma,
            )
        };
        cells.push(cell);
        if next >= line.len() {
            return Ok(cells);
        }
        rest = next + 1;
    }
}

/// The text of a quoted cell whose opening quote has been read, and the
/// offset of its closing quote; `None` when it is not closed.
fn read_quoted(after_quote: &str) -> Option<(Cow<'_, str>, usize)> {
    let mut text = String::new();
    let mut chars = after_quote.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            text.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
            text.push('"');
            chars.next();
        } else {
            let text = if text.len() == i {
                Cow::Borrowed(&after_quote[..i])
            } else {
                Cow::Owned(text)
            };
            return Some((text, i));
        }
    }
    None
}

/// The non-empty items of a `;`- or `；`-separated list, trimmed, with
/// their byte offsets in `list`.
fn split_list(list: &str) -> Vec<(usize, &str)> {
    let mut items = Vec::new();
    let mut start = 0;
    let separators = list.char_indices().filter(|&(_, c)| c == ';' || c == '；');
    for (end, separator_len) in separators
        .map(|(i, c)| (i, c.len_utf8()))
        .chain([(list.len(), 0)])
    {
        let item = &list[start..end];
        let trimmed = item.trim();
        if !trimmed.is_empty() {
            items.push((start + item.len() - item.trim_start().len(), trimmed));
        }
        start = end + separator_len;
    }
    items
}

/// A date written exactly as `YYYY-MM-DD`.
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        text[0..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..10].parse().ok()?,
    )
}

/// The help line of an unknown holiday name: the names, and the nearest one
/// when it is close ("清明节" → "清明").
fn unknown_name_help(name: &str) -> String {
    let names = HOLIDAY_NAMES.join(", ");
    let nearest = HOLIDAY_NAMES
        .iter()
        .map(|known| (strsim::levenshtein(name, known), *known))
        .min()
        .filter(|&(distance, known)| distance <= known.chars().count() / 2);
    match nearest {
        Some((_, known)) => format!("did you mean `{known}`? The holiday names are {names}"),
        None => format!("the holiday names are {names}"),
    }
}
