//! The minutes as a PDF/A-2b file.
//!
//! [`render_minutes_pdf`] lays the document out with [`layout`](super::layout)
//! and draws the pages with krilla, which checks the file against PDF/A-2b
//! while writing it and refuses to finish a file that would not conform.
//! Noto Sans Regular and Bold are built into the program and embedded
//! (subset) in every file, so the minutes look the same on every machine and
//! the text can be searched and copied, Norwegian letters included.
//!
//! The creation date and its offset from UTC come from the document;
//! nothing here reads the clock or the time zone, so the same document
//! always gives the same bytes.

use super::document::{Block, MinutesDocument, TableBlock};
use super::layout::{layout_minutes, DrawOp, PageLayout, PageStyle, TextMeasure, Tone, Weight};
use chrono::{Datelike, Offset, Timelike};
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// Noto Sans Regular (SIL Open Font License 1.1, see `assets/fonts/OFL.txt`).
static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSans-Regular.ttf"
));
/// Noto Sans Bold (SIL Open Font License 1.1, see `assets/fonts/OFL.txt`).
static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSans-Bold.ttf"
));

/// Shown instead of a character the fonts cannot draw.
const REPLACEMENT: char = '\u{FFFD}';
/// Recorded as the program that made the file.
const CREATOR: &str = "Introspor";

/// Why the minutes could not be made into a PDF.
///
/// Display texts are for logs: they name rules and fonts, never the
/// document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesPdfError {
    /// A font built into the program could not be read (a broken build).
    #[error("the built-in font {0} could not be read")]
    Font(&'static str),
    /// krilla refused the PDF/A-2b configuration.
    #[error("the PDF/A-2b configuration was refused: {0}")]
    Configuration(String),
    /// The file would not conform to PDF/A-2b; holds the names of the
    /// broken rules (krilla's `ValidationError` variants).
    #[error("the minutes would not be valid PDF/A-2b: {}", .0.join(", "))]
    NotPdfA(Vec<String>),
    /// krilla could not write the file for another reason.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// One of the two built-in fonts, read for measuring.
struct Face {
    charmap: Charmap<'static>,
    /// Advances in em (the metrics are for a size of 1).
    metrics: GlyphMetrics<'static>,
}

impl Face {
    fn new(bytes: &'static [u8], name: &'static str) -> Result<Self, MinutesPdfError> {
        let font = FontRef::new(bytes).map_err(|_| MinutesPdfError::Font(name))?;
        Ok(Face {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
        })
    }

    fn has(&self, c: char) -> bool {
        self.charmap.map(c).is_some()
    }

    fn advance(&self, c: char) -> f32 {
        let glyph = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        self.metrics.advance_width(glyph).unwrap_or(0.0)
    }
}

/// Measures text with the advance widths of the built-in Noto Sans.
struct NotoMeasure {
    regular: Face,
    bold: Face,
}

impl NotoMeasure {
    fn new() -> Result<Self, MinutesPdfError> {
        Ok(NotoMeasure {
            regular: Face::new(REGULAR, "Noto Sans Regular")?,
            bold: Face::new(BOLD, "Noto Sans Bold")?,
        })
    }

    /// The character as drawn: itself when both fonts have it, nothing for
    /// invisible formatting characters, otherwise a replacement character
    /// (PDF/A forbids drawing the font's "missing glyph").
    fn drawable(&self, c: char) -> Option<char> {
        match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}' => None,
            c if c.is_control() => Some(' '),
            '\u{E000}'..='\u{F8FF}' => Some(self.replacement()),
            c if self.regular.has(c) && self.bold.has(c) => Some(c),
            _ => Some(self.replacement()),
        }
    }

    fn replacement(&self) -> char {
        if self.regular.has(REPLACEMENT) && self.bold.has(REPLACEMENT) {
            REPLACEMENT
        } else {
            '?'
        }
    }

    fn clean(&self, text: &str) -> String {
        text.chars().filter_map(|c| self.drawable(c)).collect()
    }

    /// The document with every character the fonts cannot draw replaced.
    fn clean_document(&self, doc: &MinutesDocument) -> MinutesDocument {
        let clean = |s: &String| self.clean(s);
        MinutesDocument {
            title: clean(&doc.title),
            letterhead: doc.letterhead.iter().map(clean).collect(),
            author: clean(&doc.author),
            created: doc.created,
            language: doc.language.clone(),
            blocks: doc
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Heading { text } => Block::Heading { text: clean(text) },
                    Block::Subheading { text } => Block::Subheading { text: clean(text) },
                    Block::Paragraph { text } => Block::Paragraph { text: clean(text) },
                    Block::Notice { text } => Block::Notice { text: clean(text) },
                    Block::Facts { rows } => Block::Facts {
                        rows: rows.iter().map(|(l, v)| (clean(l), clean(v))).collect(),
                    },
                    Block::Table(table) => Block::Table(TableBlock {
                        headers: table.headers.iter().map(clean).collect(),
                        widths: table.widths.clone(),
                        rows: table
                            .rows
                            .iter()
                            .map(|row| row.iter().map(clean).collect())
                            .collect(),
                    }),
                })
                .collect(),
            signature: clean(&doc.signature),
        }
    }
}

