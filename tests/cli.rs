//! The real `outage-radar` binary against loopback stand-ins: exit codes, JSON, watch,
//! history across SIGKILL, bad config.

use std::time::{Duration, Instant};

use crate::support::cli::{json, one_service_config, Cli};
use crate::support::http::{closed_port, HttpStub, Mode};

#[test]
fn check_reports_up_with_the_json_contract_and_exit_0() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let cli = Cli::new(&one_service_config(&stub.url("/"), &stub.addr.to_string()));
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    assert_eq!(out.status.code(), Some(0), "{doc}");
    assert_eq!(doc["connectivity"], "online");
    assert_eq!(doc["overall"], "up");
    assert!(chrono::DateTime::parse_from_rfc3339(doc["checked_at"].as_str().unwrap()).is_ok());
    let service = &doc["services"][0];
    for key in [
        "id",
        "name",
        "state",
        "cause",
        "detail",
        "latency_ms",
        "official",
        "probes",
    ] {
        assert!(service.get(key).is_some(), "missing {key} in {service}");
    }
    assert_eq!(
        (service["id"].as_str(), service["state"].as_str()),
        (Some("chat"), Some("up"))
    );
    let probe = &service["probes"][0];
    for key in ["kind", "target", "ok", "cause", "latency_ms", "detail"] {
        assert!(probe.get(key).is_some(), "missing {key} in {probe}");
    }
    assert_eq!(probe["kind"], "http");
    assert_eq!(probe["ok"], true);
}

#[test]
fn check_exit_codes_follow_nagios() {
    let stub = HttpStub::start(Mode::Status(503));
    let healthy = HttpStub::start(Mode::Ok("fine".into()));
    let control = healthy.addr.to_string();
    let down = Cli::new(&one_service_config(&stub.url("/"), &control));
    let out = down.run(&["check", "--json"]);
    let doc = json(&out);
    assert_eq!(out.status.code(), Some(2), "{doc}");
    assert_eq!(doc["services"][0]["state"], "down");
    assert_eq!(doc["services"][0]["cause"], "http_status");
    assert_eq!(doc["services"][0]["cause_text"], "Server errors (HTTP 503)");

    // One probe of two failing: degraded, exit 1.
    let degraded = Cli::new(&one_service_config(&healthy.url("/"), &control).replace(
        "probes = [{ kind = \"http\"",
        &format!(
            "probes = [{{ kind = \"tcp\", addr = \"{}\" }}, {{ kind = \"http\"",
            closed_port()
        ),
    ));
    let out = degraded.run(&["check", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", json(&out));
    assert_eq!(json(&out)["services"][0]["cause"], "tcp_refused");

    // The plain table names the service and the cause in words.
    let out = down.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Chat") && text.contains("Server errors (HTTP 503)"),
        "{text}"
    );
}

#[test]
fn check_blames_the_connection_not_the_service_when_controls_fail() {
    let dead = closed_port().to_string();
    let cli = Cli::new(&one_service_config(&format!("http://{dead}/"), &dead));
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    assert_eq!(out.status.code(), Some(3), "{doc}");
    assert_eq!(doc["connectivity"], "offline");
    assert_eq!(doc["overall"], "offline");
    assert_eq!(
        doc["services"][0]["state"], "unknown",
        "never `down` while offline"
    );
    let text = String::from_utf8_lossy(&cli.run(&["check"]).stdout).to_string();
    assert!(text.contains("You are offline"), "{text}");
    assert_eq!(
        doc["connection_note"], "",
        "nothing answered: plainly offline"
    );
}

#[test]
fn failing_controls_while_a_service_answers_are_said_as_seen_not_as_offline() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let dead = closed_port().to_string();
    let cli = Cli::new(&one_service_config(&stub.url("/"), &dead));
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    assert_eq!(doc["connectivity"], "offline", "{doc}");
    assert_eq!(doc["services"][0]["probes"][0]["ok"], true, "{doc}");
    let note = doc["connection_note"].as_str().unwrap_or_default();
    assert!(
        note.starts_with(&format!("Your connection checks fail ({dead}: "))
            && note.ends_with("while some services answer: your network may block the checks"),
        "{note}"
    );
    let text = String::from_utf8_lossy(&cli.run(&["check"]).stdout).to_string();
    assert!(text.contains(note), "{text}");
}

