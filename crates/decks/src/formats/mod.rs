//! Deck list formats. Each reader turns text into a [`ReadDeck`]: the card lines it read, by
//! line number, and a problem per line it could not read, so nothing is dropped silently.
//! Each writer refuses, with [`WriteError`], a deck the format cannot express rather than
//! leaving cards out. [`detect`] names the format of a pasted list; an explicit [`Format`]
//! overrides it.

pub mod csv;
pub mod dek;
pub mod json;
pub mod text;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::deck::{Deck, DeckCard, Section};
use text::Dialect;

/// A deck list format. Serialised as its [`Format::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Format {
    /// MTG Arena's export (`Deck`, `Sideboard` headers, `4 Name (SET) 123`).
    Arena,
    /// MTGO's `.txt`: main deck, blank line, sideboard.
    #[serde(rename = "mtgo")]
    MtgoText,
    /// MTGO's `.dek` XML.
    #[serde(rename = "dek")]
    MtgoDek,
    /// Moxfield's text (`1 Name (SET) 123 *F*`, `SIDEBOARD:`).
    Moxfield,
    /// Archidekt's and other plain lists (`1x Name`, `Name x1`, headings, comments).
    Plain,
    /// Planeswalker's own JSON (documented in the README).
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] = [
        Format::Arena,
        Format::MtgoText,
        Format::MtgoDek,
        Format::Moxfield,
        Format::Plain,
        Format::Json,
        Format::Csv,
    ];

    /// The short name used on the command line and in stored decks (`arena`, `mtgo`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Format::Arena => "arena",
            Format::MtgoText => "mtgo",
            Format::MtgoDek => "dek",
            Format::Moxfield => "moxfield",
            Format::Plain => "plain",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The name shown to players.
    pub fn name(self) -> &'static str {
        match self {
            Format::Arena => "MTG Arena",
            Format::MtgoText => "MTGO .txt",
            Format::MtgoDek => "MTGO .dek",
            Format::Moxfield => "Moxfield",
            Format::Plain => "plain text",
            Format::Json => "Planeswalker JSON",
            Format::Csv => "CSV",
        }
    }

    /// The file extension a saved list gets.
    pub fn extension(self) -> &'static str {
        match self {
            Format::MtgoDek => "dek",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Arena | Format::MtgoText | Format::Moxfield | Format::Plain => "txt",
        }
    }

    fn dialect(self) -> Option<Dialect> {
        match self {
            Format::Arena => Some(Dialect::Arena),
            Format::MtgoText => Some(Dialect::MtgoText),
            Format::Moxfield => Some(Dialect::Moxfield),
            Format::Plain => Some(Dialect::Plain),
            Format::MtgoDek | Format::Json | Format::Csv => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A format name that is none of [`Format::ALL`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown deck list format {0:?} (known: arena, mtgo, dek, moxfield, plain, json, csv)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let lower = name.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|format| format.id() == lower)
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

/// A card line a reader took, with the number of the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadLine {
    /// The line's number, from 1 (in JSON, the card's position in `cards`, from 1).
    pub line: usize,
    /// The card and its section and quantity.
    pub card: DeckCard,
}

/// A line a reader could not take, by its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LineProblem {
    /// The line's number, from 1.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// Why it was not read, as a sentence for the player.
    pub reason: String,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {} ({})",
            self.line,
            self.text.trim(),
            self.reason
        )
    }
}

/// What a reader made of a deck list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadDeck {
    /// The deck's name, when the list gave one.
    pub name: Option<String>,
    /// Every card line that was read, in the list's order.
    pub lines: Vec<ReadLine>,
    /// Every line that was not.
    pub problems: Vec<LineProblem>,
}

impl ReadDeck {
    /// The deck the lines make.
    pub fn deck(&self) -> Deck {
        let mut deck = Deck::new(self.name.clone());
        for line in &self.lines {
            deck.add(
                line.card.section,
                line.card.quantity,
                line.card.card.clone(),
            );
        }
        deck
    }
}

/// A deck a format cannot express.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WriteError {
    /// The deck has cards in a section the format lacks.
    #[error("the {format} format has no {section:?} section ({cards} cards there)")]
    NoSuchSection {
        /// The format's name.
        format: &'static str,
        /// The section it lacks.
        section: Section,
        /// How many cards are in that section.
        cards: u32,
    },
    /// A card name the format would read back as something else.
    #[error("the {format} format cannot write the card name {name:?}: {reason}")]
    Name {
        /// The format's name.
        format: &'static str,
        /// The card name.
        name: String,
        /// Why it cannot be written.
        reason: &'static str,
    },
    /// A deck name the format would read back as something else.
    #[error("the {format} format cannot write the deck name {name:?}")]
    DeckName {
        /// The format's name.
        format: &'static str,
        /// The deck's name.
        name: String,
    },
}

/// The format a deck list is most likely in. Markup is recognised by its first character; a
/// text list by what only one dialect writes: `*F*`/`*E*` finishes or `SIDEBOARD:`-style
/// headings (Moxfield), `1x`/`x1` quantities, tabs, bracketed categories, comments or counted
/// headings (plain lists), Arena's headings or `(SET)` printings; anything else is MTGO's
/// `.txt`.
pub fn detect(text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        return Format::MtgoDek;
    }
    if start.starts_with('{') {
        return Format::Json;
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.first().is_some_and(|header| csv::is_header(header)) {
        return Format::Csv;
    }
    let any = |test: &dyn Fn(&str) -> bool| lines.iter().any(|line| test(line));
    if any(&|l| l.ends_with(" *F*") || l.ends_with(" *E*") || text::is_shouted_heading(l)) {
        return Format::Moxfield;
    }
    if any(&text::looks_plain) {
        return Format::Plain;
    }
    if any(&text::looks_arena) {
        return Format::Arena;
    }
    Format::MtgoText
}

