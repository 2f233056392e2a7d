//! The Gregorian dates of the lunar festivals, computed with the Chinese
//! calendar of `icu_calendar` (GB/T 33661-2017 rules). Only the festival day
//! itself can be computed: the span off around it and the adjusted working
//! days are set by each year's notice.

use chrono::NaiveDate;
use icu_calendar::cal::Iso;
use icu_calendar::types::Month;
use icu_calendar::Date;

/// The Gregorian date of a lunar festival's day in `year`: 春节 is the first
/// day of the first month, 端午 the fifth of the fifth, 中秋 the fifteenth of
/// the eighth. `None` for any other name.
pub(super) fn festival_day(name: &str, year: i32) -> Option<NaiveDate> {
    let (month, day) = match name {
        "春节" => (1, 1),
        "端午" => (5, 5),
        "中秋" => (8, 15),
        _ => return None,
    };
    // The lunar year that begins in `year` holds all three festivals of `year`.
    let lunar = Date::try_new_chinese_traditional(year, Month::new(month), day).ok()?;
    let iso = lunar.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        iso.month().ordinal.into(),
        iso.day_of_month().0.into(),
    )
}
