//! The seam between the engine and the network: [`Checker`].
//!
//! The engine asks a checker to probe a service or the controls; [`NetChecker`] does it for
//! real, tests substitute a scripted checker and run under paused tokio time.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::future::join_all;

use crate::check::Prober;
use crate::config::{ProbeSpec, ServiceSpec, Settings};
use crate::observation::{Observation, OfficialReading};

/// A boxed future that owns what it needs.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Everything one round learned about one service.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceRound {
    /// One observation per configured probe, in order.
    pub observations: Vec<Observation>,
    /// The official source's reading, when the service has one.
    pub official: Option<OfficialReading>,
}

/// Probes services and control targets.
pub trait Checker: Send + Sync {
    /// Runs every probe of a service and reads its status source, concurrently.
    fn check_service(&self, spec: &ServiceSpec) -> BoxFuture<ServiceRound>;
    /// Runs the connectivity control probes, concurrently.
    fn check_controls(&self, controls: &[ProbeSpec]) -> BoxFuture<Vec<Observation>>;
}

/// Builds a checker for a given set of settings (called again when settings are reloaded).
pub type CheckerFactory = Arc<dyn Fn(&Settings) -> crate::Result<Arc<dyn Checker>> + Send + Sync>;

/// The real network checker.
pub struct NetChecker {
    prober: Prober,
}

impl NetChecker {
    /// Builds the resolver, TLS config and HTTP client once.
    pub fn new(settings: &Settings) -> crate::Result<NetChecker> {
        Ok(NetChecker {
            prober: Prober::new(settings)?,
        })
    }

    /// A factory for [`crate::engine::spawn`] that builds real checkers.
    pub fn factory() -> CheckerFactory {
        Arc::new(|settings: &Settings| Ok(Arc::new(NetChecker::new(settings)?) as Arc<dyn Checker>))
    }
}

impl Checker for NetChecker {
    fn check_service(&self, spec: &ServiceSpec) -> BoxFuture<ServiceRound> {
        let prober = self.prober.clone();
        let spec = spec.clone();
        Box::pin(async move {
            let probes = join_all(spec.probes.iter().map(|p| prober.probe(p)));
            let official = async {
                match &spec.status {
                    Some(status) => Some(
                        crate::status::read(prober.http_client(), status, prober.timeout()).await,
                    ),
                    None => None,
                }
            };
            let (observations, official) = tokio::join!(probes, official);
            ServiceRound {
                observations,
                official,
            }
        })
    }

    fn check_controls(&self, controls: &[ProbeSpec]) -> BoxFuture<Vec<Observation>> {
        let prober = self.prober.clone();
        let controls = controls.to_vec();
        Box::pin(async move { join_all(controls.iter().map(|p| prober.probe(p))).await })
    }
}
