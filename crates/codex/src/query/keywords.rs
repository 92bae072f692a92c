//! Keyword terms (`t:goblin`, `c>=uw`, `r:mythic`, ...) into typed predicates: which
//! keywords exist, which operators each accepts, what its `:` means and which values are
//! valid. Every refusal names the keyword or value and where it is.

use crate::Colors;

use super::ParseError;
use super::ast::{
    ColorField, ColorValue, Comparison, Direction, Game, IsFlag, LegalityFilter, NumericField,
    NumericOperand, Parity, Predicate, ProducedMana, Rarity, ReleaseValue, SortKey, Span,
    TextMatch,
};
use super::lexer::{Operator, Value};
use super::mana;
use super::scryfall_regex::rust_regex;

/// What a keyword term turns into: a filter, or an option of the whole query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    /// A filter.
    Predicate(Predicate),
    /// `order:`
    Order(SortKey),
    /// `dir:`
    Direction(Direction),
    /// `include:extras`
    IncludeExtras,
}

/// Formats with legality data (Scryfall's names, as stored in `card_legalities.format`).
const FORMATS: &[&str] = &[
    "standard",
    "future",
    "historic",
    "timeless",
    "gladiator",
    "pioneer",
    "explorer",
    "modern",
    "legacy",
    "pauper",
    "vintage",
    "penny",
    "commander",
    "oathbreaker",
    "standardbrawl",
    "brawl",
    "historicbrawl",
    "alchemy",
    "paupercommander",
    "duel",
    "oldschool",
    "premodern",
    "predh",
];

/// Nicknames players use for formats.
const FORMAT_ALIASES: &[(&str, &str)] = &[
    ("edh", "commander"),
    ("pdh", "paupercommander"),
    ("pennydreadful", "penny"),
    ("duelcommander", "duel"),
];

/// Scryfall keywords this search does not support, with what they would need: refused with
/// that reason rather than as unknown.
const UNSUPPORTED: &[(&[&str], &str)] = &[
    (
        &["usd", "eur", "tix", "cheapest"],
        "prices are not in the offline data",
    ),
    (
        &["a", "artist", "artists", "illustrations"],
        "artists are not in the offline data",
    ),
    (&["ft", "flavor"], "flavor text is not in the offline data"),
    (
        &["wm", "watermark"],
        "watermarks are not in the offline data",
    ),
    (
        &["border", "frame", "stamp"],
        "card frames are not in the offline data",
    ),
    (&["cube"], "cube lists are not in the offline data"),
    (
        &["art", "atag", "arttag", "function", "otag", "oracletag"],
        "Tagger tags are not in the offline data",
    ),
    (
        &["lang", "language"],
        "only English cards are in the offline data",
    ),
    (
        &[
            "cn",
            "number",
            "b",
            "block",
            "st",
            "in",
            "new",
            "prints",
            "sets",
            "paperprints",
            "papersets",
        ],
        "it is not supported yet (use s: for sets)",
    ),
    (
        &["devotion"],
        "it is not supported yet (use m: for mana symbols)",
    ),
    (
        &["unique", "prefer", "display", "as"],
        "search returns one result per card",
    ),
];

/// A keyword term's parts, as the lexer found them.
pub(crate) struct KeywordTerm<'a> {
    /// Lower-case keyword.
    pub name: &'a str,
    /// Where the keyword is.
    pub name_span: Span,
    /// The operator.
    pub op: Operator,
    /// The value.
    pub value: &'a Value,
    /// Where the value is.
    pub value_span: Span,
}

