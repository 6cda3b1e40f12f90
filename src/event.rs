//! What the engine tells its shells (CLI, desktop app): events and the current snapshot.
//!
//! Field names are snake_case everywhere, the same as the CLI's JSON contract (docs/design.md,
//! “CLI contract”), so one vocabulary serves the terminal, the SQLite history and the UI.

use serde::Serialize;

use crate::cause::Cause;
use crate::connectivity::Connectivity;
use crate::observation::{Observation, OfficialIncident, OfficialReading};
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
    /// The official source still reads operational although we confirmed trouble.
    pub official_lag: Option<OfficialLag>,
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
    /// The state of everything in one word (see [`Overall`]): `stopped`, the connectivity
    /// problem while not online, else the worst verdict of all services.
    pub overall: Overall,
    /// Per service, in configured order.
    pub services: Vec<ServiceStatus>,
    /// Every service in trouble in one phrase, worst first ("Charlie is down · Bravo has
    /// problems"); empty when none is (see [`crate::summary::affected`]).
    pub affected: String,
    /// The connectivity control probes of the last round: the evidence for "is it me?".
    pub controls: Vec<ProbeStatus>,
    /// Controls set aside because they failed while the others show the network works
    /// ("http://… — Server errors (HTTP 503)"): their own trouble, named so it is not hidden.
    pub misbehaving_controls: Vec<String>,
    /// What was seen when the controls fail while some services answer, in plain words
    /// ("Your connection checks fail (…) while some services answer: your network may block
    /// the checks"); empty otherwise, when the connectivity's own words say it.
    pub connection_note: String,
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
    /// Our probes confirmed trouble while the official source still reads fully
    /// operational; null otherwise (docs/design.md, “Official lag”).
    pub official_lag: Option<OfficialLag>,
    /// The last round's probes.
    pub probes: Vec<ProbeStatus>,
    /// How many probes the service has: 0 for one judged from its status page alone (the
    /// dashboard then draws no latency chart and lists no checks).
    pub probe_count: usize,
}

/// The vendor has not admitted it yet: since when, and what its source still says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialLag {
    /// RFC 3339 time the lag began (our confirmation, or the source's return to "all
    /// good" while the trouble went on).
    pub since: String,
    /// The same as unix milliseconds.
    pub since_ms: i64,
    /// The source's own words ("All Systems Operational").
    pub says: String,
    /// [`OfficialLag::words`] as of the round that last saw it, so every shell says the
    /// same thing.
    pub words: String,
}

impl OfficialLag {
    /// The lag in plain words, as the tray, the card and notifications say it: "the
    /// official status still says “All Systems Operational” (12 min)". The duration is left
    /// out under a minute, where it is noise.
    pub fn words(&self, now_ms: i64) -> String {
        let lasted = now_ms - self.since_ms;
        let base = format!("the official status still says “{}”", self.says);
        if lasted < 60_000 {
            base
        } else {
            format!("{base} ({})", crate::words::duration(lasted))
        }
    }
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
    /// The incident it has open (title and link), when it names one.
    pub incident: Option<OfficialIncident>,
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
    /// Why not, in plain words with the detail ("Server errors (HTTP 503)"); empty when ok.
    pub cause_text: String,
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
            cause_text: o.cause.map(|c| c.describe(&o.detail)).unwrap_or_default(),
            latency_ms: o.latency_ms,
            detail: o.detail.clone(),
            cert_days_left: o.cert_days_left,
        }
    }
}

/// A row with only an id, a name and a state: what unit tests of the shells' policies need.
#[cfg(test)]
impl ServiceStatus {
    pub(crate) fn sample(id: &str, name: &str, state: Verdict) -> ServiceStatus {
        ServiceStatus {
            id: id.into(),
            name: name.into(),
            state,
            since: String::new(),
            since_ms: 0,
            cause: None,
            cause_text: String::new(),
            detail: String::new(),
            latency_ms: None,
            official: None,
            official_lag: None,
            probes: vec![],
            probe_count: 1,
        }
    }
}

impl From<&OfficialReading> for OfficialStatus {
    fn from(r: &OfficialReading) -> Self {
        OfficialStatus {
            source: r.source,
            state: r.verdict,
            text: r.text.clone(),
            incident: r.incident.clone(),
        }
    }
}

