//! One order of severity: for every pair of service states, and for every connectivity
//! problem, the tray icon, the tray's first line, the snapshot's `overall` (the CLI's JSON
//! and the dashboard headline) and the exit code of `check` name the same state.

use outage_radar::event::{ServiceStatus, Snapshot};
use outage_radar::summary::{overall_line, Glance};
use outage_radar::{Connectivity, Verdict};

/// The order this test holds the engine to, worst first (see `event::Overall`).
const WORST_FIRST: [Verdict; 5] = [
    Verdict::Down,
    Verdict::Degraded,
    Verdict::Maintenance,
    Verdict::Unknown,
    Verdict::Up,
];

fn service(name: &str, state: Verdict) -> ServiceStatus {
    ServiceStatus {
        id: name.to_lowercase(),
        name: name.into(),
        state,
        since: String::new(),
        since_ms: 0,
        cause: None,
        cause_text: String::new(),
        detail: String::new(),
        latency_ms: None,
        official: None,
        official_lag: None,
        probes: vec![],
        probe_count: 1,
    }
}

/// A snapshot built the way the engine builds one.
fn snapshot(connectivity: Connectivity, states: &[Verdict]) -> Snapshot {
    let names = ["Alpha", "Bravo"];
    let services: Vec<ServiceStatus> = states
        .iter()
        .zip(names)
        .map(|(&v, name)| service(name, v))
        .collect();
    Snapshot {
        checked_at: String::new(),
        connectivity,
        overall: Snapshot::overall_of(connectivity, &services),
        affected: outage_radar::summary::affected(&services),
        services,
        controls: vec![],
        misbehaving_controls: vec![],
        connection_note: String::new(),
        stopped: None,
    }
}

/// What each surface says, reduced to the state it leads with.
#[derive(Debug, PartialEq)]
struct Surfaces {
    glance: Glance,
    line: String,
    overall: String,
    exit: u8,
}

fn surfaces(s: &Snapshot) -> Surfaces {
    let json = serde_json::to_value(s).unwrap();
    Surfaces {
        glance: Glance::of(s),
        line: line_state(&overall_line(s, 0), s),
        overall: json["overall"].as_str().unwrap().to_string(),
        exit: s.exit_code(),
    }
}

/// The state the tray's first line leads with: it names every service in trouble, worst
/// first ("Alpha is down · Bravo has problems"), so the first phrase is the worst state.
fn line_state(line: &str, s: &Snapshot) -> String {
    if line == s.connectivity.describe() && s.connectivity != Connectivity::Online {
        return s.connectivity.as_str().to_string();
    }
    let line = line.split(" · ").next().unwrap_or(line);
    let words = [
        (" down", "down"),
        (" problems", "degraded"),
        (" in maintenance", "maintenance"),
        ("Checking…", "unknown"),
        ("cannot be judged", "unknown"),
        ("All services up", "up"),
    ];
    let hits: Vec<&str> = words
        .iter()
        .filter(|(w, _)| line.contains(w))
        .map(|&(_, state)| state)
        .collect();
    match hits.as_slice() {
        [one] => one.to_string(),
        _ => format!("unclear: {line}"),
    }
}

/// What every surface must say when the overall state is `state`.
fn expected(state: &str) -> Surfaces {
    let (glance, exit) = match state {
        "up" => (Glance::Up, 0),
        "degraded" | "maintenance" => (Glance::Degraded, 1),
        "down" => (Glance::Down, 2),
        _ => (Glance::Unknown, 3),
    };
    Surfaces {
        glance,
        line: state.to_string(),
        overall: state.to_string(),
        exit,
    }
}

fn worst(a: Verdict, b: Verdict) -> Verdict {
    let rank = |v: Verdict| WORST_FIRST.iter().position(|&w| w == v).unwrap();
    if rank(a) <= rank(b) {
        a
    } else {
        b
    }
}

#[test]
fn every_pair_of_states_agrees_on_every_surface() {
    let mut wrong = Vec::new();
    for a in WORST_FIRST {
        for b in WORST_FIRST {
            let s = snapshot(Connectivity::Online, &[a, b]);
            let want = expected(worst(a, b).as_str());
            let got = surfaces(&s);
            if got != want {
                wrong.push(format!("{a} + {b}: got {got:?}, want {want:?}"));
            }
        }
        let s = snapshot(Connectivity::Online, &[a]);
        let (got, want) = (surfaces(&s), expected(a.as_str()));
        if got != want {
            wrong.push(format!("{a} alone: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_connectivity_problem_outranks_every_service_state() {
    let mut wrong = Vec::new();
    for connectivity in [
        Connectivity::Offline,
        Connectivity::DnsBroken,
        Connectivity::CaptivePortal,
    ] {
        for a in WORST_FIRST {
            for states in [vec![], vec![a], vec![a, Verdict::Down]] {
                let s = snapshot(connectivity, &states);
                let want = expected(connectivity.as_str());
                let got = surfaces(&s);
                if got != want {
                    wrong.push(format!(
                        "{connectivity} {states:?}: got {got:?}, want {want:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_services_online_is_up() {
    let s = snapshot(Connectivity::Online, &[]);
    assert_eq!(Glance::of(&s), Glance::Up);
    assert_eq!(serde_json::to_value(&s).unwrap()["overall"], "up");
    assert_eq!(s.exit_code(), 0);
    assert_eq!(overall_line(&s, 0), "No services to watch");
}

#[test]
fn a_stopped_engine_outranks_everything() {
    let mut wrong = Vec::new();
    for connectivity in [Connectivity::Online, Connectivity::Offline] {
        for a in WORST_FIRST {
            for b in WORST_FIRST {
                let mut s = snapshot(connectivity, &[a, b]);
                s.stop("Checks stopped");
                let line = overall_line(&s, 0);
                let got = (Glance::of(&s), s.overall.as_str(), s.exit_code());
                if got != (Glance::Unknown, "stopped", 3) || line != "Checks stopped" {
                    wrong.push(format!("{connectivity} {a} + {b}: {got:?}, {line}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
