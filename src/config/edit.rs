//! What the settings window edits, applied to the config file's own text.
//!
//! Changes are applied with `toml_edit`, so comments, order and custom services survive;
//! only keys whose value changed are written (custom services by `service_toml`). The result
//! is validated by the same code as at load; `save` writes it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml_edit::{DocumentMut, Item, Table, TableLike};

use super::{form_check, service_toml, ConfigError, ConnectivityForm, ServiceForm, Settings};
use crate::catalog;

/// The settings a person edits in the settings window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    /// Seconds between rounds.
    pub interval_secs: u64,
    /// Consecutive rounds to confirm a change.
    pub confirm: u32,
    /// Per-probe timeout.
    pub timeout_ms: u64,
    /// Latency above this is `slow`.
    pub slow_ms: u64,
    /// Ids of the built-in services to watch.
    pub builtins: Vec<String>,
    /// Notification preferences.
    pub notifications: NotificationsForm,
    /// Start the desktop app at login.
    pub start_at_login: bool,
    /// Custom services (`[[services]]`), switched-off ones included.
    #[serde(default)]
    pub services: Vec<ServiceForm>,
    /// The connection checks. Absent (an older window) leaves the file's as they are.
    #[serde(default)]
    pub connectivity: Option<ConnectivityForm>,
    /// Every built-in service, for the checkboxes (ignored when saving).
    #[serde(default, skip_deserializing)]
    pub available_builtins: Vec<BuiltinChoice>,
}

/// Notification preferences as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsForm {
    /// Master switch.
    pub enabled: bool,
    /// Notify on recovery.
    pub recovery: bool,
    /// Notify for degraded too.
    pub degraded: bool,
    /// `"22:00-07:00"`, or None for no quiet hours.
    pub quiet_hours: Option<String>,
}

/// A built-in service the user may switch on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltinChoice {
    /// Id used in `builtins = [...]`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Category in words ("Messaging"), for grouping and search.
    #[serde(default)]
    pub category: String,
    /// Whether the vendor's own status source is read too.
    #[serde(default)]
    pub has_official: bool,
}

impl SettingsForm {
    /// The form as the settings stand.
    pub fn from_settings(s: &Settings) -> SettingsForm {
        SettingsForm {
            interval_secs: s.interval.as_secs(),
            confirm: s.confirm,
            timeout_ms: s.timeout.as_millis() as u64,
            slow_ms: s.slow.as_millis() as u64,
            builtins: s
                .services
                .iter()
                .filter(|x| x.builtin)
                .map(|x| x.id.clone())
                .collect(),
            notifications: NotificationsForm {
                enabled: s.notifications.enabled,
                recovery: s.notifications.recovery,
                degraded: s.notifications.degraded,
                quiet_hours: s.notifications.quiet_hours.map(|q| q.to_string()),
            },
            start_at_login: s.start_at_login,
            services: s
                .services
                .iter()
                .filter(|x| !x.builtin)
                .map(|x| ServiceForm::from_spec(x, true))
                .chain(
                    s.disabled_services
                        .iter()
                        .map(|x| ServiceForm::from_spec(x, false)),
                )
                .collect(),
            connectivity: Some(ConnectivityForm::from_settings(s)),
            available_builtins: catalog::builtins()
                .into_iter()
                .map(|b| BuiltinChoice {
                    category: catalog::Catalog::shipped()
                        .find(&b.id)
                        .map(|e| e.category.title().to_string())
                        .unwrap_or_default(),
                    has_official: b.status.is_some(),
                    id: b.id,
                    name: b.name,
                })
                .collect(),
        }
    }

