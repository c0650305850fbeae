//! Import preview benchmark: a 10 000-row CSV read, its columns detected
//! and previewed against an empty register; the median of five runs.
//!
//! `cargo bench -p introspor-core --bench import` measures. Started without
//! `--bench` (as `cargo test` starts it) it runs 20 rows once, only to keep
//! the code compiling and working, and says its figure means nothing.

use chrono::NaiveDate;
use introspor_core::import::{detect_columns, read_sheet, ImportProgress};
use introspor_core::Store;
use std::time::{Duration, Instant};

/// A CSV like a municipality's list: names, a birth date, a settlement
/// date, a phone number, a note; no identity numbers, so every row goes
/// through the name-and-birth-date key.
fn csv(rows: usize) -> Vec<u8> {
    let mut text = String::from("Fornavn;Etternavn;Fødselsdato;Bosatt;Telefon;Merknad\r\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Navn{i};Etternavn{};{:02}.{:02}.{};1.3.25;9{:07};Rad {i}\r\n",
            i % 97,
            1 + i % 28,
            1 + i % 12,
            1960 + i % 40,
            i
        ));
    }
    text.into_bytes()
}

fn run(bytes: &[u8], store: &Store, today: NaiveDate) -> (Duration, usize) {
    let start = Instant::now();
    let sheet = read_sheet("bench.csv", bytes).expect("readable");
    let plan = detect_columns(&sheet).expect("a header");
    let preview = store
        .import_preview(&sheet, &plan, today, &ImportProgress::default())
        .expect("a preview");
    (start.elapsed(), preview.counts.new)
}

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let store = Store::open_in_memory().expect("a store");
    if !measuring {
        let (elapsed, new) = run(&csv(20), &store, today);
        println!(
            "import preview: 20 rows ({new} new) in {elapsed:?}; a smoke run, the figure means nothing (use --bench)"
        );
        return;
    }
    let bytes = csv(10_000);
    let mut times: Vec<Duration> = (0..5).map(|_| run(&bytes, &store, today).0).collect();
    times.sort();
    println!(
        "import read+detect+preview, 10 000 rows: median {:?} (min {:?}, max {:?})",
        times[2], times[0], times[4]
    );
}
