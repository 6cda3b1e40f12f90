//! The values going into and coming out of the history.

use serde::Serialize;

use crate::cause::Cause;
use crate::connectivity::Connectivity;
use crate::observation::{Observation, OfficialReading};
use crate::verdict::Verdict;

/// Everything one round produced, written in one transaction by `Store::record_round`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundRecord {
    /// When the round ran (unix milliseconds).
    pub at_ms: i64,
    /// The user's own connectivity during the round.
    pub connectivity: Connectivity,
    /// One entry per service checked in this round.
    pub services: Vec<ServiceRecord>,
}

/// One service's part of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRecord {
    /// The service id.
    pub service: String,
    /// The *confirmed* verdict after this round (not the round's raw view).
    pub verdict: Verdict,
    /// How long this sample stands for: the time until the next scheduled round, in
    /// milliseconds. Negative values are stored as 0.
    pub weight_ms: i64,
    /// The probe observations of this round.
    pub observations: Vec<Observation>,
    /// The official status reading, if the service has a source.
    pub official: Option<OfficialReading>,
}

/// A span of trouble (`down`/`degraded`) for one service, from the transition that opened it
/// until the service was `up` again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// The incident's id in the history.
    pub id: i64,
    /// The service id.
    pub service: String,
    /// When the opening transition was confirmed (unix milliseconds).
    pub started_ms: i64,
    /// When the service was confirmed `up` again; `None` while still open.
    pub ended_ms: Option<i64>,
    /// The worst verdict during the incident (`down` beats `degraded`).
    pub worst: Verdict,
    /// The first cause seen.
    pub cause: Option<Cause>,
    /// Every distinct cause seen, in the order they first appeared.
    pub causes: Vec<Cause>,
    /// Specifics of the opening transition (they go with `cause`).
    pub detail: String,
    /// How long the official source still read fully operational while our probes had
    /// confirmed the trouble (ms); `None` when it never lagged (or has no source).
    pub official_lag_ms: Option<i64>,
    /// Whether the vendor admitted the trouble before the incident ended.
    pub official_acknowledged: Option<bool>,
}

impl Incident {
    /// How long the incident lasted, or has lasted so far if still open; never negative.
    pub fn duration_ms(&self, now_ms: i64) -> i64 {
        (self.ended_ms.unwrap_or(now_ms) - self.started_ms).max(0)
    }
}

/// Time per state for one service over a window: what `outage-radar history` and the
/// uptime figures read. Offline and unknown time are set apart (see [`StateMs`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uptime {
    /// The service id.
    pub service: String,
    /// Its time per state.
    #[serde(flatten)]
    pub time: StateMs,
}

/// Time per state for one service in one slice of time: one bar of an uptime chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// Start of the bucket (unix milliseconds); it runs until the next bucket's start.
    pub start_ms: i64,
    /// Its time per state.
    #[serde(flatten)]
    pub time: StateMs,
    /// The worst judged state with time in the bucket (down > degraded > maintenance > up);
    /// `None` when nothing was judged (an empty bucket, or only unknown/offline time).
    pub worst: Option<Verdict>,
    /// Percentage of judged time not down, as [`StateMs::percent`]; `None` without judged time.
    pub percent: Option<f64>,
}

impl Bucket {
    /// A bucket from its time per state; `worst` and `percent` follow from them.
    pub(super) fn new(start_ms: i64, time: StateMs) -> Bucket {
        let worst = [
            (time.down_ms, Verdict::Down),
            (time.degraded_ms, Verdict::Degraded),
            (time.maintenance_ms, Verdict::Maintenance),
            (time.up_ms, Verdict::Up),
        ]
        .into_iter()
        .find(|&(ms, _)| ms > 0)
        .map(|(_, v)| v);
        Bucket {
            start_ms,
            time,
            worst,
            percent: time.percent(),
        }
    }
}

/// Time per state, in milliseconds: the one shape of an uptime figure, a bar and a roll-up.
/// While the user's own connectivity was not online the time is offline whatever the
/// verdict (the schema's `sample_states` view decides it); unknown and offline time are not
/// judged. Adding two is exact, so buckets can be summed into a longer span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StateMs {
    /// Time confirmed `up` while online.
    pub up_ms: i64,
    /// Time confirmed `degraded` while online.
    pub degraded_ms: i64,
    /// Time confirmed `down` while online.
    pub down_ms: i64,
    /// Time in announced maintenance while online.
    pub maintenance_ms: i64,
    /// Time the service could not be judged while online.
    pub unknown_ms: i64,
    /// Time the user's own connectivity was not online.
    pub offline_ms: i64,
}

impl StateMs {
    /// Time that counts for or against the service: up + degraded + down + maintenance.
    pub fn judged_ms(&self) -> i64 {
        self.up_ms + self.degraded_ms + self.down_ms + self.maintenance_ms
    }

    /// Percentage of judged time not down; `None` when nothing was judged.
    pub fn percent(&self) -> Option<f64> {
        let judged = self.judged_ms();
        (judged > 0).then(|| (judged - self.down_ms) as f64 / judged as f64 * 100.0)
    }

    /// Percentage of judged time fully `up`: degraded and maintenance time count apart, so
    /// an amber bar never reads "100 % up". `None` when nothing was judged.
    pub fn up_percent(&self) -> Option<f64> {
        let judged = self.judged_ms();
        (judged > 0).then(|| self.up_ms as f64 / judged as f64 * 100.0)
    }

