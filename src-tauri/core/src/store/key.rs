//! The database key: 256 random bits, applied to SQLCipher as a raw key.

use crate::error::{CoreError, CoreResult};

/// A raw 256-bit SQLCipher key.
///
/// Never printed or logged: `Debug` shows nothing of it, and the bytes are
/// overwritten when the key is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseKey([u8; 32]);

impl DatabaseKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> CoreResult<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| CoreError::KeyGeneration)?;
        Ok(Self(bytes))
    }

    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as 64 lower-case hex digits, the form kept in the OS
    /// credential store.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads 64 hex digits; `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()?;
        }
        Some(Self(bytes))
    }

    /// The statement that applies the key to a connection. It must be the
    /// first statement on a connection to an encrypted database.
    pub(crate) fn pragma(&self, schema: &str) -> String {
        format!("PRAGMA {schema}.key = \"x'{}'\";", self.to_hex())
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(…)")
    }
}

impl Drop for DatabaseKey {
    fn drop(&mut self) {
        for byte in self.0.iter_mut() {
            // A volatile write so the compiler keeps the wipe.
            unsafe { std::ptr::write_volatile(byte, 0) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_round_trip_through_hex() {
        let a = DatabaseKey::generate().unwrap();
        let b = DatabaseKey::generate().unwrap();
        assert_ne!(a, b, "two generated keys should differ");
        assert_eq!(DatabaseKey::from_hex(&a.to_hex()), Some(a.clone()));
        assert_eq!(
            format!("{a:?}"),
            "DatabaseKey(…)",
            "Debug should not show the key"
        );
        for bad in ["", "00", &"g".repeat(64), &"0".repeat(63)] {
            assert!(DatabaseKey::from_hex(bad).is_none(), "{bad:?} is no key");
        }
    }
}
