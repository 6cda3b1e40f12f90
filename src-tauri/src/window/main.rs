//! `outage-radar-window <label>`: one dashboard or settings window, started by the tray app
//! (`outage-radar-desktop`) with the link to it as standard input. The only program of the
//! desktop app built on Tauri: WebKit is loaded only while a window is open.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;

use std::process::ExitCode;

use outage_radar_desktop::View;
use tauri::{AppHandle, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

fn main() -> ExitCode {
    // Windows are grouped with the app's menu entry by WM_CLASS, which GTK takes from the
    // program name (`StartupWMClass=outage-radar-desktop` in the desktop entry).
    glib::set_prgname(Some("outage-radar-desktop"));
    app::run(std::env::args_os().nth(1), tauri::generate_context!())
}

/// Makes the window itself.
fn build<R: Runtime>(app: &AppHandle<R>, view: View) -> tauri::Result<WebviewWindow<R>> {
    let (width, height) = view.size();
    WebviewWindowBuilder::new(app, view.label(), WebviewUrl::App(view.page().into()))
        .title(view.title())
        .inner_size(width, height)
        .min_inner_size(420.0, 360.0)
        .build()
}

/// Brings a window to the front.
fn show<R: Runtime>(window: &WebviewWindow<R>) {
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}
