//! Calendar arithmetic for legal deadlines: calendar months, Norwegian
//! public holidays and the last working day on or before a date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Adds calendar months: the same day number, or the last day of the month
/// when that day does not exist (31.12 + 2 months = 28.02 or 29.02).
/// Negative `months` go back in time. Dates beyond chrono's range saturate.
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let shifted = if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    shifted.unwrap_or(if months >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Adds (or with a negative value subtracts) whole days.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Easter Sunday of `year` by the Gregorian computus (the anonymous
/// algorithm published in Nature, 1876).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
        .expect("the computus yields a real date")
}

/// Whether `date` is a Norwegian public holiday: 1 January, Maundy
/// Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May,
/// Ascension Day, Whit Sunday and Monday, 25 and 26 December.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26)
    );
    if fixed {
        return true;
    }
    let easter = easter_sunday(date.year());
    // Offsets from Easter Sunday of the moving holidays.
    let offset = (date - easter).num_days();
    matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50)
}

/// Whether `date` is a working day: not a weekend and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// `due` itself if it is a working day, otherwise the nearest earlier
/// working day: the caseworker is warned early, never late.
pub fn last_working_day(due: NaiveDate) -> NaiveDate {
    let mut day = due;
    while !is_working_day(day) {
        match day.pred_opt() {
            Some(previous) => day = previous,
            None => return due,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn calendar_months_clamp_to_the_month_end() {
        let cases = [
            ("2024-12-31", 2, "2025-02-28"),
            ("2023-12-31", 2, "2024-02-29"),
            ("2025-01-31", 1, "2025-02-28"),
            ("2025-03-10", 3, "2025-06-10"),
            ("2025-08-31", -3, "2025-05-31"),
            ("2025-05-31", -3, "2025-02-28"),
            ("2024-02-29", 12, "2025-02-28"),
        ];
        for (start, months, expected) in cases {
            assert_eq!(
                add_months(d(start), months),
                d(expected),
                "{start} + {months} months"
            );
        }
    }

    #[test]
    fn easter_follows_the_gregorian_computus() {
        let cases = [
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ];
        for (year, expected) in cases {
            assert_eq!(easter_sunday(year), d(expected), "Easter {year}");
        }
    }

    #[test]
    fn public_holidays_and_working_days() {
        let holidays = [
            "2025-01-01",
            "2025-04-17",
            "2025-04-18",
            "2025-04-20",
            "2025-04-21",
            "2025-05-01",
            "2025-05-17",
            "2025-05-29",
            "2025-06-08",
            "2025-06-09",
            "2025-12-25",
            "2025-12-26",
        ];
        for day in holidays {
            assert!(
                is_public_holiday(d(day)),
                "{day} is a Norwegian public holiday"
            );
        }
        for day in [
            "2025-04-16",
            "2025-04-22",
            "2025-12-24",
            "2025-12-31",
            "2025-05-16",
        ] {
            assert!(!is_public_holiday(d(day)), "{day} is not a public holiday");
        }
    }

    #[test]
    fn last_working_day_moves_back_over_weekends_and_holidays() {
        let cases = [
            ("2025-06-10", "2025-06-10"), // Tuesday
            ("2025-05-31", "2025-05-30"), // Saturday -> Friday
            ("2025-06-01", "2025-05-30"), // Sunday -> Friday
            ("2025-04-21", "2025-04-16"), // Easter Monday -> Wednesday before Maundy Thursday
            ("2025-12-26", "2025-12-24"), // Boxing Day -> Christmas Eve (a working day)
            ("2026-01-01", "2025-12-31"),
            ("2025-05-17", "2025-05-16"), // Constitution Day on a Saturday
            ("2025-06-09", "2025-06-06"), // Whit Monday -> Friday
        ];
        for (due, expected) in cases {
            assert_eq!(
                last_working_day(d(due)),
                d(expected),
                "last working day for {due}"
            );
        }
    }
}
