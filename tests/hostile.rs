//! Hostile servers cost bounded time and memory: a probe against a server that never
//! answers, stalls, loops, resets or sends an endless body returns within its timeout (plus
//! a generous margin for noisy machines) with the right cause, and an endless body does not
//! make the process grow.

use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use outage_radar::check::Prober;
use outage_radar::config::StatusRanges;
use outage_radar::{Cause, Observation, ProbeSpec, Settings, StatusSpec};

use crate::support::http::{HttpStub, Mode};

const TIMEOUT_MS: u64 = 500;
/// Slack over the timeout that a bounded probe may take on a loaded 2-core machine.
const MARGIN: Duration = Duration::from_secs(2);
/// How much an endless body may grow the process (the body cap is 1 MiB).
const MAX_GROWTH: u64 = 16 * 1024 * 1024;

/// Serialises the memory tests so they do not count each other's allocations.
static MEMORY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A prober for IP-literal URLs with the given timeout.
fn prober(timeout_ms: u64) -> Prober {
    let text = format!("builtins = []\ntimeout_ms = {timeout_ms}\n");
    Prober::new(&Settings::parse(&text, Path::new("test.toml")).unwrap()).unwrap()
}

/// Probes `url` with an optional `contains`, asserting it returns within the prober's
/// timeout plus [`MARGIN`] as measured from outside.
async fn bounded_probe(prober: &Prober, url: String, contains: Option<&str>) -> Observation {
    let spec = ProbeSpec::Http {
        url,
        expect: StatusRanges::default(),
        contains: contains.map(str::to_string),
    };
    let started = Instant::now();
    let o = prober.probe(&spec).await;
    let took = started.elapsed();
    assert!(took < prober.timeout() + MARGIN, "took {took:?}: {o:?}");
    o
}

/// A prober that has already made one request, so one-time setup (root certificates, the
/// client's first allocations) is not counted as growth.
async fn warm_prober(timeout_ms: u64) -> Prober {
    let prober = prober(timeout_ms);
    let stub = HttpStub::start(Mode::Ok("warm".into()));
    assert!(bounded_probe(&prober, stub.url("/"), None).await.ok);
    prober
}

/// Resident memory of this process in bytes (`VmRSS` in /proc/self/status).
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

/// Runs `work` while a thread samples the resident memory every few milliseconds; returns
/// its output and the peak growth over the level before it started. Sampling catches a
/// buffer that is freed again before `work` returns.
async fn peak_growth<T>(work: impl Future<Output = T>) -> (T, u64) {
    let before = rss_bytes();
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let sampler = thread::spawn(move || {
        let mut peak = rss_bytes();
        while !flag.load(Ordering::SeqCst) {
            peak = peak.max(rss_bytes());
            thread::sleep(Duration::from_millis(2));
        }
        peak.max(rss_bytes())
    });
    let out = work.await;
    done.store(true, Ordering::SeqCst);
    let peak = sampler.join().unwrap();
    (out, peak.saturating_sub(before))
}

#[tokio::test]
async fn a_server_that_never_answers_is_an_http_timeout() {
    let stub = HttpStub::start(Mode::Silent);
    let o = bounded_probe(&prober(TIMEOUT_MS), stub.url("/"), None).await;
    assert_eq!(o.cause, Some(Cause::HttpTimeout), "{o:?}");
    assert_eq!(stub.hits(), 1);
}

#[tokio::test]
async fn a_stalled_body_is_an_http_timeout() {
    let stub = HttpStub::start(Mode::StalledBody);
    let o = bounded_probe(&prober(TIMEOUT_MS), stub.url("/"), None).await;
    assert_eq!(o.cause, Some(Cause::HttpTimeout), "{o:?}");
}

#[tokio::test]
async fn a_redirect_loop_stops_after_ten_hops() {
    let stub = HttpStub::start(Mode::RedirectLoop);
    let o = bounded_probe(&prober(TIMEOUT_MS), stub.url("/loop/0"), None).await;
    assert_eq!(o.cause, Some(Cause::TooManyRedirects), "{o:?}");
    assert_eq!(stub.hits(), 11, "the first request and ten redirects");
}

#[tokio::test]
async fn a_reset_connection_is_named() {
    let stub = HttpStub::start(Mode::Reset);
    let o = bounded_probe(&prober(TIMEOUT_MS), stub.url("/"), None).await;
    assert_eq!(o.cause, Some(Cause::ConnectionReset), "{o:?}");
}

#[tokio::test]
async fn an_endless_body_is_read_up_to_the_cap_only() {
    let _serial = MEMORY.lock().await;
    let prober = warm_prober(1000).await;
    let stub = HttpStub::start(Mode::EndlessBody);
    let probe = bounded_probe(&prober, stub.url("/"), Some("needle"));
    let (o, growth) = peak_growth(probe).await;
    assert_eq!(o.cause, Some(Cause::BodyMismatch), "{o:?}");
    assert!(o.detail.contains("first 1 MiB"), "{o:?}");
    assert!(growth < MAX_GROWTH, "grew by {} KiB", growth / 1024);
}

#[tokio::test]
async fn an_endless_status_source_is_unreadable_and_bounded() {
    let _serial = MEMORY.lock().await;
    let stub = HttpStub::start(Mode::EndlessBody);
    let spec = StatusSpec::Statuspage {
        url: stub.url("/api/v2/summary.json"),
        component: None,
    };
    let prober = warm_prober(1000).await;
    let timeout = prober.timeout();
    let started = Instant::now();
    let read = outage_radar::status::read(prober.http_client(), &spec, timeout);
    let (reading, growth) = peak_growth(read).await;
    assert!(started.elapsed() < timeout + MARGIN, "{reading:?}");
    assert_eq!(reading.verdict, None, "{reading:?}");
    assert!(reading.text.contains("larger than"), "{reading:?}");
    assert!(growth < MAX_GROWTH, "grew by {} KiB", growth / 1024);
}
