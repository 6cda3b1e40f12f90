// The settings form's fields, and where a backend error about a config key belongs.

/** Element ids of the settings form's fields. */
export const FIELD_IDS = [
  "interval_secs",
  "confirm",
  "timeout_ms",
  "slow_ms",
  "notifications-enabled",
  "notifications-recovery",
  "notifications-degraded",
  "quiet_hours",
  "builtins",
  "start_at_login",
] as const;

export type FieldId = (typeof FIELD_IDS)[number];

/** The last part of a config key, by the field that edits it. */
const BY_KEY: Record<string, FieldId> = {
  interval_secs: "interval_secs",
  confirm: "confirm",
  timeout_ms: "timeout_ms",
  slow_ms: "slow_ms",
  builtins: "builtins",
  enabled: "notifications-enabled",
  recovery: "notifications-recovery",
  degraded: "notifications-degraded",
  quiet_hours: "quiet_hours",
  start_at_login: "start_at_login",
};

/** Tables whose keys the form does not edit (custom services, connectivity, DNS). */
const NOT_IN_FORM = new Set(["services", "connectivity", "dns"]);

/**
 * The field a config key is about, or null when the form has no such field (the error then
 * goes to the top of the page). Accepts the backend's spellings: `interval_secs`,
 * `notifications.quiet_hours`, `desktop.start_at_login`, `builtins[2]`.
 */
export function fieldForKey(key: string | null | undefined): FieldId | null {
  if (!key) return null;
  const parts = key
    .trim()
    .split(".")
    .map((p) => p.replace(/\[\d*\]$/, ""));
  if (NOT_IN_FORM.has(parts[0] ?? "")) return null;
  const last = parts[parts.length - 1] ?? "";
  return Object.hasOwn(BY_KEY, last) ? (BY_KEY[last] ?? null) : null;
}

/** The id of the element that holds a field's error message (any field, custom services' too). */
export function errorIdFor(field: string): string {
  return `${field}-error`;
}

/** A whole number as typed ("60", " 5 "); null for anything else (empty, "1.5", "-1", "1e3"). */
export function parseWholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** Quiet hours as typed: trimmed, and empty means none. */
export function quietHoursValue(text: string): string | null {
  const t = text.trim();
  return t === "" ? null : t;
}
