//! One round for `outage-radar check`, apart from the scheduler: every service, then a quick
//! re-check of those that did not look up. No confirmation rounds, no history.

use std::sync::Arc;

use super::checker::{Checker, ServiceRound};
use super::runner::now_ms;
use super::status::service_status;
use super::{lag, round};
use crate::config::Settings;
use crate::connectivity::Connectivity;
use crate::event::{misbehaving_controls, rfc3339, ProbeStatus, Snapshot};
use crate::verdict::{VerdictState, View};

/// One round for `outage-radar check`: every service, then a quick re-check of those that
/// did not look up, so a single blip is not reported. No confirmation rounds, no history.
pub async fn check_once(settings: &Settings, checker: Arc<dyn Checker>) -> Snapshot {
    let all: Vec<usize> = (0..settings.services.len()).collect();
    let first = round::run(&checker, settings, &all).await;
    let mut connectivity = first.connectivity;
    let mut controls = first.controls;
    let mut misbehaving = first.misbehaving;
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
        misbehaving = second.misbehaving;
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
            let online = connectivity == Connectivity::Online;
            let (lag, _) = lag::step(None, &state, r.official.as_ref(), online, now);
            service_status(spec, &state, Some(r), lag.as_ref(), connectivity)
        })
        .collect();
    let shown: Vec<ProbeStatus> = controls.iter().map(ProbeStatus::from).collect();
    Snapshot {
        checked_at: rfc3339(now),
        connectivity,
        overall: Snapshot::overall_of(connectivity, &services),
        affected: crate::summary::affected(&services),
        connection_note: crate::summary::connection_note(connectivity, &shown, &services),
        services,
        controls: shown,
        misbehaving_controls: misbehaving_controls(&controls, &misbehaving),
        stopped: None,
    }
}
