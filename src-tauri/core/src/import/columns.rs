//! Which column holds which field: the header row found and its mapping.

use crate::domain::search_key::search_key;
use crate::import::source::{ImportError, RawCell, RawSheet};

choice! {
    /// A participant field a column can be imported into.
    ImportField {
        /// Fornavn.
        GivenName => "given_name",
        /// Etternavn.
        FamilyName => "family_name",
        /// Both names in one column.
        FullName => "full_name",
        /// Fødselsnummer or D-nummer.
        IdentityNumber => "identity_number",
        /// Fødselsdato.
        BirthDate => "birth_date",
        /// Kjønn.
        Gender => "gender",
        /// Språk.
        Languages => "languages",
        /// Telefon.
        Phone => "phone",
        /// E-post.
        Email => "email",
        /// Adresse.
        Address => "address",
        /// Dato for oppholdstillatelse.
        ResidencePermitDate => "residence_permit_date",
        /// Ankomstdato.
        ArrivalDate => "arrival_date",
        /// Bosettingsdato.
        SettlementDate => "settlement_date",
        /// Krav om program.
        ClaimDate => "claim_date",
        /// Programstart.
        ProgrammeStartDate => "programme_start_date",
        /// Oppholdsgrunnlag.
        PermitBasis => "permit_basis",
        /// Utdanning.
        Education => "education",
        /// Planlagt lengde i måneder.
        PlannedLengthMonths => "planned_length_months",
        /// Notater.
        Notes => "notes",
    }
}

impl ImportField {
    /// Whether the field holds a date (so a number in it is an Excel serial).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            ImportField::BirthDate
                | ImportField::ResidencePermitDate
                | ImportField::ArrivalDate
                | ImportField::SettlementDate
                | ImportField::ClaimDate
                | ImportField::ProgrammeStartDate
        )
    }
}

/// Header texts in Bokmål, Nynorsk and English, as folded by [`fold`].
const SYNONYMS: &[(ImportField, &[&str])] = &[
    (
        ImportField::GivenName,
        &["fornavn", "firstname", "givenname", "forename"],
    ),
    (
        ImportField::FamilyName,
        &["etternavn", "familyname", "surname", "lastname"],
    ),
    (
        ImportField::FullName,
        &["navn", "namn", "name", "fulltnavn", "fulltnamn", "fullname"],
    ),
    (
        ImportField::IdentityNumber,
        &[
            "fodselsnummer",
            "fodselsnr",
            "fnr",
            "dnummer",
            "dnr",
            "personnummer",
            "identitetsnummer",
            "identitynumber",
            "nationalid",
            "nationalidnumber",
            "fodselsnummerdnummer",
        ],
    ),
    (
        ImportField::BirthDate,
        &[
            "fodselsdato",
            "fodt",
            "fodd",
            "dateofbirth",
            "birthdate",
            "dob",
        ],
    ),
    (ImportField::Gender, &["kjonn", "gender", "sex"]),
    (
        ImportField::Languages,
        &["sprak", "language", "languages", "morsmal"],
    ),
    (
        ImportField::Phone,
        &[
            "telefon",
            "mobil",
            "tlf",
            "phone",
            "telefonnummer",
            "mobilnummer",
            "mobile",
        ],
    ),
    (
        ImportField::Email,
        &["epost", "email", "epostadresse", "mail"],
    ),
    (
        ImportField::Address,
        &["adresse", "address", "adresseikommunen"],
    ),
    (
        ImportField::ResidencePermitDate,
        &[
            "vedtaksdato",
            "oppholdstillatelse",
            "opphaldsloyve",
            "residencepermit",
            "residencepermitdate",
            "datoforoppholdstillatelse",
            "oppholdstillatelsedato",
        ],
    ),
    (
        ImportField::ArrivalDate,
        &["ankomst", "ankomstdato", "arrival", "arrivaldate"],
    ),
    (
        ImportField::SettlementDate,
        &[
            "bosatt",
            "bosettingsdato",
            "busettingsdato",
            "busett",
            "settlementdate",
            "settled",
            "bosetting",
            "busetting",
        ],
    ),
    (
        ImportField::ClaimDate,
        &["kravomprogram", "claimdate", "krav"],
    ),
    (
        ImportField::ProgrammeStartDate,
        &[
            "programstart",
            "startiprogram",
            "programmestart",
            "programstartdato",
        ],
    ),
    (
        ImportField::PermitBasis,
        &["oppholdsgrunnlag", "opphaldsgrunnlag", "permitbasis"],
    ),
    (
        ImportField::Education,
        &["utdanning", "utdanningsniva", "education"],
    ),
    (
        ImportField::PlannedLengthMonths,
        &[
            "planlagtlengde",
            "plannedlength",
            "planlagtlengdemaneder",
            "plannedlengthmonths",
        ],
    ),
    (
        ImportField::Notes,
        &[
            "merknad",
            "merknader",
            "notater",
            "notes",
            "note",
            "kommentar",
        ],
    ),
];

