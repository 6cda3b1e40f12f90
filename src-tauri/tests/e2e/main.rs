//! End-to-end tests of the desktop app: the real binary on a private X server and session
//! bus, seen the way a desktop sees it — the tray item and its menu over D-Bus, the
//! notifications it sends — while loopback HTTP stubs play the watched service.
//!
//! Nothing leaves the machine: `builtins = []`, the controls and services are loopback stubs.
//!
//! Needs `Xvfb`, `dbus-daemon` and `xwininfo` (apt packages xvfb, dbus, x11-utils). Run with
//! `cargo test --release -p outage-radar-desktop --test e2e`.

// The root tests' `cli.rs` names the CLI's binary with `env!("CARGO_BIN_EXE_outage-radar")`,
// which only the root package's tests define. Here the same helper drives the desktop
// binary: this macro shadows `env!` for the modules declared below it.
macro_rules! env {
    ("CARGO_BIN_EXE_outage-radar") => {
        ::core::env!("CARGO_BIN_EXE_outage-radar-desktop")
    };
    ($($any:tt)*) => {
        ::core::env!($($any)*)
    };
}

/// The root tests' config and temp-dir helper (`one_service_config`, `Cli::command`).
#[path = "../../../tests/support/cli.rs"]
#[allow(dead_code)]
mod cli;
/// The root tests' loopback HTTP stub.
#[path = "../../../tests/support/http.rs"]
#[allow(dead_code)]
mod http;
/// The root tests' private bus with a fake notification server.
#[path = "../../../tests/support/notifications.rs"]
#[allow(dead_code)]
mod notifications;

/// The vendor lags, and "tell me when it's back" from the tray menu.
mod back;
/// A busy user and a busy engine: the menu keeps being served.
mod busy;
/// Xvfb, the private desktop, the app process.
mod harness;
/// The app as installed: tray, metrics, log file (also run on the .deb's binary).
mod installed;
/// Processes and their memory, from /proc.
mod procfs;
/// The fake tray host (StatusNotifierWatcher) and the tray item client.
mod sni;

use std::time::{Duration, Instant};

use cli::{one_service_config, Cli};
use harness::{until, Desktop, TcpControl, FOLLOW, SERIAL, STARTUP};
use http::{closed_port, HttpStub, Mode};
use sni::{dominant_colour, Colour, Entry, Item};

/// How soon after the engine's transition the tray icon must show it ("about a second").
const ICON_LAG: Duration = Duration::from_secs(2);

/// Each test picks its X display from a range of its own.
mod displays {
    use std::ops::Range;
    pub const ICON: Range<u32> = 140..150;
    pub const MENU: Range<u32> = 150..160;
    pub const NOTIFY: Range<u32> = 160..170;
    pub const OFFLINE: Range<u32> = 170..180;
    pub const SECOND: Range<u32> = 180..190;
    pub const LOST: Range<u32> = 190..200;
    pub const PAUSE: Range<u32> = 200..210;
    pub const AUTOSTART: Range<u32> = 250..260;
    pub const BUSY: Range<u32> = 260..270;
    pub const BACK: Range<u32> = 270..280;
    pub const METRICS: Range<u32> = 280..290;
    pub const INSTALLED: Range<u32> = 290..300;
}

/// A config watching the stub, with `control` as the only connectivity control.
fn config(stub: &HttpStub, control: &str) -> String {
    one_service_config(&stub.url("/"), control)
}

/// Waits until the tray icon file shows `colour`; returns when it was first seen, and the file.
async fn wait_colour(item: &Item, colour: Colour, within: Duration) -> Option<(Instant, String)> {
    until(within, || async {
        // The file of an older picture is deleted when a new one is set: read errors retry.
        let path = item.icon_name().await.ok()?;
        (dominant_colour(&path) == Some(colour)).then(|| (Instant::now(), path))
    })
    .await
}

async fn current_colour(item: &Item) -> (String, Option<Colour>) {
    let path = item.icon_name().await.unwrap_or_default();
    let colour = dominant_colour(&path);
    (path, colour)
}

/// Waits until the menu has an entry satisfying `pred`; returns the whole menu.
async fn wait_menu(
    item: &Item,
    within: Duration,
    pred: impl Fn(&Entry) -> bool,
) -> Option<Vec<Entry>> {
    until(within, || async {
        let menu = item.menu().await.ok()?;
        menu.iter().any(&pred).then_some(menu)
    })
    .await
}

