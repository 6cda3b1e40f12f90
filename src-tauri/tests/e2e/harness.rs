//! A private desktop per test: an X server (Xvfb), a session bus with a notification
//! recorder and a tray host on it, a home of its own, and the real app running in it.
//! Everything is torn down by `Drop`, also when a test fails.

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::ops::Range;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cli::Cli;
use crate::notifications::NotificationBus;
use crate::procfs;
use crate::sni::{Item, TrayHost};

/// How long start-up steps may take on a busy 2-core machine (X, bus, app, first verdict).
pub const STARTUP: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// One test at a time: each runs an X server, a bus and a GTK (+ WebKit) app, and the timing
/// checks mean something only when the other tests' apps do not compete for the two cores.
/// (Shared with the WebDriver tests, which include this file.)
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Polls `check` until it gives a value, or None after `within`.
pub async fn until<T, F, Fut>(within: Duration, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Sends a signal to one process we started.
fn signal(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
}

fn pid_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// An X server of the test's own, `Xvfb :N` on the first free N of a range.
pub struct Xvfb {
    pub display: u32,
    child: Child,
}

impl Xvfb {
    /// Whether display `n` looks taken: a lock held by a live process, or a socket that
    /// accepts connections.
    fn taken(n: u32) -> bool {
        let lock_holder = std::fs::read_to_string(format!("/tmp/.X{n}-lock"))
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok());
        lock_holder.is_some_and(pid_alive)
            || UnixStream::connect(format!("/tmp/.X11-unix/X{n}")).is_ok()
    }

    pub fn start(displays: Range<u32>) -> Xvfb {
        for n in displays.clone() {
            if Self::taken(n) {
                continue;
            }
            let mut child = Command::new("Xvfb")
                .arg(format!(":{n}"))
                .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is needed for the end-to-end tests (apt package xvfb)");
            let deadline = Instant::now() + STARTUP;
            loop {
                if UnixStream::connect(format!("/tmp/.X11-unix/X{n}")).is_ok() {
                    return Xvfb { display: n, child };
                }
                // Exited: someone else took this display meanwhile; try the next one.
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                if Instant::now() >= deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("Xvfb :{n} did not start within {STARTUP:?}");
                }
                std::thread::sleep(POLL);
            }
        }
        panic!("no free X display in {displays:?}");
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL if it lingers.
        signal(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait().ok().flatten().is_none() {
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                break;
            }
            std::thread::sleep(POLL);
        }
    }
}

/// Everything the app needs around it. Fields drop in order: tray host, bus, X, home.
pub struct Desktop {
    pub host: TrayHost,
    pub bus: NotificationBus,
    pub x: Xvfb,
    home: tempfile::TempDir,
}

impl Desktop {
    /// Starts X on a free display of `displays`, a private session bus owning
    /// `org.freedesktop.Notifications` (the root tests' recorder) and
    /// `org.kde.StatusNotifierWatcher`.
    pub async fn start(displays: Range<u32>) -> Desktop {
        let x = Xvfb::start(displays);
        let bus = NotificationBus::start().await;
        let host = TrayHost::start(&bus.address).await;
        // A webview asks for the accessibility bus, and the private bus would activate
        // at-spi-bus-launcher from the system's service files: a process outliving the test,
        // with the real home. Owning the name (and answering nothing) prevents that.
        host.connection()
            .request_name("org.a11y.Bus")
            .await
            .expect("own org.a11y.Bus on the private bus");
        let home = tempfile::tempdir().unwrap();
        for dir in ["runtime", "config", "data", "cache"] {
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(home.path().join(dir))
                .unwrap();
        }
        Desktop { host, bus, x, home }
    }

    /// `$HOME` of the app.
    pub fn home(&self) -> PathBuf {
        self.home.path().to_path_buf()
    }

    /// `$XDG_RUNTIME_DIR` of the app (ayatana's icon files live under it).
    pub fn runtime_dir(&self) -> PathBuf {
        self.home.path().join("runtime")
    }

    /// The real binary with the config and data dir of `cli`, in this desktop only.
    pub fn command(&self, cli: &Cli, args: &[&str]) -> Command {
        self.in_desktop(cli.command(args))
    }

