// Playwright against the built UI (ui/dist, served by `vite preview` on loopback) with the
// Tauri IPC mocked in the page (e2e/support.ts). Debian's Chromium, no browser download.

import { defineConfig } from "@playwright/test";
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS, PORT } from "./e2e/support";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  reporter: [["list"]],
  fullyParallel: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1000, height: 900 },
    locale: "en-GB",
    timezoneId: "UTC",
    colorScheme: "light",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
