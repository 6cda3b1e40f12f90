//! Opening the history so that it never stops the app.
//!
//! A damaged file (not a database, corrupt, or failing `PRAGMA quick_check`) is renamed aside
//! with a UTC timestamp, its bytes untouched, and a fresh history is started. A file locked by
//! another process is waited for briefly (the busy timeout), then the caller runs without
//! history. Either way the caller gets one [`HistoryProblem`] whose words it shows as they are.
//!
//! Other failures (permissions, a full disk, a schema from a newer build) do not mean the file
//! is damaged: it is left where it is and the caller runs without history.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, TransactionBehavior};

use super::{Store, FILE_NAME};
use crate::notice::Notice;
use crate::Error;

/// What the caller does with the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only reads it (`outage-radar history`, the dashboard): a writer holding the lock in
    /// WAL mode does not stop readers, so the lock is not asked for.
    Read,
    /// Writes it (the engine): the write lock must be free within the busy timeout, or every
    /// round would wait for it and then fail to record.
    Write,
}

/// Why the history is not the one that was on disk, or is missing altogether.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryProblem {
    /// The file was damaged; its bytes were kept under `kept` and a fresh history started.
    Damaged {
        /// Where the damaged file now is.
        kept: PathBuf,
    },
    /// Another process holds the lock; running without history.
    InUse,
    /// Written by a newer Outage Radar; left as it is, running without history.
    Newer {
        /// The file's schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// Could not be opened for another reason; left as it is, running without history.
    Unavailable {
        /// What failed, in the error's words.
        reason: String,
    },
}

impl HistoryProblem {
    /// The notification saying so, once.
    pub fn notice(&self) -> Notice {
        let title = match self {
            HistoryProblem::Damaged { .. } => "History was damaged: started afresh",
            _ => "Running without history",
        };
        Notice {
            title: title.into(),
            body: self.to_string(),
            ..Notice::default()
        }
    }
}

impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryProblem::Damaged { kept } => write!(
                f,
                "The history was damaged; it is kept as {} and a fresh history was started.",
                kept.display()
            ),
            HistoryProblem::InUse => {
                f.write_str("The history is in use by another process; running without history.")
            }
            HistoryProblem::Newer { found, supported } => write!(
                f,
                "The history was written by a newer Outage Radar (schema {found}, this one knows \
                 up to {supported}); it is left as it is and this run goes without history."
            ),
            HistoryProblem::Unavailable { reason } => write!(
                f,
                "The history could not be opened ({reason}); running without history."
            ),
        }
    }
}

/// The history to use (None: run without one) and what to tell the user about it.
#[derive(Debug)]
pub struct OpenedHistory {
    /// The open history, fresh if the old one was damaged.
    pub store: Option<Store>,
    /// Say this once, if set.
    pub problem: Option<HistoryProblem>,
}

/// Opens `<dir>/history.sqlite3` like [`Store::open`], but never fails: see the module docs.
pub fn open_or_recover(dir: &Path, access: Access) -> OpenedHistory {
    open_or_recover_at(dir, access, Utc::now())
}

fn open_or_recover_at(dir: &Path, access: Access, now: DateTime<Utc>) -> OpenedHistory {
    let without = |problem| OpenedHistory {
        store: None,
        problem: Some(problem),
    };
    match open_checked(dir, access) {
        Ok(store) => OpenedHistory {
            store: Some(store),
            problem: None,
        },
        Err(Failure::Damaged(why)) => {
            // The details for `-v`; the caller says it once in plain words.
            tracing::info!(
                "history {} is damaged: {why}",
                dir.join(FILE_NAME).display()
            );
            let kept = match set_aside(dir, now) {
                Ok(kept) => kept,
                Err(e) => {
                    return without(HistoryProblem::Unavailable {
                        reason: format!("it is damaged and could not be moved aside: {e}"),
                    })
                }
            };
            match open_checked(dir, access) {
                Ok(store) => OpenedHistory {
                    store: Some(store),
                    problem: Some(HistoryProblem::Damaged { kept }),
                },
                Err(f) => without(HistoryProblem::Unavailable {
                    reason: format!(
                        "the damaged one is kept as {}, but a fresh one failed: {f}",
                        kept.display()
                    ),
                }),
            }
        }
        Err(Failure::Busy) => without(HistoryProblem::InUse),
        Err(Failure::Newer { found, supported }) => {
            without(HistoryProblem::Newer { found, supported })
        }
        Err(Failure::Other(reason)) => without(HistoryProblem::Unavailable { reason }),
    }
}

/// Why an open failed, as far as recovery cares.
#[derive(Debug)]
enum Failure {
    Damaged(String),
    Busy,
    Newer { found: i64, supported: i64 },
    Other(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Damaged(why) | Failure::Other(why) => f.write_str(why),
            Failure::Busy => f.write_str("the file is locked by another process"),
            Failure::Newer { found, .. } => write!(f, "schema version {found} is newer"),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match &e {
            Error::Store(rusqlite::Error::SqliteFailure(code, _)) => match code.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Failure::Busy,
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                    Failure::Damaged(e.to_string())
                }
                _ => Failure::Other(e.to_string()),
            },
            Error::StoreVersion { found, supported } => Failure::Newer {
                found: *found,
                supported: *supported,
            },
            _ => Failure::Other(e.to_string()),
        }
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::from(Error::from(e))
    }
}

