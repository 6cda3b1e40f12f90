//! The history's schema and its migrations, versioned with `PRAGMA user_version`.
//!
//! Each migration is one batch of SQL applied in its own transaction together with the new
//! `user_version`, so a crash mid-migration leaves the previous version intact. Migrations are
//! append-only: a released step is never edited, a change is a new step.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// Version 1: raw rows (observations, official readings, verdict samples), the permanent
/// record (transitions, incidents, connectivity changes) and the hourly roll-ups.
///
/// Times are unix milliseconds; enums are stored by their `as_str()` names.
const V1: &str = "
CREATE TABLE observations (
    id          INTEGER PRIMARY KEY,
    service     TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
    cause       TEXT,
    latency_ms  INTEGER NOT NULL,
    detail      TEXT    NOT NULL
);
CREATE INDEX observations_service_at ON observations (service, at_ms);
CREATE INDEX observations_at ON observations (at_ms);

CREATE TABLE official_readings (
    id          INTEGER PRIMARY KEY,
    service     TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    source      TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    verdict     TEXT,
    text        TEXT    NOT NULL,
    latency_ms  INTEGER NOT NULL
);
CREATE INDEX official_readings_service_at ON official_readings (service, at_ms);
CREATE INDEX official_readings_at ON official_readings (at_ms);

-- One row per service per round: the confirmed verdict and how long it stands for.
CREATE TABLE samples (
    id            INTEGER PRIMARY KEY,
    service       TEXT    NOT NULL,
    at_ms         INTEGER NOT NULL,
    connectivity  TEXT    NOT NULL,
    verdict       TEXT    NOT NULL,
    weight_ms     INTEGER NOT NULL CHECK (weight_ms >= 0)
);
CREATE INDEX samples_service_at ON samples (service, at_ms);
CREATE INDEX samples_at ON samples (at_ms);

-- The single place that decides which state a sample's time counts as: while the user's
-- own connectivity is not online, the time is offline whatever the verdict says. (Version 2
-- replaces this view; see V2.)
CREATE VIEW sample_states AS
SELECT service, at_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'up'          THEN weight_ms ELSE 0 END AS up_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'degraded'    THEN weight_ms ELSE 0 END AS degraded_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'down'        THEN weight_ms ELSE 0 END AS down_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'maintenance' THEN weight_ms ELSE 0 END AS maintenance_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'unknown'     THEN weight_ms ELSE 0 END AS unknown_ms,
    CASE WHEN connectivity <> 'online'                            THEN weight_ms ELSE 0 END AS offline_ms
FROM samples;

-- Raw samples and observations older than the retention, summed per service and hour.
-- Latency is kept as a sum so that merging rows stays exact; the average is sum / probes.
CREATE TABLE hourly_rollups (
    service         TEXT    NOT NULL,
    hour_start_ms   INTEGER NOT NULL,
    up_ms           INTEGER NOT NULL DEFAULT 0,
    degraded_ms     INTEGER NOT NULL DEFAULT 0,
    down_ms         INTEGER NOT NULL DEFAULT 0,
    maintenance_ms  INTEGER NOT NULL DEFAULT 0,
    unknown_ms      INTEGER NOT NULL DEFAULT 0,
    offline_ms      INTEGER NOT NULL DEFAULT 0,
    samples         INTEGER NOT NULL DEFAULT 0,
    probes          INTEGER NOT NULL DEFAULT 0,
    failures        INTEGER NOT NULL DEFAULT 0,
    latency_sum_ms  INTEGER NOT NULL DEFAULT 0,
    latency_max_ms  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service, hour_start_ms)
) WITHOUT ROWID;

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    service     TEXT    NOT NULL,
    started_ms  INTEGER NOT NULL,
    ended_ms    INTEGER,
    worst       TEXT    NOT NULL,
    detail      TEXT    NOT NULL
);
CREATE INDEX incidents_service_started ON incidents (service, started_ms);
-- At most one open incident per service.
CREATE UNIQUE INDEX incidents_open ON incidents (service) WHERE ended_ms IS NULL;

