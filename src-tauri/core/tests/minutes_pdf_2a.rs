//! The minutes as tagged PDF/A-2a, checked by tools that share no code
//! with the writer: poppler's `pdftotext` (the text as typed, in every
//! script) and `pdfinfo -struct-text` (the structure tree and its reading
//! order), pikepdf (the XMP claim, the language, the creation date) and
//! qpdf (the file's syntax).
//!
//! Needs the Debian packages `poppler-utils` and `qpdf` and the Python
//! package `pikepdf` (`python3 -m pip install pikepdf==10.17.0`); a missing
//! tool fails the test with a message naming what to install.
//!
//! Two things about poppler shape the comparisons:
//!
//! - `pdftotext` prints every right-to-left stretch between the embedding
//!   controls U+202B and U+202C (its way of saying "right to left", not text
//!   of the file), and lays out the text by its own rules of spacing. The
//!   comparisons remove those two controls and all whitespace, and compare
//!   every other character, in order. `-raw` reads the content in the order
//!   it is written, which is the order the text was typed; without it,
//!   poppler sorts a line by position and puts the runs of a right-to-left
//!   line with digits in visual order.
//! - `pdftotext` reverses the letters of a ligature that stands for two
//!   letters inside right-to-left text (lam-alef, «لا»), whatever the file
//!   says. The text given to `pdftotext` avoids lam-alef; the structure
//!   tree test, which reads the same text without reordering it, has one.

use chrono::{DateTime, FixedOffset, NaiveDate};
use introspor_core::export::minutes::pdf::{render_minutes_pdf, undrawable_characters};
use introspor_core::export::minutes::{Block, MinutesDocument, TableBlock};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const POPPLER: &str = "the Debian package poppler-utils";

/// A participant's name in Arabic script.
const ARABIC_NAME: &str = "محمد عبد الله";
/// A participant's name in Tigrinya (Ge'ez script).
const TIGRINYA_NAME: &str = "ሃብተ ገብረሚካኤል";
/// An Amharic note: "The participant attended the meeting."
const AMHARIC_NOTE: &str = "ተሳታፊው በስብሰባው ላይ ተገኝቷል።";
/// An Arabic note with Western and Arabic-Indic digits: "The participant
/// came at 10:30 on 12 November and brought 3 documents." No lam-alef (see
/// the module documentation).
const ARABIC_NOTE: &str = "حضر المشارك في الساعة 10:30 يوم ١٢ نوفمبر وقدم ٣ وثائق.";

