//! Outage Radar's desktop shell: a tray icon, notifications and two windows over the
//! `outage-radar` engine. Thin glue: every rule lives in the engine.
//!
//! Two programs. This library is the resident tray app, `outage-radar-desktop`: a GTK main
//! loop with the tray icon (the `tray-icon` crate, StatusNotifierItem through ayatana
//! appindicator) and its menu (`muda`), the engine on a tokio runtime, notifications over
//! D-Bus. It does not link Tauri or WebKit. Each window is a process of the second program,
//! `outage-radar-window` (`src/window/`, the only part built on Tauri), started when asked
//! and ended when the window closes.
//!
//! # Layout
//! - `app`: the running app as its parts see it (state, windows, runtime, main thread).
//! - `args`: command-line flags (`--config`, `--data-dir`, `--open`, `--hidden`).
//! - `autostart`: the login item, in `$XDG_CONFIG_HOME/autostart`.
//! - `logs`: log lines to stderr and to a daily file in the data dir.
//! - `state`: what the app keeps (engine handle, settings, pause).
//! - `tray`: the tray icon and its menu, which carries the information on Linux.
//! - `pause`: pausing notifications, from the tray or the settings window.
//! - `tray_host`: whether a tray host shows the icon at all.
//! - `notify`: desktop notifications for confirmed transitions.
//! - `single_instance`: one instance per session, found on the session bus.
//! - `handover`: a second launch's arguments, obeyed by the running instance.
//! - `windows`: dashboard and settings, each in a window process started on demand that
//!   ends when its window closes (so the web view's memory goes with it).
//! - `window_link`: how a window process talks to the app.
//! - `commands`: what the web UI may call, served to the window processes.
//! - `browser`: opening a status page's incident in the user's browser.
//! - `bridge`: the one task that forwards engine events to the tray, notifier and windows.

mod app;
mod args;
mod autostart;
mod bridge;
mod browser;
mod commands;
mod error;
mod handover;
mod logs;
mod notify;
mod pause;
mod setup;
mod single_instance;
mod state;
mod tray;
mod tray_host;
pub mod window_link;
mod windows;

use std::process::ExitCode;

use clap::Parser;

use single_instance::Claim;
pub use state::lock;
pub use windows::View;

/// Runs the app until "Quit".
pub fn run() -> ExitCode {
    let args = args::Args::parse();
    let data_dir = match setup::data_dir(&args) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("outage-radar-desktop: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    // Before the log files make the data dir: the first run shows the dashboard once.
    let first_run = !data_dir.exists();
    let log_dir = logs::init(&data_dir);
    let startup = setup::Startup {
        data_dir,
        first_run,
        log_dir,
    };
    // GTK would fail with a terse message; say what is missing and what to use instead.
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "outage-radar-desktop: no graphical session (DISPLAY and WAYLAND_DISPLAY are not set).\n\
             On a terminal or a headless machine, use `outage-radar watch` instead."
        );
        return ExitCode::FAILURE;
    }
    // The tray item's title (what a tray host lists the app as) is GLib's application name,
    // which otherwise falls back to the binary's name, "outage-radar-desktop".
    glib::set_application_name("Outage Radar");
    // GTK maps its GL stack (Mesa, LLVM) into every process that initialises it. Without GL,
    // WebKit renders the dashboard in software: it looks the same for a page this simple and
    // the app is lighter (measured with scripts/desktop-rss.sh: dashboard open 412 MB instead
    // of 515 MB). Set before GTK starts, here and (inherited) in the window processes; an
    // explicit GDK_GL from the user wins.
    if std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("outage-radar-desktop: no async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // First of all: a second launch hands over and exits before anything else.
    let instance = match runtime.block_on(single_instance::claim()) {
        Ok(Claim::First(instance)) => Some(instance),
        Ok(Claim::HandedOver) => return ExitCode::SUCCESS,
        Ok(Claim::Alone(why)) => {
            tracing::warn!("no session bus to find a running instance on ({why}); starting");
            None
        }
        Err(e) => {
            eprintln!("outage-radar-desktop: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = gtk::init() {
        eprintln!("outage-radar-desktop: {e}");
        return ExitCode::FAILURE;
    }
    let app = match setup::setup(&args, startup, &runtime) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("outage-radar-desktop: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(instance) = &instance {
        instance.serve(&app);
    }
    // Closing the last window keeps the app in the tray; only "Quit" ends the loop.
    gtk::main();
    // Tasks still waiting (a notification server that never answers) must not hold up the
    // exit.
    runtime.shutdown_background();
    ExitCode::SUCCESS
}
