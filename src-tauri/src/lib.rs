//! Outage Radar's desktop shell: a tray icon, notifications and two windows over the
//! `outage-radar` engine. Thin glue: every rule lives in the engine.
//!
//! # Layout
//! - `args`: command-line flags (`--config`, `--data-dir`, `--open`, `--hidden`).
//! - `autostart`: the login item, in `$XDG_CONFIG_HOME/autostart`.
//! - `logs`: log lines to stderr and to a daily file in the data dir.
//! - `state`: what the app keeps (engine handle, settings, pause).
//! - `tray`: the tray icon and its menu, which carries the information on Linux.
//! - `pause`: pausing notifications, from the tray or the settings window.
//! - `tray_host`: whether a tray host shows the icon at all.
//! - `notify`: desktop notifications for confirmed transitions.
//! - `handover`: a second launch's arguments, obeyed by the running instance.
//! - `windows`: dashboard and settings, each in a window process started on demand that
//!   ends when its window closes (so the web view's memory goes with it).
//! - `window_app`: the window process itself; `window_link`: how it talks to the app.
//! - `commands`: what the web UI may call.
//! - `browser`: opening a status page's incident in the user's browser.
//! - `bridge`: the one task that forwards engine events to the tray, notifier and windows.

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
mod state;
mod tray;
mod tray_host;
mod window_app;
mod window_link;
mod windows;

use std::process::ExitCode;

use clap::Parser;
use tauri::RunEvent;

pub use window_link::WINDOW_ARG;

/// The app's configuration and web UI, embedded once for the app and its window processes.
fn context() -> tauri::Context {
    tauri::generate_context!()
}

/// Runs a window process (`__window <label>`): one window, fed by the running app.
pub fn run_window(label: Option<std::ffi::OsString>) -> ExitCode {
    window_app::run(label, context())
}

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
    // GTK would panic with a backtrace; say what is missing and what to use instead.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "outage-radar-desktop: no graphical session (DISPLAY and WAYLAND_DISPLAY are not set).\n\
             On a terminal or a headless machine, use `outage-radar watch` instead."
        );
        return ExitCode::FAILURE;
    }
    // The tray item's title (what a tray host lists the app as) is GLib's application name,
    // which otherwise falls back to the binary's name, "outage-radar-desktop".
    #[cfg(target_os = "linux")]
    glib::set_application_name("Outage Radar");
    // GTK maps its GL stack (Mesa, LLVM) into every process that initialises it. Without GL,
    // WebKit renders the dashboard in software: it looks the same for a page this simple and
    // the app is lighter (measured with scripts/desktop-rss.sh: dashboard open 412 MB instead
    // of 515 MB). Set before GTK starts; an explicit GDK_GL from the user wins.
    if std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
    let app = tauri::Builder::default()
        // Must be the first plugin: a second launch hands over and exits before anything else.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            handover::second_launch(app, &argv, &cwd);
        }))
        .setup(move |app| Ok(setup::setup(app, &args, startup)?))
        .build(context());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            eprintln!("outage-radar-desktop: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|_app, event| {
        // Closing the last window keeps the app in the tray; only "Quit" (an explicit exit
        // code) ends it.
        if let RunEvent::ExitRequested {
            api, code: None, ..
        } = event
        {
            api.prevent_exit();
        }
    });
    ExitCode::SUCCESS
}
