//! The command line: global options and subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Planeswalker: an offline Magic: The Gathering knowledge base — cards, rules and combos.
#[derive(Debug, Parser)]
#[command(name = "planeswalker", version, about, long_about = None)]
pub struct Cli {
    /// Where the knowledge base lives (default: the platform's app-data folder).
    #[arg(long, global = true, env = "PLANESWALKER_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of text (see the README for the shapes).
    #[arg(long, global = true)]
    pub json: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or refresh the knowledge base from files or the public sources.
    Import(ImportArgs),
    /// Show one card by name (any face, any capitalisation, accents optional).
    Card {
        /// The card's name; words may be given unquoted.
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// Search cards with Scryfall syntax or plain words.
    Search {
        /// The query, e.g. `t:goblin c:r mv<=2` or `destroy target artifact`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many cards.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Show what the knowledge base holds.
    Stats,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Which part to import (default: all).
    #[arg(value_enum, default_value_t = ImportWhat::All)]
    pub what: ImportWhat,
    /// Import this file (repeatable); its format is recognised from its content.
    #[arg(long = "from-file", value_name = "PATH")]
    pub from_file: Vec<PathBuf>,
    /// Import every source file found in this folder and its subfolders.
    #[arg(long = "from-dir", value_name = "DIR")]
    pub from_dir: Option<PathBuf>,
}

/// The parts `import` can replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    /// Cards, sets, printings and rulings.
    Cards,
    /// The Comprehensive Rules.
    Rules,
    /// Combos.
    Combos,
    /// Everything.
    All,
}
