// Zoom of the whole window (Tauri's webview zoom, so the layout reflows in
// CSS pixels): Ctrl+Plus, Ctrl+Minus and Ctrl+0, remembered by the program
// between starts. The steps are those of the common browsers.
import { api } from "./api.js";
import { t } from "./i18n.js";
import { toast } from "./toast.js";

export const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

let level = 1;

/** Takes note of the zoom the program applied at start. */
export function applyZoom(value) {
  if (typeof value === "number" && value > 0) level = value;
  document.documentElement.dataset.zoom = String(Math.round(level * 100));
}

/** The next step up or down from the current level. */
export function nextZoom(current, direction) {
  if (direction === 0) return 1;
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + 0.001) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.001) ?? ZOOM_STEPS[0];
}

/** Handles a zoom shortcut; true when `event` was one. */
export function zoomKey(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const direction = { "+": 1, "=": 1, "-": -1, "0": 0 }[event.key];
  if (direction === undefined) return false;
  const wanted = nextZoom(level, direction);
  api
    .setZoom(wanted)
    .then((applied) => {
      applyZoom(applied);
      toast(t("zoom.level", { percent: Math.round(applied * 100) }));
    })
    .catch(() => {});
  return true;
}
