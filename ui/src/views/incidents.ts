// The dashboard's recent incidents: a table of start, end, duration and cause per service.

import type { History } from "../ipc";
import { incidentRow } from "../lib/service-text";
import { acknowledgedText } from "../lib/lag";
import { verdictLabel } from "../lib/states";
import { byId, h, showMessage } from "./dom";

/** How many incidents the table shows, newest first. */
export const MAX_INCIDENTS = 20;

export interface IncidentsView {
  table: HTMLTableElement;
  rows: HTMLTableSectionElement;
  message: HTMLElement;
  retry: HTMLButtonElement;
}

export function incidentsView(doc: Document): IncidentsView {
  return {
    table: byId(doc, "incidents", HTMLTableElement),
    rows: byId(doc, "incident-rows", HTMLTableSectionElement),
    message: byId(doc, "incidents-message", HTMLElement),
    retry: byId(doc, "incidents-retry", HTMLButtonElement),
  };
}

/** `names` maps service ids to display names (from the snapshot); unknown ids show as ids. */
export function renderIncidents(
  view: IncidentsView,
  history: History,
  names: Map<string, string>,
  nowMs: number,
): void {
  const incidents = [...history.incidents].sort((a, b) => b.start_ms - a.start_ms).slice(0, MAX_INCIDENTS);
  view.rows.replaceChildren(
    ...incidents.map((i) => {
      const r = incidentRow(i, nowMs);
      const label = verdictLabel(i.worst);
      return h(
        "tr",
        { attrs: { "data-service": i.service, "data-ongoing": String(i.ongoing) } },
        h("th", { attrs: { scope: "row" }, text: names.get(i.service) ?? i.service }),
        h(
          "td",
          { attrs: { "data-label": "What" } },
          h(
            "span",
            { class: "state", attrs: { "data-tone": label.tone } },
            h("span", { class: "state-icon", text: label.icon, attrs: { "aria-hidden": "true" } }),
            h("span", { class: "state-word", text: label.word }),
          ),
        ),
        h("td", { attrs: { "data-label": "Started" }, text: r.start }),
        h("td", { attrs: { "data-label": "Ended" }, text: r.end }),
        h("td", { attrs: { "data-label": "Duration" }, text: r.duration }),
        h("td", { attrs: { "data-label": "Cause" }, text: withLag(r.cause, acknowledgedText(i)) }),
      );
    }),
  );
  view.table.hidden = incidents.length === 0;
  view.retry.hidden = true;
  const empty =
    history.uptime.length === 0 && history.incidents.length === 0
      ? "No history yet: it fills in as the app keeps checking."
      : incidents.length === 0
        ? "No incidents in the last 7 days."
        : "";
  showMessage(view.message, empty);
}

/** "Server errors (HTTP 503) — acknowledged after 14 min". */
function withLag(cause: string, lag: string): string {
  return lag === "" ? cause : `${cause} — ${lag}`;
}

export function showIncidentsError(view: IncidentsView, message: string): void {
  view.table.hidden = true;
  showMessage(view.message, message);
  view.retry.hidden = false;
}
