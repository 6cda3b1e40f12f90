//! Custom services as the settings window edits them: to and from TOML, validated field by
//! field with the same checks as at load, so each message lands next to its field.

use serde::{Deserialize, Serialize};
use toml_edit::{Array, ArrayOfTables, InlineTable, Table};

use super::{
    check_http_url, split_host_port, valid_host, ConfigError, ProbeSpec, ServiceSpec, StatusRanges,
    StatusSpec, METASTATUS_URL,
};

/// One custom service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceForm {
    /// Stable id; empty = made from the name when saving.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Watched or switched off.
    pub enabled: bool,
    /// Probes.
    pub probes: Vec<ProbeForm>,
    /// Official status source.
    pub status: Option<StatusForm>,
}

/// One probe: `kind` is `dns`, `tcp`, `tls` or `http`; `target` a host, `host:port` or URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeForm {
    /// Probe kind.
    pub kind: String,
    /// Host (dns), host:port (tcp, tls) or URL (http).
    pub target: String,
    /// Accepted HTTP statuses (http only; None = 200-399).
    #[serde(default)]
    pub expect: Option<String>,
    /// Text the body must contain (http only).
    #[serde(default)]
    pub contains: Option<String>,
}

/// Official status source: `statuspage` (url, optional component) or `metastatus` (org,
/// optional service, optional url).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusForm {
    /// `statuspage` or `metastatus`.
    pub kind: String,
    /// summary.json (statuspage) or orgs.json (metastatus, optional).
    #[serde(default)]
    pub url: Option<String>,
    /// Statuspage component to follow.
    #[serde(default)]
    pub component: Option<String>,
    /// Meta Status org id.
    #[serde(default)]
    pub org: Option<String>,
    /// Meta Status service name.
    #[serde(default)]
    pub service: Option<String>,
}

impl ServiceForm {
    /// The form of a configured service.
    pub fn from_spec(spec: &ServiceSpec, enabled: bool) -> ServiceForm {
        ServiceForm {
            id: spec.id.clone(),
            name: spec.name.clone(),
            enabled,
            probes: spec.probes.iter().map(probe_form).collect(),
            status: spec.status.as_ref().map(|s| match s {
                StatusSpec::Statuspage { url, component } => StatusForm {
                    kind: "statuspage".into(),
                    url: Some(url.clone()),
                    component: component.clone(),
                    org: None,
                    service: None,
                },
                StatusSpec::Metastatus { url, org, service } => StatusForm {
                    kind: "metastatus".into(),
                    url: (url != METASTATUS_URL).then(|| url.clone()),
                    component: None,
                    org: Some(org.clone()),
                    service: service.clone(),
                },
            }),
        }
    }
}

fn probe_form(p: &ProbeSpec) -> ProbeForm {
    let (expect, contains) = match p {
        ProbeSpec::Http {
            expect, contains, ..
        } => (
            (expect != &StatusRanges::default()).then(|| expect.to_string()),
            contains.clone(),
        ),
        _ => (None, None),
    };
    ProbeForm {
        kind: p.kind().as_str().to_string(),
        target: p.target().to_string(),
        expect,
        contains,
    }
}

fn trimmed(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A lowercase id from a name: "My Shop!" → "my-shop".
fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id
        .trim_end_matches('-')
        .chars()
        .take(48)
        .collect::<String>();
    if id.is_empty() {
        "service".into()
    } else {
        id
    }
}

