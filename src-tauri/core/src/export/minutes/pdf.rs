//! The minutes as a tagged, accessible PDF/A-2a file.
//!
//! [`render_minutes_pdf`] lays the document out with [`layout`](super::layout)
//! and draws the pages with krilla, which checks the file against PDF/A-2a
//! while writing it and refuses to finish a file that would not conform.
//!
//! Fonts: Noto Sans, Noto Sans Arabic and Noto Sans Ethiopic, Regular and
//! Bold, are built into the program and embedded (subset) in every file that
//! uses them, so the minutes look the same on every machine and the text
//! can be searched and copied, Norwegian letters and names in Arabic or
//! Ge'ez script included. Each run of a line (one script, one direction) is
//! set in the first of the three that has its characters, shaped with
//! rustybuzz (joining forms for Arabic), and the runs are put in visual
//! order by the Unicode bidirectional algorithm (`unicode-bidi`). What no
//! font has is drawn as U+FFFD; [`undrawable_characters`] tells which
//! characters those are before the file is written.
//!
//! Structure: the file is tagged. The title is `H1`, headings `H2`,
//! subheadings `H3`, paragraphs, notices and the signature `P`, a facts
//! block a table of rows whose label is a row header (`TH`, scope row) and
//! whose value is a `TD`, a table `Table` with its header row in `THead` as
//! `TH` (scope column) and its rows in `TBody`. The letterhead, the running
//! footer, the page numbers, rules, frames and a table header repeated on a
//! following page are artifacts. The document language is set on the
//! catalog, on the structure tree's root and in the XMP metadata.
//!
//! The creation date and its offset from UTC come from the document;
//! nothing here reads the clock or the time zone, so the same document
//! always gives the same bytes.

use super::document::{Block, MinutesDocument};
use super::layout::{
    layout_minutes, DrawOp, PageLayout, PageStyle, TextMeasure, TextRole, TextRun, Tone, Weight,
};
use chrono::{Datelike, Offset, Timelike};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use rustybuzz::ShapePlan;
use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU16;
use std::ops::Range;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};
use unicode_script::{Script, UnicodeScript};

/// Noto Sans Regular (SIL Open Font License 1.1, see `assets/fonts/OFL.txt`).
static LATIN_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSans-Regular.ttf"
));
/// Noto Sans Bold (SIL Open Font License 1.1).
static LATIN_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSans-Bold.ttf"
));
/// Noto Sans Arabic Regular (SIL Open Font License 1.1).
static ARABIC_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSansArabic-Regular.ttf"
));
/// Noto Sans Arabic Bold (SIL Open Font License 1.1).
static ARABIC_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSansArabic-Bold.ttf"
));
/// Noto Sans Ethiopic Regular (SIL Open Font License 1.1).
static ETHIOPIC_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSansEthiopic-Regular.ttf"
));
/// Noto Sans Ethiopic Bold (SIL Open Font License 1.1).
static ETHIOPIC_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoSansEthiopic-Bold.ttf"
));

/// Shown instead of a character the fonts cannot draw.
const REPLACEMENT: char = '\u{FFFD}';
/// Recorded as the program that made the file.
const CREATOR: &str = "Introspor";
/// The validator krilla checks the file against while writing it.
const ARCHIVAL: Archival = Archival::A2_A;

