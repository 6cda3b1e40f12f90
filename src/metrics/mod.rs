//! Prometheus metrics (opt-in, `[metrics] listen`): the state of every service, probe and
//! the user's connectivity, served as `GET /metrics` by `watch` and the desktop app.
//!
//! - `exposition.rs`: the text format of a snapshot (pure).
//! - `server.rs`: the small HTTP server (one path, bounded in time, size and connections).
//!
//! [`Metrics`] keeps the last snapshot and the round counters; [`Metrics::follow`] feeds it
//! from the engine's events and [`serve`] answers scrapes from it.

mod exposition;
mod server;

use std::sync::{Arc, Mutex};

use tokio::sync::broadcast::{error::RecvError, Receiver};

use crate::event::{EngineEvent, Snapshot};

pub use exposition::{escape_label, render, Exposition};
pub use server::{bind, serve};

/// The content type of the text exposition format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// What the endpoint shows; shared between the task that follows the engine and the server.
#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Latest>,
}

#[derive(Debug, Default)]
struct Latest {
    snapshot: Option<Snapshot>,
    rounds_total: u64,
    last_round_seconds: Option<f64>,
}

impl Metrics {
    /// Starts from the engine's current snapshot (services known, nothing checked yet).
    pub fn new(snapshot: Snapshot) -> Arc<Metrics> {
        Arc::new(Metrics {
            inner: Mutex::new(Latest {
                snapshot: Some(snapshot),
                ..Latest::default()
            }),
        })
    }

    /// Takes in a finished round.
    pub fn record_round(&self, snapshot: &Snapshot) {
        let at = chrono::DateTime::parse_from_rfc3339(&snapshot.checked_at)
            .map(|t| t.timestamp_millis())
            .unwrap_or_else(|_| chrono::Utc::now().timestamp_millis());
        let mut latest = self.lock();
        latest.snapshot = Some(snapshot.clone());
        latest.rounds_total += 1;
        latest.last_round_seconds = Some(at as f64 / 1000.0);
    }

    /// The exposition as it stands.
    pub fn render(&self) -> String {
        let latest = self.lock();
        render(&Exposition {
            snapshot: latest.snapshot.as_ref(),
            rounds_total: latest.rounds_total,
            last_round_seconds: latest.last_round_seconds,
        })
    }

    /// Follows the engine's rounds until its event stream ends (spawned on the current
    /// runtime).
    pub fn follow(self: &Arc<Self>, mut events: Receiver<EngineEvent>) {
        let metrics = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(EngineEvent::Round(round)) => metrics.record_round(&round.snapshot),
                    Ok(_) | Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => break,
                }
            }
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Latest> {
        // A poisoned lock only means a panic while copying a snapshot in; the value kept
        // is still a whole snapshot.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
