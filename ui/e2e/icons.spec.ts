// The icon files are their drawings (icons/src/*.svg, rendered by scripts/icons.mjs): each PNG
// the app and the packages carry matches its drawing drawn again here at its size, so a
// hand-edited or stale PNG (a notched tick, jagged arcs) fails.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";

const ICONS = resolve(import.meta.dirname, "..", "..", "icons");
const base64 = (file: string) => readFileSync(resolve(ICONS, file)).toString("base64");

const CASES: [png: string, drawing: string, size: number][] = [
  ...["tray-up", "tray-degraded", "tray-down", "tray-unknown"].map((n): [string, string, number] => [`${n}.png`, n, 64]),
  ["icon.png", "app-large", 256],
  ...[16, 22, 24].map((s): [string, string, number] => [`hicolor/${s}x${s}.png`, "app-small", s]),
  ...[32, 48, 64, 128].map((s): [string, string, number] => [`hicolor/${s}x${s}.png`, "app-large", s]),
];

for (const [png, drawing, size] of CASES) {
  test(`${png} is ${drawing}.svg at ${size} px`, async ({ page }) => {
    await page.setContent("<body></body>");
    const result = await page.evaluate(
      async ({ png, svg, size }) => {
        const pixels = async (src: string) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = new OffscreenCanvas(size, size);
          const ctx = canvas.getContext("2d")!;
          ctx.drawImage(img, 0, 0, size, size);
          return { data: ctx.getImageData(0, 0, size, size).data, width: img.naturalWidth, height: img.naturalHeight };
        };
        const file = await pixels(`data:image/png;base64,${png}`);
        const drawn = await pixels(`data:image/svg+xml;base64,${svg}`);
        let off = 0;
        for (let i = 0; i < file.data.length; i += 4) {
          const d = [0, 1, 2, 3].map((k) => Math.abs(file.data[i + k]! - drawn.data[i + k]!));
          if (Math.max(...d) > 24) off += 1;
        }
        return { width: file.width, height: file.height, off, total: size * size };
      },
      { png: base64(png), svg: base64(`src/${drawing}.svg`), size },
    );
    expect([result.width, result.height]).toEqual([size, size]);
    // Anti-aliasing may differ by a shade on an edge pixel, never more.
    expect(result.off / result.total).toBeLessThan(0.01);
  });
}
