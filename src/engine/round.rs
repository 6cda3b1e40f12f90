//! One round: the controls and a set of services, probed concurrently.

use std::sync::Arc;

use futures_util::stream::{self, StreamExt};

use super::checker::{Checker, ServiceRound};
use crate::config::Settings;
use crate::connectivity::{self, Connectivity};
use crate::observation::Observation;

/// How many services are probed at once. Each service may open a few sockets; this keeps a
/// large configuration well under the usual 1024 open-files limit.
pub const MAX_CONCURRENT_SERVICES: usize = 100;

/// What a round saw.
pub struct RoundOutcome {
    /// Control observations.
    pub controls: Vec<Observation>,
    /// Connectivity judged from them.
    pub connectivity: Connectivity,
    /// Indices of controls set aside as misbehaving (see [`connectivity::assess`]).
    pub misbehaving: Vec<usize>,
    /// (index into `settings.services`, what was seen), in index order.
    pub services: Vec<(usize, ServiceRound)>,
}

/// Probes the controls and the services at `indices`, all concurrently.
pub async fn run(
    checker: &Arc<dyn Checker>,
    settings: &Settings,
    indices: &[usize],
) -> RoundOutcome {
    let controls = checker.check_controls(&settings.connectivity);
    let services = stream::iter(indices.iter().copied())
        .map(|i| {
            let fut = checker.check_service(&settings.services[i]);
            async move { (i, fut.await) }
        })
        .buffer_unordered(MAX_CONCURRENT_SERVICES)
        .collect::<Vec<_>>();
    let (controls, mut services) = tokio::join!(controls, services);
    services.sort_by_key(|(i, _)| *i);
    let judged = connectivity::assess(&controls);
    RoundOutcome {
        controls,
        connectivity: judged.connectivity,
        misbehaving: judged.misbehaving,
        services,
    }
}
