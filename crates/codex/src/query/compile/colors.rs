//! `c:` and `id:`: colour bitmasks compared as sets, or by number of colours.

use rusqlite::types::Value;

use super::Compiler;
use crate::query::ast::{ColorValue, Comparison};

/// Colour bitmasks (0..32) whose number of colours satisfies `keep`.
fn masks_where(keep: impl Fn(u32) -> bool) -> Vec<i64> {
    (0u8..32)
        .filter(|mask| keep(mask.count_ones()))
        .map(i64::from)
        .collect()
}

impl Compiler {
    pub(super) fn colors(&mut self, column: &str, op: Comparison, value: ColorValue) {
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
}
