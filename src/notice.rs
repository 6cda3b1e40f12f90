//! Which transitions deserve a desktop notification, and its words. Pure: the shells send.

use chrono::{DateTime, Local, Timelike};

use crate::config::NotificationSettings;
use crate::connectivity::Connectivity;
use crate::event::{RoundEvent, TransitionEvent};
use crate::verdict::Verdict;

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notice {
    /// First line ("WhatsApp is down").
    pub title: String,
    /// Details ("DNS lookups fail (SERVFAIL)").
    pub body: String,
    /// Whether it announces trouble (its icon says so).
    pub trouble: bool,
    /// Whether it announces an outage: shown as critical; problems and news are normal.
    pub critical: bool,
    /// The ids of the services it is about: a later notice about the same services replaces
    /// it on screen (a recovery takes the outage's place), so they do not pile up.
    pub about: Vec<String>,
}

/// The notifications a finished round deserves: the one policy every shell applies (the
/// CLI's `watch` with `paused` false, the app with its tray's pause).
///
/// None while the user is not online (it may be *me*), with notifications off, paused, or
/// inside quiet hours (judged by `now`'s local time of day); otherwise one per notable
/// transition, or one summary when several services changed in the same round.
pub fn due(
    round: &RoundEvent,
    prefs: &NotificationSettings,
    now: DateTime<Local>,
    paused: bool,
) -> Vec<Notice> {
    if round.transitions.is_empty() {
        return Vec::new();
    }
    // At most 23 * 60 + 59, so it fits.
    let minute = (now.hour() * 60 + now.minute()) as u16;
    notices(
        &round.transitions,
        round.snapshot.connectivity,
        prefs,
        Silence::new(prefs, minute, paused),
    )
}

/// Why a round notifies nothing even though a transition deserves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Silence {
    /// Notifications switched off in the settings.
    disabled: bool,
    /// The user paused notifications.
    paused: bool,
    /// Inside quiet hours.
    quiet: bool,
}

impl Silence {
    /// Silence from the settings, the local time of day (minutes after midnight) and a pause.
    fn new(prefs: &NotificationSettings, local_minute: u16, paused: bool) -> Silence {
        Silence {
            disabled: !prefs.enabled,
            paused,
            quiet: prefs.quiet_hours.is_some_and(|q| q.contains(local_minute)),
        }
    }

    fn any(self) -> bool {
        self.disabled || self.paused || self.quiet
    }
}

/// The notifications for one round's transitions: none while the user is not online
/// (it may be *me*), none when silenced, one per transition, or one summary when several
/// services changed in the same round.
fn notices(
    transitions: &[TransitionEvent],
    connectivity: Connectivity,
    prefs: &NotificationSettings,
    silence: Silence,
) -> Vec<Notice> {
    if connectivity != Connectivity::Online || silence.any() {
        return Vec::new();
    }
    let worthy: Vec<Notice> = transitions
        .iter()
        .filter_map(|t| notice(t, prefs))
        .collect();
    if worthy.len() <= 1 {
        return worthy;
    }
    let trouble = worthy.iter().any(|n| n.trouble);
    let down = transitions.iter().filter(|t| t.to == Verdict::Down).count();
    let title = if down == worthy.len() {
        format!("{down} services are down")
    } else {
        format!("{} services changed", worthy.len())
    };
    let body = worthy
        .iter()
        .map(|n| format!("{} — {}", n.title, n.body))
        .collect::<Vec<_>>()
        .join("\n");
    let critical = worthy.iter().any(|n| n.critical);
    let about = worthy.iter().flat_map(|n| n.about.clone()).collect();
    vec![Notice {
        title,
        body,
        trouble,
        critical,
        about,
    }]
}

fn notice(t: &TransitionEvent, prefs: &NotificationSettings) -> Option<Notice> {
    // "WhatsApp is down — the official status still says “All Systems Operational”".
    let lag = t
        .official_lag
        .as_ref()
        .map(|l| format!(" — {}", l.words(t.at_ms)))
        .unwrap_or_default();
    match t.to {
        Verdict::Down => Some(Notice {
            title: format!("{} is down{lag}", t.name),
            body: format!("{} — it's not you: your connection works.", t.cause_text),
            trouble: true,
            critical: true,
            about: vec![t.service.clone()],
        }),
        Verdict::Degraded if prefs.degraded => Some(Notice {
            title: format!("{} has problems{lag}", t.name),
            body: t.cause_text.clone(),
            trouble: true,
            critical: false,
            about: vec![t.service.clone()],
        }),
        // Only a recovery from trouble is news; the first "up" after start is not.
        Verdict::Up if prefs.recovery && (t.from.is_trouble() || t.trouble_since_ms.is_some()) => {
            let lasted = t
                .trouble_since_ms
                .map(|since| crate::words::duration(t.at_ms - since));
            Some(Notice {
                title: match &lasted {
                    Some(d) => format!("{} is back after {d}", t.name),
                    None => format!("{} is back", t.name),
                },
                body: "Its checks pass again.".to_string(),
                trouble: false,
                critical: false,
                about: vec![t.service.clone()],
            })
        }
        _ => None,
    }
}

