// The settings form: filling it from a SettingsForm, reading it back, and showing errors
// next to the field they are about. No IPC here (src/settings.ts wires it).

import type { BuiltinChoice, SettingsForm } from "../ipc";
import { errorIdFor, type FieldId, FIELD_IDS, parseWholeNumber, quietHoursValue } from "../lib/fields";
import { byId, h, setText, showMessage } from "./dom";

export interface SettingsView {
  doc: Document;
  form: HTMLFormElement;
  save: HTMLButtonElement;
  fileError: HTMLElement;
  fileErrorText: HTMLElement;
  reload: HTMLButtonElement;
  formError: HTMLElement;
  status: HTMLElement;
  testNotification: HTMLButtonElement;
  testStatus: HTMLElement;
  path: HTMLElement;
  builtins: HTMLElement;
}

export function settingsView(doc: Document): SettingsView {
  return {
    doc,
    form: byId(doc, "settings-form", HTMLFormElement),
    save: byId(doc, "save", HTMLButtonElement),
    fileError: byId(doc, "file-error", HTMLElement),
    fileErrorText: byId(doc, "file-error-text", HTMLElement),
    reload: byId(doc, "reload", HTMLButtonElement),
    formError: byId(doc, "form-error", HTMLElement),
    status: byId(doc, "form-status", HTMLElement),
    testNotification: byId(doc, "test-notification", HTMLButtonElement),
    testStatus: byId(doc, "test-status", HTMLElement),
    path: byId(doc, "config-path", HTMLElement),
    builtins: byId(doc, "builtins-list", HTMLElement),
  };
}

const input = (v: SettingsView, id: FieldId) => byId(v.doc, id, HTMLInputElement);

/** Puts the settings into the form; the built-in checkboxes come from `available_builtins`. */
export function fillForm(v: SettingsView, f: SettingsForm): void {
  input(v, "interval_secs").value = String(f.interval_secs);
  input(v, "confirm").value = String(f.confirm);
  input(v, "timeout_ms").value = String(f.timeout_ms);
  input(v, "slow_ms").value = String(f.slow_ms);
  input(v, "notifications-enabled").checked = f.notifications.enabled;
  input(v, "notifications-recovery").checked = f.notifications.recovery;
  input(v, "notifications-degraded").checked = f.notifications.degraded;
  input(v, "quiet_hours").value = f.notifications.quiet_hours ?? "";
  input(v, "start_at_login").checked = f.start_at_login;
  const on = new Set(f.builtins);
  v.builtins.replaceChildren(...f.available_builtins.map((b) => builtinCheckbox(b, on.has(b.id))));
}

function builtinCheckbox(b: BuiltinChoice, checked: boolean): HTMLElement {
  const id = `builtin-${b.id}`;
  const box = h("input", { attrs: { type: "checkbox", id, name: "builtins", value: b.id } });
  box.checked = checked;
  return h("div", { class: "check" }, box, h("label", { text: b.name, attrs: { for: id } }));
}

export interface FieldError {
  field: FieldId;
  message: string;
}

export type ReadResult = { ok: true; form: SettingsForm } | { ok: false; errors: FieldError[] };

/**
 * The form as edited, on top of `base` (the last settings loaded). Only checks that numbers
 * are whole numbers; every other rule is the backend's, which names the key at fault.
 */
export function readForm(v: SettingsView, base: SettingsForm): ReadResult {
  const errors: FieldError[] = [];
  const whole = (id: FieldId): number => {
    const n = parseWholeNumber(input(v, id).value);
    if (n === null) errors.push({ field: id, message: "Enter a whole number, such as 60." });
    return n ?? 0;
  };
  const form: SettingsForm = {
    interval_secs: whole("interval_secs"),
    confirm: whole("confirm"),
    timeout_ms: whole("timeout_ms"),
    slow_ms: whole("slow_ms"),
    builtins: Array.from(
      v.builtins.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked"),
      (box) => box.value,
    ),
    notifications: {
      enabled: input(v, "notifications-enabled").checked,
      recovery: input(v, "notifications-recovery").checked,
      degraded: input(v, "notifications-degraded").checked,
      quiet_hours: quietHoursValue(input(v, "quiet_hours").value),
    },
    start_at_login: input(v, "start_at_login").checked,
    // Custom services are not edited here yet: they go back as they came.
    services: base.services,
    available_builtins: base.available_builtins,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, form };
}

/** Shows a message under a field and ties it to the field for screen readers. */
export function showFieldError(v: SettingsView, field: FieldId, message: string): void {
  const target = byId(v.doc, field, HTMLElement);
  const errorId = errorIdFor(field);
  showMessage(byId(v.doc, errorId, HTMLElement), message);
  target.setAttribute("aria-invalid", "true");
  const ids = new Set((target.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  ids.add(errorId);
  target.setAttribute("aria-describedby", [...ids].join(" "));
}

export function clearErrors(v: SettingsView): void {
  for (const field of FIELD_IDS) {
    const target = byId(v.doc, field, HTMLElement);
    const errorId = errorIdFor(field);
    showMessage(byId(v.doc, errorId, HTMLElement), "");
    target.removeAttribute("aria-invalid");
    const ids = (target.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== errorId);
    if (ids.length > 0) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
  }
  showMessage(v.formError, "");
}

/** Moves focus to a field (the first box of a group), so keyboard users land on the problem. */
export function focusField(v: SettingsView, field: FieldId): void {
  const target = byId(v.doc, field, HTMLElement);
  const focusable = target instanceof HTMLInputElement ? target : target.querySelector<HTMLElement>("input");
  focusable?.focus();
}

/** The config file on disk is broken: say so, and refuse to save until it is fixed. */
export function showFileError(v: SettingsView, error: string | null): void {
  setText(v.fileErrorText, error ?? "");
  v.fileError.hidden = error === null;
  v.save.disabled = error !== null;
}

export function setSaving(v: SettingsView, saving: boolean): void {
  v.save.disabled = saving;
  v.save.setAttribute("aria-busy", String(saving));
  setText(v.save, saving ? "Saving…" : "Save");
}
