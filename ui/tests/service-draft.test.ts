import { describe, expect, it } from "vitest";
import type { ServiceForm } from "../src/ipc";
import { hasUnsavedChanges, sameSettings } from "../src/lib/dirty";
import { draftFromService, newDraft, sameService, serviceFromDraft, summarize } from "../src/lib/service-draft";
import { settingsForm } from "./support";
import { blog, shop } from "./settings-support";

describe("ServiceForm ↔ draft", () => {
  it.each([["a service with every field", shop()], ["a switched-off one", blog()]])(
    "%s round-trips to the very same object",
    (_, s) => {
      expect(serviceFromDraft(draftFromService(s))).toBe(s);
    },
  );

  it("a Meta Status source round-trips", () => {
    const meta: ServiceForm = {
      id: "fb-login",
      name: "Facebook Login",
      enabled: true,
      probes: [],
      status: { kind: "metastatus", url: null, component: null, org: "facebook-login", service: "Facebook Login" },
    };
    expect(serviceFromDraft(draftFromService(meta))).toBe(meta);
  });

  it("an edit makes a new form: trimmed, empty = null, HTTP options only on HTTP", () => {
    const d = draftFromService(shop());
    d.name = "  Shop  ";
    d.probes[0] = { kind: "http", target: " https://shop.test/ ", expect: "", contains: "  " };
    d.probes[1] = { kind: "dns", target: "shop.test", expect: "200", contains: "x" };
    d.status = { kind: "statuspage", url: "https://status.test/api/v2/summary.json", component: "", org: "x", service: "y" };
    expect(serviceFromDraft(d)).toEqual({
      id: "shop",
      name: "Shop",
      enabled: true,
      probes: [
        { kind: "http", target: "https://shop.test/", expect: null, contains: null },
        { kind: "dns", target: "shop.test", expect: null, contains: null },
        { kind: "tcp", target: "shop.test:443", expect: null, contains: null },
      ],
      status: { kind: "statuspage", url: "https://status.test/api/v2/summary.json", component: null, org: null, service: null },
    });
  });

  it("switching off keeps everything else", () => {
    const d = draftFromService(shop());
    d.enabled = false;
    expect(serviceFromDraft(d)).toEqual({ ...shop(), enabled: false });
  });

  it("no official status is null", () => {
    const d = draftFromService(shop());
    d.status.kind = "";
    expect(serviceFromDraft(d).status).toBeNull();
  });

  it("a new service: id empty, checks from its address", () => {
    const d = newDraft();
    d.name = "Blog";
    d.quick = { address: "https://blog.test/", kinds: ["http", "tls"], expect: "200", contains: "" };
    expect(serviceFromDraft(d)).toEqual({
      id: "",
      name: "Blog",
      enabled: true,
      probes: [
        { kind: "http", target: "https://blog.test/", expect: "200", contains: null },
        { kind: "tls", target: "blog.test:443", expect: null, contains: null },
      ],
      status: null,
    });
  });

  it("sameService compares as written: spaces and empty vs null do not count", () => {
    const spaced = { ...shop(), name: " My Shop " };
    expect(sameService(shop(), spaced)).toBe(true);
    const empty = { ...shop(), status: { ...shop().status!, component: "" } };
    expect(sameService({ ...shop(), status: { ...shop().status!, component: null } }, empty)).toBe(true);
    expect(sameService(shop(), { ...shop(), enabled: false })).toBe(false);
  });

  it("summarize", () => {
    expect(summarize(shop())).toBe("HTTP, DNS, TCP · official status: Statuspage");
    expect(summarize({ ...blog(), probes: [], status: { kind: "metastatus", url: null, component: null, org: "x", service: null } })).toBe(
      "no checks of its own · official status: Meta Status",
    );
  });
});

describe("dirty tracking", () => {
  const saved = settingsForm({ services: [shop()] });

  it("the form as loaded is clean, whatever order the built-ins come in", () => {
    expect(hasUnsavedChanges(saved, structuredClone(saved))).toBe(false);
    expect(sameSettings(saved, { ...saved, builtins: ["instagram", "whatsapp"] })).toBe(true);
  });

  it("any edit is a change; undoing it is not", () => {
    expect(hasUnsavedChanges(saved, { ...saved, interval_secs: 61 })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, builtins: ["whatsapp"] })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, notifications: { ...saved.notifications, degraded: true } })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, start_at_login: true })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, services: [] })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, services: [{ ...shop(), enabled: false }] })).toBe(true);
    expect(hasUnsavedChanges(saved, { ...saved, services: [shop()] })).toBe(false);
  });

  it("quiet hours: spaces and empty vs none do not count", () => {
    const none = settingsForm({ notifications: { ...saved.notifications, quiet_hours: null } });
    expect(hasUnsavedChanges(none, { ...none, notifications: { ...none.notifications, quiet_hours: " " } })).toBe(false);
  });

  it("a number that does not read is a change; nothing loaded is nothing to lose", () => {
    expect(hasUnsavedChanges(saved, null)).toBe(true);
    expect(hasUnsavedChanges(null, saved)).toBe(false);
  });
});
