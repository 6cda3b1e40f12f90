//! Start at login: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/outage-radar.desktop`
//! (`~/.config/autostart` when the variable is unset), that starts the app hidden in the tray.
//!
//! Written here rather than by tauri-plugin-autostart: the plugin always writes under
//! `~/.config`, ignoring `XDG_CONFIG_HOME`, so a desktop with its config elsewhere never saw
//! the entry. An entry the plugin left (`~/.config/autostart/Outage Radar.desktop`) is
//! removed, so the app never starts twice.

use std::io;
use std::path::{Path, PathBuf};

/// The entry's file name.
const FILE: &str = "outage-radar.desktop";
/// What tauri-plugin-autostart named the entry (after the product name of the time).
const LEGACY_FILE: &str = "Outage Radar.desktop";

/// The user's config dir by the XDG rules: `$XDG_CONFIG_HOME` when it is an absolute path,
/// else `$HOME/.config`.
pub fn config_home(xdg_config_home: Option<&str>, home: Option<&Path>) -> Option<PathBuf> {
    match xdg_config_home {
        Some(dir) if Path::new(dir).is_absolute() => Some(PathBuf::from(dir)),
        _ => home.map(|h| h.join(".config")),
    }
}

/// Where the entry lives on this machine.
fn entry_path() -> Option<PathBuf> {
    let xdg = std::env::var("XDG_CONFIG_HOME").ok();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    config_home(xdg.as_deref(), home.as_deref()).map(|dir| dir.join("autostart").join(FILE))
}

/// Creates or removes the entry so that it matches `wanted`.
pub fn sync(wanted: bool) -> io::Result<()> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(legacy) = home.map(|h| h.join(".config/autostart").join(LEGACY_FILE)) {
        remove_if_ours(&legacy)?;
    }
    let Some(path) = entry_path() else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "neither XDG_CONFIG_HOME nor HOME is set",
        ));
    };
    if !wanted {
        return remove_if_ours(&path);
    }
    let exe = std::env::current_exe()?;
    let text = entry(&exe.to_string_lossy());
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    outage_radar::config::write_atomic(&path, &text)
}

/// Removes `path` when it is an entry that starts this app (never a file of someone else's).
fn remove_if_ours(path: &Path) -> io::Result<()> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.contains("outage-radar-desktop") => std::fs::remove_file(path),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The entry for the binary at `exe`.
pub fn entry(exe: &str) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Version=1.0\n\
         Name=Outage Radar\n\
         Comment=Is it me or is it them? Starts Outage Radar in the tray\n\
         Exec={} --hidden\n\
         Icon=outage-radar-desktop\n\
         Terminal=false\n\
         StartupNotify=false\n\
         X-GNOME-Autostart-enabled=true\n",
        quote_exec(exe)
    )
}

/// Quotes a program path for `Exec=` (Desktop Entry spec, "The Exec key"): inside double
/// quotes, `"`, `` ` ``, `$` and `\` are escaped with a backslash; `%` is doubled. The
/// whole line is also a string value, where a backslash is written twice.
fn quote_exec(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c));
    if plain {
        return path.to_string();
    }
    let mut out = String::from("\"");
    for c in path.chars() {
        match c {
            '"' | '`' | '$' => {
                out.push_str("\\\\");
                out.push(c);
            }
            '\\' => out.push_str("\\\\\\\\"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_home_follows_xdg() {
        let home = Path::new("/home/u");
        assert_eq!(
            config_home(Some("/xdg/config"), Some(home)),
            Some(PathBuf::from("/xdg/config"))
        );
        // Unset, empty or relative: the spec says to use the default.
        for xdg in [None, Some(""), Some("relative/dir")] {
            assert_eq!(
                config_home(xdg, Some(home)),
                Some(PathBuf::from("/home/u/.config"))
            );
        }
        assert_eq!(config_home(None, None), None);
    }

    #[test]
    fn exec_lines_are_quoted_when_needed() {
        assert!(entry("/usr/bin/outage-radar-desktop")
            .contains("\nExec=/usr/bin/outage-radar-desktop --hidden\n"));
        assert!(entry("/opt/My Apps/outage-radar-desktop")
            .contains("\nExec=\"/opt/My Apps/outage-radar-desktop\" --hidden\n"));
        assert_eq!(quote_exec("/a $b/100%"), "\"/a \\\\$b/100%%\"");
    }
}
