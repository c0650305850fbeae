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
    "recovery_code_get",
    "recovery_code_confirm",
    "register_unlock",
    "backup_list",
    "backup_now",
    "backup_restore",
    "backup_restore_file",
    "register_restore_newest",
    "register_start_new",
    "register_keep",
    "app_quit",
    "window_zoom_set",
    "window_title_set",
    "window_close_acknowledged",
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
    "statutory_rules_get",
    "extension_add",
    "extension_delete",
    "nir_check_set",
    "interpreter_report_get",
    "task_add",
    "task_set_done",
    "task_delete",
    "settings_get",
    "settings_save",
    "recompute_progress_get",
    "calendar_export",
    "participant_list_export",
    "deadline_list_export",
    "report_caseload",
    "report_compliance",
    "report_registration_debt",
    "report_supervision",
    "report_export",
    "report_supervision_pdf",
    "organisation_list",
    "organisation_save",
    "organisation_set_deleted",
    "contact_list",
    "contact_find",
    "contact_save",
    "contact_archive",
    "team_get",
    "team_add_member",
    "team_end_membership",
    "meeting_list",
    "meeting_draft",
    "meeting_get",
    "meeting_save",
    "meeting_complete",
    "meeting_reopen",
    "meeting_delete",
    "minutes_preview",
    "minutes_export",
    "sharing_log_list",
    "cooperation_overview_get",
    "letterhead_get",
    "letterhead_save",
    "audit_history",
    "audit_verify",
    "audit_export",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
