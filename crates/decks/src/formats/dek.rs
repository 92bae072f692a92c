//! MTGO's `.dek` XML: a `Deck` element holding one `Cards` element per card, with `Quantity`,
//! `Sideboard` ("true"/"false") and `Name` attributes (and MTGO's catalogue id `CatID`, which
//! Planeswalker neither needs nor knows: it writes none, and MTGO matches by name).

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{LineProblem, ReadDeck, ReadLine, WriteError};
use crate::deck::{CardRef, Deck, DeckCard, Section};

const FORMAT: &str = "MTGO .dek";

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: u64) -> usize {
    let offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The text of line `line` (1-based).
fn line_text(text: &str, line: usize) -> String {
    text.lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .to_owned()
}

/// Reads a `.dek` file. A `Cards` element without a readable name or quantity is reported by
/// its line; malformed XML ends the reading with a problem at the line where it broke, keeping
/// the cards before it.
pub fn read(text: &str) -> ReadDeck {
    let mut read = ReadDeck::default();
    let mut reader = Reader::from_str(text);
    loop {
        let start = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(element) | Event::Empty(element))
                if element.name().as_ref() == "Cards" =>
            {
                // The reader stops before each element's `<` (whitespace between elements is an
                // event of its own), so this is the element's line.
                let line = line_at(text, start);
                match card(&element) {
                    Ok(card) => read.lines.push(ReadLine { line, card }),
                    Err(reason) => read.problems.push(LineProblem {
                        line,
                        text: line_text(text, line),
                        reason,
                    }),
                }
            }
            Ok(_) => {}
            Err(error) => {
                let line = line_at(text, reader.error_position());
                read.problems.push(LineProblem {
                    line,
                    text: line_text(text, line),
                    reason: format!("not readable as MTGO .dek XML: {error}"),
                });
                break;
            }
        }
    }
    read
}

fn card(element: &BytesStart) -> Result<DeckCard, String> {
    let mut quantity = None;
    let mut name = None;
    let mut sideboard = false;
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| format!("a broken attribute: {error}"))?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| format!("a broken attribute value: {error}"))?;
        match attribute.key.as_ref() {
            "Quantity" => quantity = Some(value.trim().to_owned()),
            "Name" => name = Some(value.into_owned()),
            "Sideboard" => sideboard = value.trim().eq_ignore_ascii_case("true"),
            _ => {}
        }
    }
    let name = name
        .filter(|name| !name.trim().is_empty())
        .ok_or("a card without a Name")?;
    let quantity = quantity
        .and_then(|q| q.parse::<u32>().ok())
        .filter(|&q| q > 0)
        .ok_or_else(|| format!("{name}: the Quantity must be a whole number from 1"))?;
    Ok(DeckCard {
        section: if sideboard {
            Section::Sideboard
        } else {
            Section::Main
        },
        quantity,
        card: CardRef::named(name),
    })
}

/// Writes `deck` as a `.dek` file: main deck and sideboard, names only.
pub fn write(deck: &Deck) -> Result<String, WriteError> {
    for section in [Section::Commander, Section::Companion, Section::Maybeboard] {
        let cards = deck.count(section);
        if cards > 0 {
            return Err(WriteError::NoSuchSection {
                format: FORMAT,
                section,
                cards,
            });
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <Deck xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n  \
         <NetDeckID>0</NetDeckID>\n  <PreconstructedDeckID>0</PreconstructedDeckID>\n",
    );
    for line in deck.cards() {
        let name = &line.card.name;
        if name.trim().is_empty() {
            return Err(WriteError::Name {
                format: FORMAT,
                name: name.clone(),
                reason: "a card needs a name",
            });
        }
        out.push_str(&format!(
            "  <Cards Quantity=\"{}\" Sideboard=\"{}\" Name=\"{}\" />\n",
            line.quantity,
            line.section == Section::Sideboard,
            quick_xml::escape::escape(name.as_str()),
        ));
    }
    out.push_str("</Deck>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::formats::tests::{deck_strategy, sections_of};

    /// As MTGO 3.4 saves a deck.
    const SAVED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Deck xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <NetDeckID>0</NetDeckID>
  <PreconstructedDeckID>0</PreconstructedDeckID>
  <Cards CatID="47450" Quantity="4" Sideboard="false" Name="Lightning Bolt" Annotation="0" />
  <Cards CatID="53886" Quantity="2" Sideboard="false" Name="Fire/Ice" Annotation="0" />
  <Cards CatID="1" Quantity="0" Sideboard="false" Name="Shock" Annotation="0" />
  <Cards CatID="21288" Quantity="2" Sideboard="true" Name="Pyroblast &amp; Friends" Annotation="0" />
</Deck>
"#;

    #[test]
    fn a_saved_dek_file_reads_with_its_sideboard_and_problems_by_line() {
        let read = read(SAVED);
        let deck = read.deck();
        assert_eq!(deck.count(Section::Main), 6);
        assert_eq!(deck.section(Section::Main)[1].card.name, "Fire/Ice");
        assert_eq!(
            deck.section(Section::Sideboard)[0].card.name,
            "Pyroblast & Friends"
        );
        assert_eq!(read.lines[0].line, 5);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 7);
        assert!(read.problems[0].text.contains("Shock"));
    }

    #[test]
    fn broken_xml_keeps_the_cards_before_the_break() {
        let broken = SAVED.replace("</Deck>", "<Cards Quantity=\"1\" Name=\"Opt\"");
        let read = read(&broken);
        assert_eq!(read.deck().count(Section::Main), 6);
        assert!(
            read.problems
                .last()
                .is_some_and(|p| p.reason.contains("not readable")),
            "{:?}",
            read.problems
        );
    }

    proptest! {
        #[test]
        fn dek_round_trips(deck in deck_strategy(
            sections_of(&[Section::Main, Section::Sideboard]), false, false, false,
        )) {
            let text = write(&deck).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = read(&text);
            prop_assert!(read.problems.is_empty(), "{:?}\n{text}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }
    }
}
