// A few DOM helpers, so views read as structure. Text always goes in as text (never HTML):
// service names and messages come from config files and the network.

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  /** Attributes such as `aria-hidden`, `role`, `data-state`. */
  attrs?: Record<string, string>;
}

/** Creates an element: `h("li", { class: "row" }, h("span", { text: name }))`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** The element with this id, of this type; throws when the page lacks it (a bug, not data). */
export function byId<T extends HTMLElement>(doc: Document, id: string, type: abstract new () => T): T {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the page has no #${id} (${type.name})`);
  return el;
}

/** The value of the input or select with this id; throws when the page lacks it. */
export function valueOf(doc: Document, id: string): string {
  const el = doc.getElementById(id);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) return el.value;
  throw new Error(`the page has no input #${id}`);
}

/** Sets text only when it differs, so live regions announce changes, not every round. */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Shows a message element, or hides it when the message is empty. */
export function showMessage(el: HTMLElement, text: string): void {
  setText(el, text);
  el.hidden = text === "";
}
