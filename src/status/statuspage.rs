//! Atlassian Statuspage v2 `summary.json`: the page indicator, or one component's status.
//!
//! The documented shape: `status {indicator, description}` with indicator `none`, `minor`,
//! `major`, `critical` (and `maintenance` while a maintenance runs), `components[]` with a
//! `name` and a `status` of `operational`, `degraded_performance`, `partial_outage`,
//! `major_outage` or `under_maintenance`, plus `incidents[]` and `scheduled_maintenances[]`.
//! Only the fields read here are modelled; everything else is ignored.

use serde::Deserialize;

use super::{clip, find_named, parse_json, worst, Top};
use crate::observation::OfficialIncident;
use crate::verdict::Verdict;

/// The parts of `summary.json` this module reads. Fields are optional so that a page with
/// an odd or partial answer still yields a precise "why not" instead of one serde error.
#[derive(Debug, Deserialize)]
struct Summary {
    status: Option<PageStatus>,
    components: Option<Vec<Component>>,
    #[serde(default)]
    scheduled_maintenances: Vec<Maintenance>,
    #[serde(default)]
    incidents: Vec<Incident>,
}

#[derive(Debug, Deserialize)]
struct Incident {
    name: Option<String>,
    status: Option<String>,
    shortlink: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PageStatus {
    indicator: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Component {
    name: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Maintenance {
    name: Option<String>,
    status: Option<String>,
}

/// Reads a Statuspage v2 `summary.json` body.
///
/// Without `component`, the page indicator decides: `none` → up (or maintenance while a
/// scheduled maintenance is in progress), `minor`/`major` → degraded, `critical` → down,
/// `maintenance` → maintenance; the text is the page's own description ("All Systems
/// Operational"). With `component`, that component's status decides (matched by exact name,
/// then case-insensitively): `operational` → up, `degraded_performance`/`partial_outage` →
/// degraded, `major_outage` → down, `under_maintenance` → maintenance; the text is the status
/// in words ("Major outage").
///
/// Anything else (not JSON, an unknown value, a missing component) is no opinion: `None`
/// with the reason, e.g. "component `Shop` not found on the page".
pub fn parse_statuspage(body: &[u8], component: Option<&str>) -> (Option<Verdict>, String) {
    let summary: Summary = match parse_json(body, Top::Object, "a Statuspage summary") {
        Ok(summary) => summary,
        Err(why) => return (None, why),
    };
    match component {
        None => page_view(&summary),
        Some(name) => component_view(&summary, name),
    }
}

/// The first incident the page has open (not `resolved` or `postmortem`), with its title and
/// short link; None when there is none or the body is not a summary. Only an `http(s)` link
/// is kept: the dashboard offers to open it.
pub fn open_incident(body: &[u8]) -> Option<OfficialIncident> {
    let summary: Summary = parse_json(body, Top::Object, "a Statuspage summary").ok()?;
    summary.incidents.iter().find_map(|incident| {
        let status = incident
            .status
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(status.as_str(), "resolved" | "postmortem" | "completed") {
            return None;
        }
        let title = clip(incident.name.as_deref()?);
        if title.is_empty() {
            return None;
        }
        let url = incident
            .shortlink
            .as_deref()
            .map(str::trim)
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .filter(|u| u.len() <= 300 && !u.chars().any(char::is_whitespace))
            .unwrap_or("")
            .to_string();
        Some(OfficialIncident { title, url })
    })
}

/// The page as a whole, from `status.indicator`.
fn page_view(summary: &Summary) -> (Option<Verdict>, String) {
    let Some(status) = &summary.status else {
        return (None, "not a Statuspage summary (no `status`)".to_string());
    };
    let Some(indicator) = status.indicator.as_deref() else {
        return (None, "no status indicator on the page".to_string());
    };
    let description = status
        .description
        .as_deref()
        .map(clip)
        .filter(|d| !d.is_empty());
    let verdict = match indicator.trim().to_ascii_lowercase().as_str() {
        "none" => Verdict::Up,
        // `major` maps to degraded: Statuspage uses it for partial outages, and
        // keeps `critical` for "Major System Outage".
        "minor" | "major" => Verdict::Degraded,
        "critical" => Verdict::Down,
        "maintenance" => Verdict::Maintenance,
        _ => {
            let why = format!("unknown status indicator `{}`", clip(indicator));
            return (None, with_words(why, description.as_deref()));
        }
    };
    if verdict == Verdict::Up {
        // An indicator of `none` can coexist with a maintenance already under way (the
        // indicator follows incidents and component states, which a provider may not have
        // switched yet). The maintenance is the better description of "now".
        if let Some(running) = summary
            .scheduled_maintenances
            .iter()
            .find(|m| is_in_progress(m))
        {
            let name = running.name.as_deref().map(clip).unwrap_or_default();
            return (
                Some(Verdict::Maintenance),
                with_words("Maintenance in progress".to_string(), Some(&name)),
            );
        }
    }
    let text = description.unwrap_or_else(|| indicator_words(verdict).to_string());
    (Some(verdict), text)
}

/// One component (or several with the same name), from `components[].status`.
fn component_view(summary: &Summary, wanted: &str) -> (Option<Verdict>, String) {
    let Some(components) = &summary.components else {
        return (
            None,
            "not a Statuspage summary (no `components`)".to_string(),
        );
    };
    let matches = find_named(components, |c| c.name.as_deref(), wanted);
    let readings = matches.into_iter().map(|c| component_reading(c, wanted));
    worst(readings).unwrap_or_else(|| {
        (
            None,
            format!("component `{}` not found on the page", clip(wanted)),
        )
    })
}

/// What one matched component says.
fn component_reading(component: &Component, wanted: &str) -> (Option<Verdict>, String) {
    let Some(raw) = component.status.as_deref() else {
        return (None, format!("component `{}` has no status", clip(wanted)));
    };
    match component_status(raw) {
        Some((verdict, words)) => (Some(verdict), words.to_string()),
        None => {
            let why = format!(
                "unknown status `{}` for component `{}`",
                clip(raw),
                clip(wanted)
            );
            (None, why)
        }
    }
}

/// A component status as a verdict and in words.
fn component_status(raw: &str) -> Option<(Verdict, &'static str)> {
    Some(match raw.trim().to_ascii_lowercase().as_str() {
        "operational" => (Verdict::Up, "Operational"),
        "degraded_performance" => (Verdict::Degraded, "Degraded performance"),
        "partial_outage" => (Verdict::Degraded, "Partial outage"),
        "major_outage" => (Verdict::Down, "Major outage"),
        "under_maintenance" => (Verdict::Maintenance, "Under maintenance"),
        _ => return None,
    })
}

/// Whether a scheduled maintenance is running now. `verifying` is left out: the work is done
/// and the provider is only checking, so the service is expected to be back.
fn is_in_progress(maintenance: &Maintenance) -> bool {
    maintenance
        .status
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("in_progress"))
}

/// Words for a page without a description.
fn indicator_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Up => "All Systems Operational",
        Verdict::Degraded => "Service disruption",
        Verdict::Down => "Major outage",
        Verdict::Maintenance => "Under maintenance",
        Verdict::Unknown => "Unknown",
    }
}

