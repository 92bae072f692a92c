//! The typed syntax tree of a Scryfall-style card search.
//!
//! Everything a query can ask is an enum variant here: the parser resolves each keyword's
//! operator and value into its meaning (for `c:`, `:` means "at least these colours"; for
//! `id:`, "within these colours"), so the compiler never looks at user spelling again.

use std::collections::BTreeMap;

use crate::Colors;

/// A character range `[start, end)` in the query text (char offsets, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// The range `[start, end)`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest range covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A parsed query: an optional filter plus the options that are not filters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// What cards must satisfy; `None` when the query holds only options (or nothing).
    pub filter: Option<Expr>,
    /// `order:`; `None` means by name.
    pub order: Option<SortKey>,
    /// `dir:`; `None` means the sort key's natural direction.
    pub direction: Option<Direction>,
    /// `include:extras`: also show tokens, emblems, planes, schemes and other extras.
    pub include_extras: bool,
}

impl Query {
    /// The words and phrases of a query made only of bare words and quoted phrases (no
    /// keyword, negation, `or`, exact name or option): a player's free text, which search
    /// also runs through full-text ranking. `None` for any other query.
    pub fn bare_words(&self) -> Option<Vec<&str>> {
        if self.order.is_some() || self.direction.is_some() || self.include_extras {
            return None;
        }
        let operands: Vec<&Expr> = match self.filter.as_ref()? {
            Expr::And(operands) => operands.iter().collect(),
            single => vec![single],
        };
        operands
            .into_iter()
            .map(|expr| match expr {
                Expr::Predicate {
                    predicate: Predicate::NameContains(text),
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// A boolean combination of predicates.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Every operand must hold (implicit between terms, or `and`).
    And(Vec<Expr>),
    /// At least one operand must hold (`or`).
    Or(Vec<Expr>),
    /// The operand must not hold (`-`, or `not:` for `is:`).
    Not(Box<Expr>),
    /// One search term and where it was written.
    Predicate {
        /// What the term asks.
        predicate: Predicate,
        /// The term in the query text.
        span: Span,
    },
}

/// A comparison operator after the keyword's `:` has been given its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Comparison {
    /// The SQL operator.
    pub fn sql(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Ne => "<>",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }

    /// Whether `left <op> right` holds for two ordered values.
    pub fn holds<T: PartialOrd>(self, left: T, right: T) -> bool {
        match self {
            Comparison::Eq => left == right,
            Comparison::Ne => left != right,
            Comparison::Lt => left < right,
            Comparison::Le => left <= right,
            Comparison::Gt => left > right,
            Comparison::Ge => left >= right,
        }
    }
}

/// How text is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMatch {
    /// Contains this text, case-insensitively.
    Contains(String),
    /// Matches this regular expression (already checked to compile), case-insensitively.
    Regex(String),
}

/// One search term.
#[derive(Debug, Clone, PartialEq)]
pub enum Predicate {
    /// A bare word or quoted phrase: the name contains it (accents, case and punctuation
    /// ignored).
    NameContains(String),
    /// `name:/regex/`.
    NameRegex(String),
    /// `!name` / `!"Exact Name"`: the full name or a face name is exactly this (accents, case
    /// and punctuation ignored).
    ExactName(String),
    /// `o:` (`full: false`, reminder text left out) or `fo:` (`full: true`). In
    /// [`TextMatch::Contains`], `~` stands for the face's name.
    Oracle {
        /// What to look for.
        text: TextMatch,
        /// Search reminder text too.
        full: bool,
    },
    /// `t:`: the type line contains the text (partial words allowed).
    TypeLine(TextMatch),
    /// `c:` / `id:` against a colour set, "multicolour", or a number of colours.
    Colors {
        /// Printed colours or colour identity.
        field: ColorField,
        /// The comparison, `:` already resolved.
        op: Comparison,
        /// What to compare with.
        value: ColorValue,
    },
    /// `produces:`: the mana symbols the card can add.
    Produces {
        /// The comparison (`:` means "at least these").
        op: Comparison,
        /// The symbols.
        mana: ProducedMana,
    },
    /// `m:`: the mana cost compared as a multiset of symbols (`:` means "at least these").
    ManaCost {
        /// The comparison.
        op: Comparison,
        /// The symbols asked for.
        cost: ManaCost,
    },
    /// `mv`, `pow`, `tou`, `pt`, `loy`, `def` compared with a number or another field.
    Numeric {
        /// Left side.
        field: NumericField,
        /// The comparison (`:` means `=`).
        op: Comparison,
        /// Right side.
        value: NumericOperand,
    },
    /// `mv:even` / `mv:odd`.
    ManaValueParity(Parity),
    /// `r:`: the rarity of some printing.
    Rarity {
        /// The comparison (`:` means `=`).
        op: Comparison,
        /// The rarity compared with.
        rarity: Rarity,
    },
    /// `s:` / `e:`: printed in this set (code, lower case).
    Set(String),
    /// `year` / `date`: released compared with a date.
    Released {
        /// The comparison (`:` means `=`).
        op: Comparison,
        /// The date compared with.
        value: ReleaseValue,
    },
    /// `f:` / `banned:` / `restricted:`.
    Legality {
        /// Legal (incl. restricted), banned or restricted.
        status: LegalityFilter,
        /// Format name as stored (`commander`, `paupercommander`, ...).
        format: String,
    },
    /// `kw:`: has this keyword ability or action (case-insensitive, exact keyword).
    Keyword(String),
    /// `is:` (and `not:` through [`Expr::Not`]).
    Is(IsFlag),
    /// `has:indicator`: some face has a colour indicator.
    HasColorIndicator,
    /// `game:`: available in this game.
    Game(Game),
}

impl Predicate {
    /// Whether the predicate is about one printing (set, rarity, date) rather than the card:
    /// such predicates under one `and` must hold for the same printing.
    pub fn is_printing_level(&self) -> bool {
        matches!(
            self,
            Predicate::Set(_) | Predicate::Rarity { .. } | Predicate::Released { .. }
        )
    }
}

/// Which colour attribute `c:`/`id:` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorField {
    /// Printed colours (`c:`).
    Colors,
    /// Colour identity (`id:`).
    Identity,
}

/// The right side of `c:` / `id:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorValue {
    /// A colour set (`rg`, `esper`, `colorless`).
    Set(Colors),
    /// `m` / `multicolor`: two or more colours.
    Multicolor,
    /// A number of colours (`c=2`, `id>1`).
    Count(u8),
}