/// Reads `text` as `format`, or as the format [`detect`] finds; returns the format used.
pub fn read(text: &str, format: Option<Format>) -> (Format, ReadDeck) {
    let format = format.unwrap_or_else(|| detect(text));
    let read = match format.dialect() {
        Some(dialect) => text::read(text, dialect),
        None if format == Format::MtgoDek => dek::read(text),
        None if format == Format::Json => json::read(text),
        None => csv::read(text),
    };
    (format, read)
}

/// Writes `deck` as `format`.
pub fn write(deck: &Deck, format: Format) -> Result<String, WriteError> {
    match format.dialect() {
        Some(dialect) => text::write(deck, dialect),
        None if format == Format::MtgoDek => dek::write(deck),
        None if format == Format::Json => Ok(json::write(deck)),
        None => Ok(csv::write(deck)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::deck::{CardRef, Finish, PrintingRef};

    /// Card names as printed: words of letters with commas, apostrophes and hyphens, split
    /// cards joined by " // ", at times an accent.
    pub(crate) fn card_name() -> impl Strategy<Value = String> {
        let word = "[A-Z][a-zé'\\-]{0,8},?";
        let face = prop::collection::vec(word, 1..4).prop_map(|words| words.join(" "));
        prop::collection::vec(face, 1..3).prop_map(|faces| faces.join(" // "))
    }

    fn printing(with: bool) -> BoxedStrategy<Option<PrintingRef>> {
        if !with {
            return Just(None).boxed();
        }
        prop::option::of(
            ("[A-Z0-9]{3,5}", prop::option::of("[0-9]{1,3}[a-z★]?")).prop_map(
                |(set, collector_number)| PrintingRef {
                    set,
                    collector_number,
                },
            ),
        )
        .boxed()
    }

    fn finish(with: bool) -> BoxedStrategy<Option<Finish>> {
        if !with {
            return Just(None).boxed();
        }
        prop::option::of(prop::sample::select(vec![Finish::Foil, Finish::Etched])).boxed()
    }

    pub(crate) fn sections_of(sections: &[Section]) -> Vec<Section> {
        sections.to_vec()
    }

    /// Decks over `sections`, with a name, printings and finishes where asked.
    pub(crate) fn deck_strategy(
        sections: Vec<Section>,
        named: bool,
        printings: bool,
        finishes: bool,
    ) -> impl Strategy<Value = Deck> {
        let line = (
            prop::sample::select(sections),
            1u32..100,
            card_name(),
            printing(printings),
            finish(finishes),
        );
        let name = if named {
            prop::option::of("[A-Za-z0-9][A-Za-z0-9 '\\-]{0,20}[A-Za-z0-9]").boxed()
        } else {
            Just(None).boxed()
        };
        (name, prop::collection::vec(line, 0..40)).prop_map(|(name, lines)| {
            let mut deck = Deck::new(name);
            for (section, quantity, name, printing, finish) in lines {
                deck.add(
                    section,
                    quantity,
                    CardRef {
                        name,
                        printing,
                        finish,
                    },
                );
            }
            deck
        })
    }

    #[test]
    fn format_names_parse_back() {
        for format in Format::ALL {
            assert_eq!(format.id().parse::<Format>(), Ok(format));
            assert_eq!(
                serde_json::to_value(format).unwrap(),
                serde_json::json!(format.id())
            );
        }
        assert_eq!("MOXFIELD".parse::<Format>(), Ok(Format::Moxfield));
        assert!("cod".parse::<Format>().is_err());
    }

    #[test]
    fn detection_names_each_format_by_its_marks() {
        let cases = [
            ("<?xml version=\"1.0\"?>\n<Deck></Deck>", Format::MtgoDek),
            ("{\"planeswalker_deck\": 1, \"cards\": []}", Format::Json),
            ("Quantity,Name\n4,Lightning Bolt\n", Format::Csv),
            ("Count,Tradelist Count,Name,Edition\n", Format::Csv),
            ("1 Sol Ring (C21) 263 *F*\n", Format::Moxfield),
            ("4 Bolt\n\nSIDEBOARD:\n2 Pyroblast\n", Format::Moxfield),
            ("1x Sol Ring\n", Format::Plain),
            ("Sol Ring x1\n", Format::Plain),
            ("1\tSol Ring\n", Format::Plain),
            ("# cube\n1 Sol Ring\n", Format::Plain),
            ("Creatures (1)\n1 Goblin Guide\n", Format::Plain),
            ("Deck\n4 Lightning Bolt\n", Format::Arena),
            ("4 Lightning Bolt (M10) 146\n", Format::Arena),
            ("4 Lightning Bolt\n\n2 Pyroblast\n", Format::MtgoText),
        ];
        for (text, format) in cases {
            assert_eq!(detect(text), format, "{text}");
        }
    }

    /// Every format's writing, read with detection instead of the format, gives the deck back.
    fn detected_round_trip(deck: &Deck, format: Format) -> Result<(), TestCaseError> {
        let text = write(deck, format).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (_, read) = read(&text, None);
        prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
        prop_assert_eq!(&read.deck(), deck, "{}", text);
        Ok(())
    }

    proptest! {
        #[test]
        fn a_written_deck_reads_back_without_naming_its_format(
            deck in deck_strategy(vec![Section::Main, Section::Sideboard], false, false, false)
                .prop_filter("not empty", |deck| deck.count(Section::Main) > 0),
        ) {
            for format in Format::ALL {
                detected_round_trip(&deck, format)?;
            }
        }
    }
}
