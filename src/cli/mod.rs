//! The command line: parse flags, load settings, dispatch, map errors to exit codes.

mod args;
mod assets;
mod check;
mod history;
mod services;
mod table;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use outage_radar::{Error, Settings};

use args::{Args, Command};

/// Exit code for a bad config file (sysexits EX_USAGE; docs/design.md, “CLI contract”).
const EXIT_CONFIG: u8 = 64;

pub fn main() -> ExitCode {
    if let Some(dir) = assets::requested() {
        return match assets::run(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("outage-radar: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let args = Args::parse();
    init_logging(args.verbose);
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("outage-radar: {e:#}");
            ExitCode::from(exit_code_of(&e))
        }
    }
}

/// A command line that names something that does not exist (`history --service nosuch`):
/// exit 64 like a bad config, with the message saying what would do.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// 64 when the config file or the command line is at fault (including a bad `[tls] ca_files` entry), else 1.
/// A TLS or HTTP client that cannot be set up is not the config's fault.
fn exit_code_of(e: &anyhow::Error) -> u8 {
    let config_error = e.chain().any(|c| {
        c.downcast_ref::<outage_radar::ConfigError>().is_some()
            || c.downcast_ref::<UsageError>().is_some()
            || matches!(
                c.downcast_ref::<Error>(),
                Some(Error::Config(_) | Error::CaFile { .. })
            )
    });
    if config_error {
        EXIT_CONFIG
    } else {
        1
    }
}

fn run(args: Args) -> anyhow::Result<u8> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let settings = || load_settings(args.config.clone());
    runtime.block_on(async {
        match args.command {
            Command::Check { json } => check::run(&settings()?, json).await,
            Command::Watch {
                json,
                no_notify,
                until_up,
            } => {
                let options = watch::Options {
                    json,
                    notify: !no_notify,
                    until_up,
                };
                watch::run(settings()?, data_dir(args.data_dir)?, options).await
            }
            Command::History {
                service,
                since,
                json,
            } => {
                // Names as `check` shows them; a config that does not load only costs them.
                let settings = settings().ok();
                history::run(
                    &data_dir(args.data_dir)?,
                    settings.as_ref(),
                    service,
                    since,
                    json,
                )
            }
            Command::Services { json, all } => services::run(&settings()?, json, all),
        }
    })
}

/// Loads the config file: `--config`, else the platform default. A missing file means the
/// built-in catalog with defaults; a broken one is an error naming line and key.
fn load_settings(explicit: Option<PathBuf>) -> anyhow::Result<Settings> {
    let path = match explicit {
        // Only the default may be missing: a file named on purpose that is not there is a
        // typo, and running on the defaults instead would hide it.
        Some(path) if !path.exists() => {
            return Err(outage_radar::ConfigError {
                file: path,
                line: None,
                key: None,
                message: "no such file (only the default config file may be missing)".into(),
            }
            .into())
        }
        Some(path) => path,
        None => match outage_radar::config::default_config_path() {
            Some(path) => path,
            None => return Ok(Settings::defaults()),
        },
    };
    Ok(Settings::load(&path)?)
}

fn data_dir(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    explicit
        .or_else(outage_radar::config::default_data_dir)
        .context("no data directory: pass --data-dir")
}

/// Logs go to stderr so stdout stays clean for tables and JSON. `RUST_LOG` overrides.
fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!("outage_radar={default},{default}"))
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: Error) -> u8 {
        exit_code_of(&anyhow::Error::new(e).context("loading"))
    }

    #[test]
    fn config_and_ca_file_errors_exit_64() {
        let config = outage_radar::ConfigError {
            file: "config.toml".into(),
            line: Some(3),
            key: Some("interval_secs".into()),
            message: "expected an integer".into(),
        };
        assert_eq!(code(Error::Config(config)), EXIT_CONFIG);
        let ca = Error::CaFile {
            path: "/nowhere/ca.pem".into(),
            source: std::io::ErrorKind::NotFound.into(),
        };
        assert!(ca.to_string().contains("/nowhere/ca.pem"), "{ca}");
        assert_eq!(code(ca), EXIT_CONFIG);
    }

    #[test]
    fn tls_and_http_client_setup_are_not_config_errors() {
        assert_eq!(code(Error::Tls("no crypto provider".into())), 1);
        let reqwest_error = reqwest::Client::new()
            .get("not a url")
            .build()
            .expect_err("a relative URL does not build");
        let http = Error::HttpClient(reqwest_error);
        assert!(http.to_string().starts_with("HTTP client: "), "{http}");
        assert_eq!(code(http), 1);
    }
}
