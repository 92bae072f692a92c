//! `m:`: a face's mana cost compared as a multiset of symbols, in SQL over the cost text.

use super::{Compiler, FACE_EXISTS};
use crate::query::ast::{Comparison, ManaCost};

/// Regex (for the `regexp` SQL function) matching a braced generic symbol of at least `n`.
pub(crate) fn generic_at_least_pattern(n: u32) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let width = digits.len();
    let mut alternatives = vec![format!("[1-9]\\d{{{width},}}"), n.to_string()];
    for (i, digit) in digits.iter().enumerate() {
        let value = digit.to_digit(10).unwrap_or(9);
        if value < 9 {
            let prefix: String = digits[..i].iter().collect();
            alternatives.push(format!("{prefix}[{}-9]\\d{{{}}}", value + 1, width - i - 1));
        }
    }
    format!("\\{{(?:{})\\}}", alternatives.join("|"))
}

/// A face's cost, empty when it has none.
const MANA_COST: &str = "coalesce(f.mana_cost, '')";
/// How many symbols a face's cost holds.
const BRACES_IN_COST: &str =
    "(length(coalesce(f.mana_cost, '')) - length(replace(coalesce(f.mana_cost, ''), '{', '')))";
/// Any braced number in a cost.
const GENERIC_SYMBOL: &str = r"\{\d+\}";

impl Compiler {
    /// Some face's cost compared with `cost`: `:`/`>=` superset, `<=` subset, `=` the same
    /// multiset.
    pub(super) fn mana_cost(&mut self, op: Comparison, cost: &ManaCost) {
        // A face holding a symbol means the card's joined cost holds it too.
        self.push("(");
        if matches!(op, Comparison::Ge | Comparison::Gt | Comparison::Eq) {
            for symbol in cost.symbols.keys() {
                self.push("instr(coalesce(c.mana_cost, ''), ");
                self.param(symbol.clone());
                self.push(") > 0 AND ");
            }
        }
        // A face without a cost (a land, the back of a transforming card) has no cost
        // to compare, so it satisfies no comparison, `<=` and `!=` included. A card
        // with no cost at all (lands) therefore matches no `m:` term. Scryfall's docs
        // do not say; this is how it treats every other missing value (`pow<=2`
        // finds no instants), and "no cost" stays apart from `{0}` (Ornithopter
        // matches `m<=2WW`, Forest does not). `-m:...` still finds lands.
        self.push(FACE_EXISTS);
        self.push("coalesce(f.mana_cost, '') <> '' AND ");
        match op {
            Comparison::Ge => self.cost_superset(cost),
            Comparison::Le => self.cost_subset(cost),
            Comparison::Eq => self.cost_equal(cost),
            Comparison::Ne => {
                self.push("NOT ");
                self.cost_equal(cost);
            }
            Comparison::Gt => {
                self.cost_superset(cost);
                self.push(" AND NOT ");
                self.cost_equal(cost);
            }
            Comparison::Lt => {
                self.cost_subset(cost);
                self.push(" AND NOT ");
                self.cost_equal(cost);
            }
        }
        self.push("))");
    }
    /// `(occurrences of symbol in the face's cost) <op> count`, counted by how much the
    /// cost shrinks when the symbol is removed.
    pub(super) fn symbol_count(&mut self, symbol: &str, op: &str, count: u32) {
        self.push("(length(");
        self.push(MANA_COST);
        self.push(") - length(replace(");
        self.push(MANA_COST);
        self.push(", ");
        self.param(symbol.to_string());
        self.push(", ''))) ");
        self.push(op);
        self.push(" ");
        let length = symbol.chars().count() as i64;
        self.param(i64::from(count) * length);
    }
    pub(super) fn generic_at_least(&mut self, amount: u32) {
        self.push(MANA_COST);
        self.push(" REGEXP ");
        self.param(generic_at_least_pattern(amount));
    }
    /// `instr` tests for each symbol: cheap, and they rule out most faces before the counts.
    pub(super) fn has_symbols(&mut self, cost: &ManaCost) {
        for symbol in cost.symbols.keys() {
            self.push(" AND instr(");
            self.push(MANA_COST);
            self.push(", ");
            self.param(symbol.clone());
            self.push(") > 0");
        }
    }
    pub(super) fn cost_superset(&mut self, cost: &ManaCost) {
        self.push("(1");
        self.has_symbols(cost);
        for (symbol, count) in &cost.symbols {
            if *count > 1 {
                self.push(" AND ");
                self.symbol_count(symbol, ">=", *count);
            }
        }
        if let Some(generic) = cost.generic.filter(|g| *g > 0) {
            self.push(" AND ");
            self.generic_at_least(generic);
        }
        self.push(")");
    }
    pub(super) fn cost_equal(&mut self, cost: &ManaCost) {
        self.push("(1");
        self.has_symbols(cost);
        let mut symbols: i64 = 0;
        for (symbol, count) in &cost.symbols {
            self.push(" AND ");
            self.symbol_count(symbol, "=", *count);
            symbols += i64::from(*count);
        }
        if let Some(generic) = cost.generic {
            self.push(" AND instr(");
            self.push(MANA_COST);
            self.push(", ");
            self.param(format!("{{{generic}}}"));
            self.push(") > 0");
            symbols += 1;
        }
        // No symbol beyond those counted above.
        self.push(" AND ");
        self.push(BRACES_IN_COST);
        self.push(" = ");
        self.param(symbols);
        self.push(")");
    }
    pub(super) fn cost_subset(&mut self, cost: &ManaCost) {
        self.push("(1");
        for (symbol, count) in &cost.symbols {
            self.push(" AND ");
            self.symbol_count(symbol, "<=", *count);
        }
        match cost.generic {
            Some(generic) => {
                self.push(" AND NOT ");
                self.generic_at_least(generic.saturating_add(1));
            }
            None => {
                self.push(" AND NOT ");
                self.push(MANA_COST);
                self.push(" REGEXP ");
                self.param(GENERIC_SYMBOL.to_string());
            }
        }
        // Every symbol of the cost is one of the asked ones (or its generic part).
        self.push(" AND ");
        self.push(BRACES_IN_COST);
        self.push(" = (");
        self.push(MANA_COST);
        self.push(" REGEXP ");
        self.param(GENERIC_SYMBOL.to_string());
        self.push(")");
        for symbol in cost.symbols.keys() {
            self.push(" + (length(");
            self.push(MANA_COST);
            self.push(") - length(replace(");
            self.push(MANA_COST);
            self.push(", ");
            self.param(symbol.clone());
            self.push(", ''))) / ");
            self.param(symbol.chars().count() as i64);
        }
        self.push(")");
    }
}
