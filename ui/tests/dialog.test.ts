import { afterEach, describe, expect, it } from "vitest";
import { askInPage, type Question } from "../src/views/dialog";

const q: Question<"save" | "discard" | "cancel"> = {
  title: "Save your changes?",
  text: "Some settings changed and are not saved yet.",
  choices: [
    { id: "save", label: "Save" },
    { id: "discard", label: "Discard" },
    { id: "cancel", label: "Cancel" },
  ],
  cancel: "cancel",
};

const buttons = () => [...document.querySelectorAll<HTMLButtonElement>("#question button")];

describe("the page's own question", () => {
  afterEach(() => document.body.replaceChildren());

  it("offers its choices in the app's words, the first focused, and answers with the one clicked", async () => {
    const before = document.createElement("button");
    document.body.append(before);
    before.focus();
    const answer = askInPage(document, q);
    const dialog = document.querySelector("[role=alertdialog]");
    expect(dialog?.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById("question-title")?.textContent).toBe("Save your changes?");
    expect(buttons().map((b) => b.textContent)).toEqual(["Save", "Discard", "Cancel"]);
    expect(document.activeElement).toBe(buttons()[0]);
    buttons()[1]?.click();
    await expect(answer).resolves.toBe("discard");
    expect(document.getElementById("question")).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it("answers Cancel to Escape, and keeps Tab inside", async () => {
    const answer = askInPage(document, q);
    const last = buttons()[2];
    last?.focus();
    last?.dispatchEvent(new KeyboardEvent("keydown", { key: "Tab", bubbles: true }));
    expect(document.activeElement).toBe(buttons()[0]);
    buttons()[0]?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await expect(answer).resolves.toBe("cancel");
  });
});
