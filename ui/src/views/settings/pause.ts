// "Right now": pausing notifications and the test notification. Not part of Save.

import { localTime } from "../../lib/format";
import { byId, setText } from "../dom";

export interface NowView {
  pause: HTMLButtonElement;
  resume: HTMLButtonElement;
  pauseStatus: HTMLElement;
  testNotification: HTMLButtonElement;
  testStatus: HTMLElement;
}

export function nowView(doc: Document): NowView {
  return {
    pause: byId(doc, "pause-1h", HTMLButtonElement),
    resume: byId(doc, "resume", HTMLButtonElement),
    pauseStatus: byId(doc, "pause-status", HTMLElement),
    testNotification: byId(doc, "test-notification", HTMLButtonElement),
    testStatus: byId(doc, "test-status", HTMLElement),
  };
}

/** "Paused until 11:42." or "Notifications are on."; Resume only while paused. */
export function pauseText(untilMs: number | null, nowMs: number): string {
  if (untilMs === null || untilMs <= nowMs) return "Notifications are on.";
  return `Notifications paused until ${localTime(untilMs, nowMs)}.`;
}

export function renderPause(v: NowView, untilMs: number | null, nowMs: number): void {
  setText(v.pauseStatus, pauseText(untilMs, nowMs));
  v.resume.disabled = untilMs === null || untilMs <= nowMs;
}
