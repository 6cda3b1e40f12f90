//! Parsers survive garbage: the Statuspage and Meta Status parsers, the TOML loader and the
//! DNS and HTTP classifiers are fed random, truncated and mutated input. Each call must
//! return (an error is fine, a panic is not) and within [`BOUND`].
//!
//! The parsers are pure and are called directly. The classifiers take the resolver's and the
//! HTTP client's own errors, which cannot be built by hand, so they are reached the way the
//! engine reaches them: a real probe against a loopback stub that answers with the garbage.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

use outage_radar::check::Prober;
use outage_radar::config::StatusRanges;
use outage_radar::status::{
    parse_google, parse_incidentio, parse_metastatus, parse_slack, parse_statusio, parse_statuspage,
};
use outage_radar::{ProbeSpec, Settings};

use crate::support::dns::{self, DnsStub};
use crate::support::http::{self, HttpStub};

/// Longest a single parse may take. Generous on purpose: this catches pathological blowups
/// (quadratic backtracking, endless loops), not slowness on a loaded 2-core machine.
const BOUND: Duration = Duration::from_secs(1);
/// Cases per property over pure parsers: each costs microseconds.
const CASES: u32 = 512;
/// Cases of the HTTP classifier property: each runs a real probe, usually answered at once.
const HTTP_CASES: u32 = 64;
/// Cases of the DNS classifier property: the resolver drops most garbage and waits for a
/// valid answer, so nearly every case costs a whole [`NET_TIMEOUT_MS`].
const DNS_CASES: u32 = 32;
/// Probe timeout for the classifier properties: short, as each case may wait it out.
const NET_TIMEOUT_MS: u64 = 200;

const STATUSPAGE: [&[u8]; 4] = [
    include_bytes!("fixtures/statuspage_operational.json"),
    include_bytes!("fixtures/statuspage_major_component.json"),
    include_bytes!("fixtures/statuspage_maintenance.json"),
    include_bytes!("fixtures/statuspage_unknown_indicator.json"),
];
const METASTATUS: [&[u8]; 3] = [
    include_bytes!("fixtures/metastatus_orgs.json"),
    include_bytes!("fixtures/metastatus_orgs_mixed.json"),
    include_bytes!("fixtures/metastatus_html_shell.html"),
];

/// Fixtures of the newer source kinds (Slack, Google, Status.io, incident.io).
const NEWER: [&[u8]; 6] = [
    include_bytes!("fixtures/slack_ok.json"),
    include_bytes!("fixtures/slack_active.json"),
    include_bytes!("fixtures/google_incidents.json"),
    include_bytes!("fixtures/statusio_status.json"),
    include_bytes!("fixtures/incidentio_clear.json"),
    include_bytes!("fixtures/incidentio_ongoing.json"),
];

/// A config using every key, so truncations and mutations cross every part of the loader.
const FULL_CONFIG: &str = r#"# every key once
interval_secs = 30
timeout_ms = 4000
slow_ms = 1500
confirm = 3
recheck_secs = 4
retention_days = 10
builtins = ["whatsapp", "instagram"]

[connectivity]
probes = [
  { kind = "tcp", addr = "192.0.2.1:53" },
  { kind = "dns", host = "www.example.org" },
  { kind = "http", url = "http://192.0.2.2/success.txt", contains = "success" },
]

[dns]
nameservers = ["127.0.0.1:5353", "[::1]:53"]

[notifications]
enabled = true
recovery = false
degraded = true
quiet_hours = "22:00-07:00"

[[services]]
id = "myshop"
name = "My Shop — ünïcode"
probes = [
  { kind = "http", url = "https://shop.example/health", expect = "200-299,304", contains = "ok" },
  { kind = "dns", host = "shop.example" },
  { kind = "tcp", addr = "shop.example:443" },
  { kind = "tls", addr = "shop.example:443", server_name = "shop.example" },
]
status = { kind = "statuspage", url = "https://status.example/api/v2/summary.json", component = "Shop" }

[[services]]
id = "fb-login"
name = "Facebook Login"
enabled = false
status = { kind = "metastatus", org = "facebook-login", service = "Facebook Login" }
"#;

/// Runs `f`, failing the case if it took longer than [`BOUND`]; a panic inside fails it too.
fn bounded<T: std::fmt::Debug>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(took < BOUND, "{what} took {took:?}, returned {out:?}");
    out
}

