//! The whole of a filtered list, read for an export.
//!
//! The screens read a page at a time (200 participants, 100 deadlines); an
//! export holds every row the caseworker's filter matches, so these read
//! without the page limit, with the same conditions and the same order as
//! the screen's queries (shared with `store/participants.rs` and
//! `store/deadlines.rs`, so the file and the screen cannot disagree on
//! which rows a filter means). The participant row also carries what the
//! list on screen leaves out but the export holds: the full identity
//! number, the birth date, the programme's start and end and the fixed
//! contact person.

use crate::domain::deadline::DeadlineKind;
use crate::domain::law::Law;
use crate::domain::participant::{FinalGoal, ParticipantQuery, Status};
use crate::error::CoreResult;
use crate::store::deadlines::{DeadlineFilter, DeadlineRow};
use crate::store::participants::{list_conditions, list_order, Choice};
use crate::store::Store;
use chrono::NaiveDate;

/// One participant as the exported list holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantListRow {
    /// Database identifier.
    pub id: i64,
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// The full identity number (fødselsnummer or D-nummer), unmasked:
    /// the export is the caseworker's own list.
    pub identity_number: Option<String>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Programme status.
    pub status: Status,
    /// The law in force (override or computed).
    pub law: Law,
    /// Whether the caseworker overrode the computed law.
    pub law_overridden: bool,
    /// Settlement date.
    pub settlement_date: Option<NaiveDate>,
    /// The day the programme started, when it has.
    pub programme_start_date: Option<NaiveDate>,
    /// The programme's end as the deadline engine computed it (the due date
    /// of the participant's «Programslutt» deadline), when known.
    pub programme_end: Option<NaiveDate>,
    /// Final goal.
    pub final_goal: Option<FinalGoal>,
    /// The current fixed contact person's name, if there is one.
    pub fixed_contact: Option<String>,
    /// Whether the participant is archived.
    pub archived: bool,
}

impl Store {
    /// Every participant matching `query`, in the list's order, whatever
    /// `query.limit` says: the rows of an export of the participant list.
    pub fn participant_list_rows(
        &self,
        query: &ParticipantQuery,
    ) -> CoreResult<Vec<ParticipantListRow>> {
        let (conditions, values) = list_conditions(query);
        // The programme's end and the fixed contact are read per row from
        // their indexes (`deadline_by_participant`, `team_one_fixed_contact`),
        // which is cheap beside the list itself.
        let sql = format!(
            "SELECT id, given_name, family_name, identity_number, birth_date, status, \
             COALESCE(law_override, computed_law) AS law, \
             law_override IS NOT NULL AS law_overridden, settlement_date, programme_start_date, \
             (SELECT min(d.due) FROM deadline d WHERE d.participant_id = participant.id \
              AND d.kind = '{programme_end}') AS programme_end, \
             final_goal, \
             (SELECT c.name FROM team_membership m JOIN contact c ON c.id = m.contact_id \
              WHERE m.participant_id = participant.id AND m.role = 'fixed_contact' \
              AND m.left_on IS NULL) AS fixed_contact, \
             archived_at IS NOT NULL AS archived \
             FROM participant WHERE {conditions}{order}",
            programme_end = DeadlineKind::ProgrammeEnd.as_str(),
            order = list_order(query.sort),
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| {
            Ok(ParticipantListRow {
                id: row.get("id")?,
                given_name: row.get("given_name")?,
                family_name: row.get("family_name")?,
                identity_number: row.get("identity_number")?,
                birth_date: row.get("birth_date")?,
                status: row.get::<_, Choice<Status>>("status")?.0,
                law: row.get::<_, Choice<Law>>("law")?.0,
                law_overridden: row.get("law_overridden")?,
                settlement_date: row.get("settlement_date")?,
                programme_start_date: row.get("programme_start_date")?,
                programme_end: row.get("programme_end")?,
                final_goal: row
                    .get::<_, Option<Choice<FinalGoal>>>("final_goal")?
                    .map(|c| c.0),
                fixed_contact: row.get("fixed_contact")?,
                archived: row.get("archived")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every deadline and own task matching `filter` as of `today`, in the
    /// list's order, whatever its page limit and cursor say: the rows of an
    /// export of the deadline list.
    pub fn deadline_list_rows(
        &self,
        filter: &DeadlineFilter,
        today: NaiveDate,
    ) -> CoreResult<Vec<DeadlineRow>> {
        let whole = DeadlineFilter {
            limit: None,
            after: None,
            ..filter.clone()
        };
        self.deadlines(&whole, today)
    }
}
