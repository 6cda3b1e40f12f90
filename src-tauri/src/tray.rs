//! The tray icon and its menu. Linux trays ignore clicks and tooltips, so the menu carries
//! the information: the overall state in words, one line per service, then the actions.

use std::sync::Mutex;

use outage_radar::back::BackRequests;
use outage_radar::event::Snapshot;
use outage_radar::summary::{self, Glance};
use tauri::image::Image;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};

use crate::pause;
use crate::state::{lock, AppState};
use crate::tray_host;
use crate::windows::{self, View};

/// Unique to this app: ayatana names its icon files after it (`tray-icon-<id>-N.png`).
pub const TRAY_ID: &str = "outage-radar";

/// Menu items whose text changes, and the picture shown.
struct Items {
    overall: MenuItem<tauri::Wry>,
    services: Vec<(String, MenuItem<tauri::Wry>)>,
    check_now: MenuItem<tauri::Wry>,
    pause: MenuItem<tauri::Wry>,
    glance: Glance,
}

struct TrayItems(Mutex<Option<Items>>);

fn icon(glance: Glance) -> tauri::Result<Image<'static>> {
    Image::from_bytes(match glance {
        Glance::Up => include_bytes!("../../icons/tray-up.png"),
        Glance::Degraded => include_bytes!("../../icons/tray-degraded.png"),
        Glance::Down => include_bytes!("../../icons/tray-down.png"),
        Glance::Unknown => include_bytes!("../../icons/tray-unknown.png"),
    })
}

/// A copy of the "tell me when it's back" requests (the lock is not held while the menu is
/// touched).
fn back_requests(app: &AppHandle) -> BackRequests {
    app.try_state::<AppState>()
        .map(|state| lock(&state.back_requests).clone())
        .unwrap_or_default()
}

/// A service's menu line and whether clicking it asks "tell me when it's back": only while
/// the service is in trouble and nobody asked yet. Text and state change in place, so item
/// ids stay as long as the services do.
fn service_item(
    s: &outage_radar::event::ServiceStatus,
    now: i64,
    requests: &BackRequests,
) -> (String, bool) {
    let requested = requests.contains(&s.id);
    let hint = summary::back_hint(s, requested);
    let line = format!("{}{}", summary::service_line(s, now), hint.unwrap_or(""));
    (line, hint.is_some() && !requested)
}

/// Asks (or stops asking) to be told when `service` is back; returns the ids asked about.
pub fn tell_when_back(app: &AppHandle, state: &AppState, service: &str, on: bool) -> Vec<String> {
    let ids = {
        let mut requests = lock(&state.back_requests);
        if on {
            requests.request(service);
        } else {
            requests.cancel(service);
        }
        requests.ids()
    };
    let now = chrono::Utc::now().timestamp_millis();
    update(app, &state.engine.snapshot(), state.paused(now));
    ids
}

fn build_menu(
    app: &AppHandle,
    snapshot: &Snapshot,
    paused: bool,
) -> tauri::Result<(Menu<tauri::Wry>, Items)> {
    let now = chrono::Utc::now().timestamp_millis();
    let overall = MenuItem::with_id(
        app,
        "overall",
        summary::overall_line(snapshot, now),
        false,
        None::<&str>,
    )?;
    let menu = Menu::with_items(app, &[&overall, &PredefinedMenuItem::separator(app)?])?;
    let mut services = Vec::new();
    // Trouble first, as on the dashboard: the lines a person looks for lead.
    let requests = back_requests(app);
    for s in summary::trouble_first(&snapshot.services) {
        let (text, clickable) = service_item(s, now, &requests);
        let item = MenuItem::with_id(
            app,
            format!("service:{}", s.id),
            text,
            clickable,
            None::<&str>,
        )?;
        menu.append(&item)?;
        services.push((s.id.clone(), item));
    }
    let pause = MenuItem::with_id(app, "pause", pause::menu_text(paused), true, None::<&str>)?;
    let check_now = MenuItem::with_id(
        app,
        "check_now",
        summary::check_now_line(snapshot),
        true,
        None::<&str>,
    )?;
    menu.append_items(&[
        &PredefinedMenuItem::separator(app)?,
        &check_now,
        &pause,
        &MenuItem::with_id(app, "dashboard", "Open dashboard", true, None::<&str>)?,
        &MenuItem::with_id(app, "settings", "Settings…", true, None::<&str>)?,
        &PredefinedMenuItem::separator(app)?,
        &MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?,
    ])?;
    Ok((
        menu,
        Items {
            overall,
            services,
            check_now,
            pause,
            glance: Glance::of(snapshot),
        },
    ))
}

