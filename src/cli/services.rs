//! `outage-radar services`: what is watched and how.

use outage_radar::{Settings, StatusSpec};
use serde_json::json;

use super::table;

pub fn run(settings: &Settings, json: bool) -> anyhow::Result<u8> {
    if json {
        let list: Vec<_> = settings
            .services
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "name": s.name,
                    "builtin": s.builtin,
                    "probes": s.probes.iter().map(|p| json!({"kind": p.kind(), "target": p.target()})).collect::<Vec<_>>(),
                    "status": s.status.as_ref().map(|st| match st {
                        StatusSpec::Statuspage { url, component } => json!({"kind": "statuspage", "url": url, "component": component}),
                        StatusSpec::Metastatus { url, org, service } => json!({"kind": "metastatus", "url": url, "org": org, "service": service}),
                    }),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    let mut rows = vec![vec![
        "ID".into(),
        "NAME".into(),
        "SOURCE".into(),
        "PROBES".into(),
    ]];
    for s in &settings.services {
        let mut probes: Vec<String> = s
            .probes
            .iter()
            .map(|p| format!("{} {}", p.kind().as_str(), p.target()))
            .collect();
        match &s.status {
            Some(StatusSpec::Statuspage { url, .. }) => probes.push(format!("statuspage {url}")),
            Some(StatusSpec::Metastatus { org, .. }) => probes.push(format!("metastatus {org}")),
            None => {}
        }
        let source = if s.builtin { "built-in" } else { "config" };
        rows.push(vec![
            s.id.clone(),
            s.name.clone(),
            source.into(),
            probes.join(", "),
        ]);
    }
    if settings.services.is_empty() {
        println!("No services: `builtins = []` and no [[services]] in the config.");
    } else {
        print!("{}", table::render(&rows));
    }
    Ok(0)
}
