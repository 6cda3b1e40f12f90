//! Driving the real `outage-radar` binary with a config and data dir of its own.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A temp dir holding `config.toml` and the history.
pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new(config: &str) -> Cli {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        Cli { dir }
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The binary with `--config` and `--data-dir` set and no proxy or desktop bus from
    /// the developer's environment.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_via(&[], args)
    }

    /// The binary as [`Cli::command`] makes it, started through `wrapper` (such as
    /// `ip netns exec NS`, to run it in a network namespace).
    pub fn command_via(&self, wrapper: &[&str], args: &[&str]) -> Command {
        let bin = env!("CARGO_BIN_EXE_outage-radar");
        let mut cmd = match wrapper.split_first() {
            Some((first, rest)) => {
                let mut cmd = Command::new(first);
                cmd.args(rest).arg(bin);
                cmd
            }
            None => Command::new(bin),
        };
        cmd.arg("--config")
            .arg(self.config_path())
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args);
        for var in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            cmd.env_remove(var);
        }
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Starts `watch` with stdout read line by line.
    pub fn watch(&self, args: &[&str]) -> Watch {
        self.watch_env(args, &[])
    }

    /// Starts `watch` with extra environment variables.
    pub fn watch_env(&self, args: &[&str], env: &[(&str, &str)]) -> Watch {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        let mut cmd = self.command(&all);
        cmd.envs(env.iter().copied());
        Watch::spawn(cmd)
    }
}

/// A running `outage-radar watch`.
pub struct Watch {
    pub child: Child,
    pub lines: mpsc::Receiver<String>,
}

impl Watch {
    /// Starts `cmd` (a `watch` command) with stdout read line by line.
    pub fn spawn(mut cmd: Command) -> Watch {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines }
    }

    /// The next stdout line that satisfies `pred`, or None after `within`.
    pub fn line_where(
        &self,
        within: Duration,
        pred: impl Fn(&serde_json::Value) -> bool,
    ) -> Option<serde_json::Value> {
        let deadline = std::time::Instant::now() + within;
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            let line = self.lines.recv_timeout(left).ok()?;
            let value: serde_json::Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("not a JSON line: {line:?}: {e}"));
            if pred(&value) {
                return Some(value);
            }
        }
    }

    /// The lines up to and including the first that satisfies `pred` (text output), or
    /// None after `within`.
    pub fn text_until(&self, within: Duration, pred: impl Fn(&str) -> bool) -> Option<Vec<String>> {
        let deadline = std::time::Instant::now() + within;
        let mut seen = Vec::new();
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            let line = self.lines.recv_timeout(left).ok()?;
            let done = pred(&line);
            seen.push(line);
            if done {
                return Some(seen);
            }
        }
    }

    /// Stops the process (SIGTERM) and returns everything it wrote to stderr.
    pub fn stop_and_stderr(&mut self) -> String {
        self.signal("TERM");
        let _ = self.child.wait();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
        }
        err
    }

    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A config watching one HTTP service at `url`, with the stub itself as the only control.
pub fn one_service_config(url: &str, control: &str) -> String {
    format!(
        r#"builtins = []
interval_secs = 1
recheck_secs = 1
confirm = 2
timeout_ms = 800
[connectivity]
probes = [{{ kind = "tcp", addr = "{control}" }}]
[[services]]
id = "chat"
name = "Chat"
probes = [{{ kind = "http", url = "{url}" }}]
"#
    )
}

/// A command's stdout as JSON; on failure, says what it printed on both streams.
pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}
