//! `outage-radar history`: incidents and uptime from the SQLite history.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use outage_radar::report::{HistoryReport, UptimeReport};
use outage_radar::store::{self, Access, Store};
use outage_radar::{catalog, words, Settings};

use super::{table, UsageError};

pub fn run(
    data_dir: &Path,
    settings: Option<&Settings>,
    service: Option<String>,
    since: String,
    json: bool,
) -> anyhow::Result<u8> {
    let now = chrono::Utc::now().timestamp_millis();
    let since_ms = parse_since(&since, now)?;
    let history = store::open_or_recover(data_dir, Access::Read);
    if let Some(problem) = &history.problem {
        eprintln!("outage-radar: {problem}");
    }
    let Some(store) = history.store else {
        bail!("no history to show");
    };
    let names = names(settings);
    if let Some(id) = &service {
        check_known(id, &names, &store)?;
    }
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let report = HistoryReport::read(&store, service.as_deref(), since_ms, now)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(0);
    }
    println!("Incidents since {}", local(since_ms));
    if report.incidents.is_empty() {
        println!("  none\n");
    } else {
        let mut rows = vec![
            ["SERVICE", "STARTED", "ENDED", "DURATION", "WORST", "CAUSE"]
                .map(String::from)
                .to_vec(),
        ];
        for i in &report.incidents {
            rows.push(vec![
                name(&i.service),
                local(i.start_ms),
                i.end_ms.map_or_else(|| "ongoing".to_string(), local),
                i.duration_text.clone(),
                i.worst.to_string(),
                if i.official_lag_text.is_empty() {
                    i.cause_text.clone()
                } else {
                    format!("{} ({})", i.cause_text, i.official_lag_text)
                },
            ]);
        }
        println!("{}", table::render(&rows));
    }
    println!(
        "Uptime since {}, of the time observed (offline time is not counted; time the app \
         was {} is neither up nor down)",
        local(since_ms),
        words::NOT_RUNNING
    );
    if report.uptime.is_empty() {
        println!("  no data yet: run `outage-radar watch` to record history");
    } else {
        print!("{}", table::render(&uptime_rows(&report.uptime, name)));
    }
    Ok(0)
}

/// One row per service: the share fully up of the time observed (judged), then where the
/// rest of the window went, so that the columns add up to the window and an incident's
/// duration less its time not running is the degraded and down time it holds.
fn uptime_rows(uptime: &[UptimeReport], name: impl Fn(&str) -> String) -> Vec<Vec<String>> {
    let header = [
        "SERVICE",
        "UP",
        "OBSERVED",
        "DEGRADED",
        "DOWN",
        "MAINTENANCE",
        "OFFLINE",
        "NOT RUNNING",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    let secs = |s: i64| words::duration(s * 1000);
    for u in uptime {
        let judged = u.up_secs + u.degraded_secs + u.down_secs + u.maintenance_secs;
        rows.push(vec![
            name(&u.service),
            u.up_percent
                .map_or_else(|| "-".to_string(), words::short_percent),
            secs(judged),
            secs(u.degraded_secs),
            secs(u.down_secs),
            secs(u.maintenance_secs),
            secs(u.offline_secs),
            secs(u.not_running_secs),
        ]);
    }
    rows
}

/// Service names by id, as `check` shows them: the configured services (on or off), then
/// the catalog for ids the config no longer names.
fn names(settings: Option<&Settings>) -> BTreeMap<String, String> {
    let mut names: BTreeMap<String, String> = catalog::builtins()
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    if let Some(settings) = settings {
        for s in settings.services.iter().chain(&settings.disabled_services) {
            names.insert(s.id.clone(), s.name.clone());
        }
    }
    names
}

/// `--service` must name a service the config or the history knows.
fn check_known(id: &str, names: &BTreeMap<String, String>, store: &Store) -> anyhow::Result<()> {
    let recorded = store.service_ids()?;
    if names.contains_key(id) || recorded.iter().any(|r| r == id) {
        return Ok(());
    }
    let mut known: Vec<&str> = names.keys().map(String::as_str).collect();
    known.extend(recorded.iter().map(String::as_str));
    known.sort_unstable();
    known.dedup();
    Err(UsageError(format!(
        "unknown service `{id}` (known: {})",
        known.join(", ")
    ))
    .into())
}

fn local(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// `90m`, `24h`, `7d`, `2w`, `45s`, or a date `2026-11-01` / RFC 3339 time.
fn parse_since(s: &str, now_ms: i64) -> anyhow::Result<i64> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let midnight = d.and_hms_opt(0, 0, 0).context("invalid date")?;
        let local = midnight
            .and_local_timezone(chrono::Local)
            .earliest()
            .context("invalid local date")?;
        return Ok(local.timestamp_millis());
    }
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let Ok(n) = number.parse::<i64>() else {
        bail!("--since {s}: expected a span like 24h, 7d, 90m or a date like 2026-11-01");
    };
    let unit_ms = match unit {
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 7 * 86_400_000,
        _ => bail!("--since {s}: unknown unit `{unit}` (use s, m, h, d or w)"),
    };
    Ok(now_ms - n.saturating_mul(unit_ms))
}

#[cfg(test)]
mod tests {
    use super::parse_since;

    #[test]
    fn since_spans_and_dates() {
        let now = 10 * 86_400_000;
        assert_eq!(parse_since("24h", now).unwrap(), now - 86_400_000);
        assert_eq!(parse_since("90m", now).unwrap(), now - 90 * 60_000);
        assert_eq!(parse_since("2w", now).unwrap(), now - 14 * 86_400_000);
        assert_eq!(
            parse_since("2026-11-01T00:00:00Z", now).unwrap(),
            1_793_491_200_000
        );
        assert!(parse_since("yesterday", now).is_err() && parse_since("5y", now).is_err());
    }
}