/// Both parsers over one body, with and without a name to look for, including a name found
/// in the fixtures so the lookup paths run too.
fn parse_all(body: &[u8], name: &str) {
    for component in [None, Some("Shop"), Some(name)] {
        bounded("parse_statuspage", || parse_statuspage(body, component));
    }
    for (org, service) in [
        ("facebook-login", None),
        ("whatsapp-business-api", Some("Cloud API")),
        (name, Some(name)),
    ] {
        bounded("parse_metastatus", || parse_metastatus(body, org, service));
    }
    for component in [None, Some("Gmail"), Some("ChatGPT"), Some(name)] {
        bounded("parse_slack", || parse_slack(body, component));
        bounded("parse_google", || parse_google(body, component));
        bounded("parse_statusio", || parse_statusio(body, component));
        bounded("parse_incidentio", || parse_incidentio(body, component));
    }
}

fn parse_toml(text: &str) {
    let _ = bounded("Settings::parse", || {
        Settings::parse(text, Path::new("config.toml")).map(|s| s.services.len())
    });
}

/// Every prefix of `bytes`, by byte offset.
fn prefixes(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    (0..=bytes.len()).map(move |cut| &bytes[..cut])
}

/// `bytes` with each `(offset, mask)` XORed in (offsets wrap).
fn flipped(bytes: &[u8], flips: &[(usize, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(offset, mask) in flips {
        let at = offset % out.len();
        out[at] ^= mask;
    }
    out
}

fn flips() -> impl Strategy<Value = Vec<(usize, u8)>> {
    vec((any::<usize>(), 1..=u8::MAX), 1..16)
}

/// Keys the parsers look for, mixed with noise, so random JSON reaches the known fields.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "status", "indicator", "description", "components", "name",
            "scheduled_maintenances", "incidents", "id", "services", "time", "page",
        ])
        .prop_map(str::to_string),
        1 => "[a-z_]{0,8}",
    ]
}

/// Random JSON: scalars of every type (and strings the parsers know), nested arrays and
/// objects, so the known fields get values of the wrong type or shape.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "none",
            "minor",
            "major",
            "critical",
            "maintenance",
            "operational",
            "major_outage",
            "partial_outage",
            "under_maintenance",
            "in_progress",
            "No known issues",
            "Major disruptions",
            "Shop",
            "facebook-login",
            "",
        ])
        .prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((key(), inner), 0..8).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// TOML-ish lines: known keys and tables with values of any type, plus raw noise.
fn toml_line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "interval_secs",
        "timeout_ms",
        "slow_ms",
        "confirm",
        "recheck_secs",
        "retention_days",
        "builtins",
        "probes",
        "nameservers",
        "ca_files",
        "enabled",
        "recovery",
        "degraded",
        "quiet_hours",
        "id",
        "name",
        "status",
        "kind",
        "url",
        "addr",
        "host",
        "expect",
        "contains",
        "component",
        "org",
        "service",
    ]);
    let value = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "\"[^\"\\\\]{0,12}\"",
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("{ kind = \"tcp\", addr = \"1.2.3.4:5\" }".to_string()),
        Just("[{ kind = \"http\", url = 5 }]".to_string()),
        Just("\"25:61-99:00\"".to_string()),
        Just("\"200-199,abc\"".to_string()),
        ".{0,12}",
    ];
    prop_oneof![
        4 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop::sample::select(vec![
            "[connectivity]", "[dns]", "[tls]", "[notifications]", "[[services]]", "[[",
        ])
        .prop_map(str::to_string),
        1 => ".{0,30}",
    ]
}

/// A tokio runtime for the probe properties (proptest bodies are synchronous).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs one probe, failing the case if it outlived its timeout by more than [`BOUND`].
fn bounded_probe(rt: &tokio::runtime::Runtime, prober: &Prober, spec: &ProbeSpec) {
    let started = Instant::now();
    let o = rt.block_on(prober.probe(spec));
    let took = started.elapsed();
    assert!(took < prober.timeout() + BOUND, "took {took:?}: {o:?}");
    // A failure must be named: the classifier gave it a cause.
    assert!(o.ok || o.cause.is_some(), "failed without a cause: {o:?}");
}

#[test]
fn fixtures_cut_at_every_byte() {
    for fixture in STATUSPAGE.iter().chain(&METASTATUS) {
        for prefix in prefixes(fixture) {
            parse_all(prefix, "Shop");
        }
    }
}

#[test]
fn newer_kind_fixtures_cut_at_every_byte() {
    for fixture in NEWER {
        for prefix in prefixes(fixture) {
            parse_all(prefix, "Messaging");
        }
    }
}

proptest! {
    #![proptest_config(Config::with_cases(CASES))]

    #[test]
    fn newer_kind_fixtures_mutated(index in 0..NEWER.len(), flips in flips()) {
        parse_all(&flipped(NEWER[index], &flips), "Messaging");
    }
}

