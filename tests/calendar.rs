//! The built-in holiday calendar against the published notices, the
//! working-day arithmetic, and calendar files written by users.

use chrono::{Datelike, NaiveDate, Weekday};
use miette::Diagnostic;
use proptest::prelude::*;
use xuncha::calendar::{Calendar, CalendarError, Holiday};

fn d(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|_| panic!("bad test date {text}"))
}

fn dates(texts: &[&str]) -> Vec<NaiveDate> {
    texts.iter().map(|text| d(text)).collect()
}

fn builtin_holiday(year: i32, name: &str) -> &'static Holiday {
    Calendar::builtin()
        .holidays()
        .iter()
        .find(|holiday| holiday.year == year && holiday.name == name)
        .unwrap_or_else(|| panic!("no {year} {name} in the built-in calendar"))
}

fn assert_arrangement(year: i32, name: &str, first: &str, last: &str, worked: &[&str]) {
    let holiday = builtin_holiday(year, name);
    assert_eq!(
        (holiday.first, holiday.last),
        (d(first), d(last)),
        "{year} {name}"
    );
    assert_eq!(
        holiday.adjusted_workdays,
        dates(worked),
        "{year} {name} adjusted working days"
    );
}

fn workday(date: &str) -> bool {
    Calendar::builtin().is_workday(d(date)).unwrap()
}

// ---- published facts -------------------------------------------------------

#[test]
fn the_notices_anchor_dates_are_in_the_calendar() {
    assert_arrangement(
        2021,
        "春节",
        "2021-02-11",
        "2021-02-17",
        &["2021-02-07", "2021-02-20"],
    );
    assert_arrangement(2021, "中秋", "2021-09-19", "2021-09-21", &["2021-09-18"]);
    assert_arrangement(
        2020,
        "中秋国庆",
        "2020-10-01",
        "2020-10-08",
        &["2020-09-27", "2020-10-10"],
    );
    assert_arrangement(
        2026,
        "春节",
        "2026-02-15",
        "2026-02-23",
        &["2026-02-14", "2026-02-28"],
    );
    assert_arrangement(
        2026,
        "国庆",
        "2026-10-01",
        "2026-10-07",
        &["2026-09-20", "2026-10-10"],
    );
    assert_arrangement(
        2025,
        "春节",
        "2025-01-28",
        "2025-02-04",
        &["2025-01-26", "2025-02-08"],
    );
    assert_arrangement(
        2024,
        "春节",
        "2024-02-10",
        "2024-02-17",
        &["2024-02-04", "2024-02-18"],
    );
    assert_arrangement(
        2023,
        "中秋国庆",
        "2023-09-29",
        "2023-10-06",
        &["2023-10-07", "2023-10-08"],
    );
    assert_arrangement(
        2017,
        "中秋国庆",
        "2017-10-01",
        "2017-10-08",
        &["2017-09-30"],
    );
    assert_arrangement(
        2015,
        "抗战胜利纪念日",
        "2015-09-03",
        "2015-09-05",
        &["2015-09-06"],
    );
}

#[test]
fn a_new_years_span_in_december_belongs_to_the_next_years_notice() {
    assert_arrangement(2015, "元旦", "2015-01-01", "2015-01-03", &["2015-01-04"]);
    assert_arrangement(2018, "元旦", "2017-12-30", "2018-01-01", &[]);
    assert_arrangement(2019, "元旦", "2018-12-30", "2019-01-01", &["2018-12-29"]);
    assert!(
        workday("2018-12-29"),
        "a Saturday worked under the 2019 notice"
    );
    assert!(!workday("2018-12-31"), "a Monday off under the 2019 notice");
}

#[test]
fn later_notices_that_changed_an_arrangement_are_applied() {
    // 国办发明电〔2019〕3号 made Labour Day 2019 four days.
    assert_arrangement(
        2019,
        "劳动节",
        "2019-05-01",
        "2019-05-04",
        &["2019-04-28", "2019-05-05"],
    );
    // The 2020 Spring Festival was extended to 2 February: Saturday 1 February is no longer worked.
    assert_arrangement(2020, "春节", "2020-01-24", "2020-02-02", &["2020-01-19"]);
    assert!(!workday("2020-02-01"));
    assert!(workday("2020-02-03"));
}

