//! A loopback TLS stub and the test PKI behind it: a CA made with rcgen in the test, leaf
//! certificates that are valid, expired, or for the wrong name, and a server that completes
//! handshakes and answers one minimal HTTP/1.1 request (for `https://` probes).
//!
//! Plain threads and blocking rustls, like the HTTP stub. The CA is written to a PEM file so
//! probes trust it through the real `[tls] ca_files` path.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use rcgen::{
    date_time_ymd, BasicConstraints, Certificate, CertificateParams, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The body an `https://` request to the stub gets.
pub const BODY: &str = "hello over tls";

/// Days of validity given to [`Leaf::Valid`] certificates.
pub const VALID_DAYS: i64 = 90;

/// A test certificate authority; its PEM file lives as long as the value.
pub struct Ca {
    cert: Certificate,
    key: KeyPair,
    dir: tempfile::TempDir,
}

/// Which leaf certificate the stub presents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Leaf {
    /// For `svc.test` and 127.0.0.1, valid for [`VALID_DAYS`] more days.
    Valid,
    /// For `svc.test` and 127.0.0.1, expired in 2021.
    Expired,
    /// Valid, but for `other.test` only.
    WrongName,
}

impl Ca {
    /// A fresh CA, with its certificate written to `ca.pem` in a temporary directory.
    pub fn new() -> Ca {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Outage Radar Test CA");
        let cert = params.self_signed(&key).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), cert.pem()).unwrap();
        Ca { cert, key, dir }
    }

    /// The CA certificate as a PEM file, for `[tls] ca_files`.
    pub fn pem_path(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The `[tls]` table that makes a config trust this CA.
    pub fn toml(&self) -> String {
        // Debug formatting quotes and escapes the path as a TOML basic string would.
        format!(
            "[tls]\nca_files = [{:?}]\n",
            self.pem_path().display().to_string()
        )
    }

    /// Issues the leaf certificate of the given kind; returns it with its private key.
    fn issue(&self, leaf: Leaf) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let names = match leaf {
            Leaf::Valid | Leaf::Expired => vec!["svc.test".to_string(), "127.0.0.1".into()],
            Leaf::WrongName => vec!["other.test".to_string()],
        };
        let mut params = CertificateParams::new(names).unwrap();
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = match leaf {
            Leaf::Expired => date_time_ymd(2021, 1, 1),
            Leaf::Valid | Leaf::WrongName => {
                let (y, m, d) = ymd_from_now(VALID_DAYS);
                date_time_ymd(y, m, d)
            }
        };
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.cert, &self.key).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        (cert.der().clone(), key)
    }
}

/// Year, month and day (UTC) of the day `days` after today.
fn ymd_from_now(days: i64) -> (i32, u8, u8) {
    use chrono::Datelike;
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
    (day.year(), day.month() as u8, day.day() as u8)
}

/// A running TLS stub; stops when dropped.
pub struct TlsStub {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl TlsStub {
    /// Serves `leaf` (issued by `ca`) on a free loopback port.
    pub fn start(ca: &Ca, leaf: Leaf) -> TlsStub {
        let (cert, key) = ca.issue(leaf);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let config = config.clone();
                thread::spawn(move || serve(stream, config));
            }
        });
        TlsStub { addr, stop }
    }
}

impl Drop for TlsStub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Completes the handshake, then answers one HTTP request if the client sends one (a TLS
/// probe closes right after the handshake instead).
fn serve(tcp: TcpStream, config: Arc<rustls::ServerConfig>) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        if tls.conn.complete_io(&mut tls.sock).is_err() {
            return;
        }
    }
    let mut reader = BufReader::new(&mut tls);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    drop(reader);
    let _ = write!(
        tls,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    tls.conn.send_close_notify();
    let _ = tls.flush();
}
