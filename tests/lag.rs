//! "The vendor has not admitted it yet" and "tell me when it's back", end to end through the
//! real binary against loopback stand-ins for a service and its status page.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::cli::{json, Cli};
use crate::support::http::{HttpStub, Mode};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// One service probed at `site` whose Statuspage lives at `page`; the site stub doubles as
/// the control (it answers TCP even while it serves 503s).
fn config(site: &HttpStub, page: &HttpStub) -> String {
    format!(
        r#"builtins = []
interval_secs = 1
recheck_secs = 1
confirm = 2
timeout_ms = 1500
[connectivity]
probes = [{{ kind = "tcp", addr = "{control}" }}]
[[services]]
id = "chat"
name = "Chat"
probes = [{{ kind = "http", url = "{site}" }}]
status = {{ kind = "statuspage", url = "{page}" }}
"#,
        control = site.addr,
        site = site.url("/"),
        page = page.url("/api/v2/summary.json"),
    )
}

fn operational() -> String {
    fixture("statuspage_operational.json")
}

/// The operational page with the indicator turned to a partial outage.
fn admitted() -> String {
    let mut page: serde_json::Value = serde_json::from_str(&operational()).unwrap();
    page["status"] =
        serde_json::json!({"indicator": "major", "description": "Partial System Outage"});
    page.to_string()
}

#[test]
fn check_says_when_the_official_status_still_reads_operational() {
    let site = HttpStub::start(Mode::Status(503));
    let page = HttpStub::start(Mode::Ok(operational()));
    let cli = Cli::new(&config(&site, &page));
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    let svc = &doc["services"][0];
    assert_eq!(svc["state"], "down", "{svc}");
    assert_eq!(out.status.code(), Some(2));
    let lag = &svc["official_lag"];
    assert_eq!(lag["says"], "All Systems Operational", "{svc}");
    assert!(
        chrono::DateTime::parse_from_rfc3339(lag["since"].as_str().unwrap()).is_ok(),
        "{lag}"
    );

    // Once the page admits it, there is no lag; and none while all is well.
    page.set(Mode::Ok(admitted()));
    let doc = json(&cli.run(&["check", "--json"]));
    assert!(doc["services"][0]["official_lag"].is_null(), "{doc}");
    site.set(Mode::Ok("fine".into()));
    page.set(Mode::Ok(operational()));
    let doc = json(&cli.run(&["check", "--json"]));
    assert_eq!(doc["services"][0]["state"], "up");
    assert!(doc["services"][0]["official_lag"].is_null(), "{doc}");
}

#[test]
fn watch_names_the_lag_and_history_keeps_how_long_it_lasted() {
    let site = HttpStub::start(Mode::Ok("fine".into()));
    let page = HttpStub::start(Mode::Ok(operational()));
    let cli = Cli::new(&config(&site, &page));
    let watch = cli.watch(&["--json", "--no-notify"]);
    let is =
        |to: &'static str| move |v: &serde_json::Value| v["event"] == "transition" && v["to"] == to;
    watch
        .line_where(Duration::from_secs(20), is("up"))
        .expect("first verdict");
    site.set(Mode::Status(503));
    let down = watch
        .line_where(Duration::from_secs(20), is("down"))
        .expect("outage confirmed");
    assert_eq!(
        down["official_lag"]["says"], "All Systems Operational",
        "{down}"
    );
    // The vendor admits it a little later; then the service comes back.
    std::thread::sleep(Duration::from_millis(2500));
    page.set(Mode::Ok(admitted()));
    std::thread::sleep(Duration::from_millis(2500));
    site.set(Mode::Ok("fine".into()));
    page.set(Mode::Ok(operational()));
    watch
        .line_where(Duration::from_secs(20), is("up"))
        .expect("recovery");
    let mut watch = watch;
    watch.stop_and_stderr();

    let doc = json(&cli.run(&["history", "--json"]));
    let incident = &doc["incidents"][0];
    assert_eq!(incident["official_acknowledged"], true, "{incident}");
    let secs = incident["official_lag_secs"].as_i64().unwrap();
    assert!((1..=20).contains(&secs), "{incident}");
    let table = cli.run(&["history"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("acknowledged after"), "{text}");
}

#[test]
fn watch_until_up_exits_0_once_the_service_is_back() {
    let site = HttpStub::start(Mode::Status(503));
    let page = HttpStub::start(Mode::Ok(operational()));
    let cli = Cli::new(&config(&site, &page));
    let mut watch = cli.watch(&["--json", "--no-notify", "--until-up", "chat"]);
    watch
        .line_where(Duration::from_secs(20), |v| v["to"] == "down")
        .expect("down first");
    let fixed = Instant::now();
    site.set(Mode::Ok("fine".into()));
    let back = watch
        .line_where(Duration::from_secs(20), |v| v["to"] == "up")
        .expect("back");
    assert_eq!(back["service"], "chat");
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            fixed.elapsed() < Duration::from_secs(30),
            "watch did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));

    // Naming a service that is not watched is a usage error.
    let out = cli.run(&["watch", "--until-up", "nope"]);
    assert_eq!(out.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}
