//! Retention: raw samples and observations older than the retention are summed into hourly
//! roll-ups and deleted, in one transaction.
//!
//! The cutoff is floored to an hour boundary, so an hour is rolled up whole and never exists
//! both raw and rolled up. Running a prune again with the same `now_ms` finds nothing older
//! than the cutoff and changes nothing.

use rusqlite::params;

use super::{PruneStats, Store};
use crate::Result;

/// One hour in milliseconds: the roll-up resolution.
pub const HOUR_MS: i64 = 3_600_000;

/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * HOUR_MS;

impl Store {
    /// Rolls up verdict samples and probe observations older than `retention_days` (before
    /// `now_ms`, floored to the hour) into hourly rows and deletes the raw rows, official status
    /// readings included. Incidents, transitions and connectivity changes are kept forever.
    pub fn prune(&mut self, now_ms: i64, retention_days: u32) -> Result<PruneStats> {
        let cutoff = cutoff_ms(now_ms, retention_days);
        let tx = self.write()?;
        tx.execute(ROLL_UP_SAMPLES, params![cutoff, HOUR_MS])?;
        tx.execute(ROLL_UP_OBSERVATIONS, params![cutoff, HOUR_MS])?;
        let samples = tx.execute("DELETE FROM samples WHERE at_ms < ?1", [cutoff])?;
        let observations = tx.execute("DELETE FROM observations WHERE at_ms < ?1", [cutoff])?;
        let official = tx.execute("DELETE FROM official_readings WHERE at_ms < ?1", [cutoff])?;
        tx.commit()?;
        let stats = PruneStats {
            samples_rolled_up: samples as u64,
            observations_deleted: (observations + official) as u64,
        };
        tracing::debug!(cutoff_ms = cutoff, ?stats, "pruned history");
        Ok(stats)
    }
}

/// The first instant whose raw rows are kept: `now - retention`, floored to the hour.
fn cutoff_ms(now_ms: i64, retention_days: u32) -> i64 {
    let cutoff = now_ms.saturating_sub(i64::from(retention_days) * DAY_MS);
    cutoff - cutoff.rem_euclid(HOUR_MS)
}

/// `?1` = cutoff, `?2` = one hour. The hour expression floors negative times too (SQLite's
/// `%` truncates toward zero). Adds to an existing hour so a late sample is never lost.
const ROLL_UP_SAMPLES: &str = "
INSERT INTO hourly_rollups
       (service, hour_start_ms, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms, samples)
SELECT service, at_ms - ((at_ms % ?2) + ?2) % ?2 AS hour,
       sum(up_ms), sum(degraded_ms), sum(down_ms), sum(maintenance_ms), sum(unknown_ms), sum(offline_ms),
       count(*)
  FROM sample_states
 WHERE at_ms < ?1
 GROUP BY service, hour
    ON CONFLICT (service, hour_start_ms) DO UPDATE SET
       up_ms = up_ms + excluded.up_ms,
       degraded_ms = degraded_ms + excluded.degraded_ms,
       down_ms = down_ms + excluded.down_ms,
       maintenance_ms = maintenance_ms + excluded.maintenance_ms,
       unknown_ms = unknown_ms + excluded.unknown_ms,
       offline_ms = offline_ms + excluded.offline_ms,
       samples = samples + excluded.samples";

