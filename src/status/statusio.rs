//! Status.io's public status API (`https://api.status.io/1.0/status/<page id>`).
//!
//! The published shape: `{result: {status_overall: {updated, status, status_code},
//! status: [{id, name, status, status_code, containers: [{id, name, status, status_code}]}],
//! incidents: [..], maintenance: {active: [..], upcoming: [..]}}}`. Status codes are
//! Status.io's fixed list: 100 Operational, 200 Planned Maintenance, 300 Degraded
//! Performance, 400 Partial Service Disruption, 500 Service Disruption, 600 Security Event.

use serde::Deserialize;

use super::{clip, find_named, parse_json, worst, Top};
use crate::verdict::Verdict;

#[derive(Debug, Deserialize)]
struct Document {
    result: Option<Result>,
}

#[derive(Debug, Deserialize)]
struct Result {
    status_overall: Option<Status>,
    #[serde(default)]
    status: Vec<Component>,
}

#[derive(Debug, Deserialize)]
struct Status {
    status: Option<String>,
    status_code: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Component {
    name: Option<String>,
    status: Option<String>,
    status_code: Option<serde_json::Value>,
}

/// Reads a Status.io status document. Without `component`, `status_overall` decides; with
/// it, that component's status (matched by exact name, then case-insensitively).
///
/// 100 → up, 200 → maintenance, 300 and 400 → degraded, 500 → down, 600 (a security
/// event) → degraded; the text is the page's own words ("Partial Service Disruption").
/// Any other code, a missing component or JSON of another shape is no opinion.
pub fn parse_statusio(body: &[u8], component: Option<&str>) -> (Option<Verdict>, String) {
    let doc: Document = match parse_json(body, Top::Object, "a Status.io status document") {
        Ok(doc) => doc,
        Err(why) => return (None, why),
    };
    let Some(result) = doc.result else {
        return (None, "not a Status.io status document (no `result`)".into());
    };
    match component {
        None => match &result.status_overall {
            Some(s) => reading(s.status.as_deref(), s.status_code.as_ref()),
            None => (None, "no overall status on the page".into()),
        },
        Some(wanted) => {
            let found = find_named(&result.status, |c| c.name.as_deref(), wanted);
            worst(
                found
                    .into_iter()
                    .map(|c| reading(c.status.as_deref(), c.status_code.as_ref())),
            )
            .unwrap_or_else(|| {
                (
                    None,
                    format!("component `{}` not found on the page", clip(wanted)),
                )
            })
        }
    }
}

/// A status code (a number, or a number in a string) and its words.
fn reading(words: Option<&str>, code: Option<&serde_json::Value>) -> (Option<Verdict>, String) {
    let code = code.and_then(|c| match c {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let (verdict, fallback) = match code {
        Some(100) => (Verdict::Up, "Operational"),
        Some(200) => (Verdict::Maintenance, "Planned Maintenance"),
        Some(300) => (Verdict::Degraded, "Degraded Performance"),
        Some(400) => (Verdict::Degraded, "Partial Service Disruption"),
        Some(500) => (Verdict::Down, "Service Disruption"),
        Some(600) => (Verdict::Degraded, "Security Event"),
        Some(other) => return (None, format!("unknown status code {other}")),
        None => return (None, "no status code".into()),
    };
    let words = words.map(clip).filter(|w| !w.is_empty());
    (Some(verdict), words.unwrap_or_else(|| fallback.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &[u8] = include_bytes!("../../tests/fixtures/statusio_status.json");

    #[test]
    fn overall_and_components() {
        assert_eq!(
            parse_statusio(PAGE, None),
            (Some(Verdict::Degraded), "Partial Service Disruption".into())
        );
        assert_eq!(
            parse_statusio(PAGE, Some("Website")),
            (Some(Verdict::Up), "Operational".into())
        );
        assert_eq!(
            parse_statusio(PAGE, Some("git operations")).0,
            Some(Verdict::Degraded)
        );
        assert_eq!(
            parse_statusio(PAGE, Some("CI/CD - Hosted runners")).0,
            Some(Verdict::Down)
        );
        assert_eq!(
            parse_statusio(PAGE, Some("Container Registry")).0,
            Some(Verdict::Maintenance)
        );
    }

    #[test]
    fn unknown_codes_and_shapes_are_no_opinion() {
        let (v, text) = parse_statusio(PAGE, Some("Nope"));
        assert_eq!(v, None);
        assert!(text.contains("not found"), "{text}");
        let odd = br#"{"result":{"status_overall":{"status":"Wobbly","status_code":350}}}"#;
        let (v, text) = parse_statusio(odd, None);
        assert_eq!(v, None);
        assert!(text.contains("350"), "{text}");
        let string_code =
            br#"{"result":{"status_overall":{"status":"Operational","status_code":"100"}}}"#;
        assert_eq!(parse_statusio(string_code, None).0, Some(Verdict::Up));
        assert_eq!(parse_statusio(br#"{"page":{}}"#, None).0, None);
        assert_eq!(parse_statusio(b"[]", None).0, None);
        assert_eq!(parse_statusio(b"<html>", None).0, None);
    }
}
