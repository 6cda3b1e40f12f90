// The only module that talks to the backend (eslint enforces it): every `invoke` and `listen`
// goes through here, and command and event names are spelled once, below.
//
// The types mirror the Rust serde types by hand (field names are snake_case, as in the
// CLI's JSON): `src/event.rs` (Snapshot and friends), `src/config/edit.rs` (SettingsForm),
// `src/report/mod.rs` (the history JSON). Keep them in step when the Rust side changes.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";

// ---- names -------------------------------------------------------------------------

/** Backend commands (`#[tauri::command]` functions in src-tauri). */
export const COMMANDS = {
  getSnapshot: "get_snapshot",
  getHistory: "get_history",
  getHistoryNotice: "get_history_notice",
  getLogDir: "get_log_dir",
  getWelcome: "get_welcome",
  openIncident: "open_incident",
  quitApp: "quit_app",
  getServiceHistory: "get_service_history",
  getPause: "get_pause",
  setPause: "set_pause",
  getSettings: "get_settings",
  saveSettings: "save_settings",
  checkNow: "check_now",
  sendTestNotification: "send_test_notification",
  tellWhenBack: "tell_when_back",
  getBackRequests: "get_back_requests",
} as const;

/** Events the backend emits to every window. */
export const EVENTS = {
  /** A verdict or the connectivity changed; payload: Snapshot. */
  statusChanged: "status-changed",
  /** A round finished (whether or not anything changed); payload: Snapshot. */
  observation: "observation",
  /** Notifications were paused or resumed (tray or window); payload: end (unix ms) or null. */
  pauseChanged: "pause-changed",
  /** Quit was chosen from the tray while the settings window is open; no payload. */
  quitRequested: "quit-requested",
} as const;

// ---- vocabulary (src/verdict.rs, src/connectivity.rs, src/cause.rs, src/observation.rs) --

/** A service's confirmed state. */
export type Verdict = "up" | "degraded" | "down" | "maintenance" | "unknown";

/** The user's own network. */
export type Connectivity = "online" | "offline" | "dns_broken" | "captive_portal";

/** Why something failed, in ladder order (docs/design.md, “Cause ladder”). */
export type Cause =
  | "dns_nxdomain"
  | "dns_servfail"
  | "dns_timeout"
  | "dns_error"
  | "tcp_refused"
  | "tcp_timeout"
  | "tcp_unreachable"
  | "connection_reset"
  | "tls"
  | "http_status"
  | "http_timeout"
  | "too_many_redirects"
  | "body_mismatch"
  | "slow"
  | "official"
  | "unreadable";

export type ProbeKind = "dns" | "tcp" | "tls" | "http";
export type SourceKind = "statuspage" | "metastatus" | "slack" | "google" | "statusio" | "incidentio";

// ---- snapshot (src/event.rs) -------------------------------------------------------------

/**
 * The state of everything in one word, worst first: stopped, a connectivity problem, then the
 * worst service verdict (down > degraded > maintenance > unknown > up).
 */
export type Overall = "stopped" | Exclude<Connectivity, "online"> | Verdict;

/** Everything as it stands: the shape of `outage-radar check --json`. */
export interface Snapshot {
  /** RFC 3339 time of the last round. */
  checked_at: string;
  connectivity: Connectivity;
  /** The state of everything, in the engine's one order (src/event.rs `Overall`). */
  overall: Overall;
  /** Per service, in configured order. */
  services: ServiceStatus[];
  /** The connectivity control probes of the last round (empty before the first round). */
  controls: ProbeStatus[];
  /** Controls set aside as misbehaving, in the engine's words ("http://… — Server errors (HTTP 503)"). */
  misbehaving_controls: string[];
  /** Controls fail while some services answer: what was seen, in words; else empty. */
  connection_note: string;
  /** Why checks stopped, in the engine's words; null while it runs. */
  stopped: string | null;
  /** Every service in trouble in one phrase, worst first ("Charlie is down · Bravo has
   * problems"); empty when none is. */
  affected: string;
}

export interface ServiceStatus {
  id: string;
  name: string;
  state: Verdict;
  /** RFC 3339 time the state began (as far as the app knows). */
  since: string;
  /** The same as unix milliseconds. */
  since_ms: number;
  cause: Cause | null;
  /** The cause in plain words; empty when up. */
  cause_text: string;
  detail: string;
  /** Slowest successful probe of the last round; null when nothing succeeded. */
  latency_ms: number | null;
  official: OfficialStatus | null;
  /** Our probes confirmed trouble while the official source still reads operational; else null. */
  official_lag: OfficialLag | null;
  probes: ProbeStatus[];
  /** How many probes the service has; 0 = judged from its status page alone. */
  probe_count: number;
}

