//! The words people read for states, connectivity, sources and durations. The tray, the CLI
//! and the notifications say them from here, and the web UI renders the same table (written
//! to `ui/src/lib/words.generated.ts` by the contract test), so a change of wording is one
//! edit. Causes are worded by [`crate::Cause::describe`], and the engine sends that text
//! with every cause it reports.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cause::{self, Cause};
use crate::connectivity::Connectivity;
use crate::observation::SourceKind;
use crate::store::StateMs;
use crate::verdict::Verdict;

/// What the UI shows before the first round has judged anything.
pub const CHECKING: &str = "Checking…";

/// Why a service is in trouble when its status page says so: "Reported down by its status
/// page", and when our own checks of it pass, "; our checks still get through" (the page
/// may know more, or be early; either way the user sees both sides). `checks_pass` is None
/// for a service judged from its status page alone.
pub fn reported_by_status_page(v: Verdict, checks_pass: Option<bool>) -> String {
    let said = match v {
        Verdict::Down => "Reported down by its status page",
        Verdict::Maintenance => "Under maintenance, says its status page",
        _ => "Its status page reports problems",
    };
    if checks_pass == Some(true) {
        format!("{said}; our checks still get through")
    } else {
        said.to_string()
    }
}

/// An uptime figure without any judged time behind it.
pub const NOT_JUDGED_YET: &str = "not judged yet";

/// A state as a label: "Up", "Degraded", "Down", "Maintenance", "Not judged".
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Up => "Up",
        Verdict::Degraded => "Degraded",
        Verdict::Down => "Down",
        Verdict::Maintenance => "Maintenance",
        Verdict::Unknown => "Not judged",
    }
}

/// A state inside a sentence: "WhatsApp is *down* since 10:42".
pub fn verdict_phrase(v: Verdict) -> &'static str {
    match v {
        Verdict::Up => "up",
        Verdict::Degraded => "degraded",
        Verdict::Down => "down",
        Verdict::Maintenance => "in maintenance",
        Verdict::Unknown => "not judged",
    }
}

/// Why a service has no verdict while the user's own network is in trouble; empty online.
pub fn not_judged(c: Connectivity) -> &'static str {
    match c {
        Connectivity::Online => "",
        Connectivity::Offline => "Can't be judged while you are offline.",
        Connectivity::DnsBroken => "Can't be judged while your DNS is broken.",
        Connectivity::CaptivePortal => "Can't be judged until you sign in to the network.",
    }
}

/// The name of a kind of official source, as a reader knows it.
pub fn source(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Statuspage => "status page",
        SourceKind::Metastatus => "Meta Status",
        SourceKind::Slack => "Slack status",
        SourceKind::Google => "Google status dashboard",
        SourceKind::Statusio => "status page",
        SourceKind::Incidentio => "status page",
    }
}

