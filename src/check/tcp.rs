//! TCP probe: resolve, then connect with a timeout.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::dns::Resolver;
use crate::cause::Cause;
use crate::config::split_host_port;
use crate::observation::{Observation, ProbeKind};

/// Resolves `host:port` and connects to its addresses in the resolver's order until one
/// answers (a host with an IPv6 address but no IPv6 route still works over IPv4); the
/// remaining budget of `timeout` (after DNS) bounds the whole attempt. A refusal or a
/// missing route moves on at once; a silent address uses up the budget.
pub(crate) async fn connect(
    resolver: &Resolver,
    addr: &str,
    timeout: Duration,
) -> Result<(TcpStream, SocketAddr), (Cause, String)> {
    let started = Instant::now();
    let (host, port) =
        split_host_port(addr).ok_or((Cause::TcpRefused, format!("`{addr}` is not host:port")))?;
    let ips = resolver.resolve(host).await?;
    let mut last = None;
    for ip in ips.into_iter().take(4) {
        let target = SocketAddr::new(ip, port);
        let budget = timeout.saturating_sub(started.elapsed());
        match tokio::time::timeout(budget, TcpStream::connect(target)).await {
            Err(_) => {
                return Err((
                    Cause::TcpTimeout,
                    format!(
                        "no connection to {target} within {} ms",
                        timeout.as_millis()
                    ),
                ))
            }
            Ok(Err(e)) => last = Some(super::classify::io_cause(&e, &target.to_string())),
            Ok(Ok(stream)) => return Ok((stream, target)),
        }
    }
    Err(last.unwrap_or((Cause::DnsError, format!("{host} has no addresses"))))
}

/// Connects and closes.
pub async fn probe(resolver: &Resolver, addr: &str, timeout: Duration) -> Observation {
    let started = Instant::now();
    let result = connect(resolver, addr, timeout).await;
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok((_stream, peer)) => {
            Observation::ok(ProbeKind::Tcp, addr, ms, format!("connected to {peer}"))
        }
        Err((cause, detail)) => Observation::failed(ProbeKind::Tcp, addr, cause, ms, detail),
    }
}
