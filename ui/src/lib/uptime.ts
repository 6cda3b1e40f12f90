// Uptime bars: one bar per bucket of `get_service_history`, its look and its words. The
// backend has already judged each bucket (worst state, percent, offline time apart); this
// only decides how a bar looks and what it says.

import type { Bucket } from "../ipc";
import { formatDuration, formatPercent, localTime } from "./format";

/** What a bar shows: the worst judged state, or grey when nothing was judged. */
export type BarState = "up" | "degraded" | "maintenance" | "down" | "offline" | "none";

export interface Bar {
  start_ms: number;
  state: BarState;
  /** "10:00–11:00: down 12 min, 80 % up": the tooltip and the screen reader's words. */
  label: string;
}

/** The bar's look: the bucket's worst judged state; offline-only and empty buckets are grey. */
export function barState(b: Bucket): BarState {
  if (b.worst !== null && b.worst !== "unknown") return b.worst;
  return b.offline_ms > 0 ? "offline" : "none";
}

/** "80 %", "99.9 %", "100 %": short, and rounded down so any downtime shows below 100. */
export function shortPercent(percent: number): string {
  const floored = Math.floor(percent * 10) / 10;
  return `${Number.isInteger(floored) ? floored.toFixed(0) : floored.toFixed(1)} %`;
}

/** "99.50 % up", or "not judged yet" when the span holds no judged time. */
export function uptimeText(percent: number | null): string {
  return percent === null ? formatPercent(null) : `${formatPercent(percent)} up`;
}

const dur = (ms: number): string => formatDuration(ms / 1000);

/** "10:00–11:00", "Nov 27 12:00–Nov 28 12:00"; a bucket still filling ends "now". */
export function bucketRange(startMs: number, sizeMs: number, nowMs: number): string {
  const endMs = startMs + sizeMs;
  const end = endMs > nowMs ? "now" : localTime(endMs, nowMs);
  return `${localTime(startMs, nowMs)}–${end}`;
}

export function bar(b: Bucket, sizeMs: number, nowMs: number): Bar {
  const range = bucketRange(b.start_ms, sizeMs, nowMs);
  const state = barState(b);
  const words = (() => {
    if (b.percent === null) {
      if (b.offline_ms > 0) return `you were offline ${dur(b.offline_ms)}, not counted`;
      return b.unknown_ms > 0 ? "not judged" : "no data";
    }
    const parts: string[] = [];
    if (b.down_ms > 0) parts.push(`down ${dur(b.down_ms)}`);
    if (b.degraded_ms > 0) parts.push(`degraded ${dur(b.degraded_ms)}`);
    if (b.maintenance_ms > 0) parts.push(`maintenance ${dur(b.maintenance_ms)}`);
    if (b.offline_ms > 0) parts.push(`offline ${dur(b.offline_ms)} (not counted)`);
    parts.push(`${shortPercent(b.percent)} up`);
    return parts.join(", ");
  })();
  return { start_ms: b.start_ms, state, label: `${range}: ${words}` };
}

export function bars(buckets: Bucket[], sizeMs: number, nowMs: number): Bar[] {
  return buckets.map((b) => bar(b, sizeMs, nowMs));
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
