//! The running app as every part of it sees it: the state, the window processes, the async
//! runtime, and the way back to the GTK main thread, which owns the tray.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::state::AppState;
use crate::windows::Windows;

/// A handle on the running app, cheap to clone and usable from any thread.
pub type AppHandle = Arc<App>;

/// The running app.
pub struct App {
    /// What the app keeps between events.
    pub state: AppState,
    /// The window processes running now.
    pub(crate) windows: Windows,
    /// The runtime the engine, the bridge and the commands run on.
    runtime: tokio::runtime::Handle,
}

impl App {
    /// The app over `state`, its tasks run on `runtime`.
    pub fn new(state: AppState, runtime: tokio::runtime::Handle) -> AppHandle {
        Arc::new(App {
            state,
            windows: Windows::default(),
            runtime,
        })
    }

    /// Runs `task` on the app's runtime.
    pub fn spawn<F>(&self, task: F)
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        self.runtime.spawn(task);
    }

    /// Runs `future` to its end on the app's runtime, waiting for it (never from a task).
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Sends an event to the pages of every open window (`observation`, `pause-changed`...).
    pub fn emit(&self, name: &str, payload: &impl Serialize) {
        let payload = serde_json::to_value(payload).unwrap_or(Value::Null);
        self.windows.broadcast(name, payload);
    }

    /// Ends the app: the GTK main loop stops, and `run` returns. The window processes read
    /// the end of their links and close too.
    pub fn exit(&self) {
        on_main_thread(gtk::main_quit);
    }
}

/// Runs `f` on the GTK main thread, later, in order with the other calls; never waits for
/// it. The tray and its menu may only be touched there.
pub fn on_main_thread(f: impl FnOnce() + Send + 'static) {
    let mut f = Some(f);
    glib::idle_add_full(glib::Priority::DEFAULT, move || {
        if let Some(f) = f.take() {
            f();
        }
        glib::ControlFlow::Break
    });
}
