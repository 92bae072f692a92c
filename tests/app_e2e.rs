//! The desktop app in its real window, driven like a player would through WebDriver
//! (`tauri-driver` in front of WebKitGTK's `WebKitWebDriver`), on a display (Xvfb in CI).
//!
//! The app starts on an empty data folder whose `settings.json` points every download source at
//! a server on 127.0.0.1 serving the real reference files, so the first-run import runs the
//! real download and build code without the internet. Screenshots of each screen go to
//! `test-artifacts/e2e/` at the repository root.
//!
//! Run: `xvfb-run -a -s "-screen 0 1600x1000x24" cargo test -p planeswalker-app --features
//! custom-protocol --test app_e2e` with `tauri-driver` (`cargo install tauri-driver --locked`)
//! and `WebKitWebDriver` (Debian: `webkit2gtk-driver`) on the PATH; `scripts/test-all.sh` does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

mod app_driver;
// The download crate's test server; this binary does not use every one of its faults.
#[allow(dead_code)]
#[path = "../crates/download/tests/loopback_http/mod.rs"]
mod loopback_http;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use app_driver::{App, Driver, UI_TIMEOUT, replace_text, repo_root, shared_data};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use loopback_http::{Fault, LoopbackServer, Route};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The import builds the whole knowledge base in a debug build: generous, but bounded.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(300);

const ATOMIC_CARDS: &str = "/api/v5/AtomicCards.json.gz";
const SET_FILES: &str = "/api/v5/AllSetFiles.tar.zst";
const RULES: &str = "/rules/MagicCompRules-20260116.txt";
const SPELLBOOK: &str = "/variants.json";

fn read(path: PathBuf) -> Arc<Vec<u8>> {
    Arc::new(std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display())))
}

