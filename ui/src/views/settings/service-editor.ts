// One custom service in the list: a row (watch checkbox, name, summary, Edit, Remove) and
// its editor. Built from a ServiceDraft, read back into one; ids from lib/service-keys.ts.

import type { ServiceForm, SourceKind } from "../../ipc";
import { availableKinds, describeProbes, deriveProbes, KINDS, parseAddress } from "../../lib/address";
import {
  type ProbeDraft,
  type ServiceDraft,
  serviceFromDraft,
  type StatusDraft,
  summarize,
} from "../../lib/service-draft";
import { serviceIds as ids } from "../../lib/service-keys";
import { byId, h, setText, valueOf } from "../dom";
import { button, checkbox, errorSlot, selectField, srOnly, textField } from "./controls";
import { KIND_OPTIONS, probeFields, readProbeFields, syncProbeFields } from "./probe-row";

const STATUS_OPTIONS = [
  ["", "None"],
  ["statuspage", "Statuspage (status page of many companies)"],
  ["metastatus", "Meta Status (WhatsApp, Instagram, Facebook)"],
] as const;

const displayName = (name: string) => name.trim() || "New service";

/** The list item for service `i`. */
export function serviceItem(i: number, d: ServiceDraft, open: boolean): HTMLLIElement {
  const name = displayName(d.name);
  const nameSpan = (cls = "") => h("span", { class: `service-name ${cls}`.trim(), text: name });
  const edit = button(ids.edit(i), ["Edit", srOnly(` ${name}`, "service-name")], "edit", {
    "aria-expanded": String(open),
    "aria-controls": ids.editor(i),
  });
  const remove = button(ids.remove(i), ["Remove", srOnly(` ${name}`, "service-name")], "remove");
  const watch = checkbox(ids.enabled(i), [srOnly("Watch "), nameSpan()], d.enabled);
  watch.querySelector("input")?.setAttribute("aria-describedby", ids.summary(i));
  const row = h(
    "div",
    { class: "service-row" },
    watch,
    h("p", { class: "help service-summary", attrs: { id: ids.summary(i) }, text: summaryText(d) }),
    h("div", { class: "row-actions" }, edit, remove),
    errorSlot(ids.enabled(i)),
  );
  const editor = h(
    "div",
    { class: "service-editor", attrs: { id: ids.editor(i), role: "group", "aria-label": `Edit ${name}` } },
    textField(ids.name(i), "Name", d.name, { placeholder: "My Shop" }),
    d.quick ? quickFields(i, d) : probeList(i, d.probes),
    statusFields(i, d.status),
  );
  editor.hidden = !open;
  return h(
    "li",
    { class: "custom-service", attrs: { id: ids.item(i), "data-quick": String(d.quick !== null) } },
    row,
    editor,
  );
}

function summaryText(d: ServiceDraft): string {
  const summary = summarize(serviceFromDraft(d));
  const state = d.original === null ? "new, not saved yet" : d.enabled ? "" : "not watched";
  return state ? `${summary} (${state})` : summary;
}

// ---- a service being added: "URL or host" and kinds ---------------------------------

function quickFields(i: number, d: ServiceDraft): HTMLElement {
  const q = d.quick ?? { address: "", kinds: [], expect: "", contains: "" };
  const kinds = h(
    "fieldset",
    { class: "kinds", attrs: { id: ids.kinds(i) } },
    h("legend", { text: "Check with" }),
    h("p", { class: "help", text: "HTTP needs a URL, TLS needs https." }),
    ...KIND_OPTIONS.map(([kind, label]) => checkbox(ids.kind(i, kind), label, q.kinds.includes(kind))),
    errorSlot(ids.kinds(i)),
  );
  const http = h(
    "div",
    { class: "http-only" },
    textField(ids.expect(i), "Expected HTTP status (optional)", q.expect, {
      placeholder: "200-399",
      help: "A status or range, such as 200 or 200-299. Empty: any status below 400.",
    }),
    textField(ids.contains(i), "Page must contain (optional)", q.contains, {
      help: "Text that must appear in the page, such as OK.",
      class: "wide",
    }),
  );
  return h(
    "div",
    { class: "quick" },
    textField(ids.address(i), "URL or host", q.address, {
      placeholder: "https://shop.example/health",
      help: "A page such as https://shop.example/health, or just shop.example to check the server only.",
      class: "wide",
    }),
    kinds,
    h("p", { class: "help preview", attrs: { id: ids.preview(i) } }),
    http,
  );
}

// ---- a saved service: its checks one by one -------------------------------------------

function probeList(i: number, probes: readonly ProbeDraft[]): HTMLElement {
  return h(
    "fieldset",
    { class: "probes", attrs: { id: ids.probes(i) } },
    h("legend", { text: "Checks" }),
    ...probes.map((p, j) => probeRow(i, j, p)),
    errorSlot(ids.probes(i)),
    button(ids.addProbe(i), "Add a check", "add-probe"),
  );
}

