//! The app's wiring: the bindings are current, and every command is registered, generated a
//! permission for, and granted to the main window (STYLE.md §3, §8).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use specta_typescript::Typescript;
use tauri_specta::{BuilderConfiguration, LanguageExt};

use crate::commands::COMMAND_NAMES;
use crate::error::ErrorCode;
use crate::state::KnowledgeBase;

/// Where the UI imports the bindings from.
fn bindings_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

fn typescript() -> Typescript {
    Typescript::default().header(
        "// Generated from the Rust commands by src-tauri's `export_bindings` test: do not edit.\n\
         // Regenerate with `cargo test -p planeswalker-app -- --ignored export_bindings`.",
    )
}

/// Writes `ui/src/bindings.ts`. Ignored so that `cargo test` never rewrites a checked-in
/// file; `bindings_are_current` says when to run it.
#[test]
#[ignore = "writes ui/src/bindings.ts; run it after changing a command or a type it uses"]
fn export_bindings() {
    std::fs::create_dir_all(bindings_path().parent().unwrap()).unwrap();
    crate::specta_builder()
        .export(typescript(), bindings_path())
        .unwrap();
}

#[test]
fn bindings_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    crate::specta_builder()
        .export(typescript(), &fresh)
        .unwrap();
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    let checked_in = std::fs::read_to_string(bindings_path()).unwrap_or_default();
    assert!(
        fresh == checked_in,
        "ui/src/bindings.ts is stale: run `cargo test -p planeswalker-app -- --ignored export_bindings` and commit it"
    );
}

/// A "language" that records the registered commands' names instead of writing a file.
struct CommandNames(Arc<Mutex<Vec<String>>>);

impl LanguageExt for CommandNames {
    type Error = std::io::Error;

    fn export(self, cfg: &BuilderConfiguration, _path: &Path) -> Result<(), Self::Error> {
        *self.0.lock().unwrap() = cfg.commands.iter().map(|f| f.name().to_owned()).collect();
        Ok(())
    }
}

fn registered_commands() -> BTreeSet<String> {
    let names = Arc::new(Mutex::new(Vec::new()));
    crate::specta_builder()
        .export(CommandNames(Arc::clone(&names)), Path::new("unused"))
        .unwrap();
    let names = names.lock().unwrap().clone();
    names.into_iter().collect()
}

#[test]
fn every_command_is_registered_and_listed_for_its_permission() {
    let listed: BTreeSet<String> = COMMAND_NAMES.iter().map(|&n| n.to_owned()).collect();
    assert_eq!(listed.len(), COMMAND_NAMES.len(), "a name is listed twice");
    assert_eq!(
        registered_commands(),
        listed,
        "specta_builder()'s collect_commands! and commands/names.rs must name the same commands"
    );
}

#[test]
fn the_main_window_is_granted_exactly_the_core_defaults_and_every_command() {
    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain identifiers"))
        .collect();
    let mut expected: BTreeSet<String> = COMMAND_NAMES
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    expected.insert("core:default".to_owned());
    assert_eq!(
        granted,
        expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
}

fn rules_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/rules/MagicCompRules-20260116.txt")
}

#[test]
fn an_empty_data_folder_asks_for_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge_base = Arc::new(KnowledgeBase::new(dir.path().to_path_buf()));
    let error =
        tauri::async_runtime::block_on(knowledge_base.query(|codex| codex.stats())).unwrap_err();
    assert_eq!(error.code, ErrorCode::NoKnowledgeBase);
}

#[test]
fn rules_are_read_from_a_knowledge_base_holding_only_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge_base = Arc::new(KnowledgeBase::new(dir.path().to_path_buf()));
    let rules = codex::import::SourceFile {
        kind: codex::import::SourceKind::ComprehensiveRules,
        path: rules_file(),
    };
    codex::import::import(dir.path(), std::slice::from_ref(&rules), &|_| {}).unwrap();
    let outline =
        tauri::async_runtime::block_on(knowledge_base.query(|codex| codex.rules_outline()))
            .unwrap();
    assert_eq!(outline.len(), 9);
    assert_eq!(outline[6].chapters[2].number, "702");

    // Only rules were imported: a card lookup says the knowledge base is incomplete.
    let missing_cards =
        tauri::async_runtime::block_on(knowledge_base.query(|codex| codex.card("Trample")))
            .unwrap_err();
    assert_eq!(missing_cards.code, ErrorCode::NoKnowledgeBase);

    let rule = tauri::async_runtime::block_on(knowledge_base.query(|codex| codex.rule("702.19b")))
        .unwrap();
    assert!(matches!(rule, codex::rules::RuleAnswer::Rule(r) if r.number == "702.19b"));
}
