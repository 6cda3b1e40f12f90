//! A worker: one configuration, a warm-up round, the measured rounds, one result line.

#[allow(unused_imports)] // Each part uses some of the shared imports.
use super::*;

pub(crate) fn worker(config: Config) {
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

pub(crate) fn env_number<T: std::str::FromStr>(var: &str) -> T {
    let text = std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set"));
    text.parse()
        .unwrap_or_else(|_| panic!("{var}=`{text}` is not a number"))
}

/// Every probe (controls included) targets 127.0.0.1.
pub(crate) fn assert_loopback(settings: &Settings) {
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

pub(crate) fn assert_all_up(snapshot: &Snapshot, what: &str) {
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
pub(crate) fn assert_served(server: SocketAddr, before: u64, expected: u64, what: &str) {
    let served = server_requests(server) - before;
    assert_eq!(
        served, expected,
        "{what}: the server answered {served} requests, expected {expected}"
    );
}

/// Asks the server how many requests it answered (this request not included).
pub(crate) fn server_requests(server: SocketAddr) -> u64 {
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
pub(crate) struct FdSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicUsize>,
    thread: JoinHandle<()>,
}

impl FdSampler {
    pub(crate) fn start() -> FdSampler {
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

    pub(crate) fn stop(self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("fd sampler");
        self.peak.load(Ordering::Relaxed)
    }
}
