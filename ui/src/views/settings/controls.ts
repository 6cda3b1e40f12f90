// Labelled form controls for the parts of the settings page built at run time. Every input
// has a <label>, its help in aria-describedby, and an empty `${id}-error` slot next to it
// for the engine's message (views/settings-form.ts fills it).

import { h } from "../dom";

export interface FieldOptions {
  help?: string;
  placeholder?: string;
  /** Extra class on the wrapper, e.g. "wide". */
  class?: string;
}

/** The error slot of a field; ids are `${fieldId}-error` (lib/fields.ts errorIdFor). */
export function errorSlot(id: string): HTMLElement {
  return h("p", { class: "field-error", attrs: { id: `${id}-error`, hidden: "" } });
}

function helpFor(id: string, help: string | undefined): HTMLElement | null {
  return help ? h("p", { class: "help", text: help, attrs: { id: `${id}-help` } }) : null;
}

function describe(el: HTMLElement, id: string, help: string | undefined): void {
  if (help) el.setAttribute("aria-describedby", `${id}-help`);
}

export function textField(id: string, label: string, value: string, opts: FieldOptions = {}): HTMLElement {
  const input = h("input", {
    attrs: { id, type: "text", autocomplete: "off", spellcheck: "false", ...(opts.placeholder ? { placeholder: opts.placeholder } : {}) },
  });
  input.value = value;
  describe(input, id, opts.help);
  const labelEl = h("label", { text: label, attrs: { for: id } });
  return h("div", { class: `field ${opts.class ?? ""}`.trim() }, labelEl, input, helpFor(id, opts.help), errorSlot(id));
}

export function selectField(
  id: string,
  label: string,
  options: readonly (readonly [string, string])[],
  value: string,
  opts: FieldOptions = {},
): HTMLElement {
  const select = h(
    "select",
    { attrs: { id } },
    ...options.map(([v, text]) => h("option", { text, attrs: { value: v } })),
  );
  select.value = value;
  describe(select, id, opts.help);
  return h(
    "div",
    { class: `field ${opts.class ?? ""}`.trim() },
    h("label", { text: label, attrs: { for: id } }),
    select,
    helpFor(id, opts.help),
    errorSlot(id),
  );
}

export function checkbox(id: string, label: string | (Node | string)[], checked: boolean, disabled = false): HTMLElement {
  const box = h("input", { attrs: { id, type: "checkbox" } });
  box.checked = checked;
  box.disabled = disabled;
  const labelEl = h("label", { attrs: { for: id } }, ...(typeof label === "string" ? [label] : label));
  return h("div", { class: "check" }, box, labelEl);
}

export function button(id: string, text: string | (Node | string)[], action: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  return h(
    "button",
    { attrs: { id, type: "button", "data-action": action, ...attrs } },
    ...(typeof text === "string" ? [text] : text),
  );
}

/** Text for screen readers only ("Edit" + "My Shop"). */
export function srOnly(text: string, cls = ""): HTMLElement {
  return h("span", { class: `visually-hidden ${cls}`.trim(), text });
}
