//! Reads Scryfall's bulk data files into codex's records.
//!
//! Three files are understood, each a top-level JSON array that is streamed one element at a
//! time (the `oracle-cards` file is about 160 MB; it is never held whole in memory, nor parsed
//! into a `serde_json::Value`):
//! - `oracle-cards`: one card object per Oracle id, read by [`read_cards`] into [`CardRecord`]s;
//! - `default-cards`: one card object per printing, read by [`read_printings`] into
//!   [`PrintingRecord`]s and their [`SetRecord`]s;
//! - `rulings`: one ruling object per ruling, read by [`read_rulings`] into [`Ruling`]s.
//!
//! Fields codex does not use are skipped, so new Scryfall fields don't break an import, and a
//! card object may lack any field Scryfall leaves out for some cards. Malformed or truncated
//! input is an [`Error`], never a panic. This module neither downloads nor stores anything.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer as _, MapAccess, SeqAccess, Visitor};

use crate::model::{
    CardRecord, EXTRA_LAYOUTS, FaceRecord, Leadership, Legality, PrintingRecord, Ruling, SetRecord,
};
use crate::{Colors, Error, Result};

/// Supertypes a type line may start with (CR 205.4a, plus the Alchemy `Elite` and Unstable
/// `Host` supertypes that Scryfall prints).
const SUPERTYPES: &[&str] = &[
    "Basic",
    "Legendary",
    "Ongoing",
    "Snow",
    "World",
    "Elite",
    "Host",
];

/// Words Scryfall puts on a type line that name the kind of game object (a token, an emblem, an
/// art-series card) rather than a card type (CR 300.1); the layout already records them.
const OBJECT_KINDS: &[&str] = &["Token", "Emblem", "Card"];

/// Reads an `oracle-cards` bulk file (a JSON array of card objects) and hands each card to
/// `on_card`, in file order. Returns how many cards were read.
///
/// `source_name` names the input in errors. An error from `on_card` stops the read and is
/// returned as is.
pub fn read_cards(
    reader: impl Read,
    source_name: &str,
    mut on_card: impl FnMut(CardRecord) -> Result<()>,
) -> Result<u64> {
    for_each_element(reader, source_name, "card objects", |card: ScryfallCard| {
        on_card(card_record(card))
    })
}

/// Reads a `default-cards` bulk file (a JSON array with one card object per printing) and hands
/// each printing with its set to `on_printing`, in file order. Returns how many printings were
/// read.
///
/// Card objects don't carry their set's release date (only the printing's), so
/// [`SetRecord::released_at`] is left `None`.
pub fn read_printings(
    reader: impl Read,
    source_name: &str,
    mut on_printing: impl FnMut(PrintingRecord, SetRecord) -> Result<()>,
) -> Result<u64> {
    for_each_element(
        reader,
        source_name,
        "card objects",
        |printing: ScryfallPrinting| {
            let (printing, set) = printing_records(printing);
            on_printing(printing, set)
        },
    )
}

/// Reads a `rulings` bulk file (a JSON array of ruling objects) and hands each ruling with the
/// Oracle id it belongs to to `on_ruling`, in file order. Returns how many rulings were read.
pub fn read_rulings(
    reader: impl Read,
    source_name: &str,
    mut on_ruling: impl FnMut(String, Ruling) -> Result<()>,
) -> Result<u64> {
    for_each_element(
        reader,
        source_name,
        "ruling objects",
        |ruling: ScryfallRuling| {
            on_ruling(
                ruling.oracle_id,
                Ruling {
                    published: ruling.published_at,
                    text: ruling.comment,
                },
            )
        },
    )
}

/// Whether the input's first non-blank byte opens an object: Scryfall's JSON Lines bulk files
/// (`jsonl_download_uri`, served since 2026) hold one object per line instead of an array.
fn starts_with_object(reader: &mut impl BufRead) -> std::io::Result<bool> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => return Ok(buf[i] == b'{'),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Streams a JSON Lines file (one element per line) into `on_element`.
fn for_each_line<T, F>(reader: impl Read, source_name: &str, mut on_element: F) -> Result<u64>
where
    T: DeserializeOwned,
    F: FnMut(T) -> Result<()>,
{
    let mut count = 0;
    for element in serde_json::Deserializer::from_reader(reader).into_iter::<T>() {
        let element = element.map_err(|source| Error::BulkElement {
            source_name: source_name.to_owned(),
            index: count,
            source,
        })?;
        on_element(element)?;
        count += 1;
    }
    Ok(count)
}

