//! The card records importers produce and the database stores, independent of any source's
//! JSON shape. Each reader (MTGJSON, Scryfall) maps its own format onto these.

use crate::Colors;

/// One card: everything printed on it and everything known about it, one entry per name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardRecord {
    /// Full name; faces joined with " // " for multi-faced cards.
    pub name: String,
    /// Scryfall oracle id, when the source gives one.
    pub oracle_id: Option<String>,
    /// Scryfall/MTGJSON layout name (`normal`, `transform`, `split`, `token`, ...).
    pub layout: String,
    /// Mana value of the whole card.
    pub mana_value: f64,
    /// Union of the faces' colours.
    pub colors: Colors,
    /// Colour identity (CR 903.4).
    pub color_identity: Colors,
    /// Mana symbols this card can produce, without braces (`"G"`, `"C"`), when known.
    pub produced_mana: Option<Vec<String>>,
    /// Keyword abilities and actions, as the source names them.
    pub keywords: Vec<String>,
    /// Faces in printed order; one for ordinary cards.
    pub faces: Vec<FaceRecord>,
    /// Format → status, for every format the source lists.
    pub legalities: Vec<(String, Legality)>,
    /// Official rulings, oldest first.
    pub rulings: Vec<Ruling>,
    /// Set codes of every printing.
    pub printings: Vec<String>,
    /// Rarity of the representative printing.
    pub rarity: Option<String>,
    /// EDHREC popularity rank (1 is the most played).
    pub edhrec_rank: Option<i64>,
    /// Scryfall id of the representative printing (for image URLs).
    pub scryfall_id: Option<String>,
    /// On the Reserved List.
    pub reserved: bool,
    /// Un-set, playtest or otherwise not tournament Magic.
    pub funny: bool,
    /// Which commander-style roles the card may fill.
    pub leadership: Leadership,
    /// Where the card can be played: `paper`, `arena`, `mtgo`.
    pub games: Vec<String>,
    /// Release date of its first printing (YYYY-MM-DD), when known.
    pub released_at: Option<String>,
}

/// One face of a card with its own cost, type, text and stats.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaceRecord {
    /// The face's own name (the card name for single-faced cards).
    pub name: String,
    /// Mana cost as printed, e.g. `{1}{G}{G}`; `None` when the face has none.
    pub mana_cost: Option<String>,
    /// The face's own mana value, when the source gives one.
    pub mana_value: Option<f64>,
    /// The full type line, e.g. `Legendary Creature — Elf Druid`.
    pub type_line: String,
    /// Supertypes (`Legendary`, `Basic`, `Snow`, `World`).
    pub supertypes: Vec<String>,
    /// Card types (`Creature`, `Instant`, ...).
    pub types: Vec<String>,
    /// Subtypes (`Elf`, `Equipment`, `Forest`, ...).
    pub subtypes: Vec<String>,
    /// Oracle text.
    pub oracle_text: String,
    /// The face's colours.
    pub colors: Colors,
    /// Colour indicator, when the face has one.
    pub color_indicator: Option<Colors>,
    /// Power as printed (`"2"`, `"*"`, `"1+*"`).
    pub power: Option<String>,
    /// Toughness as printed.
    pub toughness: Option<String>,
    /// Starting loyalty as printed.
    pub loyalty: Option<String>,
    /// Defense (battles) as printed.
    pub defense: Option<String>,
}

/// A card's status in one format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legality {
    /// Allowed.
    Legal,
    /// On the format's banned list.
    Banned,
    /// Limited to one copy (Vintage).
    Restricted,
    /// Not part of the format's card pool.
    NotLegal,
}

impl Legality {
    /// The status as stored and as Scryfall writes it (`legal`, `not_legal`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Legality::Legal => "legal",
            Legality::Banned => "banned",
            Legality::Restricted => "restricted",
            Legality::NotLegal => "not_legal",
        }
    }

    /// Parses MTGJSON (`Legal`) and Scryfall (`legal`, `not_legal`) spellings.
    pub fn parse(s: &str) -> Option<Legality> {
        match s.to_ascii_lowercase().as_str() {
            "legal" => Some(Legality::Legal),
            "banned" => Some(Legality::Banned),
            "restricted" => Some(Legality::Restricted),
            "not_legal" | "notlegal" | "not legal" => Some(Legality::NotLegal),
            _ => None,
        }
    }
}

/// An official ruling on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruling {
    /// Publication date, YYYY-MM-DD.
    pub published: String,
    /// The ruling's text.
    pub text: String,
}

/// Commander-style roles a card may fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leadership {
    /// May be a Commander.
    pub commander: bool,
    /// May be a Brawl commander.
    pub brawl: bool,
    /// May be an Oathbreaker.
    pub oathbreaker: bool,
}

/// One printing of a card in a set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrintingRecord {
    /// Full card name, as in [`CardRecord::name`].
    pub card_name: String,
    /// Scryfall oracle id, when given (matches cards whose names changed).
    pub oracle_id: Option<String>,
    /// Set code, upper case.
    pub set_code: String,
    /// Collector number within the set.
    pub collector_number: String,
    /// `common`, `uncommon`, `rare`, `mythic`, `special`, `bonus`.
    pub rarity: Option<String>,
    /// Release date of this printing (YYYY-MM-DD).
    pub released_at: Option<String>,
    /// Scryfall id of this printing.
    pub scryfall_id: Option<String>,
    /// Where this printing can be played: `paper`, `arena`, `mtgo`.
    pub games: Vec<String>,
}

/// A set (expansion, core set, promo set...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SetRecord {
    /// Set code, upper case.
    pub code: String,
    /// Set name.
    pub name: String,
    /// `expansion`, `core`, `masters`, `commander`, `promo`, ...
    pub set_type: Option<String>,
    /// Release date (YYYY-MM-DD).
    pub released_at: Option<String>,
}

/// Layouts that are not Magic cards one plays with; search hides them unless asked
/// (`include:extras`), as Scryfall does.
pub const EXTRA_LAYOUTS: &[&str] = &[
    "token",
    "double_faced_token",
    "emblem",
    "art_series",
    "planar",
    "scheme",
    "vanguard",
    "augment",
    "host",
];

/// The numeric part of a printed stat: `"3"` → 3, `"1+*"` → 1, `"*"` → 0, `"X"` → 0,
/// `"-1"` → -1, `"2.5"` → 2.5; `None` for an absent stat.
pub fn stat_value(printed: Option<&str>) -> Option<f64> {
    let printed = printed?.trim();
    if printed.is_empty() {
        return None;
    }
    let numeric: String = printed
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '+')
        .collect::<String>()
        .trim_end_matches(['+', '-'])
        .to_string();
    Some(numeric.parse::<f64>().unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::stat_value;

    #[test]
    fn printed_stats_keep_their_numeric_part() {
        assert_eq!(stat_value(Some("3")), Some(3.0));
        assert_eq!(stat_value(Some("1+*")), Some(1.0));
        assert_eq!(stat_value(Some("*")), Some(0.0));
        assert_eq!(stat_value(Some("X")), Some(0.0));
        assert_eq!(stat_value(Some("-1")), Some(-1.0));
        assert_eq!(stat_value(Some("2.5")), Some(2.5));
        assert_eq!(stat_value(None), None);
    }
}
