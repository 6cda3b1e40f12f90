// How states are shown: always a shape and a word, never colour alone.

import type { Connectivity, SourceKind, Verdict } from "../ipc";
import { WORDS } from "./words.generated";

/** The four looks of the tray icon (docs/design.md, “Desktop app”), reused for the headline. */
export type Tone = "up" | "degraded" | "down" | "unknown";

export interface StateLabel {
  /** A shape that differs per tone (for people who cannot tell the colours apart). */
  icon: string;
  word: string;
  tone: Tone;
}

const VERDICTS: Record<Verdict, StateLabel> = {
  up: { icon: "✓", word: WORDS.verdict.up, tone: "up" },
  degraded: { icon: "▲", word: WORDS.verdict.degraded, tone: "degraded" },
  maintenance: { icon: "◆", word: WORDS.verdict.maintenance, tone: "degraded" },
  down: { icon: "✕", word: WORDS.verdict.down, tone: "down" },
  unknown: { icon: "?", word: WORDS.verdict.unknown, tone: "unknown" },
};

/** Before the first round a service is not "not judged", it is being checked. */
const CHECKING: StateLabel = { icon: "…", word: WORDS.checking, tone: "unknown" };

export function verdictLabel(verdict: Verdict, firstRoundDone = true): StateLabel {
  if (verdict === "unknown" && !firstRoundDone) return CHECKING;
  return VERDICTS[verdict];
}

/** The user's own network in the engine's words. */
export function connectivityText(c: Connectivity): string {
  return WORDS.connectivity[c];
}

/** The name of a kind of official source ("Meta Status"). */
export function sourceName(source: SourceKind): string {
  return WORDS.source[source];
}
