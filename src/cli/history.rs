//! `outage-radar history`: incidents and uptime from the SQLite history.

use std::path::Path;

use anyhow::{bail, Context};
use outage_radar::notice::format_duration;
use outage_radar::store::{self, Access, HistoryReport};

use super::table;

pub fn run(
    data_dir: &Path,
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
                i.service.clone(),
                local(i.start_ms),
                i.end_ms.map_or_else(|| "ongoing".to_string(), local),
                format_duration(i.duration_secs * 1000),
                i.worst.to_string(),
                match official_lag_words(i) {
                    Some(lag) => format!("{} ({lag})", i.cause_text.clone().unwrap_or_default()),
                    None => i.cause_text.clone().unwrap_or_default(),
                },
            ]);
        }
        println!("{}", table::render(&rows));
    }
    println!(
        "Uptime since {} (time you were offline is not counted)",
        local(since_ms)
    );
    if report.uptime.is_empty() {
        println!("  no data yet: run `outage-radar watch` to record history");
    } else {
        let mut rows = vec![["SERVICE", "UPTIME", "DOWN", "DEGRADED", "OFFLINE"]
            .map(String::from)
            .to_vec()];
        for u in &report.uptime {
            rows.push(vec![
                u.service.clone(),
                u.percent
                    .map_or_else(|| "-".to_string(), |p| format!("{p:.2} %")),
                format_duration(u.down_secs * 1000),
                format_duration(u.degraded_secs * 1000),
                format_duration(u.offline_secs * 1000),
            ]);
        }
        print!("{}", table::render(&rows));
    }
    Ok(0)
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

/// How long the vendor's own source lagged: "acknowledged after 14 min", or "official
/// status never acknowledged it (14 min)".
fn official_lag_words(i: &outage_radar::store::IncidentReport) -> Option<String> {
    let lag = format_duration(i.official_lag_secs? * 1000);
    Some(match i.official_acknowledged {
        Some(true) => format!("acknowledged after {lag}"),
        _ => format!("official status said operational for {lag}"),
    })
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
