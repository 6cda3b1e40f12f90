import { describe, expect, it } from "vitest";
import { firstRoundDone, headline, nameList } from "../src/lib/headline";
import { at, beforeFirstRound, down, NOW, service, snapshot } from "./support";

describe("headline: is it me or them?", () => {
  it("says Checking… before any snapshot and before the first round", () => {
    expect(headline(null, NOW).title).toBe("Checking…");
    const first = beforeFirstRound(["WhatsApp", "Instagram"]);
    expect(firstRoundDone(first)).toBe(false);
    expect(headline(first, NOW)).toMatchObject({ title: "Checking…", tone: "unknown" });
  });

  it("says All good when every service is up", () => {
    const h = headline(snapshot([service("WhatsApp"), service("Instagram")]), NOW);
    expect(h).toMatchObject({ tone: "up", title: "All good", detail: "All 2 services are up." });
  });

  it("names one service that is down, since when and why, and that it's not you", () => {
    const h = headline(snapshot([down("WhatsApp", at(10, 42)), service("Instagram")]), NOW);
    expect(h.tone).toBe("down");
    expect(h.title).toBe("WhatsApp is down — it's not you");
    expect(h.detail).toContain("Since 10:42: DNS lookups fail (SERVFAIL).");
    expect(h.detail).toContain("Your connection works");
  });

  it("groups several services that are down", () => {
    expect(headline(snapshot([down("WhatsApp"), down("Instagram")]), NOW).title).toBe(
      "Instagram and WhatsApp are down — it's not you",
    );
    expect(headline(snapshot([down("WhatsApp"), down("Instagram"), down("Threads")]), NOW).title).toBe(
      "Instagram, Threads and WhatsApp are down — it's not you",
    );
    const five = ["Zoom", "Slack", "Jira", "Teams", "Mail"].map((n) => down(n));
    expect(headline(snapshot(five), NOW).title).toBe("Jira, Mail and 3 more are down — it's not you");
  });

  it("names every service in trouble, down before degraded before maintenance", () => {
    const degraded = service("Threads", { state: "degraded", cause: "slow", cause_text: "Slow to answer" });
    const maintenance = service("Graph API", { state: "maintenance" });
    expect(headline(snapshot([degraded, down("WhatsApp")]), NOW)).toMatchObject({
      tone: "down",
      title: "WhatsApp is down · Threads has problems — it's not you",
    });
    expect(headline(snapshot([maintenance, degraded]), NOW)).toMatchObject({
      tone: "degraded",
      title: "Threads has problems · Graph API is in maintenance — it's not you",
    });
    expect(headline(snapshot([maintenance]), NOW)).toMatchObject({
      tone: "degraded",
      title: "Graph API is in maintenance",
    });
  });

  it("follows the engine's overall: a confirmed problem outranks a service not judged yet", () => {
    const degraded = service("Threads", { state: "degraded", cause: "slow", cause_text: "Slow to answer" });
    const unknown = service("Instagram", { state: "unknown" });
    const maintenance = service("Graph API", { state: "maintenance" });
    const s = snapshot([unknown, degraded]);
    expect(s.overall).toBe("degraded");
    expect(headline(s, NOW)).toMatchObject({ tone: "degraded", title: "Threads has problems — it's not you" });
    expect(headline(snapshot([unknown, maintenance]), NOW)).toMatchObject({
      tone: "degraded",
      title: "Graph API is in maintenance",
    });
  });

  it("blames the user's own network, never a service, while not online", () => {
    const services = [down("WhatsApp"), service("Instagram", { state: "unknown" })];
    expect(headline(snapshot(services, { connectivity: "offline" }), NOW)).toMatchObject({
      tone: "unknown",
      title: "You are offline — services can't be judged",
    });
    expect(headline(snapshot(services, { connectivity: "dns_broken" }), NOW).title).toBe("Your DNS is broken");
    expect(headline(snapshot(services, { connectivity: "captive_portal" }), NOW).title).toBe(
      "A login page (captive portal) intercepts your connection",
    );
  });

  it("says what was seen, not 'offline', when the controls fail while services answer", () => {
    const note =
      "Your connection checks fail (1.1.1.1:53: connection refused) while some services answer: your network may block the checks";
    const services = [service("WhatsApp", { state: "unknown" })];
    const h = headline(snapshot(services, { connectivity: "offline", connection_note: note }), NOW);
    expect(h.title).toBe("Your network may block the connection checks");
    expect(h.title).not.toContain("offline");
    expect(h.detail).toContain(note);
  });

  it("does not claim All good while some services cannot be judged", () => {
    const h = headline(snapshot([service("WhatsApp"), service("Instagram", { state: "unknown" })]), NOW);
    expect(h).toMatchObject({ tone: "unknown", title: "Some services can't be judged yet" });
    expect(h.detail).toContain("Instagram");
  });

  it("says the engine's words when checks stopped, above anything the last round saw", () => {
    const h = headline(snapshot([down("WhatsApp", at(10, 42))], { stopped: "Checks stopped — restart" }), NOW);
    expect(h).toMatchObject({ tone: "unknown", title: "Checks stopped — restart" });
  });

  it("says so when nothing is watched", () => {
    expect(headline(snapshot([]), NOW).title).toBe("No services to watch");
  });
});

describe("nameList", () => {
  it("joins two names and counts the rest", () => {
    expect(nameList(["A"])).toBe("A");
    expect(nameList(["A", "B"])).toBe("A and B");
    expect(nameList(["A", "B", "C"])).toBe("A, B and C");
    expect(nameList(["A", "B", "C", "D"])).toBe("A, B and 2 more");
  });
});
