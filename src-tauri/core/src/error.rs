//! The core's errors.

use crate::messages;

/// One problem with one form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field, as the UI names it (`identityNumber`).
    pub field: &'static str,
    /// Stable machine-readable code (`identity_number_checksum`).
    pub code: &'static str,
    /// What to fix, in Norwegian.
    pub message: &'static str,
}

impl FieldError {
    /// Creates a field error.
    pub fn new(field: &'static str, code: &'static str, message: &'static str) -> Self {
        Self {
            field,
            code,
            message,
        }
    }
}

/// Every problem found in a form, in field order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codes: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.code))
            .collect();
        write!(f, "invalid input ({})", codes.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Everything that can go wrong in the core.
///
/// Display texts are for logs and never contain personal data; the
/// Norwegian text for the caseworker comes from [`CoreError::message`].
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input did not validate; nothing was written.
    #[error("{0}")]
    Validation(ValidationErrors),
    /// Another participant already has this identity number.
    #[error("identity number already registered on participant {existing_id}")]
    DuplicateIdentityNumber {
        /// The participant that has it.
        existing_id: i64,
        /// Whether that participant is archived.
        archived: bool,
    },
    /// No participant with this id.
    #[error("participant {0} not found")]
    ParticipantNotFound(i64),
    /// No event, leave, task or deadline with this id.
    #[error("record {0} not found")]
    RecordNotFound(i64),
    /// The database has a newer schema than this program knows.
    #[error("database schema version {found} is newer than supported {supported}")]
    SchemaTooNew {
        /// The version found in the file.
        found: i64,
        /// The newest version this program can use.
        supported: i64,
    },
    /// The data folder could not be created or used.
    #[error("storage folder: {0}")]
    Io(#[from] std::io::Error),
    /// SQLite reported an error.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
}

impl CoreError {
    /// Stable machine-readable code for the IPC boundary.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Validation(errors) if errors.0.len() == 1 => errors.0[0].code,
            CoreError::Validation(_) => "validation",
            CoreError::DuplicateIdentityNumber { .. } => "duplicate_identity_number",
            CoreError::ParticipantNotFound(_) | CoreError::RecordNotFound(_) => "not_found",
            CoreError::SchemaTooNew { .. } => "schema_too_new",
            CoreError::Io(_) => "storage_folder",
            CoreError::Database(_) => "database",
        }
    }

    /// What the caseworker should read, in Norwegian.
    pub fn message(&self) -> &'static str {
        match self {
            CoreError::Validation(errors) if errors.0.len() == 1 => errors.0[0].message,
            CoreError::Validation(_) => messages::VALIDATION_SUMMARY,
            CoreError::DuplicateIdentityNumber {
                archived: false, ..
            } => messages::DUPLICATE_IDENTITY_NUMBER,
            CoreError::DuplicateIdentityNumber { archived: true, .. } => {
                messages::DUPLICATE_IDENTITY_NUMBER_ARCHIVED
            }
            CoreError::ParticipantNotFound(_) => messages::PARTICIPANT_NOT_FOUND,
            CoreError::RecordNotFound(_) => messages::RECORD_NOT_FOUND,
            CoreError::SchemaTooNew { .. } => messages::SCHEMA_TOO_NEW,
            CoreError::Io(_) => messages::STORAGE_FOLDER,
            CoreError::Database(_) => messages::DATABASE,
        }
    }

    /// The form field the error concerns, if it concerns exactly one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Validation(errors) => errors.0.first().map(|e| e.field),
            CoreError::DuplicateIdentityNumber { .. } => Some("identityNumber"),
            _ => None,
        }
    }

    /// Every field error; one entry for a duplicate identity number.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            CoreError::Validation(errors) => errors.0.clone(),
            CoreError::DuplicateIdentityNumber { .. } => vec![FieldError::new(
                "identityNumber",
                self.code(),
                self.message(),
            )],
            _ => Vec::new(),
        }
    }
}

impl From<ValidationErrors> for CoreError {
    fn from(errors: ValidationErrors) -> Self {
        CoreError::Validation(errors)
    }
}

/// Result with [`CoreError`].
pub type CoreResult<T> = Result<T, CoreError>;
