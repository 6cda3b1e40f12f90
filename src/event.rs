//! What the engine tells its shells (CLI, desktop app): events and the current snapshot.
//!
//! Field names are snake_case everywhere, the same as the CLI's JSON contract (docs/design.md,
//! “CLI contract”), so one vocabulary serves the terminal, the SQLite history and the UI.

use serde::Serialize;

use crate::cause::Cause;
use crate::connectivity::Connectivity;
use crate::observation::{Observation, OfficialReading};
use crate::verdict::Verdict;

/// Unix milliseconds as RFC 3339 in UTC (`2026-11-28T10:42:00Z`).
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Pushed by the engine as things happen.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EngineEvent {
    /// A service's confirmed verdict changed.
    Transition(TransitionEvent),
    /// The user's own connectivity changed.
    Connectivity(ConnectivityEvent),
    /// A round finished: the new snapshot and the transitions it confirmed (for grouping
    /// notifications: several services falling together make one summary).
    Round(RoundEvent),
}

/// A confirmed verdict change of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionEvent {
    /// RFC 3339 time of confirmation.
    pub at: String,
    /// Unix ms of confirmation.
    pub at_ms: i64,
    /// Service id.
    pub service: String,
    /// Service display name.
    pub name: String,
    /// Verdict before.
    pub from: Verdict,
    /// Verdict now.
    pub to: Verdict,
    /// Why (None when up).
    pub cause: Option<Cause>,
    /// The cause in plain words ("DNS lookups fail (SERVFAIL)").
    pub cause_text: String,
    /// Specifics.
    pub detail: String,
    /// Start of the ongoing (or, on recovery, just ended) trouble, unix ms.
    pub trouble_since_ms: Option<i64>,
}

/// A change of the user's own connectivity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectivityEvent {
    /// RFC 3339 time.
    pub at: String,
    /// Unix ms.
    pub at_ms: i64,
    /// Before.
    pub from: Connectivity,
    /// Now.
    pub to: Connectivity,
}

/// The end of a round.
#[derive(Debug, Clone, Serialize)]
pub struct RoundEvent {
    /// Everything as it stands after the round.
    pub snapshot: Snapshot,
    /// Transitions confirmed in this round.
    pub transitions: Vec<TransitionEvent>,
}

/// Everything as it stands: the shape of `outage-radar check --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// RFC 3339 time of the last round.
    pub checked_at: String,
    /// The user's own connectivity.
    pub connectivity: Connectivity,
    /// Worst verdict of all services, or the connectivity problem while not online.
    pub overall: String,
    /// Per service, in configured order.
    pub services: Vec<ServiceStatus>,
    /// The connectivity control probes of the last round: the evidence for "is it me?".
    pub controls: Vec<ProbeStatus>,
    /// Controls set aside because they failed while the others show the network works
    /// ("http://… — Server errors (HTTP 503)"): their own trouble, named so it is not hidden.
    pub misbehaving_controls: Vec<String>,
    /// Why checks stopped, in plain words; null while the engine runs.
    pub stopped: Option<String>,
}

/// Names the controls at `misbehaving` with what went wrong, in plain words.
pub fn misbehaving_controls(controls: &[Observation], misbehaving: &[usize]) -> Vec<String> {
    misbehaving
        .iter()
        .filter_map(|&i| controls.get(i))
        .map(|o| {
            let why = o
                .cause
                .map_or_else(|| o.detail.clone(), |c| c.describe(&o.detail));
            format!("{} — {why}", o.target)
        })
        .collect()
}

/// One service as it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceStatus {
    /// Service id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Verdict (confirmed in `watch`; the re-checked view in `check`).
    pub state: Verdict,
    /// RFC 3339 time the state began (as far as this process knows).
    pub since: String,
    /// The same as unix milliseconds.
    pub since_ms: i64,
    /// Why, when not up.
    pub cause: Option<Cause>,
    /// The cause in plain words.
    pub cause_text: String,
    /// Specifics of the cause.
    pub detail: String,
    /// Slowest successful probe of the last round, ms (None when nothing succeeded).
    pub latency_ms: Option<u64>,
    /// The official source's last reading.
    pub official: Option<OfficialStatus>,
    /// The last round's probes.
    pub probes: Vec<ProbeStatus>,
}

/// The official source's word, as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficialStatus {
    /// `statuspage` or `metastatus`.
    pub source: crate::observation::SourceKind,
    /// Mapped verdict; None = no opinion.
    pub state: Option<Verdict>,
    /// The provider's words, or why it was unreadable.
    pub text: String,
}

/// One probe's last result, as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeStatus {
    /// `dns`, `tcp`, `tls` or `http`.
    pub kind: crate::observation::ProbeKind,
    /// Host, `host:port` or URL.
    pub target: String,
    /// Whether it worked.
    pub ok: bool,
    /// Why not.
    pub cause: Option<Cause>,
    /// Time taken.
    pub latency_ms: u64,
    /// Specifics.
    pub detail: String,
    /// Days until the certificate expires, for TLS and HTTPS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_days_left: Option<i64>,
}

impl From<&Observation> for ProbeStatus {
    fn from(o: &Observation) -> Self {
        ProbeStatus {
            kind: o.kind,
            target: o.target.clone(),
            ok: o.ok,
            cause: o.cause,
            latency_ms: o.latency_ms,
            detail: o.detail.clone(),
            cert_days_left: o.cert_days_left,
        }
    }
}

impl From<&OfficialReading> for OfficialStatus {
    fn from(r: &OfficialReading) -> Self {
        OfficialStatus {
            source: r.source,
            state: r.verdict,
            text: r.text.clone(),
        }
    }
}

impl Snapshot {
    /// Worst verdict across services, or the connectivity problem.
    pub fn overall_of(connectivity: Connectivity, services: &[ServiceStatus]) -> String {
        if connectivity != Connectivity::Online {
            return connectivity.as_str().to_string();
        }
        services
            .iter()
            .map(|s| s.state)
            .max_by_key(|v| v.severity())
            .unwrap_or(Verdict::Up)
            .as_str()
            .to_string()
    }

    /// The Nagios exit code of `check`: 0 all up, 1 degraded/maintenance, 2 any down,
    /// 3 connectivity not online or any unknown (a confirmed down outranks unknown).
    pub fn exit_code(&self) -> u8 {
        if self.connectivity != Connectivity::Online {
            return 3;
        }
        let has = |v: Verdict| self.services.iter().any(|s| s.state == v);
        if has(Verdict::Down) {
            2
        } else if has(Verdict::Unknown) {
            3
        } else if has(Verdict::Degraded) || has(Verdict::Maintenance) {
            1
        } else {
            0
        }
    }
}
