//! What the web UI may call; each command delegates to the engine in a few lines.

use outage_radar::config::{self, SettingsForm};
use outage_radar::event::Snapshot;
use outage_radar::notice::Notice;
use outage_radar::report::{HistoryReport, ServiceHistory};
use outage_radar::store::HistoryProblem;
use outage_radar::Store;
use serde::Serialize;

use crate::app::AppHandle;
use crate::error::CommandError;
use crate::state::{lock, AppState};

/// Everything as it stands.
pub fn get_snapshot(state: &AppState) -> Snapshot {
    state.engine.snapshot()
}

/// Incidents and uptime over the last `since_hours` (default 24), for one service or all.
pub fn get_history(
    state: &AppState,
    service: Option<String>,
    since_hours: Option<u32>,
) -> Result<HistoryReport, CommandError> {
    let now = chrono::Utc::now().timestamp_millis();
    let since = now - i64::from(since_hours.unwrap_or(24)) * 3_600_000;
    let history = lock(&state.history);
    Ok(HistoryReport::read(
        readable(&history)?,
        service.as_deref(),
        since,
        now,
    )?)
}

/// The history to read, or the engine's words for why there is none.
fn readable(history: &Result<Store, HistoryProblem>) -> Result<&Store, CommandError> {
    history
        .as_ref()
        .map_err(|problem| CommandError::NoHistory(problem.to_string()))
}

/// What happened to the history at start (damaged and kept aside, in use, ...), or None.
pub fn get_history_notice(state: &AppState) -> Option<String> {
    state.history_notice.clone()
}

/// The folder of the app's log files (for a bug report), or None when none are written.
pub fn get_log_dir(state: &AppState) -> Option<String> {
    state.log_dir.as_ref().map(|d| d.display().to_string())
}

/// On the first run only, where the app lives: a new user closing the dashboard must know
/// it goes on watching, and where to find it again.
pub fn get_welcome(state: &AppState) -> Option<String> {
    state.first_run.then(|| {
        "Outage Radar keeps watching from the tray. Closing this window does not stop it: \
         the tray icon's menu opens it again, and quits."
            .to_string()
    })
}

/// What a service card charts: latency over 1 h and 24 h, hourly and daily uptime bars.
pub fn get_service_history(
    state: &AppState,
    service: String,
) -> Result<ServiceHistory, CommandError> {
    let now = chrono::Utc::now().timestamp_millis();
    let history = lock(&state.history);
    Ok(ServiceHistory::read(readable(&history)?, &service, now)?)
}

/// The settings form, where the file is, and why it could not be used (if so).
#[derive(Serialize)]
pub struct SettingsView {
    form: SettingsForm,
    path: String,
    error: Option<String>,
}

/// The settings as they stand.
pub fn get_settings(state: &AppState) -> SettingsView {
    SettingsView {
        form: SettingsForm::from_settings(&lock(&state.settings)),
        path: state.config_path.display().to_string(),
        error: lock(&state.config_error).clone(),
    }
}

/// Validates and writes the settings (atomically), then reloads the engine without restart.
pub async fn save_settings(
    state: &AppState,
    form: SettingsForm,
) -> Result<SettingsForm, CommandError> {
    let settings = config::save(&form, &state.config_path)?;
    state.engine.reload(settings.clone()).await?;
    crate::setup::sync_autostart(settings.start_at_login);
    *lock(&state.config_error) = None;
    let form = SettingsForm::from_settings(&settings);
    *lock(&state.settings) = settings;
    Ok(form)
}

/// Until when notifications are paused (unix ms), or None.
pub fn get_pause(state: &AppState) -> Option<i64> {
    let now = chrono::Utc::now().timestamp_millis();
    (*lock(&state.paused_until_ms)).filter(|until| *until > now)
}

/// Pauses notifications for `minutes`, or resumes them with None; the tray follows.
pub fn set_pause(app: &AppHandle, minutes: Option<u32>) -> Option<i64> {
    crate::pause::set_pause(app, minutes)
}

/// Runs a round now.
pub fn check_now(state: &AppState) {
    state.engine.check_now();
}

/// Shows a notification so the user can see how they look.
pub fn send_test_notification(state: &AppState) {
    state.notifier.send(Notice {
        title: "Outage Radar works".into(),
        body: "This is how you will hear about an outage.".into(),
        ..Notice::default()
    });
}

/// "Tell me when it's back" for one service (`on` false withdraws it); returns the ids now
/// asked about, and refreshes the tray so its menu says so too.
pub fn tell_when_back(app: &AppHandle, service: String, on: bool) -> Vec<String> {
    crate::tray::tell_when_back(app, &service, on)
}

/// Opens the incident a service's status page reports, in the user's browser. Only the link
/// the engine read from that service's own status page is opened, never a URL the page
/// sends: a web view must not become a way to start arbitrary programs.
pub fn open_incident(state: &AppState, service: String) -> Result<(), CommandError> {
    let snapshot = state.engine.snapshot();
    let url = snapshot
        .services
        .iter()
        .find(|s| s.id == service)
        .and_then(|s| s.official.as_ref()?.incident.as_ref())
        .map(|incident| incident.url.clone())
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .ok_or_else(|| {
            CommandError::Refused("The status page no longer lists this incident.".into())
        })?;
    crate::browser::open(&url).map_err(|e| {
        CommandError::Refused(format!("Could not open a browser ({e}). The link: {url}"))
    })
}

/// Quits the app: the settings page's answer to "Quit" from the tray, once it asked about
/// unsaved changes.
pub fn quit_app(app: &AppHandle) {
    app.exit();
}

/// The ids of the services the user asked to be told about.
pub fn get_back_requests(state: &AppState) -> Vec<String> {
    lock(&state.back_requests).ids()
}
