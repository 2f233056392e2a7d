//! Evaluated ranges and period grids: calendar weeks (ISO), months,
//! quarters, half-years and years, with dates as day numbers.

use std::fmt;

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};

use crate::syntax::ast::PeriodUnit;

/// A date as a day number (chrono's `num_days_from_ce`).
pub type Day = i32;

pub fn to_date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

pub fn from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce()
}

/// Formats a day number as an ISO date. chrono's `Display` writes what
/// `format("%Y-%m-%d")` writes, without parsing a format on every call.
pub fn format_day(day: Day) -> String {
    to_date(day).to_string()
}

/// A span of whole days, both ends included, with the label a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub start: Day,
    pub end: Day,
    pub label: String,
}

impl Period {
    pub fn contains(&self, day: Day) -> bool {
        self.start <= day && day <= self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Why a `--period` value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRange(pub String);

impl fmt::Display for BadRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a period: write 2021, 2021-H1, 2021-Q3, 2021-07, 2021-W05 or 2021-01-01..2021-09-30",
            self.0
        )
    }
}

/// Reads a date written `2021-09-30`.
pub fn parse_day(text: &str) -> Option<Day> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .map(from_date)
}

/// Reads an evaluated range: `2021`, `2021-H1`, `2021-Q3`, `2021-07`,
/// `2021-W05`, or `2021-01-01..2021-09-30`.
pub fn parse_range(text: &str) -> Result<Period, BadRange> {
    let bad = || BadRange(text.to_owned());
    let text = text.trim();
    if let Some((a, b)) = text.split_once("..") {
        let start = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        let end = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        if end < start {
            return Err(bad());
        }
        return Ok(Period {
            start: from_date(start),
            end: from_date(end),
            label: format!("{start}..{end}"),
        });
    }
    let (year, rest) = match text.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (text, None),
    };
    if year.len() != 4 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let (unit, index) = match rest {
        None => (PeriodUnit::Year, 1),
        Some(r) => {
            let (unit, digits) = match r.chars().next() {
                Some('Q') => (PeriodUnit::Quarter, &r[1..]),
                Some('H') => (PeriodUnit::HalfYear, &r[1..]),
                Some('W') => (PeriodUnit::Week, &r[1..]),
                _ => (PeriodUnit::Month, r),
            };
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(bad());
            }
            (unit, digits.parse::<u32>().map_err(|_| bad())?)
        }
    };
    let start = match unit {
        PeriodUnit::Year => Some(first),
        PeriodUnit::HalfYear if (1..=2).contains(&index) => {
            NaiveDate::from_ymd_opt(year, 6 * index - 5, 1)
        }
        PeriodUnit::Quarter if (1..=4).contains(&index) => {
            NaiveDate::from_ymd_opt(year, 3 * index - 2, 1)
        }
        PeriodUnit::Month if (1..=12).contains(&index) => NaiveDate::from_ymd_opt(year, index, 1),
        PeriodUnit::Week => NaiveDate::from_isoywd_opt(year, index, Weekday::Mon),
        _ => None,
    }
    .ok_or_else(bad)?;
    Ok(period_at(unit, from_date(start)))
}

/// The calendar period of `unit` that contains `day`.
pub fn period_at(unit: PeriodUnit, day: Day) -> Period {
    let date = to_date(day);
    let (y, m) = (date.year(), date.month());
    let (start, end, label) = match unit {
        PeriodUnit::Week => {
            let week: IsoWeek = date.iso_week();
            let start =
                NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).unwrap_or(date);
            (
                start,
                start + Duration::days(6),
                format!("{}-W{:02}", week.year(), week.week()),
            )
        }
        PeriodUnit::Month => {
            let start = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(date);
            (start, month_end(y, m), format!("{y}-{m:02}"))
        }
        PeriodUnit::Quarter => {
            let q = (m - 1) / 3 + 1;
            let start = NaiveDate::from_ymd_opt(y, 3 * q - 2, 1).unwrap_or(date);
            (start, month_end(y, 3 * q), format!("{y}-Q{q}"))
        }
        PeriodUnit::HalfYear => {
            let h = (m - 1) / 6 + 1;
            let start = NaiveDate::from_ymd_opt(y, 6 * h - 5, 1).unwrap_or(date);
            (start, month_end(y, 6 * h), format!("{y}-H{h}"))
        }
        PeriodUnit::Year => {
            let start = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(date);
            (start, month_end(y, 12), format!("{y}"))
        }
    };
    Period {
        start: from_date(start),
        end: from_date(end),
        label,
    }
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1).map_or(NaiveDate::MAX, |d| d - Duration::days(1))
}

