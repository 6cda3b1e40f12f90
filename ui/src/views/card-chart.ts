// A card's latency chart: the 1 h / 24 h switch, the plot and the line that says it in
// words (or what is under the pointer).

import type { ServiceHistory } from "../ipc";
import { chartSummary, pointText, type Range } from "../lib/chart-data";
import { latencyChart, type LatencyChart } from "./chart";
import { h, setText, showMessage } from "./dom";

const RANGE_NAMES: Record<Range, string> = { "1h": "1 h", "24h": "24 h" };

export interface CardChart {
  el: HTMLElement;
  /** Names the service in the range switch's label. */
  setName(name: string): void;
  show(history: ServiceHistory, nowMs: number): void;
  /** The history could not be read. */
  failed(): void;
  destroy(): void;
}

export function cardChart(): CardChart {
  let range: Range = "1h";
  let history: ServiceHistory | null = null;
  let historyAt = 0;
  const rangeButtons = (["1h", "24h"] as const).map((r) =>
    h("button", {
      class: "range",
      text: RANGE_NAMES[r],
      attrs: { type: "button", "aria-pressed": String(r === range), "data-range": r },
    }),
  );
  const ranges = h("div", { class: "ranges", attrs: { role: "group", "aria-label": "Chart range" } }, ...rangeButtons);
  const plot = h("div", {
    class: "chart-plot skeleton",
    attrs: { role: "img", "aria-label": "Latency chart, loading" },
  });
  const empty = h("p", { class: "chart-empty", attrs: { hidden: "", "aria-hidden": "true" } });
  const readout = h("p", { class: "chart-readout", text: "Loading the history…" });
  const points = () => (history === null ? [] : range === "1h" ? history.latency_1h : history.latency_24h);
  const summaryText = () => chartSummary(points(), range);
  const chart: LatencyChart = latencyChart(plot, (p) => setText(readout, p === null ? summaryText() : pointText(p)));

  const drawChart = () => {
    if (history === null) return;
    const shown = points();
    const text = summaryText();
    plot.setAttribute("aria-label", `Latency chart, ${range === "1h" ? "last hour" : "last 24 hours"}: ${text}`);
    showMessage(empty, shown.length === 0 ? text : "");
    setText(readout, text);
    chart.show(shown, range, historyAt);
  };

  for (const button of rangeButtons) {
    button.addEventListener("click", () => {
      range = button.dataset.range === "24h" ? "24h" : "1h";
      for (const b of rangeButtons) b.setAttribute("aria-pressed", String(b === button));
      drawChart();
    });
  }

  const el = h(
    "div",
    { class: "chart-block" },
    h("div", { class: "chart-head" }, h("h4", { text: "Latency" }), ranges),
    h("div", { class: "chart-frame" }, plot, empty),
    readout,
  );
  return {
    el,
    setName(name) {
      ranges.setAttribute("aria-label", `${name}: latency chart range`);
    },
    show(next, nowMs) {
      history = next;
      historyAt = nowMs;
      plot.classList.remove("skeleton");
      drawChart();
    },
    failed() {
      plot.classList.remove("skeleton");
      if (history === null) setText(readout, "No history to show.");
    },
    destroy() {
      chart.destroy();
    },
  };
}
