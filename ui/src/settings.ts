// settings.html: loads the settings into the form, saves them, shows the backend's verdict
// on them next to the field at fault, and does not let unsaved changes go unasked. Wiring only.

import "./styles.css";
import "./settings.css";
import {
  destroyThisWindow,
  getPause,
  onPauseChanged,
  onQuitRequested,
  getSettings,
  onCloseRequested,
  quitApp,
  saveSettings,
  sendTestNotification,
  setPause,
  type SettingsForm,
} from "./ipc";
import { hasUnsavedChanges } from "./lib/dirty";
import { describeError, isCommandError } from "./lib/errors";
import { formMessage, notSavedLine } from "./lib/form-words";
import { isBrokenFileError, placeError } from "./lib/save-errors";
import { askInPage, type Question } from "./views/dialog";
import { setText } from "./views/dom";
import {
  clearErrors,
  clearFieldErrorAt,
  fillForm,
  focusField,
  readForm,
  setSaving,
  settingsView,
  type SettingsView,
  showFieldError,
  showFileError,
  showFormError,
  showLoadError,
} from "./views/settings-form";
import { controlRows, wireChecks } from "./views/settings/connection-checks";
import { nowView, renderPause, type NowView } from "./views/settings/pause";
import { serviceShapes, setOpen, wireServices } from "./views/settings/services";

export const SAVED_MESSAGE = "Saved — checking with the new settings";
export const UNSAVED_MESSAGE = "You have unsaved changes.";
export const LOADING_MESSAGE = "Loading your settings…";
export const CLOSE_QUESTION: Question<"save" | "discard" | "cancel"> = {
  title: "Save your changes?",
  text: "Some settings changed and are not saved yet.",
  choices: [
    { id: "save", label: "Save" },
    { id: "discard", label: "Discard" },
    { id: "cancel", label: "Cancel" },
  ],
  cancel: "cancel",
};
export const QUIT_QUESTION: Question<"save" | "discard" | "cancel"> = {
  title: "Save your changes before quitting?",
  text: "Some settings changed and are not saved yet. Outage Radar stops watching when it quits.",
  choices: [
    { id: "save", label: "Save and quit" },
    { id: "discard", label: "Quit without saving" },
    { id: "cancel", label: "Cancel" },
  ],
  cancel: "cancel",
};
export const RELOAD_QUESTION: Question<"reload" | "cancel"> = {
  title: "Read the file again?",
  text: "Reading the file again loses your unsaved changes.",
  choices: [
    { id: "reload", label: "Read it again" },
    { id: "cancel", label: "Cancel" },
  ],
  cancel: "cancel",
};
/** setTimeout's longest wait (about 24 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Pause notifications for this long (the tray's "Pause notifications 1 h"). */
export const PAUSE_MINUTES = 60;

export interface SettingsOptions {
  now?: () => number;
  /** Asks a question and resolves to the choice (the page's own dialog by default). */
  choose?: <C extends string>(question: Question<C>) => Promise<C>;
}

export interface SettingsPage {
  /** Whether the form holds changes that Save would write. */
  hasUnsavedChanges(): boolean;
  /** Stops listening to the window (tests start the page more than once). */
  stop(): Promise<void>;
}