/** The vendor has not admitted it yet (src/event.rs `OfficialLag`). */
export interface OfficialLag {
  /** RFC 3339 start of the lag. */
  since: string;
  since_ms: number;
  /** The source's own words ("All Systems Operational"). */
  says: string;
  /** The lag in the engine's words as of the snapshot: "the official status still says
   * “All Systems Operational” (12 min)". */
  words: string;
}

export interface OfficialStatus {
  source: SourceKind;
  /** Mapped verdict; null = no opinion. */
  state: Verdict | null;
  /** The provider's words, or why it was unreadable. */
  text: string;
  /** The incident the source has open, when it names one. */
  incident: OfficialIncident | null;
}

/** An incident as the status page names it; `url` is its page, or empty. */
export interface OfficialIncident {
  title: string;
  url: string;
}

export interface ProbeStatus {
  kind: ProbeKind;
  target: string;
  ok: boolean;
  cause: Cause | null;
  /** The cause in the engine's words, with its detail; empty when ok. */
  cause_text: string;
  latency_ms: number;
  detail: string;
  /** Only present for TLS and HTTPS probes. */
  cert_days_left?: number;
}

/** A confirmed verdict change (`TransitionEvent`; not emitted to the UI yet). */
export interface TransitionEvent {
  at: string;
  at_ms: number;
  service: string;
  name: string;
  from: Verdict;
  to: Verdict;
  cause: Cause | null;
  cause_text: string;
  detail: string;
  trouble_since_ms: number | null;
  official_lag: OfficialLag | null;
}

// ---- history (src/report/mod.rs: HistoryReport, the JSON of `outage-radar history --json`) --

export interface HistoryQuery {
  /** One service id; absent = every service. */
  service?: string;
  /** How far back; absent = the backend's default. */
  sinceHours?: number;
}

export interface History {
  since: string;
  until: string;
  incidents: Incident[];
  uptime: Uptime[];
}

export interface Incident {
  id: number;
  service: string;
  start: string;
  /** null while ongoing. */
  end: string | null;
  start_ms: number;
  end_ms: number | null;
  ongoing: boolean;
  /** Wall clock, including time the app was off. */
  duration_secs: number;
  /** Seconds of it the app was off. */
  not_running_secs: number;
  /** The duration in the engine's words, with the part the app was off: "1 h 12 min". */
  duration_text: string;
  worst: Verdict;
  cause: Cause | null;
  /** The first cause in plain words; empty without a cause. */
  cause_text: string;
  causes: Cause[];
  detail: string;
  /** How long the official source still read operational after we confirmed it; null = no lag. */
  official_lag_secs: number | null;
  /** Whether the vendor admitted it before the incident ended; null = no lag. */
  official_acknowledged: boolean | null;
  /** The lag in the engine's words ("acknowledged after 14 min"); empty without a lag. */
  official_lag_text: string;
}

export interface Uptime {
  service: string;
  /** Percentage of judged time not down; null when nothing was judged. */
  percent: number | null;
  /** Percentage of judged time fully up (degraded apart); null when nothing was judged. */
  up_percent: number | null;
  /** Seconds the app was watching; the rest of the window it was off. */
  observed_secs: number;
  not_running_secs: number;
  /** The engine's words: "up 100 % of the 3 h observed". */
  words: string;
  up_secs: number;
  degraded_secs: number;
  down_secs: number;
  maintenance_secs: number;
  unknown_secs: number;
  offline_secs: number;
}

// ---- one service's charts (src/report/mod.rs: ServiceHistory) ----------------------------

/** One bar: time per state in [start_ms, start_ms + bucket); offline time is never down. */
export interface Bucket {
  start_ms: number;
  up_ms: number;
  degraded_ms: number;
  down_ms: number;
  maintenance_ms: number;
  unknown_ms: number;
  offline_ms: number;
  /** Worst judged state in the bar; null when nothing was judged (empty or all offline). */
  worst: Verdict | null;
  /** Share of judged time not down, 0–100; null when nothing was judged. */
  percent: number | null;
  /** Time the app was watching in this bar; 0 = a gap (the app was off). */
  observed_ms: number;
  /** Time of the bar, up to now, the app was off. */
  not_running_ms: number;
  /** What the bar says after its time range: "up 80 % of the 1 h observed, down 12 min";
   * the engine's gap word for a bar the app was off. */
  words: string;
}