/// Folds a header for matching: the search key (case, accents, æøå) with
/// everything but letters and digits taken out, so «E-post», «Epost» and
/// «e post» meet.
pub fn fold(text: &str) -> String {
    search_key(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The field a header names, if any.
pub fn field_for_header(header: &str) -> Option<ImportField> {
    let folded = fold(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(field, _)| *field)
}

/// The columns understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    /// The header row, 1-based as the spreadsheet numbers it.
    pub header_row: usize,
    /// The header texts, one per column.
    pub headers: Vec<String>,
    /// The field each column goes to; `None` for a column left out.
    pub mapping: Vec<Option<ImportField>>,
    /// The text of each row above the header (a title, a date), shown so
    /// that the caseworker sees nothing was lost.
    pub ignored_above: Vec<String>,
}

/// Finds the header row (the first of the first ten with at least two
/// recognised headers) and maps its columns.
pub fn detect_columns(sheet: &RawSheet) -> Result<ColumnPlan, ImportError> {
    for (index, row) in sheet.rows.iter().take(10).enumerate() {
        let headers: Vec<String> = row.iter().map(RawCell::display).collect();
        let mut mapping: Vec<Option<ImportField>> =
            headers.iter().map(|h| field_for_header(h)).collect();
        if mapping.iter().flatten().count() < 2 {
            continue;
        }
        // A field named twice keeps its first column, so that the plan
        // offered passes check_mapping; the caseworker may move it.
        let mut seen = Vec::new();
        for slot in mapping.iter_mut() {
            if let Some(field) = *slot {
                if seen.contains(&field) {
                    *slot = None;
                } else {
                    seen.push(field);
                }
            }
        }
        let ignored_above = sheet.rows[..index]
            .iter()
            .map(|r| {
                r.iter()
                    .map(RawCell::display)
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        return Ok(ColumnPlan {
            header_row: index + 1,
            headers,
            mapping,
            ignored_above,
        });
    }
    Err(ImportError::NoHeader)
}

/// Refuses a mapping that sends two columns to one field.
pub fn check_mapping(mapping: &[Option<ImportField>]) -> Result<(), ImportError> {
    let mut seen = Vec::new();
    for field in mapping.iter().flatten() {
        if seen.contains(field) {
            return Err(ImportError::FieldTwice(field.as_str()));
        }
        seen.push(*field);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ImportField as F;

    #[test]
    fn headers_in_three_languages() {
        let cases: &[(&str, Option<ImportField>)] = &[
            ("Fornavn", Some(F::GivenName)),
            ("First name", Some(F::GivenName)),
            ("Given Name", Some(F::GivenName)),
            ("SURNAME", Some(F::FamilyName)),
            ("Last name", Some(F::FamilyName)),
            ("Namn", Some(F::FullName)),
            ("Fullt navn", Some(F::FullName)),
            ("Fødselsnr.", Some(F::IdentityNumber)),
            ("D-nummer", Some(F::IdentityNumber)),
            ("National ID", Some(F::IdentityNumber)),
            ("Fødd", Some(F::BirthDate)),
            ("Date of birth", Some(F::BirthDate)),
            ("Kjønn", Some(F::Gender)),
            ("Språk", Some(F::Languages)),
            ("Tlf", Some(F::Phone)),
            ("E-post", Some(F::Email)),
            ("Opphaldsløyve", Some(F::ResidencePermitDate)),
            ("Busettingsdato", Some(F::SettlementDate)),
            ("Krav om program", Some(F::ClaimDate)),
            ("Start i program", Some(F::ProgrammeStartDate)),
            ("Planlagt lengde", Some(F::PlannedLengthMonths)),
            ("Merknad", Some(F::Notes)),
            ("Saksbehandler", None),
        ];
        for (header, field) in cases {
            assert_eq!(field_for_header(header), *field, "{header}");
        }
    }

    #[test]
    fn header_row_below_a_title() {
        let t = |s: &str| RawCell::Text(s.to_string());
        let sheet = RawSheet {
            rows: vec![
                vec![t("Bosatte 2024")],
                vec![t("Fornavn"), t("Etternavn"), t("Saksbehandler")],
                vec![t("Ada"), t("Berg"), t("X")],
            ],
            encoding: "UTF-8".into(),
            separator: Some(';'),
        };
        let plan = detect_columns(&sheet).unwrap();
        assert_eq!(plan.header_row, 2);
        assert_eq!(
            plan.mapping,
            vec![Some(F::GivenName), Some(F::FamilyName), None]
        );
        assert_eq!(plan.ignored_above, vec!["Bosatte 2024".to_string()]);
        let none = RawSheet {
            rows: vec![vec![t("a")]],
            ..sheet
        };
        assert_eq!(detect_columns(&none), Err(ImportError::NoHeader));
    }

    #[test]
    fn a_field_twice_is_refused() {
        assert!(check_mapping(&[Some(F::Phone), None, Some(F::Email)]).is_ok());
        assert_eq!(
            check_mapping(&[Some(F::Phone), Some(F::Phone)])
                .unwrap_err()
                .code(),
            "import_field_twice"
        );
    }
}
