//! `planeswalker deck …`: decks imported from lists, stored in the user-data database, checked,
//! analysed and exported.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use decks::analysis::{self, Analysis};
use decks::legality::{self, GameFormat};
use decks::{DeckStore, Format, Section, formats, resolve};
use serde::Serialize;

use super::{CommandContext, open};
use crate::args::DeckCommand;
use crate::output::{self, say};

/// How many combos `analyze` lists.
const COMBOS_SHOWN: usize = 20;

pub fn run(ctx: &CommandContext, command: DeckCommand) -> anyhow::Result<()> {
    match command {
        DeckCommand::Import {
            file,
            list_format,
            name,
            game_format,
        } => import(ctx, &file, list_format, name, game_format),
        DeckCommand::Export {
            deck,
            format,
            output,
        } => export(ctx, &deck, format, output.as_deref()),
        DeckCommand::Check { deck, format } => check(ctx, &deck, format),
        DeckCommand::Analyze { deck } => analyze(ctx, &deck),
        DeckCommand::Odds {
            deck,
            card,
            turn,
            at_least,
            on_the_draw,
        } => odds(ctx, &deck, &card, turn, at_least, !on_the_draw),
        DeckCommand::List => list(ctx),
        DeckCommand::Show { deck } => show(ctx, &deck),
        DeckCommand::Delete { deck } => delete(ctx, &deck),
    }
}

fn store(ctx: &CommandContext) -> anyhow::Result<DeckStore> {
    Ok(DeckStore::open(&ctx.data_dir)?)
}

#[derive(Serialize)]
struct Imported<'a> {
    deck: &'a decks::StoredDeck,
    list_format: Format,
    unreadable_lines: &'a [decks::LineProblem],
    unknown_names: &'a [decks::NameProblem],
}

fn import(
    ctx: &CommandContext,
    file: &Path,
    list_format: Option<Format>,
    name: Option<String>,
    game_format: Option<GameFormat>,
) -> anyhow::Result<()> {
    let text = if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the deck list from standard input")?;
        text
    } else {
        std::fs::read_to_string(file)
            .with_context(|| format!("reading the deck list {}", file.display()))?
    };
    let (list_format, read) = formats::read(&text, list_format);
    let codex = open(ctx)?;
    let resolution = resolve::resolve(&codex, &read)?;
    let left_out = left_out(&read, &resolution);
    if resolution.deck.cards().is_empty() {
        for line in &left_out {
            eprintln!("{line}");
        }
        bail!(
            "no card of this list could be read as {} (use --from to name its format)",
            list_format.name()
        );
    }
    let name = name
        .or_else(|| read.name.clone())
        .or_else(|| {
            (file != Path::new("-"))
                .then(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten()
        })
        .unwrap_or_else(|| "Imported deck".to_owned());
    let game_format = game_format.or_else(|| GameFormat::implied_by(&resolution.deck));
    let stored = store(ctx)?.create(&name, game_format, &resolution.deck)?;
    if ctx.json {
        return output::print_json(&Imported {
            deck: &stored,
            list_format,
            unreadable_lines: &read.problems,
            unknown_names: &resolution.problems,
        });
    }
    say!(
        "Imported \"{}\" ({} list): {} cards{}, id {}",
        stored.name,
        list_format.name(),
        stored.deck.count(Section::Main) + stored.deck.count(Section::Commander),
        match stored.deck.count(Section::Sideboard) {
            0 => String::new(),
            n => format!(" + {n} in the sideboard"),
        },
        stored.id
    );
    if !left_out.is_empty() {
        say!("{} lines were not imported:", left_out.len());
        for line in &left_out {
            say!("  {line}");
        }
    }
    Ok(())
}

/// Every line of the list that is not in the deck, unreadable ones first, as sentences.
fn left_out(read: &decks::ReadDeck, resolution: &decks::Resolution) -> Vec<String> {
    let unreadable = read.problems.iter().map(ToString::to_string);
    unreadable
        .chain(resolution.problems.iter().map(ToString::to_string))
        .collect()
}

fn export(
    ctx: &CommandContext,
    key: &str,
    format: Format,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let stored = store(ctx)?.find(key)?;
    let text = formats::write(&stored.deck, format)
        .with_context(|| format!("exporting \"{}\" as {}", stored.name, format.name()))?;
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Checked<'a> {
    deck: &'a str,
    format: GameFormat,
    legal: bool,
    violations: &'a [decks::Violation],
    notes: &'a [String],
    unknown_names: &'a [decks::NameProblem],
}

