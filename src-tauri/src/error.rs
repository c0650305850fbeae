//! The one error type that crosses the IPC boundary.

use introspor_core::CoreError;
use serde::Serialize;

/// One problem with one form field, for the UI to show beside that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcFieldError {
    /// Form field name (`identityNumber`).
    pub field: String,
    /// Stable code (`identity_number_checksum`).
    pub code: String,
    /// What to fix, in Norwegian.
    pub message: String,
}

/// An error as the window receives it: a stable `code` to act on, a
/// Norwegian `message` to show, the `field` it concerns if any, and every
/// field problem when a form was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    /// Stable machine-readable code.
    pub code: String,
    /// What happened and what to do, in Norwegian.
    pub message: String,
    /// The form field concerned, if exactly one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field problem, in form order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<IpcFieldError>,
}

impl IpcError {
    /// An error not tied to a field.
    pub fn new(code: &str, message: &str) -> Self {
        Self {
            code: code.to_string(),
            message: message.to_string(),
            field: None,
            fields: Vec::new(),
        }
    }

    /// Something failed that the caseworker cannot fix; the log has details.
    pub fn internal() -> Self {
        Self::new(
            "internal",
            "Noe gikk galt i programmet. Ingenting ble endret. Prøv igjen, eller start Introspor på nytt.",
        )
    }

    /// A request parameter outside the offered choices.
    pub fn invalid_choice(field: &str) -> Self {
        let mut error = Self::new("invalid_choice", introspor_core::messages::INVALID_CHOICE);
        error.field = Some(field.to_string());
        error
    }
}

impl From<CoreError> for IpcError {
    fn from(error: CoreError) -> Self {
        // Display texts of core errors carry no personal data, so they may be
        // logged; validation problems are expected and logged at a lower level.
        match &error {
            CoreError::Validation(_) | CoreError::DuplicateIdentityNumber { .. } => {
                tracing::info!(code = error.code(), "input refused: {error}");
            }
            _ => tracing::error!(code = error.code(), "command failed: {error}"),
        }
        Self {
            code: error.code().to_string(),
            message: error.message().to_string(),
            field: error.field().map(str::to_string),
            fields: error
                .field_errors()
                .into_iter()
                .map(|e| IpcFieldError {
                    field: e.field.to_string(),
                    code: e.code.to_string(),
                    message: e.message.to_string(),
                })
                .collect(),
        }
    }
}
