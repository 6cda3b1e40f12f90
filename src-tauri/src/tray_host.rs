//! Whether anything shows a tray icon at all: without a tray host the app would be
//! invisible, so the caller opens the dashboard instead.

use std::time::Duration;

/// Whether a StatusNotifierWatcher (the tray host) owns its name on the session bus.
pub async fn available() -> bool {
    let check = async {
        let connection = zbus::Connection::session().await?;
        let dbus = zbus::fdo::DBusProxy::new(&connection).await?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        dbus.name_has_owner(name).await
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), check).await,
        Ok(Ok(true))
    )
}
