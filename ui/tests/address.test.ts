import { describe, expect, it } from "vitest";
import { availableKinds, deriveProbes, describeProbes, parseAddress } from "../src/lib/address";

const ALL = ["http", "dns", "tcp", "tls"] as const;
const none = { expect: "", contains: "" };
const targets = (text: string, kinds: readonly ("http" | "dns" | "tcp" | "tls")[] = ALL) =>
  deriveProbes(text, kinds, none).map((p) => `${p.kind} ${p.target}`);

describe("parseAddress: what was typed into 'URL or host'", () => {
  it.each([
    ["https://shop.test/health", { url: "https://shop.test/health", host: "shop.test", port: 443, secure: true }],
    ["  https://shop.test  ", { url: "https://shop.test", host: "shop.test", port: 443, secure: true }],
    ["http://shop.test/", { url: "http://shop.test/", host: "shop.test", port: 80, secure: false }],
    ["https://shop.test:8443/x?y#z", { url: "https://shop.test:8443/x?y#z", host: "shop.test", port: 8443, secure: true }],
    ["https://me:pw@shop.test/", { url: "https://me:pw@shop.test/", host: "shop.test", port: 443, secure: true }],
    ["shop.test", { url: null, host: "shop.test", port: 443, secure: true }],
    ["shop.test:8443", { url: null, host: "shop.test", port: 8443, secure: true }],
    ["shop.test/health", { url: "https://shop.test/health", host: "shop.test", port: 443, secure: true }],
    ["https://[::1]:8443/", { url: "https://[::1]:8443/", host: "[::1]", port: 8443, secure: true }],
  ])("%j", (text, address) => {
    expect(parseAddress(text)).toEqual(address);
  });

  it("is null when empty", () => {
    expect(parseAddress("   ")).toBeNull();
  });
});

describe("deriveProbes: the checks a new service gets", () => {
  it("a URL: HTTP on it, DNS of its host, TCP and TLS on its port", () => {
    expect(targets("https://shop.test/health")).toEqual([
      "http https://shop.test/health",
      "dns shop.test",
      "tcp shop.test:443",
      "tls shop.test:443",
    ]);
  });

  it("a bare host: DNS, TCP and TLS on 443, no HTTP", () => {
    expect(targets("shop.test")).toEqual(["dns shop.test", "tcp shop.test:443", "tls shop.test:443"]);
    expect(targets("shop.test:8443")).toEqual(["dns shop.test", "tcp shop.test:8443", "tls shop.test:8443"]);
  });

  it("plain http: no TLS, TCP on 80", () => {
    expect(targets("http://shop.test/")).toEqual(["http http://shop.test/", "dns shop.test", "tcp shop.test:80"]);
  });

  it("only the kinds ticked, always in the same order", () => {
    expect(targets("https://shop.test/", ["tls", "http"])).toEqual(["http https://shop.test/", "tls shop.test:443"]);
    expect(targets("", ALL)).toEqual([]);
  });

  it("an IP literal keeps brackets for host:port, not for DNS", () => {
    expect(targets("https://[::1]/", ["dns", "tcp"])).toEqual(["dns ::1", "tcp [::1]:443"]);
  });

  it("sends what cannot be split as typed: the engine says what is wrong with it", () => {
    expect(targets("not a url", ["dns"])).toEqual(["dns not a url"]);
    expect(targets("ftp://shop.test/", ["http"])).toEqual(["http ftp://shop.test/"]);
  });

  it("expected status and page text go on the HTTP check only, trimmed, empty = none", () => {
    const probes = deriveProbes("https://shop.test/", ["http", "dns"], { expect: " 200-299 ", contains: "" });
    expect(probes).toEqual([
      { kind: "http", target: "https://shop.test/", expect: "200-299", contains: null },
      { kind: "dns", target: "shop.test", expect: null, contains: null },
    ]);
  });

  it("reads as a preview", () => {
    expect(describeProbes(deriveProbes("shop.test", ["dns", "tcp"], none))).toBe("DNS shop.test, TCP shop.test:443");
  });
});

describe("availableKinds", () => {
  it("HTTP needs a URL, TLS needs https", () => {
    expect(availableKinds(parseAddress("https://a.test/"))).toEqual(["http", "dns", "tcp", "tls"]);
    expect(availableKinds(parseAddress("a.test"))).toEqual(["dns", "tcp", "tls"]);
    expect(availableKinds(parseAddress("http://a.test/"))).toEqual(["http", "dns", "tcp"]);
    expect(availableKinds(null)).toEqual(["http", "dns", "tcp", "tls"]);
  });
});
