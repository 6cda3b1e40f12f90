//! Official lag: our probes confirmed trouble while the vendor's own source still reads
//! fully operational (docs/design.md, “Official lag”). Pure; the runner keeps the state.

use crate::cause::Cause;
use crate::event::{rfc3339, OfficialLag};
use crate::observation::OfficialReading;
use crate::verdict::{Verdict, VerdictState};

/// What one round did to a service's lag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LagEnd {
    /// The source now admits trouble: it lagged this long.
    Acknowledged(i64),
    /// The trouble ended (or stopped being judged) before the source admitted it.
    Unacknowledged(i64),
}

/// The lag after this round, and how a lag that ended, ended.
///
/// A lag exists while the confirmed verdict is `down` or `degraded` for a cause of our own
/// probes (not `official`) and the source's last reading is `up`. A reading with no opinion
/// (unreadable, unknown wording) changes nothing: it neither starts a lag nor admits the
/// trouble. Rounds while not online change nothing either: nothing is judged then.
pub(crate) fn step(
    lag: Option<OfficialLag>,
    state: &VerdictState,
    official: Option<&OfficialReading>,
    online: bool,
    now_ms: i64,
) -> (Option<OfficialLag>, Option<LagEnd>) {
    let (lag, ended) = next(lag, state, official, online, now_ms);
    // Worded as of this round, so every shell says the same thing until the next one.
    let worded = lag.map(|l| OfficialLag {
        words: l.words(now_ms),
        ..l
    });
    (worded, ended)
}

/// [`step`] before the words are brought up to date.
fn next(
    lag: Option<OfficialLag>,
    state: &VerdictState,
    official: Option<&OfficialReading>,
    online: bool,
    now_ms: i64,
) -> (Option<OfficialLag>, Option<LagEnd>) {
    if !online {
        return (lag, None);
    }
    let ours = state.verdict.is_trouble() && state.cause != Some(Cause::Official);
    let says = official.and_then(|r| r.verdict.map(|v| (v, r.text.as_str())));
    match (lag, ours, says) {
        // Our trouble is over (or no longer ours to judge): the vendor never admitted it.
        (Some(l), false, _) => {
            let lasted = now_ms - l.since_ms;
            (None, Some(LagEnd::Unacknowledged(lasted)))
        }
        (Some(l), true, Some((v, _))) if v != Verdict::Up => {
            let lasted = now_ms - l.since_ms;
            (None, Some(LagEnd::Acknowledged(lasted)))
        }
        // Still all good on their side: keep the start, refresh the words.
        (Some(l), true, Some((_, text))) => (
            Some(OfficialLag {
                says: text.to_string(),
                ..l
            }),
            None,
        ),
        (Some(l), true, None) => (Some(l), None),
        // Usually the round that confirmed the trouble; or the source went back to "all
        // good" while the trouble went on, and the lag starts now.
        (None, true, Some((Verdict::Up, text))) => (
            Some(OfficialLag {
                since: rfc3339(now_ms),
                since_ms: now_ms,
                says: text.to_string(),
                words: String::new(),
            }),
            None,
        ),
        (None, _, _) => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::SourceKind;

    fn reading(verdict: Option<Verdict>, text: &str) -> OfficialReading {
        OfficialReading {
            source: SourceKind::Statuspage,
            url: "http://status.test/".into(),
            verdict,
            text: text.into(),
            latency_ms: 5,
            incident: None,
        }
    }

    fn state(verdict: Verdict, cause: Option<Cause>, since_ms: i64) -> VerdictState {
        VerdictState {
            verdict,
            cause,
            ..VerdictState::new(since_ms)
        }
    }

    #[test]
    fn a_lag_starts_when_we_see_trouble_and_they_say_all_good() {
        let down = state(Verdict::Down, Some(Cause::HttpStatus), 1_000);
        let up = reading(Some(Verdict::Up), "All Systems Operational");
        let (lag, end) = step(None, &down, Some(&up), true, 1_000);
        let lag = lag.expect("lag");
        assert_eq!(
            (lag.since_ms, lag.says.as_str(), end),
            (1_000, "All Systems Operational", None)
        );
        assert_eq!(
            lag.words(1_000),
            "the official status still says “All Systems Operational”"
        );
        assert_eq!(
            lag.words(1_000 + 12 * 60_000),
            "the official status still says “All Systems Operational” (12 min)"
        );

        // Later rounds keep the start.
        let (again, end) = step(Some(lag.clone()), &down, Some(&up), true, 61_000);
        assert_eq!((again.unwrap().since_ms, end), (1_000, None));
        // No opinion neither starts nor ends one.
        let dunno = reading(None, "HTTP 503");
        assert_eq!(step(None, &down, Some(&dunno), true, 2_000), (None, None));
        assert_eq!(
            step(Some(lag.clone()), &down, Some(&dunno), true, 2_000).0,
            Some(lag.clone())
        );
        // Offline rounds change nothing.
        assert_eq!(
            step(Some(lag.clone()), &down, Some(&up), false, 2_000).0,
            Some(lag.clone())
        );
    }

    #[test]
    fn a_lag_ends_when_they_admit_it_or_when_it_is_over() {
        let down = state(Verdict::Down, Some(Cause::TcpRefused), 0);
        let lag = step(
            None,
            &down,
            Some(&reading(Some(Verdict::Up), "ok")),
            true,
            0,
        )
        .0;
        let admits = reading(Some(Verdict::Degraded), "Partial outage");
        assert_eq!(
            step(lag.clone(), &down, Some(&admits), true, 14 * 60_000),
            (None, Some(LagEnd::Acknowledged(14 * 60_000)))
        );
        let back = state(Verdict::Up, None, 5_000);
        assert_eq!(
            step(
                lag,
                &back,
                Some(&reading(Some(Verdict::Up), "ok")),
                true,
                5_000
            ),
            (None, Some(LagEnd::Unacknowledged(5_000)))
        );
    }

    #[test]
    fn no_lag_when_only_the_source_reports_trouble_or_nothing_is_wrong() {
        let official = state(Verdict::Down, Some(Cause::Official), 0);
        let up = reading(Some(Verdict::Up), "ok");
        assert_eq!(step(None, &official, Some(&up), true, 0), (None, None));
        let fine = state(Verdict::Up, None, 0);
        assert_eq!(step(None, &fine, Some(&up), true, 0), (None, None));
        let down = state(Verdict::Down, Some(Cause::HttpStatus), 0);
        assert_eq!(step(None, &down, None, true, 0), (None, None));
    }
}
