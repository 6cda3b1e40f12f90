//! The UI's TypeScript types match the JSON the backend sends: this test writes real
//! serialized values as `satisfies`-checked literals into ui/tests/contract.generated.ts, and
//! the UI's typecheck (`npm run typecheck`) fails on a missing, extra or mistyped field.
//! Run with UPDATE_CONTRACT=1 to regenerate after a deliberate change.

use std::path::Path;

use outage_radar::config::SettingsForm;
use outage_radar::event::{OfficialStatus, ProbeStatus, ServiceStatus, Snapshot};
use outage_radar::report::{HistoryReport, ServiceHistory};
use outage_radar::store::{RoundRecord, ServiceRecord, Store};
use outage_radar::{
    Cause, Connectivity, Observation, ProbeKind, Settings, SourceKind, Transition, Verdict,
};

const NOW: i64 = 1_795_000_000_000;

fn snapshot() -> Snapshot {
    let probe = ProbeStatus {
        kind: ProbeKind::Http,
        target: "https://web.whatsapp.test/".into(),
        ok: false,
        cause: Some(Cause::HttpStatus),
        cause_text: "Server errors (HTTP 503)".into(),
        latency_ms: 41,
        detail: "503 Service Unavailable".into(),
        cert_days_left: Some(60),
    };
    Snapshot {
        checked_at: "2026-11-18T10:13:20Z".into(),
        connectivity: Connectivity::Online,
        overall: outage_radar::event::Overall::Down,
        affected: "WhatsApp is down".into(),
        services: vec![ServiceStatus {
            id: "whatsapp".into(),
            name: "WhatsApp".into(),
            state: Verdict::Down,
            since: "2026-11-18T10:12:00Z".into(),
            since_ms: NOW - 80_000,
            cause: Some(Cause::HttpStatus),
            cause_text: "Server errors (HTTP 503)".into(),
            detail: "503 Service Unavailable".into(),
            latency_ms: None,
            official: Some(OfficialStatus {
                source: SourceKind::Statuspage,
                state: Some(Verdict::Degraded),
                text: "Partial Outage".into(),
                incident: Some(outage_radar::OfficialIncident {
                    title: "Messages delayed".into(),
                    url: "https://status.whatsapp.test/incidents/abc".into(),
                }),
            }),
            official_lag: Some(outage_radar::event::OfficialLag {
                since: "2026-11-18T10:12:00Z".into(),
                since_ms: NOW - 80_000,
                says: "All Systems Operational".into(),
                words: "the official status still says “All Systems Operational” (1 min)".into(),
            }),
            probes: vec![probe.clone()],
            probe_count: 1,
        }],
        stopped: None,
        misbehaving_controls: vec!["http://control.test/ — Server errors (HTTP 503)".into()],
        connection_note: String::new(),
        controls: vec![ProbeStatus {
            kind: ProbeKind::Tcp,
            cause: None,
            cause_text: String::new(),
            ok: true,
            cert_days_left: None,
            ..probe
        }],
    }
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for (i, ok) in [true, false, false].into_iter().enumerate() {
        let at = NOW - 3 * 60_000 + i as i64 * 60_000;
        let observation = if ok {
            Observation::ok(ProbeKind::Http, "https://web.whatsapp.test/", 40, "200 OK")
        } else {
            Observation::failed(
                ProbeKind::Http,
                "https://web.whatsapp.test/",
                Cause::HttpStatus,
                41,
                "503",
            )
        };
        let verdict = if ok { Verdict::Up } else { Verdict::Down };
        let services = vec![ServiceRecord {
            service: "whatsapp".into(),
            verdict,
            weight_ms: 60_000,
            observations: vec![observation],
            official: None,
        }];
        store
            .record_round(&RoundRecord {
                at_ms: at,
                connectivity: Connectivity::Online,
                services,
            })
            .unwrap();
    }
    let down = Transition {
        from: Verdict::Up,
        to: Verdict::Down,
        cause: Some(Cause::HttpStatus),
        detail: "503".into(),
        at_ms: NOW - 60_000,
        previous_since_ms: NOW - 3 * 60_000,
        trouble_since_ms: Some(NOW - 60_000),
    };
    store.record_transition("whatsapp", &down).unwrap();
    store
}

