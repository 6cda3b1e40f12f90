//! The built-in catalog through the real binary, the README's generated table, and the new
//! official status kinds read over loopback by `check`.

use std::path::Path;

use outage_radar::catalog::{markdown_table, Catalog};

use crate::support::cli::{json, Cli};
use crate::support::http::{HttpStub, Mode};

const START: &str = "<!-- catalog:start (generated from src/catalog/services.toml) -->\n";
const END: &str = "<!-- catalog:end -->";

#[test]
fn catalog_table_in_the_readme_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (before, rest) = readme
        .split_once(START)
        .expect("README has the catalog start marker");
    let (_, after) = rest
        .split_once(END)
        .expect("README has the catalog end marker");
    let table = markdown_table(Catalog::shipped());
    let wanted = format!("{before}{START}{table}{END}{after}");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, &wanted).unwrap();
        return;
    }
    assert!(
        readme == wanted,
        "the README's catalog table is stale: run `UPDATE_README=1 cargo test --test integration catalog_table`"
    );
}

#[test]
fn services_all_lists_the_whole_catalog_with_what_is_watched() {
    let cli = Cli::new(
        "builtins = [\"github\", \"steam\", \"gmail\"]\n[[services]]\nid = \"shop\"\nprobes = [{ kind = \"dns\", host = \"shop.test\" }]\n[[services]]\nid = \"old\"\nenabled = false\nprobes = [{ kind = \"dns\", host = \"old.test\" }]\n",
    );
    let out = cli.run(&["services", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let list = doc.as_array().unwrap();
    let builtin: Vec<_> = list.iter().filter(|s| s["builtin"] == true).collect();
    assert!(builtin.len() >= 60, "{} catalog services", builtin.len());
    let official: Vec<_> = builtin.iter().filter(|s| !s["status"].is_null()).collect();
    assert!(
        official.len() >= 40,
        "{} with an official source",
        official.len()
    );
    let mut kinds: Vec<&str> = official
        .iter()
        .map(|s| s["status"]["kind"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert!(kinds.len() >= 4, "{kinds:?}");
    for s in &builtin {
        assert!(!s["probes"].as_array().unwrap().is_empty(), "{s}");
        assert!(s["category"].is_string(), "{s}");
    }
    let watched: Vec<&str> = list
        .iter()
        .filter(|s| s["watched"] == true)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(watched, ["gmail", "github", "steam", "shop"]);
    let old = list.iter().find(|s| s["id"] == "old").unwrap();
    assert_eq!(old["watched"], false);
    assert!(old["category"].is_null());

    // The plain list is what is watched, in the order `builtins` names them.
    let out = cli.run(&["services", "--json"]);
    let ids: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["github", "steam", "gmail", "shop"]);

    let table = cli.run(&["services", "--all"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("WATCHED") && text.contains("Video calls"),
        "{text}"
    );
}

#[test]
fn without_builtins_the_default_watch_list_is_metas_apps() {
    let cli = Cli::new("");
    let doc = json(&cli.run(&["services", "--json"]));
    let ids: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids[..5],
        ["whatsapp", "instagram", "facebook", "messenger", "threads"]
    );
    assert_eq!(ids.len(), 8);
}

/// A service whose own probe works, with an official source of `kind` served by a stub.
fn config_with_source(probe: &str, control: &str, status: &str) -> String {
    format!(
        r#"builtins = []
timeout_ms = 2000
recheck_secs = 1
[connectivity]
probes = [{{ kind = "tcp", addr = "{control}" }}]
[[services]]
id = "svc"
name = "Svc"
probes = [{{ kind = "http", url = "{probe}" }}]
status = {status}
"#
    )
}

#[test]
fn check_reads_each_new_kind_of_official_source_over_loopback() {
    let site = HttpStub::start(Mode::Ok("fine".into()));
    let fixture = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
        )
        .unwrap()
    };
    // (fixture, kind, component, expected official state, expected overall)
    let cases = [
        (
            "slack_active.json",
            "slack",
            "Messaging",
            "degraded",
            "degraded",
        ),
        ("google_incidents.json", "google", "Gmail", "down", "down"),
        (
            "google_incidents.json",
            "google",
            "Google Drive",
            "up",
            "up",
        ),
        ("statusio_status.json", "statusio", "Website", "up", "up"),
        (
            "statusio_status.json",
            "statusio",
            "CI/CD - Hosted runners",
            "down",
            "down",
        ),
        (
            "incidentio_ongoing.json",
            "incidentio",
            "ChatGPT",
            "degraded",
            "degraded",
        ),
        ("incidentio_clear.json", "incidentio", "ChatGPT", "up", "up"),
    ];
    for (file, kind, component, official, overall) in cases {
        let source = HttpStub::start(Mode::Ok(fixture(file)));
        let status = format!(
            "{{ kind = \"{kind}\", url = \"{}\", component = \"{component}\" }}",
            source.url("/status")
        );
        let cli = Cli::new(&config_with_source(
            &site.url("/"),
            &site.addr.to_string(),
            &status,
        ));
        let doc = json(&cli.run(&["check", "--json"]));
        let svc = &doc["services"][0];
        assert_eq!(svc["official"]["source"], kind, "{svc}");
        assert_eq!(
            svc["official"]["state"], official,
            "{file} {component}: {svc}"
        );
        assert_eq!(doc["overall"], overall, "{file} {component}: {svc}");
        assert!(source.hits() >= 1);
    }
}

#[test]
fn an_unreadable_new_source_is_no_opinion_never_up() {
    let site = HttpStub::start(Mode::Status(503));
    let source = HttpStub::start(Mode::Ok("<html><body>Status</body></html>".into()));
    let status = format!(
        "{{ kind = \"google\", url = \"{}\" }}",
        source.url("/incidents.json")
    );
    let cli = Cli::new(&config_with_source(
        &site.url("/"),
        &site.addr.to_string(),
        &status,
    ));
    let doc = json(&cli.run(&["check", "--json"]));
    let svc = &doc["services"][0];
    assert!(svc["official"]["state"].is_null(), "{svc}");
    assert!(
        svc["official"]["text"].as_str().unwrap().contains("HTML"),
        "{svc}"
    );
    assert_eq!(svc["state"], "down", "{svc}");
}
