//! Recognising what a source file holds, from its content (decompressed head), so that
//! `--from-dir` can import whatever it finds and `--from-file` needs no type flag.

use std::path::{Path, PathBuf};

use super::input::{is_tar, peek};
use crate::Result;

/// What a source file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// MTGJSON `AtomicCards.json`: one entry per card name.
    MtgjsonAtomicCards,
    /// MTGJSON `AllPrintings.json` or one `<SET>.json` set file.
    MtgjsonSets,
    /// A tar archive of MTGJSON set files (`AllSetFiles`).
    MtgjsonSetArchive,
    /// Scryfall `oracle-cards` bulk file: one object per card.
    ScryfallOracleCards,
    /// Scryfall `default-cards` (or `all-cards`) bulk file: one object per printing.
    ScryfallPrintings,
    /// Scryfall `rulings` bulk file.
    ScryfallRulings,
    /// The Comprehensive Rules as Wizards publishes them (TXT).
    ComprehensiveRules,
    /// Commander Spellbook's `variants` export.
    CommanderSpellbook,
}

impl SourceKind {
    /// The part of the knowledge base this source feeds.
    pub fn part(self) -> Part {
        match self {
            SourceKind::MtgjsonAtomicCards
            | SourceKind::MtgjsonSets
            | SourceKind::MtgjsonSetArchive
            | SourceKind::ScryfallOracleCards
            | SourceKind::ScryfallPrintings
            | SourceKind::ScryfallRulings => Part::Cards,
            SourceKind::ComprehensiveRules => Part::Rules,
            SourceKind::CommanderSpellbook => Part::Combos,
        }
    }

    /// A short description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::MtgjsonAtomicCards => "MTGJSON AtomicCards",
            SourceKind::MtgjsonSets => "MTGJSON set data",
            SourceKind::MtgjsonSetArchive => "MTGJSON set files archive",
            SourceKind::ScryfallOracleCards => "Scryfall oracle cards",
            SourceKind::ScryfallPrintings => "Scryfall printings",
            SourceKind::ScryfallRulings => "Scryfall rulings",
            SourceKind::ComprehensiveRules => "Comprehensive Rules",
            SourceKind::CommanderSpellbook => "Commander Spellbook combos",
        }
    }
}

/// The independently replaceable parts of the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Part {
    /// Cards, sets, printings, rulings.
    Cards,
    /// The Comprehensive Rules and glossary.
    Rules,
    /// Combos.
    Combos,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 3] = [Part::Cards, Part::Rules, Part::Combos];

    /// The part's name as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Part::Cards => "cards",
            Part::Rules => "rules",
            Part::Combos => "combos",
        }
    }
}

/// A file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// What the file holds.
    pub kind: SourceKind,
    /// Where it is.
    pub path: PathBuf,
}

/// How many decompressed bytes are enough to tell formats apart.
const HEAD: usize = 4096;

/// What `path` holds, or `None` if it is no source Planeswalker reads.
pub fn detect(path: &Path) -> Result<Option<SourceKind>> {
    let head = peek(path, HEAD)?;
    if is_tar(&head) {
        return Ok(Some(SourceKind::MtgjsonSetArchive));
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("Magic: The Gathering Comprehensive Rules")
        || text.starts_with("Magic: The Gathering® Comprehensive Rules")
    {
        return Ok(Some(SourceKind::ComprehensiveRules));
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if compact.starts_with('[') {
        if compact.contains("\"object\":\"ruling\"") {
            return Ok(Some(SourceKind::ScryfallRulings));
        }
        if compact.contains("\"object\":\"card\"") {
            return Ok(Some(scryfall_cards_kind(&file_name)));
        }
        return Ok(None);
    }
    if compact.starts_with("{\"object\":\"ruling\"") {
        return Ok(Some(SourceKind::ScryfallRulings));
    }
    if compact.starts_with("{\"object\":\"card\"") {
        // Scryfall's JSON Lines bulk files: one object per line.
        return Ok(Some(scryfall_cards_kind(&file_name)));
    }
    if compact.starts_with('{') {
        if compact.contains("\"variants\":[") || compact.contains("\"variants\":{") {
            return Ok(Some(SourceKind::CommanderSpellbook));
        }
        if let Some(data) = compact.find("\"data\":{") {
            let after = &compact[data + "\"data\":{".len()..];
            // AtomicCards: "data": {"<card name>": [ {face}, ... ]}
            if let Some(colon) = after.find("\":") {
                let value = &after[colon + 2..];
                if value.starts_with('[') {
                    return Ok(Some(SourceKind::MtgjsonAtomicCards));
                }
                return Ok(Some(SourceKind::MtgjsonSets));
            }
        }
        if compact.starts_with("{\"meta\":") && file_name.contains("atomic") {
            return Ok(Some(SourceKind::MtgjsonAtomicCards));
        }
    }
    Ok(None)
}

/// `oracle-cards` and `default-cards` hold the same objects; only the file name tells them apart.
fn scryfall_cards_kind(file_name: &str) -> SourceKind {
    if ["default", "all-cards", "all_cards"]
        .iter()
        .any(|n| file_name.contains(n))
    {
        SourceKind::ScryfallPrintings
    } else {
        SourceKind::ScryfallOracleCards
    }
}

/// Every source file under `dir` (recursively), sorted by kind then path; files that are no
/// source are skipped.
pub fn scan_dir(dir: &Path) -> Result<Vec<SourceFile>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| crate::Error::io(&current, e))?;
        for entry in entries {
            let path = entry.map_err(|e| crate::Error::io(&current, e))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Some(kind) = detect(&path)? {
                found.push(SourceFile { kind, path });
            }
        }
    }
    found.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared_data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
    }

    #[test]
    fn the_shared_data_folder_is_recognised() {
        let found = scan_dir(&shared_data()).unwrap();
        let kinds: Vec<SourceKind> = found.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SourceKind::MtgjsonAtomicCards,
                SourceKind::MtgjsonSetArchive,
                SourceKind::ComprehensiveRules
            ]
        );
    }

    #[test]
    fn unrelated_files_are_not_sources() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.json");
        std::fs::write(&path, r#"{"hello": "world"}"#).unwrap();
        assert_eq!(detect(&path).unwrap(), None);
    }
}
