//! The SQLite history: observations, verdict samples, transitions, incidents and uptime.
//!
//! One file, `<data dir>/history.sqlite3`, in WAL mode with `synchronous=NORMAL`: every
//! `record_*` call commits, and a committed row survives the process being killed (only an
//! OS crash or power loss may lose the last commits, and never corrupts the file). Readers
//! such as `outage-radar history` run while `watch` writes.
//!
//! Raw rows (observations, official readings, verdict samples) are kept for a bounded time
//! and then summed into hourly roll-ups by [`Store::prune`]; transitions, incidents and
//! connectivity changes are kept forever.
//!
//! # Layout
//! - `schema`: the tables as const SQL, migrated with `PRAGMA user_version`.
//! - `types`: the values written and read ([`RoundRecord`], [`Incident`], [`Uptime`],
//!   [`Bucket`], [`LatencyPoint`], …).
//! - `incident`: transitions opening, escalating and closing incidents; the incident list.
//! - `buckets`: time per state from raw samples plus roll-ups, over a window
//!   ([`Store::uptime`]) or per slice of time for uptime bars ([`Store::buckets`]).
//! - `recover`: opening without ever stopping the app: a damaged file is kept aside and a
//!   fresh one started, a locked one means running without history ([`open_or_recover`]).
//! - `rollup`: retention ([`Store::prune`]).
//! - `series`: a service's stored observations and its latency chart ([`Store::latency`]).
//! - `codec`: enum names and integers to and from SQL columns.

mod buckets;
mod codec;
mod gaps;
mod incident;
mod recover;
mod rollup;
mod schema;
mod series;
mod types;

#[cfg(test)]
pub(crate) mod testutil;

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::connectivity::Connectivity;
use crate::{Error, Result};

pub use buckets::MAX_BUCKETS;
pub use gaps::{overlap, GAP_CHECKS, GAP_SLACK_MS};
pub use recover::{open_or_recover, Access, HistoryProblem, OpenedHistory};
pub use rollup::{DAY_MS, HOUR_MS};
pub use series::ROLLED_UP_FAILURES;
pub use types::{
    Bucket, Incident, LatencyPoint, PruneStats, RoundRecord, ServiceRecord, StateMs, Uptime,
};

/// The history file's name inside the data dir.
const FILE_NAME: &str = "history.sqlite3";

