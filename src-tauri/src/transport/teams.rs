//! Transport types for the contact directory and teams.

use introspor_core::domain::date::{format_date, format_optional_date};
use introspor_core::store::teams::{Contact, Organisation, TeamMember, TeamWarningGroup};
use serde::Serialize;

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind identifier.
    pub kind: String,
    /// Deleted from the directory.
    pub deleted: bool,
}

impl From<Organisation> for OrganisationDto {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id,
            name: o.name,
            kind: o.kind.as_str().to_string(),
            deleted: o.deleted,
        }
    }
}

/// One page of contacts found by a search, and whether more match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPageDto {
    /// The contacts, in name order.
    pub rows: Vec<ContactDto>,
    /// Whether more contacts match than were sent.
    pub more: bool,
}

/// A contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Organisation id.
    pub organisation_id: i64,
    /// Organisation name.
    pub organisation: String,
    /// Organisation kind identifier.
    pub organisation_kind: String,
    /// Whether the organisation was deleted.
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

impl From<Contact> for ContactDto {
    fn from(c: Contact) -> Self {
        Self {
            id: c.id,
            name: c.name,
            organisation_id: c.organisation_id,
            organisation: c.organisation,
            organisation_kind: c.organisation_kind.as_str().to_string(),
            organisation_deleted: c.organisation_deleted,
            title: c.title,
            phone: c.phone,
            email: c.email,
            notes: c.notes,
        }
    }
}

/// A team membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamMemberDto {
    /// Membership id.
    pub id: i64,
    /// The contact.
    pub contact: ContactDto,
    /// Role identifier.
    pub role: String,
    /// Joined, dd.mm.åååå.
    pub joined_on: String,
    /// Left, dd.mm.åååå, or empty while current.
    pub left_on: String,
    /// Still in the team.
    pub current: bool,
}

impl From<TeamMember> for TeamMemberDto {
    fn from(m: TeamMember) -> Self {
        Self {
            id: m.id,
            current: m.left_on.is_none(),
            contact: m.contact.into(),
            role: m.role.as_str().to_string(),
            joined_on: format_date(m.joined_on),
            left_on: format_optional_date(m.left_on),
        }
    }
}

/// A participant's team and its warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamDto {
    /// Members, current first.
    pub members: Vec<TeamMemberDto>,
    /// Warning identifiers.
    pub warnings: Vec<String>,
}

/// Participants with one kind of team warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamWarningGroupDto {
    /// Warning identifier.
    pub warning: String,
    /// How many participants.
    pub count: i64,
    /// The first few: id and name.
    pub participants: Vec<NamedIdDto>,
}

/// An id with a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedIdDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

impl From<TeamWarningGroup> for TeamWarningGroupDto {
    fn from(g: TeamWarningGroup) -> Self {
        Self {
            warning: g.warning.as_str().to_string(),
            count: g.count,
            participants: g
                .participants
                .into_iter()
                .map(|(id, name)| NamedIdDto { id, name })
                .collect(),
        }
    }
}
