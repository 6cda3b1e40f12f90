//! Time per state over a window, from raw verdict samples plus hourly roll-ups.
//!
//! A sample counts, with its whole weight, in the window that holds its start (`at_ms`); a
//! roll-up hour counts in the window that holds its `hour_start_ms`. Since a roll-up holds
//! exactly the samples that started in its hour and those samples are deleted when it is
//! written, every sample is counted once, raw or rolled up. Windows whose start is on an hour
//! boundary give the same answer before and after a prune; others may differ by the rolled-up
//! part of their first hour.

use rusqlite::params;

use super::{Store, Uptime};
use crate::Result;

impl Store {
    /// Uptime per service over `[since_ms, now_ms]` (both inclusive), from verdict samples plus
    /// hourly roll-ups; all services (sorted by id) or only `service`. Services without data in
    /// the window are absent.
    pub fn uptime(&self, service: Option<&str>, since_ms: i64, now_ms: i64) -> Result<Vec<Uptime>> {
        let mut stmt = self.conn.prepare_cached(SELECT_UPTIME)?;
        let rows = stmt.query_map(params![since_ms, now_ms, service], |row| {
            Ok(Uptime {
                service: row.get(0)?,
                up_ms: row.get(1)?,
                degraded_ms: row.get(2)?,
                down_ms: row.get(3)?,
                maintenance_ms: row.get(4)?,
                unknown_ms: row.get(5)?,
                offline_ms: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

const SELECT_UPTIME: &str = "
SELECT service, sum(up_ms), sum(degraded_ms), sum(down_ms), sum(maintenance_ms), sum(unknown_ms), sum(offline_ms)
  FROM (SELECT service, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
          FROM sample_states
         WHERE at_ms BETWEEN ?1 AND ?2 AND (?3 IS NULL OR service = ?3)
        UNION ALL
        SELECT service, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
          FROM hourly_rollups
         WHERE hour_start_ms BETWEEN ?1 AND ?2 AND (?3 IS NULL OR service = ?3))
 GROUP BY service
 ORDER BY service";

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{Connectivity, Verdict};

    use Connectivity::{CaptivePortal, DnsBroken, Offline, Online};
    use Verdict::{Degraded, Down, Maintenance, Unknown, Up};

    type Round<'a> = (i64, Connectivity, &'a [Sample<'a>]);
    /// `(service, up_ms, down_ms)`.
    type UpDown<'a> = (&'a str, i64, i64);

    fn store_with(rounds: &[Round<'_>]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for &(at, connectivity, services) in rounds {
            store
                .record_round(&round(at, connectivity, services))
                .unwrap();
        }
        store
    }

    #[test]
    fn sums_each_state_and_sets_offline_time_apart() {
        let store = store_with(&[
            (0, Online, &[("wa", Up, 10), ("ig", Up, 10)]),
            (10, Online, &[("wa", Degraded, 20), ("ig", Unknown, 10)]),
            (30, Online, &[("wa", Down, 30)]),
            (60, Online, &[("wa", Maintenance, 40)]),
            (100, Online, &[("wa", Unknown, 50)]),
            // While the user's own network is broken no verdict counts, not even down.
            (150, Offline, &[("wa", Down, 1)]),
            (151, DnsBroken, &[("wa", Up, 2)]),
            (153, CaptivePortal, &[("wa", Unknown, 4)]),
        ]);
        let got = store.uptime(None, 0, 1_000).unwrap();
        let want = vec![
            Uptime {
                service: "ig".into(),
                up_ms: 10,
                degraded_ms: 0,
                down_ms: 0,
                maintenance_ms: 0,
                unknown_ms: 10,
                offline_ms: 0,
            },
            Uptime {
                service: "wa".into(),
                up_ms: 10,
                degraded_ms: 20,
                down_ms: 30,
                maintenance_ms: 40,
                unknown_ms: 50,
                offline_ms: 7,
            },
        ];
        assert_eq!(got, want);
        // Offline and unknown time is not judged: (100 - 30) / 100.
        assert_eq!(got[1].judged_ms(), 100);
        assert_eq!(got[1].percent(), Some(70.0));
    }

    #[test]
    fn window_and_service_filters() {
        let store = store_with(&[
            (1_000, Online, &[("wa", Down, 100), ("ig", Up, 100)]),
            (2_000, Online, &[("wa", Up, 100), ("ig", Up, 100)]),
            (3_000, Online, &[("wa", Up, 100)]),
        ]);
        let cases: [(Option<&str>, i64, i64, &[UpDown]); 5] = [
            // (service, since, now, [(service, up, down)])
            (None, 0, 5_000, &[("ig", 200, 0), ("wa", 200, 100)]),
            (None, 1_001, 5_000, &[("ig", 100, 0), ("wa", 200, 0)]),
            (None, 1_000, 2_000, &[("ig", 200, 0), ("wa", 100, 100)]), // both ends inclusive
            (Some("wa"), 0, 5_000, &[("wa", 200, 100)]),
            (Some("fb"), 0, 5_000, &[]),
        ];
        for (service, since, now, want) in cases {
            let got: Vec<(String, i64, i64)> = store
                .uptime(service, since, now)
                .unwrap()
                .into_iter()
                .map(|u| (u.service, u.up_ms, u.down_ms))
                .collect();
            let want: Vec<(String, i64, i64)> = want
                .iter()
                .map(|&(s, u, d)| (s.to_string(), u, d))
                .collect();
            assert_eq!(got, want, "service {service:?} [{since}, {now}]");
        }
    }

    #[test]
    fn negative_weights_count_as_nothing() {
        let store = store_with(&[(0, Online, &[("wa", Down, -50)])]);
        assert_eq!(store.uptime(None, 0, 10).unwrap()[0].down_ms, 0);
    }

    #[test]
    fn adds_rolled_up_hours_in_the_window() {
        let store = store_with(&[(10 * HOUR, Online, &[("wa", Up, 1_000)])]);
        store
            .conn
            .execute_batch(&format!(
                "INSERT INTO hourly_rollups (service, hour_start_ms, up_ms, down_ms) VALUES
                 ('wa', {h2}, 500, 70), ('wa', {h5}, 9, 9);",
                h2 = 2 * HOUR,
                h5 = 5 * HOUR,
            ))
            .unwrap();
        let u = |since: i64| store.uptime(Some("wa"), since, 11 * HOUR).unwrap()[0].clone();
        assert_eq!((u(0).up_ms, u(0).down_ms), (1_509, 79));
        assert_eq!((u(3 * HOUR).up_ms, u(3 * HOUR).down_ms), (1_009, 9));
    }
}
