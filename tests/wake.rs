//! Sleep, wake and network changes start confirmations over: logind's and NetworkManager's
//! signals on a private bus, and a changed default route, each make the engine look again
//! within seconds without confirming what it saw before.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use outage_radar::engine::{self, EngineHandle};
use outage_radar::event::EngineEvent;
use outage_radar::netwatch::{self, Sources};
use outage_radar::{Cause, Settings, Verdict};
use tokio::sync::broadcast::Receiver;

use crate::support::events::next_transition;
use crate::support::notifications::NotificationBus;
use crate::support::scripted::Scripted;

/// A long interval and re-check: any round sooner than `RECHECK` comes from the nudge.
const CONFIG: &str = r#"
builtins = []
interval_secs = 600
recheck_secs = 20
confirm = 2
[connectivity]
probes = [{ kind = "tcp", addr = "127.0.0.1:9" }]
[[services]]
id = "chat"
name = "Chat"
probes = [{ kind = "http", url = "http://chat.test/" }]
"#;
const RECHECK: Duration = Duration::from_secs(20);

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        let files = Files { dir };
        files.route("wlan0\t00000000\t0101A8C0");
        std::fs::write(files.resolv(), "nameserver 192.168.1.1\n").unwrap();
        files
    }
    fn route_path(&self) -> std::path::PathBuf {
        self.dir.path().join("route")
    }
    fn resolv(&self) -> std::path::PathBuf {
        self.dir.path().join("resolv.conf")
    }
    fn route(&self, line: &str) {
        let table = format!("Iface\tDestination\tGateway\n{line}\n");
        std::fs::write(self.route_path(), table).unwrap();
    }
}

async fn start(
    world: &Scripted,
    bus: Option<zbus::Connection>,
    files: &Files,
) -> (
    EngineHandle,
    Receiver<EngineEvent>,
    tokio::sync::oneshot::Sender<()>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let settings = Settings::parse(CONFIG, Path::new("test.toml")).unwrap();
    let (handle, events, _task) = engine::spawn(settings, world.factory(), None, async move {
        let _ = stopped.await;
    })
    .unwrap();
    let sources = Sources {
        bus,
        route_file: files.route_path(),
        resolv_file: files.resolv(),
    };
    tokio::spawn(netwatch::watch(sources, handle.nudger()));
    (handle, events, stop)
}

async fn wait_checks(world: &Scripted, more_than: usize, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < within {
        if world.checks("chat") > more_than {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// Gets to the first verdict quickly ("Check now" until it is confirmed), then makes the
/// service fail.
async fn up_then_failing(
    world: &Scripted,
    handle: &EngineHandle,
    events: &mut Receiver<EngineEvent>,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    'up: loop {
        assert!(Instant::now() < deadline, "no first verdict");
        handle.check_now();
        while let Ok(Ok(event)) =
            tokio::time::timeout(Duration::from_millis(500), events.recv()).await
        {
            if matches!(event, EngineEvent::Transition(t) if t.to == Verdict::Up) {
                break 'up;
            }
        }
    }
    world.fail("chat", Cause::TcpTimeout);
}

/// After `nudge`, a round comes within a few seconds, well before the re-check, and it does
/// not confirm the outage the previous round began to see; the re-check after it does.
async fn nudged_round_starts_over(
    world: &Scripted,
    handle: &EngineHandle,
    events: &mut Receiver<EngineEvent>,
    nudge: impl std::future::Future<Output = ()>,
) {
    up_then_failing(world, handle, events).await;
    // No scheduled round for 600 s: the first failing round comes from "Check now".
    handle.check_now();
    let before = world.checks("chat");
    wait_checks(world, before, Duration::from_secs(5))
        .await
        .expect("the first failing round");
    let before = world.checks("chat");
    nudge.await;
    let took = wait_checks(world, before, RECHECK - Duration::from_secs(2))
        .await
        .unwrap_or_else(|| {
            panic!(
                "no round within {:?} of the nudge",
                RECHECK - Duration::from_secs(2)
            )
        });
    eprintln!("re-checked {took:?} after the nudge");
    // That round is the first of a new confirmation: nothing is confirmed by it.
    assert_eq!(
        next_transition(events, Duration::from_millis(500))
            .await
            .map(|t| t.to),
        None
    );
    // The re-check after it confirms, now that two rounds after the change agree.
    assert_eq!(
        next_transition(events, RECHECK + Duration::from_secs(5))
            .await
            .map(|t| t.to),
        Some(Verdict::Down)
    );
}

/// A connection of its own to the private bus.
async fn connect(bus: &NotificationBus) -> zbus::Connection {
    zbus::connection::Builder::address(bus.address.as_str())
        .build()
        .await
        .unwrap()
}

#[tokio::test]
async fn logind_waking_up_starts_confirmation_over() {
    let bus = NotificationBus::start().await;
    let (listener, emitter) = (connect(&bus).await, connect(&bus).await);
    let files = Files::new();
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world, Some(listener), &files).await;
    nudged_round_starts_over(&world, &handle, &mut events, async {
        // Going to sleep says nothing yet; waking up does.
        for going_to_sleep in [true, false] {
            emitter
                .emit_signal(
                    None::<&str>,
                    "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager",
                    "PrepareForSleep",
                    &going_to_sleep,
                )
                .await
                .unwrap();
        }
    })
    .await;
}

#[tokio::test]
async fn a_network_manager_state_change_starts_confirmation_over() {
    let bus = NotificationBus::start().await;
    let (listener, emitter) = (connect(&bus).await, connect(&bus).await);
    let files = Files::new();
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world, Some(listener), &files).await;
    nudged_round_starts_over(&world, &handle, &mut events, async {
        // NM_STATE_CONNECTED_GLOBAL after a switch of network.
        emitter
            .emit_signal(
                None::<&str>,
                "/org/freedesktop/NetworkManager",
                "org.freedesktop.NetworkManager",
                "StateChanged",
                &70u32,
            )
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_new_default_route_starts_confirmation_over() {
    let files = Files::new();
    let world = Scripted::default();
    let (handle, mut events, _stop) = start(&world, None, &files).await;
    let files = Arc::new(files);
    let changed = files.clone();
    // The route is read every 5 s: the round follows within that plus the settle time,
    // well before the re-check would have come.
    nudged_round_starts_over(&world, &handle, &mut events, async move {
        changed.route("eth0\t00000000\t0100000A");
    })
    .await;
}
