//! `planeswalker search QUERY`.

use codex::Error;

use super::{CommandContext, embeddings, meaning_mode, open};
use crate::args::MeaningArgs;
use crate::output::{self, say};

pub fn run(
    ctx: &CommandContext,
    query: &str,
    limit: usize,
    meaning: &MeaningArgs,
) -> anyhow::Result<()> {
    let codex = open(ctx)?;
    let found = match meaning_mode(meaning) {
        Some(mode) => {
            let embedder = embeddings::load_embedder(ctx, meaning.embedding_model.as_deref())?;
            codex.search_by_meaning(&embedder, query, limit, mode)
        }
        None => codex.search(query, limit),
    };
    let cards = match found {
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
