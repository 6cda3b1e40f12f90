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

// ---------------------------------------------------------------------------------------
// Configurations

#[derive(Debug, Clone, Copy, PartialEq)]
enum Config {
    /// One `http` probe per service.
    Http,
    /// A `tcp` and an `http` probe per service.
    TcpHttp,
}

impl Config {
    const ALL: [Config; 2] = [Config::Http, Config::TcpHttp];

    fn name(self) -> &'static str {
        match self {
            Config::Http => "http",
            Config::TcpHttp => "tcp+http",
        }
    }

    fn probes_per_service(self) -> usize {
        match self {
            Config::Http => 1,
            Config::TcpHttp => 2,
        }
    }

    fn parse(name: &str) -> Option<Config> {
        Config::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The config file: no built-ins, one tcp control to the server, 1,000 services.
    fn toml(self, port: u16) -> String {
        let host = format!("{}:{port}", Ipv4Addr::LOCALHOST);
        let mut text = format!(
            "builtins = []\ntimeout_ms = {TIMEOUT_MS}\n\n[connectivity]\n\
             probes = [{{ kind = \"tcp\", addr = \"{host}\" }}]\n"
        );
        for n in 0..SERVICES {
            let http = format!("{{ kind = \"http\", url = \"http://{host}/svc/{n}\" }}");
            let probes = match self {
                Config::Http => http,
                Config::TcpHttp => format!("{{ kind = \"tcp\", addr = \"{host}\" }}, {http}"),
            };
            text.push_str(&format!(
                "\n[[services]]\nid = \"svc-{n}\"\nprobes = [{probes}]\n"
            ));
        }
        text
    }
}

// ---------------------------------------------------------------------------------------
// Driver

/// What a worker measured, in the order of its `RESULT` line.
struct Outcome {
    config: Config,
    probes_per_round: usize,
    rounds: usize,
    wall_s: f64,
    cpu_ticks: u64,
    rss_before_kib: u64,
    rss_peak_kib: u64,
    peak_fds: usize,
    checker_ms: f64,
}

impl Outcome {
    fn line(&self) -> String {
        format!(
            "RESULT {} {} {} {:.6} {} {} {} {} {:.3}",
            self.config.name(),
            self.probes_per_round,
            self.rounds,
            self.wall_s,
            self.cpu_ticks,
            self.rss_before_kib,
            self.rss_peak_kib,
            self.peak_fds,
            self.checker_ms
        )
    }

    fn from_line(line: &str) -> Option<Outcome> {
        let mut f = line.strip_prefix("RESULT ")?.split_whitespace();
        Some(Outcome {
            config: Config::parse(f.next()?)?,
            probes_per_round: f.next()?.parse().ok()?,
            rounds: f.next()?.parse().ok()?,
            wall_s: f.next()?.parse().ok()?,
            cpu_ticks: f.next()?.parse().ok()?,
            rss_before_kib: f.next()?.parse().ok()?,
            rss_peak_kib: f.next()?.parse().ok()?,
            peak_fds: f.next()?.parse().ok()?,
            checker_ms: f.next()?.parse().ok()?,
        })
    }

    fn probes(&self) -> usize {
        self.probes_per_round * self.rounds
    }

    fn cpu_s(&self, ticks_per_s: u64) -> f64 {
        self.cpu_ticks as f64 / ticks_per_s as f64
    }

    /// CPU milliseconds per service and round.
    fn cpu_ms_per_service(&self, ticks_per_s: u64) -> f64 {
        self.cpu_s(ticks_per_s) * 1000.0 / (SERVICES * self.rounds) as f64
    }
}

