//! The one error type that crosses the IPC boundary.

use crate::window::window_language;
use introspor_core::language::Message;
use introspor_core::CoreError;
use serde::Serialize;

/// One problem with one form field, for the UI to show beside that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcFieldError {
    /// Form field name (`identityNumber`).
    pub field: String,
    /// Stable code (`identity_number_checksum`).
    pub code: String,
    /// What to fix, in the window's language.
    pub message: String,
    /// The same as a catalogue key and its arguments, so the window can
    /// show it again after a change of language.
    pub text: Message,
}

/// An error as the window receives it: a stable `code` to act on, a
/// `message` to show in the window's language (and `text`, its key and
/// arguments), the `field` it concerns if any, and every field problem when
/// a form was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    /// Stable machine-readable code.
    pub code: String,
    /// What happened and what to do, in the window's language.
    pub message: String,
    /// The message as a catalogue key and its arguments (boxed, so that
    /// every command's `Result` stays small).
    pub text: Box<Message>,
    /// The form field concerned, if exactly one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field problem, in form order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<IpcFieldError>,
}

/// `message` in the window's language now.
pub fn in_window_language(message: &Message) -> String {
    message.render(window_language())
}

impl IpcError {
    /// An error not tied to a field.
    pub fn new(code: &str, text: Message) -> Self {
        Self {
            code: code.to_string(),
            message: text.render(window_language()),
            text: Box::new(text),
            field: None,
            fields: Vec::new(),
        }
    }

    /// Something failed that the caseworker cannot fix; the log has details.
    pub fn internal() -> Self {
        Self::new("internal", introspor_core::messages::INTERNAL)
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
        let language = window_language();
        let text = error.message();
        Self {
            code: error.code().to_string(),
            message: text.render(language),
            text: Box::new(text),
            field: error.field().map(str::to_string),
            fields: error
                .field_errors()
                .into_iter()
                .map(|e| IpcFieldError {
                    field: e.field.to_string(),
                    code: e.code.to_string(),
                    message: e.message.render(language),
                    text: e.message,
                })
                .collect(),
        }
    }
}
