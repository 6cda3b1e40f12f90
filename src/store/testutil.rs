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

/// The `EXPLAIN QUERY PLAN` details of `sql`, with its parameters bound to `params`.
pub(super) fn query_plan(
    store: &super::Store,
    sql: &str,
    params: impl rusqlite::Params,
) -> Vec<String> {
    store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Whether a plan reads a whole table (or view) instead of searching an index.
pub(super) fn scans_a_table(plan: &[String]) -> bool {
    const TABLES: [&str; 4] = [
        "samples",
        "observations",
        "hourly_rollups",
        "official_readings",
    ];
    plan.iter().any(|p| {
        TABLES
            .iter()
            .any(|t| p == &format!("SCAN {t}") || p.starts_with(&format!("SCAN {t} ")))
    })
}
