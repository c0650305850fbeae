//! Text as it is stored, and the key that search compares.
//!
//! The same name can reach the register in several spellings: «Nguyễn»
//! typed on one keyboard is one code point per letter (composed, NFC), and
//! pasted from a PDF or typed on a Mac it may be a base letter followed by
//! combining marks (decomposed, NFD). A caseworker searching types what is
//! on their keyboard, often without the diacritics at all: «nguyen»,
//! «odegard», «muller». Two rules make all of these meet:
//!
//! - every free-text field is stored in NFC ([`nfc`]), so that equal text
//!   is equal bytes, and
//! - the stored search column and every word of a query pass through one
//!   fold ([`search_key`]), so that whatever one side folds to, the other
//!   side folds to as well.

use unicode_normalization::UnicodeNormalization;

/// `text` in Unicode Normalization Form C (composed), the form every
/// free-text field is stored in. Canonically equivalent text (the same
/// letters, composed or decomposed) becomes the same string.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The search key of `text`: what the stored search column holds and what
/// each word of a query is compared as.
///
/// The fold, in order:
///
/// 1. lower case (Unicode's full mapping, so `İ` becomes `i` and a dot);
/// 2. canonical decomposition (NFD), which splits a letter from its
///    accents: `ễ` becomes `e` and two combining marks, `å` becomes `a`
///    and a ring;
/// 3. the combining marks that Latin, Greek and Cyrillic letters decompose
///    into are dropped (the blocks U+0300–U+036F, U+1AB0–U+1AFF,
///    U+1DC0–U+1DFF, U+20D0–U+20FF and U+FE20–U+FE2F); marks of other
///    scripts (Arabic harakat, Hebrew points, Ethiopic marks) are kept,
///    because they belong to the letter there rather than decorate it;
/// 4. the letters that carry their difference inside the letter and so do
///    not decompose are spelt out: `æ` → `ae`, `ø` → `o`, `œ` → `oe`,
///    `ß` → `ss`, `đ` and `ð` → `d`, `þ` → `th`, `ł` → `l`, `ı` → `i`;
///    and Greek final `ς` → `σ`, because lower-casing chooses the final
///    form at the end of a word, and a query word that stops mid-name
///    would otherwise end in the other sigma than the stored name;
/// 5. the result is composed again (NFC), so that text in scripts with no
///    case and no dropped marks (Arabic, Ge'ez, Chinese) comes out exactly
///    as it went in.
///
/// So «Ødegård», «ødegård» and «odegard» all fold to `odegard`, «Æsop» and
/// «aesop» to `aesop`, and «Nguyễn» composed or decomposed to `nguyen`.
pub fn search_key(text: &str) -> String {
    let lowered = text.to_lowercase();
    let mut folded = String::with_capacity(lowered.len());
    for c in lowered.nfd() {
        if is_dropped_mark(c) {
            continue;
        }
        match c {
            'æ' => folded.push_str("ae"),
            'ø' => folded.push('o'),
            'œ' => folded.push_str("oe"),
            'ß' => folded.push_str("ss"),
            'đ' | 'ð' => folded.push('d'),
            'þ' => folded.push_str("th"),
            'ł' => folded.push('l'),
            'ı' => folded.push('i'),
            'ς' => folded.push('σ'),
            other => folded.push(other),
        }
    }
    nfc(&folded)
}

/// Whether `c` is one of the combining marks that [`search_key`] drops:
/// the accents of the Latin, Greek and Cyrillic scripts.
fn is_dropped_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The participant list's search column: given name, family name and
/// identity number, each folded by [`search_key`], separated by spaces.
/// One function for the application's writes and migration 0007's backfill,
/// so the two can never disagree.
pub fn participant_search_text(given_name: &str, family_name: &str, number: &str) -> String {
    search_key(&format!("{given_name} {family_name} {number}"))
}

