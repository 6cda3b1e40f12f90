//! `outage-radar __generate-assets DIR`: the man pages and shell completions, made from the
//! same clap definition that parses the flags, so they never drift from `--help`.
//! `make package` runs it on the release binary and puts the files into the packages.
//!
//! It is not a clap subcommand: a hidden one would still be offered by the completions it
//! writes. Generating at package time rather than in a build script keeps clap out of the
//! build scripts, so every crate is compiled once.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

use super::args::Args;

/// The first argument that asks for the assets.
const FLAG: &str = "__generate-assets";

/// `Some(DIR)` when the binary was started as `outage-radar __generate-assets DIR`.
pub fn requested() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    (args.next()? == FLAG).then(|| args.next().map(PathBuf::from))?
}

/// Writes `DIR/man/outage-radar.1` (and one page per subcommand) and
/// `DIR/completions/{outage-radar.bash,_outage-radar,outage-radar.fish}`.
pub fn run(dir: &Path) -> anyhow::Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    for d in [&man, &completions] {
        std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
    }
    clap_mangen::generate_to(Args::command(), &man)
        .with_context(|| format!("writing man pages to {}", man.display()))?;
    let mut cmd = Args::command();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd, "outage-radar", &completions)
            .with_context(|| format!("writing {shell} completions to {}", completions.display()))?;
    }
    Ok(())
}
