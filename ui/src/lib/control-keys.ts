// Where the engine's refusal of a connection check belongs: `connectivity.probes[1].target`
// is the address of the second row of "Connection checks" (src/config/connectivity_form.rs).

import type { ConnectivityForm } from "../ipc";
import { normalProbe } from "./service-draft";

/** Element ids of the "Connection checks" part of the form. */
export const controlIds = {
  group: "connectivity",
  builtin: "connectivity-builtin",
  defaults: "connectivity-defaults",
  list: "connectivity-list",
  add: "add-control",
  row: (j: number) => `control-${j}`,
  field: (j: number, field: "kind" | "target" | "expect" | "contains" | "remove") => `control-${j}-${field}`,
};

const KEY = /^connectivity(?:\.probes(?:\[(\d+)\](?:\.(\w+))?)?)?$/;

/**
 * The input a `connectivity...` key is about, given how many rows the list shows; null when
 * the key is not about the connection checks. A row the list lacks names the whole group.
 */
export function controlFieldForKey(key: string | null | undefined, rows: number): string | null {
  const m = KEY.exec((key ?? "").trim());
  if (!m) return null;
  if (m[1] === undefined) return controlIds.group;
  const j = Number(m[1]);
  if (j >= rows) return controlIds.group;
  const field = m[2] ?? "target";
  if (field === "kind" || field === "expect" || field === "contains") return controlIds.field(j, field);
  // `target`, or the file's own spelling (`url`, `host`, `addr`).
  return controlIds.field(j, "target");
}

/** Whether Save would write the same connection checks for both. */
export function sameControls(a: ConnectivityForm | null, b: ConnectivityForm | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.builtin || b.builtin) return a.builtin === b.builtin;
  return JSON.stringify(a.probes.map(normalProbe)) === JSON.stringify(b.probes.map(normalProbe));
}
