//! Integration tests of `outage-radar`: loopback only, never the internet.

/// The built-in catalog: `services --all`, the README table, new status kinds over loopback.
mod catalog;
/// The real binary: exit codes, JSON, watch, history across SIGKILL.
mod cli;
/// Config loading: defaults, validation errors with file, line and key.
mod config;
/// Is it me? Connectivity judged from control observations and live control probes.
mod connectivity;
/// The UI's TypeScript types match the JSON the backend sends.
mod contract;
/// The engine's schedule and confirmation under paused time.
mod engine;
/// A flaky network (loss, latency spikes, a flapping control) raises no false alarm.
mod flaky;
/// Parsers and classifiers fed random, truncated and mutated input: no panic, bounded time.
mod garbage;
/// Time the app was not running is a gap in `history`, never up or down.
mod history_gaps;
/// A damaged or locked history never stops the real binary.
mod history_recovery;
/// Hostile servers: every probe bounded in time and memory.
mod hostile;
/// Official lag and "tell me when it's back" through the real binary.
mod lag;
/// The Prometheus endpoint of the real `watch`: series, promtool, 404 for anything else.
mod metrics;
/// Desktop notifications over a private D-Bus session.
mod notify;
/// One order of severity across the tray icon, the tray line, `overall` and the exit code.
mod overall;
/// Every cause of the ladder, classified by real probes against loopback stubs.
mod probes;
/// A status page's outage, said as its report beside our own checks.
mod reported;
/// The engine on bad days: long rounds, suspends, panics, a burst of "Check now".
mod resilience;
/// Saving from the settings window: the user's file patched, never rewritten.
mod settings_save;
/// Shared helpers: loopback stubs and a scripted checker.
mod support;
/// The confirmation state machine, table-driven.
mod verdict;
/// Sleep, wake and network changes start confirmations over.
mod wake;
