// The order of the compact list: trouble first (worst first), then the rest as configured.

import type { ServiceStatus, Verdict } from "../ipc";

/** How far a service is from fine; higher comes first. */
const RANK: Record<Verdict, number> = { down: 4, degraded: 3, maintenance: 2, unknown: 1, up: 0 };

/** With this many services or more, the dashboard shows one line each instead of full cards. */
export const COMPACT_FROM = 9;

/** The services worst first; equal states keep the configured order (the sort is stable). */
export function troubleFirst(services: ServiceStatus[]): ServiceStatus[] {
  return [...services].sort((a, b) => RANK[b.state] - RANK[a.state]);
}
