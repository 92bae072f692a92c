//! One module per subcommand; `run` dispatches.

mod card;
mod chat;
mod combos;
mod deck;
mod embeddings;
mod import;
mod models;
mod rules;
mod search;
mod stats;

use std::path::PathBuf;

use anyhow::Context;

use crate::args::{Cli, Command, MeaningArgs, RulesCommand};

/// Everything a command needs besides its own arguments.
pub struct CommandContext {
    /// The data directory.
    pub data_dir: PathBuf,
    /// JSON output requested.
    pub json: bool,
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => default_data_dir().context("could not find an app-data folder: pass --data-dir")?,
    };
    let ctx = CommandContext {
        data_dir,
        json: cli.json,
    };
    match cli.command {
        Command::Import(args) => import::run(&ctx, args),
        Command::Card { name } => card::run(&ctx, &name.join(" ")),
        Command::Search {
            query,
            limit,
            meaning,
        } => search::run(&ctx, &query.join(" "), limit, &meaning),
        Command::Rule { query } => rules::show(&ctx, &query.join(" ")),
        Command::Rules {
            command:
                RulesCommand::Search {
                    text,
                    limit,
                    meaning,
                },
        } => rules::search(&ctx, &text.join(" "), limit, &meaning),
        Command::Combos { cards, limit } => combos::run(&ctx, &cards, limit),
        Command::Stats => stats::run(&ctx),
        Command::Chat(args) => chat::run(&ctx, args),
        Command::Deck { command } => deck::run(&ctx, command),
        Command::Models { command } => models::run(&ctx, command),
    }
}

fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "Planeswalker", "Planeswalker")
        .map(|d| d.data_dir().to_path_buf())
}

/// The search mode `--semantic`/`--hybrid` ask for; `None` for full-text search.
fn meaning_mode(args: &MeaningArgs) -> Option<codex::semantic::SearchMode> {
    use codex::semantic::SearchMode;
    match (args.semantic, args.hybrid) {
        (true, _) => Some(SearchMode::Semantic),
        (_, true) => Some(SearchMode::Hybrid),
        _ => None,
    }
}

/// Opens the knowledge base, with the error a player can act on.
pub fn open(ctx: &CommandContext) -> anyhow::Result<codex::Codex> {
    Ok(codex::Codex::open(&ctx.data_dir)?)
}
