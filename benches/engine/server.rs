//! The loopback HTTP server, a process of its own so its CPU never counts.

#[allow(unused_imports)] // Each part uses some of the shared imports.
use super::*;

pub(crate) fn serve() {
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
pub(crate) async fn answer(mut stream: tokio::net::TcpStream, requests: Arc<AtomicU64>) {
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
