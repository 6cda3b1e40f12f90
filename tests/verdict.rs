//! Table-driven scenarios for the verdict rules of docs/design.md (gatus `alerting_test.go` style).

use outage_radar::verdict::{Next, Thresholds, VerdictState};
use outage_radar::{Cause, Observation, OfficialReading, ProbeKind, SourceKind, Verdict, View};

fn ok(kind: ProbeKind, ms: u64) -> Observation {
    Observation::ok(kind, "t", ms, "")
}

fn fail(kind: ProbeKind, cause: Cause) -> Observation {
    Observation::failed(kind, "t", cause, 5, "x")
}

fn official(v: Option<Verdict>) -> OfficialReading {
    OfficialReading {
        source: SourceKind::Statuspage,
        url: "u".into(),
        verdict: v,
        text: "Major Outage".into(),
        latency_ms: 1,
        incident: None,
    }
}

/// (name, probes, official, expected verdict, expected cause)
type ViewCase = (
    &'static str,
    Vec<Observation>,
    Option<OfficialReading>,
    Verdict,
    Option<Cause>,
);
/// (name, confirm, starting verdict, rounds of (view, online), expected transitions)
type ConfirmCase = (
    &'static str,
    u32,
    Verdict,
    Vec<(Verdict, bool)>,
    Vec<(Verdict, Verdict)>,
);

#[test]
fn views_follow_the_verdict_rules() {
    use ProbeKind::*;
    let slow = 2000;
    let cases: Vec<ViewCase> = vec![
        (
            "all ok",
            vec![ok(Dns, 5), ok(Http, 50)],
            None,
            Verdict::Up,
            None,
        ),
        (
            "all fail",
            vec![fail(Tcp, Cause::TcpRefused), fail(Http, Cause::TcpRefused)],
            None,
            Verdict::Down,
            Some(Cause::TcpRefused),
        ),
        (
            "some fail",
            vec![ok(Tcp, 5), fail(Http, Cause::HttpStatus)],
            None,
            Verdict::Degraded,
            Some(Cause::HttpStatus),
        ),
        (
            "slow",
            vec![ok(Tcp, 5), ok(Http, 2500)],
            None,
            Verdict::Degraded,
            Some(Cause::Slow),
        ),
        (
            "exactly slow_ms is not slow",
            vec![ok(Http, 2000)],
            None,
            Verdict::Up,
            None,
        ),
        (
            "earliest rung explains the rest",
            vec![
                fail(Http, Cause::HttpTimeout),
                fail(Dns, Cause::DnsServfail),
            ],
            None,
            Verdict::Down,
            Some(Cause::DnsServfail),
        ),
        (
            "official major outage beats ok probes",
            vec![ok(Http, 5)],
            Some(official(Some(Verdict::Down))),
            Verdict::Down,
            Some(Cause::Official),
        ),
        (
            "official degraded",
            vec![ok(Http, 5)],
            Some(official(Some(Verdict::Degraded))),
            Verdict::Degraded,
            Some(Cause::Official),
        ),
        (
            "official maintenance",
            vec![ok(Http, 5)],
            Some(official(Some(Verdict::Maintenance))),
            Verdict::Maintenance,
            Some(Cause::Official),
        ),
        (
            "probes worse than official",
            vec![fail(Http, Cause::HttpStatus)],
            Some(official(Some(Verdict::Degraded))),
            Verdict::Down,
            Some(Cause::HttpStatus),
        ),
        (
            "unreadable official is no opinion",
            vec![ok(Http, 5)],
            Some(official(None)),
            Verdict::Up,
            None,
        ),
        (
            "only an unreadable official: unknown, never up",
            vec![],
            Some(official(None)),
            Verdict::Unknown,
            Some(Cause::Unreadable),
        ),
        (
            "only official up",
            vec![],
            Some(official(Some(Verdict::Up))),
            Verdict::Up,
            None,
        ),
        ("nothing configured", vec![], None, Verdict::Unknown, None),
        (
            "a TCP connect beside an HTTP 503 from the same port is no vote for up",
            vec![
                Observation::ok(Tcp, "chat.test:443", 3, ""),
                Observation::ok(Dns, "chat.test", 1, ""),
                Observation::failed(Http, "https://chat.test/", Cause::HttpStatus, 240, "503"),
            ],
            None,
            Verdict::Down,
            Some(Cause::HttpStatus),
        ),
        (
            "a connect to another port of the host still counts",
            vec![
                Observation::ok(Tcp, "chat.test:5222", 3, ""),
                Observation::failed(Http, "https://chat.test/", Cause::HttpStatus, 240, "503"),
            ],
            None,
            Verdict::Degraded,
            Some(Cause::HttpStatus),
        ),
        (
            "a refused HTTP connect says nothing about a TLS probe that passed",
            vec![
                Observation::ok(Tls, "chat.test:443", 9, ""),
                Observation::failed(Http, "https://chat.test/", Cause::TcpRefused, 1, ""),
            ],
            None,
            Verdict::Degraded,
            Some(Cause::TcpRefused),
        ),
    ];
    for (name, probes, off, verdict, cause) in cases {
        let view = View::judge(&probes, off.as_ref(), slow);
        assert_eq!((view.verdict, view.cause), (verdict, cause), "{name}");
    }
}

