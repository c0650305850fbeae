//! Faults as they happen to the register file on a laptop, each started as
//! the app starts (`start_state`): the file deleted or emptied by a sync
//! client, its first page damaged with and without its log, its `-wal`
//! lost after writes, the file truncated, 4 KiB of noise in its middle.
//! In every case no acknowledged row is lost beyond the newest good
//! backup, that backup is never deleted, the register is reported damaged
//! with that backup on offer, and restoring it brings the rows back.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use introspor_app::commands::participants::create;
use introspor_app::commands::security::{restore_candidates, restore_damaged};
use introspor_app::start_state;
use introspor_app::state::{automatic_backup, AppState, BackupClock, Register};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::backup::{backup_folder, backups_to_delete, list_backups};
use introspor_core::store::key_store::{KeyStore, MemoryKeyStore};
use introspor_core::store::opening::{start_new_register, Damage};
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// `hours` after the real time now: the start-up backups the app takes
/// read the real clock, so the test's own backups come after them.
fn later(hours: i64) -> NaiveDateTime {
    introspor_app::state::now() + chrono::Duration::hours(hours)
}

fn person(n: usize) -> ParticipantForm {
    ParticipantForm {
        given_name: format!("Ådne{n}"),
        family_name: "Ødegård".into(),
        ..ParticipantForm::default()
    }
}

/// Runs `job` on the open store of `state`.
fn with_store<T>(state: &AppState, job: impl FnOnce(&mut Store) -> T) -> T {
    match state.register() {
        Register::Ready(shared) => {
            let mut guard = shared.lock().unwrap();
            job(guard.as_mut().expect("the store should be open"))
        }
        other => panic!("the register should be ready, not {}", other.name()),
    }
}

fn participants(state: &AppState) -> i64 {
    with_store(state, |store| store.row_counts().unwrap().participants)
}