/// Why the minutes could not be made into a PDF.
///
/// Display texts are for logs: they name rules and fonts, never the
/// document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesPdfError {
    /// A font built into the program could not be read (a broken build).
    #[error("the built-in font {0} could not be read")]
    Font(&'static str),
    /// krilla refused the PDF/A-2a configuration.
    #[error("the PDF/A-2a configuration was refused: {0}")]
    Configuration(String),
    /// The file would not conform to PDF/A-2a; holds the names of the
    /// broken rules (krilla's `ValidationError` variants).
    #[error("the minutes would not be valid PDF/A-2a: {}", .0.join(", "))]
    NotPdfA(Vec<String>),
    /// krilla could not write the file for another reason.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// One built-in font: read for shaping, and as krilla embeds it.
struct Face {
    shaper: rustybuzz::Face<'static>,
    pdf: Font,
    units_per_em: f32,
}

impl Face {
    fn new(bytes: &'static [u8], name: &'static str) -> Result<Self, MinutesPdfError> {
        let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or(MinutesPdfError::Font(name))?;
        let pdf = Font::new(bytes.into(), 0).ok_or(MinutesPdfError::Font(name))?;
        let units_per_em = shaper.units_per_em() as f32;
        Ok(Face {
            shaper,
            pdf,
            units_per_em,
        })
    }

    fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

/// A font family in the two weights the document uses.
struct Family {
    regular: Face,
    bold: Face,
}

impl Family {
    fn new(
        regular: &'static [u8],
        bold: &'static [u8],
        names: [&'static str; 2],
    ) -> Result<Self, MinutesPdfError> {
        Ok(Family {
            regular: Face::new(regular, names[0])?,
            bold: Face::new(bold, names[1])?,
        })
    }

    /// Whether both weights have the character, so that a heading and a
    /// paragraph draw the same text alike.
    fn has(&self, c: char) -> bool {
        self.regular.has(c) && self.bold.has(c)
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// A piece of a line set in one go: one font, one script, one direction.
struct Piece {
    /// The piece's bytes in the line's text, which is in logical order.
    range: Range<usize>,
    /// Index into [`Fonts::families`].
    family: usize,
    /// Glyphs in visual order, their text ranges relative to `range`.
    glyphs: Vec<KrillaGlyph>,
    /// Advance of the whole piece, in em.
    width: f32,
    /// Shaped right to left: the glyphs run from the piece's last
    /// character to its first.
    rtl: bool,
}

/// The shaping plans already made, by family, weight, direction and script:
/// making a plan compiles the font's lookups, so it is done once per
/// document, not once per word measured.
type PlanKey = (usize, Weight, bool, [u8; 4]);

/// The built-in fonts, in the order they are tried: Noto Sans (Latin,
/// Greek, Cyrillic), Noto Sans Arabic, Noto Sans Ethiopic.
struct Fonts {
    families: [Family; 3],
    plans: RefCell<HashMap<PlanKey, ShapePlan>>,
    /// Widths in em of the short texts measured so far, by weight.
    widths: RefCell<HashMap<(Weight, String), f32>>,
}

/// The longest text whose width [`Fonts`] remembers: a word or two.
const MEASURE_CACHE_MAX_BYTES: usize = 48;

impl Fonts {
    fn new() -> Result<Self, MinutesPdfError> {
        Ok(Fonts {
            families: [
                Family::new(
                    LATIN_REGULAR,
                    LATIN_BOLD,
                    ["Noto Sans Regular", "Noto Sans Bold"],
                )?,
                Family::new(
                    ARABIC_REGULAR,
                    ARABIC_BOLD,
                    ["Noto Sans Arabic Regular", "Noto Sans Arabic Bold"],
                )?,
                Family::new(
                    ETHIOPIC_REGULAR,
                    ETHIOPIC_BOLD,
                    ["Noto Sans Ethiopic Regular", "Noto Sans Ethiopic Bold"],
                )?,
            ],
            plans: RefCell::new(HashMap::new()),
            widths: RefCell::new(HashMap::new()),
        })
    }

    /// Whether some font has the character.
    fn has(&self, c: char) -> bool {
        self.families.iter().any(|family| family.has(c))
    }

    /// The character as drawn: itself when a font has it, nothing for
    /// invisible formatting characters, otherwise a replacement character
    /// (PDF/A forbids drawing a font's "missing glyph").
    fn drawable(&self, c: char) -> Option<char> {
        match classify(c) {
            Class::Kept => Some(c),
            Class::Space => Some(' '),
            Class::Dropped => None,
            Class::Replaced => Some(self.replacement()),
            Class::Font if self.has(c) => Some(c),
            Class::Font => Some(self.replacement()),
        }
    }

    fn replacement(&self) -> char {
        if self.families[0].has(REPLACEMENT) {
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
        let mut clean = doc.clone();
        for_each_drawn_text(&mut clean, |text| *text = self.clean(text));
        clean
    }

    /// The pieces of a line (logical order, as laid out) in visual order,
    /// shaped: the line is reordered by the Unicode bidirectional algorithm
    /// from the given base direction (`None`: from its first strong
    /// character), and every level run is split where the font or the
    /// script changes.
    fn shape_line(&self, text: &str, weight: Weight, rtl_base: Option<bool>) -> Vec<Piece> {
        let mut pieces = Vec::new();
        if text.is_empty() {
            return pieces;
        }
        if rtl_base != Some(true) && !text.chars().any(needs_bidi) {
            // Left-to-right text without a right-to-left character is one
            // level run: the common case, spared the algorithm's tables.
            for (range, family, script) in self.itemize(text, 0..text.len()) {
                pieces.push(self.shape(text, range, family, script, weight, false));
            }
            return pieces;
        }
        let level = rtl_base.map(|rtl| if rtl { Level::rtl() } else { Level::ltr() });
        let bidi = ParagraphBidiInfo::new(text, level);
        let (levels, runs) = bidi.visual_runs(0..text.len());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut items = self.itemize(text, run);
            if rtl {
                // Within a right-to-left run the first piece in logical
                // order is the rightmost on the page.
                items.reverse();
            }
            for (range, family, script) in items {
                pieces.push(self.shape(text, range, family, script, weight, rtl));
            }
        }
        pieces
    }

    /// Splits `range` of `text` where the font or the script changes, in
    /// logical order. A character goes to the first font that has it;
    /// marks, joiners and characters of no script of their own (spaces,
    /// punctuation, digits) stay in the running font and script when that
    /// font has them, so that a word is shaped in one piece (Arabic letters
    /// join across it) and a mark never leaves its letter.
    fn itemize(&self, text: &str, range: Range<usize>) -> Vec<(Range<usize>, usize, Script)> {
        let mut items: Vec<(Range<usize>, usize, Script)> = Vec::new();
        for (offset, c) in text[range.clone()].char_indices() {
            let start = range.start + offset;
            let end = start + c.len_utf8();
            let script = c.script();
            if let Some((current, family, run_script)) = items.last_mut() {
                let joiner = classify(c) == Class::Kept;
                if joiner || (neutral_script(script) && self.families[*family].has(c)) {
                    current.end = end;
                    continue;
                }
                if self.family_for(c) == *family
                    && (script == *run_script || neutral_script(*run_script))
                {
                    *run_script = script;
                    current.end = end;
                    continue;
                }
            }
            items.push((start..end, self.family_for(c), script));
        }
        items
    }

    /// The first family that has `c`; Noto Sans for a character no font has
    /// (it is a replacement character by now, which Noto Sans has).
    fn family_for(&self, c: char) -> usize {
        self.families
            .iter()
            .position(|family| family.has(c))
            .unwrap_or(0)
    }

    /// Shapes `range` of `text` in one font and direction.
    fn shape(
        &self,
        text: &str,
        range: Range<usize>,
        family: usize,
        script: Script,
        weight: Weight,
        rtl: bool,
    ) -> Piece {
        let face = self.families[family].face(weight);
        let piece = &text[range.clone()];
        let tag = script_tag(script);
        let script =
            rustybuzz::Script::from_iso15924_tag(rustybuzz::ttf_parser::Tag::from_bytes(&tag));
        let direction = if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(piece);
        buffer.set_direction(direction);
        if let Some(script) = script {
            buffer.set_script(script);
        }
        let mut plans = self.plans.borrow_mut();
        let plan = plans
            .entry((family, weight, rtl, tag))
            .or_insert_with(|| ShapePlan::new(&face.shaper, direction, script, None, &[]));
        let output = rustybuzz::shape_with_plan(&face.shaper, plan, buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let em = face.units_per_em;
        // A glyph's text runs from its cluster's start to the next cluster
        // start in logical order (or the end of the piece): clusters are
        // monotonic in the output, rising left to right and falling right
        // to left, so the sorted starts give every end.
        let mut starts: Vec<usize> = infos.iter().map(|info| info.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0.0;
        for (info, position) in infos.iter().zip(positions) {
            let start = info.cluster as usize;
            let end = match starts.binary_search(&start) {
                Ok(at) => starts.get(at + 1).copied().unwrap_or(piece.len()),
                Err(_) => piece.len(),
            };
            let advance = position.x_advance as f32 / em;
            width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                position.x_offset as f32 / em,
                position.y_offset as f32 / em,
                position.y_advance as f32 / em,
                start..end,
                None,
            ));
        }
        Piece {
            range,
            family,
            glyphs,
            width,
            rtl,
        }
    }
}

/// The script's ISO 15924 tag ("Arab", "Ethi", "Latn"; "Zyyy" for none).
fn script_tag(script: Script) -> [u8; 4] {
    let name = script.short_name().as_bytes();
    let mut tag = *b"Zyyy";
    if name.len() == 4 {
        tag.copy_from_slice(name);
    }
    tag
}

/// Whether a script is no script of its own (spaces, digits, marks).
fn neutral_script(script: Script) -> bool {
    matches!(script, Script::Common | Script::Inherited | Script::Unknown)
}

/// Whether a character can change the order of a line: a right-to-left
/// letter, an Arabic digit or an explicit direction control.
fn needs_bidi(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        BidiClass::R
            | BidiClass::AL
            | BidiClass::AN
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::LRE
            | BidiClass::LRO
            | BidiClass::LRI
            | BidiClass::PDF
            | BidiClass::PDI
    )
}

/// How the PDF treats a character before looking at the fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Drawn as it is, whatever the fonts say: the line break, and the
    /// zero-width joiner and non-joiner, which shaping needs (Persian
    /// writes words with a non-joiner inside) and which draw nothing.
    Kept,
    /// Drawn as a space: tabs and other control characters.
    Space,
    /// Not drawn: soft hyphens, zero-width spaces, direction marks and
    /// embeddings, invisible operators and the byte order mark.
    Dropped,
    /// Always replaced: private-use characters mean nothing outside the
    /// program that made them.
    Replaced,
    /// Drawn when a font has it.
    Font,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\u{200C}' | '\u{200D}' => Class::Kept,
        '\t' | '\r' => Class::Space,
        '\u{00AD}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}' => Class::Dropped,
        c if c.is_control() => Class::Space,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}' => {
            Class::Replaced
        }
        _ => Class::Font,
    }
}

