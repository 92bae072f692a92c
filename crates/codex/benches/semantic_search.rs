//! Semantic search benchmark over the full real card set and the Comprehensive Rules: the
//! embedding step (time, texts per second), recall@10 of BM25 alone, vectors alone and
//! hybrid (reciprocal rank fusion) on natural-language card requests we wrote with the cards
//! each one asks for, and query latency (p50/p95, the request's embedding included).
//!
//! Run: `bash models/fetch-test-models.sh`, then `cargo bench -p codex --bench semantic_search`.
//! The knowledge base and its vectors are kept in the cargo target's temporary folder, so a
//! second run measures only the searches (its embedding step finds every vector by hash);
//! delete the folder it prints to time the embedding of every card again. Goal: semantic
//! query p95 < 40 ms. Nothing here fails on a clock.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

#[path = "../../../tests/common/models.rs"]
mod models;
mod timing;

use std::collections::HashSet;
use std::path::Path;

use codex::Codex;
use codex::download::CancellationToken;
use codex::import::{SourceKind, import, scan_dir};
use codex::semantic::{SearchMode, card_ids, embed};
use llm::Embedder;
use llm::providers::local::{LocalEmbedder, LocalSettings};
use timing::{report, time};

/// Requests as a player types them, each with the cards that answer it best. Written from
/// what the cards do, not from their wording: most requests share few words with the cards.
const REQUESTS: &[(&str, &[&str])] = &[
    (
        "cheap red instant that deals 3 damage",
        &["Lightning Bolt", "Lightning Strike", "Searing Spear"],
    ),
    ("counter any spell for two blue mana", &["Counterspell"]),
    (
        "wipe the board of every creature",
        &["Wrath of God", "Day of Judgment", "Damnation"],
    ),
    ("blue sorcery that draws two cards", &["Divination"]),
    (
        "exile a creature and its controller gains life equal to its power",
        &["Swords to Plowshares"],
    ),
    (
        "ramp spell that puts a basic land from my deck onto the battlefield",
        &["Rampant Growth", "Cultivate", "Kodama's Reach"],
    ),
    (
        "one mana elf that taps for green mana",
        &["Llanowar Elves", "Elvish Mystic", "Fyndhorn Elves"],
    ),
    ("make my opponent discard two cards", &["Mind Rot"]),
    (
        "bounce a creature back to its owner's hand for one blue mana",
        &["Unsummon"],
    ),
    (
        "steal an opponent's creature permanently",
        &["Control Magic", "Mind Control"],
    ),
    ("stop all combat damage for one turn", &["Fog", "Holy Day"]),
    (
        "bring a dead creature back from the graveyard to my hand",
        &["Raise Dead", "Gravedigger"],
    ),
    (
        "get any card from my library into my hand",
        &["Demonic Tutor", "Diabolic Tutor", "Grim Tutor"],
    ),
    (
        "enchantment that makes all my creatures bigger",
        &["Glorious Anthem"],
    ),
    (
        "take another turn after this one",
        &["Time Walk", "Time Warp", "Temporal Manipulation"],
    ),
    (
        "copy an instant or sorcery spell",
        &["Twincast", "Reverberate"],
    ),
    (
        "artifact that makes two colorless mana",
        &["Sol Ring", "Worn Powerstone"],
    ),
    (
        "counter a creature spell",
        &["Essence Scatter", "Remove Soul"],
    ),
    (
        "red sorcery that damages every creature a little",
        &["Pyroclasm"],
    ),
    (
        "I can't lose the game and my opponents can't win",
        &["Platinum Angel"],
    ),
    (
        "win the game by having a lot of life",
        &["Felidar Sovereign", "Test of Endurance"],
    ),
    (
        "win the game when my library runs out of cards",
        &[
            "Laboratory Maniac",
            "Jace, Wielder of Mysteries",
            "Thassa's Oracle",
        ],
    ),
    (
        "aura that stops a creature from attacking or blocking",
        &["Pacifism", "Arrest"],
    ),
    (
        "rearrange the top cards of my library every turn",
        &["Sensei's Divining Top"],
    ),
    ("blow up a land", &["Stone Rain", "Sinkhole"]),
    (
        "green instant pump spell that gives +3/+3",
        &["Giant Growth"],
    ),
    (
        "shuffle my graveyard back into my library",
        &["Elixir of Immortality", "Feldon's Cane"],
    ),
    (
        "my opponents lose life whenever a creature dies",
        &["Blood Artist", "Zulaport Cutthroat", "Falkenrath Noble"],
    ),
    (
        "sacrifice creatures to make mana",
        &["Ashnod's Altar", "Phyrexian Altar"],
    ),
    (
        "create twice as many tokens",
        &["Doubling Season", "Parallel Lives", "Anointed Procession"],
    ),
    ("no maximum hand size", &["Reliquary Tower", "Spellbook"]),
    (
        "creatures attacking me cost their controller 2 mana each",
        &["Propaganda", "Ghostly Prison"],
    ),
    (
        "a land that can become a creature",
        &["Mutavault", "Mishra's Factory"],
    ),
    ("each player sacrifices a creature", &["Innocent Blood"]),
];

