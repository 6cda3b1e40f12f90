// Fixtures shaped like the backend's JSON, and a way to put a real page into jsdom.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { History, Overall, ProbeForm, ProbeStatus, ServiceStatus, SettingsForm, Snapshot } from "../src/ipc";

/** A local time today (or on another day), independent of the machine's time zone. */
export const at = (hours: number, minutes: number, day = 28): number =>
  new Date(2026, 10, day, hours, minutes).getTime();

export const NOW = at(11, 0);

export function probe(over: Partial<ProbeStatus> = {}): ProbeStatus {
  return {
    kind: "http",
    target: "https://web.whatsapp.com/",
    ok: true,
    cause: null,
    cause_text: "",
    latency_ms: 320,
    detail: "",
    ...over,
  };
}

export function service(name: string, over: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    id: name.toLowerCase(),
    name,
    state: "up",
    since: "2026-11-28T08:00:00Z",
    since_ms: at(9, 0),
    cause: null,
    cause_text: "",
    detail: "",
    latency_ms: 320,
    official: null,
    official_lag: null,
    probes: [probe()],
    probe_count: 1,
    ...over,
  };
}

export function down(name: string, since_ms = at(10, 42)): ServiceStatus {
  return service(name, {
    state: "down",
    since_ms,
    cause: "dns_servfail",
    cause_text: "DNS lookups fail (SERVFAIL)",
    latency_ms: null,
    probes: [probe({ kind: "dns", target: `${name.toLowerCase()}.example`, ok: false, cause: "dns_servfail", cause_text: "DNS lookups fail (SERVFAIL)" })],
  });
}

/** The `overall` the engine sends for these parts, in its order (src/event.rs `Overall`). */
export function overallOf(s: Pick<Snapshot, "connectivity" | "services" | "stopped">): Overall {
  if (s.stopped !== null) return "stopped";
  if (s.connectivity !== "online") return s.connectivity;
  const worstFirst = ["down", "degraded", "maintenance", "unknown"] as const;
  return worstFirst.find((v) => s.services.some((x) => x.state === v)) ?? "up";
}

/**
 * The engine's `affected` phrase for fixtures (`summary::affected`, tested in Rust): each
 * troubled state, worst first, names sorted, two names then a count.
 */
export function affectedOf(services: readonly ServiceStatus[]): string {
  const phrases: Record<string, [string, string]> = {
    down: ["is down", "are down"],
    degraded: ["has problems", "have problems"],
    maintenance: ["is in maintenance", "are in maintenance"],
  };
  return Object.entries(phrases)
    .map(([state, [one, many]]) => {
      const names = services.filter((x) => x.state === state).map((x) => x.name);
      names.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }));
      if (names.length === 0) return "";
      const [a = "", b = "", c = ""] = names;
      const list =
        names.length === 1
          ? a
          : names.length === 2
            ? `${a} and ${b}`
            : names.length === 3
              ? `${a}, ${b} and ${c}`
              : `${a}, ${b} and ${names.length - 2} more`;
      return `${list} ${names.length === 1 ? one : many}`;
    })
    .filter(Boolean)
    .join(" · ");
}

/** A snapshot; `overall` follows the other fields as the engine's does, unless given. */
export function snapshot(services: ServiceStatus[], over: Partial<Snapshot> = {}): Snapshot {
  const parts = {
    checked_at: new Date(at(10, 59)).toISOString(),
    connectivity: "online" as const,
    services,
    controls: [probe({ kind: "tcp", target: "1.1.1.1:53" }), probe({ kind: "tcp", target: "8.8.8.8:53" })],
    misbehaving_controls: [],
    connection_note: "",
    stopped: null,
    ...over,
  };
  return { ...parts, overall: over.overall ?? overallOf(parts), affected: over.affected ?? affectedOf(parts.services) };
}

/** The snapshot the engine has before its first round: all unknown, no evidence yet. */
export function beforeFirstRound(names: string[]): Snapshot {
  return snapshot(
    names.map((n) => service(n, { state: "unknown", latency_ms: null, probes: [] })),
    { controls: [], overall: "unknown" },
  );
}

export function history(over: Partial<History> = {}): History {
  return {
    since: "2026-11-27T11:00:00Z",
    until: "2026-11-28T11:00:00Z",
    incidents: [],
    uptime: [],
    ...over,
  };
}

/** The built-in connection checks, as the backend sends them. */
export const BUILTIN_CHECKS: ProbeForm[] = [
  { kind: "tcp", target: "1.1.1.1:53", expect: null, contains: null },
  { kind: "dns", target: "www.wikipedia.org", expect: null, contains: null },
  { kind: "http", target: "http://connectivitycheck.gstatic.com/generate_204", expect: "204", contains: null },
];

export function settingsForm(over: Partial<SettingsForm> = {}): SettingsForm {
  return {
    interval_secs: 60,
    confirm: 2,
    timeout_ms: 5000,
    slow_ms: 2000,
    builtins: ["whatsapp", "instagram"],
    notifications: { enabled: true, recovery: true, degraded: false, quiet_hours: "22:00-07:00" },
    start_at_login: false,
    services: [],
    connectivity: { builtin: true, probes: BUILTIN_CHECKS, defaults: BUILTIN_CHECKS },
    available_builtins: [
      { id: "whatsapp", name: "WhatsApp", category: "Messaging", has_official: false },
      { id: "instagram", name: "Instagram", category: "Social", has_official: false },
      { id: "threads", name: "Threads", category: "Social", has_official: false },
    ],
    ...over,
  };
}

/** Replaces jsdom's body with the body of one of our pages (ui/dashboard.html, ...). */
export function loadPage(file: string): void {
  const html = readFileSync(resolve(import.meta.dirname, "..", file), "utf8");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.body.replaceWith(document.importNode(parsed.body, true));
}
