-- Card search matches each bare word as a substring of the name with its words intact
-- (`bolt` finds Lightning Bolt, `tbolt` does not find Rift Bolt). The lookup keys in
-- card_names drop spaces, so they cannot say where a word ends: this column holds the name
-- folded once at import (see codex::names::name_words): accents and case folded,
-- punctuation dropped, words separated by one space ("Lim-Dûl's Vault" -> "limduls vault",
-- "Fire // Ice" -> "fire ice").
ALTER TABLE cards ADD COLUMN name_words TEXT NOT NULL DEFAULT '';
