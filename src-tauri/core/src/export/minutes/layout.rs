//! Page layout of minutes: line breaking, pagination and tables.
//!
//! Pure data in, pure data out: [`layout_minutes`] takes a
//! [`MinutesDocument`] and a [`TextMeasure`] and returns pages of positioned
//! [`DrawOp`]s. Nothing here knows about PDF or fonts, so the rules (no
//! heading alone at the foot of a page, table headers repeated, no text
//! lost) are tested with a fixed-width fake measure.
//!
//! Coordinates are PDF points with the origin at the top-left corner of the
//! page and `y` growing downwards; a text run's `y` is its baseline.
//!
//! Text stays in logical order (as typed) all the way through: lines are
//! broken in logical order, as the Unicode bidirectional algorithm (UAX #9)
//! prescribes, and the renderer reorders each line for the page. A line of
//! running text (a paragraph, heading, notice or the signature) whose
//! paragraph is right-to-left (its first strong letter is Arabic script) is
//! aligned to the right edge of the text column, the "start" of such a
//! line; cells of facts and tables keep their column's left edge, so that a
//! column reads down in one line. Left-to-right text is laid out as before. Every text run also says
//! which part of the document it belongs to ([`TextRole`]), so that the
//! renderer can build the tagged PDF's structure tree and mark the page
//! furniture as artifacts.

use super::document::{Block, MinutesDocument, TableBlock};

/// Width of an A4 page in points.
pub const A4_WIDTH: f32 = 595.28;
/// Height of an A4 page in points.
pub const A4_HEIGHT: f32 = 841.89;

/// Ascender of the body font, in em (Noto Sans: 1069/1000).
const ASCENT: f32 = 1.069;
/// Descender of the body font, in em, as a positive number (Noto Sans: 293/1000).
const DESCENT: f32 = 0.293;

const LETTERHEAD_SIZE: f32 = 11.0;
const LETTERHEAD_SMALL_SIZE: f32 = 9.5;
const TITLE_SIZE: f32 = 19.0;
const HEADING_SIZE: f32 = 13.0;
const SUBHEADING_SIZE: f32 = 11.0;
const BODY_SIZE: f32 = 10.5;
const TABLE_SIZE: f32 = 9.5;
const FOOTER_SIZE: f32 = 8.5;

/// Line height of running text, as a multiple of the font size.
const BODY_LEADING: f32 = 1.45;
/// Line height of headings, the title and table cells.
const TIGHT_LEADING: f32 = 1.3;

/// Vertical space before a heading.
const HEADING_GAP: f32 = 20.0;
/// Vertical space before a subheading.
const SUBHEADING_GAP: f32 = 12.0;
/// Vertical space between two body blocks.
const BLOCK_GAP: f32 = 7.0;
/// Vertical space before the signature.
const SIGNATURE_GAP: f32 = 26.0;
/// Inner padding of a notice frame.
const NOTICE_PADDING: f32 = 9.0;
/// Horizontal padding of a table cell.
const CELL_PAD_X: f32 = 5.0;
/// Vertical padding of a table cell.
const CELL_PAD_Y: f32 = 4.0;
/// Gap between the label and the value column of a facts block.
const FACTS_GAP: f32 = 14.0;
/// Hyphen appended where a word too long for a line is broken.
const HYPHEN: char = '-';
/// Tolerance for comparisons of accumulated `f32` positions.
const EPSILON: f32 = 0.01;

/// The weight of a font; the document uses exactly two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Running text.
    Regular,
    /// Headings, table headers and notices.
    Bold,
}

/// How wide a piece of text is, so that lines can be broken without
/// knowing which font program draws them.
pub trait TextMeasure {
    /// The advance width of `text`, in points, set in `weight` at `size` points.
    fn width(&self, text: &str, weight: Weight, size: f32) -> f32;
}

/// A measure where every character is `em` × size wide, whatever the weight;
/// for tests and rough estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedWidth {
    /// The width of one character, as a multiple of the font size.
    pub em: f32,
}

impl TextMeasure for FixedWidth {
    fn width(&self, text: &str, _weight: Weight, size: f32) -> f32 {
        text.chars().count() as f32 * self.em * size
    }
}

/// The colour role of something drawn; the renderer picks the colours.
/// Meaning never depends on the colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Body text.
    Ink,
    /// Secondary text: letterhead details, fact labels, the footer.
    Muted,
    /// The service's colour: the letterhead name and its rule.
    Accent,
    /// Thin rules between table rows.
    Rule,
}

/// Which part of the document a line of text belongs to: the structure
/// element it is tagged with in the PDF, or the kind of page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRole {
    /// The letterhead above the title: page furniture, not content.
    Letterhead,
    /// The document's title.
    Title,
    /// A line of the heading, subheading, paragraph or notice at this index
    /// of [`MinutesDocument::blocks`].
    Block(usize),
    /// A cell of the facts block or table at index `block` of
    /// [`MinutesDocument::blocks`]: `row` counts the body rows from 0 and
    /// is `None` for a table's header row; in a facts block column 0 is the
    /// label and column 1 the value.
    Cell {
        /// Index of the block in [`MinutesDocument::blocks`].
        block: usize,
        /// Body row, or `None` for the header row.
        row: Option<usize>,
        /// Column, from 0.
        column: usize,
    },
    /// A table's header row repeated at the top of a following page: page
    /// furniture, since its text was already read where the table began.
    RepeatedHeader,
    /// The closing line.
    Signature,
    /// The title in the running footer: page furniture.
    Footer,
    /// "Side N av M": page furniture.
    PageNumber,
}

impl TextRole {
    /// Whether the text is page furniture (an artifact in tagged PDF) rather
    /// than part of the document's content.
    pub fn is_artifact(self) -> bool {
        matches!(
            self,
            TextRole::Letterhead
                | TextRole::RepeatedHeader
                | TextRole::Footer
                | TextRole::PageNumber
        )
    }
}

/// A single line of text in one style, in logical (typed) order.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, in points from the left of the page.
    pub x: f32,
    /// Baseline, in points from the top of the page.
    pub y: f32,
    /// The text in logical order; never holds a line break.
    pub text: String,
    /// Font weight.
    pub weight: Weight,
    /// Font size in points.
    pub size: f32,
    /// Colour role.
    pub tone: Tone,
    /// The base direction of the line's paragraph is right to left (UAX #9,
    /// rules P2 and P3): the renderer reorders the line from a right-to-left
    /// base. Running text with it is aligned to the right of the column.
    pub rtl: bool,
    /// What the line is part of.
    pub role: TextRole,
    /// The text went on after a space or a line break where this line
    /// ends; the space is not in `text` (the layout drops it at the break).
    /// The renderer writes an invisible space there, so that the words on
    /// either side of the break stay apart for whoever reads the text out
    /// of the file.
    pub space_after: bool,
}

/// One thing to draw on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum DrawOp {
    /// A line of text.
    Text(TextRun),
    /// A straight line (a rule).
    Line {
        /// Start, (x, y) in points from the top-left corner.
        from: (f32, f32),
        /// End, (x, y) in points from the top-left corner.
        to: (f32, f32),
        /// Stroke width in points.
        width: f32,
        /// Colour role.
        tone: Tone,
    },
    /// The outline of a rectangle (a frame; never filled).
    Frame {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Stroke width in points.
        stroke: f32,
        /// Colour role.
        tone: Tone,
    },
}

