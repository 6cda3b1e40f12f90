// The dashboard page (ui/dashboard.html) against a mocked backend: the real IPC module,
// the real views, fake answers and events.

import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startDashboard } from "../src/dashboard";
import { COMMANDS, EVENTS, type History, type Snapshot } from "../src/ipc";
import { beforeFirstRound, down, history, loadPage, NOW, service, snapshot } from "./support";

interface Backend {
  snapshot: Snapshot | Error;
  history: History;
  calls: { cmd: string; args: unknown }[];
  checkNow?: () => unknown;
}

function mockBackend(b: Backend): void {
  mockIPC(
    (cmd, args) => {
      b.calls.push({ cmd, args });
      switch (cmd) {
        case COMMANDS.getSnapshot:
          if (b.snapshot instanceof Error) throw b.snapshot;
          return b.snapshot;
        case COMMANDS.getHistory:
          return b.history;
        case COMMANDS.checkNow:
          return b.checkNow?.();
        default:
          throw new Error(`unexpected command ${cmd}`);
      }
    },
    { shouldMockEvents: true },
  );
}

const $ = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
};
const row = (id: string) => document.querySelector<HTMLElement>(`#services li[data-service="${id}"]`);

describe("dashboard", () => {
  let backend: Backend;
  let stop: (() => void) | undefined;

  beforeEach(() => {
    loadPage("dashboard.html");
    backend = { snapshot: snapshot([service("WhatsApp")]), history: history(), calls: [] };
    mockBackend(backend);
  });

  afterEach(() => {
    stop?.();
    clearMocks();
    vi.useRealTimers();
  });

  it("answers is it me or them, with one row per service", async () => {
    backend.snapshot = snapshot([down("WhatsApp"), service("Instagram")]);
    stop = await startDashboard(document, { now: () => NOW });

    expect($("headline").textContent).toBe("WhatsApp is down — it's not you");
    expect($("summary").dataset.tone).toBe("down");
    expect($("connectivity").textContent).toContain("You are online");
    const whatsapp = row("whatsapp");
    expect(whatsapp?.querySelector(".state")?.textContent).toBe("✕Down");
    expect(whatsapp?.querySelector(".state-icon")?.getAttribute("aria-hidden")).toBe("true");
    expect(whatsapp?.querySelector(".since")?.textContent).toBe("since 10:42");
    expect(whatsapp?.querySelector(".cause")?.textContent).toBe("DNS lookups fail (SERVFAIL)");
    expect(row("instagram")?.querySelector(".state-word")?.textContent).toBe("Up");
    expect($("error").hidden).toBe(true);
  });

  it("shows Checking… before the first round, then updates live on events", async () => {
    backend.snapshot = beforeFirstRound(["WhatsApp"]);
    stop = await startDashboard(document, { now: () => NOW });
    expect($("headline").textContent).toBe("Checking…");
    expect(row("whatsapp")?.querySelector(".state-word")?.textContent).toBe("Checking…");

    await emit(EVENTS.observation, snapshot([service("WhatsApp")]));
    expect($("headline").textContent).toBe("All good");

    await emit(
      EVENTS.statusChanged,
      snapshot([service("WhatsApp", { state: "unknown" })], { connectivity: "offline", overall: "offline" }),
    );
    expect($("headline").textContent).toBe("You are offline — services can't be judged");
    expect(row("whatsapp")?.querySelector(".state-word")?.textContent).toBe("Not judged");
  });

  it("asks for 24 hours of history and shows uptime and incidents by service name", async () => {
    backend.history = history({
      uptime: [
        {
          service: "whatsapp",
          percent: 99.5,
          up_secs: 86_000,
          degraded_secs: 0,
          down_secs: 400,
          maintenance_secs: 0,
          unknown_secs: 0,
          offline_secs: 0,
        },
      ],
      incidents: [
        {
          id: 7,
          service: "whatsapp",
          start: new Date(NOW - 20 * 60_000).toISOString(),
          end: null,
          start_ms: NOW - 20 * 60_000,
          end_ms: null,
          ongoing: true,
          duration_secs: 1200,
          worst: "down",
          cause: "dns_servfail",
          cause_text: "DNS lookups fail (SERVFAIL)",
          causes: ["dns_servfail"],
          detail: "",
        },
      ],
    });
    stop = await startDashboard(document, { now: () => NOW });
    expect(backend.calls).toContainEqual({ cmd: COMMANDS.getHistory, args: { sinceHours: 24 } });
    const uptime = document.querySelector("#uptime-rows tr");
    expect(uptime?.querySelector("th")?.textContent).toBe("WhatsApp");
    expect(uptime?.querySelector("td")?.textContent).toBe("99.50 %");
    expect($("incidents").textContent).toContain("WhatsApp Down 10:40–ongoing (20 min)");
  });

  it("disables Check now until the next observation arrives", async () => {
    stop = await startDashboard(document, { now: () => NOW });
    const button = $("check-now") as HTMLButtonElement;
    button.click();
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Checking…");
    await vi.waitFor(() => expect(backend.calls.map((c) => c.cmd)).toContain(COMMANDS.checkNow));
    expect(button.disabled).toBe(true);

    await emit(EVENTS.observation, snapshot([down("WhatsApp")]));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("Check now");
    expect($("headline").textContent).toBe("WhatsApp is down — it's not you");
  });

  it("re-enables Check now and says why when the command fails", async () => {
    backend.checkNow = () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- Tauri rejects with the serialized CommandError, a plain object
      throw { kind: "internal", message: "the engine has stopped", key: null, line: null };
    };
    stop = await startDashboard(document, { now: () => NOW });
    const button = $("check-now") as HTMLButtonElement;
    button.click();
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    expect($("error").hidden).toBe(false);
    expect($("error").textContent).toBe("Could not start a check: the engine has stopped");
  });

  it("shows a visible message when the snapshot cannot be loaded", async () => {
    backend.snapshot = new Error("no engine");
    stop = await startDashboard(document, { now: () => NOW });
    expect($("error").hidden).toBe(false);
    expect($("error").textContent).toBe("Could not load the status: no engine");
    expect($("headline").textContent).toBe("Checking…");
  });
});