/// Mana a card can produce: the five colours plus colourless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProducedMana {
    /// Coloured mana.
    pub colors: Colors,
    /// Colourless mana (`{C}`).
    pub colorless: bool,
}

impl ProducedMana {
    /// The symbols, as stored in `cards.produced_mana` (`W`, `U`, `B`, `R`, `G`, `C`).
    pub fn letters(self) -> Vec<char> {
        let mut letters = Vec::new();
        if self.colors != Colors::COLORLESS {
            letters.extend(self.colors.to_string().chars());
        }
        if self.colorless {
            letters.push('C');
        }
        letters
    }
}

/// A mana cost as a multiset of symbols, for `m:`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManaCost {
    /// The generic part (`{3}`); `None` when the query names no number.
    pub generic: Option<u32>,
    /// Every other symbol in its canonical spelling (`{G}`, `{W/U}`, `{2/W}`, `{G/P}`,
    /// `{X}`) with how many times it appears.
    pub symbols: BTreeMap<String, u32>,
}

/// A numeric card attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericField {
    /// Mana value of the whole card.
    ManaValue,
    /// A face's power.
    Power,
    /// A face's toughness.
    Toughness,
    /// A face's power plus toughness.
    PowerToughness,
    /// A face's starting loyalty.
    Loyalty,
    /// A face's defense (battles).
    Defense,
}

impl NumericField {
    /// Whether the value belongs to a face rather than the whole card.
    pub fn is_face_level(self) -> bool {
        !matches!(self, NumericField::ManaValue)
    }
}

/// The right side of a numeric comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumericOperand {
    /// A number.
    Number(f64),
    /// Another field of the same face (`pow>tou`).
    Field(NumericField),
}

/// Even or odd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parity {
    /// Divisible by two.
    Even,
    /// Not divisible by two.
    Odd,
}

/// A printing's rarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rarity {
    /// `common`
    Common,
    /// `uncommon`
    Uncommon,
    /// `rare`
    Rare,
    /// `mythic`
    Mythic,
    /// `special` (Time Spiral timeshifted and the like)
    Special,
    /// `bonus`
    Bonus,
}

