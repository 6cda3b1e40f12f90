// Renders the icons from their drawings (icons/src/*.svg) to the PNG files the app and the
// packages use, with Chromium's anti-aliasing: the tray icons at 64 px, the app icon at
// every size the packages carry (16 to 24 px from a simpler drawing with thicker lines).
// Also writes docs/icons.png: each tray icon and the app icon at 16, 22, 24 and 32 px, and
// magnified, to judge them as a tray shows them.
// Usage: make icons   (needs ui/node_modules and Chromium: make deps)
//        node scripts/icons.mjs --sheet DIR OUT [TITLE]   (the sheet of another icons folder)
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const require = createRequire(resolve(root, "ui/package.json"));
const { chromium } = require("playwright-core");

const svg = (name) => readFileSync(resolve(root, "icons/src", `${name}.svg`), "utf8");
const dataUrl = (text) => `data:image/svg+xml;base64,${Buffer.from(text).toString("base64")}`;
const TRAY = ["tray-up", "tray-degraded", "tray-down", "tray-unknown"];
const appDrawing = (size) => (size <= 24 ? "app-small" : "app-large");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ deviceScaleFactor: 1 });

async function render(name, size, out) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl(svg(name))}" width="${size}" height="${size}">`,
  );
  await page.locator("img").evaluate((img) => img.decode());
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  if (out) writeFileSync(resolve(root, out), png);
  return png;
}

for (const name of TRAY) await render(name, 64, `icons/${name}.png`);
await render("app-large", 256, "icons/icon.png");
for (const size of [16, 22, 24, 32, 48, 64, 128]) await render(appDrawing(size), size, `icons/hicolor/${size}x${size}.png`);

// The contact sheet of an icons folder: the tray icons scaled down from their 64 px file as a
// tray host scales them, and the app icon's file of each size.
async function sheet(dir, out, title) {
  const sizes = [16, 22, 24, 32];
  const src = (file) => `data:image/png;base64,${readFileSync(resolve(dir, file)).toString("base64")}`;
  const rows = [...TRAY, "app"]
    .map((name) => {
      const files = sizes.map((size) => (name === "app" ? `hicolor/${size}x${size}.png` : `${name}.png`));
      const actual = files.map((f, i) => `<img src="${src(f)}" width="${sizes[i]}" height="${sizes[i]}">`).join("");
      const big = files
        .map((f, i) => `<canvas data-src="${src(f)}" data-size="${sizes[i]}" width="${sizes[i] * 4}" height="${sizes[i] * 4}"></canvas>`)
        .join("");
      return `<tr><th>${name === "app" ? "app icon" : name}</th><td>${actual}</td><td>${big}</td></tr>`;
    })
    .join("");
  await page.setViewportSize({ width: 1000, height: 200 });
  await page.setContent(`<style>
    body{margin:8px;font:13px sans-serif;background:#fff} table{border-collapse:collapse}
    td,th{padding:6px 10px;text-align:left;vertical-align:middle;white-space:nowrap} caption{font-size:16px;font-weight:bold;text-align:left;padding:4px 10px} td img,td canvas{margin-right:10px;vertical-align:middle}
    tr:nth-child(even){background:#f2f2f2}
  </style><table><caption>${title}</caption><tr><th></th><th>16, 22, 24, 32 px</th><th>the same, 4 times as large</th></tr>${rows}</table>`);
  // Magnified without smoothing: each pixel of the small icon as a 4x4 block.
  await page.evaluate(async () => {
    for (const canvas of document.querySelectorAll("canvas")) {
      const size = Number(canvas.dataset.size);
      const img = new Image();
      img.src = canvas.dataset.src;
      await img.decode();
      const small = new OffscreenCanvas(size, size);
      small.getContext("2d").drawImage(img, 0, 0, size, size);
      const ctx = canvas.getContext("2d");
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(small, 0, 0, size * 4, size * 4);
    }
  });
  await page.locator("table").screenshot({ path: out });
}

const [flag, dir, out, title] = process.argv.slice(2);
if (flag === "--sheet") {
  // Another folder's sheet (an older version's icons, say): node scripts/icons.mjs --sheet DIR OUT
  await sheet(resolve(dir), resolve(out), title ?? dir);
} else {
  for (const name of TRAY) await render(name, 64, `icons/${name}.png`);
  await render("app-large", 256, "icons/icon.png");
  for (const size of [16, 22, 24, 32, 48, 64, 128]) await render(appDrawing(size), size, `icons/hicolor/${size}x${size}.png`);
  await sheet(resolve(root, "icons"), resolve(root, "docs/icons.png"), "Outage Radar's icons");
}
await browser.close();
