// Uptime bars: one bar per bucket of `get_service_history`, its look and its words. The
// backend has already judged each bucket (worst state, percent, offline time apart); this
// only decides how a bar looks and what it says.

import type { Bucket } from "../ipc";
import { formatPercent, localTime } from "./format";

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

/** "99.50 % up", or the engine's words for a span with no judged time. */
export function uptimeText(percent: number | null): string {
  return percent === null ? formatPercent(null) : `${formatPercent(percent)} up`;
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