fn view(v: Verdict) -> View {
    let cause = match v {
        Verdict::Up => None,
        Verdict::Down => Some(Cause::DnsServfail),
        _ => Some(Cause::Official),
    };
    View {
        verdict: v,
        cause,
        detail: String::new(),
    }
}

/// Feeds rounds (view, online) and returns the transitions' (from, to) and the last Next.
fn run(
    confirm: u32,
    start: Verdict,
    rounds: &[(Verdict, bool)],
) -> (Vec<(Verdict, Verdict)>, Vec<Next>) {
    let mut state = VerdictState::new(0);
    state.verdict = start;
    let mut transitions = Vec::new();
    let mut nexts = Vec::new();
    for (i, &(v, online)) in rounds.iter().enumerate() {
        let (t, next) = state.step(view(v), online, i as i64 * 1000, Thresholds { confirm });
        if let Some(t) = t {
            transitions.push((t.from, t.to));
        }
        nexts.push(next);
    }
    (transitions, nexts)
}

#[test]
fn confirmation_scenarios() {
    use Verdict::*;
    let cases: Vec<ConfirmCase> = vec![
        (
            "one blip never transitions",
            2,
            Up,
            vec![(Down, true), (Up, true), (Down, true), (Up, true)],
            vec![],
        ),
        (
            "two rounds confirm an outage",
            2,
            Up,
            vec![(Down, true), (Down, true)],
            vec![(Up, Down)],
        ),
        (
            "recovery needs confirm rounds too",
            2,
            Down,
            vec![(Up, true), (Down, true), (Up, true), (Up, true)],
            vec![(Down, Up)],
        ),
        (
            "confirm = 3",
            3,
            Up,
            vec![(Down, true), (Down, true), (Down, true)],
            vec![(Up, Down)],
        ),
        (
            "confirm = 1 is immediate",
            1,
            Up,
            vec![(Degraded, true)],
            vec![(Up, Degraded)],
        ),
        (
            "first judgement from unknown is confirmed too",
            2,
            Unknown,
            vec![(Up, true), (Up, true)],
            vec![(Unknown, Up)],
        ),
        (
            "offline rounds neither confirm nor reset",
            2,
            Up,
            vec![(Down, true), (Down, false), (Down, false)],
            vec![],
        ),
        (
            "offline breaks a pending streak",
            2,
            Up,
            vec![(Down, true), (Down, false), (Down, true), (Down, true)],
            vec![(Up, Down)],
        ),
        (
            "a changing view restarts the count",
            2,
            Up,
            vec![(Down, true), (Degraded, true), (Down, true), (Down, true)],
            vec![(Up, Down)],
        ),
        (
            "escalation degraded → down",
            2,
            Degraded,
            vec![(Down, true), (Down, true)],
            vec![(Degraded, Down)],
        ),
        (
            "maintenance",
            2,
            Up,
            vec![(Maintenance, true), (Maintenance, true)],
            vec![(Up, Maintenance)],
        ),
    ];
    for (name, confirm, start, rounds, want) in cases {
        assert_eq!(run(confirm, start, &rounds).0, want, "{name}");
    }
}

