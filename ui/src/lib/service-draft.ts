// A custom service as the settings window edits it, and back to the backend's ServiceForm.
// A saved service lists its real checks one by one, so nothing in the user's file is lost;
// a service being added has "URL or host" and kind checkboxes instead ("quick").

import type { ProbeForm, ProbeKind, ServiceForm, SourceKind, StatusForm } from "../ipc";
import { deriveProbes, kindName, KINDS, optional } from "./address";

export interface ProbeDraft {
  kind: ProbeKind;
  target: string;
  expect: string;
  contains: string;
}

export interface StatusDraft {
  /** Empty: no official status. */
  kind: "" | SourceKind;
  url: string;
  component: string;
  org: string;
  service: string;
}

/** The fields of a service being added. */
export interface QuickDraft {
  address: string;
  kinds: ProbeKind[];
  expect: string;
  contains: string;
}

export interface ServiceDraft {
  /** Empty for a new service: the backend makes one from the name. */
  id: string;
  name: string;
  enabled: boolean;
  /** Set while the service is being added; its checks then come from the address. */
  quick: QuickDraft | null;
  /** The checks of a saved service (ignored while `quick`). */
  probes: ProbeDraft[];
  status: StatusDraft;
  /** The service as loaded; sent back unchanged when nothing was edited. */
  original: ServiceForm | null;
}

export const NO_STATUS: StatusDraft = { kind: "", url: "", component: "", org: "", service: "" };

/** A service about to be added: every kind ticked, the address decides which apply. */
export function newDraft(): ServiceDraft {
  return {
    id: "",
    name: "",
    enabled: true,
    quick: { address: "", kinds: [...KINDS], expect: "", contains: "" },
    probes: [],
    status: { ...NO_STATUS },
    original: null,
  };
}

export function emptyProbe(kind: ProbeKind = "http"): ProbeDraft {
  return { kind, target: "", expect: "", contains: "" };
}

export function draftFromService(s: ServiceForm): ServiceDraft {
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    quick: null,
    probes: s.probes.map(draftFromProbe),
    status: s.status
      ? {
          kind: s.status.kind,
          url: s.status.url ?? "",
          component: s.status.component ?? "",
          org: s.status.org ?? "",
          service: s.status.service ?? "",
        }
      : { ...NO_STATUS },
    original: s,
  };
}

export function serviceFromDraft(d: ServiceDraft): ServiceForm {
  const probes = d.quick
    ? deriveProbes(d.quick.address, d.quick.kinds, d.quick)
    : d.probes.map(probeFromDraft);
  const form: ServiceForm = {
    id: d.id,
    name: d.name.trim(),
    enabled: d.enabled,
    probes,
    status: statusFromDraft(d.status),
  };
  // Unchanged: send exactly what came, so the backend sees no change and keeps the file.
  return d.original !== null && sameService(form, d.original) ? d.original : form;
}

export function draftFromProbe(p: ProbeForm): ProbeDraft {
  return { kind: p.kind, target: p.target, expect: p.expect ?? "", contains: p.contains ?? "" };
}

export function probeFromDraft(p: ProbeDraft): ProbeForm {
  const http = p.kind === "http";
  return {
    kind: p.kind,
    target: p.target.trim(),
    expect: http ? optional(p.expect) : null,
    contains: http ? optional(p.contains) : null,
  };
}

function statusFromDraft(s: StatusDraft): StatusForm | null {
  switch (s.kind) {
    case "":
      return null;
    case "metastatus":
      return { kind: s.kind, url: optional(s.url), component: null, org: optional(s.org), service: optional(s.service) };
    default:
      // Every other kind is a URL and an optional component (Statuspage, Slack, Google, ...).
      return { kind: s.kind, url: optional(s.url), component: optional(s.component), org: null, service: null };
  }
}

/** Equal as the backend would write them (text trimmed, empty = absent). */
export function sameService(a: ServiceForm, b: ServiceForm): boolean {
  return JSON.stringify(normalService(a)) === JSON.stringify(normalService(b));
}

function normalService(s: ServiceForm): unknown {
  const t = (x: string | null | undefined) => (x ?? "").trim();
  return [
    s.id,
    t(s.name),
    s.enabled,
    s.probes.map(normalProbe),
    s.status ? [s.status.kind, t(s.status.url), t(s.status.component), t(s.status.org), t(s.status.service)] : null,
  ];
}

/** A check as compared: what Save would write of it. */
export function normalProbe(p: ProbeForm): unknown {
  const t = (x: string | null | undefined) => (x ?? "").trim();
  return [p.kind, t(p.target), t(p.expect), t(p.contains)];
}

const SOURCE_NAMES: Record<SourceKind, string> = {
  statuspage: "Statuspage",
  metastatus: "Meta Status",
  slack: "Slack status API",
  google: "Google status feed",
  statusio: "Status.io",
  incidentio: "incident.io",
};

/** One line about a service for its row: "HTTP, DNS, TCP · official status: Statuspage". */
export function summarize(s: ServiceForm): string {
  const kinds = s.probes.map((p) => kindName(p.kind));
  const checks = kinds.length === 0 ? "no checks of its own" : kinds.join(", ");
  const official = s.status ? ` · official status: ${SOURCE_NAMES[s.status.kind] ?? s.status.kind}` : "";
  return `${checks}${official}`;
}
