//! Keeps the engine running: a runner that panics is started afresh on the same channels.
//!
//! A monitor that silently stops watching is worse than none: the tray would keep showing
//! the last green check. After a panic the runner restarts from the settings in force (its
//! verdicts start over, as after a restart of the app). If it keeps failing, the engine gives
//! up, says so in the snapshot (`stopped`) and answers every later reload with an error.

use std::collections::VecDeque;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use super::runner::{Runner, Shared};
use super::Command;
use crate::event::{EngineEvent, RoundEvent, Snapshot};

/// How many restarts within [`RESTART_WINDOW`] before giving up.
const MAX_RESTARTS: usize = 3;
const RESTART_WINDOW: Duration = Duration::from_secs(600);
/// A pause before a restart, so a failure that repeats at once does not spin.
const RESTART_DELAY: Duration = Duration::from_secs(1);

/// What a stopped engine says, in the user's words.
pub const STOPPED_TEXT: &str =
    "Checks stopped after repeated internal errors — restart Outage Radar";

/// Runs the first runner, restarts it after a panic, and gives up after too many.
pub(super) async fn supervise(
    first: Runner,
    shared: Shared,
    mut commands: mpsc::UnboundedReceiver<Command>,
    snapshot: watch::Sender<Snapshot>,
    shutdown: impl Future<Output = ()> + Send,
) {
    tokio::pin!(shutdown);
    let mut runner = first;
    let mut restarts: VecDeque<Instant> = VecDeque::new();
    loop {
        let run = AssertUnwindSafe(runner.run(&mut commands, &snapshot, shutdown.as_mut()));
        let Err(panic) = run.catch_unwind().await else {
            return;
        };
        let what = panic_text(panic.as_ref());
        tracing::error!(panic = %what, "the engine failed");
        let now = Instant::now();
        restarts.retain(|t| now.duration_since(*t) < RESTART_WINDOW);
        if restarts.len() >= MAX_RESTARTS {
            break;
        }
        restarts.push_back(now);
        tokio::select! {
            _ = &mut shutdown => return,
            _ = tokio::time::sleep(RESTART_DELAY) => {}
        }
        let settings = shared
            .latest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        runner = match (shared.factory)(&settings) {
            Ok(checker) => Runner::new(settings, checker, &shared),
            Err(e) => {
                tracing::error!(error = %e, "the engine could not restart");
                break;
            }
        };
        tracing::warn!("the engine restarted");
    }
    give_up(&shared, &mut commands, &snapshot, shutdown).await;
}

/// Tells everyone that checks stopped, then refuses work until shutdown.
async fn give_up(
    shared: &Shared,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    snapshot: &watch::Sender<Snapshot>,
    shutdown: impl Future<Output = ()>,
) {
    let mut last = snapshot.borrow().clone();
    last.stop(STOPPED_TEXT);
    snapshot.send_replace(last.clone());
    let _ = shared.events.send(EngineEvent::Round(RoundEvent {
        snapshot: last,
        transitions: Vec::new(),
    }));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            cmd = commands.recv() => match cmd {
                None => return,
                Some(Command::Reload(_, reply)) => {
                    let _ = reply.send(Err(crate::Error::EngineStopped));
                }
                Some(Command::CheckNow | Command::StartOver(_)) => {}
            },
        }
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The latest settings, shared with a runner that updates them on reload.
pub(super) fn latest(settings: &crate::Settings) -> Arc<std::sync::Mutex<crate::Settings>> {
    Arc::new(std::sync::Mutex::new(settings.clone()))
}
