import { describe, expect, it } from "vitest";
import { describeError, isCommandError } from "../src/lib/errors";
import {
  causeLine,
  certText,
  connectivityLine,
  incidentRow,
  incidentText,
  officialText,
  probeDetail,
  probesSummary,
  probeText,
  sinceText,
} from "../src/lib/service-text";
import { verdictLabel } from "../src/lib/states";
import type { Verdict } from "../src/ipc";
import { at, down, NOW, probe, service, snapshot } from "./support";

describe("verdictLabel", () => {
  it("gives every verdict its own shape and word", () => {
    const verdicts: Verdict[] = ["up", "degraded", "down", "maintenance", "unknown"];
    const labels = verdicts.map((v) => verdictLabel(v));
    expect(new Set(labels.map((l) => l.icon)).size).toBe(verdicts.length);
    expect(labels.map((l) => l.word)).toEqual(["Up", "Degraded", "Down", "Maintenance", "Not judged"]);
  });

  it("says Checking… for an unknown service before the first round", () => {
    expect(verdictLabel("unknown", false).word).toBe("Checking…");
    expect(verdictLabel("down", false).word).toBe("Down");
  });
});

describe("service row words", () => {
  it("tells since when, except while not judged", () => {
    expect(sinceText(down("WhatsApp", at(10, 42)), NOW)).toBe("since 10:42");
    expect(sinceText(service("WhatsApp", { state: "unknown" }), NOW)).toBe("");
  });

  it("names the official source", () => {
    expect(officialText({ source: "metastatus", state: null, text: "No known issues", incident: null })).toBe(
      "Official status (Meta Status): No known issues",
    );
    expect(officialText(null)).toBe("");
  });

  it("describes a probe that works and one that fails", () => {
    expect(probeText(probe({ cert_days_left: 40 }))).toBe(
      "HTTP https://web.whatsapp.com/ — works, 320 ms, certificate valid 40 more days",
    );
    expect(
      probeText(probe({ kind: "tcp", target: "g.whatsapp.net:5222", ok: false, cause: "tcp_refused", cause_text: "Connections are refused", latency_ms: 12 })),
    ).toBe("TCP g.whatsapp.net:5222 — fails: Connections are refused after 12 ms");
    expect(probeText(probe({ ok: false, cause: "http_status", cause_text: "Server errors (HTTP 503)", detail: "503 Service Unavailable", latency_ms: 0 }))).toBe(
      "HTTP https://web.whatsapp.com/ — fails: Server errors (HTTP 503) (503 Service Unavailable)",
    );
  });

  it("gives each probe's fields for the expander", () => {
    expect(probeDetail(probe({ kind: "tls", target: "web.whatsapp.com:443", cert_days_left: 12 }))).toEqual({
      ok: true,
      icon: "✓",
      result: "Works",
      kind: "TLS",
      target: "web.whatsapp.com:443",
      latency: "320 ms",
      cause: "",
      detail: "",
      cert: "certificate valid 12 more days",
    });
    const failed = probeDetail(probe({ ok: false, cause: "tls", cause_text: "Secure connection fails (certificate expired)", detail: "certificate expired", latency_ms: 5000 }));
    expect(failed).toMatchObject({
      icon: "✕",
      result: "Fails",
      latency: "after 5.0 s",
      cause: "Secure connection fails (certificate expired)",
      detail: "",
    });
    expect(probeDetail(probe({ ok: false, cause: null, detail: "" })).cause).toBe("No answer");
  });

  it("words certificate lifetimes", () => {
    expect(certText(undefined)).toBe("");
    expect(certText(1)).toBe("certificate valid 1 more day");
    expect(certText(0)).toBe("certificate expires today");
    expect(certText(-3)).toBe("certificate expired 3 days ago");
  });

  it("sums up the probes on the expander", () => {
    expect(probesSummary([probe(), probe()])).toBe("Checks: 2 of 2 work");
    expect(probesSummary([probe({ ok: false }), probe()])).toBe("Checks: 1 of 2 fails");
    expect(probesSummary([probe({ ok: false }), probe({ ok: false })])).toBe("Checks: 2 of 2 fail");
  });

  it("always has a cause line: the backend's words, or what holds", () => {
    expect(causeLine(down("WhatsApp"), "online", true)).toBe("DNS lookups fail (SERVFAIL)");
    expect(causeLine(service("WhatsApp"), "online", true)).toBe("Everything works.");
    const unknown = service("WhatsApp", { state: "unknown" });
    expect(causeLine(unknown, "online", false)).toBe("Waiting for the first check.");
    expect(causeLine(unknown, "online", true)).toBe("Not enough checks to judge it yet.");
    expect(causeLine(unknown, "offline", true)).toBe("Can't be judged while you are offline.");
    expect(causeLine(unknown, "dns_broken", true)).toBe("Can't be judged while your DNS is broken.");
    expect(causeLine(unknown, "captive_portal", true)).toBe("Can't be judged until you sign in to the network.");
    const official = service("WhatsApp", {
      state: "degraded",
      cause: "official",
      cause_text: "Its status page reports problems",
      detail: "Partial Outage",
    });
    expect(causeLine(official, "online", true)).toBe("Its status page reports problems");
  });

  it("shows the evidence for is it me: control checks and the time of the last round", () => {
    const s = snapshot([service("WhatsApp")]);
    expect(connectivityLine(s, NOW)).toBe("You are online · 2 of 2 control checks work · last check 10:59");
    const offline = snapshot([], {
      connectivity: "offline",
      controls: [probe({ ok: false }), probe({ ok: false })],
    });
    expect(connectivityLine(offline, NOW)).toMatch(/^You are offline · 0 of 2 control checks work/);
  });

  it("names a control set aside as misbehaving, in the engine's words", () => {
    const s = snapshot([service("WhatsApp")], {
      controls: [probe({ ok: false }), probe({ ok: true })],
      misbehaving_controls: ["http://a.test/ — Server errors (HTTP 503)"],
    });
    expect(connectivityLine(s, NOW)).toBe(
      "You are online · 1 of 2 control checks work · last check 10:59 · set aside (the others work): http://a.test/ — Server errors (HTTP 503)",
    );
  });

  it("describes an incident, ended or ongoing", () => {
    const base = {
      id: 1,
      service: "whatsapp",
      worst: "down" as const,
      cause: "dns_servfail" as const,
      cause_text: "DNS lookups fail (SERVFAIL)",
      causes: ["dns_servfail" as const],
      detail: "",
      official_lag_secs: null,
      official_acknowledged: null,
      official_lag_text: "",
      not_running_secs: 0,
    };
    const ended = {
      ...base,
      start: new Date(at(10, 42)).toISOString(),
      end: new Date(at(11, 5)).toISOString(),
      start_ms: at(10, 42),
      end_ms: at(11, 5),
      ongoing: false,
      duration_secs: 23 * 60,
      duration_text: "23 min",
    };
    expect(incidentText(ended, NOW)).toBe("Down 10:42–11:05 (23 min): DNS lookups fail (SERVFAIL)");
    const ongoing = { ...ended, end: null, end_ms: null, ongoing: true, duration_secs: 18 * 60, duration_text: "18 min" };
    expect(incidentText(ongoing, NOW)).toBe("Down 10:42–ongoing (18 min): DNS lookups fail (SERVFAIL)");
    expect(incidentRow(ended, NOW)).toEqual({
      start: "10:42",
      end: "11:05",
      duration: "23 min",
      cause: "DNS lookups fail (SERVFAIL)",
    });
    expect(incidentRow({ ...ongoing, cause_text: "", cause: null }, NOW).cause).toBe("Unknown cause");
  });
});

describe("errors", () => {
  it("recognises the backend's CommandError", () => {
    expect(isCommandError({ kind: "config", message: "m", key: null, line: null })).toBe(true);
    expect(isCommandError({ kind: "other", message: "m" })).toBe(false);
    expect(isCommandError("config")).toBe(false);
    expect(isCommandError(null)).toBe(false);
  });

  it("words any rejection", () => {
    expect(describeError({ kind: "config", message: "must be at least 1", key: "interval_secs", line: 3 })).toBe(
      "interval_secs: must be at least 1 (line 3)",
    );
    expect(describeError({ kind: "io", message: "disk full", key: null, line: null })).toBe("disk full");
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError("command not found")).toBe("command not found");
    expect(describeError(undefined)).toBe("unknown error");
  });
});