impl KeywordTerm<'_> {
    fn value_error(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(message, self.value_span)
    }

    fn operator_error(&self, allowed: &str) -> ParseError {
        ParseError::new(
            format!(
                "{} does not take {}; use {allowed}",
                self.name,
                self.op.as_str()
            ),
            Span::new(self.name_span.end, self.value_span.start),
        )
    }

    /// The value as text; regular expressions are refused.
    fn text(&self) -> Result<&str, ParseError> {
        match self.value {
            Value::Bare(text) | Value::Quoted(text) => Ok(text),
            Value::Regex(_) => {
                Err(self.value_error(format!("{}: does not take a regular expression", self.name)))
            }
        }
    }

    /// The value lower-cased, for closed vocabularies.
    fn word(&self) -> Result<String, ParseError> {
        Ok(self.text()?.trim().to_lowercase())
    }

    /// Only `:` and `=` (both meaning "is").
    fn require_equality(&self) -> Result<(), ParseError> {
        match self.op {
            Operator::Colon | Operator::Eq => Ok(()),
            _ => Err(self.operator_error(&format!("{}:", self.name))),
        }
    }

    /// The operator with `:` read as `colon`.
    fn comparison(&self, colon: Comparison) -> Comparison {
        match self.op {
            Operator::Colon => colon,
            Operator::Eq => Comparison::Eq,
            Operator::Ne => Comparison::Ne,
            Operator::Lt => Comparison::Lt,
            Operator::Le => Comparison::Le,
            Operator::Gt => Comparison::Gt,
            Operator::Ge => Comparison::Ge,
        }
    }

    /// Text or a regular expression (checked to compile).
    fn text_match(&self) -> Result<TextMatch, ParseError> {
        self.require_equality()?;
        match self.value {
            Value::Bare(text) | Value::Quoted(text) => Ok(TextMatch::Contains(text.clone())),
            Value::Regex(pattern) => {
                regex::RegexBuilder::new(&rust_regex(pattern))
                    // The SQL function compiles it again per statement; refuse what would
                    // blow up there instead of failing mid-query.
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| {
                        let reason = e.to_string();
                        let last = reason.lines().last().unwrap_or("invalid");
                        self.value_error(format!(
                            "invalid regular expression: {}",
                            last.trim_start_matches("error: ")
                        ))
                    })?;
                Ok(TextMatch::Regex(pattern.clone()))
            }
        }
    }
}

