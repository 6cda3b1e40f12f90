// The settings page (ui/settings.html) against a mocked backend.

import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { COMMANDS, type CommandError, type SettingsForm, type SettingsState } from "../src/ipc";
import { SAVED_MESSAGE, startSettings } from "../src/settings";
import { loadPage, settingsForm } from "./support";

interface Backend {
  state: SettingsState;
  saved: SettingsForm[];
  refuse?: CommandError;
  tests: number;
}

function mockBackend(b: Backend): void {
  mockIPC((cmd, args) => {
    switch (cmd) {
      case COMMANDS.getSettings:
        return b.state;
      case COMMANDS.saveSettings: {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- Tauri rejects with the serialized CommandError, a plain object
        if (b.refuse) throw b.refuse;
        const { form } = args as { form: SettingsForm };
        b.saved.push(form);
        return { ...form, available_builtins: b.state.form.available_builtins };
      }
      case COMMANDS.sendTestNotification:
        b.tests += 1;
        return null;
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const text = (id: string) => document.getElementById(id)?.textContent ?? "";
const save = () => (document.getElementById("save") as HTMLButtonElement).click();

describe("settings", () => {
  let backend: Backend;

  beforeEach(() => {
    loadPage("settings.html");
    backend = { state: { form: settingsForm(), path: "/home/me/.config/outage-radar/config.toml", error: null }, saved: [], tests: 0 };
    mockBackend(backend);
  });

  afterEach(() => clearMocks());

  it("fills the form, one checkbox per built-in service", async () => {
    await startSettings(document);
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

  it("saves what was edited and says so", async () => {
    await startSettings(document);
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
    await startSettings(document);
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
    expect(text("form-status")).toBe("");

    // The next successful save clears it.
    backend.refuse = undefined;
    input("interval_secs").value = "30";
    save();
    await vi.waitFor(() => expect(text("form-status")).toBe(SAVED_MESSAGE));
    expect(error?.hidden).toBe(true);
    expect(input("interval_secs").hasAttribute("aria-invalid")).toBe(false);
    expect(input("interval_secs").getAttribute("aria-describedby")).toBe("interval_secs-help");
  });

  it("puts a refusal about the built-ins on their group", async () => {
    backend.refuse = { kind: "config", message: "unknown built-in `nope`", key: "builtins", line: null };
    await startSettings(document);
    save();
    await vi.waitFor(() => expect(document.getElementById("builtins-error")?.hidden).toBe(false));
    expect(document.getElementById("builtins")?.getAttribute("aria-invalid")).toBe("true");
  });

  it("shows a refusal about a key the form does not edit at the top", async () => {
    backend.refuse = { kind: "config", message: "`shop` is used twice", key: "services[1].id", line: 12 };
    await startSettings(document);
    save();
    const top = document.getElementById("form-error");
    await vi.waitFor(() => expect(top?.hidden).toBe(false));
    expect(top?.textContent).toBe("Not saved: services[1].id: `shop` is used twice (line 12)");
  });

  it("refuses a number that is not whole before asking the backend", async () => {
    await startSettings(document);
    input("timeout_ms").value = "1.5";
    save();
    expect(document.getElementById("timeout_ms-error")?.textContent).toBe("Enter a whole number, such as 60.");
    expect(backend.saved).toHaveLength(0);
  });

  it("shows a broken config file prominently and refuses to save", async () => {
    backend.state.error = "config.toml:3: interval_secs: expected an integer";
    await startSettings(document);
    expect(document.getElementById("file-error")?.hidden).toBe(false);
    expect(text("file-error-text")).toBe("config.toml:3: interval_secs: expected an integer");
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(true);

    backend.state.error = null;
    (document.getElementById("reload") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(document.getElementById("file-error")?.hidden).toBe(true));
    expect((document.getElementById("save") as HTMLButtonElement).disabled).toBe(false);
  });

  it("sends a test notification", async () => {
    await startSettings(document);
    (document.getElementById("test-notification") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text("test-status")).toMatch(/^Test notification sent/));
    expect(backend.tests).toBe(1);
  });
});
