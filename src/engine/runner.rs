//! The engine task: owns settings, verdict states and the schedule.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, watch};
use tokio::time::Instant;

use super::checker::{Checker, CheckerFactory, ServiceRound};
use super::clock::{Clock, SuspendDetector};
use super::lag::{self, LagEnd};
use super::status::service_status;
use super::{round, Command};
use crate::config::Settings;
use crate::connectivity::Connectivity;
use crate::event::{
    misbehaving_controls, rfc3339, ConnectivityEvent, EngineEvent, OfficialLag, ProbeStatus,
    RoundEvent, Snapshot, TransitionEvent,
};
use crate::observation::Observation;
use crate::store::{RoundRecord, ServiceRecord, Store};
use crate::verdict::{Next, Thresholds, Transition, VerdictState, View};

/// How often old observations are rolled up.
const PRUNE_EVERY: Duration = Duration::from_secs(6 * 3600);
/// How long after a network change or a wake-up signal the next full round starts.
const SETTLE: Duration = Duration::from_secs(2);
/// How often the clocks are compared while idle, to notice a resume between rounds.
const SUSPEND_LOOK: Duration = Duration::from_secs(5);

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One round's confirmations: what to store and what to announce.
struct Confirmed {
    records: Vec<ServiceRecord>,
    transitions: Vec<(String, Transition)>,
    /// Official lags that ended this round, for the incidents they belong to.
    lag_ends: Vec<(String, LagEnd)>,
}

/// What outlives one runner: a restarted runner starts from these.
pub(super) struct Shared {
    pub(super) factory: CheckerFactory,
    pub(super) store: Option<Arc<Mutex<Store>>>,
    pub(super) events: broadcast::Sender<EngineEvent>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) latest: Arc<Mutex<Settings>>,
}

pub(super) struct Runner {
    settings: Settings,
    checker: Arc<dyn Checker>,
    factory: CheckerFactory,
    store: Option<Arc<Mutex<Store>>>,
    events: broadcast::Sender<EngineEvent>,
    states: Vec<VerdictState>,
    last: Vec<Option<ServiceRound>>,
    /// Per service: the official source still reads operational despite our verdict.
    lags: Vec<Option<OfficialLag>>,
    connectivity: Connectivity,
    controls: Vec<Observation>,
    /// The controls of the last round set aside as misbehaving, in words.
    misbehaving: Vec<String>,
    checked_at_ms: i64,
    pending: BTreeSet<usize>,
    clock: Arc<dyn Clock>,
    /// The settings in force, kept where a supervisor restarting the runner finds them.
    latest: Arc<Mutex<Settings>>,
}