/// The one notification a "tell me when it's back" request asked for. It is sent whatever
/// the preferences, pause or quiet hours say: the user asked for this one explicitly.
pub fn back_on_request(t: &TransitionEvent) -> Notice {
    let title = match t.trouble_since_ms {
        Some(since) if t.from.is_trouble() => {
            format!(
                "{} is back after {}",
                t.name,
                crate::words::duration(t.at_ms - since)
            )
        }
        _ => format!("{} is back", t.name),
    };
    Notice {
        title,
        body: "Its checks pass again. You asked to be told.".to_string(),
        trouble: false,
        critical: false,
        about: vec![t.service.clone()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::QuietHours;

    fn prefs() -> NotificationSettings {
        NotificationSettings {
            enabled: true,
            recovery: true,
            degraded: true,
            quiet_hours: None,
        }
    }

    fn t(name: &str, from: Verdict, to: Verdict, since: Option<i64>) -> TransitionEvent {
        TransitionEvent {
            official_lag: None,
            at: String::new(),
            at_ms: 4_320_000 + 1_000_000,
            service: name.to_lowercase(),
            name: name.to_string(),
            from,
            to,
            cause: None,
            cause_text: "DNS lookups fail (SERVFAIL)".into(),
            detail: String::new(),
            trouble_since_ms: since,
        }
    }

    #[test]
    fn an_outage_is_critical_problems_and_recoveries_are_not_and_each_names_its_service() {
        use Verdict::*;
        let prefs = prefs();
        let down = notice(&t("WhatsApp", Up, Down, Some(0)), &prefs).unwrap();
        let degraded = notice(&t("WhatsApp", Up, Degraded, Some(0)), &prefs).unwrap();
        let back = notice(&t("WhatsApp", Down, Up, Some(0)), &prefs).unwrap();
        assert_eq!(
            (down.critical, degraded.critical, back.critical),
            (true, false, false)
        );
        for n in [&down, &degraded, &back] {
            assert_eq!(n.about, ["whatsapp"], "{n:?}");
        }
        assert!(!back.body.contains("WhatsApp"), "said twice: {back:?}");
    }

    #[test]
    fn which_transitions_notify() {
        use Verdict::*;
        let cases: Vec<(TransitionEvent, Option<&str>)> = vec![
            (t("WhatsApp", Up, Down, Some(0)), Some("WhatsApp is down")),
            (
                t("WhatsApp", Unknown, Down, Some(0)),
                Some("WhatsApp is down"),
            ),
            (
                t("WhatsApp", Up, Degraded, Some(0)),
                Some("WhatsApp has problems"),
            ),
            (
                t("WhatsApp", Down, Up, Some(1_000_000)),
                Some("WhatsApp is back after 1 h 12 min"),
            ),
            (t("WhatsApp", Unknown, Up, None), None),
            (t("WhatsApp", Up, Maintenance, None), None),
            (t("WhatsApp", Up, Unknown, None), None),
        ];
        for (transition, want) in cases {
            let got = notices(
                std::slice::from_ref(&transition),
                Connectivity::Online,
                &prefs(),
                Silence::new(&prefs(), 0, false),
            );
            assert_eq!(
                got.first().map(|n| n.title.as_str()),
                want,
                "{:?} → {:?}",
                transition.from,
                transition.to
            );
        }
    }

    #[test]
    fn down_names_the_cause() {
        use Verdict::*;
        let got = notices(
            &[t("WhatsApp", Up, Down, Some(0))],
            Connectivity::Online,
            &prefs(),
            Silence::new(&prefs(), 0, false),
        );
        assert!(got[0].body.contains("DNS lookups fail (SERVFAIL)"));
    }

    #[test]
    fn silenced_offline_and_preferences() {
        use Verdict::*;
        let down = [t("WhatsApp", Up, Down, Some(0))];
        let p = prefs();
        assert!(notices(&down, Connectivity::Offline, &p, Silence::new(&p, 0, false)).is_empty());
        assert!(notices(&down, Connectivity::Online, &p, Silence::new(&p, 0, true)).is_empty());
        let quiet = NotificationSettings {
            quiet_hours: Some(QuietHours::parse("22:00-07:00").unwrap()),
            ..prefs()
        };
        assert!(notices(
            &down,
            Connectivity::Online,
            &quiet,
            Silence::new(&quiet, 23 * 60, false)
        )
        .is_empty());
        assert_eq!(
            notices(
                &down,
                Connectivity::Online,
                &quiet,
                Silence::new(&quiet, 12 * 60, false)
            )
            .len(),
            1
        );
        let off = NotificationSettings {
            enabled: false,
            ..prefs()
        };
        assert!(notices(
            &down,
            Connectivity::Online,
            &off,
            Silence::new(&off, 0, false)
        )
        .is_empty());
        let no_recovery = NotificationSettings {
            recovery: false,
            ..prefs()
        };
        let back = [t("WhatsApp", Down, Up, Some(0))];
        assert!(notices(
            &back,
            Connectivity::Online,
            &no_recovery,
            Silence::new(&no_recovery, 0, false)
        )
        .is_empty());
        let no_degraded = NotificationSettings {
            degraded: false,
            ..prefs()
        };
        let worse = [t("WhatsApp", Up, Degraded, Some(0))];
        assert!(notices(
            &worse,
            Connectivity::Online,
            &no_degraded,
            Silence::new(&no_degraded, 0, false)
        )
        .is_empty());
    }

    fn round(connectivity: Connectivity, transitions: Vec<TransitionEvent>) -> RoundEvent {
        RoundEvent {
            snapshot: crate::event::Snapshot {
                checked_at: String::new(),
                connectivity,
                overall: crate::event::Snapshot::overall_of(connectivity, &[]),
                affected: String::new(),
                services: vec![],
                controls: vec![],
                misbehaving_controls: vec![],
                connection_note: String::new(),
                stopped: None,
            },
            transitions,
        }
    }

    fn at(hour: u32, minute: u32) -> DateTime<Local> {
        use chrono::TimeZone;
        Local
            .with_ymd_and_hms(2026, 11, 28, hour, minute, 0)
            .earliest()
            .unwrap()
    }

    #[test]
    fn due_is_the_one_policy() {
        use Verdict::*;
        let down = || vec![t("WhatsApp", Up, Down, Some(0))];
        let online = round(Connectivity::Online, down());
        let quiet = NotificationSettings {
            quiet_hours: Some(QuietHours::parse("22:00-07:00").unwrap()),
            ..prefs()
        };
        let off = NotificationSettings {
            enabled: false,
            ..prefs()
        };
        let titles = |got: Vec<Notice>| got.into_iter().map(|n| n.title).collect::<Vec<_>>();
        let noon = at(12, 0);
        // Sent: online, enabled, not paused, outside quiet hours.
        assert_eq!(
            titles(due(&online, &prefs(), noon, false)),
            ["WhatsApp is down"]
        );
        assert_eq!(titles(due(&online, &quiet, noon, false)).len(), 1);
        assert_eq!(titles(due(&online, &quiet, at(21, 59), false)).len(), 1);
        assert_eq!(titles(due(&online, &quiet, at(7, 0), false)).len(), 1);
        // Silenced: quiet hours (either side of midnight), paused, disabled.
        assert!(due(&online, &quiet, at(22, 0), false).is_empty());
        assert!(due(&online, &quiet, at(23, 30), false).is_empty());
        assert!(due(&online, &quiet, at(6, 59), false).is_empty());
        assert!(due(&online, &prefs(), noon, true).is_empty());
        assert!(due(&online, &off, noon, false).is_empty());
        // Not online: it may be me, so nothing whatever the transitions say.
        for connectivity in [
            Connectivity::Offline,
            Connectivity::DnsBroken,
            Connectivity::CaptivePortal,
        ] {
            assert!(due(&round(connectivity, down()), &prefs(), noon, false).is_empty());
        }
        // A round without transitions says nothing new.
        assert!(due(&round(Connectivity::Online, vec![]), &prefs(), noon, false).is_empty());
    }

    #[test]
    fn a_lagging_official_source_is_named_in_the_title() {
        let mut down = t("WhatsApp", Verdict::Up, Verdict::Down, Some(0));
        down.official_lag = Some(crate::event::OfficialLag {
            since: String::new(),
            since_ms: down.at_ms,
            says: "All Systems Operational".into(),
            words: String::new(),
        });
        let n = notice(&down, &prefs()).unwrap();
        assert_eq!(
            n.title,
            "WhatsApp is down — the official status still says “All Systems Operational”"
        );
    }

    #[test]
    fn several_at_once_make_one_summary() {
        use Verdict::*;
        let round = [
            t("WhatsApp", Up, Down, Some(0)),
            t("Instagram", Up, Down, Some(0)),
            t("Threads", Unknown, Up, None),
        ];
        let got = notices(
            &round,
            Connectivity::Online,
            &prefs(),
            Silence::new(&prefs(), 0, false),
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, "2 services are down");
        assert!(
            got[0].body.contains("WhatsApp is down") && got[0].body.contains("Instagram is down")
        );
    }
}
