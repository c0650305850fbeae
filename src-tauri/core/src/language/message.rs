//! A text that is not yet in a language: a catalogue key and its typed
//! arguments, rendered where it is shown.
//!
//! A message has two written forms. The window's form ([`Serialize`]) is
//! what crosses to the window: numbers as numbers, dates as dd.mm.åååå.
//! The stored form ([`Message::to_stored`], [`Message::from_stored`]) is
//! what the database keeps: every argument tagged with its type, dates in
//! ISO form, so that a message read back is the message written and can be
//! rendered in any language later.

use super::{Catalogue, Language};
use chrono::NaiveDate;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

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
    /// A number of calendar months with its unit, singular or plural as
    /// the language has it (`1 måned`, `3 måneder`; `3 months`), from the
    /// catalogue keys `unit.month.one` and `unit.month.other`.
    Months(u32),
    /// A number of days with its unit, singular or plural as the language
    /// has it, from `unit.day.one` and `unit.day.other`.
    Days(i64),
    /// Another message rendered in the same language, for a sentence that
    /// embeds a phrase whose words depend on the case (a label, the base
    /// of a deadline), so each language words the phrase itself.
    Message(Box<Message>),
}

impl Arg {
    /// The argument as `language` writes it, from the built-in catalogue.
    pub fn render(&self, language: Language) -> String {
        self.render_in(super::catalogue(language))
    }

    /// The argument as `texts`' language writes it, with units and
    /// embedded messages from `texts` itself, so a whole sentence comes
    /// from one catalogue.
    pub(crate) fn render_in(&self, texts: &Catalogue) -> String {
        let language = texts.language();
        match self {
            Arg::Number(n) => language.number(*n),
            Arg::Date(date) => date.format("%d.%m.%Y").to_string(),
            Arg::Text(text) => text.clone(),
            Arg::Months(n) => unit(texts, "unit.month", i64::from(*n)),
            Arg::Days(n) => unit(texts, "unit.day", *n),
            Arg::Message(message) => texts.message(message),
        }
    }
}

/// `n` with its unit: `{unit}.one` for exactly one, `{unit}.other` for any
/// other count. Bokmål, Nynorsk and English all make that one distinction.
fn unit(texts: &Catalogue, unit: &str, n: i64) -> String {
    let form = if n == 1 { "one" } else { "other" };
    texts.render(&format!("{unit}.{form}"), &[("n", Arg::Number(n))])
}

/// Numbers cross to the window as numbers (it groups them for its
/// language), dates as dd.mm.åååå, text as text. Months and days cross as
/// `{"months": n}` and `{"days": n}`, and an embedded message as its own
/// `{key, args}`: the window has no plural rules, so a message with these
/// is rendered before it crosses ([`Message::render`]), and the typed form
/// only keeps a window that gets one anyway from guessing.
impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Number(n) => serializer.serialize_i64(*n),
            Arg::Date(_) | Arg::Text(_) => serializer.serialize_str(&self.render(Language::Bokmal)),
            Arg::Months(n) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("months", n)?;
                map.end()
            }
            Arg::Days(n) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("days", n)?;
                map.end()
            }
            Arg::Message(message) => message.serialize(serializer),
        }
    }
}

/// A catalogue key with its arguments: what the core says, before it is
/// in a language (`too_long` with `max = 200`).
///
/// The key and the argument names are borrowed when the program writes
/// them (so [`Message::new`] is `const` and the constants in
/// [`crate::messages`] cost nothing) and owned when a message is read back
/// from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub const fn new(key: &'static str) -> Message {
        Message {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((Cow::Borrowed(name), arg));
        self
    }

    /// The catalogue key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The arguments, in the order given.
    pub fn args(&self) -> &[(Cow<'static, str>, Arg)] {
        &self.args
    }

    /// The argument named `name`, if the message has one.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, arg)| arg)
    }

    /// The message in `language`.
    pub fn render(&self, language: Language) -> String {
        super::catalogue(language).message(self)
    }

    /// The message as the database keeps it: JSON text
    /// `{"key": …, "args": {name: {type: value}}}`, the arguments in their
    /// order, each tagged with its type (`number`, `date` as ISO
    /// `åååå-mm-dd`, `text`, `months`, `days`, `message`). The same message
    /// always gives the same text, so stored and fresh messages can be
    /// compared as text.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&Stored(self)).expect("a message always serialises")
    }

    /// Reads a message back from its stored form ([`Message::to_stored`]).
    /// Text that is not that form (a sentence stored by an older version,
    /// an argument of an unknown type) is refused, never guessed at.
    pub fn from_stored(text: &str) -> Result<Message, serde_json::Error> {
        serde_json::from_str::<StoredMessage>(text).map(|stored| stored.0)
    }
}

