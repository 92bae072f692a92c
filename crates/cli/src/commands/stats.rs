//! `planeswalker stats`.

use super::{Context_, open};
use crate::output;

pub fn run(ctx: &Context_) -> anyhow::Result<()> {
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
    for (key, value) in &stats.meta {
        if !key.starts_with("source.") {
            println!("  {key:<22} {value}");
        }
    }
    Ok(())
}
