//! Scryfall's bulk-data index: which file holds today's `oracle_cards`, `default_cards` or
//! `rulings`, and where to download it.
//!
//! Scryfall renames its bulk files every day, so the URL is looked up in the index
//! (`GET /bulk-data`) each time. The index changed shape in 2026: items used to carry
//! `download_uri` (one JSON array, served with `Content-Encoding: gzip`) and `size` (the
//! decoded size); since about 2026-05 they also carry `jsonl_download_uri` (gzip-compressed JSON
//! Lines, gzip being the file itself), and from about 2026-07 some carry only that, with
//! `compressed_size`. Both shapes are read here; unknown fields are ignored.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The layout of a bulk file once its gzip layer is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkFormat {
    /// One JSON array of objects (`download_uri`). Scryfall serves it gzip-compressed with
    /// `Content-Encoding: gzip`; the downloader stores the bytes as sent, so the file on disk is
    /// gzip.
    JsonArray,
    /// One JSON object per line, the file itself gzip-compressed (`jsonl_download_uri`).
    JsonLinesGzip,
}

/// One file listed in Scryfall's bulk-data index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    /// The bulk type: `oracle_cards`, `unique_artwork`, `default_cards`, `all_cards`, `rulings`.
    pub kind: String,
    /// Where to download it: `download_uri` when listed, else `jsonl_download_uri`.
    pub download_uri: String,
    /// The layout of the file at `download_uri`.
    pub format: BulkFormat,
    /// When Scryfall built it (ISO 8601, as listed): compare with the last import to skip a
    /// download of the same file.
    pub updated_at: String,
    /// `size` as listed: the decoded size of the JSON array file, in bytes.
    pub size: Option<u64>,
    /// `compressed_size` as listed: the size of the gzip file, in bytes.
    pub compressed_size: Option<u64>,
    /// `content_encoding` as listed (`gzip`): how the server encodes the `download_uri` body.
    pub content_encoding: Option<String>,
}

impl BulkItem {
    /// The size the downloaded file must have, when the index says: `compressed_size` for a
    /// JSON Lines file (the gzip file is what is stored), `size` for a JSON array served
    /// without `Content-Encoding`. A JSON array served gzip-encoded is stored as gzip, and the
    /// index lists only its decoded `size`, so it has no size to check.
    pub fn stored_size(&self) -> Option<u64> {
        match self.format {
            BulkFormat::JsonLinesGzip => self.compressed_size,
            BulkFormat::JsonArray if self.content_encoding.is_none() => self.size,
            BulkFormat::JsonArray => None,
        }
    }
}

#[derive(Deserialize)]
struct BulkIndex {
    data: Vec<BulkDataObject>,
}

/// A `bulk_data` object; every field but `type` is optional so a field Scryfall drops is
/// reported as missing data, not as unparseable JSON.
#[derive(Deserialize)]
struct BulkDataObject {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    updated_at: String,
    download_uri: Option<String>,
    jsonl_download_uri: Option<String>,
    size: Option<u64>,
    compressed_size: Option<u64>,
    content_encoding: Option<String>,
}

/// Picks the item of type `kind` from a bulk-data index body; `source_name` (the index URL)
/// names the source in errors.
pub fn select_bulk_item(index_json: &[u8], kind: &str, source_name: &str) -> Result<BulkItem> {
    let index: BulkIndex = serde_json::from_slice(index_json).map_err(|source| Error::Json {
        source_name: source_name.to_owned(),
        source,
    })?;
    let available: Vec<String> = index.data.iter().map(|item| item.kind.clone()).collect();
    let Some(item) = index.data.into_iter().find(|item| item.kind == kind) else {
        return Err(Error::BulkKindNotFound {
            kind: kind.to_owned(),
            available,
        });
    };
    let (download_uri, format) = match (item.download_uri, item.jsonl_download_uri) {
        (Some(uri), _) => (uri, BulkFormat::JsonArray),
        (None, Some(uri)) => (uri, BulkFormat::JsonLinesGzip),
        (None, None) => {
            return Err(Error::format(
                source_name,
                format!(
                    "bulk-data item \"{kind}\" has neither download_uri nor jsonl_download_uri"
                ),
            ));
        }
    };
    Ok(BulkItem {
        kind: item.kind,
        download_uri,
        format,
        updated_at: item.updated_at,
        size: item.size,
        compressed_size: item.compressed_size,
        content_encoding: item.content_encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX_2025: &str =
        include_str!("../../tests/fixtures/scryfall/bulk-data-2025-11-19.json");
    const INDEX_2026: &str =
        include_str!("../../tests/fixtures/scryfall/bulk-data-oracle-cards-2026-08-02.json");

    #[test]
    fn picks_each_kind_from_the_recorded_2025_index() {
        let rulings = select_bulk_item(INDEX_2025.as_bytes(), "rulings", "index").unwrap();
        assert_eq!(
            rulings.download_uri,
            "https://data.scryfall.io/rulings/rulings-20251119220053.json"
        );
        assert_eq!(rulings.format, BulkFormat::JsonArray);
        assert_eq!(rulings.size, Some(24_329_467));
        assert_eq!(rulings.updated_at, "2025-11-19T22:00:53.196+00:00");
        assert_eq!(rulings.content_encoding.as_deref(), Some("gzip"));

        let default_cards =
            select_bulk_item(INDEX_2025.as_bytes(), "default_cards", "index").unwrap();
        assert_eq!(
            default_cards.download_uri,
            "https://data.scryfall.io/default-cards/default-cards-20251119222054.json"
        );
    }

    #[test]
    fn an_item_with_only_the_jsonl_uri_is_read_as_json_lines() {
        let oracle = select_bulk_item(INDEX_2026.as_bytes(), "oracle_cards", "index").unwrap();
        assert_eq!(
            oracle.download_uri,
            "https://data.scryfall.io/oracle-cards/oracle-cards-20260802090231.jsonl.gz"
        );
        assert_eq!(oracle.format, BulkFormat::JsonLinesGzip);
        assert_eq!(oracle.compressed_size, Some(24_408_680));
        assert_eq!(oracle.size, None);
    }

    #[test]
    fn an_unknown_kind_lists_the_kinds_the_index_has() {
        let err = select_bulk_item(INDEX_2025.as_bytes(), "oracle-cards", "index").unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, Error::BulkKindNotFound { .. }));
        assert!(
            message.contains("oracle_cards, unique_artwork, default_cards, all_cards, rulings"),
            "{message}"
        );
    }

    #[test]
    fn an_error_page_instead_of_json_is_a_json_error_naming_the_source() {
        let err = select_bulk_item(b"<html>502 Bad Gateway</html>", "rulings", "https://x/bulk")
            .unwrap_err();
        assert!(matches!(err, Error::Json { .. }));
        assert!(err.to_string().starts_with("https://x/bulk"), "{err}");
    }
}
