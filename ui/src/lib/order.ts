// The order people look for services in: the worst state first (the engine's one order of
// severity), then by name. The dashboard and the tray menu list them so.

import type { ServiceStatus } from "../ipc";
import { WORDS } from "./words.generated";

export function troubleFirst(services: readonly ServiceStatus[]): ServiceStatus[] {
  return [...services].sort(
    (a, b) =>
      WORDS.severity[b.state] - WORDS.severity[a.state] ||
      a.name.localeCompare(b.name, undefined, { sensitivity: "base" }),
  );
}
