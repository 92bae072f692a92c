//! The desktop app's entry point.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(data_dir) = planeswalker_app::data_dir() else {
        eprintln!(
            "error: no home folder to keep the knowledge base in; set {} to a folder",
            planeswalker_app::DATA_DIR_VARIABLE
        );
        return ExitCode::FAILURE;
    };
    // Held to the end of main: dropping it flushes the log file.
    let _log_guard = planeswalker_app::logging::init(&data_dir);
    tracing::info!(data_dir = %data_dir.display(), "starting");
    match planeswalker_app::run(data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the app failed");
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
