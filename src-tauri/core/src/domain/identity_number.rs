//! Norwegian identity numbers: fødselsnummer and D-nummer.
//!
//! Both are eleven digits: a birth date (`ddmmyy`), a three-digit individual
//! number and two mod-11 check digits. A D-nummer adds 4 to the first digit of
//! the day. From 2032 Skatteetaten lets the first check digit take any value
//! for which the weighted sum leaves a remainder of 0, 1, 2 or 3 (instead of
//! only 0), so numbers issued under that rule are accepted too.

use chrono::NaiveDate;
use std::fmt;

/// Weights of the first check digit, applied to the nine leading digits.
const WEIGHTS_K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
/// Weights of the second check digit, applied to the ten leading digits.
const WEIGHTS_K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// Which kind of identity number a valid number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentityKind {
    /// Fødselsnummer, given to people registered as resident.
    Fodselsnummer,
    /// D-nummer, the temporary number (first digit of the day plus 4).
    DNummer,
}

/// Why a text is not a valid identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityNumberError {
    /// The number does not have exactly eleven digits.
    #[error("identity number must have 11 digits")]
    WrongLength,
    /// Something other than a digit (or a space) was typed.
    #[error("identity number may only contain digits")]
    NotDigits,
    /// The first six digits are not a date in any century.
    #[error("identity number does not start with a valid date")]
    InvalidDate,
    /// One of the two check digits does not match.
    #[error("identity number has wrong check digits")]
    WrongCheckDigits,
}

/// A validated Norwegian identity number, stored as its eleven digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdentityNumber {
    digits: String,
    kind: IdentityKind,
}

impl IdentityNumber {
    /// Parses and validates a number. Spaces are ignored so that a number
    /// typed as `010190 12345` is accepted.
    pub fn parse(text: &str) -> Result<Self, IdentityNumberError> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(IdentityNumberError::NotDigits);
        }
        if compact.len() != 11 {
            return Err(IdentityNumberError::WrongLength);
        }
        let d: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();

        let day_first = d[0];
        let (kind, day) = if day_first >= 4 {
            (IdentityKind::DNummer, (day_first - 4) * 10 + d[1])
        } else {
            (IdentityKind::Fodselsnummer, day_first * 10 + d[1])
        };
        let month = d[2] * 10 + d[3];
        let year = d[4] * 10 + d[5];
        if !is_date_in_some_century(day, month, year) {
            return Err(IdentityNumberError::InvalidDate);
        }
        if !check_digits_match(&d) {
            return Err(IdentityNumberError::WrongCheckDigits);
        }
        Ok(Self {
            digits: compact,
            kind,
        })
    }

    /// The eleven digits, without spaces.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// Whether this is a fødselsnummer or a D-nummer.
    pub fn kind(&self) -> IdentityKind {
        self.kind
    }

    /// The number as shown in lists: the birth-date part and five stars
    /// (`010190 *****`), so a glance over a shoulder reveals little.
    pub fn masked(&self) -> String {
        mask_digits(&self.digits)
    }

    /// Completes nine digits (birth date and individual number) with the two
    /// check digits of the rule before 2032. `None` when that rule gives 10
    /// for either digit (such numbers are never issued) or the result is
    /// not a valid number.
    pub fn with_check_digits(first_nine: &str) -> Option<Self> {
        let d: Vec<u32> = first_nine
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        if d.len() != 9 {
            return None;
        }
        let k1 = (11 - weighted_sum(&d, &WEIGHTS_K1) % 11) % 11;
        if k1 == 10 {
            return None;
        }
        let k2 = (11 - (weighted_sum(&d, &WEIGHTS_K2[..9]) + WEIGHTS_K2[9] * k1) % 11) % 11;
        if k2 == 10 {
            return None;
        }
        Self::parse(&format!("{first_nine}{k1}{k2}")).ok()
    }

    /// Day, month and two-digit year encoded in the number (the D-nummer
    /// offset removed). Used to check a typed birth date against the number.
    pub fn birth_day_month_year2(&self) -> (u32, u32, u32) {
        let d: Vec<u32> = self.digits.bytes().map(|b| u32::from(b - b'0')).collect();
        let day_tens = if d[0] >= 4 { d[0] - 4 } else { d[0] };
        (day_tens * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5])
    }
}