/// Every period of `unit` that overlaps `range`, in order.
pub fn grid(unit: PeriodUnit, range: &Period) -> Vec<Period> {
    let mut out = Vec::new();
    let mut day = range.start;
    while day <= range.end {
        let p = period_at(unit, day);
        day = p.end + 1;
        out.push(p);
    }
    out
}

/// The rolling window of `span_units` periods that ends with `period`:
/// for `every month over 6 months`, months M-5 to M. The label stays the
/// label of the last period.
pub fn rolling(unit: PeriodUnit, period: &Period, span_units: u32) -> Period {
    let mut start = period.start;
    for _ in 1..span_units {
        start = period_at(unit, start - 1).start;
    }
    Period {
        start,
        end: period.end,
        label: period.label.clone(),
    }
}

/// `day` moved by a number of months. The last day of a month moves to the
/// last day of the target month (`period.end + 1 month` after September is
/// October 31); another day keeps its number, or the target month's last
/// day when the month is shorter (January 30 + 1 month is February 28).
pub fn add_months(day: Day, months: i64) -> Day {
    let date = to_date(day);
    let months = months.clamp(-(u32::MAX as i64), u32::MAX as i64);
    let moved = if months >= 0 {
        date.checked_add_months(chrono::Months::new(months as u32))
    } else {
        date.checked_sub_months(chrono::Months::new(months.unsigned_abs() as u32))
    };
    let Some(moved) = moved else { return day };
    let is_month_end = date
        .succ_opt()
        .is_none_or(|next| next.month() != date.month());
    if is_month_end {
        from_date(month_end(moved.year(), moved.month()))
    } else {
        from_date(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        from_date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn days_format_as_iso_dates() {
        for date in ["2021-03-01", "0099-12-31", "9999-12-31"] {
            assert_eq!(format_day(day(date)), date);
        }
        let far = NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
        assert_eq!(
            format_day(from_date(far)),
            far.format("%Y-%m-%d").to_string()
        );
    }

    #[test]
    fn ranges_parse_to_their_days() {
        let q3 = parse_range("2021-Q3").unwrap();
        assert_eq!((q3.start, q3.end), (day("2021-07-01"), day("2021-09-30")));
        let feb = parse_range("2020-02").unwrap();
        assert_eq!(feb.end, day("2020-02-29"));
        let h1 = parse_range("2021-H1").unwrap();
        assert_eq!(h1.end, day("2021-06-30"));
        let w = parse_range("2020-W53").unwrap();
        assert_eq!((w.start, w.end), (day("2020-12-28"), day("2021-01-03")));
        let r = parse_range("2021-01-01..2021-09-30").unwrap();
        assert_eq!((r.start, r.end), (day("2021-01-01"), day("2021-09-30")));
        for bad in [
            "2021-13",
            "2021-Q5",
            "21",
            "2021-W54",
            "2021-09-30..2021-01-01",
            "x",
        ] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn grids_cover_the_range_with_whole_periods() {
        let range = parse_range("2021-02-15..2021-05-02").unwrap();
        let months: Vec<String> = grid(PeriodUnit::Month, &range)
            .into_iter()
            .map(|p| p.label)
            .collect();
        assert_eq!(months, ["2021-02", "2021-03", "2021-04", "2021-05"]);
        let weeks = grid(PeriodUnit::Week, &parse_range("2021-01").unwrap());
        assert_eq!(weeks[0].label, "2020-W53");
        assert_eq!(weeks.last().unwrap().label, "2021-W04");
    }

    #[test]
    fn rolling_windows_cross_year_boundaries() {
        let feb = parse_range("2021-02").unwrap();
        let window = rolling(PeriodUnit::Month, &feb, 6);
        assert_eq!(
            (window.start, window.end),
            (day("2020-09-01"), day("2021-02-28"))
        );
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(add_months(day("2021-01-31"), 1), day("2021-02-28"));
        assert_eq!(add_months(day("2020-03-31"), -1), day("2020-02-29"));
        assert_eq!(add_months(day("2021-01-30"), 1), day("2021-02-28"));
        // Month ends stay month ends.
        assert_eq!(add_months(day("2021-09-30"), 1), day("2021-10-31"));
        assert_eq!(add_months(day("2021-02-28"), 1), day("2021-03-31"));
        assert_eq!(add_months(day("2021-06-30"), 6), day("2021-12-31"));
        assert_eq!(add_months(day("2021-03-15"), 1), day("2021-04-15"));
    }
}
