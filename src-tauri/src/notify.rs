//! Which rounds notify in the app: the engine's policy plus the tray's pause.

use outage_radar::event::RoundEvent;
use outage_radar::notice;

use crate::state::{lock, AppState};

/// Sends the notifications a round deserves: none while the user is offline, paused, in
/// quiet hours or with notifications off; one summary when several services changed.
pub fn on_round(state: &AppState, round: &RoundEvent) {
    let prefs = lock(&state.settings).notifications.clone();
    let now = chrono::Local::now();
    let paused = state.paused(now.timestamp_millis());
    state.notifier.settle(&round.snapshot.services);
    for n in notice::due(round, &prefs, now, paused) {
        state.notifier.send(n);
    }
    // "Tell me when it's back" is sent whatever the pause, quiet hours or preferences say.
    for n in lock(&state.back_requests).on_round(round) {
        state.notifier.send(n);
    }
}
