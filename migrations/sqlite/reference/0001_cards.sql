-- Reference database: cards. Rebuilt from public sources on every import; never holds user data.
-- Colours are WUBRG bitmasks (W=1, U=2, B=4, R=8, G=16) so Scryfall's subset/superset
-- comparisons are single integer tests.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cards (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,                -- full name, "A // B"; tokens may share a card's name
    oracle_id         TEXT,                         -- Scryfall oracle id
    layout            TEXT NOT NULL,
    mana_cost         TEXT,                         -- faces joined with " // "
    mana_value        REAL NOT NULL DEFAULT 0,
    type_line         TEXT NOT NULL DEFAULT '',     -- faces joined with " // "
    oracle_text       TEXT NOT NULL DEFAULT '',     -- faces joined with "\n//\n"
    oracle_plain      TEXT NOT NULL DEFAULT '',     -- oracle_text without (reminder text), for o:
    colors            INTEGER NOT NULL DEFAULT 0,
    color_identity    INTEGER NOT NULL DEFAULT 0,
    color_indicator   INTEGER,                      -- NULL: no colour indicator on any face
    produced_mana     TEXT,                         -- symbols without braces, e.g. "G" or "WUBRG", "C"
    keywords          TEXT NOT NULL DEFAULT '[]',   -- JSON array, as given by the source
    power             TEXT,                         -- front face, as printed ("*", "1+*")
    toughness         TEXT,
    loyalty           TEXT,
    defense           TEXT,
    rarity            TEXT,                         -- rarity of the representative printing
    edhrec_rank       INTEGER,
    reserved          INTEGER NOT NULL DEFAULT 0,
    funny             INTEGER NOT NULL DEFAULT 0,   -- Un-sets, playtest cards, acorn stamps
    extra             INTEGER NOT NULL DEFAULT 0,   -- non-playable layout: hidden unless include:extras
    can_be_commander  INTEGER NOT NULL DEFAULT 0,
    can_be_brawl_commander INTEGER NOT NULL DEFAULT 0,
    can_be_oathbreaker INTEGER NOT NULL DEFAULT 0,
    games             TEXT NOT NULL DEFAULT '',     -- space separated: paper arena mtgo
    scryfall_id       TEXT,                         -- representative printing, for image URLs
    released_at       TEXT,                         -- first printing's release date (YYYY-MM-DD)
    printings         TEXT NOT NULL DEFAULT '[]'    -- JSON array of set codes
);
CREATE INDEX cards_name ON cards(name);
CREATE INDEX cards_oracle_id ON cards(oracle_id);

CREATE TABLE card_faces (
    card_id          INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    face_index       INTEGER NOT NULL,
    name             TEXT NOT NULL,
    mana_cost        TEXT,
    mana_value       REAL,
    type_line        TEXT NOT NULL DEFAULT '',
    supertypes       TEXT NOT NULL DEFAULT '',      -- space separated
    types            TEXT NOT NULL DEFAULT '',
    subtypes         TEXT NOT NULL DEFAULT '',
    oracle_text      TEXT NOT NULL DEFAULT '',
    oracle_plain     TEXT NOT NULL DEFAULT '',      -- without (reminder text)
    colors           INTEGER NOT NULL DEFAULT 0,
    color_indicator  INTEGER,
    power            TEXT,
    power_value      REAL,                          -- numeric part: "1+*" -> 1, "*" -> 0, NULL if none
    toughness        TEXT,
    toughness_value  REAL,
    loyalty          TEXT,
    loyalty_value    REAL,
    defense          TEXT,
    defense_value    REAL,
    PRIMARY KEY (card_id, face_index)
) WITHOUT ROWID;

-- Lookup keys: the normalised full name and each face name (see codex::names::name_key).
CREATE TABLE card_names (
    key      TEXT NOT NULL,
    card_id  INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    PRIMARY KEY (key, card_id)
) WITHOUT ROWID;

CREATE TABLE card_legalities (
    card_id  INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    format   TEXT NOT NULL,                          -- lower case, e.g. "commander"
    status   TEXT NOT NULL CHECK (status IN ('legal', 'banned', 'restricted', 'not_legal')),
    PRIMARY KEY (card_id, format)
) WITHOUT ROWID;
CREATE INDEX card_legalities_format ON card_legalities(format, status, card_id);

CREATE TABLE card_keywords (
    card_id  INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    keyword  TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (card_id, keyword)
) WITHOUT ROWID;
CREATE INDEX card_keywords_keyword ON card_keywords(keyword, card_id);

CREATE TABLE rulings (
    card_id    INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    published  TEXT NOT NULL,                        -- YYYY-MM-DD
    text       TEXT NOT NULL
);
CREATE INDEX rulings_card ON rulings(card_id);

CREATE TABLE sets (
    code         TEXT PRIMARY KEY COLLATE NOCASE,
    name         TEXT NOT NULL,
    set_type     TEXT,
    released_at  TEXT
) WITHOUT ROWID;

CREATE TABLE printings (
    card_id           INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    set_code          TEXT NOT NULL COLLATE NOCASE,
    collector_number  TEXT NOT NULL DEFAULT '',
    rarity            TEXT,
    released_at       TEXT,
    scryfall_id       TEXT,
    games             TEXT NOT NULL DEFAULT '',     -- space separated: paper arena mtgo
    PRIMARY KEY (card_id, set_code, collector_number)
) WITHOUT ROWID;
CREATE INDEX printings_set ON printings(set_code, card_id);

-- BM25 full text over what a player reads on the card. External content: rows mirror `cards`.
CREATE VIRTUAL TABLE cards_fts USING fts5(
    name, type_line, oracle_text,
    content = 'cards', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
