//! HTTP probe: one GET with a fresh connection, capped body, expected status and text.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::body::{read_capped, BODY_CAP};
use super::dns::Resolver;
use crate::cause::Cause;
use crate::config::StatusRanges;
use crate::observation::{Observation, ProbeKind};

/// Builds the HTTP client once for all probes and status reads.
///
/// No idle connections are kept (`pool_max_idle_per_host(0)`): a reused keep-alive
/// connection would skip DNS and TCP and hide exactly the failures we look for. Proxies
/// come from HTTP(S)_PROXY / NO_PROXY, which reqwest reads by default.
pub fn client(
    resolver: &Resolver,
    tls: &Arc<rustls::ClientConfig>,
    timeout: Duration,
) -> crate::Result<reqwest::Client> {
    reqwest::Client::builder()
        .use_preconfigured_tls((**tls).clone())
        .tls_info(true)
        // reqwest's connect timeout also covers the name lookup: give DNS a smaller budget,
        // or a hanging lookup would be named `tcp_timeout` instead of `dns_timeout`.
        .dns_resolver(Arc::new(resolver.with_timeout(timeout.mul_f32(0.6))))
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::limited(10))
        // A hanging connect is a TCP problem, not an HTTP one: give it most of the budget
        // so it is named before the whole exchange times out.
        .connect_timeout(timeout.mul_f32(0.8))
        .user_agent(concat!("outage-radar/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(crate::Error::HttpClient)
}

/// What an HTTP probe expects.
pub struct Expect<'a> {
    /// Accepted status codes.
    pub status: &'a StatusRanges,
    /// Text the body must contain.
    pub contains: Option<&'a str>,
}

/// Makes one GET request, bounded by `timeout` as a whole (headers and body).
pub async fn probe(
    client: &reqwest::Client,
    url: &str,
    expect: Expect<'_>,
    timeout: Duration,
) -> Observation {
    let started = Instant::now();
    let result = tokio::time::timeout(timeout, exchange(client, url, &expect)).await;
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Err(_) => Observation::failed(
            ProbeKind::Http,
            url,
            Cause::HttpTimeout,
            ms,
            format!("no complete answer within {} ms", timeout.as_millis()),
        ),
        Ok(Err((cause, detail))) => Observation::failed(ProbeKind::Http, url, cause, ms, detail),
        Ok(Ok((detail, days))) => {
            let mut o = Observation::ok(ProbeKind::Http, url, ms, detail);
            o.cert_days_left = days;
            o
        }
    }
}

async fn exchange(
    client: &reqwest::Client,
    url: &str,
    expect: &Expect<'_>,
) -> Result<(String, Option<i64>), (Cause, String)> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| super::classify::http_cause(&e))?;
    let status = response.status();
    let days = response
        .extensions()
        .get::<reqwest::tls::TlsInfo>()
        .and_then(|info| info.peer_certificate())
        .and_then(super::tls::days_left);
    let status_text = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    let status_text = status_text.trim_end().to_string();
    if !expect.status.contains(status.as_u16()) {
        return Err((Cause::HttpStatus, status_text));
    }
    // Read the body even without `contains`: a server that sends headers and then stalls
    // or resets is not working.
    let (body, cut) = read_capped(response, BODY_CAP)
        .await
        .map_err(|e| super::classify::http_cause(&e))?;
    if let Some(needle) = expect.contains {
        if !String::from_utf8_lossy(&body).contains(needle) {
            let read = if cut {
                "first 1 MiB of the body"
            } else {
                "body"
            };
            return Err((
                Cause::BodyMismatch,
                format!("{status_text}; `{needle}` not found in the {read}"),
            ));
        }
    }
    Ok((status_text, days))
}
