//! Which notification is on screen for each service, kept in a small file beside the
//! history, so the next run can close what a previous run left behind once the state it
//! announced is over (a red "WhatsApp is down" from yesterday must not outlive the outage).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::event::ServiceStatus;
use crate::verdict::Verdict;

/// The file's name in the data dir.
pub const ON_SCREEN_FILE: &str = "notifications.json";

/// One notification on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// The id the notification server gave it.
    pub id: u32,
    /// Whether it announced trouble (an outage, problems) rather than a recovery.
    pub trouble: bool,
}

/// The notifications on screen by service id, and where they are kept.
#[derive(Debug, Default)]
pub struct OnScreen {
    file: Option<PathBuf>,
    shown: BTreeMap<String, Shown>,
    /// Left by a previous run: closed when their state is over, replaced otherwise.
    inherited: BTreeMap<String, Shown>,
}

impl OnScreen {
    /// Reads what a previous run left in `file` (missing or unreadable: nothing).
    pub fn load(file: Option<PathBuf>) -> OnScreen {
        let inherited: BTreeMap<String, Shown> = file
            .as_deref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        OnScreen {
            file,
            shown: inherited.clone(),
            inherited,
        }
    }

    /// Whether notifications of a previous run are still waiting to be closed or replaced.
    pub fn has_inherited(&self) -> bool {
        !self.inherited.is_empty()
    }

    /// The notification on screen about `service`, to replace.
    pub fn about(&self, service: &str) -> Option<u32> {
        self.shown.get(service).map(|s| s.id)
    }

    /// Notes a notification shown about `services`.
    pub fn record(&mut self, services: &[String], shown: Shown) {
        for service in services {
            self.shown.insert(service.clone(), shown);
            self.inherited.remove(service);
        }
        self.save();
    }

    /// The previous run's notifications whose state is over, given the services now: one
    /// about trouble once the service is judged not in trouble, one about a recovery once
    /// it is in trouble again, and any about a service no longer watched. They are
    /// forgotten here; the caller closes them.
    pub fn stale(&mut self, services: &[ServiceStatus]) -> Vec<u32> {
        if self.inherited.is_empty() {
            return Vec::new();
        }
        let over: Vec<String> = self
            .inherited
            .iter()
            .filter(|(id, shown)| match services.iter().find(|s| &s.id == *id) {
                None => true,
                Some(s) if s.state == Verdict::Unknown => false,
                Some(s) => s.state.is_trouble() != shown.trouble,
            })
            .map(|(id, _)| id.clone())
            .collect();
        let ids = over
            .iter()
            .filter_map(|service| {
                self.shown.remove(service);
                self.inherited.remove(service).map(|s| s.id)
            })
            .collect();
        if !over.is_empty() {
            self.save();
        }
        ids
    }

    fn save(&self) {
        let Some(file) = &self.file else { return };
        if let Err(e) = write(file, &self.shown) {
            tracing::debug!(
                "could not keep the notifications on screen in {}: {e}",
                file.display()
            );
        }
    }
}

/// Written whole through a temporary file, so a crash leaves the old list or the new one.
fn write(file: &Path, shown: &BTreeMap<String, Shown>) -> std::io::Result<()> {
    let tmp = file.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(shown)?)?;
    std::fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(id: &str, state: Verdict) -> ServiceStatus {
        ServiceStatus::sample(id, id, state)
    }

    #[test]
    fn a_previous_runs_notification_closes_once_its_state_is_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("notifications.json");
        let mut first = OnScreen::load(Some(file.clone()));
        first.record(
            &["chat".into()],
            Shown {
                id: 7,
                trouble: true,
            },
        );
        first.record(
            &["mail".into()],
            Shown {
                id: 8,
                trouble: true,
            },
        );
        first.record(
            &["gone".into()],
            Shown {
                id: 9,
                trouble: false,
            },
        );

        let mut next = OnScreen::load(Some(file.clone()));
        assert_eq!(next.about("chat"), Some(7), "the next notice replaces it");
        // Not judged yet: nothing is known to be over.
        let waiting = [
            status("chat", Verdict::Unknown),
            status("mail", Verdict::Down),
        ];
        assert_eq!(next.stale(&waiting), vec![9], "a service no longer watched");
        // Chat is up again: its outage notice is over; mail is still down.
        let now = [status("chat", Verdict::Up), status("mail", Verdict::Down)];
        assert_eq!(next.stale(&now), vec![7]);
        assert_eq!(next.stale(&now), Vec::<u32>::new(), "closed once");
        let kept = OnScreen::load(Some(file));
        assert_eq!(kept.about("mail"), Some(8));
        assert_eq!(kept.about("chat"), None);
    }
}
