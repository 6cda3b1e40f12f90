//! The connection checks as the settings window edits them: the built-in controls, or the
//! user's own list (`[connectivity] probes`), for a network that blocks the built-in ones.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml_edit::{Array, Item, Table, Value};

use super::form_check::{check_probe, field_error};
use super::service_form::probe_form;
use super::service_toml::probe_value;
use super::{ConfigError, ProbeForm, Settings};
use crate::catalog;

/// The probes that judge the user's own connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectivityForm {
    /// The built-in checks: no list of the user's own in the file, so a later version's
    /// defaults apply.
    pub builtin: bool,
    /// The checks in use: the built-in ones when `builtin`, else the user's own.
    pub probes: Vec<ProbeForm>,
    /// The built-in checks, to show and to start an own list from (ignored when saving).
    #[serde(default, skip_deserializing)]
    pub defaults: Vec<ProbeForm>,
}

impl ConnectivityForm {
    /// The checks as the settings stand. A list equal to the built-in one reads as built-in.
    pub fn from_settings(s: &Settings) -> ConnectivityForm {
        ConnectivityForm {
            builtin: s.connectivity == catalog::default_controls(),
            probes: s.connectivity.iter().map(probe_form).collect(),
            defaults: catalog::default_controls().iter().map(probe_form).collect(),
        }
    }

    /// What Save would write: with `builtin`, the probes are not the user's and do not count.
    fn normalized(&self) -> ConnectivityForm {
        ConnectivityForm {
            builtin: self.builtin,
            probes: if self.builtin {
                Vec::new()
            } else {
                self.probes.iter().map(ProbeForm::normalized).collect()
            },
            defaults: Vec::new(),
        }
    }

    /// Writes the checks into the file's root table when they differ from `before`. Each
    /// probe is read as the loader reads the file; errors name `connectivity.probes[j].<field>`.
    pub(crate) fn patch(
        &self,
        root: &mut Table,
        before: &ConnectivityForm,
        path: &Path,
    ) -> Result<(), ConfigError> {
        let (now, was) = (self.normalized(), before.normalized());
        if now == was {
            return Ok(());
        }
        if now.builtin {
            if let Some(table) = root.get_mut("connectivity").and_then(Item::as_table_mut) {
                table.remove("probes");
                if table.is_empty() {
                    root.remove("connectivity");
                }
            }
            return Ok(());
        }
        if now.probes.is_empty() {
            return Err(field_error(
                path,
                "connectivity.probes".into(),
                "add at least one connection check, or use the built-in ones".into(),
            ));
        }
        for (j, probe) in now.probes.iter().enumerate() {
            check_probe(probe, &format!("connectivity.probes[{j}]"), path)?;
        }
        // One probe per line, as a person would write the list.
        let mut list: Array = now
            .probes
            .iter()
            .map(|p| {
                let mut v: Value = probe_value(p);
                v.decor_mut().set_prefix("\n  ");
                v
            })
            .collect();
        list.set_trailing("\n");
        list.set_trailing_comma(true);
        if !root.get("connectivity").is_some_and(Item::is_table) {
            root.insert("connectivity", Item::Table(Table::new()));
        }
        let table = root["connectivity"]
            .as_table_mut()
            .expect("just made a table");
        super::edit::set(table, "probes", list);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::edit::tests::apply;
    use crate::config::SettingsForm;

    const FILE: &str = "# my settings\ninterval_secs = 30 # fast\n";

    #[test]
    fn connection_checks_are_written_kept_and_given_back_to_the_builtin_ones() {
        let probe = |kind: &str, target: &str| ProbeForm {
            kind: kind.into(),
            target: target.into(),
            expect: None,
            contains: None,
        };
        let form = SettingsForm::from_settings(&Settings::parse(FILE, Path::new("c")).unwrap());
        let builtin = form.connectivity.clone().unwrap();
        assert!(builtin.builtin && !builtin.probes.is_empty(), "{builtin:?}");
        let (text, settings) = apply(FILE, |f| {
            f.connectivity = Some(ConnectivityForm {
                builtin: false,
                probes: vec![
                    probe("tcp", " 10.0.0.1:53 "),
                    probe("dns", "intranet.example"),
                ],
                defaults: vec![],
            });
        })
        .unwrap();
        assert!(
            text.contains("[connectivity]\nprobes = [\n  { kind = \"tcp\", addr = \"10.0.0.1:53\" },\n  { kind = \"dns\", host = \"intranet.example\" },\n]"),
            "{text}"
        );
        assert!(text.contains("interval_secs = 30 # fast"), "{text}");
        assert_eq!(settings.connectivity.len(), 2);
        let own = SettingsForm::from_settings(&settings).connectivity.unwrap();
        assert!(
            !own.builtin && own.probes[0].target == "10.0.0.1:53",
            "{own:?}"
        );
        // Unchanged: the file stays byte for byte.
        assert_eq!(apply(&text, |_| {}).unwrap().0, text);
        // An older window that sends no connection checks leaves them alone.
        assert_eq!(apply(&text, |f| f.connectivity = None).unwrap().0, text);
        // Back to the built-in ones: the list goes, and with it the empty table.
        let (back, settings) = apply(&text, |f| {
            f.connectivity.as_mut().unwrap().builtin = true;
        })
        .unwrap();
        assert!(!back.contains("connectivity"), "{back}");
        assert_eq!(settings.connectivity, catalog::default_controls());
    }

    #[test]
    fn a_bad_connection_check_names_its_field_and_writes_nothing() {
        let own = |kind: &str, target: &str| ConnectivityForm {
            builtin: false,
            defaults: vec![],
            probes: vec![ProbeForm {
                kind: kind.into(),
                target: target.into(),
                expect: None,
                contains: None,
            }],
        };
        for (bad, key) in [
            (own("tcp", "10.0.0.1"), "connectivity.probes[0].target"),
            (own("http", "not a url"), "connectivity.probes[0].target"),
            (own("icmp", "10.0.0.1"), "connectivity.probes[0].kind"),
            (
                ConnectivityForm {
                    probes: vec![],
                    ..own("dns", "x")
                },
                "connectivity.probes",
            ),
        ] {
            let err = apply(FILE, |f| f.connectivity = Some(bad.clone())).unwrap_err();
            assert_eq!(err.key.as_deref(), Some(key), "{bad:?}: {err}");
            assert!(err.line.is_none(), "{err}");
        }
    }
}
