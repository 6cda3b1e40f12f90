//! The engine's error type: broken configuration, a broken store, our own I/O.
//!
//! A failed probe is not an error (see [`crate::Observation`]).

use std::path::PathBuf;

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
    /// A `[tls] ca_files` entry of the config cannot be used: unreadable, not PEM, or
    /// without a certificate. The config's fault, like [`Error::Config`].
    #[error("TLS setup: cannot use CA file {}: {source}", path.display())]
    CaFile {
        /// The entry, as written in the config.
        path: PathBuf,
        /// Why it cannot be used.
        source: std::io::Error,
    },
    /// rustls itself could not be set up (crypto provider, protocol versions): a fault of
    /// this build or platform, not of the config.
    #[error("TLS setup: {0}")]
    Tls(String),
    /// The HTTP client could not be built (reqwest's TLS backend or the platform's
    /// resolver/proxy setup): not a TLS handshake and not the config's fault.
    #[error("HTTP client: {0}")]
    HttpClient(#[source] reqwest::Error),
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