/// Streams the elements of a top-level JSON array (or JSON Lines) into `on_element`, one at a
/// time.
fn for_each_element<T, F>(
    reader: impl Read,
    source_name: &str,
    what: &'static str,
    on_element: F,
) -> Result<u64>
where
    T: DeserializeOwned,
    F: FnMut(T) -> Result<()>,
{
    // serde_json reads byte by byte; an unbuffered file would cost a syscall per byte.
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    if starts_with_object(&mut reader).map_err(|e| Error::io(source_name, e))? {
        return for_each_line(reader, source_name, on_element);
    }
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let mut sink = ElementSink {
        on_element,
        what,
        count: 0,
        inside_array: false,
        stopped_by: None,
        element: PhantomData,
    };
    let outcome = deserializer.deserialize_seq(&mut sink);
    if let Some(error) = sink.stopped_by.take() {
        return Err(error);
    }
    match outcome {
        Ok(()) => {}
        Err(source) if sink.inside_array => {
            return Err(Error::BulkElement {
                source_name: source_name.to_owned(),
                index: sink.count,
                source,
            });
        }
        Err(source) => {
            return Err(Error::Json {
                source_name: source_name.to_owned(),
                source,
            });
        }
    }
    // Anything after the closing bracket means the file is not the array it claims to be.
    deserializer.end().map_err(|source| Error::Json {
        source_name: source_name.to_owned(),
        source,
    })?;
    Ok(sink.count)
}

/// A serde visitor over the top-level array that hands each element on as soon as it is parsed.
struct ElementSink<T, F> {
    on_element: F,
    what: &'static str,
    /// Elements handed on so far; also the index of the element being read.
    count: u64,
    /// Whether the input was an array at all, to tell a bad element from a bad file.
    inside_array: bool,
    /// The callback's own error, kept because serde can only carry its own error type out.
    stopped_by: Option<Error>,
    element: PhantomData<fn() -> T>,
}

impl<'de, T, F> Visitor<'de> for &mut ElementSink<T, F>
where
    T: DeserializeOwned,
    F: FnMut(T) -> Result<()>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON array of Scryfall {}", self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        self.inside_array = true;
        while let Some(element) = seq.next_element::<T>()? {
            if let Err(error) = (self.on_element)(element) {
                self.stopped_by = Some(error);
                return Err(de::Error::custom("stopped by the caller"));
            }
            self.count += 1;
        }
        Ok(())
    }
}

/// A Scryfall card object, as far as codex reads it from `oracle-cards`.
#[derive(Deserialize)]
#[serde(expecting = "a Scryfall card object")]
struct ScryfallCard {
    id: Option<String>,
    oracle_id: Option<String>,
    name: String,
    layout: Option<String>,
    cmc: Option<f64>,
    mana_cost: Option<String>,
    type_line: Option<String>,
    oracle_text: Option<String>,
    power: Option<String>,
    toughness: Option<String>,
    loyalty: Option<String>,
    defense: Option<String>,
    colors: Option<Vec<String>>,
    color_identity: Option<Vec<String>>,
    color_indicator: Option<Vec<String>>,
    produced_mana: Option<Vec<String>>,
    keywords: Option<Vec<String>>,
    card_faces: Option<Vec<ScryfallFace>>,
    all_parts: Option<Vec<RelatedCard>>,
    legalities: Option<FormatStatuses>,
    games: Option<Vec<String>>,
    reserved: Option<bool>,
    rarity: Option<String>,
    edhrec_rank: Option<i64>,
    released_at: Option<String>,
    set: Option<String>,
    security_stamp: Option<String>,
    border_color: Option<String>,
}

/// One entry of a card object's `card_faces`.
#[derive(Deserialize)]
#[serde(expecting = "a Scryfall card face object")]
struct ScryfallFace {
    name: Option<String>,
    /// Only reversible cards put the Oracle id on their faces.
    oracle_id: Option<String>,
    mana_cost: Option<String>,
    /// Only reversible cards give a face its own mana value.
    cmc: Option<f64>,
    type_line: Option<String>,
    oracle_text: Option<String>,
    colors: Option<Vec<String>>,
    color_indicator: Option<Vec<String>>,
    power: Option<String>,
    toughness: Option<String>,
    loyalty: Option<String>,
    defense: Option<String>,
}

/// An entry of a card object's `all_parts`.
#[derive(Deserialize)]
struct RelatedCard {
    id: Option<String>,
    component: Option<String>,
}

