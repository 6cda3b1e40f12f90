//! A service's stored probe observations, and its latency chart.
//!
//! A chart point is a *round*: the observations of one service with the same `at_ms` (one
//! `record_round`). Older rounds than the retention exist only as hourly roll-ups, which give
//! one point per hour instead. Long ranges are downsampled into evenly wide time slices, and a
//! slice keeps the worst of its rounds: a single failed round is never averaged away.

use rusqlite::params;

use super::{codec, LatencyPoint, Store};
use crate::{Cause, Result};

impl Store {
    /// `service`'s latency chart from `since_ms` on, oldest first, at most `max_points` points
    /// (none when `max_points` is 0).
    ///
    /// One point per round: the slowest successful probe, whether any probe failed, the
    /// earliest-rung cause, and whether the user was offline (from the round's verdict sample).
    /// Hours older than the retention come from their roll-up (at the hour's start, when it
    /// is at or after `since_ms`): `failed` when any probe of the hour failed, no cause;
    /// `latency_ms` is the hour's slowest probe when none failed (what merging its rounds
    /// would give), the hour's average probe when some failed (the slowest may be a failed
    /// probe's timeout), `None` when all failed; `offline` when all the hour's sampled time
    /// was offline.
    ///
    /// With more points than `max_points`, the time from the first point to the last is cut
    /// into `max_points` equal slices and each slice with points becomes one point: at the
    /// time of its first point, with the slowest latency, `failed` if any point failed, and
    /// the earliest-rung cause. Offline points only count in a slice without online ones (the
    /// merged point is then `offline`); otherwise they are left out of it.
    pub fn latency(
        &self,
        service: &str,
        since_ms: i64,
        max_points: usize,
    ) -> Result<Vec<LatencyPoint>> {
        if max_points == 0 {
            return Ok(Vec::new());
        }
        let mut points = self.rolled_up_latency(service, since_ms)?;
        let rolled_up = points.len();
        points.extend(self.round_latency(service, since_ms)?);
        if rolled_up > 0 {
            // Roll-ups are older than raw rounds except for a late round stamped in an hour
            // already rolled up; a stable sort keeps each in order.
            points.sort_by_key(|p| p.at_ms);
        }
        Ok(downsample(points, max_points))
    }

