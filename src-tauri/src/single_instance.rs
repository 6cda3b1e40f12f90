//! One running instance per session: the first launch owns a well-known name on the session
//! bus, and a later launch hands its command line (and working directory) to the owner over
//! D-Bus, then exits; the owner obeys it ([`crate::handover`]).
//!
//! Without a session bus there is no way to find another instance, and the app starts
//! normally.

use std::sync::{Arc, Mutex};

use crate::app::AppHandle;
use crate::state::lock;

/// The name the running instance owns, after the app's identifier.
const NAME: &str = "app.outageradar.desktop.SingleInstance";
/// Where the running instance serves [`Launches`].
const PATH: &str = "/app/outageradar/desktop/SingleInstance";
/// The interface a second launch calls.
const INTERFACE: &str = "app.outageradar.desktop.SingleInstance";

/// What the start-up found.
pub enum Claim {
    /// This is the first instance; keep the value for as long as the app runs.
    First(Instance),
    /// Another instance runs and took this launch's command line: exit.
    HandedOver,
    /// No instance could be looked for (no session bus); start anyway. The words say why.
    Alone(String),
}

/// The running instance's hold on its name, and the launches it is handed.
pub struct Instance {
    /// Owns the name and serves the interface; dropping it gives both up.
    _connection: zbus::Connection,
    launches: Arc<Mutex<Waiting>>,
}

impl Instance {
    /// From now on, launches are handed to `app`; those that came while it started are
    /// handled first.
    pub fn serve(&self, app: &AppHandle) {
        let early = std::mem::replace(&mut *lock(&self.launches), Waiting::Ready(app.clone()));
        if let Waiting::Starting(launches) = early {
            for (argv, cwd) in launches {
                crate::handover::second_launch(app, &argv, &cwd);
            }
        }
    }
}

/// Launches handed over while the app is still starting are kept until it runs.
enum Waiting {
    Starting(Vec<(Vec<String>, String)>),
    Ready(AppHandle),
}

/// The D-Bus object a second launch calls.
struct Launches(Arc<Mutex<Waiting>>);

#[zbus::interface(name = "app.outageradar.desktop.SingleInstance")]
impl Launches {
    /// A launch found this instance running: `argv` is its command line, `cwd` its
    /// working directory.
    fn launched(&self, argv: Vec<String>, cwd: String) {
        let app = match &mut *lock(&self.0) {
            Waiting::Starting(launches) => {
                launches.push((argv, cwd));
                return;
            }
            Waiting::Ready(app) => app.clone(),
        };
        crate::handover::second_launch(&app, &argv, &cwd);
    }
}

/// Claims the name, or hands this launch over to the instance that owns it.
pub async fn claim() -> anyhow::Result<Claim> {
    let launches = Arc::new(Mutex::new(Waiting::Starting(Vec::new())));
    let built = zbus::connection::Builder::session()
        .name(NAME)
        .replace_existing_names(false)
        .allow_name_replacements(false)
        .serve_at(PATH, Launches(launches.clone()))
        .build()
        .await;
    match built {
        Ok(connection) => Ok(Claim::First(Instance {
            _connection: connection,
            launches,
        })),
        Err(zbus::Error::NameTaken) => {
            let argv: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let cwd = std::env::current_dir()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bus = zbus::Connection::session().await?;
            // Exit only after the running instance took the command line.
            bus.call_method(Some(NAME), PATH, Some(INTERFACE), "Launched", &(argv, cwd))
                .await
                .map_err(|e| anyhow::anyhow!("could not hand over to the running instance: {e}"))?;
            Ok(Claim::HandedOver)
        }
        Err(e) => Ok(Claim::Alone(e.to_string())),
    }
}