impl DrawOp {
    /// Moves the op down by `dy` points.
    fn shifted(&self, dy: f32) -> DrawOp {
        match self {
            DrawOp::Text(run) => DrawOp::Text(TextRun {
                y: run.y + dy,
                ..run.clone()
            }),
            DrawOp::Line {
                from,
                to,
                width,
                tone,
            } => DrawOp::Line {
                from: (from.0, from.1 + dy),
                to: (to.0, to.1 + dy),
                width: *width,
                tone: *tone,
            },
            DrawOp::Frame {
                x,
                y,
                width,
                height,
                stroke,
                tone,
            } => DrawOp::Frame {
                x: *x,
                y: *y + dy,
                width: *width,
                height: *height,
                stroke: *stroke,
                tone: *tone,
            },
        }
    }
}

/// One page: its body first, then its footer, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What to draw, in reading order.
    pub ops: Vec<DrawOp>,
}

impl Page {
    /// The text runs of the page, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.ops.iter().filter_map(|op| match op {
            DrawOp::Text(run) => Some(run),
            _ => None,
        })
    }
}

/// Page size and margins.
#[derive(Debug, Clone, PartialEq)]
pub struct PageStyle {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Left and right margin.
    pub margin_x: f32,
    /// Distance from the top edge to the first line of the body.
    pub margin_top: f32,
    /// Distance from the bottom edge to the end of the body; the footer
    /// sits inside it.
    pub margin_bottom: f32,
}

impl PageStyle {
    /// A4 portrait with margins of about 2 cm.
    pub fn a4() -> Self {
        PageStyle {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            margin_x: 56.0,
            margin_top: 56.0,
            margin_bottom: 76.0,
        }
    }

    /// Left edge of the text.
    pub fn left(&self) -> f32 {
        self.margin_x
    }

    /// Width of the text column.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    /// The lowest point the body may reach.
    pub fn body_bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }

    /// Height available to the body on one page.
    pub fn body_height(&self) -> f32 {
        self.body_bottom() - self.margin_top
    }
}

impl Default for PageStyle {
    fn default() -> Self {
        Self::a4()
    }
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages, first to last; never empty.
    pub pages: Vec<Page>,
}

/// Breaks `text` into lines no wider than `max_width` when set in
/// `weight` at `size`.
///
/// Lines break at spaces; every `\n` starts a new line and an empty line
/// stays empty (`\r` and other control characters count as a space). Spaces
/// inside a line are kept, spaces where a line breaks are dropped. A word
/// longer than a whole line is broken between characters, with a hyphen
/// where there is room for one, and never inside a character or before a
/// combining mark. Always returns at least one line.
pub fn break_lines(
    text: &str,
    max_width: f32,
    weight: Weight,
    size: f32,
    measure: &dyn TextMeasure,
) -> Vec<String> {
    break_directed(text, max_width, weight, size, measure)
        .into_iter()
        .map(|line| line.text)
        .collect()
}

/// A broken line with the direction of the input line (paragraph) it came
/// from, and whether a space or line break of the text was dropped where
/// it ends.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    rtl: bool,
    space_after: bool,
}

/// [`break_lines`], with each line's base direction: right to left when the
/// first strong character of its input line is right-to-left (Arabic or
/// Hebrew script). Every `\n` ends a paragraph in the sense of UAX #9, so
/// each input line has a direction of its own.
fn break_directed(
    text: &str,
    max_width: f32,
    weight: Weight,
    size: f32,
    measure: &dyn TextMeasure,
) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for raw in text.split('\n') {
        if let Some(last) = lines.last_mut() {
            // The previous input line ended in a line break.
            last.space_after = true;
        }
        let clean: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let rtl = unicode_bidi::get_base_direction(clean.as_str()) == unicode_bidi::Direction::Rtl;
        let mut broken = Vec::new();
        break_paragraph_line(
            clean.trim_end(),
            max_width,
            weight,
            size,
            measure,
            &mut broken,
        );
        lines.extend(broken.into_iter().map(|(text, space_after)| Line {
            text,
            rtl,
            space_after,
        }));
    }
    lines
}

/// Breaks one line of input (no `\n`) greedily into `out`.
fn break_paragraph_line(
    line: &str,
    max_width: f32,
    weight: Weight,
    size: f32,
    measure: &dyn TextMeasure,
    out: &mut Vec<(String, bool)>,
) {
    let width = |s: &str| measure.width(s, weight, size);
    let mut current = String::new();
    let mut current_width = 0.0;
    // Whether `current` holds text of this input line (a leading indent is
    // kept only at the start of the input line).
    let mut started = false;
    for (spaces, word) in words_with_spaces(line) {
        let word_width = width(word);
        if !started {
            let candidate_width = width(spaces) + word_width;
            if candidate_width <= max_width + EPSILON {
                current.push_str(spaces);
                current.push_str(word);
                current_width = candidate_width;
                started = true;
                continue;
            }
        } else {
            let candidate_width = current_width + width(spaces) + word_width;
            if candidate_width <= max_width + EPSILON {
                current.push_str(spaces);
                current.push_str(word);
                current_width = candidate_width;
                continue;
            }
            // The line breaks at the spaces before `word`.
            out.push((std::mem::take(&mut current), true));
        }
        started = true;
        if word_width <= max_width + EPSILON {
            current.push_str(word);
            current_width = word_width;
        } else {
            let mut rest = word;
            loop {
                let (piece, tail) = split_word(rest, max_width, &width);
                if tail.is_empty() {
                    current_width = width(piece);
                    current.push_str(piece);
                    break;
                }
                let mut line = piece.to_string();
                if !piece.ends_with(HYPHEN)
                    && width(&format!("{piece}{HYPHEN}")) <= max_width + EPSILON
                {
                    line.push(HYPHEN);
                }
                out.push((line, false));
                rest = tail;
            }
        }
    }
    out.push((current, false));
}

/// Splits a line into words, each with the spaces before it.
fn words_with_spaces(line: &str) -> Vec<(&str, &str)> {
    let mut result = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let word_start = rest.find(|c: char| c != ' ').unwrap_or(rest.len());
        let after_spaces = &rest[word_start..];
        let word_len = after_spaces.find(' ').unwrap_or(after_spaces.len());
        result.push((&rest[..word_start], &after_spaces[..word_len]));
        rest = &after_spaces[word_len..];
    }
    result
}

/// Whether a line may not break just before `c`: combining marks stay with
/// the character they modify.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The longest head of `word` that fits on a line with a hyphen after it
/// (at least one character, so breaking always progresses), and the rest.
/// When the head holds a hyphen of its own, the word breaks after that.
fn split_word<'w>(
    word: &'w str,
    max_width: f32,
    width: &dyn Fn(&str) -> f32,
) -> (&'w str, &'w str) {
    let hyphen_width = width(&HYPHEN.to_string());
    let mut end = 0;
    // Widths add up character by character, so a pasted run of thousands of
    // characters without a space costs linear time, not quadratic.
    let mut head_width = 0.0;
    let mut buffer = [0u8; 4];
    for (index, c) in word.char_indices() {
        let next = index + c.len_utf8();
        head_width += width(c.encode_utf8(&mut buffer));
        if next == word.len() {
            // The whole rest fits without a hyphen?
            if head_width <= max_width + EPSILON {
                return (word, "");
            }
            break;
        }
        if is_combining(word[next..].chars().next().unwrap_or(' ')) {
            continue;
        }
        if head_width + hyphen_width <= max_width + EPSILON {
            end = next;
        } else {
            break;
        }
    }
    if let Some(hyphen) = word[..end].rfind(HYPHEN).filter(|&at| at > 0) {
        // Prefer the word's own hyphen ("NAV-|kontoret").
        end = hyphen + HYPHEN.len_utf8();
    }
    if end == 0 {
        // Not even one character and a hyphen fit: take one character with
        // its combining marks.
        let mut chars = word.char_indices().skip(1);
        end = loop {
            match chars.next() {
                Some((index, c)) if !is_combining(c) => break index,
                Some(_) => continue,
                None => break word.len(),
            }
        };
    }
    word.split_at(end)
}

