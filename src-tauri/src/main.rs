//! `outage-radar-desktop`: the tray app. Its windows are `outage-radar-window` processes.

fn main() -> std::process::ExitCode {
    outage_radar_desktop::run()
}
