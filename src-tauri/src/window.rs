//! The window's own settings and requests: its zoom and its language
//! (remembered between starts in `window.json` in the data folder, beside
//! the register but not in it, since they are not about anyone and are
//! needed before the register opens), its title, and the close request that
//! the window answers after asking about unsaved changes.

use introspor_core::language::Language;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The zoom levels the window may ask for; anything else is refused.
pub const ZOOM_MIN: f64 = 0.5;
/// The largest zoom (400 %, where WCAG's reflow is checked).
pub const ZOOM_MAX: f64 = 4.0;

/// What the window remembers about itself.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowPrefs {
    /// The webview's zoom factor (1.0 is 100 %).
    pub zoom: f64,
    /// The window's language; a file from before languages existed has
    /// none and gives Bokmål.
    #[serde(default)]
    pub language: Language,
}

impl Default for WindowPrefs {
    fn default() -> Self {
        WindowPrefs {
            zoom: 1.0,
            language: Language::Bokmal,
        }
    }
}

/// The language the window speaks now, which errors and messages from the
/// commands are rendered in. Process-wide, since there is one window.
static WINDOW_LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// The window's language now.
pub fn window_language() -> Language {
    Language::ALL
        .get(usize::from(WINDOW_LANGUAGE.load(Ordering::Relaxed)))
        .copied()
        .unwrap_or_default()
}

/// Makes `language` the window's language for every message from now on.
pub fn set_window_language(language: Language) {
    let index = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    WINDOW_LANGUAGE.store(u8::try_from(index).unwrap_or(0), Ordering::Relaxed);
}

fn prefs_path(folder: &Path) -> PathBuf {
    folder.join("window.json")
}

impl WindowPrefs {
    /// Reads the remembered settings; a missing or unreadable file gives the
    /// defaults, since a lost zoom is no reason to refuse to start.
    pub fn load(folder: &Path) -> WindowPrefs {
        std::fs::read(prefs_path(folder))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<WindowPrefs>(&bytes).ok())
            .map(|prefs| WindowPrefs {
                zoom: clamp_zoom(prefs.zoom),
                ..prefs
            })
            .unwrap_or_default()
    }

    /// Writes the settings through a temporary file renamed over the old
    /// one, so a crash leaves either the old or the new file.
    pub fn save(&self, folder: &Path) -> std::io::Result<()> {
        let path = prefs_path(folder);
        let partial = folder.join("window.json.partial");
        std::fs::write(
            &partial,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(&partial, &path)
    }
}

/// A zoom factor within the allowed range; not-a-number gives 100 %.
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_finite() {
        zoom.clamp(ZOOM_MIN, ZOOM_MAX)
    } else {
        1.0
    }
}

/// The title the window asked for, kept short and free of control
/// characters (it is the screen's name from the route table, never data).
pub fn window_title(asked: &str) -> String {
    let title: String = asked.chars().filter(|c| !c.is_control()).take(80).collect();
    if title.trim().is_empty() {
        "Introspor".to_string()
    } else {
        title
    }
}

/// How long the window may take to acknowledge a close request before a
/// further request closes without asking.
pub const CLOSE_ANSWER_WAIT: Duration = Duration::from_secs(3);

/// Requests closer together than this are one request: a window manager
/// may send the close to each of the app's X windows at once, and a loaded
/// machine may deliver that burst unevenly.
pub const CLOSE_BURST: Duration = Duration::from_millis(1500);

/// Whether a close request is waiting for the window's answer. A further
/// request while an earlier one has gone unacknowledged for
/// [`CLOSE_ANSWER_WAIT`] closes at once, so a window whose script has
/// stopped can still be closed. A request that comes sooner, or within
/// [`CLOSE_BURST`] of the one before it (the same close sent to each of the
/// app's windows), asks again, and the window treats it as the same
/// question.
#[derive(Debug, Default)]
pub struct CloseRequest {
    state: Mutex<Option<Pending>>,
}

/// An unacknowledged close request: when the first came, and the latest.
#[derive(Debug, Clone, Copy)]
struct Pending {
    since: Instant,
    latest: Instant,
}

impl CloseRequest {
    /// A close request arrived at `now`: true when the window should be
    /// asked, false when it should close now.
    pub fn ask_window(&self, now: Instant) -> bool {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match *state {
            Some(pending)
                if now.duration_since(pending.since) >= CLOSE_ANSWER_WAIT
                    && now.duration_since(pending.latest) >= CLOSE_BURST =>
            {
                false
            }
            Some(pending) => {
                *state = Some(Pending {
                    latest: now,
                    ..pending
                });
                true
            }
            None => {
                *state = Some(Pending {
                    since: now,
                    latest: now,
                });
                true
            }
        }
    }

    /// The window has the request and will answer it (close, or stay).
    pub fn acknowledged(&self) {
        *self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_is_kept_within_its_range() {
        for (asked, kept) in [
            (1.0, 1.0),
            (0.1, ZOOM_MIN),
            (9.0, ZOOM_MAX),
            (f64::NAN, 1.0),
            (f64::INFINITY, 1.0),
            (2.5, 2.5),
        ] {
            assert_eq!(clamp_zoom(asked), kept, "zoom {asked}");
        }
    }

    #[test]
    fn prefs_survive_a_restart_and_a_damaged_file_gives_defaults() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(WindowPrefs::load(folder.path()), WindowPrefs::default());
        WindowPrefs {
            zoom: 1.5,
            language: Language::Nynorsk,
        }
        .save(folder.path())
        .unwrap();
        assert_eq!(WindowPrefs::load(folder.path()).zoom, 1.5);
        std::fs::write(folder.path().join("window.json"), b"{not json").unwrap();
        assert_eq!(WindowPrefs::load(folder.path()), WindowPrefs::default());
        assert!(!folder.path().join("window.json.partial").exists());
    }

    #[test]
    fn titles_are_short_and_plain() {
        assert_eq!(window_title("Møter – Introspor"), "Møter – Introspor");
        assert_eq!(window_title("a\u{7}b\nc"), "abc");
        assert_eq!(window_title("   "), "Introspor");
        assert_eq!(window_title(&"x".repeat(500)).chars().count(), 80);
    }

    #[test]
    fn an_unanswered_close_request_closes_on_a_later_one() {
        let ms = Duration::from_millis;
        let close = CloseRequest::default();
        let start = Instant::now();
        assert!(
            close.ask_window(start),
            "the first request goes to the window"
        );
        assert!(
            close.ask_window(start + ms(50)),
            "a request right after it (to another of the app's windows) asks again"
        );
        assert!(
            !close.ask_window(start + CLOSE_ANSWER_WAIT),
            "unanswered for the whole wait: the next request closes"
        );
        close.acknowledged();
        assert!(
            close.ask_window(start + CLOSE_ANSWER_WAIT * 2),
            "after an answer the window is asked again"
        );
    }

    #[test]
    fn a_burst_delivered_unevenly_is_one_request() {
        let ms = Duration::from_millis;
        let close = CloseRequest::default();
        let start = Instant::now();
        // The same close reaches three windows, the last after a stall.
        assert!(close.ask_window(start));
        assert!(close.ask_window(start + ms(2000)));
        assert!(
            close.ask_window(start + ms(3200)),
            "within the burst of the one before it: still the same request"
        );
        assert!(
            !close.ask_window(start + ms(3200) + CLOSE_BURST),
            "a click well after the burst, still unanswered, closes"
        );
    }
}
