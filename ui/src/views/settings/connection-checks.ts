// "Connection checks": the addresses that tell the user's own connection from a service's
// outage. The built-in ones by default; a network that blocks them (a company network
// that blocks 1.1.1.1, say) gets a list of its own, edited like a service's checks.

import type { ConnectivityForm } from "../../ipc";
import { describeProbes } from "../../lib/address";
import { controlIds as ids } from "../../lib/control-keys";
import { draftFromProbe, emptyProbe, probeFromDraft, type ProbeDraft } from "../../lib/service-draft";
import { byId, setText } from "../dom";
import { probeFields, readProbeFields, syncProbeFields } from "./probe-row";

export interface ChecksView {
  doc: Document;
  builtin: HTMLInputElement;
  defaults: HTMLElement;
  list: HTMLElement;
  add: HTMLButtonElement;
  /** The checks as loaded (null: the backend sent none, so none are sent back). */
  loaded: ConnectivityForm | null;
  /** The own list while the built-in ones are ticked, to get it back on untick. */
  kept: ProbeDraft[];
}

export function checksView(doc: Document): ChecksView {
  return {
    doc,
    builtin: byId(doc, ids.builtin, HTMLInputElement),
    defaults: byId(doc, ids.defaults, HTMLElement),
    list: byId(doc, ids.list, HTMLElement),
    add: byId(doc, ids.add, HTMLButtonElement),
    loaded: null,
    kept: [],
  };
}

/** Shows the checks as loaded. */
export function renderChecks(cv: ChecksView, form: ConnectivityForm | null): void {
  cv.loaded = form;
  cv.kept = form === null || form.builtin ? [] : form.probes.map(draftFromProbe);
  byId(cv.doc, ids.group, HTMLElement).hidden = form === null;
  setText(cv.defaults, form === null ? "" : `Built-in: ${describeProbes(form.defaults)}.`);
  draw(cv, form?.builtin ?? true, cv.kept);
}

function draw(cv: ChecksView, builtin: boolean, rows: readonly ProbeDraft[]): void {
  const shown = builtin ? [] : rows;
  cv.builtin.checked = builtin;
  cv.list.replaceChildren(...shown.map((p, j) => probeFields(rowIds(j), j, p)));
  cv.list.hidden = builtin;
  cv.add.hidden = builtin;
  syncRows(cv, shown);
}

/** Shows each row's HTTP options only for HTTP, and labels its address for its kind. */
function syncRows(cv: ChecksView, rows: readonly ProbeDraft[]): void {
  rows.forEach((p, j) => syncProbeFields(cv.doc, rowIds(j), p));
}

const rowIds = (j: number) => ({ row: ids.row(j), field: (f: Parameters<typeof ids.field>[1]) => ids.field(j, f) });

function readRows(cv: ChecksView): ProbeDraft[] {
  return Array.from(cv.list.querySelectorAll(".probe"), (_, j) => readProbeFields(cv.doc, rowIds(j).field));
}

/** The number of rows shown (for placing the engine's errors). */
export function controlRows(cv: ChecksView): number {
  return cv.builtin.checked ? 0 : cv.list.querySelectorAll(".probe").length;
}

/** The checks as edited; null when none were loaded. */
export function readChecks(cv: ChecksView): ConnectivityForm | null {
  const loaded = cv.loaded;
  if (loaded === null) return null;
  if (cv.builtin.checked) return { builtin: true, probes: loaded.defaults, defaults: loaded.defaults };
  return { builtin: false, probes: readRows(cv).map(probeFromDraft), defaults: loaded.defaults };
}

/** Handles the tick, Add and Remove; `changed` after any of them. */
export function wireChecks(cv: ChecksView, changed: () => void): void {
  const focus = (id: string) => cv.doc.getElementById(id)?.focus();
  cv.builtin.addEventListener("change", () => {
    if (cv.builtin.checked) {
      cv.kept = readRows(cv);
      draw(cv, true, []);
    } else {
      // An own list starts from the built-in one, to edit rather than to type from nothing.
      const start = cv.kept.length > 0 ? cv.kept : (cv.loaded?.defaults ?? []).map(draftFromProbe);
      draw(cv, false, start);
    }
    changed();
  });
  cv.add.addEventListener("click", () => {
    const rows = [...readRows(cv), emptyProbe("tcp")];
    draw(cv, false, rows);
    focus(ids.field(rows.length - 1, "target"));
    changed();
  });
  cv.list.addEventListener("click", (event) => {
    const remove = event.target instanceof Element ? event.target.closest<HTMLElement>("button[data-probe]") : null;
    if (remove === null) return;
    const rows = readRows(cv);
    rows.splice(Number(remove.dataset.probe), 1);
    draw(cv, false, rows);
    focus(rows.length > 0 ? ids.field(Math.min(Number(remove.dataset.probe), rows.length - 1), "target") : ids.add);
    changed();
  });
  const sync = () => syncRows(cv, readRows(cv));
  cv.list.addEventListener("input", sync);
  cv.list.addEventListener("change", sync);
}
