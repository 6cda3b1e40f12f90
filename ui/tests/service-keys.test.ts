import { describe, expect, it } from "vitest";
import type { CommandError } from "../src/ipc";
import { isBrokenFileError, placeError } from "../src/lib/save-errors";
import { serviceFieldForKey, type ServiceShape } from "../src/lib/service-keys";

// Service 0 is saved with 3 checks, service 1 is being added.
const shapes: ServiceShape[] = [
  { quick: false, probes: 3 },
  { quick: true, probes: 0 },
];

describe("serviceFieldForKey: the engine's key → the input at fault", () => {
  it.each([
    ["services[0].name", 0, "service-0-name"],
    ["services[0].id", 0, "service-0-name"],
    ["services[0].probes", 0, "service-0-probes"],
    ["services[0]", 0, "service-0-probes"],
    ["services[0].probes[1].target", 0, "service-0-probe-1-target"],
    ["services[0].probes[2].kind", 0, "service-0-probe-2-kind"],
    ["services[0].probes[0].expect", 0, "service-0-probe-0-expect"],
    ["services[0].probes[0].url", 0, "service-0-probe-0-target"],
    ["services[0].probes[7].target", 0, "service-0-probes"],
    ["services[0].status.url", 0, "service-0-status-url"],
    ["services[0].status.org", 0, "service-0-status-org"],
    ["services[0].status.kind", 0, "service-0-status-kind"],
    ["services[0].status", 0, "service-0-status-kind"],
    ["services[0].enabled", 0, "service-0-enabled"],
    // A new service: every check comes from "URL or host".
    ["services[1].probes[0].target", 1, "service-1-address"],
    ["services[1].probes[3].target", 1, "service-1-address"],
    ["services[1].probes", 1, "service-1-address"],
    ["services[1].probes[0].kind", 1, "service-1-kinds"],
    ["services[1].probes[0].expect", 1, "service-1-expect"],
    ["services[1].name", 1, "service-1-name"],
    ["services[1].status.url", 1, "service-1-status-url"],
  ])("%s → #%s", (key, index, id) => {
    expect(serviceFieldForKey(key, shapes)).toEqual({ index, id });
  });

  it.each([[null], [""], ["interval_secs"], ["services[2].name"], ["services[0].probes[0]x"], ["services[0].nope"]])(
    "%s is not a custom service's field",
    (key) => {
      expect(serviceFieldForKey(key, shapes)).toBeNull();
    },
  );
});

describe("placeError", () => {
  const refusal = (key: string | null, over: Partial<CommandError> = {}): CommandError => ({
    kind: "config",
    message: "bad",
    key,
    line: null,
    ...over,
  });

  it("top-level keys and custom services' keys", () => {
    expect(placeError(refusal("notifications.quiet_hours"), shapes)).toEqual({ id: "quiet_hours", service: null });
    expect(placeError(refusal("services[1].probes[0].target"), shapes)).toEqual({ id: "service-1-address", service: 1 });
    expect(placeError(refusal("connectivity.probes"), shapes)).toEqual({ id: "connectivity", service: null });
    expect(placeError(refusal("connectivity.probes[1].target"), shapes, 2)).toEqual({ id: "control-1-target", service: null });
  });

  it("nothing for other errors (they go to the top)", () => {
    expect(placeError(refusal(null), shapes)).toBeNull();
    expect(placeError(refusal("dns.nameservers[0]"), shapes)).toBeNull();
    expect(placeError(refusal("interval_secs", { kind: "internal" }), shapes)).toBeNull();
  });

  it("a file broken on disk is told apart from a bad field", () => {
    const broken = refusal("interval_secs", {
      kind: "file",
      message: "expected an integer (the file on disk must be fixed before saving)",
      line: 3,
    });
    expect(isBrokenFileError(broken)).toBe(true);
    expect(isBrokenFileError(refusal("interval_secs"))).toBe(false);
  });
});