fn drive(rounds: usize) {
    let (ticks_per_s, tck_source) = clock_ticks();
    let (nofile_soft, nofile_hard) = open_files_limit();
    let widest = Config::ALL
        .map(Config::probes_per_service)
        .into_iter()
        .max();
    let needed = (MAX_CONCURRENT_SERVICES * widest.unwrap_or(1)) as u64 + FD_SLACK;
    assert!(
        nofile_soft >= needed,
        "open-files soft limit {nofile_soft} is below the {needed} this bench may need"
    );
    let kernel_before = tcp_counters();
    let server = Server::start();
    let exe = std::env::current_exe().expect("current_exe");
    let mut outcomes = Vec::new();
    for config in Config::ALL {
        let mut command = Command::new(&exe);
        command
            .env(WORKER_ENV, config.name())
            .env(PORT_ENV, server.port.to_string())
            .env(ROUNDS_ENV, rounds.to_string())
            .env_remove(SERVE_ENV)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit());
        for var in PROXY_VARS {
            command.env_remove(var);
        }
        let output = command.output().expect("running a worker");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "worker `{}` failed ({}); stdout:\n{stdout}",
            config.name(),
            output.status
        );
        let outcome = stdout
            .lines()
            .find_map(Outcome::from_line)
            .unwrap_or_else(|| panic!("worker `{}` printed no result:\n{stdout}", config.name()));
        outcomes.push(outcome);
    }
    drop(server);
    let kernel_after = tcp_counters();

    println!("# outage-radar engine bench: `check_once` against a local HTTP server");
    println!();
    println!(
        "services: {SERVICES}, MAX_CONCURRENT_SERVICES: {MAX_CONCURRENT_SERVICES}, \
         timeout_ms: {TIMEOUT_MS}, controls: 1 tcp (not counted as a probe)"
    );
    println!(
        "server: 127.0.0.1, separate process (its CPU is not counted), \
         200 OK + Connection: close"
    );
    println!(
        "rounds per config: 1 warm-up + {rounds} measured, each in a fresh worker process; \
         every service `up`, every HTTP probe served exactly once (no re-check)"
    );
    println!(
        "CPU: utime+stime of the worker process (/proc/self/stat), CLK_TCK = {ticks_per_s} \
         ({tck_source}, {} ms resolution); RSS: VmRSS before the warm-up, VmHWM at the end \
         (/proc/self/status)",
        1000 / ticks_per_s.max(1)
    );
    let fds: Vec<String> = outcomes
        .iter()
        .map(|o| format!("{} {}", o.config.name(), o.peak_fds))
        .collect();
    println!(
        "open files: soft limit {nofile_soft} (hard {nofile_hard}), peak open during warm-up: {}",
        fds.join(", ")
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "CPU % = worker CPU / wall (100 = one core; {cores} cores, shared with the server \
         and anything else running: wall figures are noisier than CPU figures)"
    );
    let kernel: Vec<String> = TCP_COUNTERS
        .iter()
        .enumerate()
        .map(|(i, name)| match (&kernel_before, &kernel_after) {
            (Some(b), Some(a)) => format!("{name} +{}", a[i].saturating_sub(b[i])),
            _ => format!("{name} n/a"),
        })
        .collect();
    println!(
        "kernel TCP counters over the run (/proc/net/netstat, whole network namespace; \
         non-zero may mean stalls): {}",
        kernel.join(", ")
    );
    println!();
    println!(
        "| config | services | probes | wall s | probes/s | CPU s / 1k probes | CPU % | \
         RSS before MiB | peak RSS MiB | (peak-before)/svc KiB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for o in &outcomes {
        let cpu_s = o.cpu_s(ticks_per_s);
        println!(
            "| {} | {} | {} | {:.3} | {:.0} | {:.3} | {:.0} | {:.1} | {:.1} | {:.1} |",
            o.config.name(),
            SERVICES,
            o.probes(),
            o.wall_s,
            o.probes() as f64 / o.wall_s,
            cpu_s * 1000.0 / o.probes() as f64,
            cpu_s * 100.0 / o.wall_s,
            o.rss_before_kib as f64 / 1024.0,
            o.rss_peak_kib as f64 / 1024.0,
            o.rss_peak_kib.saturating_sub(o.rss_before_kib) as f64 / SERVICES as f64,
        );
    }
    println!();
    let per_service: Vec<String> = outcomes
        .iter()
        .map(|o| {
            format!(
                "{} {:.3}",
                o.config.name(),
                o.cpu_ms_per_service(ticks_per_s)
            )
        })
        .collect();
    println!("CPU ms per service per round: {}", per_service.join(", "));
    if let [http, both] = outcomes.as_slice() {
        println!(
            "=> per probe: http ~{:.3} CPU ms, tcp ~{:.3} CPU ms (tcp+http minus http)",
            http.cpu_ms_per_service(ticks_per_s),
            both.cpu_ms_per_service(ticks_per_s) - http.cpu_ms_per_service(ticks_per_s),
        );
    }
    let built: Vec<String> = outcomes
        .iter()
        .map(|o| format!("{} {:.1}", o.config.name(), o.checker_ms))
        .collect();
    println!(
        "NetChecker::new (built once per worker, not in the figures) ms: {}",
        built.join(", ")
    );
}

