// One service's card: state, since when, cause, official status, the probes on expand, a
// latency chart (1 h / 24 h) and uptime bars (24 h, 7 d). Built once and updated in place,
// so focus, an open expander and the chart survive live updates.

import type { ProbeStatus, ServiceHistory, ServiceStatus, Snapshot } from "../ipc";
import { formatLatency } from "../lib/format";
import { canAskWhenBack, lagText } from "../lib/lag";
import { causeLine, officialText, probeDetail, probesSummary, sinceText } from "../lib/service-text";
import { verdictLabel } from "../lib/states";
import { DAY_MS, HOUR_MS } from "../lib/uptime";
import { barsView, renderBars } from "./bars";
import { cardChart } from "./card-chart";
import { h, setText, showMessage } from "./dom";
import { drawSparkline, sparkline } from "./sparkline";

export interface Card {
  el: HTMLLIElement;
  update(s: ServiceStatus, snapshot: Snapshot, firstRoundDone: boolean, nowMs: number): void;
  setHistory(history: ServiceHistory, nowMs: number): void;
  setHistoryError(message: string): void;
  /** Whether the user asked to be told when this service is back. */
  setBackRequested(on: boolean): void;
  /** One line (state, name, cause, sparkline) that expands to the full card. */
  setCompact(on: boolean): void;
  destroy(): void;
}

/**
 * `onRetry` asks for this card's history again (after an error); `onBack` asks (true) or
 * stops asking (false) to be told when the service is back; `onOpenIncident` opens the
 * status page's incident in the browser.
 */