impl TextMeasure for NotoMeasure {
    fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        text.chars().map(|c| face.advance(c)).sum::<f32>() * size
    }
}

/// The pages of the minutes as the PDF shows them (A4, Noto Sans), for a
/// preview that matches the file line for line.
pub fn layout_minutes_a4(doc: &MinutesDocument) -> Result<PageLayout, MinutesPdfError> {
    let measure = NotoMeasure::new()?;
    Ok(layout_minutes(
        &measure.clean_document(doc),
        &measure,
        &PageStyle::a4(),
    ))
}

/// Renders the minutes as a PDF/A-2b file: A4, Noto Sans embedded, with the
/// document's title, author, creation date and language as metadata.
///
/// Deterministic: the same document gives the same bytes.
pub fn render_minutes_pdf(doc: &MinutesDocument) -> Result<Vec<u8>, MinutesPdfError> {
    let measure = NotoMeasure::new()?;
    let layout = layout_minutes(&measure.clean_document(doc), &measure, &PageStyle::a4());

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| MinutesPdfError::Configuration(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let regular = Font::new(REGULAR.into(), 0).ok_or(MinutesPdfError::Font("Noto Sans Regular"))?;
    let bold = Font::new(BOLD.into(), 0).ok_or(MinutesPdfError::Font("Noto Sans Bold"))?;

    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(doc));
    let page_settings = PageSettings::from_wh(layout.width, layout.height)
        .ok_or_else(|| MinutesPdfError::Write("invalid page size".into()))?;
    for page in &layout.pages {
        let mut pdf_page = document.start_page_with(page_settings.clone());
        let mut surface = pdf_page.surface();
        for op in &page.ops {
            match op {
                DrawOp::Text(run) => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(run.tone)));
                    let font = match run.weight {
                        Weight::Regular => regular.clone(),
                        Weight::Bold => bold.clone(),
                    };
                    surface.draw_text(
                        Point::from_xy(run.x, run.y),
                        font,
                        run.size,
                        &run.text,
                        false,
                        TextDirection::LeftToRight,
                    );
                }
                DrawOp::Line {
                    from,
                    to,
                    width,
                    tone,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(*width, *tone)));
                        surface.draw_path(&path);
                    }
                }
                DrawOp::Frame {
                    x,
                    y,
                    width,
                    height,
                    stroke: stroke_width,
                    tone,
                } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(stroke(*stroke_width, *tone)));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    document.finish().map_err(write_error)
}

/// The colour of a tone.
fn color(tone: Tone) -> rgb::Color {
    match tone {
        Tone::Ink => rgb::Color::new(28, 31, 35),
        Tone::Muted => rgb::Color::new(88, 94, 102),
        Tone::Accent => rgb::Color::new(0, 70, 120),
        Tone::Rule => rgb::Color::new(178, 184, 191),
    }
}

