// Shared by every Playwright spec: how Chromium is launched, the static server's address,
// and a mock of the Tauri IPC that runs inside the page.
//
// The mock is what `@tauri-apps/api/mocks` `mockIPC(..., { shouldMockEvents: true })` does,
// rewritten as one self-contained function so `page.addInitScript` can run it before the
// built page's own scripts: it defines `window.__TAURI_INTERNALS__` (`invoke`,
// `transformCallback`, `unregisterCallback`, `metadata`) and
// `window.__TAURI_EVENT_PLUGIN_INTERNALS__`, answers the event plugin's
// `plugin:event|listen` / `unlisten` / `emit` itself, and answers every other command from
// a table of canned responses. The page under test is ui/dist exactly as Tauri ships it.
//
// Use:
//   await mockTauri(page, { responses: { get_snapshot: { value: snap } } });
//   await page.goto("dashboard.html");
//   await emitEvent(page, "observation", snap2);        // as the backend would
//   await setResponse(page, "check_now", { pending: true });
//   expect(await invocations(page, "check_now")).toHaveLength(1);

import type { Page, TestInfo } from "@playwright/test";

/** Where `vite preview` serves ui/dist during the tests. */
export const PORT = Number(process.env.E2E_PORT ?? 4179);
export const BASE_URL = `http://127.0.0.1:${PORT}/`;

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launch flags: headless, and quiet (no network of its own, no first-run, no updates).
 * Playwright gives each launch a new, empty profile (user-data-dir) in a temp dir.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One canned answer: resolve with `value`, or reject with `error`, or never answer. */
export interface MockResponse {
  value?: unknown;
  error?: unknown;
  /** Never settles (a command that hangs). */
  pending?: boolean;
  /** Answers after this long. */
  delayMs?: number;
}

/**
 * Answers by command name. A key `cmd?arg=value` (e.g. `get_service_history?service=whatsapp`)
 * wins over plain `cmd` when the call has that string or number argument.
 */
export type MockResponses = Record<string, MockResponse>;

export interface MockConfig {
  responses: MockResponses;
  /** The window label the page believes it runs in (for `getCurrentWindow()`). */
  label?: string;
}

export interface MockCall {
  cmd: string;
  args: Record<string, unknown>;
}

/** What the mock exposes to the tests inside the page (`window.__TAURI_MOCK__`). */
export interface MockHandle {
  calls: MockCall[];
  responses: MockResponses;
  emit(event: string, payload: unknown): void;
}

declare global {
  interface Window {
    __TAURI_MOCK__: MockHandle;
  }
}

/** Runs in the page (serialized by Playwright): keep it self-contained. */
function installTauriMock(config: MockConfig): void {
  type Callback = (data: unknown) => void;
  const callbacks = new Map<number, Callback>();
  const listeners = new Map<string, number[]>();
  let nextId = 1;
  const calls: MockCall[] = [];
  const responses: MockResponses = { ...config.responses };

  const lookup = (cmd: string, args: Record<string, unknown>): MockResponse | undefined => {
    for (const [key, value] of Object.entries(args)) {
      if (typeof value !== "string" && typeof value !== "number") continue;
      const specific = responses[`${cmd}?${key}=${String(value)}`];
      if (specific) return specific;
    }
    return responses[cmd];
  };
  const emit = (event: string, payload: unknown): void => {
    for (const id of [...(listeners.get(event) ?? [])]) callbacks.get(id)?.({ event, id, payload });
  };
  const invoke = async (cmd: string, args: Record<string, unknown> = {}): Promise<unknown> => {
    if (cmd === "plugin:event|listen") {
      const event = String(args.event);
      const handler = Number(args.handler);
      listeners.set(event, [...(listeners.get(event) ?? []), handler]);
      return handler;
    }
    if (cmd === "plugin:event|unlisten") {
      const event = String(args.event);
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((id) => id !== Number(args.eventId)),
      );
      return null;
    }
    if (cmd === "plugin:event|emit") {
      emit(String(args.event), args.payload);
      return null;
    }
    calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) as Record<string, unknown> });
    const r = lookup(cmd, args);
    // Tauri rejects with the command's serialized error, a plain object (a CommandError).
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!r) throw { kind: "internal", message: `the mock has no answer for ${cmd}`, key: null, line: null };
    if (r.pending) return new Promise(() => {});
    if (r.delayMs) await new Promise((done) => setTimeout(done, r.delayMs));
    if ("error" in r) throw r.error;
    // A copy, so the page cannot change the canned answer.
    return r.value === undefined ? null : (JSON.parse(JSON.stringify(r.value)) as unknown);
  };

  const label = config.label ?? "main";
  const w = window as unknown as Record<string, unknown>;
  w.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback: Callback | undefined, once = false): number {
      const id = nextId++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        callback?.(data);
      });
      return id;
    },
    unregisterCallback(id: number): void {
      callbacks.delete(id);
    },
    convertFileSrc: (path: string) => path,
    metadata: { currentWindow: { label }, currentWebview: { windowLabel: label, label } },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener(_event: string, id: number): void {
      callbacks.delete(id);
    },
  };
  window.__TAURI_MOCK__ = { calls, responses, emit };
}

/** Installs the mock in `page` for every navigation from now on (call before `goto`). */
export async function mockTauri(page: Page, config: MockConfig): Promise<void> {
  await page.addInitScript(installTauriMock, config);
}

/** Emits a backend event to the page, as `app.emit(event, payload)` does. */
export async function emitEvent(page: Page, event: string, payload: unknown): Promise<void> {
  await page.evaluate(([e, p]) => window.__TAURI_MOCK__.emit(e, p), [event, payload] as const);
}

/** Changes one canned answer in the running page. */
export async function setResponse(page: Page, key: string, response: MockResponse): Promise<void> {
  await page.evaluate(([k, r]) => (window.__TAURI_MOCK__.responses[k] = r), [key, response] as const);
}

/** The commands the page has called so far (event plugin calls left out), or those named `cmd`. */
export async function invocations(page: Page, cmd?: string): Promise<MockCall[]> {
  const calls = await page.evaluate(() => window.__TAURI_MOCK__.calls);
  return cmd === undefined ? calls : calls.filter((c) => c.cmd === cmd);
}

/** Saves a screenshot as a test artifact (under ui/test-results/<test>/). */
export async function artifact(page: Page, info: TestInfo, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage });
}
