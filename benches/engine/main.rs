//! Engine benchmark: `check_once` rounds of 1,000 services against a local HTTP server.
//!
//! `cargo bench --bench engine` (or `cargo bench --bench engine -- --quick` for fewer rounds)
//! prints probes per second, CPU seconds per 1,000 probes and peak RSS per configuration.
//!
//! One binary, three roles; the role comes from an env var that only this binary sets:
//! - the **driver** (no role variable): starts the server, runs one worker per
//!   configuration, prints the table, and kills the server when it ends (even on panic);
//! - the **server** (`OUTAGE_RADAR_BENCH_SERVE=1`): a small tokio HTTP/1.1 server on
//!   127.0.0.1:0 that prints its port and answers every request with `200 OK` and
//!   `Connection: close`. It is a separate process, so its CPU never counts;
//! - a **worker** (`OUTAGE_RADAR_BENCH_WORKER=<config>`): builds the settings, runs a warm-up
//!   round then the measured rounds, and prints one result line. A fresh process per
//!   configuration, so each peak RSS (VmHWM) is that configuration's own.
//!
//! Traffic goes to 127.0.0.1 only (proxy variables are removed for the workers and every
//! probe target is checked), and is bounded: (1 + rounds) x 1,000 services per configuration.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use outage_radar::engine::{check_once, NetChecker, MAX_CONCURRENT_SERVICES};
use outage_radar::event::Snapshot;
use outage_radar::{Connectivity, ProbeKind, ProbeSpec, Settings, Verdict};

/// Role variable: run as the HTTP server.
const SERVE_ENV: &str = "OUTAGE_RADAR_BENCH_SERVE";
/// Role variable: run one configuration (its name) as a worker.
const WORKER_ENV: &str = "OUTAGE_RADAR_BENCH_WORKER";
/// Driver → worker: the server's port.
const PORT_ENV: &str = "OUTAGE_RADAR_BENCH_PORT";
/// Driver → worker: how many measured rounds.
const ROUNDS_ENV: &str = "OUTAGE_RADAR_BENCH_ROUNDS";

const SERVICES: usize = 1_000;
const TIMEOUT_MS: u64 = 5_000;
/// Measured rounds; CPU time is counted in 10 ms ticks, so a second or so of work keeps the
/// rounding error near 1%.
const ROUNDS: usize = 10;
/// Measured rounds with `-- --quick`.
const QUICK_ROUNDS: usize = 2;
/// The server exits after this long even if the driver never stops it.
const SERVER_LIFETIME: Duration = Duration::from_secs(900);
/// A probe's share of file descriptors is one socket; this covers the runtime, the
/// resolver, pipes and the fd sampler.
const FD_SLACK: u64 = 64;
/// reqwest reads these; a proxy would send "local" traffic elsewhere.
const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];
/// The server's accept queue (the kernel caps it at `net.core.somaxconn`).
const SERVER_BACKLOG: u32 = 1024;
/// The path whose answer is the server's request count (not counted itself).
const STATS_PATH: &str = "/__stats";

fn main() {
    if std::env::var_os(SERVE_ENV).is_some() {
        serve();
    } else if let Some(name) = std::env::var_os(WORKER_ENV) {
        let name = name.to_string_lossy();
        let config = Config::parse(&name).unwrap_or_else(|| panic!("unknown config `{name}`"));
        worker(config);
    } else {
        let quick = std::env::args().any(|a| a == "--quick");
        drive(if quick { QUICK_ROUNDS } else { ROUNDS });
    }
}

mod config;
mod driver;
mod procfs;
mod server;
mod worker;

use config::*;
use driver::*;
use procfs::*;
use server::*;
use worker::*;
