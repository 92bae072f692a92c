//! The text deck lists players paste: MTG Arena's export, MTGO's `.txt`, Moxfield's text and
//! Archidekt's or anyone's plain lists. They share one line grammar, read by one reader, so a
//! list pasted under the wrong name still reads; the [`Dialect`] decides only what a blank
//! line means and how the writer spells a deck.
//!
//! A card line is `[quantity[x]] name [xN] [(SET) [number]] [*F*|*E*] [*CMDR*] [[categories]]
//! [^tags^] [#tags]`: `4 Lightning Bolt`, `1x Sol Ring (c21) 263 [Ramp]`, `Counterspell x2`,
//! `1 Esika's Chariot (KHM) 170 *F*`, `1\tSol Ring`. A line without a quantity is one copy.
//! Section headers (`Deck`, `Sideboard:`, `SIDEBOARD:`, `Commander (1)`, `// Sideboard`),
//! per-line prefixes (`SB: 2 Pyroblast`, `Commander: Krenko, Mob Boss`), Arena's `About`
//! block with the deck's `Name`, other category headings (`Creatures (20)`, `Ramp:`) and
//! comments (`#`, `//`) are understood.

use std::sync::LazyLock;

use regex::Regex;

use super::{LineProblem, ReadDeck, ReadLine, WriteError};
use crate::deck::{CardRef, Deck, DeckCard, Finish, PrintingRef, Section};

/// One of the text formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// MTG Arena's export: `About`/`Name`, `Commander`, `Companion`, `Deck`, `Sideboard`
    /// headers, `4 Name (SET) 123`.
    Arena,
    /// MTGO's `.txt`: the main deck, a blank line, the sideboard; names only.
    MtgoText,
    /// Moxfield's text: `1 Name (SET) 123 *F*`, the main deck first, then `SIDEBOARD:`,
    /// `MAYBEBOARD:`, `COMMANDER:` and `COMPANION:` parts.
    Moxfield,
    /// Archidekt's and other plain lists: `1x Name (SET) 123 *F*` under section headings.
    Plain,
}

impl Dialect {
    /// The name used in messages.
    fn name(self) -> &'static str {
        match self {
            Dialect::Arena => "MTG Arena",
            Dialect::MtgoText => "MTGO .txt",
            Dialect::Moxfield => "Moxfield",
            Dialect::Plain => "plain text",
        }
    }

    /// Whether, in a list with no section headers, a blank line after cards starts the
    /// sideboard (Arena's and MTGO's convention; other lists use blank lines freely).
    fn blank_line_starts_sideboard(self) -> bool {
        matches!(self, Dialect::Arena | Dialect::MtgoText)
    }
}

/// A card line's parts.
#[derive(Debug, PartialEq, Eq)]
struct CardLine {
    quantity: Option<u32>,
    card: CardRef,
    /// A section the line itself names (`SB:`, `*CMDR*`, `[Sideboard]`), over the heading's.
    section: Option<Section>,
}

/// What one line of a list is.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Blank,
    Comment,
    About,
    /// A heading: a section's, or another category of the main deck (`None`).
    Heading(Option<Section>),
    Card(CardLine),
    /// A card line with a quantity that is not a whole number from 1.
    BadQuantity,
}

