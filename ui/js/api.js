// The only module that touches window.__TAURI__: every call to the Rust side
// goes through here, so the rest of the UI is plain DOM code.

const invoke = window.__TAURI__?.core?.invoke;

/** Calls a command. Rejects with {code, message, field?, fields?}. */
async function call(command, args = {}) {
  if (!invoke) {
    throw { code: "no_backend", message: "Introspor må startes som program, ikke i en nettleser." };
  }
  try {
    return await invoke(command, args);
  } catch (error) {
    // Commands reject with our IpcError; anything else (a string from Tauri
    // itself) is wrapped so callers can rely on the shape.
    if (error && typeof error === "object" && "code" in error) throw error;
    throw { code: "internal", message: String(error) };
  }
}

export const api = {
  appStatus: () => call("app_status"),
  listParticipants: (query) => call("participant_list", { query }),
  getParticipant: (id) => call("participant_get", { id }),
  createParticipant: (form) => call("participant_create", { form }),
  updateParticipant: (id, form) => call("participant_update", { id, form }),
  setParticipantArchived: (id, archived) => call("participant_set_archived", { id, archived }),
};