    /// One point per raw round.
    fn round_latency(&self, service: &str, since_ms: i64) -> Result<Vec<LatencyPoint>> {
        let mut stmt = self.conn.prepare_cached(SELECT_ROUNDS)?;
        let rows = stmt.query_map(params![service, since_ms], |row| {
            // "cause<US>detail" of each failed probe, joined by RS (see SELECT_ROUNDS).
            let failures: Option<String> = row.get(3)?;
            let earliest = failures
                .as_deref()
                .unwrap_or_default()
                .split('\u{1e}')
                .filter(|f| !f.is_empty())
                .map(|f| {
                    let (cause, detail) = f.split_once('\u{1f}').unwrap_or((f, ""));
                    codec::parse_name(3, "cause", cause.to_string(), Cause::parse)
                        .map(|c| (c, detail))
                })
                .collect::<rusqlite::Result<Vec<(Cause, &str)>>>()?
                .into_iter()
                .min_by_key(|(c, _)| *c);
            let cause = earliest.map(|(c, _)| c);
            let cause_text = earliest
                .map(|(c, detail)| c.describe(detail))
                .unwrap_or_default();
            Ok(LatencyPoint {
                at_ms: row.get(0)?,
                latency_ms: row.get::<_, Option<i64>>(1)?.map(codec::to_u64),
                failed: row.get(2)?,
                cause,
                cause_text,
                offline: row.get::<_, Option<bool>>(4)?.unwrap_or(false),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One point per rolled-up hour with probes; a rolled-up hour keeps no causes, only
    /// that some of its checks failed ([`ROLLED_UP_FAILURES`]).
    fn rolled_up_latency(&self, service: &str, since_ms: i64) -> Result<Vec<LatencyPoint>> {
        let mut stmt = self.conn.prepare_cached(SELECT_ROLLED_UP)?;
        let rows = stmt.query_map(params![service, since_ms], |row| {
            let probes: i64 = row.get(1)?;
            let failures: i64 = row.get(2)?;
            let latency_sum: i64 = row.get(3)?;
            let latency_max: i64 = row.get(4)?;
            let latency = if failures == 0 {
                Some(latency_max)
            } else if failures < probes {
                Some(latency_sum / probes)
            } else {
                None
            };
            Ok(LatencyPoint {
                at_ms: row.get(0)?,
                latency_ms: latency.map(codec::to_u64),
                failed: failures > 0,
                cause: None,
                cause_text: if failures > 0 {
                    ROLLED_UP_FAILURES.into()
                } else {
                    String::new()
                },
                offline: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// At most `max_points` (> 0) points: the span from the first point to the last is cut into
/// `max_points` equal slices, and the points of each slice are merged.
fn downsample(points: Vec<LatencyPoint>, max_points: usize) -> Vec<LatencyPoint> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return points;
    };
    if points.len() <= max_points {
        return points;
    }
    let first_ms = i128::from(first.at_ms);
    let span = i128::from(last.at_ms) - first_ms + 1;
    let slices = max_points as i128;
    // Rounded up, so the last point's slice is below `max_points`.
    let width = (span + slices - 1) / slices;
    let mut out = Vec::with_capacity(max_points);
    let mut start = 0;
    while start < points.len() {
        let slice = (i128::from(points[start].at_ms) - first_ms) / width;
        let len = points[start..]
            .iter()
            .take_while(|p| (i128::from(p.at_ms) - first_ms) / width == slice)
            .count();
        out.push(merge(&points[start..start + len]));
        start += len;
    }
    out
}

/// The words of a rolled-up hour whose checks failed: its causes were not kept.
pub const ROLLED_UP_FAILURES: &str = "Some checks failed (older causes are not kept)";

/// One point standing for `points` (not empty): online points only, if there are any.
fn merge(points: &[LatencyPoint]) -> LatencyPoint {
    let offline = points.iter().all(|p| p.offline);
    let mut kept = points.iter().filter(|p| offline || !p.offline);
    let mut merged = kept.next().cloned().unwrap_or_else(|| points[0].clone());
    for p in kept {
        merged.latency_ms = merged.latency_ms.max(p.latency_ms);
        merged.failed |= p.failed;
        // The earliest rung wins, with its own words.
        if p.cause.is_some() && (merged.cause.is_none() || p.cause < merged.cause) {
            merged.cause = p.cause;
            merged.cause_text = p.cause_text.clone();
        }
    }
    merged
}

/// `?1` = service, `?2` = since. One row per round, in time order straight from the
/// `(service, at_ms)` index; the round's verdict sample says whether the user was offline
/// (by the schema's one offline rule, the `sample_states` view).
const SELECT_ROUNDS: &str = "
SELECT at_ms,
       max(CASE WHEN ok THEN latency_ms END),
       max(ok = 0),
       group_concat(CASE WHEN NOT ok THEN cause || char(31) || coalesce(detail, '') END, char(30)),
       (SELECT offline FROM sample_states s WHERE s.service = ?1 AND s.at_ms = o.at_ms)
  FROM observations o
 WHERE service = ?1 AND at_ms >= ?2
 GROUP BY at_ms
 ORDER BY at_ms";

/// `?1` = service, `?2` = since. Roll-up hours with probes, in time order (primary key).
const SELECT_ROLLED_UP: &str = "
SELECT hour_start_ms, probes, failures, latency_sum_ms, latency_max_ms,
       offline_ms > 0 AND up_ms + degraded_ms + down_ms + maintenance_ms + unknown_ms = 0
  FROM hourly_rollups
 WHERE service = ?1 AND hour_start_ms >= ?2 AND probes > 0
 ORDER BY hour_start_ms";

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{Connectivity, Observation, ProbeKind, Verdict};

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

    const MIN: i64 = 60_000;

    fn ok(latency_ms: u64) -> Observation {
        Observation::ok(ProbeKind::Tcp, "g.whatsapp.net:443", latency_ms, "")
    }

    fn failed(cause: Cause, latency_ms: u64) -> Observation {
        Observation::failed(
            ProbeKind::Http,
            "https://web.whatsapp.com/",
            cause,
            latency_ms,
            "",
        )
    }

    /// Records a round of `wa` with `probes`, and of `ig` with one slow probe (which must
    /// never show up in `wa`'s chart).
    fn record(store: &mut Store, at_ms: i64, connectivity: Connectivity, probes: Vec<Observation>) {
        let mut r = round(
            at_ms,
            connectivity,
            &[("wa", Verdict::Up, MIN), ("ig", Verdict::Down, MIN)],
        );
        r.services[0].observations = probes;
        r.services[1].observations = vec![failed(Cause::TcpRefused, 9_999)];
        store.record_round(&r).unwrap();
    }

    /// `(at_ms, latency_ms, failed, cause, offline)` of each point.
    type Row = (i64, Option<u64>, bool, Option<Cause>, bool);

    fn rows(points: &[LatencyPoint]) -> Vec<Row> {
        points
            .iter()
            .map(|p| (p.at_ms, p.latency_ms, p.failed, p.cause, p.offline))
            .collect()
    }

    fn point(
        at_ms: i64,
        latency_ms: Option<u64>,
        failed: bool,
        cause: Option<Cause>,
    ) -> LatencyPoint {
        LatencyPoint {
            at_ms,
            latency_ms,
            failed,
            cause,
            cause_text: cause.map(|c| c.describe("")).unwrap_or_default(),
            offline: false,
        }
    }

    #[test]
    fn a_failed_round_says_its_cause_in_the_words_of_the_card() {
        let mut store = Store::open_in_memory().unwrap();
        let probes = vec![
            Observation::failed(
                ProbeKind::Http,
                "https://web.whatsapp.com/",
                Cause::HttpStatus,
                5,
                "503 Service Unavailable",
            ),
            Observation::failed(
                ProbeKind::Dns,
                "web.whatsapp.com",
                Cause::DnsServfail,
                3,
                "web.whatsapp.com: SERVFAIL",
            ),
        ];
        let http_only = vec![probes[0].clone()];
        for (at, observations) in [(1_000, probes), (2_000, http_only)] {
            let services = vec![crate::store::ServiceRecord {
                service: "wa".into(),
                verdict: crate::Verdict::Down,
                weight_ms: 1_000,
                observations,
                official: None,
            }];
            store
                .record_round(&crate::store::RoundRecord {
                    at_ms: at,
                    connectivity: crate::Connectivity::Online,
                    services,
                })
                .unwrap();
        }
        let points = store.latency("wa", 0, 10).unwrap();
        let texts: Vec<&str> = points.iter().map(|p| p.cause_text.as_str()).collect();
        assert_eq!(
            texts,
            ["DNS lookups fail (SERVFAIL)", "Server errors (HTTP 503)"]
        );
        // Merged into one point, the earliest rung keeps its own words.
        let merged = store.latency("wa", 0, 1).unwrap();
        assert_eq!(merged[0].cause_text, "DNS lookups fail (SERVFAIL)");
    }

    #[test]
    fn one_point_per_round_with_the_slowest_success_and_the_earliest_cause() {
        use Cause::{DnsServfail, DnsTimeout, HttpStatus, TcpTimeout};
        /// `(probes of the round, latency, failed, cause)`.
        type Case = (Vec<Observation>, Option<u64>, bool, Option<Cause>);
        let cases: Vec<Case> = vec![
            // (probes of the round, latency, failed, cause)
            (vec![ok(10), ok(30), ok(20)], Some(30), false, None),
            (vec![ok(0)], Some(0), false, None),
            // A failed probe's time is not latency: 500 ms of a 503 is left out.
            (
                vec![ok(10), failed(HttpStatus, 500)],
                Some(10),
                true,
                Some(HttpStatus),
            ),
            // The DNS failure explains the HTTP one, whatever the order they were stored in.
            (
                vec![failed(HttpStatus, 5), ok(40), failed(DnsServfail, 7)],
                Some(40),
                true,
                Some(DnsServfail),
            ),
            (
                vec![
                    failed(TcpTimeout, 5_000),
                    failed(DnsTimeout, 5_000),
                    failed(TcpTimeout, 5_000),
                ],
                None,
                true,
                Some(DnsTimeout),
            ),
        ];
        let mut store = Store::open_in_memory().unwrap();
        for (i, (probes, ..)) in cases.iter().enumerate() {
            record(
                &mut store,
                i as i64 * MIN,
                Connectivity::Online,
                probes.clone(),
            );
        }
        let got = rows(&store.latency("wa", 0, 100).unwrap());
        let want: Vec<Row> = cases
            .iter()
            .enumerate()
            .map(|(i, &(_, latency, failed, cause))| {
                (i as i64 * MIN, latency, failed, cause, false)
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rounds_while_offline_are_flagged() {
        let mut store = Store::open_in_memory().unwrap();
        record(&mut store, 0, Connectivity::Online, vec![ok(10)]);
        for (i, c) in [
            Connectivity::Offline,
            Connectivity::DnsBroken,
            Connectivity::CaptivePortal,
        ]
        .into_iter()
        .enumerate()
        {
            record(
                &mut store,
                (i as i64 + 1) * MIN,
                c,
                vec![failed(Cause::DnsTimeout, 5_000)],
            );
        }
        let offline: Vec<(bool, bool)> = store
            .latency("wa", 0, 100)
            .unwrap()
            .iter()
            .map(|p| (p.failed, p.offline))
            .collect();
        assert_eq!(
            offline,
            [(false, false), (true, true), (true, true), (true, true)]
        );
    }

    #[test]
    fn since_service_and_max_points_filters() {
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..5 {
            record(&mut store, i * MIN, Connectivity::Online, vec![ok(10)]);
        }
        let cases = [
            // (service, since, max points, point times)
            ("wa", 0, 100, vec![0, MIN, 2 * MIN, 3 * MIN, 4 * MIN]),
            ("wa", 2 * MIN, 100, vec![2 * MIN, 3 * MIN, 4 * MIN]),
            ("wa", 2 * MIN + 1, 100, vec![3 * MIN, 4 * MIN]),
            ("wa", 5 * MIN, 100, vec![]),
            ("wa", 0, 0, vec![]),
            ("wa", 0, 1, vec![0]),
            ("fb", 0, 100, vec![]),
        ];
        for (service, since, max, want) in cases {
            let got: Vec<i64> = store
                .latency(service, since, max)
                .unwrap()
                .iter()
                .map(|p| p.at_ms)
                .collect();
            assert_eq!(got, want, "{service} since {since} max {max}");
        }
    }

    #[test]
    fn downsampling_cuts_the_span_into_even_slices() {
        let ten: Vec<i64> = (0..10).collect();
        let cases: [(&[i64], usize, &[i64]); 8] = [
            // (point times, max points, merged point times: each slice's first point)
            (&ten, 10, &ten),
            (&ten, 100, &ten),
            (&ten, 5, &[0, 2, 4, 6, 8]),
            (&ten, 3, &[0, 4, 8]), // slices of 4: 0..=3, 4..=7, 8..=9
            (&ten, 1, &[0]),
            // A gap stays a gap: slices without points give no point.
            (&[0, 1, 2, 97, 98, 99], 4, &[0, 97]),
            (&[-10, -5, 0, 5], 2, &[-10, 0]),
            (&[i64::MIN, 0, i64::MAX], 2, &[i64::MIN, 0]),
        ];
        for (times, max, want) in cases {
            let points = times
                .iter()
                .map(|&t| point(t, Some(1), false, None))
                .collect();
            let got: Vec<i64> = downsample(points, max).iter().map(|p| p.at_ms).collect();
            assert_eq!(got, want, "{times:?} into {max}");
        }
    }

    #[test]
    fn a_merged_point_keeps_failures_the_slowest_latency_and_the_earliest_cause() {
        use Cause::{DnsServfail, HttpStatus, Slow};
        let offline = |mut p: LatencyPoint| {
            p.offline = true;
            p
        };
        let cases: Vec<(Vec<LatencyPoint>, Row)> = vec![
            // (the points of one slice, the merged point)
            (
                vec![
                    point(0, Some(10), false, None),
                    point(1, Some(30), false, None),
                ],
                (0, Some(30), false, None, false),
            ),
            (
                vec![
                    point(0, Some(10), false, None),
                    point(1, None, true, Some(HttpStatus)),
                ],
                (0, Some(10), true, Some(HttpStatus), false),
            ),
            (
                vec![
                    point(0, None, true, Some(HttpStatus)),
                    point(1, Some(5), true, Some(DnsServfail)),
                    point(2, Some(7), false, Some(Slow)),
                ],
                (0, Some(7), true, Some(DnsServfail), false),
            ),
            (
                vec![point(0, None, true, None), point(1, None, true, None)],
                (0, None, true, None, false),
            ),
            // Offline failures say nothing about the service next to online rounds...
            (
                vec![
                    offline(point(0, None, true, Some(DnsServfail))),
                    point(1, Some(20), false, None),
                    offline(point(2, Some(900), true, Some(DnsServfail))),
                ],
                (1, Some(20), false, None, false),
            ),
            // ...and alone they make an offline point.
            (
                vec![
                    offline(point(0, None, true, Some(HttpStatus))),
                    offline(point(1, Some(4), true, Some(DnsServfail))),
                ],
                (0, Some(4), true, Some(DnsServfail), true),
            ),
        ];
        for (slice, want) in cases {
            assert_eq!(rows(&[merge(&slice)]), [want], "{slice:?}");
        }
    }

    #[test]
    fn a_failed_round_survives_downsampling_a_day() {
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..24 * 60 {
            let probes = match i {
                // Neither is the first round of its ~5 min slice: only merging keeps them.
                702 => vec![ok(12), failed(Cause::DnsServfail, 3)],
                903 => vec![ok(4_000)],
                _ => vec![ok(100 + i as u64 % 7)],
            };
            record(&mut store, i * MIN, Connectivity::Online, probes);
        }
        let points = store.latency("wa", 0, 288).unwrap();
        assert!(
            points.len() <= 288 && points.len() > 280,
            "{}",
            points.len()
        );
        let failed: Vec<&LatencyPoint> = points.iter().filter(|p| p.failed).collect();
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert_eq!(failed[0].cause, Some(Cause::DnsServfail));
        assert!(failed[0].at_ms < 702 * MIN && 702 * MIN - failed[0].at_ms < 5 * MIN);
        let slowest = points.iter().max_by_key(|p| p.latency_ms).unwrap();
        assert_eq!(slowest.latency_ms, Some(4_000));
        assert!(slowest.at_ms < 903 * MIN && 903 * MIN - slowest.at_ms < 5 * MIN);
        assert_eq!(points[0].at_ms, 0);
        assert!(points.windows(2).all(|w| w[0].at_ms < w[1].at_ms));
    }

    #[test]
    fn rolled_up_hours_give_old_ranges_points() {
        let mut store = Store::open_in_memory().unwrap();
        // Per hour, six rounds: (connectivity, probes).
        let hours: [(Connectivity, Vec<Observation>); 4] = [
            (Connectivity::Online, vec![ok(10), ok(20)]),
            (
                Connectivity::Online,
                vec![ok(10), failed(Cause::TcpTimeout, 4_990)],
            ),
            (Connectivity::Online, vec![failed(Cause::TcpRefused, 1)]),
            (
                Connectivity::Offline,
                vec![failed(Cause::DnsTimeout, 5_000)],
            ),
        ];
        for (h, (connectivity, probes)) in hours.iter().enumerate() {
            for i in 0..6 {
                let at = h as i64 * HOUR + i * 10 * MIN;
                record(&mut store, at, *connectivity, probes.clone());
            }
        }
        record(&mut store, 4 * HOUR, Connectivity::Online, vec![ok(33)]);
        let raw = store.latency("wa", 0, 100).unwrap();

        store.prune(4 * HOUR, 0).unwrap(); // hours 0 to 3 exist only as roll-ups now
        assert!(store.observations("wa", 0).unwrap()[0].at_ms == 4 * HOUR);

        let rolled = store.latency("wa", 0, 100).unwrap();
        assert_eq!(
            rows(&rolled),
            [
                (0, Some(20), false, None, false),
                (HOUR, Some(2_500), true, None, false), // the average: the slowest timed out
                (2 * HOUR, None, true, None, false),
                (3 * HOUR, None, true, None, true),
                (4 * HOUR, Some(33), false, None, false),
            ]
        );
        // An hour with no failure reads as its rounds merged did before the prune.
        assert_eq!(rows(&[merge(&raw[..6])]), rows(&rolled[..1]));
        // A roll-up hour is in the range when it starts in it.
        let times: Vec<i64> = store
            .latency("wa", HOUR + 1, 100)
            .unwrap()
            .iter()
            .map(|p| p.at_ms)
            .collect();
        assert_eq!(times, [2 * HOUR, 3 * HOUR, 4 * HOUR]);
    }

    #[test]
    fn the_latency_queries_search_the_service_time_indexes() {
        let store = Store::open_in_memory().unwrap();
        let cases = [
            (
                SELECT_ROUNDS,
                vec![
                    "SEARCH o USING INDEX observations_service_at (service=? AND at_ms>?)",
                    "SEARCH samples USING INDEX samples_service_at (service=? AND at_ms=?)",
                ],
            ),
            (
                SELECT_ROLLED_UP,
                vec!["SEARCH hourly_rollups USING PRIMARY KEY (service=? AND hour_start_ms>?)"],
            ),
        ];
        for (sql, searches) in cases {
            let plan = query_plan(&store, sql, params!["wa", 0]);
            for search in searches {
                assert!(plan.iter().any(|p| p == search), "{search} in {plan:#?}");
            }
            assert!(!scans_a_table(&plan), "{plan:#?}");
            // Rows come in time order from the index: no sorting, no grouping table.
            assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:#?}");
        }
    }
}
