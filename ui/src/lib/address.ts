// "URL or host" as typed when adding a service, and the checks it stands for:
// https://shop.test/health → HTTP that URL, DNS shop.test, TCP and TLS shop.test:443.
// The engine validates the result; this only splits the text.

import type { ProbeForm, ProbeKind } from "../ipc";

/** The probe kinds in the order a new service lists them. */
export const KINDS: readonly ProbeKind[] = ["http", "dns", "tcp", "tls"];

export interface Address {
  /** The URL for an HTTP check; null for a bare host. */
  url: string | null;
  /** As written in a URL: `[::1]` keeps its brackets. */
  host: string;
  port: number;
  /** https (or a bare host, assumed to speak TLS on 443). */
  secure: boolean;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Splits "URL or host": `https://shop.test/health`, `shop.test`, `shop.test:8443`,
 * `shop.test/health` (a URL without scheme: https). Null when empty.
 */
export function parseAddress(text: string): Address | null {
  const t = text.trim();
  if (t === "") return null;
  const scheme = SCHEME.exec(t);
  const rest = scheme ? t.slice(scheme[0].length) : t;
  const authority = (rest.split(/[/?#]/)[0] ?? "").replace(/^.*@/, "");
  const isUrl = scheme !== null || authority !== rest;
  const secure = scheme ? scheme[1]?.toLowerCase() !== "http" : true;
  const [host, port] = splitPort(authority);
  return {
    url: isUrl ? (scheme ? t : `https://${t}`) : null,
    host,
    port: port ?? (secure ? 443 : 80),
    secure,
  };
}

/** "shop.test:8443" → ["shop.test", 8443]; "[::1]:443" → ["[::1]", 443]; no port → null. */
function splitPort(authority: string): [string, number | null] {
  const m = /^(\[[^\]]*\]|[^:]*):(\d{1,5})$/.exec(authority);
  if (m) return [m[1] ?? "", Number(m[2])];
  return [authority, null];
}

/** Which kinds make sense for an address: HTTP needs a URL, TLS needs https. */
export function availableKinds(address: Address | null): ProbeKind[] {
  if (address === null) return [...KINDS];
  return KINDS.filter((k) => (k === "http" ? address.url !== null : k === "tls" ? address.secure : true));
}

export interface HttpOptions {
  /** Accepted statuses ("200-399"); empty = the engine's default. */
  expect: string;
  /** Text the page must contain; empty = none. */
  contains: string;
}

/** The checks for an address and the chosen kinds, in the order of KINDS. */
export function deriveProbes(text: string, kinds: readonly ProbeKind[], http: HttpOptions): ProbeForm[] {
  const address = parseAddress(text);
  if (address === null) return [];
  const allowed = availableKinds(address);
  const hostPort = `${address.host}:${address.port}`;
  const tlsHostPort = `${address.host}:${address.secure ? address.port : 443}`;
  const targets: Record<ProbeKind, string> = {
    http: address.url ?? "",
    dns: address.host.replace(/^\[(.*)\]$/, "$1"),
    tcp: hostPort,
    tls: tlsHostPort,
  };
  return KINDS.filter((k) => kinds.includes(k) && allowed.includes(k)).map((kind) => ({
    kind,
    target: targets[kind],
    expect: kind === "http" ? optional(http.expect) : null,
    contains: kind === "http" ? optional(http.contains) : null,
  }));
}

/** Trimmed text, or null when empty. */
export function optional(text: string | null | undefined): string | null {
  const t = (text ?? "").trim();
  return t === "" ? null : t;
}

const KIND_NAMES: Record<ProbeKind, string> = { http: "HTTP", dns: "DNS", tcp: "TCP", tls: "TLS" };

export function kindName(kind: ProbeKind): string {
  return KIND_NAMES[kind];
}

/** "HTTP https://shop.test/, DNS shop.test": what a new service will check. */
export function describeProbes(probes: readonly ProbeForm[]): string {
  return probes.map((p) => `${kindName(p.kind)} ${p.target}`).join(", ");
}