#[test]
fn one_web_control_answering_503_is_set_aside_and_named_not_a_captive_portal() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let tcp_control = HttpStub::start(Mode::Ok("control".into()));
    let broken = HttpStub::start(Mode::Status(503));
    let fine = HttpStub::start(Mode::Ok("success".into()));
    let config = one_service_config(&stub.url("/"), &tcp_control.addr.to_string()).replace(
        "probes = [{ kind = \"tcp\"",
        &format!(
            "probes = [{{ kind = \"http\", url = \"{}\", contains = \"success\" }}, \
             {{ kind = \"http\", url = \"{}\", contains = \"success\" }}, {{ kind = \"tcp\"",
            broken.url("/check"),
            fine.url("/check")
        ),
    );
    let cli = Cli::new(&config);
    let out = cli.run(&["check", "--json"]);
    let doc = json(&out);
    assert_eq!(doc["connectivity"], "online", "{doc}");
    assert_eq!(out.status.code(), Some(0), "{doc}");
    let named = doc["misbehaving_controls"][0].as_str().unwrap_or_default();
    assert!(
        named.contains(&broken.url("/check")) && named.contains("503"),
        "{doc}"
    );
    let text = String::from_utf8_lossy(&cli.run(&["check"]).stdout).to_string();
    assert!(
        text.contains("Control set aside (the others work): ") && text.contains("503"),
        "{text}"
    );
}

#[test]
fn a_bad_config_exits_64_naming_file_line_and_key() {
    let cli = Cli::new("builtins = []\nconfirm = 2\ninterval_secs = \"often\"\n");
    for args in [&["check"][..], &["watch", "--no-notify"], &["services"]] {
        let out = cli.run(args);
        assert_eq!(out.status.code(), Some(64), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml:3: interval_secs: ") && err.contains("integer"),
            "{err}"
        );
    }
}

#[test]
fn services_lists_the_catalog_and_custom_services() {
    let cli = Cli::new("builtins = [\"whatsapp\"]\n[[services]]\nid = \"shop\"\nname = \"My Shop\"\nprobes = [{ kind = \"dns\", host = \"shop.test\" }]\n");
    let out = cli.run(&["services", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let ids: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["whatsapp", "shop"]);
    assert_eq!(doc[0]["builtin"], true);
    assert_eq!(doc[1]["probes"][0]["target"], "shop.test");
}

#[test]
fn watch_confirms_an_outage_and_its_recovery_and_stops_on_sigterm() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let watch = cli.watch(&["--json", "--no-notify"]);
    let is =
        |to: &'static str| move |v: &serde_json::Value| v["event"] == "transition" && v["to"] == to;
    let up = watch
        .line_where(Duration::from_secs(20), is("up"))
        .expect("first verdict");
    for key in ["at", "service", "from", "to", "cause", "detail"] {
        assert!(up.get(key).is_some(), "missing {key} in {up}");
    }
    stub.set(Mode::Status(500));
    let broke = Instant::now();
    let down = watch
        .line_where(Duration::from_secs(20), is("down"))
        .expect("outage confirmed");
    // interval 1 s + re-check 1 s, plus slack for a busy machine.
    assert!(
        broke.elapsed() < Duration::from_secs(10),
        "took {:?}",
        broke.elapsed()
    );
    assert_eq!(
        (down["service"].as_str(), down["cause"].as_str()),
        (Some("chat"), Some("http_status"))
    );
    stub.set(Mode::Ok("fine".into()));
    let back = watch
        .line_where(Duration::from_secs(20), is("up"))
        .expect("recovery");
    assert_eq!(back["from"], "down");

    let mut watch = watch;
    watch.signal("TERM");
    let status = wait_with_timeout(&mut watch.child, Duration::from_secs(10))
        .expect("watch stops on SIGTERM");
    assert_eq!(status.code(), Some(0));

    let out = cli.run(&["history", "--json"]);
    let doc = json(&out);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{doc}");
    assert_eq!(incidents[0]["cause"], "http_status");
    assert_eq!(incidents[0]["ongoing"], false);
    assert!(incidents[0]["end"].is_string());
    let uptime = &doc["uptime"][0];
    assert_eq!(uptime["service"], "chat");
    let percent = uptime["percent"].as_f64().unwrap();
    assert!(percent > 0.0 && percent < 100.0, "{percent}");
}

