-- User data: decks. Never rebuilt or replaced by an import (unlike the reference database);
-- every change is a transaction, and a deleted deck stays as a tombstone for sync.

CREATE TABLE decks (
    id          TEXT PRIMARY KEY,                 -- UUID (v4)
    name        TEXT NOT NULL,
    format      TEXT,                             -- the game format it is built for ("commander"), if set
    created_at  TEXT NOT NULL,                    -- RFC 3339, UTC
    updated_at  TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1,       -- +1 on every change, deletion included
    deleted_at  TEXT                              -- set: a tombstone, hidden from lists
) WITHOUT ROWID;
CREATE INDEX decks_updated ON decks(updated_at);

-- A deck's lines in order. Names are the cards' printed names as resolved on import.
CREATE TABLE deck_cards (
    deck_id           TEXT NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    section           TEXT NOT NULL CHECK (section IN ('commander', 'companion', 'main', 'sideboard', 'maybeboard')),
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    name              TEXT NOT NULL CHECK (name <> ''),
    set_code          TEXT,
    collector_number  TEXT CHECK (collector_number IS NULL OR set_code IS NOT NULL),
    finish            TEXT CHECK (finish IN ('foil', 'etched')),
    PRIMARY KEY (deck_id, position)
) WITHOUT ROWID;
