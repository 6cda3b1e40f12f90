//! The built-in catalog: the services `builtins = [...]` can name, and the control targets.
//!
//! The catalog is data, not code: `src/catalog/services.toml`, embedded at build time and
//! parsed once on first use. Its probes and status sources are written exactly as in the
//! config file's `[[services]]`, so they go through the same parsers and checks. Loading
//! also checks what a config file cannot get wrong but a catalog entry can: ids unique,
//! every service with its own probes (the official word is a second opinion, never the
//! only one), a known category.
//!
//! These point at the real hosts and are used only at run time; tests configure their own
//! loopback services (`builtins = []`) and never touch them.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::config::{
    probe_spec, status_spec, valid_id, ProbeSpec, RawProbe, RawStatus, ServiceSpec,
};

/// The catalog file, as shipped.
const SERVICES_TOML: &str = include_str!("catalog/services.toml");

/// What a service is for; the settings window groups and searches by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Chat apps.
    Messaging,
    /// Social networks.
    Social,
    /// E-mail.
    Mail,
    /// Video calls and meetings.
    VideoCalls,
    /// Code hosting, package registries, developer tools.
    Developer,
    /// Cloud providers, CDNs, hosting.
    Cloud,
    /// Game stores and online play.
    Gaming,
    /// Video and music streaming.
    Streaming,
    /// AI assistants.
    Ai,
    /// Payments and shops.
    Payments,
    /// Documents, storage, design.
    Productivity,
    /// Business platforms (Meta's APIs).
    Business,
}

impl Category {
    /// The category in words, for tables and the settings window.
    pub fn title(self) -> &'static str {
        match self {
            Category::Messaging => "Messaging",
            Category::Social => "Social",
            Category::Mail => "Mail",
            Category::VideoCalls => "Video calls",
            Category::Developer => "Developer platforms",
            Category::Cloud => "Cloud",
            Category::Gaming => "Gaming",
            Category::Streaming => "Streaming",
            Category::Ai => "AI assistants",
            Category::Payments => "Payments",
            Category::Productivity => "Productivity",
            Category::Business => "Business platforms",
        }
    }
}

/// One service of the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The service as the engine watches it (`builtin` is true).
    pub service: ServiceSpec,
    /// What it is for.
    pub category: Category,
    /// Watched when the config has no `builtins` key.
    pub default: bool,
}

/// The parsed catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Services in display order.
    pub entries: Vec<Entry>,
    /// Control probes that judge the user's own connectivity.
    pub controls: Vec<ProbeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    controls: Vec<RawProbe>,
    service: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    name: String,
    category: Category,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    probes: Vec<RawProbe>,
    status: Option<RawStatus>,
    #[allow(dead_code)] // For contributors reading the file; never shown.
    notes: Option<String>,
}

impl Catalog {
    /// Parses and checks catalog text; the error names the entry and what is wrong.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = HashSet::new();
        let mut entries = Vec::with_capacity(raw.service.len());
        for e in raw.service {
            if !valid_id(&e.id) {
                return Err(format!(
                    "`{}`: ids are lowercase letters, digits, `-`, `_`",
                    e.id
                ));
            }
            if !seen.insert(e.id.clone()) {
                return Err(format!("`{}`: the id is used twice", e.id));
            }
            if e.name.trim().is_empty() {
                return Err(format!("`{}`: needs a name", e.id));
            }
            if e.probes.is_empty() {
                return Err(format!(
                    "`{}`: needs its own probes (an official source is never the only opinion)",
                    e.id
                ));
            }
            entries.push(Entry {
                service: ServiceSpec {
                    id: e.id,
                    name: e.name,
                    probes: e.probes.into_iter().map(probe_spec).collect(),
                    status: e.status.map(status_spec),
                    builtin: true,
                },
                category: e.category,
                default: e.default,
            });
        }
        if raw.controls.is_empty() {
            return Err("needs control probes".into());
        }
        Ok(Catalog {
            entries,
            controls: raw.controls.into_iter().map(probe_spec).collect(),
        })
    }

    /// The catalog shipped with this build.
    pub fn shipped() -> &'static Catalog {
        // Immutable data parsed once: the file is part of the binary, and the catalog tests
        // prove it parses, so a failure here is a build that skipped its tests.
        static SHIPPED: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::parse(SERVICES_TOML).expect("the shipped catalog is valid (catalog tests)")
        });
        &SHIPPED
    }

    /// The entry with this id.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.service.id == id)
    }
}

/// Every catalog service, in display order.
pub fn builtins() -> Vec<ServiceSpec> {
    Catalog::shipped()
        .entries
        .iter()
        .map(|e| e.service.clone())
        .collect()
}