/// A card object from `default-cards`, as far as a printing needs it.
#[derive(Deserialize)]
#[serde(expecting = "a Scryfall card object")]
struct ScryfallPrinting {
    id: Option<String>,
    oracle_id: Option<String>,
    name: String,
    set: String,
    set_name: Option<String>,
    set_type: Option<String>,
    collector_number: String,
    rarity: Option<String>,
    released_at: Option<String>,
    card_faces: Option<Vec<ScryfallFace>>,
    #[serde(default)]
    games: Vec<String>,
}

/// A ruling object from the `rulings` bulk file.
#[derive(Deserialize)]
#[serde(expecting = "a Scryfall ruling object")]
struct ScryfallRuling {
    oracle_id: String,
    published_at: String,
    comment: String,
}

/// A card's `legalities` object, format → status, kept in the file's order (a map type would
/// sort it, and serde_json's `Map` does too without its `preserve_order` feature).
struct FormatStatuses(Vec<(String, String)>);

impl<'de> Deserialize<'de> for FormatStatuses {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;

        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = FormatStatuses;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of format names to legality statuses")
            }

            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<FormatStatuses, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(FormatStatuses(pairs))
            }
        }

        deserializer.deserialize_map(PairsVisitor)
    }
}

/// Maps one `oracle-cards` object onto a [`CardRecord`].
fn card_record(card: ScryfallCard) -> CardRecord {
    let ScryfallCard {
        id,
        oracle_id,
        name,
        layout,
        cmc,
        mana_cost,
        type_line,
        oracle_text,
        power,
        toughness,
        loyalty,
        defense,
        colors,
        color_identity,
        color_indicator,
        produced_mana,
        keywords,
        card_faces,
        all_parts,
        legalities,
        games,
        reserved,
        rarity,
        edhrec_rank,
        released_at,
        set,
        security_stamp,
        border_color,
    } = card;

    let layout = layout.unwrap_or_else(|| "normal".to_owned());
    let card_colors = colors.as_deref().map(Colors::from_list);
    let card_faces = card_faces.filter(|faces| !faces.is_empty());

    // Reversible cards (two printings of a card, one per side) keep the Oracle id and the mana
    // value on the faces only.
    let first_face = card_faces.as_ref().and_then(|faces| faces.first());
    let oracle_id = oracle_id.or_else(|| first_face.and_then(|face| face.oracle_id.clone()));
    let mana_value = cmc
        .or_else(|| first_face.and_then(|face| face.cmc))
        .unwrap_or(0.0);

    let faces: Vec<FaceRecord> = match card_faces {
        Some(faces) => faces
            .into_iter()
            .map(|face| face_record(face, card_colors))
            .collect(),
        None => {
            let type_line = type_line.unwrap_or_default();
            let (supertypes, types, subtypes) = split_type_line(&type_line);
            vec![FaceRecord {
                name: name.clone(),
                mana_cost: mana_cost.filter(|cost| !cost.is_empty()),
                mana_value: Some(mana_value),
                type_line,
                supertypes,
                types,
                subtypes,
                oracle_text: oracle_text.unwrap_or_default(),
                colors: card_colors.unwrap_or_default(),
                color_indicator: color_indicator.as_deref().map(Colors::from_list),
                power,
                toughness,
                loyalty,
                defense,
            }]
        }
    };

    // Transform and modal double-faced cards give colours per face only.
    let colors = card_colors.unwrap_or_else(|| {
        faces
            .iter()
            .fold(Colors::COLORLESS, |all, face| all.union(face.colors))
    });

    // The melded back half has its own Oracle object but is never a card in a deck (CR 712.4b).
    let is_meld_result = all_parts.unwrap_or_default().iter().any(|part| {
        part.component.as_deref() == Some("meld_result") && part.id.is_some() && part.id == id
    });

    let legalities = legalities
        .map(|statuses| statuses.0)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(format, status)| match Legality::parse(&status) {
            Some(legality) => Some((format, legality)),
            None => {
                tracing::warn!(card = %name, %format, %status, "unknown legality status skipped");
                None
            }
        })
        .collect();

    let leadership = leadership(&layout, faces.first(), is_meld_result);

    CardRecord {
        name,
        oracle_id,
        layout,
        mana_value,
        colors,
        color_identity: Colors::from_list(&color_identity.unwrap_or_default()),
        produced_mana,
        keywords: keywords.unwrap_or_default(),
        faces,
        legalities,
        rulings: Vec::new(),
        printings: set.map(|code| code.to_uppercase()).into_iter().collect(),
        rarity,
        edhrec_rank,
        scryfall_id: id,
        reserved: reserved.unwrap_or(false),
        funny: is_funny(security_stamp.as_deref(), border_color.as_deref()),
        leadership,
        games: games.unwrap_or_default(),
        released_at,
    }
}