/// An unbreakable piece of the body, laid out from its own top edge.
#[derive(Debug, Clone, Default)]
struct Chunk {
    /// Space above it, dropped at the top of a page.
    space_before: f32,
    /// Its height.
    height: f32,
    /// What to draw, with `y` relative to the chunk's top edge.
    ops: Vec<DrawOp>,
    /// Must be on the same page as the start of the next chunk.
    keep_with_next: bool,
    /// A row of this table: repeat the table's header when it opens a page.
    table: Option<usize>,
}

/// A text line of `size` and leading in a box `line_height` tall whose top is `top`.
fn baseline(top: f32, size: f32, line_height: f32) -> f32 {
    top + (line_height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

/// Builds chunks from the document.
struct Builder<'a> {
    style: &'a PageStyle,
    measure: &'a dyn TextMeasure,
    chunks: Vec<Chunk>,
    /// Header chunks of the tables, by table index.
    headers: Vec<Chunk>,
}

impl Builder<'_> {
    fn lines(&self, text: &str, width: f32, weight: Weight, size: f32) -> Vec<Line> {
        break_directed(text, width, weight, size, self.measure)
    }

    /// A line of text in a box from `left`, `width` wide: at its left edge,
    /// or at its right edge when the line's paragraph is right-to-left.
    #[allow(clippy::too_many_arguments)]
    fn line_op(
        &self,
        left: f32,
        width: f32,
        y: f32,
        line: &Line,
        weight: Weight,
        size: f32,
        tone: Tone,
        role: TextRole,
    ) -> DrawOp {
        let x = if line.rtl {
            left + (width - self.measure.width(&line.text, weight, size)).max(0.0)
        } else {
            left
        };
        Self::run_at(x, y, line, weight, size, tone, role)
    }

    /// A line at `x`, whatever its direction.
    #[allow(clippy::too_many_arguments)]
    fn run_at(
        x: f32,
        y: f32,
        line: &Line,
        weight: Weight,
        size: f32,
        tone: Tone,
        role: TextRole,
    ) -> DrawOp {
        DrawOp::Text(TextRun {
            x,
            y,
            text: line.text.clone(),
            weight,
            size,
            tone,
            rtl: line.rtl,
            role,
            space_after: line.space_after,
        })
    }

    /// One chunk per line of running text, keeping the first two and the
    /// last two lines of a paragraph together.
    fn paragraph(&mut self, text: &str, space_before: f32, role: TextRole) {
        let line_height = BODY_SIZE * BODY_LEADING;
        let width = self.style.content_width();
        let lines = self.lines(text, width, Weight::Regular, BODY_SIZE);
        let count = lines.len();
        for (index, line) in lines.iter().enumerate() {
            let mut chunk = Chunk {
                space_before: if index == 0 { space_before } else { 0.0 },
                height: line_height,
                keep_with_next: count >= 2 && (index == 0 || index + 2 == count),
                ..Chunk::default()
            };
            if !line.text.is_empty() {
                chunk.ops.push(self.line_op(
                    self.style.left(),
                    width,
                    baseline(0.0, BODY_SIZE, line_height),
                    line,
                    Weight::Regular,
                    BODY_SIZE,
                    Tone::Ink,
                    role,
                ));
            }
            self.chunks.push(chunk);
        }
    }

    /// A heading: one chunk that stays with what follows it.
    #[allow(clippy::too_many_arguments)]
    fn heading(
        &mut self,
        text: &str,
        size: f32,
        space_before: f32,
        gap_after: f32,
        rule: bool,
        role: TextRole,
    ) {
        let line_height = size * TIGHT_LEADING;
        let width = self.style.content_width();
        let lines = self.lines(text, width, Weight::Bold, size);
        let mut ops = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            if line.text.is_empty() {
                // An empty line keeps its place but draws nothing, as in a
                // paragraph.
                continue;
            }
            ops.push(self.line_op(
                self.style.left(),
                width,
                baseline(index as f32 * line_height, size, line_height),
                line,
                Weight::Bold,
                size,
                Tone::Ink,
                role,
            ));
        }
        let text_height = lines.len() as f32 * line_height;
        if rule {
            let y = text_height + 2.0;
            ops.push(DrawOp::Line {
                from: (self.style.left(), y),
                to: (self.style.left() + self.style.content_width(), y),
                width: 0.5,
                tone: Tone::Rule,
            });
        }
        self.chunks.push(Chunk {
            space_before,
            height: text_height + gap_after,
            ops,
            keep_with_next: true,
            ..Chunk::default()
        });
    }

    fn letterhead(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        let mut ops = Vec::new();
        let mut y = 0.0;
        let width = self.style.content_width();
        for (index, text) in lines.iter().enumerate() {
            let (size, weight, tone) = if index == 0 {
                (LETTERHEAD_SIZE, Weight::Bold, Tone::Accent)
            } else {
                (LETTERHEAD_SMALL_SIZE, Weight::Regular, Tone::Muted)
            };
            let line_height = size * TIGHT_LEADING;
            for line in self.lines(text, width, weight, size) {
                ops.push(self.line_op(
                    self.style.left(),
                    width,
                    baseline(y, size, line_height),
                    &line,
                    weight,
                    size,
                    tone,
                    TextRole::Letterhead,
                ));
                y += line_height;
            }
        }
        y += 6.0;
        ops.push(DrawOp::Line {
            from: (self.style.left(), y),
            to: (self.style.left() + self.style.content_width(), y),
            width: 1.2,
            tone: Tone::Accent,
        });
        self.chunks.push(Chunk {
            height: y + 22.0,
            ops,
            keep_with_next: true,
            ..Chunk::default()
        });
    }

    /// Rows of cells placed side by side; split into several chunks by
    /// lines when taller than `max_height`.
    #[allow(clippy::too_many_arguments)]
    fn cell_rows(
        &self,
        cells: &[CellLines],
        size: f32,
        line_height: f32,
        pad_y: f32,
        max_height: f32,
        rule_below: Option<(f32, Tone)>,
        table: Option<usize>,
        space_before: f32,
    ) -> Vec<Chunk> {
        let line_count = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let per_chunk = (((max_height - 2.0 * pad_y) / line_height).floor() as usize).max(1);
        let mut chunks = Vec::new();
        let mut first = 0;
        while first < line_count {
            let last = (first + per_chunk).min(line_count);
            let height = (last - first) as f32 * line_height + 2.0 * pad_y;
            let mut ops = Vec::new();
            for cell in cells {
                for (offset, line) in cell.lines.iter().take(last).skip(first).enumerate() {
                    if line.text.is_empty() {
                        continue;
                    }
                    // Cells keep their column's left edge whatever their
                    // direction, so that a column reads down in one line.
                    ops.push(Self::run_at(
                        cell.x,
                        baseline(pad_y + offset as f32 * line_height, size, line_height),
                        line,
                        cell.weight,
                        size,
                        cell.tone,
                        cell.role,
                    ));
                }
            }
            if let Some((width, tone)) = rule_below.filter(|_| last == line_count) {
                ops.push(DrawOp::Line {
                    from: (self.style.left(), height),
                    to: (self.style.left() + self.style.content_width(), height),
                    width,
                    tone,
                });
            }
            chunks.push(Chunk {
                space_before: if first == 0 { space_before } else { 0.0 },
                height,
                ops,
                table,
                ..Chunk::default()
            });
            first = last;
        }
        chunks
    }

    fn facts(&mut self, rows: &[(String, String)], space_before: f32, block: usize) {
        let content = self.style.content_width();
        let widest_label = rows
            .iter()
            .map(|(label, _)| self.measure.width(label, Weight::Regular, BODY_SIZE))
            .fold(0.0_f32, f32::max);
        let label_width = widest_label.min(content * 0.35).max(content * 0.18);
        let value_x = self.style.left() + label_width + FACTS_GAP;
        let value_width = content - label_width - FACTS_GAP;
        let line_height = BODY_SIZE * TIGHT_LEADING;
        for (index, (label, value)) in rows.iter().enumerate() {
            let role = |column| TextRole::Cell {
                block,
                row: Some(index),
                column,
            };
            let cells = [
                CellLines {
                    x: self.style.left(),
                    lines: self.lines(label, label_width, Weight::Regular, BODY_SIZE),
                    weight: Weight::Regular,
                    tone: Tone::Muted,
                    role: role(0),
                },
                CellLines {
                    x: value_x,
                    lines: self.lines(value, value_width, Weight::Regular, BODY_SIZE),
                    weight: Weight::Regular,
                    tone: Tone::Ink,
                    role: role(1),
                },
            ];
            let chunks = self.cell_rows(
                &cells,
                BODY_SIZE,
                line_height,
                1.5,
                self.style.body_height(),
                None,
                None,
                if index == 0 { space_before } else { 0.0 },
            );
            self.chunks.extend(chunks);
        }
    }

    fn notice(&mut self, text: &str, space_before: f32, role: TextRole) {
        let line_height = BODY_SIZE * BODY_LEADING;
        let inner_width = self.style.content_width() - 2.0 * NOTICE_PADDING;
        let lines = self.lines(text, inner_width, Weight::Bold, BODY_SIZE);
        let x = self.style.left() + NOTICE_PADDING;
        let per_frame = (((self.style.body_height() - 2.0 * NOTICE_PADDING) / line_height).floor()
            as usize)
            .max(1);
        for (index, part) in lines.chunks(per_frame).enumerate() {
            let height = part.len() as f32 * line_height + 2.0 * NOTICE_PADDING;
            let mut ops = vec![DrawOp::Frame {
                x: self.style.left(),
                y: 0.0,
                width: self.style.content_width(),
                height,
                stroke: 1.0,
                tone: Tone::Ink,
            }];
            for (row, line) in part.iter().enumerate() {
                if line.text.is_empty() {
                    continue;
                }
                ops.push(self.line_op(
                    x,
                    inner_width,
                    baseline(
                        NOTICE_PADDING + row as f32 * line_height,
                        BODY_SIZE,
                        line_height,
                    ),
                    line,
                    Weight::Bold,
                    BODY_SIZE,
                    Tone::Ink,
                    role,
                ));
            }
            self.chunks.push(Chunk {
                space_before: if index == 0 { space_before } else { 0.0 },
                height,
                ops,
                ..Chunk::default()
            });
        }
    }

    fn table(&mut self, table: &TableBlock, space_before: f32, block: usize) {
        let columns = table.column_count();
        let weights: Vec<f32> = (0..columns)
            .map(|i| match table.widths.get(i) {
                Some(w) if w.is_finite() && *w > 0.0 => *w,
                _ => 1.0,
            })
            .collect();
        let total: f32 = weights.iter().sum();
        let content = self.style.content_width();
        let mut xs = Vec::with_capacity(columns);
        let mut widths = Vec::with_capacity(columns);
        let mut x = self.style.left();
        for w in &weights {
            let width = content * w / total;
            xs.push(x + CELL_PAD_X);
            widths.push((width - 2.0 * CELL_PAD_X).max(1.0));
            x += width;
        }
        let line_height = TABLE_SIZE * TIGHT_LEADING;
        let cells_of = |row: &[String],
                        weight: Weight,
                        row_index: Option<usize>|
         -> Vec<CellLines> {
            (0..columns)
                .map(|i| {
                    let text = row.get(i).map(String::as_str).unwrap_or("");
                    CellLines {
                        x: xs[i],
                        lines: break_directed(text, widths[i], weight, TABLE_SIZE, self.measure),
                        weight,
                        tone: Tone::Ink,
                        role: TextRole::Cell {
                            block,
                            row: row_index,
                            column: i,
                        },
                    }
                })
                .collect()
        };

        let table_index = self.headers.len();
        let header_cells = cells_of(&table.headers, Weight::Bold, None);
        let mut header = self
            .cell_rows(
                &header_cells,
                TABLE_SIZE,
                line_height,
                CELL_PAD_Y,
                self.style.body_height() / 2.0,
                Some((0.9, Tone::Ink)),
                None,
                0.0,
            )
            .into_iter()
            .fold(Chunk::default(), |mut all, part| {
                all.ops
                    .extend(part.ops.iter().map(|op| op.shifted(all.height)));
                all.height += part.height;
                all
            });
        header.ops.insert(
            0,
            DrawOp::Line {
                from: (self.style.left(), 0.0),
                to: (self.style.left() + content, 0.0),
                width: 0.9,
                tone: Tone::Ink,
            },
        );
        header.keep_with_next = true;
        self.headers.push(header.clone());
        header.space_before = space_before;
        self.chunks.push(header.clone());

        let max_row = (self.style.body_height() - header.height).max(line_height * 2.0);
        let count = table.rows.len();
        for (index, row) in table.rows.iter().enumerate() {
            let rule = if index + 1 == count {
                (0.9, Tone::Ink)
            } else {
                (0.5, Tone::Rule)
            };
            let cells = cells_of(row, Weight::Regular, Some(index));
            let chunks = self.cell_rows(
                &cells,
                TABLE_SIZE,
                line_height,
                CELL_PAD_Y,
                max_row,
                Some(rule),
                Some(table_index),
                0.0,
            );
            self.chunks.extend(chunks);
        }
    }

    fn signature(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let line_height = BODY_SIZE * BODY_LEADING;
        let width = self.style.content_width();
        let lines = self.lines(text, width, Weight::Regular, BODY_SIZE);
        let ops = lines
            .iter()
            .enumerate()
            .filter(|(_, line)| !line.text.is_empty())
            .map(|(index, line)| {
                self.line_op(
                    self.style.left(),
                    width,
                    baseline(index as f32 * line_height, BODY_SIZE, line_height),
                    line,
                    Weight::Regular,
                    BODY_SIZE,
                    Tone::Ink,
                    TextRole::Signature,
                )
            })
            .collect();
        self.chunks.push(Chunk {
            space_before: SIGNATURE_GAP,
            height: lines.len() as f32 * line_height,
            ops,
            ..Chunk::default()
        });
    }
}

