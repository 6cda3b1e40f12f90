//! Builders shared by the store's tests.

use rusqlite::params;

use super::{codec, RoundRecord, ServiceRecord};
use crate::{Cause, Connectivity, ProbeKind, Result, Transition, Verdict};

/// One hour in milliseconds.
pub(crate) const HOUR: i64 = 3_600_000;

/// One service's sample in a test round: `(service, verdict, weight_ms)`.
pub(crate) type Sample<'a> = (&'a str, Verdict, i64);

/// A round with one sample per `(service, verdict, weight_ms)` and no observations.
pub(crate) fn round(
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
pub(crate) fn transition(
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
pub(crate) fn query_plan(
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
pub(crate) fn scans_a_table(plan: &[String]) -> bool {
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

/// One stored probe observation, as the tests read it back.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredObservation {
    /// When the round ran (unix milliseconds).
    pub at_ms: i64,
    /// Which layer was probed.
    pub kind: ProbeKind,
    /// What was probed.
    pub target: String,
    /// Whether the probe succeeded.
    pub ok: bool,
    /// Why it failed; `None` when `ok`.
    pub cause: Option<Cause>,
    /// Wall time the probe took, in milliseconds.
    pub latency_ms: u64,
    /// The observation's specifics.
    pub detail: String,
}

impl super::Store {
    /// The raw probe observations of `service` at or after `since_ms`, oldest first: what the
    /// tests read back to see what was written and what a prune kept.
    pub(crate) fn observations(
        &self,
        service: &str,
        since_ms: i64,
    ) -> Result<Vec<StoredObservation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at_ms, kind, target, ok, cause, latency_ms, detail
               FROM observations
              WHERE service = ?1 AND at_ms >= ?2
              ORDER BY at_ms, id",
        )?;
        let rows = stmt.query_map(params![service, since_ms], |row| {
            Ok(StoredObservation {
                at_ms: row.get(0)?,
                kind: codec::name(row, 1, "probe kind", ProbeKind::parse)?,
                target: row.get(2)?,
                ok: row.get(3)?,
                cause: codec::opt_name(row, 4, "cause", Cause::parse)?,
                latency_ms: codec::to_u64(row.get(5)?),
                detail: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