/// `quantity name xN (SET) number *F* *CMDR* [categories] ^tags^ #tags`, all but the name
/// optional. A set code is letters and digits only, so names with parentheses of their own
/// ("B.F.M. (Big Furry Monster)") stay whole.
static CARD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?:(?P<quantity>\d+)[xX]?\s+)?
        (?P<name>\S.*?)
        (?:\s+[xX](?P<quantity_after>\d+))?
        (?:\s+\((?P<set>[A-Za-z0-9]{2,6})\)(?:\s+(?P<number>[^\s\[\]*\#^]+))?)?
        (?:\s+\*(?P<finish>[FE])\*)?
        (?P<commander>\s+\*CMDR\*)?
        (?:\s+\[(?P<categories>[^\]]*)\])?
        (?:\s+\^[^^]*\^)?
        (?:\s+\#\S.*)?
        $",
    )
    .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// A heading's count, `Creatures (20)` or `Sideboard 15`, and its colon.
static HEADING_DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\(\d+\)|\d+)?\s*:?\s*$")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// A prefix naming the line's section: `SB: 2 Pyroblast`, `Commander: Krenko, Mob Boss`.
static SECTION_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<section>[A-Za-z ]+):\s*(?P<rest>\S.*)$")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// The section a heading or category names, ignoring case, a count and a colon.
fn section_named(words: &str) -> Option<Section> {
    let bare = HEADING_DECORATION.replace(words.trim(), "");
    match bare.to_lowercase().as_str() {
        "commander" | "commanders" => Some(Section::Commander),
        "companion" | "companions" => Some(Section::Companion),
        "deck" | "main" | "maindeck" | "main deck" | "mainboard" => Some(Section::Main),
        "sideboard" | "side" | "sb" => Some(Section::Sideboard),
        "maybeboard" | "maybe" | "considering" => Some(Section::Maybeboard),
        _ => None,
    }
}

/// Whether a line without a quantity is a category heading of the main deck: it ends with a
/// colon or a count in parentheses (`Ramp:`, `Creatures (20)`).
fn is_category_heading(line: &str) -> bool {
    let starts_with_letter = line.chars().next().is_some_and(char::is_alphabetic);
    starts_with_letter
        && (line.ends_with(':')
            || line
                .rsplit_once('(')
                .is_some_and(|(_, count)| count.strip_suffix(')').is_some_and(is_number)))
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Archidekt's categories (`Ramp,Commander{top}`): the section one of them names, else main.
fn section_of_categories(categories: &str) -> Section {
    categories
        .split(',')
        .filter_map(|category| section_named(category.split('{').next().unwrap_or_default()))
        .next()
        .unwrap_or(Section::Main)
}

/// Moxfield's headings: a section's name in capitals with a colon (`SIDEBOARD:`).
pub(super) fn is_shouted_heading(line: &str) -> bool {
    line.strip_suffix(':').is_some_and(|words| {
        words.chars().all(|c| c.is_ascii_uppercase() || c == ' ') && section_named(words).is_some()
    })
}

/// What only plain lists write: `1x`/`x1` quantities, tabs, bracketed categories, comments,
/// category headings.
pub(super) fn looks_plain(line: &str) -> bool {
    static MARKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\d+x\s|\sx\d+$|\t|\]$|^#|^//")
            .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
    });
    MARKS.is_match(line) || is_category_heading(line)
}

/// What Arena writes: its headings, or a printing in parentheses.
pub(super) fn looks_arena(line: &str) -> bool {
    ["about", "deck", "commander", "companion", "sideboard"]
        .iter()
        .any(|heading| line.eq_ignore_ascii_case(heading))
        || matches!(
            classify(line),
            Line::Card(CardLine {
                card: CardRef {
                    printing: Some(_),
                    ..
                },
                ..
            })
        )
}

