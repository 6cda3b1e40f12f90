// The dashboard window, built (ui/dist), in Chromium, with the backend mocked in the page.

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { ServiceStatus, Snapshot } from "../src/ipc";
import {
  dashboardResponses,
  emptyServiceHistory,
  healthy,
  history,
  NOW,
  oneDown,
  oneDownResponses,
  probe,
  snapshot,
} from "./fixtures";
import { artifact, emitEvent, invocations, mockTauri, setResponse, type MockResponses } from "./support";

const DOCS = resolve(import.meta.dirname, "..", "..", "docs");

async function open(page: Page, responses: MockResponses): Promise<void> {
  await mockTauri(page, { responses, label: "dashboard" });
  await page.clock.setFixedTime(NOW);
  await page.goto("dashboard.html");
}

/** Waits until every card has its history (or its error) and its chart. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator("#services")).not.toHaveAttribute("aria-busy");
  await expect(page.locator("#services .card[data-service]:not([data-history])")).toHaveCount(0);
  const loaded = page.locator('#services .card[data-history="loaded"]');
  await expect(page.locator('#services .card[data-history="loaded"] .chart-plot canvas')).toHaveCount(
    await loaded.count(),
  );
}

const card = (page: Page, id: string) => page.locator(`#services li[data-service="${id}"]`);

// ---- every state -------------------------------------------------------------------------

interface StateCase {
  name: string;
  snap: Snapshot;
  headline: string;
  connectivity?: RegExp;
  cards: Record<string, { word: string; cause?: string }>;
}

const [wa, ig, fb] = healthy() as [ServiceStatus, ServiceStatus, ServiceStatus];
const unknown = (s: ServiceStatus, over: Partial<ServiceStatus> = {}): ServiceStatus => ({
  ...s,
  state: "unknown",
  latency_ms: null,
  ...over,
});
const offlineServices = [unknown(wa), unknown(ig), unknown(fb)];

const STATES: StateCase[] = [
  {
    name: "all-up",
    snap: snapshot(healthy()),
    headline: "All good",
    cards: {
      whatsapp: { word: "Up", cause: "Everything works." },
      instagram: { word: "Up" },
      facebook: { word: "Up" },
    },
  },
  {
    name: "one-down",
    snap: oneDown(),
    headline: "WhatsApp is down — it's not you",
    cards: { whatsapp: { word: "Down", cause: "Server errors (HTTP 503)" }, instagram: { word: "Up" } },
  },
  {
    name: "degraded",
    snap: snapshot([wa, { ...ig, state: "degraded", cause: "slow", cause_text: "Slow to answer (2.4 s)" }, fb], {
      overall: "degraded",
    }),
    headline: "Instagram has problems — it's not you",
    cards: { instagram: { word: "Degraded", cause: "Slow to answer (2.4 s)" }, whatsapp: { word: "Up" } },
  },
  {
    name: "maintenance",
    snap: snapshot(
      [
        wa,
        ig,
        {
          ...fb,
          state: "maintenance",
          cause: "official",
          cause_text: "Under maintenance, says its status page",
          official: { source: "statuspage", state: "maintenance", text: "Scheduled maintenance until 12:00", incident: null },
        },
      ],
      { overall: "maintenance" },
    ),
    headline: "Facebook is in maintenance",
    cards: { facebook: { word: "Maintenance", cause: "Under maintenance, says its status page" } },
  },
  {
    name: "checking",
    snap: snapshot(
      healthy().map((s) => unknown(s, { probes: [] })),
      { controls: [], overall: "unknown" },
    ),
    headline: "Checking…",
    connectivity: /^You are online · last check 11:19$/,
    cards: { whatsapp: { word: "Checking…", cause: "Waiting for the first check." } },
  },
  {
    name: "unknown",
    snap: snapshot([wa, unknown(ig), fb], { overall: "unknown" }),
    headline: "Some services can't be judged yet",
    cards: { instagram: { word: "Not judged", cause: "Not enough checks to judge it yet." }, whatsapp: { word: "Up" } },
  },
  {
    name: "offline",
    snap: snapshot(offlineServices, {
      connectivity: "offline",
      overall: "offline",
      controls: ["1.1.1.1:53", "9.9.9.9:53"].map((target) =>
        probe({ kind: "tcp", target, ok: false, cause: "tcp_unreachable", cause_text: "The servers are unreachable", latency_ms: 3000 }),
      ),
    }),
    headline: "You are offline — services can't be judged",
    connectivity: /^You are offline · 0 of 2 control checks work/,
    cards: { whatsapp: { word: "Not judged", cause: "Can't be judged while you are offline." } },
  },
  {
    // Every control fails while the services answer: say what was seen, not "offline".
    name: "checks-blocked",
    snap: snapshot(offlineServices, {
      connectivity: "offline",
      overall: "offline",
      controls: ["1.1.1.1:53", "9.9.9.9:53"].map((target) =>
        probe({ kind: "tcp", target, ok: false, cause: "tcp_refused", cause_text: "Connection refused", latency_ms: 2 }),
      ),
      connection_note:
        "Your connection checks fail (1.1.1.1:53: connection refused, 9.9.9.9:53: connection refused) while some services answer: your network may block the checks",
    }),
    headline: "Your network may block the connection checks",
    connectivity: /^You are offline · 0 of 2 control checks work/,
    cards: {},
  },
  {
    name: "dns-broken",
    snap: snapshot(offlineServices, { connectivity: "dns_broken", overall: "dns_broken" }),
    headline: "Your DNS is broken",
    connectivity: /^Your DNS is broken/,
    cards: { facebook: { word: "Not judged", cause: "Can't be judged while your DNS is broken." } },
  },
  {
    name: "captive-portal",
    snap: snapshot(offlineServices, { connectivity: "captive_portal", overall: "captive_portal" }),
    headline: "A login page (captive portal) intercepts your connection",
    connectivity: /^A login page \(captive portal\) intercepts your connection/,
    cards: { instagram: { word: "Not judged", cause: "Can't be judged until you sign in to the network." } },
  },
];

test.describe("every state has its headline and card words", () => {
  for (const c of STATES) {
    test(c.name, async ({ page }, info) => {
      await open(page, dashboardResponses(c.snap));
      await expect(page.locator("#headline")).toHaveText(c.headline);
      await expect(page.locator("#connectivity")).toHaveText(
        c.connectivity ?? /^You are online · 2 of 2 control checks work/,
      );
      for (const [id, want] of Object.entries(c.cards)) {
        await expect(card(page, id).locator(".state-word")).toHaveText(want.word);
        await expect(card(page, id).locator(".card-head .state-icon")).not.toBeEmpty();
        if (want.cause) await expect(card(page, id).locator(".cause")).toHaveText(want.cause);
      }
      if (c.snap.controls.length > 0) {
        await expect(page.locator("#controls-summary")).toHaveText(/^Connection checks: /);
      }
      await settled(page);
      await artifact(page, info, `state-${c.name}`);
    });
  }
});

// ---- live ----------------------------------------------------------------------------------

test("an observation event updates a card without a reload", async ({ page }, info) => {
  await open(page, dashboardResponses(snapshot(healthy())));
  await settled(page);
  await expect(page.locator("#headline")).toHaveText("All good");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const before = (await invocations(page, "get_service_history")).length;

  await emitEvent(page, "observation", oneDown());

  await expect(page.locator("#headline")).toHaveText("WhatsApp is down — it's not you");
  await expect(card(page, "whatsapp").locator(".state-word")).toHaveText("Down");
  await expect(card(page, "whatsapp").locator(".cause")).toHaveText("Server errors (HTTP 503)");
  await expect(card(page, "whatsapp").locator(".official")).toHaveText(
    "Official status (Meta Status): Major outage: WhatsApp messages are delayed",
  );
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  // One round, one refetch of each card's history.
  await expect.poll(async () => (await invocations(page, "get_service_history")).length).toBe(before + 3);
  await artifact(page, info, "live-update");
});

test("Check now shows progress until the round's result, then returns", async ({ page }, info) => {
  await open(page, dashboardResponses(snapshot(healthy())));
  await settled(page);
  const button = page.locator("#check-now");
  await button.click();
  await expect(button).toBeDisabled();
  await expect(button).toHaveText("Checking…");
  await expect(button).toHaveAttribute("aria-busy", "true");
  await expect(page.locator("#check-progress")).toHaveText("Checking every service now…");
  await expect.poll(async () => (await invocations(page, "check_now")).length).toBe(1);
  await artifact(page, info, "check-now-progress", false);

  await emitEvent(page, "observation", snapshot(healthy(), { checked_at: new Date(NOW).toISOString() }));
  await expect(button).toBeEnabled();
  await expect(button).toHaveText("Check now");
  await expect(page.locator("#check-progress")).toHaveText(/^Checked at \d\d:\d\d:\d\d$/);
});

// ---- keyboard ------------------------------------------------------------------------------

test("the keyboard reaches Check now, the range buttons and the expanders", async ({ page }) => {
  await open(page, oneDownResponses());
  await settled(page);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        id: el?.id ?? "",
        tag: el?.tagName.toLowerCase() ?? "",
        range: el instanceof HTMLElement ? (el.dataset.range ?? "") : "",
        outline: el ? getComputedStyle(el).outlineStyle : "",
      };
    });
  const tabTo = async (want: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const f = await focused();
      if (want(f)) return f;
    }
    throw new Error("never reached by Tab");
  };

  const check = await tabTo((f) => f.id === "check-now");
  expect(check.outline).toBe("solid"); // the focus ring shows

  await tabTo((f) => f.tag === "summary");
  const first = card(page, "whatsapp").locator("details");
  await expect(first).not.toHaveAttribute("open");
  await page.keyboard.press("Enter");
  await expect(first).toHaveAttribute("open");
  await expect(first.locator(".probe")).toHaveCount(4);
  await expect(first.locator('.probe[data-ok="false"]')).toContainText("Server errors (HTTP 503)");

  const range = await tabTo((f) => f.range === "24h");
  expect(range.outline).toBe("solid");
  await page.keyboard.press("Space");
  await expect(card(page, "whatsapp").locator('button[data-range="24h"]')).toHaveAttribute("aria-pressed", "true");
  await expect(card(page, "whatsapp").locator(".chart-plot")).toHaveAttribute("aria-label", /last 24 hours/);

  // Trouble first, then by name: Facebook's card follows WhatsApp's.
  await tabTo((f) => f.tag === "summary");
  const second = card(page, "facebook").locator("details");
  await page.keyboard.press("Space");
  await expect(second).toHaveAttribute("open");
  await expect(second.locator(".probe").first()).toContainText("Works");
});

// ---- charts and bars -----------------------------------------------------------------------

/** Pixels of a card's chart that are clearly red (failure bands and markers). */
async function redPixels(page: Page, id: string): Promise<number> {
  return card(page, id)
    .locator(".chart-plot canvas")
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext("2d");
      if (!ctx) return -1;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 100 && r > 120 && r > g + 60 && r > b + 60) n++;
      }
      return n;
    });
}

