//! The engine's error type: broken configuration, a broken store, our own I/O.
//!
//! A failed probe is not an error (see [`crate::Observation`]).

use crate::config::ConfigError;

/// What can go wrong outside of probing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The config file is invalid; the message names file, line and key.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The history database failed.
    #[error("history database: {0}")]
    Store(#[from] rusqlite::Error),
    /// The history database was written by a newer Outage Radar with a schema this build does
    /// not know; it is left untouched rather than written to.
    #[error("history database has schema version {found}; this build knows up to {supported}")]
    StoreVersion {
        /// The database's `user_version`.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What we were doing.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The engine stopped after repeated internal errors; nothing was applied.
    #[error("the engine stopped after repeated internal errors; restart Outage Radar")]
    EngineStopped,
    /// TLS setup failed (e.g. an unreadable `ca_files` entry).
    #[error("TLS setup: {0}")]
    Tls(String),
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
