// A tiny latency line for one row of the compact list: the last hour, failures as gaps.
// Decoration only (aria-hidden): the row's words carry the state and the cause.

import type { LatencyPoint } from "../ipc";

const SVG = "http://www.w3.org/2000/svg";
const W = 80;
const H = 18;

/** An empty sparkline to fill with `drawSparkline`. */
export function sparkline(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", String(W));
  svg.setAttribute("height", String(H));
  svg.setAttribute("aria-hidden", "true");
  return svg;
}

/** The path's `d` for these points: scaled to the box, broken where a round failed. */
export function sparkPath(points: LatencyPoint[]): string {
  const ok = points.filter((p) => p.latency_ms !== null && !p.failed);
  if (ok.length === 0) return "";
  const max = Math.max(...ok.map((p) => p.latency_ms ?? 0), 1);
  const step = points.length > 1 ? W / (points.length - 1) : 0;
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p.latency_ms === null || p.failed) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (H - 1 - ((H - 2) * p.latency_ms) / max).toFixed(1);
    d += `${pen ? "L" : "M"}${x} ${y} `;
    pen = true;
  });
  return d.trim();
}

export function drawSparkline(svg: SVGSVGElement, points: LatencyPoint[]): void {
  const doc = svg.ownerDocument;
  const path = doc.createElementNS(SVG, "path");
  path.setAttribute("d", sparkPath(points));
  svg.replaceChildren(path);
  svg.dataset.points = String(points.length);
}
