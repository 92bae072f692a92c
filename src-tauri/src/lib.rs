//! The Planeswalker desktop app: a thin tauri shell over `codex` and `decks`.
//!
//! [`commands`] adapts the knowledge base to commands the UI calls through the generated
//! `ui/src/bindings.ts`; [`specta_builder`] is the one list of them.

pub mod commands;
pub mod error;
pub mod logging;
pub mod protocols;
pub mod settings;
pub mod state;

use std::path::PathBuf;

use tauri_specta::collect_commands;

use crate::settings::Settings;
use crate::state::AppState;

/// Overrides the data folder, as for the CLI (tests and portable setups use it).
pub const DATA_DIR_VARIABLE: &str = "PLANESWALKER_DATA_DIR";

/// The data folder: `PLANESWALKER_DATA_DIR` when set, otherwise the platform's app-data
/// folder — the same as the CLI's, so both share one knowledge base. `None` when the
/// platform has no home folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VARIABLE).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("app", "Planeswalker", "Planeswalker")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

/// Every command, for the invoke handler and the TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::library::knowledge_base_status,
            commands::library::import_knowledge_base,
            commands::library::cancel_import,
            commands::cards::search_cards,
            commands::cards::get_card,
            commands::rules::get_rule,
            commands::rules::search_rules,
            commands::rules::rules_outline,
            commands::rules::glossary,
            commands::decks::list_decks,
            commands::decks::get_deck,
            commands::decks::create_deck,
            commands::decks::import_deck,
            commands::decks::save_deck,
            commands::decks::delete_deck,
            commands::decks::export_deck,
            commands::decks::save_deck_file,
            commands::decks::check_deck,
            commands::decks::analyze_deck,
            commands::decks::draw_odds,
        ])
        // Counts, ranks and byte sizes are i64/u64 in Rust; none comes near 2^53, so plain
        // JavaScript numbers hold them exactly.
        .dangerously_cast_bigints_to_number()
        // Result types are only serialised and arguments only deserialised: one TypeScript
        // type per Rust type, not a `_Serialize` and a `_Deserialize` variant of each.
        .disable_serde_phases()
}

/// Why the app could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The shared state could not be set up.
    #[error(transparent)]
    State(#[from] codex::Error),
    /// tauri failed (no display, no web view).
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
}

/// Runs the app on the knowledge base in `data_dir` until its window closes.
pub fn run(data_dir: PathBuf) -> Result<(), RunError> {
    let settings = Settings::load(&data_dir).unwrap_or_else(|error| {
        // The app still starts (with the public sources) so the player can fix the file.
        tracing::error!(%error, "settings ignored");
        Settings::default()
    });
    let builder = specta_builder();
    tauri::Builder::default()
        .manage(AppState::new(data_dir, settings.sources)?)
        .invoke_handler(builder.invoke_handler())
        .register_asynchronous_uri_scheme_protocol(
            protocols::card_image::SCHEME,
            protocols::card_image::handle,
        )
        .run(tauri::generate_context!())?;
    Ok(())
}

#[cfg(test)]
mod tests;
