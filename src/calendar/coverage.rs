//! Which dates a calendar can answer for.
//!
//! A date is covered when the notice of its own calendar year is in the
//! calendar. From 25 December on it also needs the next year's notice:
//! that notice's 元旦 arrangement can take or give back days of late
//! December (the 2019 notice made Saturday 2018-12-29 a working day and
//! 2018-12-31 a day off; the 2008 notice did the same to 2007-12-29 and
//! 2007-12-31). The days of a 元旦 span that fall in December therefore
//! belong to the next year's notice, and are covered only once both notices
//! are present.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::OutOfCoverage;

/// The first day of December that waits for the next year's notice. The
/// earliest day a 元旦 arrangement has touched is 29 December; this keeps a
/// margin of a few days.
pub(super) const NEXT_NOTICE_FROM_DAY: u32 = 25;

/// The years a calendar has notices for.
#[derive(Debug, Clone, Default)]
pub(super) struct Coverage {
    years: BTreeSet<i32>,
}

impl Coverage {
    pub(super) fn new(years: impl IntoIterator<Item = i32>) -> Self {
        Coverage {
            years: years.into_iter().collect(),
        }
    }

    pub(super) fn contains_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub(super) fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub(super) fn check(&self, date: NaiveDate) -> Result<(), OutOfCoverage> {
        let year = date.year();
        let missing_year = if !self.contains_year(year) {
            year
        } else if date.month() == 12
            && date.day() >= NEXT_NOTICE_FROM_DAY
            && !self.contains_year(year + 1)
        {
            year + 1
        } else {
            return Ok(());
        };
        Err(OutOfCoverage {
            date,
            covered: self.runs(),
            missing_year,
        })
    }

    /// The error for a date that no notice can cover.
    pub(super) fn uncovered(&self, date: NaiveDate) -> OutOfCoverage {
        OutOfCoverage {
            date,
            covered: self.runs(),
            missing_year: date.year(),
        }
    }

    /// The covered years as runs of consecutive years.
    fn runs(&self) -> Vec<RangeInclusive<i32>> {
        let mut runs: Vec<RangeInclusive<i32>> = Vec::new();
        for &year in &self.years {
            match runs.last_mut() {
                Some(run) if *run.end() + 1 == year => *run = *run.start()..=year,
                _ => runs.push(year..=year),
            }
        }
        runs
    }
}

/// "covers 2015–2026, 2030", for messages.
pub(super) fn describe_years(runs: &[RangeInclusive<i32>]) -> String {
    if runs.is_empty() {
        return "covers no year".to_owned();
    }
    let runs: Vec<String> = runs
        .iter()
        .map(|run| {
            if run.start() == run.end() {
                run.start().to_string()
            } else {
                format!("{}–{}", run.start(), run.end())
            }
        })
        .collect();
    format!("covers {}", runs.join(", "))
}
