//! Every rung of the cause ladder, classified through the public API against loopback stubs:
//! names resolve only through the test's own DNS responder (`svc.test`).
//!
//! Hostile HTTP servers (silent, redirect loop, reset, endless or stalled body) are in
//! `hostile.rs`, which checks their causes together with time and memory bounds.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use outage_radar::check::Prober;
use outage_radar::config::StatusRanges;
use outage_radar::{Cause, Observation, ProbeSpec, Settings, Verdict, View};

use crate::support::dns::{DnsStub, Mode as Dns};
use crate::support::http::{closed_port, HttpStub, Mode as Http};
use crate::support::tls::{Ca, Leaf, TlsStub, BODY, VALID_DAYS};

const LOCAL: Ipv4Addr = Ipv4Addr::LOCALHOST;
const TIMEOUT_MS: u64 = 500;

/// Runs one probe with a fresh [`Prober`] built from `settings`.
async fn probe(settings: &Settings, spec: &ProbeSpec) -> Observation {
    Prober::new(settings).unwrap().probe(spec).await
}

/// A DNS responder answering `svc.test` with 127.0.0.1, and settings that use it.
fn local_dns() -> (DnsStub, Settings) {
    let dns = DnsStub::start(Dns::Ok(LOCAL));
    let settings = dns.settings(TIMEOUT_MS, "");
    (dns, settings)
}

/// The one probe of a service declared in config syntax, e.g.
/// `{ kind = "http", url = "...", expect = "204" }`: the keys users write.
fn spec(inline: &str) -> ProbeSpec {
    let text = format!("builtins = []\n[[services]]\nid = \"t\"\nprobes = [{inline}]\n");
    let settings = Settings::parse(&text, Path::new("test.toml")).unwrap();
    settings.services[0].probes[0].clone()
}

/// A plain GET of `url` expecting 200-399.
fn get(url: &str) -> ProbeSpec {
    ProbeSpec::Http {
        url: url.into(),
        expect: StatusRanges::default(),
        contains: None,
    }
}

/// Asserts a failed observation with `cause`, returning its detail.
fn failed_with(o: &Observation, cause: Cause) -> String {
    assert!(!o.ok, "expected {cause}, got ok: {o:?}");
    assert_eq!(o.cause, Some(cause), "{o:?}");
    o.detail.clone()
}

// --- DNS ---------------------------------------------------------------------------------

