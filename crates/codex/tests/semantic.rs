//! Semantic search over real data: the embedding step with the real all-MiniLM-L6-v2 model
//! (through llama.cpp) on the cards of two real sets and the whole Comprehensive Rules, its
//! cache by text hash across imports, cancelling it, and searching by meaning.
//!
//! The cards are those printed in Magic 2010 and Magic 2011 (370 cards), written as an
//! MTGJSON AtomicCards file from the shared data: every card set would take minutes to embed
//! on two cores, and the benchmark (`cargo bench -p codex --bench semantic_search`) does that.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

mod common;

#[path = "../../../tests/common/models.rs"]
mod models;

#[path = "../../../tests/common/card_subset.rs"]
mod card_subset;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codex::Codex;
use codex::download::CancellationToken;
use codex::import::{SourceFile, SourceKind, import};
use codex::semantic::{EmbedReport, Embedder, SearchMode, embed};
use codex::{Error, rules::RuleHitKind};
use llm::LlmError;
use llm::providers::local::LocalEmbedder;

/// The sets whose cards the test knowledge base holds.
const SETS: &[&str] = &["M10", "M11"];

/// The real embedding model, loaded once and shared (its thread answers one call at a time).
fn minilm() -> &'static LocalEmbedder {
    static MODEL: OnceLock<LocalEmbedder> = OnceLock::new();
    MODEL.get_or_init(|| LocalEmbedder::load(&models::test_embedding_model(), 2).unwrap())
}

/// Writes an AtomicCards file of the cards printed in [`SETS`] and those named in `also`
/// (`edit` may then change them) and returns its path.
fn atomic_cards(
    dir: &Path,
    also: &[&str],
    edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
) -> PathBuf {
    let path = dir.join("AtomicCards.json");
    card_subset::write_atomic_cards(
        &common::sources_of(SourceKind::MtgjsonAtomicCards)[0].path,
        &path,
        &|name, faces| card_subset::printed_in(faces, SETS) || also.contains(&name),
        edit,
    );
    path
}

/// A knowledge base of the two sets' cards and the whole rules, embedded; built once, copied
/// by the tests that change it.
fn embedded_template() -> &'static (PathBuf, EmbedReport) {
    static TEMPLATE: OnceLock<(PathBuf, EmbedReport)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semantic-template");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let cards = atomic_cards(&dir, &[], |_| {});
        let mut sources = common::sources_of(SourceKind::ComprehensiveRules);
        sources.push(SourceFile {
            kind: SourceKind::MtgjsonAtomicCards,
            path: cards,
        });
        import(&dir, &sources, &|_| {}).unwrap();
        let report = embed(&dir, minilm(), &|_| {}, &CancellationToken::new()).unwrap();
        (dir, report)
    })
}

/// A private copy of the embedded knowledge base.
fn embedded_copy(name: &str) -> PathBuf {
    let (template, _) = embedded_template();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("semantic-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["reference.sqlite3", "AtomicCards.json"] {
        std::fs::copy(template.join(file), dir.join(file)).unwrap();
    }
    dir
}

fn names(codex: &Codex, text: &str, limit: usize, mode: SearchMode) -> Vec<String> {
    codex
        .search_by_meaning(minilm(), text, limit, mode)
        .unwrap()
        .into_iter()
        .map(|card| card.name)
        .collect()
}

/// An embedding model other than the real one: every text gets the same vector.
struct OtherModel;

impl Embedder for OtherModel {
    fn model_id(&self) -> &str {
        "other-model"
    }
    fn dimensions(&self) -> usize {
        4
    }
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, LlmError> {
        Ok(texts.iter().map(|_| vec![0.5; 4]).collect())
    }
}

#[test]
fn every_face_rule_and_glossary_entry_gets_a_vector() {
    let (dir, report) = embedded_template();
    let codex = Codex::open(dir).unwrap();
    let count = |sql: &str| -> u64 {
        codex
            .connection()
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .unwrap()
            .unsigned_abs()
    };
    let faces = count(
        "SELECT count(*) FROM card_faces f JOIN cards c ON c.id = f.card_id WHERE c.extra = 0",
    );
    assert!(faces > 300, "{faces} faces");
    assert_eq!(report.card_faces, faces);
    // Every entry of the rules (sections and chapters too) and the 725 glossary terms.
    let rules = count("SELECT count(*) FROM rules");
    assert!(rules > 3_114, "{rules} rules");
    assert_eq!(report.rules, rules + 725);
    assert_eq!(report.reused, 0);
    // Identical texts share one vector, so there may be fewer vectors than items.
    assert!(
        report.embedded <= faces + report.rules && report.embedded > faces,
        "{report:?}"
    );
    assert_eq!(
        count("SELECT count(*) FROM card_vectors") + count("SELECT count(*) FROM rule_vectors"),
        report.embedded
    );
    assert_eq!(report.model, minilm().model_id());
}

#[test]
fn a_second_run_embeds_nothing() {
    let dir = embedded_copy("second-run");
    let (_, first) = embedded_template();
    let again = embed(&dir, minilm(), &|_| {}, &CancellationToken::new()).unwrap();
    assert_eq!(again.embedded, 0);
    assert_eq!(again.removed, 0);
    assert_eq!(again.reused, first.card_faces + first.rules);
    assert_eq!(
        (again.card_faces, again.rules),
        (first.card_faces, first.rules)
    );
}

