//! The history as people read it, ready to serialize: incidents and uptime over a window
//! ([`HistoryReport`]: `outage-radar history --json` and the desktop app's `get_history` share
//! it), and what one service card of the dashboard draws ([`ServiceHistory`]). The store
//! only stores and queries; times as RFC 3339 and durations in words are made here.

use serde::Serialize;

use crate::cause::Cause;
use crate::event::rfc3339;
use crate::store::{
    overlap, Bucket, Incident, LatencyPoint, StateMs, Store, Uptime, DAY_MS, HOUR_MS,
};
use crate::verdict::Verdict;
use crate::words;

/// Incidents and uptime over `[since, until]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryReport {
    /// Start of the window (RFC 3339).
    pub since: String,
    /// End of the window (RFC 3339).
    pub until: String,
    /// Incidents overlapping the window, newest first.
    pub incidents: Vec<IncidentReport>,
    /// Uptime per service with data in the window.
    pub uptime: Vec<UptimeReport>,
}

/// One incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentReport {
    /// Row id.
    pub id: i64,
    /// Service id.
    pub service: String,
    /// When it began (RFC 3339).
    pub start: String,
    /// When it ended; None while ongoing.
    pub end: Option<String>,
    /// Start as unix ms.
    pub start_ms: i64,
    /// End as unix ms.
    pub end_ms: Option<i64>,
    /// Still going on.
    pub ongoing: bool,
    /// Duration so far, seconds (wall clock, time the app was not running included).
    pub duration_secs: i64,
    /// Seconds of the incident the app was not running: no sample says what happened then.
    pub not_running_secs: i64,
    /// The duration in words, with the part not running ([`words::incident_duration`]):
    /// "1 h 12 min", "2 h 15 min (not running 2 h of it)".
    pub duration_text: String,
    /// Worst state reached.
    pub worst: Verdict,
    /// First cause.
    pub cause: Option<Cause>,
    /// First cause in plain words; empty without a cause.
    pub cause_text: String,
    /// Every distinct cause seen, in order.
    pub causes: Vec<Cause>,
    /// Specifics of the first cause.
    pub detail: String,
    /// How long the official source still read operational after we confirmed the
    /// trouble, seconds; null when it never lagged.
    pub official_lag_secs: Option<i64>,
    /// Whether the vendor admitted the trouble before it ended; null when it never lagged.
    pub official_acknowledged: Option<bool>,
    /// The lag in words ([`words::official_lag`]); empty when it never lagged.
    pub official_lag_text: String,
}

/// Uptime of one service over the window, of the time observed; offline and unknown time
/// are not counted against it, and time the app was not running is neither up nor down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UptimeReport {
    /// Service id.
    pub service: String,
    /// Share of judged time not down, percent; None without judged time.
    pub percent: Option<f64>,
    /// Share of judged time fully up (degraded time apart), percent; None without judged time.
    pub up_percent: Option<f64>,
    /// Seconds the app was watching the service (every state below).
    pub observed_secs: i64,
    /// Seconds of the window the app was not running.
    pub not_running_secs: i64,
    /// All of it in words ([`words::uptime`]): "up 100 % of the 3 h observed".
    pub words: String,
    /// Seconds up.
    pub up_secs: i64,
    /// Seconds degraded.
    pub degraded_secs: i64,
    /// Seconds down.
    pub down_secs: i64,
    /// Seconds in maintenance.
    pub maintenance_secs: i64,
    /// Seconds not judged.
    pub unknown_secs: i64,
    /// Seconds the user was offline.
    pub offline_secs: i64,
}

/// The most points of [`ServiceHistory::latency_1h`]: one per 30 s.
pub const LATENCY_1H_POINTS: usize = 120;

/// The most points of [`ServiceHistory::latency_24h`]: one per 5 min.
pub const LATENCY_24H_POINTS: usize = 288;

