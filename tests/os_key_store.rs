//! The production key store against the real Secret Service (started by
//! `tests/with-keyring.sh`, which `make test` uses): a key is kept, read
//! back, replaced, and a missing entry reads as missing.

use introspor_core::store::key::DatabaseKey;
use introspor_core::store::key_store::{KeyStore, OsKeyStore};
use introspor_core::store::opening::{open_database, Opening};
use introspor_core::store::DATABASE_FILE_NAME;

fn unique(name: &str) -> String {
    format!(
        "{name}:{}:{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[test]
#[ignore = "needs a Secret Service; run with `make test` (tests/with-keyring.sh)"]
fn the_credential_store_keeps_and_returns_the_key() {
    let store = OsKeyStore::new("no.introspor.test", &unique("key"));
    assert_eq!(store.load(), Ok(None), "a new entry should read as missing");
    let key = DatabaseKey::generate().unwrap();
    store.save(&key).unwrap();
    assert_eq!(
        store.load(),
        Ok(Some(key)),
        "the saved key should be read back"
    );
    let other = DatabaseKey::generate().unwrap();
    store.save(&other).unwrap();
    assert_eq!(
        store.load(),
        Ok(Some(other)),
        "saving again should replace the key"
    );
}

#[test]
#[ignore = "needs a Secret Service; run with `make test` (tests/with-keyring.sh)"]
fn a_register_opens_again_with_the_key_from_the_credential_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let keys = OsKeyStore::new("no.introspor.test", &unique("register"));
    let first = open_database(&path, &keys).unwrap();
    assert!(
        matches!(first, Opening::Ready(_)),
        "a first start should create the register"
    );
    drop(first);
    let fresh_handle = OsKeyStore::new("no.introspor.test", &keys_account(&keys));
    assert!(
        matches!(
            open_database(&path, &fresh_handle).unwrap(),
            Opening::Ready(_)
        ),
        "the key kept in the credential store should open the register again"
    );
}

fn keys_account(keys: &OsKeyStore) -> String {
    // The account is private; a new handle with the same account proves the
    // key came from the credential store, not from memory.
    format!("{keys:?}")
        .split("account: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string()
}
