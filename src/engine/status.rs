//! Turning what the engine knows into [`ServiceStatus`] rows.

use super::checker::ServiceRound;
use crate::cause::Cause;
use crate::config::ServiceSpec;
use crate::connectivity::Connectivity;
use crate::event::{rfc3339, OfficialLag, OfficialStatus, ProbeStatus, ServiceStatus};
use crate::verdict::{Verdict, VerdictState};

/// One service's row: its confirmed state, or `unknown` while the user is not online
/// (nothing is called down when it may be *me*).
pub(crate) fn service_status(
    spec: &ServiceSpec,
    state: &VerdictState,
    last: Option<&ServiceRound>,
    lag: Option<&OfficialLag>,
    connectivity: Connectivity,
) -> ServiceStatus {
    let online = connectivity == Connectivity::Online;
    let (verdict, cause, detail) = if online {
        (state.verdict, state.cause, state.detail.clone())
    } else {
        (
            Verdict::Unknown,
            None,
            crate::words::not_judged(connectivity).to_string(),
        )
    };
    let cause_text = match cause {
        // The page's own words are on the official line; here, who says so and what our
        // checks see, so the two lines do not both begin "Official status".
        Some(Cause::Official) => crate::words::reported_by_status_page(
            verdict,
            last.and_then(|l| checks_pass(&l.observations)),
        ),
        Some(c) => c.describe(&detail),
        None => String::new(),
    };
    let probes: Vec<ProbeStatus> = last
        .map(|l| l.observations.iter().map(ProbeStatus::from).collect())
        .unwrap_or_default();
    ServiceStatus {
        id: spec.id.clone(),
        name: spec.name.clone(),
        state: verdict,
        since: rfc3339(state.since_ms),
        since_ms: state.since_ms,
        cause,
        cause_text,
        detail,
        latency_ms: last.and_then(|l| crate::layers::shown_latency(&l.observations)),
        official: last
            .and_then(|l| l.official.as_ref())
            .map(OfficialStatus::from),
        // Nothing is called down while not online, so nothing lags either.
        official_lag: lag.filter(|_| online).cloned(),
        probes,
        probe_count: spec.probes.len(),
    }
}

/// Whether every probe that counts worked this round; None for a service without probes
/// (judged from its status page alone).
fn checks_pass(observations: &[crate::observation::Observation]) -> Option<bool> {
    if observations.is_empty() {
        return None;
    }
    Some(crate::layers::counted(observations).iter().all(|o| o.ok))
}
