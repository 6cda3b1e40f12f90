// The dashboard's "now" part: headline, connectivity, one row per service, the Check now
// button. Rendering only: data comes in as arguments, clicks go out as callbacks.

import type { ServiceStatus, Snapshot } from "../ipc";
import { formatLatency } from "../lib/format";
import { firstRoundDone, headline } from "../lib/headline";
import { connectivityLine, officialText, probeText, sinceText } from "../lib/service-text";
import { verdictLabel } from "../lib/states";
import { byId, h, setText, showMessage } from "./dom";

export interface StatusView {
  summary: HTMLElement;
  headline: HTMLElement;
  detail: HTMLElement;
  connectivity: HTMLElement;
  checkNow: HTMLButtonElement;
  progress: HTMLElement;
  error: HTMLElement;
  services: HTMLUListElement;
}

export function statusView(doc: Document): StatusView {
  return {
    summary: byId(doc, "summary", HTMLElement),
    headline: byId(doc, "headline", HTMLElement),
    detail: byId(doc, "headline-detail", HTMLElement),
    connectivity: byId(doc, "connectivity", HTMLElement),
    checkNow: byId(doc, "check-now", HTMLButtonElement),
    progress: byId(doc, "check-progress", HTMLElement),
    error: byId(doc, "error", HTMLElement),
    services: byId(doc, "services", HTMLUListElement),
  };
}

export function renderSnapshot(view: StatusView, s: Snapshot, nowMs: number): void {
  const line = headline(s, nowMs);
  view.summary.dataset.tone = line.tone;
  setText(view.headline, line.title);
  setText(view.detail, line.detail);
  setText(view.connectivity, connectivityLine(s, nowMs));
  renderServices(view.services, s, nowMs);
}

/** Replaces the rows, keeping open the probe details the user opened. */
export function renderServices(list: HTMLUListElement, s: Snapshot, nowMs: number): void {
  const open = new Set(
    Array.from(list.querySelectorAll<HTMLDetailsElement>("details[open]"), (d) => d.dataset.service),
  );
  const done = firstRoundDone(s);
  const rows = s.services.map((x) => serviceRow(x, nowMs, done, open.has(x.id)));
  if (rows.length === 0) {
    rows.push(h("li", { class: "service empty", text: "No services are watched. Turn some on in Settings." }));
  }
  list.replaceChildren(...rows);
}

export function serviceRow(
  s: ServiceStatus,
  nowMs: number,
  firstRoundDone = true,
  probesOpen = false,
): HTMLLIElement {
  const label = verdictLabel(s.state, firstRoundDone);
  const latency = s.state !== "unknown" && s.latency_ms !== null ? formatLatency(s.latency_ms) : "";
  const official = officialText(s.official);
  const probes =
    s.probes.length > 0
      ? h(
          "details",
          { class: "probes", attrs: { "data-service": s.id } },
          h("summary", { text: `Checks (${s.probes.length})` }),
          h("ul", {}, ...s.probes.map((p) => h("li", { attrs: { "data-ok": String(p.ok) }, text: probeText(p) }))),
        )
      : null;
  if (probes && probesOpen) probes.open = true;
  return h(
    "li",
    { class: "service", attrs: { "data-service": s.id, "data-tone": label.tone } },
    h(
      "div",
      { class: "service-head" },
      h("h3", { class: "service-name", text: s.name }),
      h(
        "span",
        { class: "state", attrs: { "data-tone": label.tone } },
        h("span", { class: "state-icon", text: label.icon, attrs: { "aria-hidden": "true" } }),
        h("span", { class: "state-word", text: label.word }),
      ),
      h("span", { class: "since", text: sinceText(s, nowMs) }),
      latency && h("span", { class: "latency", text: latency }),
    ),
    s.cause_text && h("p", { class: "cause", text: s.cause_text }),
    official && h("p", { class: "official", text: official }),
    probes,
  );
}

/** While a requested check runs: the button is disabled and says so. */
export function setChecking(view: StatusView, checking: boolean): void {
  view.checkNow.disabled = checking;
  view.checkNow.setAttribute("aria-busy", String(checking));
  setText(view.checkNow, checking ? "Checking…" : "Check now");
  setText(view.progress, checking ? "Checking every service now…" : "");
}

export function showError(view: StatusView, message: string): void {
  showMessage(view.error, message);
}

export function onCheckNow(view: StatusView, handler: () => void): void {
  view.checkNow.addEventListener("click", handler);
}
