import { beforeEach, describe, expect, it } from "vitest";
import { errorIdFor, FIELD_IDS, fieldForKey, parseWholeNumber, quietHoursValue } from "../src/lib/fields";
import { loadPage } from "./support";

describe("fieldForKey: where a backend error goes", () => {
  it.each([
    ["interval_secs", "interval_secs"],
    ["confirm", "confirm"],
    ["timeout_ms", "timeout_ms"],
    ["slow_ms", "slow_ms"],
    ["quiet_hours", "quiet_hours"],
    ["notifications.quiet_hours", "quiet_hours"],
    ["enabled", "notifications-enabled"],
    ["notifications.recovery", "notifications-recovery"],
    ["builtins", "builtins"],
    ["builtins[2]", "builtins"],
    ["desktop.start_at_login", "start_at_login"],
  ])("%s goes next to #%s", (key, field) => {
    expect(fieldForKey(key)).toBe(field);
  });

  it.each([[null], [""], ["services[1].id"], ["services[0].probes[1].url"], ["connectivity.probes"], ["nope"]])(
    "%s has no field (the message goes to the top)",
    (key) => {
      expect(fieldForKey(key)).toBeNull();
    },
  );

  it("does not mistake inherited object keys for fields", () => {
    expect(fieldForKey("constructor")).toBeNull();
    expect(fieldForKey("toString")).toBeNull();
  });
});

describe("settings.html has every field the errors can point at", () => {
  beforeEach(() => loadPage("settings.html"));

  it.each(FIELD_IDS.map((id) => [id] as const))("#%s exists, is labelled and has an error slot", (id) => {
    const field = document.getElementById(id);
    expect(field).not.toBeNull();
    const labelled =
      field instanceof HTMLFieldSetElement
        ? field.querySelector("legend") !== null
        : document.querySelector(`label[for="${id}"]`) !== null;
    expect(labelled).toBe(true);
    expect(document.getElementById(errorIdFor(id))).not.toBeNull();
  });
});

describe("parseWholeNumber", () => {
  it("accepts whole numbers as typed", () => {
    expect(parseWholeNumber("60")).toBe(60);
    expect(parseWholeNumber(" 5 ")).toBe(5);
    expect(parseWholeNumber("0")).toBe(0);
  });

  it.each([[""], ["1.5"], ["-1"], ["1e3"], ["abc"], ["99999999999999999999"]])("refuses %j", (text) => {
    expect(parseWholeNumber(text)).toBeNull();
  });
});

describe("quietHoursValue", () => {
  it("trims, and empty means none", () => {
    expect(quietHoursValue(" 22:00-07:00 ")).toBe("22:00-07:00");
    expect(quietHoursValue("   ")).toBeNull();
  });
});
