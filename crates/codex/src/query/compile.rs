//! Query tree → SQL over the reference schema (`cards c`, `card_faces f`, `printings p`...).
//!
//! The output is a `WHERE` clause with `?` placeholders, its values in order, and an
//! `ORDER BY` built only from fixed column expressions. User text is never spliced into the
//! SQL; `LIKE` patterns escape `%`, `_` and `\`.
//!
//! Choices where Scryfall leaves room (its behaviour is not documented for these):
//! - Face-level values (power, toughness, loyalty, defense, mana cost, `~` in oracle text)
//!   match when any single face matches: `pow>tou` compares power and toughness of the same
//!   face, and `m:{R}{U}` does not match `Fire // Ice` (neither half costs both).
//! - `m:` compares costs as multisets; the generic part compares by amount, so `m:2WW`
//!   matches `{3}{W}{W}`, and `m=2WW` needs exactly `{2}{W}{W}`. A face with no mana cost
//!   satisfies no `m` comparison (lands match none); `{0}` is a cost.
//! - `produces` comparisons hold only for cards that add some mana.
//! - Printing-level terms (set, rarity, date) joined by `and` must hold for the same
//!   printing (`s:lea r:rare` = rare in Alpha), as Scryfall matches printings. A negated one
//!   means "no printing" (`-s:lea`: never printed in Alpha), which is what players mean.
//! - `NOT` treats an unknown value as "does not match", so `-r:rare` keeps cards whose
//!   rarity is unknown.
//! - `is:permanent` and `is:spell` look at the front face's types; `is:historic`,
//!   `is:party` and `is:vanilla` at any face.
//! - Bare words match the folded name ([`crate::names::name_words`]): accents, case and
//!   punctuation ignored, so `lim-dul's` finds `Lim-Dûl's Vault`, but words stay apart, so
//!   `tbolt` does not find `Rift Bolt`. Exact names (`!name`) compare the name key
//!   ([`crate::names::name_key`]).

use rusqlite::types::Value;

use super::ast::{
    ColorField, ColorValue, Comparison, Direction, Expr, IsFlag, LegalityFilter, ManaCost,
    NumericField, NumericOperand, Parity, Predicate, Query, Rarity, ReleaseValue, SortKey,
    TextMatch,
};
use super::keywords::rust_regex;
use crate::names::{name_key, name_words};

/// A query ready to run: `SELECT c.id FROM cards c WHERE {where_clause} ORDER BY {order_by}`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledQuery {
    /// The condition on `cards c`, with `?` placeholders.
    pub where_clause: String,
    /// Values for the placeholders, in order.
    pub params: Vec<Value>,
    /// Sort expressions, from a closed set; always ends with a unique tie-breaker.
    pub order_by: String,
}

impl CompiledQuery {
    /// The full statement selecting card ids; its last placeholder is the row limit.
    pub fn select_ids_sql(&self) -> String {
        format!(
            "SELECT c.id FROM cards c WHERE {} ORDER BY {} LIMIT ?",
            self.where_clause, self.order_by
        )
    }
}

/// Compiles a parsed query. Cannot fail: every tree the parser builds has SQL.
pub fn compile(query: &Query) -> CompiledQuery {
    let mut compiler = Compiler::default();
    let mut parts = 0;
    if !query.include_extras {
        compiler.push("c.extra = 0");
        parts += 1;
    }
    if let Some(filter) = &query.filter {
        if parts > 0 {
            compiler.push(" AND ");
        }
        compiler.expr(filter);
        parts += 1;
    }
    if parts == 0 {
        compiler.push("1");
    }
    let key = query.order.unwrap_or(SortKey::Name);
    let direction = query.direction.unwrap_or(key.natural_direction());
    CompiledQuery {
        where_clause: compiler.sql,
        params: compiler.params,
        order_by: order_by(key, direction),
    }
}

/// `text` as a `LIKE ... ESCAPE '\'` pattern matching it anywhere.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

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

/// Colour bitmasks (0..32) whose number of colours satisfies `keep`.
fn masks_where(keep: impl Fn(u32) -> bool) -> Vec<i64> {
    (0u8..32)
        .filter(|mask| keep(mask.count_ones()))
        .map(i64::from)
        .collect()
}

