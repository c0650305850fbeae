//! Crash safety: a child process writes participants one transaction at a
//! time and reports each commit; it is killed with SIGKILL at a random
//! moment, twenty times. After every kill, every write the child reported
//! committed must be there, and the integrity check must pass.

use chrono::NaiveDate;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::key::DatabaseKey;
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CHILD_ENV: &str = "INTROSPOR_CRASH_CHILD_DATABASE";
const KILLS: usize = 20;

fn key() -> DatabaseKey {
    DatabaseKey::from_bytes([0x42; 32])
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The child's work. Does nothing unless started by the parent below.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path), key()).unwrap();
    let round = std::env::var("INTROSPOR_CRASH_ROUND").unwrap_or_default();
    let mut out = std::io::stdout().lock();
    for n in 0..1_000_000 {
        let name = format!("Krasj{round}x{n}");
        let details = ParticipantForm {
            given_name: name.clone(),
            family_name: "Æsenby".into(),
            notes: "Skrevet av krasjtesten.".into(),
            ..ParticipantForm::default()
        }
        .validate(today())
        .unwrap();
        store.create_participant(&details, today()).unwrap();
        // Reported only after the commit returned.
        writeln!(out, "committed {name}").unwrap();
        out.flush().unwrap();
    }
}

/// A small deterministic generator, so a failure can be replayed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn killed_writers_lose_no_committed_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    // Create and migrate the database once, so every child starts writing at once.
    drop(Store::open(&path, key()).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut seed = 0x1d5_c0de_u64;
    let mut reported_total = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .env("INTROSPOR_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reported = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&reported);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("committed ") {
                    sink.lock().unwrap().push(name.to_string());
                }
            }
        });
        // Wait until the child is writing, then kill it at a random moment.
        let started = std::time::Instant::now();
        while reported.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(next(&mut seed) % 400));
        child.kill().unwrap(); // SIGKILL on Unix: no chance to clean up.
        child.wait().unwrap();
        reader.join().unwrap();
        let reported = reported.lock().unwrap().clone();
        assert!(
            !reported.is_empty(),
            "round {round}: the child should have committed something before it was killed"
        );

        let store = Store::open(&path, key()).unwrap();
        assert!(
            store.integrity_ok().unwrap(),
            "round {round}: the database should pass the integrity check after SIGKILL"
        );
        let stored: std::collections::HashSet<String> = store
            .participants(&Default::default())
            .unwrap()
            .into_iter()
            .map(|p| p.given_name)
            .collect();
        let lost: Vec<&String> = reported.iter().filter(|n| !stored.contains(*n)).collect();
        assert!(
            lost.is_empty(),
            "round {round}: writes reported committed were lost: {lost:?}"
        );
        reported_total += reported.len();
    }
    println!("crash test: {KILLS} kills, {reported_total} committed writes checked, 0 lost");
}

const BACKUP_CHILD_ENV: &str = "INTROSPOR_CRASH_BACKUP_CHILD_FOLDER";

/// The child of the backup crash test: writes and takes a backup after
/// every write, in turn to the app's backup folder and to a chosen folder
/// (a USB stick), with pruning, until it is killed.
#[test]
fn crash_backup_child() {
    let Some(folder) = std::env::var_os(BACKUP_CHILD_ENV) else {
        return;
    };
    let folder = std::path::PathBuf::from(folder);
    let round: i64 = std::env::var("INTROSPOR_CRASH_ROUND")
        .unwrap_or_default()
        .parse()
        .unwrap_or(0);
    let mut store = Store::open(&folder.join(DATABASE_FILE_NAME), key()).unwrap();
    let backups = introspor_core::store::backup::backup_folder(&folder);
    let chosen = folder.join("minnepinne");
    let mut clock = introspor_app::state::BackupClock::default();
    let base = today().and_hms_opt(8, 0, 0).unwrap() + chrono::Duration::hours(round);
    for n in 0..1_000_000i64 {
        let details = ParticipantForm {
            given_name: format!("Kopi{round}x{n}"),
            family_name: "Æsenby".into(),
            ..ParticipantForm::default()
        }
        .validate(today())
        .unwrap();
        store.create_participant(&details, today()).unwrap();
        let moment = base + chrono::Duration::seconds(n);
        if n % 2 == 0 {
            clock =
                introspor_app::state::automatic_backup(&store, &backups, clock, moment, true, true);
            assert!(clock.problem.is_none(), "the backup should succeed");
        } else {
            let name = introspor_core::store::backup::backup_file_name(moment);
            store.backup_to(&chosen.join(name)).unwrap();
        }
    }
}

/// Whether every file in `folder` is a finished backup that passes the check.
fn only_checked_backups(folder: &std::path::Path) -> Result<usize, String> {
    let mut count = 0;
    for entry in std::fs::read_dir(folder).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if introspor_core::store::backup::parse_backup_file_name(&name).is_none() {
            return Err(format!("{name} is not a finished backup"));
        }
        Store::check_backup_file(&entry.path(), &key())
            .map_err(|e| format!("{name} fails its check: {e}"))?;
        count += 1;
    }
    Ok(count)
}

#[test]
fn killed_backups_leave_only_finished_checked_backups() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    drop(Store::open(&folder.join(DATABASE_FILE_NAME), key()).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut seed = 0xbac_cafe_u64;
    let mut debris_removed = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "crash_backup_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(BACKUP_CHILD_ENV, folder)
            .env("INTROSPOR_CRASH_ROUND", round.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150 + next(&mut seed) % 600));
        child.kill().unwrap();
        child.wait().unwrap();

        // What the app does at start, while holding the folder's lock.
        let backups = introspor_core::store::backup::backup_folder(folder);
        debris_removed += introspor_core::store::backup::clean_backup_folder(&backups).unwrap();
        let kept = only_checked_backups(&backups)
            .unwrap_or_else(|problem| panic!("round {round}: backups/: {problem}"));
        assert!(
            kept > 0,
            "round {round}: some backup should have been finished"
        );
        only_checked_backups(&folder.join("minnepinne"))
            .unwrap_or_else(|problem| panic!("round {round}: the chosen folder: {problem}"));
        let store = Store::open(&folder.join(DATABASE_FILE_NAME), key()).unwrap();
        assert!(
            store.integrity_ok().unwrap(),
            "round {round}: the register should be sound"
        );
    }
    println!(
        "backup crash test: {KILLS} kills during writes and backups, {debris_removed} partial files removed at start, only checked backups left"
    );
}
