//! `planeswalker search QUERY`.

use super::{CommandContext, open};
use crate::output;

pub fn run(ctx: &CommandContext, query: &str, limit: usize) -> anyhow::Result<()> {
    let codex = open(ctx)?;
    let _ = (query, limit, &codex);
    anyhow::bail!("search is not available in this build")
}
