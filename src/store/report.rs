//! The history as people read it: incidents and uptime over a window, ready to serialize
//! (`outage-radar history --json` and the desktop app's `get_history` share it).

use serde::Serialize;

use super::{Incident, Store, Uptime};
use crate::cause::Cause;
use crate::event::rfc3339;
use crate::verdict::Verdict;

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
    /// Duration so far, seconds.
    pub duration_secs: i64,
    /// Worst state reached.
    pub worst: Verdict,
    /// First cause.
    pub cause: Option<Cause>,
    /// First cause in plain words.
    pub cause_text: Option<String>,
    /// Every distinct cause seen, in order.
    pub causes: Vec<Cause>,
    /// Specifics of the first cause.
    pub detail: String,
}

/// Uptime of one service; offline and unknown time are not counted against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UptimeReport {
    /// Service id.
    pub service: String,
    /// Share of judged time not down, percent; None without judged time.
    pub percent: Option<f64>,
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
        Ok(HistoryReport {
            since: rfc3339(since_ms),
            until: rfc3339(now_ms),
            incidents: incidents
                .iter()
                .map(|i| IncidentReport::new(i, now_ms))
                .collect(),
            uptime: uptime.iter().map(UptimeReport::new).collect(),
        })
    }
}

impl IncidentReport {
    fn new(i: &Incident, now_ms: i64) -> IncidentReport {
        IncidentReport {
            id: i.id,
            service: i.service.clone(),
            start: rfc3339(i.started_ms),
            end: i.ended_ms.map(rfc3339),
            start_ms: i.started_ms,
            end_ms: i.ended_ms,
            ongoing: i.ended_ms.is_none(),
            duration_secs: i.duration_ms(now_ms) / 1000,
            worst: i.worst,
            cause: i.cause,
            cause_text: i.cause.map(|c| c.describe(&i.detail)),
            causes: i.causes.clone(),
            detail: i.detail.clone(),
        }
    }
}

impl UptimeReport {
    fn new(u: &Uptime) -> UptimeReport {
        UptimeReport {
            service: u.service.clone(),
            percent: u.percent(),
            up_secs: u.up_ms / 1000,
            degraded_secs: u.degraded_ms / 1000,
            down_secs: u.down_ms / 1000,
            maintenance_secs: u.maintenance_ms / 1000,
            unknown_secs: u.unknown_ms / 1000,
            offline_secs: u.offline_ms / 1000,
        }
    }
}