/// The server child; killed and reaped when dropped (on panic too).
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        let exe = std::env::current_exe().expect("current_exe");
        let child = Command::new(exe)
            .env(SERVE_ENV, "1")
            .env_remove(WORKER_ENV)
            // The server exits when this pipe closes: the driver is gone, however it ended.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting the server");
        let mut server = Server { child, port: 0 };
        let stdout = server.child.stdout.take().expect("server stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reading the server's port");
        server.port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the server printed `{}`, not a port", line.trim()));
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// Worker

fn worker(config: Config) {
    for var in PROXY_VARS {
        assert!(
            std::env::var_os(var).is_none(),
            "{var} is set: the bench must not go through a proxy"
        );
    }
    let port: u16 = env_number(PORT_ENV);
    let rounds: usize = env_number(ROUNDS_ENV);
    let server = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let settings =
        Settings::parse(&config.toml(port), Path::new("<bench>")).expect("bench settings");
    assert_eq!(settings.services.len(), SERVICES);
    assert_loopback(&settings);
    let probes_per_round: usize = settings.services.iter().map(|s| s.probes.len()).sum();
    assert_eq!(probes_per_round, SERVICES * config.probes_per_service());
    let http_per_round = settings
        .services
        .iter()
        .flat_map(|s| &s.probes)
        .filter(|p| p.kind() == ProbeKind::Http)
        .count() as u64;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let built = Instant::now();
    let checker = Arc::new(NetChecker::new(&settings).expect("NetChecker"));
    let checker_ms = built.elapsed().as_secs_f64() * 1000.0;
    let rss_before_kib = proc_status_kib("VmRSS");

    // Warm-up: also where open descriptors are sampled (the sampler would cost CPU later).
    let served = server_requests(server);
    let sampler = FdSampler::start();
    let snapshot = runtime.block_on(check_once(&settings, checker.clone()));
    let peak_fds = sampler.stop();
    assert_all_up(&snapshot, "warm-up");
    assert_served(server, served, http_per_round, "warm-up");
    let (soft, _) = open_files_limit();
    assert!(
        (peak_fds as u64) < soft,
        "{peak_fds} descriptors open at once, soft limit {soft}"
    );

    let served = server_requests(server);
    let cpu_before = cpu_ticks();
    let started = Instant::now();
    for round in 1..=rounds {
        let snapshot = runtime.block_on(check_once(&settings, checker.clone()));
        assert_all_up(&snapshot, &format!("round {round}"));
    }
    let wall_s = started.elapsed().as_secs_f64();
    let cpu_ticks = cpu_ticks() - cpu_before;
    assert_served(
        server,
        served,
        http_per_round * rounds as u64,
        "measured rounds",
    );
    let outcome = Outcome {
        config,
        probes_per_round,
        rounds,
        wall_s,
        cpu_ticks,
        rss_before_kib,
        rss_peak_kib: proc_status_kib("VmHWM"),
        peak_fds,
        checker_ms,
    };
    println!("{}", outcome.line());
}

