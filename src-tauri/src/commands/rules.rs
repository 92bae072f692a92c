//! The Comprehensive Rules browser.

use codex::rules::{GlossaryEntry, OutlineSection, RuleAnswer, RuleHit};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// A rule by number (`702.19b`) or a glossary entry by term (`trample`).
#[tauri::command]
#[specta::specta]
pub async fn get_rule(state: State<'_, AppState>, query: String) -> Result<RuleAnswer, AppError> {
    state
        .knowledge_base
        .query(move |codex| codex.rule(&query))
        .await
}

/// Full-text search over the rules and the glossary, best first, at most `limit` hits.
#[tauri::command]
#[specta::specta]
pub async fn search_rules(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Result<Vec<RuleHit>, AppError> {
    state
        .knowledge_base
        .query(move |codex| codex.search_rules(&text, limit as usize))
        .await
}

/// The rules' table of contents: sections with their chapters.
#[tauri::command]
#[specta::specta]
pub async fn rules_outline(state: State<'_, AppState>) -> Result<Vec<OutlineSection>, AppError> {
    state
        .knowledge_base
        .query(|codex| codex.rules_outline())
        .await
}

/// Every glossary entry of the Comprehensive Rules, alphabetically by term.
#[tauri::command]
#[specta::specta]
pub async fn glossary(state: State<'_, AppState>) -> Result<Vec<GlossaryEntry>, AppError> {
    state.knowledge_base.query(|codex| codex.glossary()).await
}
