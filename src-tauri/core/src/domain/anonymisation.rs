//! What an anonymisation takes out of the audit trail, and the digest that
//! keeps the chain verifiable afterwards.
//!
//! Each entry about the participant keeps its place in the chain (its id,
//! time, record, action and both hashes); the values that name or describe
//! the person are replaced by the case reference. The redacted entry no
//! longer gives its original hash, so the anonymisation's own entry, which
//! is chained as usual, records a digest over the new hash of every entry
//! it redacted: changing a redacted entry, or the record of its new hash,
//! breaks the chain check as any other edit would.

use crate::domain::audit::{AuditEntity, FieldChange};
use crate::domain::audit_fields::generic_field;
use sha2::{Digest, Sha256};

/// Prefix of the digest's input; a new form would get a new version.
const DIGEST_PREFIX: &str = "introspor-redaction-v1\n";

/// The fields, per kind of record, that name or describe the person and
/// are replaced in the trail. Everything else an entry about them holds
/// (dates, choices, yes/no, references to other records, figures) stays,
/// as statistics and the chain need it.
pub const REDACTED_FIELDS: &[(AuditEntity, &str)] = &[
    (AuditEntity::Participant, "given_name"),
    (AuditEntity::Participant, "family_name"),
    (AuditEntity::Participant, "identity_number"),
    (AuditEntity::Participant, "birth_date"),
    (AuditEntity::Participant, "languages"),
    (AuditEntity::Participant, "interpreter_language"),
    (AuditEntity::Participant, "phone"),
    (AuditEntity::Participant, "email"),
    (AuditEntity::Participant, "address"),
    (AuditEntity::Participant, "notes"),
    (AuditEntity::RegistrableEvent, "note"),
    (AuditEntity::Task, "title"),
    (AuditEntity::Task, "note"),
    (AuditEntity::ProgrammeExtension, "reason"),
    (AuditEntity::Meeting, "interpreter_language"),
    (AuditEntity::Meeting, "next_meeting_note"),
    (AuditEntity::Meeting, "unqualified_reason"),
    (AuditEntity::Meeting, "child_emergency_reason"),
    (AuditEntity::Meeting, "agenda[].title"),
    (AuditEntity::Meeting, "agenda[].notes"),
    (AuditEntity::Meeting, "decision[]"),
    (AuditEntity::Meeting, "action[].what"),
    (AuditEntity::Meeting, "action[].responsible"),
    // The answer's offered file name holds the initials.
    (AuditEntity::AccessRequest, "answer_file"),
    // A list's filter in words may hold a name typed into the search.
    (AuditEntity::ExportedFile, "filter"),
];

/// Text fields of records about a participant that are deliberately kept,
/// each because it describes no one: the service's own words and figures.
pub const KEPT_TEXT_FIELDS: &[(AuditEntity, &str)] = &[
    (AuditEntity::Participant, "planned_length_months"),
    (AuditEntity::Meeting, "place"),
    (AuditEntity::Meeting, "minute_taker"),
    (AuditEntity::Meeting, "minutes_version"),
    (AuditEntity::Meeting, "file_name"),
    (AuditEntity::ProgrammeExtension, "months"),
    (AuditEntity::ArchiveFiling, "meeting_id"),
    (AuditEntity::ArchiveFiling, "minutes_version"),
    (AuditEntity::ArchiveFiling, "archive_reference"),
    (AuditEntity::ExportedFile, "format"),
    (AuditEntity::ExportedFile, "rows"),
    (AuditEntity::ExportedFile, "file_name"),
    (AuditEntity::Participant, "case_reference"),
    (AuditEntity::Participant, "redacted_entries"),
    (AuditEntity::Participant, "redaction_digest"),
];

/// Whether `field` (as recorded, `agenda[2].notes` included) of an entry
/// about `entity` is replaced when its participant is anonymised.
pub fn is_redacted(entity: AuditEntity, field: &str) -> bool {
    let generic = generic_field(field);
    REDACTED_FIELDS
        .iter()
        .any(|(e, name)| *e == entity && *name == generic.as_str())
}

/// The changes of an entry about `entity` with every redacted value
/// replaced by `case_reference` (an absent value stays absent), and
/// whether anything changed.
pub fn redact_changes(
    entity: AuditEntity,
    changes: &[FieldChange],
    case_reference: &str,
) -> (Vec<FieldChange>, bool) {
    let mut changed = false;
    let redacted = changes
        .iter()
        .map(|change| {
            if !is_redacted(entity, &change.field) {
                return change.clone();
            }
            let mut replace = |value: &Option<String>| {
                value.as_ref().map(|v| {
                    if v != case_reference {
                        changed = true;
                    }
                    case_reference.to_string()
                })
            };
            let from = replace(&change.from);
            let to = replace(&change.to);
            FieldChange {
                field: change.field.clone(),
                from,
                to,
            }
        })
        .collect();
    (redacted, changed)
}

