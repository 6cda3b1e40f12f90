//! Turning what the engine knows into [`ServiceStatus`] rows.

use super::checker::ServiceRound;
use crate::config::ServiceSpec;
use crate::connectivity::Connectivity;
use crate::event::{rfc3339, OfficialStatus, ProbeStatus, ServiceStatus};
use crate::verdict::{Verdict, VerdictState};

/// One service's row: its confirmed state, or `unknown` while the user is not online
/// (nothing is called down when it may be *me*).
pub(crate) fn service_status(
    spec: &ServiceSpec,
    state: &VerdictState,
    last: Option<&ServiceRound>,
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
    let cause_text = cause.map(|c| c.describe(&detail)).unwrap_or_default();
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
        probes,
    }
}
