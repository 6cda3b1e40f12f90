//! The scheduler: runs rounds, confirms verdicts, records history, pushes events.
//!
//! One task owns all state (no locks around verdicts). Each round probes the controls and
//! the due services concurrently; a service whose view turned worse is re-checked after
//! `recheck` seconds instead of a full interval, so an outage is confirmed within one
//! interval plus a few seconds.

mod checker;
pub mod clock;
mod once;
mod round;
mod runner;
mod status;
mod supervisor;

use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::task::JoinHandle;

pub use checker::{BoxFuture, Checker, CheckerFactory, NetChecker, ServiceRound};
pub use once::check_once;
pub use round::MAX_CONCURRENT_SERVICES;
pub use supervisor::STOPPED_TEXT;

use crate::config::Settings;
use crate::event::{EngineEvent, Snapshot};
use crate::store::Store;
use clock::{Clock, SystemClock};

/// How many events a slow subscriber may fall behind before it misses some.
const EVENT_BUFFER: usize = 1024;

enum Command {
    CheckNow,
    /// The machine woke or the network changed: start confirmations over, look again soon.
    StartOver(&'static str),
    Reload(Box<Settings>, oneshot::Sender<crate::Result<()>>),
}

/// Tells a running engine that the machine woke or the network changed.
#[derive(Clone)]
pub struct Nudger(mpsc::UnboundedSender<Command>);

impl Nudger {
    /// Pending confirmations start over and a full round follows within seconds (`reason`
    /// is for the log). Returns false when the engine is gone.
    pub fn start_over(&self, reason: &'static str) -> bool {
        self.0.send(Command::StartOver(reason)).is_ok()
    }
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

    /// Runs a full round now (requests made while a round runs make one round together).
    pub fn check_now(&self) {
        let _ = self.commands.send(Command::CheckNow);
    }

    /// A handle that can only tell of wake-ups and network changes. Unlike the full handle
    /// it does not keep the event stream open after the engine stops.
    pub fn nudger(&self) -> Nudger {
        Nudger(self.commands.clone())
    }

    /// Applies new settings without restart (services, interval, probes, resolver...).
    /// Verdicts of services that stay are kept; a full round follows at once. An engine that
    /// stopped says so: the settings were not applied.
    pub async fn reload(&self, settings: Settings) -> crate::Result<()> {
        let (tx, rx) = oneshot::channel();
        self.commands
            .send(Command::Reload(Box::new(settings), tx))
            .map_err(|_| crate::Error::EngineStopped)?;
        rx.await.map_err(|_| crate::Error::EngineStopped)?
    }
}

/// A started engine: its handle, a receiver subscribed before the first round (so no event
/// is missed), and the task to await for a clean stop.
pub type Spawned = (
    EngineHandle,
    broadcast::Receiver<EngineEvent>,
    JoinHandle<()>,
);

/// Starts the engine on the current tokio runtime. It runs until `shutdown` completes.
///
/// Returns the handle, a receiver subscribed before the first round (so no event is
/// missed), and the task to await for a clean stop.
pub fn spawn(
    settings: Settings,
    factory: CheckerFactory,
    store: Option<Store>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> crate::Result<Spawned> {
    spawn_with_clock(settings, factory, store, Arc::new(SystemClock), shutdown)
}

/// [`spawn`] with the wall clock given: tests move it ahead to play a suspend.
pub fn spawn_with_clock(
    settings: Settings,
    factory: CheckerFactory,
    store: Option<Store>,
    clock: Arc<dyn Clock>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> crate::Result<Spawned> {
    let checker = factory(&settings)?;
    let (events, receiver) = broadcast::channel(EVENT_BUFFER);
    let (commands, command_rx) = mpsc::unbounded_channel();
    let shared = runner::Shared {
        factory,
        store: store.map(|s| Arc::new(Mutex::new(s))),
        events: events.clone(),
        clock,
        latest: supervisor::latest(&settings),
    };
    let runner = runner::Runner::new(settings, checker, &shared);
    let (snapshot_tx, snapshot) = watch::channel(runner.snapshot());
    let task = tokio::spawn(supervisor::supervise(
        runner,
        shared,
        command_rx,
        snapshot_tx,
        shutdown,
    ));
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
