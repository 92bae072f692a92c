//! `is:` flags: card columns, layouts and type-line patterns.

use super::{Compiler, FACE_IN};
use crate::query::ast::IsFlag;

/// The card types of the front face: the type line up to its first `—` or `//`.
const FRONT_TYPES: &str = "^[^/—]*";
impl Compiler {
    /// `c.type_line REGEXP pattern` (case-insensitive; `\b` keeps `Land` out of `Island`).
    pub(super) fn type_line_regex(&mut self, pattern: &str) {
        self.push("c.type_line REGEXP ");
        self.param(pattern.to_string());
    }
    pub(super) fn is_flag(&mut self, flag: IsFlag) {
        const PERMANENT_TYPES: &str =
            r"\b(?:Artifact|Creature|Enchantment|Land|Planeswalker|Battle)\b";
        const SPELL_TYPES: &str =
            r"\b(?:Instant|Sorcery|Artifact|Creature|Enchantment|Planeswalker|Battle)\b";
        match flag {
            IsFlag::Commander => self.push("c.can_be_commander = 1"),
            IsFlag::Brawler => self.push("c.can_be_brawl_commander = 1"),
            IsFlag::Companion => self.push(
                "c.id IN (SELECT k.card_id FROM card_keywords k WHERE k.keyword = 'Companion')",
            ),
            // Type tests read the type line (no subquery): cheap on every card, so a scan in
            // name order can stop at the limit.
            IsFlag::Permanent => self.type_line_regex(&format!("{FRONT_TYPES}{PERMANENT_TYPES}")),
            IsFlag::Spell => {
                self.push("(");
                self.type_line_regex(&format!("{FRONT_TYPES}{SPELL_TYPES}"));
                self.push(" AND NOT ");
                self.type_line_regex(&format!(r"{FRONT_TYPES}\bLand\b"));
                self.push(")");
            }
            IsFlag::Historic => self.type_line_regex(r"\b(?:Legendary|Artifact|Saga)\b"),
            IsFlag::Vanilla => {
                self.push("(c.oracle_text = '' AND ");
                self.type_line_regex(r"\bCreature\b");
                self.push(")");
            }
            IsFlag::Party => {
                self.push("(");
                self.type_line_regex(r"\bCreature\b");
                self.push(" AND ");
                self.type_line_regex(r"—[^/]*\b(?:Cleric|Rogue|Warrior|Wizard)\b");
                self.push(")");
            }
            IsFlag::Bear => {
                self.push("(c.mana_value = 2 AND ");
                self.push(FACE_IN);
                self.push("(' ' || f.types || ' ') LIKE '% Creature %' AND f.power = '2' AND f.toughness = '2'))");
            }
            IsFlag::Split => self.push("c.layout = 'split'"),
            IsFlag::Flip => self.push("c.layout = 'flip'"),
            IsFlag::Transform => self.push("c.layout = 'transform'"),
            IsFlag::ModalDfc => self.push("c.layout = 'modal_dfc'"),
            IsFlag::DoubleFaced => self.push(
                "c.layout IN ('transform', 'modal_dfc', 'meld', 'double_faced_token', 'reversible_card')",
            ),
            IsFlag::Meld => self.push("c.layout = 'meld'"),
            IsFlag::Leveler => self.push("c.layout = 'leveler'"),
            IsFlag::Adventure => self.push("c.layout = 'adventure'"),
            IsFlag::Reserved => self.push("c.reserved = 1"),
            IsFlag::Funny => self.push("c.funny = 1"),
            IsFlag::Hybrid => {
                self.push("coalesce(c.mana_cost, '') REGEXP ");
                self.param(r"\{(?:[WUBRG2C]/[WUBRG])(?:/P)?\}".to_string());
            }
            IsFlag::Phyrexian => self.push("coalesce(c.mana_cost, '') LIKE '%/P}%'"),
            IsFlag::Unique => self.push("json_array_length(c.printings) = 1"),
            IsFlag::Reprint => self.push("json_array_length(c.printings) > 1"),
        }
    }
}