-- The distinct causes seen during an incident, in the order they first appeared.
CREATE TABLE incident_causes (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    cause        TEXT    NOT NULL,
    PRIMARY KEY (incident_id, seq),
    UNIQUE (incident_id, cause)
);

CREATE TABLE transitions (
    id                 INTEGER PRIMARY KEY,
    service            TEXT    NOT NULL,
    at_ms              INTEGER NOT NULL,
    from_verdict       TEXT    NOT NULL,
    to_verdict         TEXT    NOT NULL,
    cause              TEXT,
    detail             TEXT    NOT NULL,
    previous_since_ms  INTEGER NOT NULL,
    incident_id        INTEGER REFERENCES incidents (id) ON DELETE SET NULL
);
CREATE INDEX transitions_service_at ON transitions (service, at_ms);
CREATE INDEX transitions_incident ON transitions (incident_id);

CREATE TABLE connectivity_changes (
    id          INTEGER PRIMARY KEY,
    at_ms       INTEGER NOT NULL,
    from_state  TEXT    NOT NULL,
    to_state    TEXT    NOT NULL
);
CREATE INDEX connectivity_changes_at ON connectivity_changes (at_ms);
";

/// Version 2: `sample_states` also says whether a sample's time was offline, so that the
/// latency chart takes the offline rule from the same place as uptime; roll-ups get a time
/// index, so that the uptime of every service over a window searches instead of scanning.
const V2: &str = "
CREATE INDEX hourly_rollups_hour ON hourly_rollups (hour_start_ms);
DROP VIEW sample_states;
CREATE VIEW sample_states AS
SELECT service, at_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'up'          THEN weight_ms ELSE 0 END AS up_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'degraded'    THEN weight_ms ELSE 0 END AS degraded_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'down'        THEN weight_ms ELSE 0 END AS down_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'maintenance' THEN weight_ms ELSE 0 END AS maintenance_ms,
    CASE WHEN connectivity = 'online' AND verdict = 'unknown'     THEN weight_ms ELSE 0 END AS unknown_ms,
    CASE WHEN connectivity <> 'online'                            THEN weight_ms ELSE 0 END AS offline_ms,
    connectivity <> 'online'                                                                AS offline
FROM samples;
";

/// Every migration in order; step `i` takes `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes.
pub(super) const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`LATEST`], refusing a database written by a newer build.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    // Fast path without a write lock: opening an up-to-date history (the common case, and the
    // CLI's `history` while `watch` writes) must not wait for the writer.
    if user_version(conn)? == LATEST {
        return Ok(());
    }
    loop {
        // IMMEDIATE takes the write lock before the version is read, so two processes opening
        // a new file at once cannot both apply the same step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version == LATEST {
            return Ok(());
        }
        let step = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v));
        let Some(sql) = step else {
            return Err(Error::StoreVersion {
                found: version,
                supported: LATEST,
            });
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_count(conn: &Connection) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn migrates_a_new_database_to_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(user_version(&conn).unwrap(), 0);
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST);
        assert!(table_count(&conn) >= 8);
    }

    #[test]
    fn migrating_again_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let tables = table_count(&conn);
        // A second run would fail on CREATE TABLE if it re-applied a step.
        migrate(&mut conn).unwrap();
        assert_eq!(table_count(&conn), tables);
        assert_eq!(user_version(&conn).unwrap(), LATEST);
    }

    #[test]
    fn a_version_1_history_keeps_its_samples_and_learns_the_offline_column() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO samples (service, at_ms, connectivity, verdict, weight_ms)
             VALUES ('wa', 1, 'offline', 'down', 60), ('wa', 2, 'online', 'down', 60);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let rows: Vec<(i64, i64, bool)> = conn
            .prepare("SELECT down_ms, offline_ms, offline FROM sample_states ORDER BY at_ms")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, [(0, 60, true), (60, 0, false)]);
    }

    #[test]
    fn refuses_a_database_from_a_newer_build() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, Error::StoreVersion { found, supported } if found == LATEST + 1 && supported == LATEST),
            "{err:?}"
        );
    }
}
