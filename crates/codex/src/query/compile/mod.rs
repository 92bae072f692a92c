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
//!   printing (`s:lea r:rare` = rare in Alpha), as Scryfall matches printings. So must
//!   `or`/`not` combinations made only of such terms beside them: `s:lea (r:rare or
//!   r:uncommon)` and `s:lea -r:common` ask for one Alpha printing of that rarity. Negated
//!   printing terms with no positive one beside them mean "no printing" (`-s:lea`: never
//!   printed in Alpha), which is what players mean.
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
    ColorField, Expr, LegalityFilter, NumericField, NumericOperand, Parity, Predicate, Query,
    SortKey, TextMatch,
};
use super::scryfall_regex::rust_regex;
use crate::names::{name_key, name_words};

mod colors;
mod flags;
mod mana_cost;
mod order;
mod printing;
mod produced_mana;

#[cfg(test)]
pub(crate) use mana_cost::generic_at_least_pattern;
use order::order_by;
use printing::{PrintingExpr, PrintingTerm};

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

/// Opens "some face of the card satisfies ...", as an `IN` list built once per statement:
/// for selective face terms (`pow>=8`) far cheaper than a subquery per card.
const FACE_IN: &str = "c.id IN (SELECT f.card_id FROM card_faces f WHERE ";
/// The same as a subquery per card: for face terms behind a cheap card-level test that
/// already rules out most cards (mana symbols, text around `~`), and which then let a scan
/// in name order stop at the limit.
const FACE_EXISTS: &str = "EXISTS (SELECT 1 FROM card_faces f WHERE f.card_id = c.id AND ";

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
                // Printing-only operands (`s:lea`, `(r:rare or r:uncommon)`, `-r:common`)
                // are asked of one printing together, so `s:lea -r:common` means an Alpha
                // printing that is not common. Negations with no positive printing term
                // beside them keep their card-level meaning (`-s:lea`: never in Alpha).
                let mut printing = Vec::new();
                let mut others = Vec::new();
                for operand in operands {
                    match PrintingExpr::of(operand) {
                        Some(term) => printing.push((term, operand)),
                        None => others.push(operand),
                    }
                }
                if printing.iter().all(|(term, _)| term.is_negation()) {
                    others.extend(printing.drain(..).map(|(_, operand)| operand));
                }
                let printing: Vec<PrintingExpr<'_>> =
                    printing.into_iter().map(|(term, _)| term).collect();
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
            Expr::Or(operands) => match PrintingExpr::of(expr) {
                // `s:lea or s:leb`: one printing in either set.
                Some(printing) => self.printing_group(&[printing]),
                None => {
                    self.push("(");
                    self.join(operands, " OR ", |c, e| c.expr(e));
                    self.push(")");
                }
            },
            Expr::Not(inner) => {
                self.push("NOT coalesce(");
                self.expr(inner);
                self.push(", 0)");
            }
            Expr::Predicate { predicate, .. } => self.predicate(predicate),
        }
    }

    /// One printing-level term alone: some printing satisfies it.
    fn printing_term(&mut self, term: PrintingTerm<'_>) {
        self.printing_group(&[PrintingExpr::Term(term)]);
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
            Predicate::Produces { op, mana } => self.produces(*op, *mana),
            Predicate::ManaCost { op, cost } => self.mana_cost(*op, cost),
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
            Predicate::Set(code) => self.printing_term(PrintingTerm::Set(code)),
            Predicate::Rarity { op, rarity } => self.printing_term(PrintingTerm::Rarity {
                op: *op,
                rarity: *rarity,
            }),
            Predicate::Released { op, value } => {
                self.printing_term(PrintingTerm::Released { op: *op, value });
            }
        }
    }
}
