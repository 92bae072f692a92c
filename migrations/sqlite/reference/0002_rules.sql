-- Reference database: the Comprehensive Rules (codex::rules). Rebuilt from Wizards' text file
-- on every import. The effective date lives in `meta` under 'rules_effective_date'.

-- Every numbered entry: sections ('7'), chapters ('702'), rules ('702.19'), sub-rules ('702.19b').
CREATE TABLE rules (
    number      TEXT PRIMARY KEY,
    parent      TEXT REFERENCES rules(number) ON DELETE CASCADE,  -- NULL for a section
    level       TEXT NOT NULL CHECK (level IN ('section', 'chapter', 'rule', 'subrule')),
    text        TEXT NOT NULL,      -- a title for sections, chapters and keyword rules
    sort_order  INTEGER NOT NULL UNIQUE  -- position in the document; rowid of rules_fts
) WITHOUT ROWID;
CREATE INDEX rules_parent ON rules(parent, sort_order);

-- The "Example:" paragraphs printed under a rule, without the label.
CREATE TABLE rule_examples (
    rule_number  TEXT NOT NULL REFERENCES rules(number) ON DELETE CASCADE,
    position     INTEGER NOT NULL,  -- 0 for the first example under the rule
    text         TEXT NOT NULL,
    PRIMARY KEY (rule_number, position)
) WITHOUT ROWID;

CREATE TABLE glossary (
    id           INTEGER PRIMARY KEY,  -- position in the glossary; rowid of glossary_fts
    term         TEXT NOT NULL UNIQUE,
    key          TEXT NOT NULL,        -- codex::names::name_key(term): "statebasedactions"
    definition   TEXT NOT NULL,        -- verbatim; several meanings keep their "1." "2." lines
    cited_rules  TEXT NOT NULL DEFAULT '[]'  -- JSON array of rule numbers the definition cites
);

-- Every key a term is found under: the whole term, and each name of a term that lists
-- several ("Control, Controller" is found as "controller"; "Bury (Obsolete)" as "bury").
CREATE TABLE glossary_keys (
    key          TEXT NOT NULL,
    glossary_id  INTEGER NOT NULL REFERENCES glossary(id) ON DELETE CASCADE,
    whole_term   INTEGER NOT NULL,  -- 1 when the key is the whole term's: preferred on ties
    PRIMARY KEY (key, glossary_id)
) WITHOUT ROWID;

-- BM25 full text. Porter stemming so "tramples" finds "trample" and "assignment" finds
-- "assigns". Both tables keep their own copy of the text (about 1 MB): the examples live in
-- another table than the rule text, which external content cannot join.
CREATE VIRTUAL TABLE rules_fts USING fts5(
    text, examples,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE glossary_fts USING fts5(
    term, definition,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
