//! A loopback HTTP stub whose behaviour the test switches while it runs, including hostile
//! servers: silent, endless body, redirect loop, reset, stalled body.
//!
//! Plain threads, so it serves blocking tests (driving the real binary) and async tests alike.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How the stub answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// 200 with this body.
    Ok(String),
    /// This status with a short body.
    Status(u16),
    /// Accept and read, never answer.
    Silent,
    /// 200 and a body that never ends.
    EndlessBody,
    /// 302 to another path, forever.
    RedirectLoop,
    /// Read the request, then reset the connection (RST).
    Reset,
    /// Headers promising 100 bytes, then nothing.
    StalledBody,
    /// Wait this long, then 200.
    Slow(Duration),
    /// These bytes as the whole answer, then close: garbage a client must survive.
    Raw(Vec<u8>),
    /// 200 at once, except every `every`-th request, which waits `wait` first: a latency
    /// spike now and then, never two in a row.
    Spiky { every: usize, wait: Duration },
}

struct Shared {
    mode: Mutex<Mode>,
    hits: AtomicUsize,
    /// Error statuses actually written: a hit is counted before its mode is read, so only
    /// this proves a client was answered with a failure.
    errors_served: AtomicUsize,
    stop: AtomicBool,
    requests: Mutex<Vec<String>>,
}

/// A running stub; stops when dropped.
pub struct HttpStub {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl HttpStub {
    pub fn start(mode: Mode) -> HttpStub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            mode: Mutex::new(mode),
            hits: AtomicUsize::new(0),
            errors_served: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            requests: Mutex::new(Vec::new()),
        });
        let s = shared.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let s = s.clone();
                thread::spawn(move || serve(stream, &s));
            }
        });
        HttpStub { addr, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn set(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap() = mode;
    }

    pub fn hits(&self) -> usize {
        self.shared.hits.load(Ordering::SeqCst)
    }

    /// How many error statuses ([`Mode::Status`]) were written to a client.
    pub fn errors_served(&self) -> usize {
        self.shared.errors_served.load(Ordering::SeqCst)
    }

    /// Raw request heads received so far.
    pub fn requests(&self) -> Vec<String> {
        self.shared.requests.lock().unwrap().clone()
    }
}

impl Drop for HttpStub {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    if shared.stop.load(Ordering::SeqCst) {
        return;
    }
    let hit = shared.hits.fetch_add(1, Ordering::SeqCst) + 1;
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    shared.requests.lock().unwrap().push(head);
    let mode = shared.mode.lock().unwrap().clone();
    let respond = |stream: &mut TcpStream, status: &str, body: &str| {
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    };
    match mode {
        Mode::Ok(body) => respond(&mut stream, "200 OK", &body),
        Mode::Status(code) => {
            respond(&mut stream, &format!("{code} Stub"), "stub status");
            shared.errors_served.fetch_add(1, Ordering::SeqCst);
        }
        Mode::Silent | Mode::StalledBody => {
            if mode == Mode::StalledBody {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            }
            while !shared.stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(50));
                // Keep the connection open until the client gives up.
                let mut probe = [0u8; 1];
                let _ = stream.set_read_timeout(Some(Duration::from_millis(10)));
                if let Ok(0) = stream.read(&mut probe) {
                    return;
                }
            }
        }
        Mode::EndlessBody => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
            let chunk = vec![b'x'; 64 * 1024];
            // Stops when the client hangs up (the write fails) or the stub is dropped.
            let mut writing = true;
            while writing && !shared.stop.load(Ordering::SeqCst) {
                writing = stream.write_all(&chunk).is_ok();
            }
        }
        Mode::RedirectLoop => {
            let next: u64 = path.trim_start_matches("/loop/").parse().unwrap_or(0) + 1;
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: /loop/{next}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
        Mode::Reset => {
            let socket = socket2::SockRef::from(&stream);
            let _ = socket.set_linger(Some(Duration::ZERO));
        }
        Mode::Slow(wait) => {
            thread::sleep(wait);
            respond(&mut stream, "200 OK", "slow but fine");
        }
        Mode::Spiky { every, wait } => {
            if hit % every.max(1) == 0 {
                thread::sleep(wait);
            }
            respond(&mut stream, "200 OK", "ok");
        }
        Mode::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
    }
}

/// A loopback port with nothing listening (connections are refused).
pub fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}
