//! Meta Status `orgs.json`: an org's services, each with a free-text status.
//!
//! Meta documents no JSON API; public clients read `https://metastatus.com/data/orgs.json`,
//! an array of `{id, name, rss_file_paths, services: [{id, name, status, time}]}`. Because
//! `status` is free text, only the wordings listed below are understood; anything else
//! is no opinion, and never "up".

use serde::Deserialize;

use super::{clip, find_named, parse_json, worst, Top};
use crate::verdict::Verdict;

/// One org of the list. `id` and `services` are required: they are what tells a Meta Status
/// list from some other JSON array.
#[derive(Debug, Deserialize)]
struct Org {
    id: String,
    name: Option<String>,
    services: Vec<Service>,
}

#[derive(Debug, Deserialize)]
struct Service {
    name: String,
    status: Option<String>,
}

/// Reads a Meta Status `orgs.json` body for the org `org` (its id, such as
/// `whatsapp-business-api`; the display name is accepted too).
///
/// With `service` (matched by exact name, then case-insensitively), that service's status
/// decides. Without, the worst of the org's services decides; an unrecognised wording then
/// makes the answer no opinion unless a recognised degraded or down status is present, so it
/// never answers "up" while one status is not understood.
///
/// Wordings (case-insensitive, trimmed, "disruption" singular or plural): "No known issues"
/// and "Resolved" → up; "Low", "Medium" or "Some disruption(s)" → degraded; "High" or "Major
/// disruption(s)" and "Major outage" → down. Anything else, HTML (Meta
/// answers 200 with an HTML shell for unknown paths), JSON of another shape or a missing org
/// or service gives `None` with the reason.
pub fn parse_metastatus(
    body: &[u8],
    org: &str,
    service: Option<&str>,
) -> (Option<Verdict>, String) {
    let orgs: Vec<Org> = match parse_json(body, Top::Array, "a Meta Status list") {
        Ok(orgs) => orgs,
        Err(why) => return (None, why),
    };
    let Some(found) = find_org(&orgs, org) else {
        return (
            None,
            format!("org `{}` not found on Meta Status", clip(org)),
        );
    };
    match service {
        Some(wanted) => service_view(found, wanted),
        None => org_view(found),
    }
}

/// One named service of the org.
fn service_view(org: &Org, wanted: &str) -> (Option<Verdict>, String) {
    let matches = find_named(&org.services, |s| Some(&s.name), wanted);
    let readings = matches.into_iter().map(|s| {
        let words = words(s);
        (wording(&words), words_or_why(&words))
    });
    worst(readings).unwrap_or_else(|| {
        let why = format!(
            "service `{}` not found in org `{}`",
            clip(wanted),
            clip(&org.id)
        );
        (None, why)
    })
}

/// The org with this id (exactly, then case-insensitively), else the one with this name.
fn find_org<'a>(orgs: &'a [Org], wanted: &str) -> Option<&'a Org> {
    find_named(orgs, |o| Some(&o.id), wanted)
        .into_iter()
        .chain(find_named(orgs, |o| o.name.as_deref(), wanted))
        .next()
}

/// The worst of an org's services, named: "Embedded Signup: Medium disruptions".
fn org_view(org: &Org) -> (Option<Verdict>, String) {
    if !org.services.is_empty() && org.services.iter().all(|s| is_no_known_issues(&words(s))) {
        return (Some(Verdict::Up), "No known issues".to_string());
    }
    // Among services that are fine, "Resolved" says more than "No known issues" (something
    // just ended, and Meta keeps it for hours), so those go first and win ties.
    let mut services: Vec<&Service> = org.services.iter().collect();
    services.sort_by_key(|s| !words(s).eq_ignore_ascii_case("resolved"));
    let readings = services.into_iter().map(|s| {
        let words = words(s);
        (
            wording(&words),
            format!("{}: {}", clip(&s.name), words_or_why(&words)),
        )
    });
    worst(readings).unwrap_or_else(|| (None, format!("org `{}` lists no services", clip(&org.id))))
}

/// A service's status text, flattened and clipped; empty when missing.
fn words(service: &Service) -> String {
    service.status.as_deref().map(clip).unwrap_or_default()
}

