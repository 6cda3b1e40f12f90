//! Small value types of the config file and their parsers.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use serde::{Serialize, Serializer};

/// Accepted HTTP status codes: `"200-399"`, `"200,204"`, `"200-299,304"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRanges(Vec<(u16, u16)>);

impl StatusRanges {
    /// Parses a comma-separated list of codes and `lo-hi` ranges.
    pub fn parse(s: &str) -> Result<StatusRanges, String> {
        let bad = || {
            format!(
                "`{s}` is not a list of status codes or ranges (e.g. \"200-399\" or \"200,204\")"
            )
        };
        let mut ranges = Vec::new();
        for part in s.split(',').map(str::trim) {
            let (lo, hi) = match part.split_once('-') {
                Some((lo, hi)) => (lo.trim(), hi.trim()),
                None => (part, part),
            };
            let lo: u16 = lo.parse().map_err(|_| bad())?;
            let hi: u16 = hi.parse().map_err(|_| bad())?;
            if !(100..=599).contains(&lo) || !(100..=599).contains(&hi) || lo > hi {
                return Err(bad());
            }
            ranges.push((lo, hi));
        }
        Ok(StatusRanges(ranges))
    }

    /// Whether `code` is accepted.
    pub fn contains(&self, code: u16) -> bool {
        self.0.iter().any(|&(lo, hi)| (lo..=hi).contains(&code))
    }
}

impl Default for StatusRanges {
    fn default() -> Self {
        StatusRanges(vec![(200, 399)])
    }
}

impl fmt::Display for StatusRanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|&(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}-{hi}")
                }
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

impl Serialize for StatusRanges {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A daily local-time window, `"22:00-07:00"` (may wrap past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// Start, minutes after midnight.
    pub start_min: u16,
    /// End, minutes after midnight (exclusive).
    pub end_min: u16,
}

impl QuietHours {
    /// Parses `"HH:MM-HH:MM"`.
    pub fn parse(s: &str) -> Result<QuietHours, String> {
        let bad = || format!("`{s}` is not a time window like \"22:00-07:00\"");
        let minutes = |t: &str| -> Option<u16> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some(h * 60 + m)
        };
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        Ok(QuietHours {
            start_min: minutes(a).ok_or_else(bad)?,
            end_min: minutes(b).ok_or_else(bad)?,
        })
    }

    /// Whether a local time (minutes after midnight) falls inside the window.
    pub fn contains(&self, minute_of_day: u16) -> bool {
        if self.start_min <= self.end_min {
            (self.start_min..self.end_min).contains(&minute_of_day)
        } else {
            minute_of_day >= self.start_min || minute_of_day < self.end_min
        }
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.start_min, self.end_min);
        write!(f, "{:02}:{:02}-{:02}:{:02}", a / 60, a % 60, b / 60, b % 60)
    }
}

impl Serialize for QuietHours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Splits `host:port` (`[v6]:port` too).
pub(crate) fn split_host_port(s: &str) -> Option<(&str, u16)> {
    let (host, port) = s.rsplit_once(':')?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let port: u16 = port.parse().ok()?;
    (port != 0 && !host.is_empty()).then_some((host, port))
}

/// A DNS name or an IP literal.
pub(crate) fn valid_host(s: &str) -> bool {
    if s.parse::<IpAddr>().is_ok() {
        return true;
    }
    !s.is_empty()
        && s.len() <= 253
        && s.trim_end_matches('.').split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && !label.starts_with('-')
        })
}

/// `1.2.3.4`, `1.2.3.4:5353`, `[::1]:53`.
pub(crate) fn parse_nameserver(s: &str) -> Option<SocketAddr> {
    s.parse::<SocketAddr>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, 53)))
}

/// `[metrics] listen`: `127.0.0.1:9469`, `[::1]:9469`, `localhost:9469` or a bare port
/// (`9469`, on 127.0.0.1). Any other address (`0.0.0.0:9469`, a LAN address) exposes the
/// metrics to the network, so it must be written out as an IP address: a shorthand such
/// as `:9469` is refused rather than guessed, and host names other than `localhost` are
/// refused because they could resolve to anything. Port 0 lets the system pick one (the
/// address is printed at start).
pub fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    let s = s.trim();
    if let Ok(port) = s.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    if let Ok(addr) = s.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Some(port) = s
        .strip_prefix("localhost:")
        .and_then(|p| p.parse::<u16>().ok())
    {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    match s.strip_prefix(':').and_then(|p| p.parse::<u16>().ok()) {
        Some(port) => Err(format!(
            "`{s}` does not say which address to listen on: write \"127.0.0.1:{port}\" \
             (this machine only) or, to expose the metrics to your network, \"0.0.0.0:{port}\""
        )),
        None => Err(format!(
            "`{s}` is not an IP address and port (e.g. \"127.0.0.1:9469\")"
        )),
    }
}

/// An absolute http:// or https:// URL with a host.
pub(crate) fn check_http_url(s: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(s).map_err(|e| format!("`{s}` is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{s}` must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{s}` has no host"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_ranges_parse_and_match() {
        let r = StatusRanges::parse("200-299, 304").unwrap();
        assert!(r.contains(204) && r.contains(304) && !r.contains(301) && !r.contains(500));
        assert_eq!(r.to_string(), "200-299,304");
        assert!(StatusRanges::default().contains(399) && !StatusRanges::default().contains(400));
        for bad in ["", "abc", "300-200", "99", "200-700"] {
            assert!(
                StatusRanges::parse(bad).is_err(),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let q = QuietHours::parse("22:00-07:00").unwrap();
        assert!(
            q.contains(23 * 60)
                && q.contains(6 * 60 + 59)
                && !q.contains(7 * 60)
                && !q.contains(12 * 60)
        );
        let day = QuietHours::parse("12:30-13:00").unwrap();
        assert!(day.contains(12 * 60 + 30) && !day.contains(13 * 60));
        assert_eq!(q.to_string(), "22:00-07:00");
        assert!(QuietHours::parse("25:00-01:00").is_err() && QuietHours::parse("10-11").is_err());
    }

    #[test]
    fn hosts_ports_and_urls() {
        assert_eq!(
            split_host_port("example.com:443"),
            Some(("example.com", 443))
        );
        assert_eq!(split_host_port("[::1]:53"), Some(("::1", 53)));
        assert_eq!(split_host_port("example.com"), None);
        assert!(valid_host("g.whatsapp.net") && valid_host("127.0.0.1") && !valid_host("bad host"));
        assert_eq!(
            parse_nameserver("127.0.0.1"),
            Some("127.0.0.1:53".parse().unwrap())
        );
        assert!(check_http_url("https://a.example/x").is_ok());
        let loopback: SocketAddr = "127.0.0.1:9469".parse().unwrap();
        for ok in ["127.0.0.1:9469", "9469", "localhost:9469", " 9469 "] {
            assert_eq!(parse_listen(ok), Ok(loopback), "{ok}");
        }
        assert_eq!(
            parse_listen("0.0.0.0:9469"),
            Ok("0.0.0.0:9469".parse().unwrap())
        );
        assert!(parse_listen("[::1]:0").unwrap().ip().is_loopback());
        let shorthand = parse_listen(":9469").unwrap_err();
        assert!(shorthand.contains("0.0.0.0:9469"), "{shorthand}");
        for bad in ["metrics.example:9469", "127.0.0.1", "127.0.0.1:99999", ""] {
            assert!(parse_listen(bad).is_err(), "{bad}");
        }
        assert!(
            check_http_url("ftp://a.example/").is_err() && check_http_url("not a url").is_err()
        );
    }
}
