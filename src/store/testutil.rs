//! Builders shared by the store's tests.

use super::{RoundRecord, ServiceRecord};
use crate::{Cause, Connectivity, Transition, Verdict};

/// One hour in milliseconds.
pub(super) const HOUR: i64 = 3_600_000;

/// One service's sample in a test round: `(service, verdict, weight_ms)`.
pub(super) type Sample<'a> = (&'a str, Verdict, i64);

/// A round with one sample per `(service, verdict, weight_ms)` and no observations.
pub(super) fn round(
    at_ms: i64,
    connectivity: Connectivity,
    services: &[Sample<'_>],
) -> RoundRecord {
    RoundRecord {
        at_ms,
        connectivity,
        services: services
            .iter()
            .map(|&(service, verdict, weight_ms)| ServiceRecord {
                service: service.to_string(),
                verdict,
                weight_ms,
                observations: vec![],
                official: None,
            })
            .collect(),
    }
}

/// A transition with a detail naming its cause.
pub(super) fn transition(
    from: Verdict,
    to: Verdict,
    cause: Option<Cause>,
    at_ms: i64,
) -> Transition {
    Transition {
        from,
        to,
        cause,
        detail: cause.map(|c| format!("saw {c}")).unwrap_or_default(),
        at_ms,
        previous_since_ms: 0,
        trouble_since_ms: None,
    }
}
