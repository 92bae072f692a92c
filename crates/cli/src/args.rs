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
    /// Search cards with Scryfall syntax or plain words, or by meaning.
    Search {
        /// The query, e.g. `t:goblin c:r mv<=2` or `destroy target artifact`; with
        /// --semantic or --hybrid, a request in plain words (`cheap red instant that deals
        /// 3 damage`).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many cards.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// How the request is matched.
        #[command(flatten)]
        meaning: MeaningArgs,
    },
    /// Show a Comprehensive Rules entry by number (702.19b) or a glossary term (trample).
    Rule {
        /// A rule number or a glossary term.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Work with the Comprehensive Rules.
    Rules {
        /// What to do with them.
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Find combos that use all the given cards.
    Combos {
        /// Card names; quote names with spaces ("Thassa's Oracle" "Demonic Consultation").
        #[arg(required = true, num_args = 1..)]
        cards: Vec<String>,
        /// At most this many combos.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Show what the knowledge base holds.
    Stats,
    /// Talk to a local model (a GGUF file): one question with --prompt, else line by line.
    Chat(ChatArgs),
    /// Decks: import, export, check legality, analyse, list, show, delete.
    Deck {
        /// What to do.
        #[command(subcommand)]
        command: DeckCommand,
    },
    /// The catalogue of local models and the ones installed.
    Models {
        /// What to do with them.
        #[command(subcommand)]
        command: ModelsCommand,
    },
}

/// Subcommands of `deck`. A deck is named by its id, the first characters of its id (four or
/// more), or its name.
#[derive(Debug, Subcommand)]
pub enum DeckCommand {
    /// Import a deck list (MTG Arena, MTGO .txt/.dek, Moxfield, Archidekt/plain text,
    /// Planeswalker JSON or CSV; detected unless --from says) and store it. Lines that cannot be
    /// read or name no card are listed with suggestions; the rest is imported.
    Import {
        /// The file, or `-` for standard input.
        file: PathBuf,
        /// The list's format (default: detected): arena, mtgo, dek, moxfield, plain, json, csv.
        #[arg(long = "from", value_name = "FORMAT")]
        list_format: Option<decks::Format>,
        /// The deck's name (default: the list's, else the file's name).
        #[arg(long)]
        name: Option<String>,
        /// The game format it is built for (default: Commander when the list has a commander).
        #[arg(long = "format", value_name = "GAME_FORMAT")]
        game_format: Option<decks::GameFormat>,
    },
    /// Write a stored deck as a deck list.
    Export {
        /// The deck.
        deck: String,
        /// The list's format: arena, mtgo, dek, moxfield, plain, json, csv.
        #[arg(long, value_name = "FORMAT", default_value = "arena")]
        format: decks::Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check a deck's legality: every violation with its card and rule. Exits with status 1
    /// when the deck is not legal.
    Check {
        /// The deck.
        deck: String,
        /// The game format (default: the deck's): standard, pioneer, modern, legacy, vintage,
        /// pauper, commander, oathbreaker, brawl, historicbrawl, limited.
        #[arg(long, value_name = "GAME_FORMAT")]
        format: Option<decks::GameFormat>,
    },
    /// Analyse a deck: curve, types, roles, colours against sources, lands, drawing odds and
    /// combos.
    Analyze {
        /// The deck.
        deck: String,
    },
    /// The chance to draw at least N copies of a card of the deck, or of any card of a role
    /// (ramp, draw, removal, wipe, counter, tutor), by a turn.
    Odds {
        /// The deck.
        deck: String,
        /// A card in the deck's main deck, or a role.
        card: String,
        /// By this turn.
        #[arg(long, default_value_t = 3)]
        turn: u32,
        /// At least this many copies.
        #[arg(long, default_value_t = 1)]
        at_least: u32,
        /// Going second (a draw on turn one); default going first.
        #[arg(long)]
        on_the_draw: bool,
    },
    /// List the stored decks, most recently changed first.
    List,
    /// Show a stored deck.
    Show {
        /// The deck.
        deck: String,
    },
    /// Delete a stored deck.
    Delete {
        /// The deck.
        deck: String,
    },
}

/// Subcommands of `models`.
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Every model of the catalogue, with size, memory needed, licence and whether installed.
    List,
    /// Download a model of the catalogue into the models folder, checked against the
    /// catalogue's size and SHA-256 before it is installed. Ctrl-C stops it; running it again
    /// resumes.
    Download {
        /// The model's id (`planeswalker models list` shows them).
        id: String,
        /// Download from this server instead of the catalogue's (Hugging Face), under the same
        /// paths: a mirror such as https://hf-mirror.com, or a local server with a copy.
        #[arg(long, env = "PLANESWALKER_MODELS_MIRROR", value_name = "URL")]
        mirror: Option<String>,
    },
    /// Check that installed models are the catalogue's files (size and SHA-256).
    Verify {
        /// One model's id (default: every installed model).
        id: Option<String>,
    },
    /// Delete an installed model's file.
    Remove {
        /// The model's id.
        id: String,
    },
}

/// Arguments of `chat`.
#[derive(Debug, Args)]
pub struct ChatArgs {
    /// The model: a GGUF file, or the id of an installed catalogue model.
    #[arg(long, env = "PLANESWALKER_MODEL", value_name = "GGUF|ID")]
    pub model: PathBuf,
    /// Ask this one question and exit (else questions are read from standard input, one
    /// per line, in one conversation).
    #[arg(long)]
    pub prompt: Option<String>,
    /// A system prompt that starts the conversation.
    #[arg(long)]
    pub system: Option<String>,
    /// At most this many tokens per answer.
    #[arg(long, default_value_t = 512)]
    pub max_tokens: u32,
    /// Sampling temperature; 0 always takes the likeliest token.
    #[arg(long, default_value_t = 0.8)]
    pub temperature: f32,
    /// Seed of the sampling, to repeat an answer.
    #[arg(long, default_value_t = 0x5EED)]
    pub seed: u32,
    /// Context size in tokens (default: the model's, at most 8192).
    #[arg(long)]
    pub context: Option<u32>,
    /// CPU threads (default: one per core).
    #[arg(long)]
    pub threads: Option<u32>,
}

/// Subcommands of `rules`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Full-text search across the rules and the glossary, or search by meaning.
    Search {
        /// Words to look for, e.g. `damage assignment order`, or a question with
        /// --semantic or --hybrid.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// How the request is matched.
        #[command(flatten)]
        meaning: MeaningArgs,
    },
}

/// Search by meaning: `--semantic` or `--hybrid`, and the embedding model to use.
#[derive(Debug, Args)]
pub struct MeaningArgs {
    /// Find by meaning: the texts whose embeddings are nearest the request's.
    #[arg(long, conflicts_with = "hybrid")]
    pub semantic: bool,
    /// Find by meaning and by words: nearest embeddings and BM25 full text, fused by
    /// reciprocal rank.
    #[arg(long)]
    pub hybrid: bool,
    /// The embedding model (a GGUF file or an installed catalogue id; default: the
    /// installed embedding model). Must be the one `import embeddings` used.
    #[arg(long, env = "PLANESWALKER_EMBEDDING_MODEL", value_name = "GGUF|ID")]
    pub embedding_model: Option<PathBuf>,
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
    /// Without --from-file/--from-dir: which public card database to download.
    #[arg(long, value_enum, default_value_t = CardsFrom::Mtgjson)]
    pub cards_from: CardsFrom,
    /// MTGJSON's API folder.
    #[arg(long, env = "PLANESWALKER_MTGJSON_URL", value_name = "URL")]
    pub mtgjson_url: Option<String>,
    /// The MTGJSON file printings come from (AllPrintings.json.gz, or AllSetFiles.tar.gz).
    #[arg(long, env = "PLANESWALKER_MTGJSON_PRINTINGS", value_name = "FILE")]
    pub mtgjson_printings: Option<String>,
    /// Scryfall's API base (its bulk-data index is read from there).
    #[arg(long, env = "PLANESWALKER_SCRYFALL_URL", value_name = "URL")]
    pub scryfall_url: Option<String>,
    /// The Comprehensive Rules TXT to download (default: the one linked from Wizards' rules page).
    #[arg(long, env = "PLANESWALKER_RULES_URL", value_name = "URL")]
    pub rules_url: Option<String>,
    /// Commander Spellbook's variants export.
    #[arg(long, env = "PLANESWALKER_SPELLBOOK_URL", value_name = "URL")]
    pub spellbook_url: Option<String>,
    /// The embedding model for the embedding step that follows the import (a GGUF file or
    /// an installed catalogue id; default: the installed embedding model, and the step is
    /// skipped when there is none).
    #[arg(long, env = "PLANESWALKER_EMBEDDING_MODEL", value_name = "GGUF|ID")]
    pub embedding_model: Option<PathBuf>,
}

/// Public card databases `import` can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardsFrom {
    /// MTGJSON AtomicCards + printings.
    Mtgjson,
    /// Scryfall bulk data.
    Scryfall,
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
    /// Only the embeddings of the cards and rules already imported (semantic search).
    Embeddings,
    /// Everything.
    All,
}