/// How long a write waits for another process holding the lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite history of one data dir.
///
/// Not `Sync`: share it behind a mutex, or open one per thread (WAL allows concurrent readers).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens `<dir>/history.sqlite3`, creating the directory and the file if needed; sets WAL,
    /// `synchronous=NORMAL`, a 5 s busy timeout and foreign keys, and migrates the schema.
    ///
    /// A damaged or locked file is an error here; [`open_or_recover`] is the forgiving way in.
    pub fn open(dir: &Path) -> Result<Store> {
        let conn = Store::connect(dir)?;
        Store::use_wal(&conn)?;
        Store::configure(conn)
    }

    /// The connection, nothing read yet: [`open_or_recover`] checks the file before the
    /// switch to WAL writes to it.
    fn connect(dir: &Path) -> Result<Connection> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            context: format!("creating the data directory {}", dir.display()),
            source,
        })?;
        let conn = Connection::open(dir.join(FILE_NAME))?;
        // Before the first read: another process may hold the lock.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }

    fn use_wal(conn: &Connection) -> Result<()> {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Some file systems (network shares) cannot do WAL; the rollback journal still
            // keeps commits durable, only readers and the writer block each other.
            tracing::warn!(journal_mode = %mode, "history database is not in WAL mode");
        }
        Ok(())
    }

    /// An empty history in memory with the same schema and rules (for tests).
    pub fn open_in_memory() -> Result<Store> {
        Store::configure(Connection::open_in_memory()?)
    }

    fn configure(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // In WAL mode NORMAL syncs at checkpoints only: commits survive a killed process.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// A write transaction that takes the write lock up front: a deferred one that later
    /// upgrades can fail with SQLITE_BUSY immediately, without honouring the busy timeout.
    fn write(&mut self) -> rusqlite::Result<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
    }

    /// Every service id with anything recorded (samples, roll-ups or incidents), sorted.
    pub fn service_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT service FROM samples UNION SELECT service FROM hourly_rollups
             UNION SELECT service FROM incidents ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Records one round in ONE transaction: per service its observations, its official
    /// reading and one verdict sample (the confirmed verdict, weighted by `weight_ms`).
    pub fn record_round(&mut self, round: &RoundRecord) -> Result<()> {
        let tx = self.write()?;
        {
            let mut sample = tx.prepare_cached(INSERT_SAMPLE)?;
            let mut observation = tx.prepare_cached(INSERT_OBSERVATION)?;
            let mut official = tx.prepare_cached(INSERT_OFFICIAL)?;
            for s in &round.services {
                sample.execute(params![
                    s.service,
                    round.at_ms,
                    round.connectivity.as_str(),
                    s.verdict.as_str(),
                    s.weight_ms.max(0),
                ])?;
                for o in &s.observations {
                    observation.execute(params![
                        s.service,
                        round.at_ms,
                        o.kind.as_str(),
                        o.target,
                        o.ok,
                        o.cause.map(|c| c.as_str()),
                        codec::to_i64(o.latency_ms),
                        o.detail,
                    ])?;
                }
                if let Some(r) = &s.official {
                    official.execute(params![
                        s.service,
                        round.at_ms,
                        r.source.as_str(),
                        r.url,
                        r.verdict.map(|v| v.as_str()),
                        r.text,
                        codec::to_i64(r.latency_ms),
                    ])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a change of the user's own connectivity (kept forever).
    pub fn record_connectivity(
        &mut self,
        at_ms: i64,
        from: Connectivity,
        to: Connectivity,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO connectivity_changes (at_ms, from_state, to_state) VALUES (?1, ?2, ?3)",
            params![at_ms, from.as_str(), to.as_str()],
        )?;
        Ok(())
    }
}

const INSERT_SAMPLE: &str = "INSERT INTO samples (service, at_ms, connectivity, verdict, weight_ms)
     VALUES (?1, ?2, ?3, ?4, ?5)";

const INSERT_OBSERVATION: &str =
    "INSERT INTO observations (service, at_ms, kind, target, ok, cause, latency_ms, detail)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

const INSERT_OFFICIAL: &str =
    "INSERT INTO official_readings (service, at_ms, source, url, verdict, text, latency_ms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;
    use crate::{Cause, Observation, OfficialReading, ProbeKind, SourceKind, Verdict};

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn open_creates_the_dir_and_a_wal_file_with_durable_settings() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("nested").join("data");
        let store = Store::open(&dir).unwrap();
        assert!(dir.join(FILE_NAME).is_file());
        let pragma = |name: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
        assert_eq!(pragma("synchronous"), "Integer(1)"); // NORMAL
        assert_eq!(pragma("foreign_keys"), "Integer(1)");
        assert_eq!(pragma("busy_timeout"), "Integer(5000)");
        assert_eq!(
            pragma("user_version"),
            format!("Integer({})", schema::LATEST)
        );
    }

    #[test]
    fn reopening_keeps_the_history() {
        let tmp = tempfile::tempdir().unwrap();
        {
            let mut store = Store::open(tmp.path()).unwrap();
            store
                .record_round(&round(
                    1_000,
                    Connectivity::Online,
                    &[("wa", Verdict::Up, 60_000)],
                ))
                .unwrap();
        }
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(count(&store, "samples"), 1);
    }

    #[test]
    fn committed_rows_survive_without_a_clean_close() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        store
            .record_round(&round(
                1_000,
                Connectivity::Online,
                &[("wa", Verdict::Down, 60_000)],
            ))
            .unwrap();
        store
            .record_transition(
                "wa",
                &transition(Verdict::Up, Verdict::Down, Some(Cause::TcpRefused), 1_000),
            )
            .unwrap();
        // Like SIGKILL: the connection is never closed, so nothing is checkpointed and the
        // commits live only in the WAL file.
        std::mem::forget(store);
        assert!(tmp.path().join(format!("{FILE_NAME}-wal")).is_file());

        let reopened = Store::open(tmp.path()).unwrap();
        assert_eq!(count(&reopened, "samples"), 1);
        assert_eq!(reopened.incidents(None, 0).unwrap().len(), 1);
    }

    #[test]
    fn record_round_writes_samples_observations_and_official_readings() {
        let mut store = Store::open_in_memory().unwrap();
        let mut r = round(
            5_000,
            Connectivity::Online,
            &[("wa", Verdict::Down, 60_000), ("ig", Verdict::Up, 30_000)],
        );
        r.services[0].observations = vec![
            Observation::failed(
                ProbeKind::Dns,
                "g.whatsapp.net",
                Cause::DnsServfail,
                12,
                "SERVFAIL",
            ),
            Observation::ok(ProbeKind::Tcp, "g.whatsapp.net:443", 40, ""),
        ];
        r.services[0].official = Some(OfficialReading {
            source: SourceKind::Metastatus,
            url: "https://metastatus.com/data/orgs.json".into(),
            verdict: Some(Verdict::Down),
            text: "Major disruption".into(),
            latency_ms: 80,
            incident: None,
        });
        store.record_round(&r).unwrap();
        assert_eq!(count(&store, "samples"), 2);
        assert_eq!(count(&store, "observations"), 2);
        let (source, verdict, text): (String, String, String) = store
            .conn
            .query_row(
                "SELECT source, verdict, text FROM official_readings WHERE service = 'wa'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (source.as_str(), verdict.as_str(), text.as_str()),
            ("metastatus", "down", "Major disruption")
        );
        let weight: i64 = store
            .conn
            .query_row(
                "SELECT weight_ms FROM samples WHERE service = 'ig'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(weight, 30_000);
    }

    #[test]
    fn a_failing_round_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        // Sabotage the second insert of the round: the first must be rolled back with it.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER no_ig BEFORE INSERT ON samples WHEN NEW.service = 'ig'
                 BEGIN SELECT RAISE(ABORT, 'no ig'); END;",
            )
            .unwrap();
        let r = round(
            5_000,
            Connectivity::Online,
            &[("wa", Verdict::Up, 60_000), ("ig", Verdict::Up, 60_000)],
        );
        assert!(store.record_round(&r).is_err());
        assert_eq!(count(&store, "samples"), 0);
    }

    #[test]
    fn connectivity_changes_are_recorded() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .record_connectivity(7_000, Connectivity::Online, Connectivity::DnsBroken)
            .unwrap();
        let row: (i64, String, String) = store
            .conn
            .query_row(
                "SELECT at_ms, from_state, to_state FROM connectivity_changes",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(row, (7_000, "online".into(), "dns_broken".into()));
    }
}
