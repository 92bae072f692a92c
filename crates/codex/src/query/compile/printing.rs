//! Printing-level terms (set, rarity, release date): held by one printing row, or by the
//! card's own columns for cards without printing rows.

use rusqlite::types::Value;

use super::Compiler;
use crate::query::ast::{Comparison, Expr, Predicate, Rarity, ReleaseValue};

/// Where a printing-level term looks: one printing row, or the card's own columns for
/// cards without printing rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrintingSource {
    Printing,
    Card,
}

/// One printing-level term.
#[derive(Clone, Copy)]
pub(super) enum PrintingTerm<'a> {
    /// `s:`
    Set(&'a str),
    /// `r:`
    Rarity { op: Comparison, rarity: Rarity },
    /// `year` / `date`
    Released {
        op: Comparison,
        value: &'a ReleaseValue,
    },
}

impl<'a> PrintingTerm<'a> {
    /// The printing-level term a predicate asks, if it asks one.
    pub(super) fn of(predicate: &'a Predicate) -> Option<Self> {
        match predicate {
            Predicate::Set(code) => Some(PrintingTerm::Set(code)),
            Predicate::Rarity { op, rarity } => Some(PrintingTerm::Rarity {
                op: *op,
                rarity: *rarity,
            }),
            Predicate::Released { op, value } => Some(PrintingTerm::Released { op: *op, value }),
            _ => None,
        }
    }
}

/// An expression made only of printing-level terms (`s:lea (r:rare or r:uncommon)`): it
/// can be asked of a single printing.
pub(super) enum PrintingExpr<'a> {
    And(Vec<PrintingExpr<'a>>),
    Or(Vec<PrintingExpr<'a>>),
    Not(Box<PrintingExpr<'a>>),
    Term(PrintingTerm<'a>),
}

impl<'a> PrintingExpr<'a> {
    /// `expr` as a printing-only expression; `None` when any part of it is about the card.
    pub(super) fn of(expr: &'a Expr) -> Option<Self> {
        let all = |operands: &'a [Expr]| -> Option<Vec<PrintingExpr<'a>>> {
            operands.iter().map(PrintingExpr::of).collect()
        };
        match expr {
            Expr::And(operands) => all(operands).map(PrintingExpr::And),
            Expr::Or(operands) => all(operands).map(PrintingExpr::Or),
            Expr::Not(inner) => PrintingExpr::of(inner).map(|e| PrintingExpr::Not(Box::new(e))),
            Expr::Predicate { predicate, .. } => {
                PrintingTerm::of(predicate).map(PrintingExpr::Term)
            }
        }
    }

    /// Whether this is a negation (`-s:lea`), which alone means "no printing".
    pub(super) fn is_negation(&self) -> bool {
        matches!(self, PrintingExpr::Not(_))
    }
}

impl Compiler {
    /// Printing-level expressions that must all hold for one printing; a card without
    /// printing rows is judged on its own rarity, release date and set list.
    pub(super) fn printing_group(&mut self, group: &[PrintingExpr<'_>]) {
        self.push("(c.id IN (SELECT p.card_id FROM printings p WHERE ");
        self.join(group, " AND ", |c, e| {
            c.printing_expr(e, PrintingSource::Printing)
        });
        // Every card with a set list has printing rows (the importer adds one per listed
        // set), so an empty list is the cheap test for "no printing rows".
        self.push(") OR (c.printings = '[]' AND ");
        self.join(group, " AND ", |c, e| {
            c.printing_expr(e, PrintingSource::Card)
        });
        self.push("))");
    }

    fn printing_expr(&mut self, expr: &PrintingExpr<'_>, source: PrintingSource) {
        match expr {
            PrintingExpr::And(operands) => {
                self.push("(");
                self.join(operands, " AND ", |c, e| c.printing_expr(e, source));
                self.push(")");
            }
            PrintingExpr::Or(operands) => {
                self.push("(");
                self.join(operands, " OR ", |c, e| c.printing_expr(e, source));
                self.push(")");
            }
            PrintingExpr::Not(inner) => {
                // A printing with an unknown rarity or date is "not" that rarity or date.
                self.push("NOT coalesce(");
                self.printing_expr(inner, source);
                self.push(", 0)");
            }
            PrintingExpr::Term(term) => self.printing_condition(*term, source),
        }
    }

    fn printing_condition(&mut self, term: PrintingTerm<'_>, source: PrintingSource) {
        let (rarity, released) = match source {
            PrintingSource::Printing => ("p.rarity", "p.released_at"),
            PrintingSource::Card => ("c.rarity", "c.released_at"),
        };
        match term {
            PrintingTerm::Set(code) => match source {
                PrintingSource::Printing => {
                    self.push("p.set_code = ");
                    self.param(code.to_string());
                }
                PrintingSource::Card => {
                    self.push("EXISTS (SELECT 1 FROM json_each(c.printings) j WHERE j.value = ");
                    self.param(code.to_string());
                    self.push(" COLLATE NOCASE)");
                }
            },
            PrintingTerm::Rarity { op, rarity: asked } => {
                let names: Vec<Value> = Rarity::ALL
                    .iter()
                    .filter(|r| match op {
                        Comparison::Eq => **r == asked,
                        Comparison::Ne => **r != asked,
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
            PrintingTerm::Released { op, value } => self.released(released, op, value),
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