#[test]
fn a_reimport_embeds_only_the_texts_that_changed() {
    let dir = embedded_copy("reimport");
    // One card reworded, one gone, one new (printed in neither set).
    let cards = atomic_cards(&dir, &["Swords to Plowshares"], |cards| {
        cards["Lightning Bolt"][0]["text"] = "Lightning Bolt deals 4 damage to any target.".into();
        cards.remove("Giant Growth").unwrap();
    });
    let imported = import(
        &dir,
        &[SourceFile {
            kind: SourceKind::MtgjsonAtomicCards,
            path: cards,
        }],
        &|_| {},
    )
    .unwrap();
    assert!(!imported.up_to_date);
    let report = embed(&dir, minilm(), &|_| {}, &CancellationToken::new()).unwrap();
    assert_eq!(
        report.embedded, 2,
        "the reworded bolt and the new card: {report:?}"
    );
    assert_eq!(
        report.removed, 2,
        "the old bolt text and Giant Growth: {report:?}"
    );
    let (_, first) = embedded_template();
    assert_eq!(report.card_faces, first.card_faces);
    let codex = Codex::open(&dir).unwrap();
    let found = names(
        &codex,
        "exile a creature and its controller gains life",
        3,
        SearchMode::Semantic,
    );
    assert_eq!(found[0], "Swords to Plowshares", "{found:?}");
}

#[test]
fn a_cancelled_run_keeps_its_batches_and_the_next_run_goes_on() {
    let dir = embedded_copy("cancel");
    // Another model's vectors replace all of the real model's: every text is to embed.
    let cancel = CancellationToken::new();
    let error = embed(
        &dir,
        &OtherModel,
        &|progress| {
            if progress.done > 0 {
                cancel.cancel();
            }
        },
        &cancel,
    )
    .unwrap_err();
    let Error::EmbeddingCancelled { done, total } = error else {
        panic!("{error}");
    };
    assert!(done > 0 && done < total, "{done} of {total}");
    let rest = embed(&dir, &OtherModel, &|_| {}, &CancellationToken::new()).unwrap();
    assert_eq!(rest.embedded, total - done);
    let (_, first) = embedded_template();
    assert_eq!(
        (rest.card_faces, rest.rules),
        (first.card_faces, first.rules)
    );
}

#[test]
fn another_models_vectors_are_replaced_never_mixed() {
    let dir = embedded_copy("other-model");
    let report = embed(&dir, &OtherModel, &|_| {}, &CancellationToken::new()).unwrap();
    let (_, first) = embedded_template();
    assert_eq!(report.reused, 0);
    assert_eq!(
        (report.card_faces, report.rules),
        (first.card_faces, first.rules)
    );
    let codex = Codex::open(&dir).unwrap();
    let error = codex
        .search_by_meaning(minilm(), "burn", 5, SearchMode::Semantic)
        .unwrap_err();
    assert!(
        matches!(&error, Error::EmbeddingModelMismatch { stored, .. } if stored == "other-model"),
        "{error}"
    );
    assert!(
        error.to_string().contains("planeswalker import embeddings"),
        "{error}"
    );
}

#[test]
fn searching_by_meaning_before_the_embedding_step_says_what_to_run() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semantic-not-embedded");
    let _ = std::fs::remove_dir_all(&dir);
    import(
        &dir,
        &common::sources_of(SourceKind::ComprehensiveRules),
        &|_| {},
    )
    .unwrap();
    let codex = Codex::open(&dir).unwrap();
    let error = codex
        .search_rules_by_meaning(minilm(), "trample", 5, SearchMode::Hybrid)
        .unwrap_err();
    assert!(matches!(error, Error::EmbeddingsMissing), "{error}");
    assert!(
        error.to_string().contains("planeswalker import embeddings"),
        "{error}"
    );
}

#[test]
fn cards_are_found_by_what_they_do_not_by_the_words_asked() {
    let (dir, _) = embedded_template();
    let codex = Codex::open(dir).unwrap();
    for mode in [SearchMode::Semantic, SearchMode::Hybrid] {
        let found = names(&codex, "cheap red instant that deals 3 damage", 5, mode);
        assert!(
            found.iter().any(|n| n == "Lightning Bolt"),
            "{mode:?}: {found:?}"
        );
        let found = names(&codex, "a creature that makes green mana", 10, mode);
        assert!(
            found.iter().any(|n| n == "Llanowar Elves"),
            "{mode:?}: {found:?}"
        );
    }
    // No card says "wipe the board"; every creature dies to Day of Judgment.
    let found = names(
        &codex,
        "wipe the board of every creature",
        5,
        SearchMode::Semantic,
    );
    assert!(found.iter().any(|n| n == "Day of Judgment"), "{found:?}");
    assert!(names(&codex, "  ", 5, SearchMode::Hybrid).is_empty());
}

#[test]
fn rules_are_found_by_meaning_and_hybrid_keeps_the_full_text_snippets() {
    let (dir, _) = embedded_template();
    let codex = Codex::open(dir).unwrap();
    let model = minilm();
    let hits = codex
        .search_rules_by_meaning(
            model,
            "how much damage does a blocked creature with trample deal to the defending player",
            5,
            SearchMode::Semantic,
        )
        .unwrap();
    assert!(
        hits.iter()
            .any(|h| h.number.as_deref().is_some_and(|n| n.starts_with("702.19"))),
        "{hits:#?}"
    );
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let hybrid = codex
        .search_rules_by_meaning(model, "deathtouch damage", 10, SearchMode::Hybrid)
        .unwrap();
    assert!(
        hybrid
            .iter()
            .any(|h| h.kind == RuleHitKind::Glossary && h.term.as_deref() == Some("Deathtouch")),
        "{hybrid:#?}"
    );
    assert!(
        hybrid.iter().any(|h| h.snippet.contains("**")),
        "{hybrid:#?}"
    );
}