/// Calls `f` on every text of the document that is drawn on a page (the
/// author is metadata only; it is drawn as part of the signature).
fn for_each_drawn_text(doc: &mut MinutesDocument, mut f: impl FnMut(&mut String)) {
    f(&mut doc.title);
    doc.letterhead.iter_mut().for_each(&mut f);
    for block in &mut doc.blocks {
        match block {
            Block::Heading { text }
            | Block::Subheading { text }
            | Block::Paragraph { text }
            | Block::Notice { text } => f(text),
            Block::Facts { rows } => {
                for (label, value) in rows {
                    f(label);
                    f(value);
                }
            }
            Block::Table(table) => {
                table.headers.iter_mut().for_each(&mut f);
                table.rows.iter_mut().flatten().for_each(&mut f);
            }
        }
    }
    f(&mut doc.signature);
}

/// The characters of `doc` that none of the built-in fonts can draw, each
/// once, in the order they first appear; empty when the whole document can
/// be printed as typed.
///
/// The PDF shows each of them as a replacement character (�), so the shell
/// can ask this before writing the file and warn the caseworker which
/// characters will not come out (for example an emoji, or a name in a
/// script such as Cherokee that no bundled font covers). Latin, Greek,
/// Cyrillic, Arabic-script and Ge'ez (Tigrinya, Amharic) text is drawable.
/// Invisible formatting characters that the PDF leaves out on purpose (soft
/// hyphens, zero-width spaces, direction marks) and control characters
/// (drawn as spaces) are not counted; private-use characters always are.
/// Only drawn text is looked at: the title, letterhead, body and signature,
/// not the author, which is metadata.
pub fn undrawable_characters(doc: &MinutesDocument) -> Result<Vec<char>, MinutesPdfError> {
    let fonts = Fonts::new()?;
    let mut found = Vec::new();
    let mut copy = doc.clone();
    for_each_drawn_text(&mut copy, |text| {
        for c in text.chars() {
            let undrawable = match classify(c) {
                Class::Replaced => true,
                Class::Font => !fonts.has(c),
                Class::Kept | Class::Space | Class::Dropped => false,
            };
            if undrawable && !found.contains(&c) {
                found.push(c);
            }
        }
    });
    Ok(found)
}

