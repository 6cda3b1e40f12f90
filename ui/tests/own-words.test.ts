// The engine owns the words for causes, connectivity and "not judged": the UI renders what
// the engine sends (`cause_text`, `words.generated.ts`) and never writes them itself, so a
// change of wording is one edit in the engine.

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { WORDS } from "../src/lib/words.generated";
import { CAUSE_WORDS } from "./cause-words.generated";

const ROOT = resolve(__dirname, "..");

/** Every hand-written source of the UI: scripts under src/ and the pages. */
function sources(): { path: string; text: string }[] {
  const files: string[] = ["dashboard.html", "settings.html", "index.html"].map((f) => join(ROOT, f));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|html)$/.test(entry.name) && !entry.name.includes(".generated.")) files.push(path);
    }
  };
  walk(join(ROOT, "src"));
  return files.map((path) => ({ path, text: readFileSync(path, "utf8") }));
}

const engineWords = [
  ...CAUSE_WORDS,
  ...Object.values(WORDS.connectivity),
  ...Object.values(WORDS.not_judged).filter((w) => w !== ""),
  WORDS.not_judged_yet,
  WORDS.not_running,
];

describe("the UI's own words", () => {
  it("finds the sources it checks", () => {
    const found = sources().map((s) => s.path);
    expect(found.some((p) => p.endsWith(join("lib", "service-text.ts")))).toBe(true);
    expect(found.some((p) => p.endsWith("dashboard.html"))).toBe(true);
  });

  it.each(engineWords)("never writes %j itself", (words) => {
    const writers = sources()
      .filter((s) => s.text.toLowerCase().includes(words.toLowerCase()))
      .map((s) => s.path);
    expect(writers).toEqual([]);
  });
});
