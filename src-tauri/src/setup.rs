//! Start-up: settings, history, engine, tray, bridge, and the first window if one is due.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use outage_radar::engine::{self, EngineHandle, NetChecker};
use outage_radar::metrics::{self, Metrics};
use outage_radar::netwatch;
use outage_radar::notifier::{DesktopNotifier, Sender};
use outage_radar::store::{self, Access, HistoryProblem, OpenedHistory};
use outage_radar::Settings;

use crate::app::{App, AppHandle};
use crate::args::{Args, WindowArg};
use crate::state::AppState;
use crate::windows::View;
use crate::{bridge, tray, windows};

/// What `run` found out before the app was set up.
pub struct Startup {
    /// The data dir (history, icon, logs).
    pub data_dir: PathBuf,
    /// Whether the data dir did not exist yet (the first run shows the dashboard once).
    pub first_run: bool,
    /// Where the log files are written, if they could be.
    pub log_dir: Option<PathBuf>,
}

/// The data dir: `--data-dir`, else the platform's (`$XDG_DATA_HOME/outage-radar`).
/// Made absolute: the notification server reads the icon file from its own directory.
pub fn data_dir(args: &Args) -> anyhow::Result<PathBuf> {
    let dir = match &args.data_dir {
        Some(dir) => dir.clone(),
        None => outage_radar::config::default_data_dir()
            .context("no data directory; pass --data-dir")?,
    };
    std::path::absolute(&dir).with_context(|| format!("data directory {}", dir.display()))
}

/// Builds everything, on the GTK main thread once GTK is initialised; an error here stops
/// the app with a message. The app's tasks run on `runtime`.
pub fn setup(
    args: &Args,
    startup: Startup,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<AppHandle> {
    let config_path = match &args.config {
        Some(path) => path.clone(),
        None => outage_radar::config::default_config_path()
            .context("no config directory; pass --config")?,
    };
    let Startup {
        data_dir,
        first_run,
        log_dir,
    } = startup;
    // A broken file is kept as it is and reported; the app runs on defaults until it is fixed.
    let (settings, config_error) = match Settings::load(&config_path) {
        Ok(settings) => (settings, None),
        Err(e) => {
            tracing::error!("{e}; running on the defaults until the file is fixed");
            (Settings::defaults(), Some(e.to_string()))
        }
    };
    // A damaged or locked history never stops the app: it starts afresh or goes without.
    let recorded = store::open_or_recover(&data_dir, Access::Write);
    let history_notice = recorded.problem;
    // The engine's open did any recovery; this one only reads, which a writer in another
    // process does not prevent. Its own problem is only the dashboard's reason for no data.
    let history = match store::open_or_recover(&data_dir, Access::Read) {
        OpenedHistory {
            store: Some(store), ..
        } => Ok(store),
        OpenedHistory { problem, .. } => Err(problem.unwrap_or(HistoryProblem::InUse)),
    };
    let icon = write_icon(&data_dir);
    let (engine, events, notifier) = runtime.block_on(async {
        let never = std::future::pending::<()>();
        let (handle, events, _task) = engine::spawn(
            settings.clone(),
            NetChecker::factory(),
            recorded.store,
            never,
        )?;
        // Sleep, wake and network changes start confirmations over.
        netwatch::spawn_system(handle.nudger());
        serve_metrics(settings.metrics_listen, &handle).await;
        let notifier = DesktopNotifier::start(Sender {
            app_name: "Outage Radar".into(),
            icon,
            on_screen: Some(data_dir.join(outage_radar::on_screen::ON_SCREEN_FILE)),
        });
        anyhow::Ok((handle, events, notifier))
    })?;
    if let Some(problem) = &history_notice {
        tracing::warn!("{problem}");
        if settings.notifications.enabled {
            notifier.send(problem.notice());
        }
    }
    sync_autostart(settings.start_at_login);
    let broken = config_error.is_some();
    let app = App::new(
        AppState {
            engine: engine.clone(),
            config_path,
            history: Mutex::new(history),
            history_notice: history_notice.map(|p| p.to_string()),
            settings: Mutex::new(settings),
            config_error: Mutex::new(config_error),
            paused_until_ms: Mutex::new(None),
            notifier,
            back_requests: Mutex::new(Default::default()),
            first_run,
            log_dir,
        },
        runtime.handle().clone(),
    );
    let tray_shown = tray::create(&app, &engine.snapshot());
    bridge::start(app.clone(), events);
    let first_window = match args.open {
        Some(WindowArg::Dashboard) => Some(View::Dashboard),
        Some(WindowArg::Settings) => Some(View::Settings),
        None if broken && !args.hidden => Some(View::Settings),
        None if (first_run || !tray_shown) && !args.hidden => Some(View::Dashboard),
        None => None,
    };
    if let Some(view) = first_window {
        windows::open(&app, view);
    }
    Ok(app)
}

/// Keeps the login item in line with the setting.
pub fn sync_autostart(wanted: bool) {
    if let Err(e) = crate::autostart::sync(wanted) {
        tracing::warn!("could not change start at login: {e}");
    }
}

/// Serves `GET /metrics` when `[metrics] listen` is set. An address that cannot be bound
/// is logged and the app runs on without metrics: the tray matters more than the endpoint.
async fn serve_metrics(listen: Option<std::net::SocketAddr>, engine: &EngineHandle) {
    let Some(addr) = listen else { return };
    match metrics::bind(addr).await {
        Ok(listener) => {
            let bound = listener.local_addr().map_or(addr, |a| a);
            let metrics = Metrics::new(engine.snapshot());
            metrics.follow(engine.subscribe());
            tokio::spawn(metrics::serve(
                listener,
                metrics,
                std::future::pending::<()>(),
            ));
            tracing::info!("Metrics on http://{bound}/metrics");
        }
        Err(e) => tracing::error!("[metrics] listen = \"{addr}\": {e}; no metrics are served"),
    }
}

/// Notification servers want an icon file: keep the app icon in the data dir.
fn write_icon(data_dir: &Path) -> Option<String> {
    let path: PathBuf = data_dir.join("icon.png");
    if !path.exists() {
        std::fs::write(&path, include_bytes!("../../icons/icon.png")).ok()?;
    }
    Some(path.to_string_lossy().into_owned())
}
