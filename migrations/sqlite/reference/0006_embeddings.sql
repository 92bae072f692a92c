-- Reference database: sentence embeddings for semantic search (codex::semantic).
-- Written by the embedding step that follows an import, never by the import itself, so a
-- knowledge base without an embedding model is complete for everything else.
--
-- Vectors are kept per distinct text (SHA-256 of the text embedded), not per card or rule:
-- an import replaces the cards and rules (their rows and ids are new) but carries these
-- tables over, and the next embedding step finds every unchanged text's vector by its hash
-- and embeds only what changed. The vectors themselves live in two vec0 tables created by
-- that step with the model's dimensions: card_vectors (card faces) and rule_vectors (rules
-- and glossary entries), both keyed by embedded_texts.id. The model they came from is
-- `embeddings.model` in meta; another model's vectors are dropped, never mixed.

CREATE TABLE embedded_texts (
    id         INTEGER PRIMARY KEY,          -- rowid in card_vectors or rule_vectors
    corpus     TEXT NOT NULL CHECK (corpus IN ('cards', 'rules')),
    text_hash  BLOB NOT NULL,                -- SHA-256 of the text embedded
    UNIQUE (corpus, text_hash)
);

-- Which vector each searchable item has now.
CREATE TABLE card_face_embeddings (
    card_id     INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    face_index  INTEGER NOT NULL,
    text_id     INTEGER NOT NULL REFERENCES embedded_texts(id),
    PRIMARY KEY (card_id, face_index)
) WITHOUT ROWID;
CREATE INDEX card_face_embeddings_text ON card_face_embeddings(text_id);

CREATE TABLE rule_embeddings (
    rule_number  TEXT PRIMARY KEY REFERENCES rules(number) ON DELETE CASCADE,
    text_id      INTEGER NOT NULL REFERENCES embedded_texts(id)
) WITHOUT ROWID;
CREATE INDEX rule_embeddings_text ON rule_embeddings(text_id);

CREATE TABLE glossary_embeddings (
    glossary_id  INTEGER PRIMARY KEY REFERENCES glossary(id) ON DELETE CASCADE,
    text_id      INTEGER NOT NULL REFERENCES embedded_texts(id)
);
CREATE INDEX glossary_embeddings_text ON glossary_embeddings(text_id);
