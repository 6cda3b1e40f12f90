// The words of one service row and one history line. Pure.

import type { Incident, OfficialStatus, ProbeStatus, ServiceStatus, Snapshot } from "../ipc";
import { formatDuration, formatLatency, localTime, parseTime } from "./format";
import { connectivityText, sourceName } from "./states";

/** "since 10:42"; empty while the service is not judged (its "since" means little then). */
export function sinceText(s: ServiceStatus, nowMs: number): string {
  if (s.state === "unknown") return "";
  const at = localTime(s.since_ms, nowMs);
  return at ? `since ${at}` : "";
}

/** "Official status (Meta Status): No known issues". */
export function officialText(o: OfficialStatus | null): string {
  if (o === null || o.text.trim() === "") return "";
  return `Official status (${sourceName(o.source)}): ${o.text}`;
}

/** "HTTP web.whatsapp.com — works, 320 ms" / "TCP g.whatsapp.net:5222 — fails: connection refused". */
export function probeText(p: ProbeStatus): string {
  const what = `${p.kind.toUpperCase()} ${p.target}`;
  if (p.ok) {
    const cert =
      p.cert_days_left !== undefined ? `, certificate valid ${p.cert_days_left} more days` : "";
    return `${what} — works, ${formatLatency(p.latency_ms)}${cert}`;
  }
  const why = p.detail || (p.cause ?? "").replaceAll("_", " ") || "no answer";
  return `${what} — fails: ${why}`;
}

/** "You are online · 3 of 3 control checks work · last check 10:42". */
export function connectivityLine(s: Snapshot, nowMs: number): string {
  const parts = [connectivityText(s.connectivity)];
  if (s.controls.length > 0) {
    const ok = s.controls.filter((c) => c.ok).length;
    parts.push(`${ok} of ${s.controls.length} control checks work`);
  }
  const at = localTime(parseTime(s.checked_at), nowMs);
  if (at) parts.push(`last check ${at}`);
  return parts.join(" · ");
}

/** "Down 10:42–11:05 (23 min): DNS lookups fail (SERVFAIL)", or "… ongoing …". */
export function incidentText(i: Incident, nowMs: number): string {
  const worst = i.worst === "down" ? "Down" : i.worst === "degraded" ? "Degraded" : i.worst;
  const start = localTime(parseTime(i.start), nowMs);
  const end = i.ongoing ? "ongoing" : localTime(parseTime(i.end), nowMs);
  const cause = i.cause_text ? `: ${i.cause_text}` : "";
  return `${worst} ${start}–${end} (${formatDuration(i.duration_secs)})${cause}`;
}
