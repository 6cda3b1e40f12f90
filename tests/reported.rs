//! A service its status page calls down: said as the page's report beside what our own
//! checks see, with the page's incident title and link; and a service judged from its
//! status page alone. End to end through the real binary against loopback stand-ins.

use std::path::Path;

use crate::support::cli::{json, Cli};
use crate::support::http::{HttpStub, Mode};

/// The recorded Statuspage summary with the "Shop unavailable" incident, its page
/// indicator turned critical (the page as a whole down).
fn page_down() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/statuspage_major_component.json");
    let mut page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    page["status"] =
        serde_json::json!({"indicator": "critical", "description": "Major System Outage"});
    page.to_string()
}

fn config(site: &HttpStub, page: &HttpStub, probes: bool) -> String {
    let probes = if probes {
        format!(
            r#"probes = [{{ kind = "http", url = "{}" }}]"#,
            site.url("/")
        )
    } else {
        "probes = []".to_string()
    };
    format!(
        r#"builtins = []
timeout_ms = 1500
[connectivity]
probes = [{{ kind = "tcp", addr = "{control}" }}]
[[services]]
id = "shop"
name = "Shop"
{probes}
status = {{ kind = "statuspage", url = "{page}" }}
"#,
        control = site.addr,
        page = page.url("/api/v2/summary.json"),
    )
}

#[test]
fn a_status_page_outage_our_checks_pass_says_both_with_the_incident() {
    let site = HttpStub::start(Mode::Ok("fine".into()));
    let page = HttpStub::start(Mode::Ok(page_down()));
    let cli = Cli::new(&config(&site, &page, true));
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    let svc = &doc["services"][0];
    assert_eq!(svc["state"], "down", "{svc}");
    assert_eq!(svc["cause"], "official", "{svc}");
    assert_eq!(
        svc["cause_text"], "Reported down by its status page; our checks still get through",
        "{svc}"
    );
    assert_eq!(
        svc["official"]["incident"]["title"], "Shop unavailable",
        "{svc}"
    );
    assert_eq!(
        svc["official"]["incident"]["url"], "https://stspg.io/p1yx0mk3c9gw",
        "{svc}"
    );

    let out = cli.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Reported down by its status page; our checks still get through — “Shop unavailable” https://stspg.io/p1yx0mk3c9gw"),
        "{text}"
    );
    assert_eq!(
        text.matches("Official status").count(),
        0,
        "the page's report is said once, as its report: {text}"
    );
}

#[test]
fn a_service_with_only_a_status_page_is_judged_by_it_without_checks() {
    let site = HttpStub::start(Mode::Ok("control".into()));
    let page = HttpStub::start(Mode::Ok(page_down()));
    let cli = Cli::new(&config(&site, &page, false));
    let doc = json(&cli.run(&["check", "--json"]));
    let svc = &doc["services"][0];
    assert_eq!(svc["state"], "down", "{svc}");
    assert_eq!(
        svc["cause_text"], "Reported down by its status page",
        "{svc}"
    );
    assert_eq!(svc["probes"], serde_json::json!([]), "{svc}");
    assert_eq!(svc["probe_count"], 0, "{svc}");
}
