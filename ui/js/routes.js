// The route table: every screen of the window named once. The router
// dispatches by it, the sidebar and the Alt+digit shortcuts are drawn from
// it, the window title and the `data-ready` marker come from it, and the
// window tests read it (tests/support/routes.rs parses this file).
import { renderParticipantList } from "./views/participant-list.js";
import { renderParticipantDetail } from "./views/participant-detail.js";
import { renderParticipantForm } from "./views/participant-form.js";
import { renderParticipantImport } from "./views/participant-import.js";
import { renderOverview } from "./views/overview.js";
import { renderDeadlineList } from "./views/deadline-list.js";
import { renderSettings } from "./views/settings.js";
import { renderContacts } from "./views/contacts.js";
import { renderMeetingList } from "./views/meeting-list.js";
import { renderMeetingEditor } from "./views/meeting-editor.js";
import { renderBackups } from "./views/backups.js";
import { renderAudit } from "./views/audit.js";
import { renderRules } from "./views/rules.js";
import { renderReports } from "./views/reports.js";
import { renderPrivacy } from "./views/privacy.js";

/**
 * One screen: `name` (stable, used in logs and tests), `pattern` (the hash it
 * answers), `ready` (the value of body[data-ready] once it is drawn),
 * `title` (catalogue key of its name, for the window title), `section` (the
 * sidebar entry it belongs to), and `render(main, ...captures)`.
 */
export const SCREENS = [
  { name: "overview", pattern: /^#\/oversikt\/?$/, ready: "overview", title: "nav.overview", section: "overview", render: renderOverview },
  { name: "participants", pattern: /^#\/deltakere\/?$/, ready: "participant-list", title: "nav.participants", section: "participants", render: renderParticipantList },
  { name: "participant-new", pattern: /^#\/deltakere\/ny$/, ready: "participant-form", title: "screen.participantNew", section: "participants", render: (m) => renderParticipantForm(m, null) },
  { name: "participant-import", pattern: /^#\/deltakere\/import$/, ready: "participant-import", title: "screen.participantImport", section: "participants", render: renderParticipantImport },
  { name: "participant-edit", pattern: /^#\/deltakere\/(\d+)\/rediger$/, ready: "participant-form", title: "screen.participantEdit", section: "participants", render: renderParticipantForm },
  { name: "participant", pattern: /^#\/deltakere\/(\d+)$/, ready: "participant-detail", title: "screen.participant", section: "participants", render: renderParticipantDetail },
  { name: "deadlines", pattern: /^#\/frister\/?(?:\?(.*))?$/, ready: "deadline-list", title: "nav.deadlines", section: "deadlines", render: renderDeadlineList },
  { name: "meetings", pattern: /^#\/moter\/?$/, ready: "meeting-list", title: "nav.meetings", section: "meetings", render: renderMeetingList },
  { name: "meeting-new", pattern: /^#\/moter\/ny\?(.*)$/, ready: "meeting-editor", title: "screen.meetingNew", section: "meetings", render: (m, query) => renderMeetingEditor(m, null, query) },
  { name: "meeting", pattern: /^#\/moter\/(\d+)$/, ready: "meeting-editor", title: "screen.meeting", section: "meetings", render: (m, id) => renderMeetingEditor(m, Number(id), "") },
  { name: "contacts", pattern: /^#\/kontakter\/?$/, ready: "contacts", title: "nav.contacts", section: "contacts", render: renderContacts },
  { name: "backups", pattern: /^#\/sikkerhetskopi\/?$/, ready: "backups", title: "nav.backups", section: "backups", render: renderBackups },
  { name: "settings", pattern: /^#\/innstillinger\/?$/, ready: "settings", title: "nav.settings", section: "settings", render: renderSettings },
  { name: "rules", pattern: /^#\/regelverk\/?$/, ready: "rules", title: "nav.rules", section: "rules", render: renderRules },
  { name: "reports", pattern: /^#\/rapporter(?:\/(deltakere|frister|imdi|tilsyn))?\/?(?:\?(.*))?$/, ready: "reports", title: "nav.reports", section: "reports", render: renderReports },
  { name: "audit", pattern: /^#\/kontroll\/?$/, ready: "audit", title: "nav.audit", section: "audit", render: renderAudit },
  { name: "privacy", pattern: /^#\/personvern\/?$/, ready: "privacy", title: "nav.privacy", section: "privacy", render: renderPrivacy },
];

/**
 * The sidebar, in order: the section, the hash it opens, its catalogue key
 * and its Alt+digit shortcut (none for the rarer ones).
 */
export const SIDEBAR = [
  { section: "overview", hash: "#/oversikt", label: "nav.overview", key: "1" },
  { section: "participants", hash: "#/deltakere", label: "nav.participants", key: "2" },
  { section: "deadlines", hash: "#/frister", label: "nav.deadlines", key: "3" },
  { section: "meetings", hash: "#/moter", label: "nav.meetings", key: "5" },
  { section: "contacts", hash: "#/kontakter", label: "nav.contacts", key: "6" },
  { section: "reports", hash: "#/rapporter", label: "nav.reports", key: "7" },
  { section: "backups", hash: "#/sikkerhetskopi", label: "nav.backups" },
  { section: "settings", hash: "#/innstillinger", label: "nav.settings", key: "4" },
  { section: "rules", hash: "#/regelverk", label: "nav.rules" },
  { section: "audit", hash: "#/kontroll", label: "nav.audit" },
  { section: "privacy", hash: "#/personvern", label: "nav.privacy" },
];

/** Where a hash leads: the screen and the pattern's captures, or null. */
export function screenFor(hash) {
  for (const screen of SCREENS) {
    const match = hash.match(screen.pattern);
    if (match) return { screen, args: match.slice(1) };
  }
  return null;
}
