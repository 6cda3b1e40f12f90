//! What one probe or status read saw: a failure is data, never a Rust error.

use serde::{Deserialize, Serialize};

use crate::cause::Cause;
use crate::verdict::Verdict;

/// The network layer a probe exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeKind {
    /// Name resolution.
    Dns,
    /// TCP connect.
    Tcp,
    /// TLS handshake (after a TCP connect).
    Tls,
    /// An HTTP(S) request.
    Http,
}

impl ProbeKind {
    /// The name used in config, JSON and SQL.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeKind::Dns => "dns",
            ProbeKind::Tcp => "tcp",
            ProbeKind::Tls => "tls",
            ProbeKind::Http => "http",
        }
    }

    /// Parses the name used in config, JSON and SQL.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "dns" => ProbeKind::Dns,
            "tcp" => ProbeKind::Tcp,
            "tls" => ProbeKind::Tls,
            "http" => ProbeKind::Http,
            _ => return None,
        })
    }
}

/// The result of one probe at one time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Which layer was probed.
    pub kind: ProbeKind,
    /// What was probed: a host, `host:port` or URL.
    pub target: String,
    /// Whether the probe succeeded (a slow success is still `ok`).
    pub ok: bool,
    /// Why it failed; `None` when `ok`.
    pub cause: Option<Cause>,
    /// Wall time the probe took, in milliseconds.
    pub latency_ms: u64,
    /// Human-readable specifics: the HTTP status, the TLS reason, the resolved address.
    pub detail: String,
    /// Days until the peer certificate expires (TLS and HTTPS probes that reached a certificate).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cert_days_left: Option<i64>,
}

impl Observation {
    /// A successful probe.
    pub fn ok(
        kind: ProbeKind,
        target: impl Into<String>,
        latency_ms: u64,
        detail: impl Into<String>,
    ) -> Self {
        Observation {
            kind,
            target: target.into(),
            ok: true,
            cause: None,
            latency_ms,
            detail: detail.into(),
            cert_days_left: None,
        }
    }

    /// A failed probe with its cause.
    pub fn failed(
        kind: ProbeKind,
        target: impl Into<String>,
        cause: Cause,
        latency_ms: u64,
        detail: impl Into<String>,
    ) -> Self {
        Observation {
            kind,
            target: target.into(),
            ok: false,
            cause: Some(cause),
            latency_ms,
            detail: detail.into(),
            cert_days_left: None,
        }
    }
}

/// Which kind of official status source was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Atlassian Statuspage v2 (`summary.json`).
    Statuspage,
    /// Meta Status (`orgs.json`).
    Metastatus,
    /// Slack's status API v2.
    Slack,
    /// Google Cloud / Workspace `incidents.json`.
    Google,
    /// Status.io public status API.
    Statusio,
    /// incident.io status page summary.
    Incidentio,
}

impl SourceKind {
    /// Every kind, in the order they were added.
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Statuspage,
        SourceKind::Metastatus,
        SourceKind::Slack,
        SourceKind::Google,
        SourceKind::Statusio,
        SourceKind::Incidentio,
    ];

    /// The name used in config, JSON and SQL.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Statuspage => "statuspage",
            SourceKind::Metastatus => "metastatus",
            SourceKind::Slack => "slack",
            SourceKind::Google => "google",
            SourceKind::Statusio => "statusio",
            SourceKind::Incidentio => "incidentio",
        }
    }

    /// The source as people call it ("Statuspage", "Slack status").
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::Statuspage => "Statuspage",
            SourceKind::Metastatus => "Meta Status",
            SourceKind::Slack => "Slack status API",
            SourceKind::Google => "Google status feed",
            SourceKind::Statusio => "Status.io",
            SourceKind::Incidentio => "incident.io status page",
        }
    }
}

/// An incident the official source has open, in its own words, with its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialIncident {
    /// The incident's title ("Messages delayed").
    pub title: String,
    /// Its page on the status site (an `http(s)` URL), or empty when it gave none.
    pub url: String,
}

/// What an official status source said at one time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialReading {
    /// Which kind of source this was.
    pub source: SourceKind,
    /// The URL that was read.
    pub url: String,
    /// The provider's opinion mapped to a verdict; `None` = no opinion (unreadable or unknown wording).
    pub verdict: Option<Verdict>,
    /// The provider's own words ("Major outage", "All Systems Operational"), or why it was unreadable.
    pub text: String,
    /// Wall time the read took, in milliseconds.
    pub latency_ms: u64,
    /// The incident the source has open, when it names one (Statuspage pages do).
    #[serde(default)]
    pub incident: Option<OfficialIncident>,
}
