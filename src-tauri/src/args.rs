//! Command-line flags: the CLI's global flags plus what a desktop app needs.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Outage Radar in the tray: is it me or is it them?
#[derive(Debug, Clone, Parser)]
#[command(name = "outage-radar-desktop", version, about)]
pub struct Args {
    /// Config file (default: ~/.config/outage-radar/config.toml; missing = built-in catalog).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where the history database lives (default: ~/.local/share/outage-radar).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open a window at start.
    #[arg(long, value_enum, value_name = "WINDOW")]
    pub open: Option<WindowArg>,
    /// Start in the tray without any window (used when started at login).
    #[arg(long)]
    pub hidden: bool,
}

/// A window to open at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WindowArg {
    /// Status, history and incidents.
    Dashboard,
    /// Services, intervals, notifications.
    Settings,
}
