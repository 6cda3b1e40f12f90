// Each scene is one mocked state, shown by the older UI and by this one; the two pictures go
// to $SHOTS/<scene>-before.png and -after.png. The older UI ignores fields it did not know.

import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { CommandError, ServiceStatus, SettingsForm } from "../src/ipc";
import { dashboardResponses, healthy, NOW, probe, service, snapshot, whatsappDown } from "../e2e/fixtures";
import { mockTauri, type MockResponses } from "../e2e/support";
import { AFTER_PORT, BEFORE_PORT } from "./playwright.config";

const SHOTS = process.env.SHOTS ?? resolve(import.meta.dirname, "..", "test-results", "before-after", "shots");
const MIN = 60_000;

interface Scene {
  name: string;
  page: "dashboard.html" | "settings.html";
  responses: MockResponses;
  /** What to do before the picture (a refused save, say). */
  act?: (page: Page) => Promise<void>;
  /** A part of the page instead of the whole window. */
  part?: string;
  /** The whole page, not only what the window shows. */
  fullPage?: boolean;
}

const slow = (s: ServiceStatus): ServiceStatus => ({
  ...s,
  state: "degraded",
  cause: "slow",
  cause_text: "Slow to answer (2.4 s)",
  latency_ms: 2400,
  since: new Date(NOW - 6 * MIN).toISOString(),
  since_ms: NOW - 6 * MIN,
});
const [, instagram, facebook] = healthy() as [ServiceStatus, ServiceStatus, ServiceStatus];

// Twelve services in the order of a config file; the two in trouble come late.
const names = ["Asana", "Bitbucket", "Confluence", "Discord", "Dropbox", "Figma", "GitHub", "GitLab", "Jira", "Notion", "Slack", "Zoom"];
const many = names.map((name) => service(name.toLowerCase(), name));
many[8] = { ...whatsappDown(), id: "jira", name: "Jira", official: null };
many[10] = slow(service("slack", "Slack"));

const blockedControls = ["1.1.1.1:53", "8.8.8.8:53"].map((target) =>
  probe({ kind: "tcp", target, ok: false, cause: "tcp_refused", cause_text: "Connection refused", latency_ms: 2 }),
);

const reported: ServiceStatus = {
  ...service("shop", "My Shop"),
  state: "down",
  cause: "official",
  cause_text: "Reported down by its status page; our checks still get through",
  official: {
    source: "statuspage",
    state: "down",
    text: "Major outage",
    incident: { title: "Checkout errors for some customers", url: "https://status.shop.example/incidents/abc" },
  },
};
const pageOnly: ServiceStatus = {
  ...service("login", "Login service"),
  state: "down",
  cause: "official",
  cause_text: "Reported down by its status page",
  latency_ms: null,
  probe_count: 0,
  probes: [],
  official: { source: "statuspage", state: "down", text: "Major outage", incident: null },
};

const checks = [
  { kind: "tcp" as const, target: "1.1.1.1:53", expect: null, contains: null },
  { kind: "dns" as const, target: "www.wikipedia.org", expect: null, contains: null },
];
const settingsForm: SettingsForm = {
  interval_secs: 60,
  confirm: 2,
  timeout_ms: 5000,
  slow_ms: 2000,
  builtins: ["whatsapp"],
  notifications: { enabled: true, recovery: true, degraded: true, quiet_hours: null },
  start_at_login: false,
  services: [
    {
      id: "shop",
      name: "My Shop",
      enabled: true,
      probes: [{ kind: "http", target: "ftp://shop.example/", expect: null, contains: null }],
      status: null,
    },
  ],
  connectivity: { builtin: true, probes: checks, defaults: checks },
  available_builtins: [{ id: "whatsapp", name: "WhatsApp", category: "Messaging", has_official: true }],
};
const refusal: CommandError = {
  kind: "config",
  key: "services[0].probes[0].target",
  message: "/home/you/.config/outage-radar/config.toml:12: invalid `url` \"ftp://shop.example/\": only http and https are checked",
  line: 12,
};
const settingsResponses = (error?: CommandError): MockResponses => ({
  get_settings: { value: { form: settingsForm, path: "/home/you/.config/outage-radar/config.toml", error: null } },
  save_settings: error ? { error } : { value: settingsForm },
  get_pause: { value: null },
  set_pause: { value: null },
});

const SCENES: Scene[] = [
  {
    name: "1-headline",
    page: "dashboard.html",
    responses: dashboardResponses(snapshot([whatsappDown(), slow(instagram), facebook], { overall: "down" })),
    part: "header",
  },
  { name: "2-trouble-first", page: "dashboard.html", responses: dashboardResponses(snapshot(many, { overall: "down" })) },
  {
    name: "3-checks-blocked",
    page: "dashboard.html",
    responses: dashboardResponses(
      snapshot(healthy(), {
        connectivity: "offline",
        overall: "offline",
        controls: blockedControls,
        connection_note:
          "Your connection checks fail (1.1.1.1:53: connection refused, 8.8.8.8:53: connection refused) while some services answer: your network may block the checks",
      }),
    ),
  },
  {
    name: "3c-connection-checks",
    page: "settings.html",
    responses: settingsResponses(),
    fullPage: true,
  },
  {
    name: "5-settings-error",
    page: "settings.html",
    responses: settingsResponses(refusal),
    act: async (page) => {
      await page.locator("#interval_secs").fill("30");
      await page.locator("#save").click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: "7-status-page",
    page: "dashboard.html",
    responses: dashboardResponses(snapshot([reported, pageOnly, facebook], { overall: "down" })),
  },
];

for (const scene of SCENES) {
  for (const [when, port] of [
    ["before", BEFORE_PORT],
    ["after", AFTER_PORT],
  ] as const) {
    test(`${scene.name} ${when}`, async ({ page }) => {
      await mockTauri(page, { responses: scene.responses, label: scene.page.replace(".html", "") });
      await page.clock.setFixedTime(NOW);
      await page.goto(`http://127.0.0.1:${port}/${scene.page}`);
      await expect(page.locator("body")).not.toBeEmpty();
      await page.waitForTimeout(800);
      await scene.act?.(page);
      const path = resolve(SHOTS, `${scene.name}-${when}.png`);
      if (scene.part) await page.locator(scene.part).first().screenshot({ path });
      else await page.screenshot({ path, fullPage: scene.fullPage ?? false });
    });
  }
}
