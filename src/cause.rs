//! The cause ladder: why a probe failed, in names shared by Rust, SQL, JSON and the UI.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why something failed. The order follows the cause ladder (docs/design.md, “Cause ladder”):
/// earlier rungs explain later ones (a name that does not resolve explains a failed HTTP request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The name does not exist (NXDOMAIN).
    DnsNxdomain,
    /// The resolver answered SERVFAIL (the 2021-10-04 signature).
    DnsServfail,
    /// No DNS answer within the timeout.
    DnsTimeout,
    /// Any other resolver failure (refused, no records, malformed answer).
    DnsError,
    /// The host actively refused the connection.
    TcpRefused,
    /// The connection was not established within the timeout.
    TcpTimeout,
    /// The route to the host is missing (network or host unreachable).
    TcpUnreachable,
    /// The peer reset or closed the connection mid-exchange.
    ConnectionReset,
    /// The TLS handshake or certificate failed; `detail` says which.
    Tls,
    /// The server answered with a status outside the expected ranges (the 2024-12-11 signature).
    HttpStatus,
    /// The HTTP exchange did not finish within the timeout.
    HttpTimeout,
    /// More than 10 redirects.
    TooManyRedirects,
    /// The body did not contain the expected text.
    BodyMismatch,
    /// Everything worked, but slower than `slow_ms`.
    Slow,
    /// Our probes pass but the official source reports trouble.
    Official,
    /// An official status source could not be read or understood.
    Unreadable,
}

impl Cause {
    /// The snake_case name used in JSON, SQL and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::DnsNxdomain => "dns_nxdomain",
            Cause::DnsServfail => "dns_servfail",
            Cause::DnsTimeout => "dns_timeout",
            Cause::DnsError => "dns_error",
            Cause::TcpRefused => "tcp_refused",
            Cause::TcpTimeout => "tcp_timeout",
            Cause::TcpUnreachable => "tcp_unreachable",
            Cause::ConnectionReset => "connection_reset",
            Cause::Tls => "tls",
            Cause::HttpStatus => "http_status",
            Cause::HttpTimeout => "http_timeout",
            Cause::TooManyRedirects => "too_many_redirects",
            Cause::BodyMismatch => "body_mismatch",
            Cause::Slow => "slow",
            Cause::Official => "official",
            Cause::Unreadable => "unreadable",
        }
    }

    /// Parses the snake_case name (as stored in the history).
    pub fn parse(s: &str) -> Option<Self> {
        ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The cause in plain words, completed by the observation's `detail` where it helps.
    pub fn describe(self, detail: &str) -> String {
        let with = |base: &str| {
            if detail.is_empty() {
                base.to_string()
            } else {
                format!("{base} ({detail})")
            }
        };
        match self {
            Cause::DnsNxdomain => "The name does not exist (NXDOMAIN)".into(),
            Cause::DnsServfail => "DNS lookups fail (SERVFAIL)".into(),
            Cause::DnsTimeout => "DNS lookups time out".into(),
            Cause::DnsError => with("DNS lookups fail"),
            Cause::TcpRefused => "Connections are refused".into(),
            Cause::TcpTimeout => "Connections time out".into(),
            Cause::TcpUnreachable => "The servers are unreachable".into(),
            Cause::ConnectionReset => "Connections are reset".into(),
            Cause::Tls => with("Secure connection fails"),
            Cause::HttpStatus => match detail
                .split_whitespace()
                .next()
                .and_then(|s| s.parse::<u16>().ok())
            {
                Some(code) if code >= 500 => format!("Server errors (HTTP {code})"),
                Some(code) => format!("Unexpected answer (HTTP {code})"),
                None => with("Unexpected HTTP answer"),
            },
            Cause::HttpTimeout => "Requests time out".into(),
            Cause::TooManyRedirects => "Too many redirects".into(),
            Cause::BodyMismatch => "The page does not show what it should".into(),
            Cause::Slow => with("Slow to answer"),
            Cause::Official => {
                if detail.is_empty() {
                    "Official status reports trouble".into()
                } else {
                    format!("Official status: {}", crate::words::lowered(detail))
                }
            }
            Cause::Unreadable => with("Official status cannot be read"),
        }
    }
}

/// Every cause, in ladder order.
pub const ALL: [Cause; 16] = [
    Cause::DnsNxdomain,
    Cause::DnsServfail,
    Cause::DnsTimeout,
    Cause::DnsError,
    Cause::TcpRefused,
    Cause::TcpTimeout,
    Cause::TcpUnreachable,
    Cause::ConnectionReset,
    Cause::Tls,
    Cause::HttpStatus,
    Cause::HttpTimeout,
    Cause::TooManyRedirects,
    Cause::BodyMismatch,
    Cause::Slow,
    Cause::Official,
    Cause::Unreadable,
];

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for cause in ALL {
            assert_eq!(Cause::parse(cause.as_str()), Some(cause));
            let json = serde_json::to_string(&cause).unwrap();
            assert_eq!(json, format!("\"{}\"", cause.as_str()));
        }
    }

    #[test]
    fn plain_words_name_the_problem() {
        assert_eq!(
            Cause::DnsServfail.describe(""),
            "DNS lookups fail (SERVFAIL)"
        );
        assert_eq!(
            Cause::HttpStatus.describe("503 Service Unavailable"),
            "Server errors (HTTP 503)"
        );
        assert_eq!(
            Cause::Official.describe("Major outage"),
            "Official status: major outage"
        );
    }
}