/// Turns one keyword term into a predicate or an option.
pub(crate) fn keyword_term(term: &KeywordTerm<'_>) -> Result<Term, ParseError> {
    let predicate = match term.name {
        "name" => match term.text_match()? {
            TextMatch::Contains(text) => Predicate::NameContains(text),
            TextMatch::Regex(pattern) => Predicate::NameRegex(pattern),
        },
        "o" | "oracle" => Predicate::Oracle {
            text: term.text_match()?,
            full: false,
        },
        "fo" | "fulloracle" => Predicate::Oracle {
            text: term.text_match()?,
            full: true,
        },
        "t" | "type" => Predicate::TypeLine(term.text_match()?),
        "c" | "color" | "colour" => colors(term, ColorField::Colors)?,
        "id" | "identity" | "ci" => colors(term, ColorField::Identity)?,
        "produces" => produces(term)?,
        "m" | "mana" => {
            let cost = mana::parse_cost(term.text()?).map_err(|m| term.value_error(m))?;
            if cost.generic.is_none() && cost.symbols.is_empty() {
                return Err(term.value_error("empty mana cost"));
            }
            Predicate::ManaCost {
                op: term.comparison(Comparison::Ge),
                cost,
            }
        }
        "mv" | "cmc" | "manavalue" => {
            let word = term.word()?;
            let parity = match word.as_str() {
                "even" => Some(Parity::Even),
                "odd" => Some(Parity::Odd),
                _ => None,
            };
            match parity {
                Some(parity) => {
                    term.require_equality()?;
                    Predicate::ManaValueParity(parity)
                }
                None => numeric(term, NumericField::ManaValue)?,
            }
        }
        "pow" | "power" => numeric(term, NumericField::Power)?,
        "tou" | "toughness" => numeric(term, NumericField::Toughness)?,
        "pt" | "powtou" => numeric(term, NumericField::PowerToughness)?,
        "loy" | "loyalty" => numeric(term, NumericField::Loyalty)?,
        "def" | "defense" => numeric(term, NumericField::Defense)?,
        "r" | "rarity" => rarity(term)?,
        "s" | "e" | "set" | "edition" => {
            term.require_equality()?;
            Predicate::Set(set_code(term)?)
        }
        "year" => {
            let word = term.word()?;
            let year = parse_year(&word)
                .ok_or_else(|| term.value_error(format!("{word} is not a year")))?;
            Predicate::Released {
                op: term.comparison(Comparison::Eq),
                value: ReleaseValue::Year(year),
            }
        }
        "date" => {
            let word = term.word()?;
            let value = if let Some(year) = parse_year(&word) {
                ReleaseValue::Year(year)
            } else if is_date(&word) {
                ReleaseValue::Date(word)
            } else if is_set_code(&word) {
                ReleaseValue::SetReleased(word)
            } else {
                return Err(term.value_error(format!(
                    "{word} is not a date (YYYY-MM-DD), a year or a set code"
                )));
            };
            Predicate::Released {
                op: term.comparison(Comparison::Eq),
                value,
            }
        }
        "f" | "format" | "legal" => legality(term, LegalityFilter::Legal)?,
        "banned" => legality(term, LegalityFilter::Banned)?,
        "restricted" => legality(term, LegalityFilter::Restricted)?,
        "kw" | "keyword" | "keywords" => {
            term.require_equality()?;
            let keyword = term.text()?.trim();
            if keyword.is_empty() {
                return Err(term.value_error("kw: needs a keyword"));
            }
            Predicate::Keyword(keyword.to_string())
        }
        "is" => {
            term.require_equality()?;
            Predicate::Is(is_flag(term)?)
        }
        "not" => {
            // `not:x` is `-is:x`; the parser wraps it in Not.
            term.require_equality()?;
            Predicate::Is(is_flag(term)?)
        }
        "has" => {
            term.require_equality()?;
            match term.word()?.as_str() {
                "indicator" => Predicate::HasColorIndicator,
                other => {
                    return Err(term.value_error(format!(
                        "has:{other} is not supported (supported: has:indicator)"
                    )));
                }
            }
        }
        "game" => {
            term.require_equality()?;
            Predicate::Game(match term.word()?.as_str() {
                "paper" => Game::Paper,
                "arena" => Game::Arena,
                "mtgo" => Game::Mtgo,
                other => {
                    return Err(term
                        .value_error(format!("unknown game {other} (use paper, arena or mtgo)")));
                }
            })
        }
        "include" => {
            term.require_equality()?;
            return match term.word()?.as_str() {
                "extras" => Ok(Term::IncludeExtras),
                other => Err(term.value_error(format!(
                    "include:{other} is not supported (supported: include:extras)"
                ))),
            };
        }
        "order" => {
            term.require_equality()?;
            return Ok(Term::Order(sort_key(term)?));
        }
        "dir" | "direction" => {
            term.require_equality()?;
            return match term.word()?.as_str() {
                "asc" => Ok(Term::Direction(Direction::Asc)),
                "desc" => Ok(Term::Direction(Direction::Desc)),
                other => {
                    Err(term.value_error(format!("unknown direction {other} (use asc or desc)")))
                }
            };
        }
        other => {
            let message = match UNSUPPORTED.iter().find(|(names, _)| names.contains(&other)) {
                Some((_, reason)) => format!("{other}: is not supported: {reason}"),
                None => format!(
                    "unknown keyword {other}: (put it in quotes to search card names for it)"
                ),
            };
            return Err(ParseError::new(message, term.name_span));
        }
    };
    Ok(Term::Predicate(predicate))
}

fn colors(term: &KeywordTerm<'_>, field: ColorField) -> Result<Predicate, ParseError> {
    let word = term.word()?;
    // `c:` means "at least these colours"; `id:` means "fits a deck of these colours".
    let colon = match field {
        ColorField::Colors => Comparison::Ge,
        ColorField::Identity => Comparison::Le,
    };
    let value = if word == "m" || word == "multicolor" || word == "multicolour" {
        ColorValue::Multicolor
    } else if let Ok(count) = word.parse::<u8>() {
        if count > 5 {
            return Err(term.value_error(format!("a card has at most 5 colours, not {count}")));
        }
        ColorValue::Count(count)
    } else if let Some(set) = Colors::parse(&word) {
        ColorValue::Set(set)
    } else {
        return Err(term.value_error(format!(
            "unknown colour {word} (use letters like wubrg, c, m, or names like red, azorius, esper)"
        )));
    };
    let op = match value {
        ColorValue::Multicolor => match term.op {
            Operator::Colon | Operator::Eq => Comparison::Eq,
            Operator::Ne => Comparison::Ne,
            _ => return Err(term.operator_error(&format!("{}:m or -{}:m", term.name, term.name))),
        },
        ColorValue::Count(_) => term.comparison(Comparison::Eq),
        // `c:c` is "colourless", not "at least no colour" (which every card is).
        ColorValue::Set(set) if set == Colors::COLORLESS && term.op == Operator::Colon => {
            Comparison::Eq
        }
        ColorValue::Set(_) => term.comparison(colon),
    };
    Ok(Predicate::Colors { field, op, value })
}

