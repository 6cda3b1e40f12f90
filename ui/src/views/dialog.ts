// The app's own question dialog, in the page: a window-manager dialog from `confirm()`
// would be titled "JavaScript - tauri://localhost/…" and offer only OK and Cancel.

import { h } from "./dom";

export interface Question<C extends string> {
  title: string;
  text: string;
  /** The buttons, first the default (focused); `cancel` is also what Escape answers. */
  choices: readonly { id: C; label: string }[];
  cancel: C;
}

/** Shows `q` over the page and resolves to the choice; one question at a time. */
export function askInPage<C extends string>(doc: Document, q: Question<C>): Promise<C> {
  doc.getElementById("question")?.remove();
  const before = doc.activeElement instanceof doc.defaultView!.HTMLElement ? doc.activeElement : null;
  return new Promise<C>((resolve) => {
    const buttons = q.choices.map((c, i) =>
      h("button", { text: c.label, class: i === 0 ? "primary" : "", attrs: { type: "button", "data-choice": c.id } }),
    );
    const box = h(
      "div",
      {
        class: "dialog",
        attrs: { role: "alertdialog", "aria-modal": "true", "aria-labelledby": "question-title", "aria-describedby": "question-text" },
      },
      h("h2", { text: q.title, attrs: { id: "question-title" } }),
      h("p", { text: q.text, attrs: { id: "question-text" } }),
      h("div", { class: "dialog-buttons" }, ...buttons),
    );
    const backdrop = h("div", { class: "dialog-backdrop", attrs: { id: "question" } }, box);
    const answer = (choice: C) => {
      backdrop.remove();
      before?.focus();
      resolve(choice);
    };
    q.choices.forEach((c, i) => buttons[i]?.addEventListener("click", () => answer(c.id)));
    backdrop.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        answer(q.cancel);
      }
      // Keep Tab inside the dialog: the page behind it is not to be used meanwhile.
      if (event.key === "Tab" && buttons.length > 0) {
        const i = buttons.indexOf(doc.activeElement as HTMLButtonElement);
        const next = (i + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
        event.preventDefault();
        buttons[next]?.focus();
      }
    });
    doc.body.append(backdrop);
    buttons[0]?.focus();
  });
}
