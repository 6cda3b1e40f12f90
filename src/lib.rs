//! Outage Radar's check engine: is it *them* (the service is down) or *me* (my connection)?
//!
//! The engine probes each service over DNS, TCP, TLS and HTTP, reads official status pages,
//! checks the user's own connectivity against control targets, and confirms a
//! [`Verdict`] per service over consecutive rounds. It needs no display: the CLI and the
//! desktop app are thin shells over it.
//!
//! # Layout
//! The design these modules follow (states, cause ladder, verdict rules, config and CLI
//! contracts, storage) is written down in `docs/design.md`.
//!
//! - [`config`]: the TOML settings, parsed then validated ([`Settings`]).
//! - [`catalog`]: the built-in catalog (a data file) and control targets.
//! - [`observation`]: what one probe or status read saw ([`Observation`],
//!   [`OfficialReading`]).
//! - [`cause`]: the cause ladder: why a probe failed ([`Cause`]), in plain words.
//! - [`check`]: the probes (`dns`, `tcp`, `tls`, `http`); a failure is an [`Observation`].
//! - [`status`]: official status sources (Atlassian Statuspage v2, Meta Status, Slack,
//!   Google's incident feeds, Status.io, incident.io).
//! - [`connectivity`]: judging the user's own network from control probes.
//! - [`layers`]: which passing probes a higher layer's failure on the same endpoint implies.
//! - [`verdict`]: the pure confirmation state machine.
//! - [`notice`]: which transitions notify, and their words.
//! - [`back`]: "tell me when it's back" requests.
//! - [`notifier`]: sending desktop notifications, bounded and off the engine's path.
//! - [`event`]: what the engine pushes to its shells; the snapshot.
//! - [`summary`]: the state in one line and which tray picture fits.
//! - [`engine`]: the scheduler that runs rounds and pushes [`event::EngineEvent`]s; it
//!   survives panics, long rounds and suspends.
//! - [`netwatch`]: sleep, wake and network changes, which start confirmations over.
//! - [`metrics`]: the opt-in Prometheus endpoint (`GET /metrics`) of `watch` and the app.
//! - [`store`]: the SQLite history (observations, transitions, incidents, uptime).
//! - [`report`]: the history as people read it, for the CLI's `history` and the dashboard.
//! - [`words`]: the words for states, connectivity, sources and durations.
//! - [`error`]: the engine's [`Error`]; a failed probe is data, not an error.
//!
//! # Example
//! ```
//! use outage_radar::{Settings, View, Verdict};
//! let settings = Settings::parse("builtins = []\nconfirm = 3", "config.toml".as_ref()).unwrap();
//! assert_eq!(settings.confirm, 3);
//! assert!(settings.services.is_empty());
//! // No probes and no official source: nothing to judge.
//! assert_eq!(View::judge(&[], None, 2000).verdict, Verdict::Unknown);
//! ```
#![deny(missing_docs)]

pub mod back;
pub mod catalog;
pub mod cause;
pub mod check;
pub mod config;
pub mod connectivity;
pub mod engine;
pub mod error;
pub mod event;
pub mod layers;
pub mod metrics;
pub mod netwatch;
pub mod notice;
pub mod notifier;
pub mod observation;
pub mod on_screen;
pub mod report;
pub mod status;
pub mod store;
pub mod summary;
pub mod verdict;
pub mod words;

pub use cause::Cause;
pub use config::{ConfigError, ProbeSpec, ServiceSpec, Settings, StatusSpec};
pub use connectivity::Connectivity;
pub use error::{Error, Result};
pub use observation::{Observation, OfficialIncident, OfficialReading, ProbeKind, SourceKind};
pub use store::Store;
pub use verdict::{Transition, Verdict, VerdictState, View};
