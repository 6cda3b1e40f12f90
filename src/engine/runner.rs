//! The engine task: owns settings, verdict states and the schedule.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, watch};
use tokio::time::Instant;

use super::checker::{Checker, CheckerFactory, ServiceRound};
use super::status::service_status;
use super::{round, Command};
use crate::config::Settings;
use crate::connectivity::Connectivity;
use crate::event::{
    rfc3339, ConnectivityEvent, EngineEvent, ProbeStatus, RoundEvent, Snapshot, TransitionEvent,
};
use crate::observation::Observation;
use crate::store::{RoundRecord, ServiceRecord, Store};
use crate::verdict::{Next, Thresholds, Transition, VerdictState, View};

/// How often old observations are rolled up.
const PRUNE_EVERY: Duration = Duration::from_secs(6 * 3600);
/// How often the wall clock is compared with the monotonic clock to notice a resume.
const DRIFT_TICK: Duration = Duration::from_secs(5);

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub(super) struct Runner {
    settings: Settings,
    checker: Arc<dyn Checker>,
    factory: CheckerFactory,
    store: Option<Arc<Mutex<Store>>>,
    events: broadcast::Sender<EngineEvent>,
    states: Vec<VerdictState>,
    last: Vec<Option<ServiceRound>>,
    connectivity: Connectivity,
    controls: Vec<Observation>,
    checked_at_ms: i64,
    pending: BTreeSet<usize>,
}

impl Runner {
    pub(super) fn new(
        settings: Settings,
        checker: Arc<dyn Checker>,
        factory: CheckerFactory,
        store: Option<Store>,
        events: broadcast::Sender<EngineEvent>,
    ) -> Runner {
        let now = now_ms();
        let n = settings.services.len();
        Runner {
            settings,
            checker,
            factory,
            store: store.map(|s| Arc::new(Mutex::new(s))),
            events,
            states: vec![VerdictState::new(now); n],
            last: vec![None; n],
            connectivity: Connectivity::Online,
            controls: Vec::new(),
            checked_at_ms: now,
            pending: BTreeSet::new(),
        }
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        let services: Vec<_> = self
            .settings
            .services
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                service_status(
                    spec,
                    &self.states[i],
                    self.last[i].as_ref(),
                    self.connectivity,
                )
            })
            .collect();
        Snapshot {
            checked_at: rfc3339(self.checked_at_ms),
            connectivity: self.connectivity,
            overall: Snapshot::overall_of(self.connectivity, &services),
            services,
            controls: self.controls.iter().map(ProbeStatus::from).collect(),
        }
    }

    pub(super) async fn run(
        mut self,
        mut commands: mpsc::UnboundedReceiver<Command>,
        snapshot: watch::Sender<Snapshot>,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) {
        tokio::pin!(shutdown);
        let mut next_full = Instant::now();
        let mut recheck_at: Option<Instant> = None;
        let mut last_prune: Option<Instant> = None;
        let mut commands_open = true;
        let mut drift = tokio::time::interval(DRIFT_TICK);
        let mut wall_at_tick = now_ms();
        loop {
            if last_prune.is_none_or(|t| t.elapsed() >= PRUNE_EVERY) {
                self.prune().await;
                last_prune = Some(Instant::now());
            }
            let wake = recheck_at.map_or(next_full, |r| r.min(next_full));
            let full = tokio::select! {
                _ = &mut shutdown => break,
                cmd = commands.recv(), if commands_open => match cmd {
                    None => { commands_open = false; continue; }
                    Some(Command::CheckNow) => true,
                    Some(Command::Reload(settings, reply)) => {
                        let _ = reply.send(self.reload(*settings));
                        true
                    }
                },
                _ = drift.tick() => {
                    let wall = now_ms();
                    let slept = wall - wall_at_tick > (DRIFT_TICK.as_millis() as i64) * 3;
                    wall_at_tick = wall;
                    if !slept { continue; }
                    // The machine slept: what we knew is stale. Start confirmations over.
                    tracing::info!("wall clock jumped; re-checking at once");
                    for state in &mut self.states { state.pending = None; }
                    true
                },
                _ = tokio::time::sleep_until(wake) => Instant::now() >= next_full,
            };
            let indices: Vec<usize> = if full {
                (0..self.settings.services.len()).collect()
            } else {
                self.pending.iter().copied().collect()
            };
            let outcome = tokio::select! {
                _ = &mut shutdown => break,
                outcome = round::run(&self.checker, &self.settings, &indices) => outcome,
            };
            let latest = self.apply(outcome).await;
            if full {
                next_full = Instant::now() + self.settings.interval;
            }
            recheck_at = (!self.pending.is_empty()).then(|| Instant::now() + self.settings.recheck);
            snapshot.send_replace(latest);
        }
    }

    /// Judges a round, records it, pushes its events; returns the snapshot it ended with
    /// (built once: with many services it is the round's largest allocation).
    async fn apply(&mut self, outcome: round::RoundOutcome) -> Snapshot {
        let now = now_ms();
        self.checked_at_ms = now;
        let online = outcome.connectivity == Connectivity::Online;
        self.controls = outcome.controls;
        if outcome.connectivity != self.connectivity {
            let change = ConnectivityEvent {
                at: rfc3339(now),
                at_ms: now,
                from: self.connectivity,
                to: outcome.connectivity,
            };
            self.connectivity = outcome.connectivity;
            self.write(move |s| s.record_connectivity(change.at_ms, change.from, change.to))
                .await;
            let _ = self.events.send(EngineEvent::Connectivity(change));
        }
        let thresholds = Thresholds {
            confirm: self.settings.confirm,
        };
        let slow_ms = self.settings.slow.as_millis() as u64;
        let mut transitions: Vec<(String, Transition)> = Vec::new();
        let mut records = Vec::with_capacity(outcome.services.len());
        for (i, result) in outcome.services {
            let view = View::judge(&result.observations, result.official.as_ref(), slow_ms);
            let (transition, next) = self.states[i].step(view, online, now, thresholds);
            let weight = match next {
                Next::FastRecheck => {
                    self.pending.insert(i);
                    self.settings.recheck
                }
                Next::Interval => {
                    self.pending.remove(&i);
                    self.settings.interval
                }
            };
            let id = self.settings.services[i].id.clone();
            if let Some(t) = transition {
                transitions.push((id.clone(), t));
            }
            records.push(ServiceRecord {
                service: id,
                verdict: self.states[i].verdict,
                weight_ms: weight.as_millis() as i64,
                observations: result.observations.clone(),
                official: result.official.clone(),
            });
            self.last[i] = Some(result);
        }
        let round = RoundRecord {
            at_ms: now,
            connectivity: self.connectivity,
            services: records,
        };
        let stored: Vec<(String, Transition)> = transitions.clone();
        // History first, events second: whoever sees an event can rely on it being stored.
        self.write(move |s| {
            s.record_round(&round)?;
            for (id, t) in &stored {
                s.record_transition(id, t)?;
            }
            Ok(())
        })
        .await;
        let events: Vec<TransitionEvent> = transitions
            .iter()
            .map(|(id, t)| self.transition_event(id, t))
            .collect();
        for event in &events {
            let _ = self.events.send(EngineEvent::Transition(event.clone()));
        }
        let latest = self.snapshot();
        let _ = self.events.send(EngineEvent::Round(RoundEvent {
            snapshot: latest.clone(),
            transitions: events,
        }));
        latest
    }

    fn transition_event(&self, id: &str, t: &Transition) -> TransitionEvent {
        let name = self
            .settings
            .services
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.name.as_str());
        TransitionEvent {
            at: rfc3339(t.at_ms),
            at_ms: t.at_ms,
            service: id.to_string(),
            name: name.to_string(),
            from: t.from,
            to: t.to,
            cause: t.cause,
            cause_text: t.cause.map(|c| c.describe(&t.detail)).unwrap_or_default(),
            detail: t.detail.clone(),
            trouble_since_ms: t.trouble_since_ms,
        }
    }

    fn reload(&mut self, settings: Settings) -> crate::Result<()> {
        let checker = (self.factory)(&settings)?;
        let now = now_ms();
        let old: Vec<(String, VerdictState, Option<ServiceRound>)> = self
            .settings
            .services
            .iter()
            .zip(self.states.drain(..).zip(self.last.drain(..)))
            .map(|(spec, (state, last))| (spec.id.clone(), state, last))
            .collect();
        for spec in &settings.services {
            let kept = old.iter().find(|(id, _, _)| id == &spec.id);
            self.states
                .push(kept.map_or_else(|| VerdictState::new(now), |k| k.1.clone()));
            self.last.push(kept.and_then(|k| k.2.clone()));
        }
        self.pending.clear();
        self.settings = settings;
        self.checker = checker;
        tracing::info!(services = self.settings.services.len(), "settings reloaded");
        Ok(())
    }

    async fn prune(&self) {
        let days = self.settings.retention_days;
        self.write(move |s| s.prune(now_ms(), days).map(|_| ()))
            .await;
    }

    /// Runs a store write off the async threads. A failing history is logged, never fatal:
    /// watching goes on.
    async fn write(&self, f: impl FnOnce(&mut Store) -> crate::Result<()> + Send + 'static) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let result = tokio::task::spawn_blocking(move || {
            // A poisoned lock means a panic in a previous write; the connection itself is fine.
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut store)
        })
        .await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "could not write history"),
            Err(e) => tracing::warn!(error = %e, "history writer failed"),
        }
    }
}

