//! Is it me? `connectivity::judge` over tables of control observations, then over real
//! control probes against loopback stubs: a closed port and a silent DNS (offline), a
//! reachable port with failing DNS (dns_broken), a login page instead of the expected text
//! (captive_portal).

use std::net::{Ipv4Addr, TcpListener};

use outage_radar::check::Prober;
use outage_radar::config::StatusRanges;
use outage_radar::connectivity::judge;
use outage_radar::{Cause, Connectivity, Observation, ProbeKind, ProbeSpec};

use crate::support::dns::{DnsStub, Mode as Dns};
use crate::support::http::{closed_port, HttpStub, Mode as Http};

/// A successful control observation.
fn ok(kind: ProbeKind) -> Observation {
    Observation::ok(kind, "control", 5, "")
}

/// A failed control observation.
fn fail(kind: ProbeKind, cause: Cause) -> Observation {
    Observation::failed(kind, "control", cause, 5, "")
}

/// An HTTP control that answered with `code` where another was expected.
fn status(code: u16) -> Observation {
    Observation::failed(
        ProbeKind::Http,
        "control",
        Cause::HttpStatus,
        5,
        format!("{code} Whatever"),
    )
}

#[test]
fn misbehaving_controls_are_named_only_while_online() {
    use outage_radar::connectivity::assess;
    let judged = assess(&[ok(ProbeKind::Tcp), status(503), ok(ProbeKind::Http)]);
    assert_eq!(judged.connectivity, Connectivity::Online);
    assert_eq!(judged.misbehaving, vec![1]);
    let offline = assess(&[fail(ProbeKind::Tcp, Cause::TcpTimeout), status(503)]);
    assert_eq!(offline.connectivity, Connectivity::Offline);
    assert_eq!(offline.misbehaving, Vec::<usize>::new());
}

#[test]
fn judge_over_control_observations() {
    use Cause::*;
    use ProbeKind::*;
    let table: Vec<(&str, Vec<Observation>, Connectivity)> = vec![
        ("no controls: opted out", vec![], Connectivity::Online),
        (
            "all work",
            vec![ok(Tcp), ok(Dns), ok(Http)],
            Connectivity::Online,
        ),
        (
            "one control down is not offline",
            vec![fail(Tcp, TcpTimeout), ok(Tcp), ok(Dns)],
            Connectivity::Online,
        ),
        (
            "nothing reachable",
            vec![
                fail(Tcp, TcpUnreachable),
                fail(Dns, DnsTimeout),
                fail(Http, TcpTimeout),
            ],
            Connectivity::Offline,
        ),
        (
            "by IP yes, by name no",
            vec![ok(Tcp), fail(Dns, DnsServfail), fail(Http, DnsServfail)],
            Connectivity::DnsBroken,
        ),
        (
            "names missing altogether",
            vec![ok(Tcp), fail(Dns, DnsNxdomain)],
            Connectivity::DnsBroken,
        ),
        (
            "someone else's page",
            vec![ok(Tcp), ok(Dns), fail(Http, BodyMismatch)],
            Connectivity::CaptivePortal,
        ),
        (
            "a network login page: 511",
            vec![ok(Tcp), status(511), status(511)],
            Connectivity::CaptivePortal,
        ),
        (
            "a 200 where the control answers 204",
            vec![ok(Tcp), status(200), fail(Http, BodyMismatch)],
            Connectivity::CaptivePortal,
        ),
        (
            "intercepted where it answered, silent elsewhere",
            vec![ok(Tcp), fail(Http, BodyMismatch), fail(Http, HttpTimeout)],
            Connectivity::CaptivePortal,
        ),
        (
            "one control's own 503 is not a captive portal",
            vec![ok(Tcp), ok(Dns), status(503), ok(Http)],
            Connectivity::Online,
        ),
        (
            "even when it is the only web control",
            vec![ok(Tcp), ok(Dns), status(503)],
            Connectivity::Online,
        ),
        (
            "one intercepted while others pass: that control's trouble",
            vec![ok(Tcp), fail(Http, BodyMismatch), ok(Http), ok(Http)],
            Connectivity::Online,
        ),
    ];
    for (name, controls, expected) in table {
        assert_eq!(judge(&controls), expected, "{name}: {controls:?}");
    }
}