impl TextMeasure for Fonts {
    fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        // Line breaking measures the same words and spaces over and over;
        // shaping is what costs, so short texts are measured once per
        // document. Long ones (whole lines) are rarely asked twice.
        let cacheable = text.len() <= MEASURE_CACHE_MAX_BYTES;
        if cacheable {
            if let Some(em) = self.widths.borrow().get(&(weight, text.to_string())) {
                return em * size;
            }
        }
        let em: f32 = self
            .shape_line(text, weight, None)
            .iter()
            .map(|piece| piece.width)
            .sum();
        if cacheable {
            self.widths
                .borrow_mut()
                .insert((weight, text.to_string()), em);
        }
        em * size
    }
}

/// The pages of the minutes as the PDF shows them (A4, the built-in
/// fonts), for a preview that matches the file line for line.
pub fn layout_minutes_a4(doc: &MinutesDocument) -> Result<PageLayout, MinutesPdfError> {
    let fonts = Fonts::new()?;
    Ok(layout_minutes(
        &fonts.clean_document(doc),
        &fonts,
        &PageStyle::a4(),
    ))
}

/// Renders the minutes as a tagged PDF/A-2a file: A4, the fonts it needs
/// embedded, a structure tree in reading order, and the document's title,
/// author, creation date (with its offset from UTC) and language as
/// metadata. The title is shown in the viewer's title bar.
///
/// Deterministic: the same document gives the same bytes.
pub fn render_minutes_pdf(doc: &MinutesDocument) -> Result<Vec<u8>, MinutesPdfError> {
    let fonts = Fonts::new()?;
    let clean = fonts.clean_document(doc);
    let layout = layout_minutes(&clean, &fonts, &PageStyle::a4());

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(ARCHIVAL)
        // krilla 0.8.2 writes ViewerPreferences /DisplayDocTitle only for
        // PDF/UA-1, so the file is also checked against (and claims)
        // PDF/UA-1, whose machine-checkable rules the tagging below meets.
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| MinutesPdfError::Configuration(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };

    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(doc));
    let page_settings = PageSettings::from_wh(layout.width, layout.height)
        .ok_or_else(|| MinutesPdfError::Write("invalid page size".into()))?;
    let mut content = Content::default();
    for (page_index, page) in layout.pages.iter().enumerate() {
        let mut pdf_page = document.start_page_with(page_settings.clone());
        let mut surface = pdf_page.surface();
        for op in &page.ops {
            match op {
                DrawOp::Text(run) if run.role.is_artifact() => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(artifact_kind(
                        run.role,
                    ))));
                    draw_text(&mut surface, &fonts, run);
                    surface.end_tagged();
                }
                DrawOp::Text(run) => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    draw_text(&mut surface, &fonts, run);
                    surface.end_tagged();
                    content.add(run.role, id, page_index, run);
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
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                            ArtifactType::Layout,
                        )));
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(*width, *tone)));
                        surface.draw_path(&path);
                        surface.end_tagged();
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
                            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                                ArtifactType::Layout,
                            )));
                            surface.set_fill(None);
                            surface.set_stroke(Some(stroke(*stroke_width, *tone)));
                            surface.draw_path(&path);
                            surface.end_tagged();
                        }
                    }
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    document.set_outline(outline(&clean, &content));
    document.set_tag_tree(tag_tree(&clean, content));
    document.finish().map_err(write_error)
}

