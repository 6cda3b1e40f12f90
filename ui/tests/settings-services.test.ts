// Custom services on the settings page (ui/settings.html) against a mocked backend.

import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SAVED_MESSAGE, type SettingsPage, startSettings } from "../src/settings";
import { loadPage, settingsForm } from "./support";
import {
  $,
  blog,
  click,
  field,
  invalid,
  mockSettingsBackend,
  type SettingsBackend,
  settingsBackend,
  shop,
  tick,
  type,
} from "./settings-support";

const saved = async (backend: SettingsBackend, count = 1) => {
  click("save");
  await vi.waitFor(() => expect(backend.saved).toHaveLength(count));
  return backend.saved[count - 1]!;
};

/** Adds a service through the page: name, URL or host, kinds left as they are. */
function addService(name: string, address: string): number {
  const index = document.querySelectorAll("#services-list > li").length;
  click("add-service");
  type(`service-${index}-name`, name);
  type(`service-${index}-address`, address);
  return index;
}

describe("custom services", () => {
  let backend: SettingsBackend;
  let page: SettingsPage;

  beforeEach(async () => {
    loadPage("settings.html");
    backend = settingsBackend({ form: settingsForm({ services: [shop(), blog()] }), path: "/c/config.toml", error: null });
    mockSettingsBackend(backend);
    page = await startSettings(document);
  });

  afterEach(async () => {
    await page.stop();
    clearMocks();
  });

  it("lists them with a watch checkbox, a summary, Edit and Remove", () => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>("#services-list > li"));
    expect(rows.map((r) => r.id)).toEqual(["service-0", "service-1"]);
    expect(field("service-0-enabled").checked).toBe(true);
    expect(field("service-1-enabled").checked).toBe(false);
    expect(document.querySelector('label[for="service-0-enabled"]')?.textContent).toBe("Watch My Shop");
    expect($("service-0-summary").textContent).toBe("HTTP, DNS, TCP · official status: Statuspage");
    expect($("service-1-summary").textContent).toBe("DNS (not watched)");
    expect($("service-0-edit").textContent).toBe("Edit My Shop");
    expect($("service-0-edit").getAttribute("aria-expanded")).toBe("false");
    expect($("service-0-editor").hidden).toBe(true);
    expect($("services-empty").hidden).toBe(true);
  });

  it("the editor shows the service's real checks, one by one", () => {
    click("service-0-edit");
    expect($("service-0-edit").getAttribute("aria-expanded")).toBe("true");
    expect($("service-0-editor").hidden).toBe(false);
    const probes = [0, 1, 2].map((j) => [
      field(`service-0-probe-${j}-kind`).value,
      field(`service-0-probe-${j}-target`).value,
    ]);
    expect(probes).toEqual([
      ["http", "https://shop.test/health"],
      ["dns", "shop.test"],
      ["tcp", "shop.test:443"],
    ]);
    expect(field("service-0-probe-0-expect").value).toBe("200-299");
    expect(field("service-0-probe-0-contains").value).toBe("OK");
    // HTTP options only where they apply.
    expect($("service-0-probe-1").querySelector<HTMLElement>(".http-only")?.hidden).toBe(true);
    expect(field("service-0-status-kind").value).toBe("statuspage");
    expect(field("service-0-status-url").value).toBe("https://status.shop.test/api/v2/summary.json");
    expect(field("service-0-status-component").value).toBe("Web");
    expect(field("service-0-status-org").closest<HTMLElement>(".status-part")?.hidden).toBe(true);
    // Every input has a label.
    for (const el of $("service-0-editor").querySelectorAll("input, select")) {
      expect(document.querySelector(`label[for="${el.id}"]`), el.id).not.toBeNull();
    }
  });

  it("sends unchanged services back exactly as they came", async () => {
    click("service-0-edit");
    type("interval_secs", "30");
    const form = await saved(backend);
    expect(form.services).toEqual([shop(), blog()]);
  });

  it("adds a service from a URL: a proper ServiceForm with an empty id", async () => {
    const i = addService("Web Shop", "https://webshop.test/health");
    expect(document.activeElement).toBe(field(`service-${i}-name`));
    expect($(`service-${i}-preview`).textContent).toBe(
      "Will check: HTTP https://webshop.test/health, DNS webshop.test, TCP webshop.test:443, TLS webshop.test:443.",
    );
    type(`service-${i}-expect`, "200-299");
    type(`service-${i}-contains`, "Welcome");
    type(`service-${i}-status-kind`, "statuspage");
    type(`service-${i}-status-url`, "https://status.webshop.test/api/v2/summary.json");
    type(`service-${i}-status-component`, "Checkout");
    const form = await saved(backend);
    expect(form.services).toHaveLength(3);
    expect(form.services[2]).toEqual({
      id: "",
      name: "Web Shop",
      enabled: true,
      probes: [
        { kind: "http", target: "https://webshop.test/health", expect: "200-299", contains: "Welcome" },
        { kind: "dns", target: "webshop.test", expect: null, contains: null },
        { kind: "tcp", target: "webshop.test:443", expect: null, contains: null },
        { kind: "tls", target: "webshop.test:443", expect: null, contains: null },
      ],
      status: {
        kind: "statuspage",
        url: "https://status.webshop.test/api/v2/summary.json",
        component: "Checkout",
        org: null,
        service: null,
      },
    });
    // The form reloads from the answer: the new service now lists its checks, with its id.
    await vi.waitFor(() => expect($("form-status").textContent).toBe(SAVED_MESSAGE));
    expect($(`service-${i}`).dataset.quick).toBe("false");
    expect(field(`service-${i}-probe-3-target`).value).toBe("webshop.test:443");
  });

  it("a new service's editor: every control labelled, every field with a slot for its error", () => {
    const i = addService("", "");
    for (const el of $(`service-${i}-editor`).querySelectorAll("input, select")) {
      expect(document.querySelector(`label[for="${el.id}"]`), el.id).not.toBeNull();
    }
    for (const id of ["name", "address", "kinds", "expect", "contains", "status-kind", "status-url", "status-org"]) {
      expect(document.getElementById(`service-${i}-${id}-error`), id).not.toBeNull();
    }
    expect($(`service-${i}-preview`).textContent).toBe("Type a URL or host to see the checks.");
  });

  it("a bare host: DNS, TCP and TLS; HTTP cannot be ticked", async () => {
    const i = addService("Server", "server.test");
    expect(field(`service-${i}-kind-http`).disabled).toBe(true);
    tick(`service-${i}-kind-tls`, false);
    const form = await saved(backend);
    expect(form.services[i]?.probes.map((p) => `${p.kind} ${p.target}`)).toEqual(["dns server.test", "tcp server.test:443"]);
  });

  it("a bad URL: the engine's message at that field, and nothing else marked", async () => {
    backend.refuse = {
      kind: "config",
      message: "`htps://shop` is not an http(s) URL",
      key: "services[2].probes[0].target",
      line: null,
    };
    const i = addService("Typo", "htps://shop");
    click(`service-${i}-edit`); // closed by accident: an error opens it again
    expect($(`service-${i}-editor`).hidden).toBe(true);
    click("save");
    const error = $(`service-${i}-address-error`);
    await vi.waitFor(() => expect(error.hidden).toBe(false));
    expect(error.textContent).toBe("“htps://shop” is not an http(s) URL");
    expect(invalid()).toEqual([`service-${i}-address`]);
    expect(field(`service-${i}-address`).getAttribute("aria-describedby")?.split(" ")).toContain(`service-${i}-address-error`);
    expect($(`service-${i}-editor`).hidden).toBe(false);
    expect(document.activeElement).toBe(field(`service-${i}-address`));
    expect($("form-error").hidden).toBe(true);
    expect(Array.from(document.querySelectorAll(".field-error:not([hidden])"), (e) => e.id)).toEqual([
      `service-${i}-address-error`,
    ]);
    expect(backend.saved).toHaveLength(0);
  });

  it("an error about a saved service's check lands on that check, its editor opened", async () => {
    backend.refuse = { kind: "config", message: "`shop.test` is not host:port (e.g. example.com:443)", key: "services[0].probes[2].target", line: null };
    click("save");
    await vi.waitFor(() => expect(invalid()).toEqual(["service-0-probe-2-target"]));
    expect($("service-0-probe-2-target-error").textContent).toBe("“shop.test” is not host:port (e.g. example.com:443)");
    expect($("service-0-editor").hidden).toBe(false);
    expect(document.activeElement).toBe(field("service-0-probe-2-target"));
  });

  it("edits a saved service's checks: change, add, remove", async () => {
    click("service-0-edit");
    type("service-0-probe-0-target", "https://shop.test/ping");
    click("service-0-probe-1-remove");
    expect(document.activeElement).toBe($("service-0-add-probe"));
    click("service-0-add-probe");
    expect(document.activeElement).toBe(field("service-0-probe-2-kind"));
    type("service-0-probe-2-kind", "tls");
    type("service-0-probe-2-target", "shop.test:443");
    type("service-0-status-kind", "");
    const form = await saved(backend);
    expect(form.services[0]).toEqual({
      id: "shop",
      name: "My Shop",
      enabled: true,
      probes: [
        { kind: "http", target: "https://shop.test/ping", expect: "200-299", contains: "OK" },
        { kind: "tcp", target: "shop.test:443", expect: null, contains: null },
        { kind: "tls", target: "shop.test:443", expect: null, contains: null },
      ],
      status: null,
    });
  });

  it("switches one on, removes another", async () => {
    tick("service-1-enabled", true);
    click("service-0-remove");
    expect($("services-status").textContent).toBe("Removed My Shop. Save to apply.");
    expect(document.activeElement).toBe($("service-0-edit")); // now the blog
    const form = await saved(backend);
    expect(form.services).toEqual([{ ...blog(), enabled: true }]);
  });

  it("removing the last one says there are none and leaves focus on Add", () => {
    click("service-1-remove");
    click("service-0-remove");
    expect($("services-empty").hidden).toBe(false);
    expect(document.activeElement).toBe($("add-service"));
  });

  it("renaming updates the row as you type", () => {
    click("service-0-edit");
    type("service-0-name", "Shop EU");
    expect(document.querySelector('label[for="service-0-enabled"]')?.textContent).toBe("Watch Shop EU");
    expect($("service-0-edit").textContent).toBe("Edit Shop EU");
  });

  it("Meta Status: org and service, the URL only as an override", async () => {
    const i = addService("FB Login", "");
    tick(`service-${i}-kind-http`, false);
    type(`service-${i}-status-kind`, "metastatus");
    expect(field(`service-${i}-status-component`).closest<HTMLElement>(".status-part")?.hidden).toBe(true);
    expect(field(`service-${i}-status-org`).closest<HTMLElement>(".status-part")?.hidden).toBe(false);
    type(`service-${i}-status-org`, "facebook-login");
    type(`service-${i}-status-service`, "Facebook Login");
    const form = await saved(backend);
    expect(form.services[i]).toEqual({
      id: "",
      name: "FB Login",
      enabled: true,
      probes: [],
      status: { kind: "metastatus", url: null, component: null, org: "facebook-login", service: "Facebook Login" },
    });
  });
});