fn classify(line: &str) -> Line {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(comment) = line.strip_prefix("//").or_else(|| line.strip_prefix('#')) {
        // `// Sideboard` heads a section in some exports; other comments are notes.
        return match section_named(comment) {
            Some(section) => Line::Heading(Some(section)),
            None => Line::Comment,
        };
    }
    if line.eq_ignore_ascii_case("about") {
        return Line::About;
    }
    if let Some(section) = section_named(line) {
        return Line::Heading(Some(section));
    }
    if let Some(prefixed) = SECTION_PREFIX.captures(line)
        && let Some(section) = section_named(&prefixed["section"])
    {
        return match classify(&prefixed["rest"]) {
            Line::Card(card) => Line::Card(CardLine {
                section: Some(section),
                ..card
            }),
            other => other,
        };
    }
    if is_category_heading(line) {
        return Line::Heading(None);
    }
    let Some(parts) = CARD_LINE.captures(line) else {
        return Line::BadQuantity;
    };
    let quantity = match (parts.name("quantity"), parts.name("quantity_after")) {
        (Some(q), None) | (None, Some(q)) => match q.as_str().parse::<u32>() {
            Ok(q) if q > 0 => Some(q),
            _ => return Line::BadQuantity,
        },
        (None, None) => None,
        (Some(_), Some(_)) => return Line::BadQuantity,
    };
    let printing = parts.name("set").map(|set| PrintingRef {
        set: set.as_str().to_owned(),
        collector_number: parts.name("number").map(|n| n.as_str().to_owned()),
    });
    let finish = parts.name("finish").map(|f| match f.as_str() {
        "E" => Finish::Etched,
        _ => Finish::Foil,
    });
    let section = if parts.name("commander").is_some() {
        Some(Section::Commander)
    } else {
        parts
            .name("categories")
            .map(|categories| section_of_categories(categories.as_str()))
    };
    Line::Card(CardLine {
        quantity,
        card: CardRef {
            name: parts["name"].to_owned(),
            printing,
            finish,
        },
        section,
    })
}

/// Reads a text deck list as `dialect` (which only decides what a blank line means).
pub fn read(text: &str, dialect: Dialect) -> ReadDeck {
    let mut read = ReadDeck::default();
    let mut section = Section::Main;
    let mut headed = false;
    let mut in_about = false;
    let mut cards_seen = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if in_about && !line.is_empty() {
            if let Some(name) = line.strip_prefix("Name ") {
                read.name = Some(name.trim().to_owned());
            }
            continue;
        }
        match classify(line) {
            Line::Blank => {
                in_about = false;
                if dialect.blank_line_starts_sideboard() && !headed && cards_seen {
                    section = Section::Sideboard;
                }
            }
            Line::Comment => {}
            Line::About => in_about = true,
            Line::Heading(named) => {
                section = named.unwrap_or(Section::Main);
                headed = true;
            }
            Line::Card(card) => {
                read.lines.push(ReadLine {
                    line: index + 1,
                    card: DeckCard {
                        section: card.section.unwrap_or(section),
                        quantity: card.quantity.unwrap_or(1),
                        card: card.card,
                    },
                });
                cards_seen = true;
            }
            Line::BadQuantity => read.problems.push(LineProblem {
                line: index + 1,
                text: raw.to_owned(),
                reason: "the quantity must be a whole number from 1 (\"4 Lightning Bolt\" or \
                         \"Lightning Bolt x4\")"
                    .to_owned(),
            }),
        }
    }
    read
}

/// How a dialect writes one section: its heading, if any.
fn heading(dialect: Dialect, section: Section) -> Result<Option<&'static str>, ()> {
    use Section::*;
    match (dialect, section) {
        (Dialect::Arena, Commander) => Ok(Some("Commander")),
        (Dialect::Arena, Companion) => Ok(Some("Companion")),
        (Dialect::Arena, Main) => Ok(Some("Deck")),
        (Dialect::Arena, Sideboard) => Ok(Some("Sideboard")),
        (Dialect::Arena, Maybeboard) => Err(()),
        // MTGO's list is the main deck, a blank line, the sideboard: nothing else.
        (Dialect::MtgoText, Main | Sideboard) => Ok(None),
        (Dialect::MtgoText, Commander | Companion | Maybeboard) => Err(()),
        // The main deck comes first and unheaded, as Moxfield writes it.
        (Dialect::Moxfield, Main) => Ok(None),
        (Dialect::Moxfield, Commander) => Ok(Some("COMMANDER:")),
        (Dialect::Moxfield, Companion) => Ok(Some("COMPANION:")),
        (Dialect::Moxfield, Sideboard) => Ok(Some("SIDEBOARD:")),
        (Dialect::Moxfield, Maybeboard) => Ok(Some("MAYBEBOARD:")),
        (Dialect::Plain, Commander) => Ok(Some("Commander")),
        (Dialect::Plain, Companion) => Ok(Some("Companion")),
        (Dialect::Plain, Main) => Ok(Some("Mainboard")),
        (Dialect::Plain, Sideboard) => Ok(Some("Sideboard")),
        (Dialect::Plain, Maybeboard) => Ok(Some("Maybeboard")),
    }
}