/// The files in the backup folder, by name.
fn backup_files(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(backup_folder(folder))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// What a laptop holds after use: a register with rows acknowledged after
/// its newest backup, still in the `-wal` (the app was killed, not closed).
struct Laptop {
    /// A copy of the data folder as it was at the kill.
    image: tempfile::TempDir,
    keys: Arc<MemoryKeyStore>,
    /// Participants in the newest backup.
    in_backup: i64,
    /// The file names of the two backups taken with rows in them.
    backups: Vec<String>,
    /// Participants acknowledged in all.
    acknowledged: i64,
}

fn laptop() -> Laptop {
    let live = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    let state = start_state(live.path().to_path_buf(), keys.clone(), None);
    let backups = backup_folder(live.path());
    // Each moment is read once, so the names recorded are the names written.
    let moments = [later(1), later(2)];
    with_store(&state, |store| {
        for n in 0..12 {
            create(store, &person(n), today()).unwrap();
        }
        // Two backups earlier in the day, the newest after the twelfth row.
        let clock = automatic_backup(
            store,
            &backups,
            BackupClock::default(),
            moments[0],
            true,
            true,
        );
        assert!(clock.problem.is_none(), "the backup should succeed");
        for n in 12..20 {
            create(store, &person(n), today()).unwrap();
        }
        let clock = automatic_backup(store, &backups, clock, moments[1], true, true);
        assert!(clock.problem.is_none(), "the backup should succeed");
        for n in 20..25 {
            create(store, &person(n), today()).unwrap();
        }
    });
    // The crash image: the files as they are on disk now, with the
    // connection still open, as after a kill.
    let image = tempfile::tempdir().unwrap();
    copy_folder(live.path(), image.path());
    assert!(
        image
            .path()
            .join(format!("{DATABASE_FILE_NAME}-wal"))
            .metadata()
            .is_ok_and(|m| m.len() > 0),
        "the killed register should have its last rows in the -wal"
    );
    drop(state);
    Laptop {
        image,
        keys,
        in_backup: 20,
        backups: moments
            .map(|moment| {
                introspor_core::store::backup::backup_file_name(moment.with_nanosecond(0).unwrap())
            })
            .to_vec(),
        acknowledged: 25,
    }
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_folder(&entry.path(), &target);
        } else if entry.file_name() != "introspor.lock" {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn overwrite(path: &Path, offset: u64, length: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(offset)).unwrap();
    let noise: Vec<u8> = (0..length).map(|i| (i * 7 + 13) as u8 ^ 0xa5).collect();
    file.write_all(&noise).unwrap();
    file.sync_all().unwrap();
}

/// Opens the image as the app does and closes it cleanly, so the rows in the
/// `-wal` are in the file (for faults that happen to a closed register).
fn close_cleanly(folder: &Path, keys: &Arc<MemoryKeyStore>) {
    let state = start_state(folder.to_path_buf(), keys.clone(), None);
    assert_eq!(state.register().name(), "ready");
    state.close();
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    ZeroBytes,
    Deleted,
    WalDeletedAfterWrites,
    FirstPageWithLog,
    FirstPageWithoutLog,
    Truncated,
    NoiseInTheMiddle,
}

fn apply(fault: Fault, folder: &Path, keys: &Arc<MemoryKeyStore>) {
    let file = folder.join(DATABASE_FILE_NAME);
    let wal = folder.join(format!("{DATABASE_FILE_NAME}-wal"));
    match fault {
        Fault::ZeroBytes => {
            close_cleanly(folder, keys);
            std::fs::write(&file, b"").unwrap();
        }
        Fault::Deleted => {
            close_cleanly(folder, keys);
            std::fs::remove_file(&file).unwrap();
        }
        Fault::WalDeletedAfterWrites => std::fs::remove_file(&wal).unwrap(),
        Fault::FirstPageWithLog => overwrite(&file, 0, 4096),
        Fault::FirstPageWithoutLog => {
            close_cleanly(folder, keys);
            overwrite(&file, 0, 4096);
        }
        Fault::Truncated => {
            close_cleanly(folder, keys);
            let length = std::fs::metadata(&file).unwrap().len();
            let handle = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
            handle.set_len(length / 2).unwrap();
        }
        Fault::NoiseInTheMiddle => {
            close_cleanly(folder, keys);
            let length = std::fs::metadata(&file).unwrap().len();
            overwrite(&file, (length / 2) / 4096 * 4096, 4096);
        }
    }
}

#[test]
fn every_fault_to_the_file_offers_the_newest_good_backup_and_loses_nothing_beyond_it() {
    let original = laptop();
    // (fault, how it is reported, participants the register keeps once
    // restored: the newest backup's, or every acknowledged one when the
    // fault came after a clean close that put them all in the file and the
    // start-up backup)
    let all = original.acknowledged;
    let in_backup = original.in_backup;
    let cases = [
        (Fault::ZeroBytes, Damage::Empty, all),
        (Fault::Deleted, Damage::Missing, all),
        (
            Fault::WalDeletedAfterWrites,
            Damage::BehindBackup,
            in_backup,
        ),
        (Fault::FirstPageWithLog, Damage::Unreadable, in_backup),
        (Fault::FirstPageWithoutLog, Damage::Unreadable, all),
        (Fault::Truncated, Damage::FailedCheck, all),
        (Fault::NoiseInTheMiddle, Damage::FailedCheck, all),
    ];
    for (fault, damage, expected) in cases {
        let folder = tempfile::tempdir().unwrap();
        copy_folder(original.image.path(), folder.path());
        apply(fault, folder.path(), &original.keys);
        let before = backup_files(folder.path());

        let state = start_state(folder.path().to_path_buf(), original.keys.clone(), None);
        let Register::Damaged(damaged) = state.register() else {
            panic!(
                "{fault:?}: the register should be reported damaged, not {}",
                state.register().name()
            );
        };
        assert_eq!(damaged.damage, damage, "{fault:?}: how the damage is named");
        let offer = damaged
            .offer
            .clone()
            .unwrap_or_else(|| panic!("{fault:?}: a backup should be offered"));
        assert_eq!(
            offer.counts.participants, expected,
            "{fault:?}: the newest good backup should be on offer"
        );
        assert_eq!(
            backup_files(folder.path()),
            before,
            "{fault:?}: no backup should be written or deleted before the caseworker decides"
        );
        assert_eq!(
            state.startup_error().map(|e| e.message),
            Some(
                damage
                    .message()
                    .render(introspor_core::language::Language::Bokmal)
            ),
            "{fault:?}: the window should be told what happened"
        );

        // Restoring brings the backup's rows back and keeps the damaged file.
        let candidates = restore_candidates(&state.backup_folder(), &damaged).unwrap();
        let (store, used, counts) = restore_damaged(folder.path(), &damaged, &candidates).unwrap();
        assert_eq!(
            used, offer.backup.path,
            "{fault:?}: the offered backup is the one used"
        );
        assert_eq!(counts.participants, expected);
        state.set_register(Register::ready(store));
        assert_eq!(
            participants(&state),
            expected,
            "{fault:?}: rows after the restore"
        );
        let kept_aside = std::fs::read_dir(folder.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains(".skadet-"));
        assert_eq!(
            kept_aside,
            !matches!(fault, Fault::Deleted),
            "{fault:?}: the damaged file should be kept beside the restored one"
        );
        // More backups in this start delete nothing.
        state.stop_pruning();
        state.backup_at_start();
        assert!(
            before.is_subset(&backup_files(folder.path())),
            "{fault:?}: no backup should be deleted in the start that restored"
        );
        state.close();

        // The next start opens the restored register as it is.
        let again = start_state(folder.path().to_path_buf(), original.keys.clone(), None);
        assert_eq!(
            again.register().name(),
            "ready",
            "{fault:?}: after the restore the register should open without questions"
        );
        assert_eq!(participants(&again), expected);
        assert!(
            backup_files(folder.path())
                .contains(offer.backup.path.file_name().unwrap().to_str().unwrap()),
            "{fault:?}: the restored backup should still be there"
        );
        again.close();
    }
}

#[test]
fn a_first_start_makes_a_register_and_only_a_first_start_does() {
    // A truly empty folder: a new register.
    let folder = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    let state = start_state(folder.path().to_path_buf(), keys.clone(), None);
    assert_eq!(
        state.register().name(),
        "ready",
        "an empty folder is a first start"
    );
    state.close();

    // The file gone, no backup, but the key kept: damaged, nothing offered;
    // a new register only when the caseworker starts one.
    let folder = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    keys.save(&introspor_core::store::key::DatabaseKey::from_bytes(
        [3; 32],
    ))
    .unwrap();
    let state = start_state(folder.path().to_path_buf(), keys.clone(), None);
    let Register::Damaged(damaged) = state.register() else {
        panic!("a kept key without a file is a lost register, not a first start");
    };
    assert_eq!(damaged.damage, Damage::Missing);
    assert!(damaged.offer.is_none());
    assert!(
        !folder.path().join(DATABASE_FILE_NAME).exists(),
        "no register file should be made before the caseworker decides"
    );
    let store = start_new_register(
        &folder.path().join(DATABASE_FILE_NAME),
        damaged.key.clone(),
        ".skadet-test",
    )
    .unwrap();
    state.set_register(Register::ready(store));
    state.close();
    let again = start_state(folder.path().to_path_buf(), keys, None);
    assert_eq!(
        again.register().name(),
        "ready",
        "a register started anew should open at the next start"
    );
    again.close();
}

/// A copy of the laptop whose `-wal` is lost, started (behind its backup),
/// and the register kept as it is, as the caseworker may decide.
fn kept_after_lost_wal(original: &Laptop) -> (tempfile::TempDir, AppState, Store) {
    let folder = tempfile::tempdir().unwrap();
    copy_folder(original.image.path(), folder.path());
    std::fs::remove_file(folder.path().join(format!("{DATABASE_FILE_NAME}-wal"))).unwrap();
    let state = start_state(folder.path().to_path_buf(), original.keys.clone(), None);
    let Register::Damaged(damaged) = state.register() else {
        panic!("the register should be behind its backup");
    };
    let store = introspor_core::store::opening::keep_register(
        &folder.path().join(DATABASE_FILE_NAME),
        damaged.key.clone(),
    )
    .unwrap();
    (folder, state, store)
}

#[test]
fn a_new_backup_never_prunes_one_that_holds_more() {
    let original = laptop();
    let (folder, state, store) = kept_after_lost_wal(&original);
    let kept_rows = store.row_counts().unwrap().participants;
    assert!(kept_rows < original.in_backup);
    state.set_register(Register::ready(store));
    state.close();

    // Many days of backups of the smaller register: the dates alone would
    // delete the two old ones, which hold more participants.
    let state = start_state(folder.path().to_path_buf(), original.keys.clone(), None);
    assert_eq!(
        state.register().name(),
        "ready",
        "a kept register is not asked about again"
    );
    let backups = backup_folder(folder.path());
    let mut clock = BackupClock::default();
    with_store(&state, |store| {
        for day in 1..=90i64 {
            clock = automatic_backup(store, &backups, clock.clone(), later(24 * day), true, true);
            assert!(clock.problem.is_none());
        }
    });
    let found = list_backups(&backups).unwrap();
    let larger: Vec<&PathBuf> = found
        .iter()
        .filter(|b| {
            original
                .backups
                .iter()
                .any(|name| b.path.file_name().unwrap().to_str() == Some(name))
        })
        .map(|b| &b.path)
        .collect();
    assert_eq!(
        larger.len(),
        2,
        "both backups that hold more participants should be kept: {found:?}"
    );
    let by_dates = backups_to_delete(&found);
    assert!(
        larger.iter().all(|p| by_dates.contains(p)),
        "the dates alone would have deleted them"
    );
    assert!(
        found.len() <= 5 + 10 + 8 + 2,
        "the rest should follow the dates: {} kept",
        found.len()
    );
    state.close();
}

#[test]
fn a_second_start_on_one_folder_is_refused_and_touches_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    let first = start_state(folder.path().to_path_buf(), keys.clone(), None);
    with_store(&first, |store| create(store, &person(1), today()).unwrap());
    let before = backup_files(folder.path());
    let second = start_state(folder.path().to_path_buf(), keys.clone(), None);
    assert_eq!(second.register().name(), "in_use");
    let error = second.startup_error().unwrap();
    assert_eq!(error.code, "in_use");
    assert!(
        error.message.contains("allerede åpent"),
        "{}",
        error.message
    );
    assert_eq!(
        backup_files(folder.path()),
        before,
        "the refused start should take no backup"
    );
    second.close();
    assert_eq!(participants(&first), 1, "the first instance carries on");
    first.close();
    let third = start_state(folder.path().to_path_buf(), keys, None);
    assert_eq!(
        third.register().name(),
        "ready",
        "once the first is closed, the folder opens again"
    );
    third.close();
}

