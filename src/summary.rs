//! The state in a few words, for places with room for one line: the tray menu, a headline.

use crate::connectivity::Connectivity;
use crate::event::{Overall, ProbeStatus, ServiceStatus, Snapshot};
use crate::verdict::Verdict;

/// Which of the four tray pictures fits: each has its own shape as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glance {
    /// Green check: everything up.
    Up,
    /// Amber triangle: degraded or maintenance.
    Degraded,
    /// Red cross: something is down.
    Down,
    /// Grey question mark: it's me (connectivity), or not judged yet.
    Unknown,
}

impl Glance {
    /// The picture for a snapshot, from its [`Overall`] state.
    pub fn of(snapshot: &Snapshot) -> Glance {
        Glance::from(Overall::of(snapshot))
    }
}

impl From<Overall> for Glance {
    fn from(overall: Overall) -> Glance {
        match overall {
            Overall::Up => Glance::Up,
            Overall::Degraded | Overall::Maintenance => Glance::Degraded,
            Overall::Down => Glance::Down,
            Overall::Unknown
            | Overall::Stopped
            | Overall::Offline
            | Overall::DnsBroken
            | Overall::CaptivePortal => Glance::Unknown,
        }
    }
}

/// "10:42" in local time (with the date when not today).
pub fn local_time(ms: i64, now_ms: i64) -> String {
    use chrono::{Local, TimeZone};
    let (Some(at), Some(now)) = (
        Local.timestamp_millis_opt(ms).single(),
        Local.timestamp_millis_opt(now_ms).single(),
    ) else {
        return String::new();
    };
    if at.date_naive() == now.date_naive() {
        at.format("%H:%M").to_string()
    } else {
        at.format("%b %-d %H:%M").to_string()
    }
}

/// "WhatsApp", "WhatsApp and Instagram", "Jira, Slack and Zoom", "Jira, Slack and 3 more".
pub fn name_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
    }
}