fn fill(tone: Tone) -> Fill {
    Fill {
        paint: color(tone).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(width: f32, tone: Tone) -> Stroke {
    Stroke {
        paint: color(tone).into(),
        width,
        ..Stroke::default()
    }
}

/// Title, author, language and creation date, in the document information
/// and the XMP metadata.
fn metadata(doc: &MinutesDocument) -> Metadata {
    let mut metadata = Metadata::new()
        .title(doc.title.clone())
        .creator(CREATOR.to_string())
        .creation_date(creation_date(doc.created))
        .language(doc.language.clone());
    if !doc.author.trim().is_empty() {
        metadata = metadata.authors(vec![doc.author.clone()]);
    }
    metadata
}

/// The document's wall-clock time with its own offset from UTC, as the
/// PDF's creation date.
fn creation_date(created: chrono::DateTime<chrono::FixedOffset>) -> DateTime {
    let offset = created.offset().fix().local_minus_utc();
    // krilla takes the offset as signed hours and unsigned minutes, the
    // minutes carrying the hours' sign (-03:30 is -3 and 30). An offset of
    // less than an hour west of UTC has no such sign to carry; no zone in
    // use today has one.
    let hours = (offset / 3600) as i8;
    let minutes = (offset.abs() % 3600 / 60) as u8;
    DateTime::new(created.year().clamp(0, 9999) as u16)
        .month(created.month() as u8)
        .day(created.day() as u8)
        .hour(created.hour() as u8)
        .minute(created.minute() as u8)
        .second(created.second().min(59) as u8)
        .utc_offset_hour(hours)
        .utc_offset_minute(minutes)
}

/// krilla's error, named without the document's text.
fn write_error(error: krilla::error::KrillaError) -> MinutesPdfError {
    use krilla::error::KrillaError;
    match error {
        KrillaError::Validation(problems) => {
            let mut names: Vec<String> = problems
                .iter()
                .map(|(problem, _)| variant_name(&format!("{problem:?}")))
                .collect();
            names.dedup();
            MinutesPdfError::NotPdfA(names)
        }
        KrillaError::Font(_, message) => MinutesPdfError::Write(format!("font: {message}")),
        KrillaError::Limit(limit) => MinutesPdfError::Write(format!("limit: {limit:?}")),
        other => MinutesPdfError::Write(variant_name(&format!("{other:?}"))),
    }
}

/// The variant name at the start of a `Debug` text, without its fields
/// (which may hold the document's text).
fn variant_name(debug: &str) -> String {
    debug
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<FixedOffset> {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
            .and_local_timezone(FixedOffset::east_opt(3600).unwrap())
            .unwrap()
    }

    #[test]
    fn the_creation_date_keeps_its_offset() {
        let cases = [
            (3600, (1, 0)),
            (7200, (2, 0)),
            (-5 * 3600, (-5, 0)),
            (5 * 3600 + 1800, (5, 30)),
            (-(3 * 3600 + 1800), (-3, 30)),
        ];
        for (seconds, (hours, minutes)) in cases {
            let offset = FixedOffset::east_opt(seconds).unwrap();
            let created = at(2026, 11, 12, 14, 30).with_timezone(&offset);
            let date = creation_date(created);
            let expected = DateTime::new(created.year() as u16)
                .month(created.month() as u8)
                .day(created.day() as u8)
                .hour(created.hour() as u8)
                .minute(created.minute() as u8)
                .second(0)
                .utc_offset_hour(hours)
                .utc_offset_minute(minutes);
            assert_eq!(date, expected, "offset of {seconds} s");
        }
    }

    #[test]
    fn characters_the_fonts_lack_are_replaced_and_invisible_ones_dropped() {
        let measure = NotoMeasure::new().expect("built-in fonts");
        assert_eq!(
            measure.clean("æøå ÆØÅ é ü ß"),
            "æøå ÆØÅ é ü ß",
            "Latin letters stay"
        );
        assert_eq!(
            measure.clean("a\tb\r\nc"),
            "a b \nc",
            "tabs become spaces, \\n stays"
        );
        assert_eq!(
            measure.clean("myk\u{00AD}bindestrek\u{200B}"),
            "mykbindestrek"
        );
        let cleaned = measure.clean("\u{E000}");
        assert_ne!(cleaned, "\u{E000}", "private-use characters are replaced");
    }

    #[test]
    fn noto_advances_are_plausible() {
        let measure = NotoMeasure::new().expect("built-in fonts");
        let regular = measure.width("Trekantmøte", Weight::Regular, 10.0);
        let bold = measure.width("Trekantmøte", Weight::Bold, 10.0);
        assert!(
            (40.0..80.0).contains(&regular),
            "11 letters at 10 pt are about 60 pt wide, got {regular}"
        );
        assert!(bold > regular, "bold is wider than regular");
        assert_eq!(measure.width("", Weight::Regular, 10.0), 0.0);
    }

    fn small_minutes(text: &str) -> MinutesDocument {
        MinutesDocument {
            title: "Referat".into(),
            letterhead: vec!["Eksempel kommune".into()],
            author: "Kari Nordmann".into(),
            created: at(2026, 11, 12, 14, 30),
            language: "nb".into(),
            blocks: vec![Block::Paragraph { text: text.into() }],
            signature: "Referent: Kari Nordmann".into(),
        }
    }

    #[test]
    fn text_the_fonts_cannot_draw_still_gives_a_valid_file() {
        // Names in other scripts, emoji and control characters must not make
        // the PDF/A validator refuse the file.
        for text in [
            "Åse Ødegård møtte.",
            "Navn: أحمد محمد, ኣማኑኤል, Ахмед",
            "Smil 🙂 og\u{0}nullbyte\u{FEFF}",
            "",
        ] {
            let bytes = render_minutes_pdf(&small_minutes(text))
                .unwrap_or_else(|e| panic!("{text:?} must render: {e}"));
            assert!(
                bytes.starts_with(b"%PDF-1.7"),
                "PDF/A-2b is written as PDF 1.7"
            );
        }
    }

    #[test]
    fn the_preview_layout_matches_the_pdf_pages() {
        let doc = small_minutes("Én linje");
        let layout = layout_minutes_a4(&doc).expect("layout");
        assert_eq!(layout.pages.len(), 1, "a short document is one page");
        assert!(
            layout.pages[0].texts().any(|t| t.text == "Side 1 av 1"),
            "the preview has the footer"
        );
    }

    #[test]
    fn variant_names_leave_out_the_fields() {
        assert_eq!(
            variant_name("ContainsNotDefGlyph(Font { .. }, None, \"Åse\")"),
            "ContainsNotDefGlyph"
        );
        assert_eq!(variant_name("NoDocumentLanguage"), "NoDocumentLanguage");
    }
}
