//! `planeswalker search QUERY`.

use codex::Error;

use super::{CommandContext, open};
use crate::output::{self, say};

pub fn run(ctx: &CommandContext, query: &str, limit: usize) -> anyhow::Result<()> {
    let cards = match open(ctx)?.search(query, limit) {
        Ok(cards) => cards,
        // Show where the query went wrong: the query, a caret line, the message.
        Err(Error::InvalidQuery(error)) => anyhow::bail!("invalid query\n{}", error.render(query)),
        Err(error) => return Err(error.into()),
    };
    if ctx.json {
        return output::print_json(&cards);
    }
    if cards.is_empty() {
        say!("No cards match {query}.");
    }
    for card in &cards {
        say!("{}", output::card_line(card));
    }
    Ok(())
}
