//! The core's errors.

use crate::language::Message;
use crate::messages;
use std::borrow::Cow;

/// One problem with one form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field, as the UI names it (`identityNumber`). Almost always
    /// a fixed name; owned only where the field is named by the request
    /// itself, such as a settings key the core does not know.
    pub field: Cow<'static, str>,
    /// Stable machine-readable code (`identity_number_checksum`).
    pub code: &'static str,
    /// What to fix: a catalogue key and its arguments (`too_long` with
    /// its `max`), rendered in the language of wherever it is shown.
    pub message: Message,
}

impl FieldError {
    /// Creates a field error.
    pub fn new(field: &'static str, code: &'static str, message: Message) -> Self {
        Self {
            field: Cow::Borrowed(field),
            code,
            message,
        }
    }

    /// Creates a field error for a field named at run time (a key the
    /// caller sent), which cannot be a `&'static str`.
    pub fn named(field: String, code: &'static str, message: Message) -> Self {
        Self {
            field: Cow::Owned(field),
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
/// caseworker's text comes from [`CoreError::message`], in any language.
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
    /// The operating system gave no random bytes for a new key.
    #[error("no randomness for a new key")]
    KeyGeneration,
    /// The credential store is unreachable, so a new database (whose key
    /// could not be kept) is not created.
    #[error("credential store unreachable")]
    KeyStoreUnreachable,
    /// The key does not open the database file.
    #[error("the key does not open the database")]
    WrongKey,
    /// A typed recovery code was refused before trying it.
    #[error("recovery code refused: {0:?}")]
    RecoveryCode(crate::store::recovery_code::RecoveryCodeError),
    /// A backup failed its check after writing, or is not a usable backup.
    #[error("backup check failed: {0}")]
    BackupCheck(&'static str),
    /// A schema migration would leave rows pointing at rows that are not
    /// there; it was rolled back and the file is as it was.
    #[error("migration to version {version} leaves {violations} foreign-key violations")]
    MigrationBroken {
        /// The version the migration would have reached.
        version: i64,
        /// How many rows point at nothing.
        violations: usize,
    },
    /// A spreadsheet import failed (unreadable, cancelled, ...); nothing
    /// was written.
    #[error("import: {0}")]
    Import(#[from] crate::import::ImportError),
}

/// The SQLite result code behind an error, if any.
fn sqlite_code(error: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    error.sqlite_error_code()
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
            CoreError::Database(e) => match sqlite_code(e) {
                Some(rusqlite::ErrorCode::DiskFull) => "disk_full",
                Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => {
                    "read_only"
                }
                Some(rusqlite::ErrorCode::NotADatabase)
                | Some(rusqlite::ErrorCode::DatabaseCorrupt) => "corrupt",
                _ => "database",
            },
            CoreError::KeyGeneration => "key_generation",
            CoreError::KeyStoreUnreachable => "key_store_unreachable",
            CoreError::WrongKey => "wrong_key",
            CoreError::RecoveryCode(crate::store::recovery_code::RecoveryCodeError::Checksum) => {
                "recovery_code_checksum"
            }
            CoreError::RecoveryCode(_) => "recovery_code_format",
            CoreError::BackupCheck(_) => "backup_check_failed",
            CoreError::MigrationBroken { .. } => "migration_failed",
            CoreError::Import(e) => e.code(),
        }
    }

    /// What the caseworker should read, as a message to render in the
    /// window's language.
    pub fn message(&self) -> Message {
        match self {
            CoreError::Validation(errors) if errors.0.len() == 1 => errors.0[0].message.clone(),
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
            CoreError::Database(e) => match sqlite_code(e) {
                Some(rusqlite::ErrorCode::DiskFull) => messages::DISK_FULL,
                Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => {
                    messages::READ_ONLY
                }
                Some(rusqlite::ErrorCode::NotADatabase)
                | Some(rusqlite::ErrorCode::DatabaseCorrupt) => messages::CORRUPT,
                _ => messages::DATABASE,
            },
            CoreError::KeyGeneration => messages::KEY_GENERATION,
            CoreError::KeyStoreUnreachable => messages::KEY_STORE_UNREACHABLE,
            CoreError::WrongKey => messages::WRONG_KEY,
            CoreError::RecoveryCode(crate::store::recovery_code::RecoveryCodeError::Checksum) => {
                messages::RECOVERY_CODE_CHECKSUM
            }
            CoreError::RecoveryCode(_) => messages::RECOVERY_CODE_FORMAT,
            CoreError::BackupCheck(_) => messages::BACKUP_CHECK_FAILED,
            CoreError::MigrationBroken { .. } => messages::MIGRATION_FAILED,
            CoreError::Import(e) => e.message(),
        }
    }

    /// The form field the error concerns, if it concerns exactly one.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Validation(errors) => errors.0.first().map(|e| e.field.as_ref()),
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
