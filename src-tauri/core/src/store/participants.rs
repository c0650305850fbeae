//! Reading and writing participants.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::deadline::ProgrammeFacts;
use crate::domain::identity_number::{mask_digits, IdentityNumber};
use crate::domain::law::Law;
use crate::domain::participant::{
    Education, FinalGoal, Gender, LawOverride, Participant, ParticipantDetails, ParticipantQuery,
    ParticipantSort, ParticipantSummary, PermitBasis, Status,
};
use crate::domain::search_key::search_key;
use crate::error::{CoreError, CoreResult};
use crate::store::audit::{audit_created, audit_created_with_reason, before_change};
use crate::store::deadlines::recompute_after_change;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

pub(crate) const PARTICIPANT_COLUMNS: &str =
    "id, given_name, family_name, identity_number, birth_date, gender, \
     languages, needs_interpreter, interpreter_language, phone, email, address, \
     residence_permit_date, arrival_date, settlement_date, claim_date, final_goal, hurtigspor, \
     has_or_expects_children, competence_mapped_before_settlement, status, law_override, \
     law_override_reason, notes, archived_at, created_at, updated_at, programme_start_date, \
     competence_mapping_date, plan_date, last_plan_review_date, ended_date, \
     certificate_issued_date, nav_handover_date, parental_guidance_date, permit_basis, \
     education, planned_length_months, norwegian_training_start, \
     norwegian_training_completed_date, career_guidance_date, livsmestring_date, \
     (SELECT a.anonymised_on FROM anonymisation AS a WHERE a.participant_id = participant.id) \
       AS anonymised_on";

/// The columns written from [`ParticipantDetails`], in the order of
/// [`detail_params`]. INSERT and UPDATE are both built from this list.
const DETAIL_COLUMNS: [&str; 41] = [
    "given_name",
    "family_name",
    "identity_number",
    "birth_date",
    "gender",
    "languages",
    "needs_interpreter",
    "interpreter_language",
    "phone",
    "email",
    "address",
    "residence_permit_date",
    "arrival_date",
    "settlement_date",
    "claim_date",
    "final_goal",
    "hurtigspor",
    "has_or_expects_children",
    "competence_mapped_before_settlement",
    "status",
    "computed_law",
    "law_override",
    "law_override_reason",
    "notes",
    "search_text",
    "sort_key",
    "programme_start_date",
    "competence_mapping_date",
    "plan_date",
    "last_plan_review_date",
    "ended_date",
    "certificate_issued_date",
    "nav_handover_date",
    "parental_guidance_date",
    "permit_basis",
    "education",
    "planned_length_months",
    "norwegian_training_start",
    "norwegian_training_completed_date",
    "career_guidance_date",
    "livsmestring_date",
];

pub(crate) fn insert_sql() -> String {
    let placeholders: Vec<String> = (1..=DETAIL_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO participant ({}) VALUES ({})",
        DETAIL_COLUMNS.join(", "),
        placeholders.join(", ")
    )
}

fn update_sql() -> String {
    let assignments: Vec<String> = DETAIL_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 1))
        .collect();
    format!(
        "UPDATE participant SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?{}",
        assignments.join(", "),
        DETAIL_COLUMNS.len() + 1
    )
}

impl Store {
    /// Adds a participant to the register.
    ///
    /// Refuses an identity number that another participant (archived or not)
    /// already has. Runs in one transaction: on any error nothing is written.
    pub fn create_participant(
        &mut self,
        details: &ParticipantDetails,
        today: NaiveDate,
    ) -> CoreResult<Participant> {
        let tx = self.conn.transaction()?;
        let id = insert_participant(&tx, details, today, "")?;
        tx.commit()?;
        tracing::info!(participant = id, "participant created");
        self.participant(id)
    }

