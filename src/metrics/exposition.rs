//! The Prometheus text exposition format (version 0.0.4) of a snapshot: pure, no I/O.
//!
//! `probe_success` and `probe_duration_seconds` keep blackbox_exporter's names and meaning
//! (1/0 per probe; the probe's duration in seconds), so dashboards and alerts written for
//! it work on these series too. Everything else is prefixed `outage_radar_`.

use std::collections::HashSet;
use std::fmt::Write;

use crate::connectivity::Connectivity;
use crate::event::Snapshot;
use crate::verdict::Verdict;

/// Every verdict, in the order the one-hot series are written.
const STATES: [Verdict; 5] = [
    Verdict::Up,
    Verdict::Degraded,
    Verdict::Down,
    Verdict::Maintenance,
    Verdict::Unknown,
];

/// Every connectivity state, in the order the one-hot series are written.
const CONNECTIVITY: [Connectivity; 4] = [
    Connectivity::Online,
    Connectivity::Offline,
    Connectivity::DnsBroken,
    Connectivity::CaptivePortal,
];

/// What the exposition is made of: the last snapshot and the round counters.
#[derive(Debug, Clone, Default)]
pub struct Exposition<'a> {
    /// The engine's last snapshot (`None` before the engine made one).
    pub snapshot: Option<&'a Snapshot>,
    /// Rounds finished since this process started.
    pub rounds_total: u64,
    /// When the last round finished, unix seconds (`None` before the first).
    pub last_round_seconds: Option<f64>,
}

/// Renders the exposition: `# HELP` and `# TYPE` for every family, then its samples.
pub fn render(e: &Exposition<'_>) -> String {
    let mut out = String::with_capacity(4096);
    let services = e.snapshot.map_or(&[][..], |s| &s.services[..]);

    family(
        &mut out,
        "probe_success",
        "gauge",
        "Whether the probe succeeded (1) or failed (0), as in blackbox_exporter.",
    );
    // Two probes of one service with the same kind and target would be one series twice,
    // which Prometheus rejects: the first one stands for both.
    let mut seen = HashSet::new();
    let probes: Vec<_> = services
        .iter()
        .flat_map(|s| s.probes.iter().map(move |p| (s, p)))
        .filter(|(s, p)| seen.insert((s.id.as_str(), p.kind.as_str(), p.target.as_str())))
        .collect();
    for (s, p) in &probes {
        let labels = [
            ("service", s.id.as_str()),
            ("probe", p.kind.as_str()),
            ("target", p.target.as_str()),
        ];
        sample(
            &mut out,
            "probe_success",
            &labels,
            if p.ok { 1.0 } else { 0.0 },
        );
    }
    family(
        &mut out,
        "probe_duration_seconds",
        "gauge",
        "How long the probe took, in seconds, as in blackbox_exporter.",
    );
    for (s, p) in &probes {
        let labels = [
            ("service", s.id.as_str()),
            ("probe", p.kind.as_str()),
            ("target", p.target.as_str()),
        ];
        sample(
            &mut out,
            "probe_duration_seconds",
            &labels,
            p.latency_ms as f64 / 1000.0,
        );
    }

    family(
        &mut out,
        "outage_radar_service_info",
        "gauge",
        "A watched service and its display name (always 1).",
    );
    for s in services {
        sample(
            &mut out,
            "outage_radar_service_info",
            &[("service", &s.id), ("name", &s.name)],
            1.0,
        );
    }
    family(&mut out, "outage_radar_service_state", "gauge", "The service's confirmed state: 1 for the state it is in, 0 for the others (up, degraded, down, maintenance, unknown).");
    for s in services {
        for state in STATES {
            let value = if s.state == state { 1.0 } else { 0.0 };
            sample(
                &mut out,
                "outage_radar_service_state",
                &[("service", &s.id), ("state", state.as_str())],
                value,
            );
        }
    }
    family(
        &mut out,
        "outage_radar_service_up",
        "gauge",
        "1 when the service's confirmed state is up, 0 otherwise.",
    );
    for s in services {
        let value = if s.state == Verdict::Up { 1.0 } else { 0.0 };
        sample(
            &mut out,
            "outage_radar_service_up",
            &[("service", &s.id)],
            value,
        );
    }
    family(&mut out, "outage_radar_official_status", "gauge", "What the service's official status source says: 1 for its state, 0 for the others; unknown when it is unreadable or gives no opinion. Only services with a source.");
    for s in services {
        let Some(official) = &s.official else {
            continue;
        };
        let source = official.source.as_str();
        let said = official.state.unwrap_or(Verdict::Unknown);
        for state in STATES {
            let value = if said == state { 1.0 } else { 0.0 };
            let labels = [
                ("service", s.id.as_str()),
                ("source", source),
                ("state", state.as_str()),
            ];
            sample(&mut out, "outage_radar_official_status", &labels, value);
        }
    }

    family(&mut out, "outage_radar_connectivity", "gauge", "Your own connectivity, judged from the control probes: 1 for the state it is in, 0 for the others.");
    // Not judged before the first round: no series rather than a guess.
    if let Some(snapshot) = e.snapshot.filter(|_| e.last_round_seconds.is_some()) {
        for state in CONNECTIVITY {
            let value = if snapshot.connectivity == state {
                1.0
            } else {
                0.0
            };
            sample(
                &mut out,
                "outage_radar_connectivity",
                &[("state", state.as_str())],
                value,
            );
        }
    }
    family(
        &mut out,
        "outage_radar_rounds_total",
        "counter",
        "Rounds of checks finished since the process started.",
    );
    sample(
        &mut out,
        "outage_radar_rounds_total",
        &[],
        e.rounds_total as f64,
    );
    family(
        &mut out,
        "outage_radar_last_round_timestamp_seconds",
        "gauge",
        "When the last round of checks finished, in unix seconds (absent before the first).",
    );
    if let Some(at) = e.last_round_seconds {
        sample(
            &mut out,
            "outage_radar_last_round_timestamp_seconds",
            &[],
            at,
        );
    }
    out
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {}", escape_help(help));
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn sample(out: &mut String, name: &str, labels: &[(&str, &str)], value: f64) {
    out.push_str(name);
    if !labels.is_empty() {
        out.push('{');
        for (i, (key, value)) in labels.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{key}=\"{}\"", escape_label(value));
        }
        out.push('}');
    }
    let _ = writeln!(out, " {value}");
}

