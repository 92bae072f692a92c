//! Writing parsed [`ComprehensiveRules`] into the reference database (tables of
//! `0002_rules.sql`). Replaces whatever rules were there; touches no other table than those
//! and the `rules_effective_date` row of `meta`.

use rusqlite::{Connection, params};

use super::ComprehensiveRules;
use crate::Result;
use crate::names::name_key;

/// The `meta` key holding the rules' effective date (`YYYY-MM-DD`).
pub(crate) const EFFECTIVE_DATE_KEY: &str = "rules_effective_date";

/// Stores `rules` in the database, replacing any rules stored before, all or nothing.
///
/// Works inside or outside a transaction the caller holds (it uses a savepoint).
pub fn store(conn: &Connection, rules: &ComprehensiveRules) -> Result<()> {
    conn.execute_batch("SAVEPOINT rules_store")?;
    match write(conn, rules) {
        Ok(()) => {
            conn.execute_batch("RELEASE rules_store")?;
            Ok(())
        }
        Err(e) => {
            // Undo the partial write but report the original failure, not a rollback one.
            let _ = conn.execute_batch("ROLLBACK TO rules_store; RELEASE rules_store");
            Err(e)
        }
    }
}

fn write(conn: &Connection, rules: &ComprehensiveRules) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM rules_fts;
         DELETE FROM glossary_fts;
         DELETE FROM glossary_keys;
         DELETE FROM glossary;
         DELETE FROM rule_examples;
         DELETE FROM rules;",
    )?;

    let mut insert_rule = conn.prepare(
        "INSERT INTO rules (number, parent, level, text, sort_order) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_example = conn
        .prepare("INSERT INTO rule_examples (rule_number, position, text) VALUES (?1, ?2, ?3)")?;
    let mut insert_rule_fts =
        conn.prepare("INSERT INTO rules_fts (rowid, text, examples) VALUES (?1, ?2, ?3)")?;
    // Parents come before children in the document, so the parent key always exists.
    for (sort_order, entry) in (1_i64..).zip(&rules.rules) {
        insert_rule.execute(params![
            entry.number,
            entry.parent,
            entry.level.as_str(),
            entry.text,
            sort_order
        ])?;
        for (position, example) in (0_i64..).zip(&entry.examples) {
            insert_example.execute(params![entry.number, position, example])?;
        }
        insert_rule_fts.execute(params![sort_order, entry.text, entry.examples.join("\n")])?;
    }

    let mut insert_term = conn.prepare(
        "INSERT INTO glossary (id, term, key, definition, cited_rules) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_key = conn.prepare(
        "INSERT OR IGNORE INTO glossary_keys (key, glossary_id, whole_term) VALUES (?1, ?2, ?3)",
    )?;
    let mut insert_term_fts =
        conn.prepare("INSERT INTO glossary_fts (rowid, term, definition) VALUES (?1, ?2, ?3)")?;
    for (id, entry) in (1_i64..).zip(&rules.glossary) {
        let cited =
            serde_json::to_string(&entry.cited_rules).map_err(|source| crate::Error::Json {
                source_name: "glossary citations".to_owned(),
                source,
            })?;
        insert_term.execute(params![
            id,
            entry.term,
            name_key(&entry.term),
            entry.definition,
            cited
        ])?;
        for (key, whole_term) in term_keys(&entry.term) {
            insert_key.execute(params![key, id, whole_term])?;
        }
        insert_term_fts.execute(params![id, entry.term, entry.definition])?;
    }

    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![EFFECTIVE_DATE_KEY, rules.effective_date],
    )?;
    Ok(())
}

/// The keys a glossary term is found under, the whole term's first (flagged `true`):
/// "Control, Controller" → `controlcontroller`, `control`, `controller`;
/// "Bury (Obsolete)" → `buryobsolete`, `bury`.
pub(crate) fn term_keys(term: &str) -> Vec<(String, bool)> {
    let whole = name_key(term);
    let mut keys = vec![(whole.clone(), true)];
    let current = term.trim_end_matches("(Obsolete)").trim();
    let names = std::iter::once(current).chain(current.split(','));
    for name in names {
        let key = name_key(name);
        if !key.is_empty() && !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, false));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::term_keys;

    fn keys(term: &str) -> Vec<String> {
        term_keys(term).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn terms_listing_several_names_are_found_under_each() {
        assert_eq!(
            keys("Control, Controller"),
            ["controlcontroller", "control", "controller"]
        );
        assert_eq!(keys("Bury (Obsolete)"), ["buryobsolete", "bury"]);
        assert_eq!(keys("State-Based Actions"), ["statebasedactions"]);
        assert_eq!(
            keys("Remove from the Game, Removed, Removed-from-the-Game Zone (Obsolete)"),
            [
                "removefromthegameremovedremovedfromthegamezoneobsolete",
                "removefromthegameremovedremovedfromthegamezone",
                "removefromthegame",
                "removed",
                "removedfromthegamezone"
            ]
        );
        assert!(term_keys("Trample")[0].1);
    }
}