/// Maps one entry of `card_faces` onto a [`FaceRecord`]; `card_colors` are the whole card's.
fn face_record(face: ScryfallFace, card_colors: Option<Colors>) -> FaceRecord {
    let type_line = face.type_line.unwrap_or_default();
    let (supertypes, types, subtypes) = split_type_line(&type_line);
    let mana_cost = face.mana_cost.filter(|cost| !cost.is_empty());
    let color_indicator = face.color_indicator.as_deref().map(Colors::from_list);
    let colors = match face.colors {
        Some(list) => Colors::from_list(&list),
        // Split, flip and adventure faces carry no colours of their own. A face is the colours
        // of its mana cost (CR 202.2) and colour indicator; a flipped half has none printed but
        // keeps the card's colour (CR 710.1c), hence the whole card's colours as the fallback.
        None => {
            let own = mana_cost_colors(mana_cost.as_deref().unwrap_or_default())
                .union(color_indicator.unwrap_or_default());
            if own == Colors::COLORLESS {
                card_colors.unwrap_or_default()
            } else {
                own
            }
        }
    };
    FaceRecord {
        name: face.name.unwrap_or_default(),
        mana_cost,
        mana_value: face.cmc,
        type_line,
        supertypes,
        types,
        subtypes,
        oracle_text: face.oracle_text.unwrap_or_default(),
        colors,
        color_indicator,
        power: face.power,
        toughness: face.toughness,
        loyalty: face.loyalty,
        defense: face.defense,
    }
}

/// Maps one `default-cards` object onto its printing and set.
fn printing_records(printing: ScryfallPrinting) -> (PrintingRecord, SetRecord) {
    let set_code = printing.set.to_uppercase();
    let oracle_id = printing.oracle_id.or_else(|| {
        printing
            .card_faces
            .unwrap_or_default()
            .into_iter()
            .find_map(|face| face.oracle_id)
    });
    let set = SetRecord {
        code: set_code.clone(),
        name: printing.set_name.unwrap_or_default(),
        set_type: printing.set_type,
        released_at: None,
    };
    let printing = PrintingRecord {
        card_name: printing.name,
        oracle_id,
        set_code,
        collector_number: printing.collector_number,
        rarity: printing.rarity,
        released_at: printing.released_at,
        scryfall_id: printing.id,
        games: printing.games,
    };
    (printing, set)
}

/// Splits a type line into supertypes, card types and subtypes:
/// `Legendary Snow Creature — Elf Druid` → (`Legendary`, `Snow`), (`Creature`), (`Elf`, `Druid`).
pub(crate) fn split_type_line(type_line: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (before_dash, after_dash) = type_line.split_once('—').unwrap_or((type_line, ""));
    let mut supertypes = Vec::new();
    let mut types = Vec::new();
    for word in before_dash.split_whitespace() {
        if SUPERTYPES.contains(&word) {
            supertypes.push(word.to_owned());
        } else if !OBJECT_KINDS.contains(&word) {
            types.push(word.to_owned());
        }
    }
    let after_dash = after_dash.trim();
    // A plane's single subtype may be several words (`Plane — Androzani Minor`, CR 205.3n).
    let subtypes = if types.iter().any(|t| t == "Plane") {
        Some(after_dash)
            .filter(|planar_type| !planar_type.is_empty())
            .map(str::to_owned)
            .into_iter()
            .collect()
    } else {
        after_dash.split_whitespace().map(str::to_owned).collect()
    };
    (supertypes, types, subtypes)
}

/// The colours of the mana symbols in a mana cost (CR 202.2): `{2}{W/U}` is white and blue,
/// `{B/P}` black, `{X}{C}` colourless.
fn mana_cost_colors(mana_cost: &str) -> Colors {
    let letters: String = mana_cost.chars().filter(|c| "WUBRG".contains(*c)).collect();
    Colors::from_letters(&letters).unwrap_or_default()
}

