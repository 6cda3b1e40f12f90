// A mocked backend for the settings page, and custom services shaped like the backend's JSON.

import { mockIPC } from "@tauri-apps/api/mocks";
import { COMMANDS, type CommandError, type ServiceForm, type SettingsForm, type SettingsState } from "../src/ipc";

export interface SettingsBackend {
  state: SettingsState;
  /** What save_settings received, in order. */
  saved: SettingsForm[];
  /** Reject the next saves with this. */
  refuse?: CommandError;
  /** Reject get_settings with this. */
  loadFails?: unknown;
  pausedUntil: number | null;
  pauses: (number | null)[];
  tests: number;
  /** Windows destroyed (the JS side of a close that was not prevented). */
  destroyed: number;
  /** Times the page quit the app (Quit from the tray). */
  quits: number;
  calls: string[];
}

export function settingsBackend(state: SettingsState, over: Partial<SettingsBackend> = {}): SettingsBackend {
  return { state, saved: [], pausedUntil: null, pauses: [], tests: 0, destroyed: 0, quits: 0, calls: [], ...over };
}

/** Answers the settings window's commands from `b`; events are mocked too. */
export function mockSettingsBackend(b: SettingsBackend, now: () => number = Date.now): void {
  mockIPC(
    (cmd, args) => {
      b.calls.push(cmd);
      switch (cmd) {
        case COMMANDS.getSettings:
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- as Tauri rejects: a plain CommandError
          if (b.loadFails !== undefined) throw b.loadFails;
          return b.state;
        case COMMANDS.saveSettings: {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- Tauri rejects with the serialized CommandError, a plain object
          if (b.refuse) throw b.refuse;
          const { form } = args as { form: SettingsForm };
          b.saved.push(structuredClone(form));
          // Like the backend: ids made from names, the choices filled in again.
          const services = form.services.map((s) => ({ ...s, id: s.id || s.name.toLowerCase().replace(/\W+/g, "-") }));
          return { ...form, services, available_builtins: b.state.form.available_builtins };
        }
        case COMMANDS.getPause:
          return b.pausedUntil;
        case COMMANDS.setPause: {
          const { minutes } = args as { minutes: number | null };
          b.pauses.push(minutes);
          b.pausedUntil = minutes === null ? null : now() + minutes * 60_000;
          return b.pausedUntil;
        }
        case COMMANDS.sendTestNotification:
          b.tests += 1;
          return null;
        case "plugin:window|destroy":
          b.destroyed += 1;
          return null;
        case COMMANDS.quitApp:
          b.quits += 1;
          return null;
        default:
          throw new Error(`unexpected command ${cmd}`);
      }
    },
    { shouldMockEvents: true },
  );
}

/** A saved service as the backend lists it: every check of the file, one by one. */
export function shop(over: Partial<ServiceForm> = {}): ServiceForm {
  return {
    id: "shop",
    name: "My Shop",
    enabled: true,
    probes: [
      { kind: "http", target: "https://shop.test/health", expect: "200-299", contains: "OK" },
      { kind: "dns", target: "shop.test", expect: null, contains: null },
      { kind: "tcp", target: "shop.test:443", expect: null, contains: null },
    ],
    status: { kind: "statuspage", url: "https://status.shop.test/api/v2/summary.json", component: "Web", org: null, service: null },
    ...over,
  };
}

export function blog(over: Partial<ServiceForm> = {}): ServiceForm {
  return {
    id: "blog",
    name: "Blog",
    enabled: false,
    probes: [{ kind: "dns", target: "blog.test", expect: null, contains: null }],
    status: null,
    ...over,
  };
}

// ---- driving the page as a person would ----------------------------------------------------

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el as T;
};

export const field = (id: string) => $<HTMLInputElement>(id);

/** Types into an input or picks in a select, firing the events a person's edit fires. */
export function type(id: string, value: string): void {
  const el = $<HTMLInputElement | HTMLSelectElement>(id);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

export function tick(id: string, checked: boolean): void {
  const el = field(id);
  el.checked = checked;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

export const click = (id: string) => $<HTMLButtonElement>(id).click();

/** Ids of every element marked invalid. */
export const invalid = () => Array.from(document.querySelectorAll("[aria-invalid]"), (el) => el.id);