fn env_number<T: std::str::FromStr>(var: &str) -> T {
    let text = std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set"));
    text.parse()
        .unwrap_or_else(|_| panic!("{var}=`{text}` is not a number"))
}

/// Every probe (controls included) targets 127.0.0.1.
fn assert_loopback(settings: &Settings) {
    let local = Ipv4Addr::LOCALHOST.to_string();
    let probes = settings
        .services
        .iter()
        .flat_map(|s| &s.probes)
        .chain(&settings.connectivity);
    for probe in probes {
        let ok = match probe {
            ProbeSpec::Tcp { addr } => addr.starts_with(&format!("{local}:")),
            ProbeSpec::Http { url, .. } => url.starts_with(&format!("http://{local}:")),
            ProbeSpec::Dns { .. } | ProbeSpec::Tls { .. } => false,
        };
        assert!(ok, "non-loopback probe in the bench: {}", probe.target());
    }
    assert!(settings.services.iter().all(|s| s.status.is_none()));
}

fn assert_all_up(snapshot: &Snapshot, what: &str) {
    assert_eq!(
        snapshot.connectivity,
        Connectivity::Online,
        "{what}: not online"
    );
    assert_eq!(snapshot.services.len(), SERVICES, "{what}: service count");
    let not_up: Vec<String> = snapshot
        .services
        .iter()
        .filter(|s| s.state != Verdict::Up)
        .map(|s| format!("{} {:?}: {}", s.id, s.state, s.detail))
        .collect();
    assert!(
        not_up.is_empty(),
        "{what}: {} of {SERVICES} services not up, e.g. {:?}",
        not_up.len(),
        &not_up[..not_up.len().min(5)]
    );
}

/// The server saw exactly `expected` more requests: one per HTTP probe, so no service was
/// re-checked (a re-check would hide a failure and add `recheck_secs` to the wall time).
fn assert_served(server: SocketAddr, before: u64, expected: u64, what: &str) {
    let served = server_requests(server) - before;
    assert_eq!(
        served, expected,
        "{what}: the server answered {served} requests, expected {expected}"
    );
}

/// Asks the server how many requests it answered (this request not included).
fn server_requests(server: SocketAddr) -> u64 {
    let mut stream =
        TcpStream::connect_timeout(&server, Duration::from_secs(5)).expect("connect to server");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    write!(
        stream,
        "GET {STATS_PATH} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n"
    )
    .expect("stats request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("stats answer");
    answer
        .split("requests=")
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("bad stats answer: {answer:?}"))
}

/// Samples the number of open descriptors of this process until stopped.
struct FdSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicUsize>,
    thread: JoinHandle<()>,
}

impl FdSampler {
    fn start() -> FdSampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicUsize::new(0));
        let (s, p) = (stop.clone(), peak.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if let Ok(dir) = std::fs::read_dir("/proc/self/fd") {
                    p.fetch_max(dir.count(), Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        FdSampler { stop, peak, thread }
    }

    fn stop(self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("fd sampler");
        self.peak.load(Ordering::Relaxed)
    }
}

// ---------------------------------------------------------------------------------------
// /proc readings (Linux)

/// utime + stime of this process, in clock ticks (fields 14 and 15 of /proc/self/stat).
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // The command name (field 2) may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')').expect("stat format") + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state): utime is field 14, stime field 15.
    let field = |n: usize| -> u64 { fields[n - 3].parse().expect("stat field") };
    field(14) + field(15)
}

/// A `kB` line of /proc/self/status, e.g. `VmHWM`.
fn proc_status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in /proc/self/status"))
}

/// Kernel counters that reveal connection stalls (a full accept queue drops SYNs, which
/// come back only after a 1 s retransmit).
const TCP_COUNTERS: [&str; 2] = ["ListenOverflows", "TCPSynRetrans"];

