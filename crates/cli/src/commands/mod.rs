//! One module per subcommand; `run` dispatches.

mod card;
mod import;
mod search;
mod stats;

use std::path::PathBuf;

use anyhow::Context;

use crate::args::{Cli, Command};

/// Everything a command needs besides its own arguments.
pub struct Context_ {
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
    let ctx = Context_ {
        data_dir,
        json: cli.json,
    };
    match cli.command {
        Command::Import(args) => import::run(&ctx, args),
        Command::Card { name } => card::run(&ctx, &name.join(" ")),
        Command::Search { query, limit } => search::run(&ctx, &query.join(" "), limit),
        Command::Stats => stats::run(&ctx),
    }
}

fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "Planeswalker", "Planeswalker")
        .map(|d| d.data_dir().to_path_buf())
}

/// Opens the knowledge base, with the error a player can act on.
pub fn open(ctx: &Context_) -> anyhow::Result<codex::Codex> {
    Ok(codex::Codex::open(&ctx.data_dir)?)
}
