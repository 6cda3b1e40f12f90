//! /proc readings (Linux): CPU ticks, RSS, open files, TCP counters.

#[allow(unused_imports)] // Each part uses some of the shared imports.
use super::*;

/// utime + stime of this process, in clock ticks (fields 14 and 15 of /proc/self/stat).
pub(crate) fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // The command name (field 2) may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')').expect("stat format") + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state): utime is field 14, stime field 15.
    let field = |n: usize| -> u64 { fields[n - 3].parse().expect("stat field") };
    field(14) + field(15)
}

/// A `kB` line of /proc/self/status, e.g. `VmHWM`.
pub(crate) fn proc_status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in /proc/self/status"))
}

/// Kernel counters that reveal connection stalls (a full accept queue drops SYNs, which
/// come back only after a 1 s retransmit).
pub(crate) const TCP_COUNTERS: [&str; 2] = ["ListenOverflows", "TCPSynRetrans"];

/// [`TCP_COUNTERS`] from the `TcpExt` lines of /proc/net/netstat (this network namespace).
pub(crate) fn tcp_counters() -> Option<Vec<u64>> {
    let netstat = std::fs::read_to_string("/proc/net/netstat").ok()?;
    let mut lines = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let names: Vec<&str> = lines.next()?.split_whitespace().collect();
    let values: Vec<&str> = lines.next()?.split_whitespace().collect();
    TCP_COUNTERS
        .iter()
        .map(|c| {
            let i = names.iter().position(|n| n == c)?;
            values.get(i)?.parse().ok()
        })
        .collect()
}

/// Clock ticks per second from `getconf CLK_TCK`, else 100 (the Linux value).
pub(crate) fn clock_ticks() -> (u64, &'static str) {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .filter(|&t| t > 0)
        .map_or((100, "getconf failed, assumed"), |t| (t, "getconf"))
}

/// The open-files limit (soft, hard) from /proc/self/limits; `unlimited` is `u64::MAX`.
pub(crate) fn open_files_limit() -> (u64, u64) {
    let limits = std::fs::read_to_string("/proc/self/limits").expect("/proc/self/limits");
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .expect("no open-files line in /proc/self/limits");
    let value = |s: &str| {
        if s == "unlimited" {
            u64::MAX
        } else {
            s.parse().expect("open-files limit")
        }
    };
    let mut f = line["Max open files".len()..].split_whitespace();
    let soft = value(f.next().expect("soft limit"));
    let hard = value(f.next().expect("hard limit"));
    (soft, hard)
}
