import { describe, expect, it } from "vitest";
import { ensureValidLanguage } from "../src/views/chart";

describe("ensureValidLanguage", () => {
  it("replaces a language tag Intl rejects (WebKitGTK under LANG=C) and keeps a good one", () => {
    const bad = { language: "c" } as unknown as Navigator;
    expect(() => new Intl.NumberFormat(bad.language)).toThrow();
    ensureValidLanguage(bad);
    expect(bad.language).toBe("en-US");
    const good = { language: "de-DE" } as unknown as Navigator;
    ensureValidLanguage(good);
    expect(good.language).toBe("de-DE");
  });
});