/// The lines of one cell, where they go and how they are set.
struct CellLines {
    /// Left edge of the cell's text.
    x: f32,
    lines: Vec<Line>,
    weight: Weight,
    tone: Tone,
    role: TextRole,
}

/// Places chunks on pages.
struct Paginator<'a> {
    style: &'a PageStyle,
    pages: Vec<Page>,
    y: f32,
    /// Nothing placed on the current page yet.
    empty: bool,
}

impl Paginator<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.style.margin_top;
        self.empty = true;
    }

    /// The height `chunks[index]` needs here: itself and every chunk it is
    /// kept with.
    fn needed(&self, chunks: &[Chunk], index: usize) -> f32 {
        let mut need = if self.empty {
            0.0
        } else {
            chunks[index].space_before
        } + chunks[index].height;
        let mut at = index;
        while chunks[at].keep_with_next && at + 1 < chunks.len() {
            at += 1;
            need += chunks[at].space_before + chunks[at].height;
        }
        need
    }

    /// Puts `chunk` on the current page; a `repeated` table header is page
    /// furniture there, so its text is marked [`TextRole::RepeatedHeader`].
    fn put(&mut self, chunk: &Chunk, repeated: bool) {
        if !self.empty {
            self.y += chunk.space_before;
        }
        let page = self.pages.last_mut().expect("a page is open");
        page.ops.extend(chunk.ops.iter().map(|op| {
            let mut op = op.shifted(self.y);
            if let (DrawOp::Text(run), true) = (&mut op, repeated) {
                run.role = TextRole::RepeatedHeader;
            }
            op
        }));
        self.y += chunk.height;
        self.empty = false;
    }

    fn place(&mut self, chunks: &[Chunk], headers: &[Chunk]) {
        for (index, chunk) in chunks.iter().enumerate() {
            // Break only when something is on the page already, so that a
            // chunk taller than a page cannot loop.
            if !self.empty
                && self.y + self.needed(chunks, index) > self.style.body_bottom() + EPSILON
            {
                self.new_page();
            }
            if self.empty {
                if let Some(header) = chunk.table.and_then(|t| headers.get(t)) {
                    self.put(header, true);
                }
            }
            self.put(chunk, false);
        }
    }
}

