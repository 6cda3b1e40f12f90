//! Probes: one network check of one target, returning an [`crate::Observation`].
//!
//! A [`Prober`] holds what is expensive to build (resolver, TLS config, HTTP client) and is
//! shared by every probe; each probe still resolves and connects afresh.

pub mod body;
mod classify;
pub mod dns;
pub mod http;
pub mod tcp;
pub mod tls;

use std::sync::Arc;
use std::time::Duration;

use crate::config::{ProbeSpec, Settings};
use crate::observation::Observation;

/// Runs probes; cheap to clone.
#[derive(Clone)]
pub struct Prober {
    resolver: dns::Resolver,
    tls: Arc<rustls::ClientConfig>,
    http: reqwest::Client,
    timeout: Duration,
}

impl Prober {
    /// Builds the resolver, TLS config and HTTP client from the settings.
    pub fn new(settings: &Settings) -> crate::Result<Prober> {
        let resolver = dns::Resolver::new(&settings.nameservers, settings.timeout);
        let tls = tls::client_config(&settings.ca_files)?;
        let http = http::client(&resolver, &tls, settings.timeout)?;
        Ok(Prober {
            resolver,
            tls,
            http,
            timeout: settings.timeout,
        })
    }

    /// The shared HTTP client (status sources use it too).
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// The per-probe timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Runs one probe. Never fails: a failure is an observation.
    pub async fn probe(&self, spec: &ProbeSpec) -> Observation {
        match spec {
            ProbeSpec::Dns { host } => dns::probe(&self.resolver, host).await,
            ProbeSpec::Tcp { addr } => tcp::probe(&self.resolver, addr, self.timeout).await,
            ProbeSpec::Tls { addr, server_name } => {
                tls::probe(
                    &self.resolver,
                    &self.tls,
                    addr,
                    server_name.as_deref(),
                    self.timeout,
                )
                .await
            }
            ProbeSpec::Http {
                url,
                expect,
                contains,
            } => {
                let expect = http::Expect {
                    status: expect,
                    contains: contains.as_deref(),
                };
                http::probe(&self.http, url, expect, self.timeout).await
            }
        }
    }
}
