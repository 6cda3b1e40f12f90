// "Connection checks" in the settings window: the built-in ones, or a list of the user's own
// edited like a service's checks, saved as `connectivity`, refusals next to the row at fault.

import { clearMocks, mockWindows } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectivityForm } from "../src/ipc";
import { controlFieldForKey, sameControls } from "../src/lib/control-keys";
import { type SettingsPage, startSettings, UNSAVED_MESSAGE } from "../src/settings";
import { BUILTIN_CHECKS, loadPage, NOW, settingsForm } from "./support";
import { $, click, field, invalid, mockSettingsBackend, type SettingsBackend, settingsBackend, tick, type } from "./settings-support";

const rows = () => Array.from(document.querySelectorAll("#connectivity-list .probe"), (el) => el.id);
const targets = () => rows().map((_, j) => field(`control-${j}-target`).value);

describe("connection checks in the settings window", () => {
  let backend: SettingsBackend;
  let page: SettingsPage;

  const start = async (connectivity: ConnectivityForm | null) => {
    loadPage("settings.html");
    mockWindows("settings");
    backend = settingsBackend({ form: settingsForm({ connectivity }), path: "/c/config.toml", error: null });
    mockSettingsBackend(backend, () => NOW);
    page = await startSettings(document, { now: () => NOW, choose: () => Promise.reject(new Error("not asked")) });
  };
  const save = async () => {
    $<HTMLFormElement>("settings-form").requestSubmit();
    await new Promise((r) => setTimeout(r, 0));
  };

  afterEach(async () => {
    await page.stop();
    clearMocks();
  });

  it("shows the built-in checks by default, with nothing to edit", async () => {
    await start({ builtin: true, probes: BUILTIN_CHECKS, defaults: BUILTIN_CHECKS });
    expect(field("connectivity-builtin").checked).toBe(true);
    expect($("connectivity-defaults").textContent).toBe(
      "Built-in: TCP 1.1.1.1:53, DNS www.wikipedia.org, HTTP http://connectivitycheck.gstatic.com/generate_204.",
    );
    expect(rows()).toEqual([]);
    expect($("add-control").hidden).toBe(true);
    expect(page.hasUnsavedChanges()).toBe(false);
  });

  it("an own list starts from the built-in one, is edited, and is saved as sent", async () => {
    await start({ builtin: true, probes: BUILTIN_CHECKS, defaults: BUILTIN_CHECKS });
    tick("connectivity-builtin", false);
    expect(targets()).toEqual(BUILTIN_CHECKS.map((p) => p.target));
    expect(page.hasUnsavedChanges()).toBe(true);
    expect($("form-status").textContent).toBe(UNSAVED_MESSAGE);
    // HTTP options only on the HTTP row.
    expect($("control-2").querySelector<HTMLElement>(".http-only")?.hidden).toBe(false);
    expect($("control-0").querySelector<HTMLElement>(".http-only")?.hidden).toBe(true);

    type("control-0-target", "10.0.0.53:53");
    click("control-1-remove");
    click("add-control");
    expect(document.activeElement?.id).toBe("control-2-target");
    type("control-2-kind", "dns");
    type("control-2-target", "intranet.example");
    expect($("control-2").querySelector("label[for=control-2-target]")?.textContent).toBe("Host name");
    await save();

    expect(backend.saved.map((f) => f.connectivity)).toEqual([
      {
        builtin: false,
        probes: [
          { kind: "tcp", target: "10.0.0.53:53", expect: null, contains: null },
          { kind: "http", target: "http://connectivitycheck.gstatic.com/generate_204", expect: "204", contains: null },
          { kind: "dns", target: "intranet.example", expect: null, contains: null },
        ],
        defaults: BUILTIN_CHECKS,
      },
    ]);
    expect(page.hasUnsavedChanges()).toBe(false);
  });

  it("ticking the built-in checks again is no change, and unticking brings the own list back", async () => {
    const own = [{ kind: "tcp" as const, target: "10.0.0.53:53", expect: null, contains: null }];
    await start({ builtin: false, probes: own, defaults: BUILTIN_CHECKS });
    expect(field("connectivity-builtin").checked).toBe(false);
    expect(targets()).toEqual(["10.0.0.53:53"]);
    type("control-0-target", "10.0.0.54:53");
    tick("connectivity-builtin", true);
    expect(rows()).toEqual([]);
    expect(page.hasUnsavedChanges()).toBe(true);
    tick("connectivity-builtin", false);
    expect(targets()).toEqual(["10.0.0.54:53"]);
    type("control-0-target", "10.0.0.53:53");
    expect(page.hasUnsavedChanges()).toBe(false);

    tick("connectivity-builtin", true);
    await save();
    expect(backend.saved.map((f) => f.connectivity?.builtin)).toEqual([true]);
  });

  it("a refused check is marked next to its row in the form's words, and cleared by an edit", async () => {
    await start({ builtin: true, probes: BUILTIN_CHECKS, defaults: BUILTIN_CHECKS });
    tick("connectivity-builtin", false);
    type("control-0-target", "10.0.0.53");
    backend.refuse = {
      kind: "config",
      message: "invalid `addr` \"10.0.0.53\": expected host:port",
      key: "connectivity.probes[0].target",
      line: null,
    };
    await save();
    expect(invalid()).toEqual(["control-0-target"]);
    expect($("control-0-target-error").textContent).toBe("invalid Address \"10.0.0.53\": expected host:port");
    expect(document.activeElement?.id).toBe("control-0-target");
    expect($("form-status").textContent).toBe("Not saved — 1 problem");
    expect(page.hasUnsavedChanges()).toBe(true);
    type("control-0-target", "10.0.0.53:53");
    expect(invalid()).toEqual([]);
    expect($("control-0-target-error").hidden).toBe(true);
  });

  it("an empty own list is refused on the group", async () => {
    await start({ builtin: false, probes: BUILTIN_CHECKS.slice(0, 1), defaults: BUILTIN_CHECKS });
    click("control-0-remove");
    expect(document.activeElement?.id).toBe("add-control");
    backend.refuse = {
      kind: "config",
      message: "add at least one connection check, or use the built-in ones",
      key: "connectivity.probes",
      line: null,
    };
    await save();
    expect(invalid()).toEqual(["connectivity"]);
    expect($("connectivity-error").textContent).toBe("add at least one connection check, or use the built-in ones");
  });

  it("is hidden, and nothing is sent, when the backend sends no connection checks", async () => {
    await start(null);
    expect($("connectivity").hidden).toBe(true);
    type("interval_secs", "90");
    await save();
    expect(backend.saved.map((f) => f.connectivity)).toEqual([null]);
  });
});