/** Uptime over a span of bars, of the time observed (the headline above the bars). */
export interface SpanUptime {
  /** Share of judged time not down; null when nothing was judged. */
  percent: number | null;
  /** Share of judged time fully up; null when nothing was judged. */
  up_percent: number | null;
  observed_ms: number;
  not_running_ms: number;
  /** The engine's words: "up 93.3 % of the 3 h observed, degraded 12 min". */
  words: string;
  /** Their first part, the share of the time observed: "up 93.3 % of the 3 h observed". */
  headline: string;
  /** The rest, each kind of time apart ("degraded 12 min"); empty when nothing more. */
  details: string;
}

/** One chart point (a round, or several merged). */
export interface LatencyPoint {
  at_ms: number;
  /** Slowest successful probe; null when nothing succeeded. */
  latency_ms: number | null;
  failed: boolean;
  cause: Cause | null;
  /** The cause in the card's words, with its detail ("Server errors (HTTP 503)"); empty
   * when nothing failed. */
  cause_text: string;
  /** The user was offline: not the service's fault. */
  offline: boolean;
}

export interface ServiceHistory {
  service: string;
  latency_1h: LatencyPoint[];
  latency_24h: LatencyPoint[];
  /** 24 hourly bars, oldest first, the last one is the current hour. */
  hours_24: Bucket[];
  /** 7 bars of 24 h each, oldest first, ending with the current hour. */
  days_7: Bucket[];
  uptime_24h: SpanUptime;
  uptime_7d: SpanUptime;
}

// ---- settings (src/config/edit.rs, src/config/service_form.rs) ---------------------------

export interface SettingsForm {
  interval_secs: number;
  confirm: number;
  timeout_ms: number;
  slow_ms: number;
  /** Ids of the built-in services to watch. */
  builtins: string[];
  notifications: NotificationsForm;
  start_at_login: boolean;
  /** Custom services, switched-off ones included. */
  services: ServiceForm[];
  /** The connection checks (null leaves the file's as they are). */
  connectivity: ConnectivityForm | null;
  /** Every built-in service, for the checkboxes (ignored when saving). */
  available_builtins: BuiltinChoice[];
}

export interface NotificationsForm {
  enabled: boolean;
  recovery: boolean;
  degraded: boolean;
  /** "22:00-07:00", or null for no quiet hours. */
  quiet_hours: string | null;
}

/** A custom service. Validation errors name fields as `services[i].name`,
 * `services[i].probes[j].target`, `services[i].probes[j].kind`, `services[i].probes[j].expect`,
 * `services[i].probes`, `services[i].id`, `services[i].status.url`, `services[i].status.org`. */
export interface ServiceForm {
  /** Empty for a new service: the backend makes one from the name. */
  id: string;
  name: string;
  enabled: boolean;
  probes: ProbeForm[];
  status: StatusForm | null;
}

/** The checks that judge the user's own connection. Errors name `connectivity.probes[j].target`,
 * `connectivity.probes[j].kind`, `connectivity.probes`. */
export interface ConnectivityForm {
  /** The built-in checks (no list of the user's own in the file). */
  builtin: boolean;
  /** The checks in use: the built-in ones when `builtin`, else the user's own. */
  probes: ProbeForm[];
  /** The built-in checks (ignored when saving). */
  defaults: ProbeForm[];
}

export interface ProbeForm {
  kind: ProbeKind;
  /** Host (dns), host:port (tcp, tls) or URL (http). */
  target: string;
  /** Accepted HTTP statuses, e.g. "200-399" (http only); null = default. */
  expect: string | null;
  /** Text the body must contain (http only). */
  contains: string | null;
}

export interface StatusForm {
  kind: SourceKind;
  url: string | null;
  component: string | null;
  org: string | null;
  service: string | null;
}

export interface BuiltinChoice {
  id: string;
  name: string;
  /** Category in words ("Messaging"), for grouping and search. */
  category: string;
  /** Whether the vendor's own status source is read too. */
  has_official: boolean;
}

export interface SettingsState {
  form: SettingsForm;
  /** The config file. */
  path: string;
  /** The file on disk is broken (saving is refused until it is fixed); null when fine. */
  error: string | null;
}

/** What a command rejects with (`CommandError` in src-tauri). */
export interface CommandError {
  /** `file`: the config file on disk is broken; `config`: a field (see `key`); `io`: the disk. */
  kind: "file" | "config" | "io" | "internal";
  message: string;
  /** The config key at fault (`interval_secs`, `quiet_hours`, `builtins`, ...). */
  key: string | null;
  /** 1-based line in the config file, when known. */
  line: number | null;
}

