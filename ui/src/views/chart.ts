// One latency chart, drawn with uPlot: the line, failures as red bands with a red strip at
// the bottom, offline time as grey bands, time the app was off as a faint band with no line
// across it. uPlot is loaded on first use (its own chunk) and
// only where it can draw (a browser, not jsdom); the words next to the chart say the same.

import type uPlot from "uplot";
import type { LatencyPoint } from "../ipc";
import { chartData, RANGES, type Band, type Range } from "../lib/chart-data";
import { clockTime, formatLatency } from "../lib/format";

type UPlotClass = typeof uPlot;

let loading: Promise<UPlotClass | null> | null = null;

/**
 * uPlot builds `new Intl.NumberFormat(navigator.language)` when it loads. Under a C/POSIX
 * locale WebKitGTK reports a language tag Intl rejects ("c"), the module throws half-way and
 * every chart fails; fall back to a tag Intl accepts so the charts draw anyway.
 */
export function ensureValidLanguage(nav: Navigator = navigator): void {
  try {
    new Intl.NumberFormat(nav.language);
  } catch {
    Object.defineProperty(nav, "language", { value: "en-US", configurable: true });
  }
}

/** uPlot, or null where it cannot draw. */
function loadUPlot(): Promise<UPlotClass | null> {
  const canDraw = typeof matchMedia === "function" && typeof ResizeObserver === "function";
  if (!canDraw) return Promise.resolve(null);
  ensureValidLanguage();
  loading ??= import("uplot").then(
    (m) => m.default,
    () => null,
  );
  return loading;
}

export interface LatencyChart {
  /** Draws `points` over `range`, ending at `nowMs`. */
  show(points: LatencyPoint[], range: Range, nowMs: number): void;
  destroy(): void;
}

interface Palette {
  line: string;
  failed: string;
  offline: string;
  axis: string;
  grid: string;
  font: string;
}

/** The chart's colours, from the page's CSS custom properties (so dark mode follows). */
function palette(el: HTMLElement): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    line: v("--chart-line"),
    failed: v("--down"),
    offline: v("--unknown"),
    axis: v("--muted"),
    grid: v("--border"),
    font: `${css.fontSize} ${css.fontFamily}`,
  };
}

/** `onPoint` gets the point under the pointer, or null when the pointer leaves. */
export function latencyChart(plot: HTMLElement, onPoint: (point: LatencyPoint | null) => void): LatencyChart {
  let chart: uPlot | null = null;
  let bands: Band[] = [];
  let atX: (LatencyPoint | null)[] = [];
  let current: { points: LatencyPoint[]; range: Range; nowMs: number } | null = null;
  let destroyed = false;
  const dark = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;

  const size = () => ({ width: Math.max(plot.clientWidth, 100), height: Math.max(plot.clientHeight, 60) });

  const drawBands = (u: uPlot, p: Palette) => {
    const { ctx, bbox } = u;
    const minW = Math.max(2, devicePixelRatio * 2);
    ctx.save();
    for (const b of bands) {
      const x0 = Math.max(bbox.left, u.valToPos(b.from_ms / 1000, "x", true));
      const x1 = Math.min(bbox.left + bbox.width, u.valToPos(b.to_ms / 1000, "x", true));
      if (x1 < bbox.left || x0 > bbox.left + bbox.width) continue;
      ctx.globalAlpha = b.kind === "failed" ? 0.22 : b.kind === "gap" ? 0.07 : 0.18;
      ctx.fillStyle = b.kind === "failed" ? p.failed : p.offline;
      ctx.fillRect(x0, bbox.top, Math.max(minW, x1 - x0), bbox.height);
    }
    ctx.restore();
  };

  const drawMarkers = (u: uPlot, p: Palette) => {
    const { ctx, bbox } = u;
    const h = Math.round(4 * devicePixelRatio);
    const minW = Math.max(2, devicePixelRatio * 2);
    ctx.save();
    for (const b of bands) {
      if (b.kind === "gap") continue; // neither up nor down: no strip
      const x0 = Math.max(bbox.left, u.valToPos(b.from_ms / 1000, "x", true));
      const x1 = Math.min(bbox.left + bbox.width, u.valToPos(b.to_ms / 1000, "x", true));
      if (x1 < bbox.left || x0 > bbox.left + bbox.width) continue;
      ctx.fillStyle = b.kind === "failed" ? p.failed : p.offline;
      ctx.fillRect(x0, bbox.top + bbox.height - h, Math.max(minW, x1 - x0), h);
    }
    ctx.restore();
  };

  const build = (UPlot: UPlotClass) => {
    if (destroyed || current === null) return;
    const { points, range, nowMs } = current;
    const data = chartData(points, range);
    bands = data.bands;
    atX = data.points;
    chart?.destroy();
    const p = palette(plot);
    const axis = {
      stroke: p.axis,
      font: p.font,
      grid: { stroke: p.grid, width: 1 },
      ticks: { stroke: p.grid, width: 1 },
    };
    const from = (nowMs - RANGES[range].ms) / 1000;
    const to = nowMs / 1000;
    chart = new UPlot(
      {
        ...size(),
        legend: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
        scales: {
          x: { time: true, range: () => [from, to] },
          y: { range: (_u, _min, max) => [0, Math.max(100, (max ?? 0) * 1.15)] },
        },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((s) => clockTime(s * 1000)) },
          { ...axis, size: 64, values: (_u, splits) => splits.map((s) => formatLatency(s)) },
        ],
        series: [
          {},
          {
            label: "Latency",
            stroke: p.line,
            width: 2,
            spanGaps: false,
            points: { show: data.x.length <= 30, size: 5, fill: p.line },
          },
        ],
        hooks: {
          drawClear: [(u) => drawBands(u, p)],
          draw: [(u) => drawMarkers(u, p)],
          setCursor: [
            (u) => onPoint(u.cursor.idx === null || u.cursor.idx === undefined ? null : (atX[u.cursor.idx] ?? null)),
          ],
        },
      },
      [data.x, data.latency],
      plot,
    );
  };

  const redraw = () => {
    void loadUPlot().then((UPlot) => {
      if (UPlot) build(UPlot);
    });
  };

  const resize = typeof ResizeObserver === "function" ? new ResizeObserver(() => chart?.setSize(size())) : null;
  resize?.observe(plot);
  dark?.addEventListener("change", redraw);

  return {
    show(points, range, nowMs) {
      current = { points: [...points].sort((a, b) => a.at_ms - b.at_ms), range, nowMs };
      redraw();
    },
    destroy() {
      destroyed = true;
      resize?.disconnect();
      dark?.removeEventListener("change", redraw);
      chart?.destroy();
      chart = null;
    },
  };
}
