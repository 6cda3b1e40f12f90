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

/// Time the app was not running: a gap, neither up nor down.
pub const NOT_RUNNING: &str = "not running";

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

/// A span's uptime of the time observed, as the headline of its bars and `history` say it:
/// "up 100 % of the 3 h observed", "up 93.3 % of the 3 h observed, degraded 12 min, not
/// running 21 h". The share is of judged time, fully up (degraded and maintenance time are
/// named apart); offline time is named and not counted; time the app was not running is
/// neither up nor down. [`NOT_JUDGED_YET`] when nothing was observed.
pub fn uptime(t: &StateMs, not_running_ms: i64) -> String {
    uptime_parts(t, not_running_ms).join(", ")
}

/// [`uptime`] in its parts, for a headline and the details under it: the share of the time
/// observed first ("up 93.3 % of the 3 h observed"), then each kind of time apart
/// ("degraded 12 min", "not running 20 h 30 min").
pub fn uptime_parts(t: &StateMs, not_running_ms: i64) -> Vec<String> {
    if t.observed_ms() == 0 {
        return vec![NOT_JUDGED_YET.to_string()];
    }
    observed(t, not_running_ms)
}

/// One slice of time in words, as an uptime bar's label says it after its time range: as
/// [`uptime`] ("up 80 % of the 1 h observed, down 12 min", "you were offline 1 h, not
/// counted"), and [`NOT_RUNNING`] for a slice the app did not observe at all.
pub fn time_per_state(t: &StateMs, not_running_ms: i64) -> String {
    if t.observed_ms() == 0 {
        return NOT_RUNNING.to_string();
    }
    observed(t, not_running_ms).join(", ")
}

/// An incident's duration, saying how much of it the app was not running, so that the rest
/// agrees with the down and degraded time of the same span: "2 h 15 min (not running 2 h of
/// it)".
pub fn incident_duration(duration_ms: i64, not_running_ms: i64) -> String {
    let total = duration(duration_ms);
    if not_running_ms < 1000 {
        return total;
    }
    format!("{total} ({NOT_RUNNING} {} of it)", duration(not_running_ms))
}

/// The parts of [`uptime`] and [`time_per_state`] for a span with something observed.
fn observed(t: &StateMs, not_running_ms: i64) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(up) = t.up_percent() {
        parts.push(format!(
            "up {} of the {} observed",
            short_percent(up),
            duration(t.judged_ms())
        ));
        for (ms, word) in [
            (t.degraded_ms, "degraded"),
            (t.down_ms, "down"),
            (t.maintenance_ms, "maintenance"),
        ] {
            if ms > 0 {
                parts.push(format!("{word} {}", duration(ms)));
            }
        }
        if t.offline_ms > 0 {
            parts.push(format!("offline {} (not counted)", duration(t.offline_ms)));
        }
    } else if t.offline_ms > 0 {
        parts.push(format!(
            "you were offline {}, not counted",
            duration(t.offline_ms)
        ));
    }
    if t.unknown_ms > 0 {
        parts.push(format!("not judged {}", duration(t.unknown_ms)));
    }
    if not_running_ms >= 1000 {
        parts.push(format!("{NOT_RUNNING} {}", duration(not_running_ms)));
    }
    parts
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
    /// [`NOT_RUNNING`].
    pub not_running: &'static str,
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
        not_running: NOT_RUNNING,
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

    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;

    fn ms(up: i64, degraded: i64, down: i64, offline: i64, unknown: i64) -> StateMs {
        StateMs {
            up_ms: up,
            degraded_ms: degraded,
            down_ms: down,
            offline_ms: offline,
            unknown_ms: unknown,
            ..StateMs::default()
        }
    }

    #[test]
    fn uptime_is_of_the_time_observed_and_names_degraded_time() {
        let cases = [
            // (time per state, not running, words)
            (ms(3 * HOUR, 0, 0, 0, 0), 0, "up 100 % of the 3 h observed"),
            (
                ms(3 * HOUR, 0, 0, 0, 0),
                165 * HOUR,
                "up 100 % of the 3 h observed, not running 6 d 21 h",
            ),
            (
                ms(168 * MIN, 12 * MIN, 0, 0, 0),
                0,
                "up 93.3 % of the 3 h observed, degraded 12 min",
            ),
            (
                ms(48 * MIN, 0, 12 * MIN, 0, 0),
                0,
                "up 80 % of the 1 h observed, down 12 min",
            ),
            (
                ms(30 * MIN, 0, 0, 20 * MIN, 0),
                10 * MIN,
                "up 100 % of the 30 min observed, offline 20 min (not counted), not running 10 min",
            ),
            (ms(0, 0, 0, HOUR, 0), 0, "you were offline 1 h, not counted"),
            (ms(0, 0, 0, 0, 5 * MIN), 0, "not judged 5 min"),
            // Less than a second of a gap is rounding, not a gap.
            (ms(HOUR, 0, 0, 0, 0), 999, "up 100 % of the 1 h observed"),
        ];
        for (t, not_running, want) in cases {
            assert_eq!(uptime(&t, not_running), want, "{t:?}");
            assert_eq!(time_per_state(&t, not_running), want, "{t:?}");
        }
    }

    #[test]
    fn nothing_observed_is_not_judged_yet_as_a_span_and_not_running_as_a_bar() {
        let nothing = StateMs::default();
        assert_eq!(uptime(&nothing, HOUR), "not judged yet");
        assert_eq!(time_per_state(&nothing, HOUR), "not running");
        assert_eq!(short_percent(99.95), "99.9 %");
        assert_eq!(short_percent(100.0), "100 %");
    }

    #[test]
    fn an_incident_says_how_much_of_it_was_not_running() {
        assert_eq!(incident_duration(135 * MIN, 0), "2 h 15 min");
        assert_eq!(
            incident_duration(135 * MIN, 2 * HOUR),
            "2 h 15 min (not running 2 h of it)"
        );
    }
}
