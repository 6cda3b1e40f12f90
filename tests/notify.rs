//! Desktop notifications from `outage-radar watch` over a real, private D-Bus session.

use std::time::Duration;

use crate::support::cli::{one_service_config, Cli, Watch};
use crate::support::http::{closed_port, HttpStub, Mode};
use crate::support::notifications::NotificationBus;

fn transition_to(watch: &Watch, to: &'static str, within: Duration) -> Option<serde_json::Value> {
    watch.line_where(within, move |v| v["event"] == "transition" && v["to"] == to)
}

/// Waits until `count` notifications arrived (they are sent asynchronously).
async fn wait_for(bus: &NotificationBus, count: usize) {
    for _ in 0..100 {
        if bus.notified().len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_notification_per_outage_and_per_recovery_none_for_a_blip() {
    let bus = NotificationBus::start().await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let mut watch = cli.watch_env(&["--json"], &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    let w = &watch;
    tokio::task::block_in_place(|| transition_to(w, "up", Duration::from_secs(20)))
        .expect("first verdict");

    // A blip: one failed answer written to the watcher, then fine again before the re-check.
    let errors = stub.errors_served();
    stub.set(Mode::Status(503));
    while stub.errors_served() == errors {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stub.set(Mode::Ok("fine".into()));
    assert_eq!(
        stub.errors_served(),
        errors + 1,
        "more than one failed answer"
    );
    let w = &watch;
    assert_eq!(
        tokio::task::block_in_place(|| transition_to(w, "down", Duration::from_secs(4))),
        None,
        "a blip"
    );

    stub.set(Mode::Status(503));
    tokio::task::block_in_place(|| transition_to(w, "down", Duration::from_secs(20)))
        .expect("outage");
    stub.set(Mode::Ok("fine".into()));
    tokio::task::block_in_place(|| transition_to(w, "up", Duration::from_secs(20)))
        .expect("recovery");
    wait_for(&bus, 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stderr = tokio::task::block_in_place(|| watch.stop_and_stderr());

    let notified = bus.notified();
    assert_eq!(notified.len(), 2, "{notified:#?}\n{stderr}");
    assert!(
        notified.iter().all(|n| n.app_name == "Outage Radar"),
        "{notified:#?}"
    );
    assert_eq!(notified[0].summary, "Chat is down");
    assert!(
        notified[0].body.contains("Server errors (HTTP 503)"),
        "{notified:#?}"
    );
    assert_eq!(notified[0].urgency, Some(2), "an outage is critical");
    assert_eq!(notified[0].replaces_id, 0);
    assert!(
        notified[1].summary.starts_with("Chat is back after"),
        "{notified:#?}"
    );
    // The recovery takes the outage's place instead of piling up beside it, and does not
    // say the same thing twice.
    assert_eq!(notified[1].replaces_id, notified[0].id, "{notified:#?}");
    assert_eq!(notified[1].urgency, Some(1));
    assert!(!notified[1].body.contains("Chat"), "{notified:#?}");
    assert!(!stderr.contains("unavailable"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_notified_while_the_controls_are_unreachable() {
    let bus = NotificationBus::start().await;
    let dead = closed_port().to_string();
    let cli = Cli::new(&one_service_config(&format!("http://{dead}/"), &dead));
    let mut watch = cli.watch_env(&["--json"], &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    let w = &watch;
    let line = tokio::task::block_in_place(|| {
        w.line_where(Duration::from_secs(20), |v| v["event"] == "connectivity")
    });
    assert_eq!(line.expect("offline noticed")["to"], "offline");
    // Several rounds (1 s interval) with the service failing too.
    let down = tokio::task::block_in_place(|| transition_to(w, "down", Duration::from_secs(5)));
    assert_eq!(down, None);
    tokio::task::block_in_place(|| watch.stop_and_stderr());
    assert_eq!(bus.notified(), vec![]);
}

#[test]
fn without_a_notification_service_watch_warns_once_and_goes_on() {
    let stub = HttpStub::start(Mode::Status(503));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let dir = tempfile::tempdir().unwrap();
    let nowhere = format!("unix:path={}", dir.path().join("no-bus").display());
    let mut watch = cli.watch_env(&["--json"], &[("DBUS_SESSION_BUS_ADDRESS", &nowhere)]);
    transition_to(&watch, "down", Duration::from_secs(20)).expect("outage still reported");
    stub.set(Mode::Ok("fine".into()));
    transition_to(&watch, "up", Duration::from_secs(20)).expect("recovery still reported");
    std::thread::sleep(Duration::from_millis(500));
    let stderr = watch.stop_and_stderr();
    assert_eq!(
        stderr.matches("notifications are unavailable").count(),
        1,
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_previous_runs_outage_notification_is_closed_once_the_service_is_up() {
    let bus = NotificationBus::start().await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    // What a previous run left on screen: Chat's outage, and a service no longer watched.
    std::fs::create_dir_all(cli.data_dir()).unwrap();
    std::fs::write(
        cli.data_dir().join("notifications.json"),
        r#"{"chat":{"id":41,"trouble":true},"gone":{"id":42,"trouble":false}}"#,
    )
    .unwrap();
    let mut watch = cli.watch_env(&["--json"], &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    let w = &watch;
    tokio::task::block_in_place(|| transition_to(w, "up", Duration::from_secs(20)))
        .expect("first verdict");
    for _ in 0..100 {
        if bus.closed().len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let stderr = tokio::task::block_in_place(|| watch.stop_and_stderr());
    let mut closed = bus.closed();
    closed.sort_unstable();
    assert_eq!(closed, vec![41, 42], "{stderr}");
    assert_eq!(bus.notified(), vec![], "a first verdict is no news");
    let kept = std::fs::read_to_string(cli.data_dir().join("notifications.json")).unwrap();
    assert_eq!(kept, "{}", "nothing left to close next time");
}