/// One service's history as its dashboard card draws it: latency charts and uptime bars.
///
/// The bars end with the current hour, whose bucket is still filling: `hours_24` is the 24
/// clock hours up to and including the current one, `days_7` is seven spans of 24 h ending at
/// the same instant, so the last day bar sums exactly the 24 hour bars. Days are rolling
/// rather than calendar days: a time zone's midnight (and its DST days of 23 or 25 hours)
/// is the UI's business, and whole hours keep roll-ups inside one bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceHistory {
    /// Service id.
    pub service: String,
    /// Latency over the last hour, at most [`LATENCY_1H_POINTS`] points (see [`Store::latency`]).
    pub latency_1h: Vec<LatencyPoint>,
    /// Latency over the last 24 h, at most [`LATENCY_24H_POINTS`] points.
    pub latency_24h: Vec<LatencyPoint>,
    /// 24 hourly buckets, oldest first; the last is the current hour.
    pub hours_24: Vec<Bar>,
    /// 7 buckets of 24 h, oldest first; the last ends with the current hour.
    pub days_7: Vec<Bar>,
    /// Uptime over `hours_24`, up to now.
    pub uptime_24h: SpanUptime,
    /// Uptime over `days_7`, up to now.
    pub uptime_7d: SpanUptime,
}

/// Uptime over a span of bars, of the time observed: what the headline above the bars says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanUptime {
    /// Share of judged time not down, percent; `None` without judged time.
    pub percent: Option<f64>,
    /// Share of judged time fully up (degraded time apart), percent; `None` without judged
    /// time.
    pub up_percent: Option<f64>,
    /// Time the app was watching, in ms.
    pub observed_ms: i64,
    /// Time of the span, up to now, the app was not running, in ms.
    pub not_running_ms: i64,
    /// [`words::uptime`]: "up 93.3 % of the 3 h observed, degraded 12 min".
    pub words: String,
    /// Its first part, the share of the time observed: "up 93.3 % of the 3 h observed".
    pub headline: String,
    /// The rest, each kind of time apart: "degraded 12 min, not running 20 h 30 min"; empty
    /// when there is nothing more to say.
    pub details: String,
}

impl SpanUptime {
    fn new(bars: &[Bar]) -> SpanUptime {
        let time: StateMs = bars.iter().map(|b| b.time).sum();
        let not_running_ms = bars.iter().map(|b| b.not_running_ms).sum();
        let parts = words::uptime_parts(&time, not_running_ms);
        SpanUptime {
            percent: time.percent(),
            up_percent: time.up_percent(),
            observed_ms: time.observed_ms(),
            not_running_ms,
            words: parts.join(", "),
            headline: parts.first().cloned().unwrap_or_default(),
            details: parts.get(1..).unwrap_or_default().join(", "),
        }
    }
}

impl ServiceHistory {
    /// Reads `service`'s card history as of `now_ms` (see the type's docs for the windows).
    pub fn read(store: &Store, service: &str, now_ms: i64) -> crate::Result<ServiceHistory> {
        let end = now_ms - now_ms.rem_euclid(HOUR_MS) + HOUR_MS;
        let gaps = store.not_running(service, end - 7 * DAY_MS, end, now_ms)?;
        let bars = |since: i64, size: i64| -> crate::Result<Vec<Bar>> {
            let buckets = store.buckets(service, since, end, size)?;
            Ok(buckets
                .into_iter()
                .map(|b| {
                    let not_running = overlap(&gaps, b.start_ms, b.start_ms + size);
                    Bar::new(b, not_running)
                })
                .collect())
        };
        let hours_24 = bars(end - DAY_MS, HOUR_MS)?;
        let days_7 = bars(end - 7 * DAY_MS, DAY_MS)?;
        Ok(ServiceHistory {
            service: service.to_string(),
            latency_1h: store.latency(service, now_ms - HOUR_MS, LATENCY_1H_POINTS)?,
            latency_24h: store.latency(service, now_ms - DAY_MS, LATENCY_24H_POINTS)?,
            uptime_24h: SpanUptime::new(&hours_24),
            uptime_7d: SpanUptime::new(&days_7),
            hours_24,
            days_7,
        })
    }
}

/// One uptime bar: its bucket, how much of it was observed, and what it says ("up 80 % of
/// the 1 h observed, down 12 min"; "not running" for a bar the app did not observe at all:
/// a gap, neither up nor down) after the time range the UI writes in local time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The bucket's time per state, worst state and percent.
    #[serde(flatten)]
    pub bucket: Bucket,
    /// Time the app was watching in this bar, in ms ([`StateMs::observed_ms`]).
    pub observed_ms: i64,
    /// Time of this bar, up to now, the app was not running, in ms.
    pub not_running_ms: i64,
    /// [`words::time_per_state`] of the bucket.
    pub words: String,
}

impl Bar {
    fn new(bucket: Bucket, not_running_ms: i64) -> Bar {
        Bar {
            observed_ms: bucket.time.observed_ms(),
            not_running_ms,
            words: words::time_per_state(&bucket.time, not_running_ms),
            bucket,
        }
    }
}

