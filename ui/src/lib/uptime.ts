// Uptime bars: one bar per bucket of `get_service_history`, its look and its words. The
// backend has already judged each bucket (worst state, percent, offline time apart, time the
// app was off) and worded it; this only decides how a bar looks and lays out its words.

import type { Bucket, SpanUptime } from "../ipc";
import { localTime } from "./format";

/** What a bar shows: the worst judged state; grey when nothing was judged; a gap (neither
 * up nor down) when the app observed nothing at all in it. */
export type BarState = "up" | "degraded" | "maintenance" | "down" | "offline" | "none" | "gap";

export interface Bar {
  start_ms: number;
  state: BarState;
  /** "10:00–11:00: down 12 min, 80 % up": the tooltip and the screen reader's words. */
  label: string;
}

/** The bar's look: the bucket's worst judged state; offline-only and not-judged buckets are
 * grey; a bucket the app did not observe at all is a gap. */
export function barState(b: Bucket): BarState {
  if (b.worst !== null && b.worst !== "unknown") return b.worst;
  if (b.offline_ms > 0) return "offline";
  return b.observed_ms > 0 ? "none" : "gap";
}

/** The headline above the bars, in the engine's words: "up 93.3 % of the 3 h observed". */
export function uptimeText(uptime: SpanUptime): string {
  return uptime.headline;
}

/** "10:00–11:00", "Nov 27 12:00–Nov 28 12:00"; a bucket still filling ends "now". */
export function bucketRange(startMs: number, sizeMs: number, nowMs: number): string {
  const endMs = startMs + sizeMs;
  const end = endMs > nowMs ? "now" : localTime(endMs, nowMs);
  return `${localTime(startMs, nowMs)}–${end}`;
}

/** A bar: its look, and its time range followed by the engine's words for the bucket. */
export function bar(b: Bucket, sizeMs: number, nowMs: number): Bar {
  const range = bucketRange(b.start_ms, sizeMs, nowMs);
  return { start_ms: b.start_ms, state: barState(b), label: `${range}: ${b.words}` };
}

export function bars(buckets: Bucket[], sizeMs: number, nowMs: number): Bar[] {
  return buckets.map((b) => bar(b, sizeMs, nowMs));
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
