//! The deck list and the deck builder: decks imported, edited, checked, analysed and exported.
//! Each command reads names against the knowledge base and keeps decks in the user-data
//! database, through the `decks` crate.

use std::path::{Path, PathBuf};

use codex::card::CardSummary;
use codex::combos::ComboMatch;
use decks::analysis::{self, Analysis};
use decks::legality::{self, GameFormat, Report};
use decks::resolve::{self, Resolution};
use decks::{Deck, DeckCard, DeckSummary, Format, LineProblem, NameProblem, StoredDeck, formats};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;

/// How many combos the combo panel lists.
const COMBOS_SHOWN: usize = 50;

/// A deck as the builder shows it: the stored deck, what each of its cards is, and the lines
/// whose names are no longer cards of the knowledge base.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DeckDetail {
    /// The stored deck.
    pub deck: StoredDeck,
    /// Each distinct card of the deck, as a search result shows it.
    pub cards: Vec<CardSummary>,
    /// Lines naming no card (after a new import renamed one, say).
    pub unknown_names: Vec<NameProblem>,
}

/// What an import made of a pasted or opened list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportedDeck {
    /// The stored deck, as the builder opens it.
    pub detail: DeckDetail,
    /// The format the list was read as.
    pub list_format: Format,
    /// Lines that could not be read.
    pub unreadable_lines: Vec<LineProblem>,
    /// Lines naming no card, or several, with suggestions.
    pub unknown_names: Vec<NameProblem>,
}

/// A deck's legality in one format.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DeckCheck {
    /// The format checked.
    pub format: GameFormat,
    /// Violations and notes.
    pub report: Report,
}

/// A deck's analysis and combos.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DeckAnalysis {
    /// Curve, types, roles, colours, lands and odds.
    pub analysis: Analysis,
    /// Combos in the deck, then those missing one card.
    pub combos: Vec<ComboMatch>,
}

fn summary(card: &codex::card::Card) -> CardSummary {
    CardSummary {
        name: card.name.clone(),
        mana_cost: card.mana_cost.clone(),
        type_line: card.type_line.clone(),
        power: card.power.clone(),
        toughness: card.toughness.clone(),
        loyalty: card.loyalty.clone(),
        defense: card.defense.clone(),
        rarity: card.rarity.clone(),
    }
}

fn detail(deck: StoredDeck, resolution: &Resolution) -> DeckDetail {
    let mut cards: Vec<CardSummary> = Vec::new();
    for line in resolution.deck.cards() {
        if let Some(card) = resolution.cards.get(&line.card.name)
            && !cards.iter().any(|c| c.name == card.name)
        {
            cards.push(summary(card));
        }
    }
    DeckDetail {
        deck,
        cards,
        unknown_names: resolution.problems.clone(),
    }
}

/// The deck's cards matched against the knowledge base.
async fn resolved(state: &AppState, deck: &Deck) -> Result<Resolution, AppError> {
    let deck = deck.clone();
    state
        .knowledge_base
        .query(move |codex| resolve::resolve_deck(codex, &deck))
        .await
}

async fn stored(state: &AppState, id: String) -> Result<StoredDeck, AppError> {
    state.decks.query(move |store| store.get(&id)).await
}

async fn detailed(state: &AppState, deck: StoredDeck) -> Result<DeckDetail, AppError> {
    let resolution = resolved(state, &deck.deck).await?;
    Ok(detail(deck, &resolution))
}

/// Every deck, most recently changed first.
#[tauri::command]
#[specta::specta]
pub async fn list_decks(state: State<'_, AppState>) -> Result<Vec<DeckSummary>, AppError> {
    state.decks.query(|store| store.list()).await
}

/// The deck `id`, with its cards.
#[tauri::command]
#[specta::specta]
pub async fn get_deck(state: State<'_, AppState>, id: String) -> Result<DeckDetail, AppError> {
    let deck = stored(&state, id).await?;
    detailed(&state, deck).await
}

/// A new empty deck.
#[tauri::command]
#[specta::specta]
pub async fn create_deck(
    state: State<'_, AppState>,
    name: String,
    format: Option<GameFormat>,
) -> Result<DeckDetail, AppError> {
    let deck = state
        .decks
        .query(move |store| store.create(&name, format, &Deck::new(None)))
        .await?;
    detailed(&state, deck).await
}

/// Reads a deck list (format detected unless `list_format` names one), matches its names and
/// stores what it names. Named `name`, else as the list says, else "Imported deck". A list of
/// which no line names a card is `deck_unreadable`, and nothing is stored.
#[tauri::command]
#[specta::specta]
pub async fn import_deck(
    state: State<'_, AppState>,
    text: String,
    list_format: Option<Format>,
    name: Option<String>,
) -> Result<ImportedDeck, AppError> {
    let (list_format, read, resolution) = state
        .knowledge_base
        .query(move |codex| {
            let (list_format, read) = formats::read(&text, list_format);
            resolve::resolve(codex, &read).map(|resolution| (list_format, read, resolution))
        })
        .await?;
    if resolution.deck.cards().is_empty() {
        return Err(AppError::new(
            ErrorCode::DeckUnreadable,
            format!(
                "No card could be read from this list as {}. Choose its format, or check the \
                 list ({} lines unreadable, {} names not cards).",
                list_format.name(),
                read.problems.len(),
                resolution.problems.len()
            ),
            None,
        ));
    }
    let name = name
        .filter(|name| !name.trim().is_empty())
        .or_else(|| read.name.clone())
        .unwrap_or_else(|| "Imported deck".to_owned());
    let format = GameFormat::implied_by(&resolution.deck);
    let deck = resolution.deck.clone();
    let stored = state
        .decks
        .query(move |store| store.create(&name, format, &deck))
        .await?;
    Ok(ImportedDeck {
        detail: detail(stored, &resolution),
        list_format,
        unreadable_lines: read.problems,
        unknown_names: resolution.problems,
    })
}

