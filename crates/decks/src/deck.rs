//! The deck model: cards by section, in the order the player gave them.

use serde::{Deserialize, Serialize};

/// Where a card sits in a deck. The order of the variants is the order sections are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Section {
    /// The commander(s) of a Commander-style deck.
    Commander,
    /// A companion, outside the game until cast.
    Companion,
    /// The main deck.
    Main,
    /// The sideboard.
    Sideboard,
    /// Cards being considered, not part of the deck.
    Maybeboard,
}

impl Section {
    /// The section's id, as stored and as our JSON and CSV write it (`main`, `sideboard`, …).
    pub fn id(self) -> &'static str {
        match self {
            Section::Commander => "commander",
            Section::Companion => "companion",
            Section::Main => "main",
            Section::Sideboard => "sideboard",
            Section::Maybeboard => "maybeboard",
        }
    }

    /// The section whose [`Section::id`] is `id`.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|section| section.id() == id)
    }

    /// Every section, in listing order.
    pub const ALL: [Section; 5] = [
        Section::Commander,
        Section::Companion,
        Section::Main,
        Section::Sideboard,
        Section::Maybeboard,
    ];
}

/// A printing as a deck list names it: the set code and, when known, the collector number (which may carry letters or
/// `★`, so it is text).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrintingRef {
    /// The set code as written (`M10`, `ltr`).
    pub set: String,
    /// The collector number within the set.
    pub collector_number: Option<String>,
}

/// A special finish of the physical card, as collection-minded lists (Moxfield's `*F*`,
/// `*E*`) record it. It changes nothing in play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Finish {
    /// Traditional foil.
    Foil,
    /// Foil-etched.
    Etched,
}

/// A card as a deck list names it: its name as written and, when given, the printing and
/// finish.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardRef {
    /// The name as the list wrote it, before any lookup.
    pub name: String,
    /// The printing, when the list named one.
    pub printing: Option<PrintingRef>,
    /// The finish, when not the ordinary one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<Finish>,
}

impl CardRef {
    /// A card named `name`, any printing, ordinary finish.
    pub fn named(name: impl Into<String>) -> Self {
        CardRef {
            name: name.into(),
            printing: None,
            finish: None,
        }
    }
}

/// One line of a deck: how many copies of which card, in which section.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeckCard {
    /// The section the copies are in.
    pub section: Section,
    /// How many copies, at least one.
    pub quantity: u32,
    /// Which card.
    pub card: CardRef,
}

/// A deck: an optional name and its cards, grouped by section in [`Section`] order and, within
/// a section, in the order they were added. Keeping that order canonical makes two decks with
/// the same lines equal however their lists interleaved the sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DeckLines", into = "DeckLines")]
pub struct Deck {
    /// The deck's name, when the list gave one.
    pub name: Option<String>,
    cards: Vec<DeckCard>,
}

/// A deck as sent and received: its fields, before the lines are checked and put in order
/// (the TypeScript bindings' type for a deck).
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub(crate) struct DeckLines {
    /// The deck's name, when the list gave one.
    name: Option<String>,
    /// Every line, section by section.
    cards: Vec<DeckCard>,
}

impl From<Deck> for DeckLines {
    fn from(deck: Deck) -> Self {
        DeckLines {
            name: deck.name,
            cards: deck.cards,
        }
    }
}

impl TryFrom<DeckLines> for Deck {
    type Error = String;

    /// Lines pass through [`Deck::add`], so a deck read from JSON keeps the same order as one
    /// built line by line; a line with no copies is refused.
    fn try_from(lines: DeckLines) -> Result<Self, Self::Error> {
        let mut deck = Deck::new(lines.name);
        for line in lines.cards {
            if line.quantity == 0 {
                return Err(format!("{} has a quantity of 0", line.card.name));
            }
            deck.add(line.section, line.quantity, line.card);
        }
        Ok(deck)
    }
}

impl Deck {
    /// An empty deck.
    pub fn new(name: Option<String>) -> Self {
        Deck {
            name,
            cards: Vec::new(),
        }
    }

    /// Adds `quantity` copies of `card` at the end of `section`.
    pub fn add(&mut self, section: Section, quantity: u32, card: CardRef) {
        let at = self.cards.partition_point(|line| line.section <= section);
        self.cards.insert(
            at,
            DeckCard {
                section,
                quantity,
                card,
            },
        );
    }

    /// Every line, section by section.
    pub fn cards(&self) -> &[DeckCard] {
        &self.cards
    }

    /// The lines of one section.
    pub fn section(&self, section: Section) -> &[DeckCard] {
        let start = self.cards.partition_point(|line| line.section < section);
        let end = self.cards.partition_point(|line| line.section <= section);
        &self.cards[start..end]
    }

    /// How many cards `section` holds, copies counted.
    pub fn count(&self, section: Section) -> u32 {
        self.section(section).iter().map(|line| line.quantity).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_stay_grouped_in_order_whatever_order_cards_are_added_in() {
        let mut deck = Deck::new(None);
        deck.add(Section::Sideboard, 2, CardRef::named("Pyroblast"));
        deck.add(Section::Main, 4, CardRef::named("Lightning Bolt"));
        deck.add(Section::Commander, 1, CardRef::named("Krenko, Mob Boss"));
        deck.add(Section::Main, 20, CardRef::named("Mountain"));

        let names: Vec<_> = deck.cards().iter().map(|c| c.card.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Krenko, Mob Boss",
                "Lightning Bolt",
                "Mountain",
                "Pyroblast"
            ]
        );
        assert_eq!(deck.count(Section::Main), 24);
        assert_eq!(deck.section(Section::Sideboard).len(), 1);
        assert!(deck.section(Section::Companion).is_empty());
    }

    #[test]
    fn a_deck_read_from_json_is_put_in_section_order_and_zero_copies_are_refused() {
        let json = r#"{"name":null,"cards":[
            {"section":"sideboard","quantity":2,"card":{"name":"Pyroblast","printing":null}},
            {"section":"main","quantity":4,"card":{"name":"Lightning Bolt","printing":null}}]}"#;
        let deck: Deck = serde_json::from_str(json).unwrap();
        let mut expected = Deck::new(None);
        expected.add(Section::Main, 4, CardRef::named("Lightning Bolt"));
        expected.add(Section::Sideboard, 2, CardRef::named("Pyroblast"));
        assert_eq!(deck, expected);
        assert_eq!(
            serde_json::from_str::<Deck>(&serde_json::to_string(&deck).unwrap()).unwrap(),
            deck
        );

        let zero = json.replace("\"quantity\":2", "\"quantity\":0");
        let error = serde_json::from_str::<Deck>(&zero).unwrap_err();
        assert!(
            error.to_string().contains("Pyroblast has a quantity of 0"),
            "{error}"
        );
    }
}