/// One round for `outage-radar check`: every service, then a quick re-check of those that
/// did not look up, so a single blip is not reported. No confirmation rounds, no history.
pub async fn check_once(settings: &Settings, checker: Arc<dyn Checker>) -> Snapshot {
    let all: Vec<usize> = (0..settings.services.len()).collect();
    let first = round::run(&checker, settings, &all).await;
    let mut connectivity = first.connectivity;
    let mut controls = first.controls;
    let mut rounds: Vec<ServiceRound> = first.services.into_iter().map(|(_, r)| r).collect();
    let slow_ms = settings.slow.as_millis() as u64;
    let judge = |r: &ServiceRound| View::judge(&r.observations, r.official.as_ref(), slow_ms);
    let failing: Vec<usize> = (0..rounds.len())
        .filter(|&i| judge(&rounds[i]).verdict != crate::Verdict::Up)
        .collect();
    if connectivity == Connectivity::Online && !failing.is_empty() {
        tokio::time::sleep(settings.recheck).await;
        let second = round::run(&checker, settings, &failing).await;
        connectivity = second.connectivity;
        controls = second.controls;
        for (i, r) in second.services {
            rounds[i] = r;
        }
    }
    let now = now_ms();
    let services: Vec<_> = settings
        .services
        .iter()
        .zip(&rounds)
        .map(|(spec, r)| {
            let view = judge(r);
            let state = VerdictState {
                verdict: view.verdict,
                cause: view.cause,
                detail: view.detail,
                ..VerdictState::new(now)
            };
            service_status(spec, &state, Some(r), connectivity)
        })
        .collect();
    Snapshot {
        checked_at: rfc3339(now),
        connectivity,
        overall: Snapshot::overall_of(connectivity, &services),
        services,
        controls: controls.iter().map(ProbeStatus::from).collect(),
    }
}
