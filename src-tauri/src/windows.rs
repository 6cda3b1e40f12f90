//! Dashboard and settings windows: created when asked, focused if open, destroyed on close
//! so the web process's memory is given back.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// A window of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Status, history and incidents.
    Dashboard,
    /// Services, intervals, notifications.
    Settings,
}

impl View {
    /// The window label (capabilities are granted per label).
    pub fn label(self) -> &'static str {
        match self {
            View::Dashboard => "dashboard",
            View::Settings => "settings",
        }
    }

    fn page(self) -> &'static str {
        match self {
            View::Dashboard => "dashboard.html",
            View::Settings => "settings.html",
        }
    }

    fn title(self) -> &'static str {
        match self {
            View::Dashboard => "Outage Radar",
            View::Settings => "Outage Radar — Settings",
        }
    }

    fn size(self) -> (f64, f64) {
        match self {
            View::Dashboard => (900.0, 680.0),
            View::Settings => (640.0, 720.0),
        }
    }
}

/// Shows a window, creating it if needed.
pub fn open<R: Runtime>(app: &AppHandle<R>, view: View) {
    if let Some(window) = app.get_webview_window(view.label()) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let (width, height) = view.size();
    let built = WebviewWindowBuilder::new(app, view.label(), WebviewUrl::App(view.page().into()))
        .title(view.title())
        .inner_size(width, height)
        .min_inner_size(420.0, 360.0)
        .build();
    if let Err(e) = built {
        tracing::error!("could not open the {} window: {e}", view.label());
    }
}