/** Starts the settings page in `doc`; resolves once the settings are loaded (or failed to). */
export async function startSettings(doc: Document, opts: SettingsOptions = {}): Promise<SettingsPage> {
  const win = doc.defaultView ?? window;
  const now = opts.now ?? Date.now;
  const choose = opts.choose ?? (<C extends string>(q: Question<C>) => askInPage(doc, q));
  const v = settingsView(doc);
  const nv = nowView(doc);
  let base: SettingsForm | null = null;
  let path = "";
  let fileBroken = false;
  let saving = false;
  const stopping = new AbortController();
  const signal = stopping.signal;

  const unsaved = () => {
    if (base === null) return false;
    const read = readForm(v, base);
    return hasUnsavedChanges(base, read.ok ? read.form : null);
  };
  const showUnsaved = () => {
    if (saving || base === null) return;
    if (unsaved()) {
      setText(v.status, UNSAVED_MESSAGE);
      v.status.classList.remove("ok");
    } else if (v.status.textContent === UNSAVED_MESSAGE) setText(v.status, "");
  };
  const blockSave = (error: string | null) => {
    fileBroken = error !== null;
    showFileError(v, error, path);
  };

  const load = async () => {
    clearErrors(v);
    setText(v.status, LOADING_MESSAGE);
    v.retry.disabled = true;
    try {
      const state = await getSettings();
      showLoadError(v, null);
      base = state.form;
      path = state.path;
      fillForm(v, state.form);
      setText(v.path, state.path);
      blockSave(state.error);
      setText(v.status, "");
    } catch (e) {
      base = null;
      v.save.disabled = true;
      setText(v.status, "");
      showLoadError(v, describeError(e));
    } finally {
      v.retry.disabled = false;
    }
  };

  /** Saves the form; resolves to whether it was saved. */
  const save = async (): Promise<boolean> => {
    if (base === null || fileBroken || saving) return false;
    clearErrors(v);
    setText(v.status, "");
    v.status.classList.remove("ok");
    const read = readForm(v, base);
    if (!read.ok) {
      read.errors.forEach((e) => showFieldError(v, e.field, e.message));
      setText(v.status, notSavedLine(read.errors.length));
      const [first] = read.errors;
      if (first) focusField(v, first.field);
      return false;
    }
    saving = true;
    setSaving(v, true, fileBroken);
    try {
      const result = await saveSettings(read.form);
      // The answer is the settings now in force; keep the choices if it left them out.
      base = result.available_builtins.length > 0 ? result : { ...result, available_builtins: base.available_builtins };
      fillForm(v, base);
      setText(v.status, SAVED_MESSAGE);
      v.status.classList.add("ok");
      return true;
    } catch (e) {
      showSaveError(v, e, blockSave);
      setText(v.status, notSavedLine(1));
      return false;
    } finally {
      saving = false;
      setSaving(v, false, fileBroken);
    }
  };

  v.form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  const edited = (event: Event) => {
    clearFieldErrorAt(v, event.target);
    showUnsaved();
  };
  v.form.addEventListener("input", edited);
  v.form.addEventListener("change", edited);
  wireServices(v.services, showUnsaved);
  wireChecks(v.checks, showUnsaved);
  v.retry.addEventListener("click", () => void load());
  v.reload.addEventListener("click", () => {
    if (!unsaved()) {
      void load();
      return;
    }
    void choose(RELOAD_QUESTION).then((choice) => {
      if (choice === "reload") void load();
    });
  });
  const stopPause = wirePause(nv, now, win, signal);
  nv.testNotification.addEventListener("click", () => void testNotification(nv));

  const closing = guardClose(win, unsaved, choose, save, signal);
  const quitting = guardQuit(unsaved, choose, save);

  await load();
  return {
    hasUnsavedChanges: unsaved,
    stop: async () => {
      stopping.abort();
      stopPause();
      const unlisten = await closing;
      await unlisten();
      await (await quitting)();
    },
  };
}

/** A refusal about a field goes next to it; anything else goes to the top of the page. */
function showSaveError(v: SettingsView, e: unknown, blockSave: (error: string | null) => void): void {
  if (isCommandError(e) && isBrokenFileError(e)) {
    blockSave(describeError(e));
    return;
  }
  const place = isCommandError(e) ? placeError(e, serviceShapes(v.services), controlRows(v.checks)) : null;
  if (place !== null && isCommandError(e) && v.form.ownerDocument.getElementById(place.id) !== null) {
    if (place.service !== null) setOpen(v.services, place.service, true);
    showFieldError(v, place.id, formMessage(e.message));
    focusField(v, place.id);
  } else if (isCommandError(e) && e.kind === "config") {
    // Not a field of the form: the message alone, in the form's words (no key, no line).
    showFormError(v, `Not saved: ${formMessage(e.message)}`);
  } else {
    showFormError(v, `Not saved: ${describeError(e)}`);
  }
}

/**
 * An accidental close must not lose edits: asks first (window button, Alt+F4, reload).
 * Resolves to the function that stops listening for the window's close request.
 */
