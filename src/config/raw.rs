//! The config file as written: serde types that mirror its keys one to one (docs/design.md,
//! “Config contract”). Keys are public interface: add, never rename.
//!
//! Checks that concern one value live in `deserialize_with` functions, so toml reports them
//! with the value's own span (and so its line). Checks across values live in `validate.rs`.

use serde::{de, Deserialize, Deserializer, Serialize};
use toml::Spanned;

/// The whole file. Every key is optional.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    #[serde(default, deserialize_with = "interval_opt")]
    pub interval_secs: Option<u64>,
    #[serde(default, deserialize_with = "timeout_opt")]
    pub timeout_ms: Option<u64>,
    #[serde(default, deserialize_with = "positive_opt")]
    pub slow_ms: Option<u64>,
    #[serde(default, deserialize_with = "positive_opt")]
    pub confirm: Option<u64>,
    #[serde(default, deserialize_with = "positive_opt")]
    pub recheck_secs: Option<u64>,
    #[serde(default, deserialize_with = "positive_opt")]
    pub retention_days: Option<u64>,
    pub builtins: Option<Vec<Spanned<String>>>,
    pub connectivity: Option<RawConnectivity>,
    pub dns: Option<RawDns>,
    pub tls: Option<RawTls>,
    pub notifications: Option<RawNotifications>,
    pub desktop: Option<RawDesktop>,
    pub metrics: Option<RawMetrics>,
    #[serde(default)]
    pub services: Vec<RawService>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDesktop {
    pub start_at_login: Option<bool>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMetrics {
    #[serde(default, deserialize_with = "metrics_listen")]
    pub listen: Option<std::net::SocketAddr>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConnectivity {
    pub probes: Option<Vec<RawProbe>>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDns {
    #[serde(default, deserialize_with = "socket_addrs")]
    pub nameservers: Option<Vec<std::net::SocketAddr>>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTls {
    pub ca_files: Option<Vec<std::path::PathBuf>>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNotifications {
    pub enabled: Option<bool>,
    pub recovery: Option<bool>,
    pub degraded: Option<bool>,
    #[serde(default, deserialize_with = "quiet_hours")]
    pub quiet_hours: Option<super::QuietHours>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawService {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub enabled: Option<bool>,
    #[serde(default)]
    pub probes: Vec<RawProbe>,
    pub status: Option<RawStatus>,
}

/// One probe; `kind` selects the variant and an unknown kind is named in the error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum RawProbe {
    Dns {
        #[serde(deserialize_with = "host")]
        host: String,
    },
    Tcp {
        #[serde(deserialize_with = "host_port")]
        addr: String,
    },
    Tls {
        #[serde(deserialize_with = "host_port")]
        addr: String,
        /// Name to verify the certificate against; defaults to the host of `addr`.
        server_name: Option<String>,
    },
    Http {
        #[serde(deserialize_with = "http_url")]
        url: String,
        #[serde(default, deserialize_with = "status_ranges")]
        expect: Option<super::StatusRanges>,
        contains: Option<String>,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum RawStatus {
    Statuspage {
        #[serde(deserialize_with = "http_url")]
        url: String,
        component: Option<String>,
    },
    Metastatus {
        #[serde(default, deserialize_with = "http_url_opt")]
        url: Option<String>,
        org: String,
        service: Option<String>,
    },
    Slack {
        #[serde(default, deserialize_with = "http_url_opt")]
        url: Option<String>,
        component: Option<String>,
    },
    Google {
        #[serde(deserialize_with = "http_url")]
        url: String,
        component: Option<String>,
    },
    Statusio {
        #[serde(deserialize_with = "http_url")]
        url: String,
        component: Option<String>,
    },
    Incidentio {
        #[serde(deserialize_with = "http_url")]
        url: String,
        component: Option<String>,
    },
}

/// Between rounds: at least a second, at most a day (a watcher that looks less than daily
/// watches nothing).
fn interval_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    in_range(d, 1, 86_400, "seconds")
}

/// Per probe: under 100 ms even a healthy service fails; over a minute a round drags on so
/// long that an outage is reported minutes late.
fn timeout_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    in_range(d, 100, 60_000, "ms")
}

fn in_range<'de, D: Deserializer<'de>>(
    d: D,
    min: i64,
    max: i64,
    unit: &str,
) -> Result<Option<u64>, D::Error> {
    let v = i64::deserialize(d)?;
    if !(min..=max).contains(&v) {
        return Err(de::Error::custom(format!(
            "must be between {min} and {max} {unit}, got {v}"
        )));
    }
    Ok(Some(v as u64))
}

fn positive_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v = i64::deserialize(d)?;
    if v < 1 {
        return Err(de::Error::custom(format!("must be at least 1, got {v}")));
    }
    Ok(Some(v as u64))
}

fn socket_addrs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<std::net::SocketAddr>>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    list.iter()
        .map(|s| {
            super::parse_nameserver(s).ok_or_else(|| {
                de::Error::custom(format!(
                    "`{s}` is not an IP address with an optional port (e.g. 127.0.0.1:53)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn metrics_listen<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<std::net::SocketAddr>, D::Error> {
    let s = String::deserialize(d)?;
    super::parse_listen(&s).map(Some).map_err(de::Error::custom)
}

fn quiet_hours<'de, D: Deserializer<'de>>(d: D) -> Result<Option<super::QuietHours>, D::Error> {
    let s = String::deserialize(d)?;
    super::QuietHours::parse(&s)
        .map(Some)
        .map_err(de::Error::custom)
}

fn host<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if super::valid_host(&s) {
        Ok(s)
    } else {
        Err(de::Error::custom(format!("`{s}` is not a host name")))
    }
}

fn host_port<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    match super::split_host_port(&s) {
        Some((h, _)) if super::valid_host(h) => Ok(s),
        _ => Err(de::Error::custom(format!(
            "`{s}` is not host:port (e.g. example.com:443)"
        ))),
    }
}

fn http_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    super::check_http_url(&s).map_err(de::Error::custom)?;
    Ok(s)
}

fn http_url_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    http_url(d).map(Some)
}

fn status_ranges<'de, D: Deserializer<'de>>(d: D) -> Result<Option<super::StatusRanges>, D::Error> {
    let s = String::deserialize(d)?;
    super::StatusRanges::parse(&s)
        .map(Some)
        .map_err(de::Error::custom)
}