/// Rule questions for the latency figures.
const RULE_QUESTIONS: &[&str] = &[
    "what happens to extra damage when a trampler is blocked",
    "can I respond to a spell being cast",
    "how many cards do I draw in the first turn",
    "what happens when two legendary permanents have the same name",
    "when do state-based actions happen",
];

/// The share of the `relevant` cards among the first ten `found`.
fn recall_at_10(found: &[i64], relevant: &HashSet<i64>) -> f64 {
    let hits = found
        .iter()
        .take(10)
        .filter(|id| relevant.contains(id))
        .count();
    hits as f64 / relevant.len() as f64
}

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let sources: Vec<_> = scan_dir(&shared)
        .expect("../shared/data is readable")
        .into_iter()
        .filter(|s| s.kind != SourceKind::CommanderSpellbook)
        .collect();
    let data_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semantic-bench");
    let threads = LocalSettings::default().threads;
    println!(
        "Planeswalker semantic search benchmark ({threads} threads), data in {}",
        data_dir.display()
    );

    let (imported, elapsed) = time(|| import(&data_dir, &sources, &|_| {}).unwrap());
    println!(
        "import: {:.1} s ({})",
        elapsed.as_secs_f64(),
        if imported.up_to_date {
            "up to date"
        } else {
            "built"
        }
    );
    let embedder = LocalEmbedder::load(&models::test_embedding_model(), threads).unwrap();
    let step = embed(&data_dir, &embedder, &|_| {}, &CancellationToken::new()).unwrap();
    println!(
        "embedding step: {} texts embedded in {:.1} s ({:.0} texts/s), {} reused; {} card faces, {} rules and glossary entries have vectors",
        step.embedded,
        step.elapsed.as_secs_f64(),
        step.embedded as f64 / step.elapsed.as_secs_f64().max(1e-9),
        step.reused,
        step.card_faces,
        step.rules,
    );

    let codex = Codex::open(&data_dir).unwrap();
    let conn = codex.connection();
    println!(
        "\nrecall@10 on {} requests (BM25 / semantic / hybrid):",
        REQUESTS.len()
    );
    let mut totals = [0.0f64; 3];
    for (request, answers) in REQUESTS {
        let relevant: HashSet<i64> = answers
            .iter()
            .map(|name| {
                let card = codex.card(name).unwrap_or_else(|e| panic!("{name}: {e}"));
                conn.query_row("SELECT id FROM cards WHERE name = ?1", [&card.name], |r| {
                    r.get(0)
                })
                .unwrap()
            })
            .collect();
        let bm25 = codex::search::full_text_ids(conn, request, 10).unwrap();
        let semantic = card_ids(conn, &embedder, request, 10, SearchMode::Semantic).unwrap();
        let hybrid = card_ids(conn, &embedder, request, 10, SearchMode::Hybrid).unwrap();
        let recalls = [
            recall_at_10(&bm25, &relevant),
            recall_at_10(&semantic, &relevant),
            recall_at_10(&hybrid, &relevant),
        ];
        for (total, recall) in totals.iter_mut().zip(recalls) {
            *total += recall;
        }
        println!(
            "  {:.2} {:.2} {:.2}  {request}",
            recalls[0], recalls[1], recalls[2]
        );
    }
    let n = REQUESTS.len() as f64;
    println!(
        "mean recall@10: BM25 {:.3}, semantic {:.3}, hybrid {:.3}\n",
        totals[0] / n,
        totals[1] / n,
        totals[2] / n
    );

    let mut query_embedding = Vec::new();
    let mut semantic = Vec::new();
    let mut hybrid = Vec::new();
    let mut rules = Vec::new();
    for _ in 0..5 {
        for (request, _) in REQUESTS {
            let request = request.to_string();
            query_embedding
                .push(time(|| embedder.embed(std::slice::from_ref(&request)).unwrap()).1);
            semantic.push(
                time(|| card_ids(conn, &embedder, &request, 10, SearchMode::Semantic).unwrap()).1,
            );
            hybrid.push(
                time(|| card_ids(conn, &embedder, &request, 10, SearchMode::Hybrid).unwrap()).1,
            );
        }
        for question in RULE_QUESTIONS {
            rules.push(
                time(|| {
                    codex
                        .search_rules_by_meaning(&embedder, question, 10, SearchMode::Hybrid)
                        .unwrap()
                })
                .1,
            );
        }
    }
    report("request embedding alone", query_embedding, "");
    report(
        "semantic card query, limit 10",
        semantic,
        "goal p95 < 40 ms",
    );
    report("hybrid card query, limit 10", hybrid, "");
    report("hybrid rules query, limit 10", rules, "");
}
