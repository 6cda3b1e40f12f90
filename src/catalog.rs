//! The built-in catalog: Meta's consumer apps and business platform, and the control targets.
//!
//! These point at the real hosts and are used only at run time; tests configure their own
//! loopback services (`builtins = []`) and never touch them.

use crate::config::{ProbeSpec, ServiceSpec, StatusRanges, StatusSpec, METASTATUS_URL};

fn http(url: &str, expect: &str) -> ProbeSpec {
    ProbeSpec::Http {
        url: url.to_string(),
        expect: StatusRanges::parse(expect).expect("catalog ranges are valid"),
        contains: None,
    }
}

fn tcp(addr: &str) -> ProbeSpec {
    ProbeSpec::Tcp {
        addr: addr.to_string(),
    }
}

fn tls(addr: &str) -> ProbeSpec {
    ProbeSpec::Tls {
        addr: addr.to_string(),
        server_name: None,
    }
}

fn dns(host: &str) -> ProbeSpec {
    ProbeSpec::Dns {
        host: host.to_string(),
    }
}

fn service(
    id: &str,
    name: &str,
    probes: Vec<ProbeSpec>,
    status: Option<StatusSpec>,
) -> ServiceSpec {
    ServiceSpec {
        id: id.to_string(),
        name: name.to_string(),
        probes,
        status,
        builtin: true,
    }
}

fn metastatus(org: &str) -> Option<StatusSpec> {
    Some(StatusSpec::Metastatus {
        url: METASTATUS_URL.to_string(),
        org: org.to_string(),
        service: None,
    })
}

/// The built-in services, in display order.
///
/// Web front ends count any answer below 500 as working, except 4xx that mean "gone"; a 429
/// (rate limit) still proves the servers answer. `g.whatsapp.net` speaks WhatsApp's own
/// protocol (Noise over TCP, not TLS) on 5222 and 443, so only a TCP connect is meaningful.
pub fn builtins() -> Vec<ServiceSpec> {
    vec![
        service(
            "whatsapp",
            "WhatsApp",
            vec![
                http("https://web.whatsapp.com/", "200-399,429"),
                tcp("g.whatsapp.net:5222"),
                tcp("g.whatsapp.net:443"),
                tls("mmg.whatsapp.net:443"),
            ],
            None,
        ),
        service(
            "instagram",
            "Instagram",
            vec![
                http("https://www.instagram.com/", "200-399,429"),
                tls("i.instagram.com:443"),
            ],
            None,
        ),
        service(
            "facebook",
            "Facebook",
            vec![
                http("https://www.facebook.com/", "200-399,429"),
                tcp("edge-mqtt.facebook.com:443"),
            ],
            None,
        ),
        service(
            "messenger",
            "Messenger",
            vec![
                http("https://www.messenger.com/", "200-399,429"),
                tcp("edge-mqtt.facebook.com:443"),
            ],
            None,
        ),
        service(
            "threads",
            "Threads",
            vec![http("https://www.threads.net/", "200-399,429")],
            None,
        ),
        // The business platform answers API calls without a token with 4xx: that is "up".
        service(
            "whatsapp-business",
            "WhatsApp Business Platform",
            vec![http("https://graph.facebook.com/", "200-499")],
            metastatus("whatsapp-business-api"),
        ),
        service(
            "graph-api",
            "Graph API",
            vec![http("https://graph.facebook.com/", "200-499")],
            metastatus("graph-api"),
        ),
        service(
            "facebook-login",
            "Facebook Login",
            vec![http("https://www.facebook.com/login/", "200-399,429")],
            metastatus("facebook-login"),
        ),
    ]
}

/// Control probes that judge the user's own connectivity: public resolvers by IP (is there a
/// route at all?), unrelated large names (does DNS work?), and the plain-HTTP
/// connectivity-check pages that browsers and operating systems use, from four unrelated
/// operators (does a captive portal intercept?). Several of each, judged by quorum: one
/// operator's bad day must not look like the user's.
pub fn default_controls() -> Vec<ProbeSpec> {
    vec![
        tcp("1.1.1.1:53"),
        tcp("8.8.8.8:53"),
        dns("www.wikipedia.org"),
        dns("www.cloudflare.com"),
        http_control(
            "http://detectportal.firefox.com/success.txt",
            "200",
            Some("success"),
        ),
        http_control(
            "http://connectivitycheck.gstatic.com/generate_204",
            "204",
            None,
        ),
        http_control(
            "http://www.msftconnecttest.com/connecttest.txt",
            "200",
            Some("Microsoft Connect Test"),
        ),
        http_control(
            "http://captive.apple.com/hotspot-detect.html",
            "200",
            Some("Success"),
        ),
    ]
}

/// A plain-HTTP connectivity check: exactly this status and, where the page has one, its text.
fn http_control(url: &str, status: &str, contains: Option<&str>) -> ProbeSpec {
    ProbeSpec::Http {
        url: url.to_string(),
        expect: StatusRanges::parse(status).expect("valid"),
        contains: contains.map(str::to_string),
    }
}
