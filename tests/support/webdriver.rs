//! A small WebDriver client for the end-to-end tests, and the tauri-driver
//! process they talk to. Just the W3C WebDriver calls the tests need, over
//! plain HTTP on localhost.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The W3C key for an element reference in WebDriver answers.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long to wait for the window to reach a state before failing.
/// WebDriver key codes for [`Session::press`].
pub mod keys {
    /// Control.
    pub const CTRL: &str = "\u{E009}";
    /// Alt.
    pub const ALT: &str = "\u{E00A}";
    /// Shift.
    pub const SHIFT: &str = "\u{E008}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Space.
    pub const SPACE: &str = "\u{E00D}";
}

pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How long to wait for a starting app's first screen.
pub const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running `tauri-driver`, killed with everything it started when dropped.
pub struct TauriDriver {
    child: Child,
    /// The port tauri-driver listens on.
    pub port: u16,
}

/// A port nobody listens on right now, so that parallel tests and leftovers
/// of an earlier run never collide.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free local port")
}

fn find_program(name: &str) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .collect()
        })
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cargo/bin").join(name));
    }
    candidates.into_iter().find(|path| path.is_file())
}

impl TauriDriver {
    /// Starts tauri-driver (and through it WebKitWebDriver) on free ports,
    /// with the given environment for the app, and waits until it answers.
    ///
    /// tauri-driver now and then never answers (a port taken between
    /// choosing it and binding it, or a start that hangs); it is then
    /// stopped and started again on new ports, up to three times, so a
    /// slow or unlucky start does not fail the test that needed it.
    pub fn start(env: &[(&str, &Path)]) -> Self {
        for _ in 0..3 {
            if let Some(driver) = Self::try_start(env) {
                return driver;
            }
        }
        panic!("tauri-driver did not answer in three starts");
    }