#[test]
fn a_clean_close_leaves_the_file_alone_and_it_holds_everything() {
    let folder = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    let state = start_state(folder.path().to_path_buf(), keys.clone(), None);
    with_store(&state, |store| {
        for n in 0..30 {
            create(store, &person(n), today()).unwrap();
        }
    });
    state.close();
    for sidecar in ["-wal", "-shm", "-journal"] {
        assert!(
            !folder
                .path()
                .join(format!("{DATABASE_FILE_NAME}{sidecar}"))
                .exists(),
            "a clean close should leave no {sidecar}"
        );
    }
    // The file alone, copied to a new laptop with the key, holds every row.
    let new_laptop = tempfile::tempdir().unwrap();
    std::fs::copy(
        folder.path().join(DATABASE_FILE_NAME),
        new_laptop.path().join(DATABASE_FILE_NAME),
    )
    .unwrap();
    let state = start_state(new_laptop.path().to_path_buf(), keys, None);
    assert_eq!(
        participants(&state),
        30,
        "the copied file alone should hold every row"
    );
    state.close();
    assert!(
        backup_files(folder.path())
            .iter()
            .all(|name| name.starts_with("introspor-sikkerhetskopi-") && name.ends_with(".sqlite3")),
        "the backup folder should hold only finished backups: {:?}",
        backup_files(folder.path())
    );
}

