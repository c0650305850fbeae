//! End to end, in the real window: a register file emptied, damaged at its
//! header or robbed of its `-wal` shows the damaged-register screen with the
//! newest good backup on offer, and restoring it brings the rows back; a
//! normal window close leaves no `-wal` or `-shm`; a second start on one
//! data folder refuses; every command fed wrongly typed arguments answers
//! with a code and a Norwegian message.

mod support;

use introspor_app::commands::participants::create;
use introspor_app::state::{automatic_backup, now, BackupClock, Register};
use introspor_app::{key_store_for, start_state};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::backup::backup_folder;
use introspor_core::store::opening::CONFIRM_GROUPS;
use introspor_core::store::{recovery_code, DATABASE_FILE_NAME};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use support::app_window::{app_processes, close_like_a_person};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// A register with `rows` participants, its recovery code confirmed and a
/// backup holding all of them, then `extra` more rows after that backup,
/// left as a killed app leaves them (still in the `-wal`) when `killed`.
fn prepare(folder: &Path, rows: usize, extra: usize, killed: bool) {
    let state = start_state(folder.to_path_buf(), Arc::new(key_store_for(folder)), None);
    let Register::Ready(shared) = state.register() else {
        panic!(
            "the new register should open, not {}",
            state.register().name()
        );
    };
    {
        let mut guard = shared.lock().unwrap();
        let store = guard.as_mut().unwrap();
        let code = store.recovery_code().unwrap();
        let groups: Vec<String> = CONFIRM_GROUPS
            .iter()
            .map(|&n| recovery_code::group(&code, n).unwrap().to_string())
            .collect();
        store
            .confirm_recovery_code(&groups, chrono::Local::now().date_naive())
            .unwrap();
        let today = chrono::Local::now().date_naive();
        for n in 0..rows {
            let form = ParticipantForm {
                given_name: format!("Ådne{n}"),
                family_name: "Sikkerhetskopisen".into(),
                ..ParticipantForm::default()
            };
            create(store, &form, today).unwrap();
        }
        let later = now() + chrono::Duration::minutes(1);
        let clock = automatic_backup(
            store,
            &backup_folder(folder),
            BackupClock::default(),
            later,
            true,
            true,
        );
        assert!(clock.problem.is_none(), "the backup should be written");
        for n in 0..extra {
            let form = ParticipantForm {
                given_name: format!("Etter{n}"),
                family_name: "Sikkerhetskopien".into(),
                ..ParticipantForm::default()
            };
            create(store, &form, today).unwrap();
        }
        if killed {
            // As after a kill: the files as they are, the log not checkpointed.
            let image = tempfile::tempdir().unwrap();
            for name in [
                DATABASE_FILE_NAME.to_string(),
                format!("{DATABASE_FILE_NAME}-wal"),
            ] {
                std::fs::copy(folder.join(&name), image.path().join(&name)).unwrap();
            }
            drop(guard);
            state.close();
            for name in [
                DATABASE_FILE_NAME.to_string(),
                format!("{DATABASE_FILE_NAME}-wal"),
            ] {
                std::fs::copy(image.path().join(&name), folder.join(&name)).unwrap();
            }
            return;
        }
    }
    state.close();
}

