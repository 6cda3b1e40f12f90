// Times and numbers as people read them (durations come worded from the engine). Pure: the
// clock is a parameter.

import { WORDS } from "./words.generated";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * A moment in local time, as the tray menu shows it: "10:42" today, "Nov 28 10:42" on any
 * other day. Empty for a missing or invalid time.
 */
export function localTime(ms: number | null | undefined, nowMs: number): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "";
  const at = new Date(ms);
  const now = new Date(nowMs);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  if (sameDay) return time;
  const date = `${MONTHS[at.getMonth()] ?? ""} ${at.getDate()}`;
  return at.getFullYear() === now.getFullYear() ? `${date} ${time}` : `${date} ${at.getFullYear()} ${time}`;
}

/** The local clock time of a moment, "09:05": for chart axes, where the date is implied. */
export function clockTime(ms: number): string {
  const at = new Date(ms);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The local clock time to the second, "09:05:12": when a check that took a blink ended. */
export function clockSeconds(ms: number): string {
  const at = new Date(ms);
  return `${clockTime(ms)}:${pad(at.getSeconds())}`;
}

/** An RFC 3339 time (as in the history JSON) to unix ms; null when absent or unreadable. */
export function parseTime(rfc3339: string | null | undefined): number | null {
  if (!rfc3339) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Uptime as "99.95 %". Rounded down, so any downtime at all never shows as "100.00 %".
 * Null (nothing judged yet) reads as the engine says it.
 */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return WORDS.not_judged_yet;
  const floored = Math.floor(percent * 100) / 100;
  return `${floored.toFixed(2)} %`;
}

/** "320 ms", "1.2 s". */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
