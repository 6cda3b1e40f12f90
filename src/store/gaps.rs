//! Time the app was not running: the holes between the spans its samples cover.
//!
//! A sample covers `[at_ms, at_ms + weight_ms)`, its weight being the time until the round
//! it expected next. The next round comes a little later than that (the round itself takes
//! time), so the weights leave slivers between samples that are no gap at all. A hole counts
//! as time not running only when it is longer than [`GAP_CHECKS`] check intervals (the
//! weight of the sample before it) plus [`GAP_SLACK_MS`]; then the whole hole counts. A
//! rolled-up hour keeps no sample times: with any sample in it, it counts as covered.

use rusqlite::named_params;

use super::{Store, HOUR_MS};
use crate::Result;

/// How many check intervals a hole must exceed (with [`GAP_SLACK_MS`]) to be a gap.
pub const GAP_CHECKS: i64 = 2;

/// Slack on top of [`GAP_CHECKS`] intervals: a slow round (timeouts) is not a gap.
pub const GAP_SLACK_MS: i64 = 30_000;

/// How far before a span to look for the sample covering its start.
const LOOKBACK_MS: i64 = 6 * HOUR_MS;

impl Store {
    /// The spans `[from, to)` of `[since_ms, min(until_ms, now_ms))` in which the app was
    /// not running for `service`, oldest first.
    pub fn not_running(
        &self,
        service: &str,
        since_ms: i64,
        until_ms: i64,
        now_ms: i64,
    ) -> Result<Vec<(i64, i64)>> {
        let end = until_ms.min(now_ms);
        if end <= since_ms {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(SELECT_COVERED)?;
        let params = named_params! {
            ":service": service, ":since": since_ms - LOOKBACK_MS, ":until": end, ":hour": HOUR_MS,
        };
        let covered = stmt
            .query_map(params, |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(i64, i64)>>>()?;
        Ok(holes(&covered, since_ms, end))
    }
}

/// The holes in `[since, end)` left by `covered` (`(start, weight)` sorted by start) that
/// are gaps, see the module docs.
fn holes(covered: &[(i64, i64)], since: i64, end: i64) -> Vec<(i64, i64)> {
    let tolerance = |weight: i64| GAP_CHECKS * weight.max(0) + GAP_SLACK_MS;
    let mut out = Vec::new();
    let mut hole = |from: i64, to: i64, weight: i64| {
        let (from, to) = (from.max(since), to.min(end));
        if to - from > tolerance(weight) {
            out.push((from, to));
        }
    };
    // Before the first sample, judge the hole by the first sample's interval.
    let mut cursor = covered.first().map_or(end, |&(start, _)| start);
    let mut weight = covered.first().map_or(0, |&(_, w)| w);
    hole(since, cursor, weight);
    for &(start, w) in covered {
        if start > cursor {
            hole(cursor, start, weight);
        }
        cursor = cursor.max(start + w.max(0));
        weight = w;
    }
    hole(cursor, end, weight);
    out
}

/// The total overlap of `spans` with `[from, to)`.
pub fn overlap(spans: &[(i64, i64)], from: i64, to: i64) -> i64 {
    spans
        .iter()
        .map(|&(a, b)| (b.min(to) - a.max(from)).max(0))
        .sum()
}

/// `(start, weight)` of every sample, and of every rolled-up hour (a whole hour), of
/// `:service` starting in `[:since, :until)`, by start.
const SELECT_COVERED: &str = "
    SELECT at_ms, weight_ms FROM samples
     WHERE service = :service AND at_ms >= :since AND at_ms < :until
    UNION ALL
    SELECT hour_start_ms, :hour FROM hourly_rollups
     WHERE service = :service AND hour_start_ms >= :since AND hour_start_ms < :until
       AND samples > 0
    ORDER BY 1";

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{Connectivity, Verdict};

    const MIN: i64 = 60_000;

    /// `(covered, since, end, holes)`.
    type Case<'a> = (&'a [(i64, i64)], i64, i64, &'a [(i64, i64)]);

    #[test]
    fn slivers_between_rounds_are_no_gap_but_a_quit_app_is() {
        let cases: [Case; 6] = [
            // (covered, since, end, holes)
            (&[], 0, HOUR, &[(0, HOUR)]),
            // A round every 61 s with a 60 s weight: no gap.
            (&[(0, MIN), (61_000, MIN), (122_000, MIN)], 0, 182_000, &[]),
            // The app quit for 10 min.
            (
                &[(0, MIN), (11 * MIN, MIN)],
                0,
                12 * MIN,
                &[(MIN, 11 * MIN)],
            ),
            // ... and has not run since: up to the end.
            (&[(0, MIN)], 0, 30 * MIN, &[(MIN, 30 * MIN)]),
            // Nothing before the first round within the span: a gap at its start.
            (&[(20 * MIN, MIN)], 0, 21 * MIN, &[(0, 20 * MIN)]),
            // A sample from before the span covers its start.
            (&[(-30_000, MIN), (31_000, MIN)], 0, 91_000, &[]),
        ];
        for (covered, since, end, want) in cases {
            assert_eq!(holes(covered, since, end), want, "{covered:?}");
        }
    }

    #[test]
    fn reads_samples_and_rolled_up_hours_and_stops_at_now() {
        let mut store = Store::open_in_memory().unwrap();
        for at in (0..60).map(|i| 10 * HOUR + i * 61_000) {
            let r = round(at, Connectivity::Online, &[("wa", Verdict::Up, MIN)]);
            store.record_round(&r).unwrap();
        }
        let last_end = 10 * HOUR + 59 * 61_000 + MIN;
        let got = store
            .not_running("wa", 9 * HOUR, 12 * HOUR, 11 * HOUR + 30 * MIN)
            .unwrap();
        assert_eq!(
            got,
            [(9 * HOUR, 10 * HOUR), (last_end, 11 * HOUR + 30 * MIN)]
        );
        assert_eq!(overlap(&got, 9 * HOUR, 10 * HOUR + 30 * MIN), HOUR);

        store.prune(2 * 24 * HOUR, 1).unwrap(); // the hour is a roll-up now: all covered
        let got = store
            .not_running("wa", 10 * HOUR, 11 * HOUR, 11 * HOUR)
            .unwrap();
        assert_eq!(got, []);
    }
}