/// Draws one line: its pieces placed in visual order from the run's left
/// edge, each in its own font, but written to the page's content in
/// logical order.
///
/// The page shows the reordered line, while whatever reads the content in
/// the order it is written (text extraction, the structure tree's text,
/// screen readers) meets the text as it was typed: the pieces go in the
/// order of their text, and a right-to-left piece goes cluster by cluster
/// from its right end, each cluster placed where it is shown. Left-to-right
/// pieces are written whole. No glyph string is written backwards, so no
/// reader has to reverse one (the "ReversedChars" convention).
fn draw_text(surface: &mut Surface<'_>, fonts: &Fonts, run: &TextRun) {
    surface.set_stroke(None);
    surface.set_fill(Some(fill(run.tone)));
    let mut placed = Vec::new();
    let mut x = run.x;
    for piece in fonts.shape_line(&run.text, run.weight, Some(run.rtl)) {
        let width = piece.width * run.size;
        placed.push((x, piece));
        x += width;
    }
    let line_end = x;
    placed.sort_by_key(|(_, piece)| piece.range.start);
    for (x, piece) in &placed {
        let font = fonts.families[piece.family].face(run.weight).pdf.clone();
        let text = &run.text[piece.range.clone()];
        if !piece.rtl {
            surface.draw_glyphs(
                Point::from_xy(*x, run.y),
                &piece.glyphs,
                font,
                text,
                run.size,
                false,
            );
            continue;
        }
        // The clusters of a right-to-left piece, left to right with their
        // positions; written from the last (the first typed) to the first.
        let mut clusters: Vec<(f32, &[KrillaGlyph])> = Vec::new();
        let mut cluster_x = *x;
        let mut start = 0;
        while start < piece.glyphs.len() {
            let range = &piece.glyphs[start].text_range;
            let len = piece.glyphs[start..]
                .iter()
                .take_while(|glyph| glyph.text_range == *range)
                .count();
            let glyphs = &piece.glyphs[start..start + len];
            clusters.push((cluster_x, glyphs));
            cluster_x += glyphs.iter().map(|g| g.x_advance).sum::<f32>() * run.size;
            start += len;
        }
        for (cluster_x, glyphs) in clusters.into_iter().rev() {
            surface.draw_glyphs(
                Point::from_xy(cluster_x, run.y),
                glyphs,
                font.clone(),
                text,
                run.size,
                false,
            );
        }
    }
    if run.space_after {
        // The word break the layout dropped at the end of the line, at the
        // line's logical end: right of a left-to-right line, left of a
        // right-to-left one. A space draws nothing.
        let space = fonts.shape(" ", 0..1, 0, Script::Common, run.weight, false);
        let width = space.width * run.size;
        let x = if run.rtl { run.x - width } else { line_end };
        surface.draw_glyphs(
            Point::from_xy(x, run.y),
            &space.glyphs,
            fonts.families[0].face(run.weight).pdf.clone(),
            " ",
            run.size,
            false,
        );
    }
}

