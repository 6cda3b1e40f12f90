//! Opening a web page in the user's browser, through the desktop's own opener.

use std::process::{Command, Stdio};

/// Starts the desktop's opener (`xdg-open`) on `url` and returns at once; the opener is
/// reaped in the background so it never lingers as a zombie.
pub fn open(url: &str) -> std::io::Result<()> {
    let mut child = Command::new("xdg-open")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