    /// The program at `bin` (the installed package's, say) as [`Desktop::command`] makes it.
    pub fn command_of(&self, bin: &str, cli: &Cli, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin);
        cmd.arg("--config")
            .arg(cli.config_path())
            .arg("--data-dir")
            .arg(cli.data_dir())
            .args(args);
        self.in_desktop(cmd)
    }

    /// `cmd` with this desktop's display, bus, home and XDG dirs, and nothing of the
    /// developer's session.
    fn in_desktop(&self, mut cmd: Command) -> Command {
        let home = self.home.path();
        for var in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("DISPLAY", format!(":{}", self.x.display))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus.address)
            .env("NO_AT_BRIDGE", "1")
            .env("HOME", home)
            .env("XDG_RUNTIME_DIR", self.runtime_dir())
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env(
                "RUST_LOG",
                "warn,outage_radar=info,outage_radar_desktop=info",
            )
            .env("NO_COLOR", "1")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XAUTHORITY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }

    /// Starts the app.
    pub fn launch(&self, cli: &Cli, args: &[&str]) -> App {
        App::spawn(self.command(cli, args))
    }

    /// Waits until `app` registered its tray item with the host, and returns a client for it.
    pub async fn tray_item(&self, app: &App) -> Item {
        self.tray_item_of(app.pid(), || app.stderr()).await
    }

    /// The tray item of the process `pid`; `context` says what went on when none shows.
    pub async fn tray_item_of(&self, pid: u32, context: impl Fn() -> String) -> Item {
        let dbus = zbus::fdo::DBusProxy::new(self.host.connection())
            .await
            .unwrap();
        let found = until(STARTUP, || {
            let dbus = &dbus;
            let host = &self.host;
            async move {
                for registered in host.registered() {
                    let Ok(name) = zbus::names::BusName::try_from(registered.bus.as_str()) else {
                        continue;
                    };
                    if dbus.get_connection_unix_process_id(name).await.ok() == Some(pid) {
                        return Some(registered);
                    }
                }
                None
            }
        })
        .await;
        let registered = found.unwrap_or_else(|| {
            panic!(
                "the app registered no tray item within {STARTUP:?} (registered: {:?})\n{}",
                self.host.registered(),
                context()
            )
        });
        self.host.item(&registered)
    }
}

/// The running app, its stderr kept line by line with the time each line arrived.
pub struct App {
    child: Child,
    lines: Arc<Mutex<Vec<(Instant, String)>>>,
}

impl App {
    /// Starts `command` (the app, or a driver that starts it) with its stderr kept; the whole
    /// process tree is killed on drop.
    pub fn spawn(mut command: Command) -> App {
        let mut child = command.spawn().expect("start outage-radar-desktop");
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock()
                    .unwrap()
                    .push((Instant::now(), strip_ansi(&line)));
            }
        });
        App { child, lines }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything written to stderr so far.
    pub fn stderr(&self) -> String {
        let lines = self.lines.lock().unwrap();
        let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        format!("--- app stderr ---\n{}\n---", text.join("\n"))
    }

    /// When the first stderr line after `after` containing every one of `words` arrived.
    pub fn line_after(&self, after: Instant, words: &[&str]) -> Option<Instant> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .find(|(at, line)| *at >= after && words.iter().all(|w| line.contains(w)))
            .map(|(at, _)| *at)
    }

    /// Waits for such a line.
    pub async fn wait_line(
        &self,
        after: Instant,
        words: &[&str],
        within: Duration,
    ) -> Option<Instant> {
        until(within, || async { self.line_after(after, words) }).await
    }

    /// A transition of the engine, as logged by the app: "transition service=… from=… to=…".
    pub async fn wait_transition(
        &self,
        after: Instant,
        to: &str,
        within: Duration,
    ) -> Option<Instant> {
        let to = format!("to={to}");
        self.wait_line(after, &["transition", &to], within).await
    }

    /// The exit status, if the app ended.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().unwrap()
    }

    /// Waits for the app to end.
    pub async fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.exited() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("app pid {}:\n{}", self.pid(), self.stderr());
        }
        if self.exited().is_some() {
            return;
        }
        // The app and the processes it started (WebKit's, if a window was opened).
        let tree = procfs::tree(self.pid());
        for pid in tree.iter().rev() {
            signal(*pid, "KILL");
        }
        let _ = self.child.wait();
    }
}

/// Removes terminal colour codes, in case the logger adds them.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A TCP connectivity control that accepts (and drops) connections until dropped. Unlike the
/// HTTP stub it can come back on the same address, as a network does.
pub struct TcpControl {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TcpControl {
    /// Listens on `addr` ("127.0.0.1:0" for any port).
    pub fn start(addr: &str) -> TcpControl {
        // Rebinding right after a drop may need a moment on a busy machine.
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match TcpListener::bind(addr) {
                Ok(listener) => break listener,
                Err(e) if Instant::now() >= deadline => panic!("bind {addr}: {e}"),
                Err(_) => std::thread::sleep(POLL),
            }
        };
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                drop(stream);
            }
        });
        TcpControl {
            addr,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for TcpControl {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop; once it returns the port is closed (connections refused).
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The config's timing (`one_service_config`): a round every second, a failure re-checked
/// after a second, two observations to confirm.
pub const INTERVAL: Duration = Duration::from_secs(1);
/// The re-check after a first failure.
pub const RECHECK: Duration = Duration::from_secs(1);
/// How long a confirmed change may take to show: one interval, one re-check, and slack for
/// a busy 2-core machine.
pub const FOLLOW: Duration = Duration::from_secs(INTERVAL.as_secs() + RECHECK.as_secs() + 6);
