//! Reading and writing the contact directory and participants' teams.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::collation::name_sort_key;
use crate::domain::participant::FinalGoal;
use crate::domain::search_key::{contact_search_text, search_key};
use crate::domain::team::{
    team_warnings, ContactDraft, MemberFacts, MembershipDraft, OrganisationDraft, OrganisationKind,
    TeamRole, TeamWarning,
};
use crate::error::{CoreError, CoreResult};
use crate::messages;
use crate::store::audit::{audit_created, before_change};
use crate::store::participants::ensure_participant;
use crate::store::{invalid, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// An organisation in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// Deleted from the directory (kept because memberships and minutes name it).
    pub deleted: bool,
}

/// A person in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Organisation id.
    pub organisation_id: i64,
    /// Organisation name.
    pub organisation: String,
    /// Organisation kind.
    pub organisation_kind: OrganisationKind,
    /// Whether the organisation has been deleted.
    pub organisation_deleted: bool,
    /// Job title.
    pub title: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Notes.
    pub notes: String,
}

/// One membership in a participant's team, current or past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    /// Membership id.
    pub id: i64,
    /// The contact.
    pub contact: Contact,
    /// Role in the team.
    pub role: TeamRole,
    /// First day.
    pub joined_on: NaiveDate,
    /// Last day, when the member has left.
    pub left_on: Option<NaiveDate>,
}

/// Participants whose team has one kind of warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamWarningGroup {
    /// The warning.
    pub warning: TeamWarning,
    /// How many participants have it.
    pub count: i64,
    /// The first of them in name order: id and name.
    pub participants: Vec<(i64, String)>,
}

/// A contact with its organisation, for a query joining `contact c` and
/// `organisation o`. Every column has its own alias, so a query may select
/// other columns beside these and [`contact_from_row`] reads them by name.
pub(crate) const CONTACT_COLUMNS: &str = "c.id AS contact_id, c.name AS contact_name, \
     c.organisation_id AS organisation_id, o.name AS organisation_name, \
     o.kind AS organisation_kind, o.deleted_at IS NOT NULL AS organisation_deleted, \
     c.title AS contact_title, c.phone AS contact_phone, c.email AS contact_email, \
     c.notes AS contact_notes";

/// Reads the [`CONTACT_COLUMNS`] of a row by their names.
pub(crate) fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    let kind: String = row.get("organisation_kind")?;
    Ok(Contact {
        id: row.get("contact_id")?,
        name: row.get("contact_name")?,
        organisation_id: row.get("organisation_id")?,
        organisation: row.get("organisation_name")?,
        organisation_kind: OrganisationKind::from_str_id(&kind).unwrap_or(OrganisationKind::Other),
        organisation_deleted: row.get("organisation_deleted")?,
        title: row.get("contact_title")?,
        phone: row.get("contact_phone")?,
        email: row.get("contact_email")?,
        notes: row.get("contact_notes")?,
    })
}

pub(crate) fn ensure_contact(conn: &Connection, id: i64) -> CoreResult<()> {
    if conn
        .prepare_cached("SELECT 1 FROM contact WHERE id = ?1")?
        .exists([id])?
    {
        Ok(())
    } else {
        Err(CoreError::RecordNotFound(id))
    }
}

/// How many participants per warning the overview lists by name.
pub const WARNING_NAMES_SHOWN: u32 = 10;

/// The participants the overview warns about: not archived, and not yet
/// finished with the programme.
const FOLLOWED_PARTICIPANTS: &str =
    "p.archived_at IS NULL AND p.status IN ('prospective', 'active', 'on_leave')";

fn warning_condition(warning: TeamWarning) -> &'static str {
    // Each condition is a set read once (`IN` over an uncorrelated
    // subquery), not a lookup per participant: the deleted organisations
    // and the NAV offices are few, so their members are found from the
    // organisation's side (`CROSS JOIN` keeps SQLite to that order, through
    // the index of memberships by contact and end date; the fixed contact
    // person through the index that keeps there from being two). A team rule over every
    // participant's team took 95 ms at a hundredfold register as correlated
    // subqueries.
    match warning {
        TeamWarning::NoFixedContact => {
            "p.id NOT IN (SELECT m.participant_id \
             FROM team_membership m INDEXED BY team_one_fixed_contact \
             WHERE m.role = 'fixed_contact' AND m.left_on IS NULL)"
        }
        TeamWarning::NoNavMember => {
            "(p.final_goal = 'work' OR p.hurtigspor = 1) AND p.id NOT IN (SELECT m.participant_id \
             FROM organisation o CROSS JOIN contact c ON c.organisation_id = o.id \
             CROSS JOIN team_membership m ON m.contact_id = c.id \
             WHERE o.kind = 'nav_office' AND o.deleted_at IS NULL AND m.left_on IS NULL)"
        }
        TeamWarning::DeletedOrganisation => {
            "p.id IN (SELECT m.participant_id FROM organisation o \
             CROSS JOIN contact c ON c.organisation_id = o.id \
             CROSS JOIN team_membership m ON m.contact_id = c.id \
             WHERE o.deleted_at IS NOT NULL AND m.left_on IS NULL)"
        }
    }
}

