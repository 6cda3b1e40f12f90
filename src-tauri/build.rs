fn main() {
    // Declaring the app's commands generates `allow-<command>` permissions, so each window's
    // capability can grant exactly the commands it uses.
    let commands = &[
        "get_snapshot",
        "get_history",
        "get_history_notice",
        "get_log_dir",
        "get_welcome",
        "get_service_history",
        "get_settings",
        "save_settings",
        "check_now",
        "send_test_notification",
        "get_pause",
        "set_pause",
        "tell_when_back",
        "get_back_requests",
        "open_incident",
        "quit_app",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
