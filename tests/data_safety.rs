//! Encryption at rest, the recovery code, backups and restore, and writes
//! that fail on a full disk without losing anything.

use chrono::NaiveDate;
use introspor_app::commands::participants::create;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::backup::backup_file_name;
use introspor_core::store::key::DatabaseKey;
use introspor_core::store::key_store::{KeyStore, MemoryKeyStore};
use introspor_core::store::opening::{
    open_database, replace_with_backup, unlock_with_recovery_code, LockReason, Opening,
    CONFIRM_GROUPS,
};
use introspor_core::store::recovery_code;
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::{CoreError, Store};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn person(n: usize) -> ParticipantForm {
    ParticipantForm {
        given_name: format!("Åse{n}"),
        family_name: "Ødegård".into(),
        notes: "Helseopplysning som ikke må kunne leses fra fila.".into(),
        ..ParticipantForm::default()
    }
}

fn ready(opening: Opening) -> Store {
    match opening {
        Opening::Ready(store) => store,
        Opening::Locked(reason) => panic!("the register should open, but is locked: {reason:?}"),
        Opening::Damaged(damaged) => {
            panic!(
                "the register should open, but is damaged: {:?}",
                damaged.damage
            )
        }
    }
}

fn names(store: &Store) -> Vec<String> {
    store
        .participants(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.given_name)
        .collect()
}

#[test]
fn the_file_on_disk_is_encrypted_and_needs_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&path, &keys).unwrap());
    create(&mut store, &person(1), today()).unwrap();
    drop(store);

    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the file should not start with SQLite's plain header"
    );
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("Helseopplysning") && !text.contains("Ødegård"),
        "no text from the register should be readable in the file"
    );
    let plain = rusqlite::Connection::open(&path).unwrap();
    assert!(
        plain
            .query_row("SELECT count(*) FROM participant", [], |r| r
                .get::<_, i64>(0))
            .is_err(),
        "opening the file without the key should fail"
    );
    let wrong = Store::open(&path, DatabaseKey::from_bytes([1; 32])).unwrap_err();
    assert!(
        matches!(wrong, CoreError::WrongKey),
        "a wrong key should be reported as such: {wrong:?}"
    );
    let again = ready(open_database(&path, &keys).unwrap());
    assert_eq!(
        names(&again),
        vec!["Åse1"],
        "the stored key should open it again"
    );
}

#[test]
fn a_missing_key_asks_for_the_recovery_code_and_never_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&path, &keys).unwrap());
    create(&mut store, &person(2), today()).unwrap();
    let code = store
        .recovery_code()
        .expect("an encrypted store has a recovery code");
    drop(store);
    let size_before = std::fs::metadata(&path).unwrap().len();

    // (case, how the credential store fails, expected lock reason)
    keys.wipe();
    assert!(
        matches!(
            open_database(&path, &keys).unwrap(),
            Opening::Locked(LockReason::KeyMissing)
        ),
        "a wiped credential store should lock the register"
    );
    keys.set_unreachable(true);
    assert!(
        matches!(
            open_database(&path, &keys).unwrap(),
            Opening::Locked(LockReason::KeyStoreUnreachable)
        ),
        "an unreachable credential store should lock the register"
    );
    keys.set_unreachable(false);
    keys.save(&DatabaseKey::from_bytes([9; 32])).unwrap();
    assert!(
        matches!(
            open_database(&path, &keys).unwrap(),
            Opening::Locked(LockReason::WrongKey)
        ),
        "a wrong stored key should lock the register"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        size_before,
        "a locked register should be left as it was"
    );

    // A typo is caught by the check characters; the right code opens it.
    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    assert!(matches!(
        unlock_with_recovery_code(&path, &typo, &keys),
        Err(CoreError::RecoveryCode(_))
    ));
    let (opening, kept) = unlock_with_recovery_code(&path, &code.to_lowercase(), &keys).unwrap();
    assert!(kept, "the key should be kept in the credential store again");
    let store = ready(opening);
    assert_eq!(
        names(&store),
        vec!["Åse2"],
        "the recovery code should open the data"
    );
    drop(store);
    assert!(
        matches!(open_database(&path, &keys).unwrap(), Opening::Ready(_)),
        "after recovery, the next start should need no code"
    );
}

