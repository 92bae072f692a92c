//! `planeswalker stats`.

use super::{CommandContext, open};
use crate::output::{self, say};

pub fn run(ctx: &CommandContext) -> anyhow::Result<()> {
    let stats = open(ctx)?.stats()?;
    if ctx.json {
        return output::print_json(&stats);
    }
    say!("Knowledge base in {}", ctx.data_dir.display());
    say!("  cards      {}", stats.cards);
    say!("  faces      {}", stats.faces);
    say!("  sets       {}", stats.sets);
    say!("  printings  {}", stats.printings);
    say!("  rulings    {}", stats.rulings);
    say!("  rules      {}", stats.rules);
    say!("  glossary   {}", stats.glossary_terms);
    say!("  combos     {}", stats.combos);
    for (key, value) in &stats.meta {
        if !key.starts_with("source.") {
            say!("  {key:<22} {value}");
        }
    }
    Ok(())
}
