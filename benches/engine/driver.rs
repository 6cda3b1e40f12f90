//! The driver: starts the server and one worker per configuration, prints the table.

#[allow(unused_imports)] // Each part uses some of the shared imports.
use super::*;

/// What a worker measured, in the order of its `RESULT` line.
pub(crate) struct Outcome {
    pub(crate) config: Config,
    pub(crate) probes_per_round: usize,
    pub(crate) rounds: usize,
    pub(crate) wall_s: f64,
    pub(crate) cpu_ticks: u64,
    pub(crate) rss_before_kib: u64,
    pub(crate) rss_peak_kib: u64,
    pub(crate) peak_fds: usize,
    pub(crate) checker_ms: f64,
}

impl Outcome {
    pub(crate) fn line(&self) -> String {
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

    pub(crate) fn from_line(line: &str) -> Option<Outcome> {
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

    pub(crate) fn probes(&self) -> usize {
        self.probes_per_round * self.rounds
    }

    pub(crate) fn cpu_s(&self, ticks_per_s: u64) -> f64 {
        self.cpu_ticks as f64 / ticks_per_s as f64
    }

    /// CPU milliseconds per service and round.
    pub(crate) fn cpu_ms_per_service(&self, ticks_per_s: u64) -> f64 {
        self.cpu_s(ticks_per_s) * 1000.0 / (SERVICES * self.rounds) as f64
    }
}

pub(crate) fn drive(rounds: usize) {
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
pub(crate) struct Server {
    child: Child,
    port: u16,
}

impl Server {
    pub(crate) fn start() -> Server {
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
