//! Incidents: confirmed transitions open, escalate and close them; the incident list.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{codec, Incident, Store};
use crate::{Cause, Result, Transition, Verdict};

impl Store {
    /// Records a confirmed transition, and in the same transaction its effect on incidents:
    /// - to `down`/`degraded` ([`Verdict::is_trouble`]): opens an incident, or, if one is open
    ///   for the service, raises its worst verdict and appends the cause to its cause list;
    /// - to `up`: closes the open incident (`ended_ms = at_ms`);
    /// - to `maintenance`/`unknown`: an open incident stays open.
    pub fn record_transition(&mut self, service: &str, t: &Transition) -> Result<()> {
        let tx = self.write()?;
        let incident_id = apply_to_incident(&tx, service, t)?;
        tx.execute(
            "INSERT INTO transitions
                 (service, at_ms, from_verdict, to_verdict, cause, detail, previous_since_ms, incident_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                service,
                t.at_ms,
                t.from.as_str(),
                t.to.as_str(),
                t.cause.map(Cause::as_str),
                t.detail,
                t.previous_since_ms,
                incident_id,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Keeps how long the official source lagged on the service's open incident: `lag_ms`
    /// from our confirmation until the vendor admitted it (`acknowledged`), or until the
    /// lag ended without that. The longest lag of an incident is kept. No open incident, no
    /// change.
    pub fn record_official_lag(
        &mut self,
        service: &str,
        lag_ms: i64,
        acknowledged: bool,
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE incidents
                SET official_lag_ms = max(coalesce(official_lag_ms, 0), ?2),
                    official_acknowledged = max(coalesce(official_acknowledged, 0), ?3)
              WHERE service = ?1 AND ended_ms IS NULL",
            params![service, lag_ms.max(0), i64::from(acknowledged)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Incidents that overlap `[since_ms, now)`: started at or after `since_ms`, still open, or
    /// ended after `since_ms`. Newest first; all services, or only `service`.
    pub fn incidents(&self, service: Option<&str>, since_ms: i64) -> Result<Vec<Incident>> {
        let mut stmt = self.conn.prepare_cached(SELECT_INCIDENTS)?;
        let rows = stmt.query_map(params![service, since_ms], |row| {
            let causes: Option<String> = row.get(6)?;
            let causes = causes
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| codec::parse_name(6, "cause", c.to_string(), Cause::parse))
                .collect::<rusqlite::Result<Vec<Cause>>>()?;
            Ok(Incident {
                id: row.get(0)?,
                service: row.get(1)?,
                started_ms: row.get(2)?,
                ended_ms: row.get(3)?,
                worst: codec::name(row, 4, "verdict", Verdict::parse)?,
                cause: causes.first().copied(),
                causes,
                detail: row.get(5)?,
                official_lag_ms: row.get(7)?,
                official_acknowledged: row.get::<_, Option<i64>>(8)?.map(|a| a != 0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Updates the service's incidents for `t`; returns the incident the transition belongs to.
fn apply_to_incident(
    tx: &Transaction<'_>,
    service: &str,
    t: &Transition,
) -> rusqlite::Result<Option<i64>> {
    let open = tx
        .query_row(
            "SELECT id, worst FROM incidents WHERE service = ?1 AND ended_ms IS NULL",
            [service],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    codec::name(row, 1, "verdict", Verdict::parse)?,
                ))
            },
        )
        .optional()?;
    let id = match (open, t.to) {
        (Some((id, _)), Verdict::Up) => {
            tx.execute(
                "UPDATE incidents SET ended_ms = ?2 WHERE id = ?1",
                params![id, t.at_ms],
            )?;
            return Ok(Some(id));
        }
        (open, to) if !to.is_trouble() => return Ok(open.map(|(id, _)| id)),
        (Some((id, worst)), to) => {
            if to.severity() > worst.severity() {
                tx.execute(
                    "UPDATE incidents SET worst = ?2 WHERE id = ?1",
                    params![id, to.as_str()],
                )?;
            }
            id
        }
        (None, to) => {
            tx.execute(
                "INSERT INTO incidents (service, started_ms, worst, detail) VALUES (?1, ?2, ?3, ?4)",
                params![service, t.at_ms, to.as_str(), t.detail],
            )?;
            tx.last_insert_rowid()
        }
    };
    if let Some(cause) = t.cause {
        // UNIQUE (incident_id, cause) keeps the list distinct; the first appearance wins.
        tx.execute(
            "INSERT OR IGNORE INTO incident_causes (incident_id, seq, cause)
             SELECT ?1, coalesce(max(seq), 0) + 1, ?2 FROM incident_causes WHERE incident_id = ?1",
            params![id, cause.as_str()],
        )?;
    }
    Ok(Some(id))
}

const SELECT_INCIDENTS: &str = "
SELECT i.id, i.service, i.started_ms, i.ended_ms, i.worst, i.detail,
       (SELECT group_concat(c.cause, ',' ORDER BY c.seq)
          FROM incident_causes c WHERE c.incident_id = i.id),
       i.official_lag_ms, i.official_acknowledged
  FROM incidents i
 WHERE (?1 IS NULL OR i.service = ?1)
   AND (i.started_ms >= ?2 OR i.ended_ms IS NULL OR i.ended_ms > ?2)
 ORDER BY i.started_ms DESC, i.id DESC";

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    use Verdict::{Degraded, Down, Maintenance, Unknown, Up};

    fn only(store: &Store, service: &str) -> Incident {
        let mut list = store.incidents(Some(service), 0).unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        list.remove(0)
    }

    #[test]
    fn opens_escalates_and_closes() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .record_transition("wa", &transition(Up, Degraded, Some(Cause::Slow), 1_000))
            .unwrap();
        let opened = only(&store, "wa");
        assert_eq!(
            (opened.started_ms, opened.ended_ms, opened.worst),
            (1_000, None, Degraded)
        );
        assert_eq!(opened.detail, "saw slow");

        store
            .record_transition(
                "wa",
                &transition(Degraded, Down, Some(Cause::DnsServfail), 2_000),
            )
            .unwrap();
        let escalated = only(&store, "wa");
        assert_eq!(
            escalated.id, opened.id,
            "escalation continues the same incident"
        );
        assert_eq!(escalated.worst, Down);
        assert_eq!(escalated.cause, Some(Cause::Slow));
        assert_eq!(escalated.causes, vec![Cause::Slow, Cause::DnsServfail]);

        // Easing back to degraded keeps the worst; a cause already listed is not repeated.
        store
            .record_transition("wa", &transition(Down, Degraded, Some(Cause::Slow), 3_000))
            .unwrap();
        let eased = only(&store, "wa");
        assert_eq!(eased.worst, Down);
        assert_eq!(eased.causes, vec![Cause::Slow, Cause::DnsServfail]);

        store
            .record_transition("wa", &transition(Degraded, Up, None, 4_000))
            .unwrap();
        let closed = only(&store, "wa");
        assert_eq!(closed.ended_ms, Some(4_000));
        assert_eq!(closed.duration_ms(99_000), 3_000);

        // The next trouble opens a new incident.
        store
            .record_transition("wa", &transition(Up, Down, Some(Cause::TcpRefused), 5_000))
            .unwrap();
        let list = store.incidents(Some("wa"), 0).unwrap();
        assert_eq!(list.len(), 2);
        assert_ne!(list[0].id, closed.id);
        assert_eq!(list[0].ended_ms, None);
    }

    #[test]
    fn maintenance_and_unknown_keep_an_incident_open() {
        for between in [Maintenance, Unknown] {
            let mut store = Store::open_in_memory().unwrap();
            store
                .record_transition("wa", &transition(Up, Down, Some(Cause::HttpStatus), 1_000))
                .unwrap();
            store
                .record_transition("wa", &transition(Down, between, None, 2_000))
                .unwrap();
            assert_eq!(only(&store, "wa").ended_ms, None, "{between}");
            store
                .record_transition("wa", &transition(between, Up, None, 3_000))
                .unwrap();
            assert_eq!(only(&store, "wa").ended_ms, Some(3_000), "{between}");
        }
    }

    #[test]
    fn non_trouble_transitions_open_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        for (from, to) in [
            (Unknown, Up),
            (Up, Maintenance),
            (Maintenance, Unknown),
            (Unknown, Up),
        ] {
            store
                .record_transition("wa", &transition(from, to, None, 1_000))
                .unwrap();
        }
        assert!(store.incidents(None, 0).unwrap().is_empty());
        let transitions: i64 = store
            .conn
            .query_row("SELECT count(*) FROM transitions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(transitions, 4, "every transition is recorded");
    }

    #[test]
    fn transitions_are_linked_to_their_incident() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .record_transition("wa", &transition(Up, Down, Some(Cause::TcpTimeout), 1_000))
            .unwrap();
        store
            .record_transition("wa", &transition(Down, Up, None, 2_000))
            .unwrap();
        let id = only(&store, "wa").id;
        let linked: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM transitions WHERE incident_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(linked, 2);
    }

    #[test]
    fn incidents_filter_by_service_and_since() {
        let mut store = Store::open_in_memory().unwrap();
        // wa: closed long ago; ig: closed recently; fb: opened long ago and still open.
        for (service, start, end) in [
            ("wa", 1_000, Some(2_000)),
            ("ig", 3_000, Some(9_000)),
            ("fb", 500, None),
        ] {
            store
                .record_transition(
                    service,
                    &transition(Up, Down, Some(Cause::TcpRefused), start),
                )
                .unwrap();
            if let Some(end) = end {
                store
                    .record_transition(service, &transition(Down, Up, None, end))
                    .unwrap();
            }
        }
        let services = |service: Option<&str>, since: i64| -> Vec<String> {
            store
                .incidents(service, since)
                .unwrap()
                .into_iter()
                .map(|i| i.service)
                .collect()
        };
        let cases: [(Option<&str>, i64, &[&str]); 6] = [
            (None, 0, &["ig", "wa", "fb"]), // newest first
            (None, 5_000, &["ig", "fb"]),   // ended after since, or still open
            (None, 9_000, &["fb"]),         // ended exactly at since: no overlap
            (None, 2_500, &["ig", "fb"]),   // started after since
            (Some("wa"), 0, &["wa"]),
            (Some("wa"), 5_000, &[]),
        ];
        for (service, since, want) in cases {
            assert_eq!(
                services(service, since),
                want,
                "service {service:?} since {since}"
            );
        }
    }
}
