//! Norwegian alphabetical order.
//!
//! Unicode code points put Å before Æ and Ø; Norwegian puts them last, in the
//! order Æ, Ø, Å. Names are compared case-insensitively with that order, and
//! common foreign letters sort with their Norwegian neighbours (Ä with Æ,
//! Ö with Ø, Ü with Y, accented vowels with the plain vowel).

use std::cmp::Ordering;

/// Sort weight of one character: letters map to a lower-case key, with Æ,
/// Ø and Å placed after Z.
fn sort_key(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'æ' | 'ä' => '\u{7b}',
        'ø' | 'ö' => '\u{7c}',
        'å' => '\u{7d}',
        'ü' => 'y',
        'à' | 'á' | 'â' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'û' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        lower => lower,
    }
}

/// Compares two texts in Norwegian alphabetical order; ties are broken by the
/// raw text so that the order is total and stable.
pub fn norwegian_order(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(sort_key)
        .cmp(b.chars().map(sort_key))
        .then_with(|| a.cmp(b))
}

/// A key for a person's name that sorts in Norwegian order under plain
/// binary comparison: family name, then given name, each mapped through the
/// Norwegian letter order. Stored so that SQLite can sort from an index.
pub fn name_sort_key(family: &str, given: &str) -> String {
    let mut key: String = family.chars().map(sort_key).collect();
    // U+0001 sorts before every letter, so "Berg" comes before "Bergan".
    key.push('\u{1}');
    key.extend(given.chars().map(sort_key));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_sort_keys_order_like_the_collation() {
        let mut people = vec![
            ("Åsen", "Kari"),
            ("Berg", "Ola"),
            ("Bergan", "Anne"),
            ("Ørn", "Lise"),
            ("Zahid", "Per"),
            ("berg", "Anna"),
        ];
        people.sort_by_key(|(family, given)| name_sort_key(family, given));
        assert_eq!(
            people,
            [
                ("berg", "Anna"),
                ("Berg", "Ola"),
                ("Bergan", "Anne"),
                ("Zahid", "Per"),
                ("Ørn", "Lise"),
                ("Åsen", "Kari")
            ],
            "the stored key must give Norwegian order with a plain comparison"
        );
    }

    #[test]
    fn names_sort_in_norwegian_order() {
        let mut names = vec![
            "Åsen", "Østby", "Ærø", "Zahid", "aas", "Berg", "Øvre", "Ali", "Ölund",
        ];
        names.sort_by(|a, b| norwegian_order(a, b));
        assert_eq!(
            names,
            ["aas", "Ali", "Berg", "Zahid", "Ærø", "Ölund", "Østby", "Øvre", "Åsen"],
            "Æ, Ø and Å should follow Z, in that order, ignoring case"
        );
    }
}