fn participant_rows(s: &Session) -> usize {
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.texts("#participant-table tbody tr").len()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a Secret Service; run with `make test`"]
fn a_damaged_register_shows_what_happened_and_the_backup_brings_the_rows_back() {
    // (what happened to the file, the screen's heading, rows in the backup
    // that comes back, rows acknowledged after it and lost with the fault)
    let cases: [(&str, &str, usize, usize); 3] = [
        ("zero_bytes", "Registerfilen er tom", 6, 0),
        ("first_page", "Registerfilen kan ikke leses", 5, 0),
        ("wal_lost", "Registeret mangler nyere endringer", 4, 3),
    ];
    for (fault, heading, rows, extra) in cases {
        let data = tempfile::tempdir().unwrap();
        let file = data.path().join(DATABASE_FILE_NAME);
        prepare(data.path(), rows, extra, fault == "wal_lost");
        let backups_before = std::fs::read_dir(backup_folder(data.path()))
            .unwrap()
            .count();
        match fault {
            "zero_bytes" => std::fs::write(&file, b"").unwrap(),
            "first_page" => {
                let mut bytes = std::fs::read(&file).unwrap();
                for b in &mut bytes[..4096] {
                    *b ^= 0x5a;
                }
                std::fs::write(&file, bytes).unwrap();
            }
            _ => {
                std::fs::remove_file(data.path().join(format!("{DATABASE_FILE_NAME}-wal"))).unwrap()
            }
        }
        let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
        let s = Session::launch_raw(&driver, app(), &[]);
        s.wait_first_screen();
        s.wait_for_screen("damaged");
        let title = s.text_of("#damaged-title");
        assert!(
            title.contains(heading),
            "{fault}: the heading should say what happened: {title:?}"
        );
        let offer = s.text_of("#damaged-offer-text");
        assert!(
            offer.contains(&format!("{rows} deltakere")),
            "{fault}: the offer should say what the backup holds: {offer:?}"
        );
        assert!(
            offer.contains("Tatt "),
            "{fault}: and when it was taken: {offer:?}"
        );
        assert!(
            s.find("a[data-nav=\"participants\"]")
                .is_none_or(|el| !s.is_displayed(&el)),
            "{fault}: the menu should be hidden while the register is damaged"
        );
        assert_eq!(
            std::fs::read_dir(backup_folder(data.path()))
                .unwrap()
                .count(),
            backups_before,
            "{fault}: no backup should be written or deleted before the caseworker decides"
        );
        s.screenshot(&screenshot_dir().join(format!("damaged-{fault}.png")));
        s.click(&s.wait_for("#restore-newest"));
        s.wait_for_screen("overview");
        assert_eq!(
            participant_rows(&s),
            rows,
            "{fault}: the backup's rows should be back"
        );
        let kept_aside = std::fs::read_dir(data.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains(".skadet-"));
        assert!(
            kept_aside,
            "{fault}: the damaged file should be kept beside the restored one"
        );
    }
}

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a Secret Service; run with `make test`"]
fn closing_the_window_leaves_the_register_file_whole_and_a_second_start_refuses() {
    let data = tempfile::tempdir().unwrap();
    let env = [("INTROSPOR_DATA_DIR", data.path())];
    let driver = TauriDriver::start(&env);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "Åsmund");
    s.fill("#field-familyName", "Lukkesen");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");
    let wal = data.path().join(format!("{DATABASE_FILE_NAME}-wal"));
    let shm = data.path().join(format!("{DATABASE_FILE_NAME}-shm"));
    assert!(
        wal.exists(),
        "while the app runs, the log is beside the file"
    );

    // A second start on the same folder refuses, and says why.
    {
        let second_driver = TauriDriver::start(&env);
        let second = Session::launch_raw(&second_driver, app(), &[]);
        second.wait_first_screen();
        second.wait_for_screen("in-use");
        let reason = second.text_of("#in-use-reason");
        assert!(
            reason.contains("allerede åpent i et annet Introspor-vindu"),
            "the second window should say the register is open elsewhere: {reason:?}"
        );
        second.screenshot(&screenshot_dir().join("in-use.png"));
        second.click_to_quit(&second.wait_for("#in-use-close"));
        second.wait_until("the second app to end", |_| {
            app_processes(data.path()).len() == 1
        });
    }
    // The first carries on.
    assert_eq!(
        participant_rows(&s),
        1,
        "the first window should carry on with its register"
    );

    // The caseworker closes the window: the log is checkpointed into the
    // file and both sidecars are gone.
    close_like_a_person(data.path());
    s.wait_until("the app to close the register", |_| {
        !wal.exists() && !shm.exists()
    });
    drop(s);
    drop(driver);

    // The file alone is the whole register.
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(
        data.path().join(DATABASE_FILE_NAME),
        copy.path().join(DATABASE_FILE_NAME),
    )
    .unwrap();
    let keys = key_store_for(data.path());
    let store =
        introspor_core::store::opening::open_database(&copy.path().join(DATABASE_FILE_NAME), &keys)
            .unwrap();
    let introspor_core::store::opening::Opening::Ready(store) = store else {
        panic!("the copied file should open with the key");
    };
    assert_eq!(
        store.row_counts().unwrap().participants,
        1,
        "the copied file alone should hold the new participant"
    );
}

