//! A second launch while the app runs: the running instance does what the new command line
//! asked (`--open settings`, `--hidden`), and says so when it asked for another config file,
//! which a running instance cannot switch to.

use std::path::{Path, PathBuf};

use clap::Parser;
use outage_radar::notice::Notice;

use crate::app::AppHandle;
use crate::args::{Args, WindowArg};
use crate::windows::{self, View};

/// Handles the command line of a launch that found this instance running. `cwd` is the
/// second launch's working directory, against which its relative paths are meant.
pub fn second_launch(app: &AppHandle, argv: &[String], cwd: &str) {
    let args = match Args::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            // The second process already exited: its mistake can only be logged here, and
            // the user still gets the window a plain launch gives.
            tracing::warn!("a second launch had arguments the app does not understand: {e}");
            windows::open(app, View::Dashboard);
            return;
        }
    };
    let state = &app.state;
    if let Some(asked) = &args.config {
        let asked = resolve(Path::new(cwd), asked);
        if !same_file(&asked, &state.config_path) {
            tracing::warn!(
                "a second launch asked for {}, but this instance uses {}",
                asked.display(),
                state.config_path.display()
            );
            state
                .notifier
                .send(other_config_notice(&state.config_path, &asked));
        }
    }
    if let Some(view) = window_asked(&args) {
        windows::open(app, view);
    }
}

/// The window a second launch asks for: the one named by `--open`, none with `--hidden`
/// (a login item starting a second time), else the dashboard (the user clicked the app).
fn window_asked(args: &Args) -> Option<View> {
    match args.open {
        Some(WindowArg::Dashboard) => Some(View::Dashboard),
        Some(WindowArg::Settings) => Some(View::Settings),
        None if args.hidden => None,
        None => Some(View::Dashboard),
    }
}

fn resolve(cwd: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// Whether two paths name one file (through links and `..`); paths to files that do not
/// exist compare as written.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The notification a launch with another `--config` gets.
fn other_config_notice(running: &Path, asked: &Path) -> Notice {
    Notice {
        title: "Outage Radar is already running".into(),
        body: format!(
            "It uses the settings in {}, not {}. To use the other file, quit Outage Radar \
             from the tray and start it again.",
            running.display(),
            asked.display()
        ),
        about: vec!["outage-radar:config".into()],
        ..Notice::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Args {
        let argv = std::iter::once("outage-radar-desktop").chain(args.iter().copied());
        Args::try_parse_from(argv).expect("valid arguments")
    }

    #[test]
    fn a_second_launch_opens_the_window_its_arguments_name() {
        assert_eq!(window_asked(&parse(&[])), Some(View::Dashboard));
        assert_eq!(
            window_asked(&parse(&["--open", "settings"])),
            Some(View::Settings)
        );
        assert_eq!(
            window_asked(&parse(&["--open", "dashboard"])),
            Some(View::Dashboard)
        );
        assert_eq!(window_asked(&parse(&["--hidden"])), None);
    }

    #[test]
    fn relative_config_paths_are_the_second_launchs_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "").expect("write");
        let asked = resolve(dir.path(), Path::new("./config.toml"));
        assert!(same_file(&asked, &file));
        assert!(!same_file(
            &resolve(dir.path(), Path::new("other.toml")),
            &file
        ));
    }

    #[test]
    fn the_notice_names_both_files() {
        let notice = other_config_notice(Path::new("/a/config.toml"), Path::new("/b/x.toml"));
        assert!(notice.body.contains("/a/config.toml"), "{}", notice.body);
        assert!(notice.body.contains("/b/x.toml"), "{}", notice.body);
        assert!(!notice.critical);
    }
}
