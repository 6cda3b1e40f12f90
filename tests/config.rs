//! Config loading: defaults, the catalog, and errors that name file, line and key.

use std::path::Path;
use std::time::Duration;

use outage_radar::{ProbeSpec, Settings, StatusSpec};

fn parse(text: &str) -> Result<Settings, String> {
    Settings::parse(text, Path::new("config.toml")).map_err(|e| e.to_string())
}

#[test]
fn missing_file_means_the_builtin_catalog_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let s = Settings::load(&dir.path().join("absent.toml")).unwrap();
    assert_eq!(s.interval, Duration::from_secs(60));
    assert_eq!(s.timeout, Duration::from_millis(5000));
    assert_eq!(s.slow, Duration::from_millis(2000));
    assert_eq!(s.confirm, 2);
    let ids: Vec<&str> = s.services.iter().map(|s| s.id.as_str()).collect();
    for id in ["whatsapp", "instagram", "facebook", "messenger", "threads"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(s
        .services
        .iter()
        .any(|s| matches!(s.status, Some(StatusSpec::Metastatus { .. }))));
    assert!(s.connectivity.contains(&ProbeSpec::Tcp {
        addr: "1.1.1.1:53".into()
    }));
    assert!(s.connectivity.contains(&ProbeSpec::Tcp {
        addr: "8.8.8.8:53".into()
    }));
    assert!(s.nameservers.is_empty() && s.notifications.enabled);
}

#[test]
fn whatsapp_chat_host_is_probed_by_tcp_only() {
    let s = Settings::defaults();
    let wa = s.services.iter().find(|s| s.id == "whatsapp").unwrap();
    let g: Vec<&ProbeSpec> = wa
        .probes
        .iter()
        .filter(|p| p.target().starts_with("g.whatsapp.net"))
        .collect();
    assert!(!g.is_empty());
    assert!(
        g.iter().all(|p| matches!(p, ProbeSpec::Tcp { .. })),
        "{g:?}"
    );
}

#[test]
fn builtins_select_and_empty_disables() {
    let s = parse("builtins = [\"whatsapp\", \"threads\"]").unwrap();
    assert_eq!(
        s.services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["whatsapp", "threads"]
    );
    assert!(parse("builtins = []").unwrap().services.is_empty());
}

#[test]
fn the_design_example_parses() {
    let text = r#"
interval_secs = 30
timeout_ms = 3000
slow_ms = 1500
confirm = 3
builtins = ["whatsapp", "instagram"]

[connectivity]
probes = [{ kind = "tcp", addr = "127.0.0.1:53" }]

[dns]
nameservers = ["127.0.0.1:5353"]

[notifications]
enabled = true
recovery = false
quiet_hours = "22:00-07:00"

[[services]]
id = "myshop"
name = "My Shop"
probes = [
  { kind = "http", url = "https://shop.example/health", expect = "200-399" },
  { kind = "dns",  host = "shop.example" },
  { kind = "tcp",  addr = "shop.example:443" },
  { kind = "tls",  addr = "shop.example:443" },
]
status = { kind = "statuspage", url = "https://status.example/api/v2/summary.json", component = "Shop" }

[[services]]
id = "fb-login"
name = "Facebook Login (Meta Status)"
status = { kind = "metastatus", org = "facebook-login", service = "Facebook Login" }
"#;
    let s = parse(text).unwrap();
    assert_eq!(
        (
            s.interval.as_secs(),
            s.timeout.as_millis(),
            s.slow.as_millis(),
            s.confirm
        ),
        (30, 3000, 1500, 3)
    );
    assert_eq!(s.services.len(), 4);
    assert_eq!(s.services[2].probes.len(), 4);
    assert_eq!(s.nameservers, vec!["127.0.0.1:5353".parse().unwrap()]);
    assert_eq!(s.connectivity.len(), 1);
    assert!(!s.notifications.recovery);
    match &s.services[3].status {
        Some(StatusSpec::Metastatus { url, org, .. }) => {
            assert_eq!(org, "facebook-login");
            assert_eq!(url, "https://metastatus.com/data/orgs.json");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_name_file_line_and_key() {
    let cases = [
        ("confirm = 2\ninterval_secs = \"soon\"\n", "config.toml:2: interval_secs: ", "expected an integer"),
        ("interval_secs = 0\n", "config.toml:1: interval_secs: ", "between 1 and 86400 seconds, got 0"),
        ("interval_secs = 90000\n", "config.toml:1: interval_secs: ", "between 1 and 86400 seconds"),
        ("timeout_ms = 50\n", "config.toml:1: timeout_ms: ", "between 100 and 60000 ms, got 50"),
        ("timeout_ms = 600000\n", "config.toml:1: timeout_ms: ", "between 100 and 60000 ms"),
        ("intervl_secs = 5\n", "config.toml:1: intervl_secs: ", "unknown field"),
        ("builtins = [\"whatsap\"]\n", "config.toml:1: builtins: ", "unknown built-in service `whatsap`"),
        (
            "builtins = []\n[[services]]\nid = \"x\"\nprobes = [{ kind = \"icmp\", host = \"a\" }]\n",
            "config.toml:4: ",
            "icmp",
        ),
        (
            "builtins = []\n[[services]]\nid = \"x\"\nprobes = [{ kind = \"http\", url = \"notaurl\" }]\n",
            "config.toml:4: url: ",
            "is not a URL",
        ),
        (
            "builtins = []\n[[services]]\nid = \"x\"\nprobes = [{ kind = \"tcp\", addr = \"nohost\" }]\n",
            "config.toml:4: addr: ",
            "host:port",
        ),
        ("[notifications]\nquiet_hours = \"late\"\n", "config.toml:2: quiet_hours: ", "22:00-07:00"),
        ("[dns]\nnameservers = [\"dns.example\"]\n", "config.toml:2: nameservers: ", "IP address"),
        (
            "builtins = []\n[[services]]\nid = \"a\"\nprobes = [{ kind = \"dns\", host = \"a.example\" }]\n[[services]]\nid = \"a\"\nprobes = [{ kind = \"dns\", host = \"b.example\" }]\n",
            "config.toml:6: services[1].id: ",
            "used twice",
        ),
        ("[[services]]\nid = \"whatsapp\"\nprobes = [{ kind = \"dns\", host = \"a.example\" }]\n", "config.toml:2: services[0].id: ", "built-in"),
        ("builtins = []\n[[services]]\nid = \"empty\"\n", "config.toml:3: services[0]: ", "needs `probes` or a `status`"),
        ("interval_secs = \n", "config.toml:1", ""),
    ];
    for (text, prefix, needle) in cases {
        let err = parse(text).expect_err(text);
        assert!(
            err.starts_with(prefix),
            "{err:?} should start with {prefix:?}"
        );
        assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    }
}

#[test]
fn a_disabled_custom_service_is_not_watched() {
    let s = parse("builtins = []\n[[services]]\nid = \"x\"\nenabled = false\nprobes = [{ kind = \"dns\", host = \"a.example\" }]\n").unwrap();
    assert!(s.services.is_empty());
}
