//! `outage-radar`: the check engine in a terminal (see `outage-radar --help`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
