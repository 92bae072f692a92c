//! Writes card, set and printing records into the reference database.
//!
//! Used only while an import builds a fresh database file; see [`crate::import`].

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::model::{CardRecord, EXTRA_LAYOUTS, PrintingRecord, SetRecord, stat_value};
use crate::names::{name_key, name_words};
use crate::sources::oracle_text::without_reminder_text;

/// Inserts one card with its faces, name keys, legalities, keywords and rulings.
/// Returns its row id.
pub fn insert_card(conn: &Connection, card: &CardRecord) -> Result<i64> {
    let join =
        |f: &dyn Fn(&crate::model::FaceRecord) -> Option<String>, sep: &str| -> Option<String> {
            let parts: Vec<String> = card.faces.iter().filter_map(f).collect();
            (!parts.is_empty()).then(|| parts.join(sep))
        };
    let mana_cost = join(&|f| f.mana_cost.clone(), " // ");
    let type_line = join(&|f| Some(f.type_line.clone()), " // ").unwrap_or_default();
    let oracle_text = join(&|f| Some(f.oracle_text.clone()), "\n//\n").unwrap_or_default();
    let face_plain: Vec<String> = card
        .faces
        .iter()
        .map(|f| without_reminder_text(&f.oracle_text))
        .collect();
    let front = card.faces.first();
    let color_indicator = card
        .faces
        .iter()
        .filter_map(|f| f.color_indicator)
        .reduce(crate::Colors::union)
        .map(|c| c.bits());
    let games = card.games.join(" ");
    let keywords = serde_json::to_string(&card.keywords).unwrap_or_else(|_| "[]".into());
    let printings = serde_json::to_string(&card.printings).unwrap_or_else(|_| "[]".into());
    let produced = card.produced_mana.as_ref().map(|p| p.concat());

    let mut insert = conn.prepare_cached(
        "INSERT INTO cards (name, oracle_id, layout, mana_cost, mana_value, type_line, oracle_text,
             oracle_plain, colors, color_identity, color_indicator, produced_mana, keywords, power,
             toughness, loyalty, defense, rarity, edhrec_rank, reserved, funny, extra,
             can_be_commander, can_be_brawl_commander, can_be_oathbreaker, games, scryfall_id,
             released_at, printings, name_words)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?;
    insert.execute(params![
        card.name,
        card.oracle_id,
        card.layout,
        mana_cost,
        card.mana_value,
        type_line,
        oracle_text,
        face_plain.join("\n//\n"),
        card.colors.bits(),
        card.color_identity.bits(),
        color_indicator,
        produced,
        keywords,
        front.and_then(|f| f.power.clone()),
        front.and_then(|f| f.toughness.clone()),
        front.and_then(|f| f.loyalty.clone()),
        front.and_then(|f| f.defense.clone()),
        card.rarity,
        card.edhrec_rank,
        card.reserved,
        card.funny,
        EXTRA_LAYOUTS.contains(&card.layout.as_str()),
        card.leadership.commander,
        card.leadership.brawl,
        card.leadership.oathbreaker,
        games,
        card.scryfall_id,
        card.released_at,
        printings,
        name_words(&card.name),
    ])?;
    let id = conn.last_insert_rowid();

    let mut face_insert = conn.prepare_cached(
        "INSERT INTO card_faces (card_id, face_index, name, mana_cost, mana_value, type_line,
             supertypes, types, subtypes, oracle_text, oracle_plain, colors, color_indicator,
             power, power_value, toughness, toughness_value, loyalty, loyalty_value, defense,
             defense_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21)",
    )?;
    let mut name_insert =
        conn.prepare_cached("INSERT OR IGNORE INTO card_names (key, card_id) VALUES (?1, ?2)")?;
    name_insert.execute(params![name_key(&card.name), id])?;
    for (index, (face, plain)) in card.faces.iter().zip(&face_plain).enumerate() {
        face_insert.execute(params![
            id,
            index as i64,
            face.name,
            face.mana_cost,
            face.mana_value,
            face.type_line,
            face.supertypes.join(" "),
            face.types.join(" "),
            face.subtypes.join(" "),
            face.oracle_text,
            plain,
            face.colors.bits(),
            face.color_indicator.map(|c| c.bits()),
            face.power,
            stat_value(face.power.as_deref()),
            face.toughness,
            stat_value(face.toughness.as_deref()),
            face.loyalty,
            stat_value(face.loyalty.as_deref()),
            face.defense,
            stat_value(face.defense.as_deref()),
        ])?;
        name_insert.execute(params![name_key(&face.name), id])?;
    }

    let mut legality = conn.prepare_cached(
        "INSERT OR REPLACE INTO card_legalities (card_id, format, status) VALUES (?1, ?2, ?3)",
    )?;
    for (format, status) in &card.legalities {
        legality.execute(params![id, format, status.as_str()])?;
    }
    let mut keyword = conn
        .prepare_cached("INSERT OR IGNORE INTO card_keywords (card_id, keyword) VALUES (?1, ?2)")?;
    for kw in &card.keywords {
        keyword.execute(params![id, kw])?;
    }
    let mut ruling =
        conn.prepare_cached("INSERT INTO rulings (card_id, published, text) VALUES (?1, ?2, ?3)")?;
    for r in &card.rulings {
        ruling.execute(params![id, r.published, r.text])?;
    }
    Ok(id)
}

