//! End-to-end tests of deadlines in the real window: a settlement date makes
//! the legal deadlines appear, a registrable event gets its IMDi
//! registration, and marking it done closes it.

mod support;

use chrono::{Days, Local, Months, NaiveDate};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

fn show(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn settlement_date_brings_deadlines_and_a_registration_can_be_closed() {
    let today = Local::now().date_naive();
    let settled = today - Days::new(10);
    let decided = today - Days::new(5);
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");

    // Register a participant settled ten days ago.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "Samir");
    s.fill("#field-familyName", "Fristesen");
    s.fill("#field-residencePermitDate", &show(settled - Days::new(60)));
    s.fill("#field-settlementDate", &show(settled));
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");

    // programme_start appears with the right date: three calendar months later.
    let expected_start = show(settled + Months::new(3));
    s.wait_until("the programme start deadline", |s| {
        s.texts("#timeline-table tbody tr[data-kind=\"programme_start\"]")
            .first()
            .is_some_and(|row| row.contains(&expected_start) && row.contains("Åpen"))
    });
    let row = s.text_of("#timeline-table tbody tr[data-kind=\"programme_start\"]");
    assert!(row.contains("§ 12"), "the row names the paragraph: {row:?}");
    assert!(
        row.contains(&format!("3 måneder etter bosetting {}", show(settled))),
        "and why: {row:?}"
    );

    // Record a registrable event: its IMDi registration appears, due in two months.
    s.select("#event-form-kind", "participation_decision");
    s.fill("#event-form-occurred", &show(decided));
    s.click(&s.wait_for("#event-form-submit"));
    let expected_registration = show(decided + Months::new(2));
    s.wait_until("the IMDi registration deadline", |s| {
        s.texts("#timeline-table tbody tr[data-kind=\"imdi_registration\"]")
            .first()
            .is_some_and(|row| row.contains(&expected_registration) && row.contains("Åpen"))
    });
    s.screenshot(&screenshot_dir().join("participant-timeline.png"));

    // A registration date in the future is refused beside the field.
    s.click(&s.wait_for("#timeline-table tr[data-kind=\"imdi_registration\"] button.mark-done"));
    s.fill(
        "#timeline-table tr[data-kind=\"imdi_registration\"] input.done-date",
        &show(today + Days::new(3)),
    );
    s.click(&s.wait_for("#timeline-table tr[data-kind=\"imdi_registration\"] button.save-done"));
    let error = s.text_of("#timeline-table tr[data-kind=\"imdi_registration\"] .field-error");
    assert!(
        error.contains("fram i tid"),
        "a future date is explained: {error:?}"
    );

    // Close the registration with today's date (the default).
    s.fill(
        "#timeline-table tr[data-kind=\"imdi_registration\"] input.done-date",
        &show(today),
    );
    s.click(&s.wait_for("#timeline-table tr[data-kind=\"imdi_registration\"] button.save-done"));
    s.wait_until("the registration to be done", |s| {
        s.texts("#timeline-table tbody tr[data-kind=\"imdi_registration\"]")
            .first()
            .is_some_and(|row| row.contains("Utført"))
    });
    assert!(
        s.text_of("#event-table tbody").contains(&show(today)),
        "the event shows its registration date"
    );

    // A care leave brings its follow-up deadline; ending the leave early
    // makes the follow-up no longer apply.
    let leave_start = today - Days::new(10);
    s.select("#leave-form-kind", "care");
    s.fill("#leave-form-start", &show(leave_start));
    s.click(&s.wait_for("#leave-form-submit"));
    let expected_followup = show(leave_start + Months::new(3));
    s.wait_until("the care leave follow-up", |s| {
        s.texts("#timeline-table tbody tr[data-kind=\"care_leave_followup\"]")
            .first()
            .is_some_and(|row| row.contains(&expected_followup) && row.contains("Åpen"))
    });
    s.click(&s.wait_for("#leave-table button.edit-leave"));
    s.fill("#leave-form-end", &show(today));
    s.click(&s.wait_for("#leave-form-submit"));
    s.wait_until("the follow-up to stop applying", |s| {
        s.texts("#timeline-table tbody tr[data-kind=\"care_leave_followup\"]")
            .first()
            .is_some_and(|row| row.contains("Gjelder ikke"))
    });

    // The overview owes IMDi nothing now, and lists the programme start as coming up.
    s.click(&s.wait_for("a[data-nav=\"overview\"]"));
    s.wait_for_screen("overview");
    assert_eq!(s.text_of("#imdi-open-count"), "0 åpne");

    // A settings change moves the deadline at once: with the programme
    // started today, the NAV hand-over comes two months before its end
    // instead of three.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#participant-table tbody tr a"));
    s.wait_for_screen("participant-detail");
    s.click(&s.wait_for("#timeline-table tr[data-kind=\"programme_start\"] button.mark-done"));
    s.fill(
        "#timeline-table tr[data-kind=\"programme_start\"] input.done-date",
        &show(today),
    );
    s.click(&s.wait_for("#timeline-table tr[data-kind=\"programme_start\"] button.save-done"));
    s.wait_until("the programme to have an end", |s| {
        !s.texts("#timeline-table tbody tr[data-kind=\"nav_handover\"]")
            .is_empty()
    });
    // 24 months for a goal not yet set, less a day, plus the one day of
    // the care leave (it ended today) that falls within the programme.
    let end = today + Months::new(24);
    s.click(&s.wait_for("a[data-nav=\"settings\"]"));
    s.wait_for_screen("settings");
    s.wait_for("#settings-law-hint");
    s.screenshot(&screenshot_dir().join("settings.png"));
    assert!(
        s.find("#setting-programme_start_months").is_none(),
        "the statutory start limit is law, not a setting"
    );
    s.fill("#setting-nav_handover_months", "2");
    s.click(&s.wait_for("#save-settings"));
    s.wait_until("the settings to be saved", |s| {
        s.texts("#toast")
            .first()
            .is_some_and(|t| t.contains("regnet om"))
    });
    s.click(&s.wait_for("a[data-nav=\"deadlines\"]"));
    s.wait_for_screen("deadline-list");
    s.select("#filter-kind", "nav_handover");
    let expected_moved = show(end - Months::new(2));
    s.wait_until("the moved hand-over", |s| {
        let rows = s.texts("#deadline-table tbody tr");
        rows.len() == 1 && rows[0].contains(&expected_moved)
    });
    s.select("#filter-kind", "");
    s.wait_until("every deadline in the list", |s| {
        s.texts("#deadline-table tbody tr").len() > 3
    });
    s.screenshot(&screenshot_dir().join("deadline-list.png"));
}
