// The dashboard page (ui/dashboard.html) against a mocked backend: the real IPC module,
// the real views, fake answers and events. (Charts are not drawn in jsdom; their words are.)

import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startDashboard } from "../src/dashboard";
import { COMMANDS, EVENTS, type History, type ServiceHistory, type Snapshot } from "../src/ipc";
import { emptyBucket, emptyServiceHistory, incident, serviceHistory, span } from "./dash-fixtures";
import { beforeFirstRound, down, history, loadPage, NOW, probe, service, snapshot } from "./support";

interface Backend {
  snapshot: Snapshot | Error;
  history: History | Error;
  serviceHistory: (id: string) => ServiceHistory | Error;
  calls: { cmd: string; args: unknown }[];
  checkNow?: () => unknown;
  historyNotice?: string | null | Error;
  backRequests?: string[];
  logDir?: string | null | Error;
  welcome?: string | null;
}

const orThrow = <T>(v: T | Error): T => {
  if (v instanceof Error) throw v;
  return v;
};

function mockBackend(b: Backend): void {
  mockIPC(
    (cmd, args) => {
      b.calls.push({ cmd, args });
      switch (cmd) {
        case COMMANDS.getSnapshot:
          return orThrow(b.snapshot);
        case COMMANDS.getHistory:
          return orThrow(b.history);
        case COMMANDS.getServiceHistory:
          return orThrow(b.serviceHistory((args as { service: string }).service));
        case COMMANDS.getPause:
          return null;
        case COMMANDS.getHistoryNotice:
          return orThrow(b.historyNotice ?? null);
        case COMMANDS.getLogDir:
          return orThrow(b.logDir ?? null);
        case COMMANDS.getWelcome:
          return b.welcome ?? null;
        case COMMANDS.openIncident:
          return null;
        case COMMANDS.checkNow:
          return b.checkNow?.();
        case COMMANDS.getBackRequests:
          return b.backRequests ?? [];
        case COMMANDS.tellWhenBack: {
          const { service, on } = args as { service: string; on: boolean };
          const ids = new Set(b.backRequests ?? []);
          if (on) ids.add(service);
          else ids.delete(service);
          b.backRequests = [...ids];
          return b.backRequests;
        }
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
const card = (id: string) => document.querySelector<HTMLElement>(`#services li[data-service="${id}"]`);
const text = (el: Element | null | undefined, selector: string) => el?.querySelector(selector)?.textContent;

describe("dashboard", () => {
  let backend: Backend;
  let stop: (() => void) | undefined;
  const start = async () => {
    stop = await startDashboard(document, { now: () => NOW, refreshDelayMs: 0 });
  };

  beforeEach(() => {
    loadPage("dashboard.html");
    backend = {
      snapshot: snapshot([service("WhatsApp")]),
      history: history(),
      serviceHistory: (id) => serviceHistory(id),
      calls: [],
    };
    mockBackend(backend);
  });

  afterEach(() => {
    stop?.();
    clearMocks();
    vi.useRealTimers();
  });

  it("answers is it me or them, with one card per service", async () => {
    backend.snapshot = snapshot([down("WhatsApp"), service("Instagram")]);
    await start();

    expect($("headline").textContent).toBe("WhatsApp is down — it's not you");
    expect($("summary").dataset.tone).toBe("down");
    expect($("connectivity").textContent).toContain("You are online");
    const whatsapp = card("whatsapp");
    expect(text(whatsapp, ".state")).toBe("✕Down");
    expect(whatsapp?.querySelector(".state-icon")?.getAttribute("aria-hidden")).toBe("true");
    expect(text(whatsapp, ".since")).toBe("since 10:42");
    expect(text(whatsapp, ".cause")).toBe("DNS lookups fail (SERVFAIL)");
    expect(text(whatsapp, ".probes summary")).toBe("Checks: 1 of 1 fails");
    expect(text(whatsapp, ".probe")).toContain("DNS lookups fail (SERVFAIL)");
    expect(text(card("instagram"), ".state-word")).toBe("Up");
    expect(text(card("instagram"), ".cause")).toBe("Everything works.");
    expect(document.querySelectorAll("#services .skeleton-card")).toHaveLength(0);
    expect($("error").hidden).toBe(true);
  });

  it("says when the official status still reads operational, and offers to tell when it's back", async () => {
    backend.snapshot = snapshot([
      {
        ...down("WhatsApp"),
        official_lag: {
          since: "",
          since_ms: NOW - 12 * 60_000,
          says: "All Systems Operational",
          words: "the official status still says “All Systems Operational” (12 min)",
        },
      },
      service("Instagram"),
    ]);
    await start();
    const whatsapp = card("whatsapp");
    expect(text(whatsapp, ".official-lag")).toBe("The official status still says “All Systems Operational” (12 min)");
    expect(card("instagram")?.querySelector<HTMLElement>(".official-lag")?.hidden).toBe(true);
    expect(card("instagram")?.querySelector<HTMLElement>(".back")?.hidden).toBe(true);
    const back = whatsapp?.querySelector<HTMLButtonElement>(".back");
    expect(back?.hidden).toBe(false);
    back?.click();
    await vi.waitFor(() => expect(back?.getAttribute("aria-pressed")).toBe("true"));
    expect(backend.calls).toContainEqual({ cmd: COMMANDS.tellWhenBack, args: { service: "whatsapp", on: true } });
    expect(back?.textContent).toContain("You will be told");
  });

  it("shows one line per service, trouble first, when many are watched; a line expands to its card", async () => {
    const names = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"];
    backend.snapshot = snapshot([...names.map((n) => service(n)), down("Late")]);
    await start();
    const list = $("services");
    expect(list.dataset.compact).toBe("true");
    const first = list.firstElementChild as HTMLElement;
    expect(first.dataset.service).toBe("late");
    const line = first.querySelector<HTMLButtonElement>(".card-line");
    expect(line?.hidden).toBe(false);
    expect(line?.textContent).toContain("Late");
    expect(line?.textContent).toContain("DNS lookups fail (SERVFAIL)");
    expect(line?.getAttribute("aria-expanded")).toBe("false");
    line?.click();
    expect(first.dataset.expanded).toBe("true");
    expect(line?.getAttribute("aria-expanded")).toBe("true");
    await vi.waitFor(() => expect(first.querySelector("svg.sparkline")?.getAttribute("data-points")).not.toBeNull());
  });

  it("keeps full cards for a few services", async () => {
    await start();
    expect($("services").dataset.compact).toBe("false");
    expect(card("whatsapp")?.querySelector<HTMLElement>(".card-line")?.hidden).toBe(true);
  });

  it("says in the backend's words, in one line, what happened to the history at start", async () => {
    const words =
      "The history was damaged; it is kept as /data/history.sqlite3.damaged-20261118T101320Z and a fresh history was started.";
    backend.historyNotice = words;
    await start();
    expect($("history-notice").hidden).toBe(false);
    expect($("history-notice").textContent).toBe(words);
    expect(backend.calls.filter((c) => c.cmd === COMMANDS.getHistoryNotice)).toHaveLength(1);
    expect($("headline").textContent).toBe("All good");
  });

  it("says in its footer where the log files are, or nothing when there are none", async () => {
    backend.logDir = "/home/u/.local/share/outage-radar/logs";
    await start();
    expect($("log-dir").hidden).toBe(false);
    expect($("log-dir").textContent).toBe(
      "Log files (attach the latest to a bug report): /home/u/.local/share/outage-radar/logs",
    );
    stop?.();
    loadPage("dashboard.html");
    backend.logDir = new Error("backend gone");
    await start();
    expect($("log-dir").hidden).toBe(true);
    expect($("headline").textContent).toBe("All good");
  });

  it("says a status page's outage once, with its incident, and draws no empty chart for a service with only a status page", async () => {
    const reported = service("Shop", {
      state: "down",
      cause: "official",
      cause_text: "Reported down by its status page",
      detail: "Major System Outage",
      latency_ms: null,
      probes: [],
      probe_count: 0,
      official: {
        source: "statuspage",
        state: "down",
        text: "Major System Outage",
        incident: { title: "Shop unavailable", url: "https://stspg.io/p1yx0mk3c9gw" },
      },
    });
    backend.snapshot = snapshot([reported, service("WhatsApp")]);
    await start();
    const shop = card("shop");
    expect(text(shop, ".cause")).toBe("Reported down by its status page");
    expect(text(shop, ".official")).toContain("Official status (status page): Major System Outage — “Shop unavailable”");
    expect(shop?.textContent?.match(/Official status/g)).toHaveLength(1);
    // No checks to list and no latency to chart: neither shows, and never "none run yet".
    expect(shop?.querySelector<HTMLElement>(".probes")?.hidden).toBe(true);
    expect(shop?.querySelector<HTMLElement>(".chart-block")?.hidden).toBe(true);
    expect(shop?.textContent).not.toContain("none run yet");
    // The other card keeps its checks and chart.
    expect(card("whatsapp")?.querySelector<HTMLElement>(".probes")?.hidden).toBe(false);

    const link = shop?.querySelector<HTMLButtonElement>(".incident-link");
    expect(link?.hidden).toBe(false);
    link?.click();
    await vi.waitFor(() =>
      expect(backend.calls.filter((c) => c.cmd === COMMANDS.openIncident)).toEqual([
        { cmd: COMMANDS.openIncident, args: { service: "shop" } },
      ]),
    );
  });

  it("lists each connection check with its result, opened when one fails", async () => {
    const refused = probe({
      kind: "tcp",
      target: "1.1.1.1:53",
      ok: false,
      cause: "tcp_refused",
      cause_text: "Connection refused",
      latency_ms: 3,
    });
    backend.snapshot = snapshot([service("WhatsApp")], {
      controls: [probe({ kind: "tcp", target: "9.9.9.9:53", latency_ms: 12 }), refused],
    });
    await start();
    const controls = $("controls") as HTMLDetailsElement;
    expect(controls.hidden).toBe(false);
    expect(controls.open).toBe(true);
    expect($("controls-summary").textContent).toBe("Connection checks: 1 of 2 fails");
    const items = [...controls.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual(["✓ TCP 9.9.9.9:53 — works, 12 ms", "✕ TCP 1.1.1.1:53 — fails: Connection refused after 3 ms"]);
  });

  it("says where the app lives on the first run only", async () => {
    const words = "Outage Radar keeps watching from the tray. Closing this window does not stop it.";
    backend.welcome = words;
    await start();
    expect($("welcome").hidden).toBe(false);
    expect($("welcome").textContent).toBe(words);
    stop?.();
    loadPage("dashboard.html");
    backend.welcome = null;
    await start();
    expect($("welcome").hidden).toBe(true);
  });

  it("shows no history notice when the history opened fine, or the notice cannot be read", async () => {
    await start();
    expect($("history-notice").hidden).toBe(true);
    stop?.();
    loadPage("dashboard.html");
    backend.historyNotice = new Error("backend gone");
    await start();
    expect($("history-notice").hidden).toBe(true);
    expect($("headline").textContent).toBe("All good");
  });

  it("puts the services in trouble first, worst first, then by name, and follows changes", async () => {
    const degraded = (name: string) =>
      service(name, { state: "degraded", cause: "slow", cause_text: "Slow to answer (2.5 s)" });
    const order = () =>
      [...document.querySelectorAll<HTMLElement>("#services li[data-service]")].map((li) => li.dataset.service);
    backend.snapshot = snapshot([service("Alpha"), degraded("Bravo"), down("Charlie"), service("Delta")]);
    await start();
    expect(order()).toEqual(["charlie", "bravo", "alpha", "delta"]);
    expect($("headline").textContent).toBe("Charlie is down · Bravo has problems — it's not you");
    const alpha = card("alpha");
    await emit(EVENTS.observation, snapshot([down("Alpha"), service("Bravo"), down("Charlie"), service("Delta")]));
    expect(order()).toEqual(["alpha", "charlie", "bravo", "delta"]);
    expect(card("alpha")).toBe(alpha); // moved, not rebuilt
  });

  it("shows Checking… before the first round, then updates live on events", async () => {
    backend.snapshot = beforeFirstRound(["WhatsApp"]);
    await start();
    expect($("headline").textContent).toBe("Checking…");
    expect(text(card("whatsapp"), ".state-word")).toBe("Checking…");
    const el = card("whatsapp");

    await emit(EVENTS.observation, snapshot([service("WhatsApp")]));
    expect($("headline").textContent).toBe("All good");

    await emit(
      EVENTS.statusChanged,
      snapshot([service("WhatsApp", { state: "unknown" })], { connectivity: "offline", overall: "offline" }),
    );
    expect($("headline").textContent).toBe("You are offline — services can't be judged");
    expect(text(card("whatsapp"), ".state-word")).toBe("Not judged");
    expect(text(card("whatsapp"), ".cause")).toBe("Can't be judged while you are offline.");
    expect(card("whatsapp")).toBe(el); // updated in place, not rebuilt
  });

  it("draws each card's uptime bars and chart words from get_service_history", async () => {
    backend.serviceHistory = (id) => {
      const words = "up 93.3 % of the 3 h observed, degraded 12 min, not running 20 h 30 min";
      const h = serviceHistory(id, { uptime_24h: span(words) });
      const last = h.hours_24[23];
      if (last) {
        const bar = { up_ms: 48 * 60_000, down_ms: 12 * 60_000, worst: "down", percent: 80 } as const;
        Object.assign(last, { ...bar, words: "up 80 % of the 1 h observed, down 12 min" });
      }
      h.hours_24[0] = emptyBucket(h.hours_24[0]?.start_ms ?? 0);
      return h;
    };
    await start();
    expect(backend.calls).toContainEqual({ cmd: COMMANDS.getServiceHistory, args: { service: "whatsapp" } });
    const whatsapp = card("whatsapp");
    expect(whatsapp?.dataset.history).toBe("loaded");
    const [day, week] = whatsapp?.querySelectorAll(".bars") ?? [];
    expect(day?.querySelectorAll(".bar")).toHaveLength(24);
    expect(week?.querySelectorAll(".bar")).toHaveLength(7);
    const bar = day?.querySelector(".bar:last-child");
    expect(bar?.getAttribute("data-state")).toBe("down");
    expect(bar?.getAttribute("title")).toBe("11:00–now: up 80 % of the 1 h observed, down 12 min");
    expect(bar?.textContent).toBe("11:00–now: up 80 % of the 1 h observed, down 12 min");
    // The headline is the engine's: of the time observed, degraded time named.
    expect(text(whatsapp, ".uptime-block .bars-percent")).toBe("up 93.3 % of the 3 h observed");
    expect(text(whatsapp, ".uptime-block .bars-details")).toBe("degraded 12 min, not running 20 h 30 min");
    // An hour the app did not observe at all is a gap, neither up nor down.
    const gap = day?.querySelector(".bar:first-child");
    expect(gap?.getAttribute("data-state")).toBe("gap");
    expect(gap?.getAttribute("title")).toMatch(/: not running$/);
    expect(text(whatsapp, ".chart-readout")).toBe("Typical 320 ms, slowest 340 ms · no failures");
    expect(whatsapp?.querySelector(".chart-plot")?.getAttribute("aria-label")).toContain("last hour");

    const button24 = whatsapp?.querySelector<HTMLButtonElement>('button[data-range="24h"]');
    button24?.click();
    expect(button24?.getAttribute("aria-pressed")).toBe("true");
    expect(whatsapp?.querySelector(".chart-plot")?.getAttribute("aria-label")).toContain("last 24 hours");
  });

  it("lists recent incidents with start, end, duration and cause", async () => {
    backend.snapshot = snapshot([down("WhatsApp")]);
    backend.history = history({
      incidents: [
        incident(),
        incident({
          id: 6,
          start_ms: NOW - 5 * 3_600_000,
          start: new Date(NOW - 5 * 3_600_000).toISOString(),
          end_ms: NOW - 4 * 3_600_000,
          end: new Date(NOW - 4 * 3_600_000).toISOString(),
          ongoing: false,
          duration_secs: 3600,
          duration_text: "1 h",
          worst: "degraded",
          cause: "slow",
          cause_text: "Slow to answer",
        }),
      ],
    });
    await start();
    expect(backend.calls).toContainEqual({ cmd: COMMANDS.getHistory, args: { sinceHours: 168 } });
    const rows = [...document.querySelectorAll("#incident-rows tr")].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ["WhatsApp", "✕Down", "10:40", "ongoing", "20 min", "DNS lookups fail (SERVFAIL)"],
      ["WhatsApp", "▲Degraded", "06:00", "07:00", "1 h", "Slow to answer"],
    ]);
    expect($("incidents").hidden).toBe(false);
    expect($("incidents-message").hidden).toBe(true);
  });

  it("designs the empty history: no data yet, no incidents", async () => {
    backend.serviceHistory = (id) => emptyServiceHistory(id);
    await start();
    const whatsapp = card("whatsapp");
    expect(text(whatsapp, ".chart-empty")).toBe("No checks in the last hour yet.");
    expect(text(whatsapp, ".bars-percent")).toBe("not judged yet");
    expect(whatsapp?.querySelector(".bar")?.getAttribute("data-state")).toBe("gap");
    // The legend names the gap and time not judged in the engine's words.
    const legend = [...document.querySelectorAll(".legend li")].map((li) => li.textContent);
    expect(legend.slice(-2)).toEqual(["Not judged", "Not running"]);
    expect($("incidents").hidden).toBe(true);
    expect($("incidents-message").textContent).toBe("No history yet: it fills in as the app keeps checking.");
  });

  it("fetches the histories once per round, whatever the number of events", async () => {
    await start();
    const count = () => backend.calls.filter((c) => c.cmd === COMMANDS.getServiceHistory).length;
    expect(count()).toBe(1);
    await emit(EVENTS.observation, snapshot([down("WhatsApp")]));
    await emit(EVENTS.statusChanged, snapshot([down("WhatsApp")]));
    await vi.waitFor(() => expect(count()).toBe(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(count()).toBe(2);
  });

  it("keeps an open expander and the focus across live updates", async () => {
    await start();
    const details = card("whatsapp")?.querySelector("details");
    const summary = details?.querySelector("summary");
    if (!details || !summary) throw new Error("no expander");
    details.open = true;
    summary.focus();
    await emit(EVENTS.observation, snapshot([down("WhatsApp")]));
    expect(details.open).toBe(true);
    expect(document.activeElement).toBe(summary);
    expect(text(card("whatsapp"), ".state-word")).toBe("Down");
  });

  it("disables Check now until the next observation arrives", async () => {
    await start();
    const button = $("check-now") as HTMLButtonElement;
    button.click();
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Checking…");
    expect($("check-progress").textContent).toBe("Checking every service now…");
    await vi.waitFor(() => expect(backend.calls.map((c) => c.cmd)).toContain(COMMANDS.checkNow));
    expect(button.disabled).toBe(true);

    await emit(EVENTS.observation, snapshot([down("WhatsApp")]));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("Check now");
    // A round that ended within a blink still shows it ran, to the second.
    expect($("check-progress").textContent).toMatch(/^Checked at \d\d:\d\d:\d\d$/);
    expect($("headline").textContent).toBe("WhatsApp is down — it's not you");
  });

  it("gives Check now back when no round result comes", async () => {
    stop = await startDashboard(document, { now: () => NOW, checkGiveUpMs: 50 });
    const button = $("check-now") as HTMLButtonElement;
    button.click();
    expect(button.disabled).toBe(true);
    await vi.waitFor(() => expect(button.disabled).toBe(false));
  });

  it("re-enables Check now and says why when the command fails", async () => {
    backend.checkNow = () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- Tauri rejects with the serialized CommandError, a plain object
      throw { kind: "internal", message: "the engine has stopped", key: null, line: null };
    };
    await start();
    const button = $("check-now") as HTMLButtonElement;
    button.click();
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    expect($("error").hidden).toBe(false);
    expect($("error-text").textContent).toBe("Could not start a check: the engine has stopped");
    expect($("retry").hidden).toBe(true);
  });

  it("shows the backend error with a retry when the snapshot cannot be loaded", async () => {
    backend.snapshot = new Error("no engine");
    await start();
    expect($("error").hidden).toBe(false);
    expect($("error-text").textContent).toBe("Could not load the status: no engine");
    expect($("headline").textContent).toBe("Checking…");
    expect($("services").textContent).toBe("The services show here once the status loads.");

    backend.snapshot = snapshot([service("WhatsApp")]);
    $("retry").click();
    await vi.waitFor(() => expect($("headline").textContent).toBe("All good"));
    expect($("error").hidden).toBe(true);
    await vi.waitFor(() => expect(card("whatsapp")?.dataset.history).toBe("loaded"));
  });

  it("shows history errors where they belong, each with a retry", async () => {
    backend.serviceHistory = () => new Error("database is locked");
    backend.history = new Error("database is locked");
    await start();
    const whatsapp = card("whatsapp");
    expect(whatsapp?.dataset.history).toBe("error");
    expect(text(whatsapp, ".card-error")).toContain("Could not load the history: database is locked");
    expect($("incidents-message").textContent).toBe("Could not load the incidents: database is locked");
    expect($("incidents-retry").hidden).toBe(false);

    backend.serviceHistory = (id) => serviceHistory(id);
    whatsapp?.querySelector<HTMLButtonElement>(".card-error button")?.click();
    await vi.waitFor(() => expect(whatsapp?.dataset.history).toBe("loaded"));
    expect(whatsapp?.querySelector<HTMLElement>(".card-error")?.hidden).toBe(true);
  });
});
