//! Parsing one cell's text into a typed value. The accepted forms are those
//! found in real ledgers; a refusal says why, so that the diagnostic can show
//! the value found next to what was expected.

use chrono::NaiveDate;

use super::table::Day;

/// Why a text is not a value of the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Not a date; the detail says why when the shape was right.
    Date(Option<String>),
    DateTime(Option<String>),
    Int(Option<String>),
    Decimal(Option<String>),
    Bool,
    /// A list inside a list, or a lifetime inside a list: no source can hold it.
    NotAnItem,
    /// A JSON value of the wrong kind: `expected` and `found` name the kinds.
    JsonType {
        expected: &'static str,
        found: &'static str,
    },
}

/// Days since the common era of a date written 2021-03-01, 2021-3-1,
/// 2021/3/1, 2021.03.01 or 2021年3月1日.
pub fn parse_date(text: &str) -> Result<Day, ValueError> {
    match split_date(text) {
        Some((ymd, "")) => day_of(ymd).map_err(|why| ValueError::Date(Some(why))),
        _ => Err(ValueError::Date(None)),
    }
}

/// Seconds since 1970-01-01T00:00 of a local date-time written
/// `2021-03-01 14:30`, `2021-03-01T14:30:00`, or a date alone (midnight).
pub fn parse_datetime(text: &str) -> Result<i64, ValueError> {
    let Some((ymd, rest)) = split_date(text) else {
        return Err(ValueError::DateTime(None));
    };
    let day = day_of(ymd).map_err(|why| ValueError::DateTime(Some(why)))?;
    let rest = rest.strip_prefix('T').unwrap_or(rest).trim_start();
    let seconds = if rest.is_empty() {
        0
    } else {
        parse_time(rest)?
    };
    Ok(i64::from(day - UNIX_EPOCH_DAY) * 86_400 + seconds)
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const UNIX_EPOCH_DAY: Day = 719_163;

pub fn parse_int(text: &str) -> Result<i64, ValueError> {
    text.parse::<i64>().map_err(|_| {
        let digits = text.trim_start_matches(['-', '+']);
        let grouped = digits.chars().all(|c| c.is_ascii_digit() || c == ',');
        let why = if text.contains(',') && grouped && digits.bytes().any(|b| b.is_ascii_digit()) {
            Some("thousands separators are not accepted".to_owned())
        } else if text.parse::<f64>().is_ok_and(f64::is_finite) {
            if digits.chars().all(|c| c.is_ascii_digit()) {
                Some("it does not fit in 64 bits".to_owned())
            } else {
                Some("it is not a whole number".to_owned())
            }
        } else {
            None
        };
        ValueError::Int(why)
    })
}

pub fn parse_decimal(text: &str) -> Result<f64, ValueError> {
    if text.contains(',') {
        let why = "commas are not accepted, neither as thousands separators nor as decimal point";
        return Err(ValueError::Decimal(Some(why.to_owned())));
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) if text.bytes().any(|b| b.is_ascii_digit()) => {
            Err(ValueError::Decimal(Some("it is too large".to_owned())))
        }
        _ => Err(ValueError::Decimal(None)),
    }
}

/// true/false, 是/否, yes/no, 1/0, in any case.
pub fn parse_bool(text: &str) -> Result<bool, ValueError> {
    const TRUE: [&str; 4] = ["true", "yes", "1", "是"];
    const FALSE: [&str; 4] = ["false", "no", "0", "否"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Ok(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(text)) {
        Ok(false)
    } else {
        Err(ValueError::Bool)
    }
}

/// Year, month and day as written, and the text after the date.
fn split_date(text: &str) -> Option<((i32, u32, u32), &str)> {
    let (year, rest) = take_digits(text, 4, 4)?;
    let (separator, rest) = take_char(rest)?;
    let chinese = separator == '年';
    if !matches!(separator, '-' | '/' | '.' | '年') {
        return None;
    }
    let (month, rest) = take_digits(rest, 1, 2)?;
    let (second, rest) = take_char(rest)?;
    if second != if chinese { '月' } else { separator } {
        return None;
    }
    let (day, rest) = take_digits(rest, 1, 2)?;
    let rest = if chinese {
        rest.strip_prefix('日')?
    } else {
        rest
    };
    Some(((year as i32, month, day), rest))
}

fn day_of((year, month, day): (i32, u32, u32)) -> Result<Day, String> {
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(chrono::Datelike::num_days_from_ce(&date));
    }
    Err(if !(1..=12).contains(&month) {
        format!("there is no month {month}")
    } else {
        format!("{year}-{month:02} has no day {day}")
    })
}

