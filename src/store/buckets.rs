//! Time per state from the verdict samples plus the hourly roll-ups: one union of both,
//! summed per service over a window ([`Store::uptime`]) or per slice of time for uptime bars
//! ([`Store::buckets`]).
//!
//! A sample counts, with its whole weight, where its start (`at_ms`) falls; a roll-up hour
//! where its `hour_start_ms` falls. Since a roll-up holds exactly the samples that started in
//! its hour and those samples are deleted when it is written, every sample is counted once,
//! raw or rolled up. Windows and buckets whose start is on an hour boundary and whose size is
//! a whole number of hours therefore read the same before and after a prune.

use rusqlite::{named_params, Row};

use super::types::StateMs;
use super::{Bucket, Store, Uptime};
use crate::Result;

/// The most buckets one call returns; a longer range is cut short at its end (one bar per
/// pixel of a very wide screen is still far below this).
pub const MAX_BUCKETS: usize = 10_000;

impl Store {
    /// Uptime per service over `[since_ms, now_ms]` (both inclusive); all services (sorted by
    /// id) or only `service`. Services without data in the window are absent.
    pub fn uptime(&self, service: Option<&str>, since_ms: i64, now_ms: i64) -> Result<Vec<Uptime>> {
        let mut stmt = self.conn.prepare_cached(SELECT_UPTIME)?;
        let until = now_ms.saturating_add(1);
        let params = named_params! {":service": service, ":since": since_ms, ":until": until};
        let rows = stmt.query_map(params, |row| {
            Ok(Uptime {
                service: row.get(0)?,
                time: state_ms(row)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// `service`'s time per state in buckets of `bucket_ms` covering `[since_ms, until_ms)`:
    /// bucket `i` is `[since_ms + i * bucket_ms, since_ms + (i + 1) * bucket_ms)`, the last one
    /// possibly cut short by `until_ms`. Every bucket is present, oldest first, empty ones
    /// included (all zero, `worst` and `percent` `None`) so a chart can draw the gaps.
    ///
    /// Returns no buckets when `until_ms <= since_ms` or `bucket_ms <= 0`, and at most
    /// [`MAX_BUCKETS`].
    pub fn buckets(
        &self,
        service: &str,
        since_ms: i64,
        until_ms: i64,
        bucket_ms: i64,
    ) -> Result<Vec<Bucket>> {
        let count = bucket_count(since_ms, until_ms, bucket_ms);
        if count == 0 {
            return Ok(Vec::new());
        }
        // The last bucket's end, possibly earlier than `until_ms` when the count was capped.
        let until_ms = i64::try_from(
            (i128::from(since_ms) + count as i128 * i128::from(bucket_ms))
                .min(i128::from(until_ms)),
        )
        .unwrap_or(until_ms);
        let mut ms = vec![StateMs::default(); count];
        let mut stmt = self.conn.prepare_cached(SELECT_BUCKETS)?;
        let params = named_params! {
            ":service": service, ":since": since_ms, ":until": until_ms, ":size": bucket_ms,
        };
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            let index: i64 = row.get(0)?;
            let Some(slot) = usize::try_from(index).ok().and_then(|i| ms.get_mut(i)) else {
                continue; // unreachable: the WHERE clauses keep every row inside the range
            };
            *slot = state_ms(row)?;
        }
        Ok(ms
            .into_iter()
            .enumerate()
            .map(|(i, ms)| Bucket::new(since_ms + i as i64 * bucket_ms, ms))
            .collect())
    }
}

/// Columns 1..=6 of a summed row.
fn state_ms(row: &Row<'_>) -> rusqlite::Result<StateMs> {
    Ok(StateMs {
        up_ms: row.get(1)?,
        degraded_ms: row.get(2)?,
        down_ms: row.get(3)?,
        maintenance_ms: row.get(4)?,
        unknown_ms: row.get(5)?,
        offline_ms: row.get(6)?,
    })
}

/// How many buckets of `bucket_ms` it takes to cover `[since_ms, until_ms)`, capped at
/// [`MAX_BUCKETS`]; 0 for an empty range or a bucket size below 1 ms.
fn bucket_count(since_ms: i64, until_ms: i64, bucket_ms: i64) -> usize {
    if bucket_ms <= 0 || until_ms <= since_ms {
        return 0;
    }
    let span = i128::from(until_ms) - i128::from(since_ms);
    let count = (span + i128::from(bucket_ms) - 1) / i128::from(bucket_ms);
    usize::try_from(count).map_or(MAX_BUCKETS, |c| c.min(MAX_BUCKETS))
}

/// Every sample and roll-up hour of the services that `$service` (a condition) picks whose
/// time `t` is in `[:since, :until)`, with its time per state as `sample_states` judged it.
macro_rules! state_rows {
    ($service:literal) => {
        concat!(
            "SELECT service, at_ms AS t, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
               FROM sample_states
              WHERE ", $service, " AND at_ms >= :since AND at_ms < :until
             UNION ALL
             SELECT service, hour_start_ms, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
               FROM hourly_rollups
              WHERE ", $service, " AND hour_start_ms >= :since AND hour_start_ms < :until"
        )
    };
}

/// Per service (or one, when `:service` is not NULL), sorted by id.
const SELECT_UPTIME: &str = concat!(
    "SELECT service, sum(up_ms), sum(degraded_ms), sum(down_ms), sum(maintenance_ms), sum(unknown_ms), sum(offline_ms)
       FROM (",
    state_rows!("(:service IS NULL OR service = :service)"),
    ") GROUP BY service ORDER BY service"
);

/// Per bucket of `:size` ms; every row is at or after `:since`, so the division floors.
const SELECT_BUCKETS: &str = concat!(
    "SELECT (t - :since) / :size AS bucket,
            sum(up_ms), sum(degraded_ms), sum(down_ms), sum(maintenance_ms), sum(unknown_ms), sum(offline_ms)
       FROM (",
    state_rows!("service = :service"),
    ") GROUP BY bucket"
);

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{Connectivity, Verdict};

    use Connectivity::{CaptivePortal, DnsBroken, Offline, Online};
    use Verdict::{Degraded, Down, Maintenance, Unknown, Up};

    const MIN: i64 = 60_000;

    /// A store with one `wa` sample per `(at_ms, connectivity, verdict, weight_ms)`, and an
    /// `ig` sample in every round so that other services' time visibly stays out.
    fn store_with(samples: &[(i64, Connectivity, Verdict, i64)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for &(at, connectivity, verdict, weight) in samples {
            store
                .record_round(&round(
                    at,
                    connectivity,
                    &[("wa", verdict, weight), ("ig", Down, weight)],
                ))
                .unwrap();
        }
        store
    }

    /// `(up, degraded, down, maintenance, unknown, offline)` of a bucket.
    fn ms(b: &Bucket) -> [i64; 6] {
        [
            b.time.up_ms,
            b.time.degraded_ms,
            b.time.down_ms,
            b.time.maintenance_ms,
            b.time.unknown_ms,
            b.time.offline_ms,
        ]
    }

    #[test]
    fn count_covers_the_range_and_ends_with_a_partial_bucket() {
        let cases = [
            // (since, until, bucket, count)
            (0, HOUR, HOUR, 1),
            (0, 24 * HOUR, HOUR, 24),
            (0, 24 * HOUR + 1, HOUR, 25), // a partial last bucket
            (HOUR / 2, 2 * HOUR, HOUR, 2),
            (-HOUR, HOUR, HOUR, 2),
            (0, 7 * 24 * HOUR, 24 * HOUR, 7),
            (5, 5, HOUR, 0),  // empty range
            (10, 5, HOUR, 0), // reversed range
            (0, HOUR, 0, 0),  // no bucket size
            (0, HOUR, -1, 0),
            (i64::MIN, i64::MAX, 1, MAX_BUCKETS), // capped, and no overflow
        ];
        for (since, until, bucket, count) in cases {
            assert_eq!(
                bucket_count(since, until, bucket),
                count,
                "[{since}, {until}) by {bucket}"
            );
        }
    }

    #[test]
    fn every_bucket_is_present_aligned_to_since_and_empty_ones_have_no_worst() {
        // Data in the first and third hour only; the range starts mid-hour.
        let since = 10 * HOUR + 30 * MIN;
        let store = store_with(&[
            (since, Online, Up, MIN),
            (since + 2 * HOUR + 5 * MIN, Online, Down, MIN),
        ]);
        let got = store.buckets("wa", since, since + 4 * HOUR, HOUR).unwrap();
        let starts: Vec<i64> = got.iter().map(|b| b.start_ms).collect();
        assert_eq!(starts, (0..4).map(|i| since + i * HOUR).collect::<Vec<_>>());
        let worst: Vec<Option<Verdict>> = got.iter().map(|b| b.worst).collect();
        assert_eq!(worst, [Some(Up), None, Some(Down), None]);
        let empty = &got[1];
        assert_eq!(ms(empty), [0; 6]);
        assert_eq!(empty.percent, None);
        assert_eq!(got[0].percent, Some(100.0));
        assert_eq!(got[2].percent, Some(0.0));

        // Nothing at all: still one empty bucket per hour.
        let none = store.buckets("fb", since, since + 4 * HOUR, HOUR).unwrap();
        assert_eq!(none.len(), 4);
        assert!(none.iter().all(|b| b.worst.is_none() && ms(b) == [0; 6]));
        assert!(store.buckets("wa", since, since, HOUR).unwrap().is_empty());
    }

    #[test]
    fn offline_time_is_offline_never_down() {
        let cases = [
            // (connectivity, verdict, [up, degraded, down, maintenance, unknown, offline], worst, percent)
            (Online, Down, [0, 0, 60, 0, 0, 0], Some(Down), Some(0.0)),
            (Offline, Down, [0, 0, 0, 0, 0, 60], None, None),
            (DnsBroken, Down, [0, 0, 0, 0, 0, 60], None, None),
            (CaptivePortal, Up, [0, 0, 0, 0, 0, 60], None, None),
            (Online, Unknown, [0, 0, 0, 0, 60, 0], None, None),
            (
                Online,
                Maintenance,
                [0, 0, 0, 60, 0, 0],
                Some(Maintenance),
                Some(100.0),
            ),
        ];
        for (connectivity, verdict, want_ms, worst, percent) in cases {
            let store = store_with(&[(HOUR, connectivity, verdict, 60)]);
            let got = store.buckets("wa", 0, 2 * HOUR, HOUR).unwrap();
            assert_eq!(ms(&got[0]), [0; 6], "{connectivity:?} {verdict:?}");
            let b = &got[1];
            assert_eq!(ms(b), want_ms, "{connectivity:?} {verdict:?}");
            assert_eq!(
                (b.worst, b.percent),
                (worst, percent),
                "{connectivity:?} {verdict:?}"
            );
        }
    }

    #[test]
    fn worst_is_the_worst_judged_state_and_percent_sets_offline_apart() {
        type Case<'a> = (&'a [(Connectivity, Verdict)], Option<Verdict>, Option<f64>);
        let cases: [Case; 8] = [
            (&[(Online, Up), (Online, Up)], Some(Up), Some(100.0)),
            (
                &[(Online, Up), (Online, Maintenance)],
                Some(Maintenance),
                Some(100.0),
            ),
            (
                &[(Online, Maintenance), (Online, Degraded)],
                Some(Degraded),
                Some(100.0),
            ),
            (
                &[(Online, Degraded), (Online, Down)],
                Some(Down),
                Some(50.0),
            ),
            (
                &[(Online, Down), (Online, Up), (Online, Up), (Online, Up)],
                Some(Down),
                Some(75.0),
            ),
            // Unknown ranks above degraded in Verdict::severity, but it is not judged here.
            (
                &[(Online, Unknown), (Online, Degraded)],
                Some(Degraded),
                Some(100.0),
            ),
            // Offline "down" time neither lowers the percentage nor colours the bar.
            (
                &[(Offline, Down), (Offline, Down), (Online, Up)],
                Some(Up),
                Some(100.0),
            ),
            (&[(Online, Unknown), (Offline, Down)], None, None),
        ];
        for (samples, worst, percent) in cases {
            let rows: Vec<_> = samples
                .iter()
                .enumerate()
                .map(|(i, &(c, v))| (i as i64 * MIN, c, v, MIN))
                .collect();
            let store = store_with(&rows);
            let b = &store.buckets("wa", 0, HOUR, HOUR).unwrap()[0];
            assert_eq!((b.worst, b.percent), (worst, percent), "{samples:?}");
        }
    }

    #[test]
    fn samples_count_in_the_bucket_holding_their_start_within_the_range() {
        let store = store_with(&[
            (-1, Online, Down, 10),                 // before the range
            (0, Online, Up, 10),                    // first instant: in
            (HOUR - 1, Online, Degraded, 10 * MIN), // its weight runs past the bucket: still here
            (HOUR, Online, Maintenance, 10),
            (2 * HOUR, Online, Down, 10), // `until` is exclusive
        ]);
        let got: Vec<[i64; 6]> = store
            .buckets("wa", 0, 2 * HOUR, HOUR)
            .unwrap()
            .iter()
            .map(ms)
            .collect();
        assert_eq!(got, [[10, 10 * MIN, 0, 0, 0, 0], [0, 0, 0, 10, 0, 0]]);
    }

    #[test]
    fn rolled_up_hours_fill_old_days_and_read_the_same_as_raw() {
        // Three days of a round every 10 minutes: down for the first hour of each day, offline
        // for the second, up otherwise.
        const DAY: i64 = 24 * HOUR;
        let step = 10 * MIN;
        let rows: Vec<_> = (0..3 * DAY / step)
            .map(|i| {
                let at = i * step;
                match (at % DAY) / HOUR {
                    0 => (at, Online, Down, step),
                    1 => (at, Offline, Down, step),
                    _ => (at, Online, Up, step),
                }
            })
            .collect();
        let mut store = store_with(&rows);
        let now = 3 * DAY;
        let read = |store: &Store| {
            (
                store.buckets("wa", 0, now, DAY).unwrap(),
                store.buckets("wa", 0, now, HOUR).unwrap(),
                store.buckets("wa", HOUR, now, 6 * HOUR).unwrap(),
            )
        };
        let raw = read(&store);
        store.prune(now, 1).unwrap(); // the first two days exist only as roll-ups now
        let rolled = read(&store);
        assert_eq!(rolled, raw);

        let days = &rolled.0;
        assert_eq!(days.len(), 3);
        for day in days {
            assert_eq!(ms(day), [22 * HOUR, 0, HOUR, 0, 0, HOUR]);
            assert_eq!(day.worst, Some(Down));
            assert_eq!(day.percent, Some(22.0 / 23.0 * 100.0));
        }
        let hours = &rolled.1;
        assert_eq!(hours.len(), 72);
        assert_eq!(
            hours[..3].iter().map(|h| h.worst).collect::<Vec<_>>(),
            [Some(Down), None, Some(Up)]
        );
        assert_eq!(hours[1].time.offline_ms, HOUR);
    }

    #[test]
    fn the_uptime_query_searches_the_time_indexes() {
        let store = Store::open_in_memory().unwrap();
        let params = rusqlite::named_params! {":service": "wa", ":since": 0, ":until": HOUR};
        let plan = query_plan(&store, SELECT_UPTIME, params);
        assert!(!scans_a_table(&plan), "{plan:#?}");
        assert!(
            plan.iter()
                .any(|p| p.starts_with("SEARCH samples USING INDEX")),
            "{plan:#?}"
        );
    }

    #[test]
    fn the_bucket_query_uses_the_service_time_indexes() {
        let store = Store::open_in_memory().unwrap();
        let plan = query_plan(
            &store,
            SELECT_BUCKETS,
            rusqlite::params!["wa", 0, HOUR, HOUR],
        );
        // Both ends of the range bound the index search, for samples and roll-ups alike.
        let searches = [
            "SEARCH samples USING INDEX samples_service_at (service=? AND at_ms>? AND at_ms<?)",
            "SEARCH hourly_rollups USING PRIMARY KEY (service=? AND hour_start_ms>? AND hour_start_ms<?)",
        ];
        for search in searches {
            assert!(plan.iter().any(|p| p == search), "{search} in {plan:#?}");
        }
        assert!(!scans_a_table(&plan), "{plan:?}");
    }
}

#[cfg(test)]
mod uptime_tests {
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
                time: StateMs {
                    up_ms: 10,
                    degraded_ms: 0,
                    down_ms: 0,
                    maintenance_ms: 0,
                    unknown_ms: 10,
                    offline_ms: 0,
                },
            },
            Uptime {
                service: "wa".into(),
                time: StateMs {
                    up_ms: 10,
                    degraded_ms: 20,
                    down_ms: 30,
                    maintenance_ms: 40,
                    unknown_ms: 50,
                    offline_ms: 7,
                },
            },
        ];
        assert_eq!(got, want);
        // Offline and unknown time is not judged: (100 - 30) / 100.
        assert_eq!(got[1].time.judged_ms(), 100);
        assert_eq!(got[1].time.percent(), Some(70.0));
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
                .map(|u| (u.service, u.time.up_ms, u.time.down_ms))
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
        assert_eq!(store.uptime(None, 0, 10).unwrap()[0].time.down_ms, 0);
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
        assert_eq!((u(0).time.up_ms, u(0).time.down_ms), (1_509, 79));
        assert_eq!(
            (u(3 * HOUR).time.up_ms, u(3 * HOUR).time.down_ms),
            (1_009, 9)
        );
    }
}
