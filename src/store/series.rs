//! A service's stored probe observations, as a latency/ok series for charts.

use rusqlite::params;

use super::{codec, Store, StoredObservation};
use crate::{Cause, ProbeKind, Result};

impl Store {
    /// The raw probe observations of `service` at or after `since_ms`, oldest first. Older
    /// observations than the retention exist only as hourly roll-ups and are not returned.
    pub fn observations(&self, service: &str, since_ms: i64) -> Result<Vec<StoredObservation>> {
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

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{Connectivity, Observation, Verdict};

    #[test]
    fn returns_what_was_recorded_for_the_service_since_a_time() {
        let mut store = Store::open_in_memory().unwrap();
        let probes = [
            Observation::ok(ProbeKind::Http, "https://web.whatsapp.com/", 120, "200 OK"),
            Observation::failed(
                ProbeKind::Dns,
                "g.whatsapp.net",
                Cause::DnsServfail,
                30,
                "SERVFAIL",
            ),
        ];
        for (at, observation) in [(1_000, &probes[0]), (2_000, &probes[1])] {
            let mut r = round(
                at,
                Connectivity::Online,
                &[("wa", Verdict::Up, 1_000), ("ig", Verdict::Up, 1_000)],
            );
            r.services[0].observations = vec![observation.clone()];
            r.services[1].observations = vec![Observation::ok(
                ProbeKind::Tcp,
                "i.instagram.com:443",
                5,
                "",
            )];
            store.record_round(&r).unwrap();
        }

        let got = store.observations("wa", 0).unwrap();
        let as_recorded: Vec<(i64, Observation)> = got
            .iter()
            .map(|p| {
                let o = Observation {
                    kind: p.kind,
                    target: p.target.clone(),
                    ok: p.ok,
                    cause: p.cause,
                    latency_ms: p.latency_ms,
                    detail: p.detail.clone(),
                    cert_days_left: None,
                };
                (p.at_ms, o)
            })
            .collect();
        assert_eq!(
            as_recorded,
            vec![(1_000, probes[0].clone()), (2_000, probes[1].clone())]
        );

        let since = store.observations("wa", 1_500).unwrap();
        assert_eq!(since.len(), 1);
        assert_eq!(since[0].cause, Some(Cause::DnsServfail));
        assert!(store.observations("fb", 0).unwrap().is_empty());
    }

    #[test]
    fn the_series_query_uses_the_service_time_index() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare("EXPLAIN QUERY PLAN SELECT at_ms FROM observations WHERE service = 'wa' AND at_ms >= 0")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("observations_service_at")),
            "{plan:?}"
        );
    }
}