    /// Replaces a participant's recorded facts and recomputes their deadlines.
    pub fn update_participant(
        &mut self,
        id: i64,
        details: &ParticipantDetails,
        today: NaiveDate,
    ) -> CoreResult<Participant> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, id)?;
        if crate::store::anonymisation::is_anonymised(&tx, id)? {
            return Err(crate::store::invalid(
                "participant",
                "already_anonymised",
                crate::messages::ALREADY_ANONYMISED,
            ));
        }
        refuse_duplicate_number(&tx, details, Some(id))?;
        let derived = Derived::from(details);
        let mut values = detail_params(details, &derived);
        values.push(&id);
        let audit = before_change(&tx, AuditEntity::Participant, id)?;
        tx.prepare_cached(&update_sql())?
            .execute(values.as_slice())?;
        audit.record(&tx, AuditAction::Update)?;
        recompute_after_change(&tx, id, today)?;
        tx.commit()?;
        tracing::info!(participant = id, "participant updated");
        self.participant(id)
    }

    /// Archives a participant (`archived = true`) or brings one back. The
    /// row is kept either way: archiving hides, it never deletes.
    pub fn set_participant_archived(&mut self, id: i64, archived: bool) -> CoreResult<Participant> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, id)?;
        let audit = before_change(&tx, AuditEntity::Participant, id)?;
        tx.prepare_cached(
            "UPDATE participant SET \
             archived_at = CASE WHEN ?2 THEN COALESCE(archived_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) END, \
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        )?
        .execute(params![id, archived])?;
        audit.record(
            &tx,
            if archived {
                AuditAction::Archive
            } else {
                AuditAction::Restore
            },
        )?;
        tx.commit()?;
        tracing::info!(
            participant = id,
            archived,
            "participant archive state changed"
        );
        self.participant(id)
    }

    /// One participant with every recorded fact.
    pub fn participant(&self, id: i64) -> CoreResult<Participant> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {PARTICIPANT_COLUMNS} FROM participant WHERE id = ?1"
            ))?
            .query_row([id], participant_from_row)
            .optional()?
            .ok_or(CoreError::ParticipantNotFound(id))
    }

    /// The participant list: the rows matching `query`, in its order, at
    /// most `query.limit` of them.
    pub fn participants(&self, query: &ParticipantQuery) -> CoreResult<Vec<ParticipantSummary>> {
        let (conditions, values) = list_conditions(query);
        let mut sql = format!(
            "SELECT id, given_name, family_name, identity_number, status, \
             COALESCE(law_override, computed_law) AS law, law_override IS NOT NULL AS law_overridden, \
             settlement_date, final_goal, archived_at IS NOT NULL AS archived \
             FROM participant WHERE {conditions}"
        );
        sql.push_str(list_order(query.sort));
        if let Some(limit) = query.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| {
            let number: Option<String> = row.get("identity_number")?;
            Ok(ParticipantSummary {
                id: row.get("id")?,
                given_name: row.get("given_name")?,
                family_name: row.get("family_name")?,
                masked_identity_number: number.map(|n| mask_digits(&n)),
                status: row.get::<_, Choice<Status>>("status")?.0,
                law: row.get::<_, Choice<Law>>("law")?.0,
                law_overridden: row.get("law_overridden")?,
                settlement_date: row.get("settlement_date")?,
                final_goal: row
                    .get::<_, Option<Choice<FinalGoal>>>("final_goal")?
                    .map(|c| c.0),
                archived: row.get("archived")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether a participant with this id exists (archived or not).
    pub fn participant_exists(&self, id: i64) -> CoreResult<bool> {
        match ensure_participant(&self.conn, id) {
            Ok(()) => Ok(true),
            Err(CoreError::ParticipantNotFound(_)) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// How many participants the register holds, archived ones included.
    pub fn participant_count(&self) -> CoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) AS count FROM participant", [], |row| {
                row.get("count")
            })?)
    }
}

/// Inserts a participant inside the caller's transaction, exactly as
/// [`Store::create_participant`] does (duplicate number refused, creation
/// audited with `reason`, deadlines computed), so that an import writes
/// each row the way the form would.
pub(crate) fn insert_participant(
    tx: &Transaction<'_>,
    details: &ParticipantDetails,
    today: NaiveDate,
    reason: &str,
) -> CoreResult<i64> {
    refuse_duplicate_number(tx, details, None)?;
    let derived = Derived::from(details);
    tx.prepare_cached(&insert_sql())?
        .execute(detail_params(details, &derived).as_slice())?;
    let id = tx.last_insert_rowid();
    if reason.is_empty() {
        audit_created(tx, AuditEntity::Participant, id)?;
    } else {
        audit_created_with_reason(tx, AuditEntity::Participant, id, reason)?;
    }
    recompute_after_change(tx, id, today)?;
    Ok(id)
}

/// The ORDER BY clause of the participant list; the export of the whole
/// list (`store/lists.rs`) orders by the same.
pub(crate) fn list_order(sort: ParticipantSort) -> &'static str {
    match sort {
        ParticipantSort::Name => " ORDER BY sort_key, id",
        ParticipantSort::SettlementDate => {
            " ORDER BY settlement_date IS NULL, settlement_date DESC, sort_key, id"
        }
    }
}