#[test]
fn every_year_has_each_holiday_once() {
    let calendar = Calendar::builtin();
    assert_eq!(
        calendar.years().collect::<Vec<_>>(),
        (2015..=2026).collect::<Vec<_>>()
    );
    for year in 2015..=2026 {
        let names: Vec<&str> = calendar
            .holidays()
            .iter()
            .filter(|holiday| holiday.year == year)
            .map(|holiday| holiday.name.as_str())
            .collect();
        for name in ["元旦", "春节", "清明", "劳动节", "端午"] {
            assert_eq!(
                names.iter().filter(|n| **n == name).count(),
                1,
                "{year} {name}"
            );
        }
        let merged = names.contains(&"中秋国庆");
        assert_eq!(names.contains(&"中秋"), !merged, "{year} 中秋");
        assert_eq!(names.contains(&"国庆"), !merged, "{year} 国庆");
        assert!(calendar
            .holidays()
            .iter()
            .all(|holiday| !holiday.notice.is_empty()));
    }
    let merged_years: Vec<i32> = calendar
        .holidays()
        .iter()
        .filter(|h| h.name == "中秋国庆")
        .map(|h| h.year)
        .collect();
    assert_eq!(merged_years, [2017, 2020, 2023, 2025]);
}

#[test]
fn each_span_is_the_whole_break() {
    let calendar = Calendar::builtin();
    for holiday in calendar.holidays() {
        let before = holiday.first.pred_opt().unwrap();
        let after = holiday.last.succ_opt().unwrap();
        for edge in [before, after] {
            if calendar.covers(edge) {
                assert!(
                    calendar.is_workday(edge).unwrap(),
                    "{} {}: {edge} is off too",
                    holiday.year,
                    holiday.name
                );
            }
        }
        for day in holiday
            .first
            .iter_days()
            .take_while(|day| *day <= holiday.last)
        {
            assert!(
                !calendar.is_workday(day).unwrap(),
                "{} {}: {day}",
                holiday.year,
                holiday.name
            );
        }
        for worked in &holiday.adjusted_workdays {
            assert!(matches!(worked.weekday(), Weekday::Sat | Weekday::Sun));
        }
    }
}

#[test]
fn the_lunar_festival_days_fall_inside_their_spans() {
    for year in 2015..=2026 {
        for (festival, names) in [
            ("春节", &["春节"][..]),
            ("端午", &["端午"][..]),
            ("中秋", &["中秋", "中秋国庆"][..]),
        ] {
            let day = Calendar::estimated_festival_day(festival, year).unwrap();
            let holiday = Calendar::builtin()
                .holidays()
                .iter()
                .find(|h| h.year == year && names.contains(&h.name.as_str()))
                .unwrap();
            assert!(
                holiday.contains(day),
                "{year} {festival} on {day} is outside {} – {}",
                holiday.first,
                holiday.last
            );
        }
    }
}

#[test]
fn festival_days_of_uncovered_years_are_estimated() {
    let estimate = Calendar::estimated_festival_day;
    assert_eq!(estimate("春节", 2027), Some(d("2027-02-06")));
    assert_eq!(estimate("端午", 2027), Some(d("2027-06-09")));
    assert_eq!(estimate("中秋", 2027), Some(d("2027-09-15")));
    assert_eq!(estimate("春节", 2028), Some(d("2028-01-26")));
    for name in ["元旦", "清明", "劳动节", "国庆", "中秋国庆", "圣诞"] {
        assert_eq!(estimate(name, 2027), None, "{name}");
    }
}

// ---- the independent data set ----------------------------------------------

/// Days where the `chinese_holiday` crate's table contradicts the notice
/// that its own source comments quote; on these the calendar follows the notice.
const CHINESE_HOLIDAY_ERRATA: [(&str, bool, &str); 2] = [
    (
        "2016-10-09",
        true,
        "2016 notice: 国庆节 10月1日至7日放假调休，10月8日（星期六）、10月9日（星期日）上班; \
         the crate lists only 8 October as worked",
    ),
    (
        "2016-12-30",
        true,
        "2017 notice: 元旦 1月1日放假，1月2日（星期一）补休; the crate lists Friday \
         30 December 2016 as a day off",
    ),
];