/// Opens, checks the file's structure, asks for the write lock if writing, then migrates.
fn open_checked(dir: &Path, access: Access) -> Result<Store, Failure> {
    let mut conn = Store::connect(dir)?;
    // Until the file is known sound, closing must neither checkpoint its WAL into it nor
    // delete the WAL: a damaged history is kept exactly as it was found.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    quick_check(&conn)?;
    Store::use_wal(&conn)?;
    if access == Access::Write {
        // Taken and given back at once: only whether it can be had within the busy timeout.
        conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    }
    let store = Store::configure(conn)?;
    store
        .conn
        .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(store)
}

fn quick_check(conn: &Connection) -> Result<(), Failure> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let problems = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(Failure::Damaged(format!(
        "quick_check: {}",
        problems.join("; ")
    )))
}

/// Renames the history and its journal files to `history.sqlite3.damaged-<UTC time>` (plus
/// `-wal`, `-shm`, `-journal`), so SQLite never applies the old journals to the fresh file
/// and can still open the kept copy with them.
fn set_aside(dir: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut kept = dir.join(format!("{FILE_NAME}.damaged-{stamp}"));
    let mut n = 1;
    // Two recoveries in the same second must not overwrite the first one's bytes.
    while kept.exists() {
        n += 1;
        kept = dir.join(format!("{FILE_NAME}.damaged-{stamp}-{n}"));
    }
    std::fs::rename(dir.join(FILE_NAME), &kept)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let from = dir.join(format!("{FILE_NAME}{suffix}"));
        if from.exists() {
            let mut to = kept.clone().into_os_string();
            to.push(suffix);
            std::fs::rename(from, to)?;
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Connectivity;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_sound_history_opens_without_a_problem() {
        let tmp = tempfile::tempdir().unwrap();
        drop(Store::open(tmp.path()).unwrap());
        let opened = open_or_recover(tmp.path(), Access::Write);
        assert!(opened.store.is_some());
        assert_eq!(opened.problem, None);
    }

    #[test]
    fn garbage_is_kept_aside_byte_for_byte_and_a_fresh_history_starts() {
        let tmp = tempfile::tempdir().unwrap();
        let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(tmp.path().join(FILE_NAME), &garbage).unwrap();
        std::fs::write(tmp.path().join(format!("{FILE_NAME}-wal")), b"old wal").unwrap();

        let opened = open_or_recover_at(tmp.path(), Access::Write, at("2026-11-18T10:13:20Z"));
        let kept = tmp.path().join("history.sqlite3.damaged-20261118T101320Z");
        assert_eq!(
            opened.problem,
            Some(HistoryProblem::Damaged { kept: kept.clone() })
        );
        assert_eq!(std::fs::read(&kept).unwrap(), garbage);
        assert_eq!(
            std::fs::read(format!("{}-wal", kept.display())).unwrap(),
            b"old wal"
        );
        assert!(opened
            .problem
            .unwrap()
            .to_string()
            .contains("history.sqlite3.damaged-20261118T101320Z"));
        let mut fresh = opened.store.unwrap();
        fresh
            .record_connectivity(1_000, Connectivity::Online, Connectivity::Offline)
            .unwrap();
    }

    #[test]
    fn a_second_recovery_in_the_same_second_keeps_both() {
        let tmp = tempfile::tempdir().unwrap();
        let now = at("2026-11-18T10:13:20Z");
        for bytes in [b"first damage".as_slice(), b"second damage"] {
            let _ = std::fs::remove_file(tmp.path().join(format!("{FILE_NAME}-wal")));
            let _ = std::fs::remove_file(tmp.path().join(format!("{FILE_NAME}-shm")));
            std::fs::write(tmp.path().join(FILE_NAME), bytes).unwrap();
            let opened = open_or_recover_at(tmp.path(), Access::Read, now);
            assert!(matches!(
                opened.problem,
                Some(HistoryProblem::Damaged { .. })
            ));
        }
        let base = tmp.path().join("history.sqlite3.damaged-20261118T101320Z");
        assert_eq!(std::fs::read(&base).unwrap(), b"first damage");
        assert_eq!(
            std::fs::read(format!("{}-2", base.display())).unwrap(),
            b"second damage"
        );
    }

    #[test]
    fn a_newer_schema_is_left_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        drop(Store::open(tmp.path()).unwrap());
        let conn = Connection::open(tmp.path().join(FILE_NAME)).unwrap();
        conn.pragma_update(None, "user_version", super::super::schema::LATEST + 1)
            .unwrap();
        drop(conn);
        let before = std::fs::read(tmp.path().join(FILE_NAME)).unwrap();
        let opened = open_or_recover(tmp.path(), Access::Write);
        assert!(opened.store.is_none());
        assert!(matches!(opened.problem, Some(HistoryProblem::Newer { .. })));
        assert_eq!(std::fs::read(tmp.path().join(FILE_NAME)).unwrap(), before);
    }

    #[test]
    fn a_held_write_lock_means_running_without_history_for_a_writer_only() {
        let tmp = tempfile::tempdir().unwrap();
        drop(Store::open(tmp.path()).unwrap());
        let mut holder = Connection::open(tmp.path().join(FILE_NAME)).unwrap();
        let _tx = holder
            .transaction_with_behavior(TransactionBehavior::Exclusive)
            .unwrap();
        // In WAL mode a held write lock does not stop readers.
        let reader = open_or_recover(tmp.path(), Access::Read);
        assert!(reader.store.is_some() && reader.problem.is_none());
        let writer = open_or_recover(tmp.path(), Access::Write);
        assert!(writer.store.is_none());
        assert_eq!(writer.problem, Some(HistoryProblem::InUse));
        assert!(tmp.path().join(FILE_NAME).is_file());
    }
}