#[test]
fn worse_news_is_rechecked_fast_good_news_waits() {
    use Verdict::*;
    assert_eq!(run(2, Up, &[(Down, true)]).1, vec![Next::FastRecheck]);
    assert_eq!(run(2, Unknown, &[(Up, true)]).1, vec![Next::FastRecheck]);
    assert_eq!(run(2, Down, &[(Up, true)]).1, vec![Next::Interval]);
    assert_eq!(run(2, Up, &[(Down, false)]).1, vec![Next::Interval]);
    assert_eq!(run(2, Up, &[(Up, true)]).1, vec![Next::Interval]);
}

#[test]
fn recovery_reports_how_long_the_trouble_lasted() {
    let t = Thresholds { confirm: 1 };
    let mut state = VerdictState::new(0);
    state.step(view(Verdict::Up), true, 0, t);
    let (down, _) = state.step(view(Verdict::Degraded), true, 10_000, t);
    assert_eq!(down.unwrap().trouble_since_ms, Some(10_000));
    let (worse, _) = state.step(view(Verdict::Down), true, 20_000, t);
    assert_eq!(
        worse.unwrap().trouble_since_ms,
        Some(10_000),
        "escalation keeps the start"
    );
    let (back, _) = state.step(view(Verdict::Up), true, 70_000, t);
    let back = back.unwrap();
    assert_eq!(
        (back.from, back.to, back.trouble_since_ms),
        (Verdict::Down, Verdict::Up, Some(10_000))
    );
    assert_eq!(state.trouble_since_ms, None);
}

#[test]
fn degraded_is_confirmed_by_the_same_trouble_not_by_unrelated_blips_and_slowness_needs_longer() {
    let t = Thresholds { confirm: 2 };
    let degraded = |cause| View {
        verdict: Verdict::Degraded,
        cause: Some(cause),
        detail: String::new(),
    };
    let mut state = VerdictState::new(0);
    state.step(view(Verdict::Up), true, 0, t);
    state.step(view(Verdict::Up), true, 1, t);
    // A request that timed out once, then a handshake slowed by one lost packet.
    let (first, _) = state.step(degraded(Cause::HttpTimeout), true, 2, t);
    let (second, _) = state.step(degraded(Cause::Slow), true, 3, t);
    assert_eq!(
        (first, second),
        (None, None),
        "two unrelated blips confirmed"
    );
    // Slowness needs twice the rounds (a lost packet slows one answer by a second): the
    // second and third slow rounds in a row do not confirm it, the fourth does.
    let (third, _) = state.step(degraded(Cause::Slow), true, 4, t);
    let (fourth, _) = state.step(degraded(Cause::Slow), true, 5, t);
    assert_eq!((third, fourth), (None, None), "slowness confirmed too soon");
    let (fifth, _) = state.step(degraded(Cause::Slow), true, 6, t);
    assert_eq!(
        fifth.map(|t| (t.to, t.cause)),
        Some((Verdict::Degraded, Some(Cause::Slow)))
    );
    // Any other trouble still needs `confirm` rounds of the same cause.
    state.step(view(Verdict::Up), true, 7, t);
    state.step(view(Verdict::Up), true, 8, t);
    state.step(degraded(Cause::HttpStatus), true, 9, t);
    let (confirmed, _) = state.step(degraded(Cause::HttpStatus), true, 10, t);
    assert_eq!(confirmed.map(|t| t.cause), Some(Some(Cause::HttpStatus)));
}

#[test]
fn slowness_says_the_time_without_repeating_the_probe() {
    let probes = [Observation::ok(
        ProbeKind::Http,
        "https://chat.test/",
        2500,
        "200 OK",
    )];
    let view = View::judge(&probes, None, 2000);
    assert_eq!(view.cause, Some(Cause::Slow));
    let words = view.cause.unwrap().describe(&view.detail);
    assert_eq!(words, "Slow to answer (2.5 s)");
}