/// Every service in trouble, worst first and by name within a state: "Charlie is down ·
/// Bravo has problems", "Jira, Slack and 3 more are down · Zoom is in maintenance". Empty
/// when no service is down, degraded or in maintenance.
pub fn affected(services: &[ServiceStatus]) -> String {
    let phrase = |v: Verdict, one: bool| match (v, one) {
        (Verdict::Down, true) => "is down",
        (Verdict::Down, false) => "are down",
        (Verdict::Degraded, true) => "has problems",
        (Verdict::Degraded, false) => "have problems",
        (_, true) => "is in maintenance",
        (_, false) => "are in maintenance",
    };
    [Verdict::Down, Verdict::Degraded, Verdict::Maintenance]
        .into_iter()
        .filter_map(|v| {
            let mut names: Vec<&str> = services
                .iter()
                .filter(|s| s.state == v)
                .map(|s| s.name.as_str())
                .collect();
            names.sort_by_key(|n| n.to_lowercase());
            (!names.is_empty())
                .then(|| format!("{} {}", name_list(&names), phrase(v, names.len() == 1)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The services in the order people look for them: the worst state first (the one order
/// of [`Verdict::severity`]), then by name.
pub fn trouble_first(services: &[ServiceStatus]) -> Vec<&ServiceStatus> {
    let mut sorted: Vec<&ServiceStatus> = services.iter().collect();
    sorted.sort_by_key(|s| (std::cmp::Reverse(s.state.severity()), s.name.to_lowercase()));
    sorted
}

/// The first line of the tray menu: "All services up", "WhatsApp is down since 10:42",
/// "Charlie is down · Bravo has problems", "You are offline".
pub fn overall_line(snapshot: &Snapshot, now_ms: i64) -> String {
    let overall = Overall::of(snapshot);
    match overall.verdict() {
        None => match &snapshot.stopped {
            Some(stopped) => stopped.clone(),
            None if !snapshot.connection_note.is_empty() => {
                "Connection checks fail while some services answer".to_string()
            }
            None => snapshot.connectivity.describe().to_string(),
        },
        Some(Verdict::Up) if snapshot.services.is_empty() => "No services to watch".to_string(),
        Some(Verdict::Up) => "All services up".to_string(),
        Some(Verdict::Unknown) => {
            let all = snapshot
                .services
                .iter()
                .all(|s| s.state == Verdict::Unknown);
            if all {
                crate::words::CHECKING.to_string()
            } else {
                "Some services cannot be judged".to_string()
            }
        }
        Some(_) => {
            let hit: Vec<&ServiceStatus> = snapshot
                .services
                .iter()
                .filter(|s| s.state != Verdict::Up && s.state != Verdict::Unknown)
                .collect();
            match hit.as_slice() {
                [only] => format!(
                    "{} since {}",
                    snapshot.affected,
                    local_time(only.since_ms, now_ms)
                ),
                _ => snapshot.affected.clone(),
            }
        }
    }
}

/// When every control fails but some service answered this round, the two contradict each
/// other: "offline" would be wrong, and so would "up". Say what was seen instead, naming up
/// to three failing controls. Empty when there is no contradiction.
pub fn connection_note(
    connectivity: Connectivity,
    controls: &[ProbeStatus],
    services: &[ServiceStatus],
) -> String {
    let answering = services.iter().any(|s| s.probes.iter().any(|p| p.ok));
    if connectivity == Connectivity::Online || !answering || controls.is_empty() {
        return String::new();
    }
    let failing: Vec<String> = controls
        .iter()
        .filter(|c| !c.ok)
        .map(|c| format!("{}: {}", c.target, crate::words::lowered(&c.cause_text)))
        .collect();
    if failing.is_empty() {
        return String::new();
    }
    let shown = failing
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if failing.len() > 3 { ", …" } else { "" };
    format!(
        "Your connection checks fail ({shown}{more}) while some services answer: your network may block the checks"
    )
}

/// The tray's "Check now" item, with the time of the last round to the second: a check
/// that ends within a second still visibly changes the menu ("Check now (last 10:42:05)").
pub fn check_now_line(snapshot: &Snapshot) -> String {
    let checked = chrono::DateTime::parse_from_rfc3339(&snapshot.checked_at);
    match checked {
        Ok(at) => format!(
            "Check now (last {})",
            at.with_timezone(&chrono::Local).format("%H:%M:%S")
        ),
        Err(_) => "Check now".to_string(),
    }
}

/// One tray menu line per service: "WhatsApp: down since 10:42 — DNS lookups fail (SERVFAIL)".
pub fn service_line(s: &ServiceStatus, now_ms: i64) -> String {
    let mut line = format!("{}: {}", s.name, crate::words::verdict_phrase(s.state));
    if s.state != Verdict::Unknown {
        line.push_str(&format!(" since {}", local_time(s.since_ms, now_ms)));
    }
    if !s.cause_text.is_empty() {
        line.push_str(&format!(" — {}", s.cause_text));
    }
    if let Some(lag) = &s.official_lag {
        line.push_str(&format!(" — {}", lag.words(now_ms)));
    }
    line
}

/// What the tray line of a service in trouble adds about "tell me when it's back": the
/// line itself is the action (clicking it asks), then it says the request stands. None
/// for any other state, where the line is not clickable.
pub fn back_hint(s: &ServiceStatus, requested: bool) -> Option<&'static str> {
    if !s.state.is_trouble() {
        return None;
    }
    Some(if requested {
        " — you will be told when it's back"
    } else {
        " — click: tell me when it's back"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cause::Cause;
    use crate::connectivity::Connectivity;
    use chrono::Timelike;

    fn service(name: &str, state: Verdict, since_ms: i64) -> ServiceStatus {
        ServiceStatus {
            official_lag: None,
            id: name.to_lowercase(),
            name: name.into(),
            state,
            since: String::new(),
            since_ms,
            cause: (state == Verdict::Down).then_some(Cause::DnsServfail),
            cause_text: if state == Verdict::Down {
                "DNS lookups fail (SERVFAIL)".into()
            } else {
                String::new()
            },
            detail: String::new(),
            latency_ms: None,
            official: None,
            probes: vec![],
            probe_count: 1,
        }
    }

    fn snap(connectivity: Connectivity, services: Vec<ServiceStatus>) -> Snapshot {
        Snapshot {
            checked_at: String::new(),
            connectivity,
            overall: Snapshot::overall_of(connectivity, &services),
            affected: affected(&services),
            services,
            controls: vec![],
            misbehaving_controls: vec![],
            connection_note: String::new(),
            stopped: None,
        }
    }

    #[test]
    fn check_now_says_when_the_last_round_ended_to_the_second() {
        let mut snapshot = snap(Connectivity::Online, vec![]);
        assert_eq!(check_now_line(&snapshot), "Check now");
        let at = chrono::Local::now().with_nanosecond(0).expect("a time");
        snapshot.checked_at = at.to_rfc3339();
        assert_eq!(
            check_now_line(&snapshot),
            format!("Check now (last {})", at.format("%H:%M:%S"))
        );
    }

    #[test]
    fn trouble_comes_first_then_names() {
        let services = vec![
            service("bravo", Verdict::Up, 0),
            service("Alpha", Verdict::Up, 0),
            service("Delta", Verdict::Degraded, 0),
            service("Charlie", Verdict::Down, 0),
            service("Echo", Verdict::Unknown, 0),
            service("Foxtrot", Verdict::Maintenance, 0),
        ];
        let order: Vec<&str> = trouble_first(&services)
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(
            order,
            ["Charlie", "Delta", "Foxtrot", "Echo", "Alpha", "bravo"]
        );
    }

    #[test]
    fn glance_and_overall_line() {
        use chrono::TimeZone;
        let now = chrono::Local
            .with_ymd_and_hms(2026, 11, 28, 11, 0, 0)
            .unwrap()
            .timestamp_millis();
        let at_1042 = now - 18 * 60_000;
        let cases = [
            (
                Connectivity::Online,
                vec![service("WhatsApp", Verdict::Up, 0)],
                Glance::Up,
                "All services up",
            ),
            (
                Connectivity::Online,
                vec![
                    service("WhatsApp", Verdict::Down, at_1042),
                    service("Instagram", Verdict::Up, 0),
                ],
                Glance::Down,
                "WhatsApp is down since 10:42",
            ),
            (
                Connectivity::Online,
                vec![
                    service("WhatsApp", Verdict::Down, 0),
                    service("Instagram", Verdict::Down, 0),
                ],
                Glance::Down,
                "Instagram and WhatsApp are down",
            ),
            (
                Connectivity::Online,
                vec![
                    service("Bravo", Verdict::Degraded, 0),
                    service("Charlie", Verdict::Down, 0),
                    service("Alpha", Verdict::Up, 0),
                ],
                Glance::Down,
                "Charlie is down · Bravo has problems",
            ),
            (
                Connectivity::Online,
                vec![
                    service("Zoom", Verdict::Down, 0),
                    service("Slack", Verdict::Down, 0),
                    service("Jira", Verdict::Down, 0),
                    service("Teams", Verdict::Down, 0),
                    service("Mail", Verdict::Down, 0),
                    service("Docs", Verdict::Maintenance, 0),
                ],
                Glance::Down,
                "Jira, Mail and 3 more are down · Docs is in maintenance",
            ),
            (
                Connectivity::Online,
                vec![service("Threads", Verdict::Degraded, at_1042)],
                Glance::Degraded,
                "Threads has problems since 10:42",
            ),
            (
                Connectivity::Offline,
                vec![service("WhatsApp", Verdict::Unknown, 0)],
                Glance::Unknown,
                "You are offline",
            ),
            (
                Connectivity::DnsBroken,
                vec![],
                Glance::Unknown,
                "Your DNS is broken",
            ),
            (
                Connectivity::Online,
                vec![service("WhatsApp", Verdict::Unknown, 0)],
                Glance::Unknown,
                "Checking…",
            ),
        ];
        for (connectivity, services, glance, line) in cases {
            let s = snap(connectivity, services);
            assert_eq!(Glance::of(&s), glance, "{line}");
            assert_eq!(overall_line(&s, now), line);
        }
        // A stopped engine outranks whatever its last round saw.
        let mut stopped = snap(
            Connectivity::Online,
            vec![service("WhatsApp", Verdict::Up, 0)],
        );
        stopped.stop("Checks stopped");
        assert_eq!(Glance::of(&stopped), Glance::Unknown);
        assert_eq!(overall_line(&stopped, now), "Checks stopped");
        let line = service_line(&service("WhatsApp", Verdict::Down, at_1042), now);
        assert_eq!(
            line,
            "WhatsApp: down since 10:42 — DNS lookups fail (SERVFAIL)"
        );
        let mut lagging = service("WhatsApp", Verdict::Down, at_1042);
        lagging.official_lag = Some(crate::event::OfficialLag {
            since: String::new(),
            since_ms: now - 12 * 60_000,
            says: "All Systems Operational".into(),
            words: String::new(),
        });
        assert_eq!(
            back_hint(&lagging, false),
            Some(" — click: tell me when it's back")
        );
        assert!(back_hint(&lagging, true)
            .unwrap()
            .contains("you will be told"));
        assert_eq!(back_hint(&service("WhatsApp", Verdict::Up, 0), false), None);
        assert_eq!(
            service_line(&lagging, now),
            "WhatsApp: down since 10:42 — DNS lookups fail (SERVFAIL) — the official status \
             still says “All Systems Operational” (12 min)"
        );
    }
}
