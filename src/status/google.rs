//! Google's incident feeds: `incidents.json` of the Google Cloud status dashboard
//! (`status.cloud.google.com`) and of the Google Workspace status dashboard
//! (`www.google.com/appsstatus/dashboard`), which share one shape.
//!
//! The feed is an array of incidents, newest first, each with `begin`, `end` (absent or
//! null while ongoing), `external_desc`, `service_name`, `affected_products: [{title, id}]`,
//! `status_impact` (`SERVICE_OUTAGE`, `SERVICE_DISRUPTION`, `SERVICE_INFORMATION`) and
//! `most_recent_update {status, text}`, whose status turns `AVAILABLE` once resolved.
//! There is no "all clear" record: no ongoing incident means available.

use serde::Deserialize;

use super::{clip, parse_json, worst, Top};
use crate::verdict::Verdict;

/// One incident; `begin` is required because it tells this feed from other JSON arrays.
#[derive(Debug, Deserialize)]
struct Incident {
    #[allow(dead_code)] // Required for shape; its value is not read.
    begin: String,
    end: Option<String>,
    external_desc: Option<String>,
    service_name: Option<String>,
    #[serde(default)]
    affected_products: Vec<Product>,
    status_impact: Option<String>,
    most_recent_update: Option<Update>,
}

#[derive(Debug, Deserialize)]
struct Product {
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Update {
    status: Option<String>,
}

/// Reads a Google `incidents.json` body. Only ongoing incidents count (no `end`, latest
/// update not `AVAILABLE`); with `component`, only those naming that product (in
/// `affected_products` or `service_name`, case-insensitive).
///
/// `SERVICE_OUTAGE` → down, `SERVICE_DISRUPTION` → degraded, `SERVICE_INFORMATION` → up
/// (Google shows it as a notice, not as trouble), none ongoing → up ("Available"). Any
/// other impact, or JSON of another shape, is no opinion with the reason.
pub fn parse_google(body: &[u8], component: Option<&str>) -> (Option<Verdict>, String) {
    let incidents: Vec<Incident> = match parse_json(body, Top::Array, "a Google incident feed") {
        Ok(list) => list,
        Err(why) => return (None, why),
    };
    let ongoing = incidents
        .iter()
        .filter(|i| is_ongoing(i))
        .filter(|i| component.is_none_or(|wanted| affects(i, wanted)));
    worst(ongoing.map(reading)).unwrap_or((Some(Verdict::Up), "Available".into()))
}

fn is_ongoing(incident: &Incident) -> bool {
    let ended = incident
        .end
        .as_deref()
        .is_some_and(|e| !e.trim().is_empty());
    let available = incident
        .most_recent_update
        .as_ref()
        .and_then(|u| u.status.as_deref())
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("AVAILABLE"));
    !ended && !available
}

fn affects(incident: &Incident, wanted: &str) -> bool {
    let wanted = wanted.trim();
    incident
        .affected_products
        .iter()
        .filter_map(|p| p.title.as_deref())
        .chain(incident.service_name.as_deref())
        .any(|name| name.trim().eq_ignore_ascii_case(wanted))
}

/// One ongoing incident: its impact as a verdict, with Google's description.
fn reading(incident: &Incident) -> (Option<Verdict>, String) {
    let impact = incident
        .status_impact
        .as_deref()
        .or(incident
            .most_recent_update
            .as_ref()
            .and_then(|u| u.status.as_deref()))
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let (verdict, label) = match impact.as_str() {
        "SERVICE_OUTAGE" => (Verdict::Down, "Service outage"),
        "SERVICE_DISRUPTION" => (Verdict::Degraded, "Service disruption"),
        "SERVICE_INFORMATION" => (Verdict::Up, "Service information"),
        "" => return (None, "an ongoing incident has no impact".into()),
        other => return (None, format!("unknown impact `{}`", clip(other))),
    };
    let desc = incident
        .external_desc
        .as_deref()
        .map(clip)
        .unwrap_or_default();
    if desc.is_empty() {
        (Some(verdict), label.to_string())
    } else {
        (Some(verdict), format!("{label}: {desc}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &[u8] = include_bytes!("../../tests/fixtures/google_incidents.json");

    #[test]
    fn ongoing_incidents_by_product() {
        let (v, text) = parse_google(FEED, Some("Gmail"));
        assert_eq!(v, Some(Verdict::Down), "{text}");
        assert!(text.starts_with("Service outage: "), "{text}");
        let (v, text) = parse_google(FEED, Some("google meet"));
        assert_eq!(v, Some(Verdict::Degraded), "{text}");
        // Google Drive's incident ended: available.
        assert_eq!(
            parse_google(FEED, Some("Google Drive")),
            (Some(Verdict::Up), "Available".into())
        );
        // A notice is not trouble.
        assert_eq!(
            parse_google(FEED, Some("Google Calendar")).0,
            Some(Verdict::Up)
        );
        assert_eq!(parse_google(FEED, None).0, Some(Verdict::Down));
    }

    #[test]
    fn an_empty_feed_is_available() {
        assert_eq!(
            parse_google(b"[]", None),
            (Some(Verdict::Up), "Available".into())
        );
    }

    #[test]
    fn unknown_wording_and_other_shapes_are_no_opinion() {
        let odd = br#"[{"begin":"2026-11-30T09:00:00+00:00","status_impact":"SERVICE_WOBBLE","affected_products":[{"title":"Gmail"}]}]"#;
        let (v, text) = parse_google(odd, Some("Gmail"));
        assert_eq!(v, None, "{text}");
        assert!(text.contains("SERVICE_WOBBLE"), "{text}");
        // Known trouble still wins over an unreadable neighbour.
        let mixed = br#"[{"begin":"x","status_impact":"SERVICE_WOBBLE"},{"begin":"y","status_impact":"SERVICE_OUTAGE"}]"#;
        assert_eq!(parse_google(mixed, None).0, Some(Verdict::Down));
        assert_eq!(parse_google(b"{}", None).0, None);
        assert_eq!(parse_google(b"<!doctype html>", None).0, None);
        assert_eq!(parse_google(br#"[{"id":"no begin"}]"#, None).0, None);
    }
}
