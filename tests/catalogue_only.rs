//! Everything the program says comes from the catalogues (`i18n/`): this
//! test reads the program's own source (the core, the shell and the
//! window's scripts, test modules left out) and fails on a string literal
//! that is Norwegian text, with the file and line.
//!
//! A literal counts as Norwegian when it holds æ, ø or å, or one of the
//! commonest Norwegian words that English does not use. Some files hold
//! Norwegian on purpose and are listed in [`DATA`] with the reason; every
//! other file says nothing Norwegian.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files whose Norwegian literals are data, not text the program says.
const DATA: &[(&str, &str)] = &[
    (
        "src-tauri/core/src/domain/statute.rs",
        "the statutory rules: Norwegian legal citations and the titles and addresses of their sources, quoted as published",
    ),
    (
        "src-tauri/core/src/demo_cooperation.rs",
        "the names of the demo register's fictional contacts (its texts are in `demo.toml`)",
    ),
    (
        "src-tauri/core/src/benchmark_data.rs",
        "the generated names of the benchmark register",
    ),
    (
        "src-tauri/core/src/domain/citation.rs",
        "the legal citations the deadlines name, quoted as published",
    ),
    (
        "src-tauri/core/src/import/cells.rs",
        "the cell values an imported spreadsheet may hold (a gender written out), in Bokmål, Nynorsk and English, to recognise",
    ),
];

/// Norwegian words that do not occur in English text or in code.
const WORDS: &[&str] = &[
    "ikke",
    "ble",
    "og",
    "skal",
    "må",
    "deltaker",
    "deltakeren",
    "deltakere",
    "frist",
    "fristen",
    "frister",
    "møte",
    "møtet",
    "referat",
    "referatet",
    "etter",
    "eller",
    "hvis",
    "finnes",
    "kunne",
    "lagre",
    "velg",
    "hendelse",
    "hendelsen",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &str, ending: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(ending) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The string literals of `source` with their line numbers: Rust's `"…"`
/// and `r#"…"#`, JavaScript's `"…"`, `'…'` and `` `…` `` (with `js`),
/// comments skipped.
fn literals(source: &str, js: bool) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let starts = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if starts(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if starts(i, "/*") {
            i += 2;
            while i < chars.len() && !starts(i, "*/") {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if !js
            && c == 'r'
            && (chars.get(i + 1) == Some(&'"') || chars.get(i + 1) == Some(&'#'))
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let start = j + 1;
            let mut k = start;
            while k < chars.len() && !starts(k, &close) {
                k += 1;
            }
            let text: String = chars[start..k.min(chars.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = k + close.chars().count();
        } else if c == '"' || (js && (c == '\'' || c == '`')) {
            let start = i + 1;
            let mut k = start;
            while k < chars.len() && chars[k] != c {
                k += if chars[k] == '\\' { 2 } else { 1 };
            }
            let text: String = chars[start..k.min(chars.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = k + 1;
        } else if !js && c == '\'' {
            // A char literal ('"', '\n') or a lifetime: step over it.
            if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else if chars.get(i + 1) == Some(&'\\') {
                i += 4;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a literal is an address or an identifier (`#/deltakere/ny`,
/// `deltaker` as a query parameter): one lowercase token, never shown.
fn is_identifier(text: &str) -> bool {
    text.starts_with("#/") && !text.contains(' ')
        || !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_lowercase() || c.is_ascii_digit() || "_-./#?=&${}".contains(c))
}

fn is_norwegian(text: &str) -> bool {
    if is_identifier(text) {
        return false;
    }
    text.chars().any(|c| "æøåÆØÅ".contains(c))
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| WORDS.contains(&word.to_lowercase().as_str()))
}

/// Norwegian literals per file (relative path), test modules left out.
fn norwegian_literals() -> BTreeMap<String, Vec<(usize, String)>> {
    let mut found = BTreeMap::new();
    let sources = files("src-tauri/core/src", ".rs")
        .into_iter()
        .chain(files("src-tauri/src", ".rs"))
        .map(|p| (p, false))
        .chain(files("ui/js", ".js").into_iter().map(|p| (p, true)));
    for (path, js) in sources {
        let source = std::fs::read_to_string(&path).unwrap();
        // Unit tests describe their cases in Norwegian where the program
        // does; they are not what the program says.
        let program = if js {
            source.as_str()
        } else {
            source
                .find("#[cfg(test)]")
                .map_or(source.as_str(), |at| &source[..at])
        };
        let hits: Vec<(usize, String)> = literals(program, js)
            .into_iter()
            .filter(|(_, text)| is_norwegian(text))
            .collect();
        if !hits.is_empty() {
            let relative = path
                .strip_prefix(root())
                .unwrap_or(Path::new(""))
                .to_string_lossy()
                .replace('\\', "/");
            found.insert(relative, hits);
        }
    }
    found
}

#[test]
fn no_norwegian_text_is_said_outside_the_catalogues() {
    let found = norwegian_literals();
    let unexpected: Vec<String> = found
        .iter()
        .filter(|(file, _)| !DATA.iter().any(|(data, _)| data == file))
        .flat_map(|(file, hits)| {
            hits.iter()
                .map(move |(line, text)| format!("{file}:{line}: {text:?}"))
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "Norwegian text outside the catalogues (put it in i18n/<language>/*.toml):\n{}",
        unexpected.join("\n")
    );
    // An exception that no longer holds any Norwegian is taken off, so the
    // list says only what is true.
    let stale: Vec<&str> = DATA
        .iter()
        .map(|(file, _)| *file)
        .filter(|file| !found.contains_key(*file))
        .collect();
    assert!(
        stale.is_empty(),
        "these data files hold no Norwegian any more: take them off DATA: {stale:?}"
    );
}

#[test]
fn the_scanner_finds_norwegian_and_leaves_code_alone() {
    let rust = r###"
        // «Ikke» in a comment is not said.
        let a = "Skriv datoen, ikke tallet.";
        let b = "SELECT id FROM participant";
        let c = r#"Møtet er låst"#;
        let d = '"';
        let e = "the deadline is overdue";
        /* "Slett" in a block comment */
        let f = "Velg hjemmel";
    "###;
    let found: Vec<String> = literals(rust, false)
        .into_iter()
        .filter(|(_, t)| is_norwegian(t))
        .map(|(line, t)| format!("{line}:{t}"))
        .collect();
    assert_eq!(
        found,
        [
            "3:Skriv datoen, ikke tallet.",
            "5:Møtet er låst",
            "9:Velg hjemmel"
        ]
    );
    let js = "const a = 'Lagre'; const b = `${x} og ${y}`; const c = \"#/deltakere/ny\"; // ikke";
    let found: Vec<String> = literals(js, true)
        .into_iter()
        .filter(|(_, t)| is_norwegian(t))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(found, ["Lagre", "${x} og ${y}"]);
}
