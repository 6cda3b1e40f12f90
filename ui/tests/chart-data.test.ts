import { describe, expect, it } from "vitest";
import type { LatencyPoint } from "../src/ipc";
import { chartData, chartSummary, pointKind, pointText, typicalStep } from "../src/lib/chart-data";
import { at } from "./support";

const S = 1000;
const T0 = at(10, 0);

function point(sec: number, over: Partial<LatencyPoint> = {}): LatencyPoint {
  return { at_ms: T0 + sec * S, latency_ms: 300, failed: false, cause: null, cause_text: "", offline: false, ...over };
}
const failed = (sec: number, over: Partial<LatencyPoint> = {}) =>
  point(sec, { latency_ms: null, failed: true, cause: "http_timeout", cause_text: "Requests time out", ...over });
const offline = (sec: number) =>
  point(sec, { latency_ms: null, failed: true, cause: "tcp_unreachable", offline: true });

describe("chart data", () => {
  it("tells a failure from the user being offline", () => {
    expect(pointKind(point(0))).toBe("ok");
    expect(pointKind(failed(0))).toBe("failed");
    expect(pointKind(offline(0))).toBe("offline");
  });

  it("finds the usual spacing of the points", () => {
    expect(typicalStep([point(0), point(30), point(60), point(600)], 1)).toBe(30 * S);
    expect(typicalStep([point(0)], 42)).toBe(42);
  });

  it("gives uPlot seconds, and a gap wherever a probe failed or the user was offline", () => {
    const d = chartData(
      [point(60), point(0), failed(30), offline(90), point(120, { latency_ms: 250, failed: true })],
      "1h",
    );
    expect(d.x).toEqual([0, 30, 60, 90, 120].map((s) => (T0 + s * S) / 1000));
    expect(d.latency).toEqual([300, null, 300, null, null]);
  });

  it("marks failures and offline time as separate bands, merging neighbours", () => {
    const d = chartData([point(0), failed(30), failed(60), point(90), offline(120), offline(150), point(180)], "1h");
    expect(d.bands).toEqual([
      { from_ms: T0 + 30 * S, to_ms: T0 + 90 * S, kind: "failed" },
      { from_ms: T0 + 120 * S, to_ms: T0 + 180 * S, kind: "offline" },
    ]);
  });

  it("does not stretch a failure over a gap in the data", () => {
    const d = chartData([point(0), point(30), failed(60), point(3000)], "1h");
    expect(d.bands).toEqual([
      { from_ms: T0 + 60 * S, to_ms: T0 + 90 * S, kind: "failed" },
      { from_ms: T0 + 90 * S, to_ms: T0 + 3000 * S, kind: "gap" },
    ]);
    expect(chartData([failed(0)], "24h").bands).toEqual([{ from_ms: T0, to_ms: T0 + 300 * S, kind: "failed" }]);
  });

  it("breaks the line where the app was off, and marks that time as a gap, not up nor down", () => {
    // A round every 30 s, then nothing for an hour, then rounds again.
    const d = chartData([point(0), point(30), point(60), point(3660), point(3690)], "24h");
    expect(d.x).toEqual([0, 30, 60, 90, 3660, 3690].map((s) => (T0 + s * S) / 1000));
    expect(d.latency).toEqual([300, 300, 300, null, 300, 300]);
    expect(d.points.map((p) => p?.at_ms ?? null)).toEqual([0, 30, 60, null, 3660, 3690].map((s) => (s === null ? null : T0 + s * S)));
    expect(d.bands).toEqual([{ from_ms: T0 + 90 * S, to_ms: T0 + 3660 * S, kind: "gap" }]);
    // A late round (up to a couple of steps) is no gap.
    expect(chartData([point(0), point(30), point(60), point(140)], "1h").bands).toEqual([]);
    // The engine's rule: a hole after the step is a gap only beyond two steps plus 30 s, so the
    // chart breaks where `history` and the bars count time not running, and nowhere else.
    expect(chartData([point(0), point(30), point(60), point(60 + 30 + 60 + 30)], "1h").bands).toEqual([]);
    expect(chartData([point(0), point(30), point(60), point(60 + 30 + 60 + 31)], "1h").bands).toEqual([
      { from_ms: T0 + 90 * S, to_ms: T0 + 181 * S, kind: "gap" },
    ]);
    expect(chartSummary([point(0), point(30), point(60), point(3660)], "1h")).toBe(
      "Typical 300 ms, slowest 300 ms · no failures · 1 gap (the app was not running)",
    );
  });

  it("says the chart in words", () => {
    expect(chartSummary([], "1h")).toBe("No checks in the last hour yet.");
    expect(chartSummary([], "24h")).toBe("No checks in the last 24 hours yet.");
    expect(
      chartSummary(
        [point(0, { latency_ms: 200 }), point(30, { latency_ms: 300 }), point(60, { latency_ms: 1200 })],
        "1h",
      ),
    ).toBe("Typical 300 ms, slowest 1.2 s · no failures");
    expect(
      chartSummary(
        [
          point(0),
          failed(30),
          failed(60, { cause: "dns_servfail", cause_text: "DNS lookups fail (SERVFAIL)" }),
          failed(90, { cause: "dns_servfail", cause_text: "DNS lookups fail (SERVFAIL)" }),
          offline(120),
        ],
        "1h",
      ),
    ).toBe(
      "Typical 300 ms, slowest 300 ms · 3 failures: DNS lookups fail (SERVFAIL) · 1 while you were offline (not counted)",
    );
    expect(chartSummary([failed(0, { cause: null, cause_text: "" })], "1h")).toBe("1 failure");
  });

  it("uses the backend's words for a cause, so the chart says what the card says", () => {
    const http = (sec: number) =>
      failed(sec, { cause: "http_status", cause_text: "Server errors (HTTP 503)", latency_ms: null });
    expect(chartSummary([point(0), http(60), http(120)], "1h")).toContain("2 failures: Server errors (HTTP 503)");
    expect(pointText(http(60))).toContain("failed: Server errors (HTTP 503)");
  });

  it("words the point under the pointer", () => {
    expect(pointText(point(0, { latency_ms: 320 }))).toBe("10:00 · 320 ms");
    expect(pointText(failed(60))).toBe("10:01 · failed: Requests time out");
    expect(pointText(point(60, { failed: true, cause: "tcp_refused", cause_text: "Connections are refused" }))).toBe(
      "10:01 · 300 ms, some checks failed: Connections are refused",
    );
    expect(pointText(offline(120))).toBe("10:02 · you were offline (not counted)");
  });
});
