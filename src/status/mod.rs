//! Official status sources: what the provider itself says, as an [`OfficialReading`].
//!
//! Six kinds are understood: Atlassian Statuspage v2 (`summary.json`, see [`statuspage`]),
//! Meta Status (`orgs.json`, see [`metastatus`]), Slack's status API ([`slack`]), Google's
//! Cloud and Workspace incident feeds ([`google`]), Status.io ([`statusio`]) and incident.io
//! status pages ([`incidentio`]). Fetching lives here, in [`read`];
//! the parsers are pure functions of the body so recorded fixtures test them without a
//! network.
//!
//! An official source is a second opinion, never the only one: whatever cannot be read or
//! understood becomes "no opinion" (`verdict: None`) with the reason in `text`, and never
//! "up" by default (docs/design.md, “Verdict rules”).

pub mod google;
pub mod incidentio;
pub mod metastatus;
pub mod slack;
pub mod statusio;
pub mod statuspage;

#[cfg(test)]
mod tests;

use std::error::Error as _;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use crate::check::body::{read_capped, BODY_CAP};
use crate::config::StatusSpec;
use crate::observation::OfficialReading;
use crate::verdict::Verdict;

pub use google::parse_google;
pub use incidentio::parse_incidentio;
pub use metastatus::parse_metastatus;
pub use slack::parse_slack;
pub use statusio::parse_statusio;
pub use statuspage::parse_statuspage;

/// Reads one official status source: GET `spec`'s URL, then parse what came back.
///
/// The whole exchange (connect, headers, body) is bounded by `timeout` and the body by
/// [`BODY_CAP`]. A failure is data, not an error: a non-2xx status, a timeout, a transport
/// error, an over-long body or an unparseable answer all give `verdict: None` with `text`
/// naming the problem ("HTTP 503", "timed out after 5000 ms", "body larger than 1 MiB").
pub async fn read(
    client: &reqwest::Client,
    spec: &StatusSpec,
    timeout: Duration,
) -> OfficialReading {
    let (source, url) = (spec.kind(), spec.url());
    let started = Instant::now();
    let fetched = tokio::time::timeout(timeout, fetch(client, url)).await;
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let (verdict, text, incident) = match fetched {
        Err(_elapsed) => (
            None,
            format!("timed out after {} ms", timeout.as_millis()),
            None,
        ),
        Ok(Err(problem)) => (None, problem, None),
        Ok(Ok(body)) => {
            let (verdict, text) = interpret(spec, &body);
            let incident = match spec {
                StatusSpec::Statuspage { .. } => statuspage::open_incident(&body),
                _ => None,
            };
            (verdict, text, incident)
        }
    };
    tracing::debug!(%url, verdict = ?verdict, %text, latency_ms, "official status read");
    OfficialReading {
        source,
        url: url.to_string(),
        verdict,
        text,
        latency_ms,
        incident,
    }
}

/// GETs `url` and returns the complete body, or why there is none.
async fn fetch(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, String> {
    let response = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(describe)?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {}", status.as_u16()));
    }
    let (body, cut) = read_capped(response, BODY_CAP).await.map_err(describe)?;
    if cut {
        // Half a JSON document is unreadable anyway, and an endless body must not cost more
        // than the cap: refuse instead of parsing a prefix.
        return Err(format!("body larger than {}", size_words(BODY_CAP)));
    }
    Ok(body)
}

/// Hands the body to the parser for the spec's kind.
fn interpret(spec: &StatusSpec, body: &[u8]) -> (Option<Verdict>, String) {
    match spec {
        StatusSpec::Statuspage { component, .. } => parse_statuspage(body, component.as_deref()),
        StatusSpec::Metastatus { org, service, .. } => {
            parse_metastatus(body, org, service.as_deref())
        }
        StatusSpec::Slack { component, .. } => parse_slack(body, component.as_deref()),
        StatusSpec::Google { component, .. } => parse_google(body, component.as_deref()),
        StatusSpec::Statusio { component, .. } => parse_statusio(body, component.as_deref()),
        StatusSpec::Incidentio { component, .. } => parse_incidentio(body, component.as_deref()),
    }
}

