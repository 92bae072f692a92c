//! `planeswalker stats`.

use super::{CommandContext, open};
use crate::output;

pub fn run(ctx: &CommandContext) -> anyhow::Result<()> {
    let stats = open(ctx)?.stats()?;
    if ctx.json {
        return output::print_json(&stats);
    }
    println!("Knowledge base in {}", ctx.data_dir.display());
    println!("  cards      {}", stats.cards);
    println!("  faces      {}", stats.faces);
    println!("  sets       {}", stats.sets);
    println!("  printings  {}", stats.printings);
    println!("  rulings    {}", stats.rulings);
    println!("  rules      {}", stats.rules);
    println!("  glossary   {}", stats.glossary_terms);
    println!("  combos     {}", stats.combos);
    for (key, value) in &stats.meta {
        if !key.starts_with("source.") {
            println!("  {key:<22} {value}");
        }
    }
    Ok(())
}