/// Serves the shared data where MTGJSON, Wizards and Commander Spellbook keep it. The card
/// file's first request hangs (a stalled connection), so the test can cancel the import
/// while it is visibly in progress.
fn serve_sources(server: &LoopbackServer) {
    let data = shared_data();
    let files = [
        (
            ATOMIC_CARDS,
            read(data.join("cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz")),
            "application/gzip",
        ),
        (
            SET_FILES,
            read(data.join("cards/AllSetFiles-mtgjson-5.2.0+20220425.tar.zst")),
            "application/zstd",
        ),
        (
            RULES,
            read(data.join("rules/MagicCompRules-20260116.txt")),
            "text/plain",
        ),
        (
            SPELLBOOK,
            read(repo_root().join("crates/codex/tests/fixtures/commander-spellbook/variants.json")),
            "application/json",
        ),
    ];
    for (path, body, content_type) in files {
        let etag = format!("\"{}\"", &hex(&Sha256::digest(body.as_slice()))[..16]);
        let mut route = Route::file(body, &etag, content_type);
        if path == ATOMIC_CARDS {
            route.faults.push_back(Fault::Hang);
        }
        server.serve(path, route);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The settings file a user with a local mirror would write.
fn write_settings(data_dir: &Path, server: &LoopbackServer) {
    let settings = json!({
        "sources": {
            "mtgjson_base": format!("{}/api/v5/", server.base()),
            "mtgjson_printings": "AllSetFiles.tar.zst",
            "scryfall_api_base": server.base(),
            "discover_rules_txt": false,
            "rules_txt": server.url(RULES),
            "spellbook_variants": server.url(SPELLBOOK),
        }
    });
    std::fs::write(
        data_dir.join("settings.json"),
        serde_json::to_vec_pretty(&settings).unwrap(),
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_player_imports_the_knowledge_base_then_searches_reads_a_card_and_the_rules() {
    let server = LoopbackServer::start().await;
    serve_sources(&server);
    let data_dir = tempfile::tempdir().unwrap();
    write_settings(data_dir.path(), &server);
    let driver = Driver::start(data_dir.path());
    let app = App::launch(&driver, "e2e").await;

    // First run: onboarding offers the import; the card download stalls, so the progress is
    // on screen and the import can be cancelled.
    app.button("public sources").await.click().await.unwrap();
    app.wait_for("[role=progressbar]", UI_TIMEOUT).await;
    app.wait_for_text("main", "Downloading", UI_TIMEOUT).await;
    app.check_screen("01-import-progress").await;
    app.button("Cancel").await.click().await.unwrap();
    app.wait_for_text("main", "cancelled", UI_TIMEOUT).await;
    app.check_screen("02-import-cancelled").await;
    assert!(
        !data_dir.path().join("reference.sqlite3").exists(),
        "a cancelled first import leaves no knowledge base"
    );

    // Retry: the server answers now, and the whole knowledge base is built.
    app.button("Retry").await.click().await.unwrap();
    app.wait_for_text("main", "23,711", IMPORT_TIMEOUT).await;
    app.check_screen("03-import-done").await;
    app.button("Start searching").await.click().await.unwrap();

    // A Scryfall-syntax search finds the right cards.
    app.search("t:instant c:r mv=1 o:\"3 damage\"").await;
    let results = app
        .wait_for_text("[role=listbox]", "Lightning Bolt", UI_TIMEOUT)
        .await;
    assert!(!results.contains("Shock"), "Shock deals 2: {results}");
    app.check_screen("04-search-results").await;

    // Clicking a result opens its card page.
    let bolt = app
        .wait_for_xpath(
            "//*[@role='option'][contains(., 'Lightning Bolt')]",
            UI_TIMEOUT,
        )
        .await;
    bolt.click().await.unwrap();
    app.wait_for_text("#card-title", "Lightning Bolt", UI_TIMEOUT)
        .await;
    app.wait_for_text("main", "deals 3 damage to any target", UI_TIMEOUT)
        .await;
    app.wait_for_text("main", "Legal", UI_TIMEOUT).await;
    app.check_screen("05-card-page").await;

    // The keyboard alone: `/` focuses the search box, arrows pick a result, Enter opens it.
    app.button("Back").await.click().await.unwrap();
    app.wait_for("[role=listbox]", UI_TIMEOUT).await;
    // Nothing focused, as after reading a page; then the `/` key.
    app.client
        .execute("document.activeElement.blur();", vec![])
        .await
        .unwrap();
    let slash = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: '/' })
        .then(KeyAction::Up { value: '/' });
    app.client.perform_actions(slash).await.unwrap();
    // The app moves the focus on the next animation frame.
    app.client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css("#card-search:focus"))
        .await
        .expect("`/` focuses the search box");
    let input = app.client.active_element().await.unwrap();
    replace_text(&input, "counterspell\u{E007}").await;
    app.wait_for_text("[role=listbox]", "Counterspell", UI_TIMEOUT)
        .await;
    // Arrow down to the first result, Enter to open it.
    input.send_keys("\u{E015}\u{E007}").await.unwrap();
    app.wait_for_text("#card-title", "Counterspell", UI_TIMEOUT)
        .await;

    // Back to the search, which kept the query; a syntax error is shown under the query.
    app.button("Back").await.click().await.unwrap();
    app.search("t:creature pow>").await;
    let error = app.wait_for_text("[role=alert]", "pow", UI_TIMEOUT).await;
    assert!(!error.is_empty());
    app.check_screen("06-syntax-error").await;

    // The rules browser jumps to 702.19b.
    app.button("Rules").await.click().await.unwrap();
    let jump = app
        .wait_for(
            "input[aria-label*='Jump'], input[placeholder*='702']",
            UI_TIMEOUT,
        )
        .await;
    jump.send_keys("702.19b").await.unwrap();
    jump.send_keys("\u{E007}").await.unwrap();
    app.wait_for_text("article", "702.19b", UI_TIMEOUT).await;
    app.wait_for_text("article", "trample", UI_TIMEOUT).await;
    app.check_screen("07-rules-702.19b").await;

    // The glossary, filtered, with a term open; then the rules' full-text search.
    app.wait_for_xpath("//*[@role='tab'][contains(., 'Glossary')]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    let filter = app
        .wait_for("input[placeholder='Filter terms']", UI_TIMEOUT)
        .await;
    filter.send_keys("deathtouch").await.unwrap();
    app.wait_for_xpath(
        "//ul[@aria-label='Glossary terms']//*[contains(., 'Deathtouch')]",
        UI_TIMEOUT,
    )
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_text("article", "702.2", UI_TIMEOUT).await;
    app.check_screen("08-rules-glossary").await;
    app.wait_for_xpath("//*[@role='tab'][contains(., 'Search')]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    let words = app
        .wait_for(
            "input[placeholder='Words in rules or definitions']",
            UI_TIMEOUT,
        )
        .await;
    words.send_keys("assign lethal damage").await.unwrap();
    app.wait_for_text("[aria-label='Search results']", "702.19", UI_TIMEOUT)
        .await;
    app.check_screen("09-rules-search").await;

    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("main", "23,711", UI_TIMEOUT).await;
    app.check_screen("10-settings").await;

    // The dark theme, chosen in the settings, on the settings and on a card.
    app.wait_for_xpath("//label[.//span[normalize-space()='Dark']]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    let theme = app
        .client
        .execute("return document.documentElement.dataset.theme;", vec![])
        .await
        .unwrap();
    assert_eq!(theme, json!("dark"));
    app.check_screen("11-settings-dark").await;
    app.button("Cards").await.click().await.unwrap();
    app.search("lightning bolt").await;
    app.wait_for_text("[role=listbox]", "Lightning Bolt", UI_TIMEOUT)
        .await;
    app.check_screen("12-search-dark").await;
    app.wait_for_xpath(
        "//*[@role='option'][contains(., 'Lightning Bolt')]",
        UI_TIMEOUT,
    )
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_text("#card-title", "Lightning Bolt", UI_TIMEOUT)
        .await;
    app.check_screen("13-card-dark").await;

    app.client.close().await.unwrap();
}

/// Builds the knowledge base into `data_dir` from the shared data, as an import would.
fn build_knowledge_base(data_dir: &Path) {
    use codex::import::{SourceFile, SourceKind, import, scan_dir};
    let mut sources = scan_dir(&shared_data()).unwrap();
    sources.push(SourceFile {
        kind: SourceKind::CommanderSpellbook,
        path: repo_root().join("crates/codex/tests/fixtures/commander-spellbook/variants.json"),
    });
    import(data_dir, &sources, &|_| {}).unwrap();
}

/// A real Krenko list with one misspelt line and a combo (Kiki-Jiki and Zealous Conscripts).
fn krenko_list() -> String {
    std::fs::read_to_string(repo_root().join("crates/decks/tests/decks/krenko-commander.txt"))
        .unwrap()
        .replace("1 Goblin Lackey", "1 Goblin Lakey")
        .replace(
            "32 Mountain",
            "30 Mountain\n1 Kiki-Jiki, Mirror Breaker\n1 Zealous Conscripts",
        )
}

/// Selects the option labelled `label` in the `<select>` found by `css`.
async fn choose(app: &App, css: &str, label: &str) {
    app.wait_for(css, UI_TIMEOUT)
        .await
        .find(Locator::XPath(&format!(
            ".//option[normalize-space()='{label}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_player_imports_builds_checks_analyses_and_exports_a_deck() {
    let data_dir = tempfile::tempdir().unwrap();
    build_knowledge_base(data_dir.path());
    // Where "Save file" puts exports: the XDG Downloads folder of the app's (test) config.
    let downloads = data_dir.path().join("downloads");
    let config = data_dir.path().join("xdg-config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
    )
    .unwrap();
    let driver = Driver::start(data_dir.path());
    let app = App::launch(&driver, "e2e-decks").await;

    // The deck list is empty; a list pasted with a misspelt line imports the rest and says
    // which line was left out and what it may have meant.
    app.wait_for("#card-search", UI_TIMEOUT).await;
    app.button("Decks").await.click().await.unwrap();
    app.wait_for_text("main", "No decks yet", UI_TIMEOUT).await;
    let list = app.wait_for("textarea", UI_TIMEOUT).await;
    // WebDriver types a line break as the Enter key.
    list.send_keys(&krenko_list().replace('\n', "\u{E007}"))
        .await
        .unwrap();
    let name = app
        .wait_for("input[placeholder='From the list']", UI_TIMEOUT)
        .await;
    name.send_keys("Krenko Goblins").await.unwrap();
    app.button("Import").await.click().await.unwrap();
    let report = app
        .wait_for_text("[role=status]", "1 line was not imported", UI_TIMEOUT)
        .await;
    assert!(report.contains("Goblin Lakey"), "{report}");
    assert!(report.contains("did you mean: Goblin Lackey"), "{report}");
    app.wait_for_text("[aria-label='Your decks']", "Krenko Goblins", UI_TIMEOUT)
        .await;
    app.check_screen("01-deck-imported").await;

    // The builder: 99 cards, so not yet legal in Commander, with the rule.
    app.button("Open Krenko Goblins")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("[aria-label='Main deck']", "Sol Ring", UI_TIMEOUT)
        .await;
    app.wait_for_text("[aria-label='Commander']", "Krenko, Mob Boss", UI_TIMEOUT)
        .await;
    let violations = app
        .wait_for_text("[aria-label='Violations']", "exactly 100 cards", UI_TIMEOUT)
        .await;
    assert!(violations.contains("this one has 99"), "{violations}");

    // The keyboard adds the missing card; the deck becomes legal.
    let adder = app.wait_for("#deck-card-search", UI_TIMEOUT).await;
    adder.send_keys("goblin lackey").await.unwrap();
    app.wait_for_text("[aria-label='Cards to add']", "Goblin Lackey", UI_TIMEOUT)
        .await;
    adder.send_keys("\u{E007}").await.unwrap();
    app.wait_for_text("[role=tabpanel]", "Legal in Commander.", UI_TIMEOUT)
        .await;
    app.check_screen("02-builder-legal").await;

    // A card moved to the sideboard by its menu, then the move undone.
    choose(&app, "#move-1", "Sideboard").await;
    app.wait_for_text("[aria-label='Sideboard']", "Sol Ring", UI_TIMEOUT)
        .await;
    app.button("Undo").await.click().await.unwrap();
    app.wait_for_text("[aria-label='Main deck']", "Sol Ring", UI_TIMEOUT)
        .await;
    // Drag and drop: Mountain dragged onto the sideboard's section... and back by Redo/Undo.
    let dropped = app
        .client
        .execute(
            r#"const row = [...document.querySelectorAll("[aria-label='Main deck'] li")]
                 .find((li) => li.textContent.includes("Arcane Signet"));
               const target = document.querySelector("[data-section='commander']");
               const data = new DataTransfer();
               row.dispatchEvent(new DragEvent("dragstart", { bubbles: true, dataTransfer: data }));
               target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: data }));
               target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
               return true;"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(dropped, json!(true));
    app.wait_for_text("[aria-label='Commander']", "Arcane Signet", UI_TIMEOUT)
        .await;
    app.wait_for_text(
        "[aria-label='Violations']",
        "cannot be your commander",
        UI_TIMEOUT,
    )
    .await;
    app.check_screen("03-builder-dragged").await;
    app.button("Undo").await.click().await.unwrap();
    app.wait_for_text("[role=tabpanel]", "Legal in Commander.", UI_TIMEOUT)
        .await;

    // Analysis with its plots, and the combo the deck holds.
    app.wait_for_xpath("//*[@role='tab'][contains(., 'Analysis')]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("svg[aria-label^='Mana curve']", UI_TIMEOUT)
        .await;
    app.wait_for_text("[role=tabpanel]", "recommended", UI_TIMEOUT)
        .await;
    // The drawing odds: at least one Sol Ring (the first main-deck line) by turn 3.
    let odds = app
        .wait_for_text("[role=tabpanel] [role=status]", "%", UI_TIMEOUT)
        .await;
    assert!(
        odds.starts_with("9."),
        "1 of 99 by turn 3 on the play: {odds}"
    );
    app.check_screen("04-analysis").await;
    app.wait_for_xpath("//*[@role='tab'][contains(., 'Combos')]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(
        "[aria-label='Combos']",
        "In the deck: Kiki-Jiki, Mirror Breaker + Zealous Conscripts",
        UI_TIMEOUT,
    )
    .await;
    app.check_screen("05-combos").await;

    // Export: MTGO has no commander (refused, said why); Moxfield saved as a file.
    app.wait_for_xpath("//*[@role='tab'][contains(., 'Export')]", UI_TIMEOUT)
        .await
        .click()
        .await
        .unwrap();
    choose(&app, "[role=tabpanel] select", "MTGO .txt").await;
    app.button("Save file").await.click().await.unwrap();
    app.wait_for_text(
        "[role=tabpanel] [role=status]",
        "no Commander section",
        UI_TIMEOUT,
    )
    .await;
    choose(&app, "[role=tabpanel] select", "Moxfield").await;
    app.button("Save file").await.click().await.unwrap();
    let saved = app
        .wait_for_text("[role=tabpanel] [role=status]", "Saved to", UI_TIMEOUT)
        .await;
    let path = downloads.join("Krenko Goblins.txt");
    assert!(saved.contains(&path.display().to_string()), "{saved}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("1 Goblin Lackey\n"), "{text}");
    assert!(
        text.contains("COMMANDER:\n1 Krenko, Mob Boss (M13) 141\n"),
        "{text}"
    );
    app.check_screen("06-export").await;

    // A list opened from a file: the MTGO .txt of a real Modern Burn deck.
    app.button("Back").await.click().await.unwrap();
    let file = app.wait_for("input[type=file]", UI_TIMEOUT).await;
    let burn = repo_root().join("crates/decks/tests/decks/modern-burn.txt");
    file.send_keys(burn.to_str().unwrap()).await.unwrap();
    // The file is read in the page: wait for its text in the list field.
    let started = std::time::Instant::now();
    while app
        .client
        .execute("return document.querySelector('textarea').value;", vec![])
        .await
        .unwrap()
        .as_str()
        .is_none_or(|text| !text.contains("4 Goblin Guide"))
    {
        assert!(
            started.elapsed() < UI_TIMEOUT,
            "the file's text never showed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.button("Import").await.click().await.unwrap();
    app.wait_for_text(
        "[role=status]",
        "Imported modern-burn as MTGO .txt: 75 cards.",
        UI_TIMEOUT,
    )
    .await;
    app.wait_for_text("[aria-label='Your decks']", "modern-burn", UI_TIMEOUT)
        .await;
    app.check_screen("07-file-imported").await;

    app.client.close().await.unwrap();
}
