//! What can go wrong with a calendar: a bad row in a calendar file, and a
//! date the calendar cannot answer for.

use std::fmt;
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use super::coverage::{describe_years, NEXT_NOTICE_FROM_DAY};

type Source = NamedSource<Arc<str>>;

/// A problem in one row of a calendar file. Every variant points at the
/// offending cell (byte span) of its file and knows its 1-based line.
#[derive(Debug, Error, Diagnostic)]
pub enum CalendarError {
    #[error("the first line is not the calendar header")]
    #[diagnostic(
        code("xuncha::calendar::bad-header"),
        help(
            "a calendar file starts with the line `year,name,first,last,adjusted_workdays,notice`"
        )
    )]
    BadHeader {
        #[source_code]
        src: Source,
        #[label("expected the header")]
        span: SourceSpan,
        line: usize,
    },

    #[error("a quoted cell is not closed")]
    #[diagnostic(
        code("xuncha::calendar::bad-quote"),
        help("close the quote, and write a quote inside a quoted cell as `\"\"`")
    )]
    BadQuote {
        #[source_code]
        src: Source,
        #[label("this quote")]
        span: SourceSpan,
        line: usize,
    },

    #[error("the row has {found} cells, not 6")]
    #[diagnostic(
        code("xuncha::calendar::wrong-column-count"),
        help("a row is `year,name,first,last,adjusted_workdays,notice`; leave adjusted_workdays empty, not out, when there are none")
    )]
    WrongColumnCount {
        #[source_code]
        src: Source,
        #[label("{found} cells")]
        span: SourceSpan,
        line: usize,
        found: usize,
    },

    #[error("`{text}` is not a year")]
    #[diagnostic(
        code("xuncha::calendar::bad-year"),
        help("the year is the one the notice arranges, as four digits, e.g. 2027")
    )]
    BadYear {
        #[source_code]
        src: Source,
        #[label("not a year")]
        span: SourceSpan,
        line: usize,
        text: String,
    },

    #[error("unknown holiday `{name}`")]
    #[diagnostic(code("xuncha::calendar::unknown-holiday"))]
    UnknownHoliday {
        #[source_code]
        src: Source,
        #[label("not a holiday name")]
        span: SourceSpan,
        line: usize,
        name: String,
        #[help]
        help: String,
    },

    #[error("`{text}` in column `{column}` is not a date")]
    #[diagnostic(
        code("xuncha::calendar::bad-date"),
        help("write a date as YYYY-MM-DD, e.g. 2027-02-06")
    )]
    BadDate {
        #[source_code]
        src: Source,
        #[label("not a date")]
        span: SourceSpan,
        line: usize,
        column: &'static str,
        text: String,
    },

    #[error("the last day {last} is before the first day {first}")]
    #[diagnostic(
        code("xuncha::calendar::last-before-first"),
        help("`first` and `last` are the first and the last day off, both included")
    )]
    LastBeforeFirst {
        #[source_code]
        src: Source,
        #[label("first day")]
        first_span: SourceSpan,
        #[label("last day")]
        span: SourceSpan,
        line: usize,
        first: NaiveDate,
        last: NaiveDate,
    },

    #[error("the span {first} – {last} is {days} days long")]
    #[diagnostic(
        code("xuncha::calendar::span-too-long"),
        help("a holiday lasts at most 31 days; check the month of the first and the last day")
    )]
    SpanTooLong {
        #[source_code]
        src: Source,
        #[label("{days} days")]
        span: SourceSpan,
        line: usize,
        first: NaiveDate,
        last: NaiveDate,
        days: i64,
    },

    #[error("{date} is not in the year {year} that the row arranges")]
    #[diagnostic(
        code("xuncha::calendar::date-outside-year"),
        help("a notice for a year arranges days of that year, and for 元旦 possibly the end of December before it; check the year and this date")
    )]
    DateOutsideYear {
        #[source_code]
        src: Source,
        #[label("outside {year}")]
        span: SourceSpan,
        line: usize,
        date: NaiveDate,
        year: i32,
    },

    #[error("the adjusted working day {date} is not a Saturday or a Sunday")]
    #[diagnostic(
        code("xuncha::calendar::workday-not-weekend"),
        help("an adjusted working day (调休上班) is a weekend day made a working day; a weekday is one already")
    )]
    WorkdayNotWeekend {
        #[source_code]
        src: Source,
        #[label("a weekday")]
        span: SourceSpan,
        line: usize,
        date: NaiveDate,
    },

    #[error("the adjusted working day {date} is inside the {holiday} span of line {holiday_line}")]
    #[diagnostic(
        code("xuncha::calendar::workday-in-holiday"),
        help("a day is either off or worked; correct the span or the working day")
    )]
    WorkdayInHoliday {
        #[source_code]
        src: Source,
        #[label("also a day off")]
        span: SourceSpan,
        line: usize,
        date: NaiveDate,
        holiday: String,
        holiday_line: usize,
    },

    #[error("{year} {name} is listed twice (first on line {first_line})")]
    #[diagnostic(
        code("xuncha::calendar::duplicate-holiday"),
        help("a notice arranges each holiday once; keep one row")
    )]
    DuplicateHoliday {
        #[source_code]
        src: Source,
        #[label("again")]
        span: SourceSpan,
        line: usize,
        year: i32,
        name: String,
        first_line: usize,
    },

    #[error("the row cites no notice")]
    #[diagnostic(
        code("xuncha::calendar::missing-notice"),
        help("cite the notice that arranges the holiday, e.g. 国务院办公厅关于2027年部分节假日安排的通知 and its document number")
    )]
    MissingNotice {
        #[source_code]
        src: Source,
        #[label("empty")]
        span: SourceSpan,
        line: usize,
    },
}

