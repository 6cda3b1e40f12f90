//! `outage-radar services [--all]`: what is watched and how, or the whole catalog.

use outage_radar::catalog::{Catalog, Category};
use outage_radar::{ServiceSpec, Settings};
use serde_json::{json, Value};

use super::table;

/// One row: a service, its category when it comes from the catalog, whether it is watched.
struct Row<'a> {
    spec: &'a ServiceSpec,
    category: Option<Category>,
    watched: bool,
}

pub fn run(settings: &Settings, json: bool, all: bool) -> anyhow::Result<u8> {
    let rows = rows(settings, all);
    if json {
        let list: Vec<Value> = rows.iter().map(|r| entry(r, all)).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    if rows.is_empty() {
        println!("No services: `builtins = []` and no [[services]] in the config.");
        return Ok(0);
    }
    let mut out = vec![vec![
        "ID".into(),
        "NAME".into(),
        "SOURCE".into(),
        "PROBES".into(),
    ]];
    if all {
        out[0].insert(2, "CATEGORY".into());
        out[0].insert(0, "WATCHED".into());
    }
    for r in &rows {
        let s = r.spec;
        let mut probes: Vec<String> = s
            .probes
            .iter()
            .map(|p| format!("{} {}", p.kind().as_str(), p.target()))
            .collect();
        if let Some(st) = &s.status {
            probes.push(format!("{} {}", st.kind().as_str(), st.url()));
        }
        let source = if s.builtin { "built-in" } else { "config" };
        let mut line = vec![
            s.id.clone(),
            s.name.clone(),
            source.into(),
            probes.join(", "),
        ];
        if all {
            let category = r.category.map_or("custom", Category::title);
            line.insert(2, category.into());
            line.insert(0, if r.watched { "yes" } else { "" }.into());
        }
        out.push(line);
    }
    print!("{}", table::render(&out));
    Ok(0)
}

/// The watched services, or with `all` the catalog followed by the custom services.
fn rows(settings: &Settings, all: bool) -> Vec<Row<'_>> {
    let catalog = Catalog::shipped();
    if !all {
        return settings
            .services
            .iter()
            .map(|spec| Row {
                spec,
                category: catalog.find(&spec.id).map(|e| e.category),
                watched: true,
            })
            .collect();
    }
    let watched = |id: &str| settings.services.iter().any(|s| s.id == id);
    let custom = settings
        .services
        .iter()
        .filter(|s| !s.builtin)
        .chain(&settings.disabled_services);
    catalog
        .entries
        .iter()
        .map(|e| Row {
            spec: &e.service,
            category: Some(e.category),
            watched: watched(&e.service.id),
        })
        .chain(custom.map(|spec| Row {
            spec,
            category: None,
            watched: watched(&spec.id),
        }))
        .collect()
}

/// One service in JSON: the `services --json` shape, plus `category` and (with `--all`)
/// `watched`.
fn entry(row: &Row<'_>, all: bool) -> Value {
    let s = row.spec;
    let mut v = json!({
        "id": s.id,
        "name": s.name,
        "builtin": s.builtin,
        "category": row.category,
        "probes": s.probes.iter().map(|p| json!({"kind": p.kind(), "target": p.target()})).collect::<Vec<_>>(),
        "status": s.status.as_ref().map(|st| {
            let mut status = json!({"kind": st.kind(), "url": st.url()});
            match st {
                outage_radar::StatusSpec::Metastatus { org, service, .. } => {
                    status["org"] = json!(org);
                    status["service"] = json!(service);
                }
                other => status["component"] = json!(other.component()),
            }
            status
        }),
    });
    if all {
        v["watched"] = json!(row.watched);
    }
    v
}