#[test]
fn no_register_is_created_when_its_key_cannot_be_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let keys = MemoryKeyStore::new();
    keys.set_unreachable(true);
    assert!(matches!(
        open_database(&path, &keys),
        Err(CoreError::KeyStoreUnreachable)
    ));
    assert!(
        !path.exists(),
        "no database should be created without a kept key"
    );
}

#[test]
fn an_old_unencrypted_register_is_encrypted_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    {
        // The schema as the previous version left it, unencrypted.
        let mut plain = Store::open_in_memory().unwrap();
        create(&mut plain, &person(3), today()).unwrap();
        plain.backup_to(&path).unwrap();
    }
    assert!(std::fs::read(&path)
        .unwrap()
        .starts_with(b"SQLite format 3"));
    let keys = MemoryKeyStore::new();
    let store = ready(open_database(&path, &keys).unwrap());
    assert_eq!(
        names(&store),
        vec!["Åse3"],
        "the data should survive encryption"
    );
    assert!(!std::fs::read(&path)
        .unwrap()
        .starts_with(b"SQLite format 3"));
    assert!(keys.load().unwrap().is_some(), "the new key should be kept");
}

#[test]
fn the_recovery_code_must_be_typed_back_before_it_counts_as_written_down() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&dir.path().join(DATABASE_FILE_NAME), &keys).unwrap());
    assert!(
        !store.recovery_code_confirmed().unwrap(),
        "a new register's code is not yet confirmed"
    );
    let code = store.recovery_code().unwrap();
    let wrong = vec!["AAAAAA".to_string(), "BBBBBB".to_string()];
    assert!(store.confirm_recovery_code(&wrong, today()).is_err());
    assert!(!store.recovery_code_confirmed().unwrap());
    let right: Vec<String> = CONFIRM_GROUPS
        .iter()
        .map(|&n| recovery_code::group(&code, n).unwrap().to_lowercase())
        .collect();
    store.confirm_recovery_code(&right, today()).unwrap();
    assert!(
        store.recovery_code_confirmed().unwrap(),
        "typing the groups back should confirm"
    );
}

#[test]
fn a_backup_is_encrypted_checked_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&dir.path().join(DATABASE_FILE_NAME), &keys).unwrap());
    for n in 0..5 {
        create(&mut store, &person(n), today()).unwrap();
    }
    let at = today().and_hms_opt(12, 0, 0).unwrap();
    let backup = dir.path().join("backups").join(backup_file_name(at));
    let counts = store.backup_to(&backup).unwrap();
    assert_eq!(counts.participants, 5, "the backup should hold all five");
    assert!(
        !std::fs::read(&backup)
            .unwrap()
            .starts_with(b"SQLite format 3"),
        "the backup should be encrypted too"
    );
    assert_eq!(store.inspect_backup(&backup).unwrap(), counts);

    // More changes, then restore: the five come back, and the current
    // content is kept as a safety copy first.
    create(&mut store, &person(99), today()).unwrap();
    let safety = dir.path().join("safety.sqlite3");
    store.restore_from(&backup, &safety).unwrap();
    assert_eq!(
        names(&store).len(),
        5,
        "the restored register should hold the backup's five"
    );
    assert_eq!(
        store.inspect_backup(&safety).unwrap().participants,
        6,
        "the safety copy should hold what was there before the restore"
    );

    // A damaged backup is refused and nothing changes.
    let damaged = dir.path().join("damaged.sqlite3");
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    assert!(
        store
            .restore_from(&damaged, &dir.path().join("s2.sqlite3"))
            .is_err(),
        "a damaged backup should be refused"
    );
    assert_eq!(
        names(&store).len(),
        5,
        "a refused restore should change nothing"
    );
}

