//! `produces:`: the mana symbols a card can add, compared as a set.

use super::Compiler;
use crate::query::ast::{Comparison, ProducedMana};

impl Compiler {
    /// The card's produced symbols compared as a set with `mana`.
    pub(super) fn produces(&mut self, op: Comparison, mana: ProducedMana) {
        let wanted = mana.letters();
        let others: Vec<char> = "WUBRGC".chars().filter(|c| !wanted.contains(c)).collect();
        let column = "coalesce(c.produced_mana, '')";
        // A card that adds no mana has nothing to compare: no comparison holds for
        // it (`produces<=wu` does not list +2 Mace), as a missing value never does.
        self.push("(");
        self.push(column);
        self.push(" <> '' AND ");
        let has_all = |c: &mut Self| {
            c.push("(1");
            for letter in &wanted {
                c.push(" AND instr(");
                c.push(column);
                c.push(", ");
                c.param(letter.to_string());
                c.push(") > 0");
            }
            c.push(")");
        };
        let has_none_else = |c: &mut Self| {
            c.push("(1");
            for letter in &others {
                c.push(" AND instr(");
                c.push(column);
                c.push(", ");
                c.param(letter.to_string());
                c.push(") = 0");
            }
            c.push(")");
        };
        match op {
            Comparison::Ge => has_all(self),
            Comparison::Le => has_none_else(self),
            Comparison::Eq | Comparison::Ne => {
                self.push(if op == Comparison::Eq { "(" } else { "NOT (" });
                has_all(self);
                self.push(" AND ");
                has_none_else(self);
                self.push(")");
            }
            Comparison::Gt => {
                self.push("(");
                has_all(self);
                self.push(" AND NOT ");
                has_none_else(self);
                self.push(")");
            }
            Comparison::Lt => {
                self.push("(");
                has_none_else(self);
                self.push(" AND NOT ");
                has_all(self);
                self.push(")");
            }
        }
        self.push(")");
    }
}
