// settings.html: loads the settings into the form, saves them, shows the backend's verdict
// on them next to the field at fault. Wiring only.

import "./styles.css";
import { getSettings, saveSettings, sendTestNotification, type SettingsForm } from "./ipc";
import { describeError, isCommandError } from "./lib/errors";
import { fieldForKey } from "./lib/fields";
import { setText, showMessage } from "./views/dom";
import {
  clearErrors,
  fillForm,
  focusField,
  readForm,
  setSaving,
  settingsView,
  showFieldError,
  showFileError,
  type SettingsView,
} from "./views/settings-form";

export const SAVED_MESSAGE = "Saved — checking with the new settings";

/** Starts the settings page in `doc`; resolves once the settings are loaded (or failed to). */
export async function startSettings(doc: Document): Promise<void> {
  const v = settingsView(doc);
  let base: SettingsForm | null = null;

  const load = async () => {
    clearErrors(v);
    try {
      const state = await getSettings();
      base = state.form;
      fillForm(v, state.form);
      setText(v.path, state.path);
      showFileError(v, state.error);
    } catch (e) {
      v.save.disabled = true;
      showMessage(v.formError, `Could not load the settings: ${describeError(e)}`);
    }
  };

  v.form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (base !== null) void save(v, base, (saved) => (base = saved));
  });
  v.reload.addEventListener("click", () => void load());
  v.testNotification.addEventListener("click", () => void testNotification(v));
  await load();
}

async function save(v: SettingsView, base: SettingsForm, saved: (f: SettingsForm) => void): Promise<void> {
  clearErrors(v);
  setText(v.status, "");
  const read = readForm(v, base);
  if (!read.ok) {
    read.errors.forEach((e) => showFieldError(v, e.field, e.message));
    const [first] = read.errors;
    if (first) focusField(v, first.field);
    return;
  }
  setSaving(v, true);
  try {
    const result = await saveSettings(read.form);
    // The answer is the settings now in force; keep the choices if it left them out.
    const form = result.available_builtins.length > 0 ? result : { ...result, available_builtins: base.available_builtins };
    saved(form);
    fillForm(v, form);
    setText(v.status, SAVED_MESSAGE);
  } catch (e) {
    showSaveError(v, e);
  } finally {
    setSaving(v, false);
  }
}

/** A refusal about a field goes next to it; anything else goes to the top of the page. */
function showSaveError(v: SettingsView, e: unknown): void {
  const field = isCommandError(e) && e.kind === "config" ? fieldForKey(e.key) : null;
  if (field !== null && isCommandError(e)) {
    showFieldError(v, field, e.message);
    focusField(v, field);
  } else {
    showMessage(v.formError, `Not saved: ${describeError(e)}`);
  }
}

async function testNotification(v: SettingsView): Promise<void> {
  v.testNotification.disabled = true;
  setText(v.testStatus, "Sending…");
  try {
    await sendTestNotification();
    setText(v.testStatus, "Test notification sent. If none appeared, check your system's notification settings.");
  } catch (e) {
    setText(v.testStatus, `Could not send it: ${describeError(e)}`);
  } finally {
    v.testNotification.disabled = false;
  }
}

// settings.html marks its root; importing this module elsewhere (tests) starts nothing.
if (document.body.dataset.page === "settings") void startSettings(document);
