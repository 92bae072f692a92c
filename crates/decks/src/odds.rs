//! Drawing odds: the hypergeometric distribution, exactly (sums of binomial coefficients in
//! log space; decks are at most a few hundred cards). Hand-written rather than taken from a
//! statistics crate: the two functions below are all that is needed, and the crates that have
//! them bring linear algebra along.

/// `ln(n!)` for `n` up to the largest deck checked, built once per call site.
struct LnFactorials(Vec<f64>);

impl LnFactorials {
    fn up_to(n: u32) -> Self {
        let mut table = Vec::with_capacity(n as usize + 1);
        let mut sum = 0.0;
        table.push(0.0);
        for k in 1..=n {
            sum += f64::from(k).ln();
            table.push(sum);
        }
        LnFactorials(table)
    }

    /// `ln C(n, k)`; `None` when `k > n`.
    fn ln_choose(&self, n: u32, k: u32) -> Option<f64> {
        (k <= n).then(|| self.0[n as usize] - self.0[k as usize] - self.0[(n - k) as usize])
    }
}

/// The number of cards seen by `turn` (from 1): the opening seven plus a draw a turn, but none
/// on the first turn on the play.
pub fn cards_seen(turn: u32, on_the_play: bool) -> u32 {
    7 + turn.saturating_sub(u32::from(on_the_play))
}

/// The chance that `draws` cards from a deck of `deck` cards, `copies` of them the ones wanted,
/// hold at least `wanted` of those.
pub fn at_least(deck: u32, copies: u32, draws: u32, wanted: u32) -> f64 {
    let copies = copies.min(deck);
    let draws = draws.min(deck);
    if wanted == 0 {
        return 1.0;
    }
    let table = LnFactorials::up_to(deck);
    let Some(all) = table.ln_choose(deck, draws) else {
        return 0.0;
    };
    (wanted..=copies.min(draws))
        .filter_map(|k| {
            let hits = table.ln_choose(copies, k)?;
            let misses = table.ln_choose(deck - copies, draws - k)?;
            Some((hits + misses - all).exp())
        })
        // Folded from +0.0: an empty float sum is -0.0, which prints as "-0.0%".
        .fold(0.0, |sum, p| sum + p)
        .min(1.0)
}

/// The chance of exactly `k` wanted cards among `draws`.
pub fn exactly(deck: u32, copies: u32, draws: u32, k: u32) -> f64 {
    let table = LnFactorials::up_to(deck);
    match (
        table.ln_choose(copies, k),
        table.ln_choose(deck.saturating_sub(copies), draws.saturating_sub(k)),
        table.ln_choose(deck, draws),
    ) {
        (Some(hits), Some(misses), Some(all)) if k <= draws => (hits + misses - all).exp(),
        _ => 0.0,
    }
}

/// Frank Karsten's question for a spell needing `pips` mana of one colour: the chance of at
/// least `pips` sources of that colour among the cards seen by `turn`, given at least `turn`
/// lands among them (a player who missed land drops would not cast it on curve anyway). The
/// deck has `deck` cards, `lands` lands, `sources` of them of the colour.
pub fn colour_on_curve(
    deck: u32,
    lands: u32,
    sources: u32,
    pips: u32,
    turn: u32,
    on_the_play: bool,
) -> f64 {
    let lands = lands.min(deck);
    let sources = sources.min(lands);
    let draws = cards_seen(turn, on_the_play).min(deck);
    let table = LnFactorials::up_to(deck);
    let Some(all) = table.ln_choose(deck, draws) else {
        return 0.0;
    };
    let others = lands - sources;
    let spells = deck - lands;
    let (mut enough_lands, mut both) = (0.0, 0.0);
    for coloured in 0..=sources.min(draws) {
        for other in 0..=others.min(draws - coloured) {
            let rest = draws - coloured - other;
            let (Some(a), Some(b), Some(c)) = (
                table.ln_choose(sources, coloured),
                table.ln_choose(others, other),
                table.ln_choose(spells, rest),
            ) else {
                continue;
            };
            if coloured + other < turn {
                continue;
            }
            let p = (a + b + c - all).exp();
            enough_lands += p;
            if coloured >= pips {
                both += p;
            }
        }
    }
    if enough_lands == 0.0 {
        0.0
    } else {
        both / enough_lands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn known_values() {
        // One of four copies in an opening seven from sixty: 1 - C(56,7)/C(60,7).
        assert!(
            close(at_least(60, 4, 7, 1), 0.399_499_6),
            "{}",
            at_least(60, 4, 7, 1)
        );
        // Exactly three lands of 24 in seven cards of 60.
        assert!(
            close(exactly(60, 24, 7, 3), 0.308_704_3),
            "{}",
            exactly(60, 24, 7, 3)
        );
        let total: f64 = (0..=7).map(|k| exactly(60, 24, 7, k)).sum();
        assert!(close(total, 1.0));
        assert_eq!(at_least(60, 0, 7, 1), 0.0);
        assert_eq!(at_least(60, 4, 7, 0), 1.0);
        assert_eq!(at_least(60, 4, 7, 5), 0.0);
    }

    #[test]
    fn colour_odds_rise_with_sources_and_fall_with_pips() {
        let one = colour_on_curve(60, 24, 14, 1, 1, true);
        let more = colour_on_curve(60, 24, 18, 1, 1, true);
        let two_pips = colour_on_curve(60, 24, 18, 2, 2, true);
        assert!(one < more && two_pips < more, "{one} {more} {two_pips}");
        // Every land of the colour: certain, once enough lands are in hand.
        assert!(close(colour_on_curve(60, 24, 24, 1, 1, true), 1.0));
        assert_eq!(colour_on_curve(60, 24, 0, 1, 1, true), 0.0);
    }

    #[test]
    fn cards_seen_counts_the_draw_step() {
        assert_eq!(cards_seen(1, true), 7);
        assert_eq!(cards_seen(1, false), 8);
        assert_eq!(cards_seen(3, true), 9);
    }
}