/// The contact list's search column: the contact's name, title and
/// organisation, folded by [`search_key`]. One function for the
/// application's writes and migration 0009's backfill.
pub fn contact_search_text(name: &str, title: &str, organisation: &str) -> String {
    search_key(&format!("{name} {title} {organisation}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// «Nguyễn» with every letter composed (U+1EC5).
    const NGUYEN_COMPOSED: &str = "Nguy\u{1EC5}n";
    /// «Nguyễn» as e, combining circumflex and combining tilde.
    const NGUYEN_DECOMPOSED: &str = "Nguye\u{0302}\u{0303}n";

    #[test]
    fn the_fold_meets_every_spelling_of_a_name() {
        // (text as stored or typed, its key, what the case is about)
        let cases = [
            (NGUYEN_COMPOSED, "nguyen", "Vietnamese, composed"),
            (NGUYEN_DECOMPOSED, "nguyen", "Vietnamese, decomposed"),
            ("nguyen", "nguyen", "Vietnamese as typed without marks"),
            (
                "Trần Thị Hương",
                "tran thi huong",
                "Vietnamese with horn and hook",
            ),
            ("Ødegård", "odegard", "ø to o, å to a"),
            ("ødegård", "odegard", "typed with the Norwegian letters"),
            ("ODEGARD", "odegard", "capitals without them"),
            ("Ødega\u{030A}rd", "odegard", "å decomposed"),
            ("Æsop", "aesop", "æ spelt out"),
            ("aesop", "aesop", "the spelt-out form"),
            ("Müller", "muller", "umlaut dropped"),
            ("MÜLLER", "muller", "capitals folded"),
            ("Mu\u{0308}ller", "muller", "umlaut decomposed"),
            ("Straße", "strasse", "sharp s spelt out"),
            ("Łukasz Wałęsa", "lukasz walesa", "Polish ł and ę"),
            ("İsmail", "ismail", "Turkish dotted capital I"),
            (
                "Ayşe Yıldız",
                "ayse yildiz",
                "Turkish cedilla and dotless i",
            ),
            ("Đorđević", "dordevic", "Serbo-Croatian đ"),
            ("François Ñúñez", "francois nunez", "cedilla, tilde, acute"),
            (
                "Οδυσσέας",
                "οδυσσεασ",
                "Greek accent dropped, final sigma as the inner one",
            ),
            (
                "ΟΔΥΣ",
                "οδυσ",
                "a Greek word cut short keeps the inner sigma",
            ),
            ("01019012345", "01019012345", "an identity number"),
        ];
        for (text, key, what) in cases {
            assert_eq!(search_key(text), key, "{what}: {text:?}");
        }
    }

    #[test]
    fn scripts_without_case_or_dropped_marks_pass_through_unchanged() {
        let cases = [
            (
                "محمد أحمد",
                "Arabic with a hamza, which NFD splits and NFC rejoins",
            ),
            ("مُحَمَّد", "Arabic with harakat, which are kept"),
            ("ሰላም ኃይሌ", "Ge'ez (Amharic)"),
            ("ትግርኛ", "Ge'ez (Tigrinya)"),
            ("王小明", "Chinese"),
            ("שָׁלוֹם", "Hebrew with points"),
        ];
        for (text, what) in cases {
            let text = nfc(text);
            // Being its own key is what lets a query in the same script
            // find it: the query word folds to the same text.
            assert_eq!(search_key(&text), text, "{what} should be its own key");
        }
    }

    #[test]
    fn composed_and_decomposed_text_is_stored_alike() {
        assert_eq!(nfc(NGUYEN_DECOMPOSED), NGUYEN_COMPOSED);
        assert_eq!(nfc(NGUYEN_COMPOSED), NGUYEN_COMPOSED);
        assert_eq!(nfc("Ødega\u{030A}rd"), "Ødegård");
        assert_ne!(
            NGUYEN_DECOMPOSED, NGUYEN_COMPOSED,
            "the two spellings differ before normalisation"
        );
    }

    #[test]
    fn the_participant_search_text_folds_names_and_keeps_the_number() {
        assert_eq!(
            participant_search_text("Kåre", "Ødegård", "01019012345"),
            "kare odegard 01019012345"
        );
        assert_eq!(participant_search_text("Ali", "Hassan", ""), "ali hassan ");
    }
}
