// The dashboard's top: the headline, the user's own connectivity, the pause, the Check now
// button, the history notice, the error banner, and the footer's log folder. Rendering only: data comes in as arguments, clicks go out
// as callbacks.

import type { Snapshot } from "../ipc";
import { clockSeconds, localTime } from "../lib/format";
import { headline } from "../lib/headline";
import { connectivityLine, probeText } from "../lib/service-text";
import { byId, h, setText, showMessage } from "./dom";

export interface StatusView {
  summary: HTMLElement;
  headline: HTMLElement;
  detail: HTMLElement;
  connectivity: HTMLElement;
  controls: HTMLDetailsElement;
  controlsSummary: HTMLElement;
  controlsList: HTMLUListElement;
  pause: HTMLElement;
  historyNotice: HTMLElement;
  welcome: HTMLElement;
  logDir: HTMLElement;
  checkNow: HTMLButtonElement;
  progress: HTMLElement;
  error: HTMLElement;
  errorText: HTMLElement;
  retry: HTMLButtonElement;
}

export function statusView(doc: Document): StatusView {
  return {
    summary: byId(doc, "summary", HTMLElement),
    headline: byId(doc, "headline", HTMLElement),
    detail: byId(doc, "headline-detail", HTMLElement),
    connectivity: byId(doc, "connectivity", HTMLElement),
    controls: byId(doc, "controls", HTMLDetailsElement),
    controlsSummary: byId(doc, "controls-summary", HTMLElement),
    controlsList: byId(doc, "controls-list", HTMLUListElement),
    pause: byId(doc, "pause", HTMLElement),
    historyNotice: byId(doc, "history-notice", HTMLElement),
    welcome: byId(doc, "welcome", HTMLElement),
    logDir: byId(doc, "log-dir", HTMLElement),
    checkNow: byId(doc, "check-now", HTMLButtonElement),
    progress: byId(doc, "check-progress", HTMLElement),
    error: byId(doc, "error", HTMLElement),
    errorText: byId(doc, "error-text", HTMLElement),
    retry: byId(doc, "retry", HTMLButtonElement),
  };
}

export function renderSnapshot(view: StatusView, s: Snapshot, nowMs: number): void {
  const line = headline(s, nowMs);
  view.summary.dataset.tone = line.tone;
  setText(view.headline, line.title);
  setText(view.detail, line.detail);
  setText(view.connectivity, connectivityLine(s, nowMs));
  renderControls(view, s);
}

/** Each control check with its result, so "is it me?" shows its evidence; opened by itself
 * when one fails. */
function renderControls(view: StatusView, s: Snapshot): void {
  view.controls.hidden = s.controls.length === 0;
  if (s.controls.length === 0) return;
  const failing = s.controls.filter((c) => !c.ok).length;
  setText(
    view.controlsSummary,
    failing === 0
      ? `Connection checks: all ${s.controls.length} work`
      : `Connection checks: ${failing} of ${s.controls.length} ${failing === 1 ? "fails" : "fail"}`,
  );
  if (failing > 0 && !view.controls.dataset.seenFailing) {
    view.controls.open = true;
    view.controls.dataset.seenFailing = "true";
  }
  view.controlsList.replaceChildren(
    ...s.controls.map((c) =>
      h(
        "li",
        { class: "control", attrs: { "data-ok": String(c.ok) } },
        h("span", { class: "state-icon", text: c.ok ? "✓" : "✕", attrs: { "aria-hidden": "true" } }),
        ` ${probeText(c)}`,
      ),
    ),
  );
}

/** "Notifications paused until 11:42", or nothing. */
export function renderPause(view: StatusView, untilMs: number | null, nowMs: number): void {
  showMessage(
    view.pause,
    untilMs !== null && untilMs > nowMs ? `Notifications paused until ${localTime(untilMs, nowMs)}` : "",
  );
}

/** What happened to the history at start, in the backend's words, or nothing. */
export function renderHistoryNotice(view: StatusView, notice: string | null): void {
  showMessage(view.historyNotice, notice ?? "");
}

/** The first run's line about where the app lives, or nothing. */
export function renderWelcome(view: StatusView, welcome: string | null): void {
  showMessage(view.welcome, welcome ?? "");
}

/** The footer: where the log files are, for a bug report; nothing when none are written. */
export function renderLogDir(view: StatusView, dir: string | null): void {
  showMessage(view.logDir, dir ? `Log files (attach the latest to a bug report): ${dir}` : "");
}

/** While a requested check runs: the button is disabled and says so. */
export function setChecking(view: StatusView, checking: boolean): void {
  view.checkNow.disabled = checking;
  view.checkNow.setAttribute("aria-busy", String(checking));
  view.checkNow.classList.toggle("busy", checking);
  setText(view.checkNow, checking ? "Checking…" : "Check now");
  setText(view.progress, checking ? "Checking every service now…" : "");
}

/** After a requested check: "Checked at 10:42:05" beside the button, to the second. */
export function setChecked(view: StatusView, nowMs: number): void {
  setText(view.progress, `Checked at ${clockSeconds(nowMs)}`);
}

/** Shows (or with "" hides) the error banner; `retry` adds a "Try again" button. */
export function showError(view: StatusView, message: string, retry: (() => void) | null = null): void {
  setText(view.errorText, message);
  view.error.hidden = message === "";
  view.retry.hidden = retry === null;
  view.retry.onclick = retry;
}

export function onCheckNow(view: StatusView, handler: () => void): void {
  view.checkNow.addEventListener("click", handler);
}
