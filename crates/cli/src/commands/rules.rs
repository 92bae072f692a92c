//! `planeswalker rule NUMBER|TERM` and `planeswalker rules search TEXT`.

use codex::rules::RuleAnswer;

use super::{CommandContext, embeddings, meaning_mode, open};
use crate::args::MeaningArgs;
use crate::output::{self, say};

pub fn show(ctx: &CommandContext, query: &str) -> anyhow::Result<()> {
    let answer = open(ctx)?.rule(query)?;
    if ctx.json {
        return output::print_json(&answer);
    }
    match answer {
        RuleAnswer::Rule(rule) => {
            for heading in [&rule.section, &rule.chapter].into_iter().flatten() {
                if heading.number != rule.number {
                    say!("{}. {}", heading.number, heading.text);
                }
            }
            say!("{} {}", rule.number, rule.text);
            for example in &rule.examples {
                say!("  {example}");
            }
            for child in &rule.children {
                say!("  {} {}", child.number, child.text);
            }
        }
        RuleAnswer::Glossary(entry) => {
            say!("{}", entry.term);
            for line in entry.definition.lines() {
                say!("  {line}");
            }
        }
    }
    Ok(())
}

pub fn search(
    ctx: &CommandContext,
    text: &str,
    limit: usize,
    meaning: &MeaningArgs,
) -> anyhow::Result<()> {
    let codex = open(ctx)?;
    let hits = match meaning_mode(meaning) {
        Some(mode) => {
            let embedder = embeddings::load_embedder(ctx, meaning.embedding_model.as_deref())?;
            codex.search_rules_by_meaning(&embedder, text, limit, mode)?
        }
        None => codex.search_rules(text, limit)?,
    };
    if ctx.json {
        return output::print_json(&hits);
    }
    if hits.is_empty() {
        say!("No rule or glossary entry mentions \"{text}\".");
    }
    for hit in hits {
        let label = hit.number.or(hit.term).unwrap_or_default();
        say!("{label:<10} {}", hit.snippet.replace('\n', " "));
    }
    Ok(())
}