/// Label values escape backslash, double quote and line feed (the format's only rules).
pub fn escape_label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// HELP text escapes backslash and line feed.
fn escape_help(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{OfficialStatus, Overall, ProbeStatus, ServiceStatus};
    use crate::observation::{ProbeKind, SourceKind};

    fn service(id: &str, state: Verdict) -> ServiceStatus {
        ServiceStatus::sample(id, &format!("Name \"{id}\""), state)
    }

    fn probe(kind: ProbeKind, target: &str, ok: bool, ms: u64) -> ProbeStatus {
        ProbeStatus {
            kind,
            target: target.into(),
            ok,
            cause: None,
            cause_text: String::new(),
            latency_ms: ms,
            detail: String::new(),
            cert_days_left: None,
        }
    }

    fn snapshot(services: Vec<ServiceStatus>) -> Snapshot {
        Snapshot {
            checked_at: "2026-11-28T10:42:00Z".into(),
            connectivity: Connectivity::Online,
            overall: Overall::Up,
            services,
            affected: String::new(),
            controls: vec![],
            misbehaving_controls: vec![],
            connection_note: String::new(),
            stopped: None,
        }
    }

    #[test]
    fn escapes_label_values() {
        assert_eq!(escape_label("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
        assert_eq!(escape_label("https://x/?q=ü"), "https://x/?q=ü");
    }

    #[test]
    fn one_hot_states_and_blackbox_probe_series() {
        let mut shop = service("shop", Verdict::Down);
        shop.probes = vec![
            probe(ProbeKind::Http, "http://127.0.0.1:1/\"x\"", false, 1500),
            probe(ProbeKind::Tcp, "127.0.0.1:1", true, 3),
            // The same probe twice is written once.
            probe(ProbeKind::Tcp, "127.0.0.1:1", false, 9),
        ];
        shop.official = Some(OfficialStatus {
            source: SourceKind::Statuspage,
            state: None,
            text: "unreadable".into(),
            incident: None,
        });
        let snap = snapshot(vec![shop, service("mail", Verdict::Up)]);
        let text = render(&Exposition {
            snapshot: Some(&snap),
            rounds_total: 3,
            last_round_seconds: Some(1_795_000_000.0),
        });
        for line in [
            "probe_success{service=\"shop\",probe=\"http\",target=\"http://127.0.0.1:1/\\\"x\\\"\"} 0",
            "probe_duration_seconds{service=\"shop\",probe=\"http\",target=\"http://127.0.0.1:1/\\\"x\\\"\"} 1.5",
            "probe_success{service=\"shop\",probe=\"tcp\",target=\"127.0.0.1:1\"} 1",
            "outage_radar_service_state{service=\"shop\",state=\"down\"} 1",
            "outage_radar_service_state{service=\"shop\",state=\"up\"} 0",
            "outage_radar_service_up{service=\"shop\"} 0",
            "outage_radar_service_up{service=\"mail\"} 1",
            "outage_radar_service_info{service=\"mail\",name=\"Name \\\"mail\\\"\"} 1",
            "outage_radar_official_status{service=\"shop\",source=\"statuspage\",state=\"unknown\"} 1",
            "outage_radar_connectivity{state=\"online\"} 1",
            "outage_radar_connectivity{state=\"offline\"} 0",
            "outage_radar_rounds_total 3",
            "outage_radar_last_round_timestamp_seconds 1795000000",
            "# TYPE outage_radar_rounds_total counter",
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
        }
        assert_eq!(text.matches("probe=\"tcp\"").count(), 2, "{text}");
        assert!(!text.contains("service=\"mail\",source"), "{text}");
    }

    #[test]
    fn before_the_first_round_only_counters() {
        let text = render(&Exposition::default());
        assert!(text.contains("outage_radar_rounds_total 0\n"), "{text}");
        assert!(!text
            .lines()
            .any(|l| l.starts_with("outage_radar_last_round_timestamp_seconds ")));
        assert!(!text.contains("outage_radar_connectivity{"));
        assert!(text.contains("# TYPE outage_radar_last_round_timestamp_seconds gauge"));
    }
}