fn produces(term: &KeywordTerm<'_>) -> Result<Predicate, ParseError> {
    let word = term.word()?;
    let mana = if matches!(word.as_str(), "c" | "colorless" | "colourless") {
        ProducedMana {
            colors: Colors::COLORLESS,
            colorless: true,
        }
    } else if !word.is_empty() && word.chars().all(|ch| "wubrgc".contains(ch)) {
        ProducedMana {
            colors: Colors::from_letters(&word).unwrap_or_default(),
            colorless: word.contains('c'),
        }
    } else if let Some(colors) = Colors::parse(&word) {
        ProducedMana {
            colors,
            colorless: false,
        }
    } else {
        return Err(term.value_error(format!(
            "unknown mana {word} (use letters wubrgc or colour names)"
        )));
    };
    Ok(Predicate::Produces {
        op: term.comparison(Comparison::Ge),
        mana,
    })
}

fn numeric_field(word: &str) -> Option<NumericField> {
    Some(match word {
        "mv" | "cmc" | "manavalue" => NumericField::ManaValue,
        "pow" | "power" => NumericField::Power,
        "tou" | "toughness" => NumericField::Toughness,
        "pt" | "powtou" => NumericField::PowerToughness,
        "loy" | "loyalty" => NumericField::Loyalty,
        "def" | "defense" => NumericField::Defense,
        _ => return None,
    })
}

fn numeric(term: &KeywordTerm<'_>, field: NumericField) -> Result<Predicate, ParseError> {
    let word = term.word()?;
    let value = if let Some(other) = numeric_field(&word) {
        NumericOperand::Field(other)
    } else {
        match word.parse::<f64>() {
            Ok(number) if number.is_finite() => NumericOperand::Number(number),
            _ => {
                return Err(term.value_error(format!(
                    "{word} is not a number{}",
                    if field == NumericField::ManaValue {
                        ", even or odd"
                    } else {
                        " or pow, tou, pt, loy, def, mv"
                    }
                )));
            }
        }
    };
    Ok(Predicate::Numeric {
        field,
        op: term.comparison(Comparison::Eq),
        value,
    })
}

fn rarity(term: &KeywordTerm<'_>) -> Result<Predicate, ParseError> {
    let word = term.word()?;
    let rarity = match word.as_str() {
        "c" | "common" => Rarity::Common,
        "u" | "uncommon" => Rarity::Uncommon,
        "r" | "rare" => Rarity::Rare,
        "m" | "mythic" => Rarity::Mythic,
        "s" | "special" => Rarity::Special,
        "b" | "bonus" => Rarity::Bonus,
        other => {
            return Err(term.value_error(format!(
                "unknown rarity {other} (use common, uncommon, rare, mythic, special or bonus)"
            )));
        }
    };
    let op = term.comparison(Comparison::Eq);
    if rarity.rank().is_none() && !matches!(op, Comparison::Eq | Comparison::Ne) {
        return Err(term.operator_error(&format!("r:{word}: {word} is outside common..mythic")));
    }
    Ok(Predicate::Rarity { op, rarity })
}

fn is_set_code(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.chars().all(|c| c.is_ascii_alphanumeric())
}

fn set_code(term: &KeywordTerm<'_>) -> Result<String, ParseError> {
    let word = term.word()?;
    if is_set_code(&word) {
        Ok(word)
    } else {
        Err(term.value_error(format!("{word} is not a set code (like m21 or neo)")))
    }
}