/// Runs the control probes concurrently, as the engine does, and judges them.
async fn judge_live(dns: &DnsStub, controls: &[ProbeSpec]) -> (Connectivity, Vec<Observation>) {
    let prober = Prober::new(&dns.settings(500, "")).unwrap();
    let observations =
        futures_util::future::join_all(controls.iter().map(|c| prober.probe(c))).await;
    (judge(&observations), observations)
}

/// The controls used below: TCP by IP, a name lookup, and a plain-HTTP page by name that
/// must contain "success".
fn controls(tcp_port: u16, http_port: u16) -> Vec<ProbeSpec> {
    vec![
        ProbeSpec::Tcp {
            addr: format!("127.0.0.1:{tcp_port}"),
        },
        ProbeSpec::Dns {
            host: "control.test".into(),
        },
        ProbeSpec::Http {
            url: format!("http://control.test:{http_port}/generate_204"),
            expect: StatusRanges::default(),
            contains: Some("success".into()),
        },
    ]
}

#[tokio::test]
async fn live_controls_tell_online_from_offline_and_dns_broken() {
    let open = TcpListener::bind("127.0.0.1:0").unwrap();
    let open_port = open.local_addr().unwrap().port();
    let page = HttpStub::start(Http::Ok("success".into()));
    let dns = DnsStub::start(Dns::Ok(Ipv4Addr::LOCALHOST));

    let healthy = controls(open_port, page.addr.port());
    let (state, seen) = judge_live(&dns, &healthy).await;
    assert_eq!(state, Connectivity::Online, "{seen:?}");

    dns.set(Dns::ServFail);
    let (state, seen) = judge_live(&dns, &healthy).await;
    assert_eq!(state, Connectivity::DnsBroken, "{seen:?}");

    dns.set(Dns::Drop);
    let dead = controls(closed_port().port(), closed_port().port());
    let (state, seen) = judge_live(&dns, &dead).await;
    assert_eq!(state, Connectivity::Offline, "{seen:?}");
}

#[tokio::test]
async fn a_login_page_instead_of_the_expected_text_is_a_captive_portal() {
    let open = TcpListener::bind("127.0.0.1:0").unwrap();
    let portal = HttpStub::start(Http::Ok(
        "<html>Please log in to the hotel WiFi</html>".into(),
    ));
    let dns = DnsStub::start(Dns::Ok(Ipv4Addr::LOCALHOST));
    let spec = controls(open.local_addr().unwrap().port(), portal.addr.port());
    let (state, seen) = judge_live(&dns, &spec).await;
    assert_eq!(state, Connectivity::CaptivePortal, "{seen:?}");
    assert_eq!(portal.hits(), 1);
}

#[tokio::test]
async fn one_web_control_in_trouble_while_another_passes_is_not_a_captive_portal() {
    let open = TcpListener::bind("127.0.0.1:0").unwrap();
    let broken = HttpStub::start(Http::Status(503));
    let fine = HttpStub::start(Http::Ok("success".into()));
    let dns = DnsStub::start(Dns::Ok(Ipv4Addr::LOCALHOST));
    let mut spec = controls(open.local_addr().unwrap().port(), broken.addr.port());
    spec.extend(controls(open.local_addr().unwrap().port(), fine.addr.port()).pop());
    let prober = Prober::new(&dns.settings(500, "")).unwrap();
    let seen = futures_util::future::join_all(spec.iter().map(|c| prober.probe(c))).await;
    let judged = outage_radar::connectivity::assess(&seen);
    assert_eq!(judged.connectivity, Connectivity::Online, "{seen:?}");
    assert_eq!(judged.misbehaving, vec![2], "{seen:?}");

    // And a network login page (511) on every web control is a captive portal.
    broken.set(Http::Status(511));
    fine.set(Http::Status(511));
    let seen = futures_util::future::join_all(spec.iter().map(|c| prober.probe(c))).await;
    assert_eq!(judge(&seen), Connectivity::CaptivePortal, "{seen:?}");
}
