//! The tray icon and its menu. Linux trays ignore clicks and tooltips, so the menu carries
//! the information: the overall state in words, one line per service, then the actions.

use std::cell::RefCell;

use outage_radar::back::BackRequests;
use outage_radar::event::Snapshot;
use outage_radar::summary::{self, Glance};
use tray_icon::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tray_icon::{Icon, TrayIcon, TrayIconBuilder};

use crate::app::{on_main_thread, AppHandle};
use crate::pause;
use crate::state::lock;
use crate::windows::{self, View};

/// Unique to this app: ayatana names its icon files after it (`tray-icon-<id>-N.png`).
pub const TRAY_ID: &str = "outage-radar";

/// Menu items whose text changes, and the picture shown.
struct Items {
    overall: MenuItem,
    services: Vec<(String, MenuItem)>,
    check_now: MenuItem,
    pause: MenuItem,
    glance: Glance,
}

/// The tray icon and its items. GTK objects: they live on the main thread only.
struct Tray {
    icon: TrayIcon,
    items: Items,
}

thread_local! {
    static TRAY: RefCell<Option<Tray>> = const { RefCell::new(None) };
}

/// Why the tray could not be made or changed.
type Error = Box<dyn std::error::Error>;

/// The tray's picture for a glance, as a PNG.
fn picture(glance: Glance) -> &'static [u8] {
    match glance {
        Glance::Up => include_bytes!("../../icons/tray-up.png"),
        Glance::Degraded => include_bytes!("../../icons/tray-degraded.png"),
        Glance::Down => include_bytes!("../../icons/tray-down.png"),
        Glance::Unknown => include_bytes!("../../icons/tray-unknown.png"),
    }
}

fn icon(glance: Glance) -> Result<Icon, Error> {
    let (rgba, width, height) = rgba(picture(glance))?;
    Ok(Icon::from_rgba(rgba, width, height)?)
}

/// Decodes a PNG to 8-bit RGBA pixels.
fn rgba(png: &[u8]) -> Result<(Vec<u8>, u32, u32), Error> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("a PNG too large")?];
    let info = reader.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => return Err("an indexed PNG that was not expanded".into()),
    };
    Ok((rgba, info.width, info.height))
}

