//! Backup and restore of an encrypted register of 5,000 participants (with
//! their events, leaves, tasks and computed deadlines): how long a checked
//! backup takes, and a restore with its safety copy. Prints the figures;
//! never fails on timing.

use chrono::NaiveDate;
use introspor_core::benchmark_data::{fill, Scale};
use introspor_core::store::key::DatabaseKey;
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use std::time::Instant;

mod support;

fn main() {
    support::announce("backup");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(DATABASE_FILE_NAME);
    let key = DatabaseKey::generate().unwrap();
    let mut store = Store::open(&path, key.clone()).unwrap();
    // Half the hundredfold scale's shape, at 5,000 participants.
    let scale = if support::full_run() {
        Scale {
            participants: 5_000,
            events: 100_000,
            leaves: 25_000,
            tasks: 115_000,
            // Without meetings and contacts, so the figures compare with
            // the earlier runs.
            contacts: 0,
            meetings: 0,
        }
    } else {
        Scale::TINY
    };
    fill(&mut store, 20_261_122, scale, today).unwrap();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "## Backup and restore, {} participants (encrypted, {:.1} MB)",
        scale.participants,
        size as f64 / 1e6
    );

    let mut backup_ms = Vec::new();
    for round in 0..support::calls(5) {
        let target = folder.path().join(format!("backup-{round}.sqlite3"));
        let started = Instant::now();
        let counts = store.backup_to(&target).unwrap();
        backup_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(counts.participants, scale.participants as i64);
    }
    let started = Instant::now();
    store
        .inspect_backup(&folder.path().join("backup-0.sqlite3"))
        .unwrap();
    println!(
        "check of one backup alone (open with key, quick check of every page, counts): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut restore_ms = Vec::new();
    for round in 0..support::calls(3) {
        let source = folder.path().join(format!("backup-{round}.sqlite3"));
        let safety = folder.path().join(format!("safety-{round}.sqlite3"));
        let started = Instant::now();
        store.restore_from(&source, &safety).unwrap();
        restore_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!(
        "backup (write, fsync, open with key, quick check, counts): median {:.0} ms, max {:.0} ms",
        median(&mut backup_ms),
        backup_ms.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "restore (check the backup, safety copy of the current register, copy back, migrate): median {:.0} ms, max {:.0} ms",
        median(&mut restore_ms),
        restore_ms.iter().cloned().fold(0.0, f64::max)
    );

    // Opening at start with a full backup folder (23 backups, as retention
    // keeps at most): the register is checked and compared with every
    // backup's audit trail, to find one that is ahead of it.
    let backups = introspor_core::store::backup::backup_folder(folder.path());
    std::fs::create_dir_all(&backups).unwrap();
    let base = today.and_hms_opt(8, 0, 0).unwrap();
    for n in 0..23 {
        let name =
            introspor_core::store::backup::backup_file_name(base - chrono::Duration::days(n));
        std::fs::copy(folder.path().join("backup-0.sqlite3"), backups.join(name)).unwrap();
    }
    store.close().unwrap();
    let keys = introspor_core::store::key_store::MemoryKeyStore::new();
    introspor_core::store::key_store::KeyStore::save(&keys, &key).unwrap();
    let mut open_ms = Vec::new();
    for _ in 0..support::calls(3) {
        let started = Instant::now();
        let opening = introspor_core::store::opening::open_database(&path, &keys).unwrap();
        open_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        match opening {
            introspor_core::store::opening::Opening::Ready(store) => store.close().unwrap(),
            _ => panic!("the register should open"),
        }
    }
    println!(
        "opening at start with 23 backups (key, quick check, compared with every backup): median {:.0} ms",
        median(&mut open_ms)
    );
}
