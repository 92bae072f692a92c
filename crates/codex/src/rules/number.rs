//! Rule numbers: `7` (section), `702` (chapter), `702.19` (rule), `702.19b` (sub-rule).
//!
//! Owns reading a number as a player types it (`CR 702.19B.`), its canonical spelling, its
//! ancestors, and the distance between siblings used for "did you mean" suggestions. Knows
//! nothing of which numbers exist: that is the database's business.

use std::fmt;

/// How deep a number sits in the rules' outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum RuleLevel {
    /// A section of the rules, `7` ("Additional Rules").
    Section,
    /// A chapter heading, `702` ("Keyword Abilities").
    Chapter,
    /// A numbered rule, `702.19` ("Trample").
    Rule,
    /// A lettered sub-rule, `702.19b`.
    Subrule,
}

impl RuleLevel {
    /// The name stored in the database's `rules.level` column.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Section => "section",
            RuleLevel::Chapter => "chapter",
            RuleLevel::Rule => "rule",
            RuleLevel::Subrule => "subrule",
        }
    }

    /// The level named `name` in the database, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "section" => Some(RuleLevel::Section),
            "chapter" => Some(RuleLevel::Chapter),
            "rule" => Some(RuleLevel::Rule),
            "subrule" => Some(RuleLevel::Subrule),
            _ => None,
        }
    }
}

/// A well-formed rule number, not necessarily one that exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct RuleNumber {
    /// 1–9.
    pub section: u8,
    /// 100–999, its first digit being the section.
    pub chapter: Option<u16>,
    /// The number after the chapter's dot.
    pub rule: Option<u32>,
    /// The sub-rule's letters, lower case (the rules skip `l` and `o`, so one letter has
    /// sufficed so far; more are accepted in case a chapter ever runs past `z`).
    pub letters: Option<String>,
}

impl RuleNumber {
    /// Parses a canonical number (`7`, `702`, `702.19`, `702.19b`); letters must be lower case.
    pub fn parse(text: &str) -> Option<Self> {
        let (head, tail) = match text.split_once('.') {
            Some((head, tail)) => (head, Some(tail)),
            None => (text, None),
        };
        if head.is_empty() || !head.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match (head.len(), tail) {
            (1, None) => {
                let section = head.parse::<u8>().ok().filter(|s| *s >= 1)?;
                Some(RuleNumber {
                    section,
                    chapter: None,
                    rule: None,
                    letters: None,
                })
            }
            (3, tail) => {
                let chapter = head.parse::<u16>().ok().filter(|c| *c >= 100)?;
                // The chapter's hundreds digit names its section (702 is in section 7).
                let section = u8::try_from(chapter / 100).ok()?;
                let (rule, letters) = match tail {
                    None => (None, None),
                    Some(tail) => {
                        let digits_end = tail
                            .find(|c: char| !c.is_ascii_digit())
                            .unwrap_or(tail.len());
                        let (digits, letters) = tail.split_at(digits_end);
                        if digits.is_empty() || !letters.bytes().all(|b| b.is_ascii_lowercase()) {
                            return None;
                        }
                        let rule = digits.parse::<u32>().ok()?;
                        (Some(rule), Some(letters).filter(|l| !l.is_empty()))
                    }
                };
                Some(RuleNumber {
                    section,
                    chapter: Some(chapter),
                    rule,
                    letters: letters.map(str::to_owned),
                })
            }
            _ => None,
        }
    }

    /// Reads a number as a player may type it: `rule 702.19b`, `CR 702.19B`, `702.19b.`,
    /// `§ 702.19`. `None` when what is left is not a well-formed number.
    pub fn from_query(query: &str) -> Option<Self> {
        Self::parse(&strip_query_decoration(query))
    }

    /// How deep this number sits.
    pub fn level(&self) -> RuleLevel {
        match (self.chapter, self.rule, &self.letters) {
            (None, _, _) => RuleLevel::Section,
            (Some(_), None, _) => RuleLevel::Chapter,
            (Some(_), Some(_), None) => RuleLevel::Rule,
            (Some(_), Some(_), Some(_)) => RuleLevel::Subrule,
        }
    }

    /// The number one level up: `702.19b` → `702.19` → `702` → `7` → none.
    pub fn parent(&self) -> Option<Self> {
        let mut parent = self.clone();
        match self.level() {
            RuleLevel::Section => return None,
            RuleLevel::Chapter => parent.chapter = None,
            RuleLevel::Rule => parent.rule = None,
            RuleLevel::Subrule => parent.letters = None,
        }
        Some(parent)
    }

