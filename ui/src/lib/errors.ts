// Turning whatever a command rejected with into words for the window.

import type { CommandError } from "../ipc";

const KINDS = new Set(["file", "config", "io", "internal"]);

/** Whether a rejection is the backend's structured `CommandError`. */
export function isCommandError(e: unknown): e is CommandError {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.kind === "string" && KINDS.has(o.kind) && typeof o.message === "string";
}

/**
 * A message for any rejection: a CommandError ("interval_secs: must be at least 1 (line 3)"),
 * an Error, a plain string, or anything else.
 */
export function describeError(e: unknown): string {
  if (isCommandError(e)) {
    const key = e.key ? `${e.key}: ` : "";
    const where = e.line !== null && e.line !== undefined ? ` (line ${e.line})` : "";
    return `${key}${e.message}${where}`;
  }
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === "string" && e !== "") return e;
  return "unknown error";
}
