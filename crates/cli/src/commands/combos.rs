//! `planeswalker combos CARD…`.

use super::{CommandContext, open};
use crate::output::{self, say};

pub fn run(ctx: &CommandContext, cards: &[String], limit: usize) -> anyhow::Result<()> {
    let combos = open(ctx)?.combos_with(cards, limit)?;
    if ctx.json {
        return output::print_json(&combos);
    }
    if combos.is_empty() {
        say!("No known combo uses all of: {}.", cards.join(", "));
    }
    for combo in combos {
        let names: Vec<&str> = combo.cards.iter().map(|c| c.name.as_str()).collect();
        let results: Vec<&str> = combo.results.iter().map(|r| r.name.as_str()).collect();
        say!("{}  [{}]", names.join(" + "), combo.color_identity);
        say!("  Produces: {}", results.join("; "));
        for (i, step) in combo.steps.iter().enumerate() {
            say!("  {}. {step}", i + 1);
        }
        say!("  {}", combo.url);
    }
    Ok(())
}
