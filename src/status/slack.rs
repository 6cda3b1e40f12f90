//! Slack's status API v2 (`https://slack-status.com/api/v2.0.0/current`).
//!
//! The documented shape (docs.slack.dev, "Slack Status API"): `{status, date_created,
//! date_updated, active_incidents: [{id, title, type, status, url, services: [..], notes}]}`.
//! `status` is `ok` when all is well and `active` while something is going on; each
//! incident's `type` is `incident`, `notice` or `outage` (and `maintenance` for planned
//! work), its `status` `active` while it lasts. Only the fields read here are modelled.

use serde::Deserialize;

use super::{clip, parse_json, worst, Top};
use crate::verdict::Verdict;

#[derive(Debug, Deserialize)]
struct Current {
    status: Option<String>,
    active_incidents: Option<Vec<Incident>>,
}

#[derive(Debug, Deserialize)]
struct Incident {
    title: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status: Option<String>,
    #[serde(default)]
    services: Vec<String>,
}

/// Reads Slack's `current` body. Without `component`, every active incident counts; with
/// it, only those whose `services` name it (case-insensitive): Slack lists affected
/// features such as "Messaging", "Login/SSO", "Calls".
///
/// `outage` → down, `incident` and `notice` → degraded, `maintenance` → maintenance; none
/// active (page `ok`, or nothing affecting the component) → up. An unknown page status or
/// incident type, or JSON of another shape, is no opinion with the reason.
pub fn parse_slack(body: &[u8], component: Option<&str>) -> (Option<Verdict>, String) {
    let current: Current = match parse_json(body, Top::Object, "a Slack status document") {
        Ok(c) => c,
        Err(why) => return (None, why),
    };
    let Some(page) = current.status.as_deref().map(str::trim) else {
        return (None, "not a Slack status document (no `status`)".into());
    };
    let page = page.to_ascii_lowercase();
    if page != "ok" && page != "active" {
        return (None, format!("unknown Slack status `{}`", clip(&page)));
    }
    let incidents = current.active_incidents.unwrap_or_default();
    let relevant = incidents
        .iter()
        .filter(|i| {
            i.status
                .as_deref()
                .is_none_or(|s| s.trim().eq_ignore_ascii_case("active"))
        })
        .filter(|i| match component {
            None => true,
            Some(wanted) => i
                .services
                .iter()
                .any(|s| s.trim().eq_ignore_ascii_case(wanted.trim())),
        });
    let readings: Vec<_> = relevant.map(reading).collect();
    if readings.is_empty() {
        if page == "active" && component.is_none() {
            // The page says something is going on but lists nothing we can read.
            return (None, "Slack reports an active issue without details".into());
        }
        return (Some(Verdict::Up), "No active incidents".into());
    }
    worst(readings).unwrap_or((Some(Verdict::Up), "No active incidents".into()))
}

/// One active incident: its type as a verdict, titled.
fn reading(incident: &Incident) -> (Option<Verdict>, String) {
    let title = incident.title.as_deref().map(clip).unwrap_or_default();
    let kind = incident
        .kind
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let verdict = match kind.as_str() {
        "outage" => Verdict::Down,
        "incident" | "notice" => Verdict::Degraded,
        "maintenance" => Verdict::Maintenance,
        _ => {
            return (
                None,
                format!("unknown Slack incident type `{}`", clip(&kind)),
            )
        }
    };
    let label = match verdict {
        Verdict::Down => "Outage",
        Verdict::Maintenance => "Maintenance",
        _ if kind == "notice" => "Notice",
        _ => "Incident",
    };
    let text = if title.is_empty() {
        label.to_string()
    } else {
        format!("{label}: {title}")
    };
    (Some(verdict), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &[u8] = include_bytes!("../../tests/fixtures/slack_ok.json");
    const ACTIVE: &[u8] = include_bytes!("../../tests/fixtures/slack_active.json");

    #[test]
    fn ok_is_up() {
        assert_eq!(
            parse_slack(OK, None),
            (Some(Verdict::Up), "No active incidents".into())
        );
        assert_eq!(parse_slack(OK, Some("Messaging")).0, Some(Verdict::Up));
    }

    #[test]
    fn active_incidents_by_type_and_feature() {
        let (v, text) = parse_slack(ACTIVE, None);
        assert_eq!(v, Some(Verdict::Down), "{text}");
        assert!(text.starts_with("Outage: "), "{text}");
        let (v, text) = parse_slack(ACTIVE, Some("messaging"));
        assert_eq!(v, Some(Verdict::Degraded), "{text}");
        assert!(text.starts_with("Incident: "), "{text}");
        // A feature no active incident names is fine.
        assert_eq!(parse_slack(ACTIVE, Some("Calls")).0, Some(Verdict::Up));
    }

    #[test]
    fn unknown_wording_is_no_opinion() {
        let odd = br#"{"status":"sideways","active_incidents":[]}"#;
        assert_eq!(parse_slack(odd, None).0, None);
        let odd_type = br#"{"status":"active","active_incidents":[{"title":"x","type":"kerfuffle","status":"active","services":["Messaging"]}]}"#;
        let (v, text) = parse_slack(odd_type, None);
        assert_eq!(v, None, "{text}");
        assert!(text.contains("kerfuffle"), "{text}");
        assert_eq!(parse_slack(b"<html></html>", None).0, None);
        assert_eq!(parse_slack(b"[]", None).0, None);
        assert_eq!(parse_slack(br#"{"active_incidents":[]}"#, None).0, None);
    }
}