/// Every command the window may call, with its arguments given the wrong
/// types (`None`: the command takes no arguments to get wrong).
fn wrongly_typed_arguments() -> Vec<(&'static str, Option<Value>)> {
    use serde_json::json;
    let int = json!("x");
    let text = json!(42);
    let object = json!(7);
    vec![
        ("app_status", None),
        ("app_quit", None),
        ("window_zoom_set", Some(json!({ "zoom": int }))),
        ("window_title_set", Some(json!({ "title": text }))),
        ("window_close_acknowledged", None),
        ("language_catalogue", Some(json!({ "language": text }))),
        ("window_language_set", Some(json!({ "language": text }))),
        ("first_render", Some(json!({ "screen": text }))),
        ("recovery_code_get", None),
        ("recovery_code_confirm", Some(json!({ "groups": object }))),
        ("register_unlock", Some(json!({ "code": text }))),
        ("backup_list", None),
        ("backup_now", None),
        ("backup_restore", Some(json!({ "fileName": text }))),
        ("backup_restore_file", None),
        ("register_restore_newest", None),
        ("register_start_new", None),
        ("register_keep", None),
        ("participant_list", Some(json!({ "query": object }))),
        ("participant_get", Some(json!({ "id": int }))),
        ("participant_create", Some(json!({ "form": object }))),
        (
            "participant_update",
            Some(json!({ "id": int, "form": object })),
        ),
        (
            "participant_set_archived",
            Some(json!({ "id": int, "archived": int })),
        ),
        ("deadline_overview", None),
        ("deadline_list", Some(json!({ "filter": object }))),
        (
            "participant_deadlines",
            Some(json!({ "participantId": int })),
        ),
        (
            "deadline_mark_done",
            Some(json!({ "participantId": int, "kind": text, "sourceId": int, "date": text })),
        ),
        (
            "event_add",
            Some(json!({ "participantId": int, "form": object })),
        ),
        (
            "event_delete",
            Some(json!({ "participantId": int, "eventId": int })),
        ),
        (
            "leave_save",
            Some(json!({ "participantId": int, "leaveId": int, "form": object })),
        ),
        (
            "leave_delete",
            Some(json!({ "participantId": int, "leaveId": int })),
        ),
        ("statutory_rules_get", None),
        (
            "extension_add",
            Some(json!({ "participantId": int, "form": object })),
        ),
        (
            "extension_delete",
            Some(json!({ "participantId": int, "extensionId": int })),
        ),
        (
            "nir_check_set",
            Some(json!({ "dataYear": int, "date": text })),
        ),
        (
            "interpreter_report_get",
            Some(json!({ "from": text, "to": text })),
        ),
        ("task_add", Some(json!({ "form": object }))),
        (
            "task_set_done",
            Some(json!({ "taskId": int, "date": text })),
        ),
        ("task_delete", Some(json!({ "taskId": int }))),
        ("settings_get", None),
        ("settings_save", Some(json!({ "values": object }))),
        ("recompute_progress_get", None),
        ("calendar_export", None),
        ("import_open", None),
        ("import_remap", Some(json!({ "mapping": text }))),
        ("import_progress_get", None),
        ("import_cancel", None),
        ("import_discard", None),
        ("import_confirm", None),
        (
            "participant_list_export",
            Some(json!({ "query": object, "format": text })),
        ),
        (
            "deadline_list_export",
            Some(json!({ "filter": object, "format": text })),
        ),
        ("report_caseload", Some(json!({ "date": text }))),
        (
            "report_compliance",
            Some(json!({ "from": text, "to": text })),
        ),
        ("report_registration_debt", None),
        ("report_supervision", Some(json!({ "participantId": int }))),
        (
            "report_export",
            Some(json!({ "report": text, "params": object, "format": text })),
        ),
        (
            "report_supervision_pdf",
            Some(json!({ "participantId": int })),
        ),
        ("organisation_list", Some(json!({ "includeDeleted": int }))),
        (
            "organisation_save",
            Some(json!({ "id": int, "form": object })),
        ),
        (
            "organisation_set_deleted",
            Some(json!({ "id": int, "deleted": int })),
        ),
        ("contact_list", None),
        (
            "contact_find",
            Some(json!({ "search": text, "limit": int })),
        ),
        ("contact_save", Some(json!({ "id": int, "form": object }))),
        ("contact_archive", Some(json!({ "id": int }))),
        ("team_get", Some(json!({ "participantId": int }))),
        (
            "team_add_member",
            Some(json!({ "participantId": int, "form": object })),
        ),
        (
            "team_end_membership",
            Some(json!({ "participantId": int, "membershipId": int, "leftOn": text })),
        ),
        ("meeting_list", Some(json!({ "participantId": int }))),
        (
            "meeting_draft",
            Some(json!({ "kind": text, "participantIds": object })),
        ),
        ("meeting_get", Some(json!({ "id": int }))),
        ("meeting_save", Some(json!({ "id": int, "form": object }))),
        ("meeting_complete", Some(json!({ "id": int }))),
        ("meeting_reopen", Some(json!({ "id": int, "reason": text }))),
        (
            "minutes_file",
            Some(json!({ "meetingId": int, "archiveReference": text, "filedOn": text })),
        ),
        ("minutes_filings", Some(json!({ "meetingId": int }))),
        (
            "participant_unfiled_minutes",
            Some(json!({ "participantId": int })),
        ),
        ("retention_get", None),
        ("retention_save", Some(json!({ "years": text }))),
        ("retention_candidates", None),
        (
            "participants_anonymise",
            Some(json!({ "participantIds": object })),
        ),
        (
            "access_request_record",
            Some(json!({ "participantId": int, "receivedOn": text })),
        ),
        ("access_request_list", Some(json!({ "participantId": int }))),
        (
            "access_answer_export",
            Some(json!({ "requestId": int, "acceptUndrawable": object })),
        ),
        (
            "processing_record_export",
            Some(json!({ "acceptUndrawable": object })),
        ),
        ("meeting_delete", Some(json!({ "id": int }))),
        (
            "minutes_preview",
            Some(json!({ "meetingId": int, "recipient": text })),
        ),
        (
            "minutes_export",
            Some(json!({ "meetingId": int, "recipient": text, "legalBasis": text })),
        ),
        ("sharing_log_list", Some(json!({ "participantId": int }))),
        ("cooperation_overview_get", None),
        ("letterhead_get", None),
        ("letterhead_save", Some(json!({ "form": object }))),
        ("audit_history", Some(json!({ "participantId": int }))),
        ("audit_verify", None),
        (
            "audit_export",
            Some(json!({ "from": text, "to": text, "participantId": int })),
        ),
    ]
}

