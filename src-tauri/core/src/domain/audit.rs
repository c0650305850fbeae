//! The audit trail's rules: what a change looks like in the trail, which
//! values are masked or left out, and how each entry is chained to the one
//! before it by a SHA-256 hash.
//!
//! Pure code: the store takes snapshots of rows before and after a change
//! (column → text), and [`diff`] turns them into [`FieldChange`]s with the
//! masking rules applied, so the raw value of a masked field never reaches
//! the trail.

use crate::domain::identity_number::mask_digits;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a sensitive field's change is recorded as: only that it changed.
pub const SENSITIVE_MARK: &str = "(endret)";

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Prefix of the canonical form; a new form would get a new version.
const CANONICAL_PREFIX: &str = "introspor-audit-v1\n";

choice! {
    /// What kind of record an entry is about (the table, mostly).
    AuditEntity {
        /// A participant.
        Participant => "participant",
        /// A registrable event (IMDi).
        RegistrableEvent => "registrable_event",
        /// A leave.
        Leave => "leave",
        /// An own task, or an action item's task.
        Task => "task",
        /// A person in the contact directory.
        Contact => "contact",
        /// A partner organisation.
        Organisation => "organisation",
        /// A membership in a participant's team.
        TeamMembership => "team_membership",
        /// A meeting with its minutes.
        Meeting => "meeting",
        /// The deadline rule settings.
        RuleSettings => "rule_settings",
        /// A decision to extend a participant's programme.
        ProgrammeExtension => "programme_extension",
        /// The yearly check of a year's data in NIR.
        NirAnnualCheck => "nir_annual_check",
        /// The audit trail itself (its export).
        AuditTrail => "audit_trail",
        /// A file taken out of Introspor: a calendar, a backup written
        /// where the caseworker chose, a list or a report.
        ExportedFile => "exported_file",
        /// The register as a whole: restored from a backup, started anew
        /// or kept despite a newer backup.
        Register => "register",
        /// A spreadsheet of participants imported at once.
        ParticipantImport => "participant_import",
        /// Minutes filed in the municipality's case and archive system,
        /// with its archive reference.
        ArchiveFiling => "archive_filing",
        /// The municipality's retention period.
        RetentionSetting => "retention_setting",
        /// A participant's request to see what is held about them, and
        /// its answer.
        AccessRequest => "access_request",
    }
}

choice! {
    /// What was done.
    AuditAction {
        /// Added.
        Create => "create",
        /// Changed.
        Update => "update",
        /// Archived (hidden, kept).
        Archive => "archive",
        /// Brought back from the archive or from deletion.
        Restore => "restore",
        /// Deleted (or, for organisations, marked deleted).
        Delete => "delete",
        /// Marked done or completed.
        Complete => "complete",
        /// Marked not done, or opened again.
        Reopen => "reopen",
        /// Exported to a file.
        Export => "export",
        /// A participant's personal data replaced by a case reference,
        /// for good.
        Anonymise => "anonymise",
    }
}

/// One field's change, as the trail keeps it (already masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Column (or composite field such as `agenda[2].title`).
    pub field: String,
    /// The value before; `None` when there was none.
    pub from: Option<String>,
    /// The value after; `None` when there is none.
    pub to: Option<String>,
}

impl FieldChange {
    /// A change from `from` to `to`.
    pub fn new(field: &str, from: Option<&str>, to: Option<&str>) -> Self {
        Self {
            field: field.to_string(),
            from: from.map(str::to_string),
            to: to.map(str::to_string),
        }
    }
}

/// How a field is treated in the trail. Ordered from least to most strict;
/// when the two sides of a change disagree, the stricter rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldRule {
    /// Copied as it is.
    Keep,
    /// An identity number: only the birth-date part is shown.
    MaskIdentityNumber,
    /// Free text that may hold special categories of data: only the fact
    /// that it changed is recorded ([`SENSITIVE_MARK`]).
    Sensitive,
    /// Derived or bookkeeping columns: left out.
    Omit,
}