/// Whether a card is an Un-card or playtest card rather than tournament Magic.
///
/// Wizards prints its own marker for that: a silver border on every Un-set, playtest and Heroes
/// of the Realm card before Unfinity, and the acorn security stamp from Unfinity on. Scryfall's
/// `set_type: "funny"` is not used: Unfinity's black-bordered, oval-stamped cards are in a funny
/// set yet tournament-legal, and old card objects lack `set_type` altogether.
fn is_funny(security_stamp: Option<&str>, border_color: Option<&str>) -> bool {
    security_stamp == Some("acorn") || border_color == Some("silver")
}

/// Which commander-style roles a card may fill, derived from the rules because Scryfall has no
/// equivalent of MTGJSON's `leadershipSkills`.
///
/// - Commander (CR 903.3): a legendary creature card, Vehicle card, or Spacecraft card with
///   power and toughness, or a card whose text says it "can be your commander" (CR 903.3a).
///   A Background is a legendary enchantment, so it never leads a deck alone: it joins one only
///   through a commander's "Choose a Background".
/// - Brawl (CR 903.12c): the same cards plus legendary planeswalkers.
/// - Oathbreaker (a community format the CR doesn't cover): a legendary planeswalker.
///
/// Only the front face counts: outside the game a double-faced card has only its front face's
/// characteristics (CR 712.8a). Tokens, emblems and other extras are not cards in a deck, and
/// neither is a meld result.
fn leadership(layout: &str, front: Option<&FaceRecord>, is_meld_result: bool) -> Leadership {
    let Some(front) = front else {
        return Leadership::default();
    };
    if is_meld_result || EXTRA_LAYOUTS.contains(&layout) {
        return Leadership::default();
    }
    let has = |words: &[String], word: &str| words.iter().any(|w| w == word);
    let legendary = has(&front.supertypes, "Legendary");
    let has_stats = front.power.is_some() && front.toughness.is_some();
    let commander_by_type = legendary
        && (has(&front.types, "Creature")
            || has(&front.subtypes, "Vehicle")
            || (has(&front.subtypes, "Spacecraft") && has_stats));
    let commander = commander_by_type || front.oracle_text.contains("can be your commander");
    let planeswalker = legendary && has(&front.types, "Planeswalker");
    Leadership {
        commander,
        brawl: commander || planeswalker,
        oathbreaker: planeswalker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn type_lines_split_into_supertypes_types_and_subtypes() {
        assert_eq!(
            split_type_line("Legendary Snow Creature — Elf Druid"),
            (
                words(&["Legendary", "Snow"]),
                words(&["Creature"]),
                words(&["Elf", "Druid"])
            )
        );
        assert_eq!(
            split_type_line("Instant"),
            (vec![], words(&["Instant"]), vec![])
        );
        assert_eq!(
            split_type_line("Token Artifact — Food"),
            (vec![], words(&["Artifact"]), words(&["Food"]))
        );
        assert_eq!(
            split_type_line("Plane — Androzani Minor"),
            (vec![], words(&["Plane"]), words(&["Androzani Minor"]))
        );
        assert_eq!(split_type_line(""), (vec![], vec![], vec![]));
    }

    #[test]
    fn mana_cost_colours_come_from_coloured_symbols_only() {
        assert_eq!(mana_cost_colors("{X}{B}{B}").to_string(), "B");
        assert_eq!(mana_cost_colors("{2/W}{U/P}").to_string(), "WU");
        assert_eq!(mana_cost_colors("{7}{C}"), Colors::COLORLESS);
        assert_eq!(mana_cost_colors(""), Colors::COLORLESS);
    }

    #[test]
    fn a_failing_callback_stops_the_read_with_its_own_error() {
        let input = br#"[{"oracle_id":"a","published_at":"2020-01-01","comment":"x"},
                         {"oracle_id":"b","published_at":"2020-01-01","comment":"y"}]"#;
        let mut seen = 0;
        let outcome = read_rulings(&input[..], "rulings.json", |_, _| {
            seen += 1;
            Err(Error::format("caller", "enough"))
        });
        assert!(
            matches!(outcome, Err(Error::Format { ref source_name, .. }) if source_name == "caller")
        );
        assert_eq!(seen, 1);
    }

    #[test]
    fn an_empty_array_reads_as_no_elements() {
        assert_eq!(read_cards(&b"[]"[..], "empty", |_| Ok(())).unwrap(), 0);
        assert_eq!(read_cards(&b" [ ]\n"[..], "empty", |_| Ok(())).unwrap(), 0);
    }
}
