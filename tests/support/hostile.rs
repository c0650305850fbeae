//! Hostile text for the property and end-to-end tests: strings that have
//! broken other programs (SQL, HTML, bidirectional overrides, lone
//! combining marks, NUL), impossible dates and ids at the edges of `i64`.

#![allow(dead_code)]

/// Fixed hostile samples, each one a known way to break a naive program.
pub const HOSTILE: &[&str] = &[
    "'; DROP TABLE participant; --",
    "Robert'); DROP TABLE contact;--",
    "\" OR 1=1 --",
    "1; DELETE FROM meeting",
    "' UNION SELECT identity_number FROM participant --",
    "%",
    "_",
    "\\",
    "%_\\%",
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "</td></tr><b>fet</b>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "${7*7}{{7*7}}<%= 7*7 %>",
    "&lt;b&gt; &amp; &#x3C;",
    "\u{202E}fdp.exe",
    "abc\u{200F}def\u{200E}",
    "\u{2066}isolert\u{2069}\u{2067}",
    "👨\u{200D}👩\u{200D}👧\u{200D}👦",
    "\u{0301}",
    "e\u{0301}\u{0301}\u{0301}\u{0308}",
    "🙂🇳🇴🏳\u{FE0F}\u{200D}🌈",
    "Ærlig Øystein Åsnes-Ødegård",
    "Zoë O'Brien \"Jr.\"",
    "أحمد محمد",
    "ኣማኑኤል",
    "\u{0}",
    "a\u{0}b",
    "\u{7}",
    "\u{1b}[31mrødt\u{1b}[0m",
    "linje 1\r\nlinje 2",
    "\t",
    "\u{85}",
    "\u{2028}\u{2029}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "\u{200B}",
    "\u{3000}",
    " ",
    "   ",
    "null",
    "NULL",
    "undefined",
    "-1",
    "0",
    "9223372036854775808",
];

/// Hostile samples without control characters: what a single-line field
/// must accept and store exactly.
pub fn single_line_samples() -> Vec<&'static str> {
    HOSTILE
        .iter()
        .copied()
        .filter(|s| !s.chars().any(char::is_control) && !s.trim().is_empty())
        .collect()
}

/// Dates that are not dates, or not plausible ones.
pub const BAD_DATES: &[&str] = &[
    "31.02.2026",
    "29.02.2025",
    "00.00.0000",
    "01.01.99999",
    "-1",
    "99999999999999999999999999999999",
    "01.13.2026",
    "32.01.2026",
    "1.1.1",
    "10.03.25",
    "2025-03-10",
    "10/03/2025",
    "10.03.2025.",
    "..",
    "１０.０３.２０２５",
    "٠١.٠١.٢٠٢٦",
    "+1.03.2025",
    "1e3.01.2026",
    "10.03.2025\u{0}",
    "10.\u{202E}03.2025",
    "01.01.-2026",
    "0x0A.03.2025",
];

/// Dates that are dates, some at the edges of what is accepted.
pub const GOOD_DATES: &[&str] = &[
    "10.03.2025",
    "1.3.2025",
    "10032025",
    " 29.02.2024 ",
    "01.01.1900",
    "31.12.1899",
    "01.01.0000",
    "22.11.2026",
    "23.11.2026",
    "31.12.9999",
];

/// One megabyte of text, for notes fields: long lines of hostile samples.
pub fn huge_text() -> String {
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0;
    while text.len() < (1 << 20) - 64 {
        text.push_str(HOSTILE[i % HOSTILE.len()]);
        text.push(if i % 7 == 0 { '\n' } else { ' ' });
        i += 1;
    }
    text
}
