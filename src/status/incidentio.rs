//! incident.io status pages: the public summary at `<page>/api/v1/summary`.
//!
//! The published widget shape: `{page_title, page_url, ongoing_incidents: [{name, status,
//! current_worst_impact, affected_components: [{name, current_status?}]}],
//! in_progress_maintenances: [{name, affected_components}], scheduled_maintenances: [..]}`.
//! Impacts are `degraded_performance`, `partial_outage` and `full_outage`. The summary
//! lists only what is affected: a component it does not name is operational.

use serde::Deserialize;

use super::{clip, parse_json, worst, Top};
use crate::verdict::Verdict;

/// `ongoing_incidents` is required: it tells this summary from other JSON objects.
#[derive(Debug, Deserialize)]
struct Summary {
    ongoing_incidents: Vec<Event>,
    #[serde(default)]
    in_progress_maintenances: Vec<Event>,
}

#[derive(Debug, Deserialize)]
struct Event {
    name: Option<String>,
    current_worst_impact: Option<String>,
    #[serde(default)]
    affected_components: Vec<Affected>,
}

#[derive(Debug, Deserialize)]
struct Affected {
    name: Option<String>,
    current_status: Option<String>,
}

/// Reads an incident.io summary. Without `component`, the worst ongoing incident decides
/// (a maintenance in progress, when there is no incident); with it, only incidents and
/// maintenances that list the component (case-insensitive), using the component's own
/// `current_status` where the summary gives one.
///
/// `full_outage` → down, `partial_outage`/`degraded_performance` → degraded, maintenance in
/// progress → maintenance, nothing ongoing → up. Unknown impacts are no opinion.
pub fn parse_incidentio(body: &[u8], component: Option<&str>) -> (Option<Verdict>, String) {
    let summary: Summary = match parse_json(body, Top::Object, "an incident.io summary") {
        Ok(s) => s,
        Err(why) => return (None, why),
    };
    let mut readings = Vec::new();
    for incident in &summary.ongoing_incidents {
        let impact = match component {
            None => incident.current_worst_impact.as_deref(),
            Some(wanted) => match affected(incident, wanted) {
                None => continue,
                Some(a) => a
                    .current_status
                    .as_deref()
                    .or(incident.current_worst_impact.as_deref()),
            },
        };
        readings.push(impact_reading(impact, incident.name.as_deref()));
    }
    if readings.is_empty() {
        let running = summary
            .in_progress_maintenances
            .iter()
            .find(|m| component.is_none_or(|wanted| affected(m, wanted).is_some()));
        if let Some(m) = running {
            let name = m.name.as_deref().map(clip).unwrap_or_default();
            let text = if name.is_empty() {
                "Maintenance in progress".to_string()
            } else {
                format!("Maintenance in progress: {name}")
            };
            return (Some(Verdict::Maintenance), text);
        }
    }
    worst(readings).unwrap_or((Some(Verdict::Up), "No ongoing incidents".into()))
}

fn affected<'a>(event: &'a Event, wanted: &str) -> Option<&'a Affected> {
    event.affected_components.iter().find(|a| {
        a.name
            .as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
    })
}

fn impact_reading(impact: Option<&str>, name: Option<&str>) -> (Option<Verdict>, String) {
    let raw = impact.unwrap_or("").trim().to_ascii_lowercase();
    let (verdict, label) = match raw.as_str() {
        "full_outage" => (Verdict::Down, "Full outage"),
        "partial_outage" => (Verdict::Degraded, "Partial outage"),
        "degraded_performance" => (Verdict::Degraded, "Degraded performance"),
        // A component's own status may read operational while the incident is open.
        "operational" => (Verdict::Up, "Operational"),
        "" => return (None, "an ongoing incident has no impact".into()),
        other => return (None, format!("unknown impact `{}`", clip(other))),
    };
    match name.map(clip).filter(|n| !n.is_empty()) {
        Some(name) => (Some(verdict), format!("{label}: {name}")),
        None => (Some(verdict), label.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAR: &[u8] = include_bytes!("../../tests/fixtures/incidentio_clear.json");
    const ONGOING: &[u8] = include_bytes!("../../tests/fixtures/incidentio_ongoing.json");

    #[test]
    fn nothing_ongoing_is_up() {
        assert_eq!(
            parse_incidentio(CLEAR, None),
            (Some(Verdict::Up), "No ongoing incidents".into())
        );
        assert_eq!(
            parse_incidentio(CLEAR, Some("ChatGPT")).0,
            Some(Verdict::Up)
        );
    }

    #[test]
    fn ongoing_incidents_by_component() {
        let (v, text) = parse_incidentio(ONGOING, None);
        assert_eq!(v, Some(Verdict::Down), "{text}");
        assert!(text.starts_with("Full outage: "), "{text}");
        // The component's own status beats the incident's worst impact.
        assert_eq!(
            parse_incidentio(ONGOING, Some("chatgpt")).0,
            Some(Verdict::Degraded)
        );
        assert_eq!(
            parse_incidentio(ONGOING, Some("API")).0,
            Some(Verdict::Down)
        );
        // Named by no incident, but by the running maintenance.
        assert_eq!(
            parse_incidentio(ONGOING, Some("Sora")).0,
            Some(Verdict::Maintenance)
        );
        assert_eq!(
            parse_incidentio(ONGOING, Some("Playground")).0,
            Some(Verdict::Up)
        );
    }

    #[test]
    fn unknown_impacts_and_shapes_are_no_opinion() {
        let odd = br#"{"ongoing_incidents":[{"name":"x","current_worst_impact":"wobbly","affected_components":[]}]}"#;
        let (v, text) = parse_incidentio(odd, None);
        assert_eq!(v, None);
        assert!(text.contains("wobbly"), "{text}");
        assert_eq!(parse_incidentio(br#"{"page_title":"x"}"#, None).0, None);
        assert_eq!(parse_incidentio(b"[]", None).0, None);
        assert_eq!(parse_incidentio(b"<html>", None).0, None);
    }
}
