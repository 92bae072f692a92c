//! Streaming reader for Commander Spellbook's `variants.json` export.
//!
//! The export is one JSON object, `{"timestamp": ..., "version": ..., "variants": [...]}`,
//! written by the backend's `export_variants` command with each variant serialised by its
//! `VariantSerializer` and keys camel-cased. It runs to hundreds of megabytes, so the
//! `variants` array is walked element by element with a serde visitor and each variant is
//! handed on as soon as it is parsed; the file is never held in memory. Unknown fields are
//! ignored (Spellbook adds fields often); a wrong type or broken JSON is an error naming the
//! line and column.

use std::fmt;
use std::io::{BufReader, Read};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ComboCard, ComboRecord, ComboResult, ComboTemplate, StartingState, Zone};
use crate::{Colors, Error, Result};

/// What the export says about itself, and how many combos it held.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportInfo {
    /// When Spellbook wrote the export (ISO 8601), if it says.
    pub timestamp: Option<String>,
    /// Spellbook backend version that wrote it, if it says.
    pub version: Option<String>,
    /// Number of combos read.
    pub combos: u64,
}

/// Reads a `variants.json` export, calling `on_combo` for every combo in file order, and
/// returns how many there were. `source_name` names the input in errors. An error from
/// `on_combo` stops the read and is returned as is.
pub fn read_variants(
    reader: impl Read,
    source_name: &str,
    on_combo: impl FnMut(ComboRecord) -> Result<()>,
) -> Result<u64> {
    read_export(reader, source_name, on_combo).map(|info| info.combos)
}

/// Like [`read_variants`], also returning the export's timestamp and version.
pub fn read_export(
    reader: impl Read,
    source_name: &str,
    mut on_combo: impl FnMut(ComboRecord) -> Result<()>,
) -> Result<ExportInfo> {
    // The callback's own error cannot travel through serde's error type, so it waits here
    // while a placeholder serde error unwinds the parse.
    let mut stopped_by: Option<Error> = None;
    let mut json = serde_json::Deserializer::from_reader(BufReader::new(reader));
    let seed = ExportSeed {
        source_name,
        on_combo: &mut on_combo,
        stopped_by: &mut stopped_by,
    };
    let parsed = seed
        .deserialize(&mut json)
        .and_then(|info| json.end().map(|()| info));
    if let Some(error) = stopped_by {
        return Err(error);
    }
    match parsed {
        Ok(Some(info)) => Ok(info),
        Ok(None) => Err(Error::format(
            source_name,
            "no \"variants\" array: not a Commander Spellbook variants export",
        )),
        Err(source) => Err(Error::Json {
            source_name: source_name.to_string(),
            source,
        }),
    }
}

type ComboSink<'a> = &'a mut dyn FnMut(ComboRecord) -> Result<()>;

/// The top-level object; yields `None` when it has no `variants` key.
struct ExportSeed<'a> {
    source_name: &'a str,
    on_combo: ComboSink<'a>,
    stopped_by: &'a mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for ExportSeed<'_> {
    type Value = Option<ExportInfo>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ExportSeed<'_> {
    type Value = Option<ExportInfo>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Commander Spellbook export object with a \"variants\" array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut info = ExportInfo::default();
        let mut saw_variants = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "timestamp" => info.timestamp = map.next_value()?,
                "version" => info.version = map.next_value()?,
                "variants" => {
                    saw_variants = true;
                    info.combos += map.next_value_seed(VariantsSeed {
                        source_name: self.source_name,
                        on_combo: &mut *self.on_combo,
                        stopped_by: &mut *self.stopped_by,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(saw_variants.then_some(info))
    }
}

/// The `variants` array; yields how many combos it held.
struct VariantsSeed<'a> {
    source_name: &'a str,
    on_combo: ComboSink<'a>,
    stopped_by: &'a mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for VariantsSeed<'_> {
    type Value = u64;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for VariantsSeed<'_> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of Commander Spellbook variants")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut count = 0;
        while let Some(raw) = seq.next_element::<RawVariant>()? {
            let handed_on = raw
                .into_record(self.source_name)
                .and_then(|record| (self.on_combo)(record));
            if let Err(error) = handed_on {
                *self.stopped_by = Some(error);
                return Err(de::Error::custom("stopped by the combo handler"));
            }
            count += 1;
        }
        Ok(count)
    }
}

/// One variant as the export spells it. Every field but `id` may be missing or null.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVariant {
    id: RawId,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    uses: Vec<RawCardUse>,
    #[serde(default)]
    requires: Vec<RawTemplateUse>,
    #[serde(default)]
    produces: Vec<RawProduce>,
    #[serde(default)]
    identity: Option<String>,
    #[serde(default)]
    mana_needed: Option<String>,
    #[serde(default)]
    mana_value_needed: Option<i64>,
    #[serde(default)]
    easy_prerequisites: Option<String>,
    #[serde(default)]
    notable_prerequisites: Option<String>,
    /// Exports before the easy/notable split had one prerequisites field.
    #[serde(default)]
    other_prerequisites: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    popularity: Option<i64>,
    #[serde(default)]
    bracket_tag: Option<String>,
    #[serde(default)]
    spoiler: Option<bool>,
    #[serde(default)]
    legalities: Option<std::collections::BTreeMap<String, Option<bool>>>,
}

