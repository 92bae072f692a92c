//! MTGJSON v5: `AtomicCards.json` (one entry per card name, a list of faces) for cards, and
//! set files — `AllPrintings.json` or the per-set `<SET>.json` files — for printings.
//!
//! Both are read with serde visitors over the stream, one card or one set at a time.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::oracle_text::produced_mana;
use crate::model::{
    CardRecord, FaceRecord, Leadership, Legality, PrintingRecord, Ruling, SetRecord,
};
use crate::{Colors, Error, Result};

/// The `meta` object every MTGJSON file starts with.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Meta {
    /// Build date, YYYY-MM-DD.
    #[serde(default)]
    pub date: String,
    /// MTGJSON version, e.g. `5.2.0+20220425`.
    #[serde(default)]
    pub version: String,
}

/// One face object of `AtomicCards.json` (or a set file's card), the fields we keep.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AtomicFace {
    name: String,
    face_name: Option<String>,
    side: Option<String>,
    #[serde(default)]
    layout: String,
    mana_cost: Option<String>,
    mana_value: Option<f64>,
    converted_mana_cost: Option<f64>,
    face_mana_value: Option<f64>,
    #[serde(default, rename = "type")]
    type_line: String,
    #[serde(default)]
    supertypes: Vec<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    subtypes: Vec<String>,
    text: Option<String>,
    #[serde(default)]
    colors: Vec<String>,
    #[serde(default)]
    color_identity: Vec<String>,
    color_indicator: Option<Vec<String>>,
    power: Option<String>,
    toughness: Option<String>,
    loyalty: Option<String>,
    defense: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    legalities: BTreeMap<String, String>,
    #[serde(default)]
    rulings: Vec<AtomicRuling>,
    #[serde(default)]
    printings: Vec<String>,
    rarity: Option<String>,
    edhrec_rank: Option<i64>,
    #[serde(default)]
    identifiers: Identifiers,
    #[serde(default)]
    is_reserved: bool,
    #[serde(default)]
    is_funny: bool,
    leadership_skills: Option<LeadershipSkills>,
    #[serde(default)]
    availability: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Identifiers {
    scryfall_id: Option<String>,
    scryfall_oracle_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AtomicRuling {
    date: String,
    text: String,
}

#[derive(Debug, Default, Deserialize)]
struct LeadershipSkills {
    #[serde(default)]
    brawl: bool,
    #[serde(default)]
    commander: bool,
    #[serde(default)]
    oathbreaker: bool,
}

/// Builds one card from its faces (MTGJSON repeats card-level fields on every face).
fn card_from_faces(name: String, mut faces: Vec<AtomicFace>) -> Option<CardRecord> {
    faces.sort_by(|a, b| a.side.cmp(&b.side));
    let front = faces.first()?;
    let single = faces.len() == 1;
    let mut keywords: Vec<String> = Vec::new();
    let mut produced: Vec<String> = Vec::new();
    let mut colors = Colors::COLORLESS;
    for face in &faces {
        colors = colors.union(Colors::from_list(&face.colors));
        for kw in &face.keywords {
            if !keywords.contains(kw) {
                keywords.push(kw.clone());
            }
        }
        for symbol in produced_mana(face.text.as_deref().unwrap_or_default()) {
            if !produced.contains(&symbol) {
                produced.push(symbol);
            }
        }
    }
    let legalities = front
        .legalities
        .iter()
        .filter_map(|(format, status)| {
            Some((format.to_ascii_lowercase(), Legality::parse(status)?))
        })
        .collect();
    let leadership = front
        .leadership_skills
        .as_ref()
        .map_or_else(Leadership::default, |l| Leadership {
            commander: l.commander,
            brawl: l.brawl,
            oathbreaker: l.oathbreaker,
        });
    let record = CardRecord {
        oracle_id: front.identifiers.scryfall_oracle_id.clone(),
        layout: front.layout.clone(),
        mana_value: front
            .mana_value
            .or(front.converted_mana_cost)
            .unwrap_or(0.0),
        colors,
        color_identity: Colors::from_list(&front.color_identity),
        produced_mana: (!produced.is_empty()).then_some(produced),
        keywords,
        legalities,
        rulings: front
            .rulings
            .iter()
            .map(|r| Ruling {
                published: r.date.clone(),
                text: r.text.clone(),
            })
            .collect(),
        printings: front.printings.clone(),
        rarity: front.rarity.clone(),
        edhrec_rank: front.edhrec_rank,
        scryfall_id: front.identifiers.scryfall_id.clone(),
        reserved: front.is_reserved,
        funny: front.is_funny,
        leadership,
        games: front.availability.clone(),
        released_at: None,
        faces: faces
            .into_iter()
            .map(|f| FaceRecord {
                // `faceName` even for a lone face: MTGJSON links a single face object to a few
                // two-faced names ("Graf Rats // Chittering Host"), and that face's own name is
                // the one players look up. One-faced cards carry no `faceName`.
                name: f.face_name.clone().unwrap_or_else(|| f.name.clone()),
                mana_cost: f.mana_cost.filter(|c| !c.is_empty()),
                mana_value: f
                    .face_mana_value
                    .or(if single { f.mana_value } else { None }),
                type_line: f.type_line,
                supertypes: f.supertypes,
                types: f.types,
                subtypes: f.subtypes,
                oracle_text: f.text.unwrap_or_default(),
                colors: Colors::from_list(&f.colors),
                color_indicator: f.color_indicator.map(|c| Colors::from_list(&c)),
                power: f.power,
                toughness: f.toughness,
                loyalty: f.loyalty,
                defense: f.defense,
            })
            .collect(),
        name,
    };
    Some(record)
}

/// Records the first error a callback returned while serde drives the visitors, so it can be
/// returned as itself rather than as a JSON error.
fn stop<E: de::Error>(failure: &mut Option<Error>, error: Error) -> E {
    *failure = Some(error);
    E::custom("stopped by the importer")
}

/// The outcome of a visitor-driven read: a callback's error first, then serde's.
fn finish(
    source_name: &str,
    failure: Option<Error>,
    parsed: std::result::Result<(), serde_json::Error>,
) -> Result<()> {
    match (failure, parsed) {
        (Some(error), _) => Err(error),
        (None, Err(source)) => Err(Error::Json {
            source_name: source_name.to_string(),
            source,
        }),
        (None, Ok(())) => Ok(()),
    }
}

/// Streams `AtomicCards.json` (plain JSON; decompress first), calling `on_card` once per
/// card name. Returns the file's `meta` and the number of cards read.
pub fn read_atomic_cards(
    reader: impl Read,
    source_name: &str,
    mut on_card: impl FnMut(CardRecord) -> Result<()>,
) -> Result<(Meta, u64)> {
    let mut failure = None;
    let mut meta = Meta::default();
    let mut count = 0;
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let parsed = de
        .deserialize_map(FileVisitor {
            meta: &mut meta,
            data: AtomicData {
                on_card: &mut on_card,
                failure: &mut failure,
                count: &mut count,
            },
        })
        .and_then(|()| de.end());
    finish(source_name, failure, parsed)?;
    Ok((meta, count))
}

/// Visits an MTGJSON file's top level: `meta`, then `data` through `data`'s seed.
struct FileVisitor<'a, D> {
    meta: &'a mut Meta,
    data: D,
}