#[test]
fn a_hanging_service_with_a_17_s_timeout_is_confirmed_down_within_a_minute() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let config = one_service_config(&stub.url("/"), &control.addr.to_string());
    assert!(config.contains("timeout_ms = 800\n"));
    let cli = Cli::new(&config.replace("timeout_ms = 800\n", "timeout_ms = 17000\n"));
    let watch = cli.watch(&["--json", "--no-notify"]);
    let is =
        |to: &'static str| move |v: &serde_json::Value| v["event"] == "transition" && v["to"] == to;
    watch
        .line_where(Duration::from_secs(20), is("up"))
        .expect("first verdict");
    // Every round now waits the full 17 s for an answer that never comes: far longer than
    // the engine's look at the clocks, and it is not a suspend.
    stub.set(Mode::Silent);
    let hung = Instant::now();
    let down = watch
        .line_where(Duration::from_secs(60), is("down"))
        .unwrap_or_else(|| panic!("not confirmed within a minute of hanging"));
    assert_eq!(down["cause"], "http_timeout", "{down}");
    eprintln!("confirmed {:?} after the service hung", hung.elapsed());
}

#[test]
fn an_incident_survives_sigkill() {
    let stub = HttpStub::start(Mode::Status(503));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let mut watch = cli.watch(&["--json", "--no-notify"]);
    watch
        .line_where(Duration::from_secs(20), |v| {
            v["event"] == "transition" && v["to"] == "down"
        })
        .expect("outage confirmed");
    watch.signal("KILL");
    let _ = watch.child.wait();

    let out = cli.run(&["history", "--json", "--service", "chat"]);
    let doc = json(&out);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{doc}");
    assert_eq!(incidents[0]["ongoing"], true);
    assert_eq!(incidents[0]["cause"], "http_status");
    // The table names services as `check` does.
    let text = String::from_utf8_lossy(&cli.run(&["history"]).stdout).to_string();
    assert!(text.contains("Chat") && text.contains("ongoing"), "{text}");
    // An id that neither the config nor the history knows is a usage error naming the ids.
    let out = cli.run(&["history", "--service", "nosuch"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(64), "{stderr}");
    assert!(
        stderr.contains("unknown service `nosuch`") && stderr.contains("chat"),
        "{stderr}"
    );
}

#[test]
fn an_explicit_config_that_does_not_exist_is_an_error_only_the_default_may_be_missing() {
    let cli = Cli::new("builtins = []\n");
    let missing = cli.dir.path().join("typo.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outage-radar"))
        .arg("--config")
        .arg(&missing)
        .arg("--data-dir")
        .arg(cli.data_dir())
        .arg("services")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(64), "{stderr}");
    assert!(
        stderr.contains("typo.toml") && stderr.contains("no such file"),
        "{stderr}"
    );
    // With no --config and no file at the default path, the built-in catalog runs.
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outage-radar"))
        .args(["services", "--json"])
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_commands_help_lists_the_global_options_apart_from_its_own() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outage-radar"))
        .args(["check", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let (own, global) = help
        .split_once("Global options:")
        .unwrap_or_else(|| panic!("no global section:\n{help}"));
    assert!(own.contains("--json"), "{help}");
    for flag in ["--config", "--data-dir", "--verbose"] {
        assert!(
            global.contains(flag) && !own.contains(flag),
            "{flag}:\n{help}"
        );
    }
}

#[test]
fn watch_says_when_the_connection_is_the_problem() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let dead = closed_port().to_string();
    let cli = Cli::new(&one_service_config(&stub.url("/"), &dead));
    let watch = cli.watch(&["--json", "--no-notify"]);
    let line = watch
        .line_where(Duration::from_secs(20), |v| v["event"] == "connectivity")
        .expect("connectivity line");
    assert_eq!(
        (line["from"].as_str(), line["to"].as_str()),
        (Some("online"), Some("offline"))
    );
    assert!(line["at"].is_string());
}

