//! The one task that forwards engine events to the tray, the notifier and the windows.

use outage_radar::event::EngineEvent;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::broadcast::{error::RecvError, Receiver};

use crate::state::AppState;

/// Sent after every round with the snapshot.
pub const OBSERVATION: &str = "observation";
/// Sent when a verdict or the connectivity changed, with the snapshot.
pub const STATUS_CHANGED: &str = "status-changed";
/// Sent when notifications were paused or resumed (from the tray or a window), with the
/// end of the pause in unix ms, or null.
pub const PAUSE_CHANGED: &str = "pause-changed";

/// Starts forwarding; runs as long as the engine.
pub fn start(app: AppHandle, mut events: Receiver<EngineEvent>) {
    tauri::async_runtime::spawn(async move {
        let mut connectivity_changed = false;
        loop {
            match events.recv().await {
                Ok(EngineEvent::Round(round)) => {
                    let state = app.state::<AppState>();
                    let now = chrono::Utc::now().timestamp_millis();
                    crate::tray::update(&app, &round.snapshot, state.paused(now));
                    crate::notify::on_round(&state, &round);
                    let _ = app.emit(OBSERVATION, &round.snapshot);
                    if connectivity_changed || !round.transitions.is_empty() {
                        let _ = app.emit(STATUS_CHANGED, &round.snapshot);
                    }
                    connectivity_changed = false;
                }
                Ok(EngineEvent::Connectivity(_)) => connectivity_changed = true,
                Ok(EngineEvent::Transition(t)) => {
                    tracing::info!(service = %t.service, from = %t.from, to = %t.to, "transition")
                }
                Err(RecvError::Lagged(n)) => tracing::warn!("{n} engine events skipped"),
                Err(RecvError::Closed) => break,
            }
        }
    });
}
