//! A loopback DNS responder on one port over UDP *and* TCP (the probes' resolver asks each
//! nameserver over both), whose answer the test switches while it runs.
//!
//! Plain threads like the HTTP stub, so it serves blocking tests (driving the real binary)
//! and async tests alike. It counts the queries it receives, so a test can prove that every
//! probe asks again instead of answering from a cache.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::{rdata::A, RData, Record, RecordType};
use outage_radar::Settings;

/// How the responder answers every name.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// A queries get this address; any other type gets NOERROR with no answers.
    Ok(Ipv4Addr),
    /// A queries get these addresses, in this order.
    OkMany(Vec<Ipv4Addr>),
    /// SERVFAIL.
    ServFail,
    /// NXDOMAIN.
    NxDomain,
    /// Read the query and never answer.
    Drop,
    /// The query's ID followed by these bytes: garbage the resolver must survive. The ID is
    /// kept so the resolver takes the datagram as the answer instead of ignoring it.
    Garbage(Vec<u8>),
    /// A valid answer (127.0.0.1) damaged after the ID: each `(offset, mask)` XORs one byte
    /// (offsets wrap around the message), then the message is cut to `cut` bytes if shorter.
    Mangled {
        flips: Vec<(usize, u8)>,
        cut: Option<usize>,
    },
}

struct Shared {
    mode: Mutex<Mode>,
    queries: AtomicUsize,
    stop: AtomicBool,
}

/// A running responder; stops when dropped.
pub struct DnsStub {
    /// The port it listens on, UDP and TCP alike.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl DnsStub {
    /// Starts answering in `mode` on a free loopback port.
    pub fn start(mode: Mode) -> DnsStub {
        let (udp, tcp) = bind_pair();
        let addr = udp.local_addr().unwrap();
        let shared = Arc::new(Shared {
            mode: Mutex::new(mode),
            queries: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        });
        let s = shared.clone();
        thread::spawn(move || serve_udp(&udp, &s));
        let s = shared.clone();
        thread::spawn(move || {
            for stream in tcp.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let s = s.clone();
                thread::spawn(move || serve_tcp(stream, &s));
            }
        });
        DnsStub { addr, shared }
    }

    /// Switches how the following queries are answered.
    pub fn set(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap() = mode;
    }

    /// Queries received so far, over UDP and TCP.
    pub fn queries(&self) -> usize {
        self.shared.queries.load(Ordering::SeqCst)
    }

    /// The `[dns]` table that sends a config's lookups here.
    pub fn toml(&self) -> String {
        format!("[dns]\nnameservers = [\"{}\"]\n", self.addr)
    }

    /// Settings whose lookups all go to this responder: no built-in services, the given
    /// per-probe timeout, and `extra` TOML placed before the `[dns]` table (top-level keys
    /// such as `slow_ms`, or whole tables such as `[tls]`).
    pub fn settings(&self, timeout_ms: u64, extra: &str) -> Settings {
        let text = format!(
            "builtins = []\ntimeout_ms = {timeout_ms}\n{extra}\n{}",
            self.toml()
        );
        Settings::parse(&text, Path::new("test.toml")).unwrap()
    }
}

impl Drop for DnsStub {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag; the UDP loop polls it.
        let _ = TcpStream::connect(self.addr);
    }
}

/// A UDP socket and a TCP listener on the same free loopback port. The UDP port is chosen
/// by the kernel; another process may hold it for TCP, so retry with a fresh one.
fn bind_pair() -> (UdpSocket, TcpListener) {
    for _ in 0..50 {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        if let Ok(tcp) = TcpListener::bind(udp.local_addr().unwrap()) {
            return (udp, tcp);
        }
    }
    panic!("no loopback port free for both UDP and TCP");
}

fn serve_udp(socket: &UdpSocket, shared: &Shared) {
    // Wake up now and then to notice the stop flag.
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while !shared.stop.load(Ordering::SeqCst) {
        let (n, peer) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(_) => return,
        };
        if let Some(answer) = answer(&buf[..n], shared) {
            let _ = socket.send_to(&answer, peer);
        }
    }
}

/// DNS over TCP: each message is preceded by its length in two bytes; several queries may
/// share a connection.
fn serve_tcp(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    loop {
        let mut len = [0u8; 2];
        if stream.read_exact(&mut len).is_err() {
            return;
        }
        let mut query = vec![0u8; usize::from(u16::from_be_bytes(len))];
        if stream.read_exact(&mut query).is_err() || shared.stop.load(Ordering::SeqCst) {
            return;
        }
        if let Some(answer) = answer(&query, shared) {
            let len = u16::try_from(answer.len()).unwrap().to_be_bytes();
            if stream.write_all(&len).is_err() || stream.write_all(&answer).is_err() {
                return;
            }
        }
    }
}

/// Counts the query and builds the answer the current mode calls for (`None`: stay silent).
fn answer(query: &[u8], shared: &Shared) -> Option<Vec<u8>> {
    let query = Message::from_vec(query).ok()?;
    shared.queries.fetch_add(1, Ordering::SeqCst);
    let mode = shared.mode.lock().unwrap().clone();
    let mut reply = Message::new();
    reply
        .set_id(query.id())
        .set_message_type(MessageType::Response)
        .set_op_code(query.op_code())
        .set_recursion_desired(query.recursion_desired())
        .set_recursion_available(true)
        .add_queries(query.queries().to_vec());
    match mode {
        Mode::Drop => return None,
        Mode::ServFail => {
            reply.set_response_code(ResponseCode::ServFail);
        }
        Mode::NxDomain => {
            reply.set_response_code(ResponseCode::NXDomain);
        }
        Mode::Ok(ip) => answer_a(&mut reply, &query, &[ip]),
        Mode::OkMany(ips) => answer_a(&mut reply, &query, &ips),
        Mode::Garbage(bytes) => {
            let mut out = query.id().to_be_bytes().to_vec();
            out.extend_from_slice(&bytes);
            return Some(out);
        }
        Mode::Mangled { flips, cut } => {
            answer_a(&mut reply, &query, &[Ipv4Addr::LOCALHOST]);
            return Some(mangle(reply.to_vec().ok()?, &flips, cut));
        }
    }
    reply.to_vec().ok()
}

/// Damages an encoded message after its two ID bytes (see [`Mode::Mangled`]).
fn mangle(mut message: Vec<u8>, flips: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let body = message.len().saturating_sub(2);
    if body > 0 {
        for &(offset, mask) in flips {
            message[2 + offset % body] ^= mask;
        }
    }
    if let Some(cut) = cut {
        message.truncate(cut.max(2));
    }
    message
}

/// NOERROR with one A record per address for A queries.
fn answer_a(reply: &mut Message, query: &Message, ips: &[Ipv4Addr]) {
    reply.set_response_code(ResponseCode::NoError);
    for q in query.queries() {
        if q.query_type() == RecordType::A {
            for ip in ips {
                let rdata = RData::A(A(*ip));
                reply.add_answer(Record::from_rdata(q.name().clone(), 60, rdata));
            }
        }
    }
}