fn wait_with_timeout(
    child: &mut std::process::Child,
    within: Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn an_unreadable_ca_file_exits_64_naming_it() {
    let cli = Cli::new("builtins = []\n[tls]\nca_files = [\"/nonexistent/outage-radar-ca.pem\"]\n");
    let out = cli.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(64), "{err}");
    assert!(err.contains("/nonexistent/outage-radar-ca.pem"), "{err}");
}

#[test]
fn without_flags_the_config_and_history_follow_xdg_dirs() {
    let control = HttpStub::start(Mode::Ok("control".into()));
    let dir = tempfile::tempdir().unwrap();
    let (home, config_home, data_home) = (
        dir.path().join("home"),
        dir.path().join("xdg-config"),
        dir.path().join("xdg-data"),
    );
    std::fs::create_dir_all(config_home.join("outage-radar")).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        config_home.join("outage-radar/config.toml"),
        format!(
            "builtins = []\ninterval_secs = 1\n[connectivity]\nprobes = [{{ kind = \"tcp\", addr = \"{}\" }}]\n\
             [[services]]\nid = \"from-xdg\"\nprobes = [{{ kind = \"tcp\", addr = \"{}\" }}]\n",
            control.addr, control.addr
        ),
    )
    .unwrap();
    let command = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_outage-radar"));
        cmd.args(args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", &config_home)
            .env("XDG_DATA_HOME", &data_home)
            .env_remove("DBUS_SESSION_BUS_ADDRESS");
        cmd
    };
    let out = command(&["services", "--json"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("from-xdg"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut watch = command(&["watch", "--no-notify"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let history = data_home.join("outage-radar/history.sqlite3");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !history.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = watch.kill();
    let _ = watch.wait();
    assert!(
        history.exists(),
        "no history in $XDG_DATA_HOME/outage-radar"
    );
    assert!(
        !home.join(".config").exists() && !home.join(".local").exists(),
        "wrote under $HOME although the XDG variables are set"
    );
}

#[test]
fn watch_in_text_sums_up_the_first_check_and_says_how_long_an_outage_lasted() {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    let mut watch = cli.watch(&["--no-notify"]);
    let first = watch
        .text_until(Duration::from_secs(20), |l| l.contains("first check"))
        .expect("a summary of the first check");
    assert!(
        first.last().unwrap().ends_with("first check: 1 up"),
        "{first:#?}"
    );
    assert!(!first.iter().any(|l| l.contains("unknown →")), "{first:#?}");
    stub.set(Mode::Status(503));
    let down = watch
        .text_until(Duration::from_secs(20), |l| l.contains("up → down"))
        .expect("the outage");
    assert!(
        down.last().unwrap().contains("Server errors (HTTP 503)"),
        "{down:#?}"
    );
    stub.set(Mode::Ok("fine".into()));
    let back = watch
        .text_until(Duration::from_secs(20), |l| l.contains("down → up"))
        .expect("the recovery");
    assert!(back.last().unwrap().contains("— back after "), "{back:#?}");
    watch.stop_and_stderr();
}
