//! `outage-radar check`: one round, a table or JSON, a Nagios exit code.

use outage_radar::engine::{check_once, NetChecker};
use outage_radar::event::Snapshot;
use outage_radar::{Connectivity, Settings};

use super::table;

pub async fn run(settings: &Settings, json: bool) -> anyhow::Result<u8> {
    let checker = std::sync::Arc::new(NetChecker::new(settings)?);
    let snapshot = check_once(settings, checker).await;
    if json {
        println!("{}", serde_json::to_string_pretty(&snapshot)?);
    } else {
        print!("{}", render(&snapshot));
    }
    Ok(snapshot.exit_code())
}

fn render(snapshot: &Snapshot) -> String {
    let mut out = String::new();
    if snapshot.connectivity != Connectivity::Online {
        out.push_str(&format!(
            "{} — services can't be judged: it is your connection, not them.\n\n",
            snapshot.connectivity.describe()
        ));
    }
    let mut rows = vec![vec![
        "SERVICE".into(),
        "STATE".into(),
        "LATENCY".into(),
        "CAUSE".into(),
    ]];
    for s in &snapshot.services {
        let latency = s
            .latency_ms
            .map(|ms| format!("{ms} ms"))
            .unwrap_or_else(|| "-".into());
        let mut cause = if s.cause_text.is_empty() {
            s.detail.clone()
        } else {
            s.cause_text.clone()
        };
        // The status page's own title and link for what it reports, so a terminal user can
        // read the vendor's account.
        if let Some(incident) = s.official.as_ref().and_then(|o| o.incident.as_ref()) {
            if s.state.is_trouble() {
                cause.push_str(&format!(" — “{}”", incident.title));
                if !incident.url.is_empty() {
                    cause.push_str(&format!(" {}", incident.url));
                }
            }
        }
        if let Some(lag) = &s.official_lag {
            cause.push_str(&format!(" — {}", lag.words(lag.since_ms)));
        }
        rows.push(vec![s.name.clone(), s.state.to_string(), latency, cause]);
    }
    if snapshot.services.is_empty() {
        out.push_str("No services configured.\n");
    } else {
        out.push_str(&table::render(&rows));
    }
    out.push_str(&format!(
        "\nConnectivity: {}    Overall: {}\n",
        snapshot.connectivity, snapshot.overall
    ));
    if !snapshot.connection_note.is_empty() {
        out.push_str(&format!("{}.\n", snapshot.connection_note));
    }
    for control in &snapshot.misbehaving_controls {
        out.push_str(&format!("Control set aside (the others work): {control}\n"));
    }
    out
}