/// The rule for one column of one table. Everything not listed is kept.
pub fn field_rule(table: &str, column: &str) -> FieldRule {
    match (table, column) {
        (_, "id") => FieldRule::Omit,
        ("participant", "identity_number") => FieldRule::MaskIdentityNumber,
        ("participant", "notes") => FieldRule::Sensitive,
        // The reason travels in the entry's own reason column.
        ("participant", "law_override_reason") => FieldRule::Omit,
        ("participant", "search_text" | "sort_key" | "created_at" | "updated_at") => {
            FieldRule::Omit
        }
        ("registrable_event", "note") => FieldRule::Sensitive,
        ("programme_extension", "reason") => FieldRule::Sensitive,
        // Why an unqualified interpreter or a child interpreted may name
        // people and their health.
        ("meeting", "unqualified_reason" | "child_emergency_reason") => FieldRule::Sensitive,
        ("task", "note") => FieldRule::Sensitive,
        ("task", "created_at") => FieldRule::Omit,
        ("contact", "notes") => FieldRule::Sensitive,
        ("contact", "sort_key" | "search_text") => FieldRule::Omit,
        ("meeting", "created_at" | "updated_at") => FieldRule::Omit,
        ("sharing_log", "meeting_id") => FieldRule::Omit,
        _ => FieldRule::Keep,
    }
}

/// One field of a snapshot: its name, its value as text, and its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotField {
    /// Column or composite field name.
    pub name: String,
    /// The value as text; `None` for NULL.
    pub value: Option<String>,
    /// How the trail treats it.
    pub rule: FieldRule,
}

/// A record as column → text, in column order.
pub type Snapshot = Vec<SnapshotField>;

/// Looks a field's value up in a snapshot.
pub fn snapshot_value<'a>(snapshot: &'a Snapshot, name: &str) -> Option<&'a str> {
    snapshot
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| f.value.as_deref())
}

fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

fn masked(rule: FieldRule, from: Option<&str>, to: Option<&str>, field: &str) -> FieldChange {
    match rule {
        FieldRule::Keep | FieldRule::Omit => FieldChange::new(field, from, to),
        FieldRule::MaskIdentityNumber => FieldChange {
            field: field.to_string(),
            from: present(from).map(mask_digits),
            to: present(to).map(mask_digits),
        },
        FieldRule::Sensitive => FieldChange::new(field, None, Some(SENSITIVE_MARK)),
    }
}

/// The changes between two snapshots of one record, masked.
///
/// `None` before means the record was created, `None` after that it was
/// deleted; then every field with a value (neither NULL nor empty) is
/// listed. Fields are listed in the order of the snapshot after the change
/// (before it, for a deletion), then fields that only the other side has.
pub fn diff(before: Option<&Snapshot>, after: Option<&Snapshot>) -> Vec<FieldChange> {
    let empty = Vec::new();
    let (first, second) = match (before, after) {
        (_, Some(after)) => (after, before.unwrap_or(&empty)),
        (Some(before), None) => (before, &empty),
        (None, None) => return Vec::new(),
    };
    let mut names: Vec<&str> = first.iter().map(|f| f.name.as_str()).collect();
    for field in second {
        if !names.contains(&field.name.as_str()) {
            names.push(&field.name);
        }
    }
    let find = |snapshot: Option<&'_ Snapshot>, name: &str| -> Option<SnapshotField> {
        snapshot.and_then(|s| s.iter().find(|f| f.name == name).cloned())
    };
    let mut changes = Vec::new();
    for name in names {
        let old = find(before, name);
        let new = find(after, name);
        let rule = old
            .iter()
            .chain(new.iter())
            .map(|f| f.rule)
            .max()
            .unwrap_or(FieldRule::Keep);
        if rule == FieldRule::Omit {
            continue;
        }
        let old_value = old.and_then(|f| f.value);
        let new_value = new.and_then(|f| f.value);
        let changed = match (before.is_some(), after.is_some()) {
            // An update: only what differs. NULL and empty text are the
            // same to a reader, so going from one to the other is no change.
            (true, true) => present(old_value.as_deref()) != present(new_value.as_deref()),
            // A creation or deletion: every field that holds something.
            _ => present(old_value.as_deref()).is_some() || present(new_value.as_deref()).is_some(),
        };
        if changed {
            changes.push(masked(
                rule,
                present(old_value.as_deref()),
                present(new_value.as_deref()),
                name,
            ));
        }
    }
    changes
}

