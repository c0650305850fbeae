//! The built-in catalogues: one per language, each made of the same files.

use super::{Arg, Language, Message};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The parts of each language's catalogue, as `(name, Bokmål, Nynorsk,
/// English)`: the same file names in every language's folder. A new part
/// is one line here and one file per language.
macro_rules! parts {
    ($($name:literal),* $(,)?) => {
        &[$((
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n/nb/", $name, ".toml")),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n/nn/", $name, ".toml")),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n/en/", $name, ".toml")),
        )),*]
    };
}

/// `window`: the screens' own texts. `messages`: what the core says when
/// it refuses input or fails. `documents`: the minutes and other documents.
/// `exports`: the files Introspor writes. `reasons`: why a deadline has
/// its date, why a law applies, and the rules' warnings about a plan, with
/// the units they count in.
static PARTS: &[(&str, &str, &str, &str)] = parts![
    "window",
    "messages",
    "documents",
    "exports",
    "reasons",
    "demo"
];

/// Why a catalogue file could not be read. Only a broken build has one:
/// the tests read every file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// A file is not valid TOML, or a value is not a string.
    #[error("i18n/{language}/{part}.toml: {problem}")]
    Unreadable {
        /// The language's tag.
        language: &'static str,
        /// The file's name without `.toml`.
        part: &'static str,
        /// What the TOML reader said.
        problem: String,
    },
    /// A key is defined in two files of one language.
    #[error("i18n/{language}: {key} is defined twice")]
    Twice {
        /// The language's tag.
        language: &'static str,
        /// The key.
        key: String,
    },
}

/// Every text of one language, by key.
#[derive(Debug, Clone)]
pub struct Catalogue {
    language: Language,
    texts: HashMap<String, String>,
}

impl Catalogue {
    /// Reads the built-in files of `language`.
    pub fn read(language: Language) -> Result<Catalogue, CatalogueError> {
        let mut texts = HashMap::new();
        for (part, nb, nn, en) in PARTS {
            let source = match language {
                Language::Bokmal => nb,
                Language::Nynorsk => nn,
                Language::English => en,
            };
            let table: toml::Table =
                toml::from_str(source).map_err(|e| CatalogueError::Unreadable {
                    language: language.tag(),
                    part,
                    problem: e.to_string(),
                })?;
            for (key, value) in table {
                let toml::Value::String(text) = value else {
                    return Err(CatalogueError::Unreadable {
                        language: language.tag(),
                        part,
                        problem: format!("{key} is not a string"),
                    });
                };
                if texts.insert(key.clone(), text).is_some() {
                    return Err(CatalogueError::Twice {
                        language: language.tag(),
                        key,
                    });
                }
            }
        }
        Ok(Catalogue { language, texts })
    }

    /// The catalogue's language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The text for `key` as written, placeholders unfilled.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// Every key and its text, for the window (which renders with the
    /// same keys and placeholders).
    pub fn texts(&self) -> &HashMap<String, String> {
        &self.texts
    }

    /// The text for `key` with each `{name}` filled from `args`, numbers
    /// grouped and dates written dd.mm.åååå. An unknown key is returned
    /// as it is, so a missing text shows as its key instead of nothing
    /// (the tests keep that from shipping).
    pub fn render(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let Some(text) = self.get(key) else {
            tracing::warn!(key, "missing text");
            return key.to_string();
        };
        fill(text, |name| {
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, arg)| arg.render_in(self))
        })
    }

    /// A [`Message`] in this language, embedded messages and units
    /// included.
    pub fn message(&self, message: &Message) -> String {
        let Some(text) = self.get(message.key()) else {
            tracing::warn!(key = message.key(), "missing text");
            return message.key().to_string();
        };
        fill(text, |name| {
            message.arg(name).map(|arg| arg.render_in(self))
        })
    }
}

/// Replaces each `{name}` in `text` with `value(name)`, or with nothing
/// when there is no such argument (as the window does).
fn fill(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if !after[..close].is_empty()
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push_str(&value(&after[..close]).unwrap_or_default());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The built-in catalogue of `language`, read once.
///
/// # Panics
///
/// Only when a built-in file is broken, which the tests rule out.
pub fn catalogue(language: Language) -> &'static Catalogue {
    static CATALOGUES: [OnceLock<Catalogue>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    CATALOGUES[index].get_or_init(|| {
        Catalogue::read(language).unwrap_or_else(|e| panic!("a built-in catalogue is broken: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let _ = fill(text, |name| {
            found.insert(name.to_string());
            None
        });
        found
    }

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let bokmal = Catalogue::read(Language::Bokmal).unwrap();
        for language in Language::ALL {
            let other = Catalogue::read(language).unwrap();
            let missing: BTreeSet<_> = bokmal
                .texts()
                .keys()
                .filter(|k| other.get(k).is_none())
                .collect();
            let extra: BTreeSet<_> = other
                .texts()
                .keys()
                .filter(|k| bokmal.get(k).is_none())
                .collect();
            assert!(missing.is_empty(), "{} lacks: {missing:?}", language.tag());
            assert!(
                extra.is_empty(),
                "{} has keys Bokmål lacks: {extra:?}",
                language.tag()
            );
            for (key, text) in bokmal.texts() {
                assert_eq!(
                    placeholders(other.get(key).unwrap()),
                    placeholders(text),
                    "{}: {key} fills other placeholders than Bokmål",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn no_text_is_empty() {
        for language in Language::ALL {
            for (key, text) in catalogue(language).texts() {
                assert!(
                    !text.trim().is_empty(),
                    "{}: {key} is empty",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        for (text, expected) in [
            ("Høyst {max} tegn.", "Høyst 20\u{a0}000 tegn."),
            ("{max}", "20\u{a0}000"),
            ("{unknown} tegn", " tegn"),
            ("{ max }", "{ max }"),
            ("{}", "{}"),
            ("åpen {", "åpen {"),
            ("{max}{max}", "20\u{a0}00020\u{a0}000"),
        ] {
            let got = fill(text, |name| {
                (name == "max").then(|| Language::Bokmal.number(20_000))
            });
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