/// [`TCP_COUNTERS`] from the `TcpExt` lines of /proc/net/netstat (this network namespace).
fn tcp_counters() -> Option<Vec<u64>> {
    let netstat = std::fs::read_to_string("/proc/net/netstat").ok()?;
    let mut lines = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let names: Vec<&str> = lines.next()?.split_whitespace().collect();
    let values: Vec<&str> = lines.next()?.split_whitespace().collect();
    TCP_COUNTERS
        .iter()
        .map(|c| {
            let i = names.iter().position(|n| n == c)?;
            values.get(i)?.parse().ok()
        })
        .collect()
}

/// Clock ticks per second from `getconf CLK_TCK`, else 100 (the Linux value).
fn clock_ticks() -> (u64, &'static str) {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .filter(|&t| t > 0)
        .map_or((100, "getconf failed, assumed"), |t| (t, "getconf"))
}

/// The open-files limit (soft, hard) from /proc/self/limits; `unlimited` is `u64::MAX`.
fn open_files_limit() -> (u64, u64) {
    let limits = std::fs::read_to_string("/proc/self/limits").expect("/proc/self/limits");
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .expect("no open-files line in /proc/self/limits");
    let value = |s: &str| {
        if s == "unlimited" {
            u64::MAX
        } else {
            s.parse().expect("open-files limit")
        }
    };
    let mut f = line["Max open files".len()..].split_whitespace();
    let soft = value(f.next().expect("soft limit"));
    let hard = value(f.next().expect("hard limit"));
    (soft, hard)
}

// ---------------------------------------------------------------------------------------
// Server

fn serve() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("server runtime");
    runtime.block_on(async {
        // A deep accept queue: with the default 128, a burst of 100 services' connects
        // overflows it and dropped SYNs come back only after a 1 s retransmit.
        let socket = tokio::net::TcpSocket::new_v4().expect("server socket");
        socket
            .bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .expect("server bind");
        let listener = socket.listen(SERVER_BACKLOG).expect("server listen");
        let port = listener.local_addr().expect("server address").port();
        let mut stdout = std::io::stdout();
        writeln!(stdout, "{port}").expect("printing the port");
        stdout.flush().expect("printing the port");
        // The driver holds our stdin: end of file means it is gone.
        std::thread::spawn(|| {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
            std::process::exit(0);
        });
        let requests = Arc::new(AtomicU64::new(0));
        let accept = async {
            loop {
                match listener.accept().await {
                    Ok((stream, _)) => {
                        tokio::spawn(answer(stream, requests.clone()));
                    }
                    Err(e) => {
                        eprintln!("bench server: accept: {e}");
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                }
            }
        };
        tokio::select! {
            _ = accept => {}
            _ = tokio::time::sleep(SERVER_LIFETIME) => eprintln!("bench server: lifetime over"),
        }
    });
}

/// Reads one request head and answers `200 OK` with `Connection: close`. A connection
/// closed before a full head (a tcp probe) is just dropped.
async fn answer(mut stream: tokio::net::TcpStream, requests: Arc<AtomicU64>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let exchange = async {
        let mut head = [0u8; 4096];
        let mut len = 0;
        while !head[..len].windows(4).any(|w| w == b"\r\n\r\n") {
            if len == head.len() {
                return;
            }
            match stream.read(&mut head[len..]).await {
                Ok(0) | Err(_) => return,
                Ok(n) => len += n,
            }
        }
        let path = head[..len].split(|&b| b == b' ').nth(1).unwrap_or_default();
        let body = if path == STATS_PATH.as_bytes() {
            format!("requests={}\n", requests.load(Ordering::SeqCst))
        } else {
            requests.fetch_add(1, Ordering::SeqCst);
            "ok\n".to_string()
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    };
    let _ = tokio::time::timeout(Duration::from_secs(30), exchange).await;
}
