//! Card search and card pages.

use codex::card::{Card, CardSummary};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Cards matching `query` (Scryfall syntax or plain words), best first, at most `limit`, as
/// the result list shows them. A query that does not parse is `invalid_query` with the
/// offending span.
#[tauri::command]
#[specta::specta]
pub async fn search_cards(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<CardSummary>, AppError> {
    let searched = query.clone();
    state
        .knowledge_base
        .query(move |codex| codex.search_summaries(&query, limit as usize))
        .await
        .map_err(|e| e.in_query(&searched))
}

/// The card called `name` (any face, case, accents and punctuation optional), with its
/// printings and rulings; a miss is `card_not_found` with the closest names.
#[tauri::command]
#[specta::specta]
pub async fn get_card(state: State<'_, AppState>, name: String) -> Result<Card, AppError> {
    state
        .knowledge_base
        .query(move |codex| codex.card(&name))
        .await
}