    /// Where this number sits among its siblings, for nearness: the chapter, the rule
    /// number or the sub-rule's letters read as a base-26 number.
    pub fn position_among_siblings(&self) -> u64 {
        match self.level() {
            RuleLevel::Section => u64::from(self.section),
            RuleLevel::Chapter => self.chapter.map(u64::from).unwrap_or_default(),
            RuleLevel::Rule => self.rule.map(u64::from).unwrap_or_default(),
            RuleLevel::Subrule => self
                .letters
                .as_deref()
                .unwrap_or_default()
                .bytes()
                .fold(0, |n, b| n * 26 + u64::from(b - b'a') + 1),
        }
    }
}

impl fmt::Display for RuleNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.chapter {
            None => write!(f, "{}", self.section)?,
            Some(chapter) => write!(f, "{chapter}")?,
        }
        if let Some(rule) = self.rule {
            write!(f, ".{rule}")?;
        }
        if let Some(letters) = &self.letters {
            write!(f, "{letters}")?;
        }
        Ok(())
    }
}

/// Whether `query` is meant as a rule number rather than a glossary term: after the words
/// players put in front of numbers, it starts with a digit.
pub(crate) fn looks_like_rule_number(query: &str) -> bool {
    strip_query_decoration(query)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Lower-cases `query` and strips what players write around a number: `rule`, `rules`,
/// `CR`, `comprehensive rules`, `§`, `#`, spaces and trailing periods.
fn strip_query_decoration(query: &str) -> String {
    const PREFIXES: &[&str] = &[
        "comprehensive rules",
        "comprehensive rule",
        "comp rules",
        "comp rule",
        "rules",
        "rule",
        "cr",
        "§",
        "#",
    ];
    let mut rest = query.trim().to_lowercase();
    loop {
        let trimmed = rest.trim_start();
        let stripped = PREFIXES
            .iter()
            .find_map(|prefix| trimmed.strip_prefix(prefix))
            .map(str::to_owned);
        match stripped {
            Some(shorter) => rest = shorter,
            None => {
                rest = trimmed.to_owned();
                break;
            }
        }
    }
    rest.retain(|c| !c.is_whitespace());
    rest.trim_end_matches(['.', ',', ':', ';']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_numbers_parse_at_every_level() {
        let sub = RuleNumber::parse("702.19b").unwrap();
        assert_eq!(sub.level(), RuleLevel::Subrule);
        assert_eq!(sub.to_string(), "702.19b");
        let rule = sub.parent().unwrap();
        assert_eq!(rule.to_string(), "702.19");
        assert_eq!(rule.level(), RuleLevel::Rule);
        let chapter = rule.parent().unwrap();
        assert_eq!(chapter.to_string(), "702");
        let section = chapter.parent().unwrap();
        assert_eq!(section.to_string(), "7");
        assert_eq!(section.level(), RuleLevel::Section);
        assert!(section.parent().is_none());
    }

    #[test]
    fn malformed_numbers_are_rejected() {
        for bad in [
            "", "0", "10", "1234", "70.1", "702.", "702.b", "702.19B", "099", "7.1", "abc",
        ] {
            assert!(RuleNumber::parse(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn players_spellings_reach_the_canonical_number() {
        for typed in [
            "702.19b",
            "rule 702.19b",
            "Rule 702.19b",
            "CR 702.19b",
            "cr702.19b",
            "702.19B",
            "702.19b.",
            " rules 702.19b ",
            "§702.19b",
            "Comprehensive Rules 702.19b",
        ] {
            let number = RuleNumber::from_query(typed);
            assert_eq!(
                number.map(|n| n.to_string()).as_deref(),
                Some("702.19b"),
                "{typed:?}"
            );
        }
        assert_eq!(
            RuleNumber::from_query("7.").map(|n| n.to_string()),
            Some("7".to_owned())
        );
    }

    #[test]
    fn terms_do_not_look_like_numbers() {
        assert!(looks_like_rule_number("CR 702.19b"));
        assert!(looks_like_rule_number("1234"));
        assert!(!looks_like_rule_number("trample"));
        assert!(!looks_like_rule_number("Roll a d20"));
        // "cr" alone is a prefix with nothing after it, not a number.
        assert!(!looks_like_rule_number("cr"));
    }

    #[test]
    fn letters_order_like_the_alphabet() {
        let a = RuleNumber::parse("702.19a").unwrap();
        let g = RuleNumber::parse("702.19g").unwrap();
        let z = RuleNumber::parse("702.19z").unwrap();
        assert!(a.position_among_siblings() < g.position_among_siblings());
        assert!(g.position_among_siblings() < z.position_among_siblings());
    }
}
