//! The one task that forwards engine events to the tray, the notifier and the windows.

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use outage_radar::event::EngineEvent;
use tokio::sync::broadcast::{error::RecvError, Receiver};

use crate::app::AppHandle;

/// Sent after every round with the snapshot.
pub const OBSERVATION: &str = "observation";
/// Sent when a verdict or the connectivity changed, with the snapshot.
pub const STATUS_CHANGED: &str = "status-changed";
/// Sent when notifications were paused or resumed (from the tray or a window), with the
/// end of the pause in unix ms, or null.
pub const PAUSE_CHANGED: &str = "pause-changed";

/// Starts forwarding; runs as long as the engine. If forwarding panics, it starts again
/// on a fresh subscription and first shows the engine's latest snapshot, so the tray never
/// freezes on a stale picture.
pub fn start(app: AppHandle, events: Receiver<EngineEvent>) {
    let task_app = app.clone();
    app.spawn(async move {
        let app = task_app;
        let mut events = Some(events);
        loop {
            let receiver = match events.take() {
                Some(first) => first,
                None => {
                    let state = &app.state;
                    let now = chrono::Utc::now().timestamp_millis();
                    crate::tray::update(&app, &state.engine.snapshot(), state.paused(now));
                    state.engine.subscribe()
                }
            };
            match AssertUnwindSafe(forward(&app, receiver))
                .catch_unwind()
                .await
            {
                Ok(()) => break,
                Err(_) => tracing::error!("forwarding engine events failed; starting it again"),
            }
        }
    });
}

/// Forwards until the engine's event stream ends.
async fn forward(app: &AppHandle, mut events: Receiver<EngineEvent>) {
    let mut connectivity_changed = false;
    loop {
        match events.recv().await {
            Ok(EngineEvent::Round(round)) => {
                let state = &app.state;
                let now = chrono::Utc::now().timestamp_millis();
                crate::tray::update(app, &round.snapshot, state.paused(now));
                crate::notify::on_round(state, &round);
                app.emit(OBSERVATION, &round.snapshot);
                if connectivity_changed || !round.transitions.is_empty() {
                    app.emit(STATUS_CHANGED, &round.snapshot);
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
}
