// dashboard.html: shows the snapshot and follows the backend's events. Wiring only: words
// come from lib/, DOM from views/, the backend from ipc.ts.

import "./styles.css";
import { checkNow, getHistory, getSnapshot, onObservation, onStatusChanged, type Snapshot, type Unlisten } from "./ipc";
import { describeError } from "./lib/errors";
import { historyView, renderHistory, showHistoryError } from "./views/history";
import { onCheckNow, renderSnapshot, setChecking, showError, statusView } from "./views/status";

/** How long "Check now" waits for the round's result before giving up on it. */
const CHECK_GIVE_UP_MS = 120_000;

export interface DashboardOptions {
  now?: () => number;
  historyHours?: number;
}

/** Starts the dashboard in `doc`; resolves to a function that stops listening. */
export async function startDashboard(doc: Document, opts: DashboardOptions = {}): Promise<() => void> {
  const now = opts.now ?? Date.now;
  const status = statusView(doc);
  const history = historyView(doc);
  let latest: Snapshot | null = null;
  let giveUp: ReturnType<typeof setTimeout> | undefined;

  const show = (s: Snapshot) => {
    latest = s;
    renderSnapshot(status, s, now());
  };
  const refreshHistory = async () => {
    try {
      const h = await getHistory({ sinceHours: opts.historyHours ?? 24 });
      const names = new Map((latest?.services ?? []).map((x) => [x.id, x.name]));
      renderHistory(history, h, names, now());
    } catch (e) {
      showHistoryError(history, `Could not load the history: ${describeError(e)}`);
    }
  };
  const endCheck = () => {
    clearTimeout(giveUp);
    setChecking(status, false);
  };

  onCheckNow(status, () => {
    showError(status, "");
    setChecking(status, true);
    // A stuck backend must not leave the button disabled for good.
    giveUp = setTimeout(endCheck, CHECK_GIVE_UP_MS);
    checkNow().catch((e: unknown) => {
      endCheck();
      showError(status, `Could not start a check: ${describeError(e)}`);
    });
  });

  // Listen before asking, so nothing that happens in between is missed.
  let unlisten: Unlisten[] = [];
  try {
    unlisten = await Promise.all([
      onStatusChanged((s) => {
        show(s);
        void refreshHistory();
      }),
      onObservation((s) => {
        show(s);
        endCheck();
      }),
    ]);
  } catch (e) {
    showError(status, `Live updates are off: ${describeError(e)}`);
  }
  try {
    const s = await getSnapshot();
    if (latest === null) show(s); // an event may already have brought a newer one
  } catch (e) {
    showError(status, `Could not load the status: ${describeError(e)}`);
  }
  await refreshHistory();
  return () => {
    clearTimeout(giveUp);
    unlisten.forEach((u) => u());
  };
}

// dashboard.html marks its root; importing this module elsewhere (tests) starts nothing.
if (document.body.dataset.page === "dashboard") void startDashboard(document);
