//! Knowledge-base benchmark over the full real card set: import time, name lookup, a fixed mix
//! of Scryfall-syntax queries, full-text search and rule lookups, reported as p50/p95.
//!
//! Run: `cargo bench -p codex --bench knowledge_base`. Reads `../shared/data`. Timing goals
//! (2-core machine): full import < 20 s, name lookup p95 < 1 ms, syntax search p95 < 10 ms.
//! Goals are printed beside the figures; nothing here fails on a clock.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

mod timing;

use std::path::Path;
use std::time::Duration;

use codex::Codex;
use codex::import::{import, scan_dir};
use timing::{percentile, report, time};

/// Names as players type them: exact, folded case/accents/punctuation, either face, "A // B".
const NAMES: &[&str] = &[
    "Lightning Bolt",
    "lightning bolt",
    "Sol Ring",
    "sol ring",
    "Counterspell",
    "Llanowar Elves",
    "lim-dul's vault",
    "Lim-Dûl's Vault",
    "jotun grunt",
    "aether vial",
    "Æther Vial",
    "Delver of Secrets",
    "insectile aberration",
    "Fire // Ice",
    "fire ice",
    "ice",
    "Thassa's Oracle",
    "thassas oracle",
    "Demonic Consultation",
    "Dockside Extortionist",
    "Swords to Plowshares",
    "Path to Exile",
    "Birds of Paradise",
    "Dark Ritual",
    "Brainstorm",
    "Ponder",
    "Force of Will",
    "Mana Crypt",
    "Rhystic Study",
    "Cyclonic Rift",
    "Smothering Tithe",
    "Atraxa, Praetors' Voice",
    "atraxa praetors voice",
    "Kenrith, the Returned King",
    "Wear // Tear",
    "Bonecrusher Giant",
    "stomp",
    "Brazen Borrower",
    "petty theft",
    "Emeria's Call",
    "Emeria, Shattered Skyclave",
    "Valki, God of Lies",
    "Tibalt, Cosmic Impostor",
    "Urza's Saga",
    "Goblin Guide",
    "Snapcaster Mage",
    "Tarmogoyf",
    "Primeval Titan",
    "Black Lotus",
    "Ancestral Recall",
];

/// A fixed mix of realistic Scryfall-syntax queries (at least 30).
const QUERIES: &[&str] = &[
    "t:goblin c:r",
    "t:creature c:g mv<=2",
    "o:\"draw a card\" c:u mv<=2",
    "o:flying t:creature pow>=4",
    "id<=esper t:legendary t:creature",
    "is:commander id:rakdos",
    "f:modern t:instant c:r mv=1",
    "f:commander -f:modern o:\"search your library\"",
    "banned:legacy",
    "r:mythic s:snc",
    "kw:flying kw:vigilance",
    "m:{G}{G} t:creature",
    "pow>tou t:creature c:g",
    "t:planeswalker loy>=5",
    "is:split",
    "is:transform c:u",
    "is:mdfc t:land",
    "year<=1994 t:artifact",
    "produces:g t:land",
    "o:/deals \\d+ damage/ t:instant",
    "fo:\"enters the battlefield\" t:enchantment",
    "c:m t:creature mv>=6",
    "c:c t:artifact mv<=1",
    "(t:instant or t:sorcery) o:counter c:u",
    "-t:creature -t:land c:g mv<=3",
    "t:equipment o:\"equipped creature gets\"",
    "o:~ o:\"enters the battlefield\" t:creature",
    "is:reserved t:artifact",
    "is:vanilla t:creature pow>=5",
    "game:arena r:rare t:creature c:w",
    "t:dragon order:edhrec",
    "t:creature c:b order:cmc dir:desc",
    "bolt",
    "elves",
    "!\"Lightning Bolt\"",
];

