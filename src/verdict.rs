//! Verdicts and the pure confirmation state machine (no I/O, no clock: time is passed in).
//!
//! A round gives a *view* (what probes and the official source say now); a view becomes the
//! service's *verdict* only after it held for `confirm` consecutive rounds. Only a change of
//! verdict is a [`Transition`], and only transitions notify.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::cause::Cause;
use crate::observation::{Observation, OfficialReading};

/// A service's state after confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Everything works.
    Up,
    /// Works in part, or slowly.
    Degraded,
    /// Does not work.
    Down,
    /// The provider announced maintenance.
    Maintenance,
    /// Cannot be judged (not checked yet, or our own connectivity is broken).
    Unknown,
}

impl Verdict {
    /// The snake_case name used in JSON, SQL and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Up => "up",
            Verdict::Degraded => "degraded",
            Verdict::Down => "down",
            Verdict::Maintenance => "maintenance",
            Verdict::Unknown => "unknown",
        }
    }

    /// Parses the snake_case name (as stored in the history).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "up" => Verdict::Up,
            "degraded" => Verdict::Degraded,
            "down" => Verdict::Down,
            "maintenance" => Verdict::Maintenance,
            "unknown" => Verdict::Unknown,
            _ => return None,
        })
    }

    /// Ordering for "worst of": up < unknown < maintenance < degraded < down.
    ///
    /// The one order of the overall state (see [`crate::event::Overall`]). Unknown ranks
    /// below every judged state: while the user is online it only means "not judged yet"
    /// (awaiting confirmation, or nothing readable to judge by), which is no news, whereas a
    /// confirmed outage, problem or maintenance is true whatever the unjudged services turn
    /// out to be. It ranks above up, so nothing claims "all up" while a service is unjudged.
    pub fn severity(self) -> u8 {
        match self {
            Verdict::Up => 0,
            Verdict::Unknown => 1,
            Verdict::Maintenance => 2,
            Verdict::Degraded => 3,
            Verdict::Down => 4,
        }
    }

    /// Whether this verdict opens (or continues) an incident.
    pub fn is_trouble(self) -> bool {
        matches!(self, Verdict::Down | Verdict::Degraded)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one round says about a service, before confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// The worse of the probe view and the official view.
    pub verdict: Verdict,
    /// Why, if not up.
    pub cause: Option<Cause>,
    /// Specifics for the cause (first failing probe's detail, or the official words).
    pub detail: String,
}

impl View {
    /// Combines probe observations and the official reading (docs/design.md, “Verdict rules”).
    pub fn judge(probes: &[Observation], official: Option<&OfficialReading>, slow_ms: u64) -> View {
        let probe_view = probe_view(probes, slow_ms);
        let official_view = official.and_then(|o| {
            o.verdict.map(|v| View {
                verdict: v,
                cause: (v != Verdict::Up).then_some(Cause::Official),
                detail: o.text.clone(),
            })
        });
        match (probe_view, official_view) {
            (Some(p), Some(o)) if o.verdict.severity() > p.verdict.severity() => o,
            (Some(p), _) => p,
            (None, Some(o)) => o,
            (None, None) => View {
                verdict: Verdict::Unknown,
                cause: official.map(|_| Cause::Unreadable),
                detail: official.map(|o| o.text.clone()).unwrap_or_default(),
            },
        }
    }
}

/// Probe view: all fail → down; some fail → degraded; all ok but one slow → degraded. A
/// success that a higher layer's failure on the same endpoint implies does not count
/// ([`crate::layers`]): a TCP connect beside an HTTP 503 from the same port is no vote for up.
fn probe_view(probes: &[Observation], slow_ms: u64) -> Option<View> {
    if probes.is_empty() {
        return None;
    }
    let counted = crate::layers::counted(probes);
    let failed: Vec<&Observation> = counted.iter().copied().filter(|o| !o.ok).collect();
    // The earliest rung of the ladder explains the rest (DNS failure explains HTTP failure).
    let first_failure = failed.iter().min_by_key(|o| o.cause).copied();
    if let Some(worst) = first_failure {
        let verdict = if failed.len() == counted.len() {
            Verdict::Down
        } else {
            Verdict::Degraded
        };
        return Some(View {
            verdict,
            cause: worst.cause,
            detail: describe_target(worst),
        });
    }
    if let Some(slow) = probes
        .iter()
        .filter(|o| o.latency_ms > slow_ms)
        .max_by_key(|o| o.latency_ms)
    {
        return Some(View {
            verdict: Verdict::Degraded,
            cause: Some(Cause::Slow),
            // "Slow to answer (2.5 s)": the time says it; the probe is in the card's list.
            detail: crate::words::latency(slow.latency_ms),
        });
    }
    Some(View {
        verdict: Verdict::Up,
        cause: None,
        detail: String::new(),
    })
}

fn describe_target(o: &Observation) -> String {
    if o.detail.is_empty() {
        format!("{} {}", o.kind.as_str(), o.target)
    } else {
        o.detail.clone()
    }
}

