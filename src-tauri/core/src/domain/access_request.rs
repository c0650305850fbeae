//! Access requests (GDPR art. 15; forvaltningsloven § 18 for party
//! access): the answer is due one month after the request was received
//! (art. 12 (3)), the figure read from the statutory rule table.

use crate::domain::law::Law;
use crate::domain::statute::{find_rule, RuleGroup, RuleKey, StatutoryRule};
use chrono::{Months, NaiveDate};

/// The rule that fixes the answer's deadline.
pub fn answer_rule(received: NaiveDate) -> &'static StatutoryRule {
    find_rule(
        RuleKey::AccessRequestAnswer,
        Law::Integreringsloven,
        RuleGroup::All,
        received,
    )
    .expect("the rule table has the access request's deadline")
}

/// The day the answer to a request received on `received` is due.
pub fn answer_due(received: NaiveDate) -> NaiveDate {
    let months = answer_rule(received).months().unwrap_or(1);
    received
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_due_one_calendar_month_after_the_request() {
        let day = |t: &str| NaiveDate::parse_from_str(t, "%d.%m.%Y").unwrap();
        // (received, due)
        let cases = [
            ("03.12.2026", "03.01.2027"),
            ("31.01.2027", "28.02.2027"),
            ("31.01.2028", "29.02.2028"),
            ("30.04.2027", "30.05.2027"),
        ];
        for (received, due) in cases {
            assert_eq!(answer_due(day(received)), day(due), "{received}");
        }
        assert_eq!(
            answer_rule(day("03.12.2026")).reference,
            "personvernforordningen artikkel 12 nr. 3"
        );
    }
}
