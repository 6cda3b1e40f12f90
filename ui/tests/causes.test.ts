import { describe, expect, it } from "vitest";
import { causeText } from "../src/lib/causes";

describe("causeText (the words of Cause::describe)", () => {
  it.each([
    ["dns_nxdomain", "", "The name does not exist (NXDOMAIN)"],
    ["dns_servfail", "SERVFAIL from 1.1.1.1", "DNS lookups fail (SERVFAIL)"],
    ["dns_timeout", "", "DNS lookups time out"],
    ["dns_error", "no records", "DNS lookups fail (no records)"],
    ["tcp_refused", "", "Connections are refused"],
    ["tcp_timeout", "", "Connections time out"],
    ["tcp_unreachable", "", "The servers are unreachable"],
    ["connection_reset", "", "Connections are reset"],
    ["tls", "certificate expired", "Secure connection fails (certificate expired)"],
    ["http_status", "503 Service Unavailable", "Server errors (HTTP 503)"],
    ["http_status", "404", "Unexpected answer (HTTP 404)"],
    ["http_status", "garbled", "Unexpected HTTP answer (garbled)"],
    ["http_timeout", "", "Requests time out"],
    ["too_many_redirects", "", "Too many redirects"],
    ["body_mismatch", "", "The page does not show what it should"],
    ["slow", "2.4 s", "Slow to answer (2.4 s)"],
    ["official", "Major Outage", "Official status: major outage"],
    ["official", "", "Official status reports trouble"],
    ["unreadable", "", "Official status cannot be read"],
  ] as const)("%s with detail %j reads %j", (cause, detail, words) => {
    expect(causeText(cause, detail)).toBe(words);
  });

  it("is empty without a cause, and plain without a detail", () => {
    expect(causeText(null)).toBe("");
    expect(causeText(undefined, "x")).toBe("");
    expect(causeText("tls")).toBe("Secure connection fails");
  });
});