/// A copy of the "tell me when it's back" requests (the lock is not held while the menu is
/// touched).
fn back_requests(app: &AppHandle) -> BackRequests {
    lock(&app.state.back_requests).clone()
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
pub fn tell_when_back(app: &AppHandle, service: &str, on: bool) -> Vec<String> {
    let state = &app.state;
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

fn build_menu(app: &AppHandle, snapshot: &Snapshot, paused: bool) -> Result<(Menu, Items), Error> {
    let now = chrono::Utc::now().timestamp_millis();
    let overall = MenuItem::with_id("overall", summary::overall_line(snapshot, now), false, None);
    let menu = Menu::with_items(&[&overall, &PredefinedMenuItem::separator()])?;
    let mut services = Vec::new();
    // Trouble first, as on the dashboard: the lines a person looks for lead.
    let requests = back_requests(app);
    for s in summary::trouble_first(&snapshot.services) {
        let (text, clickable) = service_item(s, now, &requests);
        let item = MenuItem::with_id(format!("service:{}", s.id), text, clickable, None);
        menu.append(&item)?;
        services.push((s.id.clone(), item));
    }
    let pause = MenuItem::with_id("pause", pause::menu_text(paused), true, None);
    let check_now = MenuItem::with_id("check_now", summary::check_now_line(snapshot), true, None);
    menu.append_items(&[
        &PredefinedMenuItem::separator(),
        &check_now,
        &pause,
        &MenuItem::with_id("dashboard", "Open dashboard", true, None),
        &MenuItem::with_id("settings", "Settings…", true, None),
        &PredefinedMenuItem::separator(),
        &MenuItem::with_id("quit", "Quit", true, None),
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

/// Creates the tray, on the GTK main thread (GTK is initialised). Returns whether a tray
/// host shows it (if not, the caller opens the dashboard instead: without a host the app
/// would be invisible).
pub fn create(app: &AppHandle, snapshot: &Snapshot) -> bool {
    let built = build_menu(app, snapshot, false).and_then(|(menu, items)| {
        let icon = TrayIconBuilder::new()
            .with_id(TRAY_ID)
            .with_icon(icon(items.glance)?)
            .with_title("Outage Radar")
            .with_menu(Box::new(menu))
            .with_menu_on_left_click(true)
            .build()?;
        TRAY.with(|tray| *tray.borrow_mut() = Some(Tray { icon, items }));
        Ok(())
    });
    if let Err(e) = built {
        tracing::warn!("no tray icon: {e}");
        return false;
    }
    // Menu clicks arrive on the main thread, from GTK.
    let handler_app = app.clone();
    MenuEvent::set_event_handler(Some(move |event: MenuEvent| {
        on_menu_event(&handler_app, event)
    }));
    let host = app.block_on(crate::tray_host::available());
    if !host {
        tracing::warn!("no tray host (StatusNotifierWatcher) on the session bus; showing the dashboard instead");
    }
    host
}

/// Follows a new snapshot: icon (only when the picture changes), then the menu texts.
///
/// Called from any thread; the change is made on the GTK main thread, later. Nothing here
/// waits for the main thread, so no lock is ever held across such a wait.
pub fn update(app: &AppHandle, snapshot: &Snapshot, paused: bool) {
    let app = app.clone();
    let snapshot = snapshot.clone();
    on_main_thread(move || apply(&app, &snapshot, paused));
}

fn apply(app: &AppHandle, snapshot: &Snapshot, paused: bool) {
    TRAY.with(|tray| {
        let mut tray = tray.borrow_mut();
        let Some(tray) = tray.as_mut() else {
            return;
        };
        if let Err(e) = apply_to(app, tray, snapshot, paused) {
            tracing::warn!("could not update the tray: {e}");
        }
    });
}

fn apply_to(
    app: &AppHandle,
    tray: &mut Tray,
    snapshot: &Snapshot,
    paused: bool,
) -> Result<(), Error> {
    let ordered = summary::trouble_first(&snapshot.services);
    let items = &mut tray.items;
    let same_services = items.services.len() == ordered.len()
        && items
            .services
            .iter()
            .zip(&ordered)
            .all(|((id, _), s)| id == &s.id);
    if !same_services {
        // The services or their order changed (settings saved, a state changed): build the
        // menu anew.
        let (menu, new_items) = build_menu(app, snapshot, paused)?;
        tray.icon.set_icon(Some(icon(new_items.glance)?))?;
        tray.icon.set_menu(Some(Box::new(menu)));
        tray.items = new_items;
        return Ok(());
    }
    let now = chrono::Utc::now().timestamp_millis();
    let glance = Glance::of(snapshot);
    if glance != items.glance {
        tray.icon.set_icon(Some(icon(glance)?))?;
        items.glance = glance;
    }
    items.overall.set_text(summary::overall_line(snapshot, now));
    let requests = back_requests(app);
    for ((_, item), s) in items.services.iter().zip(&ordered) {
        let (text, clickable) = service_item(s, now, &requests);
        item.set_text(text);
        item.set_enabled(clickable);
    }
    items.check_now.set_text(summary::check_now_line(snapshot));
    items.pause.set_text(pause::menu_text(paused));
    Ok(())
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    match event.id().as_ref() {
        "check_now" => app.state.engine.check_now(),
        "pause" => pause::toggle(app),
        "dashboard" => windows::open(app, View::Dashboard),
        "settings" => windows::open(app, View::Settings),
        // Unsaved settings are asked about first, in the settings window.
        "quit" => {
            if windows::ask_settings_before_quit(app) {
                tracing::info!("Quit: the settings window asks about unsaved changes first");
            } else {
                app.exit();
            }
        }
        id => {
            // The line of a service in trouble is "tell me when it's back".
            if let Some(service) = id.strip_prefix("service:") {
                tell_when_back(app, service, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tray_picture_decodes_to_rgba() {
        for glance in [Glance::Up, Glance::Degraded, Glance::Down, Glance::Unknown] {
            let (pixels, width, height) = rgba(picture(glance)).expect("a PNG");
            assert_eq!(pixels.len(), (width * height * 4) as usize, "{glance:?}");
            assert!(width >= 16 && height >= 16, "{glance:?}: {width}×{height}");
            // Not blank: some pixels are drawn.
            assert!(pixels.chunks_exact(4).any(|p| p[3] > 0), "{glance:?}");
        }
    }
}