    /// Applies the form to the config file's text and validates the result. Returns the new
    /// text and the settings it means; errors name the key, as at load.
    pub fn apply(&self, text: &str, path: &Path) -> Result<(String, Settings), ConfigError> {
        // A file that does not parse is the user's to fix: it is never overwritten.
        let current = Settings::parse(text, path).map_err(|e| ConfigError {
            message: format!(
                "{} (the file on disk must be fixed before saving)",
                e.message
            ),
            ..e
        })?;
        let before = SettingsForm::from_settings(&current);
        let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            ConfigError::at(path, text, e.span(), None, e.message().to_string())
        })?;
        let root = doc.as_table_mut();
        self.patch_rounds(root, &before);
        self.patch_builtins(root, &before);
        self.patch_notifications(root, &before);
        if self.start_at_login != before.start_at_login {
            set(
                table(root, "desktop"),
                "start_at_login",
                self.start_at_login,
            );
        }
        if let (Some(now), Some(was)) = (&self.connectivity, &before.connectivity) {
            now.patch(root, was, path)?;
        }
        let services: Vec<ServiceForm> =
            self.services.iter().map(ServiceForm::normalized).collect();
        let was: Vec<ServiceForm> = before
            .services
            .iter()
            .map(ServiceForm::normalized)
            .collect();
        let order = if services != was {
            let builtin_ids: Vec<String> = catalog::builtins().into_iter().map(|b| b.id).collect();
            let services = form_check::prepare(&services, &builtin_ids, path)?;
            form_check::check_values(&services, path)?;
            service_toml::patch(root, &was, &services)
        } else {
            // Unchanged services can still clash with a newly ticked built-in.
            service_toml::order(root, &services)
        };
        let new_text = doc.to_string();
        let settings =
            Settings::parse(&new_text, path).map_err(|e| form_check::to_form_key(e, &order))?;
        Ok((new_text, settings))
    }

    /// The round's timing: interval, confirmation, timeout and slowness.
    fn patch_rounds(&self, root: &mut Table, before: &SettingsForm) {
        let numbers = [
            ("interval_secs", self.interval_secs, before.interval_secs),
            (
                "confirm",
                u64::from(self.confirm),
                u64::from(before.confirm),
            ),
            ("timeout_ms", self.timeout_ms, before.timeout_ms),
            ("slow_ms", self.slow_ms, before.slow_ms),
        ];
        for (key, now, was) in numbers {
            if now != was {
                set(root, key, i64::try_from(now).unwrap_or(i64::MAX));
            }
        }
    }

    /// The built-ins to watch; the default list is written as no list at all.
    fn patch_builtins(&self, root: &mut Table, before: &SettingsForm) {
        if self.builtins == before.builtins {
            return;
        }
        if self.builtins == catalog::default_ids() {
            // Absent means the default list, which follows later versions' defaults.
            root.remove("builtins");
        } else {
            let list = self.builtins.iter().collect::<toml_edit::Array>();
            set(root, "builtins", list);
        }
    }

    /// The `[notifications]` table, key by key.
    fn patch_notifications(&self, root: &mut Table, before: &SettingsForm) {
        let (n, was) = (&self.notifications, &before.notifications);
        if n == was {
            return;
        }
        let table = table(root, "notifications");
        for (key, now, then) in [
            ("enabled", n.enabled, was.enabled),
            ("recovery", n.recovery, was.recovery),
            ("degraded", n.degraded, was.degraded),
        ] {
            if now != then {
                set(table, key, now);
            }
        }
        if n.quiet_hours != was.quiet_hours {
            let quiet = n.quiet_hours.as_deref().map(str::trim);
            match quiet.filter(|q| !q.is_empty()) {
                // Checked with the rest, by the loader.
                Some(q) => set(table, "quiet_hours", q),
                None => {
                    table.remove("quiet_hours");
                }
            }
        }
    }
}

/// Sets a value, keeping the comment and spacing around an existing one.
pub(super) fn set(table: &mut dyn TableLike, key: &str, new: impl Into<toml_edit::Value>) {
    let mut new = new.into();
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}