/// Runs a tool, failing with what to install when it is missing.
fn run(program: &str, args: &[&str], install: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{program}` is not installed; install {install}")
        }
        Err(e) => panic!("could not run `{program}`: {e}"),
    }
}

/// A tool's standard output (bytes that are not UTF-8 shown as U+FFFD),
/// failing when the tool does.
fn stdout_of(program: &str, args: &[&str], install: &str) -> String {
    let output = run(program, args, install);
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\n{}\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn created(y: i32, m: u32, d: u32, h: u32, min: u32, offset_minutes: i32) -> DateTime<FixedOffset> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, 0))
        .and_then(|time| {
            time.and_local_timezone(FixedOffset::east_opt(offset_minutes * 60)?)
                .single()
        })
        .expect("a valid time")
}

fn minutes(blocks: Vec<Block>) -> MinutesDocument {
    MinutesDocument {
        title: "Referat fra trekantmøte 12.11.2026".into(),
        letterhead: vec!["Eksempel kommune".into(), "Flyktningtjenesten".into()],
        author: "Kari Nordmann".into(),
        created: created(2026, 11, 12, 14, 30, 60),
        language: "nb".into(),
        blocks,
        signature: "Referent: Kari Nordmann, 12.11.2026".into(),
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

/// The document written to a file in a fresh temporary folder.
fn written(doc: &MinutesDocument) -> (TempDir, PathBuf) {
    let bytes = render_minutes_pdf(doc).expect("the minutes render as PDF/A-2a");
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("referat.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    (dir, path)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary path is UTF-8")
}

/// Text without whitespace and without the embedding controls pdftotext
/// puts around right-to-left text (see the module documentation).
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{202A}'..='\u{202C}'))
        .collect()
}

/// What a one-page document shows, in the order it is typed: letterhead,
/// title, body, signature and the footer (the title and the page number).
fn typed_text(doc: &MinutesDocument) -> String {
    let mut parts: Vec<&str> = doc.letterhead.iter().map(String::as_str).collect();
    parts.push(&doc.title);
    for block in &doc.blocks {
        match block {
            Block::Heading { text }
            | Block::Subheading { text }
            | Block::Paragraph { text }
            | Block::Notice { text } => parts.push(text),
            Block::Facts { rows } => {
                for (label, value) in rows {
                    parts.push(label);
                    parts.push(value);
                }
            }
            Block::Table(table) => {
                parts.extend(table.headers.iter().map(String::as_str));
                for row in &table.rows {
                    parts.extend(row.iter().map(String::as_str));
                }
            }
        }
    }
    parts.push(&doc.signature);
    parts.push(&doc.title);
    parts.push("Side 1 av 1");
    parts.join(" ")
}

#[test]
fn pdftotext_gives_back_the_typed_text_in_every_script() {
    // (what, the body of a one-page document)
    let cases: Vec<(&str, Vec<Block>)> = vec![
        (
            "a Norwegian label and an Arabic name",
            vec![Block::Facts {
                rows: vec![
                    ("Dato".into(), "12.11.2026".into()),
                    ("Deltaker".into(), ARABIC_NAME.into()),
                    ("Tolk".into(), TIGRINYA_NAME.into()),
                ],
            }],
        ),
        (
            "names in three scripts inside a Norwegian sentence",
            vec![
                Block::Heading {
                    text: "Til stede".into(),
                },
                paragraph(&format!(
                    "Deltaker: {ARABIC_NAME} (arabisk) og {TIGRINYA_NAME} (tigrinja), \
                     tolk Åse Ødegård."
                )),
            ],
        ),
        (
            "an Amharic note and an Arabic note with both kinds of digits",
            vec![
                Block::Subheading {
                    text: "Sak 1: Bolig".into(),
                },
                paragraph(AMHARIC_NOTE),
                paragraph(ARABIC_NOTE),
                Block::Notice {
                    text: format!("Notatet fra {ARABIC_NAME} er holdt tilbake."),
                },
            ],
        ),
        (
            "a table with names in other scripts and an empty cell",
            vec![Block::Table(TableBlock {
                headers: vec!["Tiltak".into(), "Ansvarlig".into(), "Frist".into()],
                widths: vec![3.0, 1.5, 1.0],
                rows: vec![
                    vec![
                        "Følge opp søknad om bolig".into(),
                        ARABIC_NAME.into(),
                        "01.12.2026".into(),
                    ],
                    vec![AMHARIC_NOTE.into(), TIGRINYA_NAME.into(), String::new()],
                ],
            })],
        ),
    ];
    for (what, blocks) in cases {
        let doc = minutes(blocks);
        let (_dir, path) = written(&doc);
        let report = stdout_of(
            "qpdf",
            &["--check", path_str(&path)],
            "the Debian package qpdf",
        );
        assert!(
            report.contains("No syntax or stream encoding errors found"),
            "{what}: qpdf --check reports problems:\n{report}"
        );
        let text = stdout_of(
            "pdftotext",
            &["-raw", "-enc", "UTF-8", path_str(&path), "-"],
            POPPLER,
        );
        assert!(
            !text.contains('\u{FFFD}'),
            "{what}: no replacement character may be drawn:\n{text}"
        );
        assert_eq!(
            squashed(&text),
            squashed(&typed_text(&doc)),
            "{what}: pdftotext must give back the typed text; it read:\n{text}"
        );
    }
}

/// The structure tree as `pdfinfo -struct-text` prints it: each piece of
/// text with the kind of the element that holds it, in order.
fn structure(path: &Path) -> Vec<(String, String)> {
    let listing = stdout_of("pdfinfo", &["-struct-text", path_str(path)], POPPLER);
    assert!(
        listing.lines().next() == Some("Document"),
        "the structure tree has a Document root:\n{listing}"
    );
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut texts = Vec::new();
    for line in listing.lines().skip(1) {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if body.is_empty() || body.starts_with('/') {
            continue;
        }
        while open.last().is_some_and(|(at, _)| *at >= indent) {
            open.pop();
        }
        if let Some(text) = body.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            let kind = open
                .last()
                .map(|(_, kind)| kind.clone())
                .unwrap_or_default();
            texts.push((kind, text.to_string()));
        } else {
            let kind = body.split([' ', ':']).next().unwrap_or("").to_string();
            open.push((indent, kind));
        }
    }
    texts
}

#[test]
fn the_structure_tree_holds_the_text_in_reading_order() {
    let rows: Vec<Vec<String>> = (1..=40)
        .map(|i| {
            vec![
                format!("Tiltak {i}: følge opp søknad om bolig for {ARABIC_NAME}"),
                TIGRINYA_NAME.to_string(),
                format!("{:02}.12.2026", i % 28 + 1),
            ]
        })
        .collect();
    let doc = minutes(vec![
        Block::Facts {
            rows: vec![
                ("Dato".into(), "12.11.2026".into()),
                ("Deltaker".into(), ARABIC_NAME.into()),
            ],
        },
        Block::Heading {
            text: "Til stede".into(),
        },
        paragraph(&format!("{ARABIC_NAME}, {TIGRINYA_NAME} og Åse Ødegård.")),
        Block::Subheading {
            text: "Sak 1: Bolig".into(),
        },
        // Lam-alef, which pdftotext would get wrong (see the module
        // documentation): "no objection".
        paragraph("لا مانع"),
        paragraph(AMHARIC_NOTE),
        Block::Notice {
            text: "Opplysninger er holdt tilbake for denne mottakeren.".into(),
        },
        Block::Heading {
            text: "Oppfølging".into(),
        },
        Block::Table(TableBlock {
            headers: vec!["Tiltak".into(), "Ansvarlig".into(), "Frist".into()],
            widths: vec![3.0, 1.5, 1.0],
            rows: rows.clone(),
        }),
    ]);
    let (_dir, path) = written(&doc);
    let pair = |kind: &str, text: &str| (kind.to_string(), text.to_string());
    let mut expected = vec![
        pair("H1", &doc.title),
        pair("TH", "Dato"),
        pair("TD", "12.11.2026"),
        pair("TH", "Deltaker"),
        pair("TD", ARABIC_NAME),
        pair("H2", "Til stede"),
        pair(
            "P",
            &format!("{ARABIC_NAME}, {TIGRINYA_NAME} og Åse Ødegård."),
        ),
        pair("H3", "Sak 1: Bolig"),
        pair("P", "لا مانع"),
        pair("P", AMHARIC_NOTE),
        pair("P", "Opplysninger er holdt tilbake for denne mottakeren."),
        pair("H2", "Oppfølging"),
        pair("TH", "Tiltak"),
        pair("TH", "Ansvarlig"),
        pair("TH", "Frist"),
    ];
    for row in &rows {
        expected.extend(row.iter().map(|cell| pair("TD", cell)));
    }
    expected.push(pair("P", &doc.signature));

    let found = structure(&path);
    // A cell broken over two lines is one element; its text is compared
    // without the spacing at the break.
    let normal = |texts: &[(String, String)]| -> Vec<(String, String)> {
        texts
            .iter()
            .map(|(kind, text)| (kind.clone(), squashed(text)))
            .collect()
    };
    assert_eq!(
        normal(&found),
        normal(&expected),
        "the structure tree holds title, headings, paragraphs and cells in order, \
         and nothing of the letterhead, the footer or the repeated table header"
    );
    let pages = stdout_of("pdfinfo", &[path_str(&path)], POPPLER);
    assert!(
        pages.contains("Pages:           2") || pages.contains("Pages: 2"),
        "the table runs onto a second page, which repeats its header:\n{pages}"
    );
    let drawn = stdout_of(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", path_str(&path), "-"],
        POPPLER,
    );
    assert_eq!(
        drawn.matches("Ansvarlig").count(),
        2,
        "the header is drawn on both pages, though the tree has it once:\n{drawn}"
    );
}

/// The XMP metadata, the catalog and the structure root, as pikepdf reads
/// them: `part`, `conformance`, `language`, `created`, `lang`, `root_lang`,
/// `display_title`, `marked`, `info_created`.
fn metadata(path: &Path) -> HashMap<String, String> {
    let script = r#"
import sys
try:
    import pikepdf
except ImportError:
    print("MISSING pikepdf")
    sys.exit(3)
pdf = pikepdf.open(sys.argv[1])
meta = pdf.open_metadata()
print("part=" + str(meta.get("pdfaid:part")))
print("conformance=" + str(meta.get("pdfaid:conformance")))
print("language=" + ",".join(sorted(meta.get("dc:language") or [])))
print("created=" + str(meta.get("xmp:CreateDate")))
print("lang=" + str(pdf.Root.get("/Lang")))
root = pdf.Root.StructTreeRoot.K
root = root[0] if isinstance(root, pikepdf.Array) else root
print("root_kind=" + str(root.get("/S")))
print("root_lang=" + str(root.get("/Lang")))
print("display_title=" + str(pdf.Root.ViewerPreferences.get("/DisplayDocTitle")))
print("marked=" + str(pdf.Root.MarkInfo.get("/Marked")))
print("info_created=" + str(pdf.docinfo.get("/CreationDate")))
"#;
    let output = run(
        "python3",
        &["-c", script, path_str(path)],
        "python3 with pikepdf",
    );
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        !stdout.contains("MISSING pikepdf"),
        "the Python package pikepdf is missing: python3 -m pip install pikepdf==10.17.0"
    );
    assert!(
        output.status.success(),
        "reading the metadata with pikepdf failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn field(meta: &HashMap<String, String>, key: &str) -> String {
    meta.get(key)
        .unwrap_or_else(|| panic!("no {key} in pikepdf output: {meta:?}"))
        .clone()
}

#[test]
fn the_file_claims_pdf_a_2a_in_the_documents_language() {
    for language in ["nb", "nn", "en"] {
        let mut doc = minutes(vec![paragraph("Deltakeren møtte.")]);
        doc.language = language.into();
        let (_dir, path) = written(&doc);
        let meta = metadata(&path);
        assert_eq!(field(&meta, "part"), "2", "XMP claims PDF/A part 2");
        assert_eq!(field(&meta, "conformance"), "A", "XMP claims level A");
        assert_eq!(field(&meta, "language"), language, "dc:language");
        assert_eq!(field(&meta, "lang"), language, "the catalog's /Lang");
        assert_eq!(field(&meta, "root_kind"), "/Document", "the structure root");
        assert_eq!(
            field(&meta, "root_lang"),
            language,
            "the structure root's /Lang"
        );
        assert_eq!(
            field(&meta, "display_title"),
            "True",
            "the viewer shows the title, not the file name"
        );
        assert_eq!(field(&meta, "marked"), "True", "the file is tagged");
    }
}

#[test]
fn the_creation_date_carries_the_documents_offset() {
    // (created, XMP CreateDate, document information CreationDate)
    let cases = [
        (
            created(2026, 1, 15, 9, 0, 60),
            "2026-01-15T09:00:00+01:00",
            "D:20260115090000+01'00",
        ),
        (
            created(2026, 7, 1, 14, 30, 120),
            "2026-07-01T14:30:00+02:00",
            "D:20260701143000+02'00",
        ),
        (
            created(2026, 11, 12, 8, 15, -5 * 60),
            "2026-11-12T08:15:00-05:00",
            "D:20261112081500-05'00",
        ),
        (
            created(2026, 3, 2, 23, 45, 5 * 60 + 30),
            "2026-03-02T23:45:00+05:30",
            "D:20260302234500+05'30",
        ),
    ];
    for (when, xmp, info) in cases {
        let mut doc = minutes(vec![paragraph("Deltakeren møtte.")]);
        doc.created = when;
        let (_dir, path) = written(&doc);
        let meta = metadata(&path);
        assert_eq!(field(&meta, "created"), xmp, "xmp:CreateDate for {when}");
        assert_eq!(
            field(&meta, "info_created"),
            info,
            "/CreationDate for {when}"
        );
    }
}

#[test]
fn undrawable_characters_names_what_no_bundled_font_has() {
    // (text, what no font has); the PDF shows U+FFFD exactly when the
    // list is not empty.
    let cases: &[(&str, &[char])] = &[
        ("Åse Ødegård møtte på NAV-kontoret.", &[]),
        (ARABIC_NAME, &[]),
        (ARABIC_NOTE, &[]),
        (TIGRINYA_NAME, &[]),
        (AMHARIC_NOTE, &[]),
        ("Ахмед Σοφία", &[]),
        ("ᏣᎳᎩ", &['Ꮳ', 'Ꮃ', 'Ꭹ']),
        ("Linear B: 𐀀𐀁 og 𐀀", &['𐀀', '𐀁']),
        ("myk\u{00AD}bindestrek og \u{200F}retningsmerke", &[]),
    ];
    for (text, missing) in cases {
        let doc = minutes(vec![paragraph(text)]);
        assert_eq!(
            undrawable_characters(&doc).expect("built-in fonts"),
            missing.to_vec(),
            "what no font has in {text:?}"
        );
        let (_dir, path) = written(&doc);
        let drawn = stdout_of(
            "pdftotext",
            &["-raw", "-enc", "UTF-8", path_str(&path), "-"],
            POPPLER,
        );
        assert_eq!(
            drawn.contains('\u{FFFD}'),
            !missing.is_empty(),
            "a replacement character is drawn exactly for what no font has, in {text:?}:\n{drawn}"
        );
    }
}
