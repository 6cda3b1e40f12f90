//! Processes from /proc: the app's process tree and its memory.

use std::fs;
use std::path::Path;

/// One process of a tree.
#[derive(Debug, Clone)]
pub struct Proc {
    pub pid: u32,
    pub name: String,
    /// Resident set size, in kB.
    pub rss_kb: u64,
}

fn pids() -> Vec<u32> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect()
}

/// The parent pid, from /proc/PID/stat (the name may hold spaces and parentheses).
fn parent(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

fn status_field(pid: u32, field: &str) -> Option<String> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .map(|v| v.trim().to_string())
}

/// `root` and all its descendants (those alive now).
pub fn tree(root: u32) -> Vec<u32> {
    let links: Vec<(u32, u32)> = pids()
        .into_iter()
        .filter_map(|p| Some((p, parent(p)?)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(links.iter().filter(|&&(_, pp)| pp == p).map(|&(c, _)| c));
        i += 1;
    }
    found
}

/// The process tree under `root` with each process's RSS (kernel threads and zombies have
/// none and count as 0).
pub fn tree_rss(root: u32) -> Vec<Proc> {
    tree(root)
        .into_iter()
        .map(|pid| Proc {
            pid,
            name: status_field(pid, "Name").unwrap_or_default(),
            rss_kb: status_field(pid, "VmRSS")
                .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0),
        })
        .collect()
}

/// Prints the tree's RSS per process and in total; returns the total in kB.
pub fn print_rss(label: &str, root: u32) -> u64 {
    let procs = tree_rss(root);
    let total: u64 = procs.iter().map(|p| p.rss_kb).sum();
    let each: Vec<String> = procs
        .iter()
        .map(|p| {
            format!(
                "{} (pid {}) {:.1} MB",
                p.name,
                p.pid,
                p.rss_kb as f64 / 1024.0
            )
        })
        .collect();
    eprintln!(
        "RSS {label}: {:.1} MB in total = {}",
        total as f64 / 1024.0,
        each.join(" + ")
    );
    total
}

/// Live instances of the app `exe` whose environment holds `var=value` (zombies, having no
/// executable any more, are left out). A child running the same binary is part of its
/// parent's instance and not counted (window processes run `outage-radar-window`, another
/// binary, and are not matched at all).
pub fn running(exe: &Path, var: &str, value: &str) -> Vec<u32> {
    let all = processes_of(exe, var, value);
    all.iter()
        .copied()
        .filter(|pid| parent(*pid).is_none_or(|p| !all.contains(&p)))
        .collect()
}

/// Every live process running `exe` with `var=value` in its environment.
fn processes_of(exe: &Path, var: &str, value: &str) -> Vec<u32> {
    let exe = fs::canonicalize(exe).unwrap_or_else(|_| exe.to_path_buf());
    let wanted = format!("{var}={value}");
    pids()
        .into_iter()
        .filter(|pid| {
            // " (deleted)": the binary was rebuilt (the target dir may be shared) since.
            fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| {
                e == exe || e.to_string_lossy().strip_suffix(" (deleted)") == exe.to_str()
            }) && fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| {
                env.split(|&b| b == 0)
                    .any(|entry| entry == wanted.as_bytes())
            })
        })
        .collect()
}

/// The files mapped into `pid` whose names contain `part` (from /proc/PID/maps), each once.
pub fn mapped(pid: u32, part: &str) -> Vec<String> {
    let maps = fs::read_to_string(format!("/proc/{pid}/maps")).unwrap_or_default();
    let mut files: Vec<String> = maps
        .lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .filter(|file| file.contains(part))
        .map(str::to_string)
        .collect();
    files.dedup();
    files
}
