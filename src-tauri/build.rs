//! Build script for the Tauri shell.
//!
//! The app package's manifest sits at the repository root (beside
//! `tauri.conf.json`), so the capabilities are looked up under `src-tauri/`.
//! App commands are listed explicitly: only commands named here get an
//! `allow-…` permission, and only those granted in the capability can be
//! called from the window.

/// Every command the window may call; keep in step with `lib.rs`.
const COMMANDS: &[&str] = &[
    "app_status",
    "first_render",
    "participant_list",
    "participant_get",
    "participant_create",
    "participant_update",
    "participant_set_archived",
    "deadline_overview",
    "deadline_list",
    "participant_deadlines",
    "deadline_mark_done",
    "event_add",
    "event_delete",
    "leave_save",
    "leave_delete",
    "task_add",
    "task_set_done",
    "task_delete",
    "settings_get",
    "settings_save",
    "calendar_export",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
