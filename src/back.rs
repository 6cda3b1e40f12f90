//! "Tell me when it's back": one notification when a service the user named recovers, even
//! while notifications are paused or in quiet hours; then the request ends. Pure: shells
//! keep the requests and send the notices.

use std::collections::BTreeSet;

use crate::event::RoundEvent;
use crate::notice::{back_on_request, Notice};
use crate::verdict::Verdict;

/// The services the user asked about, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackRequests {
    ids: BTreeSet<String>,
}

impl BackRequests {
    /// Asks to be told when `id` is back. Asking twice is asking once.
    pub fn request(&mut self, id: &str) {
        self.ids.insert(id.to_string());
    }

    /// Withdraws a request.
    pub fn cancel(&mut self, id: &str) {
        self.ids.remove(id);
    }

    /// Whether the user asked about `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The ids asked about, sorted.
    pub fn ids(&self) -> Vec<String> {
        self.ids.iter().cloned().collect()
    }

    /// The notices a round owes: one per requested service confirmed `up` in it (those
    /// requests then end). Requests for services no longer watched end silently.
    /// Preferences, pause and quiet hours do not apply: the user asked for these.
    pub fn on_round(&mut self, round: &RoundEvent) -> Vec<Notice> {
        let watched: BTreeSet<&str> = round
            .snapshot
            .services
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        self.ids.retain(|id| watched.contains(id.as_str()));
        let mut due = Vec::new();
        for t in &round.transitions {
            if t.to == Verdict::Up && self.ids.remove(&t.service) {
                due.push(back_on_request(t));
            }
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectivity::Connectivity;
    use crate::event::{Overall, ServiceStatus, Snapshot, TransitionEvent};

    fn status(id: &str, state: Verdict) -> ServiceStatus {
        ServiceStatus::sample(id, &id.to_uppercase(), state)
    }

    fn round(services: &[&str], back: &[&str]) -> RoundEvent {
        RoundEvent {
            snapshot: Snapshot {
                checked_at: String::new(),
                connectivity: Connectivity::Online,
                overall: Overall::Up,
                affected: String::new(),
                services: services.iter().map(|id| status(id, Verdict::Up)).collect(),
                controls: vec![],
                misbehaving_controls: vec![],
                connection_note: String::new(),
                stopped: None,
            },
            transitions: back
                .iter()
                .map(|id| TransitionEvent {
                    at: String::new(),
                    at_ms: 3_600_000,
                    service: id.to_string(),
                    name: id.to_uppercase(),
                    from: Verdict::Down,
                    to: Verdict::Up,
                    cause: None,
                    cause_text: String::new(),
                    detail: String::new(),
                    trouble_since_ms: Some(0),
                    official_lag: None,
                })
                .collect(),
        }
    }

    #[test]
    fn one_notice_when_it_is_back_then_the_request_ends() {
        let mut r = BackRequests::default();
        r.request("wa");
        r.request("wa");
        assert!(r.on_round(&round(&["wa", "ig"], &[])).is_empty());
        assert!(
            r.on_round(&round(&["wa", "ig"], &["ig"])).is_empty(),
            "not asked about ig"
        );
        let due = r.on_round(&round(&["wa", "ig"], &["wa"]));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].title, "WA is back after 1 h");
        assert!(!r.contains("wa"));
        assert!(r.on_round(&round(&["wa"], &["wa"])).is_empty(), "once only");
    }

    #[test]
    fn requests_for_services_no_longer_watched_end() {
        let mut r = BackRequests::default();
        r.request("gone");
        r.on_round(&round(&["wa"], &[]));
        assert_eq!(r.ids(), Vec::<String>::new());
        r.request("wa");
        r.cancel("wa");
        assert!(!r.contains("wa"));
    }
}
