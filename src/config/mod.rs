//! Settings: the TOML file (docs/design.md, “Config contract”), parsed then validated into
//! [`Settings`].
//!
//! Parse, then validate (ripgrep's lowargs/hiargs): `raw.rs` mirrors the file, `validate.rs`
//! turns it into the types the engine uses, and every error names file, line and key.

mod connectivity_form;
mod edit;
mod error;
mod form_check;
mod raw;
mod save;
mod service_form;
mod service_toml;
mod types;
mod validate;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use connectivity_form::ConnectivityForm;
pub use edit::{BuiltinChoice, NotificationsForm, SettingsForm};
pub use error::ConfigError;
pub(crate) use raw::{RawProbe, RawStatus};
pub use save::{save, SaveError};
pub use service_form::{ProbeForm, ServiceForm, StatusForm};
pub use types::parse_listen;
pub(crate) use types::{check_http_url, parse_nameserver, split_host_port, valid_host};
pub use types::{QuietHours, StatusRanges};
pub(crate) use validate::{probe_spec, status_spec, valid_id};
pub use write::write_atomic;

/// Everything the engine needs, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Time between rounds.
    pub interval: Duration,
    /// Per-probe timeout.
    pub timeout: Duration,
    /// Latency above this makes a working service `degraded` (cause `slow`).
    pub slow: Duration,
    /// Consecutive rounds a change must hold.
    pub confirm: u32,
    /// Delay of the fast re-check after a first failure.
    pub recheck: Duration,
    /// Days observations are kept at full resolution before being rolled up.
    pub retention_days: u32,
    /// Services to watch, built-ins first.
    pub services: Vec<ServiceSpec>,
    /// Custom services switched off (`enabled = false`): kept for the settings window.
    pub disabled_services: Vec<ServiceSpec>,
    /// Control probes that judge the user's own connectivity.
    pub connectivity: Vec<ProbeSpec>,
    /// Resolver override; empty = the system resolver.
    pub nameservers: Vec<std::net::SocketAddr>,
    /// Extra PEM files of trusted roots (added to the platform and webpki roots).
    pub ca_files: Vec<PathBuf>,
    /// Notification preferences.
    pub notifications: NotificationSettings,
    /// Desktop app: start (hidden, in the tray) at login.
    pub start_at_login: bool,
    /// Where to serve Prometheus metrics (`[metrics] listen`); `None` (the default) = not
    /// at all. A loopback address unless the file names another one explicitly.
    pub metrics_listen: Option<std::net::SocketAddr>,
}

/// When to notify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationSettings {
    /// Master switch.
    pub enabled: bool,
    /// Notify when a service is up again.
    pub recovery: bool,
    /// Notify for `degraded` (not only `down`).
    pub degraded: bool,
    /// Local-time window without notifications.
    pub quiet_hours: Option<QuietHours>,
}

/// One watched service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceSpec {
    /// Stable id (`whatsapp`, `myshop`): used in history, CLI flags and events.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Network probes; may be empty when a status source is given.
    pub probes: Vec<ProbeSpec>,
    /// Official status source, if any.
    pub status: Option<StatusSpec>,
    /// Whether it comes from the built-in catalog.
    pub builtin: bool,
}

/// One network probe.
#[derive(Debug, Clone, PartialEq)]
pub enum ProbeSpec {
    /// Resolve a name.
    Dns {
        /// Name to resolve.
        host: String,
    },
    /// Connect over TCP.
    Tcp {
        /// `host:port`.
        addr: String,
    },
    /// Connect and complete a TLS handshake.
    Tls {
        /// `host:port`.
        addr: String,
        /// Name the certificate must match (default: host of `addr`).
        server_name: Option<String>,
    },
    /// Make an HTTP(S) GET request.
    Http {
        /// Absolute http(s) URL.
        url: String,
        /// Accepted status codes (default 200-399).
        expect: StatusRanges,
        /// Text the body must contain.
        contains: Option<String>,
    },
}

impl ProbeSpec {
    /// The probe's layer.
    pub fn kind(&self) -> crate::ProbeKind {
        match self {
            ProbeSpec::Dns { .. } => crate::ProbeKind::Dns,
            ProbeSpec::Tcp { .. } => crate::ProbeKind::Tcp,
            ProbeSpec::Tls { .. } => crate::ProbeKind::Tls,
            ProbeSpec::Http { .. } => crate::ProbeKind::Http,
        }
    }