/// A duration in the words people use: "45 s", "12 min", "1 h 12 min", "2 d 3 h".
pub fn duration(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (d, h, m, s) = (
        secs / 86_400,
        secs % 86_400 / 3600,
        secs % 3600 / 60,
        secs % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// A latency: "320 ms", "2.5 s".
pub fn latency(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// How long an incident's official source said all was well, as the history shows it:
/// "acknowledged after 14 min", or "official status said operational for 14 min" when the
/// vendor never admitted it.
pub fn official_lag(lag_ms: i64, acknowledged: bool) -> String {
    let lag = duration(lag_ms);
    if acknowledged {
        format!("acknowledged after {lag}")
    } else {
        format!("official status said operational for {lag}")
    }
}

/// "80 %", "99.9 %", "100 %": short, and rounded down so any downtime shows below 100.
pub fn short_percent(percent: f64) -> String {
    let floored = (percent * 10.0).floor() / 10.0;
    if floored.fract() == 0.0 {
        format!("{floored:.0} %")
    } else {
        format!("{floored:.1} %")
    }
}

/// One slice of time in words, as an uptime bar's label says it after its time range:
/// "down 12 min, 80 % up", "you were offline 1 h, not counted", "no data".
pub fn time_per_state(t: &StateMs) -> String {
    let Some(percent) = t.percent() else {
        if t.offline_ms > 0 {
            return format!("you were offline {}, not counted", duration(t.offline_ms));
        }
        return if t.unknown_ms > 0 {
            "not judged"
        } else {
            "no data"
        }
        .to_string();
    };
    let mut parts = Vec::new();
    for (ms, word) in [
        (t.down_ms, "down"),
        (t.degraded_ms, "degraded"),
        (t.maintenance_ms, "maintenance"),
    ] {
        if ms > 0 {
            parts.push(format!("{word} {}", duration(ms)));
        }
    }
    if t.offline_ms > 0 {
        parts.push(format!("offline {} (not counted)", duration(t.offline_ms)));
    }
    parts.push(format!("{} up", short_percent(percent)));
    parts.join(", ")
}

/// Text lowered for the middle of a sentence, except acronyms: "Major Outage" → "major
/// outage", "API Errors" → "API errors".
pub fn lowered(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let acronym = letters >= 2 && !word.chars().any(char::is_lowercase);
            if acronym {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word per name, keyed by the name the JSON uses ("up", "dns_broken").
pub type Table = BTreeMap<&'static str, &'static str>;

/// The whole table, as the web UI receives it.
#[derive(Debug, Serialize)]
pub struct Vocabulary {
    /// [`verdict`] per state name.
    pub verdict: Table,
    /// [`verdict_phrase`] per state name.
    pub verdict_phrase: Table,
    /// [`Connectivity::describe`] per connectivity name.
    pub connectivity: Table,
    /// [`not_judged`] per connectivity name.
    pub not_judged: Table,
    /// [`source`] per source kind.
    pub source: Table,
    /// [`CHECKING`].
    pub checking: &'static str,
    /// [`NOT_JUDGED_YET`].
    pub not_judged_yet: &'static str,
    /// [`Verdict::severity`] per state name: the one order of trouble, for sorting.
    pub severity: BTreeMap<&'static str, u8>,
}

const VERDICTS: [Verdict; 5] = [
    Verdict::Up,
    Verdict::Degraded,
    Verdict::Down,
    Verdict::Maintenance,
    Verdict::Unknown,
];

const CONNECTIVITIES: [Connectivity; 4] = [
    Connectivity::Online,
    Connectivity::Offline,
    Connectivity::DnsBroken,
    Connectivity::CaptivePortal,
];

/// Every word of this module, keyed by the names the JSON uses.
pub fn vocabulary() -> Vocabulary {
    let verdicts = |f: fn(Verdict) -> &'static str| -> Table {
        VERDICTS.iter().map(|&v| (v.as_str(), f(v))).collect()
    };
    let connectivities = |f: fn(Connectivity) -> &'static str| -> Table {
        CONNECTIVITIES.iter().map(|&c| (c.as_str(), f(c))).collect()
    };
    Vocabulary {
        verdict: verdicts(verdict),
        verdict_phrase: verdicts(verdict_phrase),
        connectivity: connectivities(Connectivity::describe),
        not_judged: connectivities(not_judged),
        source: SourceKind::ALL
            .iter()
            .map(|&s| (s.as_str(), source(s)))
            .collect(),
        checking: CHECKING,
        not_judged_yet: NOT_JUDGED_YET,
        severity: VERDICTS
            .iter()
            .map(|&v| (v.as_str(), v.severity()))
            .collect(),
    }
}

/// Every cause's words without a detail: what the UI must never write on its own.
pub fn cause_words() -> Vec<String> {
    cause::ALL.iter().map(|c: &Cause| c.describe("")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_words() {
        for (ms, want) in [
            (0, "0 s"),
            (45_000, "45 s"),
            (12 * 60_000, "12 min"),
            (72 * 60_000, "1 h 12 min"),
            (2 * 3_600_000, "2 h"),
            ((2 * 24 + 3) * 3_600_000, "2 d 3 h"),
            (-5, "0 s"),
        ] {
            assert_eq!(duration(ms), want);
        }
    }

    #[test]
    fn lowering_keeps_acronyms() {
        assert_eq!(lowered("Major Outage"), "major outage");
        assert_eq!(lowered("API Errors"), "API errors");
        assert_eq!(lowered("DNS"), "DNS");
        assert_eq!(lowered("A"), "a");
    }

    #[test]
    fn a_slice_of_time_names_trouble_before_the_share_up() {
        let t = StateMs {
            up_ms: 48 * 60_000,
            down_ms: 12 * 60_000,
            ..StateMs::default()
        };
        assert_eq!(time_per_state(&t), "down 12 min, 80 % up");
        let offline = StateMs {
            offline_ms: 3_600_000,
            ..StateMs::default()
        };
        assert_eq!(
            time_per_state(&offline),
            "you were offline 1 h, not counted"
        );
        assert_eq!(time_per_state(&StateMs::default()), "no data");
        assert_eq!(short_percent(99.95), "99.9 %");
        assert_eq!(short_percent(100.0), "100 %");
    }
}
