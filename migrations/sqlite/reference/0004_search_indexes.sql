-- Indexes for card search's printing-level filters (codex::query). Measured on the full card
-- set (23.7K cards, 64K printings): `year=2009 t:goblin` 8 ms -> 3 ms and `r:mythic`
-- 2.8 ms -> 1 ms, since `year`/`date` and `r:` otherwise scan every printing.
-- (`s:` already has printings_set; name order has cards_name.)
CREATE INDEX printings_released ON printings(released_at, card_id);
CREATE INDEX printings_rarity ON printings(rarity, card_id);