fn is_labelled(shown: &str, label: &str) -> bool {
    shown == label
        || shown
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(" (") && rest.ends_with(')'))
}

fn labels(menu: &[Entry]) -> Vec<&str> {
    menu.iter().map(|e| e.label.as_str()).collect()
}

/// The entry labelled `label`, or `label (…)`: "Check now (last 10:42:05)" is "Check now".
fn entry<'m>(menu: &'m [Entry], label: &str) -> &'m Entry {
    menu.iter()
        .find(|e| is_labelled(&e.label, label))
        .unwrap_or_else(|| panic!("no {label:?} in the menu: {:?}", labels(menu)))
}

/// "HH:MM" at the start of `s`, and what follows.
fn after_clock(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let clock = b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit);
    clock.then(|| &s[5..])
}

/// "<prefix>HH:MM<rest>" with `rest` starting with `then`.
fn is_clock_line(label: &str, prefix: &str, then: &str) -> bool {
    label
        .strip_prefix(prefix)
        .and_then(after_clock)
        .is_some_and(|rest| rest.starts_with(then))
}

/// Waits for `count` notifications (they are sent asynchronously).
async fn wait_notified(desk: &Desktop, count: usize, within: Duration) {
    until(within, || async {
        (desk.bus.notified().len() >= count).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_icon_follows_the_verdict_green_red_green() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::ICON).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string()));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    eprintln!("tray item registered after {:?}", started.elapsed());

    let Some((_, path)) = wait_colour(&item, Colour::Green, STARTUP).await else {
        let now = current_colour(&item).await;
        panic!("never green: {now:?}\n{}", app.stderr());
    };
    eprintln!("green after {:?}", started.elapsed());
    assert!(
        path.starts_with(&desk.runtime_dir().display().to_string())
            && path.contains("tray-icon-outage-radar-"),
        "ayatana's icon file, named after the tray id, in XDG_RUNTIME_DIR: {path}"
    );
    // Memory with the tray only (no window was ever opened): figures, not assertions.
    procfs::print_rss("tray only", app.pid());
    // The tray app does not load WebKit: only the window processes do.
    for lib in ["libwebkit2gtk", "libjavascriptcoregtk"] {
        let mapped = procfs::mapped(app.pid(), lib);
        assert!(mapped.is_empty(), "the tray app maps {mapped:?}");
    }

    for (mode, colour, verdict) in [
        (Mode::Status(503), Colour::Red, "down"),
        (Mode::Ok("fine".into()), Colour::Green, "up"),
    ] {
        let switched = Instant::now();
        stub.set(mode);
        let Some((seen, path)) = wait_colour(&item, colour, FOLLOW).await else {
            let now = current_colour(&item).await;
            panic!(
                "not {colour:?} within {FOLLOW:?} of the stub turning {verdict}: {now:?}\n{}",
                app.stderr()
            );
        };
        let transition = app
            .line_after(switched, &["transition", &format!("to={verdict}")])
            .unwrap_or_else(|| panic!("no transition to {verdict} logged\n{}", app.stderr()));
        let lag = seen.saturating_duration_since(transition);
        eprintln!(
            "{verdict}: transition {:?} after the switch, icon {colour:?} {lag:?} after the transition ({path})",
            transition - switched,
        );
        assert!(
            lag <= ICON_LAG,
            "the icon showed {verdict} {lag:?} after the transition\n{}",
            app.stderr()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_tells_the_state_check_now_probes_at_once_and_quit_exits_0() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::MENU).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    // A round every 30 s: a probe within a second of "Check now" can only be "Check now".
    let config = config(&stub, &control.addr.to_string());
    assert!(config.contains("interval_secs = 1\n"));
    let cli = Cli::new(&config.replace("interval_secs = 1\n", "interval_secs = 30\n"));
    let mut app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;

    let menu = wait_menu(&item, STARTUP, |e| e.label == "All services up")
        .await
        .unwrap_or_else(|| panic!("never \"All services up\"\n{}", app.stderr()));
    let shown = labels(&menu);
    eprintln!("menu: {shown:?}");
    let overall = entry(&menu, "All services up");
    assert!(!overall.enabled, "information, not an action: {overall:?}");
    let service = menu
        .iter()
        .find(|e| is_clock_line(&e.label, "Chat: up since ", ""))
        .unwrap_or_else(|| panic!("no \"Chat: up since HH:MM\" line: {shown:?}"));
    assert!(!service.enabled, "{service:?}");
    for action in [
        "Check now",
        "Pause notifications for 1 hour",
        "Open dashboard",
        "Settings…",
        "Quit",
    ] {
        assert!(entry(&menu, action).enabled, "{action}: {shown:?}");
    }
    // The order: the state on top, the actions below, Quit last.
    let position = |label: &str| shown.iter().position(|l| is_labelled(l, label)).unwrap();
    assert!(position("All services up") < position(&service.label));
    assert!(position(&service.label) < position("Check now"));
    assert_eq!(
        menu.iter()
            .rev()
            .find(|e| e.kind != "separator")
            .unwrap()
            .label,
        "Quit"
    );

    // "Check now" probes at once, far ahead of the 30 s schedule, and the answer shows.
    stub.set(Mode::Status(503));
    let before = stub.hits();
    let clicked = Instant::now();
    let check_now_before = entry(&menu, "Check now").label.clone();
    item.click(entry(&menu, "Check now").id)
        .await
        .expect("click Check now");
    let probed = until(Duration::from_secs(3), || async {
        (stub.hits() > before).then(Instant::now)
    })
    .await
    .unwrap_or_else(|| {
        panic!(
            "no probe within 3 s of \"Check now\" (hits {})\n{}",
            stub.hits(),
            app.stderr()
        )
    });
    eprintln!("Check now: probe {:?} after the click", probed - clicked);
    let menu = wait_menu(&item, FOLLOW, |e| {
        is_clock_line(&e.label, "Chat is down since ", "")
    })
    .await
    .unwrap_or_else(|| panic!("the overall line never said down\n{}", app.stderr()));
    eprintln!("menu: {:?}", labels(&menu));
    // The click shows: the item says when the last check ran, to the second.
    let last = entry(&menu, "Check now").label.clone();
    assert_ne!(last, check_now_before, "{:?}", labels(&menu));
    assert!(last.starts_with("Check now (last "), "{last}");
    assert!(
        menu.iter().any(|e| is_clock_line(
            &e.label,
            "Chat: down since ",
            " — Server errors (HTTP 503)"
        )),
        "{:?}",
        labels(&menu)
    );

    item.click(entry(&menu, "Quit").id)
        .await
        .expect("click Quit");
    let status = app
        .wait_exit(STARTUP)
        .await
        .unwrap_or_else(|| panic!("still running after Quit\n{}", app.stderr()));
    assert_eq!(status.code(), Some(0), "{}", app.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_notification_per_outage_and_per_recovery_none_for_a_blip() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::NOTIFY).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string()));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    desk.tray_item(&app).await;
    app.wait_transition(started, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no first verdict\n{}", app.stderr()));

    // A blip: exactly one failed answer, then fine again before the re-check (1 s later).
    let hits = stub.hits();
    stub.set(Mode::Status(503));
    until(STARTUP, || async { (stub.hits() > hits).then_some(()) })
        .await
        .expect("the next round probes the stub");
    // Let the stub's thread read the mode before switching back.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stub.set(Mode::Ok("fine".into()));
    let blip = Instant::now();
    assert_eq!(
        app.wait_transition(blip, "down", Duration::from_secs(4))
            .await,
        None,
        "a blip is not an outage\n{}",
        app.stderr()
    );

    let outage = Instant::now();
    stub.set(Mode::Status(503));
    app.wait_transition(outage, "down", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no outage\n{}", app.stderr()));
    wait_notified(&desk, 1, STARTUP).await;
    let recovery = Instant::now();
    stub.set(Mode::Ok("fine".into()));
    app.wait_transition(recovery, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no recovery\n{}", app.stderr()));
    wait_notified(&desk, 2, STARTUP).await;
    // Room for a duplicate to show up.
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let notified = desk.bus.notified();
    eprintln!("notified: {notified:#?}");
    assert_eq!(notified.len(), 2, "{notified:#?}\n{}", app.stderr());
    assert!(
        notified.iter().all(|n| n.app_name == "Outage Radar"),
        "{notified:#?}"
    );
    assert_eq!(notified[0].summary, "Chat is down", "{notified:#?}");
    assert!(
        notified[0].body.contains("Server errors (HTTP 503)"),
        "{notified:#?}"
    );
    assert!(
        notified[1].summary.starts_with("Chat is back after"),
        "{notified:#?}"
    );
    let stderr = app.stderr();
    assert!(!stderr.contains("unavailable"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_from_the_menu_silences_notifications_until_resumed() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::PAUSE).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string()));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    app.wait_transition(started, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no first verdict\n{}", app.stderr()));

    let menu = item.menu().await.expect("menu");
    item.click(entry(&menu, "Pause notifications for 1 hour").id)
        .await
        .expect("click Pause");
    let menu = wait_menu(&item, STARTUP, |e| e.label == "Resume notifications")
        .await
        .unwrap_or_else(|| panic!("the pause item never offered to resume\n{}", app.stderr()));

    let outage = Instant::now();
    stub.set(Mode::Status(503));
    app.wait_transition(outage, "down", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no outage\n{}", app.stderr()));
    // Room for the notification the pause holds back.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(desk.bus.notified(), vec![], "paused\n{}", app.stderr());

    item.click(entry(&menu, "Resume notifications").id)
        .await
        .expect("click Resume");
    wait_menu(&item, STARTUP, |e| {
        e.label == "Pause notifications for 1 hour"
    })
    .await
    .unwrap_or_else(|| panic!("never resumed\n{}", app.stderr()));
    let recovery = Instant::now();
    stub.set(Mode::Ok("fine".into()));
    app.wait_transition(recovery, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no recovery\n{}", app.stderr()));
    wait_notified(&desk, 1, STARTUP).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let notified = desk.bus.notified();
    assert_eq!(notified.len(), 1, "{notified:#?}\n{}", app.stderr());
    assert!(
        notified[0].summary.starts_with("Chat is back after"),
        "{notified:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_notified_while_the_controls_are_unreachable() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::OFFLINE).await;
    // The service fails loudly, but the controls cannot be reached either: it's me.
    let stub = HttpStub::start(Mode::Status(503));
    let dead = closed_port().to_string();
    let cli = Cli::new(&config(&stub, &dead));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    let menu = wait_menu(&item, STARTUP, |e| e.label == "You are offline")
        .await
        .unwrap_or_else(|| panic!("offline never shown\n{}", app.stderr()));
    eprintln!(
        "offline shown after {:?}: {:?}",
        started.elapsed(),
        labels(&menu)
    );
    assert_eq!(current_colour(&item).await.1, Some(Colour::Grey));

    // Several rounds (1 s interval, 1 s re-check) with the service failing.
    let offline = Instant::now();
    let hits = stub.hits();
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(stub.hits() >= hits + 2, "the service is still probed");
    assert_eq!(
        desk.bus.notified(),
        vec![],
        "{:?}\n{}",
        labels(&item.menu().await.unwrap_or_default()),
        app.stderr()
    );
    assert_eq!(current_colour(&item).await.1, Some(Colour::Grey));
    assert_eq!(app.line_after(offline, &["transition", "to=down"]), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_and_regaining_the_connection_notifies_nothing() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::LOST).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = TcpControl::start("127.0.0.1:0");
    let control_addr = control.addr.to_string();
    let cli = Cli::new(&config(&stub, &control_addr));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    app.wait_transition(started, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("never up\n{}", app.stderr()));

    // The network goes away: the control refuses connections, the service's are reset.
    let lost = Instant::now();
    drop(control);
    stub.set(Mode::Reset);
    let menu = wait_menu(&item, FOLLOW, |e| e.label == "You are offline")
        .await
        .unwrap_or_else(|| panic!("offline never shown\n{}", app.stderr()));
    eprintln!(
        "offline shown {:?} after the loss: {:?}",
        lost.elapsed(),
        labels(&menu)
    );
    wait_colour(&item, Colour::Grey, FOLLOW)
        .await
        .unwrap_or_else(|| panic!("the icon never turned grey\n{}", app.stderr()));
    // Several rounds offline.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(desk.bus.notified(), vec![], "{}", app.stderr());
    assert_eq!(current_colour(&item).await.1, Some(Colour::Grey));

    // The network comes back: nothing went down, so nothing "is back" either.
    let back = Instant::now();
    let _control = TcpControl::start(&control_addr);
    stub.set(Mode::Ok("fine".into()));
    wait_menu(&item, FOLLOW, |e| e.label == "All services up")
        .await
        .unwrap_or_else(|| panic!("never up again\n{}", app.stderr()));
    wait_colour(&item, Colour::Green, FOLLOW)
        .await
        .unwrap_or_else(|| panic!("the icon never turned green again\n{}", app.stderr()));
    eprintln!("up again {:?} after the network came back", back.elapsed());
    // Room for a late notification.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(desk.bus.notified(), vec![], "{}", app.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_hands_over_to_the_running_app_and_exits() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::SECOND).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string()));
    let mut first = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&first).await;
    wait_menu(&item, STARTUP, |e| e.label == "All services up")
        .await
        .unwrap_or_else(|| panic!("first app not up\n{}", first.stderr()));

    let launched = Instant::now();
    let mut second = desk.launch(&cli, &["--hidden"]);
    let status = second.wait_exit(STARTUP).await.unwrap_or_else(|| {
        panic!(
            "the second launch still runs after {STARTUP:?}\n{}",
            second.stderr()
        )
    });
    eprintln!(
        "second launch exited after {:?}: {status}",
        launched.elapsed()
    );
    assert!(status.success(), "{status}\n{}", second.stderr());

    assert_eq!(
        first.exited(),
        None,
        "the first app ended\n{}",
        first.stderr()
    );
    let running = procfs::running(
        std::path::Path::new(env!("CARGO_BIN_EXE_outage-radar-desktop")),
        "DBUS_SESSION_BUS_ADDRESS",
        &desk.bus.address,
    );
    assert_eq!(running, vec![first.pid()], "exactly one app process");
    assert_eq!(
        desk.host.registered().len(),
        1,
        "{:?}",
        desk.host.registered()
    );
    // The first app still answers, and a second launch shows its dashboard.
    let menu = item
        .menu()
        .await
        .expect("the first app's menu still answers");
    assert!(labels(&menu).contains(&"Quit"), "{:?}", labels(&menu));
    // The tray host lists the app by its name, not its binary's.
    let title = item.property("Title").await.expect("the item's Title");
    assert_eq!(String::try_from(title).as_deref(), Ok("Outage Radar"));
    // `--hidden` asked for no window (a login item starting twice): none opened.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        !window_shown(desk.x.display, DASHBOARD),
        "{}",
        first.stderr()
    );

    // A second launch obeys `--open settings`.
    let mut settings = desk.launch(&cli, &["--open", "settings"]);
    settings
        .wait_exit(STARTUP)
        .await
        .expect("the launch hands over");
    let shown = until(STARTUP, || async {
        window_shown(desk.x.display, SETTINGS).then_some(())
    })
    .await;
    assert!(shown.is_some(), "no settings window\n{}", first.stderr());
    assert!(
        !window_shown(desk.x.display, DASHBOARD),
        "{}",
        first.stderr()
    );

    // Another config file cannot be taken over by the running instance: it says so.
    let other = Cli::new("builtins = []\n");
    let mut again = desk.launch(&other, &["--hidden"]);
    again
        .wait_exit(STARTUP)
        .await
        .expect("the launch hands over");
    let told = until(STARTUP, || async {
        desk.bus
            .notified()
            .into_iter()
            .find(|n| n.summary == "Outage Radar is already running")
    })
    .await
    .unwrap_or_else(|| panic!("not told\n{:?}\n{}", desk.bus.notified(), first.stderr()));
    assert!(
        told.body.contains(&*other.config_path().to_string_lossy())
            && told.body.contains(&*cli.config_path().to_string_lossy()),
        "{}",
        told.body
    );
    assert!(
        !window_shown(desk.x.display, DASHBOARD),
        "{}",
        first.stderr()
    );
    // Notification servers read the icon from their own directory: the path is absolute.
    let icon = std::path::Path::new(&told.icon);
    assert!(icon.is_absolute() && icon.is_file(), "icon {:?}", told.icon);
    // A plain launch (the menu entry) shows the dashboard.
    let mut plain = desk.launch(&cli, &[]);
    plain
        .wait_exit(STARTUP)
        .await
        .expect("the launch hands over");
    let window = until(STARTUP, || async {
        window_shown(desk.x.display, DASHBOARD).then_some(())
    })
    .await;
    assert!(
        window.is_some(),
        "no dashboard window (per xwininfo)\n{}",
        first.stderr()
    );
    // Memory with the dashboard open, once WebKit's processes stopped growing (a figure).
    let mut last = 0;
    until(STARTUP, || {
        let procs = procfs::tree_rss(first.pid());
        let total: u64 = procs.iter().map(|p| p.rss_kb).sum();
        let web = procs.iter().any(|p| p.name.starts_with("WebKitWebProces"));
        let settled = web && total.abs_diff(last) < 1024;
        last = total;
        async move {
            if !settled {
                // Samples about half a second apart.
                tokio::time::sleep(Duration::from_millis(450)).await;
            }
            settled.then_some(())
        }
    })
    .await;
    procfs::print_rss("dashboard open", first.pid());
    assert_eq!(first.exited(), None, "{}", first.stderr());

    // Quit with the settings window open goes through its page (which asks about unsaved
    // changes; there are none), and the app still ends cleanly.
    assert!(window_shown(desk.x.display, SETTINGS), "{}", first.stderr());
    quit(&item, &mut first).await;
    assert!(
        first
            .stderr()
            .contains("the settings window asks about unsaved changes first"),
        "{}",
        first.stderr()
    );
}

const DASHBOARD: &str = "Outage Radar";
const SETTINGS: &str = "Outage Radar — Settings";

/// Whether a window with this title is shown on the display. GTK's hidden helper windows
/// carry the application name as their title too, so only a viewable window counts.
fn window_shown(display: u32, title: &str) -> bool {
    let display = format!(":{display}");
    let Ok(tree) = std::process::Command::new("xwininfo")
        .args(["-root", "-tree", "-display", &display])
        .output()
    else {
        return false;
    };
    let named = format!("\"{title}\":");
    String::from_utf8_lossy(&tree.stdout)
        .lines()
        .filter(|line| line.contains(&named))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .any(|id| {
            std::process::Command::new("xwininfo")
                .args(["-id", &id, "-display", &display])
                .output()
                .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("IsViewable"))
        })
}

/// The login item files, in `$XDG_CONFIG_HOME/autostart` (the harness sets it to
/// `<home>/config`). Nothing may land in `~/.config/autostart`, which would mean the
/// variable was ignored.
fn autostart_entries(desk: &Desktop) -> Vec<String> {
    let ignored_xdg = desk.home().join(".config").join("autostart");
    assert!(
        !ignored_xdg.exists(),
        "a login item under ~/.config although XDG_CONFIG_HOME is set"
    );
    let dir = desk.home().join("config").join("autostart");
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Quits through the tray menu and waits for a clean exit.
async fn quit(item: &Item, app: &mut harness::App) {
    let menu = wait_menu(item, STARTUP, |e| e.label == "Quit")
        .await
        .expect("a Quit item");
    item.click(entry(&menu, "Quit").id)
        .await
        .expect("click Quit");
    let status = app.wait_exit(STARTUP).await.expect("exits after Quit");
    assert_eq!(status.code(), Some(0), "{}", app.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_at_login_follows_the_setting_and_starts_hidden() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::AUTOSTART).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string()));
    // Off by default: starting the app adds no login item.
    let mut app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    assert_eq!(autostart_entries(&desk), Vec::<String>::new());
    quit(&item, &mut app).await;

    // Switched on: a login item that starts the app hidden, in the tray.
    let on = format!(
        "{}\n[desktop]\nstart_at_login = true\n",
        config(&stub, &control.addr.to_string())
    );
    std::fs::write(cli.config_path(), on).unwrap();
    let mut app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    let entries = until(STARTUP, || async {
        let entries = autostart_entries(&desk);
        (!entries.is_empty()).then_some(entries)
    })
    .await
    .unwrap_or_else(|| panic!("no login item\n{}", app.stderr()));
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        entries[0].contains("outage-radar-desktop") && entries[0].contains("--hidden"),
        "{}",
        entries[0]
    );
    quit(&item, &mut app).await;

    // Switched off again: the login item goes.
    std::fs::write(cli.config_path(), config(&stub, &control.addr.to_string())).unwrap();
    let mut app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    let gone = until(STARTUP, || async {
        autostart_entries(&desk).is_empty().then_some(())
    })
    .await;
    assert!(
        gone.is_some(),
        "the login item stayed: {:?}",
        autostart_entries(&desk)
    );
    quit(&item, &mut app).await;
}
