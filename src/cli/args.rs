//! Flags and subcommands. Names are public interface: add, never rename (docs/design.md,
//! “CLI contract”).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Printed after the flags by `--help`: where the program comes from, and the metrics.
const AFTER_HELP: &str = "\
Packages: the .deb and .rpm install this command (`outage-radar`, no display needed) with
its man pages (`man outage-radar`) and bash, zsh and fish completions, and the desktop app
`outage-radar-desktop`, a tray icon over the same engine.

Prometheus: with `[metrics] listen = \"127.0.0.1:9469\"` in the config file, `watch` and
the desktop app serve GET /metrics in the Prometheus text format (probe_success,
probe_duration_seconds, outage_radar_service_state, outage_radar_service_up,
outage_radar_connectivity, outage_radar_official_status, outage_radar_rounds_total,
outage_radar_last_round_timestamp_seconds). Off by default; an address other than
loopback exposes the metrics to your network and must be written out (\"0.0.0.0:9469\").";

/// Is it me or is it them? Checks whether the online services you depend on work, and
/// whether your own connection does.
#[derive(Debug, Parser)]
#[command(name = "outage-radar", version, about, after_help = AFTER_HELP)]
pub struct Args {
    /// Config file (default: ~/.config/outage-radar/config.toml; when the default is
    /// missing, the built-in catalog; a file given here must exist).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,
    /// Where the history database lives (default: ~/.local/share/outage-radar).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub data_dir: Option<PathBuf>,
    /// More logging on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(
        short,
        long,
        global = true,
        action = clap::ArgAction::Count,
        help_heading = "Global options"
    )]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every service once (failures are re-checked after a few seconds).
    ///
    /// Exit codes: 0 all up, 1 degraded or maintenance, 2 down, 3 your connectivity is not
    /// online or a service cannot be judged, 64 bad config.
    Check {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Keep checking; print one line per change and notify the desktop, until Ctrl-C.
    ///
    /// With `[metrics] listen` in the config file, also serves Prometheus metrics on
    /// GET /metrics at that address (printed at start).
    Watch {
        /// Print JSON lines instead of text.
        #[arg(long)]
        json: bool,
        /// Do not send desktop notifications.
        #[arg(long)]
        no_notify: bool,
        /// Tell me when it's back: stop (exit 0) once this service is confirmed up, with
        /// one notification even in quiet hours.
        #[arg(long, value_name = "ID")]
        until_up: Option<String>,
    },
    /// Show past incidents and uptime per service.
    History {
        /// Only this service (its id, see `services`).
        #[arg(long, value_name = "ID")]
        service: Option<String>,
        /// How far back: 90m, 24h, 7d, 2w, or a date (2026-11-01).
        #[arg(long, default_value = "24h", value_name = "SPAN")]
        since: String,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// List the built-in and configured services and what is probed.
    Services {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// The whole catalog, watched or not (each with `watched`).
        #[arg(long)]
        all: bool,
    },
}
