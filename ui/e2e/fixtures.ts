// Backend answers for the dashboard specs, shaped like the Rust serde JSON (types from
// src/ipc.ts). Times are fixed (the specs freeze the page's clock at NOW, time zone UTC).

import type {
  Bucket,
  History,
  Incident,
  LatencyPoint,
  ProbeStatus,
  ServiceHistory,
  SpanUptime,
  ServiceStatus,
  Snapshot,
} from "../src/ipc";
import { affectedOf } from "../tests/support";
import type { MockResponses } from "./support";

export const NOW = Date.parse("2026-11-28T11:20:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

export function probe(over: Partial<ProbeStatus> = {}): ProbeStatus {
  return { kind: "http", target: "https://example.com/", ok: true, cause: null, cause_text: "", latency_ms: 310, detail: "", ...over };
}

/** A healthy service with the four probes a built-in has. */
export function service(id: string, name: string, over: Partial<ServiceStatus> = {}): ServiceStatus {
  const host = `${id}.example`;
  return {
    id,
    name,
    state: "up",
    since: iso(NOW - 26 * HOUR),
    since_ms: NOW - 26 * HOUR,
    cause: null,
    cause_text: "",
    detail: "",
    latency_ms: 310,
    official: null,
    official_lag: null,
    probe_count: 4,
    probes: [
      probe({ kind: "dns", target: host, latency_ms: 12 }),
      probe({ kind: "tcp", target: `${host}:443`, latency_ms: 24 }),
      probe({ kind: "tls", target: `${host}:443`, latency_ms: 61, cert_days_left: 54 }),
      probe({ kind: "http", target: `https://${host}/`, latency_ms: 310, detail: "HTTP 200" }),
    ],
    ...over,
  };
}

/** WhatsApp answering 503 since 11:02, with Meta Status agreeing. */
export function whatsappDown(): ServiceStatus {
  const s = service("whatsapp", "WhatsApp");
  return {
    ...s,
    state: "down",
    since: iso(NOW - 18 * MIN),
    since_ms: NOW - 18 * MIN,
    cause: "http_status",
    cause_text: "Server errors (HTTP 503)",
    detail: "503 Service Unavailable",
    latency_ms: 58,
    official: { source: "metastatus", state: "down", text: "Major outage: WhatsApp messages are delayed", incident: null },
    probes: s.probes.map((p) =>
      p.kind === "http"
        ? { ...p, ok: false, cause: "http_status", cause_text: "Server errors (HTTP 503)", latency_ms: 240, detail: "503 Service Unavailable" }
        : p,
    ),
  };
}

const controls = [probe({ kind: "tcp", target: "1.1.1.1:53" }), probe({ kind: "tcp", target: "9.9.9.9:53" })];

export function snapshot(services: ServiceStatus[], over: Partial<Snapshot> = {}): Snapshot {
  return {
    checked_at: iso(NOW - 20_000),
    connectivity: "online",
    overall: "up",
    services,
    controls,
    misbehaving_controls: [],
    connection_note: "",
    stopped: null,
    affected: affectedOf(services),
    ...over,
  };
}

export const healthy = (): ServiceStatus[] => [
  service("whatsapp", "WhatsApp"),
  service("instagram", "Instagram", { latency_ms: 280 }),
  service("facebook", "Facebook", { latency_ms: 350 }),
];

export const oneDown = (): Snapshot => snapshot([whatsappDown(), ...healthy().slice(1)], { overall: "down" });

// ---- history ----

const jitter = (i: number) => ((i * 37) % 11) * 9 + ((i * 13) % 7) * 4;

export interface Trouble {
  from: number;
  to: number;
  kind: "failed" | "offline";
  cause?: LatencyPoint["cause"];
}

/** Points every `stepMs` over `spanMs` before NOW, failing or offline inside `trouble`. */
export function latency(spanMs: number, stepMs: number, base: number, trouble: Trouble[] = []): LatencyPoint[] {
  const points: LatencyPoint[] = [];
  for (let at = NOW - spanMs + stepMs, i = 0; at <= NOW; at += stepMs, i++) {
    const t = trouble.find((x) => at >= x.from && at < x.to);
    if (t?.kind === "offline")
      points.push({
        at_ms: at,
        latency_ms: null,
        failed: true,
        cause: "tcp_unreachable",
        cause_text: "The servers are unreachable",
        offline: true,
      });
    else if (t)
      points.push({
        at_ms: at,
        latency_ms: 60 + (i % 4) * 5,
        failed: true,
        cause: t.cause ?? "http_status",
        cause_text: t.cause === "slow" ? "Slow to answer" : "Server errors (HTTP 503)",
        offline: false,
      });
    else points.push({ at_ms: at, latency_ms: base + jitter(i), failed: false, cause: null, cause_text: "", offline: false });
  }
  return points;
}

/** A stand-in for the engine's `words::duration`, so the screenshots read as the app does. */
function duration(ms: number): string {
  const secs = Math.floor(Math.max(0, ms) / 1000);
  const [d, h, m] = [Math.floor(secs / 86_400), Math.floor((secs % 86_400) / 3600), Math.floor((secs % 3600) / 60)];
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return m > 0 ? `${m} min` : `${secs % 60} s`;
}

type Times = Pick<Bucket, "up_ms" | "degraded_ms" | "down_ms" | "maintenance_ms" | "offline_ms" | "not_running_ms">;

/** A stand-in for the engine's `words::uptime_parts` (the Rust tests check the real one). */
function uptimeParts(t: Times): string[] {
  const judged = t.up_ms + t.degraded_ms + t.down_ms + t.maintenance_ms;
  const parts: string[] = [];
  if (judged > 0) {
    const share = Math.floor((t.up_ms / judged) * 1000) / 10;
    parts.push(`up ${share} % of the ${duration(judged)} observed`);
    if (t.degraded_ms > 0) parts.push(`degraded ${duration(t.degraded_ms)}`);
    if (t.down_ms > 0) parts.push(`down ${duration(t.down_ms)}`);
    if (t.offline_ms > 0) parts.push(`offline ${duration(t.offline_ms)} (not counted)`);
  } else if (t.offline_ms > 0) parts.push(`you were offline ${duration(t.offline_ms)}, not counted`);
  if (t.not_running_ms >= 1000) parts.push(`not running ${duration(t.not_running_ms)}`);
  return parts;
}

export function bucket(start_ms: number, sizeMs: number, over: Partial<Bucket> = {}): Bucket {
  const b: Bucket = {
    start_ms,
    up_ms: 0,
    degraded_ms: 0,
    down_ms: 0,
    maintenance_ms: 0,
    unknown_ms: 0,
    offline_ms: 0,
    worst: null,
    percent: null,
    observed_ms: 0,
    not_running_ms: 0,
    words: "",
    ...over,
  };
  // Fill the rest with up time (the last bucket only up to NOW), then judge it as the backend does.
  const known = b.degraded_ms + b.down_ms + b.maintenance_ms + b.unknown_ms + b.offline_ms;
  if (over.up_ms === undefined) b.up_ms = Math.max(0, Math.min(sizeMs, NOW - start_ms) - known);
  const judged = b.up_ms + b.degraded_ms + b.down_ms + b.maintenance_ms;
  b.worst = b.down_ms ? "down" : b.degraded_ms ? "degraded" : b.maintenance_ms ? "maintenance" : b.up_ms ? "up" : null;
  b.percent = judged > 0 ? ((judged - b.down_ms) / judged) * 100 : null;
  b.observed_ms = judged + b.unknown_ms + b.offline_ms;
  b.not_running_ms = Math.max(0, Math.min(sizeMs, NOW - start_ms) - b.observed_ms);
  // The engine words a bar; a stand-in says what the tests look for.
  if (over.words === undefined) b.words = b.observed_ms === 0 ? "not running" : uptimeParts(b).join(", ");
  return b;
}

const hourStart = NOW - (NOW % HOUR);

/** Hourly and daily bars: `hours` and `days` map a bar index (0 = oldest) to its trouble. */
export function bars(hours: Record<number, Partial<Bucket>> = {}, days: Record<number, Partial<Bucket>> = {}) {
  const hours_24 = Array.from({ length: 24 }, (_, i) => bucket(hourStart - (23 - i) * HOUR, HOUR, hours[i]));
  const days_7 = Array.from({ length: 7 }, (_, i) =>
    bucket(hourStart + HOUR - (7 - i) * 24 * HOUR, 24 * HOUR, days[i]),
  );
  const span = (bs: Bucket[]): SpanUptime => {
    const sum = (f: (b: Bucket) => number) => bs.reduce((n, b) => n + f(b), 0);
    const judged = sum((b) => b.up_ms + b.degraded_ms + b.down_ms + b.maintenance_ms);
    const up = judged > 0 ? (sum((b) => b.up_ms) / judged) * 100 : null;
    // The engine words the span; a stand-in says what the tests look for.
    const times: Times = {
      up_ms: sum((b) => b.up_ms),
      degraded_ms: sum((b) => b.degraded_ms),
      down_ms: sum((b) => b.down_ms),
      maintenance_ms: sum((b) => b.maintenance_ms),
      offline_ms: sum((b) => b.offline_ms),
      not_running_ms: sum((b) => b.not_running_ms),
    };
    const [headline = "", ...rest] = up === null ? ["not judged yet"] : uptimeParts(times);
    return {
      percent: judged > 0 ? ((judged - times.down_ms) / judged) * 100 : null,
      up_percent: up,
      observed_ms: sum((b) => b.observed_ms),
      not_running_ms: times.not_running_ms,
      words: [headline, ...rest].join(", "),
      headline,
      details: rest.join(", "),
    };
  };
  return { hours_24, days_7, uptime_24h: span(hours_24), uptime_7d: span(days_7) };
}

export function serviceHistory(service: string, base: number, trouble: Trouble[] = [], b = bars()): ServiceHistory {
  return {
    service,
    latency_1h: latency(HOUR, 30_000, base, trouble),
    latency_24h: latency(24 * HOUR, 5 * MIN, base, trouble),
    ...b,
  };
}

export function emptyServiceHistory(service: string): ServiceHistory {
  const empty = (bs: Bucket[]) =>
    bs.map((x) => ({ ...x, up_ms: 0, worst: null, percent: null, observed_ms: 0, words: "not running" }));
  const nothing = {
    percent: null,
    up_percent: null,
    observed_ms: 0,
    not_running_ms: 0,
    words: "not judged yet",
    headline: "not judged yet",
    details: "",
  };
  const b = bars();
  return {
    service,
    latency_1h: [],
    latency_24h: [],
    hours_24: empty(b.hours_24),
    days_7: empty(b.days_7),
    uptime_24h: nothing,
    uptime_7d: nothing,
  };
}

/** The user was offline 10:40–10:43 today. */
const offlineToday: Trouble = { from: NOW - 40 * MIN, to: NOW - 37 * MIN, kind: "offline" };

/** WhatsApp's history for the "one service down" state: the outage, a slow spell yesterday. */
export function whatsappHistory(): ServiceHistory {
  return serviceHistory(
    "whatsapp",
    290,
    [
      { from: NOW - 18 * MIN, to: NOW + MIN, kind: "failed", cause: "http_status" },
      offlineToday,
      { from: NOW - 18 * HOUR, to: NOW - 17.5 * HOUR, kind: "failed", cause: "slow" },
    ],
    bars(
      {
        2: { up_ms: 0 }, // the app was off: a gap
        5: { degraded_ms: 25 * MIN },
        13: { offline_ms: 60 * MIN, words: "you were offline 1 h, not counted" },
        22: { down_ms: 0, offline_ms: 3 * MIN },
        23: { down_ms: 18 * MIN, words: "up 10 % of the 20 min observed, down 18 min" },
      },
      { 1: { offline_ms: 2 * HOUR }, 6: { down_ms: 18 * MIN, degraded_ms: 25 * MIN, offline_ms: 63 * MIN } },
    ),
  );
}

export function incident(over: Partial<Incident>): Incident {
  const start_ms = over.start_ms ?? NOW - HOUR;
  const end_ms = over.end_ms === undefined ? null : over.end_ms;
  return {
    id: 1,
    service: "whatsapp",
    start: iso(start_ms),
    end: end_ms === null ? null : iso(end_ms),
    start_ms,
    end_ms,
    ongoing: end_ms === null,
    duration_secs: Math.round(((end_ms ?? NOW) - start_ms) / 1000),
    not_running_secs: 0,
    duration_text: `${Math.round(((end_ms ?? NOW) - start_ms) / MIN)} min`,
    worst: "down",
    cause: "http_status",
    cause_text: "Server errors (HTTP 503)",
    causes: ["http_status"],
    detail: "503 Service Unavailable",
    official_lag_secs: null,
    official_acknowledged: null,
    official_lag_text: "",
    ...over,
  };
}

export function history(incidents: Incident[] = [], services = ["whatsapp", "instagram", "facebook"]): History {
  return {
    since: iso(NOW - 7 * 24 * HOUR),
    until: iso(NOW),
    incidents,
    uptime: services.map((service) => ({
      service,
      percent: 99.9,
      up_secs: 600_000,
      degraded_secs: 0,
      down_secs: 600,
      maintenance_secs: 0,
      unknown_secs: 0,
      offline_secs: 7200,
      up_percent: 99.9,
      observed_secs: 607_800,
      not_running_secs: 0,
      words: "up 99.9 % of the 7 d observed, down 10 min, offline 2 h (not counted)",
    })),
  };
}

export const recentIncidents = (): Incident[] => [
  incident({ id: 3, start_ms: NOW - 18 * MIN }),
  incident({
    id: 2,
    start_ms: NOW - 18 * HOUR,
    end_ms: NOW - 17.5 * HOUR - 5 * MIN,
    worst: "degraded",
    cause: "slow",
    cause_text: "Slow to answer (2.4 s)",
    detail: "2.4 s",
  }),
  incident({
    id: 1,
    service: "instagram",
    start_ms: NOW - 3 * 24 * HOUR - 2 * HOUR,
    end_ms: NOW - 3 * 24 * HOUR - 80 * MIN,
    cause: "dns_servfail",
    cause_text: "DNS lookups fail (SERVFAIL)",
    detail: "",
  }),
];

/** Everything the dashboard asks for, answering with `snap` and healthy histories. */
export function dashboardResponses(snap: Snapshot, over: MockResponses = {}): MockResponses {
  return {
    get_snapshot: { value: snap },
    get_history: { value: history() },
    get_history_notice: { value: null },
    get_log_dir: { value: "/home/you/.local/share/outage-radar/logs" },
    get_welcome: { value: null },
    get_pause: { value: null },
    check_now: { value: null },
    get_service_history: { value: serviceHistory("any", 300) },
    "get_service_history?service=whatsapp": { value: serviceHistory("whatsapp", 290) },
    "get_service_history?service=instagram": {
      value: serviceHistory("instagram", 260, [], bars({}, { 3: { down_ms: 40 * MIN } })),
    },
    "get_service_history?service=facebook": { value: serviceHistory("facebook", 340, [offlineToday]) },
    ...over,
  };
}

/** The realistic "one service down" state of the README screenshots. */
export function oneDownResponses(): MockResponses {
  return dashboardResponses(oneDown(), {
    get_history: { value: history(recentIncidents()) },
    "get_service_history?service=whatsapp": { value: whatsappHistory() },
  });
}