export function createCard(
  id: string,
  onRetry: () => void,
  onBack?: (on: boolean) => void,
  onOpenIncident?: () => void,
): Card {
  const nameId = `svc-${id}-name`;
  const name = h("h3", { class: "service-name", attrs: { id: nameId } });
  const icon = h("span", { class: "state-icon", attrs: { "aria-hidden": "true" } });
  const word = h("span", { class: "state-word" });
  const state = h("span", { class: "state" }, icon, word);
  const since = h("span", { class: "since" });
  const latency = h("span", { class: "latency" });
  const cause = h("p", { class: "cause" });
  const officialWords = h("span");
  const incidentLink = h("button", { class: "link incident-link", attrs: { type: "button", hidden: "" } });
  incidentLink.addEventListener("click", () => onOpenIncident?.());
  const official = h("p", { class: "official", attrs: { hidden: "" } }, officialWords, " ", incidentLink);
  const lag = h("p", { class: "official-lag", attrs: { hidden: "" } });
  let backRequested = false;
  const back = h("button", {
    class: "back",
    text: "Tell me when it's back",
    attrs: { type: "button", hidden: "", "aria-pressed": "false" },
  });
  back.addEventListener("click", () => onBack?.(!backRequested));

  // ---- the compact line: state, name, cause, sparkline; expands to the card ----
  // Classes of their own: the card's `.state-word` and `.state` stay one per card.
  const lineIcon = h("span", { class: "line-icon", attrs: { "aria-hidden": "true" } });
  const lineWord = h("span", { class: "line-word" });
  const lineName = h("span", { class: "line-name" });
  const lineCause = h("span", { class: "line-cause" });
  const spark = sparkline(document);
  const line = h(
    "button",
    { class: "card-line", attrs: { type: "button", "aria-expanded": "false", hidden: "" } },
    h("span", { class: "line-state" }, lineIcon, lineWord),
    lineName,
    lineCause,
  );
  line.append(spark);
  line.addEventListener("click", () => {
    const open = el.dataset.expanded !== "true";
    el.dataset.expanded = String(open);
    line.setAttribute("aria-expanded", String(open));
  });
  const summary = h("summary", { text: "Checks" });
  const probeList = h("ul", { class: "probe-list" });
  const probes = h("details", { class: "probes", attrs: { "data-service": id } }, summary, probeList);

  const day = barsView("Last 24 hours", "hour", 24, "24 h ago");
  const week = barsView("Last 7 days", "day", 7, "7 d ago");
  const errorText = h("span");
  const retry = h("button", { class: "link", text: "Try again", attrs: { type: "button" } });
  const error = h("p", { class: "card-error", attrs: { role: "alert", hidden: "" } }, errorText, " ", retry);
  retry.addEventListener("click", onRetry);

  const chart = cardChart();
  const el = h(
    "li",
    { class: "card", attrs: { "data-service": id, "aria-labelledby": nameId } },
    line,
    h("div", { class: "card-head" }, name, state, since, latency),
    cause,
    official,
    lag,
    back,
    probes,
    chart.el,
    h("div", { class: "uptime" }, day.el, week.el),
    error,
  );

  return {
    el,
    update(s, snapshot, done, nowMs) {
      const label = verdictLabel(s.state, done);
      el.dataset.tone = label.tone;
      el.dataset.state = s.state;
      state.dataset.tone = label.tone;
      setText(name, s.name);
      setText(icon, label.icon);
      setText(word, label.word);
      setText(since, sinceText(s, nowMs));
      // A down service's "latency" is its working probes' speed: no use next to "Down".
      const showLatency = s.state !== "unknown" && s.state !== "down" && s.latency_ms !== null;
      setText(latency, showLatency && s.latency_ms !== null ? formatLatency(s.latency_ms) : "");
      setText(cause, causeLine(s, snapshot.connectivity, done));
      const said = officialText(s.official);
      setText(officialWords, said);
      official.hidden = said === "";
      // Without a link the button has no words either: the official line reads as it is.
      const link = Boolean(s.official?.incident?.url);
      incidentLink.hidden = !link;
      setText(incidentLink, link ? "Read it on the status page" : "");
      // Judged from its status page alone: no checks to list and no latency to chart.
      const statusOnly = s.probe_count === 0;
      probes.hidden = statusOnly;
      chart.el.hidden = statusOnly;
      spark.style.display = statusOnly ? "none" : "";
      showMessage(lag, lagText(s.official_lag));
      back.hidden = !canAskWhenBack(s);
      line.querySelector(".line-state")?.setAttribute("data-tone", label.tone);
      setText(lineIcon, label.icon);
      setText(lineWord, label.word);
      setText(lineName, s.name);
      setText(lineCause, s.cause_text);
      chart.setName(s.name);
      renderProbes(s.probes, statusOnly);
    },
    setHistory(next, nowMs) {
      el.dataset.history = "loaded";
      showMessage(errorText, "");
      error.hidden = true;
      renderBars(day, next.hours_24, HOUR_MS, next.uptime_24h, nowMs);
      renderBars(week, next.days_7, DAY_MS, next.uptime_7d, nowMs);
      drawSparkline(spark, next.latency_1h);
      chart.show(next, nowMs);
    },
    setBackRequested(on) {
      backRequested = on;
      back.setAttribute("aria-pressed", String(on));
      setText(back, on ? "You will be told when it's back (undo)" : "Tell me when it's back");
    },
    setCompact(on) {
      el.dataset.compact = String(on);
      line.hidden = !on;
      if (!on) delete el.dataset.expanded;
    },
    setHistoryError(message) {
      el.dataset.history = "error";
      setText(errorText, message);
      error.hidden = false;
      chart.failed();
    },
    destroy() {
      chart.destroy();
      el.remove();
    },
  };

  function renderProbes(list: ProbeStatus[], statusOnly: boolean): void {
    if (statusOnly) {
      setText(summary, "");
      probeList.replaceChildren();
      return;
    }
    setText(summary, list.length === 0 ? "Checks: none run yet" : probesSummary(list));
    if (list.length === 0) {
      probeList.replaceChildren(h("li", { class: "muted", text: "No checks have run yet." }));
      return;
    }
    probeList.replaceChildren(...list.map(probeItem));
  }
}

function probeItem(p: ProbeStatus): HTMLLIElement {
  const d = probeDetail(p);
  return h(
    "li",
    { class: "probe", attrs: { "data-ok": String(d.ok) } },
    h(
      "span",
      { class: "probe-result" },
      h("span", { class: "state-icon", text: d.icon, attrs: { "aria-hidden": "true" } }),
      ` ${d.result}`,
    ),
    h("span", { class: "probe-kind", text: d.kind }),
    h("code", { class: "probe-target", text: d.target }),
    d.latency && h("span", { class: "probe-latency", text: d.latency }),
    d.cause && h("span", { class: "probe-cause", text: d.cause }),
    d.detail && h("span", { class: "probe-detail", text: d.detail }),
    d.cert && h("span", { class: "probe-cert", text: d.cert }),
  );
}
