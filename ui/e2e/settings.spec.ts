// The settings window, built (ui/dist), in Chromium, with the backend mocked in the page.

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { CommandError, ProbeForm, ServiceForm, SettingsForm, SettingsState } from "../src/ipc";
import { NOW } from "./fixtures";
import { artifact, invocations, mockTauri, setResponse, type MockResponses } from "./support";

const DOCS = resolve(import.meta.dirname, "..", "..", "docs");
const PATH = "/home/alex/.config/outage-radar/config.toml";
const SAVED = "Saved — checking with the new settings";
const HOUR = 3_600_000;

// ---- canned answers --------------------------------------------------------------------------

/** A custom service as get_settings lists it (src/config/service_form.rs). */
function shop(): ServiceForm {
  return {
    id: "shop",
    name: "My Shop",
    enabled: true,
    probes: [
      { kind: "http", target: "https://shop.example/health", expect: "200-299", contains: "OK" },
      { kind: "dns", target: "shop.example", expect: null, contains: null },
      { kind: "tcp", target: "shop.example:443", expect: null, contains: null },
    ],
    status: {
      kind: "statuspage",
      url: "https://status.shop.example/api/v2/summary.json",
      component: "Web shop",
      org: null,
      service: null,
    },
  };
}

/** The built-in connection checks, as the backend sends them. */
const BUILTIN_CHECKS: ProbeForm[] = [
  { kind: "tcp", target: "1.1.1.1:53", expect: null, contains: null },
  { kind: "dns", target: "www.wikipedia.org", expect: null, contains: null },
  { kind: "http", target: "http://connectivitycheck.gstatic.com/generate_204", expect: "204", contains: null },
];

function form(over: Partial<SettingsForm> = {}): SettingsForm {
  return {
    interval_secs: 60,
    confirm: 2,
    timeout_ms: 5000,
    slow_ms: 2000,
    builtins: ["whatsapp", "instagram", "facebook"],
    notifications: { enabled: true, recovery: true, degraded: false, quiet_hours: "22:00-07:00" },
    start_at_login: false,
    services: [shop()],
    connectivity: { builtin: true, probes: BUILTIN_CHECKS, defaults: BUILTIN_CHECKS },
    available_builtins: [
      { id: "whatsapp", name: "WhatsApp", category: "Messaging", has_official: false },
      { id: "instagram", name: "Instagram", category: "Social", has_official: false },
      { id: "facebook", name: "Facebook", category: "Social", has_official: false },
      { id: "messenger", name: "Messenger", category: "Messaging", has_official: false },
      { id: "threads", name: "Threads", category: "Social", has_official: false },
    ],
    ...over,
  };
}

function state(over: Partial<SettingsState> = {}): SettingsState {
  return { form: form(), path: PATH, error: null, ...over };
}

function responses(over: MockResponses = {}): MockResponses {
  return {
    get_settings: { value: state() },
    save_settings: { value: form() },
    get_pause: { value: null },
    set_pause: { value: null },
    send_test_notification: { value: null },
    ...over,
  };
}

const configError = (key: string, message: string): CommandError => ({ kind: "config", key, message, line: null });

async function open(page: Page, answers: MockResponses = responses()): Promise<void> {
  await mockTauri(page, { responses: answers, label: "settings" });
  await page.clock.setFixedTime(NOW);
  await page.goto("settings.html");
  await expect(page.locator("#settings-form")).not.toHaveAttribute("aria-busy");
}

/** The forms save_settings was sent, in order. */
async function sentForms(page: Page): Promise<SettingsForm[]> {
  return (await invocations(page, "save_settings")).map((c) => c.args.form as SettingsForm);
}

