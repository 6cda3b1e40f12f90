//! A busy user and a busy engine at once: the tray menu keeps being served.
//!
//! Tray and menu setters called off the GTK main thread wait for it. If the code updating
//! the tray after a round held a lock while waiting, a menu click handled on the main thread
//! and needing the same lock (Pause, Check now) would hang the whole app: no menu, no icon,
//! no Quit. Clicking many times a second while rounds update the tray every second makes
//! that race near certain within a minute.

use std::time::{Duration, Instant};

use crate::cli::Cli;
use crate::harness::{Desktop, SERIAL, STARTUP};
use crate::http::{HttpStub, Mode};
use crate::{config, displays, entry, is_clock_line, labels, wait_menu};

/// How long the clicking goes on: about sixty rounds.
const HAMMER: Duration = Duration::from_secs(60);
/// Between two clicks: as fast as a frantic user, and then some (the D-Bus round trip adds
/// to it). The faster the clicks, the likelier one lands while a round updates the tray.
const CLICK_EVERY: Duration = Duration::from_millis(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_keeps_being_served_while_clicked_and_updated_for_a_minute() {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(displays::BUSY).await;
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
    // The ids stay while the services do: the texts change in place.
    let pause = entry(&menu, "Pause notifications for 1 hour").id;
    let check_now = entry(&menu, "Check now").id;

    let begin = Instant::now();
    let mut clicks = 0u32;
    let mut layouts = 0u32;
    let mut outage_at = None;
    while begin.elapsed() < HAMMER {
        // Halfway, an outage: the tray must still follow the rounds under the clicking.
        if outage_at.is_none() && begin.elapsed() >= HAMMER / 2 {
            stub.set(Mode::Status(503));
            outage_at = Some(Instant::now());
        }
        let id = if clicks % 5 == 4 { check_now } else { pause };
        if let Err(e) = item.click(id).await {
            panic!(
                "the menu stopped answering after {clicks} clicks and {:?}: {e}\n{}",
                begin.elapsed(),
                app.stderr()
            );
        }
        clicks += 1;
        if clicks % 100 == 0 {
            item.menu().await.unwrap_or_else(|e| {
                panic!(
                    "the menu layout stopped being served after {clicks} clicks: {e}\n{}",
                    app.stderr()
                )
            });
            layouts += 1;
        }
        tokio::time::sleep(CLICK_EVERY).await;
    }
    eprintln!(
        "{clicks} clicks and {layouts} layouts in {:?}",
        begin.elapsed()
    );
    assert!(clicks >= 600, "only {clicks} clicks in {HAMMER:?}");

    // The rounds went on under the clicking: the outage reached the menu.
    let menu = wait_menu(&item, STARTUP, |e| {
        is_clock_line(&e.label, "Chat is down since ", "")
    })
    .await
    .unwrap_or_else(|| {
        panic!(
            "the tray never showed the outage started {:?} ago\n{}",
            outage_at.map(|t| t.elapsed()),
            app.stderr()
        )
    });
    // And it still obeys: Quit ends the app.
    let mut app = app;
    crate::quit(&item, &mut app).await;
    eprintln!("menu at the end: {:?}", labels(&menu));
}
