//! SQL functions the query compiler relies on, registered on every connection.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::Result;

/// Registers `regexp(pattern, text)` (so `text REGEXP pattern` works) with a per-statement
/// cache of the compiled pattern. Scryfall's `o:/.../` regexes are case-insensitive.
pub fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "regexp",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let regex: std::sync::Arc<regex::Regex> = ctx.get_or_create_aux(0, |vr| {
                let pattern = vr.as_str()?;
                regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))
            })?;
            let text = ctx.get_raw(1).as_str_or_null()?;
            Ok(text.is_some_and(|t| regex.is_match(t)))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn regexp_matches_case_insensitively() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        super::register(&conn).unwrap();
        let hit: bool = conn
            .query_row(
                "SELECT 'Deals 3 damage' REGEXP 'deals \\d damage'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(hit);
    }
}
