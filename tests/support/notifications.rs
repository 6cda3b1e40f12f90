//! A private D-Bus session with a fake notification server that records every `Notify`.
//!
//! The test owns `org.freedesktop.Notifications` on its own `dbus-daemon`, so the real
//! binary's notifications travel over real D-Bus and nothing reaches the developer's desktop.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// One recorded notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notified {
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// The id the server gave it (the one it replaced, when it replaced one).
    pub id: u32,
    /// The notification it was sent to replace (0 = none).
    pub replaces_id: u32,
    /// The `urgency` hint: 0 low, 1 normal, 2 critical; None when not sent.
    pub urgency: Option<u8>,
    pub icon: String,
}

struct Server {
    log: Arc<Mutex<Vec<Notified>>>,
    closed: Arc<Mutex<Vec<u32>>>,
    next_id: u32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)] // The D-Bus method's signature.
    fn notify(
        &mut self,
        app_name: String,
        replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        hints: HashMap<String, zbus::OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        // As the specification says: replacing keeps the id, anything else gets a new one.
        let id = if replaces_id != 0 {
            replaces_id
        } else {
            self.next_id += 1;
            self.next_id
        };
        let urgency = hints.get("urgency").and_then(|v| u8::try_from(&**v).ok());
        self.log.lock().unwrap().push(Notified {
            app_name,
            summary,
            body,
            id,
            replaces_id,
            urgency,
            icon: app_icon,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "test".into(),
            "outage-radar-tests".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, id: u32) {
        self.closed.lock().unwrap().push(id);
    }
}

/// A running private bus and the recorder on it; both end when dropped.
pub struct NotificationBus {
    pub address: String,
    daemon: Child,
    log: Arc<Mutex<Vec<Notified>>>,
    closed: Arc<Mutex<Vec<u32>>>,
    _connection: zbus::Connection,
}

impl NotificationBus {
    /// Starts `dbus-daemon` (package `dbus`, installed by `make deps`) and the recorder.
    pub async fn start() -> NotificationBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect(
                "dbus-daemon is needed for notification tests: run `make deps` (apt package dbus)",
            );
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::address(address.as_str())
            .name("org.freedesktop.Notifications")
            .serve_at(
                "/org/freedesktop/Notifications",
                Server {
                    log: log.clone(),
                    closed: closed.clone(),
                    next_id: 0,
                },
            )
            .build()
            .await
            .expect("own org.freedesktop.Notifications on the private bus");
        NotificationBus {
            address,
            daemon,
            log,
            closed,
            _connection: connection,
        }
    }

    pub fn notified(&self) -> Vec<Notified> {
        self.log.lock().unwrap().clone()
    }

    /// The ids asked to be closed (`CloseNotification`), in order.
    pub fn closed(&self) -> Vec<u32> {
        self.closed.lock().unwrap().clone()
    }
}

impl Drop for NotificationBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