/// A transport failure in a few words. The URL is left out (the reading carries it) and the
/// innermost cause is kept, because reqwest's own message ("error sending request") hides
/// whether the connection was refused, reset or never resolved.
fn describe(err: reqwest::Error) -> String {
    let what = if err.is_builder() {
        "bad URL"
    } else if err.is_redirect() {
        "redirect failed"
    } else if err.is_connect() {
        "connection failed"
    } else if err.is_timeout() {
        "timed out"
    } else if err.is_body() || err.is_decode() {
        "reading the body failed"
    } else {
        "request failed"
    };
    let mut root = err.source();
    while let Some(inner) = root.and_then(|e| e.source()) {
        root = Some(inner);
    }
    match root {
        Some(cause) => format!("{what}: {}", clip(&cause.to_string())),
        None => what.to_string(),
    }
}

/// `1048576` as "1 MiB", for messages about the body cap.
fn size_words(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// Longest piece of provider text echoed into a reading.
const CLIP_CHARS: usize = 80;

/// Provider text made safe to show: whitespace runs (including newlines and other control
/// characters) become one space, and it is cut to [`CLIP_CHARS`]. The provider controls
/// these strings, and they end up in notifications, a one-line table and the history.
pub(crate) fn clip(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(CLIP_CHARS) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

/// The JSON value a source answers with at the top level.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Top {
    /// `{…}` (Statuspage).
    Object,
    /// `[…]` (Meta Status).
    Array,
}

/// Parses a JSON body whose top level must be `top`, or says in a few words why it is not
/// `what` ("a Meta Status list").
///
/// The top level is checked by hand because serde also fills a struct from an array, which
/// would let one kind of source half-parse as the other. HTML gets its own message: sites
/// answer 200 with an HTML shell for unknown paths, and "got HTML" tells the user the URL is
/// wrong rather than the JSON being odd.
pub(crate) fn parse_json<T: DeserializeOwned>(
    body: &[u8],
    top: Top,
    what: &str,
) -> Result<T, String> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let (opener, expected) = match top {
        Top::Object => (b'{', "a JSON object"),
        Top::Array => (b'[', "a JSON array"),
    };
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(format!("not {what} (empty body)")),
        Some(b'<') => Err(format!("not {what} (got HTML)")),
        Some(first) if *first != opener => Err(format!("not {what} (expected {expected})")),
        Some(_) => serde_json::from_slice(body).map_err(|e| format!("not {what}: {e}")),
    }
}

/// Combines several readings of one source (an org's services, same-named components).
///
/// The worst known trouble (degraded or down) wins, because it is true whatever the
/// unreadable parts say. Without trouble, any unreadable part makes the whole answer "no
/// opinion": a status we cannot read might be an outage, so it must never add up to "up".
/// Ties keep the first reading. `None` when there is nothing to combine.
pub(crate) fn worst(
    readings: impl IntoIterator<Item = (Option<Verdict>, String)>,
) -> Option<(Option<Verdict>, String)> {
    let mut known: Option<(Verdict, String)> = None;
    let mut unreadable: Option<String> = None;
    for (verdict, text) in readings {
        match verdict {
            Some(v) => {
                let worse = known
                    .as_ref()
                    .is_none_or(|(k, _)| v.severity() > k.severity());
                if worse {
                    known = Some((v, text));
                }
            }
            None => {
                unreadable.get_or_insert(text);
            }
        }
    }
    match (known, unreadable) {
        (Some((v, text)), _) if v.is_trouble() => Some((Some(v), text)),
        (_, Some(why)) => Some((None, why)),
        (Some((v, text)), None) => Some((Some(v), text)),
        (None, None) => None,
    }
}

/// The items called `wanted`: exact matches if there are any, else case-insensitive ones
/// (trimmed). Users type these names into a config by hand; an exact match still wins so a
/// page listing both "API" and "api" stays addressable. Several matches are possible
/// (Statuspage repeats component names across groups); the caller combines them.
pub(crate) fn find_named<'a, T>(
    items: &'a [T],
    name_of: impl Fn(&T) -> Option<&str>,
    wanted: &str,
) -> Vec<&'a T> {
    let exact: Vec<&T> = items
        .iter()
        .filter(|item| name_of(item) == Some(wanted))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let wanted = wanted.trim().to_lowercase();
    items
        .iter()
        .filter(|item| name_of(item).is_some_and(|name| name.trim().to_lowercase() == wanted))
        .collect()
}
