import { describe, expect, it } from "vitest";
import { formMessage, notSavedLine } from "../src/lib/form-words";

describe("the form's words", () => {
  it("names what the form shows, never the file's keys or its path", () => {
    expect(formMessage("service `shop` needs `probes` or a `status` source")).toBe(
      "service “shop” needs checks or a status page",
    );
    expect(formMessage("/home/you/.config/outage-radar/config.toml:12: `interval_secs` must be at least 1")).toBe(
      "Interval must be at least 1",
    );
    expect(formMessage("`url` is missing")).toBe("Address is missing");
    expect(formMessage("must be at least 1, got 0")).toBe("must be at least 1, got 0");
  });

  it("counts the problems beside Save", () => {
    expect(notSavedLine(1)).toBe("Not saved — 1 problem");
    expect(notSavedLine(3)).toBe("Not saved — 3 problems");
  });
});