    fn try_start(env: &[(&str, &Path)]) -> Option<Self> {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let native_port = free_port();
        let driver = find_program("tauri-driver").expect(
            "tauri-driver is missing: run `make deps` (cargo install tauri-driver --locked)",
        );
        let native = find_program("WebKitWebDriver").expect(
            "WebKitWebDriver is missing: run `make deps` (Debian package webkit2gtk-driver)",
        );
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no X display: run the end-to-end tests under Xvfb, as `make test` does"
        );
        let mut command = Command::new(driver);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .arg("--native-driver")
            .arg(native)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so that dropping it also ends the
            // WebKitWebDriver and app processes it started.
            .process_group(0);
        // The window tests keep WebKit's compositing on, whatever the app
        // would choose on this machine (src-tauri/src/rendering.rs): two
        // windows at once on Xvfb, which has no window manager, cover each
        // other, and a covered window drawn without compositing is never
        // painted, so WebKitWebDriver's screenshot of it waits forever
        // (e2e_register_faults). A caller that names the variable (the
        // window benchmark, which measures the app's own choice) decides.
        command.env(introspor_app::rendering::COMPOSITING_VARIABLE, "0");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("tauri-driver should start");
        let driver = Self { child, port };
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let ready = ureq::get(&format!("http://127.0.0.1:{port}/status"))
                .timeout(Duration::from_secs(2))
                .call()
                .ok()
                .and_then(|r| r.into_json::<Value>().ok())
                .is_some();
            if ready {
                return Some(driver);
            }
            if Instant::now() >= deadline {
                // Dropping it stops its process group.
                return None;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl TauriDriver {
    /// The process id of tauri-driver, the root of the process tree it
    /// starts (WebKitWebDriver, the app and the app's web processes).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An element found in the window.
#[derive(Debug, Clone)]
pub struct Element(String);

/// A WebDriver session driving the app's window; closed when dropped.
pub struct Session {
    base: String,
    id: String,
}

impl Session {
    /// Launches `application` with `args` through `driver`, and on a first
    /// start confirms the recovery code as a caseworker would (reading the
    /// code off the screen and typing the asked-for groups back), so each
    /// test starts at the overview.
    pub fn launch(driver: &TauriDriver, application: &Path, args: &[&str]) -> Self {
        let session = Self::launch_raw(driver, application, args);
        session.wait_first_screen();
        if session.find("body[data-ready=\"recovery-code\"]").is_some() {
            session.confirm_recovery_code();
        }
        session
    }

    /// Waits for the first screen of a starting app. A cold start of the
    /// webview on a loaded 2-core machine can take far longer than a screen
    /// change, so this wait is longer than [`TIMEOUT`].
    pub fn wait_first_screen(&self) {
        self.wait_until_within(START_TIMEOUT, "the first screen", |s| {
            s.execute("return document.body.dataset.ready || ''")
                .as_str()
                .is_some_and(|screen| !screen.is_empty())
        });
    }

    /// Reads the recovery code on screen and types back the groups asked for.
    pub fn confirm_recovery_code(&self) {
        let code = self
            .text_of("#recovery-code")
            .replace(char::is_whitespace, "");
        let groups: Vec<&str> = code.split('-').collect();
        for input in self.find_all("input.group-input") {
            let id = self
                .call("GET", &format!("/element/{}/attribute/id", input.0), None)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let n: usize = id.trim_start_matches("recovery-group-").parse().unwrap();
            self.type_into(&input, groups[n - 1]);
        }
        self.click(&self.wait_for("#recovery-confirm-submit"));
        self.wait_until("the register to open after the recovery code", |s| {
            s.find("body[data-ready=\"recovery-code\"]").is_none()
        });
    }

    /// Launches `application` with `args` through `driver`, nothing more.
    pub fn launch_raw(driver: &TauriDriver, application: &Path, args: &[&str]) -> Self {
        let base = format!("http://127.0.0.1:{}", driver.port);
        let body = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": application, "args": args }
                }
            }
        });
        let answer = request("POST", &format!("{base}/session"), Some(body))
            .unwrap_or_else(|e| panic!("the app should start under WebDriver: {e}"));
        let id = answer["sessionId"]
            .as_str()
            .expect("new session answer has a sessionId")
            .to_string();
        Self { base, id }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        request(
            method,
            &format!("{}/session/{}{}", self.base, self.id, path),
            body,
        )
    }

    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path} failed: {e}"))
    }

    /// The first element matching `css`, if there is one now.
    pub fn find(&self, css: &str) -> Option<Element> {
        self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        .and_then(|v| v[ELEMENT_KEY].as_str().map(|s| Element(s.to_string())))
    }

    /// Every element matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.must(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v[ELEMENT_KEY].as_str().map(|s| Element(s.to_string())))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Waits until an element matching `css` exists and is displayed.
    pub fn wait_for(&self, css: &str) -> Element {
        let mut found = None;
        self.wait_until(&format!("{css} to be shown"), |s| {
            found = s.find(css).filter(|el| s.is_displayed(el));
            found.is_some()
        });
        found.expect("wait_until returned only when found")
    }

    /// Polls `condition` until it holds, failing with `what` after [`TIMEOUT`].
    pub fn wait_until(&self, what: &str, condition: impl FnMut(&Self) -> bool) {
        self.wait_until_within(TIMEOUT, what, condition);
    }

    /// Polls `condition` until it holds, failing with `what` after `timeout`.
    pub fn wait_until_within(
        &self,
        timeout: Duration,
        what: &str,
        mut condition: impl FnMut(&Self) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        while !condition(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the screen reports it has rendered (`body[data-ready]`)
    /// and its long tables have every row (none `aria-busy`: the rows
    /// after the first screenful come once it is painted).
    pub fn wait_for_screen(&self, screen: &str) {
        self.wait_for(&format!("body[data-ready=\"{screen}\"]"));
        self.wait_until("every row of the screen's tables", |s| {
            s.find("main [aria-busy=\"true\"]").is_none()
        });
    }

    pub fn is_displayed(&self, el: &Element) -> bool {
        self.call("GET", &format!("/element/{}/displayed", el.0), None)
            .map(|v| v.as_bool().unwrap_or(false))
            .unwrap_or(false)
    }

    /// Brings an element into the middle of the view, as a person scrolls
    /// to it: the window scrolls its own content area, which the driver
    /// does not scroll by itself before an interaction.
    fn scroll_into_view(&self, el: &Element) {
        let mut element = serde_json::Map::new();
        element.insert(ELEMENT_KEY.to_string(), json!(el.0));
        let _ = self.call(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})",
                "args": [element],
            })),
        );
    }

    pub fn click(&self, el: &Element) {
        self.scroll_into_view(el);
        self.must("POST", &format!("/element/{}/click", el.0), Some(json!({})));
    }

    /// Clicks a button that ends the app: the answer may never come, as the
    /// window is gone.
    pub fn click_to_quit(&self, el: &Element) {
        let _ = self.call("POST", &format!("/element/{}/click", el.0), Some(json!({})));
    }

    /// Types into an element as a person would, key by key.
    pub fn type_into(&self, el: &Element, text: &str) {
        self.try_type_into(el, text)
            .unwrap_or_else(|e| panic!("WebDriver could not type into the field: {e}"));
    }

    /// As [`Session::type_into`], answering WebDriver's error instead of
    /// failing, for a caller that finds the field again when the screen
    /// redrew it meanwhile.
    pub fn try_type_into(&self, el: &Element, text: &str) -> Result<(), String> {
        self.call(
            "POST",
            &format!("/element/{}/value", el.0),
            Some(json!({"text": text})),
        )
        .map(|_| ())
    }

    pub fn clear(&self, el: &Element) {
        self.scroll_into_view(el);
        self.must("POST", &format!("/element/{}/clear", el.0), Some(json!({})));
    }

    /// Clears a field and types a new value.
    ///
    /// A screen that redraws itself (a form re-rendered for editing) can
    /// replace the field between finding it and typing into it; the field
    /// is then found again, as a person would look at it again.
    pub fn fill(&self, css: &str, text: &str) {
        for attempt in 0.. {
            let el = self.wait_for(css);
            self.scroll_into_view(&el);
            let cleared = self.call("POST", &format!("/element/{}/clear", el.0), Some(json!({})));
            let typed = cleared.and_then(|_| {
                if text.is_empty() {
                    Ok(Value::Null)
                } else {
                    self.call(
                        "POST",
                        &format!("/element/{}/value", el.0),
                        Some(json!({"text": text})),
                    )
                }
            });
            match typed {
                Ok(_) => return,
                Err(e) if e.contains("stale element") && attempt < 20 => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!("WebDriver could not fill {css}: {e}"),
            }
        }
    }

    pub fn text(&self, el: &Element) -> String {
        self.must("GET", &format!("/element/{}/text", el.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The visible text of the first element matching `css`, waiting for it.
    ///
    /// A screen may redraw between finding the element and reading it; a
    /// stale element is looked up again instead of failing the test.
    pub fn text_of(&self, css: &str) -> String {
        let mut text = None;
        self.wait_until(&format!("the text of {css}"), |s| {
            text = s
                .find(css)
                .filter(|el| s.is_displayed(el))
                .and_then(|el| s.call("GET", &format!("/element/{}/text", el.0), None).ok())
                .map(|v| v.as_str().unwrap_or_default().to_string());
            text.is_some()
        });
        text.expect("wait_until returned only when read")
    }

    /// The `textContent` of the first element matching `css` now, empty if
    /// there is none: read in one script, so a screen drawn anew meanwhile
    /// cannot leave a stale element, and the exact text (WebDriver's
    /// rendered text folds white space and bidi controls).
    pub fn text_now(&self, css: &str) -> String {
        self.property_now(css, "textContent")
    }

    /// The string property `property` (`value`, `textContent`…) of the
    /// first element matching `css` now, read in one script; empty if there
    /// is no such element.
    pub fn property_now(&self, css: &str, property: &str) -> String {
        self.execute(&format!(
            "return document.querySelector({})?.[{}] ?? ''",
            serde_json::to_string(css).unwrap(),
            serde_json::to_string(property).unwrap()
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Selects the option with `value` in a `<select>` by clicking it.
    pub fn select(&self, select_css: &str, value: &str) {
        // The list is brought into view, not the option inside it.
        self.scroll_into_view(&self.wait_for(select_css));
        let option = self.wait_for(&format!("{select_css} option[value=\"{value}\"]"));
        self.must(
            "POST",
            &format!("/element/{}/click", option.0),
            Some(json!({})),
        );
    }

    /// Presses a key chord, e.g. `["\u{E009}", "s"]` for Ctrl+S.
    pub fn press(&self, keys: &[&str]) {
        let mut actions: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.must(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        let _ = self.call("DELETE", "/actions", None);
    }

    /// How long an asynchronous script may run before the driver gives up.
    pub fn set_script_timeout(&self, timeout: Duration) {
        let _ = self.call(
            "POST",
            "/timeouts",
            Some(json!({"script": timeout.as_millis() as u64})),
        );
    }

    /// Asks for the window's outer size in pixels; answers the size it got.
    pub fn set_window_size(&self, width: u32, height: u32) -> (f64, f64) {
        let _ = self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
        let size = self.execute("return [window.outerWidth, window.outerHeight]");
        (
            size[0].as_f64().unwrap_or_default(),
            size[1].as_f64().unwrap_or_default(),
        )
    }

    /// The focused element, described as `tag#id` (or `tag.class` without
    /// an id, or `body`): where a keyboard user now is.
    pub fn focused(&self) -> String {
        self.execute(
            "const e = document.activeElement; if (!e || e === document.body) return 'body'; \
             return e.tagName.toLowerCase() + (e.id ? '#' + e.id : (e.className ? '.' + String(e.className).split(' ')[0] : ''));",
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Types `text` into whatever has the focus, key by key, as a person
    /// types (no element is addressed: the keyboard goes where the focus is).
    pub fn type_text(&self, text: &str) {
        let actions: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        self.must(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        let _ = self.call("DELETE", "/actions", None);
    }

    /// Presses Tab until the focus is on an element matching `css`, as a
    /// keyboard user moves through the screen; fails, naming where the
    /// focus went, if it is not reached within 200 presses.
    pub fn tab_to(&self, css: &str) {
        let matches = format!(
            "return document.activeElement?.matches({}) ?? false",
            serde_json::to_string(css).unwrap()
        );
        let mut visited = Vec::new();
        for _ in 0..200 {
            if self.execute(&matches) == true {
                return;
            }
            self.press(&[keys::TAB]);
            visited.push(self.focused());
        }
        panic!("Tab never reached {css}; the focus went through {visited:?}");
    }

    /// Presses keys one after another (each pressed and released), as a
    /// person types Tab, Tab, Enter.
    pub fn keys(&self, sequence: &[&str]) {
        for key in sequence {
            self.press(&[key]);
        }
    }

    /// The visible texts of every element matching `css`, read in one go in
    /// the page so that a re-render between calls cannot make them stale.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let script = format!(
            "return [...document.querySelectorAll({})].map(e => e.innerText);",
            serde_json::to_string(css).unwrap()
        );
        serde_json::from_value(self.execute(&script)).unwrap_or_default()
    }

    /// The text of an open alert, confirm or prompt dialog, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        self.call("GET", "/alert/text", None)
            .ok()
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    pub fn execute(&self, script: &str) -> Value {
        self.must(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Runs `script` as an asynchronous script: it gets a callback as its
    /// last argument and answers by calling it.
    pub fn execute_async(&self, script: &str) -> Value {
        self.must(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Closes the window, as a person does with its close button; the app
    /// ends when its last window is closed.
    pub fn close_window(&self) {
        let _ = self.call("DELETE", "/window", None);
    }

    /// Saves a PNG screenshot of the window to `path`.
    pub fn screenshot(&self, path: &Path) {
        use base64::Engine;
        let data = self.must("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().expect("screenshot is base64 text"))
            .expect("screenshot decodes");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", None);
    }
}

fn request(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let req = ureq::request(method, url).timeout(Duration::from_secs(60));
    let answer = match body {
        Some(body) => req.send_json(body),
        None => req.call(),
    };
    match answer {
        Ok(response) => response
            .into_json::<Value>()
            .map(|v| v["value"].clone())
            .map_err(|e| e.to_string()),
        Err(ureq::Error::Status(code, response)) => Err(format!(
            "HTTP {code}: {}",
            response.into_string().unwrap_or_default()
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// The app binary Cargo built for these tests.
pub fn app() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_introspor"))
}

/// Where screenshots for people to look at are saved.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}
