//! A real MTGJSON AtomicCards file cut down to some of its cards, for tests that need real
//! cards but not all 24,000 of them (embedding every card takes minutes on two cores).

// Each test binary uses what it needs of this.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufReader, Write};
use std::path::Path;

use serde_json::{Map, Value};

/// The cards a subset keeps, by name and faces (MTGJSON face objects).
pub type Keep<'a> = &'a dyn Fn(&str, &Value) -> bool;

/// Whether a card (its faces) was printed in one of `sets`.
pub fn printed_in(faces: &Value, sets: &[&str]) -> bool {
    faces[0]["printings"]
        .as_array()
        .is_some_and(|p| p.iter().any(|s| sets.contains(&s.as_str().unwrap_or(""))))
}

/// Writes to `dest` an AtomicCards file of the cards of `source` (gzip) that `keep` keeps,
/// after `edit` changed them, with `source`'s meta.
pub fn write_atomic_cards(
    source: &Path,
    dest: &Path,
    keep: Keep<'_>,
    edit: impl FnOnce(&mut Map<String, Value>),
) {
    let reader = flate2::read::GzDecoder::new(std::fs::File::open(source).unwrap());
    let all: Value = serde_json::from_reader(BufReader::new(reader)).unwrap();
    let mut kept: Map<String, Value> = all["data"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, faces)| keep(name, faces))
        .map(|(name, faces)| (name.clone(), faces.clone()))
        .collect();
    edit(&mut kept);
    let subset = serde_json::json!({"meta": all["meta"], "data": kept});
    std::fs::File::create(dest)
        .unwrap()
        .write_all(serde_json::to_string(&subset).unwrap().as_bytes())
        .unwrap();
}
