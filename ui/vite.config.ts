import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  // Relative asset paths: Tauri serves ui/dist, and the pages must also open from disk.
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // WebKitGTK, WebView2 and WKWebView all support <link rel=modulepreload>.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: page("index.html"),
        dashboard: page("dashboard.html"),
        settings: page("settings.html"),
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
  },
});
