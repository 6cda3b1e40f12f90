//! Replacing the config file in one step, where it really lives, with its permissions.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a file atomically: a temp file in the same directory, flushed to disk, then
/// renamed over the target. Readers see the old file or the new one, never a mix.
///
/// A symlinked path is followed: the file it points to is replaced, so the link (often into
/// a dotfiles repository) stays a link. The file keeps its permission bits.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let path = resolve_links(path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("config.toml");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let permissions = match std::fs::metadata(&path) {
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        // Before the text goes in, so a private file is never readable by others meanwhile.
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The file a path finally names, following symlinks (a dangling link names the file it
/// would point to, which the save then creates).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // The kernel's own limit on links in a chain; beyond it there is a loop.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        write_atomic(&path, "a = 1\n").unwrap();
        write_atomic(&path, "confirm = 3\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "confirm = 3\n");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
