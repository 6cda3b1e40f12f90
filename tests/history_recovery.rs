//! A damaged or locked history never stops the real binary: a damaged file is kept aside
//! byte for byte and a fresh history recorded; a locked one means going on without history.
//! Each case says so once on stderr.

use std::path::{Path, PathBuf};
use std::time::Duration;

use outage_radar::store::{RoundRecord, ServiceRecord, Store};
use outage_radar::{Connectivity, Observation, ProbeKind, Verdict};
use rusqlite::{Connection, TransactionBehavior};

use crate::support::cli::{one_service_config, Cli};
use crate::support::http::{HttpStub, Mode};

const HISTORY: &str = "history.sqlite3";

/// A watched service that is up, and its CLI with a data dir ready to be spoiled.
fn setup() -> (Cli, HttpStub, HttpStub) {
    let stub = HttpStub::start(Mode::Ok("fine".into()));
    let control = HttpStub::start(Mode::Ok("control".into()));
    let cli = Cli::new(&one_service_config(
        &stub.url("/"),
        &control.addr.to_string(),
    ));
    std::fs::create_dir_all(cli.data_dir()).unwrap();
    (cli, stub, control)
}

/// The files the damaged history was kept as.
fn kept_files(dir: &Path) -> Vec<PathBuf> {
    let mut kept: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("history.sqlite3.damaged-") && !name.ends_with("-wal")
        })
        .filter(|p| !p.to_string_lossy().ends_with("-shm"))
        .collect();
    kept.sort();
    kept
}

/// Runs `watch` until the service is confirmed up, then stops it; returns its stderr.
fn watch_until_up(cli: &Cli) -> String {
    let mut watch = cli.watch(&["--json", "--no-notify"]);
    let up = watch.line_where(Duration::from_secs(30), |v| {
        v["event"] == "transition" && v["to"] == "up"
    });
    let stderr = watch.stop_and_stderr();
    assert!(up.is_some(), "watch never confirmed up; stderr:\n{stderr}");
    stderr
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn watch_on_a_garbage_history_keeps_its_bytes_and_records_a_fresh_one() {
    let (cli, _stub, _control) = setup();
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(cli.data_dir().join(HISTORY), &garbage).unwrap();

    let err = watch_until_up(&cli);
    assert_eq!(
        err.lines().filter(|l| l.contains("damaged")).count(),
        1,
        "{err}"
    );
    let kept = kept_files(&cli.data_dir());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(err.contains(&kept[0].display().to_string()), "{err}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), garbage);

    // The fresh history holds what watch recorded, and is sound: no second notice.
    let out = cli.run(&["history", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["uptime"][0]["service"], "chat", "{doc}");
}

/// A real history of a few pages, closed cleanly so everything is in the main file.
fn write_real_history(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    for i in 0..200 {
        let observation = Observation::ok(ProbeKind::Http, "https://chat.test/", 40, "200 OK");
        store
            .record_round(&RoundRecord {
                at_ms: 1_795_000_000_000 + i * 60_000,
                connectivity: Connectivity::Online,
                services: vec![ServiceRecord {
                    service: "chat".into(),
                    verdict: Verdict::Up,
                    weight_ms: 60_000,
                    observations: vec![observation; 5],
                    official: None,
                }],
            })
            .unwrap();
    }
}

#[test]
fn history_on_a_truncated_history_keeps_its_bytes_and_starts_afresh() {
    let (cli, _stub, _control) = setup();
    write_real_history(&cli.data_dir());
    let path = cli.data_dir().join(HISTORY);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 8 * 4096, "{} bytes", whole.len());
    let truncated = &whole[..whole.len() / 2];
    std::fs::write(&path, truncated).unwrap();

    let out = cli.run(&["history", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out)
            .lines()
            .filter(|l| l.contains("damaged"))
            .count(),
        1,
        "{}",
        stderr(&out)
    );
    let kept = kept_files(&cli.data_dir());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), truncated);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["incidents"], serde_json::json!([]));

    // The fresh one works for the next command, which says nothing more.
    let again = cli.run(&["history"]);
    assert!(again.status.success() && stderr(&again).is_empty());
}

#[test]
fn watch_goes_on_without_history_while_another_process_holds_the_write_lock() {
    let (cli, _stub, _control) = setup();
    write_real_history(&cli.data_dir());
    let mut holder = Connection::open(cli.data_dir().join(HISTORY)).unwrap();
    let tx = holder
        .transaction_with_behavior(TransactionBehavior::Exclusive)
        .unwrap();

    let err = watch_until_up(&cli);
    assert_eq!(err.matches("in use by another process").count(), 1, "{err}");
    assert!(err.contains("no history"), "{err}");
    drop(tx);
    assert!(kept_files(&cli.data_dir()).is_empty());
}

#[test]
fn history_says_so_when_another_process_locks_the_file_for_itself() {
    let (cli, _stub, _control) = setup();
    write_real_history(&cli.data_dir());
    // Exclusive locking mode keeps even readers out, unlike a plain write lock in WAL mode.
    let holder = Connection::open(cli.data_dir().join(HISTORY)).unwrap();
    holder
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .unwrap();
    holder
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM samples WHERE 0; COMMIT;")
        .unwrap();

    let out = cli.run(&["history"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("in use by another process").count(), 1, "{err}");
    assert!(err.contains("no history to show"), "{err}");
    assert!(kept_files(&cli.data_dir()).is_empty());
    drop(holder);
    assert!(cli.run(&["history"]).status.success());
}
