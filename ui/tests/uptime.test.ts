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
    words: "no data",
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

  it("grey out offline-only and empty buckets, never calling them down", () => {
    expect(barState(bucket({ offline_ms: 60 * MIN }))).toBe("offline");
    expect(barState(bucket())).toBe("none");
    expect(barState(bucket({ unknown_ms: 5 * MIN }))).toBe("none");
  });

  it("label each bar with its time range, then the engine's words for it", () => {
    const down = bucket({ up_ms: 48 * MIN, down_ms: 12 * MIN, worst: "down", percent: 80, words: "down 12 min, 80 % up" });
    expect(bar(down, HOUR_MS, NOW).label).toBe("10:00–11:00: down 12 min, 80 % up");
    expect(bar(bucket({ up_ms: 60 * MIN, worst: "up", percent: 100, words: "100 % up" }), HOUR_MS, NOW - MIN).label).toBe(
      "10:00–now: 100 % up",
    );
  });

  it("name other days in day bars, and end the filling bar with now", () => {
    expect(bucketRange(at(11, 0, 26), DAY_MS, NOW)).toBe("Nov 26 11:00–Nov 27 11:00");
    expect(bucketRange(at(12, 0, 27), DAY_MS, NOW)).toBe("Nov 27 12:00–now");
    expect(bars([bucket(), bucket({ start_ms: at(11, 0) })], HOUR_MS, NOW).map((b) => b.start_ms)).toEqual([
      at(10, 0),
      at(11, 0),
    ]);
  });

  it("say the uptime, or that nothing was judged yet", () => {
    expect(uptimeText(99.5)).toBe("99.50 % up");
    expect(uptimeText(null)).toBe("not judged yet");
  });
});
