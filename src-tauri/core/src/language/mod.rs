//! The languages Introspor speaks, and one catalogue of texts per language.
//!
//! Everything the program says, in the window and in its documents, is a
//! key in the catalogues under `i18n/<language>/` at the top of the
//! repository. The files are built into the program, so a text can never be
//! missing at run time; a test keeps the three languages' keys in step (see
//! [`catalogue`]). The window receives its language's whole catalogue once
//! at start and renders with the same keys and placeholders.

mod catalogue;
mod message;

pub use catalogue::{catalogue, Catalogue, CatalogueError};
pub use message::{Arg, Message};

use serde::{Deserialize, Serialize};

/// A language the window and the documents can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Language {
    /// Norsk bokmål, the language Introspor was written in.
    #[default]
    #[serde(rename = "nb")]
    Bokmal,
    /// Norsk nynorsk, the written language of about a third of the
    /// municipalities.
    #[serde(rename = "nn")]
    Nynorsk,
    /// English, for caseworkers from abroad and partners.
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Every language, in the order the settings offer them.
    pub const ALL: [Language; 3] = [Language::Bokmal, Language::Nynorsk, Language::English];

    /// The BCP 47 tag (`nb`, `nn`, `en`): the catalogue's folder, `<html
    /// lang>` and the PDF's language.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Bokmal => "nb",
            Language::Nynorsk => "nn",
            Language::English => "en",
        }
    }

    /// The language with tag `tag`, if Introspor has it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// Groups the digits of `n` as the language writes numbers: a
    /// no-break space in Norwegian (20 000), a comma in English (20,000).
    /// Four-digit numbers are not grouped in Norwegian, as the language
    /// councils advise.
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Language::Bokmal | Language::Nynorsk if digits.len() <= 4 => None,
            Language::Bokmal | Language::Nynorsk => Some('\u{a0}'),
            Language::English => Some(','),
        };
        let mut out = String::new();
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                if let Some(separator) = separator {
                    out.push(separator);
                }
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_back_and_unknown_ones_are_refused() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.tag()));
        }
        for unknown in ["", "no", "NB", "se", "nb-NO"] {
            assert_eq!(Language::from_tag(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        for (n, nb, en) in [
            (0, "0", "0"),
            (200, "200", "200"),
            (2000, "2000", "2,000"),
            (20_000, "20\u{a0}000", "20,000"),
            (1_234_567, "1\u{a0}234\u{a0}567", "1,234,567"),
            (-20_000, "-20\u{a0}000", "-20,000"),
        ] {
            assert_eq!(Language::Bokmal.number(n), nb, "{n}");
            assert_eq!(Language::Nynorsk.number(n), nb, "{n}");
            assert_eq!(Language::English.number(n), en, "{n}");
        }
    }
}