fn settings_form() -> SettingsForm {
    let text = r#"
builtins = ["whatsapp"]
[notifications]
quiet_hours = "22:00-07:00"
[[services]]
id = "shop"
name = "My Shop"
probes = [{ kind = "http", url = "https://shop.test/", expect = "200-299", contains = "ok" }]
status = { kind = "statuspage", url = "https://status.shop.test/api/v2/summary.json", component = "Web" }
[[services]]
id = "login"
enabled = false
status = { kind = "metastatus", org = "facebook-login" }
"#;
    SettingsForm::from_settings(&Settings::parse(text, Path::new("config.toml")).unwrap())
}

/// Compares a generated file with what the backend writes now; UPDATE_CONTRACT=1 rewrites
/// it. `what` says what changed when they differ.
fn keep_generated(path: &str, out: &str, what: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, out).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == out,
        "{what} changed: run `UPDATE_CONTRACT=1 cargo test --test integration contract`, \
         then `npm run typecheck` in ui/ and update ui/src/ipc.ts until it passes"
    );
}

fn literal<T: serde::Serialize>(name: &str, ty: &str, value: &T) -> String {
    format!(
        "export const {name} = {} satisfies {ty};\n",
        serde_json::to_string_pretty(value).unwrap()
    )
}

#[test]
fn ui_types_match_the_backend_json() {
    let store = store();
    let mut out = String::from(
        "// Generated by tests/contract.rs (cargo test): real backend JSON, checked against the UI's\n\
         // types by `npm run typecheck`. Do not edit; run the test with UPDATE_CONTRACT=1.\n\n\
         import type { History, ServiceHistory, SettingsForm, Snapshot } from \"../src/ipc\";\n\n",
    );
    out += &literal("snapshot", "Snapshot", &snapshot());
    out += &literal(
        "history",
        "History",
        &HistoryReport::read(&store, None, NOW - 86_400_000, NOW).unwrap(),
    );
    let mut service = ServiceHistory::read(&store, "whatsapp", NOW).unwrap();
    // Keep the file short: a few buckets show the shape as well as all of them.
    service.hours_24.truncate(2);
    service.days_7.truncate(2);
    service.hours_24.push(service.hours_24[0].clone());
    out += &literal("serviceHistory", "ServiceHistory", &service);
    out += &literal("settingsForm", "SettingsForm", &settings_form());
    keep_generated("ui/tests/contract.generated.ts", &out, "the backend's JSON");
}

/// The engine's words as the UI renders them: `ui/src/lib/words.generated.ts`. The UI has
/// no words of its own for states, connectivity, sources or "not judged".
#[test]
fn ui_words_are_the_engines() {
    let out = format!(
        "// Generated by tests/contract.rs (cargo test) from src/words.rs: the engine's words,\n\
         // which the UI renders and never rewrites. Do not edit; run the test with UPDATE_CONTRACT=1.\n\n\
         export const WORDS = {} as const;\n",
        serde_json::to_string_pretty(&outage_radar::words::vocabulary()).unwrap()
    );
    keep_generated("ui/src/lib/words.generated.ts", &out, "the engine's words");
}

/// When the engine calls a hole between checks time not running (`src/store/gaps.rs`), for
/// the UI's latency chart to break its line by the same rule: `ui/src/lib/gap-rule.generated.ts`.
#[test]
fn ui_gap_rule_is_the_engines() {
    let out = format!(
        "// Generated by tests/contract.rs (cargo test) from src/store/gaps.rs: a hole between two\n\
         // checks longer than `checks` check intervals plus `slack_ms` is time the app was not\n\
         // running. Do not edit; run the test with UPDATE_CONTRACT=1.\n\n\
         export const GAP_RULE = {{ checks: {}, slack_ms: {} }} as const;\n",
        outage_radar::store::GAP_CHECKS,
        outage_radar::store::GAP_SLACK_MS
    );
    keep_generated(
        "ui/src/lib/gap-rule.generated.ts",
        &out,
        "the engine's rule for time not running",
    );
}

/// Every cause in the engine's words, for the UI's test that the UI never words a cause.
#[test]
fn ui_test_knows_every_cause_word() {
    let mut out = String::from(
        "// Generated by tests/contract.rs (cargo test): every cause as the engine words it, so\n\
         // that a UI test can fail when the UI writes one of its own. Do not edit; run the test\n\
         // with UPDATE_CONTRACT=1.\n\n",
    );
    let mut words = outage_radar::words::cause_words();
    words.push(outage_radar::store::ROLLED_UP_FAILURES.to_string());
    out += &format!(
        "export const CAUSE_WORDS: readonly string[] = {};\n",
        serde_json::to_string_pretty(&words).unwrap()
    );
    keep_generated(
        "ui/tests/cause-words.generated.ts",
        &out,
        "the engine's cause words",
    );
}
