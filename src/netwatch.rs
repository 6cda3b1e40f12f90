//! Sleep, wake and network changes: when the ground moves, confirmations start over.
//!
//! After a resume or a switch of network, what the last rounds saw says nothing about the
//! services: the network was down or different. The engine is told to start confirming
//! over and to look again within seconds ([`Nudger::start_over`]), so no service is
//! blamed for the minutes the network took to come back.
//!
//! Three sources, each optional:
//! - logind's `PrepareForSleep(false)` (a resume) on the system bus;
//! - NetworkManager's `StateChanged` (connected, disconnected, another network);
//! - the default route (`/proc/net/route`) and the resolvers (`/etc/resolv.conf`), read
//!   every few seconds, for machines without NetworkManager.
//!
//! The engine also notices a suspend on its own by comparing its clocks
//! ([`crate::engine::clock`]); the signals make it quicker and catch network switches.

use std::path::PathBuf;
use std::time::Duration;

use futures_util::StreamExt;

use crate::engine::Nudger;

/// How often the route and resolver files are read.
const POLL: Duration = Duration::from_secs(5);

/// Where changes come from.
pub struct Sources {
    /// A bus carrying logind's and NetworkManager's signals (the system bus in the apps).
    pub bus: Option<zbus::Connection>,
    /// The kernel's routing table.
    pub route_file: PathBuf,
    /// The resolver configuration.
    pub resolv_file: PathBuf,
}

impl Sources {
    /// The real machine: the system bus when there is one, `/proc/net/route` and
    /// `/etc/resolv.conf`.
    pub async fn system() -> Sources {
        let bus =
            match tokio::time::timeout(Duration::from_secs(2), zbus::Connection::system()).await {
                Ok(Ok(bus)) => Some(bus),
                Ok(Err(e)) => {
                    tracing::debug!(error = %e, "no system bus: sleep and network signals unheard");
                    None
                }
                Err(_) => None,
            };
        Sources {
            bus,
            route_file: "/proc/net/route".into(),
            resolv_file: "/etc/resolv.conf".into(),
        }
    }
}

/// Watches the real machine's sources (see [`Sources::system`]) in a task of its own, so
/// that connecting to the system bus never delays start-up.
pub fn spawn_system(engine: Nudger) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move { watch(Sources::system().await, engine).await })
}

/// Watches the sources and tells `engine` on every change, until the engine stops.
pub async fn watch(sources: Sources, engine: Nudger) {
    let Sources {
        bus,
        route_file,
        resolv_file,
    } = sources;
    // Each ends when the engine is gone (the bus also when it goes away).
    let signals = async {
        if let Some(bus) = bus {
            listen(&bus, &engine).await;
        }
    };
    tokio::join!(signals, poll_files(route_file, resolv_file, &engine));
}

/// Signals of sleep and network state; returns when the engine or the bus goes away.
async fn listen(bus: &zbus::Connection, engine: &Nudger) {
    let rule = |interface: &'static str, member: &'static str| {
        zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(interface)
            .member(member)
            .build()
    };
    let streams = async {
        let sleep = rule("org.freedesktop.login1.Manager", "PrepareForSleep")?;
        let network = rule("org.freedesktop.NetworkManager", "StateChanged")?;
        let sleep = zbus::MessageStream::for_match_rule(sleep, bus, None).await?;
        let network = zbus::MessageStream::for_match_rule(network, bus, None).await?;
        zbus::Result::Ok((sleep, network))
    };
    let (sleep, network) = match streams.await {
        Ok(s) => s,
        Err(e) => {
            tracing::debug!(error = %e, "cannot listen for sleep and network signals");
            return;
        }
    };
    let changes = futures_util::stream::select(
        sleep.filter_map(|m| async move {
            // `true` before sleeping, `false` after waking: only the waking matters.
            let going = m.ok()?.body().deserialize::<bool>().ok()?;
            (!going).then_some("resumed from sleep")
        }),
        network.filter_map(|m| async move { m.ok().map(|_| "network state changed") }),
    );
    let mut changes = std::pin::pin!(changes);
    while let Some(reason) = changes.next().await {
        if !engine.start_over(reason) {
            return;
        }
    }
}

/// Reads the default route and the resolvers every few seconds; tells on a change.
async fn poll_files(route_file: PathBuf, resolv_file: PathBuf, engine: &Nudger) {
    let read = || fingerprint(&route_file, &resolv_file);
    let mut last = read();
    let mut tick = tokio::time::interval(POLL);
    loop {
        tick.tick().await;
        let now = read();
        if now != last {
            last = now;
            if !engine.start_over("default route or DNS servers changed") {
                return;
            }
        }
    }
}

/// What of the network configuration matters: default routes (interface, gateway) and
/// nameserver lines. Unreadable files count as empty.
fn fingerprint(route_file: &PathBuf, resolv_file: &PathBuf) -> (Vec<String>, Vec<String>) {
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    let routes = read(route_file)
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // Iface Destination Gateway ...: a default route has destination 00000000.
            (fields.get(1) == Some(&"00000000"))
                .then(|| format!("{} {}", fields[0], fields.get(2).unwrap_or(&"")))
        })
        .collect();
    let resolvers = read(resolv_file)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("nameserver"))
        .map(str::to_string)
        .collect();
    (routes, resolvers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_default_routes_and_nameservers_count() {
        let dir = tempfile::tempdir().unwrap();
        let route = dir.path().join("route");
        let resolv = dir.path().join("resolv.conf");
        std::fs::write(
            &route,
            "Iface\tDestination\tGateway\nwlan0\t00000000\t0101A8C0\nwlan0\t0001A8C0\t00000000\n",
        )
        .unwrap();
        std::fs::write(&resolv, "# generated\nsearch lan\nnameserver 192.168.1.1\n").unwrap();
        let (routes, resolvers) = fingerprint(&route, &resolv);
        assert_eq!(routes, vec!["wlan0 0101A8C0"]);
        assert_eq!(resolvers, vec!["nameserver 192.168.1.1"]);
        // A comment changing is no network change.
        std::fs::write(
            &resolv,
            "# regenerated\nsearch lan\nnameserver 192.168.1.1\n",
        )
        .unwrap();
        assert_eq!(fingerprint(&route, &resolv).1, resolvers);
    }
}
