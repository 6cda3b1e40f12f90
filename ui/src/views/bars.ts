// Uptime bars: one bar per hour (or day), coloured and patterned by its worst state, each
// with its words as a tooltip and for screen readers. Placeholders hold the space until
// the history arrives.

import type { Bucket } from "../ipc";
import { bars as toBars, uptimeText, type Bar } from "../lib/uptime";
import { h, setText } from "./dom";

export interface BarsView {
  el: HTMLElement;
  percent: HTMLElement;
  list: HTMLOListElement;
}

/** `title` is "Last 24 hours"; `unit` says what one bar is ("hour", "day"). */
export function barsView(title: string, unit: string, count: number, ago: string): BarsView {
  const percent = h("span", { class: "bars-percent", text: "…" });
  const list = h("ol", { class: "bars", attrs: { "aria-label": `Uptime per ${unit}, ${title.toLowerCase()}` } });
  list.append(...placeholders(count));
  const el = h(
    "div",
    { class: "uptime-block" },
    h("div", { class: "bars-head" }, h("span", { class: "bars-title", text: title }), percent),
    list,
    h(
      "div",
      { class: "bars-axis", attrs: { "aria-hidden": "true" } },
      h("span", { text: ago }),
      h("span", { text: "now" }),
    ),
  );
  return { el, percent, list };
}

function placeholders(count: number): HTMLLIElement[] {
  return Array.from({ length: count }, () => barItem({ start_ms: 0, state: "none", label: "loading" }));
}

function barItem(bar: Bar): HTMLLIElement {
  return h(
    "li",
    { class: "bar", attrs: { "data-state": bar.state, title: bar.label } },
    h("span", { class: "sr-only", text: bar.label }),
  );
}

export function renderBars(
  view: BarsView,
  buckets: Bucket[],
  bucketMs: number,
  percent: number | null,
  nowMs: number,
): void {
  setText(view.percent, uptimeText(percent));
  view.list.replaceChildren(...toBars(buckets, bucketMs, nowMs).map(barItem));
}