/// The reason to record for a change of a participant: the written reason
/// for a law override, when the override or its reason changed and an
/// override is in force afterwards; otherwise empty.
pub fn participant_reason(before: Option<&Snapshot>, after: Option<&Snapshot>) -> String {
    let Some(after) = after else {
        return String::new();
    };
    let pair = |s: &Snapshot| {
        (
            present(snapshot_value(s, "law_override")).map(str::to_string),
            present(snapshot_value(s, "law_override_reason")).map(str::to_string),
        )
    };
    let now = pair(after);
    if now.0.is_none() || before.map(pair).as_ref() == Some(&now) {
        return String::new();
    }
    now.1.unwrap_or_default()
}

/// The content of one entry, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent<'a> {
    /// Row id.
    pub id: i64,
    /// When, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: &'a str,
    /// [`AuditEntity`] identifier.
    pub entity_type: &'a str,
    /// The record's id, if it has one.
    pub entity_id: Option<i64>,
    /// The participant it concerns, if any.
    pub participant_id: Option<i64>,
    /// [`AuditAction`] identifier.
    pub action: &'a str,
    /// The changes as stored (see [`encode_changes`]).
    pub changes: &'a str,
    /// The reason given, or empty.
    pub reason: &'a str,
    /// The previous entry's hash, or [`GENESIS_HASH`].
    pub prev_hash: &'a str,
}

fn put_text(out: &mut String, value: &str) {
    // Length-prefixed, so no value can be mistaken for a separator.
    out.push_str(&format!("S{}:{value};", value.len()));
}

fn put_number(out: &mut String, value: Option<i64>) {
    match value {
        Some(n) => out.push_str(&format!("I{n};")),
        None => out.push_str("N;"),
    }
}

/// The canonical serialisation of an entry: every field in a fixed order,
/// texts length-prefixed (bytes), absent numbers marked, and the previous
/// hash last. Two different entries never share a canonical form.
pub fn canonical_form(entry: &EntryContent<'_>) -> String {
    let mut out = String::from(CANONICAL_PREFIX);
    put_number(&mut out, Some(entry.id));
    put_text(&mut out, entry.at);
    put_text(&mut out, entry.entity_type);
    put_number(&mut out, entry.entity_id);
    put_number(&mut out, entry.participant_id);
    put_text(&mut out, entry.action);
    put_text(&mut out, entry.changes);
    put_text(&mut out, entry.reason);
    put_text(&mut out, entry.prev_hash);
    out
}