fn parse_year(word: &str) -> Option<i32> {
    if word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

fn is_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        s.len() == len
            && s.chars().all(|c| c.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| range.contains(&n))
    };
    number(year, 4, 0..=9999) && number(month, 2, 1..=12) && number(day, 2, 1..=31)
}

fn legality(term: &KeywordTerm<'_>, status: LegalityFilter) -> Result<Predicate, ParseError> {
    term.require_equality()?;
    let word = term.word()?;
    let format = FORMAT_ALIASES
        .iter()
        .find(|(alias, _)| *alias == word)
        .map(|(_, format)| *format)
        .or_else(|| FORMATS.iter().find(|f| **f == word).copied())
        .ok_or_else(|| {
            term.value_error(format!(
                "unknown format {word} {}",
                accepted_values(
                    &word,
                    FORMATS
                        .iter()
                        .copied()
                        .chain(FORMAT_ALIASES.iter().map(|(alias, _)| *alias))
                )
            ))
        })?;
    Ok(Predicate::Legality {
        status,
        format: format.to_string(),
    })
}

/// The `is:` flags, as written after `is:`/`not:`.
const IS_FLAGS: &[(&str, IsFlag)] = &[
    ("commander", IsFlag::Commander),
    ("brawler", IsFlag::Brawler),
    ("companion", IsFlag::Companion),
    ("permanent", IsFlag::Permanent),
    ("spell", IsFlag::Spell),
    ("historic", IsFlag::Historic),
    ("vanilla", IsFlag::Vanilla),
    ("party", IsFlag::Party),
    ("bear", IsFlag::Bear),
    ("split", IsFlag::Split),
    ("flip", IsFlag::Flip),
    ("transform", IsFlag::Transform),
    ("mdfc", IsFlag::ModalDfc),
    ("dfc", IsFlag::DoubleFaced),
    ("meld", IsFlag::Meld),
    ("leveler", IsFlag::Leveler),
    ("adventure", IsFlag::Adventure),
    ("reserved", IsFlag::Reserved),
    ("funny", IsFlag::Funny),
    ("hybrid", IsFlag::Hybrid),
    ("phyrexian", IsFlag::Phyrexian),
    ("unique", IsFlag::Unique),
    ("reprint", IsFlag::Reprint),
];

/// `(did you mean X? use one of: a, b, c)` for a value not in `accepted`: the nearest
/// accepted value when one is close enough to be a typo, then the whole list.
fn accepted_values<'a>(word: &str, accepted: impl IntoIterator<Item = &'a str>) -> String {
    // Below this Jaro-Winkler similarity a suggestion is more confusing than helpful
    // (`is:foo` is close to nothing).
    const TYPO_SIMILARITY: f64 = 0.8;
    let accepted: Vec<&str> = accepted.into_iter().collect();
    let nearest = accepted
        .iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), *candidate))
        .filter(|(similarity, _)| *similarity >= TYPO_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, candidate)) => {
            format!(
                "(did you mean {candidate}? use one of: {})",
                accepted.join(", ")
            )
        }
        None => format!("(use one of: {})", accepted.join(", ")),
    }
}

fn is_flag(term: &KeywordTerm<'_>) -> Result<IsFlag, ParseError> {
    let word = term.word()?;
    IS_FLAGS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, flag)| *flag)
        .ok_or_else(|| {
            term.value_error(format!(
                "{}:{word} is not supported {}",
                term.name,
                accepted_values(&word, IS_FLAGS.iter().map(|(name, _)| *name))
            ))
        })
}

fn sort_key(term: &KeywordTerm<'_>) -> Result<SortKey, ParseError> {
    Ok(match term.word()?.as_str() {
        "name" => SortKey::Name,
        "cmc" | "mv" | "manavalue" => SortKey::ManaValue,
        "color" | "colour" => SortKey::Color,
        "rarity" => SortKey::Rarity,
        "edhrec" => SortKey::Edhrec,
        "released" => SortKey::Released,
        "power" | "pow" => SortKey::Power,
        "toughness" | "tou" => SortKey::Toughness,
        other => {
            return Err(term.value_error(format!(
                "cannot order by {other} (use name, cmc, color, rarity, edhrec, released, power or toughness)"
            )));
        }
    })
}
