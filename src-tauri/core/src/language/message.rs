//! A text that is not yet in a language: a catalogue key and its typed
//! arguments, rendered where it is shown.

use super::Language;
use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// One argument of a [`Message`]: typed, so each language writes it its own
/// way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A whole number (a limit, a count), grouped as the language groups
    /// digits.
    Number(i64),
    /// A date, written dd.mm.åååå in every language.
    Date(NaiveDate),
    /// Text shown as it is (a name the caseworker typed, a reference).
    Text(String),
}

impl Arg {
    /// The argument as `language` writes it.
    pub fn render(&self, language: Language) -> String {
        match self {
            Arg::Number(n) => language.number(*n),
            Arg::Date(date) => date.format("%d.%m.%Y").to_string(),
            Arg::Text(text) => text.clone(),
        }
    }
}

/// Numbers cross to the window as numbers (it groups them for its
/// language), dates as dd.mm.åååå, text as text.
impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Number(n) => serializer.serialize_i64(*n),
            Arg::Date(_) | Arg::Text(_) => serializer.serialize_str(&self.render(Language::Bokmal)),
        }
    }
}

/// A catalogue key with its arguments: what the core says, before it is
/// in a language (`too_long` with `max = 200`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub const fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((name, arg));
        self
    }

    /// The catalogue key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The arguments, in the order given.
    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The message in `language`.
    pub fn render(&self, language: Language) -> String {
        super::catalogue(language).message(self)
    }
}

/// Serialised as `{ "key": …, "args": { name: value } }`, so the window can
/// show it again in another language.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Args<'a>(&'a [(&'static str, Arg)]);
        impl Serialize for Args<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, arg) in self.0 {
                    map.serialize_entry(name, arg)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("key", self.key)?;
        map.serialize_entry("args", &Args(&self.args))?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_crosses_as_its_key_and_typed_arguments() {
        let message = Message::new("message.tooLong")
            .with("max", Arg::Number(20_000))
            .with(
                "on",
                Arg::Date(NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()),
            )
            .with("name", Arg::Text("Amina".into()));
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            serde_json::json!({
                "key": "message.tooLong",
                "args": { "max": 20000, "on": "10.03.2025", "name": "Amina" }
            })
        );
    }
}