#[test]
fn the_recovery_code_that_opens_a_backup_offers_it_when_the_file_is_lost_or_damaged() {
    use introspor_core::store::opening::{
        open_database, unlock_with_recovery_code, LockReason, Opening,
    };
    let original = laptop();
    let code = {
        let key = original.keys.load().unwrap().unwrap();
        introspor_core::store::recovery_code::encode(&key)
    };
    let wrong_code = introspor_core::store::recovery_code::encode(
        &introspor_core::store::key::DatabaseKey::from_bytes([8; 32]),
    );
    // (what happened to the file, how the code's answer names it)
    let cases = [
        ("deleted", Damage::Missing),
        ("first page", Damage::Unreadable),
    ];
    for (fault, damage) in cases {
        let folder = tempfile::tempdir().unwrap();
        copy_folder(original.image.path(), folder.path());
        let file = folder.path().join(DATABASE_FILE_NAME);
        match fault {
            "deleted" => {
                std::fs::remove_file(&file).unwrap();
                let _ =
                    std::fs::remove_file(folder.path().join(format!("{DATABASE_FILE_NAME}-wal")));
            }
            _ => {
                // Closed cleanly first, so the damaged page has no newer copy
                // in a log to be read from instead.
                close_cleanly(folder.path(), &original.keys);
                overwrite(&file, 0, 4096);
            }
        }
        // A new laptop: no key stored.
        let keys = MemoryKeyStore::new();
        assert!(
            matches!(
                open_database(&file, &keys).unwrap(),
                Opening::Locked(LockReason::KeyMissing)
            ),
            "{fault}: without the key the register is locked, and no new one is made"
        );
        assert!(
            matches!(
                unlock_with_recovery_code(&file, &wrong_code, &keys),
                Err(introspor_core::CoreError::WrongKey)
            ),
            "{fault}: a code that opens nothing is refused"
        );
        assert!(
            keys.load().unwrap().is_none(),
            "{fault}: a refused code is not kept"
        );
        let (opening, kept) = unlock_with_recovery_code(&file, &code, &keys).unwrap();
        assert!(kept, "{fault}: the right code is kept as the key again");
        let Opening::Damaged(damaged) = opening else {
            panic!("{fault}: the code should lead to the damaged register and its offer");
        };
        assert_eq!(damaged.damage, damage, "{fault}");
        let expected = if fault == "deleted" {
            original.in_backup
        } else {
            original.acknowledged
        };
        assert_eq!(
            damaged.offer.map(|o| o.counts.participants),
            Some(expected),
            "{fault}: the newest backup should be offered"
        );
    }
}