    /// What is probed, as shown to users.
    pub fn target(&self) -> &str {
        match self {
            ProbeSpec::Dns { host } => host,
            ProbeSpec::Tcp { addr } | ProbeSpec::Tls { addr, .. } => addr,
            ProbeSpec::Http { url, .. } => url,
        }
    }
}

/// Official status source.
#[derive(Debug, Clone, PartialEq)]
pub enum StatusSpec {
    /// Atlassian Statuspage v2 `summary.json`.
    Statuspage {
        /// URL of `summary.json`.
        url: String,
        /// Component name to follow; `None` = the page's overall indicator.
        component: Option<String>,
    },
    /// Meta Status `orgs.json`.
    Metastatus {
        /// URL of `orgs.json`.
        url: String,
        /// Org id (`whatsapp-business-api`).
        org: String,
        /// Service name inside the org; `None` = worst of the org's services.
        service: Option<String>,
    },
    /// Slack's status API v2 (`current`).
    Slack {
        /// URL of the `current` endpoint.
        url: String,
        /// Slack feature to follow ("Messaging", "Login/SSO"); `None` = any active incident.
        component: Option<String>,
    },
    /// Google's incident feed (`incidents.json` of Google Cloud or Google Workspace).
    Google {
        /// URL of `incidents.json`.
        url: String,
        /// Product to follow ("Gmail"); `None` = any ongoing incident.
        component: Option<String>,
    },
    /// Status.io's public status API (`/1.0/status/<page id>`).
    Statusio {
        /// URL of the page's status document.
        url: String,
        /// Component to follow; `None` = the page's overall status.
        component: Option<String>,
    },
    /// An incident.io status page's public summary (`/api/v1/summary`).
    Incidentio {
        /// URL of the summary.
        url: String,
        /// Component to follow; `None` = the worst ongoing incident.
        component: Option<String>,
    },
}

impl StatusSpec {
    /// The kind of source, as named in config, JSON and SQL.
    pub fn kind(&self) -> crate::SourceKind {
        use crate::SourceKind as K;
        match self {
            StatusSpec::Statuspage { .. } => K::Statuspage,
            StatusSpec::Metastatus { .. } => K::Metastatus,
            StatusSpec::Slack { .. } => K::Slack,
            StatusSpec::Google { .. } => K::Google,
            StatusSpec::Statusio { .. } => K::Statusio,
            StatusSpec::Incidentio { .. } => K::Incidentio,
        }
    }

    /// The URL that is read.
    pub fn url(&self) -> &str {
        match self {
            StatusSpec::Statuspage { url, .. }
            | StatusSpec::Metastatus { url, .. }
            | StatusSpec::Slack { url, .. }
            | StatusSpec::Google { url, .. }
            | StatusSpec::Statusio { url, .. }
            | StatusSpec::Incidentio { url, .. } => url,
        }
    }

    /// The part of the vendor's page that is followed (component, product, Meta service).
    pub fn component(&self) -> Option<&str> {
        match self {
            StatusSpec::Metastatus { service, .. } => service.as_deref(),
            StatusSpec::Statuspage { component, .. }
            | StatusSpec::Slack { component, .. }
            | StatusSpec::Google { component, .. }
            | StatusSpec::Statusio { component, .. }
            | StatusSpec::Incidentio { component, .. } => component.as_deref(),
        }
    }
}

/// Where Slack publishes its current status (docs.slack.dev, "Slack Status API").
pub const SLACK_STATUS_URL: &str = "https://slack-status.com/api/v2.0.0/current";

/// Where Meta publishes its status list.
pub const METASTATUS_URL: &str = "https://metastatus.com/data/orgs.json";

impl Settings {
    /// Reads and validates a config file; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::parse("", path),
            Err(e) => Err(ConfigError::io(path, &e)),
        }
    }

    /// Validates config text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let raw: raw::RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        validate::validate(raw, text, path)
    }

    /// The built-in catalog with default values.
    pub fn defaults() -> Settings {
        // An empty document is valid by construction.
        Settings::parse("", Path::new("<defaults>")).expect("defaults are valid")
    }
}

/// The platform's default config file (`~/.config/outage-radar/config.toml` on Linux).
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "outage-radar")
        .map(|d| d.config_dir().join("config.toml"))
}

/// The platform's default data dir (`~/.local/share/outage-radar` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "outage-radar").map(|d| d.data_dir().to_path_buf())
}