function guardClose(
  win: Window,
  unsaved: () => boolean,
  choose: (q: typeof CLOSE_QUESTION) => Promise<"save" | "discard" | "cancel">,
  save: () => Promise<boolean>,
  signal: AbortSignal,
): Promise<() => void | Promise<void>> {
  let leaving = false;
  let asking = false;
  // The close is held back while the page asks; the answer then closes the window itself.
  const mayClose = () => {
    if (leaving || !unsaved()) return true;
    if (!asking) {
      asking = true;
      void choose(CLOSE_QUESTION).then(async (choice) => {
        asking = false;
        if (choice === "cancel") return;
        if (choice === "save" && !(await save())) return;
        leaving = true;
        await destroyThisWindow().catch(() => {
          leaving = false;
        });
      });
    }
    return false;
  };
  win.addEventListener(
    "beforeunload",
    (event) => {
      if (!leaving && unsaved()) event.preventDefault();
    },
    { signal },
  );
  return onCloseRequested(mayClose).catch(() => {
    // Not inside the app (tests, a plain browser): beforeunload still asks.
    return async () => {};
  });
}

/**
 * Quit from the tray while this window is open: asks about unsaved changes here, then
 * quits the app unless the user cancels. Resolves to the function that stops listening.
 */
function guardQuit(
  unsaved: () => boolean,
  choose: (q: typeof QUIT_QUESTION) => Promise<"save" | "discard" | "cancel">,
  save: () => Promise<boolean>,
): Promise<() => void | Promise<void>> {
  let asking = false;
  return onQuitRequested(() => {
    if (asking) return;
    const quit = () => void quitApp().catch(() => undefined);
    if (!unsaved()) {
      quit();
      return;
    }
    asking = true;
    void choose(QUIT_QUESTION).then(async (choice) => {
      asking = false;
      if (choice === "cancel") return;
      if (choice === "save" && !(await save())) return;
      quit();
    });
  }).catch(() => async () => {});
}

/** Wires "Right now"; returns a function that stops the timer. */
function wirePause(v: NowView, now: () => number, win: Window, signal: AbortSignal): () => void {
  let until: number | null = null;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const show = (next: number | null) => {
    until = next;
    renderPause(v, until, now());
    // Say "on" again when the pause runs out while the window is open.
    clearTimeout(expiry);
    if (until !== null && until > now()) {
      expiry = setTimeout(() => show(until), Math.min(until - now() + 1000, MAX_TIMEOUT_MS));
    }
  };
  let busy = false;
  const run = async (ask: () => Promise<number | null>, failed: string) => {
    if (busy) return;
    busy = true;
    try {
      show(await ask());
    } catch (e) {
      show(until);
      setText(v.pauseStatus, `${failed}: ${describeError(e)}`);
    } finally {
      busy = false;
    }
    // Resume turns itself off once used: keep keyboard focus on the page.
    if (v.resume.disabled && v.resume.ownerDocument.activeElement === v.resume) v.pause.focus();
  };
  const refresh = () => void run(getPause, "Could not read the pause");
  v.pause.addEventListener("click", () => void run(() => setPause(PAUSE_MINUTES), "Could not pause"));
  v.resume.addEventListener("click", () => void run(() => setPause(null), "Could not resume"));
  // The tray menu can pause too: it says so with an event; focus re-reads as a fallback.
  const listening = onPauseChanged(show).catch(() => null);
  signal.addEventListener("abort", () => void listening.then((unlisten) => unlisten?.()));
  win.addEventListener("focus", refresh, { signal });
  refresh();
  return () => clearTimeout(expiry);
}

async function testNotification(v: NowView): Promise<void> {
  // Not disabled while sending: a disabled button drops keyboard focus.
  if (v.testNotification.getAttribute("aria-busy") === "true") return;
  v.testNotification.setAttribute("aria-busy", "true");
  setText(v.testStatus, "Sending…");
  try {
    await sendTestNotification();
    setText(v.testStatus, "Test notification sent. If none appeared, check your system's notification settings.");
  } catch (e) {
    setText(v.testStatus, `Could not send it: ${describeError(e)}`);
  } finally {
    v.testNotification.setAttribute("aria-busy", "false");
  }
}

// settings.html marks its root; importing this module elsewhere (tests) starts nothing.
if (document.body.dataset.page === "settings") void startSettings(document);
