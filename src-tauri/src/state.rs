//! What the app keeps between events, held once by [`crate::app::App`].

use std::path::PathBuf;
use std::sync::Mutex;

use outage_radar::back::BackRequests;
use outage_radar::engine::EngineHandle;
use outage_radar::notifier::DesktopNotifier;
use outage_radar::store::HistoryProblem;
use outage_radar::{Settings, Store};

/// The app's state.
pub struct AppState {
    /// The running engine.
    pub engine: EngineHandle,
    /// The config file the settings window edits.
    pub config_path: PathBuf,
    /// A read connection to the history (the engine writes through its own), or why there
    /// is none.
    pub history: Mutex<Result<Store, HistoryProblem>>,
    /// What happened to the history at start (kept aside as damaged, in use, ...), in the
    /// engine's words; the dashboard shows it as one line.
    pub history_notice: Option<String>,
    /// The settings in force.
    pub settings: Mutex<Settings>,
    /// Why the config file on disk could not be used (the app then runs on defaults).
    pub config_error: Mutex<Option<String>>,
    /// Notifications paused until this time (unix ms).
    pub paused_until_ms: Mutex<Option<i64>>,
    /// Sends desktop notifications.
    pub notifier: DesktopNotifier,
    /// Services the user asked to be told about when they are back (tray or dashboard).
    pub back_requests: Mutex<BackRequests>,
    /// Whether this is the first run (the dashboard then says where the app lives).
    pub first_run: bool,
    /// Where the log files are (the dashboard's footer says so), if they could be written.
    pub log_dir: Option<PathBuf>,
}

impl AppState {
    /// Whether notifications are paused right now.
    pub fn paused(&self, now_ms: i64) -> bool {
        lock(&self.paused_until_ms).is_some_and(|until| until > now_ms)
    }
}

/// Locks a mutex; a poisoned lock only means another thread panicked while holding it, and
/// the values kept here stay valid.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
