//! Tests of [`super::read`] against tiny HTTP/1.1 stubs on 127.0.0.1: never the internet.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use super::*;
use crate::SourceKind;

const OPERATIONAL: &[u8] = include_bytes!("../../tests/fixtures/statuspage_operational.json");
const ORGS: &[u8] = include_bytes!("../../tests/fixtures/metastatus_orgs.json");
const HTML: &[u8] = include_bytes!("../../tests/fixtures/metastatus_html_shell.html");

/// What a stub does with each connection, after reading the request head.
enum Stub {
    /// Writes these bytes, then closes.
    Answer(Vec<u8>),
    /// Never answers; holds the connection open.
    Silent,
    /// Answers 200 and streams a body forever; reports how much it wrote once the client left.
    Endless(mpsc::UnboundedSender<usize>),
}

/// A complete HTTP/1.1 response.
fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body].concat()
}

/// Starts a stub; returns its URL and a receiver of the request heads it saw.
async fn serve(stub: Stub) -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let url = format!(
        "http://{}/api/v2/summary.json",
        listener.local_addr().expect("local addr")
    );
    let (heads_tx, heads) = mpsc::unbounded_channel();
    let stub = Arc::new(stub);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream, Arc::clone(&stub), heads_tx.clone()));
        }
    });
    (url, heads)
}

async fn handle(mut stream: TcpStream, stub: Arc<Stub>, heads: mpsc::UnboundedSender<String>) {
    let _ = heads.send(read_head(&mut stream).await);
    match &*stub {
        Stub::Answer(bytes) => {
            let _ = stream.write_all(bytes).await;
            let _ = stream.shutdown().await;
        }
        Stub::Silent => {
            std::future::pending::<()>().await;
            drop(stream);
        }
        Stub::Endless(report) => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n").await;
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while stream.write_all(&chunk).await.is_ok() {
                sent += chunk.len();
            }
            let _ = report.send(sent);
        }
    }
}

/// Reads up to the end of the request head (the client sends no body).
async fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client builds")
}

fn statuspage(url: &str, component: Option<&str>) -> StatusSpec {
    StatusSpec::Statuspage {
        url: url.to_string(),
        component: component.map(str::to_string),
    }
}

fn metastatus(url: &str, org: &str) -> StatusSpec {
    StatusSpec::Metastatus {
        url: url.to_string(),
        org: org.to_string(),
        service: None,
    }
}

#[tokio::test]
async fn a_good_summary_reads_up() {
    let (url, mut heads) = serve(Stub::Answer(response(
        "200 OK",
        "application/json",
        OPERATIONAL,
    )))
    .await;
    let reading = read(&client(), &statuspage(&url, None), Duration::from_secs(5)).await;
    assert_eq!(reading.source, SourceKind::Statuspage);
    assert_eq!(reading.url, url);
    assert_eq!(reading.verdict, Some(Verdict::Up));
    assert_eq!(reading.text, "All Systems Operational");
    let head = heads
        .recv()
        .await
        .expect("request seen")
        .to_ascii_lowercase();
    assert!(
        head.starts_with("get /api/v2/summary.json http/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\naccept: application/json\r\n"), "{head}");
}