/// SQL for a numeric field; face fields use the alias `f`.
fn numeric_column(field: NumericField) -> &'static str {
    match field {
        NumericField::ManaValue => "c.mana_value",
        NumericField::Power => "f.power_value",
        NumericField::Toughness => "f.toughness_value",
        NumericField::PowerToughness => "(f.power_value + f.toughness_value)",
        NumericField::Loyalty => "f.loyalty_value",
        NumericField::Defense => "f.defense_value",
    }
}

/// Where a printing-level term looks: one printing row, or the card's own columns for
/// cards without printing rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrintingSource {
    Printing,
    Card,
}

/// Opens "some face of the card satisfies ...", as an `IN` list built once per statement:
/// for selective face terms (`pow>=8`) far cheaper than a subquery per card.
const FACE_IN: &str = "c.id IN (SELECT f.card_id FROM card_faces f WHERE ";
/// The same as a subquery per card: for face terms behind a cheap card-level test that
/// already rules out most cards (mana symbols, text around `~`), and which then let a scan
/// in name order stop at the limit.
const FACE_EXISTS: &str = "EXISTS (SELECT 1 FROM card_faces f WHERE f.card_id = c.id AND ";
/// The card types of the front face: the type line up to its first `—` or `//`.
const FRONT_TYPES: &str = "^[^/—]*";
const MANA_COST: &str = "coalesce(f.mana_cost, '')";
const BRACES_IN_COST: &str =
    "(length(coalesce(f.mana_cost, '')) - length(replace(coalesce(f.mana_cost, ''), '{', '')))";
/// Any braced number in a cost.
const GENERIC_SYMBOL: &str = r"\{\d+\}";

#[derive(Default)]
struct Compiler {
    sql: String,
    params: Vec<Value>,
}

impl Compiler {
    fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    fn param(&mut self, value: impl Into<Value>) {
        self.sql.push('?');
        self.params.push(value.into());
    }

