//! `[metrics] listen`: the real `watch` serves `GET /metrics` in the Prometheus text format
//! (checked with `promtool check metrics` where Prometheus is installed, always in CI), and
//! nothing else.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::cli::{Cli, Watch};
use crate::support::http::{closed_port, HttpStub, Mode};

/// One raw HTTP exchange; returns the status code and the body.
fn request(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let code = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {answer:?}"));
    (code, body.to_string())
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    request(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes(),
    )
}

/// `watch` with the metrics address it printed on stderr (it listens on port 0).
fn start_watch(cli: &Cli) -> (Watch, SocketAddr) {
    let mut watch = cli.watch(&["--json", "--no-notify"]);
    let stderr = watch.child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = rx.recv_timeout(left) else {
            break;
        };
        if let Some(url) = line.strip_prefix("Metrics on http://") {
            let addr = url.trim_end_matches("/metrics").parse().unwrap();
            return (watch, addr);
        }
        seen.push(line);
    }
    panic!("watch never said where its metrics are: {seen:?}");
}

/// Polls `/metrics` until every line of `want` is in it.
fn metrics_with(addr: SocketAddr, want: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (code, body) = get(addr, "/metrics");
        assert_eq!(code, 200, "{body}");
        if want.iter().all(|w| body.lines().any(|l| l == *w)) {
            return body;
        }
        assert!(Instant::now() < deadline, "never got {want:?}:\n{body}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `promtool check metrics` on `body`. Without Prometheus installed the check is skipped
/// on a developer's machine, but fails in CI (`CI` set), where `make deps` installs it.
fn promtool_accepts(body: &str) {
    let child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("promtool not found ({e}); skipping its check (apt install prometheus)");
            return;
        }
        Err(e) => panic!("promtool is needed in CI (apt install prometheus): {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool check metrics failed:\n{}{}\n--- input ---\n{body}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn watch_serves_prometheus_metrics_that_promtool_accepts() {
    let web = HttpStub::start(Mode::Ok("fine".into()));
    let broken = HttpStub::start(Mode::Status(503));
    let status_page = HttpStub::start(Mode::Ok(
        std::fs::read_to_string("tests/fixtures/statuspage_operational.json").unwrap(),
    ));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let refused = closed_port();
    let config = format!(
        r#"builtins = []
interval_secs = 1
recheck_secs = 1
confirm = 1
timeout_ms = 800
[metrics]
listen = "127.0.0.1:0"
[connectivity]
probes = [{{ kind = "tcp", addr = "{control}" }}]
[[services]]
id = "shop"
name = "Shop \"Main\""
probes = [{{ kind = "http", url = '{web}' }}, {{ kind = "tcp", addr = "{web_addr}" }}]
status = {{ kind = "statuspage", url = "{page}", component = "Shop" }}
[[services]]
id = "api"
name = "API"
probes = [{{ kind = "http", url = "{api}" }}, {{ kind = "tcp", addr = "{refused}" }}]
"#,
        control = control.addr,
        web = web.url("/health?a=\"b\""),
        web_addr = web.addr,
        page = status_page.url("/api/v2/summary.json"),
        api = broken.url("/"),
    );
    let cli = Cli::new(&config);
    let (mut watch, addr) = start_watch(&cli);
    assert!(addr.ip().is_loopback(), "{addr}");

    let shop_http = format!(
        "service=\"shop\",probe=\"http\",target=\"http://{}/health?a=\\\"b\\\"\"",
        web.addr
    );
    let body = metrics_with(
        addr,
        &[
            &format!("probe_success{{{shop_http}}} 1"),
            &format!(
                "probe_success{{service=\"shop\",probe=\"tcp\",target=\"{}\"}} 1",
                web.addr
            ),
            &format!("probe_success{{service=\"api\",probe=\"tcp\",target=\"{refused}\"}} 0"),
            "outage_radar_service_state{service=\"shop\",state=\"up\"} 1",
            "outage_radar_service_state{service=\"shop\",state=\"down\"} 0",
            "outage_radar_service_state{service=\"api\",state=\"down\"} 1",
            "outage_radar_service_up{service=\"shop\"} 1",
            "outage_radar_service_up{service=\"api\"} 0",
            "outage_radar_service_info{service=\"shop\",name=\"Shop \\\"Main\\\"\"} 1",
            "outage_radar_official_status{service=\"shop\",source=\"statuspage\",state=\"up\"} 1",
            "outage_radar_connectivity{state=\"online\"} 1",
            "outage_radar_connectivity{state=\"offline\"} 0",
        ],
    );
    // Every family is described; each state series is one-hot.
    for family in [
        "probe_success",
        "probe_duration_seconds",
        "outage_radar_service_state",
        "outage_radar_service_up",
        "outage_radar_connectivity",
        "outage_radar_official_status",
        "outage_radar_rounds_total",
        "outage_radar_last_round_timestamp_seconds",
    ] {
        assert!(
            body.contains(&format!("# HELP {family} ")),
            "{family}\n{body}"
        );
        assert!(
            body.contains(&format!("# TYPE {family} ")),
            "{family}\n{body}"
        );
    }
    assert!(body.contains("# TYPE outage_radar_rounds_total counter"));
    for service in ["shop", "api"] {
        let ones = body
            .lines()
            .filter(|l| {
                l.starts_with(&format!(
                    "outage_radar_service_state{{service=\"{service}\","
                )) && l.ends_with(" 1")
            })
            .count();
        assert_eq!(ones, 1, "{service}\n{body}");
    }
    assert!(
        !body.contains("outage_radar_official_status{service=\"api\""),
        "api has no official source\n{body}"
    );
    let value = |name: &str| -> f64 {
        body.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name}\n{body}"))
    };
    assert!(value("outage_radar_rounds_total") >= 1.0);
    let now = chrono::Utc::now().timestamp() as f64;
    let last = value("outage_radar_last_round_timestamp_seconds");
    assert!((now - 60.0..=now + 1.0).contains(&last), "{last} vs {now}");
    let duration: f64 = body
        .lines()
        .find_map(|l| l.strip_prefix(&format!("probe_duration_seconds{{{shop_http}}} ")))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no duration\n{body}"));
    assert!((0.0..1.0).contains(&duration), "{duration}");
    promtool_accepts(&body);

    // The counter goes up with the rounds.
    let before = value("outage_radar_rounds_total");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, later) = get(addr, "/metrics");
        let now_rounds: f64 = later
            .lines()
            .find_map(|l| l.strip_prefix("outage_radar_rounds_total "))
            .and_then(|v| v.parse().ok())
            .unwrap();
        if now_rounds > before {
            break;
        }
        assert!(Instant::now() < deadline, "rounds_total stuck at {before}");
        std::thread::sleep(Duration::from_millis(200));
    }
    let stderr = watch.stop_and_stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn only_get_metrics_answers_and_a_stuck_client_blocks_nobody() {
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&format!(
        "builtins = []\ninterval_secs = 1\n[metrics]\nlisten = \"127.0.0.1:0\"\n\
         [connectivity]\nprobes = [{{ kind = \"tcp\", addr = \"{}\" }}]\n",
        control.addr
    ));
    let (watch, addr) = start_watch(&cli);
    // A client that connects and says nothing holds one connection, not the server.
    let _silent = TcpStream::connect(addr).unwrap();
    for path in [
        "/",
        "/metrics/",
        "/favicon.ico",
        "/metricsx",
        "/api/v1/query",
    ] {
        assert_eq!(get(addr, path).0, 404, "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "HEAD"] {
        let raw = format!("{method} /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(request(addr, raw.as_bytes()).0, 404, "{method}");
    }
    assert_eq!(request(addr, b"\x16\x03\x01 garbage\r\n\r\n").0, 400);
    // A head past the size cap (8 KiB) is refused, not buffered.
    let huge = format!("GET /metrics HTTP/1.1\r\nX: {}", "a".repeat(8600));
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = stream.write_all(huge.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 431"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    let (code, body) = get(addr, "/metrics");
    assert_eq!(code, 200);
    assert!(
        body.contains("# TYPE outage_radar_rounds_total counter"),
        "{body}"
    );
    drop(watch);
}

#[test]
fn metrics_are_off_by_default_and_a_vague_address_is_refused() {
    let control = HttpStub::start(Mode::Ok("control".into()));
    let base = format!(
        "builtins = []\n[connectivity]\nprobes = [{{ kind = \"tcp\", addr = \"{}\" }}]\n",
        control.addr
    );
    let cli = Cli::new(&base);
    let mut watch = cli.watch(&["--json", "--no-notify"]);
    std::thread::sleep(Duration::from_secs(1));
    let stderr = watch.stop_and_stderr();
    assert!(!stderr.contains("Metrics on"), "{stderr}");

    let vague = Cli::new(&format!("{base}[metrics]\nlisten = \":9469\"\n"));
    let out = vague.run(&["watch", "--no-notify"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(64), "{stderr}");
    assert!(
        stderr.contains("listen") && stderr.contains("127.0.0.1:9469"),
        "{stderr}"
    );
}

/// `promtool ARGS...` must succeed; skipped without Prometheus outside CI, as above.
fn promtool(args: &[&str]) {
    let out = match std::process::Command::new("promtool").args(args).output() {
        Ok(out) => out,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("promtool not found ({e}); skipping `promtool {args:?}`");
            return;
        }
        Err(e) => panic!("promtool is needed in CI (apt install prometheus): {e}"),
    };
    assert!(
        out.status.success(),
        "promtool {args:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The series the endpoint writes (the dashboard and the rules may use no other).
const SERIES: [&str; 9] = [
    "probe_success",
    "probe_duration_seconds",
    "outage_radar_service_info",
    "outage_radar_service_state",
    "outage_radar_service_up",
    "outage_radar_official_status",
    "outage_radar_connectivity",
    "outage_radar_rounds_total",
    "outage_radar_last_round_timestamp_seconds",
];

/// Metric-like names in a PromQL expression (functions and keywords are followed by `(`).
fn metric_names(expr: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut word = String::new();
    for (i, c) in expr.char_indices().chain([(expr.len(), ' ')]) {
        if c.is_ascii_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
            continue;
        }
        let next = expr[i..].trim_start().chars().next();
        let in_braces = expr[..i].matches('{').count() > expr[..i].matches('}').count();
        if (word.starts_with("probe_") || word.starts_with("outage_radar_"))
            && next != Some('(')
            && !in_braces
        {
            names.push(std::mem::take(&mut word));
        }
        word.clear();
    }
    names
}

#[test]
fn the_docs_dashboard_and_alert_rules_use_the_real_series() {
    promtool(&["check", "rules", "docs/prometheus-alerts.yml"]);
    let rules = std::fs::read_to_string("docs/prometheus-alerts.yml").unwrap();
    let dashboard: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/grafana-dashboard.json").unwrap())
            .expect("the Grafana dashboard is JSON");
    let exprs: Vec<String> = dashboard["panels"]
        .as_array()
        .expect("panels")
        .iter()
        .flat_map(|p| p["targets"].as_array().cloned().unwrap_or_default())
        .map(|t| t["expr"].as_str().expect("expr").to_string())
        .collect();
    assert!(exprs.len() >= 5, "{exprs:?}");
    let mut used = metric_names(&rules);
    for expr in &exprs {
        used.extend(metric_names(expr));
    }
    for name in &used {
        assert!(
            SERIES.contains(&name.as_str()),
            "{name} is not a series of /metrics"
        );
    }
    for name in [
        "probe_success",
        "outage_radar_service_state",
        "outage_radar_connectivity",
    ] {
        assert!(used.iter().any(|u| u == name), "{name} is used nowhere");
    }
    // promtool parses every dashboard query, as recording rules with the variables filled in.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dashboard-queries.yml");
    let rules: Vec<serde_json::Value> = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let e = e.replace("$instance", ".*").replace("$service", ".*");
            serde_json::json!({"record": format!("dashboard:query{i}"), "expr": e})
        })
        .collect();
    let doc = serde_json::json!({"groups": [{"name": "dashboard", "rules": rules}]});
    std::fs::write(&path, doc.to_string()).unwrap();
    promtool(&["check", "rules", path.to_str().unwrap()]);
}