/// Plain words players type for full text.
const FREE_TEXT: &[&str] = &[
    "destroy target artifact",
    "draw a card",
    "return target creature to its owner's hand",
    "counter target spell",
    "search your library for a basic land",
    "create a treasure token",
    "deals damage to each opponent",
    "exile target creature",
    "gain life",
    "untap all lands",
];

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let sources = scan_dir(&shared).expect("../shared/data is readable");
    let card_sources: Vec<_> = sources
        .iter()
        .filter(|s| s.kind.part() == codex::import::Part::Cards)
        .cloned()
        .collect();

    println!(
        "Planeswalker knowledge-base benchmark ({} CPUs)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut imports = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    for run in 0..3 {
        let run_dir = dir.path().join(format!("run{run}"));
        let (report, elapsed) = time(|| import(&run_dir, &card_sources, &|_| {}).unwrap());
        println!(
            "card import run {run}: {:.2} s ({} cards, {} printings)",
            elapsed.as_secs_f64(),
            report.stats.cards,
            report.stats.printings
        );
        imports.push(elapsed);
    }
    report("full card import (cards+printings)", imports, "goal < 20 s");
    let data_dir = dir.path().join("full");
    let (_, all) = time(|| import(&data_dir, &sources, &|_| {}).unwrap());
    println!(
        "full import (cards, printings, rules): {:.2} s",
        all.as_secs_f64()
    );

    let codex = Codex::open(&data_dir).unwrap();
    let conn = codex.connection();

    let mut lookups = Vec::new();
    for _ in 0..20 {
        for name in NAMES {
            let (id, elapsed) = time(|| codex::lookup::find_card_id(conn, name).unwrap());
            assert!(id.is_some(), "{name} not found");
            lookups.push(elapsed);
        }
    }
    report("name lookup (id)", lookups, "goal p95 < 1 ms");

    let mut cards = Vec::new();
    for _ in 0..5 {
        for name in NAMES {
            let (_, elapsed) = time(|| codex.card(name).unwrap());
            cards.push(elapsed);
        }
    }
    report("card by name (full card + rulings)", cards, "");

    let (_, miss) = time(|| codex.card("lightening bolt").unwrap_err());
    println!(
        "{:<34} {:.3} ms (first miss loads the name index)",
        "misspelt name with suggestions",
        miss.as_secs_f64() * 1e3
    );
    let mut misses = Vec::new();
    for _ in 0..20 {
        let (_, elapsed) = time(|| codex.card("lightening bolt").unwrap_err());
        misses.push(elapsed);
    }
    report("misspelt name, index loaded", misses, "");

    let mut syntax = Vec::new();
    let mut worst: Vec<(Duration, &str)> = Vec::new();
    for query in QUERIES {
        let mut samples = Vec::new();
        for _ in 0..20 {
            let (ids, elapsed) = time(|| codex::search::search_ids(conn, query, 20).unwrap());
            std::hint::black_box(ids);
            samples.push(elapsed);
        }
        samples.sort();
        worst.push((percentile(&samples, 0.95), query));
        syntax.extend(samples);
    }
    report(
        &format!("syntax search, {} queries, limit 20", QUERIES.len()),
        syntax,
        "goal p95 < 10 ms",
    );
    worst.sort();
    for (p95, query) in worst.iter().rev().take(5) {
        println!("    slowest: {:>7.3} ms  {query}", p95.as_secs_f64() * 1e3);
    }

    let mut loaded = Vec::new();
    for query in QUERIES {
        let (_, elapsed) = time(|| {
            let ids = codex::search::search_ids(conn, query, 20).unwrap();
            codex.cards(&ids).unwrap()
        });
        loaded.push(elapsed);
    }
    report("syntax search + load 20 cards", loaded, "");

    let mut fts = Vec::new();
    for _ in 0..20 {
        for text in FREE_TEXT {
            let (_, elapsed) = time(|| codex::search::full_text_ids(conn, text, 20).unwrap());
            fts.push(elapsed);
        }
    }
    report("full text (BM25), limit 20", fts, "");

    let mut rules = Vec::new();
    for _ in 0..20 {
        for query in [
            "702.19b",
            "704.5a",
            "100.1",
            "trample",
            "state-based actions",
            "deathtouch",
        ] {
            let (_, elapsed) = time(|| codex.rule(query).unwrap());
            rules.push(elapsed);
        }
    }
    report("rule / glossary lookup", rules, "");

    let mut rules_fts = Vec::new();
    for _ in 0..20 {
        for text in [
            "damage assignment trample",
            "state based actions",
            "mulligan",
            "copy a spell",
        ] {
            let (_, elapsed) = time(|| codex.search_rules(text, 10).unwrap());
            rules_fts.push(elapsed);
        }
    }
    report("rules full text, limit 10", rules_fts, "");
}