/// The state of everything in one word, worst first. The tray icon ([`crate::summary::Glance`]),
/// the tray's first line ([`crate::summary::overall_line`]), the snapshot's `overall` (the
/// CLI's JSON, which the dashboard headline follows) and `check`'s exit code all derive from
/// [`Overall::of`], so they cannot disagree.
///
/// The order:
/// 1. `stopped`: the engine gave up, so nothing else shown is current.
/// 2. A connectivity problem (`offline`, `dns_broken`, `captive_portal`): while the user is
///    not online no service can be judged — it is me, not them — whatever the last verdicts say.
/// 3. Online, the worst service verdict by [`Verdict::severity`]:
///    down > degraded > maintenance > unknown > up. Unknown ranks below every judged state
///    because online it only means "not judged yet": a confirmed problem is news, an
///    unjudged service is not. It ranks above up so nothing claims "all up" meanwhile.
///    No services at all is `up`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// Checks stopped (see [`Snapshot::stopped`]).
    Stopped,
    /// No control is reachable.
    Offline,
    /// Controls are reachable by IP, but names do not resolve.
    DnsBroken,
    /// A login page intercepts the connection.
    CaptivePortal,
    /// Online; some service is down.
    Down,
    /// Online; none down, some degraded.
    Degraded,
    /// Online; none down or degraded, some in maintenance.
    Maintenance,
    /// Online; the others up, some not judged yet.
    Unknown,
    /// Online; every service up (or none watched).
    Up,
}

impl Overall {
    /// The overall state of a snapshot: the one place the order is applied.
    pub fn of(snapshot: &Snapshot) -> Overall {
        Overall::from_parts(
            snapshot.stopped.is_some(),
            snapshot.connectivity,
            &snapshot.services,
        )
    }

    /// The same from its parts, for building a snapshot.
    pub fn from_parts(
        stopped: bool,
        connectivity: Connectivity,
        services: &[ServiceStatus],
    ) -> Overall {
        if stopped {
            return Overall::Stopped;
        }
        match connectivity {
            Connectivity::Offline => return Overall::Offline,
            Connectivity::DnsBroken => return Overall::DnsBroken,
            Connectivity::CaptivePortal => return Overall::CaptivePortal,
            Connectivity::Online => {}
        }
        let worst = services
            .iter()
            .map(|s| s.state)
            .max_by_key(|v| v.severity())
            .unwrap_or(Verdict::Up);
        match worst {
            Verdict::Down => Overall::Down,
            Verdict::Degraded => Overall::Degraded,
            Verdict::Maintenance => Overall::Maintenance,
            Verdict::Unknown => Overall::Unknown,
            Verdict::Up => Overall::Up,
        }
    }

    /// The service verdict it stands for; None for a stopped engine or a connectivity problem.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Overall::Stopped | Overall::Offline | Overall::DnsBroken | Overall::CaptivePortal => {
                None
            }
            Overall::Down => Some(Verdict::Down),
            Overall::Degraded => Some(Verdict::Degraded),
            Overall::Maintenance => Some(Verdict::Maintenance),
            Overall::Unknown => Some(Verdict::Unknown),
            Overall::Up => Some(Verdict::Up),
        }
    }

    /// The Nagios exit code of `check` (docs/design.md, “CLI contract”): 0 up, 1 degraded or
    /// maintenance, 2 down, 3 cannot tell (stopped, connectivity not online, or a service not
    /// judged while the rest are up).
    pub fn exit_code(self) -> u8 {
        match self {
            Overall::Up => 0,
            Overall::Degraded | Overall::Maintenance => 1,
            Overall::Down => 2,
            Overall::Unknown
            | Overall::Stopped
            | Overall::Offline
            | Overall::DnsBroken
            | Overall::CaptivePortal => 3,
        }
    }

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Overall::Stopped => "stopped",
            Overall::Offline => "offline",
            Overall::DnsBroken => "dns_broken",
            Overall::CaptivePortal => "captive_portal",
            Overall::Down => "down",
            Overall::Degraded => "degraded",
            Overall::Maintenance => "maintenance",
            Overall::Unknown => "unknown",
            Overall::Up => "up",
        }
    }
}

impl std::fmt::Display for Overall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Snapshot {
    /// The `overall` of a snapshot the engine builds (running, so never `stopped`).
    pub fn overall_of(connectivity: Connectivity, services: &[ServiceStatus]) -> Overall {
        Overall::from_parts(false, connectivity, services)
    }

    /// Marks checks as stopped, in plain words; `overall` follows.
    pub fn stop(&mut self, why: impl Into<String>) {
        self.stopped = Some(why.into());
        self.overall = Overall::of(self);
    }

    /// The Nagios exit code of `check`, from [`Overall::of`].
    pub fn exit_code(&self) -> u8 {
        Overall::of(self).exit_code()
    }
}