impl Store {
    /// Every organisation, deleted ones included when asked, in name order.
    pub fn organisations(&self, include_deleted: bool) -> CoreResult<Vec<Organisation>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, kind, deleted_at IS NOT NULL AS deleted FROM organisation \
             WHERE ?1 OR deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = statement.query_map([include_deleted], |row| {
            let kind: String = row.get("kind")?;
            Ok(Organisation {
                id: row.get("id")?,
                name: row.get("name")?,
                kind: OrganisationKind::from_str_id(&kind).unwrap_or(OrganisationKind::Other),
                deleted: row.get("deleted")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds (`id` = `None`) or renames an organisation.
    pub fn save_organisation(
        &mut self,
        id: Option<i64>,
        draft: &OrganisationDraft,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        let id = match id {
            None => {
                tx.prepare_cached("INSERT INTO organisation (name, kind) VALUES (?1, ?2)")?
                    .execute(params![draft.name, draft.kind.as_str()])?;
                let id = tx.last_insert_rowid();
                audit_created(&tx, AuditEntity::Organisation, id)?;
                id
            }
            Some(id) => {
                let audit = before_change(&tx, AuditEntity::Organisation, id)?;
                let changed = tx
                    .prepare_cached("UPDATE organisation SET name = ?2, kind = ?3 WHERE id = ?1")?
                    .execute(params![id, draft.name, draft.kind.as_str()])?;
                if changed == 0 {
                    return Err(CoreError::RecordNotFound(id));
                }
                // The contacts' search column holds the organisation's name.
                let contacts: Vec<(i64, String, String)> = tx
                    .prepare_cached(
                        "SELECT id, name, title FROM contact WHERE organisation_id = ?1",
                    )?
                    .query_map([id], |row| {
                        Ok((row.get("id")?, row.get("name")?, row.get("title")?))
                    })?
                    .collect::<Result<_, _>>()?;
                let mut update =
                    tx.prepare_cached("UPDATE contact SET search_text = ?2 WHERE id = ?1")?;
                for (contact, name, title) in contacts {
                    update.execute(params![
                        contact,
                        contact_search_text(&name, &title, &draft.name)
                    ])?;
                }
                drop(update);
                audit.record(&tx, AuditAction::Update)?;
                id
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// Marks an organisation deleted (or, with `deleted` false, brings it back).
    pub fn set_organisation_deleted(&mut self, id: i64, deleted: bool) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::Organisation, id)?;
        let changed = tx
            .prepare_cached(
                "UPDATE organisation SET deleted_at = CASE WHEN ?2 THEN \
                 strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE NULL END WHERE id = ?1",
            )?
            .execute(params![id, deleted])?;
        if changed == 0 {
            return Err(CoreError::RecordNotFound(id));
        }
        let action = if deleted {
            AuditAction::Delete
        } else {
            AuditAction::Restore
        };
        audit.record(&tx, action)?;
        tx.commit()?;
        Ok(())
    }

    /// The directory in Norwegian name order (archived contacts left out).
    /// Current contacts whose name, title or organisation holds every word
    /// of `search` (folded like the participant search), in name order:
    /// at most `limit`, and whether more match.
    pub fn find_contacts(&self, search: &str, limit: u32) -> CoreResult<(Vec<Contact>, bool)> {
        let words: Vec<String> = search
            .split_whitespace()
            .map(search_key)
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let mut sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c JOIN organisation o ON o.id = c.organisation_id \
             WHERE c.archived_at IS NULL"
        );
        let mut values: Vec<String> = Vec::new();
        for word in &words {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(format!("%{escaped}%"));
            sql.push_str(&format!(
                " AND c.search_text LIKE ?{} ESCAPE '\\'",
                values.len()
            ));
        }
        sql.push_str(&format!(
            " ORDER BY c.sort_key, c.id LIMIT {}",
            limit.saturating_add(1)
        ));
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<Contact> = statement
            .query_map(rusqlite::params_from_iter(values.iter()), contact_from_row)?
            .collect::<Result<_, _>>()?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Ok((rows, more))
    }

    /// Every current contact, in name order (small registers, tests).
    pub fn contacts(&self) -> CoreResult<Vec<Contact>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c JOIN organisation o ON o.id = c.organisation_id \
             WHERE c.archived_at IS NULL ORDER BY c.sort_key, c.id"
        ))?;
        let rows = statement.query_map([], contact_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One contact, archived or not.
    pub fn contact(&self, id: i64) -> CoreResult<Contact> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {CONTACT_COLUMNS} FROM contact c \
                 JOIN organisation o ON o.id = c.organisation_id WHERE c.id = ?1"
            ))?
            .query_row([id], contact_from_row)
            .optional()?
            .ok_or(CoreError::RecordNotFound(id))
    }

