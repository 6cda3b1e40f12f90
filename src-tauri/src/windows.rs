//! Dashboard and settings windows, each in a short-lived process of its own.
//!
//! A web view costs far more than the tray app itself: WebKit starts a web process and a
//! network process, and the process that shows the view maps GL, WebKit and JavaScriptCore
//! pages and keeps heap that it never gives back. So the tray app never makes a web view,
//! and does not even link WebKit: asked for a window, it starts the window binary,
//! `outage-radar-window <label>`, found beside its own executable, which shows the page and
//! ends when the window closes, taking all of that memory with it.
//!
//! The window process reaches the app over a socket pair ([`crate::window_link`]): the
//! page's commands are served here ([`crate::commands`]), and the events the app emits
//! reach the page. Which commands a page may call is decided by its capability, in the
//! window process, before anything is sent.

use std::collections::HashMap;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use outage_radar::notice::Notice;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::AppHandle;
use crate::commands;
use crate::state::lock;
use crate::window_link::{self, Sender, ToApp, ToWindow};

/// The window binary's file name; it is installed beside the tray app's.
pub const WINDOW_BIN: &str = "outage-radar-window";

/// A window of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    /// The view a label names.
    pub fn from_label(label: &str) -> Option<View> {
        [View::Dashboard, View::Settings]
            .into_iter()
            .find(|v| v.label() == label)
    }

    /// The page the window shows (in the embedded web UI).
    pub fn page(self) -> &'static str {
        match self {
            View::Dashboard => "dashboard.html",
            View::Settings => "settings.html",
        }
    }

    /// The window's title.
    pub fn title(self) -> &'static str {
        match self {
            View::Dashboard => "Outage Radar",
            View::Settings => "Outage Radar — Settings",
        }
    }

    /// The window's size at start, in logical pixels.
    pub fn size(self) -> (f64, f64) {
        match self {
            View::Dashboard => (900.0, 680.0),
            View::Settings => (640.0, 720.0),
        }
    }
}

/// A window process that is running, as the app sees it.
struct Running {
    /// Tells the entry of this process from that of a later one for the same view.
    serial: u64,
    link: Arc<Sender>,
}

/// The window processes running now, at most one per view.
#[derive(Default)]
pub struct Windows {
    running: Mutex<HashMap<View, Running>>,
    serial: AtomicU64,
}

impl Windows {
    /// Sends an event the app emitted to every window process.
    pub fn broadcast(&self, name: &str, payload: Value) {
        let message = ToWindow::Event {
            name: name.to_string(),
            payload,
        };
        for running in lock(&self.running).values() {
            // A window process that stopped reading is let go: it reads the end of the link
            // and quits, and a new request starts a fresh one.
            if running.link.send(&message).is_err() {
                running.link.close();
            }
        }
    }
}

/// How long the app waits for a window process to take a message before giving up on it
/// (a process that stopped reading must not hold up the tray).
const SEND_TIMEOUT: Duration = Duration::from_secs(1);

/// Shows a window: brings it to the front if its process runs, else starts one.
pub fn open(app: &AppHandle, view: View) {
    let windows = &app.windows;
    if let Some(running) = lock(&windows.running).get(&view) {
        if running.link.send(&ToWindow::Show).is_ok() {
            return;
        }
        running.link.close();
    }
    if let Err(e) = start(app, view) {
        tracing::error!("could not open the {} window: {e}", view.label());
        // Asked from the tray menu, nothing else would show that the click was heard.
        app.state.notifier.send(Notice {
            title: format!("Outage Radar could not open the {} window", view.label()),
            body: e.to_string(),
            ..Notice::default()
        });
    }
}

/// "Quit" with the settings window open: the page asks about unsaved changes and quits the
/// app itself (`quit_app`) unless the user cancels. Returns false when there is no settings
/// window to ask (or it does not take the message), and the caller quits at once.
pub fn ask_settings_before_quit(app: &AppHandle) -> bool {
    let running = lock(&app.windows.running);
    let Some(settings) = running.get(&View::Settings) else {
        return false;
    };
    let asked = ToWindow::Event {
        name: QUIT_REQUESTED.to_string(),
        payload: Value::Null,
    };
    settings.link.send(&ToWindow::Show).is_ok() && settings.link.send(&asked).is_ok()
}

/// Sent to the settings page when the user chose Quit from the tray.
pub const QUIT_REQUESTED: &str = "quit-requested";

/// The window binary: beside this program's own (cargo's `target/release`, `/usr/bin`).
fn window_binary() -> std::io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    // After a package upgrade replaced the binary, the link reads "... (deleted)"; the
    // directory is the same.
    let dir = exe
        .parent()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "the app's directory"))?;
    let bin = dir.join(WINDOW_BIN);
    if !bin.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "the window program {} is missing; it is installed beside outage-radar-desktop \
                 (build it with `cargo build --release -p outage-radar-desktop`)",
                bin.display()
            ),
        ));
    }
    Ok(bin)
}

