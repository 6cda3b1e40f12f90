//! Waiting for the engine's events, in real or paused tokio time.

use std::time::Duration;

use outage_radar::event::{EngineEvent, TransitionEvent};
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

/// The next transition of any service, or None after `within`.
pub async fn next_transition(
    events: &mut Receiver<EngineEvent>,
    within: Duration,
) -> Option<TransitionEvent> {
    let deadline = Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return None,
            Ok(Ok(EngineEvent::Transition(t))) => return Some(t),
            Ok(Ok(_)) => {}
            Ok(Err(e)) => panic!("event stream ended: {e}"),
        }
    }
}