#[test]
fn full_config_cut_at_every_char() {
    // The uncut config must load, or every truncation would fail at the same place.
    Settings::parse(FULL_CONFIG, Path::new("config.toml")).unwrap();
    for (cut, _) in FULL_CONFIG.char_indices() {
        parse_toml(&FULL_CONFIG[..cut]);
    }
}

proptest! {
    #![proptest_config(Config::with_cases(CASES))]

    #[test]
    fn random_bytes_reach_both_parsers(body in vec(any::<u8>(), 0..2048), name in ".{0,12}") {
        parse_all(&body, &name);
    }

    #[test]
    fn json_prefixed_bytes_reach_the_json_parser(
        open in prop::sample::select(vec![&b"{"[..], b"[", b"\xEF\xBB\xBF{", b" \n["]),
        rest in vec(any::<u8>(), 0..1024),
    ) {
        // Random bytes rarely start like JSON; these do, so serde sees them.
        parse_all(&[open, &rest[..]].concat(), "Shop");
    }

    #[test]
    fn mutated_fixtures(index in 0..STATUSPAGE.len() + METASTATUS.len(), flips in flips()) {
        let fixture = STATUSPAGE.iter().chain(&METASTATUS).nth(index).unwrap();
        parse_all(&flipped(fixture, &flips), "Shop");
    }

    #[test]
    fn fixtures_cut_at_random_bytes_and_mutated(
        index in 0..STATUSPAGE.len() + METASTATUS.len(),
        cut in any::<prop::sample::Index>(),
        flips in flips(),
    ) {
        let fixture = STATUSPAGE.iter().chain(&METASTATUS).nth(index).unwrap();
        let body = flipped(fixture, &flips);
        parse_all(&body[..cut.index(body.len() + 1)], "Shop");
    }

    #[test]
    fn json_of_the_wrong_shape(value in json_value(), wrap in 0..3u8) {
        // Bare, as the page object's fields, or as an org in the Meta Status list.
        let value = match wrap {
            0 => value,
            1 => json!({ "status": value.clone(), "components": value }),
            _ => json!([{ "id": "facebook-login", "services": value }]),
        };
        parse_all(value.to_string().as_bytes(), "Shop");
    }

    // Found by this property: a config error after a non-ASCII character on its line used
    // to panic while naming the key. The shrunk cases are kept in
    // proptest-regressions/garbage.txt and run first.
    #[test]
    fn random_toml_text(text in ".{0,400}") {
        parse_toml(&text);
    }

    #[test]
    fn toml_shaped_lines(lines in vec(toml_line(), 0..24)) {
        parse_toml(&lines.join("\n"));
    }

    #[test]
    fn mutated_full_config(flips in flips(), cut in any::<prop::sample::Index>()) {
        let bytes = flipped(FULL_CONFIG.as_bytes(), &flips);
        let bytes = &bytes[..cut.index(bytes.len() + 1)];
        // Flips may break UTF-8; the loader takes text, so feed it what a lossy read gives.
        parse_toml(&String::from_utf8_lossy(bytes));
    }
}

proptest! {
    #![proptest_config(Config::with_cases(HTTP_CASES))]

    #[test]
    fn http_classifier_survives_garbage_answers(
        head in prop::sample::select(vec![
            &b""[..],
            b"HTTP/1.1 200 OK\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n",
            b"HTTP/1.1 ",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        ]),
        tail in vec(any::<u8>(), 0..512),
    ) {
        let stub = HttpStub::start(http::Mode::Raw([head, &tail[..]].concat()));
        let rt = runtime();
        let _inside = rt.enter();
        let prober = prober("");
        let spec = ProbeSpec::Http {
            url: stub.url("/"),
            expect: StatusRanges::default(),
            contains: None,
        };
        bounded_probe(&rt, &prober, &spec);
    }
}

proptest! {
    #![proptest_config(Config::with_cases(DNS_CASES))]

    #[test]
    fn dns_classifier_survives_garbage_answers(
        mode in prop_oneof![
            vec(any::<u8>(), 0..512).prop_map(dns::Mode::Garbage),
            (flips(), proptest::option::of(0..64usize))
                .prop_map(|(flips, cut)| dns::Mode::Mangled { flips, cut }),
        ],
    ) {
        let stub = DnsStub::start(mode);
        let rt = runtime();
        let _inside = rt.enter();
        let prober = prober(&stub.toml());
        let spec = ProbeSpec::Dns { host: "garbage.test".into() };
        bounded_probe(&rt, &prober, &spec);
    }
}

/// A prober with the short timeout and `extra` TOML (a `[dns]` table).
fn prober(extra: &str) -> Prober {
    let text = format!("builtins = []\ntimeout_ms = {NET_TIMEOUT_MS}\n{extra}");
    Prober::new(&Settings::parse(&text, Path::new("test.toml")).unwrap()).unwrap()
}
