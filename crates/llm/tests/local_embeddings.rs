//! Embeddings from the real all-MiniLM-L6-v2 GGUF (converted by `models/fetch-test-models.sh`)
//! against reference vectors computed from the original safetensors by an independent numpy
//! forward pass (`models/check-minilm-embedding.py`, saved in `models/minilm-reference.json`).

#![allow(clippy::unwrap_used, reason = "tests: a failure is a test failure")]

#[path = "../../../tests/common/models.rs"]
mod models;

use llm::Embedder;
use llm::providers::local::LocalEmbedder;

fn reference() -> Vec<(String, Vec<f32>)> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/minilm-reference.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let vector = s["embedding"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect();
            (s["text"].as_str().unwrap().to_owned(), vector)
        })
        .collect()
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn vectors_match_the_reference_model_and_batches_do_not_change_them() {
    let embedder = LocalEmbedder::load(&models::test_embedding_model(), 2).unwrap();
    assert_eq!(embedder.info().dimensions, 384);
    // The id names the file and its exact bytes: the catalogue's hash of the conversion.
    let catalogued = llm::catalog::Catalog::builtin().unwrap();
    let minilm = catalogued.find("all-minilm-l6-v2-f16").unwrap();
    assert_eq!(
        embedder.model_id(),
        format!("{}@sha256:{}", minilm.file, minilm.sha256)
    );
    let reference = reference();
    assert!(reference.len() >= 3);
    let texts: Vec<String> = reference.iter().map(|(text, _)| text.clone()).collect();
    let together = embedder.embed(&texts).unwrap();
    for ((text, expected), got) in reference.iter().zip(&together) {
        assert_eq!(got.len(), 384);
        let norm = dot(got, got).sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{text}: norm {norm}");
        let cosine = dot(got, expected) / dot(expected, expected).sqrt();
        assert!(cosine > 0.999, "{text}: cosine {cosine}");
    }
    // One at a time gives the same vectors as a batch.
    let alone = embedder.embed(&texts[1..2]).unwrap();
    assert!(dot(&alone[0], &together[1]) > 0.9999);
}

#[test]
fn similar_requests_are_closer_than_unrelated_ones() {
    let embedder = LocalEmbedder::load(&models::test_embedding_model(), 2).unwrap();
    let texts = [
        "cheap red instant that deals 3 damage",
        "Lightning Bolt deals 3 damage to any target.",
        "Draw two cards, then discard a card.",
    ]
    .map(String::from);
    let v = embedder.embed(&texts).unwrap();
    assert!(
        dot(&v[0], &v[1]) > dot(&v[0], &v[2]),
        "{} vs {}",
        dot(&v[0], &v[1]),
        dot(&v[0], &v[2])
    );
    assert!(embedder.embed(&[]).unwrap().is_empty());
}
