// The settings form: filling it from a SettingsForm, reading it back, and showing errors
// next to the field they are about. No IPC here (src/settings.ts wires it).

import type { BuiltinChoice, SettingsForm } from "../ipc";
import { errorIdFor, type FieldId, parseWholeNumber, quietHoursValue } from "../lib/fields";
import { draftFromService, serviceFromDraft } from "../lib/service-draft";
import { byId, h, setText, showMessage } from "./dom";
import { checksView, readChecks, renderChecks, type ChecksView } from "./settings/connection-checks";
import { catalogPicker, renderCatalogPicker, type CatalogPicker } from "./settings/catalog-picker";
import { readServices, renderServices, servicesView, type ServicesView } from "./settings/services";

export interface SettingsView {
  doc: Document;
  form: HTMLFormElement;
  save: HTMLButtonElement;
  saveBlocked: HTMLElement;
  loadError: HTMLElement;
  loadErrorText: HTMLElement;
  retry: HTMLButtonElement;
  fileError: HTMLElement;
  fileErrorText: HTMLElement;
  fileErrorPath: HTMLElement;
  reload: HTMLButtonElement;
  formError: HTMLElement;
  status: HTMLElement;
  path: HTMLElement;
  builtins: HTMLElement;
  services: ServicesView;
  /** "Add a service": the catalog, searchable, one click to watch. */
  picker: CatalogPicker;
  /** "Connection checks": built-in, or a list of the user's own. */
  checks: ChecksView;
}

export function settingsView(doc: Document): SettingsView {
  const services = servicesView(doc);
  const builtins = byId(doc, "builtins-list", HTMLElement);
  return {
    doc,
    form: byId(doc, "settings-form", HTMLFormElement),
    save: byId(doc, "save", HTMLButtonElement),
    saveBlocked: byId(doc, "save-blocked", HTMLElement),
    loadError: byId(doc, "load-error", HTMLElement),
    loadErrorText: byId(doc, "load-error-text", HTMLElement),
    retry: byId(doc, "retry", HTMLButtonElement),
    fileError: byId(doc, "file-error", HTMLElement),
    fileErrorText: byId(doc, "file-error-text", HTMLElement),
    fileErrorPath: byId(doc, "file-error-path", HTMLElement),
    reload: byId(doc, "reload", HTMLButtonElement),
    formError: byId(doc, "form-error", HTMLElement),
    status: byId(doc, "form-status", HTMLElement),
    path: byId(doc, "config-path", HTMLElement),
    builtins,
    services,
    picker: catalogPicker(doc, builtins, services.add),
    checks: checksView(doc),
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
  renderCatalogPicker(v.picker, v.builtins);
  renderServices(v.services, f.services.map(draftFromService));
  setText(v.services.announce, "");
  renderChecks(v.checks, f.connectivity);
  v.form.hidden = false;
  v.form.removeAttribute("aria-busy");
}

function builtinCheckbox(b: BuiltinChoice, checked: boolean): HTMLElement {
  const id = `builtin-${b.id}`;
  const box = h("input", { attrs: { type: "checkbox", id, name: "builtins", value: b.id } });
  box.checked = checked;
  // Only the watched ones show; the others are found and added with "Add a service".
  const attrs: Record<string, string> = { "data-category": b.category, "data-official": String(b.has_official) };
  if (!checked) attrs.hidden = "";
  return h("div", { class: "check", attrs }, box, h("label", { text: b.name, attrs: { for: id } }));
}

export interface FieldError {
  /** Element id of the field. */
  field: string;
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
    // In list order: the engine's `services[i]` in an error is the i-th of this list.
    services: readServices(v.services).map(serviceFromDraft),
    connectivity: readChecks(v.checks),
    available_builtins: base.available_builtins,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, form };
}

/** Shows a message under a field and ties it to the field for screen readers. */
export function showFieldError(v: SettingsView, field: string, message: string): void {
  const target = byId(v.doc, field, HTMLElement);
  const errorId = errorIdFor(field);
  showMessage(byId(v.doc, errorId, HTMLElement), message);
  target.setAttribute("aria-invalid", "true");
  const ids = new Set((target.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  ids.add(errorId);
  target.setAttribute("aria-describedby", [...ids].join(" "));
}

/** Clears every field's message and mark, and the message at the top. */
export function clearErrors(v: SettingsView): void {
  for (const slot of v.doc.querySelectorAll<HTMLElement>(".field-error")) showMessage(slot, "");
  for (const target of v.doc.querySelectorAll<HTMLElement>("[aria-invalid]")) unmark(target);
  showMessage(v.formError, "");
}

/** Clears the message of the field `edited` is in, if it has one: an edit answers it. */
export function clearFieldErrorAt(v: SettingsView, edited: EventTarget | null): void {
  if (!(edited instanceof v.doc.defaultView!.HTMLElement)) return;
  const target = edited.closest<HTMLElement>("[aria-invalid]");
  if (target === null) return;
  const slot = v.doc.getElementById(errorIdFor(target.id));
  if (slot !== null) showMessage(slot, "");
  unmark(target);
}

function unmark(target: HTMLElement): void {
  const errorId = errorIdFor(target.id);
  target.removeAttribute("aria-invalid");
  const ids = (target.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== errorId);
  if (ids.length > 0) target.setAttribute("aria-describedby", ids.join(" "));
  else target.removeAttribute("aria-describedby");
}

/** Moves focus to a field (the first control of a group), so keyboard users land on the problem. */
export function focusField(v: SettingsView, field: string): void {
  const target = byId(v.doc, field, HTMLElement);
  const focusable = target.matches("input, select, textarea, button")
    ? target
    : target.querySelector<HTMLElement>("input:not(:disabled), select, button");
  if (typeof target.scrollIntoView === "function") target.scrollIntoView({ block: "center" });
  focusable?.focus();
}

/** A message at the top of the form, focused so it is read out and seen. */
export function showFormError(v: SettingsView, message: string): void {
  showMessage(v.formError, message);
  if (message !== "") v.formError.focus();
}

/** The config file on disk is broken: say so, and refuse to save until it is fixed. */
export function showFileError(v: SettingsView, error: string | null, path: string): void {
  setText(v.fileErrorText, error ?? "");
  setText(v.fileErrorPath, path);
  v.fileError.hidden = error === null;
  v.saveBlocked.hidden = error === null;
  v.save.disabled = error !== null;
  if (error !== null) v.save.setAttribute("aria-describedby", v.saveBlocked.id);
  else v.save.removeAttribute("aria-describedby");
}

/** The settings could not be read at all: a message and a way to try again, no form. */
export function showLoadError(v: SettingsView, message: string | null): void {
  setText(v.loadErrorText, message ?? "");
  v.loadError.hidden = message === null;
  v.form.hidden = message !== null;
}

/** Save says "Saving…" meanwhile; it stays enabled (and focused), the page ignores a second press. */
export function setSaving(v: SettingsView, saving: boolean, blocked: boolean): void {
  v.save.disabled = blocked;
  v.save.setAttribute("aria-busy", String(saving));
  setText(v.save, saving ? "Saving…" : "Save");
}
