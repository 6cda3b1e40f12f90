// Dashboard fixtures: one service's history, shaped like `get_service_history`'s JSON.

import type { Bucket, Incident, LatencyPoint, ServiceHistory, SpanUptime } from "../src/ipc";
import { at, NOW } from "./support";

const HOUR = 3_600_000;

export function bucket(start_ms: number, over: Partial<Bucket> = {}): Bucket {
  return {
    start_ms,
    up_ms: HOUR,
    degraded_ms: 0,
    down_ms: 0,
    maintenance_ms: 0,
    unknown_ms: 0,
    offline_ms: 0,
    worst: "up",
    percent: 100,
    observed_ms: HOUR,
    not_running_ms: 0,
    words: "up 100 % of the 1 h observed",
    ...over,
  };
}

/** A bar the app did not observe at all: a gap. */
export function emptyBucket(start_ms: number): Bucket {
  return bucket(start_ms, {
    up_ms: 0,
    worst: null,
    percent: null,
    observed_ms: 0,
    not_running_ms: HOUR,
    words: "not running",
  });
}

/** The headline above a span of bars, as the engine words it. */
export function span(words: string, over: Partial<SpanUptime> = {}): SpanUptime {
  const [headline = "", ...rest] = words.split(", ");
  const details = rest.join(", ");
  return { percent: 100, up_percent: 100, observed_ms: 24 * HOUR, not_running_ms: 0, words, headline, details, ...over };
}

/** 24 hourly and 7 daily buckets ending with the hour of NOW, and an hour of points. */
export function serviceHistory(service: string, over: Partial<ServiceHistory> = {}): ServiceHistory {
  const hourStart = at(11, 0);
  const points: LatencyPoint[] = Array.from({ length: 60 }, (_, i) => ({
    at_ms: NOW - (60 - i) * 60_000,
    latency_ms: 300 + (i % 5) * 10,
    failed: false,
    cause: null,
    cause_text: "",
    offline: false,
  }));
  return {
    service,
    latency_1h: points,
    latency_24h: points,
    hours_24: Array.from({ length: 24 }, (_, i) => bucket(hourStart - (23 - i) * HOUR)),
    days_7: Array.from({ length: 7 }, (_, i) => bucket(hourStart + HOUR - (7 - i) * 24 * HOUR, { up_ms: 24 * HOUR })),
    uptime_24h: span("up 100 % of the 1 d observed"),
    uptime_7d: span("up 100 % of the 7 d observed"),
    ...over,
  };
}

export function emptyServiceHistory(service: string): ServiceHistory {
  const h = serviceHistory(service);
  return {
    ...h,
    latency_1h: [],
    latency_24h: [],
    hours_24: h.hours_24.map((b) => emptyBucket(b.start_ms)),
    days_7: h.days_7.map((b) => emptyBucket(b.start_ms)),
    uptime_24h: span("not judged yet", { percent: null, up_percent: null, observed_ms: 0 }),
    uptime_7d: span("not judged yet", { percent: null, up_percent: null, observed_ms: 0 }),
  };
}

export function incident(over: Partial<Incident> = {}): Incident {
  const start_ms = NOW - 20 * 60_000;
  return {
    id: 7,
    service: "whatsapp",
    start: new Date(start_ms).toISOString(),
    end: null,
    start_ms,
    end_ms: null,
    ongoing: true,
    duration_secs: 1200,
    not_running_secs: 0,
    duration_text: "20 min",
    worst: "down",
    cause: "dns_servfail",
    cause_text: "DNS lookups fail (SERVFAIL)",
    causes: ["dns_servfail"],
    detail: "",
    official_lag_secs: null,
    official_acknowledged: null,
    official_lag_text: "",
    ...over,
  };
}
