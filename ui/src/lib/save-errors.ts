// Where a refused save is shown: next to the field its key names, on the broken-file
// banner, or at the top of the page.

import type { CommandError } from "../ipc";
import { controlFieldForKey } from "./control-keys";
import { fieldForKey } from "./fields";
import { serviceFieldForKey, type ServiceShape } from "./service-keys";

export interface Placement {
  /** Element id of the field at fault. */
  id: string;
  /** The custom service whose editor holds it (to open it), or null. */
  service: number | null;
}

/** The field a CommandError's key is about, or null (the message goes to the top). */
export function placeError(e: CommandError, shapes: readonly ServiceShape[], controlRows = 0): Placement | null {
  if (e.kind !== "config") return null;
  const field = fieldForKey(e.key) ?? controlFieldForKey(e.key, controlRows);
  if (field !== null) return { id: field, service: null };
  const s = serviceFieldForKey(e.key, shapes);
  return s === null ? null : { id: s.id, service: s.index };
}

/**
 * Whether the refusal is about the file on disk rather than the form (someone broke the
 * file while the window was open): `SaveError::BrokenFile` in src/config/edit.rs.
 */
export function isBrokenFileError(e: CommandError): boolean {
  return e.kind === "file";
}
