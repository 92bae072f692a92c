//! `planeswalker search QUERY`.

use super::{Context_, open};
use crate::output;

pub fn run(ctx: &Context_, query: &str, limit: usize) -> anyhow::Result<()> {
    let codex = open(ctx)?;
    let _ = (query, limit, &codex);
    anyhow::bail!("search is not available in this build")
}