#[tokio::test]
async fn dns_ok_reports_the_address_from_the_configured_nameserver() {
    let dns = DnsStub::start(Dns::Ok(Ipv4Addr::new(10, 9, 8, 7)));
    let o = probe(
        &dns.settings(TIMEOUT_MS, ""),
        &spec(r#"{ kind = "dns", host = "svc.test" }"#),
    )
    .await;
    assert!(o.ok, "{o:?}");
    assert!(o.detail.contains("10.9.8.7"), "{o:?}");
}

#[tokio::test]
async fn dns_failures_are_named_by_their_response_code() {
    let dns = DnsStub::start(Dns::NxDomain);
    let settings = dns.settings(TIMEOUT_MS, "");
    let host = ProbeSpec::Dns {
        host: "svc.test".into(),
    };
    failed_with(&probe(&settings, &host).await, Cause::DnsNxdomain);
    dns.set(Dns::ServFail);
    failed_with(&probe(&settings, &host).await, Cause::DnsServfail);
}

#[tokio::test]
async fn dns_without_an_answer_is_a_timeout_within_the_budget() {
    let dns = DnsStub::start(Dns::Drop);
    let host = ProbeSpec::Dns {
        host: "svc.test".into(),
    };
    let o = probe(&dns.settings(TIMEOUT_MS, ""), &host).await;
    failed_with(&o, Cause::DnsTimeout);
    assert!(dns.queries() >= 1, "the responder never saw the query");
    assert!(o.latency_ms < TIMEOUT_MS + 2000, "{o:?}");
}

#[tokio::test]
async fn every_dns_probe_asks_the_nameserver_again() {
    let (dns, settings) = local_dns();
    let prober = Prober::new(&settings).unwrap();
    let host = ProbeSpec::Dns {
        host: "svc.test".into(),
    };
    assert!(prober.probe(&host).await.ok);
    let after_first = dns.queries();
    assert!(after_first >= 1);
    assert!(prober.probe(&host).await.ok);
    assert!(
        dns.queries() > after_first,
        "second probe answered from a cache"
    );
}

// --- TCP ---------------------------------------------------------------------------------

#[tokio::test]
async fn tcp_connects_to_the_resolved_address() {
    let (_dns, settings) = local_dns();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let o = probe(
        &settings,
        &spec(&format!(r#"{{ kind = "tcp", addr = "svc.test:{port}" }}"#)),
    )
    .await;
    assert!(o.ok, "{o:?}");
    assert!(o.detail.contains("127.0.0.1"), "{o:?}");
}

#[tokio::test]
async fn tcp_tries_the_next_address_when_the_first_refuses() {
    // 127.0.0.2 is loopback too, but nothing listens there: refused, then 127.0.0.1 answers.
    let dns = DnsStub::start(Dns::OkMany(vec![Ipv4Addr::new(127, 0, 0, 2), LOCAL]));
    let settings = dns.settings(TIMEOUT_MS, "");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let o = probe(
        &settings,
        &ProbeSpec::Tcp {
            addr: format!("svc.test:{port}"),
        },
    )
    .await;
    assert!(o.ok && o.detail.contains("127.0.0.1"), "{o:?}");
}

#[tokio::test]
async fn tcp_to_a_closed_port_is_refused() {
    let (_dns, settings) = local_dns();
    let addr = format!("svc.test:{}", closed_port().port());
    failed_with(
        &probe(&settings, &ProbeSpec::Tcp { addr }).await,
        Cause::TcpRefused,
    );
}

/// A listener with backlog 0 whose accept queue is full of connections it never accepts:
/// Linux then drops further SYNs, so a new connect hangs like one to a black hole. Returns
/// the listener and the fillers, which must stay alive.
fn black_hole() -> (socket2::Socket, Vec<TcpStream>, SocketAddr) {
    use socket2::{Domain, Socket, Type};
    let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    listener.bind(&SocketAddr::from((LOCAL, 0)).into()).unwrap();
    listener.listen(0).unwrap();
    let addr = listener.local_addr().unwrap().as_socket().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..16 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(stream) => fillers.push(stream),
            Err(_) => return (listener, fillers, addr),
        }
    }
    panic!("the accept queue never filled up");
}

#[tokio::test]
async fn tcp_to_a_full_accept_queue_times_out() {
    let (_dns, settings) = local_dns();
    let (_listener, _fillers, addr) = black_hole();
    let spec = ProbeSpec::Tcp {
        addr: format!("svc.test:{}", addr.port()),
    };
    let o = probe(&settings, &spec).await;
    failed_with(&o, Cause::TcpTimeout);
    assert!(
        o.latency_ms >= TIMEOUT_MS / 2 && o.latency_ms < TIMEOUT_MS + 2000,
        "{o:?}"
    );
}

// --- TLS ---------------------------------------------------------------------------------

/// A TLS stub presenting `leaf`, and a TLS probe of it by name.
fn tls_target(ca: &Ca, leaf: Leaf) -> (TlsStub, ProbeSpec) {
    let stub = TlsStub::start(ca, leaf);
    let addr = format!("svc.test:{}", stub.addr.port());
    (
        stub,
        spec(&format!(r#"{{ kind = "tls", addr = "{addr}" }}"#)),
    )
}

#[tokio::test]
async fn tls_ok_reports_days_until_the_certificate_expires() {
    let ca = Ca::new();
    let dns = DnsStub::start(Dns::Ok(LOCAL));
    let (_stub, spec) = tls_target(&ca, Leaf::Valid);
    let o = probe(&dns.settings(TIMEOUT_MS, &ca.toml()), &spec).await;
    assert!(o.ok, "{o:?}");
    let days = o.cert_days_left.expect("days to expiry");
    assert!((VALID_DAYS - 2..=VALID_DAYS).contains(&days), "{o:?}");
}

#[tokio::test]
async fn tls_certificate_problems_say_which() {
    let ca = Ca::new();
    let dns = DnsStub::start(Dns::Ok(LOCAL));
    let settings = dns.settings(TIMEOUT_MS, &ca.toml());
    for (leaf, words) in [(Leaf::Expired, "expired"), (Leaf::WrongName, "name")] {
        let (_stub, spec) = tls_target(&ca, leaf);
        let detail = failed_with(&probe(&settings, &spec).await, Cause::Tls);
        assert!(detail.contains(words), "{leaf:?}: {detail}");
    }
}

#[tokio::test]
async fn tls_from_an_unknown_ca_is_not_trusted() {
    let ca = Ca::new();
    let (_dns, settings) = local_dns();
    let (_stub, spec) = tls_target(&ca, Leaf::Valid);
    let detail = failed_with(&probe(&settings, &spec).await, Cause::Tls);
    assert!(
        detail.contains("unknown issuer") || detail.contains("not trusted"),
        "{detail}"
    );
}

// --- HTTP --------------------------------------------------------------------------------

#[tokio::test]
async fn http_ok_by_name_and_https_ok_through_the_trusted_ca() {
    let ca = Ca::new();
    let dns = DnsStub::start(Dns::Ok(LOCAL));
    let settings = dns.settings(TIMEOUT_MS, &ca.toml());
    let http = HttpStub::start(Http::Ok("fine".into()));
    let o = probe(
        &settings,
        &get(&format!("http://svc.test:{}/", http.addr.port())),
    )
    .await;
    assert!(o.ok && o.detail.starts_with("200"), "{o:?}");
    assert_eq!(http.hits(), 1);

    let tls = TlsStub::start(&ca, Leaf::Valid);
    let url = format!("https://svc.test:{}/", tls.addr.port());
    let o = probe(
        &settings,
        &spec(&format!(
            r#"{{ kind = "http", url = "{url}", contains = "{BODY}" }}"#
        )),
    )
    .await;
    assert!(o.ok, "{o:?}");
    assert!(o.cert_days_left.is_some_and(|d| d > 0), "{o:?}");
}

#[tokio::test]
async fn http_status_outside_the_expected_ranges() {
    let (_dns, settings) = local_dns();
    let stub = HttpStub::start(Http::Status(503));
    let url = format!("http://svc.test:{}/", stub.addr.port());
    let detail = failed_with(&probe(&settings, &get(&url)).await, Cause::HttpStatus);
    assert!(detail.starts_with("503"), "{detail}");

    // A custom `expect` accepts the 503 and rejects a plain 200.
    let custom = spec(&format!(
        r#"{{ kind = "http", url = "{url}", expect = "500-503" }}"#
    ));
    assert!(probe(&settings, &custom).await.ok);
    stub.set(Http::Ok("fine".into()));
    failed_with(&probe(&settings, &custom).await, Cause::HttpStatus);
}

#[tokio::test]
async fn http_body_without_the_expected_text_is_a_mismatch() {
    let (_dns, settings) = local_dns();
    let stub = HttpStub::start(Http::Ok("maintenance page".into()));
    let url = format!("http://svc.test:{}/", stub.addr.port());
    let check = spec(&format!(
        r#"{{ kind = "http", url = "{url}", contains = "welcome" }}"#
    ));
    let detail = failed_with(&probe(&settings, &check).await, Cause::BodyMismatch);
    assert!(detail.contains("welcome"), "{detail}");
    stub.set(Http::Ok("welcome back".into()));
    assert!(probe(&settings, &check).await.ok);
}

#[tokio::test]
async fn slow_but_working_is_ok_yet_degraded() {
    let dns = DnsStub::start(Dns::Ok(LOCAL));
    let settings = dns.settings(1000, "slow_ms = 50");
    let stub = HttpStub::start(Http::Slow(Duration::from_millis(150)));
    let o = probe(
        &settings,
        &get(&format!("http://svc.test:{}/", stub.addr.port())),
    )
    .await;
    assert!(o.ok && o.latency_ms >= 150, "{o:?}");
    let slow_ms = settings.slow.as_millis() as u64;
    let view = View::judge(std::slice::from_ref(&o), None, slow_ms);
    assert_eq!(
        (view.verdict, view.cause),
        (Verdict::Degraded, Some(Cause::Slow))
    );
}

#[tokio::test]
async fn http_names_a_dns_failure_as_such() {
    let stub = HttpStub::start(Http::Ok("unreachable by name".into()));
    let dns = DnsStub::start(Dns::NxDomain);
    let settings = dns.settings(TIMEOUT_MS, "");
    let url = get(&format!("http://svc.test:{}/", stub.addr.port()));
    failed_with(&probe(&settings, &url).await, Cause::DnsNxdomain);
    dns.set(Dns::ServFail);
    failed_with(&probe(&settings, &url).await, Cause::DnsServfail);
    dns.set(Dns::Drop);
    failed_with(&probe(&settings, &url).await, Cause::DnsTimeout);
    assert_eq!(stub.hits(), 0);
}

/// `HTTP_PROXY` is honoured: the real binary, with the variable set on the child process
/// only, sends the request in absolute form to the proxy, which resolves the name itself (our
/// DNS answers NXDOMAIN, so a direct request would fail).
#[test]
fn http_proxy_from_the_environment_is_used() {
    let proxy = HttpStub::start(Http::Ok("via proxy".into()));
    let dns = DnsStub::start(Dns::NxDomain);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let text = format!(
        "builtins = []\ntimeout_ms = 2000\n[connectivity]\nprobes = []\n{}\n[[services]]\n\
         id = \"shop\"\nprobes = [{{ kind = \"http\", url = \"http://svc.test:8080/health\" }}]\n",
        dns.toml()
    );
    std::fs::write(&config, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_outage-radar"))
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["check", "--json"])
        .env("HTTP_PROXY", proxy.url(""))
        .env_remove("http_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let requests = proxy.requests();
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("GET http://svc.test:8080/health HTTP/1.1")),
        "{requests:?}"
    );
    let snapshot: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(snapshot["services"][0]["state"], "up", "{stdout}");
    assert_eq!(
        dns.queries(),
        0,
        "the name was resolved locally, not by the proxy"
    );
}
