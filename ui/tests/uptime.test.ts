import { describe, expect, it } from "vitest";
import type { Bucket } from "../src/ipc";
import { bar, barState, bars, bucketRange, DAY_MS, HOUR_MS, uptimeText } from "../src/lib/uptime";
import { at, NOW } from "./support";

const MIN = 60_000;

function bucket(over: Partial<Bucket> = {}): Bucket {
  return {
    start_ms: at(10, 0),
    up_ms: 0,
    degraded_ms: 0,
    down_ms: 0,
    maintenance_ms: 0,
    unknown_ms: 0,
    offline_ms: 0,
    worst: null,
    percent: null,
    observed_ms: 0,
    not_running_ms: 60 * MIN,
    words: "not running",
    ...over,
  };
}

describe("uptime bars", () => {
  it("colour a bar by its worst judged state", () => {
    expect(barState(bucket({ up_ms: 60 * MIN, worst: "up", percent: 100 }))).toBe("up");
    expect(barState(bucket({ up_ms: 48 * MIN, down_ms: 12 * MIN, worst: "down", percent: 80 }))).toBe("down");
    expect(barState(bucket({ degraded_ms: MIN, maintenance_ms: MIN, worst: "degraded", percent: 100 }))).toBe(
      "degraded",
    );
    expect(barState(bucket({ maintenance_ms: MIN, worst: "maintenance", percent: 100 }))).toBe("maintenance");
  });

  it("grey out offline-only and not-judged buckets, never calling them down", () => {
    expect(barState(bucket({ offline_ms: 60 * MIN, observed_ms: 60 * MIN }))).toBe("offline");
    expect(barState(bucket({ unknown_ms: 5 * MIN, observed_ms: 5 * MIN }))).toBe("none");
  });

  it("show a bucket the app did not observe at all as a gap, neither up nor down", () => {
    const gap = bucket();
    expect(barState(gap)).toBe("gap");
    expect(bar(gap, HOUR_MS, NOW).label).toBe("10:00–11:00: not running");
    // Partly observed: coloured by what was seen, the words say the rest was a gap.
    const part = bucket({
      up_ms: 20 * MIN,
      observed_ms: 20 * MIN,
      not_running_ms: 40 * MIN,
      worst: "up",
      percent: 100,
      words: "up 100 % of the 20 min observed, not running 40 min",
    });
    expect(barState(part)).toBe("up");
    expect(bar(part, HOUR_MS, NOW).label).toBe("10:00–11:00: up 100 % of the 20 min observed, not running 40 min");
  });

  it("label each bar with its time range, then the engine's words for it", () => {
    const words = "up 80 % of the 1 h observed, degraded 12 min";
    const amber = bucket({ up_ms: 48 * MIN, degraded_ms: 12 * MIN, observed_ms: 60 * MIN, worst: "degraded", words });
    expect(barState(amber)).toBe("degraded");
    expect(bar(amber, HOUR_MS, NOW).label).toBe(`10:00–11:00: ${words}`);
    const up = bucket({ up_ms: 60 * MIN, observed_ms: 60 * MIN, worst: "up", percent: 100, words: "up 100 % of the 1 h observed" });
    expect(bar(up, HOUR_MS, NOW - MIN).label).toBe("10:00–now: up 100 % of the 1 h observed");
  });

  it("name other days in day bars, and end the filling bar with now", () => {
    expect(bucketRange(at(11, 0, 26), DAY_MS, NOW)).toBe("Nov 26 11:00–Nov 27 11:00");
    expect(bucketRange(at(12, 0, 27), DAY_MS, NOW)).toBe("Nov 27 12:00–now");
    expect(bars([bucket(), bucket({ start_ms: at(11, 0) })], HOUR_MS, NOW).map((b) => b.start_ms)).toEqual([
      at(10, 0),
      at(11, 0),
    ]);
  });

  it("say the uptime of the time observed in the engine's words", () => {
    const words = "up 100 % of the 3 h observed, not running 6 d 21 h";
    const headline = "up 100 % of the 3 h observed";
    const span = {
      percent: 100,
      up_percent: 100,
      observed_ms: 3 * HOUR_MS,
      not_running_ms: 165 * HOUR_MS,
      words,
      headline,
      details: "not running 6 d 21 h",
    };
    expect(uptimeText(span)).toBe(headline);
  });
});