/** The focused element: its id, and whether the focus ring shows. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    return { id: el?.id ?? "", outline: style?.outlineStyle ?? "", width: style?.outlineWidth ?? "" };
  });

// ---- loading ---------------------------------------------------------------------------------

test("renders the loaded settings", async ({ page }, info) => {
  await open(page);
  await expect(page.locator("#form-status")).toHaveText("");
  await expect(page.locator("#interval_secs")).toHaveValue("60");
  await expect(page.locator("#confirm")).toHaveValue("2");
  await expect(page.locator("#timeout_ms")).toHaveValue("5000");
  await expect(page.locator("#slow_ms")).toHaveValue("2000");
  await expect(page.locator("#quiet_hours")).toHaveValue("22:00-07:00");
  await expect(page.locator("#notifications-enabled")).toBeChecked();
  await expect(page.locator("#notifications-recovery")).toBeChecked();
  await expect(page.locator("#notifications-degraded")).not.toBeChecked();
  await expect(page.locator("#start_at_login")).not.toBeChecked();
  await expect(page.locator("#config-path")).toHaveText(PATH);

  // One checkbox per built-in, the watched ones ticked, each with its name as label.
  await expect(page.locator("#builtins-list input[type=checkbox]")).toHaveCount(5);
  for (const id of ["whatsapp", "instagram", "facebook"]) await expect(page.locator(`#builtin-${id}`)).toBeChecked();
  for (const id of ["messenger", "threads"]) await expect(page.locator(`#builtin-${id}`)).not.toBeChecked();
  await expect(page.getByLabel("Messenger", { exact: true })).toHaveAttribute("id", "builtin-messenger");

  // The custom service: listed, watched, summarised; its editor closed until Edit.
  await expect(page.locator("#services-empty")).toBeHidden();
  await expect(page.locator("#services-list > li")).toHaveCount(1);
  const item = page.locator("li#service-0");
  await expect(item.locator(".service-row .service-name:not(.visually-hidden)")).toHaveText("My Shop");
  await expect(page.locator("#service-0-enabled")).toBeChecked();
  await expect(page.locator("#service-0-summary")).toHaveText("HTTP, DNS, TCP · official status: Statuspage");
  await expect(page.locator("#service-0-editor")).toBeHidden();
  await expect(page.locator("#service-0-edit")).toHaveAttribute("aria-expanded", "false");
  await page.locator("#service-0-edit").click();
  await expect(page.locator("#service-0-edit")).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("#service-0-name")).toHaveValue("My Shop");
  await expect(page.locator("#service-0-probe-0-target")).toHaveValue("https://shop.example/health");
  await expect(page.locator("#service-0-probe-2-target")).toHaveValue("shop.example:443");

  await expect(page.locator("#save")).toBeEnabled();
  await expect(page.locator("#file-error")).toBeHidden();
  await expect(page.locator("#load-error")).toBeHidden();
  expect(await invocations(page, "get_settings")).toHaveLength(1);
  await artifact(page, info, "settings-loaded");
});

test("a broken config file: the banner says so and Save is off", async ({ page }, info) => {
  const problem = "line 3, key `interval_secs`: expected an integer, found a string";
  await open(page, responses({ get_settings: { value: state({ form: form({ services: [] }), error: problem }) } }));
  await expect(page.locator("#file-error")).toBeVisible();
  await expect(page.locator("#file-error-text")).toHaveText(problem);
  await expect(page.locator("#file-error-path")).toHaveText(PATH);
  await expect(page.locator("#save")).toBeDisabled();
  await expect(page.locator("#save-blocked")).toBeVisible();
  await expect(page.locator("#save")).toHaveAttribute("aria-describedby", "save-blocked");
  // The form still shows what the app runs on (the defaults).
  await expect(page.locator("#interval_secs")).toHaveValue("60");
  await expect(page.locator("#services-empty")).toBeVisible();

  // Not even Enter in a field gets a save through.
  await page.locator("#interval_secs").fill("30");
  await page.locator("#interval_secs").press("Enter");
  await expect(page.locator("#form-status")).toHaveText("You have unsaved changes.");
  expect(await invocations(page, "save_settings")).toHaveLength(0);
  await artifact(page, info, "broken-file");
});

// ---- saving ----------------------------------------------------------------------------------

test("a good save says so, and sends the edited interval", async ({ page }) => {
  await open(page, responses({ save_settings: { value: form({ interval_secs: 120 }), delayMs: 300 } }));
  await page.locator("#interval_secs").fill("120");
  await expect(page.locator("#form-status")).toHaveText("You have unsaved changes.");
  await page.locator("#save").click();
  await expect(page.locator("#save")).toHaveText("Saving…");
  await expect(page.locator("#form-status")).toHaveText(SAVED);
  await expect(page.locator("#save")).toHaveText("Save");
  await expect(page.locator("#interval_secs")).toHaveValue("120");
  await expect(page.locator("#form-error")).toBeHidden();

  const sent = await sentForms(page);
  expect(sent).toHaveLength(1);
  // Only the interval changed; the service goes back exactly as loaded.
  expect(sent[0]).toEqual(form({ interval_secs: 120 }));
});

test("the backend's verdict on a field lands at that field", async ({ page }, info) => {
  const error = configError("interval_secs", "must be at least 1, got 0");
  await open(page, responses({ save_settings: { error } }));
  await page.locator("#interval_secs").fill("0");
  await page.locator("#save").click();

  const input = page.locator("#interval_secs");
  await expect(page.locator("#interval_secs-error")).toBeVisible();
  await expect(page.locator("#interval_secs-error")).toHaveText("must be at least 1, got 0");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAttribute("aria-describedby", /(^| )interval_secs-error( |$)/);
  await expect(input).toHaveAttribute("aria-describedby", /interval_secs-help/);
  await expect(input).toBeFocused();
  await expect(page.locator("#form-error")).toBeHidden();
  await expect(page.locator("#form-status")).not.toHaveText(SAVED);
  expect((await sentForms(page))[0]?.interval_secs).toBe(0);
  await artifact(page, info, "field-error", false);

  // Fixed and saved: the message and the mark go away.
  await setResponse(page, "save_settings", { value: form({ interval_secs: 30 }) });
  await input.fill("30");
  await page.locator("#save").click();
  await expect(page.locator("#form-status")).toHaveText(SAVED);
  await expect(page.locator("#interval_secs-error")).toBeHidden();
  await expect(input).not.toHaveAttribute("aria-invalid");
  await expect(input).toHaveAttribute("aria-describedby", "interval_secs-help");
});

test("a refused new service: the message sits at its address", async ({ page }, info) => {
  const message = "not a valid URL: invalid domain character";
  await open(page, responses({ save_settings: { error: configError("services[1].probes[0].target", message) } }));
  await page.locator("#add-service").click();

  // The new service is the second in the list, open, with its name field focused.
  await expect(page.locator("#services-list > li")).toHaveCount(2);
  await expect(page.locator("#service-1-name")).toBeFocused();
  await expect(page.locator("#service-1-summary")).toContainText("new, not saved yet");
  await page.locator("#service-1-name").fill("Status board");
  await page.locator("#service-1-address").fill("https://status board.example/health");
  for (const kind of ["http", "dns", "tcp", "tls"]) await expect(page.locator(`#service-1-kind-${kind}`)).toBeChecked();
  await page.locator("#save").click();

  const address = page.locator("#service-1-address");
  const slot = page.locator("li#service-1 #service-1-address-error");
  await expect(slot).toBeVisible();
  await expect(slot).toHaveText(message);
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAttribute("aria-describedby", /(^| )service-1-address-error( |$)/);
  await expect(address).toBeFocused();
  await expect(page.locator("#service-1-editor")).toBeVisible();
  await expect(page.locator("#form-error")).toBeHidden();
  await expect(page.locator("#service-0-editor [aria-invalid]")).toHaveCount(0);

  const [sent] = await sentForms(page);
  expect(sent?.services).toHaveLength(2);
  expect(sent?.services[0]).toEqual(shop()); // untouched, sent back as loaded
  const target = "status board.example";
  expect(sent?.services[1]).toEqual({
    id: "", // new: the backend makes the id from the name
    name: "Status board",
    enabled: true,
    probes: [
      { kind: "http", target: "https://status board.example/health", expect: null, contains: null },
      { kind: "dns", target, expect: null, contains: null },
      { kind: "tcp", target: `${target}:443`, expect: null, contains: null },
      { kind: "tls", target: `${target}:443`, expect: null, contains: null },
    ],
    status: null,
  });
  await artifact(page, info, "service-error");
});

// ---- keyboard --------------------------------------------------------------------------------

test("the keyboard: Tab goes through the form in order, Space ticks, Enter saves", async ({ page }) => {
  await open(page);
  const order: string[] = [];
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    order.push(f.id);
    // Every stop shows the focus ring.
    expect(f.outline, `focus ring on #${f.id}`).toBe("solid");
    expect(f.width, `focus ring on #${f.id}`).toBe("3px");
  }
  expect(order).toEqual([
    "interval_secs",
    "confirm",
    "timeout_ms",
    "slow_ms",
    "builtin-whatsapp",
    "builtin-instagram",
    "builtin-facebook",
    // Unwatched built-ins are not checkboxes but entries of "Add a service".
    "catalog-search",
    "catalog-watch-messenger",
    "catalog-watch-threads",
    "catalog-custom",
    "service-0-enabled",
    "service-0-edit",
    "service-0-remove",
    "add-service",
    "connectivity-builtin", // its list and "Add a check" show only for an own list
    "notifications-enabled",
    "notifications-recovery",
    "notifications-degraded",
    "quiet_hours",
    "start_at_login",
    "save",
    "pause-1h",
    "test-notification", // Resume is off while nothing is paused
  ]);

  // Space ticks the focused checkbox.
  await page.keyboard.press("Shift+Tab"); // back to Pause
  await page.keyboard.press("Shift+Tab"); // Save
  await page.keyboard.press("Shift+Tab"); // Start at login
  expect((await focused(page)).id).toBe("start_at_login");
  await page.keyboard.press("Space");
  await expect(page.locator("#start_at_login")).toBeChecked();
  await expect(page.locator("#form-status")).toHaveText("You have unsaved changes.");
  await page.keyboard.press("Shift+Tab"); // Quiet hours
  await page.keyboard.press("Shift+Tab"); // Also when degraded
  await page.keyboard.press("Space");
  await expect(page.locator("#notifications-degraded")).toBeChecked();

  // Enter in a text field submits the form.
  await page.keyboard.press("Tab");
  expect((await focused(page)).id).toBe("quiet_hours");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("23:00-06:30");
  await page.keyboard.press("Enter");
  await expect(page.locator("#form-status")).toHaveText(SAVED);
  const sent = await sentForms(page);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.start_at_login).toBe(true);
  expect(sent[0]?.notifications).toEqual({ enabled: true, recovery: true, degraded: true, quiet_hours: "23:00-06:30" });

  // Enter in a number field too; and Enter on the service's Edit opens its editor.
  await page.locator("#confirm").focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await sentForms(page)).length).toBe(2);
  await page.locator("#service-0-edit").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#service-0-editor")).toBeVisible();
  await page.keyboard.press("Tab");
  expect((await focused(page)).id).toBe("service-0-remove");
  await page.keyboard.press("Tab");
  expect(await focused(page)).toEqual({ id: "service-0-name", outline: "solid", width: "3px" });
});

// ---- right now -------------------------------------------------------------------------------

test("pause for 1 hour and resume: set_pause(60), set_pause(null), and the status says so", async ({ page }, info) => {
  const until = NOW + HOUR;
  await open(page, responses({ set_pause: { value: until } }));
  await expect.poll(async () => (await invocations(page, "get_pause")).length).toBeGreaterThan(0);
  await expect(page.locator("#pause-status")).toHaveText("Notifications are on.");
  await expect(page.locator("#resume")).toBeDisabled();

  await page.locator("#pause-1h").click();
  await expect(page.locator("#pause-status")).toHaveText("Notifications paused until 12:20.");
  await expect(page.locator("#resume")).toBeEnabled();
  // The tray asks get_pause too: from now on it says paused.
  await setResponse(page, "get_pause", { value: until });
  await artifact(page, info, "paused", false);

  await setResponse(page, "set_pause", { value: null });
  await setResponse(page, "get_pause", { value: null });
  await page.locator("#resume").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#pause-status")).toHaveText("Notifications are on.");
  await expect(page.locator("#resume")).toBeDisabled();
  await expect(page.locator("#pause-1h")).toBeFocused(); // focus stays on the page

  expect((await invocations(page, "set_pause")).map((c) => c.args)).toEqual([{ minutes: 60 }, { minutes: null }]);
  expect(await invocations(page, "save_settings")).toHaveLength(0); // not part of Save
});

test("a failed pause says why; the test notification reports back", async ({ page }) => {
  await open(
    page,
    responses({ set_pause: { error: { kind: "internal", message: "the engine is not running", key: null, line: null } } }),
  );
  await page.locator("#pause-1h").click();
  await expect(page.locator("#pause-status")).toHaveText("Could not pause: the engine is not running");
  await expect(page.locator("#resume")).toBeDisabled();

  await page.locator("#test-notification").click();
  await expect(page.locator("#test-status")).toHaveText(
    "Test notification sent. If none appeared, check your system's notification settings.",
  );
  expect(await invocations(page, "send_test_notification")).toHaveLength(1);
});

// ---- connection checks ---------------------------------------------------------------------------

test("connection checks: an own list replaces the built-in one, and a bad address is marked at its row", async ({ page }, info) => {
  const own: ProbeForm[] = [
    { kind: "tcp", target: "10.0.0.53:53", expect: null, contains: null },
    { kind: "http", target: "http://connectivitycheck.gstatic.com/generate_204", expect: "204", contains: null },
  ];
  const error = configError("connectivity.probes[0].target", "invalid `addr` \"10.0.0.53\": expected host:port");
  await open(page, responses({ save_settings: { error } }));
  await expect(page.locator("#connectivity-builtin")).toBeChecked();
  await expect(page.locator("#connectivity-defaults")).toHaveText(/^Built-in: TCP 1\.1\.1\.1:53, DNS www\.wikipedia\.org/);
  await expect(page.locator("#connectivity-list")).toBeHidden();

  await page.locator("#connectivity-builtin").uncheck();
  await expect(page.locator("#control-0-target")).toHaveValue("1.1.1.1:53");
  await expect(page.locator("#control-2-expect")).toBeVisible();
  await expect(page.locator("#control-0-expect")).toBeHidden();
  await page.locator("#control-0-target").fill("10.0.0.53");
  await page.locator("#control-1-remove").click();
  await page.locator("#save").click();
  await expect(page.locator("#control-0-target-error")).toHaveText('invalid Address "10.0.0.53": expected host:port');
  await expect(page.locator("#control-0-target")).toBeFocused();
  await expect(page.locator("#form-status")).toHaveText("Not saved — 1 problem");
  await artifact(page, info, "connection-check-error", false);

  await setResponse(page, "save_settings", { value: form({ connectivity: { builtin: false, probes: own, defaults: BUILTIN_CHECKS } }) });
  await page.locator("#control-0-target").fill("10.0.0.53:53");
  await expect(page.locator("#control-0-target-error")).toBeHidden();
  await page.locator("#save").click();
  await expect(page.locator("#form-status")).toHaveText(SAVED);
  const sent = await sentForms(page);
  expect(sent[1]?.connectivity).toEqual({ builtin: false, probes: own, defaults: BUILTIN_CHECKS });
  await expect(page.locator("#connectivity-builtin")).not.toBeChecked();
  await page.locator("#connectivity").screenshot({ path: info.outputPath("connection-checks.png") });
});

// ---- the README's picture ----------------------------------------------------------------------

test("README screenshot", async ({ page }, info) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 960, height: 900 });
  await open(page);
  await expect(page.locator("#service-0-summary")).toHaveText("HTTP, DNS, TCP · official status: Statuspage");
  await page.locator("#service-0-edit").click();
  await expect(page.locator("#service-0-editor")).toBeVisible();
  await expect(page.locator("#service-0-status-component")).toHaveValue("Web shop");
  await page.locator("#service-0-edit").blur();
  // The Save bar sticks to the window's bottom: make the window as tall as the page, so a
  // full-page picture shows it under the form rather than across the service's editor.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 960, height });
  await expect(page.locator("#save")).toBeInViewport();
  await artifact(page, info, "settings");
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: resolve(DOCS, "settings.png"), fullPage: true });
});