/// The WHERE clause of the participant list and its parameters; only the
/// filters in use appear, so that SQLite can pick the matching index.
pub(crate) fn list_conditions(query: &ParticipantQuery) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut values = Vec::new();
    let mut conditions = vec![if query.archived {
        "archived_at IS NOT NULL".to_string()
    } else {
        "archived_at IS NULL".to_string()
    }];
    if let Some(status) = query.status {
        values.push(Value::Text(status.as_str().to_string()));
        conditions.push(format!("status = ?{}", values.len()));
    }
    if let Some(law) = query.law {
        values.push(Value::Text(law.as_str().to_string()));
        conditions.push(format!(
            "COALESCE(law_override, computed_law) = ?{}",
            values.len()
        ));
    }
    // Each word is folded exactly as the stored column was (case and
    // diacritics), so «odegard» finds «Ødegård». A word that folds to
    // nothing (a lone combining mark, the first half of a dead key) is no
    // word, as a space is none, and adds no condition.
    for word in query.search.split_whitespace().map(search_key) {
        if word.is_empty() {
            continue;
        }
        values.push(Value::Text(format!("%{}%", escape_like(&word))));
        conditions.push(format!("search_text LIKE ?{} ESCAPE '\\'", values.len()));
    }
    (conditions.join(" AND "), values)
}

/// Escapes LIKE's wildcards so a typed `%` or `_` matches itself.
fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Fails with [`CoreError::ParticipantNotFound`] unless the participant
/// exists (archived or not). The one existence check every write uses.
pub(crate) fn ensure_participant(conn: &Connection, id: i64) -> CoreResult<()> {
    if conn
        .prepare_cached("SELECT 1 FROM participant WHERE id = ?1")?
        .exists([id])?
    {
        Ok(())
    } else {
        Err(CoreError::ParticipantNotFound(id))
    }
}

/// Refuses a number that another participant already has, naming whether
/// that participant is archived so the caseworker knows where to look.
fn refuse_duplicate_number(
    tx: &Transaction<'_>,
    details: &ParticipantDetails,
    own_id: Option<i64>,
) -> CoreResult<()> {
    let Some(number) = &details.identity_number else {
        return Ok(());
    };
    let existing: Option<(i64, bool)> = tx
        .prepare_cached(
            "SELECT id, archived_at IS NOT NULL AS archived FROM participant \
             WHERE identity_number = ?1 AND id IS NOT ?2",
        )?
        .query_row(params![number.as_str(), own_id], |row| {
            Ok((row.get("id")?, row.get("archived")?))
        })
        .optional()?;
    match existing {
        Some((existing_id, archived)) => Err(CoreError::DuplicateIdentityNumber {
            existing_id,
            archived,
        }),
        None => Ok(()),
    }
}

/// Column values shared by INSERT and UPDATE, in the order of
/// [`DETAIL_COLUMNS`].
pub(crate) fn detail_params<'a>(
    details: &'a ParticipantDetails,
    derived: &'a Derived,
) -> Vec<&'a dyn rusqlite::ToSql> {
    vec![
        &details.given_name,
        &details.family_name,
        &derived.identity_number,
        &details.birth_date,
        &derived.gender,
        &details.languages,
        &details.needs_interpreter,
        &details.interpreter_language,
        &details.phone,
        &details.email,
        &details.address,
        &details.residence_permit_date,
        &details.arrival_date,
        &details.settlement_date,
        &details.claim_date,
        &derived.final_goal,
        &details.hurtigspor,
        &details.has_or_expects_children,
        &details.competence_mapped_before_settlement,
        &derived.status,
        &derived.computed_law,
        &derived.law_override,
        &derived.law_override_reason,
        &details.notes,
        &derived.search_text,
        &derived.sort_key,
        &details.programme.programme_start_date,
        &details.programme.competence_mapping_date,
        &details.programme.plan_date,
        &details.programme.last_plan_review_date,
        &details.programme.ended_date,
        &details.programme.certificate_issued_date,
        &details.programme.nav_handover_date,
        &details.programme.parental_guidance_date,
        &derived.permit_basis,
        &derived.education,
        &details.planned_length_months,
        &details.programme.norwegian_training_start,
        &details.programme.norwegian_training_completed_date,
        &details.programme.career_guidance_date,
        &details.programme.livsmestring_date,
    ]
}

/// Values computed from the details for storage.
pub(crate) struct Derived {
    identity_number: Option<String>,
    gender: &'static str,
    final_goal: Option<&'static str>,
    permit_basis: Option<&'static str>,
    education: &'static str,
    status: &'static str,
    computed_law: &'static str,
    law_override: Option<&'static str>,
    law_override_reason: String,
    search_text: String,
    sort_key: String,
}

impl From<&ParticipantDetails> for Derived {
    fn from(details: &ParticipantDetails) -> Self {
        Self {
            identity_number: details
                .identity_number
                .as_ref()
                .map(|n| n.as_str().to_string()),
            gender: details.gender.as_str(),
            final_goal: details.final_goal.map(FinalGoal::as_str),
            permit_basis: details.permit_basis.map(PermitBasis::as_str),
            education: details.education.as_str(),
            status: details.status.as_str(),
            computed_law: details.computed_law().law.as_str(),
            law_override: details.law_override.as_ref().map(|o| o.law.as_str()),
            law_override_reason: details
                .law_override
                .as_ref()
                .map(|o| o.reason.clone())
                .unwrap_or_default(),
            search_text: details.search_text(),
            sort_key: details.sort_key(),
        }
    }
}