#[test]
fn a_damaged_register_is_replaced_by_a_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let key = DatabaseKey::from_bytes([5; 32]);
    let mut store = Store::open(&path, key.clone()).unwrap();
    create(&mut store, &person(7), today()).unwrap();
    let backup = dir.path().join("good.sqlite3");
    store.backup_to(&backup).unwrap();
    drop(store);
    // Truncate the register, as a crash of the disk might.
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(4096 + 100).unwrap();
    drop(file);
    let opened = Store::open(&path, key.clone()).and_then(|s| s.integrity_ok());
    assert!(
        !matches!(opened, Ok(true)),
        "a truncated register should not pass as sound"
    );
    let store = replace_with_backup(&path, &backup, key, ".skadet").unwrap();
    assert_eq!(names(&store), vec!["Åse7"]);
    assert!(
        Path::new(&format!("{}.skadet", path.display())).exists(),
        "the damaged file should be kept beside it"
    );
}

/// A small tmpfs mounted on a temporary folder for one test, unmounted when
/// dropped. Mounting needs root, as `make test` has in CI here.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(folder.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            mounted,
            "mounting a small tmpfs failed; this test needs root (run as in `make test`)"
        );
        Self(folder)
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Remounts read-only (`ro`) or writable (`rw`).
    fn remount(&self, mode: &str) {
        let done = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(done, "the tmpfs should remount {mode}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.path())
            .status();
    }
}

fn fill_until_full(store: &mut Store) -> introspor_app::error::IpcError {
    for n in 0..100_000 {
        let mut form = person(n);
        form.notes = "x".repeat(4000);
        if let Err(error) = create(store, &form, today()) {
            return error;
        }
    }
    panic!("the disk never filled up");
}

#[test]
fn a_full_database_refuses_the_write_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        &dir.path().join(DATABASE_FILE_NAME),
        DatabaseKey::from_bytes([2; 32]),
    )
    .unwrap();
    create(&mut store, &person(1), today()).unwrap();
    store.set_max_pages(80).unwrap();
    let before = names(&store);
    let error = fill_until_full(&mut store);
    assert_eq!(
        error.code, "disk_full",
        "a full database should be reported as a full disk"
    );
    assert!(
        error.message.contains("Disken er full") && error.message.contains("som før"),
        "the message should say what happened and that nothing was lost: {}",
        error.message
    );
    let after = names(&store);
    assert!(
        before.iter().all(|name| after.contains(name)),
        "everything saved before the disk filled should still be there"
    );
    assert!(
        store.integrity_ok().unwrap(),
        "the register should be sound after the refused write"
    );
    assert!(
        names(&store).contains(&"Åse1".to_string()),
        "earlier data should still be there"
    );
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_the_data() {
    // A small tmpfs is a real full disk.
    let mount = Tmpfs::mount("600k");
    let path = mount.path().join(DATABASE_FILE_NAME);
    let key = DatabaseKey::from_bytes([4; 32]);
    let mut store = Store::open(&path, key.clone()).unwrap();
    create(&mut store, &person(1), today()).unwrap();
    let error = fill_until_full(&mut store);
    assert_eq!(
        error.code, "disk_full",
        "a full disk should fail the write with a clear error: {}",
        error.message
    );
    let saved = names(&store);
    drop(store);
    let reopened = Store::open(&path, key);
    match reopened {
        Ok(store) => {
            assert!(
                store.integrity_ok().unwrap(),
                "the register should be sound after the full disk"
            );
            assert_eq!(
                names(&store),
                saved,
                "every committed write should be there, and no half write"
            );
        }
        Err(error) => panic!("the register should open after a full disk: {error:?}"),
    }
}

mod hostile_codes {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever is typed as a recovery code, decoding answers without
        /// panicking, and a code that decodes gives back 32 bytes that encode
        /// to the same groups.
        #[test]
        fn any_typed_code_is_answered_without_panic(text in "\\PC{0,80}|[0-9A-Za-z -]{50,70}") {
            if let Ok(key) = recovery_code::decode(&text) {
                let again = recovery_code::decode(&recovery_code::encode(&key));
                prop_assert_eq!(again, Ok(key), "a decoded code should round-trip");
            }
        }