/// The `chinese_holiday` crate is an independent transcription of the
/// notices (it panics after 2026-12-25); the two agree on every day but
/// its known errata.
#[test]
fn every_day_agrees_with_the_chinese_holiday_crate() {
    let calendar = Calendar::builtin();
    let mut disagreements = Vec::new();
    for day in d("2015-01-01")
        .iter_days()
        .take_while(|day| *day <= d("2026-12-20"))
    {
        let ymd = (day.year() as u16, day.month() as u8, day.day() as u8);
        let theirs = chinese_holiday::chinese_holiday(ymd).is_workday();
        let ours = calendar.is_workday(day).unwrap();
        if ours != theirs {
            disagreements.push((day, ours));
        }
    }
    let errata: Vec<(NaiveDate, bool)> = CHINESE_HOLIDAY_ERRATA
        .iter()
        .map(|(day, ours, _)| (d(day), *ours))
        .collect();
    assert_eq!(
        disagreements, errata,
        "known errata: {CHINESE_HOLIDAY_ERRATA:#?}"
    );
}

// ---- working-day arithmetic ------------------------------------------------

#[test]
fn counting_across_the_spring_festival_and_its_worked_weekend_days() {
    let calendar = Calendar::builtin();
    // (Feb 5, Feb 22]: Sun 7 (worked), 8, 9, 10, off 11–17, 18, 19, Sat 20 (worked), Mon 22.
    assert_eq!(
        calendar
            .workdays_between(d("2021-02-05"), d("2021-02-22"))
            .unwrap(),
        8
    );
    assert_eq!(
        calendar
            .workdays_between(d("2021-02-10"), d("2021-02-17"))
            .unwrap(),
        0
    );
    assert_eq!(
        calendar.add_workdays(d("2021-02-05"), 1).unwrap(),
        d("2021-02-07")
    );
    assert_eq!(
        calendar.add_workdays(d("2021-02-10"), 1).unwrap(),
        d("2021-02-18")
    );
    assert_eq!(
        calendar.add_workdays(d("2021-02-10"), 3).unwrap(),
        d("2021-02-20")
    );
    assert_eq!(
        calendar.add_workdays(d("2021-02-18"), -1).unwrap(),
        d("2021-02-10")
    );
    // Five working days before the break (a rule's "节前" window).
    assert_eq!(
        calendar.add_workdays(d("2021-02-11"), -5).unwrap(),
        d("2021-02-05")
    );
}

#[test]
fn counting_across_a_worked_saturday_and_the_national_day() {
    let calendar = Calendar::builtin();
    // Saturday 18 September 2021 was worked for 中秋 (19–21 off).
    assert!(workday("2021-09-18"));
    assert_eq!(
        calendar
            .workdays_between(d("2021-09-17"), d("2021-09-22"))
            .unwrap(),
        2
    );
    // 公示不少于5个工作日 from Thursday 30 September: 1–7 October off, Saturday 9 worked.
    assert_eq!(
        calendar.add_workdays(d("2021-09-30"), 5).unwrap(),
        d("2021-10-13")
    );
    assert_eq!(
        calendar
            .workdays_between(d("2021-09-30"), d("2021-10-13"))
            .unwrap(),
        5
    );
}

#[test]
fn counting_backwards_steps_over_the_same_days_as_adding() {
    let calendar = Calendar::builtin();
    let saturday = d("2021-03-06");
    assert_eq!(
        calendar.add_workdays(saturday, -1).unwrap(),
        d("2021-03-05")
    );
    assert_eq!(
        calendar
            .workdays_between(saturday, d("2021-03-05"))
            .unwrap(),
        -1
    );
    assert_eq!(
        calendar
            .workdays_between(saturday, d("2021-03-07"))
            .unwrap(),
        0
    );
    assert_eq!(calendar.add_workdays(saturday, 0).unwrap(), saturday);
    assert_eq!(calendar.workdays_between(saturday, saturday).unwrap(), 0);
}

#[test]
fn workdays_between_counts_the_working_days_after_a_up_to_b() {
    let calendar = Calendar::builtin();
    let a = d("2020-12-20");
    let mut expected = 0;
    for b in a.iter_days().skip(1).take(500) {
        expected += i64::from(calendar.is_workday(b).unwrap());
        assert_eq!(
            calendar.workdays_between(a, b).unwrap(),
            expected,
            "{a} to {b}"
        );
    }
}

proptest! {
    #[test]
    fn adding_and_counting_workdays_round_trip(offset in 0u64..3900, n in -70i64..=70) {
        let calendar = Calendar::builtin();
        let a = d("2015-06-01") + chrono::Days::new(offset);
        let b = calendar.add_workdays(a, n).unwrap();
        prop_assert_eq!(calendar.workdays_between(a, b).unwrap(), n);
        if n != 0 {
            prop_assert!(calendar.is_workday(b).unwrap());
        }
    }
}

