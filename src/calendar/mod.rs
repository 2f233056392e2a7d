//! The official holiday calendar and working-day arithmetic.
//!
//! The built-in calendar is `data/holidays.csv`: the State Council General
//! Office's yearly arrangements (国务院办公厅关于N年部分节假日安排的通知)
//! for 2015 through 2026, compiled into the binary. A calendar file in the
//! same format extends or overrides it year by year.
//!
//! A date is a working day when it is Monday to Friday and not a day off of
//! a holiday, or when it is an adjusted working day (调休上班).
//!
//! A date is covered when the calendar has the notice of its own year, and,
//! from 25 December on, the next year's notice too: a 元旦 arrangement can
//! move days of late December (the 2019 notice made Saturday 2018-12-29 a
//! working day and 2018-12-31 a day off). An uncovered date is an error,
//! [`OutOfCoverage`], never a guess from the weekday.

mod coverage;
mod error;
mod holiday;
mod lunar;
mod parse;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

use coverage::Coverage;
pub use error::{CalendarError, OutOfCoverage};
pub use holiday::{Holiday, HOLIDAY_NAMES};

const BUILTIN_NAME: &str = "data/holidays.csv";
const BUILTIN_TEXT: &str = include_str!("../../data/holidays.csv");

/// Holidays and adjusted working days for a set of years.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Sorted by (first, name).
    holidays: Vec<Holiday>,
    coverage: Coverage,
    days_off: BTreeSet<NaiveDate>,
    adjusted_workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The built-in calendar, 2015 through 2026.
    pub fn builtin() -> &'static Calendar {
        static BUILTIN: OnceLock<Calendar> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Calendar::parse(BUILTIN_NAME, BUILTIN_TEXT).unwrap_or_else(|errors| {
                // The tests parse the built-in file; this is unreachable in a tested build.
                panic!("{BUILTIN_NAME} is invalid: {errors:?}")
            })
        })
    }

    /// Parses a calendar file (CSV: `year,name,first,last,adjusted_workdays,notice`),
    /// reporting every problem of the file.
    pub fn parse(file_name: &str, text: &str) -> Result<Calendar, Vec<CalendarError>> {
        parse::parse_holidays(file_name, text).map(Calendar::from_holidays)
    }

    fn from_holidays(mut holidays: Vec<Holiday>) -> Calendar {
        holidays.sort_by(|a, b| (a.first, &a.name).cmp(&(b.first, &b.name)));
        let coverage = Coverage::new(holidays.iter().map(|holiday| holiday.year));
        let days_off = holidays
            .iter()
            .flat_map(|holiday| {
                holiday
                    .first
                    .iter_days()
                    .take_while(|day| *day <= holiday.last)
            })
            .collect();
        let adjusted_workdays = holidays
            .iter()
            .flat_map(|holiday| holiday.adjusted_workdays.iter().copied())
            .collect();
        Calendar {
            holidays,
            coverage,
            days_off,
            adjusted_workdays,
        }
    }

    /// This calendar with `other`'s years in place of its own: a year that
    /// `other` has a notice for is taken whole from `other`.
    pub fn extended_with(&self, other: &Calendar) -> Calendar {
        let kept = self
            .holidays
            .iter()
            .filter(|holiday| !other.coverage.contains_year(holiday.year));
        Calendar::from_holidays(kept.chain(&other.holidays).cloned().collect())
    }

    /// Every holiday, ordered by first day (then name).
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The years the calendar has a notice for, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.coverage.years()
    }

    /// Whether the calendar can tell if `date` is a working day.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.coverage.check(date).is_ok()
    }

    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, OutOfCoverage> {
        self.coverage.check(date)?;
        if self.adjusted_workdays.contains(&date) {
            return Ok(true);
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        Ok(!weekend && !self.days_off.contains(&date))
    }

    /// The `n`-th working day after `date` (before it, for a negative `n`);
    /// `date` itself for 0. "Three working days after Friday" is the
    /// Wednesday after; "one working day before Saturday" is the Friday.
    pub fn add_workdays(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, OutOfCoverage> {
        let mut day = date;
        let mut left = n.unsigned_abs();
        while left > 0 {
            day = self.step(day, n > 0)?;
            if self.is_workday(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The working days from `a` to `b`: for `a <= b` the number of working
    /// days d with a < d <= b; for `b < a` minus the number with b <= d < a.
    /// Each way it counts the days that [`Calendar::add_workdays`] steps over,
    /// so `workdays_between(a, add_workdays(a, n)?)? == n` for every `n`.
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, OutOfCoverage> {
        if a <= b {
            self.count_workdays(a.iter_days().skip(1).take_while(|day| *day <= b))
        } else {
            self.count_workdays(b.iter_days().take_while(|day| *day < a))
                .map(|count| -count)
        }
    }

    /// For a year the calendar does not cover: the Gregorian date of a lunar
    /// festival's own day (春节, 端午, 中秋), computed from the Chinese
    /// calendar. It is an estimate of where the holiday falls, not its
    /// official span. `None` for the other names, whose dates are fixed
    /// (元旦, 劳动节, 国庆), follow a solar term (清明) or name a joined span.
    pub fn estimated_festival_day(name: &str, year: i32) -> Option<NaiveDate> {
        lunar::festival_day(name, year)
    }

    fn count_workdays(&self, days: impl Iterator<Item = NaiveDate>) -> Result<i64, OutOfCoverage> {
        let mut count = 0;
        for day in days {
            if self.is_workday(day)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The next or previous day. chrono's range ends far beyond any notice,
    /// so its end is out of coverage like any uncovered date.
    fn step(&self, day: NaiveDate, forward: bool) -> Result<NaiveDate, OutOfCoverage> {
        let next = if forward {
            day.succ_opt()
        } else {
            day.pred_opt()
        };
        next.ok_or_else(|| self.coverage.uncovered(day))
    }
}