/// Starts the window process for `view` and serves it on a thread of its own until it ends.
fn start(app: &AppHandle, view: View) -> std::io::Result<()> {
    let windows = &app.windows;
    let (ours, theirs) = UnixStream::pair()?;
    ours.set_write_timeout(Some(SEND_TIMEOUT))?;
    let mut child = Command::new(window_binary()?)
        .arg(view.label())
        .stdin(Stdio::from(OwnedFd::from(theirs)))
        .spawn()?;
    let link = Arc::new(Sender::new(&ours)?);
    let serial = windows.serial.fetch_add(1, Ordering::Relaxed);
    let running = Running {
        serial,
        link: link.clone(),
    };
    lock(&windows.running).insert(view, running);
    let app = app.clone();
    std::thread::Builder::new()
        .name(format!("window-{}", view.label()))
        .spawn(move || {
            window_link::receive(ours, |ToApp::Call { id, cmd, args }| {
                let (task_app, link) = (app.clone(), link.clone());
                app.spawn(async move {
                    let result = call(&task_app, &cmd, args).await;
                    let _ = link.send(&ToWindow::Reply { id, result });
                });
            });
            // The window closed (or its process died): forget it, and reap the process.
            let mut running = lock(&app.windows.running);
            if running.get(&view).is_some_and(|r| r.serial == serial) {
                running.remove(&view);
            }
            drop(running);
            match child.wait() {
                Ok(status) if !status.success() => {
                    tracing::warn!("the {} window process ended: {status}", view.label())
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("the {} window process: {e}", view.label()),
            }
        })?;
    Ok(())
}

/// A command's arguments, as the page names them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Args {
    service: Option<String>,
    since_hours: Option<u32>,
    minutes: Option<u32>,
    on: Option<bool>,
    form: Option<Value>,
}

/// Serves one command of a window process with its function in [`crate::commands`]; the
/// result or error is serialized as a Tauri command's would be, which the window process
/// hands to the page. A new command needs its line here too, and in `build.rs`, which
/// declares it so that capabilities can grant it (a test checks the two lists agree).
async fn call(app: &AppHandle, cmd: &str, args: Value) -> Result<Value, Value> {
    fn ok(value: impl serde::Serialize) -> Result<Value, Value> {
        serde_json::to_value(value).map_err(|e| json!(e.to_string()))
    }
    fn done<T: serde::Serialize, E: serde::Serialize>(r: Result<T, E>) -> Result<Value, Value> {
        match r {
            Ok(value) => ok(value),
            Err(e) => Err(ok(e)?),
        }
    }
    fn need<T: DeserializeOwned>(value: Option<T>, name: &str) -> Result<T, Value> {
        value.ok_or_else(|| json!(format!("missing argument {name}")))
    }
    let args: Args = serde_json::from_value(args).map_err(|e| json!(e.to_string()))?;
    let state = || &app.state;
    match cmd {
        "get_snapshot" => ok(commands::get_snapshot(state())),
        "get_history" => done(commands::get_history(
            state(),
            args.service,
            args.since_hours,
        )),
        "get_history_notice" => ok(commands::get_history_notice(state())),
        "get_log_dir" => ok(commands::get_log_dir(state())),
        "get_welcome" => ok(commands::get_welcome(state())),
        "get_service_history" => done(commands::get_service_history(
            state(),
            need(args.service, "service")?,
        )),
        "get_settings" => ok(commands::get_settings(state())),
        "save_settings" => {
            let form = serde_json::from_value(need(args.form, "form")?)
                .map_err(|e| json!(format!("invalid argument form: {e}")))?;
            done(commands::save_settings(state(), form).await)
        }
        "get_pause" => ok(commands::get_pause(state())),
        "set_pause" => ok(commands::set_pause(app, args.minutes)),
        "check_now" => {
            commands::check_now(state());
            Ok(Value::Null)
        }
        "send_test_notification" => {
            commands::send_test_notification(state());
            Ok(Value::Null)
        }
        "tell_when_back" => ok(commands::tell_when_back(
            app,
            need(args.service, "service")?,
            need(args.on, "on")?,
        )),
        "get_back_requests" => ok(commands::get_back_requests(state())),
        "quit_app" => {
            commands::quit_app(app);
            Ok(Value::Null)
        }
        "open_incident" => done(commands::open_incident(
            state(),
            need(args.service, "service")?,
        )),
        _ => Err(json!(format!("Command {cmd} not found"))),
    }
}

#[cfg(test)]
mod tests {
    /// The commands the build declares (and capabilities grant), from `build.rs`.
    fn declared() -> Vec<&'static str> {
        let build = include_str!("../build.rs");
        let list = &build[build.find("let commands = &[").expect("the command list")..];
        let list = &list[..list.find("];").expect("the list's end")];
        list.split('"').skip(1).step_by(2).collect()
    }

    #[test]
    fn every_declared_command_is_served_to_window_processes() {
        let served = include_str!("windows.rs");
        let declared = declared();
        assert!(declared.len() >= 10, "{declared:?}");
        for cmd in declared {
            assert!(
                served.contains(&format!("\"{cmd}\" =>")),
                "`{cmd}` is declared in build.rs but `call` does not serve it"
            );
        }
    }
}
