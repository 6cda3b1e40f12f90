// dashboard.html: shows the snapshot and the histories, and follows the backend's events.
// Wiring only: words come from lib/, DOM from views/, the backend from ipc.ts.

import "uplot/dist/uPlot.min.css";
import "./styles.css";
import "./dashboard.css";
import {
  checkNow,
  getBackRequests,
  getHistory,
  getHistoryNotice,
  getLogDir,
  getWelcome,
  openIncident,
  getPause,
  getServiceHistory,
  getSnapshot,
  onObservation,
  onPauseChanged,
  onStatusChanged,
  tellWhenBack,
  type Snapshot,
  type Unlisten,
} from "./ipc";
import { coalesce } from "./lib/coalesce";
import { describeError } from "./lib/errors";
import { cardsView, renderCards, setBackRequests, setCardHistory, setCardHistoryError } from "./views/cards";
import { fillLegend } from "./views/bars";
import { byId, h } from "./views/dom";
import { incidentsView, renderIncidents, showIncidentsError } from "./views/incidents";
import {
  onCheckNow,
  renderHistoryNotice,
  renderLogDir,
  renderWelcome,
  renderPause,
  renderSnapshot,
  setChecked,
  setChecking,
  showError,
  statusView,
} from "./views/status";

/** How long "Check now" waits for the round's result before it gives the button back. */
const CHECK_GIVE_UP_MS = 60_000;
/** A round brings one or two events; the histories are fetched once, this long after. */
const REFRESH_DELAY_MS = 300;
/** How far back the incident list looks. */
const INCIDENT_HOURS = 7 * 24;

export interface DashboardOptions {
  now?: () => number;
  checkGiveUpMs?: number;
  refreshDelayMs?: number;
}

/** Starts the dashboard in `doc`; resolves (with the first data shown) to a function that stops it. */
export async function startDashboard(doc: Document, opts: DashboardOptions = {}): Promise<() => void> {
  const now = opts.now ?? Date.now;
  fillLegend(doc);
  const status = statusView(doc);
  const incidents = incidentsView(doc);
  const cards = cardsView(
    byId(doc, "services", HTMLUListElement),
    (id) => void loadServiceHistory(id),
    (id, on) => void askWhenBack(id, on),
    (id) => void openIncidentOf(id),
  );
  let latest: Snapshot | null = null;
  let giveUp: ReturnType<typeof setTimeout> | undefined;

  const show = (s: Snapshot) => {
    latest = s;
    renderSnapshot(status, s, now());
    renderCards(cards, s, now());
  };

  const loadServiceHistory = async (id: string) => {
    try {
      setCardHistory(cards, await getServiceHistory(id), now());
    } catch (e) {
      setCardHistoryError(cards, id, `Could not load the history: ${describeError(e)}`);
    }
  };
  const askWhenBack = async (id: string, on: boolean) => {
    try {
      setBackRequests(cards, await tellWhenBack(id, on));
    } catch (e) {
      showError(status, `Could not ask to be told: ${describeError(e)}`);
    }
  };
  const openIncidentOf = async (id: string) => {
    try {
      await openIncident(id);
    } catch (e) {
      showError(status, describeError(e));
    }
  };
  const loadBackRequests = async () => {
    try {
      setBackRequests(cards, await getBackRequests());
    } catch {
      // The buttons then start as "not asked"; asking again is harmless.
    }
  };
  const loadIncidents = async () => {
    try {
      const h = await getHistory({ sinceHours: INCIDENT_HOURS });
      const names = new Map((latest?.services ?? []).map((x) => [x.id, x.name]));
      renderIncidents(incidents, h, names, now());
    } catch (e) {
      showIncidentsError(incidents, `Could not load the incidents: ${describeError(e)}`);
    }
  };
  const loadPause = async () => {
    try {
      renderPause(status, await getPause(), now());
    } catch {
      // The pause line is a courtesy; the tray menu shows it too.
    }
  };
  const loadHistoryNotice = async () => {
    try {
      renderHistoryNotice(status, await getHistoryNotice());
    } catch {
      // The notice was also sent as a notification; the incidents say when history fails.
    }
  };
  const loadLogDir = async () => {
    try {
      renderLogDir(status, await getLogDir());
    } catch {
      // Only a courtesy for bug reports; the dashboard works without it.
    }
  };
  const loadWelcome = async () => {
    try {
      renderWelcome(status, await getWelcome());
    } catch {
      // A courtesy of the first run; the README says it too.
    }
  };
  const refresh = coalesce(async () => {
    await Promise.all([
      ...[...cards.cards.keys()].map(loadServiceHistory),
      loadIncidents(),
      loadPause(),
      loadBackRequests(),
    ]);
  }, opts.refreshDelayMs ?? REFRESH_DELAY_MS);
  incidents.retry.addEventListener("click", () => void loadIncidents());

  const loadSnapshot = async (): Promise<boolean> => {
    try {
      const s = await getSnapshot();
      if (latest === null) show(s); // an event may already have brought a newer one
      return true;
    } catch (e) {
      showError(status, `Could not load the status: ${describeError(e)}`, () => void retry());
      if (latest === null) {
        cards.list.replaceChildren(
          h("li", { class: "card empty", text: "The services show here once the status loads." }),
        );
      }
      return false;
    }
  };
  const retry = async () => {
    showError(status, "");
    if (await loadSnapshot()) await refresh.run();
  };

  // Whether the user asked for the round under way: its end then says "Checked", so a
  // round that ends within a blink still visibly did something.
  let asked = false;
  const endCheck = (checked: boolean) => {
    clearTimeout(giveUp);
    if (!asked) return;
    asked = false;
    setChecking(status, false);
    if (checked) setChecked(status, now());
  };
  onCheckNow(status, () => {
    showError(status, "");
    asked = true;
    setChecking(status, true);
    // A stuck backend must not leave the button disabled for good.
    giveUp = setTimeout(() => endCheck(false), opts.checkGiveUpMs ?? CHECK_GIVE_UP_MS);
    checkNow().catch((e: unknown) => {
      endCheck(false);
      showError(status, `Could not start a check: ${describeError(e)}`);
    });
  });

  // Listen before asking, so nothing that happens in between is missed.
  let unlisten: Unlisten[] = [];
  try {
    unlisten = await Promise.all([
      onStatusChanged((s) => {
        show(s);
        refresh.schedule();
      }),
      onObservation((s) => {
        show(s);
        endCheck(true);
        refresh.schedule();
      }),
      onPauseChanged((until) => renderPause(status, until, now())),
    ]);
  } catch (e) {
    showError(status, `Live updates are off: ${describeError(e)}`);
  }
  // Said once at start by the backend; it does not change while the app runs.
  const notice = loadHistoryNotice();
  const logDir = loadLogDir();
  const welcome = loadWelcome();
  if (await loadSnapshot()) await refresh.run();
  await Promise.all([notice, logDir, welcome]);
  return () => {
    clearTimeout(giveUp);
    refresh.cancel();
    unlisten.forEach((u) => u());
  };
}

// dashboard.html marks its root; importing this module elsewhere (tests) starts nothing.
if (document.body.dataset.page === "dashboard") void startDashboard(document);