/// Subcommands whose free-text words may start with `-` (Scryfall's negation, `-t:land`).
const FREE_TEXT_COMMANDS: &[&[&str]] = &[
    &["search"],
    &["card"],
    &["rule"],
    &["combos"],
    &["rules", "search"],
];
/// Options that take a value.
const VALUED_OPTIONS: &[&str] = &["--limit", "--data-dir", "--embedding-model"];
/// Options without a value that may follow the words.
const FLAG_OPTIONS: &[&str] = &["--json", "--semantic", "--hybrid", "-h", "--help"];

/// Lets players type queries as on Scryfall (`planeswalker search -t:land c:c --limit 5`):
/// for commands taking free text, the options are moved before the words and the words
/// after a `--`, so a word like `-t:land` is never taken for an option.
pub fn with_free_text_last(args: Vec<String>) -> Vec<String> {
    // The subcommand is the first word that is neither an option nor an option's value
    // (`--data-dir search` names a folder called "search"; `import combos` is not `combos`).
    let mut i = 1;
    while i < args.len() && args[i].starts_with('-') {
        i += if VALUED_OPTIONS.contains(&args[i].as_str()) {
            2
        } else {
            1
        };
    }
    let Some(len) = FREE_TEXT_COMMANDS
        .iter()
        .find(|command| {
            args.get(i..i + command.len())
                .is_some_and(|words| words == **command)
        })
        .map(|command| command.len())
    else {
        return args;
    };
    let start = i;
    let head = start + len;
    let mut options = Vec::new();
    let mut words = Vec::new();
    let mut rest = args[head..].iter();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            words.extend(rest.by_ref().cloned());
        } else if VALUED_OPTIONS.contains(&arg.as_str()) {
            options.push(arg.clone());
            options.extend(rest.next().cloned());
        } else if FLAG_OPTIONS.contains(&arg.as_str())
            || VALUED_OPTIONS
                .iter()
                .any(|o| arg.starts_with(&format!("{o}=")))
        {
            options.push(arg.clone());
        } else {
            words.push(arg.clone());
        }
    }
    let mut out: Vec<String> = args[..head].to_vec();
    out.extend(options);
    if !words.is_empty() {
        out.push("--".into());
        out.extend(words);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_free_text_last;

    fn args(line: &str) -> Vec<String> {
        line.split(' ').map(String::from).collect()
    }

    #[test]
    fn negated_query_terms_are_words_and_options_anywhere_still_count() {
        assert_eq!(
            with_free_text_last(args("planeswalker search -t:land c:c --limit 5 --json")),
            args("planeswalker search --limit 5 --json -- -t:land c:c")
        );
        assert_eq!(
            with_free_text_last(args(
                "planeswalker --data-dir /d rules search -tapped --limit=3"
            )),
            args("planeswalker --data-dir /d rules search --limit=3 -- -tapped")
        );
        assert_eq!(
            with_free_text_last(args("planeswalker stats --json")),
            args("planeswalker stats --json")
        );
        assert_eq!(
            with_free_text_last(args("planeswalker --data-dir search card bolt")),
            args("planeswalker --data-dir search card -- bolt")
        );
        assert_eq!(
            with_free_text_last(args(
                "planeswalker search cheap red instant --hybrid --embedding-model m.gguf"
            )),
            args("planeswalker search --hybrid --embedding-model m.gguf -- cheap red instant")
        );
    }
}
