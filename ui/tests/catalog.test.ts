// The new dashboard and settings pieces: lag words, trouble-first order, the sparkline
// path and the catalog search.

import { describe, expect, it } from "vitest";
import type { Incident, ServiceStatus } from "../src/ipc";
import { acknowledgedText, canAskWhenBack, lagText } from "../src/lib/lag";
import { troubleFirst } from "../src/lib/order";
import { matches } from "../src/views/settings/catalog-picker";
import { sparkPath } from "../src/views/sparkline";
import { service } from "./support";

describe("official lag", () => {
  const words = "the official status still says “All Systems Operational” (12 min)";
  const lag = { since: "2026-11-28T10:00:00Z", since_ms: 1_000_000, says: "All Systems Operational", words };

  it("says the engine's words for the lag, as a sentence", () => {
    expect(lagText(null)).toBe("");
    expect(lagText(lag)).toBe("The official status still says “All Systems Operational” (12 min)");
  });

  it("says on an incident what the engine says about its lag", () => {
    const i = { official_lag_secs: 14 * 60, official_acknowledged: true, official_lag_text: "acknowledged after 14 min" };
    expect(acknowledgedText(i as Incident)).toBe("acknowledged after 14 min");
    expect(acknowledgedText({ ...i, official_lag_secs: null, official_lag_text: "" } as Incident)).toBe("");
  });

  it("offers 'tell me when it's back' only for trouble", () => {
    expect(canAskWhenBack(service("A", { state: "down" }))).toBe(true);
    expect(canAskWhenBack(service("A", { state: "degraded" }))).toBe(true);
    expect(canAskWhenBack(service("A", { state: "up" }))).toBe(false);
    expect(canAskWhenBack(service("A", { state: "maintenance" }))).toBe(false);
  });
});

describe("compact list", () => {
  it("puts trouble first, worst first, and keeps the configured order otherwise", () => {
    const list: ServiceStatus[] = [
      service("A"),
      service("B", { state: "degraded" }),
      service("C"),
      service("D", { state: "down" }),
      service("E", { state: "degraded" }),
    ];
    expect(troubleFirst(list).map((s) => s.name)).toEqual(["D", "B", "E", "A", "C"]);
    const names = [service("b"), service("C"), service("a")];
    expect(troubleFirst(names).map((s) => s.name)).toEqual(["a", "b", "C"]);
  });

  it("draws a sparkline with gaps where rounds failed", () => {
    const point = (latency_ms: number | null, failed = false) => ({
      at_ms: 0,
      latency_ms,
      failed,
      cause: null,
      cause_text: "",
      offline: false,
    });
    expect(sparkPath([])).toBe("");
    const d = sparkPath([point(100), point(200), point(null, true), point(50)]);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.startsWith("M0.0 ")).toBe(true);
  });
});

describe("catalog search", () => {
  it("matches every word in the name or the category", () => {
    const gmail = { name: "Gmail", category: "Mail" };
    expect(matches(gmail, "")).toBe(true);
    expect(matches(gmail, "gm")).toBe(true);
    expect(matches(gmail, "MAIL")).toBe(true);
    expect(matches(gmail, "mail gmail")).toBe(true);
    expect(matches(gmail, "gaming")).toBe(false);
  });
});