#[test]
fn a_clock_set_back_prunes_nothing_and_keeps_the_new_backup() {
    let folder = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeyStore::new());
    let state = start_state(folder.path().to_path_buf(), keys, None);
    let backups = backup_folder(folder.path());
    with_store(&state, |store| {
        let mut clock = BackupClock::default();
        // Forty days of backups, then the clock jumps a year back.
        for day in 1..=40i64 {
            create(store, &person(day as usize), today()).unwrap();
            clock = automatic_backup(store, &backups, clock.clone(), later(24 * day), true, true);
        }
        let before = list_backups(&backups).unwrap().len();
        create(store, &person(99), today()).unwrap();
        let set_back = later(-24 * 365);
        clock = automatic_backup(store, &backups, clock, set_back, true, true);
        assert!(clock.problem.is_none());
        let after = list_backups(&backups).unwrap();
        assert_eq!(
            after.len(),
            before + 1,
            "nothing should be pruned while the clock is behind"
        );
        assert!(
            after
                .iter()
                .any(|b| b.taken_at == set_back.with_nanosecond(0).unwrap()),
            "the backup just written should be kept"
        );
    });
    state.close();
}

#[test]
fn a_key_that_opens_no_backup_locks_the_register_instead_of_offering_a_new_one() {
    let original = laptop();
    let folder = tempfile::tempdir().unwrap();
    copy_folder(original.image.path(), folder.path());
    std::fs::remove_file(folder.path().join(DATABASE_FILE_NAME)).unwrap();
    // Another register's key is stored for this folder.
    let keys = Arc::new(MemoryKeyStore::new());
    keys.save(&introspor_core::store::key::DatabaseKey::from_bytes(
        [7; 32],
    ))
    .unwrap();
    let before = backup_files(folder.path());
    let state = start_state(folder.path().to_path_buf(), keys, None);
    assert_eq!(
        state.register().name(),
        "locked",
        "a key no backup opens is the wrong key: the recovery code is asked for"
    );
    assert_eq!(
        backup_files(folder.path()),
        before,
        "every backup should stay"
    );
    state.close();
}