/// `base` followed by the provider's words, if there are any.
fn with_words(base: String, words: Option<&str>) -> String {
    match words {
        Some(words) if !words.is_empty() => format!("{base}: {words}"),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPERATIONAL: &[u8] = include_bytes!("../../tests/fixtures/statuspage_operational.json");
    const MAJOR_COMPONENT: &[u8] =
        include_bytes!("../../tests/fixtures/statuspage_major_component.json");
    const MAINTENANCE: &[u8] = include_bytes!("../../tests/fixtures/statuspage_maintenance.json");
    const UNKNOWN: &[u8] = include_bytes!("../../tests/fixtures/statuspage_unknown_indicator.json");
    const HTML: &[u8] = include_bytes!("../../tests/fixtures/metastatus_html_shell.html");

    /// A fixture with `status` replaced, for the indicators no recorded page shows.
    fn with_status(fixture: &[u8], indicator: &str, description: &str) -> Vec<u8> {
        let mut page: serde_json::Value = serde_json::from_slice(fixture).expect("fixture is JSON");
        page["status"] = serde_json::json!({ "indicator": indicator, "description": description });
        serde_json::to_vec(&page).expect("serialises")
    }

    #[test]
    fn the_open_incident_is_named_with_its_link() {
        assert_eq!(
            open_incident(MAJOR_COMPONENT),
            Some(OfficialIncident {
                title: "Shop unavailable".into(),
                url: "https://stspg.io/p1yx0mk3c9gw".into(),
            })
        );
        assert_eq!(open_incident(OPERATIONAL), None);
        assert_eq!(open_incident(b"not json"), None);
        let mut page: serde_json::Value = serde_json::from_slice(MAJOR_COMPONENT).expect("JSON");
        page["incidents"][0]["status"] = "resolved".into();
        assert_eq!(
            open_incident(&serde_json::to_vec(&page).expect("JSON")),
            None
        );
        page["incidents"][0]["status"] = "investigating".into();
        page["incidents"][0]["shortlink"] = "javascript:alert(1)".into();
        let incident = open_incident(&serde_json::to_vec(&page).expect("JSON")).expect("open");
        assert_eq!(incident.url, "", "only a web link is kept");
    }

    #[test]
    fn page_indicator_maps_to_a_verdict() {
        let cases: &[(&str, Vec<u8>, Option<Verdict>, &str)] = &[
            (
                "none",
                OPERATIONAL.to_vec(),
                Some(Verdict::Up),
                "All Systems Operational",
            ),
            (
                "minor",
                with_status(OPERATIONAL, "minor", "Minor Service Outage"),
                Some(Verdict::Degraded),
                "Minor Service Outage",
            ),
            (
                "major",
                MAJOR_COMPONENT.to_vec(),
                Some(Verdict::Degraded),
                "Partial System Outage",
            ),
            (
                "critical",
                with_status(OPERATIONAL, "critical", "Major System Outage"),
                Some(Verdict::Down),
                "Major System Outage",
            ),
            (
                "maintenance",
                MAINTENANCE.to_vec(),
                Some(Verdict::Maintenance),
                "Service Under Maintenance",
            ),
            (
                "none while a maintenance runs",
                with_status(MAINTENANCE, "none", "All Systems Operational"),
                Some(Verdict::Maintenance),
                "Maintenance in progress: Database upgrade",
            ),
            (
                "no description",
                with_status(OPERATIONAL, "critical", ""),
                Some(Verdict::Down),
                "Major outage",
            ),
            (
                "unknown indicator",
                UNKNOWN.to_vec(),
                None,
                "unknown status indicator `elevated`: Elevated Error Rates",
            ),
        ];
        for (name, body, verdict, text) in cases {
            assert_eq!(
                parse_statuspage(body, None),
                (*verdict, text.to_string()),
                "case {name}"
            );
        }
    }

    #[test]
    fn a_maintenance_only_scheduled_does_not_count() {
        // The operational fixture announces a future maintenance (`status: scheduled`).
        assert_eq!(parse_statuspage(OPERATIONAL, None).0, Some(Verdict::Up));
    }

    #[test]
    fn component_status_maps_to_a_verdict() {
        let cases: &[(&[u8], &str, Option<Verdict>, &str)] = &[
            (OPERATIONAL, "Shop", Some(Verdict::Up), "Operational"),
            (MAJOR_COMPONENT, "Shop", Some(Verdict::Down), "Major outage"),
            (
                MAJOR_COMPONENT,
                "API",
                Some(Verdict::Degraded),
                "Degraded performance",
            ),
            (
                MAJOR_COMPONENT,
                "Checkout",
                Some(Verdict::Degraded),
                "Partial outage",
            ),
            (
                MAJOR_COMPONENT,
                "Payments",
                Some(Verdict::Degraded),
                "Partial outage",
            ),
            (MAJOR_COMPONENT, "Refunds", Some(Verdict::Up), "Operational"),
            (
                MAJOR_COMPONENT,
                "Search",
                Some(Verdict::Maintenance),
                "Under maintenance",
            ),
            (
                MAINTENANCE,
                "Shop",
                Some(Verdict::Maintenance),
                "Under maintenance",
            ),
            // Case-insensitive fallback, trimmed.
            (MAJOR_COMPONENT, "shop", Some(Verdict::Down), "Major outage"),
            (
                MAJOR_COMPONENT,
                " api ",
                Some(Verdict::Degraded),
                "Degraded performance",
            ),
            // A component keeps its own status whatever the page indicator says.
            (UNKNOWN, "Shop", Some(Verdict::Up), "Operational"),
            (
                UNKNOWN,
                "API",
                None,
                "unknown status `reduced_capacity` for component `API`",
            ),
            (
                OPERATIONAL,
                "Warehouse",
                None,
                "component `Warehouse` not found on the page",
            ),
        ];
        for (body, component, verdict, text) in cases {
            assert_eq!(
                parse_statuspage(body, Some(component)),
                (*verdict, text.to_string()),
                "component {component}"
            );
        }
    }

    #[test]
    fn exact_name_wins_over_case_insensitive() {
        let body = br#"{"components":[{"name":"api","status":"major_outage"},{"name":"API","status":"operational"}],
            "status":{"indicator":"critical","description":"Major System Outage"}}"#;
        assert_eq!(
            parse_statuspage(body, Some("API")),
            (Some(Verdict::Up), "Operational".to_string())
        );
        assert_eq!(
            parse_statuspage(body, Some("api")),
            (Some(Verdict::Down), "Major outage".to_string())
        );
    }

    #[test]
    fn same_named_components_give_the_worst_and_never_up_when_unreadable() {
        let page = |a: &str, b: &str| {
            format!(
                r#"{{"components":[{{"name":"Auth","status":"{a}"}},{{"name":"Auth","status":"{b}"}}]}}"#
            )
        };
        let cases = [
            ("operational", "major_outage", Some(Verdict::Down)),
            ("partial_outage", "on_fire", Some(Verdict::Degraded)),
            ("operational", "on_fire", None),
            ("under_maintenance", "on_fire", None),
        ];
        for (a, b, verdict) in cases {
            assert_eq!(
                parse_statuspage(page(a, b).as_bytes(), Some("Auth")).0,
                verdict,
                "{a} + {b}"
            );
        }
    }

    #[test]
    fn unreadable_bodies_have_no_opinion() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("html", HTML, "not a Statuspage summary (got HTML)"),
            ("empty", b"  \n", "not a Statuspage summary (empty body)"),
            ("array", b"[]", "not a Statuspage summary (expected a JSON object)"),
            ("bad components", br#"{"components":{}}"#, "not a Statuspage summary: invalid type: map, expected a sequence at line 1 column 14"),
            ("no status", b"{}", "not a Statuspage summary (no `status`)"),
            ("no indicator", br#"{"status":{"description":"Fine"}}"#, "no status indicator on the page"),
        ];
        for (name, body, text) in cases {
            assert_eq!(
                parse_statuspage(body, None),
                (None, text.to_string()),
                "case {name}"
            );
        }
        assert_eq!(
            parse_statuspage(b"{}", Some("Shop")),
            (
                None,
                "not a Statuspage summary (no `components`)".to_string()
            )
        );
        assert_eq!(parse_statuspage(HTML, Some("Shop")).0, None);
    }

    #[test]
    fn provider_text_is_clipped_and_flattened() {
        let long = "x".repeat(500);
        let body =
            format!(r#"{{"status":{{"indicator":"{long}","description":"Line one\nline two"}}}}"#);
        let (verdict, text) = parse_statuspage(body.as_bytes(), None);
        assert_eq!(verdict, None);
        assert!(text.chars().count() < 150, "{text}");
        assert!(text.ends_with("…`: Line one line two"), "{text}");
    }
}