impl std::ops::Deref for Bar {
    type Target = Bucket;

    fn deref(&self) -> &Bucket {
        &self.bucket
    }
}

impl HistoryReport {
    /// Reads incidents and uptime for one service (or all) over `[since_ms, now_ms]`.
    pub fn read(
        store: &Store,
        service: Option<&str>,
        since_ms: i64,
        now_ms: i64,
    ) -> crate::Result<HistoryReport> {
        let incidents = store.incidents(service, since_ms)?;
        let uptime = store.uptime(service, since_ms, now_ms)?;
        let not_running = |service: &str| -> crate::Result<i64> {
            let gaps = store.not_running(service, since_ms, now_ms + 1, now_ms + 1)?;
            Ok(overlap(&gaps, since_ms, now_ms + 1))
        };
        Ok(HistoryReport {
            since: rfc3339(since_ms),
            until: rfc3339(now_ms),
            incidents: incidents
                .iter()
                .map(|i| IncidentReport::read(store, i, now_ms))
                .collect::<crate::Result<_>>()?,
            uptime: uptime
                .iter()
                .map(|u| Ok(UptimeReport::new(u, not_running(&u.service)?)))
                .collect::<crate::Result<_>>()?,
        })
    }
}

impl IncidentReport {
    /// The incident, with the time inside it the app was not running read from the samples
    /// of the same span the uptime columns sum, so that the two agree.
    fn read(store: &Store, i: &Incident, now_ms: i64) -> crate::Result<IncidentReport> {
        let end = i.ended_ms.unwrap_or(now_ms).max(i.started_ms);
        let gaps = store.not_running(&i.service, i.started_ms, end, end)?;
        Ok(IncidentReport::new(
            i,
            now_ms,
            overlap(&gaps, i.started_ms, end),
        ))
    }

    fn new(i: &Incident, now_ms: i64, not_running_ms: i64) -> IncidentReport {
        IncidentReport {
            id: i.id,
            service: i.service.clone(),
            start: rfc3339(i.started_ms),
            end: i.ended_ms.map(rfc3339),
            start_ms: i.started_ms,
            end_ms: i.ended_ms,
            ongoing: i.ended_ms.is_none(),
            duration_secs: i.duration_ms(now_ms) / 1000,
            not_running_secs: not_running_ms / 1000,
            duration_text: words::incident_duration(i.duration_ms(now_ms), not_running_ms),
            worst: i.worst,
            cause: i.cause,
            cause_text: i.cause.map(|c| c.describe(&i.detail)).unwrap_or_default(),
            causes: i.causes.clone(),
            detail: i.detail.clone(),
            official_lag_secs: i.official_lag_ms.map(|ms| ms / 1000),
            official_acknowledged: i.official_acknowledged,
            official_lag_text: i
                .official_lag_ms
                .map(|ms| words::official_lag(ms, i.official_acknowledged == Some(true)))
                .unwrap_or_default(),
        }
    }
}

