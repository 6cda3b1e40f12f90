// The before/after pictures (scripts/before-after.sh): the same mocked states shown by an
// older build of the UI ($BEFORE_DIST) and by this one (ui/dist), side by side. Not a test
// run: `npm run e2e` never reads this folder.

import { resolve } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "../e2e/support";

export const AFTER_PORT = 4181;
export const BEFORE_PORT = 4182;
const UI = resolve(import.meta.dirname, "..");
const preview = (dir: string, port: number) =>
  `node node_modules/vite/bin/vite.js preview --outDir ${dir} --host 127.0.0.1 --port ${port} --strictPort`;

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "../test-results/before-after",
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1000, height: 760 },
    locale: "en-GB",
    timezoneId: "UTC",
    colorScheme: "light",
  },
  webServer: [
    { command: preview("dist", AFTER_PORT), cwd: UI, url: `http://127.0.0.1:${AFTER_PORT}/`, reuseExistingServer: false },
    {
      command: preview(process.env.BEFORE_DIST ?? "dist", BEFORE_PORT),
      cwd: UI,
      url: `http://127.0.0.1:${BEFORE_PORT}/`,
      reuseExistingServer: false,
    },
  ],
});
