//! Logging: to stderr, and to a file a day in `<data dir>/logs` that a user can attach to a
//! bug report (the dashboard's footer says where). `RUST_LOG` overrides the default level.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Log files kept: a week of days; older ones are deleted as new ones start.
const KEEP_FILES: usize = 7;

/// Installs the subscriber; returns the folder of the log files, or None when it cannot be
/// written (logging then goes to stderr only, and says why).
pub fn init(data_dir: &Path) -> Option<PathBuf> {
    let dir = data_dir.join("logs");
    let file = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("outage-radar-desktop")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(&dir);
    let filter = || {
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new("warn,outage_radar=info,outage_radar_desktop=info"))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_filter(filter());
    match file {
        Ok(file) => {
            // Writes are synchronous, so the last lines before a crash are in the file.
            let to_file = fmt::layer()
                .with_writer(file)
                .with_ansi(false)
                .with_target(false)
                .with_filter(filter());
            tracing_subscriber::registry()
                .with(stderr)
                .with(to_file)
                .init();
            Some(dir)
        }
        Err(e) => {
            tracing_subscriber::registry().with(stderr).init();
            tracing::warn!("no log file in {}: {e}", dir.display());
            None
        }
    }
}