impl Runner {
    pub(super) fn new(settings: Settings, checker: Arc<dyn Checker>, shared: &Shared) -> Runner {
        let now = shared.clock.wall_ms();
        let n = settings.services.len();
        Runner {
            settings,
            checker,
            factory: shared.factory.clone(),
            store: shared.store.clone(),
            events: shared.events.clone(),
            states: vec![VerdictState::new(now); n],
            last: vec![None; n],
            lags: vec![None; n],
            connectivity: Connectivity::Online,
            controls: Vec::new(),
            misbehaving: Vec::new(),
            checked_at_ms: now,
            pending: BTreeSet::new(),
            clock: shared.clock.clone(),
            latest: shared.latest.clone(),
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
                    self.lags[i].as_ref(),
                    self.connectivity,
                )
            })
            .collect();
        let controls: Vec<ProbeStatus> = self.controls.iter().map(ProbeStatus::from).collect();
        Snapshot {
            checked_at: rfc3339(self.checked_at_ms),
            connectivity: self.connectivity,
            overall: Snapshot::overall_of(self.connectivity, &services),
            affected: crate::summary::affected(&services),
            connection_note: crate::summary::connection_note(
                self.connectivity,
                &controls,
                &services,
            ),
            services,
            controls,
            misbehaving_controls: self.misbehaving.clone(),
            stopped: None,
        }
    }

    /// Runs rounds until `shutdown` completes or the command channel and shutdown both end.
    ///
    /// Borrows its channels so that a supervisor can start a fresh runner on the same ones
    /// after a panic.
    pub(super) async fn run(
        mut self,
        commands: &mut mpsc::UnboundedReceiver<Command>,
        snapshot: &watch::Sender<Snapshot>,
        shutdown: impl Future<Output = ()> + Send,
    ) {
        tokio::pin!(shutdown);
        let mut next_full = Instant::now();
        let mut recheck_at: Option<Instant> = None;
        let mut last_prune: Option<Instant> = None;
        let mut commands_open = true;
        let mut look = tokio::time::interval(SUSPEND_LOOK);
        let mut suspend = SuspendDetector::new(self.clock.as_ref());
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
                    Some(cmd) => {
                        // Clicks queued during a round make one round, not one each.
                        let mut queued = vec![cmd];
                        while let Ok(more) = commands.try_recv() {
                            queued.push(more);
                        }
                        let mut now = false;
                        for cmd in queued {
                            match cmd {
                                Command::CheckNow => now = true,
                                Command::Reload(settings, reply) => {
                                    let _ = reply.send(self.reload(*settings));
                                    now = true;
                                }
                                Command::StartOver(reason) => {
                                    tracing::info!(reason, "starting confirmations over");
                                    self.start_over();
                                    // Give the new network a moment before judging it.
                                    next_full = next_full.min(Instant::now() + SETTLE);
                                    recheck_at = None;
                                }
                            }
                        }
                        if !now { continue; }
                        true
                    }
                },
                _ = look.tick() => {
                    if !self.resumed(&mut suspend) { continue; }
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
            if self.resumed(&mut suspend) {
                // The machine slept during the round: what it saw straddles the suspend and
                // blames services for the network coming back. Look again at once instead.
                next_full = Instant::now();
                recheck_at = None;
                continue;
            }
            let latest = self.apply(outcome).await;
            if full {
                next_full = Instant::now() + self.settings.interval;
            }
            recheck_at = (!self.pending.is_empty()).then(|| Instant::now() + self.settings.recheck);
            snapshot.send_replace(latest);
        }
    }

    /// Whether the machine slept since the last look; if so, what we knew is stale:
    /// confirmations start over and a full round follows at once.
    fn resumed(&mut self, suspend: &mut SuspendDetector) -> bool {
        let Some(slept) = suspend.slept(self.clock.as_ref()) else {
            return false;
        };
        tracing::info!(
            slept_secs = slept.as_secs(),
            "resumed from sleep; re-checking at once"
        );
        self.start_over();
        true
    }

    /// Forgets every pending confirmation (after a suspend or a network change).
    fn start_over(&mut self) {
        for state in &mut self.states {
            state.pending = None;
        }
        self.pending.clear();
    }

    /// Judges a round, records it, pushes its events; returns the snapshot it ended with
    /// (built once: with many services it is the round's largest allocation).
    /// Takes in a finished round: connectivity, each service's confirmation, the history,
    /// then the events (history first: whoever sees an event can rely on it being stored).
    async fn apply(&mut self, outcome: round::RoundOutcome) -> Snapshot {
        let now = self.clock.wall_ms();
        self.checked_at_ms = now;
        self.misbehaving = misbehaving_controls(&outcome.controls, &outcome.misbehaving);
        self.controls = outcome.controls;
        self.note_connectivity(outcome.connectivity, now).await;
        let online = outcome.connectivity == Connectivity::Online;
        let confirmed = self.confirm(outcome.services, online, now);
        let round = RoundRecord {
            at_ms: now,
            connectivity: self.connectivity,
            services: confirmed.records,
        };
        let stored: Vec<(String, Transition)> = confirmed.transitions.clone();
        let lag_ends = confirmed.lag_ends;
        self.write(move |s| {
            s.record_round(&round)?;
            // Before the transitions: a recovery closes the incident the lag belongs to.
            for (id, end) in &lag_ends {
                let (lag_ms, acknowledged) = match *end {
                    LagEnd::Acknowledged(ms) => (ms, true),
                    LagEnd::Unacknowledged(ms) => (ms, false),
                };
                s.record_official_lag(id, lag_ms, acknowledged)?;
            }
            for (id, t) in &stored {
                s.record_transition(id, t)?;
            }
            Ok(())
        })
        .await;
        self.publish(&confirmed.transitions)
    }

    /// Records and announces a change of the user's own connectivity.
    async fn note_connectivity(&mut self, connectivity: Connectivity, now: i64) {
        if connectivity == self.connectivity {
            return;
        }
        let change = ConnectivityEvent {
            at: rfc3339(now),
            at_ms: now,
            from: self.connectivity,
            to: connectivity,
        };
        self.connectivity = connectivity;
        self.write(move |s| s.record_connectivity(change.at_ms, change.from, change.to))
            .await;
        let _ = self.events.send(EngineEvent::Connectivity(change));
    }

    /// Steps each checked service's confirmation and its official lag; returns what to
    /// store. A service whose view turned worse is due again after `recheck`.
    fn confirm(
        &mut self,
        services: Vec<(usize, ServiceRound)>,
        online: bool,
        now: i64,
    ) -> Confirmed {
        let thresholds = Thresholds {
            confirm: self.settings.confirm,
        };
        let slow_ms = self.settings.slow.as_millis() as u64;
        let mut out = Confirmed {
            records: Vec::with_capacity(services.len()),
            transitions: Vec::new(),
            lag_ends: Vec::new(),
        };
        for (i, result) in services {
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
            let official = result.official.as_ref();
            let (lag, ended) =
                lag::step(self.lags[i].take(), &self.states[i], official, online, now);
            self.lags[i] = lag;
            if let Some(end) = ended {
                out.lag_ends.push((id.clone(), end));
            }
            if let Some(t) = transition {
                out.transitions.push((id.clone(), t));
            }
            out.records.push(ServiceRecord {
                service: id,
                verdict: self.states[i].verdict,
                weight_ms: weight.as_millis() as i64,
                observations: result.observations.clone(),
                official: result.official.clone(),
            });
            self.last[i] = Some(result);
        }
        out
    }

    /// Sends each transition, then the round with the new snapshot, which it returns.
    fn publish(&self, transitions: &[(String, Transition)]) -> Snapshot {
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
            official_lag: self
                .settings
                .services
                .iter()
                .position(|s| s.id == id)
                .and_then(|i| self.lags[i].clone()),
        }
    }

    fn reload(&mut self, settings: Settings) -> crate::Result<()> {
        let checker = (self.factory)(&settings)?;
        let now = self.clock.wall_ms();
        let old_lags: Vec<(String, Option<OfficialLag>)> = self
            .settings
            .services
            .iter()
            .map(|s| s.id.clone())
            .zip(self.lags.drain(..))
            .collect();
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
            let lag = old_lags.iter().find(|(id, _)| id == &spec.id);
            self.lags.push(lag.and_then(|(_, l)| l.clone()));
        }
        self.pending.clear();
        *self.latest.lock().unwrap_or_else(|p| p.into_inner()) = settings.clone();
        self.settings = settings;
        self.checker = checker;
        tracing::info!(services = self.settings.services.len(), "settings reloaded");
        Ok(())
    }

    async fn prune(&self) {
        let days = self.settings.retention_days;
        let now = self.clock.wall_ms();
        self.write(move |s| s.prune(now, days).map(|_| ())).await;
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
