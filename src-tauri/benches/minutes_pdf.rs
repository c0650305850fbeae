//! Benchmark of the minutes PDF export: a three-page trekantmøte with a
//! table of action items, rendered to PDF/A-2a again and again.
//!
//! Run with `cargo bench --bench minutes_pdf`. Prints the median and the
//! slowest time per export, the page count and the file size. It prints
//! figures and never fails on timing.

use chrono::NaiveDate;
use introspor_core::export::minutes::pdf::{layout_minutes_a4, render_minutes_pdf};
use introspor_core::export::minutes::{Block, MinutesDocument, TableBlock};
use std::time::{Duration, Instant};

mod support;

/// Minutes with facts, agenda items, a notice and a 34-row table: three A4 pages.
fn three_page_minutes() -> MinutesDocument {
    let paragraph = |text: &str| Block::Paragraph { text: text.into() };
    let mut blocks = vec![
        Block::Facts {
            rows: vec![
                ("Dato".into(), "Torsdag 12.11.2026, kl. 13.00–14.30".into()),
                ("Sted".into(), "Flyktningtjenesten, møterom Fjellet".into()),
                ("Deltaker".into(), "Åse Ødegård".into()),
                ("Møtetype".into(), "Trekantmøte".into()),
            ],
        },
        Block::Heading {
            text: "Til stede".into(),
        },
        paragraph("Åse Ødegård, deltaker\nKari Nordmann, programrådgiver\nPer Ås, NAV"),
        Block::Notice {
            text: "Opplysninger om helse er holdt tilbake for denne mottakeren.".into(),
        },
        Block::Heading {
            text: "Saksliste".into(),
        },
    ];
    for item in 1..=5 {
        blocks.push(Block::Subheading {
            text: format!("Sak {item}: Særskilt tilrettelegging og arbeidspraksis"),
        });
        blocks.push(paragraph(
            "Deltakeren ønsker særskilt tilrettelegging i praksisperioden. \
             Arbeidsmarkedsopplæringsprogramdeltakerne i samme gruppe har fått \
             tilsvarende ordning, og NAV undersøker om arbeidsgiveren kan tilby \
             fleksibel arbeidstid fra januar.",
        ));
        blocks.push(paragraph(
            "Drøfting: Partene gikk gjennom planen punkt for punkt, og tolken \
             oversatte fortløpende. Det var enighet om veien videre.",
        ));
    }
    blocks.push(Block::Heading {
        text: "Oppfølgingspunkter".into(),
    });
    blocks.push(Block::Table(TableBlock {
        headers: vec![
            "Nr.".into(),
            "Tiltak".into(),
            "Ansvarlig".into(),
            "Frist".into(),
        ],
        widths: vec![0.5, 4.0, 1.6, 1.1],
        rows: (1..=34)
            .map(|i| {
                vec![
                    i.to_string(),
                    if i % 2 == 0 {
                        "Sende søknad om bostøtte med vedlegg (husleiekontrakt og lønnsslipper)"
                    } else {
                        "Melde opp til skriftlig norskprøve, nivå B1"
                    }
                    .into(),
                    "Kari Nordmann".into(),
                    format!("{:02}.{:02}.2027", i % 28 + 1, i % 12 + 1),
                ]
            })
            .collect(),
    }));
    MinutesDocument {
        title: "Referat fra trekantmøte 12.11.2026".into(),
        letterhead: vec![
            "Eksempel kommune".into(),
            "Flyktningtjenesten – introduksjonsprogrammet".into(),
        ],
        author: "Kari Nordmann".into(),
        created: NaiveDate::from_ymd_opt(2026, 11, 12)
            .and_then(|d| d.and_hms_opt(15, 42, 0))
            .and_then(|t| {
                t.and_local_timezone(chrono::FixedOffset::east_opt(3600)?)
                    .single()
            })
            .expect("valid date"),
        language: "nb".into(),
        blocks,
        signature: "Referent: Kari Nordmann, 12.11.2026".into(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    support::announce("minutes_pdf");
    let (exports, warm_up) = (support::calls(20), support::calls(3));
    let doc = three_page_minutes();
    let pages = layout_minutes_a4(&doc)
        .expect("layout of the minutes")
        .pages
        .len();
    let mut bytes = 0;
    for _ in 0..warm_up {
        bytes = render_minutes_pdf(&doc).expect("render").len();
    }
    let mut times: Vec<Duration> = (0..exports)
        .map(|_| {
            let start = Instant::now();
            let pdf = render_minutes_pdf(&doc).expect("render");
            let elapsed = start.elapsed();
            bytes = pdf.len();
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    println!("Minutes PDF export (PDF/A-2a, {exports} exports after {warm_up} warm-up)");
    println!(
        "- median {:.1} ms, max {:.1} ms per export; {pages} pages, {:.1} KiB",
        ms(median),
        ms(max),
        bytes as f64 / 1024.0
    );
}