/// The order a dialect writes sections in: Moxfield's unheaded main deck must come first.
fn section_order(dialect: Dialect) -> [Section; 5] {
    use Section::*;
    match dialect {
        Dialect::Moxfield => [Main, Commander, Companion, Sideboard, Maybeboard],
        _ => [Commander, Companion, Main, Sideboard, Maybeboard],
    }
}

/// Writes `deck` as `dialect` spells it. MTGO's `.txt` keeps names only; Arena's export keeps
/// printings but not finishes; Moxfield and plain lists keep both. Only Arena's export keeps
/// the deck's name. A section the dialect lacks, or a name that would read back as something
/// else, is refused rather than dropped.
pub fn write(deck: &Deck, dialect: Dialect) -> Result<String, WriteError> {
    let format = dialect.name();
    let mut out = String::new();
    if dialect == Dialect::Arena
        && let Some(name) = &deck.name
    {
        if name.trim() != name || name.is_empty() || name.contains('\n') {
            return Err(WriteError::DeckName {
                format,
                name: name.clone(),
            });
        }
        out.push_str("About\nName ");
        out.push_str(name);
        out.push_str("\n\n");
    }
    for section in section_order(dialect) {
        let cards = deck.section(section);
        if cards.is_empty() {
            continue;
        }
        let mut heading = heading(dialect, section).map_err(|()| WriteError::NoSuchSection {
            format,
            section,
            cards: deck.count(section),
        })?;
        // An MTGO sideboard is what follows the main deck; with no main deck it needs a name.
        if dialect == Dialect::MtgoText && section == Section::Sideboard && out.is_empty() {
            heading = Some("Sideboard");
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        if let Some(heading) = heading {
            out.push_str(heading);
            out.push('\n');
        }
        for line in cards {
            out.push_str(&card_line(dialect, line)?);
            out.push('\n');
        }
    }
    Ok(out)
}

/// One card's line, checked to read back as the same card.
fn card_line(dialect: Dialect, line: &DeckCard) -> Result<String, WriteError> {
    let card = &line.card;
    let quantity_suffix = if dialect == Dialect::Plain { "x" } else { "" };
    let mut written = format!("{}{quantity_suffix} {}", line.quantity, card.name);
    let printing = match dialect {
        Dialect::MtgoText => None,
        _ => card.printing.as_ref(),
    };
    if let Some(printing) = printing {
        written.push_str(&format!(" ({})", printing.set));
        if let Some(number) = &printing.collector_number {
            written.push(' ');
            written.push_str(number);
        }
    }
    let finish = match dialect {
        Dialect::Moxfield | Dialect::Plain => card.finish,
        Dialect::Arena | Dialect::MtgoText => None,
    };
    match finish {
        Some(Finish::Foil) => written.push_str(" *F*"),
        Some(Finish::Etched) => written.push_str(" *E*"),
        None => {}
    }
    let expected = CardLine {
        quantity: Some(line.quantity),
        card: CardRef {
            name: card.name.clone(),
            printing: printing.cloned(),
            finish,
        },
        section: None,
    };
    if card.name.contains('\n') || classify(&written) != Line::Card(expected) {
        return Err(WriteError::Name {
            format: dialect.name(),
            name: card.name.clone(),
            reason: "it would not read back as the same card",
        });
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::formats::tests::{deck_strategy, sections_of};

    const ARENA: &str = "About
Name Mono-Red Goblins

Commander
1 Krenko, Mob Boss (M13) 141

Deck
4 Lightning Bolt (M10) 146
1 B.F.M. (Big Furry Monster)
20 Mountain

Sideboard
2 Pyroblast (ICE) 213
";

    #[test]
    fn an_arena_export_reads_with_sections_printings_and_name() {
        let read = read(ARENA, Dialect::Arena);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let deck = read.deck();
        assert_eq!(deck.name.as_deref(), Some("Mono-Red Goblins"));
        assert_eq!(
            deck.section(Section::Commander)[0].card.name,
            "Krenko, Mob Boss"
        );
        let bolt = &deck.section(Section::Main)[0];
        assert_eq!(
            (bolt.quantity, bolt.card.name.as_str()),
            (4, "Lightning Bolt")
        );
        assert_eq!(
            bolt.card.printing,
            Some(PrintingRef {
                set: "M10".into(),
                collector_number: Some("146".into())
            })
        );
        assert_eq!(
            deck.section(Section::Main)[1].card.name,
            "B.F.M. (Big Furry Monster)"
        );
        assert_eq!(deck.count(Section::Main), 25);
        assert_eq!(deck.count(Section::Sideboard), 2);
        assert_eq!(write(&deck, Dialect::Arena).as_deref(), Ok(ARENA));
        // Lines keep their numbers for the name lookup's messages.
        assert_eq!(read.lines[0].line, 5);
    }

    #[test]
    fn an_mtgo_list_takes_the_part_after_a_blank_line_as_sideboard() {
        let text = "4 Counterspell\n16 Island\n\n3 Negate\n";
        let deck = read(text, Dialect::MtgoText).deck();
        assert_eq!(deck.count(Section::Main), 20);
        assert_eq!(deck.section(Section::Sideboard)[0].card.name, "Negate");
        assert_eq!(write(&deck, Dialect::MtgoText).as_deref(), Ok(text));
        // Old MTGO and Cockatrice lists mark sideboard lines instead.
        let marked = read("4 Counterspell\nSB: 3 Negate\n", Dialect::MtgoText).deck();
        assert_eq!(marked.count(Section::Sideboard), 3);
    }

    #[test]
    fn a_moxfield_list_keeps_printings_letters_stars_finishes_and_faces() {
        let text = "1 Esika's Chariot (KHM) 170 *F*
1 Sol Ring (C21) 263 *E*
1 Delver of Secrets // Insectile Aberration (ISD) 51
1 Lightning Bolt (PLST) 2XM-137
1 Swords to Plowshares (STA) 10★ #Removal

SIDEBOARD:
1 Pyroblast (ICE) 213a

COMMANDER:
1 Kenrith, the Returned King (ELD) 303
";
        let read = read(text, Dialect::Moxfield);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let deck = read.deck();
        let main = deck.section(Section::Main);
        assert_eq!(main[0].card.finish, Some(Finish::Foil));
        assert_eq!(main[1].card.finish, Some(Finish::Etched));
        assert_eq!(
            main[2].card.name,
            "Delver of Secrets // Insectile Aberration"
        );
        let number = |i: usize| {
            main[i]
                .card
                .printing
                .as_ref()
                .and_then(|p| p.collector_number.clone())
        };
        assert_eq!(number(3).as_deref(), Some("2XM-137"));
        assert_eq!(number(4).as_deref(), Some("10★"));
        assert_eq!(deck.count(Section::Sideboard), 1);
        assert_eq!(
            deck.section(Section::Commander)[0].card.name,
            "Kenrith, the Returned King"
        );
        let written = write(&deck, Dialect::Moxfield).unwrap();
        assert_eq!(super::read(&written, Dialect::Moxfield).deck(), deck);
    }

    #[test]
    fn plain_lists_with_x_quantities_tabs_categories_and_comments_read() {
        let text = "# My Krenko deck
// built for a friend
Commander (1)
1x Krenko, Mob Boss (m13) 141 [Commander{top}]

Creatures (2)
1x Goblin Lackey
Goblin Matron x1
Ramp:
1\tSol Ring
1x Arcane Signet [Ramp,Maybeboard{noDeck}{noPrice}] ^Have,#37d67a^
Sideboard
Pyroblast
";
        let read = read(text, Dialect::Plain);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let deck = read.deck();
        let names = |section| -> Vec<&str> {
            deck.section(section)
                .iter()
                .map(|line| line.card.name.as_str())
                .collect()
        };
        assert_eq!(names(Section::Commander), ["Krenko, Mob Boss"]);
        assert_eq!(
            names(Section::Main),
            ["Goblin Lackey", "Goblin Matron", "Sol Ring"]
        );
        assert_eq!(names(Section::Maybeboard), ["Arcane Signet"]);
        assert_eq!(names(Section::Sideboard), ["Pyroblast"]);
        assert_eq!(deck.count(Section::Main), 3);
    }

    #[test]
    fn section_prefixes_and_markers_name_a_line_s_section() {
        let deck = read(
            "Commander: Krenko, Mob Boss\n1x Goblin Guide *CMDR*\n4 Mountain\n",
            Dialect::Plain,
        )
        .deck();
        assert_eq!(deck.count(Section::Commander), 2);
        assert_eq!(deck.count(Section::Main), 4);
    }

    #[test]
    fn unreadable_lines_are_reported_by_number_and_the_rest_is_kept() {
        let read = read(
            "Deck\n4 Lightning Bolt\n0 Shock\n2 Opt x2\n2 Opt\n99999999999 Island\n",
            Dialect::Arena,
        );
        assert_eq!(read.deck().count(Section::Main), 6);
        let lines: Vec<_> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 6]);
        assert_eq!(read.problems[0].text, "0 Shock");
    }

    #[test]
    fn sections_a_dialect_lacks_are_refused_not_dropped() {
        let mut deck = Deck::new(None);
        deck.add(Section::Maybeboard, 1, CardRef::named("Opt"));
        assert!(matches!(
            write(&deck, Dialect::Arena),
            Err(WriteError::NoSuchSection { cards: 1, .. })
        ));
        let mut commander = Deck::new(None);
        commander.add(Section::Commander, 1, CardRef::named("Krenko, Mob Boss"));
        assert!(matches!(
            write(&commander, Dialect::MtgoText),
            Err(WriteError::NoSuchSection {
                section: Section::Commander,
                ..
            })
        ));
    }

    #[test]
    fn a_name_that_would_read_back_otherwise_is_refused() {
        for name in [
            "Bolt x4",
            "Opt (M10)",
            "Opt *F*",
            "Opt [Ramp]",
            "Opt #tag",
            " Opt",
        ] {
            let mut deck = Deck::new(None);
            deck.add(Section::Main, 1, CardRef::named(name));
            for dialect in [
                Dialect::Arena,
                Dialect::MtgoText,
                Dialect::Moxfield,
                Dialect::Plain,
            ] {
                assert!(
                    matches!(write(&deck, dialect), Err(WriteError::Name { .. })),
                    "{name} in {dialect:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn arena_round_trips(deck in deck_strategy(
            sections_of(&[Section::Commander, Section::Companion, Section::Main, Section::Sideboard]),
            true, true, false,
        )) {
            let text = write(&deck, Dialect::Arena).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text, Dialect::Arena);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }

        #[test]
        fn mtgo_text_round_trips(deck in deck_strategy(
            sections_of(&[Section::Main, Section::Sideboard]), false, false, false,
        )) {
            let text = write(&deck, Dialect::MtgoText).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text, Dialect::MtgoText);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }

        #[test]
        fn moxfield_round_trips(deck in deck_strategy(sections_of(&Section::ALL), false, true, true)) {
            let text = write(&deck, Dialect::Moxfield).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text, Dialect::Moxfield);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }

        #[test]
        fn plain_round_trips(deck in deck_strategy(sections_of(&Section::ALL), false, true, true)) {
            let text = write(&deck, Dialect::Plain).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text, Dialect::Plain);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }
    }
}
