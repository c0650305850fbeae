//! Where the database key is kept between runs: the operating system's
//! credential store (Windows Credential Manager; the Secret Service on
//! Linux), behind a small trait so tests can use memory instead.

use crate::store::key::DatabaseKey;
use std::sync::Mutex;

/// Why the credential store could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyStoreError {
    /// The credential store could not be reached or refused access.
    #[error("credential store unreachable: {0}")]
    Unreachable(String),
    /// Something is stored under our name, but it is not a key.
    #[error("credential store holds something that is not a key")]
    Garbled,
}

/// A place to keep the database key.
pub trait KeyStore: Send + Sync {
    /// The stored key; `Ok(None)` when none is stored.
    fn load(&self) -> Result<Option<DatabaseKey>, KeyStoreError>;
    /// Stores the key, replacing any stored before.
    fn save(&self, key: &DatabaseKey) -> Result<(), KeyStoreError>;
}

/// A key store in memory, for tests.
#[derive(Debug, Default)]
pub struct MemoryKeyStore {
    key: Mutex<Option<DatabaseKey>>,
    unreachable: Mutex<bool>,
}

impl MemoryKeyStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the key, as a wiped credential store would.
    pub fn wipe(&self) {
        *self.key.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Makes every call fail as if the credential store were unreachable.
    pub fn set_unreachable(&self, unreachable: bool) {
        *self.unreachable.lock().unwrap_or_else(|e| e.into_inner()) = unreachable;
    }

    fn check(&self) -> Result<(), KeyStoreError> {
        if *self.unreachable.lock().unwrap_or_else(|e| e.into_inner()) {
            Err(KeyStoreError::Unreachable("test".into()))
        } else {
            Ok(())
        }
    }
}

impl KeyStore for MemoryKeyStore {
    fn load(&self) -> Result<Option<DatabaseKey>, KeyStoreError> {
        self.check()?;
        Ok(self.key.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    fn save(&self, key: &DatabaseKey) -> Result<(), KeyStoreError> {
        self.check()?;
        *self.key.lock().unwrap_or_else(|e| e.into_inner()) = Some(key.clone());
        Ok(())
    }
}

/// The operating system's credential store, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct OsKeyStore {
    service: String,
    account: String,
}

impl OsKeyStore {
    /// The entry for `service` (the app identifier) and `account` (which
    /// database; one per data folder, so test folders never clash).
    pub fn new(service: &str, account: &str) -> Self {
        Self {
            service: service.to_string(),
            account: account.to_string(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, KeyStoreError> {
        keyring::Entry::new(&self.service, &self.account)
            .map_err(|e| KeyStoreError::Unreachable(e.to_string()))
    }
}

impl KeyStore for OsKeyStore {
    fn load(&self) -> Result<Option<DatabaseKey>, KeyStoreError> {
        match self.entry()?.get_password() {
            Ok(text) => DatabaseKey::from_hex(&text)
                .map(Some)
                .ok_or(KeyStoreError::Garbled),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(KeyStoreError::Unreachable(e.to_string())),
        }
    }

    fn save(&self, key: &DatabaseKey) -> Result<(), KeyStoreError> {
        self.entry()?
            .set_password(&key.to_hex())
            .map_err(|e| KeyStoreError::Unreachable(e.to_string()))
    }
}