// ---- commands ------------------------------------------------------------------------------

export function getSnapshot(): Promise<Snapshot> {
  return invoke<Snapshot>(COMMANDS.getSnapshot);
}

export function getHistory(query: HistoryQuery = {}): Promise<History> {
  return invoke<History>(COMMANDS.getHistory, { ...query });
}

/** What happened to the history at start (damaged and kept aside, in use, ...), or null. */
export function getHistoryNotice(): Promise<string | null> {
  return invoke<string | null>(COMMANDS.getHistoryNotice);
}

/** The folder of the app's log files (to attach to a bug report), or null when none are written. */
export function getLogDir(): Promise<string | null> {
  return invoke<string | null>(COMMANDS.getLogDir);
}

/** On the first run, a line saying where the app lives; null afterwards. */
export function getWelcome(): Promise<string | null> {
  return invoke<string | null>(COMMANDS.getWelcome);
}

/** Opens, in the browser, the incident a service's status page reports. */
export function openIncident(service: string): Promise<void> {
  return invoke<void>(COMMANDS.openIncident, { service });
}

export function getServiceHistory(service: string): Promise<ServiceHistory> {
  return invoke<ServiceHistory>(COMMANDS.getServiceHistory, { service });
}

/** Until when notifications are paused (unix ms), or null. */
export function getPause(): Promise<number | null> {
  return invoke<number | null>(COMMANDS.getPause);
}

/** Pauses notifications for `minutes`, or resumes them with null; returns the new end. */
export function setPause(minutes: number | null): Promise<number | null> {
  return invoke<number | null>(COMMANDS.setPause, { minutes });
}

export function getSettings(): Promise<SettingsState> {
  return invoke<SettingsState>(COMMANDS.getSettings);
}

/** Saves and returns the settings as now in force; rejects with a CommandError. */
export function saveSettings(form: SettingsForm): Promise<SettingsForm> {
  return invoke<SettingsForm>(COMMANDS.saveSettings, { form });
}

export function checkNow(): Promise<void> {
  return invoke<void>(COMMANDS.checkNow);
}

export function sendTestNotification(): Promise<void> {
  return invoke<void>(COMMANDS.sendTestNotification);
}

/** "Tell me when it's back" for one service (`on` false withdraws it); resolves to every id asked about. */
export function tellWhenBack(service: string, on: boolean): Promise<string[]> {
  return invoke<string[]>(COMMANDS.tellWhenBack, { service, on });
}

/** The ids of the services the user asked to be told about. */
export function getBackRequests(): Promise<string[]> {
  return invoke<string[]>(COMMANDS.getBackRequests);
}

// ---- events --------------------------------------------------------------------------------

export type Unlisten = UnlistenFn;

export function onStatusChanged(handler: (snapshot: Snapshot) => void): Promise<Unlisten> {
  return listen<Snapshot>(EVENTS.statusChanged, (e) => handler(e.payload));
}

export function onPauseChanged(handler: (untilMs: number | null) => void): Promise<Unlisten> {
  return listen<number | null>(EVENTS.pauseChanged, (e) => handler(e.payload));
}

export function onObservation(handler: (snapshot: Snapshot) => void): Promise<Unlisten> {
  return listen<Snapshot>(EVENTS.observation, (e) => handler(e.payload));
}

// ---- this window ---------------------------------------------------------------------------

/**
 * Asks `mayClose` when the user closes this window (title bar, Alt+F4); when it answers
 * false the window stays open, otherwise it is destroyed as usual (`core:window:allow-destroy`).
 * Rejects outside the app (no Tauri window), where there is nothing to ask.
 */
export async function onCloseRequested(mayClose: () => boolean): Promise<Unlisten> {
  return getCurrentWindow().onCloseRequested((event) => {
    if (!mayClose()) event.preventDefault();
  });
}

/** Closes this window without asking again (after the page asked about unsaved changes). */
export function destroyThisWindow(): Promise<void> {
  return getCurrentWindow().destroy();
}

/** Quit was chosen from the tray: the settings page asks about unsaved changes first. */
export function onQuitRequested(handler: () => void): Promise<Unlisten> {
  return listen<null>(EVENTS.quitRequested, () => handler());
}

/** Quits the app (after the settings page asked about unsaved changes). */
export function quitApp(): Promise<void> {
  return invoke<void>(COMMANDS.quitApp);
}
