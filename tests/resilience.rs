//! The engine on bad days, under paused time: rounds longer than any tick, a suspend in
//! the middle of an outage, a panic in the engine, a user clicking "Check now" ten times.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use outage_radar::engine::clock::TestClock;
use outage_radar::engine::{self, EngineHandle, STOPPED_TEXT};
use outage_radar::event::EngineEvent;
use outage_radar::{Cause, Error, Settings, Verdict};
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

use crate::support::events::{next_transition, probes_failed, until_round};
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
probes = [{ kind = "http", url = "http://chat.test/" }]
"#;

fn settings(text: &str) -> Settings {
    Settings::parse(text, Path::new("test.toml")).unwrap()
}

struct Running {
    handle: EngineHandle,
    events: Receiver<EngineEvent>,
    clock: TestClock,
    _stop: tokio::sync::oneshot::Sender<()>,
}

fn start(world: &Scripted, config: &str) -> Running {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let clock = TestClock::new(1_800_000_000_000);
    let (handle, events, _task) = engine::spawn_with_clock(
        settings(config),
        world.factory(),
        None,
        Arc::new(clock.clone()),
        async move {
            let _ = stopped.await;
        },
    )
    .unwrap();
    Running {
        handle,
        events,
        clock,
        _stop: stop,
    }
}

async fn settle_up(events: &mut Receiver<EngineEvent>) {
    let first = next_transition(events, Duration::from_secs(120))
        .await
        .expect("first verdict");
    assert_eq!(first.to, Verdict::Up);
}

#[tokio::test(start_paused = true)]
async fn rounds_longer_than_the_suspend_check_still_confirm_an_outage() {
    let world = Scripted::default();
    let mut run = start(&world, CONFIG);
    settle_up(&mut run.events).await;
    // A hanging service: every round takes 17 s, far longer than the 5 s between looks at
    // the clocks. Both clocks advance together: no suspend.
    world.set_delay(Duration::from_secs(17));
    world.fail("chat", Cause::HttpTimeout);
    let t = next_transition(&mut run.events, Duration::from_secs(180))
        .await
        .expect("a long round must not reset the confirmation");
    assert_eq!((t.from, t.to), (Verdict::Up, Verdict::Down));
}

#[tokio::test(start_paused = true)]
async fn a_suspend_starts_confirmation_over_and_rechecks_at_once() {
    let world = Scripted::default();
    let mut run = start(&world, CONFIG);
    settle_up(&mut run.events).await;
    // The first failing round, as the engine saw it: one more would confirm.
    world.fail("chat", Cause::TcpTimeout);
    let (seen, transitions) = until_round(&mut run.events, Duration::from_secs(120), |s| {
        probes_failed(s, "chat")
    })
    .await;
    assert!(seen.is_some(), "the engine never saw the failure");
    assert_eq!(transitions, vec![]);
    // The lid closes for ten minutes.
    run.clock.sleep_for(Duration::from_secs(600));
    let before = world.checks("chat");
    tokio::time::sleep(Duration::from_millis(5_500)).await;
    // Seen within one look at the clocks, and a full round followed at once; that round is
    // the first of a new confirmation, not the second of the old one.
    assert!(
        world.checks("chat") > before,
        "no re-check after the resume"
    );
    let confirmed = next_transition(&mut run.events, Duration::from_secs(1))
        .await
        .map(|t| t.to);
    assert_eq!(confirmed, None, "confirmed across a suspend");
    // And the outage is confirmed by rounds after the resume.
    let t = next_transition(&mut run.events, Duration::from_secs(30))
        .await
        .expect("confirmed after the resume");
    assert_eq!(t.to, Verdict::Down);
}

#[tokio::test(start_paused = true)]
async fn a_panic_in_the_engine_restarts_it_and_it_goes_on_judging() {
    let world = Scripted::default();
    let mut run = start(&world, CONFIG);
    settle_up(&mut run.events).await;
    world.panic_next(1);
    run.handle.check_now();
    // Restarted: the verdicts start over (unknown → up), then it still confirms outages.
    let again = next_transition(&mut run.events, Duration::from_secs(120))
        .await
        .expect("no verdict after the panic: the engine died");
    assert_eq!(again.to, Verdict::Up);
    world.fail("chat", Cause::HttpStatus);
    let t = next_transition(&mut run.events, Duration::from_secs(120))
        .await
        .expect("no outage after the restart");
    assert_eq!(t.to, Verdict::Down);
    assert_eq!(run.handle.snapshot().stopped, None);
    // Reloads reach the restarted engine.
    run.handle.reload(settings(CONFIG)).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn an_engine_that_keeps_failing_says_so_and_refuses_reloads() {
    let world = Scripted::default();
    let mut run = start(&world, CONFIG);
    settle_up(&mut run.events).await;
    world.panic_next(usize::MAX);
    run.handle.check_now();
    let deadline = Instant::now() + Duration::from_secs(60);
    while run.handle.snapshot().stopped.is_none() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(run.handle.snapshot().stopped.as_deref(), Some(STOPPED_TEXT));
    let reload = run.handle.reload(settings(CONFIG)).await;
    assert!(
        matches!(reload, Err(Error::EngineStopped)),
        "a reload sent to a stopped engine answered {reload:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn check_now_clicked_ten_times_during_a_round_queues_one_round() {
    let world = Scripted::default();
    let mut run = start(&world, CONFIG);
    settle_up(&mut run.events).await;
    world.set_delay(Duration::from_secs(3));
    let before = world.checks("chat");
    run.handle.check_now();
    // The clicked round has started (its check of the service is under way).
    while world.checks("chat") == before {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let during = world.checks("chat");
    for _ in 0..10 {
        run.handle.check_now();
    }
    // Long enough for eleven rounds of 3 s, far short of the next scheduled one.
    tokio::time::sleep(Duration::from_secs(40)).await;
    assert_eq!(
        world.checks("chat") - during,
        1,
        "ten clicks during a round made more than one more round"
    );
}