impl CalendarError {
    /// The name of the calendar file.
    pub fn file_name(&self) -> &str {
        self.location().0.name()
    }

    /// The 1-based line of the row.
    pub fn line(&self) -> usize {
        self.location().2
    }

    /// The byte span of the offending cell (or line) in the file.
    pub fn span(&self) -> SourceSpan {
        self.location().1
    }

    fn location(&self) -> (&Source, SourceSpan, usize) {
        match self {
            Self::BadHeader { src, span, line }
            | Self::BadQuote { src, span, line }
            | Self::WrongColumnCount {
                src, span, line, ..
            }
            | Self::BadYear {
                src, span, line, ..
            }
            | Self::UnknownHoliday {
                src, span, line, ..
            }
            | Self::BadDate {
                src, span, line, ..
            }
            | Self::LastBeforeFirst {
                src, span, line, ..
            }
            | Self::SpanTooLong {
                src, span, line, ..
            }
            | Self::DateOutsideYear {
                src, span, line, ..
            }
            | Self::WorkdayNotWeekend {
                src, span, line, ..
            }
            | Self::WorkdayInHoliday {
                src, span, line, ..
            }
            | Self::DuplicateHoliday {
                src, span, line, ..
            }
            | Self::MissingNotice { src, span, line } => (src, *span, *line),
        }
    }
}

/// A date whose working-day status the calendar cannot tell, because the
/// notice that decides it is not in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Diagnostic)]
#[diagnostic(
    code("xuncha::calendar::out-of-coverage"),
    help("bind a calendar file with the {missing_year} notice in the project file; a working day is never guessed from the weekday alone")
)]
pub struct OutOfCoverage {
    pub date: NaiveDate,
    /// The runs of years the calendar has notices for, in order.
    pub covered: Vec<RangeInclusive<i32>>,
    /// The year whose notice would decide the date.
    pub missing_year: i32,
}

impl fmt::Display for OutOfCoverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is outside the holiday calendar ({})",
            self.date,
            describe_years(&self.covered)
        )?;
        if self.missing_year != self.date.year() {
            write!(
                f,
                ": from {NEXT_NOTICE_FROM_DAY} December a date also depends on the next year's 元旦 arrangement"
            )?;
        }
        write!(
            f,
            "; add the {} notice in a calendar file",
            self.missing_year
        )
    }
}

impl std::error::Error for OutOfCoverage {}
