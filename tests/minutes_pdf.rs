//! The minutes PDF, checked by tools that share no code with the writer:
//! qpdf (structure), poppler's pdffonts / pdftotext / pdfinfo / pdftoppm
//! (fonts, text, pages, a picture of page 1) and pikepdf (XMP metadata).
//!
//! Needs the Debian packages `qpdf` and `poppler-utils` and the Python
//! package `pikepdf` (`pip install pikepdf`, or Debian's `python3-pikepdf`);
//! a missing tool fails the test with a message naming what to install.
//! The picture of page 1 is written to `target/screenshots/minutes-page1.png`.

use chrono::NaiveDate;
use introspor_core::export::minutes::pdf::render_minutes_pdf;
use introspor_core::export::minutes::{Block, MinutesDocument, TableBlock};
use std::path::{Path, PathBuf};
use support::pdfa::{fonts, metadata, stdout_of};
use tempfile::TempDir;

mod support;

/// Minutes of a three-party meeting, long enough for three pages.
fn sample_minutes() -> MinutesDocument {
    let created = NaiveDate::from_ymd_opt(2026, 11, 12)
        .expect("valid date")
        .and_hms_opt(15, 42, 0)
        .expect("valid time")
        .and_local_timezone(chrono::FixedOffset::east_opt(3600).expect("an offset"))
        .single()
        .expect("one time");
    let paragraph = |text: &str| Block::Paragraph { text: text.into() };
    let mut blocks = vec![
        Block::Facts {
            rows: vec![
                ("Dato".into(), "Torsdag 12.11.2026, kl. 13.00–14.30".into()),
                ("Sted".into(), "Flyktningtjenesten, møterom Fjellet".into()),
                ("Deltaker".into(), "Åse Ødegård (saksnr. ÅØ-1042)".into()),
                (
                    "Møtetype".into(),
                    "Trekantmøte: deltaker, NAV og flyktningtjenesten".into(),
                ),
            ],
        },
        Block::Heading {
            text: "Til stede".into(),
        },
        paragraph(
            "Åse Ødegård, deltaker\nKari Nordmann, programrådgiver, flyktningtjenesten\n\
             Per Ås, veileder, NAV Eksempel\nTolk: Lars Bø (arabisk), fremmøtt",
        ),
        Block::Notice {
            text: "Opplysninger om helse er holdt tilbake i denne utgaven av referatet. \
                   Mottakeren har ikke tilgang til dem."
                .into(),
        },
        Block::Heading {
            text: "Saksliste".into(),
        },
    ];
    let items = [
        (
            "Sak 1: Status i introduksjonsprogrammet",
            "Deltakeren har fullført 14 av 24 måneder. Norskopplæringen går godt; \
             muntlig prøve på nivå B1 er bestått, og skriftlig prøve er meldt opp til våren. \
             Fraværet siste kvartal er lavt og godt begrunnet.",
        ),
        (
            "Sak 2: Særskilt tilrettelegging",
            "Deltakeren ønsker særskilt tilrettelegging i praksisperioden på grunn av \
             barnehageåpningstider. Arbeidsmarkedsopplæringsprogramdeltakerne i samme gruppe \
             har fått tilsvarende ordning. NAV undersøker om arbeidsgiveren kan tilby \
             fleksibel arbeidstid fra januar.",
        ),
        (
            "Sak 3: Arbeidspraksis og kvalifisering",
            "Praksisplass i Eksempel sykehjem er avtalt fra 5. januar, tre dager i uken. \
             Målet er fagbrev som helsefagarbeider. Deltakeren ønsker å følge opp med \
             kveldskurs i realfag. Kommunen dekker læremidler etter vanlige regler.",
        ),
        (
            "Sak 4: Bolig og økonomi",
            "Husleien øker fra 1. februar. Deltakeren søker bostøtte med hjelp fra \
             programrådgiveren. Ingen gjeld er registrert.\nAvtalt: søknaden sendes innen \
             utgangen av november.",
        ),
        (
            "Sak 5: Familie og helse",
            "Barna går i barnehage og på skole i nærmiljøet. Fastlege er tildelt. \
             Øvrige opplysninger er holdt tilbake, se merknaden over.",
        ),
    ];
    for (title, text) in items {
        blocks.push(Block::Subheading { text: title.into() });
        blocks.push(paragraph(text));
        blocks.push(paragraph(
            "Drøfting: Partene gikk gjennom planen punkt for punkt. Deltakeren fikk \
             mulighet til å si sin mening om hvert punkt, og tolken oversatte fortløpende. \
             Det var enighet om veien videre, og ingen innsigelser ble notert.",
        ));
    }
    blocks.push(Block::Heading {
        text: "Oppfølgingspunkter".into(),
    });
    let people = ["Åse Ødegård", "Kari Nordmann", "Per Ås", "Lars Bø"];
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
                    match i % 4 {
                        0 => "Sende søknad om bostøtte med vedlegg (husleiekontrakt og \
                              lønnsslipper)"
                            .to_string(),
                        1 => "Avklare særskilt tilrettelegging med praksisstedet".to_string(),
                        2 => "Melde opp til skriftlig norskprøve, nivå B1".to_string(),
                        _ => "Følge opp fravær og gi beskjed til NAV ved endringer".to_string(),
                    },
                    people[i % people.len()].to_string(),
                    format!("{:02}.{:02}.2027", (i * 3) % 28 + 1, i % 12 + 1),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Heading {
        text: "Neste møte".into(),
    });
    blocks.push(paragraph(
        "Neste trekantmøte holdes i februar 2027. Innkalling sendes fra \
         flyktningtjenesten. Spesialtegn som skal overleve: æøå ÆØÅ.",
    ));
    MinutesDocument {
        title: "Referat fra trekantmøte 12.11.2026".into(),
        letterhead: vec![
            "Eksempel kommune".into(),
            "Flyktningtjenesten – introduksjonsprogrammet".into(),
            "Postboks 123, 0000 Eksempelby · Telefon 12 34 56 78".into(),
        ],
        author: "Kari Nordmann".into(),
        created,
        language: "nb".into(),
        blocks,
        signature: "Referent: Kari Nordmann, programrådgiver, 12.11.2026".into(),
    }
}

