//! The PDF/A checks every archive-grade document Introspor writes must
//! pass, by tools that share no code with the writer: qpdf (structure),
//! poppler's pdffonts and pdftotext (embedded fonts with a Unicode map,
//! extractable text) and pikepdf (the XMP claim of PDF/A-2a, title and
//! language). The minutes and the supervision report both go through it.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

const POPPLER: &str = "the Debian package poppler-utils";

/// Runs a tool, failing with what to install when it is missing.
pub fn run(program: &str, args: &[&str], install: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{program}` is not installed; install {install}")
        }
        Err(e) => panic!("could not run `{program}`: {e}"),
    }
}

/// A tool's standard output, failing when the tool does.
pub fn stdout_of(program: &str, args: &[&str], install: &str) -> String {
    let output = run(program, args, install);
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\n{}\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("tool output is UTF-8")
}

/// What the checks read from a PDF that passed them.
pub struct PdfA {
    /// The text, as pdftotext lays it out.
    pub text: String,
    /// The XMP title.
    pub title: String,
    /// The catalog's /Lang.
    pub lang: String,
}

/// Each font pdffonts lists: (name, embedded, has a Unicode map).
pub fn fonts(path: &Path) -> Vec<(String, bool, bool)> {
    let file = path.to_str().expect("UTF-8 path");
    let listing = stdout_of("pdffonts", &[file], POPPLER);
    // name, type (may hold spaces), encoding, emb, sub, uni, object, generation
    listing
        .lines()
        .skip(2)
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|fields| fields.len() >= 6)
        .map(|fields| {
            let n = fields.len();
            (
                fields[0].to_string(),
                fields[n - 5] == "yes",
                fields[n - 3] == "yes",
            )
        })
        .collect()
}

/// The XMP metadata and the catalog's language, as pikepdf reads them:
/// `part`, `conformance`, `title`, `language`, `creator`, `created`, `lang`.
pub fn metadata(path: &Path) -> HashMap<String, String> {
    let file = path.to_str().expect("UTF-8 path");
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
print("title=" + str(meta.get("dc:title")))
print("language=" + str(meta.get("dc:language")))
print("creator=" + str(meta.get("dc:creator")))
print("created=" + str(meta.get("xmp:CreateDate")))
print("lang=" + str(pdf.Root.get("/Lang")))
"#;
    let output = run("python3", &["-c", script, file], "python3");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        !stdout.contains("MISSING pikepdf"),
        "the Python package pikepdf is missing: pip install pikepdf (or apt install python3-pikepdf)"
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

/// Checks the PDF at `path` as PDF/A-2a and returns its text and title.
pub fn check_pdf_a(path: &Path) -> PdfA {
    let file = path.to_str().expect("UTF-8 path");
    let report = stdout_of("qpdf", &["--check", file], "the Debian package qpdf");
    assert!(
        report.contains("No syntax or stream encoding errors found"),
        "qpdf --check reports problems:\n{report}"
    );
    let fonts = fonts(path);
    assert!(!fonts.is_empty(), "the PDF uses fonts");
    for (name, embedded, unicode) in &fonts {
        assert!(embedded, "{name} must be embedded");
        assert!(unicode, "{name} needs a ToUnicode map");
    }
    let text = stdout_of(
        "pdftotext",
        &["-enc", "UTF-8", "-layout", file, "-"],
        POPPLER,
    );
    let meta = metadata(path);
    let field = |key: &str| -> String {
        meta.get(key)
            .unwrap_or_else(|| panic!("no {key} in pikepdf output: {meta:?}"))
            .clone()
    };
    assert_eq!(field("part"), "2", "XMP claims PDF/A part 2");
    assert_eq!(
        field("conformance"),
        "A",
        "XMP claims conformance level A (tagged)"
    );
    PdfA {
        text,
        title: field("title"),
        lang: field("lang"),
    }
}
