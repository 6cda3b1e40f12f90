// Uptime bars: one bar per hour (or day), coloured and patterned by its worst state (a gap
// where the app was off), each with its words as a tooltip and for screen readers. Placeholders hold the space until
// the history arrives.

import type { Bucket, SpanUptime } from "../ipc";
import { bars as toBars, uptimeText, type Bar } from "../lib/uptime";
import { WORDS } from "../lib/words.generated";
import { h, setText } from "./dom";

export interface BarsView {
  el: HTMLElement;
  percent: HTMLElement;
  /** Degraded, down, offline and not-running time under the bars, in the engine's words. */
  details: HTMLElement;
  list: HTMLOListElement;
}

/** `title` is "Last 24 hours"; `unit` says what one bar is ("hour", "day"). */
export function barsView(title: string, unit: string, count: number, ago: string): BarsView {
  const percent = h("span", { class: "bars-percent", text: "…" });
  const list = h("ol", { class: "bars", attrs: { "aria-label": `Uptime per ${unit}, ${title.toLowerCase()}` } });
  list.append(...placeholders(count));
  const details = h("p", { class: "bars-details" });
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
    details,
  );
  return { el, percent, details, list };
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
  uptime: SpanUptime,
  nowMs: number,
): void {
  setText(view.percent, uptimeText(uptime));
  setText(view.details, uptime.details);
  view.el.title = uptime.words;
  view.list.replaceChildren(...toBars(buckets, bucketMs, nowMs).map(barItem));
}

/** The legend's words for grey bars are the engine's: `data-word="not_running"` says the
 * engine's word for a gap, `data-word="unknown"` its word for time not judged. */
export function fillLegend(doc: Document): void {
  const words: Record<string, string> = { not_running: WORDS.not_running, unknown: WORDS.verdict.unknown };
  for (const el of doc.querySelectorAll<HTMLElement>("[data-word]")) {
    const word = words[el.dataset.word ?? ""] ?? "";
    setText(el, word.charAt(0).toUpperCase() + word.slice(1));
  }
}
