// The settings page (ui/settings.html) against a mocked backend.

import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SAVED_MESSAGE, type SettingsPage, startSettings, UNSAVED_MESSAGE } from "../src/settings";
import { loadPage, settingsForm } from "./support";
import { mockSettingsBackend, type SettingsBackend, settingsBackend } from "./settings-support";

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const text = (id: string) => document.getElementById(id)?.textContent ?? "";
const save = () => (document.getElementById("save") as HTMLButtonElement).click();

describe("settings", () => {
  let backend: SettingsBackend;
  let page: SettingsPage | undefined;
  const start = async () => (page = await startSettings(document));

  beforeEach(() => {
    loadPage("settings.html");
    backend = settingsBackend({ form: settingsForm(), path: "/home/me/.config/outage-radar/config.toml", error: null });
    mockSettingsBackend(backend);
  });

  afterEach(async () => {
    await page?.stop();
    clearMocks();
  });

  it("fills the form, one checkbox per built-in service", async () => {
    await start();
    expect(input("interval_secs").value).toBe("60");
    expect(input("quiet_hours").value).toBe("22:00-07:00");
    expect(input("notifications-degraded").checked).toBe(false);
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>("#builtins-list input"));
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      ["whatsapp", true],
      ["instagram", true],
      ["threads", false],
    ]);
    expect(document.querySelector('label[for="builtin-threads"]')?.textContent).toBe("Threads");
    expect(text("config-path")).toBe("/home/me/.config/outage-radar/config.toml");
  });

  it("adds a service from the catalog: search by name or category, one click to watch", async () => {
    await start();
    const picker = document.getElementById("catalog-picker");
    expect(picker?.querySelector("h3")?.textContent).toBe("Add a service");
    // Only the watched built-ins show as checkboxes; the rest are in the picker.
    expect((input("builtin-threads").closest(".check") as HTMLElement).hidden).toBe(true);
    const names = () => Array.from(document.querySelectorAll(".catalog-entry .catalog-name"), (e) => e.textContent);
    expect(names()).toEqual(["Threads"]);
    const search = input("catalog-search");
    search.value = "messaging";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    expect(names()).toEqual([]);
    expect(text("catalog-count")).toContain("No built-in service matches");
    search.value = "soc";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    expect(names()).toEqual(["Threads"]);
    (document.querySelector('button[data-watch="threads"]') as HTMLButtonElement).click();
    expect(input("builtin-threads").checked).toBe(true);
    expect((input("builtin-threads").closest(".check") as HTMLElement).hidden).toBe(false);
    expect(names()).toEqual([]);
    expect(text("catalog-count")).toBe("Every built-in service is watched.");
    save();
    await vi.waitFor(() => expect(backend.saved).toHaveLength(1));
    expect(backend.saved[0]?.builtins).toEqual(["whatsapp", "instagram", "threads"]);
  });

  it("'Custom…' opens the editor for a service of one's own", async () => {
    await start();
    const before = document.querySelectorAll(".custom-service").length;
    (document.getElementById("catalog-custom") as HTMLButtonElement).click();
    expect(document.querySelectorAll(".custom-service").length).toBe(before + 1);
  });

  it("saves what was edited and says so", async () => {
    await start();
    input("interval_secs").value = "120";
    input("quiet_hours").value = "  ";
    input("builtin-threads").checked = true;
    input("builtin-instagram").checked = false;
    input("start_at_login").checked = true;
    save();
    await vi.waitFor(() => expect(text("form-status")).toBe(SAVED_MESSAGE));
    expect(backend.saved).toHaveLength(1);
    expect(backend.saved[0]).toMatchObject({
      interval_secs: 120,
      builtins: ["whatsapp", "threads"],
      notifications: { enabled: true, recovery: true, degraded: false, quiet_hours: null },
      start_at_login: true,
    });
  });

  it("shows a refusal next to the field named by its key", async () => {
    backend.refuse = { kind: "config", message: "must be at least 1", key: "interval_secs", line: null };
    await start();
    input("interval_secs").value = "0";
    save();
    const error = document.getElementById("interval_secs-error");
    await vi.waitFor(() => expect(error?.hidden).toBe(false));
    expect(error?.textContent).toBe("must be at least 1");
    expect(input("interval_secs").getAttribute("aria-invalid")).toBe("true");
    expect(input("interval_secs").getAttribute("aria-describedby")?.split(" ")).toEqual([
      "interval_secs-help",
      "interval_secs-error",
    ]);
    expect(document.activeElement).toBe(input("interval_secs"));
    expect(document.getElementById("form-error")?.hidden).toBe(true);
    // Beside Save: it was not saved, and how many problems there are.
    expect(text("form-status")).toBe("Not saved — 1 problem");

    // Editing the field answers its message at once; the changes stay unsaved.
    input("interval_secs").value = "30";
    input("interval_secs").dispatchEvent(new Event("input", { bubbles: true }));
    expect(error?.hidden).toBe(true);
    expect(input("interval_secs").hasAttribute("aria-invalid")).toBe(false);
    expect(text("form-status")).toBe(UNSAVED_MESSAGE);

    // The next successful save clears it.
    backend.refuse = undefined;
    save();
    await vi.waitFor(() => expect(text("form-status")).toBe(SAVED_MESSAGE));
    expect(error?.hidden).toBe(true);
    expect(input("interval_secs").hasAttribute("aria-invalid")).toBe(false);
    expect(input("interval_secs").getAttribute("aria-describedby")).toBe("interval_secs-help");
  });

  it("puts a refusal about the built-ins on their group", async () => {
    backend.refuse = { kind: "config", message: "unknown built-in `nope`", key: "builtins", line: null };
    await start();
    save();
    await vi.waitFor(() => expect(document.getElementById("builtins-error")?.hidden).toBe(false));
    expect(document.getElementById("builtins")?.getAttribute("aria-invalid")).toBe("true");
  });

  it("shows a refusal about a key the form does not edit at the top", async () => {
    backend.refuse = { kind: "config", message: "`shop` is used twice", key: "services[1].id", line: 12 };
    await start();
    save();
    const top = document.getElementById("form-error");
    await vi.waitFor(() => expect(top?.hidden).toBe(false));
    expect(top?.textContent).toBe("Not saved: “shop” is used twice");
  });

  it("refuses a number that is not whole before asking the backend", async () => {
    await start();
    input("timeout_ms").value = "1.5";
    save();
    expect(document.getElementById("timeout_ms-error")?.textContent).toBe("Enter a whole number, such as 60.");
    expect(backend.saved).toHaveLength(0);
  });

  it("shows a broken config file prominently and refuses to save", async () => {
    backend.state.error = "config.toml:3: interval_secs: expected an integer";
    await start();
    expect(document.getElementById("file-error")?.hidden).toBe(false);
    expect(text("file-error-text")).toBe("config.toml:3: interval_secs: expected an integer");
    expect(text("file-error-path")).toBe("/home/me/.config/outage-radar/config.toml");
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(true);
    // Why Save is off is said next to it, and tied to it for screen readers.
    expect(document.getElementById("save-blocked")?.hidden).toBe(false);
    expect(document.getElementById("save")?.getAttribute("aria-describedby")).toBe("save-blocked");
    // Enter in a field does not save either.
    document.getElementById("settings-form")?.dispatchEvent(new Event("submit", { cancelable: true }));
    await Promise.resolve();
    expect(backend.calls).not.toContain("save_settings");

    backend.state.error = null;
    (document.getElementById("reload") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(document.getElementById("file-error")?.hidden).toBe(true));
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(false);
    expect(document.getElementById("save-blocked")?.hidden).toBe(true);
  });

  it("a file broken while the window was open is refused like one broken at load", async () => {
    await start();
    backend.refuse = {
      kind: "file",
      message: "expected an integer (the file on disk must be fixed before saving)",
      key: "interval_secs",
      line: 3,
    };
    save();
    await vi.waitFor(() => expect(document.getElementById("file-error")?.hidden).toBe(false));
    expect(text("file-error-text")).toBe(
      "interval_secs: expected an integer (the file on disk must be fixed before saving) (line 3)",
    );
    expect(input("interval_secs").hasAttribute("aria-invalid")).toBe(false);
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(true);
  });

  it("says so when the settings cannot be loaded, and tries again", async () => {
    backend.loadFails = { kind: "internal", message: "engine not running", key: null, line: null };
    await start();
    expect(document.getElementById("load-error")?.hidden).toBe(false);
    expect(text("load-error-text")).toBe("engine not running");
    expect(document.getElementById("settings-form")?.hidden).toBe(true);

    backend.loadFails = undefined;
    (document.getElementById("retry") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(document.getElementById("load-error")?.hidden).toBe(true));
    expect(document.getElementById("settings-form")?.hidden).toBe(false);
    expect(input("interval_secs").value).toBe("60");
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(false);
  });

  it("reserves the page while loading: the form is there, Save waits", () => {
    expect(document.getElementById("settings-form")?.getAttribute("aria-busy")).toBe("true");
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(true);
    expect(text("form-status")).toBe("Loading your settings…");
  });

  it("sends a test notification", async () => {
    await start();
    (document.getElementById("test-notification") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text("test-status")).toMatch(/^Test notification sent/));
    expect(backend.tests).toBe(1);
  });
});