// ---- coverage ----------------------------------------------------------------

#[test]
fn a_date_without_a_notice_is_an_error_not_a_guess() {
    let calendar = Calendar::builtin();
    let error = calendar.is_workday(d("2027-03-01")).unwrap_err();
    assert_eq!(error.date, d("2027-03-01"));
    assert_eq!(error.covered, [2015..=2026]);
    assert_eq!(error.missing_year, 2027);
    assert_eq!(
        error.to_string(),
        "2027-03-01 is outside the holiday calendar (covers 2015–2026); add the 2027 notice in a calendar file"
    );
    assert_eq!(
        error.code().unwrap().to_string(),
        "xuncha::calendar::out-of-coverage"
    );
    assert!(calendar.is_workday(d("2014-12-31")).is_err());
    assert!(!calendar.covers(d("2014-12-31")));
    assert!(calendar.covers(d("2015-01-01")));
    assert!(calendar.add_workdays(d("2026-12-01"), 30).is_err());
    assert!(calendar.add_workdays(d("2015-01-20"), -30).is_err());
    assert!(calendar
        .workdays_between(d("2026-11-01"), d("2027-01-10"))
        .is_err());
}

#[test]
fn late_december_waits_for_the_next_years_notice() {
    let calendar = Calendar::builtin();
    assert!(calendar.covers(d("2026-12-24")));
    assert!(!calendar.covers(d("2026-12-25")));
    let error = calendar.is_workday(d("2026-12-28")).unwrap_err();
    assert_eq!(error.missing_year, 2027);
    assert_eq!(
        error.to_string(),
        "2026-12-28 is outside the holiday calendar (covers 2015–2026): from 25 December a date also \
         depends on the next year's 元旦 arrangement; add the 2027 notice in a calendar file"
    );
    // Inside the built-in years the next notice is there.
    assert!(calendar.covers(d("2017-12-30")));
    assert!(!workday("2017-12-30"));
}

// ---- calendar files ------------------------------------------------------------

/// A made-up arrangement for 2027 (not the published notice), and a
/// replacement for 2026.
const USER_FILE: &str = "\u{feff}year,name,first,last,adjusted_workdays,notice\r
2027,元旦,2027-01-01,2027-01-03,,测试用安排\r
2027,春节,2027-02-05,2027-02-11,2027-02-13;2027-01-31,\"测试用安排, quoted \"\"cell\"\"\"\r
\r
2026,国庆,2026-10-01,2026-10-08,2026-10-10,测试用安排\r
";

#[test]
fn a_calendar_file_extends_and_overrides_the_built_in_one() {
    let user = Calendar::parse("holidays-2027.csv", USER_FILE).unwrap();
    assert_eq!(user.years().collect::<Vec<_>>(), [2026, 2027]);
    let spring = user.holidays().iter().find(|h| h.name == "春节").unwrap();
    assert_eq!(
        spring.adjusted_workdays,
        dates(&["2027-02-13", "2027-01-31"])
    );
    assert_eq!(spring.notice, "测试用安排, quoted \"cell\"");

    let calendar = Calendar::builtin().extended_with(&user);
    assert_eq!(
        calendar.years().collect::<Vec<_>>(),
        (2015..=2027).collect::<Vec<_>>()
    );
    assert!(!calendar.is_workday(d("2027-02-08")).unwrap());
    assert!(calendar.is_workday(d("2027-02-13")).unwrap());
    assert!(calendar.is_workday(d("2027-03-01")).unwrap());
    assert!(
        calendar.covers(d("2026-12-28")),
        "the 2027 notice settles late December 2026"
    );
    // 2026 is taken whole from the file: its Spring Festival is gone, its National Day is new.
    assert!(calendar.is_workday(d("2026-02-16")).unwrap());
    assert!(!calendar.is_workday(d("2026-10-08")).unwrap());
    assert!(!calendar.is_workday(d("2026-09-20")).unwrap());
    assert_eq!(
        calendar
            .holidays()
            .iter()
            .filter(|h| h.year == 2026)
            .count(),
        1
    );
    let firsts: Vec<NaiveDate> = calendar.holidays().iter().map(|h| h.first).collect();
    assert!(firsts.windows(2).all(|pair| pair[0] <= pair[1]));
}