        /// Hostile text typed back as the confirmation groups is refused and
        /// writes nothing.
        #[test]
        fn hostile_confirmation_groups_are_refused(a in "\\PC{0,20}", b in "\\PC{0,20}") {
            let dir = tempfile::tempdir().unwrap();
            let keys = MemoryKeyStore::new();
            let mut store = ready(open_database(&dir.path().join(DATABASE_FILE_NAME), &keys).unwrap());
            let code = store.recovery_code().unwrap();
            let right: Vec<String> = CONFIRM_GROUPS
                .iter()
                .map(|&n| recovery_code::group(&code, n).unwrap().to_string())
                .collect();
            prop_assume!(vec![a.clone(), b.clone()] != right);
            let result = store.confirm_recovery_code(&[a, b], today());
            prop_assert!(result.is_err() || store.recovery_code_confirmed().unwrap());
            if let Err(error) = result {
                prop_assert_eq!(error.code(), "recovery_confirm_mismatch");
                prop_assert!(!store.recovery_code_confirmed().unwrap(), "a refused confirmation should write nothing");
            }
        }
    }
}

#[test]
fn a_read_only_folder_is_reported_and_the_data_stays() {
    // A tmpfs remounted read-only is a read-only folder even for root,
    // which ignores file permissions.
    let mount = Tmpfs::mount("4m");
    let path = mount.path().join(DATABASE_FILE_NAME);
    let key = DatabaseKey::from_bytes([6; 32]);
    {
        let mut store = Store::open(&path, key.clone()).unwrap();
        create(&mut store, &person(1), today()).unwrap();
    }
    mount.remount("ro");
    let error = introspor_app::error::IpcError::from(
        Store::open(&path, key.clone())
            .err()
            .unwrap_or_else(|| panic!("opening for writing in a read-only folder should fail")),
    );
    assert_eq!(
        error.code, "read_only",
        "a read-only folder should be named as such: {}",
        error.message
    );
    assert!(
        error.message.contains("kan ikke skrives til") && error.message.contains("som før"),
        "the message should say what is wrong and that nothing was lost: {}",
        error.message
    );
    mount.remount("rw");
    let store = Store::open(&path, key).unwrap();
    assert_eq!(names(&store), vec!["Åse1"], "the data should be as it was");
}

/// The files in `folder`, by name, sorted.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_to_a_chosen_folder_leaves_only_the_backup_there() {
    let data = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&data.path().join(DATABASE_FILE_NAME), &keys).unwrap());
    for n in 0..3 {
        create(&mut store, &person(n), today()).unwrap();
    }
    let chosen = tempfile::tempdir().unwrap();
    let backup = chosen.path().join("min-kopi.sqlite3");
    let counts = store.backup_to(&backup).unwrap();
    assert_eq!(counts.participants, 3);
    assert_eq!(
        files_in(chosen.path()),
        ["min-kopi.sqlite3"],
        "nothing but the finished backup should remain in the chosen folder"
    );
    assert_eq!(store.inspect_backup(&backup).unwrap(), counts);
    assert_eq!(
        files_in(chosen.path()),
        ["min-kopi.sqlite3"],
        "checking the backup again should leave nothing beside it"
    );

    // A USB stick with room for the backup and little more: SQLite's own
    // files beside a database (the 32 KB `-shm` of a WAL header) would not
    // fit, and must not be needed there.
    let size = std::fs::metadata(&backup).unwrap().len();
    let stick = Tmpfs::mount(&format!("{}k", size / 1024 + 8));
    let on_stick = stick.path().join("min-kopi.sqlite3");
    assert_eq!(store.backup_to(&on_stick).unwrap(), counts);
    assert_eq!(
        files_in(stick.path()),
        ["min-kopi.sqlite3"],
        "a nearly full stick should hold the finished backup and nothing else"
    );
    only_finished_backups_in_own_folder(data.path());
}