impl UptimeReport {
    /// `not_running_ms`: the time of the window the app was not running.
    fn new(u: &Uptime, not_running_ms: i64) -> UptimeReport {
        UptimeReport {
            service: u.service.clone(),
            percent: u.time.percent(),
            up_percent: u.time.up_percent(),
            observed_secs: u.time.observed_ms() / 1000,
            not_running_secs: not_running_ms / 1000,
            words: words::uptime(&u.time, not_running_ms),
            up_secs: u.time.up_ms / 1000,
            degraded_secs: u.time.degraded_ms / 1000,
            down_secs: u.time.down_ms / 1000,
            maintenance_secs: u.time.maintenance_ms / 1000,
            unknown_secs: u.time.unknown_ms / 1000,
            offline_secs: u.time.offline_ms / 1000,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::store::testutil::*;
    use crate::{Connectivity, Observation, ProbeKind};

    const MIN: i64 = 60_000;
    /// Mid-hour, so the current hour's bucket is half full.
    const NOW: i64 = 30 * DAY_MS + 30 * MIN;
    /// The end of the current hour: where the bars end.
    const END: i64 = 30 * DAY_MS + HOUR_MS;

    fn keys(v: &serde_json::Value) -> Vec<&str> {
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// A week up to [`NOW`] of one `wa` round a minute with three probes: offline (and
    /// "down") for the hour three hours before [`END`], down for the hour before `END - 2
    /// days`, up otherwise.
    fn a_week_of_minute_rounds() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for at in (0..=7 * DAY_MS / MIN).map(|i| NOW - i * MIN) {
            let (connectivity, verdict, probes) =
                if (END - 3 * HOUR_MS..END - 2 * HOUR_MS).contains(&at) {
                    let failed = Observation::failed(
                        ProbeKind::Dns,
                        "g.whatsapp.net",
                        Cause::DnsTimeout,
                        5_000,
                        "",
                    );
                    (Connectivity::Offline, Verdict::Down, vec![failed; 3])
                } else if (END - 2 * DAY_MS - HOUR_MS..END - 2 * DAY_MS).contains(&at) {
                    let failed = Observation::failed(
                        ProbeKind::Tcp,
                        "g.whatsapp.net:443",
                        Cause::TcpRefused,
                        3,
                        "",
                    );
                    (Connectivity::Online, Verdict::Down, vec![failed; 3])
                } else {
                    let ok = Observation::ok(
                        ProbeKind::Tcp,
                        "g.whatsapp.net:443",
                        50 + (at / MIN % 10) as u64,
                        "",
                    );
                    (Connectivity::Online, Verdict::Up, vec![ok; 3])
                };
            let mut r = round(at, connectivity, &[("wa", verdict, MIN)]);
            r.services[0].observations = probes;
            store.record_round(&r).unwrap();
        }
        store
    }

    #[test]
    fn a_service_card_shows_a_week_with_offline_time_apart() {
        let mut store = a_week_of_minute_rounds();
        let started = Instant::now();
        let h = ServiceHistory::read(&store, "wa", NOW).unwrap();
        eprintln!(
            "ServiceHistory::read over a week of minute rounds: {:?}",
            started.elapsed()
        );

        // 24 hour bars ending with the current hour; the offline hour is grey, not red.
        assert_eq!(h.hours_24.len(), 24);
        assert_eq!(h.hours_24[0].start_ms, END - DAY_MS);
        assert_eq!(h.hours_24[23].start_ms, END - HOUR_MS);
        let offline = &h.hours_24[21];
        assert_eq!(
            (offline.time.offline_ms, offline.time.down_ms, offline.worst),
            (HOUR_MS, 0, None)
        );
        assert!(h
            .hours_24
            .iter()
            .enumerate()
            .all(|(i, b)| i == 21 || b.worst == Some(Verdict::Up)));
        assert_eq!(h.hours_24[23].time.up_ms, 31 * MIN); // :00 to :30 of the current hour
        assert_eq!(h.uptime_24h.percent, Some(100.0));

        // Seven day bars; the last one sums the 24 hour bars exactly.
        assert_eq!(h.days_7.len(), 7);
        assert_eq!(h.days_7[0].start_ms, END - 7 * DAY_MS);
        let worst: Vec<Option<Verdict>> = h.days_7.iter().map(|b| b.worst).collect();
        use Verdict::{Down, Up};
        assert_eq!(
            worst,
            [
                Some(Up),
                Some(Up),
                Some(Up),
                Some(Up),
                Some(Down),
                Some(Up),
                Some(Up)
            ]
        );
        let hours: StateMs = h.hours_24.iter().map(|b| b.time).sum();
        assert_eq!(h.days_7[6].time, hours);
        // The bars start 30 min after the first round (they end with the current hour).
        let rounds = 7 * DAY_MS / MIN + 1 - 30;
        let judged = (rounds - 60) * MIN;
        assert_eq!(
            h.uptime_7d.percent,
            Some((judged - HOUR_MS) as f64 / judged as f64 * 100.0)
        );

        // Latency: every round of the last hour; the day downsampled, offline failures
        // flagged as such and no failure of the service's own.
        assert_eq!(h.latency_1h.len(), 61);
        assert!(h
            .latency_1h
            .iter()
            .all(|p| !p.failed && p.latency_ms.is_some()));
        assert!(h.latency_24h.len() <= LATENCY_24H_POINTS && h.latency_24h.len() > 280);
        assert!(h.latency_24h.iter().any(|p| p.failed && p.offline));
        assert!(!h.latency_24h.iter().any(|p| p.failed && !p.offline));

        // After a prune with a one-day retention the card reads the same (whole hours), and an
        // old range still has points, from the roll-ups.
        store.prune(NOW, 1).unwrap();
        assert!(store.observations("wa", 0).unwrap()[0].at_ms > NOW - 2 * DAY_MS);
        assert_eq!(ServiceHistory::read(&store, "wa", NOW).unwrap(), h);
        let week = store.latency("wa", NOW - 7 * DAY_MS, 1_000).unwrap();
        assert!(week[0].at_ms < NOW - 6 * DAY_MS, "{:?}", week[0]);
        let outage: Vec<i64> = week
            .iter()
            .filter(|p| p.failed && !p.offline)
            .map(|p| p.at_ms)
            .collect();
        assert_eq!(outage, [END - 2 * DAY_MS - HOUR_MS]);
    }

    #[test]
    fn a_service_without_history_has_empty_bars_and_no_points() {
        let store = Store::open_in_memory().unwrap();
        let h = ServiceHistory::read(&store, "wa", NOW).unwrap();
        assert_eq!((h.hours_24.len(), h.days_7.len()), (24, 7));
        assert!(h
            .hours_24
            .iter()
            .chain(&h.days_7)
            .all(|b| b.worst.is_none() && b.percent.is_none()));
        assert!(h.latency_1h.is_empty() && h.latency_24h.is_empty());
        assert_eq!((h.uptime_24h.percent, h.uptime_7d.percent), (None, None));
        assert_eq!(h.uptime_24h.words, "not judged yet");
        assert_eq!(
            (
                h.uptime_24h.headline.as_str(),
                h.uptime_24h.details.as_str()
            ),
            ("not judged yet", "")
        );
        // Time the app was not running is a gap: neither up nor down.
        assert!(h
            .hours_24
            .iter()
            .all(|b| b.observed_ms == 0 && b.words == "not running"));
        assert_eq!(h.hours_24[23].not_running_ms, 30 * MIN); // up to now only
    }

    #[test]
    fn service_history_serializes_in_snake_case() {
        let mut store = Store::open_in_memory().unwrap();
        let mut r = round(NOW, Connectivity::Online, &[("wa", Verdict::Down, MIN)]);
        r.services[0].observations = vec![Observation::failed(
            ProbeKind::Tcp,
            "x:443",
            Cause::TcpRefused,
            3,
            "",
        )];
        store.record_round(&r).unwrap();
        let json = serde_json::to_value(ServiceHistory::read(&store, "wa", NOW).unwrap()).unwrap();
        assert_eq!(
            keys(&json),
            [
                "days_7",
                "hours_24",
                "latency_1h",
                "latency_24h",
                "service",
                "uptime_24h",
                "uptime_7d"
            ]
        );
        let bar = &json["hours_24"][23];
        assert_eq!(
            keys(bar),
            [
                "degraded_ms",
                "down_ms",
                "maintenance_ms",
                "not_running_ms",
                "observed_ms",
                "offline_ms",
                "percent",
                "start_ms",
                "unknown_ms",
                "up_ms",
                "words",
                "worst"
            ]
        );
        assert_eq!(
            (bar["worst"].as_str(), bar["percent"].as_f64()),
            (Some("down"), Some(0.0))
        );
        assert!(json["hours_24"][0]["worst"].is_null());
        let point = &json["latency_1h"][0];
        assert_eq!(
            keys(point),
            [
                "at_ms",
                "cause",
                "cause_text",
                "failed",
                "latency_ms",
                "offline"
            ]
        );
        assert_eq!(point["cause"], "tcp_refused");
        assert!(point["latency_ms"].is_null());
    }

    #[test]
    fn history_report_json_keeps_its_shape() {
        // `outage-radar history --json` prints this: adding ServiceHistory must not change it.
        let mut store = Store::open_in_memory().unwrap();
        store
            .record_round(&round(
                NOW - HOUR_MS,
                Connectivity::Online,
                &[("wa", Verdict::Down, HOUR_MS)],
            ))
            .unwrap();
        store
            .record_transition(
                "wa",
                &transition(
                    Verdict::Up,
                    Verdict::Down,
                    Some(Cause::TcpRefused),
                    NOW - HOUR_MS,
                ),
            )
            .unwrap();
        let json =
            serde_json::to_value(HistoryReport::read(&store, None, NOW - DAY_MS, NOW).unwrap())
                .unwrap();
        assert_eq!(keys(&json), ["incidents", "since", "until", "uptime"]);
        assert_eq!(
            keys(&json["incidents"][0]),
            [
                "cause",
                "cause_text",
                "causes",
                "detail",
                "duration_secs",
                "duration_text",
                "end",
                "end_ms",
                "id",
                "not_running_secs",
                "official_acknowledged",
                "official_lag_secs",
                "official_lag_text",
                "ongoing",
                "service",
                "start",
                "start_ms",
                "worst"
            ]
        );
        assert_eq!(
            keys(&json["uptime"][0]),
            [
                "degraded_secs",
                "down_secs",
                "maintenance_secs",
                "not_running_secs",
                "observed_secs",
                "offline_secs",
                "percent",
                "service",
                "unknown_secs",
                "up_percent",
                "up_secs",
                "words"
            ]
        );
        assert_eq!(json["uptime"][0]["percent"], 0.0);
    }

    #[test]
    fn three_hours_of_a_day_read_as_three_hours_observed_and_the_rest_as_a_gap() {
        // A round a minute for the last three hours, degraded for 12 min two hours ago.
        let mut store = Store::open_in_memory().unwrap();
        for at in (1..=180).map(|i| NOW - i * MIN) {
            let degraded = (NOW - 2 * HOUR_MS..NOW - 2 * HOUR_MS + 12 * MIN).contains(&at);
            let verdict = if degraded {
                Verdict::Degraded
            } else {
                Verdict::Up
            };
            let r = round(at, Connectivity::Online, &[("wa", verdict, MIN)]);
            store.record_round(&r).unwrap();
        }
        let h = ServiceHistory::read(&store, "wa", NOW).unwrap();
        assert_eq!(
            h.uptime_24h.words,
            "up 93.3 % of the 3 h observed, degraded 12 min, not running 20 h 30 min"
        );
        assert_eq!(h.uptime_24h.headline, "up 93.3 % of the 3 h observed");
        assert_eq!(
            h.uptime_24h.details,
            "degraded 12 min, not running 20 h 30 min"
        );
        assert_eq!(h.uptime_24h.observed_ms, 3 * HOUR_MS);
        assert_eq!(h.uptime_24h.percent, Some(100.0)); // never down, but not 100 % up
        assert_eq!(
            h.uptime_7d.words,
            "up 93.3 % of the 3 h observed, degraded 12 min, not running 6 d 20 h"
        );
        let words: Vec<&str> = h.hours_24[19..].iter().map(|b| b.words.as_str()).collect();
        assert_eq!(
            words,
            [
                "not running",
                "up 100 % of the 30 min observed, not running 30 min",
                "up 80 % of the 1 h observed, degraded 12 min",
                "up 100 % of the 1 h observed",
                "up 100 % of the 30 min observed",
            ]
        );
        let gap = &h.hours_24[19];
        assert_eq!(
            (gap.worst, gap.observed_ms, gap.not_running_ms),
            (None, 0, HOUR_MS)
        );
        assert_eq!(h.hours_24[21].worst, Some(Verdict::Degraded));
    }

    #[test]
    fn an_incident_says_how_much_of_it_was_not_running_as_the_uptime_counts_it() {
        // Down 10 min, the app quit for 2 h, down 5 min more after the restart, then up.
        let mut store = Store::open_in_memory().unwrap();
        let start = NOW - 3 * HOUR_MS;
        let down = (0..10).chain(130..135).map(|i| start + i * MIN);
        for at in down {
            let r = round(at, Connectivity::Online, &[("wa", Verdict::Down, MIN)]);
            store.record_round(&r).unwrap();
        }
        let open = transition(Verdict::Up, Verdict::Down, Some(Cause::TcpRefused), start);
        store.record_transition("wa", &open).unwrap();
        let back = transition(Verdict::Down, Verdict::Up, None, start + 135 * MIN);
        store.record_transition("wa", &back).unwrap();

        let report = HistoryReport::read(&store, None, NOW - DAY_MS, NOW).unwrap();
        let incident = &report.incidents[0];
        assert_eq!(incident.duration_text, "2 h 15 min (not running 2 h of it)");
        let uptime = &report.uptime[0];
        assert_eq!(
            incident.duration_secs - incident.not_running_secs,
            uptime.down_secs + uptime.degraded_secs
        );
        assert_eq!(uptime.observed_secs, 15 * 60);
        assert_eq!(uptime.not_running_secs, (DAY_MS - 15 * MIN) / 1000);
        assert_eq!(
            uptime.words,
            "up 0 % of the 15 min observed, down 15 min, not running 23 h 45 min"
        );
    }
}
