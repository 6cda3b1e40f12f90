// The list of custom services: add, edit, remove, switch on and off. Changes to the list's
// shape re-render it from what was read back, so ids always match the order sent
// (the engine names `services[i]` by that order).

import type { ServiceForm } from "../../ipc";
import { emptyProbe, newDraft, type ServiceDraft } from "../../lib/service-draft";
import { serviceIds as ids, type ServiceShape } from "../../lib/service-keys";
import { byId, setText } from "../dom";
import { readService, serviceItem, syncService } from "./service-editor";

export interface ServicesView {
  doc: Document;
  list: HTMLUListElement;
  empty: HTMLElement;
  add: HTMLButtonElement;
  /** A polite live region: "Removed My Shop". */
  announce: HTMLElement;
  /** The services as loaded, by position in the list (null for one being added). */
  originals: (ServiceForm | null)[];
}

export function servicesView(doc: Document): ServicesView {
  return {
    doc,
    list: byId(doc, "services-list", HTMLUListElement),
    empty: byId(doc, "services-empty", HTMLElement),
    add: byId(doc, "add-service", HTMLButtonElement),
    announce: byId(doc, "services-status", HTMLElement),
    originals: [],
  };
}

export function renderServices(sv: ServicesView, drafts: readonly ServiceDraft[], open: ReadonlySet<number> = new Set()): void {
  sv.originals = drafts.map((d) => d.original);
  sv.list.replaceChildren(...drafts.map((d, i) => serviceItem(i, d, open.has(i))));
  drafts.forEach((d, i) => syncService(sv.doc, i, d.original));
  sv.empty.hidden = drafts.length > 0;
}

export function readServices(sv: ServicesView): ServiceDraft[] {
  return sv.originals.map((original, i) => readService(sv.doc, i, original));
}

/** What each editor looks like, for placing the engine's errors (lib/service-keys.ts). */
export function serviceShapes(sv: ServicesView): ServiceShape[] {
  return readServices(sv).map((d) => ({ quick: d.quick !== null, probes: d.probes.length }));
}

function openIndices(sv: ServicesView): Set<number> {
  const open = new Set<number>();
  sv.originals.forEach((_, i) => {
    if (byId(sv.doc, ids.edit(i), HTMLButtonElement).getAttribute("aria-expanded") === "true") open.add(i);
  });
  return open;
}

export function setOpen(sv: ServicesView, i: number, open: boolean): void {
  byId(sv.doc, ids.edit(i), HTMLButtonElement).setAttribute("aria-expanded", String(open));
  byId(sv.doc, ids.editor(i), HTMLElement).hidden = !open;
}

const focus = (doc: Document, id: string) => doc.getElementById(id)?.focus();

/** Handles the list's buttons and keeps editors consistent; `changed` after any edit. */
export function wireServices(sv: ServicesView, changed: () => void): void {
  const rerender = (drafts: ServiceDraft[], open: Set<number>) => {
    renderServices(sv, drafts, open);
    changed();
  };

  sv.add.addEventListener("click", () => {
    const drafts = readServices(sv);
    const open = openIndices(sv);
    open.add(drafts.length);
    rerender([...drafts, newDraft()], open);
    focus(sv.doc, ids.name(drafts.length));
  });

  sv.list.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>("button[data-action]") : null;
    const i = indexOf(target);
    if (target === null || i === null) return;
    const action = target.dataset.action;
    if (action === "edit") {
      setOpen(sv, i, target.getAttribute("aria-expanded") !== "true");
      return;
    }
    const drafts = readServices(sv);
    const open = openIndices(sv);
    const d = drafts[i];
    if (d === undefined) return;
    if (action === "remove") {
      drafts.splice(i, 1);
      const shifted = new Set([...open].filter((k) => k !== i).map((k) => (k > i ? k - 1 : k)));
      rerender(drafts, shifted);
      setText(sv.announce, `Removed ${d.name.trim() || "the new service"}. Save to apply.`);
      focus(sv.doc, drafts.length === 0 ? sv.add.id : ids.edit(Math.min(i, drafts.length - 1)));
    } else if (action === "add-probe") {
      d.probes.push(emptyProbe());
      rerender(drafts, open);
      focus(sv.doc, ids.probeField(i, d.probes.length - 1, "kind"));
    } else if (action === "remove-probe") {
      d.probes.splice(Number(target.dataset.probe), 1);
      rerender(drafts, open);
      focus(sv.doc, ids.addProbe(i));
    }
  });

  const sync = (event: Event) => {
    const i = indexOf(event.target instanceof Element ? event.target : null);
    if (i !== null) syncService(sv.doc, i, sv.originals[i] ?? null);
  };
  sv.list.addEventListener("input", sync);
  sv.list.addEventListener("change", sync);
}

/** The index of the service an element belongs to. */
function indexOf(el: Element | null): number | null {
  const item = el?.closest("li.custom-service");
  const m = item ? /^service-(\d+)$/.exec(item.id) : null;
  return m ? Number(m[1]) : null;
}