/// Nothing but finished backups remains in the data folder's own backup folder.
fn only_finished_backups_in_own_folder(data: &Path) {
    let own = introspor_core::store::backup::backup_folder(data);
    assert!(
        files_in(&own)
            .iter()
            .all(|name| introspor_core::store::backup::parse_backup_file_name(name).is_some()),
        "nothing but finished backups should remain in our own folder: {:?}",
        files_in(&own)
    );
}

#[test]
fn a_backup_that_fails_in_a_chosen_folder_leaves_nothing_there() {
    let data = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&data.path().join(DATABASE_FILE_NAME), &keys).unwrap());
    for n in 0..3 {
        create(&mut store, &person(n), today()).unwrap();
    }
    // A USB stick too small for the backup: the copy fails part way.
    let stick = Tmpfs::mount("16k");
    store
        .backup_to(&stick.path().join("min-kopi.sqlite3"))
        .expect_err("a backup larger than the stick should fail");
    assert_eq!(
        files_in(stick.path()),
        Vec::<String>::new(),
        "a failed backup should leave nothing in the chosen folder"
    );
    only_finished_backups_in_own_folder(data.path());
    // The register is as it was, and the next backup, to a folder with
    // room, succeeds.
    let chosen = tempfile::tempdir().unwrap();
    store
        .backup_to(&chosen.path().join("min-kopi.sqlite3"))
        .unwrap();
    assert_eq!(files_in(chosen.path()), ["min-kopi.sqlite3"]);
}

/// The backup screen's list: a backup whose check is recorded and whose
/// file is unchanged is not read again (reading every page of a
/// register-sized file is what made the screen take seconds); one whose
/// file changed, or that was never recorded, is checked again; a restore
/// always checks, so a file damaged behind the record's back restores
/// nothing.
#[test]
fn the_backup_list_reads_a_backup_again_only_when_its_file_changed() {
    use introspor_core::store::backup::backup_folder;
    let data = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::new();
    let mut store = ready(open_database(&data.path().join(DATABASE_FILE_NAME), &keys).unwrap());
    for n in 0..3 {
        create(&mut store, &person(n), today()).unwrap();
    }
    let folder = backup_folder(data.path());
    let first = folder.join(backup_file_name(today().and_hms_opt(9, 0, 0).unwrap()));
    let changes = store.changes_so_far();
    let counts = store.backup_to(&first).unwrap();
    assert_eq!(
        store.changes_so_far(),
        changes,
        "recording a backup's check is no change of the register's data"
    );
    let listed = store.listed_backups(&folder).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].checked.as_ref().unwrap(), &counts);

    // The same bytes flipped but the size and the time kept: the list
    // goes by its record, and the restore, which reads the file, refuses.
    let modified = std::fs::metadata(&first).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&first).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&first, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&first)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(
        store.listed_backups(&folder).unwrap()[0]
            .checked
            .as_ref()
            .unwrap(),
        &counts,
        "an unchanged file is listed from its record"
    );
    create(&mut store, &person(50), today()).unwrap();
    assert!(store
        .restore_from(&first, &data.path().join("safety.sqlite3"))
        .is_err());
    assert_eq!(names(&store).len(), 4, "a refused restore changes nothing");

    // Touched since its check (a new modification time): read again, and
    // the damage shows in the list.
    std::fs::File::options()
        .write(true)
        .open(&first)
        .unwrap()
        .set_modified(modified + std::time::Duration::from_secs(1))
        .unwrap();
    assert!(
        store.listed_backups(&folder).unwrap()[0].checked.is_err(),
        "a changed file is checked again"
    );

    // A backup put in the folder by hand (never recorded) is checked, and
    // a good one is listed with what it holds.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.sqlite3");
    let now = store.backup_to(&copy).unwrap();
    let by_hand = folder.join(backup_file_name(today().and_hms_opt(10, 0, 0).unwrap()));
    std::fs::copy(&copy, &by_hand).unwrap();
    let listed = store.listed_backups(&folder).unwrap();
    assert_eq!(listed[0].file.path, by_hand, "newest first");
    assert_eq!(listed[0].checked.as_ref().unwrap(), &now);
    assert_eq!(now.participants, 4);
}
