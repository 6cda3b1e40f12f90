// How states are shown: always a shape and a word, never colour alone.

import type { Connectivity, SourceKind, Verdict } from "../ipc";

/** The four looks of the tray icon (docs/design.md, “Desktop app”), reused for the headline. */
export type Tone = "up" | "degraded" | "down" | "unknown";

export interface StateLabel {
  /** A shape that differs per tone (for people who cannot tell the colours apart). */
  icon: string;
  word: string;
  tone: Tone;
}

const VERDICTS: Record<Verdict, StateLabel> = {
  up: { icon: "✓", word: "Up", tone: "up" },
  degraded: { icon: "▲", word: "Degraded", tone: "degraded" },
  maintenance: { icon: "◆", word: "Maintenance", tone: "degraded" },
  down: { icon: "✕", word: "Down", tone: "down" },
  unknown: { icon: "?", word: "Not judged", tone: "unknown" },
};

/** Before the first round a service is not "not judged", it is being checked. */
const CHECKING: StateLabel = { icon: "…", word: "Checking…", tone: "unknown" };

export function verdictLabel(verdict: Verdict, firstRoundDone = true): StateLabel {
  if (verdict === "unknown" && !firstRoundDone) return CHECKING;
  return VERDICTS[verdict];
}

/** The user's own network in plain words (the same as `Connectivity::describe`). */
export function connectivityText(c: Connectivity): string {
  switch (c) {
    case "online":
      return "You are online";
    case "offline":
      return "You are offline";
    case "dns_broken":
      return "Your DNS is broken";
    case "captive_portal":
      return "A login page (captive portal) intercepts your connection";
  }
}

export function sourceName(source: SourceKind): string {
  return source === "metastatus" ? "Meta Status" : "status page";
}
