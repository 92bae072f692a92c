//! Feeds arbitrary text to the Scryfall query parser: it must never panic, every error must
//! point inside the query, and every accepted query must compile to SQL whose placeholders
//! match its parameters.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match codex::query::parse(text) {
        Ok(query) => {
            let sql = codex::query::compile(&query);
            assert_eq!(sql.where_clause.matches('?').count(), sql.params.len());
            let _ = sql.select_ids_sql();
        }
        Err(err) => {
            assert!(err.start <= err.end, "{err:?}");
            assert!(err.end <= text.chars().count(), "{err:?}");
            let _ = err.render(text);
        }
    }
});