/// A confirmed change of verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// Verdict before.
    pub from: Verdict,
    /// Verdict now.
    pub to: Verdict,
    /// Cause of the new verdict (None when up).
    pub cause: Option<Cause>,
    /// Specifics of the cause.
    pub detail: String,
    /// When the change was confirmed (unix milliseconds).
    pub at_ms: i64,
    /// When the previous verdict began (unix milliseconds).
    pub previous_since_ms: i64,
    /// When the current trouble (down or degraded, continuously) began: for a transition into
    /// trouble its start, for a recovery how long the outage lasted. `None` otherwise.
    pub trouble_since_ms: Option<i64>,
}

/// Confirmation thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Consecutive rounds a new verdict must hold.
    pub confirm: u32,
}

/// What the engine should do next for this service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Wait the normal interval.
    Interval,
    /// A worse view is pending confirmation: re-check after a few seconds.
    FastRecheck,
}

/// Per-service confirmation state.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictState {
    /// The confirmed verdict.
    pub verdict: Verdict,
    /// Cause of the confirmed verdict.
    pub cause: Option<Cause>,
    /// Detail of the confirmed verdict.
    pub detail: String,
    /// When the confirmed verdict began (unix ms).
    pub since_ms: i64,
    /// A different view seen in the last rounds, and how many rounds in a row.
    pub pending: Option<(View, u32)>,
    /// Start of the ongoing trouble (down/degraded, through maintenance or unknown), if any.
    pub trouble_since_ms: Option<i64>,
}

impl View {
    /// Whether two rounds' views tell the same story, so the second confirms the first.
    /// "Degraded" covers unrelated one-off troubles — a timed-out request in one round, a
    /// handshake slowed by a lost packet in the next — so it needs the same cause twice;
    /// every other verdict (all probes failing, up, maintenance) stands on its own.
    fn agrees_with(&self, next: &View) -> bool {
        self.verdict == next.verdict
            && (self.verdict != Verdict::Degraded || self.cause == next.cause)
    }
}

impl View {
    /// How many rounds in a row this view must hold to be confirmed. Slowness alone needs
    /// twice as many: one lost packet adds a second's retransmission to a single answer,
    /// and on a lossy network two such answers in a row are common, whereas a slow service
    /// stays slow.
    fn rounds_to_confirm(&self, t: Thresholds) -> u32 {
        let confirm = t.confirm.max(1);
        if self.verdict == Verdict::Degraded && self.cause == Some(Cause::Slow) {
            confirm * 2
        } else {
            confirm
        }
    }
}

impl VerdictState {
    /// A service never judged yet.
    pub fn new(now_ms: i64) -> Self {
        VerdictState {
            verdict: Verdict::Unknown,
            cause: None,
            detail: String::new(),
            since_ms: now_ms,
            pending: None,
            trouble_since_ms: None,
        }
    }

    /// Feeds one round's view. `online` is false while the user's own connectivity is
    /// broken: such rounds say nothing about the service, so they neither confirm nor
    /// reset anything already confirmed, and any pending change must start over.
    pub fn step(
        &mut self,
        view: View,
        online: bool,
        now_ms: i64,
        t: Thresholds,
    ) -> (Option<Transition>, Next) {
        if !online {
            self.pending = None;
            return (None, Next::Interval);
        }
        if view.verdict == self.verdict {
            self.pending = None;
            // Same verdict, possibly a new cause (e.g. dns_servfail became tcp_refused): keep it current.
            self.cause = view.cause;
            self.detail = view.detail;
            return (None, Next::Interval);
        }
        let count = match &self.pending {
            Some((pending, n)) if pending.agrees_with(&view) => n + 1,
            _ => 1,
        };
        if count >= view.rounds_to_confirm(t) {
            if view.verdict.is_trouble() && self.trouble_since_ms.is_none() {
                self.trouble_since_ms = Some(now_ms);
            }
            let transition = Transition {
                from: self.verdict,
                to: view.verdict,
                cause: view.cause,
                detail: view.detail.clone(),
                at_ms: now_ms,
                previous_since_ms: self.since_ms,
                trouble_since_ms: self.trouble_since_ms,
            };
            if view.verdict == Verdict::Up {
                self.trouble_since_ms = None;
            }
            self.verdict = view.verdict;
            self.cause = view.cause;
            self.detail = view.detail;
            self.since_ms = now_ms;
            self.pending = None;
            return (Some(transition), Next::Interval);
        }
        // Worse news (or the first judgement) is re-checked within seconds so an outage is
        // confirmed quickly; good news waits full intervals so a flapping service does not
        // announce a recovery too early.
        let hurry =
            self.verdict == Verdict::Unknown || view.verdict.severity() > self.verdict.severity();
        self.pending = Some((view, count));
        (
            None,
            if hurry {
                Next::FastRecheck
            } else {
                Next::Interval
            },
        )
    }
}
