// The words of one service row and one history line. Pure.

import type { Connectivity, Incident, OfficialStatus, ProbeStatus, ServiceStatus, Snapshot } from "../ipc";
import { formatLatency, localTime, parseTime } from "./format";
import { connectivityText, sourceName } from "./states";
import { WORDS } from "./words.generated";

/** "since 10:42"; empty while the service is not judged (its "since" means little then). */
export function sinceText(s: ServiceStatus, nowMs: number): string {
  if (s.state === "unknown") return "";
  const at = localTime(s.since_ms, nowMs);
  return at ? `since ${at}` : "";
}

/** "Official status (Meta Status): No known issues", with the title of the incident it
 * has open: "… Major outage — “Shop unavailable”". */
export function officialText(o: OfficialStatus | null): string {
  if (o === null || o.text.trim() === "") return "";
  const incident = o.incident ? ` — “${o.incident.title}”` : "";
  return `Official status (${sourceName(o.source)}): ${o.text}${incident}`;
}

/** One probe's detail, field by field, for the card's expander. */
export interface ProbeDetail {
  ok: boolean;
  /** "✓" or "✕" (shown with the word, never alone). */
  icon: string;
  /** "Works" / "Fails". */
  result: string;
  /** "HTTP", "DNS". */
  kind: string;
  target: string;
  /** "320 ms"; for a failure, how long it took to fail: "after 5.0 s". */
  latency: string;
  /** Why it failed, in plain words; empty when it works. */
  cause: string;
  /** The raw detail ("503 Service Unavailable"), when it adds to the cause. */
  detail: string;
  /** "certificate valid 40 more days", "certificate expired 3 days ago"; empty without TLS. */
  cert: string;
}

export function certText(daysLeft: number | undefined): string {
  if (daysLeft === undefined) return "";
  if (daysLeft < 0) return `certificate expired ${-daysLeft} ${-daysLeft === 1 ? "day" : "days"} ago`;
  if (daysLeft === 0) return "certificate expires today";
  return `certificate valid ${daysLeft} more ${daysLeft === 1 ? "day" : "days"}`;
}

export function probeDetail(p: ProbeStatus): ProbeDetail {
  const cause = p.ok ? "" : p.cause_text || "No answer";
  const detail = p.detail && !cause.includes(p.detail) ? p.detail : "";
  return {
    ok: p.ok,
    icon: p.ok ? "✓" : "✕",
    result: p.ok ? "Works" : "Fails",
    kind: p.kind.toUpperCase(),
    target: p.target,
    latency: p.ok ? formatLatency(p.latency_ms) : p.latency_ms > 0 ? `after ${formatLatency(p.latency_ms)}` : "",
    cause,
    detail,
    cert: certText(p.cert_days_left),
  };
}

/** "HTTP web.whatsapp.com — works, 320 ms" / "TCP g.whatsapp.net:5222 — fails: <the cause>". */
export function probeText(p: ProbeStatus): string {
  const d = probeDetail(p);
  const what = `${d.kind} ${d.target}`;
  if (p.ok) return [`${what} — works, ${d.latency}`, d.cert].filter(Boolean).join(", ");
  const extra = [d.detail && `(${d.detail})`, d.latency].filter(Boolean).join(" ");
  return `${what} — fails: ${d.cause}${extra ? ` ${extra}` : ""}`;
}

/** The expander's title: "Checks: 3 of 3 work", "Checks: 1 of 3 fails". */
export function probesSummary(probes: ProbeStatus[]): string {
  const failing = probes.filter((p) => !p.ok).length;
  if (failing === 0) return `Checks: ${probes.length} of ${probes.length} work`;
  return `Checks: ${failing} of ${probes.length} ${failing === 1 ? "fails" : "fail"}`;
}

/** The card's cause line: the backend's words, or what holds while there is no trouble. */
export function causeLine(s: ServiceStatus, connectivity: Connectivity, firstRoundDone: boolean): string {
  if (s.cause_text) return s.cause_text;
  if (s.state === "up") return "Everything works.";
  if (s.state !== "unknown") return "";
  if (!firstRoundDone) return "Waiting for the first check.";
  if (connectivity !== "online") return WORDS.not_judged[connectivity];
  return "Not enough checks to judge it yet.";
}

/** "<connectivity> · 3 of 3 control checks work · last check 10:42". */
export function connectivityLine(s: Snapshot, nowMs: number): string {
  const parts = [connectivityText(s.connectivity)];
  if (s.controls.length > 0) {
    const ok = s.controls.filter((c) => c.ok).length;
    parts.push(`${ok} of ${s.controls.length} control checks work`);
  }
  const at = localTime(parseTime(s.checked_at), nowMs);
  if (at) parts.push(`last check ${at}`);
  for (const control of s.misbehaving_controls) parts.push(`set aside (the others work): ${control}`);
  return parts.join(" · ");
}

/** "Down 10:42–11:05 (23 min): <the cause>", or "… ongoing …". */
export function incidentText(i: Incident, nowMs: number): string {
  const worst = WORDS.verdict[i.worst];
  const start = localTime(parseTime(i.start), nowMs);
  const end = i.ongoing ? "ongoing" : localTime(parseTime(i.end), nowMs);
  const cause = i.cause_text ? `: ${i.cause_text}` : "";
  return `${worst} ${start}–${end} (${i.duration_text})${cause}`;
}

/** One incident, column by column: start, end ("ongoing"), duration and cause. */
export interface IncidentRow {
  start: string;
  end: string;
  duration: string;
  cause: string;
}

export function incidentRow(i: Incident, nowMs: number): IncidentRow {
  return {
    start: localTime(i.start_ms, nowMs) || localTime(parseTime(i.start), nowMs),
    end: i.ongoing ? "ongoing" : localTime(i.end_ms, nowMs) || localTime(parseTime(i.end), nowMs),
    duration: i.duration_text,
    cause: i.cause_text || "Unknown cause",
  };
}
