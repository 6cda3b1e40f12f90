//! WebDriver tests of the real app: its dashboard and settings windows driven through
//! `tauri-driver` and Debian's `WebKitWebDriver`, on the e2e harness's private desktop (Xvfb,
//! session bus), against loopback stand-ins only (`builtins = []`).
//!
//! Needs what the e2e tests need, plus `tauri-driver` (`cargo install tauri-driver --locked
//! --version ^2`) and `/usr/bin/WebKitWebDriver` (apt package webkit2gtk-driver). Run with
//! `cargo test --release -p outage-radar-desktop --test webdriver`. Screenshots go to
//! `target/webdriver/`.
//!
//! Selectors live in `ui.rs` only.

// See tests/e2e/main.rs: the root tests' `cli.rs` names the CLI's binary; drive the desktop's.
macro_rules! env {
    ("CARGO_BIN_EXE_outage-radar") => {
        ::core::env!("CARGO_BIN_EXE_outage-radar-desktop")
    };
    ($($any:tt)*) => {
        ::core::env!($($any)*)
    };
}

/// The root tests' config and temp-dir helper.
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

/// The e2e tests' private desktop (Xvfb, bus, tray host), process handling and lock.
#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "../e2e/procfs.rs"]
#[allow(dead_code)]
mod procfs;
#[path = "../e2e/sni.rs"]
#[allow(dead_code)]
mod sni;

/// Selectors and words the tests look for.
mod ui;
/// The WebDriver client and `tauri-driver`.
mod wd;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use cli::{one_service_config, Cli};
use harness::{until, Desktop, FOLLOW, SERIAL, STARTUP};
use http::{HttpStub, Mode};
use wd::{Session, TauriDriver};

/// How soon after the engine's transition the card must show it (events, not polling).
const CARD_LAG: Duration = Duration::from_secs(2);
/// How long a save may take to reach the file (and an error to reach the field).
const SAVE: Duration = Duration::from_secs(10);

/// Each test picks its X display from a range of its own (the e2e tests use 140..210).
mod displays {
    use std::ops::Range;
    pub const DASHBOARD: Range<u32> = 210..220;
    pub const INTERVAL: Range<u32> = 220..230;
    pub const CUSTOM_FORM: Range<u32> = 230..240;
    pub const CUSTOM_IPC: Range<u32> = 240..250;
    pub const CONTROLS: Range<u32> = 250..260;
    pub const QUIT: Range<u32> = 260..270;
}

/// The app's arguments: the test's config and data dir, and a window to open at start (a
/// WebDriver session needs a window).
fn app_args(cli: &Cli, open: &str) -> Vec<String> {
    vec![
        "--config".into(),
        cli.config_path().display().to_string(),
        "--data-dir".into(),
        cli.data_dir().display().to_string(),
        "--open".into(),
        open.into(),
    ]
}

async fn session(driver: &TauriDriver, cli: &Cli, open: &str) -> Session {
    let args = app_args(cli, open);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    driver.session(&args).await
}

/// `target/` (the test binary is `target/<profile>/deps/webdriver-…`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
}

/// Saves a screenshot of the window as `target/webdriver/<name>.png` (an artifact), after
/// checking that it is a picture with something on it.
async fn screenshot(s: &Session, name: &str) {
    let png = s.screenshot().await.expect("a screenshot");
    let (width, height, colours) = png_summary(&png);
    assert!(
        width >= 300 && height >= 300 && colours >= 8,
        "{name}: a {width}×{height} picture with {colours} colours looks blank"
    );
    let dir = target_dir().join("webdriver");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, &png).unwrap();
    eprintln!("screenshot {} ({width}×{height})", path.display());
}

/// Width, height and the number of distinct colours (up to 64) of a PNG.
fn png_summary(png: &[u8]) -> (u32, u32, usize) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    let channels = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        colours.insert(px.to_vec());
        if colours.len() >= 64 {
            break;
        }
    }
    (info.width, info.height, colours.len())
}

