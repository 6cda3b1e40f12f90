//! Custom services as the settings window edits them. Writing them into the file is
//! `service_toml.rs`; checking them is the loader's job (`form_check.rs`).

use serde::{Deserialize, Serialize};

use super::{ProbeSpec, ServiceSpec, StatusRanges, StatusSpec, METASTATUS_URL, SLACK_STATUS_URL};

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
                StatusSpec::Slack { url, component } => StatusForm {
                    kind: "slack".into(),
                    url: (url != SLACK_STATUS_URL).then(|| url.clone()),
                    component: component.clone(),
                    org: None,
                    service: None,
                },
                other => StatusForm {
                    kind: other.kind().as_str().into(),
                    url: Some(other.url().to_string()),
                    component: other.component().map(str::to_string),
                    org: None,
                    service: None,
                },
            }),
        }
    }
}

impl ServiceForm {
    /// The form as it would be written: text trimmed, empty optional fields absent, and
    /// `expect`/`contains` only on HTTP probes. Comparing normalized forms tells what
    /// really changed, so a stray space does not rewrite a value.
    pub(crate) fn normalized(&self) -> ServiceForm {
        ServiceForm {
            id: self.id.trim().to_string(),
            name: self.name.trim().to_string(),
            enabled: self.enabled,
            probes: self.probes.iter().map(ProbeForm::normalized).collect(),
            status: self.status.as_ref().map(|s| StatusForm {
                kind: s.kind.trim().to_string(),
                url: trimmed(&s.url),
                component: trimmed(&s.component),
                org: trimmed(&s.org),
                service: trimmed(&s.service),
            }),
        }
    }
}

impl ProbeForm {
    /// The probe as it would be written (see [`ServiceForm::normalized`]).
    pub(crate) fn normalized(&self) -> ProbeForm {
        let http = self.kind.trim() == "http";
        ProbeForm {
            kind: self.kind.trim().to_string(),
            target: self.target.trim().to_string(),
            expect: trimmed(&self.expect).filter(|_| http),
            contains: trimmed(&self.contains).filter(|_| http),
        }
    }
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(crate) fn probe_form(p: &ProbeSpec) -> ProbeForm {
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