/// The sample minutes written to a file in a fresh temporary folder.
fn rendered() -> (TempDir, PathBuf) {
    let bytes = render_minutes_pdf(&sample_minutes()).expect("the minutes render as PDF/A-2a");
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("referat.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    (dir, path)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary path is UTF-8")
}

const POPPLER: &str = "the Debian package poppler-utils";

#[test]
fn qpdf_finds_the_file_sound() {
    let (_dir, path) = rendered();
    let report = stdout_of(
        "qpdf",
        &["--check", path_str(&path)],
        "the Debian package qpdf",
    );
    assert!(
        report.contains("No syntax or stream encoding errors found"),
        "qpdf --check reports problems:\n{report}"
    );
}

#[test]
fn every_font_is_embedded_with_a_unicode_map() {
    let (_dir, path) = rendered();
    let fonts = fonts(&path);
    assert!(
        fonts.len() >= 2,
        "regular and bold fonts are used; pdffonts lists: {fonts:?}"
    );
    for (name, embedded, unicode) in &fonts {
        assert!(
            name.contains("NotoSans"),
            "only Noto Sans is used, found {name}"
        );
        assert!(embedded, "{name} must be embedded: {fonts:?}");
        assert!(
            unicode,
            "{name} needs a ToUnicode map so that text can be copied: {fonts:?}"
        );
    }
}

#[test]
fn the_text_extracts_with_norwegian_letters_and_page_numbers() {
    let (_dir, path) = rendered();
    let info = stdout_of("pdfinfo", &[path_str(&path)], POPPLER);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo reports no page count:\n{info}"));
    assert!(
        pages >= 3,
        "the sample minutes fill at least three pages, got {pages}"
    );
    assert!(
        info.contains("A4") || info.contains("595.28 x 841.89"),
        "pages are A4:\n{info}"
    );

    let text = stdout_of(
        "pdftotext",
        &["-enc", "UTF-8", "-layout", path_str(&path), "-"],
        POPPLER,
    );
    for expected in [
        "Eksempel kommune",
        "Referat fra trekantmøte 12.11.2026",
        "Trekantmøte",
        "Særskilt tilrettelegging",
        "Åse Ødegård",
        "Oppfølgingspunkter",
        "æøå ÆØÅ",
        "Referent: Kari Nordmann",
        "Side 1 av",
        &format!("Side {pages} av {pages}"),
    ] {
        assert!(
            text.contains(expected),
            "pdftotext must find {expected:?} in the minutes; it read:\n{text}"
        );
    }
    let last_page = text
        .rsplit('\u{c}')
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    assert!(
        last_page.contains("Referent: Kari Nordmann"),
        "the signature closes the last page"
    );
}

#[test]
fn xmp_metadata_claims_pdf_a_2a_with_title_and_language() {
    let (_dir, path) = rendered();
    let meta = metadata(&path);
    let stdout = format!("{meta:?}");
    let field = |key: &str| -> String {
        meta.get(key)
            .unwrap_or_else(|| panic!("no {key} in pikepdf output:\n{stdout}"))
            .clone()
    };
    assert_eq!(field("part"), "2", "XMP claims PDF/A part 2");
    assert_eq!(field("conformance"), "A", "XMP claims conformance level A");
    assert!(
        field("title").contains("Referat fra trekantmøte 12.11.2026"),
        "dc:title is the document title: {stdout}"
    );
    assert!(
        field("language").contains("nb"),
        "dc:language is nb: {stdout}"
    );
    assert!(
        field("creator").contains("Kari Nordmann"),
        "dc:creator is the author: {stdout}"
    );
    assert!(
        field("created").starts_with("2026-11-12T15:42:00"),
        "xmp:CreateDate is the document's date: {stdout}"
    );
    assert_eq!(field("lang"), "nb", "the catalog's /Lang is nb");
}

#[test]
fn the_same_minutes_give_the_same_bytes() {
    let doc = sample_minutes();
    let first = render_minutes_pdf(&doc).expect("render");
    let second = render_minutes_pdf(&doc).expect("render");
    assert!(first.starts_with(b"%PDF-"), "the output is a PDF");
    assert!(
        first == second,
        "rendering reads no clock and no randomness"
    );
}

#[test]
fn page_one_renders_to_a_picture() {
    let (dir, path) = rendered();
    let prefix = dir.path().join("page");
    let _ = stdout_of(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            path_str(&path),
            path_str(&prefix),
        ],
        POPPLER,
    );
    let png = prefix.with_extension("png");
    let bytes = std::fs::read(&png).expect("pdftoppm wrote page 1");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "page 1 renders to a non-empty PNG"
    );
    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&screenshots).expect("create target/screenshots");
    std::fs::write(screenshots.join("minutes-page1.png"), bytes).expect("save the screenshot");
}
