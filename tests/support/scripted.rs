//! A scripted [`Checker`] for engine tests under paused tokio time: no sockets, answers set
//! by the test while the engine runs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use outage_radar::config::{ProbeSpec, ServiceSpec, Settings};
use outage_radar::engine::{BoxFuture, Checker, CheckerFactory, ServiceRound};
use outage_radar::{Cause, Observation, ProbeKind};

/// What the network looks like right now, shared between the test and the checker.
#[derive(Default)]
pub struct World {
    /// Services that fail (by id), with the cause they fail with.
    pub failing: HashMap<String, Cause>,
    /// When true, every control probe fails: the user is offline.
    pub offline: bool,
    /// How many times each service was checked.
    pub checks: HashMap<String, usize>,
    /// How long each service check takes (a hanging service, a slow network).
    pub delay: std::time::Duration,
    /// How many of the coming service checks panic (a bug in the engine's path).
    pub panics: usize,
}

#[derive(Clone, Default)]
pub struct Scripted(pub Arc<Mutex<World>>);

impl Scripted {
    pub fn fail(&self, id: &str, cause: Cause) {
        self.0.lock().unwrap().failing.insert(id.to_string(), cause);
    }
    pub fn heal(&self, id: &str) {
        self.0.lock().unwrap().failing.remove(id);
    }
    pub fn set_offline(&self, offline: bool) {
        self.0.lock().unwrap().offline = offline;
    }
    pub fn set_delay(&self, delay: std::time::Duration) {
        self.0.lock().unwrap().delay = delay;
    }
    pub fn panic_next(&self, checks: usize) {
        self.0.lock().unwrap().panics = checks;
    }
    pub fn checks(&self, id: &str) -> usize {
        self.0.lock().unwrap().checks.get(id).copied().unwrap_or(0)
    }
    pub fn factory(&self) -> CheckerFactory {
        let me = self.clone();
        Arc::new(move |_: &Settings| Ok(Arc::new(me.clone()) as Arc<dyn Checker>))
    }
}

impl Checker for Scripted {
    fn check_service(&self, spec: &ServiceSpec) -> BoxFuture<ServiceRound> {
        let mut world = self.0.lock().unwrap();
        *world.checks.entry(spec.id.clone()).or_default() += 1;
        let cause = world.failing.get(&spec.id).copied();
        let delay = world.delay;
        let panic = world.panics > 0;
        world.panics = world.panics.saturating_sub(1);
        let observations = spec
            .probes
            .iter()
            .map(|p| match cause {
                Some(c) => Observation::failed(p.kind(), p.target(), c, 3, "scripted failure"),
                None => Observation::ok(p.kind(), p.target(), 3, "scripted"),
            })
            .collect();
        Box::pin(async move {
            tokio::time::sleep(delay).await;
            assert!(!panic, "scripted panic");
            ServiceRound {
                observations,
                official: None,
            }
        })
    }

    fn check_controls(&self, controls: &[ProbeSpec]) -> BoxFuture<Vec<Observation>> {
        let offline = self.0.lock().unwrap().offline;
        let out = controls
            .iter()
            .map(|p| {
                if offline {
                    Observation::failed(
                        p.kind(),
                        p.target(),
                        Cause::TcpUnreachable,
                        1,
                        "scripted offline",
                    )
                } else {
                    Observation::ok(ProbeKind::Tcp, p.target(), 1, "scripted")
                }
            })
            .collect();
        Box::pin(async move { out })
    }
}