/// `text` shortened with an ellipsis so that it is at most `max_width` wide.
fn truncate_to(
    text: &str,
    max_width: f32,
    weight: Weight,
    size: f32,
    measure: &dyn TextMeasure,
) -> String {
    if measure.width(text, weight, size) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let candidate = |kept: usize| -> String {
        chars[..kept]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
    };
    let fits = |kept: usize| measure.width(&candidate(kept), weight, size) <= max_width;
    // The longest head that fits with the ellipsis. Widths grow with the
    // characters kept, so it is found by halving: a title thousands of
    // characters long costs a few dozen measurements (each one shaping the
    // text), not one per character.
    if !fits(0) {
        return String::new();
    }
    let (mut fitting, mut too_long) = (0, chars.len());
    while too_long - fitting > 1 {
        let middle = fitting + (too_long - fitting) / 2;
        if fits(middle) {
            fitting = middle;
        } else {
            too_long = middle;
        }
    }
    candidate(fitting)
}

/// Adds "Side N av M" and the title to the foot of every page.
fn add_footers(pages: &mut [Page], title: &str, style: &PageStyle, measure: &dyn TextMeasure) {
    let total = pages.len();
    let rule_y = style.body_bottom() + 22.0;
    let text_y = rule_y + 14.0;
    let right = style.left() + style.content_width();
    for (index, page) in pages.iter_mut().enumerate() {
        let label = format!("Side {} av {}", index + 1, total);
        let label_width = measure.width(&label, Weight::Regular, FOOTER_SIZE);
        page.ops.push(DrawOp::Line {
            from: (style.left(), rule_y),
            to: (right, rule_y),
            width: 0.5,
            tone: Tone::Rule,
        });
        let first_line = title.lines().next().unwrap_or("");
        let title = truncate_to(
            first_line,
            style.content_width() - label_width - 24.0,
            Weight::Regular,
            FOOTER_SIZE,
            measure,
        );
        if !title.is_empty() {
            // The footer's title keeps its place on the left, clear of the
            // page number, whatever its direction.
            let rtl =
                unicode_bidi::get_base_direction(title.as_str()) == unicode_bidi::Direction::Rtl;
            page.ops.push(DrawOp::Text(TextRun {
                x: style.left(),
                y: text_y,
                text: title,
                weight: Weight::Regular,
                size: FOOTER_SIZE,
                tone: Tone::Muted,
                rtl,
                role: TextRole::Footer,
                space_after: false,
            }));
        }
        page.ops.push(DrawOp::Text(TextRun {
            x: right - label_width,
            y: text_y,
            text: label,
            weight: Weight::Regular,
            size: FOOTER_SIZE,
            tone: Tone::Muted,
            rtl: false,
            role: TextRole::PageNumber,
            space_after: false,
        }));
    }
}

