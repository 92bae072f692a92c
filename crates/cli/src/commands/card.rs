//! `planeswalker card NAME`.

use super::{Context_, open};
use crate::output;

pub fn run(ctx: &Context_, name: &str) -> anyhow::Result<()> {
    let card = open(ctx)?.card(name)?;
    if ctx.json {
        return output::print_json(&card);
    }
    print!("{}", output::card_text(&card, true));
    Ok(())
}
