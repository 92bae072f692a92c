//! `planeswalker card NAME`.

use super::{CommandContext, open};
use crate::output::{self, say};

pub fn run(ctx: &CommandContext, name: &str) -> anyhow::Result<()> {
    let card = open(ctx)?.card(name)?;
    if ctx.json {
        return output::print_json(&card);
    }
    say!("{}", output::card_text(&card, true).trim_end());
    Ok(())
}