/// The services watched when the config names none (Meta's apps), in display order.
pub fn defaults() -> Vec<ServiceSpec> {
    Catalog::shipped()
        .entries
        .iter()
        .filter(|e| e.default)
        .map(|e| e.service.clone())
        .collect()
}

/// The ids of [`defaults`].
pub fn default_ids() -> Vec<String> {
    defaults().into_iter().map(|s| s.id).collect()
}

/// Control probes that judge the user's own connectivity: public resolvers by IP (is there a
/// route at all?), unrelated large names (does DNS work?), and the plain-HTTP
/// connectivity-check pages that browsers and operating systems use, from four unrelated
/// operators (does a captive portal intercept?). Several of each, judged by quorum: one
/// operator's bad day must not look like the user's.
pub fn default_controls() -> Vec<ProbeSpec> {
    Catalog::shipped().controls.clone()
}

/// The catalog as a Markdown table for the README (generated; a test keeps it current).
pub fn markdown_table(catalog: &Catalog) -> String {
    let mut out = String::from(
        "| id | service | category | official source | default |\n|---|---|---|---|---|\n",
    );
    let mut entries: Vec<&Entry> = catalog.entries.iter().collect();
    entries.sort_by_key(|e| (e.category.title(), e.service.name.to_lowercase()));
    for e in entries {
        let source = e
            .service
            .status
            .as_ref()
            .map_or_else(|| "—".to_string(), |s| s.kind().describe().to_string());
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            e.service.id,
            e.service.name,
            e.category.title(),
            source,
            if e.default { "yes" } else { "" }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::StatusSpec;

    #[test]
    fn the_shipped_catalog_is_valid_and_broad() {
        let catalog = Catalog::parse(SERVICES_TOML).expect("valid");
        let official = catalog
            .entries
            .iter()
            .filter(|e| e.service.status.is_some())
            .count();
        let kinds: HashSet<_> = catalog
            .entries
            .iter()
            .filter_map(|e| e.service.status.as_ref().map(StatusSpec::kind))
            .collect();
        let categories: HashSet<_> = catalog.entries.iter().map(|e| e.category).collect();
        assert!(
            catalog.entries.len() >= 60,
            "{} services",
            catalog.entries.len()
        );
        assert!(official >= 40, "{official} with an official source");
        assert!(kinds.len() >= 4, "{kinds:?}");
        assert_eq!(categories.len(), 12, "{categories:?}");
        for e in &catalog.entries {
            assert!(!e.service.probes.is_empty(), "{}", e.service.id);
        }
    }

    #[test]
    fn the_default_watch_list_is_metas_apps() {
        assert_eq!(
            default_ids(),
            [
                "whatsapp",
                "instagram",
                "facebook",
                "messenger",
                "threads",
                "whatsapp-business",
                "graph-api",
                "facebook-login"
            ]
        );
    }

    const CONTROLS: &str = "controls = [{ kind = \"tcp\", addr = \"1.1.1.1:53\" }]\n";

    fn entry(body: &str) -> String {
        format!("{CONTROLS}[[service]]\n{body}\n")
    }

    #[test]
    fn bad_entries_are_refused_with_the_reason() {
        let ok = "id = \"a\"\nname = \"A\"\ncategory = \"mail\"\nprobes = [{ kind = \"dns\", host = \"a.example\" }]";
        assert!(Catalog::parse(&entry(ok)).is_ok());
        let cases = [
            (format!("{}\n[[service]]\n{ok}", entry(ok)), "used twice"),
            (
                entry("id = \"a\"\nname = \"A\"\ncategory = \"mail\""),
                "own probes",
            ),
            (
                entry(&ok.replace("\"a\"\nname", "\"A b\"\nname")),
                "lowercase",
            ),
            (entry(&ok.replace("mail", "knitting")), "knitting"),
            (
                entry(&ok.replace("dns\", host = \"a.example\"", "http\", url = \"a.example\"")),
                "a.example",
            ),
            (
                entry(&format!(
                    "{ok}\nstatus = {{ kind = \"tea-leaves\", url = \"https://x.example/\" }}"
                )),
                "tea-leaves",
            ),
            (
                entry(&format!(
                    "{ok}\nstatus = {{ kind = \"statusio\", url = \"not a url\" }}"
                )),
                "not a url",
            ),
        ];
        for (text, needle) in cases {
            let err = Catalog::parse(&text).expect_err(&text);
            assert!(err.contains(needle), "{needle:?} not in {err}");
        }
    }

    #[test]
    fn the_table_lists_every_service() {
        let catalog = Catalog::shipped();
        let table = markdown_table(catalog);
        assert_eq!(table.lines().count(), catalog.entries.len() + 2);
        assert!(
            table.contains("| `slack` | Slack | Messaging | Slack status API |  |"),
            "{table}"
        );
    }
}
