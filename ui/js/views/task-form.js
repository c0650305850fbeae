// The form for a caseworker's own task, optionally tied to a participant.
import { api } from "../api.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { smallForm } from "./small-form.js";

export async function taskForm({ participantId = null, onSaved }) {
  let participants = [];
  if (participantId === null) {
    try {
      participants = (await api.listParticipants({ search: "", status: "", law: "", archived: false, sort: "name", limit: null })).rows;
    } catch {
      participants = [];
    }
  }
  const fields = [
    { name: "title", label: t("tfield.title"), type: "text" },
    { name: "due", label: t("tfield.due"), type: "date" },
    participantId === null
      ? {
          name: "participantId",
          label: t("tfield.participantId"),
          type: "select",
          options: [["", t("tfield.none")], ...participants.map((p) => [String(p.id), `${p.familyName}, ${p.givenName}`])],
          value: "",
        }
      : null,
    { name: "note", label: t("tfield.note"), type: "text" },
  ].filter(Boolean);
  return smallForm({
    id: "task-form",
    fields,
    submitLabel: t("deadlines.save"),
    onSubmit: async (values) => {
      const chosen = participantId ?? (values.participantId ? Number(values.participantId) : null);
      await api.addTask({ title: values.title, due: values.due, note: values.note, participantId: chosen });
      toast(t("task.saved"));
      onSaved?.();
    },
  });
}
