//! Mapping transport errors onto the cause ladder.

use std::error::Error as StdError;
use std::io;

use crate::cause::Cause;

/// A socket error as a cause; `target` names the peer in the detail.
pub(crate) fn io_cause(e: &io::Error, target: &str) -> (Cause, String) {
    let cause = match e.kind() {
        io::ErrorKind::ConnectionRefused => Cause::TcpRefused,
        io::ErrorKind::TimedOut => Cause::TcpTimeout,
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => Cause::ConnectionReset,
        io::ErrorKind::NetworkUnreachable
        | io::ErrorKind::HostUnreachable
        | io::ErrorKind::AddrNotAvailable => Cause::TcpUnreachable,
        _ => Cause::TcpUnreachable,
    };
    (cause, format!("{target}: {e}"))
}

/// A TLS error in plain words: expired, name mismatch, untrusted, or a handshake failure.
pub(crate) fn tls_reason(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match e {
        rustls::Error::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => {
            "certificate expired".into()
        }
        rustls::Error::InvalidCertificate(C::NotValidYet | C::NotValidYetContext { .. }) => {
            "certificate not valid yet".into()
        }
        rustls::Error::InvalidCertificate(
            C::NotValidForName | C::NotValidForNameContext { .. },
        ) => "certificate name mismatch".into(),
        rustls::Error::InvalidCertificate(C::UnknownIssuer) => {
            "certificate not trusted (unknown issuer)".into()
        }
        rustls::Error::InvalidCertificate(C::Revoked) => "certificate revoked".into(),
        rustls::Error::InvalidCertificate(other) => format!("invalid certificate: {other:?}"),
        other => format!("handshake failed: {other}"),
    }
}

/// Finds an error of type `T` anywhere in a source chain (reqwest and hyper nest them deeply).
pub(crate) fn find_in_chain<'a, T: StdError + 'static>(
    e: &'a (dyn StdError + 'static),
) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(found) = err.downcast_ref::<T>() {
            return Some(found);
        }
        // io::Error hides its payload from source(): look inside explicitly.
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if let Some(inner) = io.get_ref() {
                if let Some(found) = find_in_chain::<T>(inner) {
                    return Some(found);
                }
            }
        }
        current = err.source();
    }
    None
}

/// Classifies a reqwest error that ended an HTTP probe.
pub(crate) fn http_cause(e: &reqwest::Error) -> (Cause, String) {
    if let Some(dns) = find_in_chain::<super::dns::DnsFailure>(e) {
        return (dns.cause, dns.detail.clone());
    }
    if e.is_redirect() {
        return (Cause::TooManyRedirects, "more than 10 redirects".into());
    }
    if let Some(tls) = find_in_chain::<rustls::Error>(e) {
        return (Cause::Tls, tls_reason(tls));
    }
    if e.is_timeout() {
        let cause = if e.is_connect() {
            Cause::TcpTimeout
        } else {
            Cause::HttpTimeout
        };
        return (cause, "timed out".into());
    }
    if let Some(io) = find_in_chain::<io::Error>(e) {
        let (cause, _) = io_cause(io, "");
        // An io error during a connect is a connect failure; after it, a reset.
        let cause = if e.is_connect() || cause == Cause::ConnectionReset {
            cause
        } else {
            Cause::ConnectionReset
        };
        return (cause, io.to_string());
    }
    let text = chain_text(e);
    if text.contains("connection closed")
        || text.contains("IncompleteMessage")
        || text.contains("reset")
    {
        return (Cause::ConnectionReset, text);
    }
    if e.is_connect() {
        return (Cause::TcpUnreachable, text);
    }
    (Cause::ConnectionReset, text)
}

/// The whole error chain as one line, for `detail`.
fn chain_text(e: &(dyn StdError + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut current = e.source();
    while let Some(err) = current {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        current = err.source();
    }
    parts.join(": ")
}
