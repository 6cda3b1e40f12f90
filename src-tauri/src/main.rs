// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // The tray app starts this binary again for each window it shows.
    let mut args = std::env::args_os().skip(1);
    if args
        .next()
        .is_some_and(|a| a == outage_radar_desktop::WINDOW_ARG)
    {
        return outage_radar_desktop::run_window(args.next());
    }
    outage_radar_desktop::run()
}
