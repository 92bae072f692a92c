-- Reference database: combos from the Commander Spellbook bulk export (variants.json).
-- One row per Spellbook "variant": a concrete set of cards (plus card templates such as
-- "Permanent Castable for {C}") that together produce results ("Infinite colorless mana").
-- Colours are WUBRG bitmasks like cards.color_identity.

CREATE TABLE combos (
    id                 INTEGER PRIMARY KEY,
    spellbook_id       TEXT NOT NULL UNIQUE,          -- e.g. "742-1295": the cards' Spellbook ids
    status             TEXT NOT NULL,                 -- "OK", "E" (example), as Spellbook gives it
    color_identity     INTEGER NOT NULL DEFAULT 0,
    card_count         INTEGER NOT NULL,              -- distinct card name keys in combo_cards
    mana_needed        TEXT NOT NULL DEFAULT '',      -- e.g. "{U}{U}{B}", free text at times
    mana_value_needed  INTEGER,
    description        TEXT NOT NULL DEFAULT '',      -- the steps, one per line, as published
    notes              TEXT NOT NULL DEFAULT '',
    popularity         INTEGER,                       -- decks on EDHREC holding the combo
    bracket_tag        TEXT,                          -- Spellbook's bracket letter (R, S, P, O, C, E)
    spoiler            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX combos_popularity ON combos(popularity DESC);

-- The cards a combo uses, in Spellbook's order. card_id is NULL when the card is not in `cards`
-- (newer than the card data, or an import without cards); name_key always allows matching.
CREATE TABLE combo_cards (
    combo_id               INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    name                   TEXT NOT NULL,
    name_key               TEXT NOT NULL,             -- codex::names::name_key(name)
    card_id                INTEGER REFERENCES cards(id) ON DELETE SET NULL,
    spellbook_card_id      INTEGER,
    oracle_id              TEXT,
    quantity               INTEGER NOT NULL DEFAULT 1,
    zone_locations         TEXT NOT NULL DEFAULT '',  -- Spellbook zone letters: H B C G L E
    battlefield_card_state TEXT NOT NULL DEFAULT '',
    exile_card_state       TEXT NOT NULL DEFAULT '',
    library_card_state     TEXT NOT NULL DEFAULT '',
    graveyard_card_state   TEXT NOT NULL DEFAULT '',
    must_be_commander      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (combo_id, position)
) WITHOUT ROWID;
CREATE INDEX combo_cards_name_key ON combo_cards(name_key, combo_id);
CREATE INDEX combo_cards_card ON combo_cards(card_id);

-- Requirements met by any of several cards ("Permanent Castable for {C}"), with the Scryfall
-- query Spellbook gives for the cards that qualify.
CREATE TABLE combo_templates (
    combo_id               INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    name                   TEXT NOT NULL,
    spellbook_template_id  INTEGER,
    scryfall_query         TEXT,
    quantity               INTEGER NOT NULL DEFAULT 1,
    zone_locations         TEXT NOT NULL DEFAULT '',
    battlefield_card_state TEXT NOT NULL DEFAULT '',
    exile_card_state       TEXT NOT NULL DEFAULT '',
    library_card_state     TEXT NOT NULL DEFAULT '',
    graveyard_card_state   TEXT NOT NULL DEFAULT '',
    must_be_commander      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (combo_id, position)
) WITHOUT ROWID;

-- What a combo produces (Spellbook "features"): "Infinite colorless mana", "Win the game".
CREATE TABLE combo_results (
    combo_id              INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    name                  TEXT NOT NULL,
    spellbook_feature_id  INTEGER,
    quantity              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (combo_id, position)
) WITHOUT ROWID;
CREATE INDEX combo_results_name ON combo_results(name COLLATE NOCASE, combo_id);

-- Formats the combo is legal in, as Spellbook judges it (lower case, underscores dropped:
-- "commander", "paupercommandermain").
CREATE TABLE combo_legalities (
    combo_id  INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    format    TEXT NOT NULL,
    legal     INTEGER NOT NULL,
    PRIMARY KEY (combo_id, format)
) WITHOUT ROWID;

-- Conditions before starting, one line each: "easy" (life total, untapped lands) and
-- "notable" (board states worth planning for), as Spellbook splits them.
CREATE TABLE combo_prerequisites (
    combo_id  INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('easy', 'notable')),
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (combo_id, kind, position)
) WITHOUT ROWID;

-- The description split into its numbered steps.
CREATE TABLE combo_steps (
    combo_id  INTEGER NOT NULL REFERENCES combos(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (combo_id, position)
) WITHOUT ROWID;