    /// `?, ?, ?` for a list, or `NULL` for an empty one (`x IN (NULL)` is never true).
    fn param_list(&mut self, values: Vec<Value>) {
        if values.is_empty() {
            self.push("NULL");
        }
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.param(value);
        }
    }

    /// Writes `parts` joined by `separator`, each through `write`.
    fn join<T>(&mut self, parts: &[T], separator: &str, mut write: impl FnMut(&mut Self, &T)) {
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.push(separator);
            }
            write(self, part);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::And(operands) => {
                let mut printing = Vec::new();
                let mut others = Vec::new();
                for operand in operands {
                    match operand {
                        Expr::Predicate { predicate, .. } if predicate.is_printing_level() => {
                            printing.push(predicate)
                        }
                        other => others.push(other),
                    }
                }
                self.push("(");
                self.join(&others, " AND ", |c, e| c.expr(e));
                if !printing.is_empty() {
                    if !others.is_empty() {
                        self.push(" AND ");
                    }
                    self.printing_group(&printing);
                }
                self.push(")");
            }
            Expr::Or(operands) => {
                self.push("(");
                self.join(operands, " OR ", |c, e| c.expr(e));
                self.push(")");
            }
            Expr::Not(inner) => {
                self.push("NOT coalesce(");
                self.expr(inner);
                self.push(", 0)");
            }
            Expr::Predicate { predicate, .. } if predicate.is_printing_level() => {
                self.printing_group(&[predicate]);
            }
            Expr::Predicate { predicate, .. } => self.predicate(predicate),
        }
    }

    /// Printing-level terms that must hold for one printing; a card without printing rows
    /// is judged on its own rarity, release date and set list.
    fn printing_group(&mut self, predicates: &[&Predicate]) {
        self.push("(c.id IN (SELECT p.card_id FROM printings p WHERE ");
        self.join(predicates, " AND ", |c, p| {
            c.printing_condition(p, PrintingSource::Printing)
        });
        // Every card with a set list has printing rows (the importer adds one per listed
        // set), so an empty list is the cheap test for "no printing rows".
        self.push(") OR (c.printings = '[]' AND ");
        self.join(predicates, " AND ", |c, p| {
            c.printing_condition(p, PrintingSource::Card)
        });
        self.push("))");
    }

    fn printing_condition(&mut self, predicate: &Predicate, source: PrintingSource) {
        let (rarity, released) = match source {
            PrintingSource::Printing => ("p.rarity", "p.released_at"),
            PrintingSource::Card => ("c.rarity", "c.released_at"),
        };
        match predicate {
            Predicate::Set(code) => match source {
                PrintingSource::Printing => {
                    self.push("p.set_code = ");
                    self.param(code.clone());
                }
                PrintingSource::Card => {
                    self.push("EXISTS (SELECT 1 FROM json_each(c.printings) j WHERE j.value = ");
                    self.param(code.clone());
                    self.push(" COLLATE NOCASE)");
                }
            },
            Predicate::Rarity { op, rarity: asked } => {
                let names: Vec<Value> = Rarity::ALL
                    .iter()
                    .filter(|r| match op {
                        Comparison::Eq => *r == asked,
                        Comparison::Ne => *r != asked,
                        _ => match (r.rank(), asked.rank()) {
                            (Some(a), Some(b)) => op.holds(a, b),
                            _ => false,
                        },
                    })
                    .map(|r| Value::from(r.as_str().to_string()))
                    .collect();
                self.push(rarity);
                self.push(" IN (");
                self.param_list(names);
                self.push(")");
            }
            Predicate::Released { op, value } => self.released(released, *op, value),
            other => self.predicate(other),
        }
    }

    fn released(&mut self, column: &str, op: Comparison, value: &ReleaseValue) {
        match value {
            ReleaseValue::Year(year) => {
                let first = format!("{year:04}-01-01");
                let next = format!("{:04}-01-01", year + 1);
                let (sql_op, bound) = match op {
                    Comparison::Lt => ("<", first),
                    Comparison::Le => ("<", next),
                    Comparison::Gt => (">=", next),
                    Comparison::Ge => (">=", first),
                    Comparison::Eq | Comparison::Ne => {
                        self.push(if op == Comparison::Eq { "(" } else { "NOT (" });
                        self.push(column);
                        self.push(" >= ");
                        self.param(first);
                        self.push(" AND ");
                        self.push(column);
                        self.push(" < ");
                        self.param(next);
                        self.push(")");
                        return;
                    }
                };
                self.push(column);
                self.push(" ");
                self.push(sql_op);
                self.push(" ");
                self.param(bound);
            }
            ReleaseValue::Date(date) => {
                self.push(column);
                self.push(" ");
                self.push(op.sql());
                self.push(" ");
                self.param(date.clone());
            }
            ReleaseValue::SetReleased(code) => {
                self.push(column);
                self.push(" ");
                self.push(op.sql());
                self.push(" (SELECT s.released_at FROM sets s WHERE s.code = ");
                self.param(code.clone());
                self.push(")");
            }
        }
    }

    fn like(&mut self, column: &str, text: &str) {
        self.push(column);
        self.push(" LIKE ");
        self.param(contains_pattern(text));
        self.push(" ESCAPE '\\'");
    }

    fn regex(&mut self, column: &str, pattern: &str) {
        self.push(column);
        self.push(" REGEXP ");
        // Multi-line, so ^ and $ mark each ability's line as on Scryfall (`o:/^{T}:/`).
        self.param(format!("(?m){}", rust_regex(pattern)));
    }

    fn predicate(&mut self, predicate: &Predicate) {
        match predicate {
            Predicate::NameContains(text) => {
                let words = name_words(text);
                if words.is_empty() {
                    // Only punctuation: nothing for the folded name to hold, search the name.
                    self.like("c.name", text);
                } else {
                    // A column of the card itself: no subquery, so a scan in name order
                    // stops at the limit.
                    self.like("c.name_words", &words);
                }
            }
            Predicate::NameRegex(pattern) => self.regex("c.name", pattern),
            Predicate::ExactName(name) => {
                let key = name_key(name);
                if key.is_empty() {
                    self.push("c.name = ");
                    self.param(name.clone());
                    self.push(" COLLATE NOCASE");
                } else {
                    self.push("c.id IN (SELECT n.card_id FROM card_names n WHERE n.key = ");
                    self.param(key);
                    self.push(")");
                }
            }
            Predicate::Oracle { text, full } => {
                let column = if *full { "oracle_text" } else { "oracle_plain" };
                match text {
                    TextMatch::Contains(text) if text.contains('~') => {
                        // `~` is the face's own name; a face's text names its face. The
                        // text around `~` must be in the card's text: a cheap first test.
                        self.push("(");
                        for piece in text.split('~').map(str::trim).filter(|p| !p.is_empty()) {
                            self.like(&format!("c.{column}"), piece);
                            self.push(" AND ");
                        }
                        self.push(FACE_EXISTS);
                        self.push("f.");
                        self.push(column);
                        self.push(" LIKE replace(");
                        self.param(contains_pattern(text));
                        self.push(
                            ", '~', replace(replace(replace(f.name, '\\', '\\\\'), '%', '\\%'), '_', '\\_')) ESCAPE '\\'))",
                        );
                    }
                    TextMatch::Contains(text) => self.like(&format!("c.{column}"), text),
                    TextMatch::Regex(pattern) => self.regex(&format!("c.{column}"), pattern),
                }
            }
            Predicate::TypeLine(TextMatch::Contains(text)) => self.like("c.type_line", text),
            Predicate::TypeLine(TextMatch::Regex(pattern)) => self.regex("c.type_line", pattern),
            Predicate::Colors { field, op, value } => {
                let column = match field {
                    ColorField::Colors => "c.colors",
                    ColorField::Identity => "c.color_identity",
                };
                self.colors(column, *op, *value);
            }
            Predicate::Produces { op, mana } => {
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
                        self.push(if *op == Comparison::Eq { "(" } else { "NOT (" });
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
            Predicate::ManaCost { op, cost } => {
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
            Predicate::Numeric { field, op, value } => {
                let face_level = field.is_face_level()
                    || matches!(value, NumericOperand::Field(other) if other.is_face_level());
                if face_level {
                    self.push(FACE_IN);
                }
                self.push(numeric_column(*field));
                self.push(" ");
                self.push(op.sql());
                self.push(" ");
                match value {
                    NumericOperand::Number(number) => self.param(*number),
                    NumericOperand::Field(other) => self.push(numeric_column(*other)),
                }
                if face_level {
                    self.push(")");
                }
            }
            Predicate::ManaValueParity(parity) => {
                self.push("(c.mana_value = CAST(c.mana_value AS INTEGER) AND CAST(c.mana_value AS INTEGER) % 2 = ");
                self.param(match parity {
                    Parity::Even => 0i64,
                    Parity::Odd => 1,
                });
                self.push(")");
            }
            Predicate::Legality { status, format } => match status {
                // Most cards are legal in a format: test each card (primary key lookup) so a
                // scan in name order stops at the limit. Restricted cards are legal (one
                // copy), as on Scryfall.
                LegalityFilter::Legal => {
                    self.push("EXISTS (SELECT 1 FROM card_legalities l WHERE l.card_id = c.id AND l.format = ");
                    self.param(format.clone());
                    self.push(" AND l.status IN ('legal', 'restricted'))");
                }
                // Few cards are banned or restricted: list them once (format index).
                LegalityFilter::Banned | LegalityFilter::Restricted => {
                    self.push("c.id IN (SELECT l.card_id FROM card_legalities l WHERE l.format = ");
                    self.param(format.clone());
                    self.push(if *status == LegalityFilter::Banned {
                        " AND l.status = 'banned')"
                    } else {
                        " AND l.status = 'restricted')"
                    });
                }
            },
            Predicate::Keyword(keyword) => {
                self.push("c.id IN (SELECT k.card_id FROM card_keywords k WHERE k.keyword = ");
                self.param(keyword.clone());
                self.push(")");
            }
            Predicate::Is(flag) => self.is_flag(*flag),
            Predicate::HasColorIndicator => self.push("c.color_indicator IS NOT NULL"),
            Predicate::Game(game) => {
                self.push("(' ' || c.games || ' ') LIKE ");
                self.param(format!("% {} %", game.as_str()));
            }
            Predicate::Set(_) | Predicate::Rarity { .. } | Predicate::Released { .. } => {
                self.printing_group(&[predicate]);
            }
        }
    }

    fn colors(&mut self, column: &str, op: Comparison, value: ColorValue) {
        match value {
            ColorValue::Set(colors) => {
                let mask = i64::from(colors.bits());
                // Superset: every asked bit set; subset: no bit outside the asked ones.
                let superset = |c: &mut Self| {
                    c.push("(");
                    c.push(column);
                    c.push(" & ");
                    c.param(mask);
                    c.push(") = ");
                    c.param(mask);
                };
                let subset = |c: &mut Self| {
                    c.push("(");
                    c.push(column);
                    c.push(" | ");
                    c.param(mask);
                    c.push(") = ");
                    c.param(mask);
                };
                let differs = |c: &mut Self| {
                    c.push(column);
                    c.push(" <> ");
                    c.param(mask);
                };
                self.push("(");
                match op {
                    Comparison::Eq => {
                        self.push(column);
                        self.push(" = ");
                        self.param(mask);
                    }
                    Comparison::Ne => differs(self),
                    Comparison::Ge => superset(self),
                    Comparison::Le => subset(self),
                    Comparison::Gt => {
                        superset(self);
                        self.push(" AND ");
                        differs(self);
                    }
                    Comparison::Lt => {
                        subset(self);
                        self.push(" AND ");
                        differs(self);
                    }
                }
                self.push(")");
            }
            ColorValue::Multicolor => {
                self.push(column);
                self.push(if op == Comparison::Ne {
                    " NOT IN ("
                } else {
                    " IN ("
                });
                let masks = masks_where(|n| n >= 2);
                self.param_list(masks.into_iter().map(Value::from).collect());
                self.push(")");
            }
            ColorValue::Count(count) => {
                self.push(column);
                self.push(" IN (");
                let masks = masks_where(|n| op.holds(n, u32::from(count)));
                self.param_list(masks.into_iter().map(Value::from).collect());
                self.push(")");
            }
        }
    }

    /// `(occurrences of symbol in the face's cost) <op> count`, counted by how much the
    /// cost shrinks when the symbol is removed.
    fn symbol_count(&mut self, symbol: &str, op: &str, count: u32) {
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

    fn generic_at_least(&mut self, amount: u32) {
        self.push(MANA_COST);
        self.push(" REGEXP ");
        self.param(generic_at_least_pattern(amount));
    }

    /// `instr` tests for each symbol: cheap, and they rule out most faces before the counts.
    fn has_symbols(&mut self, cost: &ManaCost) {
        for symbol in cost.symbols.keys() {
            self.push(" AND instr(");
            self.push(MANA_COST);
            self.push(", ");
            self.param(symbol.clone());
            self.push(") > 0");
        }
    }

    fn cost_superset(&mut self, cost: &ManaCost) {
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

    fn cost_equal(&mut self, cost: &ManaCost) {
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

    fn cost_subset(&mut self, cost: &ManaCost) {
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

    /// `c.type_line REGEXP pattern` (case-insensitive; `\b` keeps `Land` out of `Island`).
    fn type_line_regex(&mut self, pattern: &str) {
        self.push("c.type_line REGEXP ");
        self.param(pattern.to_string());
    }

    fn is_flag(&mut self, flag: IsFlag) {
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

/// The `ORDER BY` for a key and direction; unknown values sort last either way, and the
/// name then the id break ties so results are stable.
fn order_by(key: SortKey, direction: Direction) -> String {
    let dir = match direction {
        Direction::Asc => "ASC",
        Direction::Desc => "DESC",
    };
    match key {
        SortKey::Name => format!("c.name {dir}, c.id"),
        SortKey::ManaValue => format!("c.mana_value {dir}, c.name, c.id"),
        SortKey::Color => format!(
            "CASE c.colors WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 4 THEN 3 WHEN 8 THEN 4 WHEN 16 THEN 5 WHEN 0 THEN 7 ELSE 6 END {dir}, c.colors {dir}, c.name, c.id"
        ),
        SortKey::Rarity => format!(
            "CASE c.rarity WHEN 'common' THEN 0 WHEN 'uncommon' THEN 1 WHEN 'rare' THEN 2 WHEN 'special' THEN 3 WHEN 'mythic' THEN 4 WHEN 'bonus' THEN 5 END {dir} NULLS LAST, c.name, c.id"
        ),
        SortKey::Edhrec => format!("c.edhrec_rank {dir} NULLS LAST, c.name, c.id"),
        SortKey::Released => format!("c.released_at {dir} NULLS LAST, c.name, c.id"),
        // The card's power/toughness columns hold the front face as printed; CAST keeps the
        // numeric part ("1+*" → 1, "*" → 0), as the faces' *_value columns do.
        SortKey::Power => format!("CAST(c.power AS REAL) {dir} NULLS LAST, c.name, c.id"),
        SortKey::Toughness => format!("CAST(c.toughness AS REAL) {dir} NULLS LAST, c.name, c.id"),
    }
}