const BAD_FILE: &str = "year,name,first,last,adjusted_workdays,notice
2027,元旦,2027-01-01,2027-01-03,,测试用安排
2027,春节,2027-02-30,2027-02-11,,测试用安排
2027,清明,2027-04-05,2027-04-03,,测试用安排
2027,清明节,2027-04-03,2027-04-05,,测试用安排
2027,劳动节,2027-05-01,2027-05-05
20x7,端午,2027-06-09,2027-06-11,2027-06-12,测试用安排
2027,中秋,2027-09-15,2027-09-17,2027-09-14,测试用安排
2027,国庆,2027-10-01,2027-10-07,2026-10-10;2027-09-26,
2027,元旦,2027-10-01,2027-10-03,2027-10-02,测试用安排
";

fn code(error: &CalendarError) -> String {
    error.code().unwrap().to_string()
}

#[test]
fn a_bad_calendar_file_reports_every_problem_with_its_line_and_cell() {
    let errors = Calendar::parse("bad.csv", BAD_FILE).unwrap_err();
    let found: Vec<(usize, String, &str)> = errors
        .iter()
        .map(|e| {
            (
                e.line(),
                code(e),
                &BAD_FILE[e.span().offset()..e.span().offset() + e.span().len()],
            )
        })
        .collect();
    let expected = [
        (3, "bad-date", "2027-02-30"),
        (4, "last-before-first", "2027-04-03"),
        (5, "unknown-holiday", "清明节"),
        (6, "wrong-column-count", "2027,劳动节,2027-05-01,2027-05-05"),
        (7, "bad-year", "20x7"),
        (8, "workday-not-weekend", "2027-09-14"),
        (9, "date-outside-year", "2026-10-10"),
        (9, "missing-notice", ""),
        (10, "duplicate-holiday", "元旦"),
        (10, "workday-in-holiday", "2027-10-02"),
    ];
    let expected: Vec<(usize, String, &str)> = expected
        .iter()
        .map(|(line, code, text)| (*line, format!("xuncha::calendar::{code}"), *text))
        .collect();
    assert_eq!(found, expected);
    assert!(errors.iter().all(|e| e.file_name() == "bad.csv"));
}

#[test]
fn calendar_errors_read_well() {
    let errors = Calendar::parse("bad.csv", BAD_FILE).unwrap_err();
    let unknown = errors
        .iter()
        .find(|e| matches!(e, CalendarError::UnknownHoliday { .. }))
        .unwrap();
    assert_eq!(unknown.to_string(), "unknown holiday `清明节`");
    assert!(unknown
        .help()
        .unwrap()
        .to_string()
        .starts_with("did you mean `清明`?"));

    let mut rendered = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_links(false);
    handler.render_report(&mut rendered, &errors[0]).unwrap();
    for part in [
        "xuncha::calendar::bad-date",
        "bad.csv:3:",
        "2027-02-30",
        "not a date",
        "YYYY-MM-DD",
    ] {
        assert!(rendered.contains(part), "{part} missing in\n{rendered}");
    }
}

#[test]
fn a_file_without_the_header_or_with_an_open_quote_is_reported() {
    let errors = Calendar::parse(
        "x.csv",
        "2027,元旦,2027-01-01,2027-01-03,,通知\n2027,春节,\"x,2027-02-11,,通知\n",
    )
    .unwrap_err();
    let codes: Vec<(usize, String)> = errors.iter().map(|e| (e.line(), code(e))).collect();
    assert_eq!(
        codes,
        [
            (1, "xuncha::calendar::bad-header".to_owned()),
            (2, "xuncha::calendar::bad-quote".to_owned())
        ]
    );
    let long =
        "year,name,first,last,adjusted_workdays,notice\n2027,春节,2027-02-05,2027-04-11,,通知\n";
    let errors = Calendar::parse("x.csv", long).unwrap_err();
    assert_eq!(code(&errors[0]), "xuncha::calendar::span-too-long");
}

#[test]
fn an_empty_calendar_covers_nothing() {
    let calendar = Calendar::parse(
        "empty.csv",
        "year,name,first,last,adjusted_workdays,notice\n",
    )
    .unwrap();
    let error = calendar.is_workday(d("2021-01-04")).unwrap_err();
    assert!(error.to_string().contains("(covers no year)"));
}