/// The app's process (started by WebKitWebDriver), found by its private bus.
fn app_pids(desk: &Desktop) -> Vec<u32> {
    procfs::running(
        Path::new(env!("CARGO_BIN_EXE_outage-radar-desktop")),
        "DBUS_SESSION_BUS_ADDRESS",
        &desk.bus.address,
    )
}

/// Waits for the stand-in's next `count` requests after its `from`-th; when each came.
async fn hit_times(stub: &HttpStub, from: usize, count: usize, within: Duration) -> Vec<Instant> {
    let deadline = Instant::now() + within;
    let mut seen = from;
    let mut times = Vec::new();
    while times.len() < count && Instant::now() < deadline {
        let hits = stub.hits();
        while seen < hits && times.len() < count {
            times.push(Instant::now());
            seen += 1;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times
}

/// An input's current value.
async fn value_of(s: &Session, by: &wd::By) -> Option<String> {
    let el = s.find(by).await.ok()?;
    let value = s.property(&el, "value").await.ok()?;
    value.as_str().map(str::to_string)
}

/// Waits until the input `by` holds `want` (the page filled it in).
async fn wait_value(s: &Session, by: &wd::By, want: &str, within: Duration) {
    let seen = until(within, || async {
        (value_of(s, by).await.as_deref() == Some(want)).then_some(())
    })
    .await;
    assert!(
        seen.is_some(),
        "{by} never held {want:?} (now {:?})",
        value_of(s, by).await
    );
}

/// Replaces what the input `by` holds with `text`.
async fn type_into(s: &Session, by: &wd::By, text: &str) {
    let el = s.find(by).await.unwrap_or_else(|e| panic!("{by}: {e}"));
    s.clear(&el)
        .await
        .unwrap_or_else(|e| panic!("clear {by}: {e}"));
    s.send_keys(&el, text)
        .await
        .unwrap_or_else(|e| panic!("type into {by}: {e}"));
    assert_eq!(value_of(s, by).await.as_deref(), Some(text), "{by}");
}

async fn click(s: &Session, by: &wd::By) {
    let el = s.find(by).await.unwrap_or_else(|e| panic!("{by}: {e}"));
    // The settings window's save bar sticks to the bottom and may cover the element
    // WebDriver scrolled to: bring it to the middle first, as a person would.
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'}); return true;",
        json!([el.arg()]),
    )
    .await
    .unwrap_or_else(|e| panic!("scroll to {by}: {e}"));
    s.click(&el)
        .await
        .unwrap_or_else(|e| panic!("click {by}: {e}"));
}

/// Marks the page; `still_marked` is false once the page was reloaded or replaced.
async fn mark_page(s: &Session) {
    s.execute("window.__webdriverMark = 'kept'; return true;", json!([]))
        .await
        .expect("mark the page");
}

async fn still_marked(s: &Session) -> bool {
    s.execute("return window.__webdriverMark === 'kept';", json!([]))
        .await
        .is_ok_and(|v| v == json!(true))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_card_follows_the_service_down_and_back_without_reload() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::DASHBOARD).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let driver = TauriDriver::start(&desk, &cli).await;
    let started = Instant::now();
    let s = session(&driver, &cli, "dashboard").await;
    assert_eq!(s.title().await.as_deref().ok(), Some(ui::DASHBOARD_TITLE));

    let card = ui::service_card("chat");
    let texts =
        |v: &Value| -> Vec<String> { serde_json::from_value(v.clone()).unwrap_or_default() };
    let shown = s
        .wait_script_on(&card, ui::TEXTS_SCRIPT, STARTUP, |v| ui::card_up(&texts(v)))
        .await
        .unwrap_or_else(|e| panic!("the card never said up: {e}\n{}", driver.process.stderr()));
    eprintln!("card up {:?} after start: {shown}", started.elapsed());
    // WebDriver's own element text has it too (glued together).
    let text = s.find(&card).await.expect("the card");
    assert!(s.text(&text).await.unwrap_or_default().contains("Chat"));
    // A reload (or a new page) would lose this mark: the card must change in place.
    mark_page(&s).await;
    screenshot(&s, "dashboard-up").await;

    type Shows = fn(&[String]) -> bool;
    for (mode, verdict, shows) in [
        (Mode::Status(503), "down", ui::card_down as Shows),
        (Mode::Ok("fine".into()), "up", ui::card_up as Shows),
    ] {
        let switched = Instant::now();
        stub.set(mode);
        let shown = s
            .wait_script_on(&card, ui::TEXTS_SCRIPT, FOLLOW, |v| shows(&texts(v)))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "the card did not turn {verdict} within {FOLLOW:?}: {e}\n{}",
                    driver.process.stderr()
                )
            });
        let seen = Instant::now();
        let transition = driver
            .process
            .line_after(switched, &["transition", &format!("to={verdict}")])
            .unwrap_or_else(|| {
                panic!(
                    "no transition to {verdict} logged\n{}",
                    driver.process.stderr()
                )
            });
        let lag = seen.saturating_duration_since(transition);
        eprintln!(
            "{verdict}: transition {:?} after the switch, card {lag:?} after it: {shown}",
            transition - switched
        );
        assert!(lag <= CARD_LAG, "the card showed {verdict} {lag:?} late");
        assert!(still_marked(&s).await, "the page was reloaded");
        if verdict == "down" {
            screenshot(&s, "dashboard-down").await;
        }
    }
    s.close().await.expect("end the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_interval_saved_in_settings_is_written_and_followed_without_restart() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::INTERVAL).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    // A round every 30 s, and comments the save must keep.
    let mut config = one_service_config(&stub.url("/"), &control.addr.to_string());
    for (from, to) in [
        (
            "builtins = []\n",
            "# Written by hand: keep me.\nbuiltins = []\n",
        ),
        (
            "interval_secs = 1\n",
            "interval_secs = 30 # half a minute\n",
        ),
        (
            "[connectivity]\n",
            "[connectivity]\n# The control: loopback.\n",
        ),
    ] {
        assert!(config.contains(from), "{config}");
        config = config.replace(from, to);
    }
    let cli = Cli::new(&config);
    let driver = TauriDriver::start(&desk, &cli).await;
    let started = Instant::now();
    let s = session(&driver, &cli, "settings").await;
    assert_eq!(s.title().await.as_deref().ok(), Some(ui::SETTINGS_TITLE));
    // The first verdict (a round, and a re-check to confirm it).
    let up = driver
        .process
        .wait_transition(started, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no first verdict\n{}", driver.process.stderr()));
    let pids = app_pids(&desk);
    assert_eq!(pids.len(), 1, "one app process: {pids:?}");

    // At 30 s the stand-in then hears nothing for a while.
    let hits = stub.hits();
    let interval = ui::interval();
    wait_value(&s, &interval, "30", STARTUP).await;
    screenshot(&s, "settings").await;
    tokio::time::sleep_until((up + Duration::from_secs(3)).into()).await;
    assert_eq!(stub.hits(), hits, "rounds before the save: every 30 s");

    type_into(&s, &interval, "2").await;
    let saved = Instant::now();
    click(&s, &ui::save_button()).await;
    let expected = config.replace(
        "interval_secs = 30 # half a minute\n",
        "interval_secs = 2 # half a minute\n",
    );
    let written = until(SAVE, || async {
        let text = std::fs::read_to_string(cli.config_path()).ok()?;
        text.contains("interval_secs = 2 ").then_some(text)
    })
    .await
    .unwrap_or_else(|| {
        panic!(
            "the file never said interval_secs = 2:\n{}\n{}",
            std::fs::read_to_string(cli.config_path()).unwrap_or_default(),
            driver.process.stderr()
        )
    });
    eprintln!("file written {:?} after Save", saved.elapsed());
    assert_eq!(
        written, expected,
        "only the interval changed, comments kept"
    );
    let reloaded = driver
        .process
        .wait_line(saved, &["settings reloaded"], SAVE)
        .await
        .unwrap_or_else(|| panic!("no reload logged\n{}", driver.process.stderr()));

    // The reload checks at once (a loopback probe: done within half a second), then every 2 s.
    tokio::time::sleep_until((reloaded + Duration::from_millis(500)).into()).await;
    let hits = stub.hits();
    let times = hit_times(&stub, hits, 4, Duration::from_secs(15)).await;
    let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
    eprintln!(
        "after the save: hits {:?} after it, gaps {gaps:?}",
        times
            .iter()
            .map(|t| t.saturating_duration_since(saved))
            .collect::<Vec<_>>()
    );
    assert_eq!(times.len(), 4, "rounds every 2 s after the save");
    let mean = gaps.iter().sum::<Duration>() / gaps.len() as u32;
    assert!(
        mean >= Duration::from_millis(1500) && mean <= Duration::from_millis(3000),
        "rounds every {mean:?}, not every 2 s: {gaps:?}"
    );
    assert_eq!(app_pids(&desk), pids, "the app was not restarted");

    // The page shows the saved form (the button is back), for the screenshot.
    s.wait_text(&ui::save_button(), SAVE, |t| t == ui::SAVE)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    screenshot(&s, "settings-saved").await;
    s.close().await.expect("end the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_checks_edited_in_settings_are_refused_at_the_row_then_saved_and_used() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::CONTROLS).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    // The network "blocks" the connection check: nothing listens on its port any more.
    let blocked = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let reachable = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(&stub.url("/"), &blocked.to_string()));
    let driver = TauriDriver::start(&desk, &cli).await;
    let s = session(&driver, &cli, "settings").await;
    let target = ui::control_target(0);
    wait_value(&s, &target, &blocked.to_string(), STARTUP).await;

    // A check without a port is refused at its row, in the form's words; the file stays.
    let before = std::fs::read_to_string(cli.config_path()).unwrap();
    type_into(&s, &target, "127.0.0.1").await;
    click(&s, &ui::save_button()).await;
    let message = s
        .wait_text(&ui::control_target_error(0), SAVE, |t| {
            t.contains(ui::NOT_HOST_PORT)
        })
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", driver.process.stderr()));
    assert!(
        !message.contains("connectivity") && !message.contains(".toml"),
        "in the form's words: {message}"
    );
    screenshot(&s, "connection-check-refused").await;
    assert_eq!(std::fs::read_to_string(cli.config_path()).unwrap(), before);

    // An HTTP check of a server the network lets through: written, and checked from then on.
    let kind = s.find(&ui::control_kind(0)).await.expect("the row's kind");
    s.execute(
        "arguments[0].value = 'http'; \
         arguments[0].dispatchEvent(new Event('change', { bubbles: true })); return true;",
        json!([kind.arg()]),
    )
    .await
    .expect("pick HTTP");
    type_into(&s, &target, &reachable.url("/")).await;
    let saved = Instant::now();
    click(&s, &ui::save_button()).await;
    let line = format!("{{ kind = \"http\", url = \"{}\" }}", reachable.url("/"));
    until(SAVE, || async {
        let text = std::fs::read_to_string(cli.config_path()).ok()?;
        text.contains(&line).then_some(())
    })
    .await
    .unwrap_or_else(|| {
        panic!(
            "the file never held {line}:\n{}\n{}",
            std::fs::read_to_string(cli.config_path()).unwrap_or_default(),
            driver.process.stderr()
        )
    });
    let hits = until(SAVE, || async {
        (reachable.hits() > 0).then_some(reachable.hits())
    })
    .await;
    assert!(
        hits.is_some(),
        "the new connection check was never run after the save ({:?} ago)\n{}",
        saved.elapsed(),
        driver.process.stderr()
    );
    s.close().await.expect("end the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quit_from_the_tray_with_unsaved_settings_asks_in_the_window_first() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::QUIT).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let before = std::fs::read_to_string(cli.config_path()).unwrap();
    let driver = TauriDriver::start(&desk, &cli).await;
    let s = session(&driver, &cli, "settings").await;
    let interval = ui::interval();
    wait_value(&s, &interval, "1", STARTUP).await;
    type_into(&s, &interval, "45").await;
    let pids = app_pids(&desk);
    assert_eq!(pids.len(), 1, "one app process: {pids:?}");
    let item = desk.tray_item_of(pids[0], || driver.process.stderr()).await;
    let quit = || async {
        let menu = until(STARTUP, || async {
            let menu = item.menu().await.ok()?;
            menu.into_iter().find(|e| e.label == ui::QUIT)
        })
        .await
        .expect("a Quit item in the tray menu");
        item.click(menu.id).await.expect("click Quit");
    };

    // Cancel: the app goes on, the edit is still there, nothing was written.
    quit().await;
    s.wait_text(&ui::dialog(), SAVE, |t| t.contains(ui::QUIT_QUESTION))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", driver.process.stderr()));
    screenshot(&s, "quit-asks").await;
    click(&s, &ui::button(ui::CANCEL)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(app_pids(&desk), pids, "Cancel keeps the app running");
    assert_eq!(value_of(&s, &interval).await.as_deref(), Some("45"));

    // Quit without saving: the app ends, and the file is as it was.
    quit().await;
    s.wait_text(&ui::dialog(), SAVE, |t| t.contains(ui::QUIT_QUESTION))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", driver.process.stderr()));
    click(&s, &ui::button(ui::QUIT_WITHOUT_SAVING)).await;
    let gone = until(STARTUP, || async {
        app_pids(&desk).is_empty().then_some(())
    })
    .await;
    assert!(
        gone.is_some(),
        "still running after Quit without saving\n{}",
        driver.process.stderr()
    );
    assert_eq!(std::fs::read_to_string(cli.config_path()).unwrap(), before);
}

/// How a custom service is added.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    /// In the settings form, as a person does it.
    Form,
    /// Through the settings window's IPC (what the form calls), bypassing the form.
    Ipc,
}

/// The config the custom service tests start from: "Chat" on one stand-in, with a comment.
fn custom_service_setup(stub: &HttpStub, control: &HttpStub) -> Cli {
    let config = format!(
        "# Written by hand: keep me.\n{}",
        one_service_config(&stub.url("/"), &control.addr.to_string())
    );
    Cli::new(&config)
}

/// Adds a service named "Status board" watching `target`, in the form, and presses Save.
async fn add_in_form(s: &Session, target: &str, first_time: bool) {
    if first_time {
        click(s, &ui::add_service_button()).await;
        type_into(
            s,
            &ui::last_input_labelled(ui::LABEL_SERVICE_NAME),
            "Status board",
        )
        .await;
    }
    type_into(
        s,
        &ui::last_input_labelled(ui::LABEL_SERVICE_TARGET),
        target,
    )
    .await;
    click(s, &ui::save_button()).await;
}

/// Saves the settings as they are plus a service named "Status board" watching `target`,
/// through the window's IPC; the saved form, or the command's error.
async fn add_through_ipc(s: &Session, target: &str) -> Result<Value, Value> {
    const SCRIPT: &str = r#"
const target = arguments[0];
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
invoke("get_settings")
  .then((state) => {
    const form = state.form;
    form.services.push({
      id: "", name: "Status board", enabled: true, status: null,
      probes: [{ kind: "http", target, expect: null, contains: null }],
    });
    return invoke("save_settings", { form });
  })
  .then((saved) => done({ saved }), (error) => done({ error }));
"#;
    let answer = s
        .execute_async(SCRIPT, json!([target]))
        .await
        .expect("run the IPC script");
    match (answer.get("saved"), answer.get("error")) {
        (Some(saved), _) => Ok(saved.clone()),
        (_, Some(error)) => Err(error.clone()),
        _ => panic!("neither saved nor refused: {answer}"),
    }
}

async fn custom_service_flow(edit: Edit, displays: std::ops::Range<u32>) {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let board = HttpStub::start(Mode::Ok("board".into()));
    let cli = custom_service_setup(&stub, &control);
    let before = std::fs::read(cli.config_path()).unwrap();
    let driver = TauriDriver::start(&desk, &cli).await;
    let s = session(&driver, &cli, "settings").await;
    wait_value(&s, &ui::interval(), "1", STARTUP).await;
    let pids = app_pids(&desk);
    assert_eq!(pids.len(), 1, "one app process: {pids:?}");

    // A bad URL: refused with a message naming it, and the file is left alone.
    let bad = format!("htp://{}/", board.addr);
    let tried = Instant::now();
    match edit {
        Edit::Form => {
            add_in_form(&s, &bad, true).await;
            // What the field says about itself, until it names the bad URL.
            let field = ui::last_input_labelled(ui::LABEL_SERVICE_TARGET);
            let deadline = Instant::now() + SAVE;
            let said = loop {
                let said = match s.find(&field).await {
                    Ok(el) => s
                        .execute(ui::FIELD_ERROR_SCRIPT, json!([el.arg()]))
                        .await
                        .unwrap_or_else(|e| json!(e.to_string())),
                    Err(e) => json!(e.to_string()),
                };
                let message = said["message"].as_str().unwrap_or("");
                if said["invalid"] == json!(true) && message.contains(&bad) {
                    break said;
                }
                assert!(Instant::now() < deadline, "no message at the field: {said}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            };
            eprintln!("at the field: {said}");
            // In the form's words: no key, no file, no line.
            let message = said["message"].as_str().unwrap_or("");
            assert!(
                !message.contains("services[") && !message.contains(".toml"),
                "{said}"
            );
        }
        Edit::Ipc => {
            let error = add_through_ipc(&s, &bad)
                .await
                .expect_err("a bad URL is refused");
            eprintln!("refused: {error}");
            assert_eq!(error["kind"], "config", "{error}");
            assert_eq!(error["key"], "services[1].probes[0].target", "{error}");
            let message = error["message"].as_str().unwrap_or("");
            assert!(message.contains(&bad), "{error}");
        }
    }
    assert_eq!(
        std::fs::read(cli.config_path()).unwrap(),
        before,
        "nothing is saved"
    );
    assert_eq!(
        driver.process.line_after(tried, &["settings reloaded"]),
        None,
        "nothing reloaded"
    );
    assert_eq!(board.hits(), 0);

    // A good one: saved, and checked from now on, without restart.
    let good = board.url("/health");
    let saved = Instant::now();
    match edit {
        Edit::Form => add_in_form(&s, &good, false).await,
        Edit::Ipc => {
            let form = add_through_ipc(&s, &good).await.expect("a good URL saves");
            let names: Vec<&str> = form["services"]
                .as_array()
                .map(|all| all.iter().filter_map(|x| x["name"].as_str()).collect())
                .unwrap_or_default();
            assert_eq!(names, ["Chat", "Status board"], "{form}");
        }
    }
    let probed = hit_times(&board, 0, 1, FOLLOW).await;
    assert_eq!(
        probed.len(),
        1,
        "the new service was never checked\n{}",
        driver.process.stderr()
    );
    eprintln!("new service checked {:?} after the save", probed[0] - saved);
    // The file has both services now, and kept its comment.
    let text = std::fs::read_to_string(cli.config_path()).unwrap();
    let settings = outage_radar::Settings::load(&cli.config_path())
        .unwrap_or_else(|e| panic!("the saved file does not load: {e}\n{text}"));
    let services: Vec<(&str, &str)> = settings
        .services
        .iter()
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect();
    assert_eq!(
        services,
        [("chat", "Chat"), ("status-board", "Status board")],
        "{text}"
    );
    assert!(
        text.starts_with("# Written by hand: keep me.\n") && text.contains(&good),
        "{text}"
    );
    assert_eq!(app_pids(&desk), pids, "the app was not restarted");
    if edit == Edit::Form {
        screenshot(&s, "settings-custom-service").await;
    }
    s.close().await.expect("end the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_service_with_a_bad_url_is_refused_at_the_field_and_a_good_one_is_checked() {
    custom_service_flow(Edit::Form, displays::CUSTOM_FORM).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_windows_ipc_refuses_a_bad_custom_url_and_a_good_one_is_checked() {
    custom_service_flow(Edit::Ipc, displays::CUSTOM_IPC).await;
}
