//! The user's own connectivity, judged from control probes: is it *me*?

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::observation::Observation;

/// The user's own network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    /// Controls are reachable and names resolve.
    Online,
    /// No control is reachable.
    Offline,
    /// Controls are reachable by IP, but names do not resolve.
    DnsBroken,
    /// A plain-HTTP control answered with someone else's page (hotel or airport login).
    CaptivePortal,
}

impl Connectivity {
    /// The snake_case name used in JSON, SQL and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Connectivity::Online => "online",
            Connectivity::Offline => "offline",
            Connectivity::DnsBroken => "dns_broken",
            Connectivity::CaptivePortal => "captive_portal",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "online" => Connectivity::Online,
            "offline" => Connectivity::Offline,
            "dns_broken" => Connectivity::DnsBroken,
            "captive_portal" => Connectivity::CaptivePortal,
            _ => return None,
        })
    }

    /// The state in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            Connectivity::Online => "You are online",
            Connectivity::Offline => "You are offline",
            Connectivity::DnsBroken => "Your DNS is broken",
            Connectivity::CaptivePortal => {
                "A login page (captive portal) intercepts your connection"
            }
        }
    }
}

impl fmt::Display for Connectivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Judges connectivity from the control observations.
///
/// - a plain-HTTP control that *answered* with the wrong content → `captive_portal`;
/// - nothing reachable at all → `offline`;
/// - something reachable by IP but every name lookup fails → `dns_broken`;
/// - otherwise `online`. With no controls configured the user opted out: `online`.
pub fn judge(controls: &[Observation]) -> Connectivity {
    use crate::cause::Cause;
    use crate::observation::ProbeKind;
    if controls.is_empty() {
        return Connectivity::Online;
    }
    let answered_wrong = |o: &&Observation| {
        o.kind == ProbeKind::Http
            && matches!(
                o.cause,
                Some(Cause::HttpStatus | Cause::BodyMismatch | Cause::TooManyRedirects)
            )
    };
    if controls.iter().any(|o| answered_wrong(&o)) {
        return Connectivity::CaptivePortal;
    }
    let is_dns_failure = |o: &Observation| {
        matches!(
            o.cause,
            Some(Cause::DnsNxdomain | Cause::DnsServfail | Cause::DnsTimeout | Cause::DnsError)
        )
    };
    let reachable = controls.iter().any(|o| o.ok && o.kind == ProbeKind::Tcp);
    let any_ok = controls.iter().any(|o| o.ok);
    let name_checks: Vec<&Observation> = controls
        .iter()
        .filter(|o| o.kind != ProbeKind::Tcp)
        .collect();
    let names_broken = !name_checks.is_empty() && name_checks.iter().all(|o| is_dns_failure(o));
    if !any_ok {
        return Connectivity::Offline;
    }
    if reachable && names_broken {
        return Connectivity::DnsBroken;
    }
    Connectivity::Online
}
