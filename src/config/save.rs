//! Saving the settings window's form: read the file, apply the form, validate, and write
//! atomically (temp file + rename), so a crash mid-save never leaves half a file and a file
//! that does not parse is never overwritten.

use std::path::{Path, PathBuf};

use super::{write_atomic, ConfigError, Settings, SettingsForm};

/// Why the settings window could not save.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk does not parse: it is the user's to fix and is never overwritten.
    #[error("{0} (the file on disk must be fixed before saving)")]
    BrokenFile(ConfigError),
    /// The form does not validate; the error's `key` names the field.
    #[error(transparent)]
    Invalid(ConfigError),
    /// The file could not be read or written; the message names it.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        /// The config file.
        path: PathBuf,
        /// `"read"` or `"write"`.
        action: &'static str,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Applies the form to the file at `path` (missing = empty) and writes it atomically.
/// Nothing is written when the result, or the file as it is, does not validate.
pub fn save(form: &SettingsForm, path: &Path) -> Result<Settings, SaveError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                action: "read",
                source,
            })
        }
    };
    Settings::parse(&text, path).map_err(SaveError::BrokenFile)?;
    let (new_text, settings) = form.apply(&text, path).map_err(SaveError::Invalid)?;
    write_atomic(path, &new_text).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        action: "write",
        source,
    })?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_read_keeps_the_io_error_and_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: reading it fails, and not with NotFound.
        let path = dir.path().join("config.toml");
        std::fs::create_dir(&path).unwrap();
        let form = SettingsForm::from_settings(&Settings::defaults());
        let err = save(&form, &path).unwrap_err();
        let SaveError::Io { action, source, .. } = &err else {
            panic!("not an I/O error: {err:?}");
        };
        assert_eq!(*action, "read");
        assert_ne!(source.kind(), std::io::ErrorKind::NotFound);
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{}: cannot read: ", path.display())),
            "{text}"
        );
    }

    #[test]
    fn save_refuses_to_overwrite_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "interval_secs = \"x\"\n").unwrap();
        let form = SettingsForm::from_settings(&Settings::defaults());
        let err = save(&form, &path).unwrap_err();
        assert!(
            matches!(err, SaveError::BrokenFile(_)) && err.to_string().contains("must be fixed"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "interval_secs = \"x\"\n"
        );
        // A missing file is created with only what changed.
        let fresh = dir.path().join("new.toml");
        let mut changed = form.clone();
        changed.confirm = 4;
        assert_eq!(save(&changed, &fresh).unwrap().confirm, 4);
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "confirm = 4\n");
    }
}
