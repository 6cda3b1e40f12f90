//! The scheduler: runs rounds, confirms verdicts, records history, pushes events.
//!
//! One task owns all state (no locks around verdicts). Each round probes the controls and
//! the due services concurrently; a service whose view turned worse is re-checked after
//! `recheck` seconds instead of a full interval, so an outage is confirmed within one
//! interval plus a few seconds.

mod checker;
mod round;
mod runner;
mod status;

use std::future::Future;

use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::task::JoinHandle;

pub use checker::{BoxFuture, Checker, CheckerFactory, NetChecker, ServiceRound};
pub use round::MAX_CONCURRENT_SERVICES;
pub use runner::check_once;

use crate::config::Settings;
use crate::event::{EngineEvent, Snapshot};
use crate::store::Store;

/// How many events a slow subscriber may fall behind before it misses some.
const EVENT_BUFFER: usize = 1024;

enum Command {
    CheckNow,
    Reload(Box<Settings>, oneshot::Sender<crate::Result<()>>),
}

/// Talks to a running engine; cheap to clone.
#[derive(Clone)]
pub struct EngineHandle {
    commands: mpsc::UnboundedSender<Command>,
    events: broadcast::Sender<EngineEvent>,
    snapshot: watch::Receiver<Snapshot>,
}

impl EngineHandle {
    /// A new receiver of engine events.
    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.events.subscribe()
    }

    /// Everything as it stands after the last round.
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.borrow().clone()
    }

    /// Runs a full round now.
    pub fn check_now(&self) {
        let _ = self.commands.send(Command::CheckNow);
    }

    /// Applies new settings without restart (services, interval, probes, resolver...).
    /// Verdicts of services that stay are kept; a full round follows at once.
    pub async fn reload(&self, settings: Settings) -> crate::Result<()> {
        let (tx, rx) = oneshot::channel();
        if self
            .commands
            .send(Command::Reload(Box::new(settings), tx))
            .is_err()
        {
            return Ok(());
        }
        rx.await.unwrap_or(Ok(()))
    }
}

/// Starts the engine on the current tokio runtime. It runs until `shutdown` completes.
///
/// Returns the handle, a receiver subscribed before the first round (so no event is
/// missed), and the task to await for a clean stop.
pub fn spawn(
    settings: Settings,
    factory: CheckerFactory,
    store: Option<Store>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> crate::Result<(
    EngineHandle,
    broadcast::Receiver<EngineEvent>,
    JoinHandle<()>,
)> {
    let checker = factory(&settings)?;
    let (events, receiver) = broadcast::channel(EVENT_BUFFER);
    let (commands, command_rx) = mpsc::unbounded_channel();
    let runner = runner::Runner::new(settings, checker, factory, store, events.clone());
    let (snapshot_tx, snapshot) = watch::channel(runner.snapshot());
    let task = tokio::spawn(runner.run(command_rx, snapshot_tx, shutdown));
    Ok((
        EngineHandle {
            commands,
            events,
            snapshot,
        },
        receiver,
        task,
    ))
}