test("charts mark failures in red, offline time not, and follow the window's size", async ({ page }) => {
  await open(page, oneDownResponses());
  await settled(page);
  expect(await redPixels(page, "whatsapp")).toBeGreaterThan(50);
  expect(await redPixels(page, "facebook")).toBe(0); // only offline time: grey
  await expect(card(page, "whatsapp").locator(".chart-readout")).toHaveText(
    /^Typical \d+ ms, slowest \d+ ms · 37 failures: Server errors \(HTTP 503\) · 6 while you were offline \(not counted\)$/,
  );
  const bar = card(page, "whatsapp").locator(".bars").first().locator(".bar").last();
  await expect(bar).toHaveAttribute("data-state", "down");
  await expect(bar).toHaveAttribute("title", "11:00–now: up 10 % of the 20 min observed, down 18 min");
  // Of the time observed, in the engine's words (a stand-in here); degraded time counts apart.
  await expect(card(page, "whatsapp").locator(".bars-percent").first()).toHaveText(
    /^up 9\d(\.\d)? % of the 2\d h( \d+ min)? observed$/,
  );
  await expect(card(page, "whatsapp").locator(".bars-details").first()).toHaveText(
    "degraded 25 min, down 18 min, offline 1 h 3 min (not counted), not running 1 h",
  );
  const gapBar = card(page, "whatsapp").locator(".bars").first().locator(".bar").nth(2);
  await expect(gapBar).toHaveAttribute("data-state", "gap");
  await expect(gapBar).toHaveAttribute("title", /: not running$/);
  const offlineBar = card(page, "whatsapp").locator(".bars").first().locator(".bar").nth(13);
  await expect(offlineBar).toHaveAttribute("data-state", "offline");
  await expect(offlineBar).toHaveAttribute("title", "01:00–02:00: you were offline 1 h, not counted");

  const canvas = card(page, "whatsapp").locator(".chart-plot canvas");
  const wide = (await canvas.boundingBox())?.width ?? 0;
  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeLessThan(wide - 100);
});

