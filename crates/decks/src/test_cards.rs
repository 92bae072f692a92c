//! Cards made up for unit tests: the fields a test sets, the rest empty.

use std::collections::BTreeMap;

use codex::card::{Card, CardFace};

/// A card with the given cost, mana value, front-face types and text.
pub(crate) fn card(name: &str, cost: &str, mana_value: f64, types: &str, text: &str) -> Card {
    let face = CardFace {
        name: name.to_owned(),
        mana_cost: Some(cost.to_owned()),
        mana_value: Some(mana_value),
        type_line: types.to_owned(),
        supertypes: Vec::new(),
        types: types.split_whitespace().map(str::to_owned).collect(),
        subtypes: Vec::new(),
        oracle_text: text.to_owned(),
        colors: Vec::new(),
        color_indicator: None,
        power: None,
        toughness: None,
        loyalty: None,
        defense: None,
    };
    Card {
        name: name.to_owned(),
        layout: "normal".to_owned(),
        mana_cost: Some(cost.to_owned()),
        mana_value,
        type_line: types.to_owned(),
        oracle_text: text.to_owned(),
        colors: Vec::new(),
        color_identity: Vec::new(),
        color_indicator: None,
        produced_mana: None,
        keywords: Vec::new(),
        power: None,
        toughness: None,
        loyalty: None,
        defense: None,
        faces: vec![face],
        legalities: BTreeMap::new(),
        rarity: None,
        edhrec_rank: None,
        reserved: false,
        can_be_commander: false,
        released_at: None,
        games: Vec::new(),
        oracle_id: None,
        scryfall_id: None,
        image_url: None,
        extra: false,
        printings: None,
        rulings: None,
    }
}

/// `card` with supertypes, subtypes and keywords set on it and its front face.
pub(crate) fn legend(
    name: &str,
    types: &str,
    subtypes: &str,
    keywords: &[&str],
    text: &str,
) -> Card {
    let mut made = card(name, "{2}", 2.0, types, text);
    made.faces[0].supertypes = vec!["Legendary".to_owned()];
    made.faces[0].subtypes = subtypes.split_whitespace().map(str::to_owned).collect();
    made.keywords = keywords.iter().map(|k| (*k).to_owned()).collect();
    made.can_be_commander = types.contains("Creature");
    made
}