/// Lays out a minutes document on pages of `style`.
///
/// The first page opens with the letterhead and the title; the signature
/// closes the body; every page ends with a footer ("Side N av M").
pub fn layout_minutes(
    doc: &MinutesDocument,
    measure: &dyn TextMeasure,
    style: &PageStyle,
) -> PageLayout {
    let mut builder = Builder {
        style,
        measure,
        chunks: Vec::new(),
        headers: Vec::new(),
    };
    builder.letterhead(&doc.letterhead);
    builder.heading(&doc.title, TITLE_SIZE, 0.0, 14.0, false, TextRole::Title);
    // Right after a heading a block needs no space of its own.
    let mut after_heading = true;
    for (index, block) in doc.blocks.iter().enumerate() {
        let gap = |normal: f32| if after_heading { 0.0 } else { normal };
        let role = TextRole::Block(index);
        match block {
            Block::Heading { text } => {
                // A table brings its own rule; two would look like a mistake.
                let rule = !matches!(doc.blocks.get(index + 1), Some(Block::Table(_)));
                builder.heading(text, HEADING_SIZE, gap(HEADING_GAP), 8.0, rule, role)
            }
            Block::Subheading { text } => {
                builder.heading(text, SUBHEADING_SIZE, gap(SUBHEADING_GAP), 3.0, false, role)
            }
            Block::Paragraph { text } => builder.paragraph(text, gap(BLOCK_GAP), role),
            Block::Notice { text } => builder.notice(text, gap(BLOCK_GAP + 3.0), role),
            Block::Facts { rows } => builder.facts(rows, gap(BLOCK_GAP), index),
            Block::Table(table) => builder.table(table, gap(BLOCK_GAP + 3.0), index),
        }
        after_heading = matches!(block, Block::Heading { .. } | Block::Subheading { .. });
    }
    builder.signature(&doc.signature);

    let mut paginator = Paginator {
        style,
        pages: Vec::new(),
        y: 0.0,
        empty: true,
    };
    paginator.new_page();
    paginator.place(&builder.chunks, &builder.headers);
    let mut pages = paginator.pages;
    add_footers(&mut pages, &doc.title, style, measure);
    PageLayout {
        width: style.width,
        height: style.height,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate};

    /// Every character is half as wide as the font size: 5 pt at 10 pt.
    const FAKE: FixedWidth = FixedWidth { em: 0.5 };

    /// Breaks at 10 pt with room for `chars` characters per line.
    fn lines(text: &str, chars: usize) -> Vec<String> {
        break_lines(text, chars as f32 * 5.0, Weight::Regular, 10.0, &FAKE)
    }

    /// The characters of `text` that must appear in the output: everything
    /// but whitespace and control characters (which become spaces).
    fn ink(text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect()
    }

    /// Whether `needle` appears in `haystack` in order (other characters,
    /// such as inserted hyphens or repeated table headers, may come between).
    fn is_subsequence(needle: &[char], haystack: &[char]) -> bool {
        let mut rest = haystack.iter();
        needle.iter().all(|c| rest.any(|h| h == c))
    }

    #[test]
    fn lines_break_at_spaces_and_newlines_and_inside_long_words() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("Kari møtte Åse på NAV", 10, &["Kari møtte", "Åse på NAV"]),
            ("første linje\nandre", 20, &["første linje", "andre"]),
            ("a\n\nb", 20, &["a", "", "b"]),
            ("trailing   \nx", 20, &["trailing", "x"]),
            ("windows\r\nlinje", 20, &["windows", "linje"]),
            ("to  mellomrom", 20, &["to  mellomrom"]),
            ("  innrykk beholdes", 30, &["  innrykk beholdes"]),
            ("ord ord ord", 3, &["ord", "ord", "ord"]),
            ("", 10, &[""]),
            ("æøå ÆØÅ", 3, &["æøå", "ÆØÅ"]),
            (
                "arbeidsmarkedsopplæringsprogramdeltakerne",
                10,
                &[
                    "arbeidsma-",
                    "rkedsoppl-",
                    "æringspro-",
                    "gramdelta-",
                    "kerne",
                ],
            ),
            (
                "Til arbeidsmarkedsopplæringsprogramdeltakerne i dag",
                20,
                &[
                    "Til",
                    "arbeidsmarkedsopplæ-",
                    "ringsprogramdeltake-",
                    "rne i dag",
                ],
            ),
            ("NAV-kontoret", 6, &["NAV-", "konto-", "ret"]),
            ("ett-to-tre-fire", 9, &["ett-to-", "tre-fire"]),
            ("ææææ", 1, &["æ", "æ", "æ", "æ"]),
        ];
        for (text, chars, expected) in cases {
            let got = lines(text, *chars);
            assert_eq!(&got, expected, "{text:?} broken at {chars} characters");
        }
    }

    #[test]
    fn a_huge_run_without_spaces_is_broken_quickly() {
        let text = "x".repeat(200_000);
        let got = lines(&text, 50);
        assert_eq!(
            got.len(),
            200_000 / 49 + 1,
            "49 characters and a hyphen per line"
        );
        assert_eq!(
            got.concat().chars().filter(|c| *c == 'x').count(),
            200_000,
            "no character is lost"
        );
    }

    #[test]
    fn every_line_fits_and_no_character_is_lost() {
        let texts = [
            "Deltakeren har fullført norskopplæring på nivå B1 og ønsker arbeidspraksis i barnehage.",
            "arbeidsmarkedsopplæringsprogramdeltakerne og kvalifiseringsprogramrådgiverne møttes",
            "Linje én\nLinje to\n\nEtter tom linje: æøå ÆØÅ",
            "a\u{30A}a\u{30A}a\u{30A}a\u{30A}a\u{30A} kombinerende tegn",
            "\tTabulator og\u{7}kontrolltegn",
        ];
        for text in texts {
            for chars in [1, 2, 3, 7, 12, 25, 80] {
                let got = lines(text, chars);
                for line in &got {
                    let width = FAKE.width(line, Weight::Regular, 10.0);
                    let single = line.chars().filter(|c| !is_combining(*c)).count() == 1;
                    assert!(
                        width <= chars as f32 * 5.0 + EPSILON || single,
                        "{line:?} is wider than {chars} characters (from {text:?})"
                    );
                    assert!(
                        !line.starts_with(|c: char| is_combining(c)),
                        "a line must not start with a combining mark: {got:?}"
                    );
                }
                let out: Vec<char> = got.concat().chars().collect();
                assert!(
                    is_subsequence(&ink(text), &out),
                    "all of {text:?} must come out in order at {chars} chars, got {got:?}"
                );
                let newlines = text.matches('\n').count();
                assert!(
                    got.len() > newlines,
                    "each \\n starts a line: {text:?} gave {got:?}"
                );
            }
        }
    }

    fn minutes(blocks: Vec<Block>) -> MinutesDocument {
        MinutesDocument {
            title: "Referat fra trekantmøte 12.11.2026".into(),
            letterhead: vec!["Eksempel kommune".into(), "Flyktningtjenesten".into()],
            author: "Kari Nordmann".into(),
            created: NaiveDate::from_ymd_opt(2026, 11, 12)
                .unwrap()
                .and_hms_opt(14, 30, 0)
                .unwrap()
                .and_local_timezone(FixedOffset::east_opt(3600).unwrap())
                .unwrap(),
            language: "nb".into(),
            blocks,
            signature: "Referent: Kari Nordmann, 12.11.2026".into(),
        }
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    fn heading(text: &str) -> Block {
        Block::Heading { text: text.into() }
    }

    fn action_table(rows: usize) -> Block {
        Block::Table(TableBlock {
            headers: vec!["Tiltak".into(), "Ansvarlig".into(), "Frist".into()],
            widths: vec![3.0, 1.5, 1.0],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        format!("Tiltak nummer {i}: følge opp søknad om bolig"),
                        "Åse Ødegård".into(),
                        format!("{:02}.12.2026", i % 28 + 1),
                    ]
                })
                .collect(),
        })
    }

    fn layout(doc: &MinutesDocument) -> PageLayout {
        layout_minutes(doc, &FAKE, &PageStyle::a4())
    }

    /// The body text runs of a page (the footer sits below the body).
    fn body(page: &Page) -> Vec<&TextRun> {
        let bottom = PageStyle::a4().body_bottom();
        page.texts().filter(|t| t.y <= bottom).collect()
    }

    #[test]
    fn short_minutes_fit_on_one_page_with_letterhead_title_and_footer() {
        let doc = minutes(vec![
            Block::Facts {
                rows: vec![
                    ("Dato".into(), "12.11.2026".into()),
                    ("Sted".into(), "Flyktningtjenesten, møterom 2".into()),
                ],
            },
            heading("Til stede"),
            paragraph("Åse Ødegård, Kari Nordmann"),
        ]);
        let result = layout(&doc);
        assert_eq!(result.pages.len(), 1, "a short document is one page");
        let texts: Vec<&str> = result.pages[0].texts().map(|t| t.text.as_str()).collect();
        assert_eq!(texts[0], "Eksempel kommune", "the letterhead opens page 1");
        assert_eq!(texts[2], doc.title, "the title follows the letterhead");
        assert_eq!(
            texts.last(),
            Some(&"Side 1 av 1"),
            "the page number closes the footer"
        );
        let body_texts: Vec<&str> = body(&result.pages[0])
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(
            body_texts.last(),
            Some(&"Referent: Kari Nordmann, 12.11.2026"),
            "the signature ends the body, not the footer"
        );
        assert!(
            !result.pages[0]
                .ops
                .iter()
                .any(|op| matches!(op, DrawOp::Frame { .. })),
            "facts have no frame"
        );
        let dato = body(&result.pages[0])
            .into_iter()
            .find(|t| t.text == "Dato")
            .unwrap()
            .clone();
        let value = body(&result.pages[0])
            .into_iter()
            .find(|t| t.text == "12.11.2026")
            .unwrap()
            .clone();
        assert_eq!(dato.y, value.y, "label and value share a line");
        assert!(value.x > dato.x + 40.0, "the value is in a second column");
    }

    #[test]
    fn overflowing_content_breaks_pages_and_stays_inside_the_body() {
        let doc = minutes(
            (0..150)
                .map(|i| paragraph(&format!("Avsnitt {i}: deltakeren møtte til samtale.")))
                .collect(),
        );
        let style = PageStyle::a4();
        let result = layout(&doc);
        assert!(result.pages.len() >= 3, "150 paragraphs fill several pages");
        for (index, page) in result.pages.iter().enumerate() {
            let body = body(page);
            assert!(!body.is_empty(), "page {} has body text", index + 1);
            for run in &body {
                assert!(
                    // Capital letters are about 0.72 em tall in Noto Sans.
                    run.y - run.size * 0.75 >= style.margin_top - EPSILON,
                    "{:?} on page {} starts above the top margin",
                    run.text,
                    index + 1
                );
                assert!(
                    run.y + run.size * DESCENT <= style.body_bottom() + EPSILON,
                    "{:?} on page {} runs into the footer",
                    run.text,
                    index + 1
                );
            }
            let footer = format!("Side {} av {}", index + 1, result.pages.len());
            assert!(
                page.texts().any(|t| t.text == footer),
                "page {} has the footer {footer:?}",
                index + 1
            );
        }
    }

    #[test]
    fn a_table_spanning_pages_repeats_its_header_on_each_page() {
        let doc = minutes(vec![heading("Oppfølging"), action_table(90)]);
        let result = layout(&doc);
        assert!(result.pages.len() >= 3, "90 rows span several pages");
        let style = PageStyle::a4();
        for (index, page) in result.pages.iter().enumerate() {
            let texts = body(page);
            let Some(first_row) = texts
                .iter()
                .position(|t| t.text.starts_with("Tiltak nummer"))
            else {
                continue;
            };
            let header: Vec<&str> = texts[..first_row]
                .iter()
                .rev()
                .take(3)
                .rev()
                .map(|t| t.text.as_str())
                .collect();
            assert_eq!(
                header,
                ["Tiltak", "Ansvarlig", "Frist"],
                "page {} shows the table header before its first row",
                index + 1
            );
            if index > 0 {
                assert!(
                    texts[0].y < style.margin_top + 20.0,
                    "on page {} the repeated header is at the top",
                    index + 1
                );
            }
            let header_rules = page
                .ops
                .iter()
                .filter(|op| matches!(op, DrawOp::Line { width, .. } if *width > 0.8))
                .count();
            assert!(header_rules >= 2, "page {} has the header rules", index + 1);
        }
        let rows = result
            .pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| t.text.starts_with("Tiltak nummer"))
            .count();
        assert_eq!(rows, 90, "every row appears exactly once");
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        // Vary the filler so that the heading falls on every position near
        // the foot of the page.
        for filler in 30..60 {
            let mut blocks: Vec<Block> = (0..filler)
                .map(|i| paragraph(&format!("Linje {i}")))
                .collect();
            blocks.push(heading("Saksliste"));
            blocks.push(Block::Subheading {
                text: "Sak 1: Bolig".into(),
            });
            blocks.push(paragraph("Første linje etter overskriften.\nAndre linje."));
            blocks.push(heading("Neste tema"));
            blocks.push(action_table(3));
            let result = layout(&minutes(blocks));
            for (index, page) in result.pages.iter().enumerate() {
                let last = body(page).last().map(|t| (t.text.clone(), t.size));
                let Some((text, size)) = last else { continue };
                assert!(
                    size != HEADING_SIZE && size != SUBHEADING_SIZE,
                    "with {filler} filler lines, page {} ends with the heading {text:?}",
                    index + 1
                );
                assert_ne!(
                    text,
                    "Ansvarlig",
                    "with {filler} filler lines, a table header ends page {}",
                    index + 1
                );
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_by_lines() {
        let long_cell = (0..1500)
            .map(|i| format!("ord{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let doc = minutes(vec![Block::Table(TableBlock {
            headers: vec!["Tiltak".into(), "Merknad".into()],
            widths: vec![1.0, 1.0],
            rows: vec![
                vec!["Kort".into(), long_cell.clone()],
                vec!["Etter".into(), "x".into()],
            ],
        })]);
        let result = layout(&doc);
        assert!(
            result.pages.len() >= 2,
            "the long row needs more than a page"
        );
        let style = PageStyle::a4();
        for page in &result.pages {
            for run in body(page) {
                assert!(
                    run.y <= style.body_bottom(),
                    "{:?} runs off the page",
                    run.text
                );
            }
        }
        let out: Vec<char> = result
            .pages
            .iter()
            .flat_map(|p| {
                body(p)
                    .into_iter()
                    .map(|t| t.text.clone())
                    .collect::<Vec<_>>()
            })
            .collect::<String>()
            .chars()
            .collect();
        assert!(
            is_subsequence(&ink(&long_cell), &out),
            "every word of the long cell is laid out"
        );
    }

    #[test]
    fn a_notice_is_bold_and_framed() {
        let text = "Opplysninger er holdt tilbake for denne mottakeren.";
        let result = layout(&minutes(vec![Block::Notice { text: text.into() }]));
        let page = &result.pages[0];
        let run = page
            .texts()
            .find(|t| t.text == text)
            .expect("the notice text");
        assert_eq!(run.weight, Weight::Bold, "notice text is bold");
        let framed = page.ops.iter().any(|op| match op {
            DrawOp::Frame {
                x,
                y,
                width,
                height,
                ..
            } => *x < run.x && *y < run.y - run.size && *x + *width > run.x && *y + *height > run.y,
            _ => false,
        });
        assert!(framed, "a frame surrounds the notice text");
    }

    #[test]
    fn every_character_of_the_document_comes_out_in_order() {
        let doc = minutes(vec![
            Block::Facts {
                rows: vec![
                    ("Dato".into(), "12.11.2026".into()),
                    ("Deltaker".into(), "Åse Ødegård".into()),
                ],
            },
            heading("Til stede"),
            paragraph("Åse Ødegård (deltaker), Kari Nordmann (programrådgiver), Per Ås (NAV)"),
            heading("Saksliste"),
            Block::Subheading {
                text: "Sak 1: Særskilt tilrettelegging".into(),
            },
            paragraph(
                &"Deltakeren trenger særskilt tilrettelegging i norskopplæringen. ".repeat(30),
            ),
            Block::Notice {
                text: "Opplysninger om helse er holdt tilbake for denne mottakeren.".into(),
            },
            action_table(40),
            paragraph("arbeidsmarkedsopplæringsprogramdeltakerne\n\nSiste linje: æøå ÆØÅ"),
        ]);
        let result = layout(&doc);
        let mut expected = String::new();
        expected.extend(doc.letterhead.iter().cloned());
        expected.push_str(&doc.title);
        for block in &doc.blocks {
            match block {
                Block::Heading { text }
                | Block::Subheading { text }
                | Block::Paragraph { text }
                | Block::Notice { text } => expected.push_str(text),
                Block::Facts { rows } => {
                    for (label, value) in rows {
                        expected.push_str(label);
                        expected.push_str(value);
                    }
                }
                Block::Table(table) => {
                    expected.extend(table.headers.iter().cloned());
                    for row in &table.rows {
                        expected.extend(row.iter().cloned());
                    }
                }
            }
        }
        expected.push_str(&doc.signature);
        let out: Vec<char> = result
            .pages
            .iter()
            .flat_map(|p| {
                body(p)
                    .into_iter()
                    .map(|t| t.text.clone())
                    .collect::<Vec<_>>()
            })
            .collect::<String>()
            .chars()
            .collect();
        assert!(
            is_subsequence(&ink(&expected), &out),
            "the body must hold every character of the document, in order"
        );
        assert!(result.pages.len() >= 2, "the document spans pages");
    }

    #[test]
    fn a_long_title_is_shortened_in_the_footer() {
        let mut doc = minutes(vec![]);
        doc.title = "Referat ".repeat(40);
        let result = layout(&doc);
        let style = PageStyle::a4();
        let footer: Vec<&TextRun> = result.pages[0]
            .texts()
            .filter(|t| t.y > style.body_bottom())
            .collect();
        assert_eq!(footer.len(), 2, "footer has the title and the page number");
        assert!(footer[0].text.ends_with('…'), "the title is shortened");
        assert!(
            footer[0].x + FAKE.width(&footer[0].text, Weight::Regular, footer[0].size)
                < footer[1].x,
            "the title does not run into the page number"
        );
    }

    #[test]
    fn every_line_says_what_it_is_part_of() {
        let doc = minutes(vec![
            Block::Facts {
                rows: vec![("Dato".into(), "12.11.2026".into())],
            },
            heading("Oppfølging"),
            action_table(90),
            paragraph("Siste avsnitt."),
        ]);
        let result = layout(&doc);
        assert!(result.pages.len() >= 2, "the table spans pages");
        let role_of = |page: usize, text: &str| -> Vec<TextRole> {
            result.pages[page]
                .texts()
                .filter(|t| t.text == text)
                .map(|t| t.role)
                .collect()
        };
        let last = result.pages.len() - 1;
        let last_number = format!("Side {} av {}", last + 1, last + 1);
        // (page, text, the roles of the runs with that text on that page)
        let cases: Vec<(usize, &str, Vec<TextRole>)> = vec![
            (0, "Eksempel kommune", vec![TextRole::Letterhead]),
            (0, &doc.title, vec![TextRole::Title, TextRole::Footer]),
            (
                0,
                "Dato",
                vec![TextRole::Cell {
                    block: 0,
                    row: Some(0),
                    column: 0,
                }],
            ),
            (
                0,
                "12.11.2026",
                vec![TextRole::Cell {
                    block: 0,
                    row: Some(0),
                    column: 1,
                }],
            ),
            (0, "Oppfølging", vec![TextRole::Block(1)]),
            (
                0,
                "Ansvarlig",
                vec![TextRole::Cell {
                    block: 2,
                    row: None,
                    column: 1,
                }],
            ),
            (1, "Ansvarlig", vec![TextRole::RepeatedHeader]),
            (last, &last_number, vec![TextRole::PageNumber]),
        ];
        for (page, text, roles) in cases {
            assert_eq!(role_of(page, text), roles, "{text:?} on page {}", page + 1);
        }
        let everywhere = |text: &str| -> Vec<TextRole> {
            result
                .pages
                .iter()
                .flat_map(|page| page.texts())
                .filter(|t| t.text == text)
                .map(|t| t.role)
                .collect()
        };
        assert_eq!(everywhere("Siste avsnitt."), vec![TextRole::Block(3)]);
        assert_eq!(everywhere(&doc.signature), vec![TextRole::Signature]);
        let cell = result.pages[1]
            .texts()
            .find(|t| t.text.starts_with("Tiltak nummer"))
            .expect("a row on page 2");
        assert!(
            matches!(cell.role, TextRole::Cell { block: 2, row: Some(r), column: 0 } if r > 0),
            "rows on page 2 are body cells: {:?}",
            cell.role
        );
        assert!(TextRole::RepeatedHeader.is_artifact() && !TextRole::Title.is_artifact());
    }

    #[test]
    fn right_to_left_running_text_starts_at_the_right_and_cells_stay_left() {
        let arabic = "محمد عبد الله";
        let doc = minutes(vec![
            paragraph(arabic),
            paragraph(&format!("Deltaker: {arabic}")),
            Block::Notice {
                text: arabic.into(),
            },
            Block::Facts {
                rows: vec![("Deltaker".into(), arabic.into())],
            },
        ]);
        let style = PageStyle::a4();
        let right = style.left() + style.content_width();
        let result = layout(&doc);
        let runs: Vec<&TextRun> = result.pages[0]
            .texts()
            .filter(|t| t.text.contains(arabic))
            .collect();
        assert_eq!(runs.len(), 4, "four lines hold the name: {runs:?}");
        let width = |t: &TextRun| FAKE.width(&t.text, t.weight, t.size);
        // (run, right to left, its right edge is the column's)
        let cases = [
            (runs[0], true, right, "an Arabic paragraph"),
            (
                runs[1],
                false,
                style.left() + width(runs[1]),
                "a Norwegian line",
            ),
            (runs[2], true, right - NOTICE_PADDING, "an Arabic notice"),
        ];
        for (run, rtl, end, what) in cases {
            assert_eq!(run.rtl, rtl, "{what} has its direction");
            assert!(
                (run.x + width(run) - end).abs() < EPSILON,
                "{what} ends at {end}, got {} + {}",
                run.x,
                width(run)
            );
        }
        let label = result.pages[0]
            .texts()
            .find(|t| t.text == "Deltaker")
            .expect("the label");
        assert!(runs[3].rtl, "the value is right to left");
        assert!(
            runs[3].x > label.x && runs[3].x < style.left() + style.content_width() * 0.5,
            "the value starts at the left of its column, as the other values do"
        );
    }

    #[test]
    fn a_line_remembers_the_space_or_break_it_ended_at() {
        // (text, characters per line, whether each line ended at a space
        // or a line break that the line itself leaves out)
        let cases: &[(&str, usize, &[bool])] = &[
            ("Kari møtte Åse på NAV", 10, &[true, false]),
            ("første\nandre", 20, &[true, false]),
            ("a\n\nb", 20, &[true, true, false]),
            ("arbeidsmarkedsopplæring", 10, &[false, false, false]),
            (
                "Til arbeidsmarkedsopplæring",
                10,
                &[true, false, false, false],
            ),
            ("", 10, &[false]),
        ];
        for (text, chars, expected) in cases {
            let got: Vec<bool> =
                break_directed(text, *chars as f32 * 5.0, Weight::Regular, 10.0, &FAKE)
                    .iter()
                    .map(|line| line.space_after)
                    .collect();
            assert_eq!(&got, expected, "{text:?} at {chars} characters");
        }
    }
}
