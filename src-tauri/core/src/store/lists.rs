//! The lists for export: every row the screen's filter matches, read with
//! a bounded number of queries (the list itself, and one query for the
//! facts the list screen does not show).

use crate::domain::participant::ParticipantQuery;
use crate::error::CoreResult;
use crate::export::lists::{
    deadline_list_workbook, participant_list_workbook, ParticipantListFacts,
};
use crate::export::table::Workbook;
use crate::store::deadlines::DeadlineFilter;
use crate::store::Store;
use chrono::NaiveDate;
use std::collections::HashMap;

impl Store {
    /// The participant list for `query`, every match (the query's limit is
    /// lifted), in the screen's order. Two queries.
    pub fn participant_list_workbook(&self, query: &ParticipantQuery) -> CoreResult<Workbook> {
        let mut query = query.clone();
        query.limit = None;
        let summaries = self.participants(&query)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT id, identity_number, birth_date, programme_start_date, ended_date \
             FROM participant",
        )?;
        let facts: HashMap<i64, ParticipantListFacts> = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>("id")?,
                    ParticipantListFacts {
                        identity_number: row.get("identity_number")?,
                        birth_date: row.get("birth_date")?,
                        programme_start: row.get("programme_start_date")?,
                        ended: row.get("ended_date")?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        let rows: Vec<_> = summaries
            .into_iter()
            .map(|p| {
                let extra = facts.get(&p.id).cloned().unwrap_or_default();
                (p, extra)
            })
            .collect();
        Ok(participant_list_workbook(&rows))
    }

    /// The deadline list for `filter`, every match (paging lifted), in the
    /// screen's order.
    pub fn deadline_list_workbook(
        &self,
        filter: &DeadlineFilter,
        today: NaiveDate,
    ) -> CoreResult<Workbook> {
        let mut filter = filter.clone();
        filter.limit = None;
        filter.after = None;
        Ok(deadline_list_workbook(&self.deadlines(&filter, today)?))
    }
}
