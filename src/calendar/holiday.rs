//! One holiday of a yearly arrangement, and the names a holiday may have.

use chrono::NaiveDate;

/// The holiday names of the State Council's arrangements: the seven
/// holidays of the 全国年节及纪念日放假办法, 中秋国庆 for the years whose
/// notice joins the two into one span (2017, 2020, 2023, 2025), and the one
/// extraordinary day off of the period (3 September 2015, 国发明电〔2015〕1号).
pub const HOLIDAY_NAMES: [&str; 9] = [
    "元旦",
    "春节",
    "清明",
    "劳动节",
    "端午",
    "中秋",
    "国庆",
    "中秋国庆",
    "抗战胜利纪念日",
];

/// A holiday as one notice arranges it.
///
/// `first..=last` is the whole break: the run of consecutive days off that
/// contains the holiday, weekend days included. Where a notice words a day
/// as "放假，与周末连休" or "放假，X日补休", the adjoining weekend days are
/// part of the span, so `first` is the first day people are off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    /// The year of the notice that arranges it; a 元旦 span may begin in the
    /// December before.
    pub year: i32,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Weekend days made working days (调休上班) for this holiday.
    pub adjusted_workdays: Vec<NaiveDate>,
    /// The notice, with its document number.
    pub notice: String,
}

impl Holiday {
    /// Whether `date` is one of the days off of this holiday.
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.first..=self.last).contains(&date)
    }
}