impl<'de, D: DeserializeSeed<'de, Value = ()>> Visitor<'de> for FileVisitor<'_, D> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an MTGJSON file: an object with `meta` and `data`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut data = Some(self.data);
        let mut saw_data = false;
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), data.take()) {
                ("meta", rest) => {
                    *self.meta = map.next_value()?;
                    data = rest;
                }
                ("data", Some(seed)) => {
                    map.next_value_seed(seed)?;
                    saw_data = true;
                }
                (_, rest) => {
                    map.next_value::<IgnoredAny>()?;
                    data = rest;
                }
            }
        }
        if saw_data {
            Ok(())
        } else {
            Err(de::Error::missing_field("data"))
        }
    }
}

struct AtomicData<'a, F> {
    on_card: &'a mut F,
    failure: &'a mut Option<Error>,
    count: &'a mut u64,
}

impl<'de, F: FnMut(CardRecord) -> Result<()>> DeserializeSeed<'de> for AtomicData<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(CardRecord) -> Result<()>> Visitor<'de> for AtomicData<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map from card name to a list of faces")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(name) = map.next_key::<String>()? {
            let faces: Vec<AtomicFace> = map.next_value()?;
            let Some(card) = card_from_faces(name.clone(), faces) else {
                return Err(de::Error::custom(format!("card \"{name}\" has no faces")));
            };
            (self.on_card)(card).map_err(|e| stop(self.failure, e))?;
            *self.count += 1;
        }
        Ok(())
    }
}