test("nothing moves when the histories arrive", async ({ page }) => {
  const responses = oneDownResponses();
  for (const key of Object.keys(responses)) {
    if (key.startsWith("get_service_history")) responses[key] = { ...responses[key], delayMs: 2500 };
  }
  await open(page, responses);
  await expect(card(page, "whatsapp").locator(".card-head .state-word")).toHaveText("Down");
  const layout = () =>
    page.evaluate(() => ({
      loaded: document.querySelectorAll("#services [data-history]").length,
      boxes: [...document.querySelectorAll<HTMLElement>("#services > li, #incidents-title")].map((el) => {
        const r = el.getBoundingClientRect();
        return [Math.round(r.top), Math.round(r.height)];
      }),
    }));
  const before = await layout();
  expect(before.loaded).toBe(0); // measured while the histories were still on their way
  await settled(page);
  const after = await layout();
  expect(after.loaded).toBe(3);
  expect(after.boxes).toEqual(before.boxes);
});

test("readable at 200 % zoom: everything wraps, nothing scrolls sideways", async ({ browser }, info) => {
  // A 1000 × 1400 window at 200 % zoom lays out like this.
  const context = await browser.newContext({ viewport: { width: 500, height: 700 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await open(page, oneDownResponses());
  await settled(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const plot = await card(page, "whatsapp").locator(".chart-plot").boundingBox();
  const canvas = await card(page, "whatsapp").locator(".chart-plot canvas").boundingBox();
  expect(canvas?.width).toBeLessThanOrEqual((plot?.width ?? 0) + 1);
  await artifact(page, info, "zoom-200");
  await context.close();
});

// ---- empty and error states ------------------------------------------------------------------

test("empty history: no data yet, no incidents", async ({ page }, info) => {
  await open(
    page,
    dashboardResponses(snapshot(healthy()), {
      get_history: { value: history([], []) },
      get_service_history: { value: emptyServiceHistory("any") },
      "get_service_history?service=whatsapp": { value: emptyServiceHistory("whatsapp") },
      "get_service_history?service=instagram": { value: emptyServiceHistory("instagram") },
      "get_service_history?service=facebook": { value: emptyServiceHistory("facebook") },
    }),
  );
  await settled(page);
  const wa = card(page, "whatsapp");
  await expect(wa.locator(".chart-empty")).toHaveText("No checks in the last hour yet.");
  await expect(wa.locator(".bars-percent").first()).toHaveText("not judged yet");
  await expect(wa.locator('.bar[data-state="gap"]')).toHaveCount(31);
  await expect(wa.locator(".bar").first()).toHaveAttribute("title", /: not running$/);
  await expect(page.locator("#incidents")).toBeHidden();
  await expect(page.locator("#incidents-message")).toHaveText("No history yet: it fills in as the app keeps checking.");
  await artifact(page, info, "empty-history");
});

test("backend error: a clear message and a retry that works", async ({ page }, info) => {
  const error = { kind: "internal", message: "the engine is not running", key: null, line: null };
  await open(page, dashboardResponses(oneDown(), { get_snapshot: { error } }));
  await expect(page.locator("#error")).toBeVisible();
  await expect(page.locator("#error-text")).toHaveText("Could not load the status: the engine is not running");
  await expect(page.locator("#services")).toHaveText("The services show here once the status loads.");
  await artifact(page, info, "backend-error");

  await setResponse(page, "get_snapshot", { value: oneDown() });
  await page.locator("#retry").click();
  await expect(page.locator("#headline")).toHaveText("WhatsApp is down — it's not you");
  await expect(page.locator("#error")).toBeHidden();
  await settled(page);
});

test("a history error stays in its card, with a retry", async ({ page }) => {
  const error = { kind: "io", message: "database is locked", key: null, line: null };
  await open(page, dashboardResponses(snapshot(healthy()), { "get_service_history?service=instagram": { error } }));
  await settled(page);
  const ig = card(page, "instagram");
  await expect(ig.locator(".card-error")).toContainText("Could not load the history: database is locked");
  await expect(card(page, "whatsapp").locator(".card-error")).toBeHidden();
  await setResponse(page, "get_service_history?service=instagram", { value: emptyServiceHistory("instagram") });
  await ig.getByRole("button", { name: "Try again" }).click();
  await expect(ig).toHaveAttribute("data-history", "loaded");
  await expect(ig.locator(".card-error")).toBeHidden();
});

// ---- the README's pictures ---------------------------------------------------------------------

for (const scheme of ["light", "dark"] as const) {
  test(`README screenshot, ${scheme}`, async ({ page }, info) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 960, height: 900 });
    await open(page, oneDownResponses());
    await settled(page);
    await expect(card(page, "whatsapp").locator(".state-word")).toHaveText("Down");
    await card(page, "whatsapp").locator("summary").click();
    await page.locator("#check-now").blur();
    await artifact(page, info, `dashboard-${scheme}`);
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: resolve(DOCS, `dashboard-${scheme}.png`), fullPage: true });
  });
}
