//! Printing-level terms (set, rarity, release date): held by one printing row, or by the
//! card's own columns for cards without printing rows.

use rusqlite::types::Value;

use super::Compiler;
use crate::query::ast::{Comparison, Predicate, Rarity, ReleaseValue};

/// Where a printing-level term looks: one printing row, or the card's own columns for
/// cards without printing rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrintingSource {
    Printing,
    Card,
}

impl Compiler {
    /// Printing-level terms that must hold for one printing; a card without printing rows
    /// is judged on its own rarity, release date and set list.
    pub(super) fn printing_group(&mut self, predicates: &[&Predicate]) {
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
}
