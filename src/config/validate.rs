//! Raw config → [`Settings`]: defaults, the built-in catalog, and checks across values.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use toml::Spanned;

use super::raw::{RawConfig, RawProbe, RawService, RawStatus};
use super::{
    ConfigError, NotificationSettings, ProbeSpec, ServiceSpec, Settings, StatusSpec,
    METASTATUS_URL, SLACK_STATUS_URL,
};
use crate::catalog;

pub(crate) fn validate(raw: RawConfig, text: &str, path: &Path) -> Result<Settings, ConfigError> {
    let err = |span: std::ops::Range<usize>, key: &str, message: String| {
        ConfigError::at(path, text, Some(span), Some(key.to_string()), message)
    };
    let catalog = catalog::builtins();
    let mut services = chosen_builtins(raw.builtins.as_deref(), &catalog, &err)?;
    let disabled = custom_services(raw.services, &mut services, &catalog, &err)?;
    let connectivity = match raw.connectivity.and_then(|c| c.probes) {
        Some(probes) => probes.into_iter().map(probe_spec).collect(),
        None => catalog::default_controls(),
    };
    let notifications = raw.notifications.unwrap_or_default();
    Ok(Settings {
        interval: Duration::from_secs(raw.interval_secs.unwrap_or(60)),
        timeout: Duration::from_millis(raw.timeout_ms.unwrap_or(5000)),
        slow: Duration::from_millis(raw.slow_ms.unwrap_or(2000)),
        confirm: raw.confirm.unwrap_or(2).min(u32::MAX as u64) as u32,
        recheck: Duration::from_secs(raw.recheck_secs.unwrap_or(5)),
        retention_days: raw.retention_days.unwrap_or(7).min(36500) as u32,
        services,
        disabled_services: disabled,
        connectivity,
        nameservers: raw.dns.and_then(|d| d.nameservers).unwrap_or_default(),
        ca_files: raw.tls.and_then(|t| t.ca_files).unwrap_or_default(),
        notifications: NotificationSettings {
            enabled: notifications.enabled.unwrap_or(true),
            recovery: notifications.recovery.unwrap_or(true),
            degraded: notifications.degraded.unwrap_or(true),
            quiet_hours: notifications.quiet_hours,
        },
        start_at_login: raw.desktop.and_then(|d| d.start_at_login).unwrap_or(false),
        metrics_listen: raw.metrics.and_then(|m| m.listen),
    })
}

/// Builds an error at a span of the file, naming the key.
type ErrAt<'a> = dyn Fn(std::ops::Range<usize>, &str, String) -> ConfigError + 'a;

/// The built-in services `builtins` picks (the default list when absent), each once.
fn chosen_builtins(
    selected: Option<&[Spanned<String>]>,
    catalog: &[ServiceSpec],
    err: &ErrAt<'_>,
) -> Result<Vec<ServiceSpec>, ConfigError> {
    let Some(selected) = selected else {
        return Ok(catalog::defaults());
    };
    let mut services: Vec<ServiceSpec> = Vec::new();
    for id in selected {
        let Some(spec) = catalog.iter().find(|s| &s.id == id.get_ref()).cloned() else {
            return Err(err(
                id.span(),
                "builtins",
                format!(
                    "unknown built-in service `{}` (`outage-radar services --all` lists them)",
                    id.get_ref(),
                ),
            ));
        };
        if !services.iter().any(|s| s.id == spec.id) {
            services.push(spec);
        }
    }
    Ok(services)
}

/// Adds the `[[services]]` that are on to `services`; returns those switched off. Ids are
/// checked against each other and the built-ins.
fn custom_services(
    raw: Vec<RawService>,
    services: &mut Vec<ServiceSpec>,
    catalog: &[ServiceSpec],
    err: &ErrAt<'_>,
) -> Result<Vec<ServiceSpec>, ConfigError> {
    let mut disabled = Vec::new();
    let mut seen: HashSet<String> = services.iter().map(|s| s.id.clone()).collect();
    for (i, service) in raw.into_iter().enumerate() {
        let key = format!("services[{i}].id");
        let id = service.id.get_ref().clone();
        let span = service.id.span();
        if !valid_id(&id) {
            return Err(err(
                span,
                &key,
                format!("`{id}` must be lowercase letters, digits, `-` or `_`"),
            ));
        }
        if !seen.insert(id.clone()) {
            let why = if catalog.iter().any(|s| s.id == id) {
                " (a built-in service has this id)"
            } else {
                ""
            };
            return Err(err(span, &key, format!("`{id}` is used twice{why}")));
        }
        if service.probes.is_empty() && service.status.is_none() {
            return Err(err(
                span,
                &format!("services[{i}]"),
                format!("service `{id}` needs `probes` or a `status` source"),
            ));
        }
        if service.enabled == Some(false) {
            disabled.push(service_spec(service));
        } else {
            services.push(service_spec(service));
        }
    }
    Ok(disabled)
}

pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn service_spec(raw: RawService) -> ServiceSpec {
    let id = raw.id.into_inner();
    ServiceSpec {
        name: raw.name.unwrap_or_else(|| id.clone()),
        id,
        probes: raw.probes.into_iter().map(probe_spec).collect(),
        status: raw.status.map(status_spec),
        builtin: false,
    }
}

pub(crate) fn probe_spec(raw: RawProbe) -> ProbeSpec {
    match raw {
        RawProbe::Dns { host } => ProbeSpec::Dns { host },
        RawProbe::Tcp { addr } => ProbeSpec::Tcp { addr },
        RawProbe::Tls { addr, server_name } => ProbeSpec::Tls { addr, server_name },
        RawProbe::Http {
            url,
            expect,
            contains,
        } => ProbeSpec::Http {
            url,
            expect: expect.unwrap_or_default(),
            contains,
        },
    }
}

pub(crate) fn status_spec(raw: RawStatus) -> StatusSpec {
    match raw {
        RawStatus::Statuspage { url, component } => StatusSpec::Statuspage { url, component },
        RawStatus::Metastatus { url, org, service } => StatusSpec::Metastatus {
            url: url.unwrap_or_else(|| METASTATUS_URL.to_string()),
            org,
            service,
        },
        RawStatus::Slack { url, component } => StatusSpec::Slack {
            url: url.unwrap_or_else(|| SLACK_STATUS_URL.to_string()),
            component,
        },
        RawStatus::Google { url, component } => StatusSpec::Google { url, component },
        RawStatus::Statusio { url, component } => StatusSpec::Statusio { url, component },
        RawStatus::Incidentio { url, component } => StatusSpec::Incidentio { url, component },
    }
}
