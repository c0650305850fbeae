//! The recovery code: the database key written so a person can copy it
//! onto paper and type it back on another machine.
//!
//! 32 key bytes become 52 characters of Crockford's base 32 (digits and
//! capital letters without I, L, O and U, so nothing is mistaken for
//! something else), followed by 2 check characters, in 9 groups of 6
//! separated by dashes. Typing is forgiving: lower case, spaces, I/L for 1
//! and O for 0 are accepted. The check characters catch a mistyped or
//! swapped character before the database is even tried.

use crate::store::key::DatabaseKey;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters per group.
pub const GROUP_LENGTH: usize = 6;
/// Groups in a code.
pub const GROUPS: usize = 9;
const DATA_CHARS: usize = 52;

/// Why a typed recovery code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryCodeError {
    /// Not 54 characters once separators are removed.
    Length,
    /// A character outside the code's alphabet.
    Character,
    /// The check characters do not match: something was mistyped.
    Checksum,
}

/// A typed character as the code means it: upper case, with I and L read
/// as 1 and O as 0, since those are never in a code.
pub(crate) fn canonical_char(c: char) -> char {
    match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    }
}

fn value(c: char) -> Option<u8> {
    let c = canonical_char(c);
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u8)
}

/// A check over the 52 data values: a weighted sum modulo the prime 1021,
/// written as two base-32 characters. Position weights make a swap of two
/// neighbours change the sum.
fn check(values: &[u8]) -> [u8; 2] {
    let sum = values.iter().enumerate().fold(0u32, |acc, (i, &v)| {
        (acc + (i as u32 + 1) * (v as u32 + 1)) % 1021
    });
    [(sum / 32) as u8, (sum % 32) as u8]
}

/// The recovery code for `key`, grouped for writing down.
pub fn encode(key: &DatabaseKey) -> String {
    let mut values = Vec::with_capacity(DATA_CHARS + 2);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in key.as_bytes() {
        buffer = (buffer << 8) | byte as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            values.push(((buffer >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        values.push(((buffer << (5 - bits)) & 31) as u8);
    }
    let [a, b] = check(&values);
    values.extend([a, b]);
    let chars: Vec<char> = values
        .iter()
        .map(|&v| ALPHABET[v as usize] as char)
        .collect();
    chars
        .chunks(GROUP_LENGTH)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads a typed recovery code back into the key.
pub fn decode(text: &str) -> Result<DatabaseKey, RecoveryCodeError> {
    let mut values = Vec::with_capacity(DATA_CHARS + 2);
    for c in text.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        values.push(value(c).ok_or(RecoveryCodeError::Character)?);
    }
    if values.len() != DATA_CHARS + 2 {
        return Err(RecoveryCodeError::Length);
    }
    let (data, sum) = values.split_at(DATA_CHARS);
    if check(data) != [sum[0], sum[1]] {
        return Err(RecoveryCodeError::Checksum);
    }
    let mut bytes = [0u8; 32];
    let mut buffer: u32 = 0;
    let mut bits = 0;
    let mut index = 0;
    for &v in data {
        buffer = (buffer << 5) | v as u32;
        bits += 5;
        if bits >= 8 && index < 32 {
            bits -= 8;
            bytes[index] = ((buffer >> bits) & 0xff) as u8;
            index += 1;
        }
    }
    Ok(DatabaseKey::from_bytes(bytes))
}

/// One group of a code (1-based), for asking the caseworker to type it back.
pub fn group(code: &str, number: usize) -> Option<&str> {
    code.split('-').nth(number.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> DatabaseKey {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed.wrapping_mul(31).wrapping_add(i as u8 * 7);
        }
        DatabaseKey::from_bytes(bytes)
    }

    #[test]
    fn codes_round_trip_and_look_right() {
        for seed in [0, 1, 2, 77, 255] {
            let k = key(seed);
            let code = encode(&k);
            assert_eq!(
                code.len(),
                GROUPS * GROUP_LENGTH + GROUPS - 1,
                "nine groups of six with dashes"
            );
            assert_eq!(
                decode(&code),
                Ok(k.clone()),
                "the code should give back the key"
            );
            let sloppy = code
                .to_lowercase()
                .replace('-', " ")
                .replace('1', "l")
                .replace('0', "o");
            assert_eq!(
                decode(&sloppy),
                Ok(k),
                "lower case, spaces, l and o should be forgiven"
            );
        }
        assert_eq!(
            decode(&encode(&DatabaseKey::from_bytes([0xff; 32]))),
            Ok(DatabaseKey::from_bytes([0xff; 32]))
        );
    }

    #[test]
    fn mistakes_are_caught() {
        let code = encode(&key(9));
        let chars: Vec<char> = code.chars().collect();
        // (case, typed code, expected error)
        let mut swapped = chars.clone();
        swapped.swap(0, 1);
        let mut changed = chars.clone();
        changed[3] = if changed[3] == 'A' { 'B' } else { 'A' };
        let cases = [
            (
                "a group missing",
                code[7..].to_string(),
                RecoveryCodeError::Length,
            ),
            (
                "a character outside the alphabet",
                code.replacen(&code[0..1], "U", 1),
                RecoveryCodeError::Character,
            ),
            (
                "two neighbours swapped",
                swapped.iter().collect::<String>(),
                RecoveryCodeError::Checksum,
            ),
            (
                "one character changed",
                changed.iter().collect::<String>(),
                RecoveryCodeError::Checksum,
            ),
        ];
        for (case, typed, expected) in cases {
            if typed == code {
                continue;
            }
            assert_eq!(decode(&typed), Err(expected), "{case} should be refused");
        }
    }

    #[test]
    fn groups_are_numbered_from_one() {
        let code = encode(&key(3));
        assert_eq!(group(&code, 1), Some(&code[0..6]));
        assert_eq!(group(&code, 9).map(str::len), Some(6));
        assert_eq!(group(&code, 0), None);
        assert_eq!(group(&code, 10), None);
    }
}
