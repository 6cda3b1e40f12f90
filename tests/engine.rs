//! The engine under paused tokio time with a scripted checker: confirmation timing, blips,
//! recovery, offline, reload and check-now.

use std::path::Path;
use std::time::Duration;

use outage_radar::engine::{self, EngineHandle};
use outage_radar::event::{EngineEvent, TransitionEvent};
use outage_radar::{Cause, Connectivity, Settings, Verdict};
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

use crate::support::events::{next_transition_of, probes_failed, until_round};
use crate::support::scripted::Scripted;

const CONFIG: &str = r#"
builtins = []
interval_secs = 60
recheck_secs = 5
confirm = 2
[connectivity]
probes = [{ kind = "tcp", addr = "127.0.0.1:9" }]
[[services]]
id = "chat"
name = "Chat"
probes = [{ kind = "http", url = "http://chat.test/" }, { kind = "tcp", addr = "chat.test:443" }]
[[services]]
id = "other"
probes = [{ kind = "tcp", addr = "other.test:443" }]
"#;

fn settings(text: &str) -> Settings {
    Settings::parse(text, Path::new("test.toml")).unwrap()
}

fn start(
    world: &Scripted,
) -> (
    EngineHandle,
    Receiver<EngineEvent>,
    tokio::sync::oneshot::Sender<()>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        let _ = stopped.await;
    };
    let (handle, events, _task) =
        engine::spawn(settings(CONFIG), world.factory(), None, shutdown).unwrap();
    (handle, events, stop)
}

/// Waits (in paused time) for the next transition of `service`, or None after `within`.
async fn next_transition(
    events: &mut Receiver<EngineEvent>,
    service: &str,
    within: Duration,
) -> Option<TransitionEvent> {
    next_transition_of(events, Some(service), within).await
}

async fn settle_up(events: &mut Receiver<EngineEvent>) {
    let first = next_transition(events, "chat", Duration::from_secs(30))
        .await
        .expect("first verdict");
    assert_eq!((first.from, first.to), (Verdict::Unknown, Verdict::Up));
}

#[tokio::test(start_paused = true)]
async fn an_outage_is_confirmed_within_one_interval_plus_the_recheck() {
    let world = Scripted::default();
    let (_handle, mut events, _stop) = start(&world);
    settle_up(&mut events).await;
    let broke_at = Instant::now();
    world.fail("chat", Cause::DnsServfail);
    let t = next_transition(&mut events, "chat", Duration::from_secs(120))
        .await
        .expect("outage confirmed");
    let took = broke_at.elapsed();
    assert_eq!(
        (t.from, t.to, t.cause),
        (Verdict::Up, Verdict::Down, Some(Cause::DnsServfail))
    );
    assert_eq!(t.cause_text, "DNS lookups fail (SERVFAIL)");
    assert!(
        took <= Duration::from_secs(60 + 5 + 1),
        "confirmed after {took:?}"
    );
    // The second round was the fast re-check, not a full interval later.
    assert!(took < Duration::from_secs(2 * 60), "took {took:?}");
}

fn of_chat(transitions: Vec<TransitionEvent>) -> Vec<TransitionEvent> {
    transitions
        .into_iter()
        .filter(|t| t.service == "chat")
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_one_round_blip_never_transitions() {
    let world = Scripted::default();
    let (_handle, mut events, _stop) = start(&world);
    settle_up(&mut events).await;
    world.fail("chat", Cause::HttpStatus);
    // The round in which the engine saw the failure, then healed before the re-check.
    let (seen, before) = until_round(&mut events, Duration::from_secs(120), |s| {
        probes_failed(s, "chat")
    })
    .await;
    let seen = seen.expect("the engine never saw the failure");
    assert_eq!(
        of_chat(before),
        vec![],
        "a transition before the failure was seen"
    );
    assert_eq!(
        seen.services[0].state,
        Verdict::Up,
        "one failed round confirmed"
    );
    world.heal("chat");
    // The re-check sees it fine again, then ten more rounds: no transition in any of them.
    let (healed, transitions) = until_round(&mut events, Duration::from_secs(120), |s| {
        !probes_failed(s, "chat")
    })
    .await;
    assert!(healed.is_some(), "the blip was never re-checked");
    assert_eq!(of_chat(transitions), vec![], "the blip transitioned");
    for _ in 0..10 {
        let (round, transitions) =
            until_round(&mut events, Duration::from_secs(120), |_| true).await;
        assert!(round.is_some(), "the engine stopped running rounds");
        assert_eq!(of_chat(transitions), vec![], "the blip transitioned later");
    }
}

#[tokio::test(start_paused = true)]
async fn recovery_is_confirmed_and_reports_the_outage_length() {
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world);
    settle_up(&mut events).await;
    world.fail("chat", Cause::TcpRefused);
    let down = next_transition(&mut events, "chat", Duration::from_secs(120))
        .await
        .unwrap();
    assert_eq!(down.to, Verdict::Down);
    world.heal("chat");
    let up = next_transition(&mut events, "chat", Duration::from_secs(300))
        .await
        .expect("recovery");
    assert_eq!((up.from, up.to), (Verdict::Down, Verdict::Up));
    assert!(up.trouble_since_ms.is_some());
    assert_eq!(handle.snapshot().services[0].state, Verdict::Up);
}

#[tokio::test(start_paused = true)]
async fn nothing_is_called_down_while_offline() {
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world);
    settle_up(&mut events).await;
    world.set_offline(true);
    world.fail("chat", Cause::TcpTimeout);
    world.fail("other", Cause::TcpTimeout);
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut saw_offline = false;
    while let Ok(Ok(event)) = tokio::time::timeout_at(deadline, events.recv()).await {
        match event {
            EngineEvent::Transition(t) => assert_ne!(t.to, Verdict::Down, "{t:?}"),
            EngineEvent::Connectivity(c) => saw_offline |= c.to == Connectivity::Offline,
            EngineEvent::Round(_) => {}
        }
    }
    assert!(saw_offline);
    let snapshot = handle.snapshot();
    assert_eq!(snapshot.overall.as_str(), "offline");
    assert!(snapshot
        .services
        .iter()
        .all(|s| s.state == Verdict::Unknown));
    // Back online with the service still failing: now it is them, and it is confirmed.
    world.set_offline(false);
    let t = next_transition(&mut events, "chat", Duration::from_secs(120))
        .await
        .expect("down once online");
    assert_eq!(t.to, Verdict::Down);
}

#[tokio::test(start_paused = true)]
async fn check_now_runs_a_round_at_once_and_reload_changes_the_schedule() {
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world);
    settle_up(&mut events).await;
    while events.try_recv().is_ok() {} // what happened before the click
    let before = world.checks("chat");
    handle.check_now();
    // "Check now" runs a round at once: the next round (within a moment, far short of the
    // 60 s interval) checked the service once more.
    let (round, _) = until_round(&mut events, Duration::from_millis(100), |_| true).await;
    assert!(round.is_some(), "no round right after Check now");
    assert_eq!(world.checks("chat"), before + 1);

    handle
        .reload(settings(
            &CONFIG.replace("interval_secs = 60", "interval_secs = 10"),
        ))
        .await
        .unwrap();
    let after_reload = world.checks("chat");
    tokio::time::sleep(Duration::from_secs(35)).await;
    let rounds = world.checks("chat") - after_reload;
    assert!(
        (3..=4).contains(&rounds),
        "{rounds} rounds in 35 s at a 10 s interval"
    );
    // The confirmed verdict survived the reload.
    assert_eq!(handle.snapshot().services[0].state, Verdict::Up);
}
