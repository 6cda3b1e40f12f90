//! TLS probe and the one TLS configuration shared by every probe and the HTTP client.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

use super::dns::Resolver;
use crate::cause::Cause;
use crate::config::split_host_port;
use crate::observation::{Observation, ProbeKind};

/// Builds the client TLS config once: webpki roots, the platform's roots, and any
/// `[tls] ca_files` (PEM) the user trusts in addition.
pub fn client_config(ca_files: &[PathBuf]) -> crate::Result<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // Platform roots add corporate CAs; a platform without a store is not an error.
    let native = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(native.certs);
    for path in ca_files {
        let ca_file = |source| crate::Error::CaFile {
            path: path.clone(),
            source,
        };
        let pem = std::fs::read(path).map_err(ca_file)?;
        let certs: Vec<_> = rustls_pemfile::certs(&mut pem.as_slice())
            .collect::<Result<_, _>>()
            .map_err(ca_file)?;
        if certs.is_empty() {
            return Err(ca_file(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "no PEM certificate found",
            )));
        }
        roots.add_parsable_certificates(certs);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| crate::Error::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Days from now until a DER certificate's `notAfter` (negative once expired).
pub(crate) fn days_left(der: &[u8]) -> Option<i64> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let not_after = cert.validity().not_after.timestamp();
    let now = chrono::Utc::now().timestamp();
    Some((not_after - now).div_euclid(86_400))
}

/// Connects and completes a TLS handshake, verifying the certificate for `server_name`
/// (default: the host of `addr`).
pub async fn probe(
    resolver: &Resolver,
    config: &Arc<rustls::ClientConfig>,
    addr: &str,
    server_name: Option<&str>,
    timeout: Duration,
) -> Observation {
    let started = Instant::now();
    let result = handshake(resolver, config, addr, server_name, timeout).await;
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok((detail, days)) => {
            let mut o = Observation::ok(ProbeKind::Tls, addr, ms, detail);
            o.cert_days_left = days;
            o
        }
        Err((cause, detail)) => Observation::failed(ProbeKind::Tls, addr, cause, ms, detail),
    }
}

async fn handshake(
    resolver: &Resolver,
    config: &Arc<rustls::ClientConfig>,
    addr: &str,
    server_name: Option<&str>,
    timeout: Duration,
) -> Result<(String, Option<i64>), (Cause, String)> {
    let started = Instant::now();
    let host = split_host_port(addr).map(|(h, _)| h).unwrap_or(addr);
    let name = ServerName::try_from(server_name.unwrap_or(host).to_string()).map_err(|_| {
        (
            Cause::Tls,
            format!("`{host}` is not a valid TLS server name"),
        )
    })?;
    let (stream, peer) = super::tcp::connect(resolver, addr, timeout).await?;
    let budget = timeout.saturating_sub(started.elapsed());
    let connector = TlsConnector::from(config.clone());
    let tls = match tokio::time::timeout(budget, connector.connect(name, stream)).await {
        Err(_) => return Err((Cause::Tls, format!("handshake with {peer} timed out"))),
        Ok(Err(e)) => {
            let reason = match super::classify::find_in_chain::<rustls::Error>(&e) {
                Some(tls) => super::classify::tls_reason(tls),
                None if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    "handshake failed: connection closed".into()
                }
                None => format!("handshake failed: {e}"),
            };
            return Err((Cause::Tls, reason));
        }
        Ok(Ok(tls)) => tls,
    };
    let (_, session) = tls.get_ref();
    let days = session
        .peer_certificates()
        .and_then(|c| c.first())
        .and_then(|c| days_left(c));
    let version = session
        .protocol_version()
        .map(|v| format!("{v:?}"))
        .unwrap_or_default();
    let detail = match days {
        Some(d) => format!("{version} with {peer}, certificate valid for {d} more days"),
        None => format!("{version} with {peer}"),
    };
    Ok((detail, days))
}