/// Inserts or updates a set.
pub fn upsert_set(conn: &Connection, set: &SetRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sets (code, name, set_type, released_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, set_type = excluded.set_type,
             released_at = coalesce(excluded.released_at, sets.released_at)",
    )?
    .execute(params![set.code, set.name, set.set_type, set.released_at])?;
    Ok(())
}

/// Inserts one printing, matched to its card by oracle id, else by name (a printing of a card
/// the database does not hold — a token, an un-card missing from the card file — is skipped).
/// Returns whether it was stored.
pub fn insert_printing(conn: &Connection, printing: &PrintingRecord) -> Result<bool> {
    let by_oracle = match &printing.oracle_id {
        Some(oracle_id) => conn
            .prepare_cached("SELECT id FROM cards WHERE oracle_id = ?1 ORDER BY extra LIMIT 1")?
            .query_row([oracle_id], |r| r.get::<_, i64>(0))
            .optional()?,
        None => None,
    };
    let card_id = match by_oracle {
        Some(id) => Some(id),
        None => conn
            .prepare_cached("SELECT id FROM cards WHERE name = ?1 ORDER BY extra LIMIT 1")?
            .query_row([&printing.card_name], |r| r.get::<_, i64>(0))
            .optional()?,
    };
    let Some(card_id) = card_id else {
        return Ok(false);
    };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO printings (card_id, set_code, collector_number, rarity, released_at, scryfall_id, games)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        card_id,
        printing.set_code,
        printing.collector_number,
        printing.rarity,
        printing.released_at,
        printing.scryfall_id,
        printing.games.join(" "),
    ])?;
    Ok(true)
}

/// Attaches a ruling to every card with this Scryfall oracle id.
pub fn insert_ruling_by_oracle_id(
    conn: &Connection,
    oracle_id: &str,
    ruling: &crate::model::Ruling,
) -> Result<()> {
    conn.prepare_cached("INSERT INTO rulings (card_id, published, text) SELECT id, ?2, ?3 FROM cards WHERE oracle_id = ?1")?
        .execute(params![oracle_id, ruling.published, ruling.text])?;
    Ok(())
}

/// Derived data filled once all cards, sets and printings are in: the full-text index, each
/// card's first release date, the games any printing is on (a card file names only its
/// representative printing's), and a printing row per listed set for cards whose set files
/// were not imported (so `s:` works from the card file alone).
pub fn finish_cards(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT OR IGNORE INTO printings (card_id, set_code, collector_number, rarity, released_at)
             SELECT c.id, upper(j.value), '', NULL, s.released_at
             FROM cards c, json_each(c.printings) j LEFT JOIN sets s ON s.code = j.value
             WHERE NOT EXISTS (SELECT 1 FROM printings p WHERE p.card_id = c.id AND p.set_code = j.value);
         UPDATE sets SET released_at = (SELECT min(p.released_at) FROM printings p WHERE p.set_code = sets.code)
             WHERE released_at IS NULL;
         UPDATE cards SET games = trim(
                 CASE WHEN instr(games, 'paper') OR EXISTS (SELECT 1 FROM printings p WHERE p.card_id = cards.id AND instr(p.games, 'paper')) THEN 'paper ' ELSE '' END ||
                 CASE WHEN instr(games, 'arena') OR EXISTS (SELECT 1 FROM printings p WHERE p.card_id = cards.id AND instr(p.games, 'arena')) THEN 'arena ' ELSE '' END ||
                 CASE WHEN instr(games, 'mtgo') OR EXISTS (SELECT 1 FROM printings p WHERE p.card_id = cards.id AND instr(p.games, 'mtgo')) THEN 'mtgo' ELSE '' END);
         -- A Scryfall card object names only its own printing: the printings file knows them all.
         UPDATE cards SET
             printings = (SELECT json_group_array(code) FROM
                 (SELECT DISTINCT upper(p.set_code) AS code FROM printings p WHERE p.card_id = cards.id ORDER BY 1)),
             released_at = coalesce((SELECT min(p.released_at) FROM printings p WHERE p.card_id = cards.id), released_at)
             WHERE EXISTS (SELECT 1 FROM printings p WHERE p.card_id = cards.id);
         INSERT INTO cards_fts(cards_fts) VALUES ('rebuild');
         INSERT INTO cards_fts(cards_fts) VALUES ('optimize');",
    )?;
    Ok(())
}
