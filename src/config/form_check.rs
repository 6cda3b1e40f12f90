//! The settings form checked by the loader's own code: each probe and status source of the
//! form is read with the file's types (`raw.rs`), and the loader's errors are moved to the
//! form's field keys, so a bad value gets the same message typed in the window or in the file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::raw::{RawProbe, RawStatus};
use super::service_toml::{probe_value, status_value};
use super::{ConfigError, ProbeForm, ServiceForm};

/// The form's services trimmed, named and with an id each. A name is the one thing the
/// file may omit (it defaults to the id) but the window needs, as new ids are made from it.
pub(crate) fn prepare(
    forms: &[ServiceForm],
    builtin_ids: &[String],
    path: &Path,
) -> Result<Vec<ServiceForm>, ConfigError> {
    let mut forms: Vec<ServiceForm> = forms.iter().map(ServiceForm::normalized).collect();
    let mut taken: Vec<String> = builtin_ids.to_vec();
    taken.extend(
        forms
            .iter()
            .map(|f| f.id.clone())
            .filter(|id| !id.is_empty()),
    );
    for (i, form) in forms.iter_mut().enumerate() {
        if form.name.is_empty() {
            return Err(field_error(
                path,
                format!("services[{i}].name"),
                "a service needs a name".into(),
            ));
        }
        if form.id.is_empty() {
            let base = slug(&form.name);
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.push(id.clone());
            form.id = id;
        }
    }
    Ok(forms)
}

/// Reads every probe and status source of the form as the loader reads the file.
pub(crate) fn check_values(forms: &[ServiceForm], path: &Path) -> Result<(), ConfigError> {
    for (i, form) in forms.iter().enumerate() {
        for (j, probe) in form.probes.iter().enumerate() {
            check_probe(probe, &format!("services[{i}].probes[{j}]"), path)?;
        }
        if let Some(status) = &form.status {
            load_as::<RawStatus>(&status_value(status), path).map_err(|e| {
                let field = match field_of(&e) {
                    f @ ("url" | "component" | "org" | "service") => f,
                    _ => "kind",
                };
                let key = format!("services[{i}].status.{field}");
                moved(e, key)
            })?;
        }
    }
    Ok(())
}

/// Reads one probe of the form as the loader reads the file; an error names `at.<field>`.
pub(crate) fn check_probe(probe: &ProbeForm, at: &str, path: &Path) -> Result<(), ConfigError> {
    load_as::<RawProbe>(&probe_value(probe), path).map_err(|e| {
        let field = match field_of(&e) {
            f @ ("kind" | "expect" | "contains") => f,
            // `host`, `addr` or `url`: the form's single target box.
            _ => "target",
        };
        let key = format!("{at}.{field}");
        moved(e, key)
    })
}

/// A loader error about `services[k]` of the written file, about the form's service
/// `order[k]` instead (the file keeps its own order; the form lists enabled ones first).
pub(crate) fn to_form_key(e: ConfigError, order: &[usize]) -> ConfigError {
    let Some(key) = e.key.as_deref() else {
        return e;
    };
    let Some((k, rest)) = key
        .strip_prefix("services[")
        .and_then(|r| r.split_once(']'))
    else {
        return e;
    };
    let Some(&i) = k.parse::<usize>().ok().and_then(|k| order.get(k)) else {
        return e;
    };
    // The loader names the whole service when it has neither probes nor status.
    let rest = if rest.is_empty() { ".probes" } else { rest };
    let key = format!("services[{i}]{rest}");
    moved(e, key)
}

/// One value parsed exactly as the loader parses the file, errors worded alike.
fn load_as<T: DeserializeOwned>(value: &toml_edit::Value, path: &Path) -> Result<(), ConfigError> {
    #[derive(Deserialize)]
    struct One<T> {
        #[allow(dead_code)]
        value: T,
    }
    let mut value = value.clone();
    value.decor_mut().clear();
    let text = format!("value = {value}");
    toml::from_str::<One<T>>(&text)
        .map(drop)
        .map_err(|e| ConfigError::from_toml(path, &text, &e))
}

/// The file key at fault: the key of the bad value, or the one reported missing.
fn field_of(e: &ConfigError) -> &str {
    e.message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .or(e.key.as_deref())
        .unwrap_or("")
}

/// The same message under a form key; the line is dropped, as it was not the file's.
fn moved(e: ConfigError, key: String) -> ConfigError {
    ConfigError {
        line: None,
        key: Some(key),
        ..e
    }
}

pub(crate) fn field_error(path: &Path, key: String, message: String) -> ConfigError {
    ConfigError {
        file: path.to_path_buf(),
        line: None,
        key: Some(key),
        message,
    }
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
