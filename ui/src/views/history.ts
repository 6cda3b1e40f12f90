// The dashboard's "last 24 hours" part: uptime per service and recent incidents.

import type { History } from "../ipc";
import { formatDuration, formatPercent } from "../lib/format";
import { incidentText } from "../lib/service-text";
import { byId, h, showMessage } from "./dom";

export interface HistoryView {
  uptime: HTMLTableSectionElement;
  incidents: HTMLUListElement;
  message: HTMLElement;
}

export function historyView(doc: Document): HistoryView {
  return {
    uptime: byId(doc, "uptime-rows", HTMLTableSectionElement),
    incidents: byId(doc, "incidents", HTMLUListElement),
    message: byId(doc, "history-message", HTMLElement),
  };
}

/** `names` maps service ids to display names (from the snapshot); unknown ids show as ids. */
export function renderHistory(view: HistoryView, history: History, names: Map<string, string>, nowMs: number): void {
  const name = (id: string) => names.get(id) ?? id;
  view.uptime.replaceChildren(
    ...history.uptime.map((u) =>
      h(
        "tr",
        { attrs: { "data-service": u.service } },
        h("th", { text: name(u.service), attrs: { scope: "row" } }),
        h("td", { text: formatPercent(u.percent) }),
        h("td", { text: u.down_secs > 0 ? formatDuration(u.down_secs) : "—" }),
        h("td", { text: u.degraded_secs > 0 ? formatDuration(u.degraded_secs) : "—" }),
      ),
    ),
  );
  view.incidents.replaceChildren(
    ...history.incidents.map((i) =>
      h(
        "li",
        { attrs: { "data-ongoing": String(i.ongoing) } },
        h("strong", { text: name(i.service) }),
        " ",
        incidentText(i, nowMs),
      ),
    ),
  );
  const empty =
    history.uptime.length === 0
      ? "No history yet: it fills in as the app keeps checking."
      : history.incidents.length === 0
        ? "No incidents in the last 24 hours."
        : "";
  showMessage(view.message, empty);
}

export function showHistoryError(view: HistoryView, message: string): void {
  showMessage(view.message, message);
}
