//! "The vendor has not admitted it" in the tray line, and "tell me when it's back" from the
//! tray menu: one notification on recovery even while notifications are paused.

use std::time::{Duration, Instant};

use super::cli::Cli;
use super::harness::{Desktop, SERIAL, STARTUP};
use super::http::{HttpStub, Mode};
use super::{displays, entry, labels, wait_menu, wait_notified};

/// The stub service, with a Statuspage stand-in that reads fully operational throughout.
fn config(stub: &HttpStub, control: &str, page: &HttpStub) -> String {
    format!(
        "{}status = {{ kind = \"statuspage\", url = \"{}\" }}\n",
        super::config(stub, control),
        page.url("/api/v2/summary.json")
    )
}

const OPERATIONAL: &str = r#"{"status": {"indicator": "none", "description": "All Systems Operational"}, "components": []}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_says_the_vendor_lags_and_tells_when_it_is_back_even_while_paused() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::BACK).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let page = HttpStub::start(Mode::Ok(OPERATIONAL.into()));
    let cli = Cli::new(&config(&stub, &control.addr.to_string(), &page));
    let started = Instant::now();
    let app = desk.launch(&cli, &["--hidden"]);
    let item = desk.tray_item(&app).await;
    app.wait_transition(started, "up", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no first verdict\n{}", app.stderr()));

    // Paused: ordinary notifications are held back.
    let menu = item.menu().await.expect("menu");
    item.click(entry(&menu, "Pause notifications for 1 hour").id)
        .await
        .expect("click Pause");
    wait_menu(&item, STARTUP, |e| e.label == "Resume notifications")
        .await
        .unwrap_or_else(|| panic!("never paused\n{}", app.stderr()));

    let outage = Instant::now();
    stub.set(Mode::Status(503));
    app.wait_transition(outage, "down", STARTUP)
        .await
        .unwrap_or_else(|| panic!("no outage\n{}", app.stderr()));
    // The line of the down service says the vendor lags, and is itself the action.
    let ask = " — click: tell me when it's back";
    let menu = wait_menu(&item, STARTUP, |e| {
        e.label.starts_with("Chat: down") && e.label.ends_with(ask)
    })
    .await
    .unwrap_or_else(|| panic!("no clickable service line\n{}", app.stderr()));
    let line = menu
        .iter()
        .find(|e| e.label.starts_with("Chat: down"))
        .unwrap_or_else(|| panic!("no service line: {:?}", labels(&menu)));
    assert!(
        line.label
            .contains("the official status still says “All Systems Operational”"),
        "{}",
        line.label
    );
    item.click(line.id).await.expect("click the service line");
    wait_menu(&item, STARTUP, |e| {
        e.label.starts_with("Chat: down") && e.label.ends_with(" — you will be told when it's back")
    })
    .await
    .unwrap_or_else(|| panic!("the request was not shown\n{}", app.stderr()));
    assert_eq!(desk.bus.notified(), vec![], "paused\n{}", app.stderr());

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
    assert!(
        notified[0].body.contains("You asked to be told"),
        "{notified:#?}"
    );
    // The request ended with it: the menu no longer mentions it.
    let menu = item.menu().await.expect("menu");
    assert!(
        !labels(&menu)
            .iter()
            .any(|l| l.contains("when Chat is back")),
        "{:?}",
        labels(&menu)
    );
}
