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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Atlassian Statuspage v2 (`summary.json`).
    Statuspage,
    /// Meta Status (`orgs.json`).
    Metastatus,
}

impl SourceKind {
    /// Every kind of source.
    pub const ALL: [SourceKind; 2] = [SourceKind::Statuspage, SourceKind::Metastatus];

    /// The snake_case name used in JSON, SQL and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Statuspage => "statuspage",
            SourceKind::Metastatus => "metastatus",
        }
    }
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
}