function probeRow(i: number, j: number, p: ProbeDraft): HTMLElement {
  return probeFields({ row: ids.probe(i, j), field: (f) => ids.probeField(i, j, f) }, j, p);
}

// ---- official status -------------------------------------------------------------------

function statusFields(i: number, s: StatusDraft): HTMLElement {
  const part = (show: string, ...children: HTMLElement[]) =>
    h("div", { class: "status-part", attrs: { "data-show": show } }, ...children);
  return h(
    "div",
    { class: "status" },
    selectField(ids.status(i, "kind"), "Official status", STATUS_OPTIONS, s.kind, {
      help: "The provider's own status page, shown next to what the app sees.",
    }),
    part(
      "metastatus",
      textField(ids.status(i, "org"), "Meta Status org id", s.org, { placeholder: "whatsapp-business-api" }),
      textField(ids.status(i, "service"), "Service on Meta Status (optional)", s.service, { class: "wide" }),
    ),
    part(
      "statuspage metastatus",
      textField(ids.status(i, "url"), "Statuspage summary URL", s.url, {
        placeholder: "https://status.example.com/api/v2/summary.json",
        class: "wide",
      }),
    ),
    part("statuspage", textField(ids.status(i, "component"), "Component (optional)", s.component, { class: "wide" })),
  );
}

// ---- reading back ----------------------------------------------------------------------

const text = valueOf;
const ticked = (doc: Document, id: string) => byId(doc, id, HTMLInputElement).checked;

/** Service `i` as edited. */
export function readService(doc: Document, i: number, original: ServiceForm | null): ServiceDraft {
  const item = byId(doc, ids.item(i), HTMLLIElement);
  const quick = item.dataset.quick === "true";
  const probes = Array.from(item.querySelectorAll(".probe"), (_, j) =>
    readProbeFields(doc, (f) => ids.probeField(i, j, f)),
  );
  return {
    id: original?.id ?? "",
    name: text(doc, ids.name(i)),
    enabled: ticked(doc, ids.enabled(i)),
    quick: quick
      ? {
          address: text(doc, ids.address(i)),
          kinds: KINDS.filter((k) => ticked(doc, ids.kind(i, k))),
          expect: text(doc, ids.expect(i)),
          contains: text(doc, ids.contains(i)),
        }
      : null,
    probes,
    status: {
      kind: text(doc, ids.status(i, "kind")) as "" | SourceKind,
      url: text(doc, ids.status(i, "url")),
      component: text(doc, ids.status(i, "component")),
      org: text(doc, ids.status(i, "org")),
      service: text(doc, ids.status(i, "service")),
    },
    original,
  };
}

// ---- keeping the editor consistent while typing -----------------------------------------

/** Shows the fields that apply (HTTP options, status parts, labels) and refreshes the row. */
export function syncService(doc: Document, i: number, original: ServiceForm | null): void {
  const item = byId(doc, ids.item(i), HTMLLIElement);
  const d = readService(doc, i, original);
  for (const el of item.querySelectorAll<HTMLElement>(".service-name")) {
    const name = displayName(d.name);
    setText(el, el.classList.contains("visually-hidden") ? ` ${name}` : name);
  }
  byId(doc, ids.editor(i), HTMLElement).setAttribute("aria-label", `Edit ${displayName(d.name)}`);
  setText(byId(doc, ids.summary(i), HTMLElement), summaryText(d));
  for (const part of item.querySelectorAll<HTMLElement>(".status-part")) {
    part.hidden = !(part.dataset.show ?? "").split(" ").includes(d.status.kind);
  }
  const urlLabel = item.querySelector(`label[for="${ids.status(i, "url")}"]`);
  if (urlLabel) {
    urlLabel.textContent =
      d.status.kind === "metastatus" ? "Meta Status data URL (optional, for testing)" : "Statuspage summary URL";
  }
  if (d.quick) syncQuick(doc, i, d);
  else d.probes.forEach((p, j) => syncProbeFields(doc, { row: ids.probe(i, j), field: (f) => ids.probeField(i, j, f) }, p));
}

function syncQuick(doc: Document, i: number, d: ServiceDraft): void {
  const q = d.quick;
  if (!q) return;
  const allowed = availableKinds(parseAddress(q.address));
  for (const kind of KINDS) byId(doc, ids.kind(i, kind), HTMLInputElement).disabled = !allowed.includes(kind);
  const probes = deriveProbes(q.address, q.kinds, q);
  const preview = probes.length > 0 ? `Will check: ${describeProbes(probes)}.` : "Type a URL or host to see the checks.";
  setText(byId(doc, ids.preview(i), HTMLElement), preview);
  const http = byId(doc, ids.item(i), HTMLElement).querySelector<HTMLElement>(".quick .http-only");
  if (http) http.hidden = !probes.some((p) => p.kind === "http");
}