/// A stored choice identifier read back into its enum.
pub(crate) struct Choice<T>(pub(crate) T);

/// A closed set whose stored identifier can be read back.
pub(crate) trait StoredChoice: Sized {
    fn parse(text: &str) -> Option<Self>;
}

impl StoredChoice for Status {
    fn parse(text: &str) -> Option<Self> {
        Status::from_str_id(text)
    }
}
impl StoredChoice for Gender {
    fn parse(text: &str) -> Option<Self> {
        Gender::from_str_id(text)
    }
}
impl StoredChoice for FinalGoal {
    fn parse(text: &str) -> Option<Self> {
        FinalGoal::from_str_id(text)
    }
}
impl StoredChoice for PermitBasis {
    fn parse(text: &str) -> Option<Self> {
        PermitBasis::from_str_id(text)
    }
}
impl StoredChoice for Education {
    fn parse(text: &str) -> Option<Self> {
        Education::from_str_id(text)
    }
}
impl StoredChoice for Law {
    fn parse(text: &str) -> Option<Self> {
        Law::from_str_id(text)
    }
}

impl<T: StoredChoice> FromSql for Choice<T> {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        let text = value.as_str()?;
        T::parse(text)
            .map(Choice)
            .ok_or_else(|| FromSqlError::Other(format!("unknown stored choice {text:?}").into()))
    }
}

/// Reads a participant row by column name, so that a column added by a
/// later migration (or read in another order) cannot shift the others.
pub(crate) fn participant_from_row(row: &Row<'_>) -> rusqlite::Result<Participant> {
    let number: Option<String> = row.get("identity_number")?;
    let identity_number = number
        .map(|n| {
            IdentityNumber::parse(&n).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
            })
        })
        .transpose()?;
    let law_override: Option<Choice<Law>> = row.get("law_override")?;
    let law_override_reason: String = row.get("law_override_reason")?;
    Ok(Participant {
        id: row.get("id")?,
        details: ParticipantDetails {
            given_name: row.get("given_name")?,
            family_name: row.get("family_name")?,
            identity_number,
            birth_date: row.get("birth_date")?,
            gender: row.get::<_, Choice<Gender>>("gender")?.0,
            languages: row.get("languages")?,
            needs_interpreter: row.get("needs_interpreter")?,
            interpreter_language: row.get("interpreter_language")?,
            phone: row.get("phone")?,
            email: row.get("email")?,
            address: row.get("address")?,
            residence_permit_date: row.get("residence_permit_date")?,
            arrival_date: row.get("arrival_date")?,
            settlement_date: row.get("settlement_date")?,
            claim_date: row.get("claim_date")?,
            permit_basis: row
                .get::<_, Option<Choice<PermitBasis>>>("permit_basis")?
                .map(|c| c.0),
            education: row.get::<_, Choice<Education>>("education")?.0,
            final_goal: row
                .get::<_, Option<Choice<FinalGoal>>>("final_goal")?
                .map(|c| c.0),
            planned_length_months: row.get("planned_length_months")?,
            hurtigspor: row.get("hurtigspor")?,
            has_or_expects_children: row.get("has_or_expects_children")?,
            competence_mapped_before_settlement: row.get("competence_mapped_before_settlement")?,
            status: row.get::<_, Choice<Status>>("status")?.0,
            law_override: law_override.map(|c| LawOverride {
                law: c.0,
                reason: law_override_reason,
            }),
            notes: row.get("notes")?,
            programme: ProgrammeFacts {
                programme_start_date: row.get("programme_start_date")?,
                competence_mapping_date: row.get("competence_mapping_date")?,
                plan_date: row.get("plan_date")?,
                last_plan_review_date: row.get("last_plan_review_date")?,
                ended_date: row.get("ended_date")?,
                certificate_issued_date: row.get("certificate_issued_date")?,
                nav_handover_date: row.get("nav_handover_date")?,
                parental_guidance_date: row.get("parental_guidance_date")?,
                norwegian_training_start: row.get("norwegian_training_start")?,
                norwegian_training_completed_date: row.get("norwegian_training_completed_date")?,
                career_guidance_date: row.get("career_guidance_date")?,
                livsmestring_date: row.get("livsmestring_date")?,
            },
        },
        archived_at: row.get("archived_at")?,
        anonymised_on: row.get("anonymised_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}
