//! Prints search timings on the real reference database (run with `--ignored --nocapture`).
//! Not a pass/fail test: timings depend on the machine.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers here and in common/ run only inside tests: a failure is a test failure"
)]

mod common;

use std::time::Instant;

const QUERIES: &[&str] = &[
    "lightning bolt",
    "bolt",
    "destroy target artifact",
    "t:goblin c:r",
    "t:creature",
    "o:draw",
    "o:\"draw a card\" t:creature",
    "c:rg",
    "id<=esper t:instant",
    "f:commander t:legend t:creature",
    "is:commander id:golgari",
    "m:{G}{G}",
    "m:2WW",
    "mv=3 c:u",
    "pow>=8",
    "pow>tou c:w t:creature",
    "r:mythic",
    "s:lea",
    "s:lea r:rare",
    "-s:lea t:instant c:r",
    "year<=1994",
    "kw:flying c:w",
    "banned:commander",
    "is:permanent mv<=2",
    "t:goblin order:edhrec",
    "o:/^{T}: Add/",
    "o:\"~ deals 3 damage\"",
    "produces:g t:creature",
    "!\"Lightning Bolt\"",
    "t:fish or t:bird",
    "o:zzzz",
    "t:goblin t:legendary",
    "kw:cascade",
    "is:phyrexian",
    "m:{G/P}",
    "o:\"deals 3 damage to any target\"",
    "c=2 t:creature pow>=5",
    "f:modern r:mythic order:cmc",
    "year=2009 t:goblin",
    "fo:investigate",
    "is:vanilla c:g",
    "id:c t:land is:permanent",
    "t:creature order:power",
    "s:zen r>=rare order:released",
    "name:/^[a-c].*dragon/",
    "o:/\\bexile\\b.*\\breturn\\b/ t:creature",
    "m>=3WU",
    "game:arena t:elf",
    "lightning",
    "cards that destroy artifacts",
    "sliver queen",
];

#[test]
#[ignore = "prints timings; run with --ignored --nocapture"]
fn search_timings() {
    let codex = common::reference();
    let conn = codex.connection();
    let mut all = Vec::new();
    for query in QUERIES {
        let mut times = Vec::new();
        let mut count = 0;
        for _ in 0..21 {
            let start = Instant::now();
            count = codex::search::search_ids(conn, query, 50).unwrap().len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.remove(0);
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        all.extend(times.iter().copied());
        println!("{median:8.2} ms  {count:3}  {query}");
    }
    all.sort_by(f64::total_cmp);
    let p95 = all[all.len() * 95 / 100];
    let p50 = all[all.len() / 2];
    println!(
        "all queries: p50 {p50:.2} ms, p95 {p95:.2} ms, max {:.2} ms",
        all[all.len() - 1]
    );
}