/// The kind of page furniture a text role is.
fn artifact_kind(role: TextRole) -> ArtifactType {
    match role {
        TextRole::Letterhead => ArtifactType::Header,
        TextRole::Footer => ArtifactType::Footer,
        TextRole::PageNumber => ArtifactType::PageNumber,
        // A repeated table header, and (never asked) anything else.
        _ => ArtifactType::PaginationOther,
    }
}

/// The marked content of every line of content text, by what it is part
/// of, in reading order.
#[derive(Default)]
struct Content {
    lines: HashMap<TextRole, Vec<Identifier>>,
    /// Where each part's first line is: page index and the top left of
    /// the line, for the outline's destinations.
    starts: HashMap<TextRole, (usize, Point)>,
}

impl Content {
    fn add(&mut self, role: TextRole, id: Identifier, page: usize, run: &TextRun) {
        self.lines.entry(role).or_default().push(id);
        self.starts
            .entry(role)
            .or_insert_with(|| (page, Point::from_xy(run.x, (run.y - run.size).max(0.0))));
    }

    /// A structure element holding the lines of `role` (none for an empty
    /// table cell, which stays an element so that columns line up).
    fn group(&mut self, tag: impl Into<krilla::tagging::TagKind>, role: TextRole) -> TagGroup {
        let children = self
            .lines
            .remove(&role)
            .unwrap_or_default()
            .into_iter()
            .map(Node::Leaf)
            .collect();
        TagGroup::with_children(tag, children)
    }

    /// Like [`Content::group`], but nothing for a role without lines (an
    /// empty paragraph or heading).
    fn element(
        &mut self,
        tag: impl Into<krilla::tagging::TagKind>,
        role: TextRole,
    ) -> Option<Node> {
        let group = self.group(tag, role);
        (!group.children.is_empty()).then_some(Node::Group(group))
    }
}

/// The outline (bookmarks) of the document: the title, the headings under
/// it and each heading's subheadings under that, each pointing at its first
/// line. Readers and screen readers use it to move through the minutes.
fn outline(doc: &MinutesDocument, content: &Content) -> Outline {
    let node = |text: &str, role| {
        content.starts.get(&role).map(|&(page, point)| {
            OutlineNode::new(text.trim().to_string(), XyzDestination::new(page, point))
        })
    };
    let mut headings: Vec<OutlineNode> = Vec::new();
    let mut current: Option<OutlineNode> = None;
    for (index, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { text } => {
                if let Some(node) = node(text, TextRole::Block(index)) {
                    headings.extend(current.replace(node));
                }
            }
            Block::Subheading { text } => {
                if let Some(sub) = node(text, TextRole::Block(index)) {
                    match current.as_mut() {
                        Some(heading) => heading.push_child(sub),
                        None => headings.push(sub),
                    }
                }
            }
            _ => {}
        }
    }
    headings.extend(current);
    let mut outline = Outline::new();
    match node(&doc.title, TextRole::Title) {
        Some(mut title) => {
            for heading in headings {
                title.push_child(heading);
            }
            outline.push_child(title.with_open(true));
        }
        None => headings
            .into_iter()
            .for_each(|heading| outline.push_child(heading)),
    }
    outline
}

