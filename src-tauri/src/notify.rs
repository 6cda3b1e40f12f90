//! Which rounds notify in the app: the engine's policy plus the tray's pause.

use chrono::Timelike;
use outage_radar::event::RoundEvent;
use outage_radar::notice::{notices, Silence};

use crate::state::{lock, AppState};

/// Sends the notifications a round deserves: none while the user is offline, paused, in
/// quiet hours or with notifications off; one summary when several services changed.
pub fn on_round(state: &AppState, round: &RoundEvent) {
    if round.transitions.is_empty() {
        return;
    }
    let prefs = lock(&state.settings).notifications.clone();
    let now = chrono::Local::now();
    let minute = (now.hour() * 60 + now.minute()) as u16;
    let silence = Silence::new(&prefs, minute, state.paused(now.timestamp_millis()));
    for notice in notices(
        &round.transitions,
        round.snapshot.connectivity,
        &prefs,
        silence,
    ) {
        state.notifier.send(notice);
    }
}