/// Creates the tray. Returns whether a tray host shows it (if not, the caller opens the
/// dashboard instead: without a host the app would be invisible).
pub fn create(app: &AppHandle, snapshot: &Snapshot) -> bool {
    let built = build_menu(app, snapshot, false).and_then(|(menu, items)| {
        TrayIconBuilder::with_id(TRAY_ID)
            .icon(icon(items.glance)?)
            .title("Outage Radar")
            .menu(&menu)
            .show_menu_on_left_click(true)
            .on_menu_event(on_menu_event)
            .build(app)?;
        app.manage(TrayItems(Mutex::new(Some(items))));
        Ok(())
    });
    if let Err(e) = built {
        tracing::warn!("no tray icon: {e}");
        return false;
    }
    let host = tray_host::available();
    if !host {
        tracing::warn!("no tray host (StatusNotifierWatcher) on the session bus; showing the dashboard instead");
    }
    host
}

/// Follows a new snapshot: icon (only when the picture changes), then the menu texts.
///
/// Runs on the GTK main thread. Tray and menu setters called from any other thread wait for
/// the main thread; doing that while holding the menu's lock would deadlock against a menu
/// click handled on the main thread that needs the same lock (Pause, from the menu or the
/// settings window). On the main thread the lock is only ever taken there, one at a time.
pub fn update(app: &AppHandle, snapshot: &Snapshot, paused: bool) {
    let handle = app.clone();
    let snapshot = snapshot.clone();
    if let Err(e) = app.run_on_main_thread(move || apply(&handle, &snapshot, paused)) {
        tracing::warn!("could not update the tray: {e}");
    }
}

fn apply(app: &AppHandle, snapshot: &Snapshot, paused: bool) {
    let (Some(tray), Some(items)) = (app.tray_by_id(TRAY_ID), app.try_state::<TrayItems>()) else {
        return;
    };
    let mut guard = lock(&items.0);
    let ordered = summary::trouble_first(&snapshot.services);
    let same_services = guard.as_ref().is_some_and(|i| {
        i.services.len() == ordered.len()
            && i.services
                .iter()
                .zip(&ordered)
                .all(|((id, _), s)| id == &s.id)
    });
    let result = if let (true, Some(items)) = (same_services, guard.as_mut()) {
        let now = chrono::Utc::now().timestamp_millis();
        let glance = Glance::of(snapshot);
        if glance != items.glance {
            items.glance = glance;
            icon(glance).and_then(|i| tray.set_icon(Some(i)))
        } else {
            Ok(())
        }
        .and_then(|_| items.overall.set_text(summary::overall_line(snapshot, now)))
        .and_then(|_| {
            let requests = back_requests(app);
            for ((_, item), s) in items.services.iter().zip(&ordered) {
                let (text, clickable) = service_item(s, now, &requests);
                item.set_text(text)?;
                item.set_enabled(clickable)?;
            }
            items
                .check_now
                .set_text(summary::check_now_line(snapshot))?;
            items.pause.set_text(pause::menu_text(paused))
        })
    } else {
        // The services or their order changed (settings saved, a state changed): build the
        // menu anew.
        build_menu(app, snapshot, paused).and_then(|(menu, new_items)| {
            tray.set_icon(Some(icon(new_items.glance)?))?;
            tray.set_menu(Some(menu))?;
            *guard = Some(new_items);
            Ok(())
        })
    };
    if let Err(e) = result {
        tracing::warn!("could not update the tray: {e}");
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    match event.id().as_ref() {
        "check_now" => state.engine.check_now(),
        "pause" => pause::toggle(app, &state),
        "dashboard" => windows::open(app, View::Dashboard),
        "settings" => windows::open(app, View::Settings),
        // Unsaved settings are asked about first, in the settings window.
        "quit" => {
            if windows::ask_settings_before_quit(app) {
                tracing::info!("Quit: the settings window asks about unsaved changes first");
            } else {
                app.exit(0);
            }
        }
        id => {
            // The line of a service in trouble is "tell me when it's back".
            if let Some(service) = id.strip_prefix("service:") {
                tell_when_back(app, &state, service, true);
            }
        }
    }
}