/// Seconds since midnight of `H:MM` or `H:MM:SS`.
fn parse_time(text: &str) -> Result<i64, ValueError> {
    let shape_error = || {
        let has_offset = text.ends_with('Z')
            || text.contains('+')
            || text
                .find(':')
                .is_some_and(|colon| text[colon..].contains('-'));
        let why = if has_offset {
            Some("a time zone is not accepted; write the local time as recorded".to_owned())
        } else {
            None
        };
        ValueError::DateTime(why)
    };
    let (hour, rest) = take_digits(text, 1, 2).ok_or_else(shape_error)?;
    let rest = rest.strip_prefix(':').ok_or_else(shape_error)?;
    let (minute, rest) = take_digits(rest, 2, 2).ok_or_else(shape_error)?;
    let (second, rest) = match rest.strip_prefix(':') {
        Some(rest) => take_digits(rest, 2, 2).ok_or_else(shape_error)?,
        None => (0, rest),
    };
    if !rest.is_empty() {
        return Err(shape_error());
    }
    let out_of_range = [
        ("hour", hour, 23),
        ("minute", minute, 59),
        ("second", second, 59),
    ]
    .into_iter()
    .find(|(_, value, max)| value > max);
    if let Some((unit, value, _)) = out_of_range {
        return Err(ValueError::DateTime(Some(format!(
            "there is no {unit} {value}"
        ))));
    }
    Ok(i64::from(hour * 3600 + minute * 60 + second))
}

/// Between `min` and `max` leading ASCII digits as a number, and the rest.
fn take_digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let count = text
        .bytes()
        .take(max + 1)
        .take_while(u8::is_ascii_digit)
        .count();
    if count < min || count > max {
        return None;
    }
    // At most a few digits: no overflow.
    let value = text.as_bytes()[..count]
        .iter()
        .fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
    Some((value, &text[count..]))
}

fn take_char(text: &str) -> Option<(char, &str)> {
    let c = text.chars().next()?;
    Some((c, &text[c.len_utf8()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        chrono::Datelike::num_days_from_ce(&NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn dates_in_ledger_forms() {
        for text in [
            "2021-03-01",
            "2021-3-1",
            "2021/3/1",
            "2021.03.01",
            "2021年3月1日",
            "2021年03月01日",
        ] {
            assert_eq!(parse_date(text), Ok(day(2021, 3, 1)), "{text}");
        }
        for text in [
            "2021-03/01",
            "21-03-01",
            "2021-03-01x",
            "2021年3月1",
            "2021-003-01",
            "",
        ] {
            assert_eq!(parse_date(text), Err(ValueError::Date(None)), "{text}");
        }
        assert_eq!(
            parse_date("2021/13/01"),
            Err(ValueError::Date(Some("there is no month 13".into())))
        );
        assert_eq!(
            parse_date("2021-02-29"),
            Err(ValueError::Date(Some("2021-02 has no day 29".into())))
        );
    }

    #[test]
    fn datetimes() {
        let midnight = i64::from(day(2021, 3, 1) - UNIX_EPOCH_DAY) * 86_400;
        assert_eq!(midnight, 1_614_556_800);
        assert_eq!(parse_datetime("2021-03-01"), Ok(midnight));
        assert_eq!(parse_datetime("2021-03-01 14:30"), Ok(midnight + 52_200));
        assert_eq!(parse_datetime("2021-03-01T14:30:05"), Ok(midnight + 52_205));
        assert_eq!(parse_datetime("2021年3月1日 9:05"), Ok(midnight + 32_700));
        assert!(matches!(
            parse_datetime("2021-03-01 24:00"),
            Err(ValueError::DateTime(Some(_)))
        ));
        assert!(matches!(
            parse_datetime("2021-03-01T14:30:00Z"),
            Err(ValueError::DateTime(Some(_)))
        ));
        assert_eq!(parse_datetime("14:30"), Err(ValueError::DateTime(None)));
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(parse_int("-42"), Ok(-42));
        assert!(matches!(parse_int("1,234"), Err(ValueError::Int(Some(_)))));
        assert!(matches!(parse_int("12.5"), Err(ValueError::Int(Some(_)))));
        assert!(matches!(
            parse_int("99999999999999999999"),
            Err(ValueError::Int(Some(_)))
        ));
        assert_eq!(parse_int("twelve"), Err(ValueError::Int(None)));
        assert_eq!(parse_decimal("12.5"), Ok(12.5));
        assert!(matches!(
            parse_decimal("1,234.5"),
            Err(ValueError::Decimal(Some(_)))
        ));
        assert_eq!(parse_decimal("NaN"), Err(ValueError::Decimal(None)));
        assert!(matches!(
            parse_decimal("1e999"),
            Err(ValueError::Decimal(Some(_)))
        ));
        for (text, value) in [
            ("TRUE", true),
            ("是", true),
            ("Yes", true),
            ("1", true),
            ("否", false),
            ("no", false),
        ] {
            assert_eq!(parse_bool(text), Ok(value), "{text}");
        }
        assert_eq!(parse_bool("对"), Err(ValueError::Bool));
    }
}