/// Serialised as `{ "key": …, "args": { name: value } }`, so the window can
/// show it again in another language.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Args<'a>(&'a [(Cow<'static, str>, Arg)]);
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
        map.serialize_entry("key", &self.key)?;
        map.serialize_entry("args", &Args(&self.args))?;
        map.end()
    }
}

/// The stored form of a message (see [`Message::to_stored`]).
struct Stored<'a>(&'a Message);

/// The stored form of one argument: an object with one entry, named after
/// the argument's type.
struct StoredArg<'a>(&'a Arg);

impl Serialize for Stored<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Args<'a>(&'a [(Cow<'static, str>, Arg)]);
        impl Serialize for Args<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, arg) in self.0 {
                    map.serialize_entry(name, &StoredArg(arg))?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("key", &self.0.key)?;
        map.serialize_entry("args", &Args(&self.0.args))?;
        map.end()
    }
}

impl Serialize for StoredArg<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self.0 {
            Arg::Number(n) => map.serialize_entry("number", n)?,
            Arg::Date(date) => map.serialize_entry("date", &date.format("%Y-%m-%d").to_string())?,
            Arg::Text(text) => map.serialize_entry("text", text)?,
            Arg::Months(n) => map.serialize_entry("months", n)?,
            Arg::Days(n) => map.serialize_entry("days", n)?,
            Arg::Message(message) => map.serialize_entry("message", &Stored(message))?,
        }
        map.end()
    }
}

/// A message read back from its stored form.
struct StoredMessage(Message);

/// The arguments read back, in the order they were written (a map would
/// sort them, and a message read back should equal the one written).
struct StoredArgs(Vec<(Cow<'static, str>, Arg)>);

/// One argument read back: the tagged form, its type closed.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum TaggedArg {
    Number(i64),
    Date(NaiveDate),
    Text(String),
    Months(u32),
    Days(i64),
    Message(Box<StoredMessage>),
}

impl<'de> Deserialize<'de> for StoredMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            key: String,
            args: StoredArgs,
        }
        let raw = Raw::deserialize(deserializer)?;
        Ok(StoredMessage(Message {
            key: Cow::Owned(raw.key),
            args: raw.args.0,
        }))
    }
}