    /// Time the app was watching, whatever it saw: every state, offline and unknown
    /// included (the weights of its samples; see `Store::not_running` for the gaps).
    pub fn observed_ms(&self) -> i64 {
        self.judged_ms() + self.unknown_ms + self.offline_ms
    }
}

impl std::ops::Add for StateMs {
    type Output = StateMs;

    fn add(self, o: StateMs) -> StateMs {
        StateMs {
            up_ms: self.up_ms + o.up_ms,
            degraded_ms: self.degraded_ms + o.degraded_ms,
            down_ms: self.down_ms + o.down_ms,
            maintenance_ms: self.maintenance_ms + o.maintenance_ms,
            unknown_ms: self.unknown_ms + o.unknown_ms,
            offline_ms: self.offline_ms + o.offline_ms,
        }
    }
}

impl std::iter::Sum for StateMs {
    fn sum<I: Iterator<Item = StateMs>>(iter: I) -> StateMs {
        iter.fold(StateMs::default(), |a, b| a + b)
    }
}

/// One point of a service's latency chart: one round, or several merged when downsampled,
/// or one rolled-up hour for ranges older than the retention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatencyPoint {
    /// When the (first merged) round ran, or the rolled-up hour's start (unix milliseconds).
    pub at_ms: i64,
    /// The slowest successful probe, in milliseconds; `None` when no probe succeeded. Merged
    /// points keep the slowest of their rounds; for a rolled-up hour see [`Store::latency`].
    ///
    /// [`Store::latency`]: super::Store::latency
    pub latency_ms: Option<u64>,
    /// Whether any probe failed.
    pub failed: bool,
    /// The earliest-rung cause among the failed probes (the one that explains the others);
    /// `None` when nothing failed, and for rolled-up hours (their causes are not kept).
    pub cause: Option<Cause>,
    /// That cause in plain words with its probe's detail ("Server errors (HTTP 503)"), the
    /// same words the service's card and the CLI use; for a rolled-up hour with failures,
    /// that its causes were not kept; empty when nothing failed.
    pub cause_text: String,
    /// Whether the user's own connectivity was not online at the time: such failures say
    /// nothing about the service (draw them grey, not as the service's failures).
    pub offline: bool,
}

/// What `Store::prune` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PruneStats {
    /// Verdict samples summed into hourly roll-ups and deleted.
    pub samples_rolled_up: u64,
    /// Raw observations deleted: probe observations (summed into the hourly roll-ups first)
    /// and official status readings.
    pub observations_deleted: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uptime(
        up: i64,
        degraded: i64,
        down: i64,
        maintenance: i64,
        unknown: i64,
        offline: i64,
    ) -> Uptime {
        Uptime {
            service: "s".into(),
            time: StateMs {
                up_ms: up,
                degraded_ms: degraded,
                down_ms: down,
                maintenance_ms: maintenance,
                unknown_ms: unknown,
                offline_ms: offline,
            },
        }
    }

    #[test]
    fn percent_judges_only_judged_time() {
        let cases = [
            // (uptime, judged, percent)
            (uptime(0, 0, 0, 0, 0, 0), 0, None),
            (uptime(0, 0, 0, 0, 500, 500), 0, None),
            (uptime(900, 0, 100, 0, 0, 0), 1000, Some(90.0)),
            (uptime(500, 300, 100, 100, 7000, 9000), 1000, Some(90.0)),
            (uptime(0, 0, 100, 0, 0, 0), 100, Some(0.0)),
        ];
        for (u, judged, percent) in cases {
            assert_eq!(u.time.judged_ms(), judged, "{u:?}");
            assert_eq!(u.time.percent(), percent, "{u:?}");
        }
    }

    #[test]
    fn up_share_counts_degraded_apart_and_observed_time_counts_every_state() {
        let cases = [
            // (uptime, up percent, observed)
            (uptime(0, 0, 0, 0, 0, 0), None, 0),
            (uptime(0, 0, 0, 0, 500, 500), None, 1_000),
            (uptime(800, 200, 0, 0, 0, 0), Some(80.0), 1_000),
            (uptime(500, 300, 100, 100, 100, 0), Some(50.0), 1_100),
        ];
        for (u, up, observed) in cases {
            assert_eq!(u.time.up_percent(), up, "{u:?}");
            assert_eq!(u.time.observed_ms(), observed, "{u:?}");
        }
    }

    #[test]
    fn incident_duration_runs_to_now_while_open() {
        let mut incident = Incident {
            id: 1,
            service: "s".into(),
            started_ms: 1_000,
            ended_ms: None,
            worst: Verdict::Down,
            cause: None,
            causes: vec![],
            detail: String::new(),
            official_lag_ms: None,
            official_acknowledged: None,
        };
        assert_eq!(incident.duration_ms(5_000), 4_000);
        incident.ended_ms = Some(3_000);
        assert_eq!(incident.duration_ms(5_000), 2_000);
    }

    #[test]
    fn serialized_field_names_are_snake_case() {
        let json = serde_json::to_value(uptime(1, 0, 0, 0, 0, 0)).unwrap();
        assert_eq!(json["up_ms"], 1);
        let stats = serde_json::to_value(PruneStats::default()).unwrap();
        assert!(stats.get("samples_rolled_up").is_some());
    }
}
