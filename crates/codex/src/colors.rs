//! Colour sets as WUBRG bitmasks, with the names players use for them.

use std::fmt;

/// A set of Magic colours. Stored in SQLite as its bitmask (W=1, U=2, B=4, R=8, G=16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Colors(u8);

/// The five colours in WUBRG order with their letters.
const LETTERS: [(char, u8); 5] = [('W', 1), ('U', 2), ('B', 4), ('R', 8), ('G', 16)];

/// Colour, guild, shard, wedge and four-colour names Scryfall accepts, with their colours.
const NAMES: &[(&str, &str)] = &[
    ("white", "W"),
    ("blue", "U"),
    ("black", "B"),
    ("red", "R"),
    ("green", "G"),
    ("colorless", ""),
    ("colourless", ""),
    ("azorius", "WU"),
    ("dimir", "UB"),
    ("rakdos", "BR"),
    ("gruul", "RG"),
    ("selesnya", "GW"),
    ("orzhov", "WB"),
    ("izzet", "UR"),
    ("golgari", "BG"),
    ("boros", "RW"),
    ("simic", "GU"),
    ("bant", "GWU"),
    ("esper", "WUB"),
    ("grixis", "UBR"),
    ("jund", "BRG"),
    ("naya", "RGW"),
    ("abzan", "WBG"),
    ("jeskai", "URW"),
    ("sultai", "BGU"),
    ("mardu", "RWB"),
    ("temur", "GUR"),
    ("silverquill", "WB"),
    ("prismari", "UR"),
    ("witherbloom", "BG"),
    ("lorehold", "RW"),
    ("quandrix", "GU"),
    ("chaos", "UBRG"),
    ("glint", "UBRG"),
    ("glint-eye", "UBRG"),
    ("aggression", "WBRG"),
    ("dune", "WBRG"),
    ("dune-brood", "WBRG"),
    ("altruism", "WURG"),
    ("ink", "WURG"),
    ("ink-treader", "WURG"),
    ("growth", "WUBG"),
    ("witch", "WUBG"),
    ("witch-maw", "WUBG"),
    ("artifice", "WUBR"),
    ("yore", "WUBR"),
    ("yore-tiller", "WUBR"),
    ("wubrg", "WUBRG"),
    ("rainbow", "WUBRG"),
    ("fivecolor", "WUBRG"),
];

impl Colors {
    /// No colour.
    pub const COLORLESS: Colors = Colors(0);
    /// All five colours.
    pub const ALL: Colors = Colors(31);

    /// From a bitmask; bits above the five colours are dropped.
    pub fn from_bits(bits: u8) -> Self {
        Colors(bits & 31)
    }

    /// The bitmask.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Number of colours in the set.
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether every colour of `other` is in `self`.
    pub fn contains(self, other: Colors) -> bool {
        self.0 & other.0 == other.0
    }

    /// Union of two sets.
    pub fn union(self, other: Colors) -> Colors {
        Colors(self.0 | other.0)
    }

    /// From colour letters ("WU", "g", "c" for colourless); `None` if any character is not one.
    pub fn from_letters(letters: &str) -> Option<Colors> {
        letters.chars().try_fold(Colors(0), |acc, ch| {
            let upper = ch.to_ascii_uppercase();
            if upper == 'C' {
                return Some(acc);
            }
            LETTERS
                .iter()
                .find(|(l, _)| *l == upper)
                .map(|(_, bit)| Colors(acc.0 | bit))
        })
    }

    /// From a name Scryfall accepts ("esper", "rakdos", "green", "colorless") or letters.
    pub fn parse(word: &str) -> Option<Colors> {
        let lower = word.to_ascii_lowercase();
        NAMES
            .iter()
            .find(|(name, _)| *name == lower)
            .and_then(|(_, letters)| Colors::from_letters(letters))
            .or_else(|| Colors::from_letters(&lower))
    }

    /// From a list of colour letters as JSON sources give them (`["W", "U"]`).
    pub fn from_list<S: AsRef<str>>(list: &[S]) -> Colors {
        list.iter()
            .filter_map(|s| Colors::from_letters(s.as_ref()))
            .fold(Colors(0), Colors::union)
    }
}

impl fmt::Display for Colors {
    /// WUBRG letters in order, "C" for colourless.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("C");
        }
        for (letter, bit) in LETTERS {
            if self.0 & bit != 0 {
                write!(f, "{letter}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guild_shard_and_wedge_names_resolve_to_their_colours() {
        assert_eq!(
            Colors::parse("esper").map(|c| c.to_string()),
            Some("WUB".into())
        );
        assert_eq!(
            Colors::parse("Rakdos").map(|c| c.to_string()),
            Some("BR".into())
        );
        assert_eq!(
            Colors::parse("temur").map(|c| c.to_string()),
            Some("URG".into())
        );
        assert_eq!(Colors::parse("colorless"), Some(Colors::COLORLESS));
        assert_eq!(
            Colors::parse("uw").map(|c| c.to_string()),
            Some("WU".into())
        );
        assert_eq!(Colors::parse("purple"), None);
    }

    #[test]
    fn containment_is_superset() {
        let esper = Colors::parse("esper").unwrap_or_default();
        assert!(esper.contains(Colors::parse("wu").unwrap_or_default()));
        assert!(!esper.contains(Colors::parse("r").unwrap_or_default()));
    }
}
