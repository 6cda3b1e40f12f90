//! Integration tests of `outage-radar`: loopback only, never the internet.

/// The real binary: exit codes, JSON, watch, history across SIGKILL.
mod cli;
/// Config loading: defaults, validation errors with file, line and key.
mod config;
/// The engine's schedule and confirmation under paused time.
mod engine;
/// Desktop notifications over a private D-Bus session.
mod notify;
/// Shared helpers: loopback stubs and a scripted checker.
mod support;
/// The confirmation state machine, table-driven.
mod verdict;
