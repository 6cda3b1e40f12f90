// "The vendor has not admitted it yet", in the words the tray and notifications use
// (src/event.rs `OfficialLag::words`). Pure: the clock is a parameter.

import type { Incident, OfficialLag, ServiceStatus } from "../ipc";
import { formatDuration } from "./format";

/** "The official status still says “All Systems Operational” (12 min)"; empty without a lag. */
export function lagText(lag: OfficialLag | null, nowMs: number): string {
  if (lag === null) return "";
  const base = `The official status still says “${lag.says}”`;
  const lasted = nowMs - lag.since_ms;
  return lasted < 60_000 ? base : `${base} (${formatDuration(lasted / 1000)})`;
}

/** On an incident: "acknowledged after 14 min", or that the vendor never did; empty without a lag. */
export function acknowledgedText(i: Incident): string {
  if (i.official_lag_secs === null || i.official_lag_secs === undefined) return "";
  const lag = formatDuration(i.official_lag_secs);
  return i.official_acknowledged === true
    ? `acknowledged after ${lag}`
    : `official status said operational for ${lag}`;
}

/** Whether "tell me when it's back" makes sense now: the service is in trouble. */
export function canAskWhenBack(s: ServiceStatus): boolean {
  return s.state === "down" || s.state === "degraded";
}
