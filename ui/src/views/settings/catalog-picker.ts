// "Add a service": the built-in catalog, searchable by name and category, one click to
// watch; "Custom…" opens the editor for a service of one's own. The watched built-ins stay
// the checkboxes of `#builtins-list` (what the form reads back); the picker only reveals
// and ticks them, so saving works exactly as before.

import { h, setText } from "../dom";

export interface CatalogPicker {
  el: HTMLElement;
  search: HTMLInputElement;
  results: HTMLUListElement;
  count: HTMLElement;
  announce: HTMLElement;
}

/** Most entries shown at once; the search narrows the rest. */
const MAX_SHOWN = 40;

/** Builds the picker after `builtins` (the checkbox list) and wires it. */
export function catalogPicker(doc: Document, builtins: HTMLElement, addCustom: HTMLButtonElement): CatalogPicker {
  const search = h("input", {
    attrs: {
      type: "search",
      id: "catalog-search",
      placeholder: "Search by name or category (mail, gaming, AI…)",
      autocomplete: "off",
      "aria-describedby": "catalog-count",
    },
  });
  const results = h("ul", { class: "catalog-results", attrs: { id: "catalog-results" } });
  const count = h("p", { class: "help", attrs: { id: "catalog-count" } });
  const announce = h("p", { class: "visually-hidden", attrs: { "aria-live": "polite" } });
  const custom = h("button", { class: "link", text: "Custom…", attrs: { type: "button", id: "catalog-custom" } });
  const el = h(
    "div",
    { class: "catalog-picker", attrs: { id: "catalog-picker" } },
    h("h3", { text: "Add a service" }),
    h("label", { text: "Find a service", attrs: { for: "catalog-search" } }),
    search,
    count,
    results,
    h("p", { class: "help" }, "Not listed? ", custom, " watches a site or API of your own."),
    announce,
  );
  builtins.after(el);
  const picker: CatalogPicker = { el, search, results, count, announce };

  search.addEventListener("input", () => renderCatalogPicker(picker, builtins));
  custom.addEventListener("click", () => addCustom.click());
  results.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-watch]");
    const id = button?.dataset.watch;
    if (!id) return;
    const box = doc.getElementById(`builtin-${id}`);
    if (!(box instanceof HTMLInputElement)) return;
    box.checked = true;
    box.closest<HTMLElement>(".check")?.removeAttribute("hidden");
    // The form tracks unsaved changes through bubbling change events.
    box.dispatchEvent(new Event("change", { bubbles: true }));
    setText(announce, `${box.labels?.[0]?.textContent ?? id} will be watched once you save.`);
    renderCatalogPicker(picker, builtins);
    search.focus();
  });
  return picker;
}

/** One catalog entry as the checkbox list holds it. */
interface Entry {
  id: string;
  name: string;
  category: string;
  official: boolean;
}

function entries(builtins: HTMLElement): { watched: Entry[]; unwatched: Entry[] } {
  const watched: Entry[] = [];
  const unwatched: Entry[] = [];
  for (const box of builtins.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
    const wrap = box.closest<HTMLElement>(".check");
    const entry = {
      id: box.value,
      name: box.labels?.[0]?.textContent ?? box.value,
      category: wrap?.dataset.category ?? "",
      official: wrap?.dataset.official === "true",
    };
    (box.checked || !(wrap?.hidden ?? false) ? watched : unwatched).push(entry);
  }
  return { watched, unwatched };
}

/** Whether an entry matches every word of the query, in its name or its category. */
export function matches(entry: { name: string; category: string }, query: string): boolean {
  const hay = `${entry.name} ${entry.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** Lists the catalog services not yet watched that match the search. */
export function renderCatalogPicker(picker: CatalogPicker, builtins: HTMLElement): void {
  const { unwatched } = entries(builtins);
  const found = unwatched.filter((e) => matches(e, picker.search.value));
  const shown = found.slice(0, MAX_SHOWN);
  picker.results.replaceChildren(
    ...shown.map((e) =>
      h(
        "li",
        { class: "catalog-entry", attrs: { "data-id": e.id } },
        h("span", { class: "catalog-name", text: e.name }),
        h("span", { class: "catalog-category", text: e.category }),
        e.official ? h("span", { class: "catalog-official", text: "official status too" }) : null,
        h("button", {
          class: "watch",
          text: "Watch",
          attrs: { type: "button", id: `catalog-watch-${e.id}`, "data-watch": e.id, "aria-label": `Watch ${e.name}` },
        }),
      ),
    ),
  );
  const more = found.length > shown.length ? ` (first ${shown.length} shown; type to narrow)` : "";
  setText(
    picker.count,
    found.length === 0
      ? unwatched.length === 0
        ? "Every built-in service is watched."
        : "No built-in service matches. Try “Custom…”."
      : `${found.length} of ${unwatched.length} services you do not watch yet${more}.`,
  );
}