    /// Adds (`id` = `None`) or changes a contact.
    pub fn save_contact(&mut self, id: Option<i64>, draft: &ContactDraft) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        let organisation_exists = tx
            .prepare_cached("SELECT 1 FROM organisation WHERE id = ?1 AND deleted_at IS NULL")?
            .exists([draft.organisation_id])?;
        if !organisation_exists {
            return Err(invalid(
                "organisationId",
                "invalid_choice",
                messages::ORGANISATION_REQUIRED,
            ));
        }
        let sort_key = name_sort_key(&draft.name, "");
        let organisation: String = tx
            .prepare_cached("SELECT name FROM organisation WHERE id = ?1")?
            .query_row([draft.organisation_id], |row| row.get("name"))?;
        let search_text = contact_search_text(&draft.name, &draft.title, &organisation);
        let id = match id {
            None => {
                tx.prepare_cached(
                    "INSERT INTO contact (name, organisation_id, title, phone, email, notes, sort_key, \
                     search_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    draft.name,
                    draft.organisation_id,
                    draft.title,
                    draft.phone,
                    draft.email,
                    draft.notes,
                    sort_key,
                    search_text
                ])?;
                let id = tx.last_insert_rowid();
                audit_created(&tx, AuditEntity::Contact, id)?;
                id
            }
            Some(id) => {
                let audit = before_change(&tx, AuditEntity::Contact, id)?;
                let changed = tx
                    .prepare_cached(
                        "UPDATE contact SET name = ?2, organisation_id = ?3, title = ?4, phone = ?5, \
                         email = ?6, notes = ?7, sort_key = ?8, search_text = ?9 WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        draft.name,
                        draft.organisation_id,
                        draft.title,
                        draft.phone,
                        draft.email,
                        draft.notes,
                        sort_key,
                        search_text
                    ])?;
                if changed == 0 {
                    return Err(CoreError::RecordNotFound(id));
                }
                audit.record(&tx, AuditAction::Update)?;
                id
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// Removes a contact from the directory. Team history and minutes keep
    /// naming them, so the row stays, marked archived.
    pub fn archive_contact(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::Contact, id)?;
        let changed = tx
            .prepare_cached(
                "UPDATE contact SET archived_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            )?
            .execute([id])?;
        if changed == 0 {
            return Err(CoreError::RecordNotFound(id));
        }
        audit.record(&tx, AuditAction::Archive)?;
        tx.commit()?;
        Ok(())
    }