/// Variant ids are strings (`"742-1295"`); very old exports used integers.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawId {
    Text(String),
    Number(i64),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCardUse {
    card: RawCard,
    #[serde(flatten)]
    start: RawStart,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCard {
    #[serde(default)]
    id: Option<i64>,
    name: String,
    #[serde(default)]
    oracle_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTemplateUse {
    template: RawTemplate,
    #[serde(flatten)]
    start: RawStart,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTemplate {
    #[serde(default)]
    id: Option<i64>,
    name: String,
    #[serde(default)]
    scryfall_query: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStart {
    #[serde(default)]
    quantity: Option<u32>,
    #[serde(default)]
    zone_locations: Vec<String>,
    #[serde(default)]
    battlefield_card_state: Option<String>,
    #[serde(default)]
    exile_card_state: Option<String>,
    #[serde(default)]
    library_card_state: Option<String>,
    #[serde(default)]
    graveyard_card_state: Option<String>,
    #[serde(default)]
    must_be_commander: Option<bool>,
}

#[derive(Deserialize)]
struct RawProduce {
    feature: RawFeature,
    #[serde(default)]
    quantity: Option<u32>,
}

#[derive(Deserialize)]
struct RawFeature {
    #[serde(default)]
    id: Option<i64>,
    name: String,
}

impl RawVariant {
    fn into_record(self, source_name: &str) -> Result<ComboRecord> {
        let spellbook_id = match self.id {
            RawId::Text(text) => text,
            RawId::Number(number) => number.to_string(),
        };
        let invalid = |message: String| Error::InvalidCombo {
            source_name: source_name.to_string(),
            combo_id: spellbook_id.clone(),
            message,
        };
        let identity = self.identity.unwrap_or_default();
        let color_identity = Colors::from_letters(&identity).ok_or_else(|| {
            invalid(format!(
                "colour identity \"{identity}\" is not colour letters"
            ))
        })?;
        let mut cards = Vec::with_capacity(self.uses.len());
        for card_use in self.uses {
            let name = card_use.card.name.trim().to_string();
            if name.is_empty() {
                return Err(invalid("a card has an empty name".into()));
            }
            let start = card_use
                .start
                .into_state()
                .map_err(|m| invalid(format!("{name}: {m}")))?;
            cards.push(ComboCard {
                name,
                card_id: None,
                spellbook_id: card_use.card.id,
                oracle_id: card_use.card.oracle_id.filter(|id| !id.is_empty()),
                start,
            });
        }
        if cards.is_empty() {
            return Err(invalid("uses no cards".into()));
        }
        let mut templates = Vec::with_capacity(self.requires.len());
        for template_use in self.requires {
            let name = template_use.template.name.trim().to_string();
            let start = template_use
                .start
                .into_state()
                .map_err(|m| invalid(format!("{name}: {m}")))?;
            templates.push(ComboTemplate {
                name,
                spellbook_id: template_use.template.id,
                scryfall_query: template_use
                    .template
                    .scryfall_query
                    .filter(|q| !q.is_empty()),
                start,
            });
        }
        let results = self
            .produces
            .into_iter()
            .map(|produce| ComboResult {
                name: produce.feature.name.trim().to_string(),
                spellbook_id: produce.feature.id,
                quantity: produce.quantity.unwrap_or(1),
            })
            .collect();
        let legalities = self
            .legalities
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(format, legal)| Some((format_key(&format), legal?)))
            .collect();
        Ok(ComboRecord {
            spellbook_id,
            status: self.status.unwrap_or_default(),
            cards,
            templates,
            results,
            color_identity,
            mana_needed: self.mana_needed.unwrap_or_default(),
            mana_value_needed: self.mana_value_needed,
            easy_prerequisites: self.easy_prerequisites.unwrap_or_default(),
            notable_prerequisites: self
                .notable_prerequisites
                .filter(|text| !text.is_empty())
                .or(self.other_prerequisites)
                .unwrap_or_default(),
            description: self.description.unwrap_or_default(),
            notes: self.notes.unwrap_or_default(),
            popularity: self.popularity,
            bracket_tag: self.bracket_tag.filter(|tag| !tag.is_empty()),
            spoiler: self.spoiler.unwrap_or(false),
            legalities,
        })
    }
}

impl RawStart {
    fn into_state(self) -> std::result::Result<StartingState, String> {
        let mut zones = Vec::new();
        // Each entry is one letter; a run of letters ("HG") is read the same way.
        for letter in self.zone_locations.iter().flat_map(|entry| entry.chars()) {
            let zone = Zone::from_letter(letter).ok_or_else(|| {
                format!("unknown zone \"{letter}\" (expected one of H B C G L E)")
            })?;
            if !zones.contains(&zone) {
                zones.push(zone);
            }
        }
        Ok(StartingState {
            quantity: self.quantity.unwrap_or(1),
            zones,
            battlefield_card_state: self.battlefield_card_state.unwrap_or_default(),
            exile_card_state: self.exile_card_state.unwrap_or_default(),
            library_card_state: self.library_card_state.unwrap_or_default(),
            graveyard_card_state: self.graveyard_card_state.unwrap_or_default(),
            must_be_commander: self.must_be_commander.unwrap_or(false),
        })
    }
}

/// Spellbook's camel-cased format names as our format keys: `pauperCommanderMain` →
/// `paupercommandermain`, matching the lower-case names cards use.
fn format_key(format: &str) -> String {
    format
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(json: &str) -> Result<(ExportInfo, Vec<ComboRecord>)> {
        let mut combos = Vec::new();
        let info = read_export(json.as_bytes(), "test.json", |combo| {
            combos.push(combo);
            Ok(())
        })?;
        Ok((info, combos))
    }

    // Shaped like the real export: one card use with every field the serializer writes.
    const ONE_VARIANT: &str = r#"{"timestamp": "2026-08-24T00:00:00+00:00", "version": "6.2.6",
        "aliases": [], "variants": [{"id": "742-1295", "status": "OK", "identity": "UB",
        "uses": [{"card": {"id": 742, "name": "Demonic Consultation", "spoiler": false},
                  "quantity": 1, "zoneLocations": ["H"], "mustBeCommander": false,
                  "battlefieldCardState": "", "futureField": {"nested": [1, 2]}},
                 {"card": {"id": 1295, "name": "Thassa's Oracle"}, "zoneLocations": ["H"]}],
        "produces": [{"feature": {"id": 2, "name": "Win the game"}, "quantity": 1}],
        "legalities": {"commander": true, "pauperCommanderMain": false, "predh": null},
        "prices": {"tcgplayer": "25.78"}, "popularity": 147812}]}"#;

    #[test]
    fn reads_metadata_and_ignores_unknown_fields() {
        let (info, combos) = read_all(ONE_VARIANT).unwrap();
        assert_eq!(info.timestamp.as_deref(), Some("2026-08-24T00:00:00+00:00"));
        assert_eq!(info.version.as_deref(), Some("6.2.6"));
        assert_eq!(info.combos, 1);
        let combo = &combos[0];
        assert_eq!(combo.spellbook_id, "742-1295");
        assert_eq!(combo.color_identity.to_string(), "UB");
        assert_eq!(combo.cards[1].start.quantity, 1);
        assert_eq!(
            combo.legalities,
            [
                ("commander".to_string(), true),
                ("paupercommandermain".to_string(), false)
            ]
        );
    }

    #[test]
    fn truncated_json_is_an_error_with_the_source_name() {
        let cut = &ONE_VARIANT[..ONE_VARIANT.len() / 2];
        let err = read_all(cut).unwrap_err();
        assert!(matches!(err, Error::Json { .. }), "{err:?}");
        assert!(
            err.to_string().starts_with("test.json: invalid JSON"),
            "{err}"
        );
    }

    #[test]
    fn a_wrong_type_names_the_line_and_column() {
        let err = read_all(r#"{"variants": [{"id": "1-2", "uses": "Sol Ring"}]}"#).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("line 1 column"), "{text}");
    }

    #[test]
    fn an_array_at_the_top_is_not_an_export() {
        let err = read_all(r#"[{"id": "1-2"}]"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("Commander Spellbook export object"),
            "{err}"
        );
    }

    #[test]
    fn an_object_without_variants_is_not_an_export() {
        let err = read_all(r#"{"timestamp": "2026-01-01"}"#).unwrap_err();
        assert!(matches!(err, Error::Format { .. }), "{err:?}");
    }

    #[test]
    fn an_unknown_zone_names_the_combo_and_card() {
        let json = r#"{"variants": [{"id": "1-2", "identity": "C",
            "uses": [{"card": {"name": "Sol Ring"}, "zoneLocations": ["X"]}]}]}"#;
        let err = read_all(json).unwrap_err();
        assert_eq!(
            err.to_string(),
            "test.json: combo 1-2: Sol Ring: unknown zone \"X\" (expected one of H B C G L E)"
        );
    }

    #[test]
    fn the_handlers_error_stops_the_read() {
        let json = r#"{"variants": [{"id": "1", "uses": [{"card": {"name": "Sol Ring"}}]},
                                    {"id": "2", "uses": [{"card": {"name": "Sol Ring"}}]}]}"#;
        let mut seen = 0;
        let err = read_variants(json.as_bytes(), "test.json", |_| {
            seen += 1;
            Err(Error::format("handler", "full"))
        })
        .unwrap_err();
        assert_eq!(seen, 1);
        assert_eq!(err.to_string(), "handler: full");
    }

    #[test]
    fn old_exports_with_other_prerequisites_keep_them() {
        let json = r#"{"variants": [{"id": 7, "uses": [{"card": {"name": "Sol Ring"}}],
            "otherPrerequisites": "All permanents on the battlefield."}]}"#;
        let (_, combos) = read_all(json).unwrap();
        assert_eq!(combos[0].spellbook_id, "7");
        assert_eq!(
            combos[0].notable_prerequisites,
            "All permanents on the battlefield."
        );
    }
}
