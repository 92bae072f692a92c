//! `order:` and `dir:` → a fixed `ORDER BY`.

use crate::query::ast::{Direction, SortKey};

/// The `ORDER BY` for a key and direction; unknown values sort last either way, and the
/// name then the id break ties so results are stable.
pub(super) fn order_by(key: SortKey, direction: Direction) -> String {
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
