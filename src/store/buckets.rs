//! Uptime bars: a service's time per state in consecutive equal slices of time.
//!
//! The same counting rule as `uptime`: a verdict sample counts, with its whole weight, in the
//! bucket that holds its start (`at_ms`); a roll-up hour counts in the bucket that holds its
//! `hour_start_ms`. Buckets whose start is on an hour boundary and whose size is a whole number
//! of hours therefore read the same before and after a prune.

use rusqlite::params;

use super::types::StateMs;
use super::{Bucket, Store};
use crate::Result;

/// The most buckets one call returns; a longer range is cut short at its end (one bar per
/// pixel of a very wide screen is still far below this).
pub const MAX_BUCKETS: usize = 10_000;

impl Store {
    /// `service`'s time per state in buckets of `bucket_ms` covering `[since_ms, until_ms)`:
    /// bucket `i` is `[since_ms + i * bucket_ms, since_ms + (i + 1) * bucket_ms)`, the last one
    /// possibly cut short by `until_ms`. Every bucket is present, oldest first, empty ones
    /// included (all zero, `worst` and `percent` `None`) so a chart can draw the gaps.
    ///
    /// Counts raw verdict samples and hourly roll-ups alike (see the module docs). Returns no
    /// buckets when `until_ms <= since_ms` or `bucket_ms <= 0`, and at most [`MAX_BUCKETS`].
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
        let mut rows = stmt.query(params![service, since_ms, until_ms, bucket_ms])?;
        while let Some(row) = rows.next()? {
            let index: i64 = row.get(0)?;
            let Some(slot) = usize::try_from(index).ok().and_then(|i| ms.get_mut(i)) else {
                continue; // unreachable: the WHERE clauses keep every row inside the range
            };
            *slot = StateMs {
                up_ms: row.get(1)?,
                degraded_ms: row.get(2)?,
                down_ms: row.get(3)?,
                maintenance_ms: row.get(4)?,
                unknown_ms: row.get(5)?,
                offline_ms: row.get(6)?,
            };
        }
        Ok(ms
            .into_iter()
            .enumerate()
            .map(|(i, ms)| Bucket::new(since_ms + i as i64 * bucket_ms, ms))
            .collect())
    }
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

/// `?1` = service, `?2` = since (inclusive), `?3` = until (exclusive), `?4` = bucket size.
/// Every row is at or after `?2`, so the integer division floors.
const SELECT_BUCKETS: &str = "
SELECT (t - ?2) / ?4 AS bucket,
       sum(up_ms), sum(degraded_ms), sum(down_ms), sum(maintenance_ms), sum(unknown_ms), sum(offline_ms)
  FROM (SELECT at_ms AS t, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
          FROM sample_states
         WHERE service = ?1 AND at_ms >= ?2 AND at_ms < ?3
        UNION ALL
        SELECT hour_start_ms, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms
          FROM hourly_rollups
         WHERE service = ?1 AND hour_start_ms >= ?2 AND hour_start_ms < ?3)
 GROUP BY bucket";

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
            b.up_ms,
            b.degraded_ms,
            b.down_ms,
            b.maintenance_ms,
            b.unknown_ms,
            b.offline_ms,
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
        assert_eq!(hours[1].offline_ms, HOUR);
    }

    #[test]
    fn the_bucket_query_uses_the_service_time_indexes() {
        let store = Store::open_in_memory().unwrap();
        let plan = query_plan(&store, SELECT_BUCKETS, params!["wa", 0, HOUR, HOUR]);
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