impl Rarity {
    /// Every rarity.
    pub const ALL: [Rarity; 6] = [
        Rarity::Common,
        Rarity::Uncommon,
        Rarity::Rare,
        Rarity::Mythic,
        Rarity::Special,
        Rarity::Bonus,
    ];

    /// The rarity as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Rarity::Common => "common",
            Rarity::Uncommon => "uncommon",
            Rarity::Rare => "rare",
            Rarity::Mythic => "mythic",
            Rarity::Special => "special",
            Rarity::Bonus => "bonus",
        }
    }

    /// Position in common < uncommon < rare < mythic. Special and bonus are outside that
    /// ladder: Scryfall's docs order only these four, so `r>=rare` means rare or mythic.
    pub fn rank(self) -> Option<u8> {
        match self {
            Rarity::Common => Some(0),
            Rarity::Uncommon => Some(1),
            Rarity::Rare => Some(2),
            Rarity::Mythic => Some(3),
            Rarity::Special | Rarity::Bonus => None,
        }
    }
}

/// The right side of `year` / `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseValue {
    /// A calendar year.
    Year(i32),
    /// A day, `YYYY-MM-DD`.
    Date(String),
    /// A set code standing for that set's release date (`date>ori`).
    SetReleased(String),
}

/// Which legality `f:`/`banned:`/`restricted:` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalityFilter {
    /// Playable: legal or restricted.
    Legal,
    /// Banned.
    Banned,
    /// Restricted.
    Restricted,
}

/// `is:` flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsFlag {
    /// Can be a Commander.
    Commander,
    /// Can be a Brawl commander.
    Brawler,
    /// Has the companion ability.
    Companion,
    /// A permanent card (its front face is an artifact, creature, enchantment, land,
    /// planeswalker or battle).
    Permanent,
    /// Cast as a spell: its front face is not a land.
    Spell,
    /// Legendary, an artifact or a Saga (on any face).
    Historic,
    /// A creature with no rules text.
    Vanilla,
    /// A creature that can be in a party (Cleric, Rogue, Warrior, Wizard).
    Party,
    /// A 2/2 creature for two mana.
    Bear,
    /// Split layout.
    Split,
    /// Flip layout.
    Flip,
    /// Transform layout.
    Transform,
    /// Modal double-faced.
    ModalDfc,
    /// Any double-faced layout (transform, modal, meld, double-faced token).
    DoubleFaced,
    /// Meld layout.
    Meld,
    /// Level up layout.
    Leveler,
    /// Adventure layout.
    Adventure,
    /// On the Reserved List.
    Reserved,
    /// Un-set, playtest or other not-for-tournament card.
    Funny,
    /// Some face's cost holds a hybrid symbol.
    Hybrid,
    /// Some face's cost holds a Phyrexian symbol.
    Phyrexian,
    /// Printed in exactly one set.
    Unique,
    /// Printed in more than one set (card-level reading of Scryfall's printing flag).
    Reprint,
}

/// A game the card can be played in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Game {
    /// Paper Magic.
    Paper,
    /// MTG Arena.
    Arena,
    /// Magic Online.
    Mtgo,
}

impl Game {
    /// The word stored in `cards.games`.
    pub fn as_str(self) -> &'static str {
        match self {
            Game::Paper => "paper",
            Game::Arena => "arena",
            Game::Mtgo => "mtgo",
        }
    }
}

/// `order:` keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By name.
    Name,
    /// By mana value.
    ManaValue,
    /// By colour (white, blue, black, red, green, multicolour, colourless).
    Color,
    /// By rarity of the representative printing.
    Rarity,
    /// By EDHREC rank, most played first.
    Edhrec,
    /// By first release date.
    Released,
    /// By front-face power.
    Power,
    /// By front-face toughness.
    Toughness,
}

impl SortKey {
    /// The direction used when no `dir:` is given (Scryfall's "auto"): popular, newest,
    /// rarest and biggest first; names, mana values and colours ascending.
    pub fn natural_direction(self) -> Direction {
        match self {
            SortKey::Name | SortKey::ManaValue | SortKey::Color | SortKey::Edhrec => Direction::Asc,
            SortKey::Rarity | SortKey::Released | SortKey::Power | SortKey::Toughness => {
                Direction::Desc
            }
        }
    }
}

/// `dir:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}
