//! A deliberately small HTTP/1.x server: `GET /metrics` answers the exposition, any other
//! request 404. One request per connection; every read and write has a timeout, the request
//! head a size cap, and the number of open connections a bound, so a stuck or hostile
//! client costs a few kilobytes for a few seconds and never stalls the engine.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::{Metrics, CONTENT_TYPE};

/// A request head larger than this is refused (a scrape sends a few hundred bytes).
const MAX_HEAD: usize = 8 * 1024;
/// Time allowed to send the request head, and to take the answer.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections handled at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 16;

/// Binds the metrics address. A port of 0 picks a free one: the listener knows which.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let listener = TcpListener::bind(addr).await?;
    if !listener.local_addr()?.ip().is_loopback() {
        tracing::warn!(
            "metrics are served on {addr}, which is reachable from the network: \
             anyone who can reach it sees which services you watch"
        );
    }
    Ok(listener)
}

/// Answers scrapes until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let accepted = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                let metrics = Arc::clone(&metrics);
                tokio::spawn(async move {
                    let _permit = permit;
                    let _ = tokio::time::timeout(2 * IO_TIMEOUT, answer(stream, &metrics)).await;
                });
            }
            Err(e) => {
                // Out of file descriptors and the like: wait instead of spinning.
                tracing::debug!("metrics: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Reads one request head and writes one answer.
async fn answer(mut stream: TcpStream, metrics: &Metrics) -> std::io::Result<()> {
    let (status, body) = match tokio::time::timeout(IO_TIMEOUT, read_head(&mut stream)).await {
        Err(_) => ("408 Request Timeout", String::new()),
        Ok(Err(e)) => return Err(e),
        Ok(Ok(None)) => ("431 Request Header Fields Too Large", String::new()),
        Ok(Ok(Some(head))) => match route(&head) {
            Route::Metrics => ("200 OK", metrics.render()),
            Route::NotFound => ("404 Not Found", "404 page not found\n".to_string()),
            Route::BadRequest => ("400 Bad Request", String::new()),
        },
    };
    let content_type = if status.starts_with("200") {
        CONTENT_TYPE
    } else {
        "text/plain; charset=utf-8"
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    tokio::time::timeout(IO_TIMEOUT, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    })
    .await
    .unwrap_or(Ok(()))
}

/// The bytes up to the blank line that ends the head; `None` when it exceeds [`MAX_HEAD`].
async fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(512);
    let mut buf = [0u8; 1024];
    loop {
        if head.windows(4).any(|w| w == b"\r\n\r\n") || head.windows(2).any(|w| w == b"\n\n") {
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            // The client closed early: answer what came, if it is a request line at all.
            return Ok(Some(head));
        }
        head.extend_from_slice(&buf[..n]);
    }
}

#[derive(Debug, PartialEq)]
enum Route {
    Metrics,
    NotFound,
    BadRequest,
}

/// `GET /metrics` (a query string is ignored), nothing else.
fn route(head: &[u8]) -> Route {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let Ok(line) = std::str::from_utf8(line) else {
        return Route::BadRequest;
    };
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Route::BadRequest;
    };
    if !version.starts_with("HTTP/1.") {
        return Route::BadRequest;
    }
    let path = target.split('?').next().unwrap_or_default();
    if method == "GET" && path == "/metrics" {
        Route::Metrics
    } else {
        Route::NotFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_get_metrics_is_served() {
        assert_eq!(
            route(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"),
            Route::Metrics
        );
        assert_eq!(route(b"GET /metrics?x=1 HTTP/1.0\r\n\r\n"), Route::Metrics);
        for other in [
            &b"GET / HTTP/1.1\r\n\r\n"[..],
            b"GET /metrics/ HTTP/1.1\r\n\r\n",
            b"POST /metrics HTTP/1.1\r\n\r\n",
            b"HEAD /metrics HTTP/1.1\r\n\r\n",
            b"GET /../metrics HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(
                route(other),
                Route::NotFound,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
        for bad in [
            &b"\xff\xfe\r\n\r\n"[..],
            b"GET\r\n\r\n",
            b"GET /metrics SPDY/3\r\n\r\n",
        ] {
            assert_eq!(route(bad), Route::BadRequest);
        }
    }
}