    /// A participant's team: current members first (fixed contact person at
    /// the top), then past members, latest first.
    pub fn team(&self, participant_id: i64) -> CoreResult<Vec<TeamMember>> {
        ensure_participant(&self.conn, participant_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT m.id AS membership_id, m.role AS role, m.joined_on AS joined_on, \
             m.left_on AS left_on, {CONTACT_COLUMNS} \
             FROM team_membership m JOIN contact c ON c.id = m.contact_id \
             JOIN organisation o ON o.id = c.organisation_id WHERE m.participant_id = ?1 \
             ORDER BY m.left_on IS NOT NULL, m.role <> 'fixed_contact', m.left_on DESC, \
             c.sort_key, m.id"
        ))?;
        let rows = statement.query_map([participant_id], |row| {
            let role: String = row.get("role")?;
            Ok(TeamMember {
                id: row.get("membership_id")?,
                role: TeamRole::from_str_id(&role).unwrap_or(TeamRole::Other),
                joined_on: row.get("joined_on")?,
                left_on: row.get("left_on")?,
                contact: contact_from_row(row)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a member to a participant's team.
    ///
    /// A new fixed contact person takes over from the current one, whose
    /// membership ends the day the new one joins: there is exactly one at a
    /// time, and the history shows the hand-over.
    pub fn add_team_member(
        &mut self,
        participant_id: i64,
        draft: &MembershipDraft,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, participant_id)?;
        ensure_contact(&tx, draft.contact_id)?;
        let duplicate = tx
            .prepare_cached(
                "SELECT 1 FROM team_membership WHERE participant_id = ?1 AND contact_id = ?2 \
                 AND role = ?3 AND left_on IS NULL",
            )?
            .exists(params![
                participant_id,
                draft.contact_id,
                draft.role.as_str()
            ])?;
        if duplicate {
            return Err(invalid(
                "contactId",
                "already_member",
                messages::ALREADY_MEMBER,
            ));
        }
        if draft.role == TeamRole::FixedContact {
            let current: Option<(i64, NaiveDate)> = tx
                .prepare_cached(
                    "SELECT id, joined_on FROM team_membership WHERE participant_id = ?1 \
                     AND role = 'fixed_contact' AND left_on IS NULL",
                )?
                .query_row([participant_id], |row| {
                    Ok((row.get("id")?, row.get("joined_on")?))
                })
                .optional()?;
            if let Some((current_id, joined)) = current {
                if draft.joined_on < joined {
                    return Err(invalid(
                        "joinedOn",
                        "before_current_fixed_contact",
                        messages::LEFT_BEFORE_JOINED,
                    ));
                }
                let audit = before_change(&tx, AuditEntity::TeamMembership, current_id)?;
                tx.prepare_cached("UPDATE team_membership SET left_on = ?2 WHERE id = ?1")?
                    .execute(params![current_id, draft.joined_on])?;
                audit.record(&tx, AuditAction::Update)?;
            }
        }
        tx.prepare_cached(
            "INSERT INTO team_membership (participant_id, contact_id, role, joined_on) \
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            participant_id,
            draft.contact_id,
            draft.role.as_str(),
            draft.joined_on
        ])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::TeamMembership, id)?;
        tx.commit()?;
        Ok(id)
    }

    /// Ends a membership on `left_on`; the row stays as history.
    ///
    /// The membership must be a current one in `participant_id`'s team, so
    /// a stale or mistaken pair of ids changes nobody's team.
    pub fn end_team_membership(
        &mut self,
        participant_id: i64,
        membership_id: i64,
        left_on: NaiveDate,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let joined: Option<NaiveDate> = tx
            .prepare_cached(
                "SELECT joined_on FROM team_membership WHERE id = ?1 AND participant_id = ?2 \
                 AND left_on IS NULL",
            )?
            .query_row([membership_id, participant_id], |row| row.get("joined_on"))
            .optional()?;
        let Some(joined) = joined else {
            return Err(CoreError::RecordNotFound(membership_id));
        };
        if left_on < joined {
            return Err(invalid(
                "leftOn",
                "left_before_joined",
                messages::LEFT_BEFORE_JOINED,
            ));
        }
        let audit = before_change(&tx, AuditEntity::TeamMembership, membership_id)?;
        tx.prepare_cached("UPDATE team_membership SET left_on = ?2 WHERE id = ?1")?
            .execute(params![membership_id, left_on])?;
        audit.record(&tx, AuditAction::Update)?;
        tx.commit()?;
        Ok(())
    }

    /// The warnings for one participant's team.
    pub fn team_warnings(&self, participant_id: i64) -> CoreResult<Vec<TeamWarning>> {
        let (goal, hurtigspor): (Option<String>, bool) = self
            .conn
            .prepare_cached("SELECT final_goal, hurtigspor FROM participant WHERE id = ?1")?
            .query_row([participant_id], |row| {
                Ok((row.get("final_goal")?, row.get("hurtigspor")?))
            })
            .optional()?
            .ok_or(CoreError::ParticipantNotFound(participant_id))?;
        let members: Vec<MemberFacts> = self
            .team(participant_id)?
            .into_iter()
            .filter(|m| m.left_on.is_none())
            .map(|m| MemberFacts {
                role: m.role,
                organisation_kind: m.contact.organisation_kind,
                organisation_deleted: m.contact.organisation_deleted,
            })
            .collect();
        let goal = goal.as_deref().and_then(FinalGoal::from_str_id);
        Ok(team_warnings(goal, hurtigspor, &members))
    }

    /// For the overview: per warning, how many followed participants have
    /// it and the first [`WARNING_NAMES_SHOWN`] of them in name order.
    ///
    /// The SQL mirrors [`team_warnings`]; a test checks the two agree.
    pub fn team_warning_groups(&self) -> CoreResult<Vec<TeamWarningGroup>> {
        let mut groups = Vec::new();
        for warning in TeamWarning::ALL.iter().copied() {
            let condition = warning_condition(warning);
            // One pass: the window count is taken over every row that
            // matches, before the limit cuts the names shown.
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT p.id AS id, p.given_name || ' ' || p.family_name AS name, \
                 COUNT(*) OVER () AS count FROM participant p \
                 WHERE {FOLLOWED_PARTICIPANTS} AND {condition} ORDER BY p.sort_key, p.id LIMIT ?1"
            ))?;
            let mut count = 0;
            let participants = statement
                .query_map([WARNING_NAMES_SHOWN], |row| {
                    Ok((
                        row.get("id")?,
                        row.get("name")?,
                        row.get::<_, i64>("count")?,
                    ))
                })?
                .map(|row| {
                    row.map(|(id, name, total)| {
                        count = total;
                        (id, name)
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if participants.is_empty() {
                continue;
            }
            groups.push(TeamWarningGroup {
                warning,
                count,
                participants,
            });
        }
        Ok(groups)
    }
}
