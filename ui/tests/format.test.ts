import { describe, expect, it } from "vitest";
import { clockTime, formatLatency, formatPercent, localTime, parseTime } from "../src/lib/format";
import { at, NOW } from "./support";

describe("localTime", () => {
  it("shows only the time for today", () => {
    expect(localTime(at(10, 42), NOW)).toBe("10:42");
    expect(localTime(at(0, 5), NOW)).toBe("00:05");
  });

  it("adds the date for another day, and the year for another year", () => {
    expect(localTime(at(23, 59, 27), NOW)).toBe("Nov 27 23:59");
    expect(localTime(new Date(2025, 0, 3, 7, 8).getTime(), NOW)).toBe("Jan 3 2025 07:08");
  });

  it("is empty for a missing or invalid time", () => {
    expect(localTime(null, NOW)).toBe("");
    expect(localTime(Number.NaN, NOW)).toBe("");
  });
});

describe("parseTime", () => {
  it("reads RFC 3339 and refuses anything else", () => {
    expect(parseTime("2026-11-28T10:42:00Z")).toBe(Date.UTC(2026, 10, 28, 10, 42));
    expect(parseTime("")).toBeNull();
    expect(parseTime(null)).toBeNull();
    expect(parseTime("yesterday")).toBeNull();
  });
});

describe("formatPercent", () => {
  it("never rounds any downtime up to 100 %", () => {
    expect(formatPercent(99.999)).toBe("99.99 %");
    expect(formatPercent(100)).toBe("100.00 %");
    expect(formatPercent(90)).toBe("90.00 %");
  });

  it("says so when nothing was judged", () => {
    expect(formatPercent(null)).toBe("not judged yet");
  });
});

describe("formatLatency", () => {
  it("uses ms below a second and seconds above", () => {
    expect(formatLatency(320)).toBe("320 ms");
    expect(formatLatency(1234)).toBe("1.2 s");
  });
});

describe("clockTime", () => {
  it("shows the local clock time only, for chart axes", () => {
    expect(clockTime(at(9, 5))).toBe("09:05");
    expect(clockTime(at(23, 59, 27))).toBe("23:59");
  });
});
