// The app's commands, by name. Included by build.rs (which generates an `allow-<name>`
// permission for each, so no command is callable unless a capability grants it) and by the
// guard tests in lib.rs (which check this list, the specta builder and
// capabilities/main.json name the same commands).

/// Every command the app registers.
pub const COMMAND_NAMES: &[&str] = &[
    "knowledge_base_status",
    "import_knowledge_base",
    "cancel_import",
    "search_cards",
    "get_card",
    "get_rule",
    "search_rules",
    "rules_outline",
    "glossary",
    "list_decks",
    "get_deck",
    "create_deck",
    "import_deck",
    "save_deck",
    "delete_deck",
    "export_deck",
    "save_deck_file",
    "check_deck",
    "analyze_deck",
    "draw_odds",
];
