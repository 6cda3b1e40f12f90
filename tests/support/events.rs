//! Waiting for the engine's events, in real or paused tokio time.

use std::time::Duration;

use outage_radar::event::{EngineEvent, Snapshot, TransitionEvent};
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

/// The next transition of any service, or None after `within`.
pub async fn next_transition(
    events: &mut Receiver<EngineEvent>,
    within: Duration,
) -> Option<TransitionEvent> {
    next_transition_of(events, None, within).await
}

/// The next transition of `service` (of any, with None), or None after `within`.
pub async fn next_transition_of(
    events: &mut Receiver<EngineEvent>,
    service: Option<&str>,
    within: Duration,
) -> Option<TransitionEvent> {
    let deadline = Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return None,
            Ok(Ok(EngineEvent::Transition(t))) if service.is_none_or(|s| s == t.service) => {
                return Some(t)
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => panic!("event stream ended: {e}"),
        }
    }
}

/// What happened up to the first round whose snapshot `pred` accepts: that snapshot (None
/// after `within`) and every transition seen on the way.
pub async fn until_round(
    events: &mut Receiver<EngineEvent>,
    within: Duration,
    pred: impl Fn(&Snapshot) -> bool,
) -> (Option<Snapshot>, Vec<TransitionEvent>) {
    let deadline = Instant::now() + within;
    let mut transitions = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return (None, transitions),
            Ok(Ok(EngineEvent::Transition(t))) => transitions.push(t),
            Ok(Ok(EngineEvent::Round(r))) if pred(&r.snapshot) => {
                return (Some(r.snapshot), transitions)
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => panic!("event stream ended: {e}"),
        }
    }
}

/// Whether the last round of service `id` had a failing probe, as the engine saw it.
pub fn probes_failed(snapshot: &Snapshot, id: &str) -> bool {
    snapshot
        .services
        .iter()
        .any(|s| s.id == id && s.probes.iter().any(|p| !p.ok))
}