/// The entry's hash: SHA-256 of its canonical form, lower-case hex.
pub fn entry_hash(entry: &EntryContent<'_>) -> String {
    let digest = Sha256::digest(canonical_form(entry).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The changes as stored in the entry: a JSON array.
pub fn encode_changes(changes: &[FieldChange]) -> String {
    serde_json::to_string(changes).expect("field changes always serialise")
}

/// Reads stored changes back; `None` if the text is not what
/// [`encode_changes`] writes (a tampered entry, for instance).
pub fn decode_changes(text: &str) -> Option<Vec<FieldChange>> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(fields: &[(&str, Option<&str>, FieldRule)]) -> Snapshot {
        fields
            .iter()
            .map(|(name, value, rule)| SnapshotField {
                name: name.to_string(),
                value: value.map(str::to_string),
                rule: *rule,
            })
            .collect()
    }

    fn change(field: &str, from: Option<&str>, to: Option<&str>) -> FieldChange {
        FieldChange::new(field, from, to)
    }

    use FieldRule::{Keep, MaskIdentityNumber, Omit, Sensitive};

    /// What the case shows, the snapshots before and after, the changes expected.
    type DiffCase = (
        &'static str,
        Option<Snapshot>,
        Option<Snapshot>,
        Vec<FieldChange>,
    );

    #[test]
    fn diff_lists_exactly_what_changed_with_masking_applied() {
        let cases: Vec<DiffCase> = vec![
            (
                "an unchanged record has no changes",
                Some(snap(&[("phone", Some("123"), Keep)])),
                Some(snap(&[("phone", Some("123"), Keep)])),
                vec![],
            ),
            (
                "a changed plain field shows both values",
                Some(snap(&[
                    ("phone", Some("123"), Keep),
                    ("email", Some("a@b.no"), Keep),
                ])),
                Some(snap(&[
                    ("phone", Some("456"), Keep),
                    ("email", Some("a@b.no"), Keep),
                ])),
                vec![change("phone", Some("123"), Some("456"))],
            ),
            (
                "NULL and empty text are the same to a reader",
                Some(snap(&[("address", None, Keep)])),
                Some(snap(&[("address", Some(""), Keep)])),
                vec![],
            ),
            (
                "a value cleared is recorded as going to nothing",
                Some(snap(&[("settlement_date", Some("2025-03-10"), Keep)])),
                Some(snap(&[("settlement_date", None, Keep)])),
                vec![change("settlement_date", Some("2025-03-10"), None)],
            ),
            (
                "identity numbers are masked on both sides",
                Some(snap(&[(
                    "identity_number",
                    Some("02013299997"),
                    MaskIdentityNumber,
                )])),
                Some(snap(&[(
                    "identity_number",
                    Some("01019012345"),
                    MaskIdentityNumber,
                )])),
                vec![change(
                    "identity_number",
                    Some("020132 *****"),
                    Some("010190 *****"),
                )],
            ),
            (
                "a change only in the hidden digits is still recorded, masked",
                Some(snap(&[(
                    "identity_number",
                    Some("02013299997"),
                    MaskIdentityNumber,
                )])),
                Some(snap(&[(
                    "identity_number",
                    Some("02013299998"),
                    MaskIdentityNumber,
                )])),
                vec![change(
                    "identity_number",
                    Some("020132 *****"),
                    Some("020132 *****"),
                )],
            ),
            (
                "sensitive notes record only that they changed",
                Some(snap(&[("notes", Some("helse: søvnvansker"), Sensitive)])),
                Some(snap(&[("notes", Some("helse: bedre"), Sensitive)])),
                vec![change("notes", None, Some(SENSITIVE_MARK))],
            ),
            (
                "omitted (derived) fields never appear",
                Some(snap(&[
                    ("sort_key", Some("a"), Omit),
                    ("updated_at", Some("x"), Omit),
                ])),
                Some(snap(&[
                    ("sort_key", Some("b"), Omit),
                    ("updated_at", Some("y"), Omit),
                ])),
                vec![],
            ),
            (
                "the stricter rule of the two sides applies",
                Some(snap(&[("agenda[1].notes", Some("vanlig"), Keep)])),
                Some(snap(&[(
                    "agenda[1].notes",
                    Some("nå sensitivt"),
                    Sensitive,
                )])),
                vec![change("agenda[1].notes", None, Some(SENSITIVE_MARK))],
            ),
            (
                "a creation lists every field that holds something",
                None,
                Some(snap(&[
                    ("given_name", Some("Nadia"), Keep),
                    ("address", Some(""), Keep),
                    ("birth_date", None, Keep),
                    ("identity_number", Some("02013299997"), MaskIdentityNumber),
                    ("notes", Some("hemmelig"), Sensitive),
                    ("search_text", Some("nadia"), Omit),
                ])),
                vec![
                    change("given_name", None, Some("Nadia")),
                    change("identity_number", None, Some("020132 *****")),
                    change("notes", None, Some(SENSITIVE_MARK)),
                ],
            ),
            (
                "a deletion lists every field that held something",
                Some(snap(&[
                    ("title", Some("Ring NAV"), Keep),
                    ("note", Some("privat"), Sensitive),
                ])),
                None,
                vec![
                    change("title", Some("Ring NAV"), None),
                    change("note", None, Some(SENSITIVE_MARK)),
                ],
            ),
            (
                "fields only one side has are compared with nothing",
                Some(snap(&[("decision[1]", Some("Starte i praksis"), Keep)])),
                Some(snap(&[("decision[2]", Some("Ny avgjørelse"), Keep)])),
                vec![
                    change("decision[2]", None, Some("Ny avgjørelse")),
                    change("decision[1]", Some("Starte i praksis"), None),
                ],
            ),
        ];
        for (what, before, after, expected) in cases {
            assert_eq!(diff(before.as_ref(), after.as_ref()), expected, "{what}");
        }
    }

    #[test]
    fn raw_sensitive_and_identity_values_never_reach_the_changes() {
        let before = snap(&[
            ("identity_number", Some("02013299997"), MaskIdentityNumber),
            ("notes", Some("HEMMELIG-FØR"), Sensitive),
        ]);
        let after = snap(&[
            ("identity_number", Some("01019012345"), MaskIdentityNumber),
            ("notes", Some("HEMMELIG-ETTER"), Sensitive),
        ]);
        let stored = encode_changes(&diff(Some(&before), Some(&after)));
        for secret in ["99997", "12345", "HEMMELIG"] {
            assert!(
                !stored.contains(secret),
                "the stored changes must not contain {secret:?}: {stored}"
            );
        }
    }

    #[test]
    fn field_rules_cover_the_sensitive_and_derived_columns() {
        let cases = [
            ("participant", "identity_number", MaskIdentityNumber),
            ("participant", "notes", Sensitive),
            ("participant", "search_text", Omit),
            ("participant", "sort_key", Omit),
            ("participant", "updated_at", Omit),
            ("participant", "given_name", Keep),
            ("registrable_event", "note", Sensitive),
            ("task", "note", Sensitive),
            ("task", "title", Keep),
            ("contact", "notes", Sensitive),
            ("contact", "sort_key", Omit),
            ("contact", "search_text", Omit),
            ("meeting", "updated_at", Omit),
            ("meeting", "unqualified_reason", Sensitive),
            ("meeting", "child_emergency_reason", Sensitive),
            ("meeting", "interpreter_qualification", Keep),
            ("programme_extension", "reason", Sensitive),
            ("leave", "id", Omit),
        ];
        for (table, column, rule) in cases {
            assert_eq!(
                field_rule(table, column),
                rule,
                "{table}.{column} should be {rule:?}"
            );
        }
    }

    #[test]
    fn the_override_reason_is_recorded_only_when_the_override_changes() {
        let p = |law: Option<&str>, reason: &str| {
            snap(&[
                ("law_override", law, Keep),
                ("law_override_reason", Some(reason), Omit),
            ])
        };
        let cases = [
            ("no override", None, p(None, ""), ""),
            (
                "created with an override",
                None,
                p(Some("introduksjonsloven"), "Vedtak 2020"),
                "Vedtak 2020",
            ),
            (
                "override added",
                Some(p(None, "")),
                p(Some("introduksjonsloven"), "Vedtak 2020"),
                "Vedtak 2020",
            ),
            (
                "reason rewritten",
                Some(p(Some("introduksjonsloven"), "Vedtak")),
                p(Some("introduksjonsloven"), "Vedtak 2020"),
                "Vedtak 2020",
            ),
            (
                "override untouched while other fields change",
                Some(p(Some("introduksjonsloven"), "Vedtak 2020")),
                p(Some("introduksjonsloven"), "Vedtak 2020"),
                "",
            ),
            (
                "override removed",
                Some(p(Some("introduksjonsloven"), "Vedtak 2020")),
                p(None, ""),
                "",
            ),
        ];
        for (what, before, after, expected) in cases {
            assert_eq!(
                participant_reason(before.as_ref(), Some(&after)),
                expected,
                "{what}"
            );
        }
    }

    fn entry<'a>(changes: &'a str, reason: &'a str) -> EntryContent<'a> {
        EntryContent {
            id: 1,
            at: "2025-04-01T10:00:00Z",
            entity_type: "participant",
            entity_id: Some(7),
            participant_id: Some(7),
            action: "update",
            changes,
            reason,
            prev_hash: GENESIS_HASH,
        }
    }

    #[test]
    fn the_canonical_form_is_fixed_and_unambiguous() {
        assert_eq!(
            canonical_form(&entry("[]", "")),
            format!(
                "introspor-audit-v1\nI1;S20:2025-04-01T10:00:00Z;S11:participant;I7;I7;S6:update;\
                 S2:[];S0:;S64:{GENESIS_HASH};"
            ),
            "the canonical form is part of the file format and must not drift"
        );
        // Moving text between neighbouring fields must change the form.
        let a = canonical_form(&entry("ab", "c"));
        let b = canonical_form(&entry("a", "bc"));
        assert_ne!(a, b, "length prefixes keep neighbouring fields apart");
        let mut none = entry("[]", "");
        none.participant_id = None;
        let mut zero = entry("[]", "");
        zero.participant_id = Some(0);
        assert_ne!(
            canonical_form(&none),
            canonical_form(&zero),
            "no participant differs from participant 0"
        );
    }

    #[test]
    fn the_hash_is_sha256_of_the_canonical_form() {
        let e = entry("[]", "");
        // Computed with `printf '%s' "$(canonical form)" | sha256sum`.
        assert_eq!(
            entry_hash(&e),
            "1b00f99443ba6e9ae8b7655a89f08ccdb2b52394bad536ffc41f0e46c82bc56f",
            "the hash is SHA-256 over the canonical form, lower-case hex"
        );
        let cases: Vec<(&str, EntryContent<'_>)> = vec![
            ("another id", EntryContent { id: 2, ..e.clone() }),
            (
                "another time",
                EntryContent {
                    at: "2025-04-01T10:00:01Z",
                    ..e.clone()
                },
            ),
            (
                "another action",
                EntryContent {
                    action: "delete",
                    ..e.clone()
                },
            ),
            (
                "other changes",
                EntryContent {
                    changes: "[{}]",
                    ..e.clone()
                },
            ),
            (
                "another reason",
                EntryContent {
                    reason: "x",
                    ..e.clone()
                },
            ),
            (
                "another previous hash",
                EntryContent {
                    prev_hash: "1",
                    ..e.clone()
                },
            ),
            (
                "another participant",
                EntryContent {
                    participant_id: Some(8),
                    ..e.clone()
                },
            ),
        ];
        for (what, changed) in cases {
            assert_ne!(
                entry_hash(&changed),
                entry_hash(&e),
                "{what} must change the hash"
            );
        }
    }

    #[test]
    fn changes_survive_a_round_trip_through_their_stored_form() {
        let changes = vec![
            change("notes", None, Some(SENSITIVE_MARK)),
            change("given_name", Some("Nadia \"N\";\n"), Some("Nadja")),
        ];
        assert_eq!(decode_changes(&encode_changes(&changes)), Some(changes));
        assert_eq!(decode_changes("not json"), None, "garbage is not changes");
    }
}
