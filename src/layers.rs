//! Probes of one endpoint at different layers. An HTTP request that got a 503 back has
//! resolved the name, connected and shaken hands: a DNS, TCP or TLS probe of the same host
//! and port that passes says nothing more, so it must not vote against the failure ("one
//! of two probes fails → degraded") nor lend the service its latency.

use crate::cause::Cause;
use crate::observation::{Observation, ProbeKind};

/// How far up the stack a probe goes: DNS, then TCP, TLS, HTTP.
fn layer_of_kind(kind: ProbeKind) -> u8 {
    match kind {
        ProbeKind::Dns => 0,
        ProbeKind::Tcp => 1,
        ProbeKind::Tls => 2,
        ProbeKind::Http => 3,
    }
}

/// The layer at which a failure happened: every layer below it worked.
fn layer_of_cause(cause: Cause) -> u8 {
    match cause {
        Cause::DnsNxdomain | Cause::DnsServfail | Cause::DnsTimeout | Cause::DnsError => 0,
        Cause::TcpRefused | Cause::TcpTimeout | Cause::TcpUnreachable => 1,
        Cause::ConnectionReset | Cause::Tls => 2,
        Cause::HttpStatus
        | Cause::HttpTimeout
        | Cause::TooManyRedirects
        | Cause::BodyMismatch
        | Cause::Slow
        | Cause::Official
        | Cause::Unreadable => 3,
    }
}

/// The host and port a probe reaches (no port for DNS, which names only the host).
fn endpoint(o: &Observation) -> Option<(String, Option<u16>)> {
    match o.kind {
        ProbeKind::Dns => Some((o.target.to_ascii_lowercase(), None)),
        ProbeKind::Tcp | ProbeKind::Tls => {
            let (host, port) = o.target.rsplit_once(':')?;
            let host = host.trim_start_matches('[').trim_end_matches(']');
            Some((host.to_ascii_lowercase(), port.parse().ok()))
        }
        ProbeKind::Http => {
            let url = reqwest::Url::parse(&o.target).ok()?;
            let host = url
                .host_str()?
                .trim_start_matches('[')
                .trim_end_matches(']');
            Some((host.to_ascii_lowercase(), url.port_or_known_default()))
        }
    }
}

/// Whether `passed` only shows what the failure of `failed` already implies worked: the
/// same host (and port, unless `passed` is DNS), a lower layer, and `failed` got past it.
fn implied_by(passed: &Observation, failed: &Observation) -> bool {
    let (Some((host, port)), Some((failed_host, failed_port)), Some(cause)) =
        (endpoint(passed), endpoint(failed), failed.cause)
    else {
        return false;
    };
    let layer = layer_of_kind(passed.kind);
    host == failed_host
        && (port.is_none() || port == failed_port)
        && layer < layer_of_kind(failed.kind)
        && layer < layer_of_cause(cause)
}

/// The probes that count for the verdict: every failure, and every success not implied by
/// a failure of a higher layer on the same endpoint.
pub fn counted(probes: &[Observation]) -> Vec<&Observation> {
    let failed: Vec<&Observation> = probes.iter().filter(|o| !o.ok).collect();
    probes
        .iter()
        .filter(|o| !o.ok || !failed.iter().any(|f| implied_by(o, f)))
        .collect()
}

/// The latency a service shows: its slowest counted success; when none counts, the time a
/// server took to answer badly (an HTTP error or wrong page), never a shadowed success's.
pub fn shown_latency(probes: &[Observation]) -> Option<u64> {
    let counted = counted(probes);
    counted
        .iter()
        .filter(|o| o.ok)
        .map(|o| o.latency_ms)
        .max()
        .or_else(|| {
            counted
                .iter()
                .filter(|o| matches!(o.cause, Some(Cause::HttpStatus | Cause::BodyMismatch)))
                .map(|o| o.latency_ms)
                .max()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: ProbeKind, target: &str, ms: u64) -> Observation {
        Observation::ok(kind, target, ms, "")
    }

    fn failed(kind: ProbeKind, target: &str, cause: Cause, ms: u64) -> Observation {
        Observation::failed(kind, target, cause, ms, "")
    }

    #[test]
    fn a_higher_layer_failure_shadows_the_lower_layers_of_its_endpoint_only() {
        use ProbeKind::{Dns, Http, Tcp, Tls};
        let http_503 = failed(Http, "https://chat.test/", Cause::HttpStatus, 240);
        let cases: Vec<(Observation, bool, &str)> = vec![
            (
                ok(Tcp, "chat.test:443", 3),
                true,
                "TCP to the same host and port",
            ),
            (
                ok(Tls, "chat.test:443", 9),
                true,
                "TLS to the same host and port",
            ),
            (ok(Dns, "chat.test", 1), true, "DNS of the same host"),
            (
                ok(Dns, "CHAT.test", 1),
                true,
                "names are not case-sensitive",
            ),
            (ok(Tcp, "chat.test:5222", 3), false, "another port"),
            (ok(Tcp, "media.chat.test:443", 3), false, "another host"),
            (
                ok(Http, "https://chat.test/health", 5),
                false,
                "the same layer",
            ),
        ];
        for (passed, shadowed, why) in cases {
            let probes = [http_503.clone(), passed];
            assert_eq!(counted(&probes).len() == 1, shadowed, "{why}");
        }
        // A failure below the passing probe's layer implies nothing about it (a flaky
        // resolver answered the HTTP client badly and the DNS probe well).
        let dns_fail = failed(Http, "https://chat.test/", Cause::DnsServfail, 5);
        let probes = [dns_fail, ok(Dns, "chat.test", 1)];
        assert_eq!(counted(&probes).len(), 2);
        // Plain HTTP defaults to port 80.
        let plain = failed(Http, "http://chat.test/", Cause::HttpStatus, 5);
        assert_eq!(
            counted(&[plain.clone(), ok(Tcp, "chat.test:80", 1)]).len(),
            1
        );
        assert_eq!(counted(&[plain, ok(Tcp, "chat.test:443", 1)]).len(), 2);
    }

    #[test]
    fn the_latency_shown_is_never_a_shadowed_successes() {
        use ProbeKind::{Http, Tcp};
        let http_503 = failed(Http, "https://chat.test/", Cause::HttpStatus, 240);
        let tcp = ok(Tcp, "chat.test:443", 3);
        assert_eq!(shown_latency(&[http_503.clone(), tcp.clone()]), Some(240));
        let other = ok(Tcp, "push.chat.test:443", 30);
        assert_eq!(shown_latency(&[http_503, tcp, other]), Some(30));
        let refused = failed(Tcp, "chat.test:443", Cause::TcpRefused, 1);
        assert_eq!(shown_latency(&[refused]), None);
    }
}