impl fmt::Display for IdentityNumber {
    /// Displays the masked form; the full number must be asked for explicitly
    /// with [`IdentityNumber::as_str`] so it never ends up in a log by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// The masked form of a stored number's digits (`010190 *****`): the
/// birth-date part and five stars. Used where only the stored text is at hand.
pub fn mask_digits(digits: &str) -> String {
    let shown: String = digits.chars().take(6).collect();
    format!("{shown} *****")
}

/// A two-digit year is valid if the date exists in 1800s, 1900s or 2000s;
/// the individual number would pin the century, but the 2032 rule loosens
/// that link, so any century with a real date is accepted.
fn is_date_in_some_century(day: u32, month: u32, year2: u32) -> bool {
    [1800, 1900, 2000]
        .iter()
        .any(|century| NaiveDate::from_ymd_opt(century + year2 as i32, month, day).is_some())
}

fn weighted_sum(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// Checks both check digits. The first check digit is valid when the
/// weighted sum of the first ten digits (weight 1 on the check digit itself)
/// leaves a remainder of 0 (rule before 2032) or 1–3 (rule from 2032). The
/// second check digit is unchanged: the full weighted sum leaves remainder 0.
fn check_digits_match(d: &[u32]) -> bool {
    let sum1 = weighted_sum(&d[..9], &WEIGHTS_K1) + d[9];
    if sum1 % 11 > 3 {
        return false;
    }
    let sum2 = weighted_sum(&d[..10], &WEIGHTS_K2) + d[10];
    sum2.is_multiple_of(11)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_are_accepted_with_their_kind() {
        let cases = [
            // Skatteetaten's published examples.
            ("02013299997", IdentityKind::Fodselsnummer),
            ("30108299920", IdentityKind::Fodselsnummer),
            ("30108299939", IdentityKind::Fodselsnummer),
            // Spaces are tolerated.
            ("301082 99920", IdentityKind::Fodselsnummer),
            // A D-nummer: day 01 + 40.
            ("41018036736", IdentityKind::DNummer),
            // Leap day in 2000 (valid in some century even if not in 1900).
            ("29020075838", IdentityKind::Fodselsnummer),
        ];
        for (text, kind) in cases {
            let parsed = IdentityNumber::parse(text);
            assert!(
                parsed.is_ok(),
                "{text} should be a valid identity number, got {parsed:?}"
            );
            assert_eq!(parsed.unwrap().kind(), kind, "{text} should be a {kind:?}");
        }
    }

    #[test]
    fn invalid_numbers_are_refused_with_the_reason() {
        use IdentityNumberError::*;
        let cases = [
            ("", WrongLength),
            ("0201329999", WrongLength),
            ("020132999971", WrongLength),
            ("0201329999a", NotDigits),
            ("02-01-32-99997", NotDigits),
            ("32013299997", InvalidDate), // day 32
            ("02133299997", InvalidDate), // month 13
            ("00013299997", InvalidDate), // day 0
            ("30028299920", InvalidDate), // 30 February
            ("72013299997", InvalidDate), // D-nummer with day 32
            ("02013299998", WrongCheckDigits),
            ("02013299987", WrongCheckDigits),
            ("30108299921", WrongCheckDigits),
            ("12345678901", InvalidDate), // month 34
            ("12105678901", WrongCheckDigits),
            ("01010112345", WrongCheckDigits),
        ];
        for (text, expected) in cases {
            assert_eq!(
                IdentityNumber::parse(text),
                Err(expected),
                "{text:?} should be refused as {expected:?}"
            );
        }
    }

    #[test]
    fn check_digit_rule_from_2032_accepts_remainders_up_to_three() {
        // Build numbers whose first-check-digit sum leaves remainder 0..=3 and
        // whose second check digit is correct; all must pass. Remainder 4 must fail.
        let base = [0u32, 2, 0, 1, 3, 2, 5, 0, 1];
        for wanted_remainder in 0..=4u32 {
            let s = weighted_sum(&base, &WEIGHTS_K1);
            let k1 = (0..10).find(|k| (s + k) % 11 == wanted_remainder);
            let Some(k1) = k1 else { continue };
            let mut digits: Vec<u32> = base.to_vec();
            digits.push(k1);
            let s2 = weighted_sum(&digits, &WEIGHTS_K2);
            let Some(k2) = (0..10).find(|k| (s2 + k).is_multiple_of(11)) else {
                continue;
            };
            digits.push(k2);
            let text: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
            let result = IdentityNumber::parse(&text);
            if wanted_remainder <= 3 {
                assert!(
                    result.is_ok(),
                    "{text} (remainder {wanted_remainder}) should be valid"
                );
            } else {
                assert_eq!(
                    result,
                    Err(IdentityNumberError::WrongCheckDigits),
                    "{text} (remainder {wanted_remainder}) should be refused"
                );
            }
        }
    }

    #[test]
    fn check_digits_are_completed_as_skatteetaten_issues_them() {
        // 30108299939 shares its first nine digits with 30108299920 and is
        // only valid under the 2032 rule, so it is not what completion gives.
        for number in ["02013299997", "30108299920", "41018036736"] {
            let completed = IdentityNumber::with_check_digits(&number[..9]);
            assert_eq!(
                completed.as_ref().map(IdentityNumber::as_str),
                Some(number),
                "{number} should be completed from its first nine digits"
            );
        }
        assert_eq!(
            IdentityNumber::with_check_digits("410180369"),
            None,
            "k1 = 10 is never issued"
        );
        assert_eq!(
            IdentityNumber::with_check_digits("12345"),
            None,
            "nine digits are needed"
        );
    }

    #[test]
    fn masked_form_shows_only_the_birth_date_part() {
        let n = IdentityNumber::parse("30108299920").unwrap();
        assert_eq!(n.masked(), "301082 *****");
        assert_eq!(
            n.to_string(),
            "301082 *****",
            "Display must never show the full number"
        );
    }

    #[test]
    fn birth_date_parts_remove_the_d_number_offset() {
        let n = IdentityNumber::parse("41018036736").unwrap();
        assert_eq!(n.birth_day_month_year2(), (1, 1, 80));
    }
}