describe("where a connection check's refusal goes", () => {
  it("names the row's field, or the group for the list or a row it lacks", () => {
    expect(controlFieldForKey("connectivity.probes[1].target", 2)).toBe("control-1-target");
    expect(controlFieldForKey("connectivity.probes[1].addr", 2)).toBe("control-1-target");
    expect(controlFieldForKey("connectivity.probes[0].kind", 2)).toBe("control-0-kind");
    expect(controlFieldForKey("connectivity.probes[0].expect", 1)).toBe("control-0-expect");
    expect(controlFieldForKey("connectivity.probes[3].target", 2)).toBe("connectivity");
    expect(controlFieldForKey("connectivity.probes", 0)).toBe("connectivity");
    expect(controlFieldForKey("services[0].probes[0].target", 2)).toBeNull();
    expect(controlFieldForKey("interval_secs", 2)).toBeNull();
  });

  it("compares as Save would write", () => {
    const own = (target: string): ConnectivityForm => ({
      builtin: false,
      probes: [{ kind: "tcp", target, expect: null, contains: null }],
      defaults: [],
    });
    expect(sameControls(own("a:1"), own(" a:1 "))).toBe(true);
    expect(sameControls(own("a:1"), own("b:1"))).toBe(false);
    expect(sameControls({ ...own("a:1"), builtin: true }, { ...own("b:1"), builtin: true })).toBe(true);
    expect(sameControls(own("a:1"), { ...own("a:1"), builtin: true })).toBe(false);
  });
});