/// One card object of a set file, the fields a printing needs.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetCard {
    name: String,
    #[serde(default)]
    availability: Vec<String>,
    #[serde(default)]
    number: String,
    rarity: Option<String>,
    #[serde(default)]
    identifiers: Identifiers,
}

/// Streams an MTGJSON set file (`data` is one set) or `AllPrintings.json` (`data` maps set
/// codes to sets), calling `on_set` once per set with its printings. Returns the number of
/// sets read.
pub fn read_sets(
    reader: impl Read,
    source_name: &str,
    mut on_set: impl FnMut(SetRecord, Vec<PrintingRecord>) -> Result<()>,
) -> Result<u64> {
    let mut failure = None;
    let mut meta = Meta::default();
    let mut count = 0;
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let parsed = de
        .deserialize_map(FileVisitor {
            meta: &mut meta,
            data: SetsData {
                on_set: &mut on_set,
                failure: &mut failure,
                count: &mut count,
            },
        })
        .and_then(|()| de.end());
    finish(source_name, failure, parsed)?;
    Ok(count)
}

struct SetsData<'a, F> {
    on_set: &'a mut F,
    failure: &'a mut Option<Error>,
    count: &'a mut u64,
}

impl<'de, F: FnMut(SetRecord, Vec<PrintingRecord>) -> Result<()>> DeserializeSeed<'de>
    for SetsData<'_, F>
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// Collects one set's fields; MTGJSON writes keys alphabetically, so `cards` comes before
/// `code`, `name` and `releaseDate` and the set's printings are buffered (a few hundred).
#[derive(Default)]
struct SetBuilder {
    code: Option<String>,
    name: Option<String>,
    set_type: Option<String>,
    release_date: Option<String>,
    cards: Vec<SetCard>,
}

impl SetBuilder {
    /// Takes one set field; `false` when the key is not one we keep (its value is skipped).
    fn field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> std::result::Result<bool, A::Error> {
        match key {
            "code" => self.code = Some(map.next_value()?),
            "name" => self.name = Some(map.next_value()?),
            "type" => self.set_type = Some(map.next_value()?),
            "releaseDate" => self.release_date = Some(map.next_value()?),
            "cards" => self.cards = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn finish(self) -> Option<(SetRecord, Vec<PrintingRecord>)> {
        let code = self.code?.to_ascii_uppercase();
        let printings = self
            .cards
            .into_iter()
            .map(|c| PrintingRecord {
                card_name: c.name,
                oracle_id: c.identifiers.scryfall_oracle_id,
                set_code: code.clone(),
                collector_number: c.number,
                rarity: c.rarity,
                released_at: self.release_date.clone(),
                scryfall_id: c.identifiers.scryfall_id,
                games: c.availability,
            })
            .collect();
        let set = SetRecord {
            name: self.name.unwrap_or_else(|| code.clone()),
            code,
            set_type: self.set_type,
            released_at: self.release_date,
        };
        Some((set, printings))
    }
}

impl<'de, F: FnMut(SetRecord, Vec<PrintingRecord>) -> Result<()>> Visitor<'de> for SetsData<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a set object, or a map from set code to set object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        // A set file's `data` has lower-case field names; AllPrintings' has upper-case codes.
        let mut single = SetBuilder::default();
        let mut is_single = false;
        while let Some(key) = map.next_key::<String>()? {
            if key.starts_with(|c: char| c.is_ascii_lowercase()) {
                is_single = true;
                if !single.field(&key, &mut map)? {
                    map.next_value::<IgnoredAny>()?;
                }
                continue;
            }
            let set = map.next_value_seed(SetObject)?;
            if let Some((set, printings)) = set.finish() {
                (self.on_set)(set, printings).map_err(|e| stop(self.failure, e))?;
                *self.count += 1;
            }
        }
        if is_single {
            let Some((set, printings)) = single.finish() else {
                return Err(de::Error::missing_field("code"));
            };
            (self.on_set)(set, printings).map_err(|e| stop(self.failure, e))?;
            *self.count += 1;
        }
        Ok(())
    }
}

/// One set object inside `AllPrintings.json`.
struct SetObject;

