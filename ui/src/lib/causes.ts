// A cause in plain words, as the engine says it (`Cause::describe` in src/cause.rs). The
// snapshot already carries each service's `cause_text`; this words the causes that come
// without it: one probe's, and a chart point's.

import type { Cause } from "../ipc";

const PLAIN: Record<Cause, string> = {
  dns_nxdomain: "The name does not exist (NXDOMAIN)",
  dns_servfail: "DNS lookups fail (SERVFAIL)",
  dns_timeout: "DNS lookups time out",
  dns_error: "DNS lookups fail",
  tcp_refused: "Connections are refused",
  tcp_timeout: "Connections time out",
  tcp_unreachable: "The servers are unreachable",
  connection_reset: "Connections are reset",
  tls: "Secure connection fails",
  http_status: "Unexpected HTTP answer",
  http_timeout: "Requests time out",
  too_many_redirects: "Too many redirects",
  body_mismatch: "The page does not show what it should",
  slow: "Slow to answer",
  official: "Official status reports trouble",
  unreadable: "Official status cannot be read",
};

/** Causes whose words take the observation's detail in parentheses. */
const WITH_DETAIL = new Set<Cause>(["dns_error", "tls", "http_status", "slow", "unreadable"]);

/**
 * "DNS lookups fail (SERVFAIL)", "Server errors (HTTP 503)", "Official status: major outage";
 * empty for no cause.
 */
export function causeText(cause: Cause | null | undefined, detail = ""): string {
  if (!cause) return "";
  const d = detail.trim();
  if (cause === "http_status") {
    const code = Number(d.split(/\s+/)[0]);
    if (Number.isInteger(code) && code >= 100 && code <= 999) {
      return code >= 500 ? `Server errors (HTTP ${code})` : `Unexpected answer (HTTP ${code})`;
    }
  }
  if (cause === "official" && d !== "") return `Official status: ${d.toLowerCase()}`;
  const base = PLAIN[cause] ?? cause.replaceAll("_", " ");
  return WITH_DETAIL.has(cause) && d !== "" ? `${base} (${d})` : base;
}