/// `?1` = cutoff, `?2` = one hour.
const ROLL_UP_OBSERVATIONS: &str = "
INSERT INTO hourly_rollups (service, hour_start_ms, probes, failures, latency_sum_ms, latency_max_ms)
SELECT service, at_ms - ((at_ms % ?2) + ?2) % ?2 AS hour,
       count(*), sum(ok = 0), sum(latency_ms), max(latency_ms)
  FROM observations
 WHERE at_ms < ?1
 GROUP BY service, hour
    ON CONFLICT (service, hour_start_ms) DO UPDATE SET
       probes = probes + excluded.probes,
       failures = failures + excluded.failures,
       latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms,
       latency_max_ms = max(latency_max_ms, excluded.latency_max_ms)";

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::{
        Cause, Connectivity, Observation, OfficialReading, ProbeKind, SourceKind, Verdict,
    };

    const NOW: i64 = 3 * DAY_MS + 30 * 60_000; // mid-hour, so the cutoff is floored
    const STEP: i64 = 10 * 60_000;

    /// Three days of rounds every 10 minutes for two services, with every verdict, some
    /// offline time, two probes per round and an official reading.
    fn three_days() -> Store {
        let verdicts = [
            Verdict::Up,
            Verdict::Up,
            Verdict::Degraded,
            Verdict::Down,
            Verdict::Maintenance,
            Verdict::Unknown,
        ];
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..NOW / STEP {
            let connectivity = if i % 7 == 0 {
                Connectivity::Offline
            } else {
                Connectivity::Online
            };
            let v = verdicts[i as usize % verdicts.len()];
            let mut r = round(
                i * STEP,
                connectivity,
                &[("wa", v, STEP), ("ig", Verdict::Up, STEP)],
            );
            r.services[0].observations = vec![
                Observation::ok(ProbeKind::Tcp, "g.whatsapp.net:443", 10 + i as u64 % 5, ""),
                Observation::failed(
                    ProbeKind::Dns,
                    "g.whatsapp.net",
                    Cause::DnsTimeout,
                    100 + i as u64 % 3,
                    "",
                ),
            ];
            r.services[0].official = Some(OfficialReading {
                source: SourceKind::Metastatus,
                url: "http://127.0.0.1/orgs.json".into(),
                verdict: None,
                text: "unreadable".into(),
                latency_ms: 1,
                incident: None,
            });
            store.record_round(&r).unwrap();
        }
        store
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn rollups(store: &Store) -> Vec<Vec<i64>> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT hour_start_ms, up_ms, degraded_ms, down_ms, maintenance_ms, unknown_ms, offline_ms,
                        samples, probes, failures, latency_sum_ms, latency_max_ms
                   FROM hourly_rollups ORDER BY service, hour_start_ms",
            )
            .unwrap();
        stmt.query_map([], |r| (0..12).map(|i| r.get(i)).collect())
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn cutoff_is_floored_to_the_hour() {
        let cases = [
            // (now, retention days, cutoff)
            (NOW, 1, 2 * DAY_MS),
            (2 * DAY_MS, 1, DAY_MS),
            (DAY_MS + 1, 0, DAY_MS),
            (HOUR_MS / 2, 0, 0),
            (-1, 0, -HOUR_MS),
        ];
        for (now, days, cutoff) in cases {
            assert_eq!(cutoff_ms(now, days), cutoff, "now {now} days {days}");
        }
    }

    #[test]
    fn rolls_up_old_rows_without_changing_uptime() {
        let mut store = three_days();
        let windows = [0, DAY_MS, 2 * DAY_MS + 5 * HOUR_MS, NOW - HOUR_MS / 2];
        let before: Vec<_> = windows
            .iter()
            .map(|&since| store.uptime(None, since, NOW).unwrap())
            .collect();
        let samples_before = count(&store, "SELECT count(*) FROM samples");
        let old_samples = count(
            &store,
            &format!("SELECT count(*) FROM samples WHERE at_ms < {}", 2 * DAY_MS),
        );

        let stats = store.prune(NOW, 1).unwrap();

        assert_eq!(stats.samples_rolled_up, old_samples as u64);
        // Two probes and one official reading per old `wa` round.
        assert_eq!(stats.observations_deleted, (old_samples / 2 * 3) as u64);
        assert_eq!(
            count(&store, "SELECT count(*) FROM samples"),
            samples_before - old_samples
        );
        assert_eq!(count(&store, "SELECT min(at_ms) FROM samples"), 2 * DAY_MS);
        assert_eq!(
            count(&store, "SELECT min(at_ms) FROM official_readings"),
            2 * DAY_MS
        );
        assert_eq!(store.observations("wa", 0).unwrap()[0].at_ms, 2 * DAY_MS);
        // 48 hours for each of the two services.
        assert_eq!(rollups(&store).len(), 2 * 48);
        let after: Vec<_> = windows
            .iter()
            .map(|&since| store.uptime(None, since, NOW).unwrap())
            .collect();
        assert_eq!(after, before);
        assert!(
            before[0][1].time.down_ms > 0 && before[0][1].time.offline_ms > 0,
            "{:?}",
            before[0]
        );
    }

    #[test]
    fn an_hour_rollup_holds_probe_counts_failures_and_latency() {
        let mut store = three_days();
        store.prune(NOW, 1).unwrap();
        let hour = 5 * HOUR_MS;
        let row: (i64, i64, i64, i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT samples, probes, failures, latency_sum_ms, latency_max_ms, up_ms + degraded_ms + down_ms
                        + maintenance_ms + unknown_ms + offline_ms
                   FROM hourly_rollups WHERE service = 'wa' AND hour_start_ms = ?1",
                [hour],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .unwrap();
        // Rounds 30..36 fall in hour 5: tcp latencies 10 + i % 5, dns latencies 100 + i % 3.
        let latency_sum: i64 = (30..36).map(|i| 10 + i % 5 + 100 + i % 3).sum();
        let latency_max = (30..36).map(|i| 100 + i % 3).max().unwrap();
        assert_eq!(row, (6, 12, 6, latency_sum, latency_max, HOUR_MS));
    }

    #[test]
    fn pruning_twice_changes_nothing() {
        let mut store = three_days();
        let first = store.prune(NOW, 1).unwrap();
        assert!(first.samples_rolled_up > 0);
        let rolled = rollups(&store);
        let uptime = store.uptime(None, 0, NOW).unwrap();

        assert_eq!(store.prune(NOW, 1).unwrap(), PruneStats::default());
        assert_eq!(rollups(&store), rolled);
        assert_eq!(store.uptime(None, 0, NOW).unwrap(), uptime);
    }

    #[test]
    fn a_late_old_sample_is_added_to_its_hour() {
        let mut store = three_days();
        let before = store.uptime(Some("ig"), 0, NOW).unwrap()[0].time.up_ms;
        store.prune(NOW, 1).unwrap();
        // A round stamped in an hour that is already rolled up (e.g. the clock moved back).
        store
            .record_round(&round(
                5 * HOUR_MS + 1,
                Connectivity::Online,
                &[("ig", Verdict::Up, 7)],
            ))
            .unwrap();
        store.prune(NOW, 1).unwrap();
        assert_eq!(
            store.uptime(Some("ig"), 0, NOW).unwrap()[0].time.up_ms,
            before + 7
        );
    }

    #[test]
    fn incidents_and_transitions_are_kept() {
        let mut store = three_days();
        store
            .record_transition(
                "wa",
                &transition(Verdict::Up, Verdict::Down, Some(Cause::DnsTimeout), 1_000),
            )
            .unwrap();
        store
            .record_transition("wa", &transition(Verdict::Down, Verdict::Up, None, 2_000))
            .unwrap();
        store
            .record_connectivity(1_500, Connectivity::Online, Connectivity::Offline)
            .unwrap();
        store.prune(NOW, 0).unwrap();
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM samples WHERE at_ms < 3 * 86400000"
            ),
            0
        );
        assert_eq!(store.incidents(None, 0).unwrap().len(), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM transitions"), 2);
        assert_eq!(
            count(&store, "SELECT count(*) FROM connectivity_changes"),
            1
        );
    }
}
