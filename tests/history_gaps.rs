//! Time the app was not running is a gap in `outage-radar history`: neither up nor down, and
//! an incident's duration agrees with the table's columns (issue 12, point 8).

use outage_radar::store::{RoundRecord, ServiceRecord, Store};
use outage_radar::{Cause, Connectivity, Transition, Verdict};

use crate::support::cli::{json, Cli};

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;

/// One round of `chat` a minute at `[from, to)` with `verdict`.
fn rounds(store: &mut Store, from: i64, to: i64, verdict: Verdict) {
    for at in (from..to).step_by(MIN as usize) {
        let record = RoundRecord {
            at_ms: at,
            connectivity: Connectivity::Online,
            services: vec![ServiceRecord {
                service: "chat".into(),
                verdict,
                weight_ms: MIN,
                observations: vec![],
                official: None,
            }],
        };
        store.record_round(&record).unwrap();
    }
}

fn transition(from: Verdict, to: Verdict, at_ms: i64) -> Transition {
    Transition {
        from,
        to,
        cause: (to != Verdict::Up).then_some(Cause::TcpRefused),
        detail: String::new(),
        at_ms,
        previous_since_ms: 0,
        trouble_since_ms: None,
    }
}

/// A history file written as `watch` writes it: up for two hours, down for 10 min, the app
/// quit for 2 h while the service was still down, then 5 min down after the restart and up
/// again.
fn history_with_a_gap_inside_an_incident(cli: &Cli, now: i64) {
    std::fs::create_dir_all(cli.data_dir()).unwrap();
    let mut store = Store::open(&cli.data_dir()).unwrap();
    let start = now - now.rem_euclid(MIN) - 5 * HOUR;
    rounds(&mut store, start, start + 2 * HOUR, Verdict::Up);
    let down = start + 2 * HOUR;
    store
        .record_transition("chat", &transition(Verdict::Up, Verdict::Down, down))
        .unwrap();
    rounds(&mut store, down, down + 10 * MIN, Verdict::Down);
    let back = down + 10 * MIN + 2 * HOUR;
    rounds(&mut store, back, back + 5 * MIN, Verdict::Down);
    store
        .record_transition(
            "chat",
            &transition(Verdict::Down, Verdict::Up, back + 5 * MIN),
        )
        .unwrap();
    rounds(&mut store, back + 5 * MIN, now + 1, Verdict::Up);
}

#[test]
fn history_shows_time_not_running_as_a_gap_that_incidents_agree_with() {
    let cli = Cli::new("builtins = []\n");
    let now = chrono::Utc::now().timestamp_millis();
    history_with_a_gap_inside_an_incident(&cli, now);

    let doc = json(&cli.run(&["history", "--json", "--since", "6h"]));
    let incident = &doc["incidents"][0];
    let uptime = &doc["uptime"][0];
    let secs = |v: &serde_json::Value| v.as_i64().unwrap();
    assert_eq!(secs(&incident["duration_secs"]), 8_100, "{doc:#}");
    assert_eq!(secs(&incident["not_running_secs"]), 7_200, "{doc:#}");
    assert_eq!(
        incident["duration_text"],
        "2 h 15 min (not running 2 h of it)"
    );
    // What the incident saw is the down time the uptime columns count.
    assert_eq!(secs(&uptime["down_secs"]), 900, "{doc:#}");
    assert_eq!(
        secs(&incident["duration_secs"]) - secs(&incident["not_running_secs"]),
        secs(&uptime["down_secs"]) + secs(&uptime["degraded_secs"])
    );
    // Observed and not running make up the window (the last round's weight runs a little
    // past now); the gap is neither up nor down.
    let window = secs(&uptime["observed_secs"]) + secs(&uptime["not_running_secs"]);
    assert!(
        (6 * 3_600 - 2..=6 * 3_600 + 60).contains(&window),
        "{doc:#}"
    );
    let not_running = secs(&uptime["not_running_secs"]);
    assert!(
        (3 * 3_600 - 61..=3 * 3_600).contains(&not_running),
        "{doc:#}"
    );
    let words = uptime["words"].as_str().unwrap();
    let want = "up 91.7 % of the 3 h 1 min observed, down 15 min, not running ";
    assert!(words.starts_with(want), "{words}");

    let out = cli.run(&["history", "--since", "6h"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("2 h 15 min (not running 2 h of it)"),
        "{text}"
    );
    let row = text
        .lines()
        .skip_while(|l| !l.starts_with("SERVICE  UP"))
        .nth(1)
        .unwrap_or_else(|| panic!("no uptime row in\n{text}"));
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells[..7],
        ["chat", "91.7 %", "3 h 1 min", "0 s", "15 min", "0 s", "0 s"],
        "{text}"
    );
    assert!(["2 h 59 min", "3 h"].contains(&cells[7]), "{text}");
}