#[tokio::test]
async fn a_component_is_read_through_the_spec() {
    let (url, _heads) = serve(Stub::Answer(response(
        "200 OK",
        "application/json",
        OPERATIONAL,
    )))
    .await;
    let reading = read(
        &client(),
        &statuspage(&url, Some("Warehouse")),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(
        (reading.verdict, reading.text.as_str()),
        (None, "component `Warehouse` not found on the page")
    );
}

#[tokio::test]
async fn metastatus_is_read_and_its_html_shell_is_not_up() {
    let (url, _heads) = serve(Stub::Answer(response("200 OK", "application/json", ORGS))).await;
    let reading = read(
        &client(),
        &metastatus(&url, "facebook-login"),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reading.source, SourceKind::Metastatus);
    assert_eq!(
        (reading.verdict, reading.text.as_str()),
        (Some(Verdict::Down), "Facebook Login: High disruptions")
    );

    let (url, _heads) = serve(Stub::Answer(response(
        "200 OK",
        "text/html; charset=utf-8",
        HTML,
    )))
    .await;
    let reading = read(
        &client(),
        &metastatus(&url, "facebook-login"),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(
        (reading.verdict, reading.text.as_str()),
        (None, "not a Meta Status list (got HTML)")
    );
}

#[tokio::test]
async fn a_non_2xx_status_is_no_opinion() {
    let cases = [
        ("503 Service Unavailable", "HTTP 503"),
        ("404 Not Found", "HTTP 404"),
        ("301 Moved Permanently", "HTTP 301"),
    ];
    for (status, text) in cases {
        // A 5xx page often carries an HTML or even a plausible JSON body: it must not be parsed.
        let (url, _heads) = serve(Stub::Answer(response(
            status,
            "application/json",
            OPERATIONAL,
        )))
        .await;
        let reading = read(&client(), &statuspage(&url, None), Duration::from_secs(5)).await;
        assert_eq!(
            (reading.verdict, reading.text.as_str()),
            (None, text),
            "{status}"
        );
    }
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let (url, _heads) = serve(Stub::Silent).await;
    let started = Instant::now();
    let reading = read(
        &client(),
        &statuspage(&url, None),
        Duration::from_millis(300),
    )
    .await;
    let took = started.elapsed();
    assert_eq!(
        (reading.verdict, reading.text.as_str()),
        (None, "timed out after 300 ms")
    );
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(3),
        "took {took:?}"
    );
    assert!(reading.latency_ms >= 300, "latency {}", reading.latency_ms);
}

#[tokio::test]
async fn an_endless_body_is_cut_not_buffered() {
    let (report, mut sent) = mpsc::unbounded_channel();
    let (url, _heads) = serve(Stub::Endless(report)).await;
    let reading = read(&client(), &statuspage(&url, None), Duration::from_secs(10)).await;
    assert_eq!(
        (reading.verdict, reading.text.as_str()),
        (None, "body larger than 1 MiB")
    );
    // The client hung up after the cap: the server's writes fail soon after, having sent no
    // more than the cap plus what the loopback socket buffers hold.
    let sent = tokio::time::timeout(Duration::from_secs(10), sent.recv())
        .await
        .expect("server stopped")
        .expect("report");
    assert!(sent < 64 * 1024 * 1024, "server wrote {sent} bytes");
}

#[tokio::test]
async fn transport_failures_are_no_opinion() {
    // A port that was just ours and is closed now: the connection is refused.
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let closed = format!(
        "http://{}/summary.json",
        listener.local_addr().expect("local addr")
    );
    drop(listener);
    let reading = read(
        &client(),
        &statuspage(&closed, None),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reading.verdict, None);
    assert!(
        reading.text.starts_with("connection failed"),
        "{}",
        reading.text
    );

    let reading = read(
        &client(),
        &statuspage("not a url", None),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reading.verdict, None);
    assert!(reading.text.starts_with("bad URL"), "{}", reading.text);
}

#[test]
fn helpers() {
    assert_eq!(size_words(BODY_CAP), "1 MiB");
    assert_eq!(size_words(64 * 1024), "64 KiB");
    assert_eq!(size_words(1000), "1000 bytes");
    assert_eq!(
        clip("  All\tSystems\r\n Operational "),
        "All Systems Operational"
    );
    assert_eq!(clip(&"é".repeat(100)), format!("{}…", "é".repeat(80)));
    let (up, down, none) = (Some(Verdict::Up), Some(Verdict::Down), None);
    let said = |v: Option<Verdict>, t: &str| (v, t.to_string());
    assert_eq!(
        worst([said(up, "a"), said(none, "b"), said(down, "c")]),
        Some(said(down, "c"))
    );
    assert_eq!(
        worst([said(up, "a"), said(none, "b")]),
        Some(said(none, "b"))
    );
    assert_eq!(worst([said(up, "a"), said(up, "b")]), Some(said(up, "a")));
    assert_eq!(worst(Vec::new()), None);
}
