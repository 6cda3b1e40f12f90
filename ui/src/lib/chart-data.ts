// A latency chart's data: the line, the failure and offline bands, and the same in words
// (for the screen reader, and for whoever would rather read than look). Pure.

import type { Cause, LatencyPoint } from "../ipc";
import { clockTime, formatLatency } from "./format";
import { GAP_RULE } from "./gap-rule.generated";
import { WORDS } from "./words.generated";

export type Range = "1h" | "24h";

/** How far back each range looks, and its spacing when there are too few points to tell. */
export const RANGES: Record<Range, { ms: number; stepMs: number; words: string }> = {
  "1h": { ms: 3_600_000, stepMs: 30_000, words: "the last hour" },
  "24h": { ms: 86_400_000, stepMs: 300_000, words: "the last 24 hours" },
};

/** A span of time drawn behind the line: the service failing, the user offline, or a gap
 * where the app was off (neither up nor down). */
export interface Band {
  from_ms: number;
  to_ms: number;
  kind: "failed" | "offline" | "gap";
}

/** Two points further apart than this have a gap between them, the app was off: the step
 * the point covers, then the engine's own rule for a hole (so the chart breaks where
 * `history` and the bars count the time the app was off). */
export const gapAfterMs = (step: number): number => step + GAP_RULE.checks * step + GAP_RULE.slack_ms;

export interface ChartData {
  /** Point times in seconds (uPlot's unit). */
  x: number[];
  /** Latency in ms of rounds where everything worked; null (a gap) where a probe failed or the
   * user was offline: the working probes' speed then says nothing about the service. */
  latency: (number | null)[];
  /** The point at each x; null for the break put into a gap. */
  points: (LatencyPoint | null)[];
  bands: Band[];
}

/** A point's kind: offline points are the user's own trouble, never the service's failure. */
export function pointKind(p: LatencyPoint): "ok" | "failed" | "offline" {
  if (p.offline) return "offline";
  return p.failed ? "failed" : "ok";
}

/** The usual spacing of the points (their median gap), or `fallbackMs` with fewer than two. */
export function typicalStep(points: LatencyPoint[], fallbackMs: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const gap = (points[i]?.at_ms ?? 0) - (points[i - 1]?.at_ms ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return fallbackMs;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? fallbackMs;
}

/**
 * The chart's series and bands. A failed or offline point covers the time until the next
 * point, but never more than one usual step (a gap in the data is not a long failure);
 * neighbouring bands of the same kind merge. Where two points are further apart than
 * [`gapAfterMs`] the app was off: the line breaks (a null one step after the last point)
 * and a gap band covers the rest, neither up nor down.
 */
export function chartData(points: LatencyPoint[], range: Range): ChartData {
  const sorted = [...points].sort((a, b) => a.at_ms - b.at_ms);
  const step = typicalStep(sorted, RANGES[range].stepMs);
  const data: ChartData = { x: [], latency: [], points: [], bands: [] };
  const bands = data.bands;
  sorted.forEach((p, i) => {
    const kind = pointKind(p);
    data.x.push(p.at_ms / 1000);
    data.latency.push(kind === "ok" ? p.latency_ms : null);
    data.points.push(p);
    const next = sorted[i + 1]?.at_ms ?? Number.POSITIVE_INFINITY;
    if (kind !== "ok") {
      const band: Band = { from_ms: p.at_ms, to_ms: Math.min(next, p.at_ms + step), kind };
      const last = bands[bands.length - 1];
      if (last && last.kind === kind && last.to_ms >= band.from_ms) last.to_ms = band.to_ms;
      else bands.push(band);
    }
    if (Number.isFinite(next) && next - p.at_ms > gapAfterMs(step)) {
      data.x.push((p.at_ms + step) / 1000);
      data.latency.push(null);
      data.points.push(null);
      bands.push({ from_ms: p.at_ms + step, to_ms: next, kind: "gap" });
    }
  });
  return data;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};

/** The cause seen most often (the earliest on a tie), in the backend's words for it. */
function commonCause(failed: LatencyPoint[]): string {
  const counts = new Map<Cause, number>();
  for (const p of failed) if (p.cause) counts.set(p.cause, (counts.get(p.cause) ?? 0) + 1);
  let best: Cause | null = null;
  for (const [c, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = c;
  // The engine's words for it ("Server errors (HTTP 503)").
  return failed.find((p) => p.cause === best && p.cause_text)?.cause_text ?? "";
}

const times = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The chart in one line: "Typical 320 ms, slowest 1.2 s · 3 failures: <the commonest cause>
 * · 2 while you were offline (not counted)".
 */
export function chartSummary(points: LatencyPoint[], range: Range): string {
  if (points.length === 0) return `No checks in ${RANGES[range].words} yet.`;
  const parts: string[] = [];
  const ok = points.filter((p) => pointKind(p) === "ok" && p.latency_ms !== null).map((p) => p.latency_ms ?? 0);
  if (ok.length > 0) {
    parts.push(`Typical ${formatLatency(median(ok))}, slowest ${formatLatency(Math.max(...ok))}`);
  }
  const failed = points.filter((p) => pointKind(p) === "failed");
  if (failed.length > 0) {
    const why = commonCause(failed);
    parts.push(`${times(failed.length, "failure", "failures")}${why ? `: ${why}` : ""}`);
  } else {
    parts.push("no failures");
  }
  const offline = points.filter((p) => p.offline).length;
  if (offline > 0) parts.push(`${offline} while you were offline (not counted)`);
  const gaps = chartData(points, range).bands.filter((b) => b.kind === "gap").length;
  if (gaps > 0) parts.push(`${times(gaps, "gap", "gaps")} (the app was ${WORDS.not_running})`);
  const text = parts.join(" · ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** One point under the pointer: "10:42 · 320 ms", "10:43 · failed: <the cause>". */
export function pointText(p: LatencyPoint): string {
  const at = clockTime(p.at_ms);
  if (p.offline) return `${at} · you were offline (not counted)`;
  const latency = p.latency_ms !== null ? formatLatency(p.latency_ms) : "";
  if (!p.failed) return `${at} · ${latency}`;
  const why = p.cause_text ? `: ${p.cause_text}` : "";
  return latency ? `${at} · ${latency}, some checks failed${why}` : `${at} · failed${why}`;
}