/// The commands `build.rs` lets the window call.
fn commands_in_build_script() -> Vec<String> {
    let build = include_str!("../src-tauri/build.rs");
    let list = build
        .split("const COMMANDS: &[&str] = &[")
        .nth(1)
        .and_then(|rest| rest.split("];").next())
        .expect("build.rs lists its commands");
    list.split(',')
        .map(|item| item.trim().trim_matches('"').to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

#[test]
fn the_table_of_wrongly_typed_arguments_covers_every_command() {
    let mut listed: Vec<String> = wrongly_typed_arguments()
        .into_iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let mut commands = commands_in_build_script();
    listed.sort();
    commands.sort();
    assert_eq!(
        listed, commands,
        "every command should be in the table, and only those"
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a Secret Service; run with `make test`"]
fn every_command_fed_wrongly_typed_arguments_answers_with_a_code_and_a_norwegian_message() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");
    let calls: Vec<(&str, Value)> = wrongly_typed_arguments()
        .into_iter()
        .filter_map(|(name, args)| args.map(|args| (name, args)))
        .collect();
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const calls = {};
         import('./js/api.js').then(async ({{ callCommand }}) => {{
           const answers = {{}};
           for (const [name, args] of calls) {{
             try {{ await callCommand(name, args); answers[name] = {{ code: 'accepted' }}; }}
             catch (e) {{ answers[name] = e; }}
           }}
           done(answers);
         }}, (e) => done({{ importFailed: String(e) }}));",
        serde_json::to_string(&calls).unwrap()
    );
    let answers = s.execute_async(&script);
    assert!(
        answers.get("importFailed").is_none(),
        "api.js should load: {answers}"
    );
    for (name, _) in &calls {
        let answer = &answers[*name];
        let code = answer["code"].as_str().unwrap_or_default();
        let message = answer["message"].as_str().unwrap_or_default();
        assert_eq!(
            code, "invalid_request",
            "{name}: a wrongly typed argument should be refused: {answer}"
        );
        assert!(
            message.contains("uventet feil") && message.contains("ingenting ble lagret"),
            "{name}: the message should be Norwegian and say nothing was saved: {message:?}"
        );
        assert!(
            !message.contains("invalid") || message.contains("invalid_request"),
            "{name}: no English text from Tauri: {message:?}"
        );
    }
    // The register is as it was, and the window still works.
    assert_eq!(participant_rows(&s), 0);
}