#[test]
fn a_restore_that_fails_keeps_the_damaged_original_and_the_next_backup_is_tried() {
    let original = laptop();
    let folder = tempfile::tempdir().unwrap();
    copy_folder(original.image.path(), folder.path());
    let file = folder.path().join(DATABASE_FILE_NAME);
    overwrite(&file, 0, 4096);
    let state = start_state(folder.path().to_path_buf(), original.keys.clone(), None);
    let Register::Damaged(damaged) = state.register() else {
        panic!("the register should be damaged");
    };
    // The file as the caseworker's register is when the restore is asked for.
    let damaged_bytes = std::fs::read(&file).unwrap();
    // A candidate that is not a backup at all comes first.
    let bogus = folder.path().join("ikke-en-kopi.sqlite3");
    std::fs::write(&bogus, b"not a database").unwrap();
    let mut candidates = vec![bogus];
    candidates.extend(restore_candidates(&state.backup_folder(), &damaged).unwrap());
    let (_store, used, counts) = restore_damaged(folder.path(), &damaged, &candidates).unwrap();
    assert_eq!(
        Some(used),
        damaged.offer.as_ref().map(|o| o.backup.path.clone())
    );
    assert_eq!(counts.participants, original.in_backup);
    let aside: Vec<PathBuf> = std::fs::read_dir(folder.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.to_string_lossy()
                .ends_with(&format!("{}", p.file_name().unwrap().to_string_lossy()))
                && p.to_string_lossy().contains(".skadet-")
                && !p.to_string_lossy().ends_with("-wal")
                && !p.to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert_eq!(
        aside.len(),
        1,
        "the damaged file should be set aside once: {aside:?}"
    );
    assert!(
        std::fs::read(&aside[0]).unwrap() == damaged_bytes,
        "the file set aside should be the damaged original, byte for byte"
    );
    state.close();
}

#[test]
fn a_kept_register_never_prunes_the_backups_with_the_changes_it_went_on_without() {
    let original = laptop();
    let (folder, state, mut store) = kept_after_lost_wal(&original);
    // As many participants as the backups hold, so only their later changes
    // (and the protection) can keep them.
    while store.row_counts().unwrap().participants < original.acknowledged {
        let n = store.row_counts().unwrap().participants as usize;
        create(&mut store, &person(1000 + n), today()).unwrap();
    }
    let protected = store.protected_backups().unwrap();
    assert_eq!(
        protected.iter().collect::<BTreeSet<_>>(),
        original.backups.iter().collect::<BTreeSet<_>>(),
        "both backups with rows should be protected"
    );
    state.set_register(Register::ready(store));
    let backups = backup_folder(folder.path());
    let mut clock = BackupClock::default();
    with_store(&state, |store| {
        for day in 1..=90i64 {
            clock = automatic_backup(store, &backups, clock.clone(), later(24 * day), true, true);
        }
    });
    let names = backup_files(folder.path());
    for name in &original.backups {
        assert!(
            names.contains(name),
            "{name} should never be pruned: {names:?}"
        );
    }
    state.close();
}
