// "The vendor has not admitted it yet", in the engine's words (src/event.rs
// `OfficialLag::words`, src/words.rs `official_lag`).

import type { Incident, OfficialLag, ServiceStatus } from "../ipc";

/** "The official status still says “All Systems Operational” (12 min)"; empty without a lag. */
export function lagText(lag: OfficialLag | null): string {
  if (lag === null || lag.words === "") return "";
  return `${lag.words.charAt(0).toUpperCase()}${lag.words.slice(1)}`;
}

/** On an incident: "acknowledged after 14 min", or that the vendor never did; empty without a lag. */
export function acknowledgedText(i: Incident): string {
  return i.official_lag_text;
}

/** Whether "tell me when it's back" makes sense now: the service is in trouble. */
export function canAskWhenBack(s: ServiceStatus): boolean {
  return s.state === "down" || s.state === "degraded";
}
