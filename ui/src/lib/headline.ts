// The answer to "is it me or them?", in words. Pure: a snapshot in, sentences out.

import type { ServiceStatus, Snapshot, Verdict } from "../ipc";
import { localTime } from "./format";
import type { Tone } from "./states";
import { WORDS } from "./words.generated";

export interface Headline {
  tone: Tone;
  /** One sentence: "WhatsApp is down — it's not you". */
  title: string;
  /** What supports it, or what to do. */
  detail: string;
}

/**
 * Whether the snapshot comes from a finished round. The backend's snapshot before the
 * first round has every service `unknown` and no control probes yet.
 */
export function firstRoundDone(s: Snapshot): boolean {
  return s.controls.length > 0 || s.services.some((x) => x.state !== "unknown" || x.probes.length > 0);
}

/** "WhatsApp", "WhatsApp and Instagram", "Jira, Slack and Zoom", "Jira, Slack and 3 more". */
export function nameList(names: string[]): string {
  const [first = "", second = "", third = ""] = names;
  if (names.length <= 1) return first;
  if (names.length === 2) return `${first} and ${second}`;
  if (names.length === 3) return `${first}, ${second} and ${third}`;
  return `${first}, ${second} and ${names.length - 2} more`;
}

const CHECKING: Headline = {
  tone: "unknown",
  title: WORDS.checking,
  detail: "The first check is running; this takes a few seconds.",
};

/** Follows the engine's `overall`, which orders every state once (src/event.rs `Overall`). */
export function headline(s: Snapshot | null, nowMs: number): Headline {
  if (s === null) return CHECKING;
  if (s.overall === "stopped") {
    return { tone: "unknown", title: s.stopped ?? "", detail: "What the dashboard shows is from the last check." };
  }
  if (!firstRoundDone(s)) return CHECKING;
  const { services } = s;
  const withState = (v: Verdict) => services.filter((x) => x.state === v);
  switch (s.overall) {
    case "offline":
      // Services answered while every control failed: not offline, so say what was seen.
      if (s.connection_note) {
        return {
          tone: "unknown",
          title: "Your network may block the connection checks",
          detail: `${s.connection_note}. Services can't be judged until the checks get through.`,
        };
      }
      return {
        tone: "unknown",
        title: `${WORDS.connectivity.offline} — services can't be judged`,
        detail: "None of the control checks get through. Check your Wi-Fi or cable.",
      };
    case "dns_broken":
      return {
        tone: "unknown",
        title: WORDS.connectivity.dns_broken,
        detail:
          "Your network answers, but names don't resolve. Services can't be judged until DNS works again.",
      };
    case "captive_portal":
      return {
        tone: "unknown",
        title: WORDS.connectivity.captive_portal,
        detail: "Sign in to the network (hotel, airport, café); services can't be judged until then.",
      };
    // The engine names every service in trouble, worst first: "Charlie is down · Bravo has problems".
    case "down":
    case "degraded": {
      const hit = services.filter((x) => x.state === "down" || x.state === "degraded" || x.state === "maintenance");
      return {
        tone: s.overall,
        title: `${s.affected} — it's not you`,
        detail: trouble(hit, nowMs),
      };
    }
    case "maintenance": {
      return {
        tone: "degraded",
        title: s.affected,
        detail: "The provider announced maintenance. Your connection works.",
      };
    }
    case "unknown": {
      const unknown = withState("unknown");
      if (unknown.length === services.length) return CHECKING;
      return {
        tone: "unknown",
        title: "Some services can't be judged yet",
        detail: `${nameList(unknown.map((x) => x.name))}: not enough checks yet. The others are up.`,
      };
    }
    case "up":
      if (services.length === 0) {
        return { tone: "up", title: "No services to watch", detail: "Turn some on in Settings." };
      }
      return {
        tone: "up",
        title: "All good",
        detail: services.length === 1 ? `${services[0]?.name ?? ""} is up.` : `All ${services.length} services are up.`,
      };
  }
}

/** One service: "Since 10:42: <the engine's cause text>. Your connection works." */
function trouble(hit: ServiceStatus[], nowMs: number): string {
  const works = "Your connection works, so the problem is on their side.";
  const [only] = hit;
  if (hit.length !== 1 || only === undefined) return works;
  const since = localTime(only.since_ms, nowMs);
  const said = [since && `Since ${since}`, only.cause_text].filter(Boolean).join(": ");
  return said ? `${said}. ${works}` : works;
}
