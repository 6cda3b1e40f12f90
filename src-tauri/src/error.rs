//! Errors returned to the web UI, serialized as `{ kind, message, key, line }` so the
//! settings window can show a message next to the field at fault.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A command that failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The settings do not validate; `key` names the field.
    #[error(transparent)]
    Config(#[from] outage_radar::ConfigError),
    /// Saving the settings failed: a broken file on disk (`file`), a field (`config`), or
    /// the disk (`io`).
    #[error(transparent)]
    Save(#[from] outage_radar::config::SaveError),
    /// The engine or the history failed.
    #[error(transparent)]
    Engine(#[from] outage_radar::Error),
    /// The app runs without history; the engine's words say why.
    #[error("{0}")]
    NoHistory(String),
    /// Something the user asked for could not be done; the words say why.
    #[error("{0}")]
    Refused(String),
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("CommandError", 4)?;
        match self {
            CommandError::Config(e) => {
                out.serialize_field("kind", "config")?;
                out.serialize_field("message", &e.message)?;
                out.serialize_field("key", &e.key)?;
                out.serialize_field("line", &e.line)?;
            }
            CommandError::Save(e) => {
                use outage_radar::config::SaveError;
                let (kind, key, line) = match e {
                    SaveError::BrokenFile(c) => ("file", &c.key, c.line),
                    SaveError::Invalid(c) => ("config", &c.key, c.line),
                    SaveError::Io { .. } => ("io", &None, None),
                };
                // A refused form is about a field the window shows: the message alone (the
                // key places it; the file and line were never the form's). A broken file
                // or the disk is about the file: the whole message names it.
                let message = match e {
                    SaveError::Invalid(c) => c.message.clone(),
                    _ => e.to_string(),
                };
                out.serialize_field("kind", kind)?;
                out.serialize_field("message", &message)?;
                out.serialize_field("key", key)?;
                out.serialize_field("line", &line)?;
            }
            CommandError::Engine(_) | CommandError::NoHistory(_) | CommandError::Refused(_) => {
                out.serialize_field("kind", "internal")?;
                out.serialize_field("message", &self.to_string())?;
                out.serialize_field("key", &None::<String>)?;
                out.serialize_field("line", &None::<usize>)?;
            }
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use outage_radar::config::SaveError;
    use outage_radar::ConfigError;

    #[test]
    fn a_refused_form_says_the_message_alone_and_a_broken_file_names_the_file() {
        let error = |key: &str| ConfigError {
            file: "/home/you/.config/outage-radar/config.toml".into(),
            line: Some(12),
            key: Some(key.into()),
            message: "`127.0.0.1` is not host:port".into(),
        };
        let json = |e: SaveError| serde_json::to_value(CommandError::Save(e)).unwrap();
        let refused = json(SaveError::Invalid(error("connectivity.probes[0].target")));
        assert_eq!(refused["kind"], "config");
        assert_eq!(refused["message"], "`127.0.0.1` is not host:port");
        assert_eq!(refused["key"], "connectivity.probes[0].target");
        let broken = json(SaveError::BrokenFile(error("interval_secs")));
        assert_eq!(broken["kind"], "file");
        let message = broken["message"].as_str().unwrap();
        assert!(
            message.starts_with("/home/you/.config/outage-radar/config.toml:12"),
            "{message}"
        );
    }
}