/// A heading of `level` with its text as the element's title.
fn heading_tag(level: u16, text: &str) -> Tag<krilla::tagging::kind::Hn> {
    let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
    Tag::Hn(level, Some(text.trim().to_string()))
}

/// The structure tree of the document (with every character already made
/// drawable, as the pages show it), in reading order: title, body,
/// signature. Page furniture is not in it.
fn tag_tree(doc: &MinutesDocument, mut content: Content) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(doc.language.clone()));
    tree.children
        .extend(content.element(heading_tag(1, &doc.title), TextRole::Title));
    // A subheading before any heading is one level under the title, so
    // that no heading level is skipped.
    let mut seen_heading = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        let role = TextRole::Block(index);
        match block {
            Block::Heading { text } => {
                seen_heading = true;
                tree.children
                    .extend(content.element(heading_tag(2, text), role));
            }
            Block::Subheading { text } => {
                let level = if seen_heading { 3 } else { 2 };
                tree.children
                    .extend(content.element(heading_tag(level, text), role));
            }
            Block::Paragraph { .. } | Block::Notice { .. } => {
                tree.children.extend(content.element(Tag::P, role));
            }
            Block::Facts { rows } => {
                // Label and value: each row's label is the header of its row.
                let mut table = TagGroup::new(Tag::Table);
                for row in 0..rows.len() {
                    let cell = |column| TextRole::Cell {
                        block: index,
                        row: Some(row),
                        column,
                    };
                    let mut tr = TagGroup::new(Tag::TR);
                    tr.push(content.group(Tag::TH(TableHeaderScope::Row), cell(0)));
                    tr.push(content.group(Tag::TD, cell(1)));
                    table.push(tr);
                }
                if !table.children.is_empty() {
                    tree.push(table);
                }
            }
            Block::Table(table) => {
                let columns = table.column_count();
                let cell = |row, column| TextRole::Cell {
                    block: index,
                    row,
                    column,
                };
                let mut head_row = TagGroup::new(Tag::TR);
                for column in 0..columns {
                    head_row
                        .push(content.group(Tag::TH(TableHeaderScope::Column), cell(None, column)));
                }
                let mut group = TagGroup::new(Tag::Table);
                group.push(TagGroup::with_children(Tag::THead, vec![head_row.into()]));
                if !table.rows.is_empty() {
                    let mut body = TagGroup::new(Tag::TBody);
                    for row in 0..table.rows.len() {
                        let mut tr = TagGroup::new(Tag::TR);
                        for column in 0..columns {
                            tr.push(content.group(Tag::TD, cell(Some(row), column)));
                        }
                        body.push(tr);
                    }
                    group.push(body);
                }
                tree.push(group);
            }
        }
    }
    tree.children
        .extend(content.element(Tag::P, TextRole::Signature));
    tree
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
    // PDF/UA-1 requires a title; a document without one (which no caller
    // makes, but the model allows) is named after the program that made it
    // rather than refused.
    let title = if doc.title.trim().is_empty() {
        CREATOR.to_string()
    } else {
        doc.title.clone()
    };
    let mut metadata = Metadata::new()
        .title(title)
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
    fn characters_the_fonts_lack_are_replaced_and_invisible_ones_dropped() {
        let fonts = Fonts::new().expect("built-in fonts");
        let cases = [
            ("æøå ÆØÅ é ü ß", "æøå ÆØÅ é ü ß", "Latin letters stay"),
            ("a\tb\r\nc", "a b \nc", "tabs become spaces, \\n stays"),
            (
                "myk\u{00AD}bindestrek\u{200B}",
                "mykbindestrek",
                "invisible",
            ),
            ("محمد عبد الله", "محمد عبد الله", "Arabic script stays"),
            ("ሃብተ ገብረሚካኤል", "ሃብተ ገብረሚካኤል", "Ge'ez script stays"),
            (
                "می\u{200C}خواهم",
                "می\u{200C}خواهم",
                "the Persian non-joiner stays",
            ),
            (
                "\u{200F}محمد\u{200E}",
                "محمد",
                "direction marks are not drawn",
            ),
            (
                "\u{E000}",
                "\u{FFFD}",
                "private-use characters are replaced",
            ),
            (
                "Ꭰ 🙂",
                "\u{FFFD} \u{FFFD}",
                "Cherokee and emoji have no font",
            ),
        ];
        for (text, expected, what) in cases {
            assert_eq!(fonts.clean(text), expected, "{what}");
        }
    }

    #[test]
    fn noto_advances_are_plausible() {
        let fonts = Fonts::new().expect("built-in fonts");
        let regular = fonts.width("Trekantmøte", Weight::Regular, 10.0);
        let bold = fonts.width("Trekantmøte", Weight::Bold, 10.0);
        assert!(
            (40.0..80.0).contains(&regular),
            "11 letters at 10 pt are about 60 pt wide, got {regular}"
        );
        assert!(bold > regular, "bold is wider than regular");
        assert_eq!(fonts.width("", Weight::Regular, 10.0), 0.0);
        let arabic = fonts.width("محمد عبد الله", Weight::Regular, 10.0);
        assert!(
            (25.0..90.0).contains(&arabic),
            "an Arabic name is measured in the Arabic font, got {arabic}"
        );
    }

    #[test]
    fn each_script_is_set_in_the_first_font_that_has_it() {
        let fonts = Fonts::new().expect("built-in fonts");
        // (text, the fonts of its pieces in visual order, left to right)
        let cases: &[(&str, Option<bool>, &[usize])] = &[
            ("Åse Ødegård", Some(false), &[0]),
            ("Deltaker: محمد عبد الله", Some(false), &[0, 1]),
            ("ሃብተ ገብረሚካኤል (Tigrinya)", Some(false), &[2, 0]),
            // Right to left: the Latin word at the end of the logical text
            // is the leftmost on the page.
            ("ملاحظة NAV", Some(true), &[0, 1]),
        ];
        for (text, rtl, expected) in cases {
            let families: Vec<usize> = fonts
                .shape_line(text, Weight::Regular, *rtl)
                .iter()
                .map(|p| p.family)
                .collect();
            assert_eq!(&families, expected, "fonts of {text:?}");
        }
    }

    #[test]
    fn arabic_letters_are_joined_and_right_to_left_runs_reversed() {
        let fonts = Fonts::new().expect("built-in fonts");
        let pieces = fonts.shape_line("محمد", Weight::Regular, None);
        assert_eq!(pieces.len(), 1, "one word, one piece");
        let glyphs = &pieces[0].glyphs;
        let isolated: Vec<u16> = "محمد"
            .chars()
            .map(|c| fonts.families[1].regular.shaper.glyph_index(c).unwrap().0)
            .collect();
        let shaped: Vec<u16> = glyphs.iter().map(|g| g.glyph_id.to_u32() as u16).collect();
        assert_ne!(
            shaped.iter().rev().copied().collect::<Vec<_>>(),
            isolated,
            "joined forms differ from the isolated letters"
        );
        assert!(
            glyphs
                .windows(2)
                .all(|w| w[0].text_range.start > w[1].text_range.start),
            "right to left, the first glyph on the page is the last letter typed"
        );
    }

    #[test]
    fn undrawable_characters_are_named_once_in_order() {
        let mut doc = small_minutes("Navn: محمد عبد الله, ሃብተ ገብረሚካኤል, Ахмед Åse");
        assert_eq!(
            undrawable_characters(&doc).expect("fonts"),
            Vec::<char>::new()
        );
        doc.blocks.push(Block::Paragraph {
            text: "Ꮳ 🙂 Ꮳ \u{E000} myk\u{00AD}".into(),
        });
        assert_eq!(
            undrawable_characters(&doc).expect("fonts"),
            vec!['Ꮳ', '🙂', '\u{E000}']
        );
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
            "می\u{200C}خواهم \u{200F}(١٢)\u{200E}",
            "Smil 🙂 og\u{0}nullbyte\u{FEFF} Ꭰ",
            "",
        ] {
            let bytes = render_minutes_pdf(&small_minutes(text))
                .unwrap_or_else(|e| panic!("{text:?} must render: {e}"));
            assert!(
                bytes.starts_with(b"%PDF-1.7"),
                "PDF/A-2a is written as PDF 1.7"
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
    fn variant_names_leave_out_the_fields() {
        assert_eq!(
            variant_name("ContainsNotDefGlyph(Font { .. }, None, \"Åse\")"),
            "ContainsNotDefGlyph"
        );
        assert_eq!(variant_name("NoDocumentLanguage"), "NoDocumentLanguage");
    }
}