impl<'de> Deserialize<'de> for StoredArgs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = StoredArgs;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of typed arguments")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StoredArgs, A::Error> {
                let mut args = Vec::new();
                while let Some((name, arg)) = map.next_entry::<String, TaggedArg>()? {
                    let arg = match arg {
                        TaggedArg::Number(n) => Arg::Number(n),
                        TaggedArg::Date(date) => Arg::Date(date),
                        TaggedArg::Text(text) => Arg::Text(text),
                        TaggedArg::Months(n) => Arg::Months(n),
                        TaggedArg::Days(n) => Arg::Days(n),
                        TaggedArg::Message(message) => Arg::Message(Box::new(message.0)),
                    };
                    args.push((Cow::Owned(name), arg));
                }
                Ok(StoredArgs(args))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_message_crosses_as_its_key_and_typed_arguments() {
        let message = Message::new("message.tooLong")
            .with("max", Arg::Number(20_000))
            .with("on", Arg::Date(d("2025-03-10")))
            .with("name", Arg::Text("Amina".into()));
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            serde_json::json!({
                "key": "message.tooLong",
                "args": { "max": 20000, "on": "10.03.2025", "name": "Amina" }
            })
        );
    }

    #[test]
    fn months_days_and_embedded_messages_cross_typed() {
        let message = Message::new("reason.programmeStart")
            .with("months", Arg::Months(3))
            .with("days", Arg::Days(1))
            .with("event", Arg::Message(Box::new(Message::new("event.leave"))));
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            serde_json::json!({
                "key": "reason.programmeStart",
                "args": {
                    "months": { "months": 3 },
                    "days": { "days": 1 },
                    "event": { "key": "event.leave", "args": {} }
                }
            })
        );
    }

    fn every_kind_of_argument() -> Message {
        Message::new("reason.imdiRegistration")
            .with(
                "text",
                Arg::Text("integreringsloven § 12 «sitat» \"x\"".into()),
            )
            .with("number", Arg::Number(-20_000))
            .with("date", Arg::Date(d("2024-02-29")))
            .with("months", Arg::Months(1))
            .with("days", Arg::Days(92))
            .with(
                "inner",
                Arg::Message(Box::new(
                    Message::new("reason.after.settlement")
                        .with("settlement", Arg::Date(d("2025-03-10")))
                        .with("months", Arg::Months(3)),
                )),
            )
    }

    #[test]
    fn a_stored_message_reads_back_as_the_message_written() {
        let message = every_kind_of_argument();
        let stored = message.to_stored();
        assert_eq!(Message::from_stored(&stored).unwrap(), message);
        // The same message always gives the same text.
        assert_eq!(Message::from_stored(&stored).unwrap().to_stored(), stored);
        assert_eq!(
            Message::new("reason.pending").to_stored(),
            r#"{"key":"reason.pending","args":{}}"#
        );
        let start = Message::new("reason.after.settlement")
            .with("months", Arg::Months(3))
            .with("settlement", Arg::Date(d("2025-03-10")));
        assert_eq!(
            start.to_stored(),
            r#"{"key":"reason.after.settlement","args":{"months":{"months":3},"settlement":{"date":"2025-03-10"}}}"#
        );
    }

    #[test]
    fn anything_but_the_stored_form_is_refused() {
        for text in [
            "3 måneder etter bosetting 10.03.2025.",
            "",
            "{}",
            r#"{"key":"reason.pending"}"#,
            r#"{"key":"reason.pending","args":[]}"#,
            r#"{"key":"reason.pending","args":{"x":3}}"#,
            r#"{"key":"reason.pending","args":{"x":{"weeks":3}}}"#,
            r#"{"key":"reason.pending","args":{"x":{"date":"10.03.2025"}}}"#,
            r#"{"key":"reason.pending","args":{"x":{"months":-1}}}"#,
            r#"{"key":"reason.pending","args":{"x":{"text":"a","number":1}}}"#,
            r#"{"key":"reason.pending","args":{},"extra":1}"#,
        ] {
            assert!(Message::from_stored(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn units_take_the_singular_only_for_one() {
        for (arg, nb, nn, en) in [
            (Arg::Months(1), "1 måned", "1 månad", "1 month"),
            (Arg::Months(3), "3 måneder", "3 månader", "3 months"),
            (Arg::Months(0), "0 måneder", "0 månader", "0 months"),
            (Arg::Days(1), "1 dag", "1 dag", "1 day"),
            (Arg::Days(92), "92 dager", "92 dagar", "92 days"),
            (
                Arg::Days(20_000),
                "20\u{a0}000 dager",
                "20\u{a0}000 dagar",
                "20,000 days",
            ),
        ] {
            assert_eq!(arg.render(Language::Bokmal), nb);
            assert_eq!(arg.render(Language::Nynorsk), nn);
            assert_eq!(arg.render(Language::English), en);
        }
    }

    #[test]
    fn an_embedded_message_is_rendered_in_the_same_language() {
        let event = Arg::Message(Box::new(Message::new("event.leave")));
        assert_eq!(event.render(Language::Bokmal), "Permisjon");
        assert_eq!(event.render(Language::English), "Leave");
    }
}