/// Replaces the deck's name, format and cards: one change, made on `revision` (a deck changed
/// elsewhere since is `deck_changed`).
#[tauri::command]
#[specta::specta]
pub async fn save_deck(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    name: String,
    format: Option<GameFormat>,
    cards: Vec<DeckCard>,
) -> Result<DeckDetail, AppError> {
    let mut deck = Deck::new(None);
    for line in cards.into_iter().filter(|line| line.quantity > 0) {
        deck.add(line.section, line.quantity, line.card);
    }
    let saved = state
        .decks
        .query(move |store| store.save(&id, revision, &name, format, &deck))
        .await?;
    detailed(&state, saved).await
}

/// Deletes the deck, as loaded at `revision`.
#[tauri::command]
#[specta::specta]
pub async fn delete_deck(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
) -> Result<(), AppError> {
    state
        .decks
        .query(move |store| store.delete(&id, revision))
        .await
}

/// The deck written as a deck list in `format`.
#[tauri::command]
#[specta::specta]
pub async fn export_deck(
    state: State<'_, AppState>,
    id: String,
    format: Format,
) -> Result<String, AppError> {
    let deck = stored(&state, id).await?;
    Ok(formats::write(&deck.deck, format)?)
}

/// Writes the deck as a deck list in `format` into the Downloads folder (the home folder when
/// there is none) and answers the file's path. An existing file is never overwritten: the new
/// one gets a number.
#[tauri::command]
#[specta::specta]
pub async fn save_deck_file(
    state: State<'_, AppState>,
    id: String,
    format: Format,
) -> Result<String, AppError> {
    let deck = stored(&state, id).await?;
    let text = formats::write(&deck.deck, format)?;
    let folder = directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.download_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(dirs.home_dir().to_path_buf()))
        })
        .ok_or_else(|| {
            AppError::internal(&std::io::Error::other("no home folder to save the file in"))
        })?;
    tauri::async_runtime::spawn_blocking(move || {
        write_new_file(&folder, &deck.name, format.extension(), &text)
    })
    .await
    .map_err(|e| AppError::internal(&e))?
    .map(|path| path.display().to_string())
    .map_err(|e| AppError::internal(&e))
}

/// Creates `<folder>/<name>.<extension>`, or `<name> (2).<extension>` and so on when taken.
fn write_new_file(
    folder: &Path,
    name: &str,
    extension: &str,
    text: &str,
) -> std::io::Result<PathBuf> {
    use std::io::Write;
    std::fs::create_dir_all(folder)?;
    // Characters no file system takes in a name.
    let stem: String = name
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = if stem.trim().is_empty() {
        "deck".to_owned()
    } else {
        stem.trim().to_owned()
    };
    for attempt in 1u32.. {
        let file_name = if attempt == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem} ({attempt}).{extension}")
        };
        let path = folder.join(file_name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other("no free file name"))
}

/// The deck's legality in `format`: every violation with its card and rule.
#[tauri::command]
#[specta::specta]
pub async fn check_deck(
    state: State<'_, AppState>,
    id: String,
    format: GameFormat,
) -> Result<DeckCheck, AppError> {
    let deck = stored(&state, id).await?;
    let resolution = resolved(&state, &deck.deck).await?;
    Ok(DeckCheck {
        format,
        report: legality::check(&resolution.deck, &resolution.cards, format),
    })
}

/// The deck's analysis and the combos it holds or misses by one card.
#[tauri::command]
#[specta::specta]
pub async fn analyze_deck(
    state: State<'_, AppState>,
    id: String,
) -> Result<DeckAnalysis, AppError> {
    let deck = stored(&state, id).await?;
    state
        .knowledge_base
        .query(move |codex| {
            let resolution = resolve::resolve_deck(codex, &deck.deck)?;
            Ok::<_, codex::Error>(DeckAnalysis {
                analysis: analysis::analyse(&resolution.deck, &resolution.cards),
                combos: decks::combos::combos_in(codex, &resolution.deck, COMBOS_SHOWN)?,
            })
        })
        .await
}

/// The chance of at least `wanted` of `copies` cards, in a library of `library`, among the cards
/// seen by `turn` (the opening seven, then a draw a turn, none on turn one on the play).
#[tauri::command]
#[specta::specta]
pub fn draw_odds(library: u32, copies: u32, wanted: u32, turn: u32, on_the_play: bool) -> f64 {
    decks::odds::at_least(
        library,
        copies,
        decks::odds::cards_seen(turn.max(1), on_the_play),
        wanted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_files_never_overwrite_and_names_are_made_safe() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new_file(dir.path(), "Burn: R/W", "txt", "4 Lightning Bolt\n").unwrap();
        assert_eq!(first.file_name().unwrap(), "Burn_ R_W.txt");
        let second = write_new_file(dir.path(), "Burn: R/W", "txt", "other").unwrap();
        assert_eq!(second.file_name().unwrap(), "Burn_ R_W (2).txt");
        assert_eq!(
            std::fs::read_to_string(first).unwrap(),
            "4 Lightning Bolt\n"
        );
    }
}
