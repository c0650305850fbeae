//! How the window is drawn on Linux: with the graphics card when there is
//! one, on the processor otherwise.
//!
//! WebKitGTK composites the page through OpenGL. On a machine without a
//! graphics device (a virtual machine, a remote desktop, the test machine
//! under Xvfb) that OpenGL is Mesa's software renderer, and every frame of a
//! screen costs 50 to 100 ms more than WebKit's own non-composited drawing,
//! which paints only what is on the screen (measured with `cargo bench
//! --bench window`; see docs/performance.md). So where Linux shows no
//! graphics device, compositing is switched off before the window opens. A
//! choice made by the person starting the program (the variable already
//! set, to anything) is left alone. Windows and macOS draw with their own
//! engines and are not touched.

/// WebKitGTK's own switch for drawing without compositing.
pub const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists its graphics devices' render nodes (`renderD128`…).
#[cfg(target_os = "linux")]
const DEVICE_FOLDER: &str = "/dev/dri";

/// Whether compositing is to be switched off: only where no graphics device
/// is present and nobody has chosen already.
pub fn compositing_off(has_graphics_device: bool, already_chosen: bool) -> bool {
    !has_graphics_device && !already_chosen
}

/// Whether `names` (the entries of the device folder) include a render node.
pub fn lists_a_render_node<I, S>(names: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    names
        .into_iter()
        .any(|name| name.as_ref().starts_with("renderD"))
}

/// What was found and chosen at start, logged once logging runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawing {
    /// Whether a graphics device's render node was found.
    pub graphics_device: bool,
    /// Whether the window is drawn without compositing.
    pub compositing_off: bool,
}

/// Makes the choice for this machine. Must run before the window is created
/// and before any other thread starts, since it sets an environment
/// variable.
pub fn choose_for_this_machine() -> Drawing {
    #[cfg(target_os = "linux")]
    {
        let names = std::fs::read_dir(DEVICE_FOLDER)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let graphics_device = lists_a_render_node(&names);
        let chosen = std::env::var_os(COMPOSITING_VARIABLE).is_some();
        if compositing_off(graphics_device, chosen) {
            std::env::set_var(COMPOSITING_VARIABLE, "1");
        }
        Drawing {
            graphics_device,
            compositing_off: std::env::var_os(COMPOSITING_VARIABLE).is_some(),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        Drawing {
            graphics_device: true,
            compositing_off: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_is_switched_off_only_without_a_device_and_without_a_choice() {
        // (graphics device, already chosen, switched off)
        let cases = [
            (false, false, true),
            (false, true, false),
            (true, false, false),
            (true, true, false),
        ];
        for (device, chosen, off) in cases {
            assert_eq!(
                compositing_off(device, chosen),
                off,
                "device {device}, chosen {chosen}"
            );
        }
    }

    #[test]
    fn only_a_render_node_counts_as_a_graphics_device() {
        let cases: [(&[&str], bool); 5] = [
            (&[], false),
            (&["card0"], false),
            (&["by-path", "card0"], false),
            (&["card0", "renderD128"], true),
            (&["renderD129"], true),
        ];
        for (names, device) in cases {
            assert_eq!(lists_a_render_node(names.iter()), device, "{names:?}");
        }
    }
}