impl<'de> DeserializeSeed<'de> for SetObject {
    type Value = SetBuilder;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<SetBuilder, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SetObject {
    type Value = SetBuilder;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a set object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<SetBuilder, A::Error> {
        let mut set = SetBuilder::default();
        while let Some(key) = map.next_key::<String>()? {
            if !set.field(&key, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(set)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> std::result::Result<SetBuilder, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A real face object (Lightning Bolt, from the shared MTGJSON 2022-04 build), trimmed to
    // the fields this reader keeps plus one it must ignore.
    const BOLT: &str = r#"{"meta": {"date": "2022-04-25", "version": "5.2.0+20220425"}, "data": {
        "Lightning Bolt": [{"availability": ["arena", "mtgo", "paper"], "colorIdentity": ["R"],
        "colors": ["R"], "convertedManaCost": 1.0, "edhrecRank": 398,
        "identifiers": {"scryfallId": "b14fae63-2e82-49c1-8e62-d84a65f27479",
        "scryfallOracleId": "4457ed35-7c10-48c8-9776-456485fdf070"}, "layout": "normal",
        "legalities": {"commander": "Legal", "historic": "Banned", "modern": "Legal"},
        "manaCost": "{R}", "manaValue": 1.0, "name": "Lightning Bolt", "printings": ["2ED", "LEA"],
        "rarity": "rare", "rulings": [], "subtypes": [], "supertypes": [],
        "text": "Lightning Bolt deals 3 damage to any target.", "type": "Instant",
        "types": ["Instant"], "somethingNew": {"x": 1}}]}}"#;

    #[test]
    fn atomic_card_maps_every_kept_field() {
        let mut cards = Vec::new();
        let (meta, count) = read_atomic_cards(BOLT.as_bytes(), "test", |c| {
            cards.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!((meta.version.as_str(), count), ("5.2.0+20220425", 1));
        let bolt = &cards[0];
        assert_eq!(bolt.name, "Lightning Bolt");
        assert_eq!(bolt.color_identity.to_string(), "R");
        assert_eq!(bolt.faces[0].mana_cost.as_deref(), Some("{R}"));
        assert_eq!(bolt.faces[0].types, vec!["Instant"]);
        assert!(
            bolt.legalities
                .contains(&("historic".into(), Legality::Banned))
        );
        assert_eq!(
            bolt.oracle_id.as_deref(),
            Some("4457ed35-7c10-48c8-9776-456485fdf070")
        );
        assert_eq!(bolt.games, vec!["arena", "mtgo", "paper"]);
    }

    #[test]
    fn a_callback_error_stops_the_read_and_is_returned_as_itself() {
        let err = read_atomic_cards(BOLT.as_bytes(), "test", |_| {
            Err(Error::format("x", "stop here"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("stop here"), "{err}");
    }

    #[test]
    fn truncated_and_foreign_json_are_errors() {
        let truncated = &BOLT[..BOLT.len() / 2];
        assert!(matches!(
            read_atomic_cards(truncated.as_bytes(), "t", |_| Ok(())),
            Err(Error::Json { .. })
        ));
        assert!(read_atomic_cards("[1, 2]".as_bytes(), "t", |_| Ok(())).is_err());
        assert!(read_atomic_cards(r#"{"meta": {}}"#.as_bytes(), "t", |_| Ok(())).is_err());
    }

    #[test]
    fn set_file_and_all_printings_both_read() {
        let set = r#"{"meta": {}, "data": {"baseSetSize": 1, "cards": [{"name": "Ancestor's Chosen",
            "number": "1", "rarity": "uncommon", "identifiers": {}}], "code": "10E",
            "name": "Tenth Edition", "releaseDate": "2007-07-13", "type": "core"}}"#;
        let all = format!(
            r#"{{"meta": {{}}, "data": {{"10E": {}}}}}"#,
            &set[set.find("{\"baseSetSize").unwrap()..set.len() - 1]
        );
        for text in [set.to_string(), all] {
            let mut seen = Vec::new();
            let n = read_sets(text.as_bytes(), "t", |s, p| {
                seen.push((s, p));
                Ok(())
            })
            .unwrap();
            assert_eq!(n, 1);
            let (set, printings) = &seen[0];
            assert_eq!(
                (set.code.as_str(), set.released_at.as_deref()),
                ("10E", Some("2007-07-13"))
            );
            assert_eq!(printings[0].card_name, "Ancestor's Chosen");
            assert_eq!(printings[0].released_at.as_deref(), Some("2007-07-13"));
        }
    }
}
