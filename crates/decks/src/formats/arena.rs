//! MTG Arena's export: an optional `About` block with the deck's `Name`, then sections headed
//! `Commander`, `Companion`, `Deck` and `Sideboard`, one `4 Lightning Bolt (M10) 146` line a
//! card. Lists pasted without headers (older exports, other sites) are read too: cards before
//! the first blank line are the main deck, cards after it the sideboard.

use std::sync::LazyLock;

use regex::Regex;

use super::{LineProblem, ReadDeck, WriteError};
use crate::deck::{CardRef, Deck, Printing, Section};

const FORMAT: &str = "MTG Arena";

/// `quantity name [(SET) [collector number]]`. A set code is letters and digits only, so names
/// with parentheses of their own ("B.F.M. (Big Furry Monster)") stay whole.
static CARD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+)x?\s+(.+?)(?:\s+\(([A-Za-z0-9]{2,6})\)(?:\s+(\S+))?)?$")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

fn header(line: &str) -> Option<Section> {
    match line.to_ascii_lowercase().as_str() {
        "commander" => Some(Section::Commander),
        "companion" => Some(Section::Companion),
        "deck" => Some(Section::Main),
        "sideboard" => Some(Section::Sideboard),
        _ => None,
    }
}

/// Reads an Arena deck list.
pub fn read(text: &str) -> ReadDeck {
    let mut read = ReadDeck::default();
    let mut section = Section::Main;
    let mut headed = false;
    let mut in_about = false;
    let mut cards_seen = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            in_about = false;
            // Without headers, a blank line after cards starts the sideboard.
            if !headed && cards_seen {
                section = Section::Sideboard;
            }
            continue;
        }
        if line.eq_ignore_ascii_case("about") {
            in_about = true;
            continue;
        }
        if in_about {
            if let Some(name) = line.strip_prefix("Name ") {
                read.deck.name = Some(name.trim().to_owned());
            }
            continue;
        }
        if let Some(next) = header(line) {
            section = next;
            headed = true;
            continue;
        }
        match CARD_LINE.captures(line) {
            Some(captures) => {
                let quantity = captures[1].parse::<u32>().ok().filter(|&q| q > 0);
                let Some(quantity) = quantity else {
                    read.problems.push(LineProblem {
                        line: index + 1,
                        text: raw.to_owned(),
                        reason: "the quantity must be a whole number from 1".to_owned(),
                    });
                    continue;
                };
                let printing = captures.get(3).map(|set| Printing {
                    set: set.as_str().to_owned(),
                    collector_number: captures.get(4).map(|n| n.as_str().to_owned()),
                });
                read.deck.add(
                    section,
                    quantity,
                    CardRef {
                        name: captures[2].to_owned(),
                        printing,
                    },
                );
                cards_seen = true;
            }
            None => read.problems.push(LineProblem {
                line: index + 1,
                text: raw.to_owned(),
                reason: "not a card line (expected \"4 Lightning Bolt\" or \
                         \"4 Lightning Bolt (M10) 146\") or a section name"
                    .to_owned(),
            }),
        }
    }
    read
}

/// Writes `deck` as Arena exports it. Arena has no maybeboard, and a name that would read back
/// as something else (empty, or ending in what looks like a set code) cannot be written.
pub fn write(deck: &Deck) -> Result<String, WriteError> {
    let maybe = deck.count(Section::Maybeboard);
    if maybe > 0 {
        return Err(WriteError::NoSuchSection {
            format: FORMAT,
            section: Section::Maybeboard,
            cards: maybe,
        });
    }
    let mut out = String::new();
    if let Some(name) = &deck.name {
        out.push_str("About\nName ");
        out.push_str(name);
        out.push_str("\n\n");
    }
    for (section, heading) in [
        (Section::Commander, "Commander"),
        (Section::Companion, "Companion"),
        (Section::Main, "Deck"),
        (Section::Sideboard, "Sideboard"),
    ] {
        let cards = deck.section(section);
        if cards.is_empty() {
            continue;
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(heading);
        out.push('\n');
        for line in cards {
            let name = &line.card.name;
            let mut written = format!("{} {name}", line.quantity);
            if let Some(printing) = &line.card.printing {
                written.push_str(&format!(" ({})", printing.set));
                if let Some(number) = &printing.collector_number {
                    written.push(' ');
                    written.push_str(number);
                }
            }
            // The line must read back as this card: checked, not assumed.
            let reads_back = CARD_LINE.captures(&written).is_some_and(|c| {
                c[2] == **name && c.get(3).is_some() == line.card.printing.is_some()
            });
            if name.trim() != name || name.is_empty() || !reads_back {
                return Err(WriteError::Name {
                    format: FORMAT,
                    name: name.clone(),
                    reason: "it would not read back as the same card",
                });
            }
            out.push_str(&written);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const EXPORT: &str = "About
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
        let read = read(EXPORT);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let deck = &read.deck;
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
            Some(Printing {
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
        assert_eq!(write(deck).as_deref(), Ok(EXPORT));
    }

    #[test]
    fn a_list_without_headers_takes_the_part_after_a_blank_line_as_sideboard() {
        let read = read("4 Counterspell\n16 Island\n\n3 Negate\n");
        assert_eq!(read.deck.count(Section::Main), 20);
        assert_eq!(read.deck.section(Section::Sideboard)[0].card.name, "Negate");
    }

    #[test]
    fn unreadable_lines_are_reported_by_number_and_the_rest_is_kept() {
        let read = read("Deck\n4 Lightning Bolt\nLightning Bolt\n0 Shock\n2 Opt\n");
        assert_eq!(read.deck.count(Section::Main), 6);
        let lines: Vec<_> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4]);
        assert_eq!(read.problems[0].text, "Lightning Bolt");
    }

    #[test]
    fn a_maybeboard_is_refused_not_dropped() {
        let mut deck = Deck::new(None);
        deck.add(Section::Maybeboard, 1, CardRef::named("Opt"));
        assert!(matches!(
            write(&deck),
            Err(WriteError::NoSuchSection { cards: 1, .. })
        ));
    }

    fn card_name() -> impl Strategy<Value = String> {
        // Names as printed: words of letters with commas, apostrophes and hyphens, split cards
        // joined by " // ".
        let word = "[A-Z][a-z'\\-]{0,8},?";
        let face = prop::collection::vec(word, 1..4).prop_map(|words| words.join(" "));
        prop::collection::vec(face, 1..3).prop_map(|faces| faces.join(" // "))
    }

    fn printing() -> impl Strategy<Value = Option<Printing>> {
        prop::option::of(
            ("[A-Z0-9]{3,5}", prop::option::of("[0-9]{1,3}[a-z★]?")).prop_map(
                |(set, collector_number)| Printing {
                    set,
                    collector_number,
                },
            ),
        )
    }

    fn arena_deck() -> impl Strategy<Value = Deck> {
        let section = prop::sample::select(vec![
            Section::Commander,
            Section::Companion,
            Section::Main,
            Section::Sideboard,
        ]);
        let line = (section, 1u32..100, card_name(), printing());
        (
            prop::option::of("[A-Za-z0-9][A-Za-z0-9 '\\-]{0,20}[A-Za-z0-9]"),
            prop::collection::vec(line, 0..40),
        )
            .prop_map(|(name, lines)| {
                let mut deck = Deck::new(name);
                for (section, quantity, name, printing) in lines {
                    deck.add(section, quantity, CardRef { name, printing });
                }
                deck
            })
    }

    proptest! {
        #[test]
        fn what_is_written_reads_back_the_same(deck in arena_deck()) {
            let text = write(&deck).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck, deck);
        }
    }
}