/// The status words, or why they are not understood.
fn words_or_why(words: &str) -> String {
    match wording(words) {
        Some(_) => words.to_string(),
        None if words.is_empty() => "no status".to_string(),
        None => format!("unrecognised status `{words}`"),
    }
}

/// Whether the words are Meta's all-clear (as opposed to a lingering "Resolved").
fn is_no_known_issues(words: &str) -> bool {
    words.eq_ignore_ascii_case("no known issues")
}

/// Meta's free-text status as a verdict; `None` for any wording not known to be used.
fn wording(words: &str) -> Option<Verdict> {
    let normal = words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    Some(match normal.as_str() {
        "no known issues" | "resolved" => Verdict::Up,
        "low disruption" | "low disruptions" | "medium disruption" | "medium disruptions"
        | "some disruption" | "some disruptions" => Verdict::Degraded,
        "high disruption" | "high disruptions" | "major disruption" | "major disruptions"
        | "major outage" => Verdict::Down,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: &[u8] = include_bytes!("../../tests/fixtures/metastatus_orgs.json");
    const MIXED: &[u8] = include_bytes!("../../tests/fixtures/metastatus_orgs_mixed.json");
    const HTML: &[u8] = include_bytes!("../../tests/fixtures/metastatus_html_shell.html");

    #[test]
    fn wordings_map_to_verdicts() {
        let cases = [
            ("No known issues", Some(Verdict::Up)),
            ("Resolved", Some(Verdict::Up)),
            ("  resolved ", Some(Verdict::Up)),
            ("Low disruptions", Some(Verdict::Degraded)),
            ("Medium disruptions", Some(Verdict::Degraded)),
            ("Some disruption", Some(Verdict::Degraded)),
            ("Some disruptions", Some(Verdict::Degraded)),
            ("High disruption", Some(Verdict::Down)),
            ("High disruptions", Some(Verdict::Down)),
            ("Major disruption", Some(Verdict::Down)),
            ("MAJOR   disruptions", Some(Verdict::Down)),
            ("Major outage", Some(Verdict::Down)),
            ("Investigating", None),
            ("Partially restored", None),
            ("No issues", None),
            ("", None),
        ];
        for (words, verdict) in cases {
            assert_eq!(wording(words), verdict, "{words:?}");
        }
    }

    #[test]
    fn a_named_service_gives_its_own_status() {
        // (body, org, service, verdict, text)
        type Case = (
            &'static [u8],
            &'static str,
            &'static str,
            Option<Verdict>,
            &'static str,
        );
        let cases: &[Case] = &[
            (
                ORGS,
                "whatsapp-business-api",
                "Cloud API",
                Some(Verdict::Up),
                "No known issues",
            ),
            (
                ORGS,
                "whatsapp-business-api",
                "WhatsApp Business Account Management",
                Some(Verdict::Up),
                "Resolved",
            ),
            (
                ORGS,
                "whatsapp-business-api",
                "Embedded Signup",
                Some(Verdict::Degraded),
                "Medium disruptions",
            ),
            (
                ORGS,
                "whatsapp-business-api",
                "embedded signup",
                Some(Verdict::Degraded),
                "Medium disruptions",
            ),
            (
                ORGS,
                "facebook-login",
                "Facebook Login",
                Some(Verdict::Down),
                "High disruptions",
            ),
            (
                ORGS,
                "graph-api",
                "Platform Status",
                None,
                "unrecognised status `Some brand-new wording`",
            ),
            (
                MIXED,
                "marketing-api",
                "Ads Management",
                Some(Verdict::Down),
                "MAJOR OUTAGE",
            ),
            (
                MIXED,
                "instagram-platform",
                "Instagram Graph API",
                Some(Verdict::Degraded),
                "Low disruptions",
            ),
            (
                ORGS,
                "facebook-login",
                "Instagram Login",
                None,
                "service `Instagram Login` not found in org `facebook-login`",
            ),
        ];
        for (body, org, service, verdict, text) in cases {
            assert_eq!(
                parse_metastatus(body, org, Some(service)),
                (*verdict, text.to_string()),
                "{org}/{service}"
            );
        }
    }

    #[test]
    fn an_org_gives_its_worst_service() {
        let cases: &[(&[u8], &str, Option<Verdict>, &str)] = &[
            (
                ORGS,
                "whatsapp-business-api",
                Some(Verdict::Degraded),
                "Embedded Signup: Medium disruptions",
            ),
            (
                ORGS,
                "facebook-login",
                Some(Verdict::Down),
                "Facebook Login: High disruptions",
            ),
            // Matched by display name when no id matches.
            (
                ORGS,
                "Facebook Login",
                Some(Verdict::Down),
                "Facebook Login: High disruptions",
            ),
            // Unknown wording alone: no opinion.
            (
                ORGS,
                "graph-api",
                None,
                "Platform Status: unrecognised status `Some brand-new wording`",
            ),
            // A known outage wins over unknown wording.
            (
                MIXED,
                "marketing-api",
                Some(Verdict::Down),
                "Ads Management: MAJOR OUTAGE",
            ),
            // So does a known disruption.
            (
                MIXED,
                "instagram-platform",
                Some(Verdict::Degraded),
                "Instagram Graph API: Low disruptions",
            ),
            // Unknown wording next to "No known issues": never up.
            (
                MIXED,
                "messenger-platform",
                None,
                "Webhooks: unrecognised status `Partially restored`",
            ),
            (
                MIXED,
                "audience-network",
                Some(Verdict::Up),
                "Reporting: Resolved",
            ),
            (
                MIXED,
                "pages-api",
                None,
                "org `pages-api` lists no services",
            ),
            (
                ORGS,
                "instagram-platform",
                None,
                "org `instagram-platform` not found on Meta Status",
            ),
        ];
        for (body, org, verdict, text) in cases {
            assert_eq!(
                parse_metastatus(body, org, None),
                (*verdict, text.to_string()),
                "org {org}"
            );
        }
    }

    #[test]
    fn all_clear_reads_plainly() {
        let body = br#"[{"id":"x","name":"X","services":[{"id":1,"name":"A","status":"No known issues","time":"t"},
            {"id":2,"name":"B","status":"no known issues","time":"t"}]}]"#;
        assert_eq!(
            parse_metastatus(body, "x", None),
            (Some(Verdict::Up), "No known issues".to_string())
        );
    }

    #[test]
    fn unknown_wording_is_never_up() {
        // Every org of both fixtures: wherever a status is not understood and no trouble is
        // known, the answer must be None, not Up.
        for body in [ORGS, MIXED] {
            let orgs: Vec<Org> = serde_json::from_slice(body).expect("fixture parses");
            for org in &orgs {
                let unknown = org.services.iter().any(|s| wording(&words(s)).is_none());
                let trouble = org
                    .services
                    .iter()
                    .any(|s| wording(&words(s)).is_some_and(Verdict::is_trouble));
                let (verdict, _) = parse_metastatus(body, &org.id, None);
                if unknown {
                    assert_ne!(verdict, Some(Verdict::Up), "org {}", org.id);
                }
                if unknown && !trouble {
                    assert_eq!(verdict, None, "org {}", org.id);
                }
            }
        }
    }

    #[test]
    fn not_a_meta_status_list_has_no_opinion() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("html shell", HTML, "not a Meta Status list (got HTML)"),
            ("empty", b"", "not a Meta Status list (empty body)"),
            (
                "object",
                br#"{"error":"nope"}"#,
                "not a Meta Status list (expected a JSON array)",
            ),
            (
                "no services",
                br#"[{"id":"graph-api","name":"Graph API"}]"#,
                "not a Meta Status list: missing field `services` at line 1 column 38",
            ),
            (
                "statuspage",
                include_bytes!("../../tests/fixtures/statuspage_operational.json"),
                "not a Meta Status list (expected a JSON array)",
            ),
        ];
        for (name, body, text) in cases {
            assert_eq!(
                parse_metastatus(body, "graph-api", None),
                (None, text.to_string()),
                "case {name}"
            );
            assert_eq!(
                parse_metastatus(body, "graph-api", Some("Platform Status")).0,
                None,
                "case {name}"
            );
        }
    }
}
