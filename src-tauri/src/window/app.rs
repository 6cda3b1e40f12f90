//! The window process: one dashboard or settings window, started by the tray app with the
//! link to it as standard input. It forwards the page's
//! commands to the app and the app's events to the page, and ends when its window closes
//! or when the app ends.

use std::collections::HashMap;
use std::ffi::OsString;
use std::net::Shutdown;
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{AppHandle, Emitter, Manager, RunEvent};
use tokio::sync::oneshot;

use outage_radar_desktop::lock;
use outage_radar_desktop::window_link::{self, Sender, ToApp, ToWindow};
use outage_radar_desktop::View;

/// Calls sent to the app and not answered yet.
type Pending = Mutex<HashMap<u64, oneshot::Sender<Result<Value, Value>>>>;

/// Runs the window `label` until it closes.
pub fn run(label: Option<OsString>, context: tauri::Context) -> ExitCode {
    let Some(view) = label.as_ref().and_then(|l| View::from_label(l.to_str()?)) else {
        eprintln!(
            "outage-radar-window: usage: outage-radar-window dashboard|settings \
             (started by outage-radar-desktop, with the link to it as standard input)"
        );
        return ExitCode::FAILURE;
    };
    let link = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(UnixStream::from);
    let (link, sender) = match link.and_then(|l| Ok((l.try_clone()?, Sender::new(&l)?))) {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!(
                "outage-radar-window: the {} window has no link to the app: {e}",
                view.label()
            );
            return ExitCode::FAILURE;
        }
    };
    // Closed as soon as the window goes, so the app forgets this process at once and a new
    // request starts a new one instead of asking this one, which is on its way out.
    let closer = match link.try_clone() {
        Ok(closer) => closer,
        Err(e) => {
            eprintln!(
                "outage-radar-window: the {} window's link: {e}",
                view.label()
            );
            return ExitCode::FAILURE;
        }
    };
    let sender = Arc::new(sender);
    let pending = Arc::new(Pending::default());
    let forward = {
        let (sender, pending) = (sender.clone(), pending.clone());
        let next = AtomicU64::new(0);
        move |invoke: Invoke| {
            let id = next.fetch_add(1, Ordering::Relaxed);
            let call = ToApp::Call {
                id,
                cmd: invoke.message.command().to_string(),
                args: match invoke.message.payload() {
                    InvokeBody::Json(args) => args.clone(),
                    InvokeBody::Raw(_) => Value::Null,
                },
            };
            let (tx, rx) = oneshot::channel();
            lock(&pending).insert(id, tx);
            if sender.send(&call).is_err() {
                lock(&pending).remove(&id);
            }
            invoke.resolver.respond_async(async move {
                match rx.await {
                    Ok(Ok(value)) => Ok(value),
                    Ok(Err(error)) => Err(InvokeError(error)),
                    Err(_) => Err(InvokeError(json!("Outage Radar is not running"))),
                }
            });
            true
        }
    };
    let app = tauri::Builder::default()
        .invoke_handler(forward)
        .setup(move |app| {
            crate::build(app.handle(), view)?;
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("app-link".into())
                .spawn(move || listen(handle, link, view, &pending))?;
            Ok(())
        })
        .build(context);
    match app {
        // Closing the window ends the process: nothing prevents the exit here.
        Ok(app) => app.run(move |_, event| {
            if let RunEvent::ExitRequested { .. } | RunEvent::Exit = event {
                let _ = closer.shutdown(Shutdown::Both);
            }
        }),
        Err(e) => {
            eprintln!("outage-radar-window: {e:#}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Handles what the app sends until it ends, then ends this process too.
fn listen(app: AppHandle, link: UnixStream, view: View, pending: &Pending) {
    window_link::receive(link, |message| match message {
        ToWindow::Reply { id, result } => {
            if let Some(tx) = lock(pending).remove(&id) {
                let _ = tx.send(result);
            }
        }
        ToWindow::Event { name, payload } => {
            let _ = app.emit(&name, payload);
        }
        ToWindow::Show => {
            if let Some(window) = app.get_webview_window(view.label()) {
                crate::show(&window);
            }
        }
    });
    // The app quit (or died): a window without it has nothing to show.
    lock(pending).clear();
    app.exit(0);
}