fn check(ctx: &CommandContext, key: &str, format: Option<GameFormat>) -> anyhow::Result<()> {
    let stored = store(ctx)?.find(key)?;
    let Some(format) = format.or(stored.format) else {
        bail!(
            "\"{}\" has no format: name one with --format (standard, modern, commander, …)",
            stored.name
        );
    };
    let resolution = resolve::resolve_deck(&open(ctx)?, &stored.deck)?;
    let report = legality::check(&resolution.deck, &resolution.cards, format);
    let legal = report.is_legal() && resolution.problems.is_empty();
    if ctx.json {
        output::print_json(&Checked {
            deck: &stored.name,
            format,
            legal,
            violations: &report.violations,
            notes: &report.notes,
            unknown_names: &resolution.problems,
        })?;
    } else {
        if legal {
            say!("\"{}\" is legal in {format}.", stored.name);
        }
        for violation in &report.violations {
            say!("- {violation}");
        }
        for problem in &resolution.problems {
            say!("- {problem} (no longer in the knowledge base)");
        }
        for note in &report.notes {
            say!("Note: {note}.");
        }
    }
    if !legal {
        bail!(
            "\"{}\" is not legal in {format}: {} problem(s)",
            stored.name,
            report.violations.len() + resolution.problems.len()
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct Analysed<'a> {
    deck: &'a str,
    analysis: &'a Analysis,
    combos: &'a [codex::combos::ComboMatch],
}

fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

fn analyze(ctx: &CommandContext, key: &str) -> anyhow::Result<()> {
    let stored = store(ctx)?.find(key)?;
    let codex = open(ctx)?;
    let resolution = resolve::resolve_deck(&codex, &stored.deck)?;
    let analysis = analysis::analyse(&resolution.deck, &resolution.cards);
    let combos = decks::combos::combos_in(&codex, &resolution.deck, COMBOS_SHOWN)?;
    if ctx.json {
        return output::print_json(&Analysed {
            deck: &stored.name,
            analysis: &analysis,
            combos: &combos,
        });
    }
    say!(
        "{}: {} cards, {} lands, average mana value {:.2} (nonland cards)",
        stored.name,
        analysis.cards,
        analysis.lands,
        analysis.average_mana_value
    );
    say!();
    say!("Mana curve (nonland cards; # permanents, = instants and sorceries)");
    say!("  MV   Permanents  Spells");
    for bar in &analysis.curve {
        let label = if bar.mana_value == 7 {
            "7+".to_owned()
        } else {
            bar.mana_value.to_string()
        };
        let row = format!(
            "  {label:<3} {:>11}  {:>6}  {}{}",
            bar.permanents,
            bar.spells,
            "#".repeat(bar.permanents as usize),
            "=".repeat(bar.spells as usize)
        );
        say!("{}", row.trim_end());
    }
    say!();
    say!("Card types");
    for (kind, copies) in &analysis.types {
        say!("  {kind:<14} {copies:>3}");
    }
    say!();
    say!("Roles (from oracle text)  Copies  In the opening hand");
    for row in &analysis.roles {
        say!(
            "  {:<23} {:>6}  {:>19}",
            row.role.name(),
            row.copies,
            percent(row.in_opening_hand)
        );
    }
    say!();
    say!("Colours   Pips  Sources  Recommended  Hardest to cast");
    for row in &analysis.colours {
        say!(
            "  {:<7} {:>4}  {:>7}  {:>11}  {}",
            row.colour,
            row.pips,
            row.sources,
            row.recommended.map_or("-".to_owned(), |n| n.to_string()),
            row.hardest.as_deref().unwrap_or("")
        );
    }
    say!();
    let advice = &analysis.land_advice;
    say!(
        "Lands: {} (recommended {}: {})",
        advice.lands,
        advice.recommended,
        advice.basis
    );
    say!();
    say!("Lands in the opening hand");
    for (lands, p) in analysis.opening_hand_lands.iter().enumerate() {
        say!("  {lands}  {:>6}", percent(*p));
    }
    say!();
    say!("Land drop made by turn   on the play  on the draw");
    for drop in &analysis.land_drops {
        say!(
            "  {:<22} {:>11}  {:>11}",
            drop.turn,
            percent(drop.on_the_play),
            percent(drop.on_the_draw)
        );
    }
    say!();
    if combos.is_empty() {
        say!("Combos: none in the deck or one card away.");
    }
    for found in &combos {
        let names: Vec<&str> = found.combo.cards.iter().map(|c| c.name.as_str()).collect();
        let results: Vec<&str> = found
            .combo
            .results
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        if found.missing.is_empty() {
            say!("Combo: {} → {}", names.join(" + "), results.join("; "));
        } else {
            say!(
                "Missing {}: {} → {}",
                found.missing.join(", "),
                names.join(" + "),
                results.join("; ")
            );
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Odds<'a> {
    card: &'a str,
    copies: u32,
    library: u32,
    turn: u32,
    at_least: u32,
    on_the_play: bool,
    chance: f64,
}

fn odds(
    ctx: &CommandContext,
    key: &str,
    wanted: &str,
    turn: u32,
    at_least: u32,
    on_the_play: bool,
) -> anyhow::Result<()> {
    let stored = store(ctx)?.find(key)?;
    let library = stored.deck.count(Section::Main);
    let role = decks::analysis::Role::ALL
        .into_iter()
        .find(|role| format!("{role:?}").eq_ignore_ascii_case(wanted.trim()));
    let (card, copies) = match role {
        Some(role) => {
            let resolution = resolve::resolve_deck(&open(ctx)?, &stored.deck)?;
            let analysis = analysis::analyse(&resolution.deck, &resolution.cards);
            let row = analysis.roles.iter().find(|row| row.role == role);
            (role.name().to_owned(), row.map_or(0, |row| row.copies))
        }
        None => {
            let line = stored
                .deck
                .section(Section::Main)
                .iter()
                .find(|line| line.card.name.eq_ignore_ascii_case(wanted.trim()))
                .with_context(|| {
                    format!(
                        "\"{wanted}\" is not in the main deck of \"{}\" (give a card's name or a \
                         role: ramp, draw, removal, wipe, counter, tutor)",
                        stored.name
                    )
                })?;
            (line.card.name.clone(), line.quantity)
        }
    };
    let turn = turn.max(1);
    let chance = decks::odds::at_least(
        library,
        copies,
        decks::odds::cards_seen(turn, on_the_play),
        at_least,
    );
    if ctx.json {
        return output::print_json(&Odds {
            card: &card,
            copies,
            library,
            turn,
            at_least,
            on_the_play,
            chance,
        });
    }
    say!(
        "{}: at least {at_least} of {copies} {card} in {library} cards by turn {turn} ({}).",
        percent(chance),
        if on_the_play {
            "on the play"
        } else {
            "on the draw"
        }
    );
    Ok(())
}

fn list(ctx: &CommandContext) -> anyhow::Result<()> {
    let decks = store(ctx)?.list()?;
    if ctx.json {
        return output::print_json(&decks);
    }
    if decks.is_empty() {
        say!("No decks yet: `planeswalker deck import FILE` stores one.");
    }
    for deck in decks {
        let format = deck
            .format
            .map_or("no format".to_owned(), |f| f.name().to_owned());
        let led = if deck.commanders.is_empty() {
            String::new()
        } else {
            format!(", led by {}", deck.commanders.join(" & "))
        };
        say!(
            "{}  {}  ({format}, {} + {} cards{led}, changed {})",
            &deck.id[..8],
            deck.name,
            deck.main,
            deck.sideboard,
            deck.updated_at
        );
    }
    Ok(())
}

fn show(ctx: &CommandContext, key: &str) -> anyhow::Result<()> {
    let stored = store(ctx)?.find(key)?;
    if ctx.json {
        return output::print_json(&stored);
    }
    say!(
        "{} ({}, revision {}, id {})",
        stored.name,
        stored.format.map_or("no format", GameFormat::name),
        stored.revision,
        stored.id
    );
    for section in Section::ALL {
        let lines = stored.deck.section(section);
        if lines.is_empty() {
            continue;
        }
        say!();
        say!("{section:?} ({})", stored.deck.count(section));
        for line in lines {
            say!("  {} {}", line.quantity, line.card.name);
        }
    }
    Ok(())
}

fn delete(ctx: &CommandContext, key: &str) -> anyhow::Result<()> {
    let mut store = store(ctx)?;
    let stored = store.find(key)?;
    store.delete(&stored.id, stored.revision)?;
    if !ctx.json {
        say!("Deleted \"{}\".", stored.name);
    }
    Ok(())
}