/// Checks every field and fills in missing ids; errors name the field as
/// `services[i].name`, `services[i].probes[j].target`, `services[i].status.url`.
pub(crate) fn validate(
    forms: &mut [ServiceForm],
    taken: &[String],
    file: &std::path::Path,
) -> Result<(), ConfigError> {
    let err = |key: String, message: String| ConfigError {
        file: file.to_path_buf(),
        line: None,
        key: Some(key),
        message,
    };
    let mut ids: Vec<String> = taken.to_vec();
    for (i, form) in forms.iter_mut().enumerate() {
        let name = form.name.trim().to_string();
        if name.is_empty() {
            return Err(err(
                format!("services[{i}].name"),
                "a service needs a name".into(),
            ));
        }
        if form.id.trim().is_empty() {
            let base = slug(&name);
            let mut id = base.clone();
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            form.id = id;
        }
        if ids.contains(&form.id) {
            return Err(err(
                format!("services[{i}].id"),
                format!("`{}` is already used by another service", form.id),
            ));
        }
        ids.push(form.id.clone());
        for (j, p) in form.probes.iter().enumerate() {
            let key = |field: &str| format!("services[{i}].probes[{j}].{field}");
            let target = p.target.trim();
            let problem = match p.kind.as_str() {
                "dns" => (!valid_host(target)).then(|| format!("`{target}` is not a host name")),
                "tcp" | "tls" => match split_host_port(target) {
                    Some((host, _)) if valid_host(host) => None,
                    _ => Some(format!(
                        "`{target}` is not host:port (e.g. example.com:443)"
                    )),
                },
                "http" => check_http_url(target).err(),
                other => {
                    return Err(err(
                        key("kind"),
                        format!("unknown probe kind `{other}` (dns, tcp, tls or http)"),
                    ))
                }
            };
            if let Some(message) = problem {
                return Err(err(key("target"), message));
            }
            if let Some(expect) = trimmed(&p.expect) {
                StatusRanges::parse(expect).map_err(|m| err(key("expect"), m))?;
            }
        }
        match &form.status {
            Some(s) if s.kind == "statuspage" => match trimmed(&s.url) {
                Some(url) => {
                    check_http_url(url).map_err(|m| err(format!("services[{i}].status.url"), m))?
                }
                None => {
                    return Err(err(
                        format!("services[{i}].status.url"),
                        "a Statuspage source needs the URL of its summary.json".into(),
                    ))
                }
            },
            Some(s) if s.kind == "metastatus" => {
                if trimmed(&s.org).is_none() {
                    return Err(err(
                        format!("services[{i}].status.org"),
                        "a Meta Status source needs an org id (e.g. whatsapp-business-api)".into(),
                    ));
                }
                if let Some(url) = trimmed(&s.url) {
                    check_http_url(url).map_err(|m| err(format!("services[{i}].status.url"), m))?;
                }
            }
            Some(s) => {
                return Err(err(
                    format!("services[{i}].status.kind"),
                    format!(
                        "unknown status source `{}` (statuspage or metastatus)",
                        s.kind
                    ),
                ))
            }
            None if form.probes.is_empty() => {
                return Err(err(
                    format!("services[{i}].probes"),
                    "add at least one probe or an official status source".into(),
                ));
            }
            None => {}
        }
    }
    Ok(())
}

/// The `[[services]]` tables for validated forms.
pub(crate) fn to_toml(forms: &[ServiceForm]) -> ArrayOfTables {
    let mut tables = ArrayOfTables::new();
    for form in forms {
        let mut t = Table::new();
        t.decor_mut().set_prefix("\n");
        t["id"] = toml_edit::value(form.id.as_str());
        t["name"] = toml_edit::value(form.name.trim());
        if !form.enabled {
            t["enabled"] = toml_edit::value(false);
        }
        if !form.probes.is_empty() {
            let mut probes = Array::new();
            for p in &form.probes {
                let mut inline = InlineTable::new();
                inline.insert("kind", p.kind.as_str().into());
                let field = match p.kind.as_str() {
                    "dns" => "host",
                    "http" => "url",
                    _ => "addr",
                };
                inline.insert(field, p.target.trim().into());
                if p.kind == "http" {
                    if let Some(expect) = trimmed(&p.expect) {
                        inline.insert("expect", expect.into());
                    }
                    if let Some(contains) = trimmed(&p.contains) {
                        inline.insert("contains", contains.into());
                    }
                }
                probes.push(inline);
            }
            // One probe per line reads better in a file people also edit by hand.
            for value in probes.iter_mut() {
                value.decor_mut().set_prefix("\n  ");
            }
            probes.set_trailing("\n");
            probes.set_trailing_comma(true);
            t["probes"] = toml_edit::value(probes);
        }
        if let Some(s) = &form.status {
            let mut inline = InlineTable::new();
            inline.insert("kind", s.kind.as_str().into());
            for (key, v) in [
                ("url", &s.url),
                ("component", &s.component),
                ("org", &s.org),
                ("service", &s.service),
            ] {
                if let Some(v) = trimmed(v) {
                    inline.insert(key, v.into());
                }
            }
            t["status"] = toml_edit::value(inline);
        }
        tables.push(t);
    }
    tables
}
