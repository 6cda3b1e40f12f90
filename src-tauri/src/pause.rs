//! Pausing notifications: from the tray menu for an hour, or from the settings window for
//! any time. The tray and every window are told, so they agree whichever changed it.

use std::time::Duration;

use crate::app::AppHandle;
use crate::state::lock;

/// How long "Pause notifications" in the tray menu lasts.
const PAUSE: Duration = Duration::from_secs(3600);

/// The tray menu item's text.
pub fn menu_text(paused: bool) -> &'static str {
    if paused {
        "Resume notifications"
    } else {
        "Pause notifications for 1 hour"
    }
}

/// Pauses notifications for `minutes` (or resumes with None), then tells the tray and every
/// window, so the menu and the settings window agree whichever changed it. Returns the end.
pub fn set_pause(app: &AppHandle, minutes: Option<u32>) -> Option<i64> {
    let until = minutes.map(|m| chrono::Utc::now().timestamp_millis() + i64::from(m) * 60_000);
    *lock(&app.state.paused_until_ms) = until;
    crate::tray::update(app, &app.state.engine.snapshot(), until.is_some());
    app.emit(crate::bridge::PAUSE_CHANGED, &until);
    until
}

/// The tray menu's item: pause for [`PAUSE`], or resume when paused.
pub fn toggle(app: &AppHandle) {
    let now = chrono::Utc::now().timestamp_millis();
    let minutes = (!app.state.paused(now)).then_some((PAUSE.as_secs() / 60) as u32);
    set_pause(app, minutes);
}