/// The digest over the entries one anonymisation redacted, each as its id
/// and its new hash, in the order of their ids.
pub fn redaction_digest(redacted: &[(i64, String)]) -> String {
    let mut sorted: Vec<&(i64, String)> = redacted.iter().collect();
    sorted.sort_by_key(|(id, _)| *id);
    let mut form = String::from(DIGEST_PREFIX);
    for (id, hash) in sorted {
        form.push_str(&format!("I{id};S{}:{hash};", hash.len()));
    }
    let digest = Sha256::digest(form.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit_fields::{field_value, recorded_fields, FieldValue};

    /// Entities whose entries are entered under a participant.
    const ABOUT_A_PARTICIPANT: &[AuditEntity] = &[
        AuditEntity::Participant,
        AuditEntity::RegistrableEvent,
        AuditEntity::Leave,
        AuditEntity::Task,
        AuditEntity::TeamMembership,
        AuditEntity::Meeting,
        AuditEntity::ProgrammeExtension,
        AuditEntity::ArchiveFiling,
        AuditEntity::ExportedFile,
        AuditEntity::AccessRequest,
    ];

    #[test]
    fn every_text_field_about_a_participant_is_either_redacted_or_kept_on_purpose() {
        for (entity, name, value) in recorded_fields() {
            if !ABOUT_A_PARTICIPANT.contains(&entity) || value != FieldValue::Text {
                continue;
            }
            let redacted = REDACTED_FIELDS.contains(&(entity, name));
            let kept = KEPT_TEXT_FIELDS.contains(&(entity, name));
            assert!(
                redacted ^ kept,
                "{entity:?}.{name}: a text field about a participant must be redacted or kept on purpose, once"
            );
        }
        let recorded: Vec<(AuditEntity, &str)> = recorded_fields()
            .into_iter()
            .map(|(e, n, _)| (e, n))
            .collect();
        for pair in REDACTED_FIELDS.iter().chain(KEPT_TEXT_FIELDS) {
            assert!(recorded.contains(pair), "{pair:?} is not a recorded field");
        }
        assert_eq!(
            field_value(AuditEntity::Participant, "birth_date"),
            FieldValue::Date
        );
    }

    #[test]
    fn redaction_replaces_only_the_personal_values() {
        let changes = vec![
            FieldChange::new("given_name", Some("Amira"), Some("Amina")),
            FieldChange::new("phone", None, Some("41234567")),
            FieldChange::new("settlement_date", Some("2025-01-01"), Some("2025-02-01")),
            FieldChange::new("status", Some("active"), Some("completed")),
        ];
        let (redacted, changed) = redact_changes(AuditEntity::Participant, &changes, "ANON-7");
        assert!(changed);
        assert_eq!(
            redacted,
            vec![
                FieldChange::new("given_name", Some("ANON-7"), Some("ANON-7")),
                FieldChange::new("phone", None, Some("ANON-7")),
                changes[2].clone(),
                changes[3].clone(),
            ]
        );
        let meeting = vec![
            FieldChange::new("agenda[3].notes", Some("Vondt i ryggen"), None),
            FieldChange::new("agenda[3].sensitive", Some("1"), None),
        ];
        let (redacted, _) = redact_changes(AuditEntity::Meeting, &meeting, "ANON-7");
        assert_eq!(redacted[0].from.as_deref(), Some("ANON-7"));
        assert_eq!(redacted[1], meeting[1]);
        let (_, changed) = redact_changes(AuditEntity::Leave, &changes[2..], "ANON-7");
        assert!(!changed, "nothing personal, nothing to redact");
    }

    #[test]
    fn the_digest_depends_on_every_id_and_hash_but_not_their_order() {
        let a = vec![(3, "aa".to_string()), (9, "bb".to_string())];
        let b = vec![(9, "bb".to_string()), (3, "aa".to_string())];
        assert_eq!(redaction_digest(&a), redaction_digest(&b));
        assert_ne!(
            redaction_digest(&a),
            redaction_digest(&[(3, "aa".to_string())])
        );
        assert_ne!(
            redaction_digest(&a),
            redaction_digest(&[(3, "aa".to_string()), (9, "bc".to_string())])
        );
        assert_ne!(
            redaction_digest(&a),
            redaction_digest(&[(4, "aa".to_string()), (9, "bb".to_string())])
        );
    }
}
