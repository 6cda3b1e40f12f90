//! The app as a user gets it: in the tray, serving `/metrics` when asked, and writing its
//! log file. Run on the freshly built binary by `make test`, and on the one the .deb
//! installed (`/usr/bin/outage-radar-desktop`) by `make package-test`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::cli::Cli;
use crate::harness::{until, App, Desktop, SERIAL, STARTUP};
use crate::http::{HttpStub, Mode};
use crate::{config, displays, quit, wait_menu};

/// `GET path` on `addr`: the status code and the body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let code = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {answer:?}"));
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (code, body.to_string())
}

/// Starts `bin` hidden, with metrics on a free loopback port; checks the tray item, the
/// metrics and the log file, then quits from the menu.
async fn tray_metrics_and_log(bin: Option<&str>, display: std::ops::Range<u32>) {
    let _serial = SERIAL.lock().await;
    let desk = Desktop::start(display).await;
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&format!(
        "{}\n[metrics]\nlisten = \"127.0.0.1:0\"\n",
        config(&stub, &control.addr.to_string())
    ));
    let command = match bin {
        Some(bin) => desk.command_of(bin, &cli, &["--hidden"]),
        None => desk.command(&cli, &["--hidden"]),
    };
    let mut app = App::spawn(command);
    let item = desk.tray_item(&app).await;
    wait_menu(&item, STARTUP, |e| e.label == "Quit")
        .await
        .unwrap_or_else(|| panic!("no menu\n{}", app.stderr()));

    // The address is logged because port 0 lets the system pick it.
    let addr: SocketAddr = until(STARTUP, || async {
        let stderr = app.stderr();
        let (_, rest) = stderr.split_once("Metrics on http://")?;
        rest.split('/').next()?.parse().ok()
    })
    .await
    .unwrap_or_else(|| panic!("the app never said where its metrics are\n{}", app.stderr()));
    let want = "outage_radar_service_up{service=\"chat\"} 1";
    let body = until(STARTUP, || async {
        let (code, body) = get(addr, "/metrics");
        (code == 200 && body.lines().any(|l| l == want)).then_some(body)
    })
    .await
    .unwrap_or_else(|| panic!("no {want} in /metrics\n{}", get(addr, "/metrics").1));
    assert!(body.contains("# TYPE probe_success gauge"), "{body}");
    assert!(
        body.contains("outage_radar_connectivity{state=\"online\"} 1"),
        "{body}"
    );
    assert_eq!(get(addr, "/").0, 404);

    // A log file a day, in the data dir, with what went to stderr.
    let logs = cli.data_dir().join("logs");
    let log = std::fs::read_dir(&logs)
        .unwrap_or_else(|e| panic!("no log folder {}: {e}", logs.display()))
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("outage-radar-desktop")
        })
        .unwrap_or_else(|| panic!("no log file in {}", logs.display()));
    let text = std::fs::read_to_string(log.path()).unwrap();
    assert!(text.contains("Metrics on http://"), "{text}");
    quit(&item, &mut app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_serves_metrics_and_writes_a_log_file() {
    tray_metrics_and_log(None, displays::METRICS).await;
}

/// `make package-test` runs this after `apt install ./outage-radar_*.deb`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the installed package; `make package-test` runs it"]
async fn the_installed_package_starts_in_the_tray() {
    tray_metrics_and_log(Some("/usr/bin/outage-radar-desktop"), displays::INSTALLED).await;
}
