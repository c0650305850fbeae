//! The document model of exported minutes: what is written, not how it
//! looks on a page.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// A finished minutes document, already redacted for its recipient.
///
/// Every string is plain text; nothing in it is markup.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinutesDocument {
    /// Document title, also the PDF's metadata title
    /// ("Referat fra trekantmøte 12.11.2026").
    pub title: String,
    /// Lines above the title: municipality and service name.
    pub letterhead: Vec<String>,
    /// Who wrote the minutes; the PDF's metadata author and the "Referent:" line.
    pub author: String,
    /// When the document was made, as the wall clock of the machine that
    /// made it showed it, with that machine's offset from UTC at that moment
    /// (`+01:00` in a Norwegian winter, `+02:00` in summer). The PDF's
    /// creation date and XMP `CreateDate` carry both.
    ///
    /// Passed in by the caller, who reads the clock and the time zone
    /// (`chrono::Local::now().fixed_offset()`); the core reads neither, so
    /// the same document always gives the same bytes.
    pub created: DateTime<FixedOffset>,
    /// Language of the text as a BCP 47 tag (`nb` for Norwegian Bokmål,
    /// `nn` for Nynorsk, `en` for English); the PDF's document language
    /// (catalog `/Lang`, the structure tree's root and XMP `dc:language`).
    pub language: String,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// The closing line ("Referent: Kari Nordmann, 12.11.2026").
    pub signature: String,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    /// A section heading ("Til stede", "Saksliste").
    Heading {
        /// The heading text.
        text: String,
    },
    /// A heading inside a section (one agenda item).
    Subheading {
        /// The heading text.
        text: String,
    },
    /// Running text; may hold line breaks (`\n`) the writer typed.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A notice that stands out from the text, such as "opplysninger er
    /// holdt tilbake for denne mottakeren". Rendered framed or in bold so
    /// it is seen, and never only by colour.
    Notice {
        /// The notice text.
        text: String,
    },
    /// Label and value pairs in two columns ("Dato" / "12.11.2026").
    Facts {
        /// The pairs, in order.
        rows: Vec<(String, String)>,
    },
    /// A table with a header row that repeats on every page it spans.
    Table(TableBlock),
}

/// A table: column headers, relative column widths and rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableBlock {
    /// Column headers.
    pub headers: Vec<String>,
    /// Relative widths, one per column (they need not sum to 1).
    pub widths: Vec<f32>,
    /// Rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl TableBlock {
    /// How many columns the table is drawn and tagged with: its widest row
    /// or its header, and at least one. The layout and the tags count the
    /// same way, so every drawn cell has its tag.
    pub fn column_count(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.headers.len()])
            .max()
            .unwrap_or(0)
            .max(1)
    }
}