fn table<'a>(root: &'a mut Table, name: &str) -> &'a mut Table {
    if !root.get(name).is_some_and(Item::is_table) {
        root.insert(name, Item::Table(Table::new()));
    }
    root[name].as_table_mut().expect("just made a table")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const FILE: &str = "# my settings\ninterval_secs = 30 # fast\n\n[[services]]\nid = \"shop\"\nprobes = [{ kind = \"dns\", host = \"shop.test\" }]\n";

    /// `text` as the window shows it, edited by `edit`, then applied (as Save does).
    pub(in crate::config) fn apply(
        text: &str,
        edit: impl FnOnce(&mut SettingsForm),
    ) -> Result<(String, Settings), ConfigError> {
        let path = Path::new("config.toml");
        let mut form = SettingsForm::from_settings(&Settings::parse(text, path).unwrap());
        edit(&mut form);
        form.apply(text, path)
    }

    #[test]
    fn unchanged_form_leaves_the_file_as_it_was() {
        assert_eq!(apply(FILE, |_| {}).unwrap().0, FILE);
    }

    #[test]
    fn changes_keep_comments_and_custom_services() {
        let (text, settings) = apply(FILE, |f| {
            f.interval_secs = 120;
            f.confirm = 3;
            f.notifications.recovery = false;
            f.notifications.quiet_hours = Some("22:00-07:00".into());
            f.builtins = vec!["whatsapp".into()];
            f.start_at_login = true;
        })
        .unwrap();
        assert!(
            text.contains("# my settings") && text.contains("interval_secs = 120 # fast"),
            "{text}"
        );
        assert!(text.contains("id = \"shop\""), "{text}");
        assert_eq!(settings.interval.as_secs(), 120);
        assert_eq!(settings.confirm, 3);
        assert!(!settings.notifications.recovery && settings.start_at_login);
        assert_eq!(
            settings
                .services
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            ["whatsapp", "shop"]
        );
        assert_eq!(
            settings.notifications.quiet_hours.unwrap().to_string(),
            "22:00-07:00"
        );
    }

    #[test]
    fn the_default_builtins_again_remove_the_list() {
        let (text, _) = apply("builtins = [\"threads\"]\n", |f| {
            f.builtins = catalog::default_ids();
        })
        .unwrap();
        assert!(!text.contains("builtins"), "{text}");
    }

    #[test]
    fn invalid_values_are_refused_with_the_key() {
        let err = apply(FILE, |f| f.interval_secs = 0).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("interval_secs"), "{err}");
        let err = apply(FILE, |f| f.notifications.quiet_hours = Some("late".into())).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("quiet_hours"), "{err}");
        let err = apply(FILE, |f| f.builtins = vec!["nope".into()]).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("builtins"), "{err}");
    }

    #[test]
    fn custom_services_are_added_edited_switched_off_and_removed() {
        use crate::config::{ProbeForm, StatusForm};
        let probe = |kind: &str, target: &str| ProbeForm {
            kind: kind.into(),
            target: target.into(),
            expect: None,
            contains: None,
        };
        let (text, settings) = apply(FILE, |f| {
            f.services.push(ServiceForm {
                id: String::new(),
                name: "My Blog".into(),
                enabled: true,
                probes: vec![
                    probe("http", "https://blog.test/"),
                    probe("tcp", "blog.test:443"),
                ],
                status: Some(StatusForm {
                    kind: "statuspage".into(),
                    url: Some("https://status.blog.test/api/v2/summary.json".into()),
                    component: Some("Web".into()),
                    org: None,
                    service: None,
                }),
            });
        })
        .unwrap();
        let blog = settings
            .services
            .iter()
            .find(|s| s.id == "my-blog")
            .expect("id made from the name");
        assert_eq!(blog.probes.len(), 2);
        assert!(
            text.contains("# my settings") && text.contains("interval_secs = 30 # fast"),
            "{text}"
        );
        // Switch the shop off: it stays in the file, not watched.
        let (text, settings) = apply(&text, |f| f.services[0].enabled = false).unwrap();
        assert!(!settings.services.iter().any(|s| s.id == "shop"));
        assert_eq!(settings.disabled_services[0].id, "shop");
        let form = SettingsForm::from_settings(&settings);
        assert_eq!(
            form.services
                .iter()
                .map(|s| (s.id.as_str(), s.enabled))
                .collect::<Vec<_>>(),
            [("my-blog", true), ("shop", false)]
        );
        // Remove everything custom.
        let (text, settings) = apply(&text, |f| f.services.clear()).unwrap();
        assert!(
            !text.contains("[[services]]") && settings.services.len() == 8,
            "{text}"
        );
    }

    #[test]
    fn a_bad_custom_service_names_its_field_and_writes_nothing() {
        use crate::config::ProbeForm;
        let service = |name: &str, kind: &str, target: &str| ServiceForm {
            id: String::new(),
            name: name.into(),
            enabled: true,
            probes: vec![ProbeForm {
                kind: kind.into(),
                target: target.into(),
                expect: None,
                contains: None,
            }],
            status: None,
        };
        let cases = [
            (
                service("Blog", "http", "not a url"),
                "services[1].probes[0].target",
            ),
            (
                service("Blog", "http", "ftp://blog.test/"),
                "services[1].probes[0].target",
            ),
            (
                service("Blog", "tcp", "blog.test"),
                "services[1].probes[0].target",
            ),
            (
                service("Blog", "icmp", "blog.test"),
                "services[1].probes[0].kind",
            ),
            (service("", "dns", "blog.test"), "services[1].name"),
            (
                ServiceForm {
                    probes: vec![],
                    ..service("Blog", "dns", "x")
                },
                "services[1].probes",
            ),
            (
                ServiceForm {
                    id: "whatsapp".into(),
                    ..service("Blog", "dns", "blog.test")
                },
                "services[1].id",
            ),
        ];
        for (bad, key) in cases {
            let err = apply(FILE, |f| f.services.push(bad.clone())).unwrap_err();
            assert_eq!(err.key.as_deref(), Some(key), "{bad:?}: {err}");
        }
    }

    #[test]
    fn a_clash_names_the_service_as_the_form_lists_it() {
        // The form lists enabled services first; the file has the disabled one first.
        let file = "builtins = [\"whatsapp\"]\n[[services]]\nid = \"old\"\nenabled = false\nprobes = [{ kind = \"dns\", host = \"old.test\" }]\n[[services]]\nid = \"threads\"\nprobes = [{ kind = \"dns\", host = \"t.test\" }]\n";
        let err = apply(file, |f| f.builtins.push("threads".into())).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("services[0].id"), "{err}");
        assert!(err.message.contains("used twice"), "{err}");
    }
}
