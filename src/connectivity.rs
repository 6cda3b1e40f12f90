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

/// Connectivity, and which controls were set aside as misbehaving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The user's own network.
    pub connectivity: Connectivity,
    /// Indices of controls that failed while the others show the network works: their own
    /// trouble (a 503, a blocked port), not the user's. Empty unless `online`.
    pub misbehaving: Vec<usize>,
}

/// How a plain-HTTP control answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HttpAnswer {
    /// The expected status and content.
    Passed,
    /// Someone else answered in its place: redirected elsewhere, 511, or a 2xx/3xx with
    /// foreign content. What a captive portal does.
    Intercepted,
    /// The control's own server answered with an error (a 503, a 404): its trouble, not ours.
    Trouble,
    /// No HTTP answer at all (timeout, refused, no name).
    Silent,
}

fn http_answer(o: &Observation) -> HttpAnswer {
    use crate::cause::Cause;
    if o.ok {
        return HttpAnswer::Passed;
    }
    match o.cause {
        Some(Cause::BodyMismatch | Cause::TooManyRedirects) => HttpAnswer::Intercepted,
        // The HTTP probe's detail starts with the status code it got ("511 Network ...").
        Some(Cause::HttpStatus) => match status_code(&o.detail) {
            Some(511) | Some(200..=399) => HttpAnswer::Intercepted,
            _ => HttpAnswer::Trouble,
        },
        _ => HttpAnswer::Silent,
    }
}

fn status_code(detail: &str) -> Option<u16> {
    detail.split(' ').next()?.parse().ok()
}

/// Judges connectivity from the control observations; see [`assess`].
pub fn judge(controls: &[Observation]) -> Connectivity {
    assess(controls).connectivity
}

/// Judges connectivity from the control observations, by quorum rather than by any one:
///
/// - every plain-HTTP control that answered was intercepted (and at least one answered) →
///   `captive_portal`; one control with trouble of its own while others pass is set aside;
/// - nothing reachable at all → `offline`;
/// - something reachable by IP but every name lookup fails → `dns_broken`;
/// - otherwise `online`, naming the controls that failed anyway as misbehaving. With no
///   controls configured the user opted out: `online`.
pub fn assess(controls: &[Observation]) -> Judgement {
    let connectivity = connectivity_of(controls);
    let misbehaving = if connectivity == Connectivity::Online {
        (0..controls.len()).filter(|&i| !controls[i].ok).collect()
    } else {
        Vec::new()
    };
    Judgement {
        connectivity,
        misbehaving,
    }
}

fn connectivity_of(controls: &[Observation]) -> Connectivity {
    use crate::cause::Cause;
    use crate::observation::ProbeKind;
    if controls.is_empty() {
        return Connectivity::Online;
    }
    let answers: Vec<HttpAnswer> = controls
        .iter()
        .filter(|o| o.kind == ProbeKind::Http)
        .map(http_answer)
        .collect();
    let count = |a: HttpAnswer| answers.iter().filter(|x| **x == a).count();
    if count(HttpAnswer::Intercepted) > 0
        && count(HttpAnswer::Passed) == 0
        && count(HttpAnswer::Trouble) == 0
    {
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
