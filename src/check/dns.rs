//! DNS probe and the shared resolver (system resolver, or `[dns] nameservers`).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hickory_resolver::config::{
    NameServerConfig, NameServerConfigGroup, Protocol, ResolverConfig, ResolverOpts,
};
use hickory_resolver::error::{ResolveError, ResolveErrorKind};
use hickory_resolver::proto::error::ProtoErrorKind;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::TokioAsyncResolver;

use crate::cause::Cause;
use crate::observation::{Observation, ProbeKind};

/// The resolver every probe uses (HTTP too, so a DNS failure is named as such everywhere).
#[derive(Clone)]
pub struct Resolver {
    inner: Arc<TokioAsyncResolver>,
    timeout: Duration,
}

impl Resolver {
    /// The system resolver, or the given nameservers over UDP and TCP. No answer cache: each
    /// probe must ask again, or a cached answer would hide a DNS outage for a whole TTL.
    pub fn new(nameservers: &[SocketAddr], timeout: Duration) -> Resolver {
        let (config, mut opts) = if nameservers.is_empty() {
            // No readable resolv.conf (a container, a broken system): fall back to
            // hickory's defaults rather than refuse to start; probes then say what fails.
            hickory_resolver::system_conf::read_system_conf()
                .unwrap_or_else(|_| (ResolverConfig::default(), ResolverOpts::default()))
        } else {
            let mut group = NameServerConfigGroup::with_capacity(nameservers.len() * 2);
            for addr in nameservers {
                group.push(NameServerConfig::new(*addr, Protocol::Udp));
                group.push(NameServerConfig::new(*addr, Protocol::Tcp));
            }
            (
                ResolverConfig::from_parts(None, vec![], group),
                ResolverOpts::default(),
            )
        };
        opts.cache_size = 0;
        opts.timeout = timeout;
        opts.attempts = 1;
        Resolver {
            inner: Arc::new(TokioAsyncResolver::tokio(config, opts)),
            timeout,
        }
    }

    /// The same resolver with another budget per lookup (see `http::client`).
    pub(crate) fn with_timeout(&self, timeout: Duration) -> Resolver {
        Resolver {
            inner: self.inner.clone(),
            timeout,
        }
    }

    /// Resolves a host (an IP literal is returned as is), bounded by the probe timeout.
    pub async fn resolve(&self, host: &str) -> Result<Vec<IpAddr>, (Cause, String)> {
        if let Ok(ip) = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return Ok(vec![ip]);
        }
        match tokio::time::timeout(self.timeout, self.inner.lookup_ip(host)).await {
            Err(_) => Err((
                Cause::DnsTimeout,
                format!(
                    "no answer for {host} within {} ms",
                    self.timeout.as_millis()
                ),
            )),
            Ok(Err(e)) => Err(classify(host, &e)),
            Ok(Ok(lookup)) => {
                let ips: Vec<IpAddr> = lookup.iter().collect();
                if ips.is_empty() {
                    Err((Cause::DnsError, format!("{host} has no addresses")))
                } else {
                    Ok(ips)
                }
            }
        }
    }
}

/// Maps a resolver error onto the cause ladder.
pub(crate) fn classify(host: &str, e: &ResolveError) -> (Cause, String) {
    match e.kind() {
        ResolveErrorKind::NoRecordsFound { response_code, .. } => match *response_code {
            ResponseCode::NXDomain => (Cause::DnsNxdomain, format!("{host}: NXDOMAIN")),
            ResponseCode::ServFail => (Cause::DnsServfail, format!("{host}: SERVFAIL")),
            ResponseCode::NoError => (Cause::DnsError, format!("{host} has no addresses")),
            code => (Cause::DnsError, format!("{host}: {code}")),
        },
        ResolveErrorKind::Timeout => (Cause::DnsTimeout, format!("{host}: timed out")),
        ResolveErrorKind::Proto(p) => match p.kind() {
            ProtoErrorKind::Timeout => (Cause::DnsTimeout, format!("{host}: timed out")),
            _ => (Cause::DnsError, format!("{host}: {p}")),
        },
        _ => {
            // hickory reports a SERVFAIL from every server as a message, not a code.
            let text = e.to_string();
            if text.contains("ServFail") || text.contains("SERVFAIL") {
                (Cause::DnsServfail, format!("{host}: SERVFAIL"))
            } else {
                (Cause::DnsError, format!("{host}: {text}"))
            }
        }
    }
}

/// Resolves `host` and reports the addresses.
pub async fn probe(resolver: &Resolver, host: &str) -> Observation {
    let started = Instant::now();
    let result = resolver.resolve(host).await;
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(ips) => {
            let list: Vec<String> = ips.iter().take(4).map(IpAddr::to_string).collect();
            Observation::ok(ProbeKind::Dns, host, ms, list.join(", "))
        }
        Err((cause, detail)) => Observation::failed(ProbeKind::Dns, host, cause, ms, detail),
    }
}

/// Lets reqwest resolve through the same resolver, so HTTP probes see the same DNS.
impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let resolver = self.clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            match resolver.resolve(&host).await {
                Ok(ips) => {
                    let addrs: reqwest::dns::Addrs =
                        Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
                    Ok(addrs)
                }
                Err((cause, detail)) => Err(Box::new(DnsFailure { cause, detail })
                    as Box<dyn std::error::Error + Send + Sync>),
            }
        })
    }
}

/// A DNS failure carried through reqwest's error chain, so the HTTP probe can name it.
#[derive(Debug, thiserror::Error)]
#[error("{detail}")]
pub(crate) struct DnsFailure {
    pub cause: Cause,
    pub detail: String,
}
