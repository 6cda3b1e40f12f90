// One check as a row of fields (kind, target, HTTP options, Remove), for a custom service's
// checks and for the connection checks alike. The caller names the ids.

import type { ProbeKind } from "../../ipc";
import type { ProbeDraft } from "../../lib/service-draft";
import { byId, h, valueOf } from "../dom";
import { button, selectField, srOnly, textField } from "./controls";

export const KIND_OPTIONS = [
  ["http", "HTTP: load a page"],
  ["dns", "DNS: look up the name"],
  ["tcp", "TCP: connect to a port"],
  ["tls", "TLS: check the certificate"],
] as const;

const TARGET_LABELS: Record<ProbeKind, [string, string]> = {
  http: ["URL", "https://shop.example/health"],
  dns: ["Host name", "shop.example"],
  tcp: ["Host and port", "shop.example:443"],
  tls: ["Host and port", "shop.example:443"],
};

export type ProbeField = "kind" | "target" | "expect" | "contains" | "remove";

/** The ids of one row: the row itself and each of its fields. */
export interface ProbeRowIds {
  row: string;
  field: (f: ProbeField) => string;
}

/** Check `j` (0-based) as a labelled group; its Remove button carries `data-probe="j"`. */
export function probeFields(ids: ProbeRowIds, j: number, p: ProbeDraft): HTMLElement {
  const [label, placeholder] = TARGET_LABELS[p.kind] ?? TARGET_LABELS.http;
  return h(
    "div",
    { class: "probe", attrs: { id: ids.row, role: "group", "aria-label": `Check ${j + 1}` } },
    selectField(ids.field("kind"), "Kind", KIND_OPTIONS, p.kind),
    textField(ids.field("target"), label, p.target, { placeholder, class: "wide" }),
    h(
      "div",
      { class: "http-only" },
      textField(ids.field("expect"), "Expected HTTP status (optional)", p.expect, { placeholder: "200-399" }),
      textField(ids.field("contains"), "Page must contain (optional)", p.contains, { class: "wide" }),
    ),
    button(ids.field("remove"), ["Remove", srOnly(` check ${j + 1}`)], "remove-probe", { "data-probe": String(j) }),
  );
}

/** The row as edited. */
export function readProbeFields(doc: Document, field: (f: ProbeField) => string): ProbeDraft {
  return {
    kind: valueOf(doc, field("kind")) as ProbeKind,
    target: valueOf(doc, field("target")),
    expect: valueOf(doc, field("expect")),
    contains: valueOf(doc, field("contains")),
  };
}

/** Shows the HTTP options only for HTTP, and labels the target for the kind. */
export function syncProbeFields(doc: Document, ids: ProbeRowIds, p: ProbeDraft): void {
  const row = byId(doc, ids.row, HTMLElement);
  const http = row.querySelector<HTMLElement>(".http-only");
  if (http) http.hidden = p.kind !== "http";
  const [label, placeholder] = TARGET_LABELS[p.kind] ?? TARGET_LABELS.http;
  const target = byId(doc, ids.field("target"), HTMLInputElement);
  target.placeholder = placeholder;
  const labelEl = row.querySelector(`label[for="${target.id}"]`);
  if (labelEl) labelEl.textContent = label;
}
