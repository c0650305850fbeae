// The only module that touches window.__TAURI__: every call to the Rust side
// goes through here, so the rest of the UI is plain DOM code.
import { t } from "./i18n.js";

const invoke = window.__TAURI__?.core?.invoke;

/** Calls a command. Rejects with {code, message, field?, fields?}. */
async function call(command, args = {}) {
  if (!invoke) {
    throw { code: "no_backend", message: t("error.noBackend") };
  }
  try {
    return await invoke(command, args);
  } catch (error) {
    // Commands reject with our IpcError. Anything else is Tauri's own
    // refusal of the request (an argument of the wrong type, in English);
    // the caseworker gets a message in the window's language with a stable
    // code instead.
    if (error && typeof error === "object" && typeof error.code === "string" && typeof error.message === "string") throw error;
    throw { code: "invalid_request", message: t("error.invalidRequest") };
  }
}

/** Calls a command by name, for the end-to-end test that feeds every command wrongly typed arguments. */
export const callCommand = call;

export const api = {
  appStatus: () => call("app_status"),
  firstRender: (screen) => call("first_render", { screen }),
  recoveryCode: () => call("recovery_code_get"),
  confirmRecoveryCode: (groups) => call("recovery_code_confirm", { groups }),
  unlockRegister: (code) => call("register_unlock", { code }),
  restoreNewest: () => call("register_restore_newest"),
  startNewRegister: () => call("register_start_new"),
  keepRegister: () => call("register_keep"),
  quit: () => call("app_quit"),
  recomputeProgress: () => call("recompute_progress_get"),
  setZoom: (zoom) => call("window_zoom_set", { zoom }),
  languageCatalogue: (language) => call("language_catalogue", { language }),
  setWindowLanguage: (language) => call("window_language_set", { language }),
  setWindowTitle: (title) => call("window_title_set", { title }),
  closeAcknowledged: () => call("window_close_acknowledged"),
  listBackups: () => call("backup_list"),
  backupNow: () => call("backup_now"),
  restoreBackup: (fileName) => call("backup_restore", { fileName }),
  restoreBackupFile: () => call("backup_restore_file"),
  listParticipants: (query) => call("participant_list", { query }),
  exportParticipants: (query, format) => call("participant_list_export", { query, format }),
  importOpen: () => call("import_open"),
  importRemap: (mapping) => call("import_remap", { mapping }),
  importProgress: () => call("import_progress_get"),
  importCancel: () => call("import_cancel"),
  importConfirm: () => call("import_confirm"),
  importDiscard: () => call("import_discard"),
  getParticipant: (id) => call("participant_get", { id }),
  createParticipant: (form) => call("participant_create", { form }),
  updateParticipant: (id, form) => call("participant_update", { id, form }),
  setParticipantArchived: (id, archived) => call("participant_set_archived", { id, archived }),
  overview: () => call("deadline_overview"),
  listDeadlines: (filter) => call("deadline_list", { filter }),
  exportDeadlines: (filter, format) => call("deadline_list_export", { filter, format }),
  reportCaseload: (date) => call("report_caseload", { date }),
  reportCompliance: (from, to) => call("report_compliance", { from, to }),
  reportRegistrationDebt: () => call("report_registration_debt"),
  reportSupervision: (participantId) => call("report_supervision", { participantId }),
  exportSupervisionPdf: (participantId, acceptUndrawable = false) => call("report_supervision_pdf", { participantId, acceptUndrawable }),
  exportReport: (report, params, format) => call("report_export", { report, params: { date: "", from: "", to: "", participantId: null, ...params }, format }),
  participantDeadlines: (participantId) => call("participant_deadlines", { participantId }),
  markDeadlineDone: (participantId, kind, sourceId, date) =>
    call("deadline_mark_done", { participantId, kind, sourceId: sourceId ?? null, date }),
  addEvent: (participantId, form) => call("event_add", { participantId, form }),
  deleteEvent: (participantId, eventId) => call("event_delete", { participantId, eventId }),
  saveLeave: (participantId, leaveId, form) => call("leave_save", { participantId, leaveId: leaveId ?? null, form }),
  deleteLeave: (participantId, leaveId) => call("leave_delete", { participantId, leaveId }),
  addExtension: (participantId, form) => call("extension_add", { participantId, form }),
  deleteExtension: (participantId, extensionId) => call("extension_delete", { participantId, extensionId }),
  statutoryRules: () => call("statutory_rules_get"),
  setNirCheck: (dataYear, date) => call("nir_check_set", { dataYear, date }),
  interpreterReport: (from, to) => call("interpreter_report_get", { from, to }),
  addTask: (form) => call("task_add", { form }),
  setTaskDone: (taskId, date) => call("task_set_done", { taskId, date }),
  deleteTask: (taskId) => call("task_delete", { taskId }),
  getSettings: () => call("settings_get"),
  saveSettings: (values) => call("settings_save", { values }),
  exportCalendar: () => call("calendar_export"),
  listOrganisations: (includeDeleted) => call("organisation_list", { includeDeleted }),
  saveOrganisation: (id, form) => call("organisation_save", { id: id ?? null, form }),
  setOrganisationDeleted: (id, deleted) => call("organisation_set_deleted", { id, deleted }),
  listContacts: () => call("contact_list"),
  findContacts: (search, limit) => call("contact_find", { search, limit }),
  saveContact: (id, form) => call("contact_save", { id: id ?? null, form }),
  archiveContact: (id) => call("contact_archive", { id }),
  team: (participantId) => call("team_get", { participantId }),
  addTeamMember: (participantId, form) => call("team_add_member", { participantId, form }),
  endTeamMembership: (participantId, membershipId, leftOn) =>
    call("team_end_membership", { participantId, membershipId, leftOn }),
  listMeetings: (participantId) => call("meeting_list", { participantId: participantId ?? null }),
  meetingDraft: (kind, participantIds) => call("meeting_draft", { kind, participantIds }),
  getMeeting: (id) => call("meeting_get", { id }),
  saveMeeting: (id, form) => call("meeting_save", { id: id ?? null, form }),
  completeMeeting: (id) => call("meeting_complete", { id }),
  reopenMeeting: (id, reason) => call("meeting_reopen", { id, reason }),
  deleteMeeting: (id) => call("meeting_delete", { id }),
  minutesPreview: (meetingId, recipient, language, copyFor = null) => call("minutes_preview", { meetingId, recipient, language, copyFor }),
  exportMinutes: (meetingId, recipient, legalBasis, language, acceptUndrawable = false, copyFor = null) =>
    call("minutes_export", { meetingId, recipient, legalBasis, language, acceptUndrawable, copyFor }),
  sharingLog: (participantId) => call("sharing_log_list", { participantId }),
  cooperationOverview: () => call("cooperation_overview_get"),
  getLetterhead: () => call("letterhead_get"),
  saveLetterhead: (form) => call("letterhead_save", { form }),
  fileMinutes: (meetingId, form) => call("minutes_file", { meetingId, archiveReference: form.archiveReference, filedOn: form.filedOn }),
  minutesFilings: (meetingId) => call("minutes_filings", { meetingId }),
  unfiledMinutes: (participantId) => call("participant_unfiled_minutes", { participantId }),
  getRetention: () => call("retention_get"),
  saveRetention: (years) => call("retention_save", { years }),
  retentionCandidates: () => call("retention_candidates"),
  anonymise: (participantIds) => call("participants_anonymise", { participantIds }),
  recordAccessRequest: (participantId, receivedOn) => call("access_request_record", { participantId, receivedOn }),
  accessRequests: (participantId) => call("access_request_list", { participantId }),
  exportAccessAnswer: (requestId, acceptUndrawable = false) => call("access_answer_export", { requestId, acceptUndrawable }),
  exportProcessingRecord: (acceptUndrawable = false) => call("processing_record_export", { acceptUndrawable }),
  auditHistory: (participantId) => call("audit_history", { participantId }),
  verifyAudit: () => call("audit_verify"),
  exportAudit: (from, to, participantId) => call("audit_export", { from, to, participantId: participantId ?? null }),
};
