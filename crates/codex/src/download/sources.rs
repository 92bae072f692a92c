//! Where the public reference data lives: every URL the downloader reaches, configurable.
//!
//! Owns the default URLs and the rules-page link discovery. It makes no request itself: the
//! [`Downloader`](super::Downloader) does.

use regex::Regex;
use reqwest::Url;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// MTGJSON v5's API folder; every file below is served from it, each with a `.sha256` beside it.
pub const DEFAULT_MTGJSON_BASE: &str = "https://mtgjson.com/api/v5/";
/// Scryfall's API; the bulk-data index is `/bulk-data` below it.
pub const DEFAULT_SCRYFALL_API_BASE: &str = "https://api.scryfall.com";
/// Wizards' rules page, which links the current Comprehensive Rules TXT.
pub const DEFAULT_RULES_PAGE: &str = "https://magic.wizards.com/en/rules";
/// The Comprehensive Rules TXT used when the rules page names none. Wizards changes this URL
/// with every release; this is the edition effective 2026-01-16, whose bytes the project holds
/// (shared/data/rules, sha256 in PROVENANCE.md) and the rules importer is tested against.
pub const DEFAULT_RULES_TXT: &str =
    "https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.txt";
/// Commander Spellbook's bulk export of every combo variant, gzip-compressed (about 25 MB instead
/// of about 580 MB). Its backend (`SpaceCowMedia/commander-spellbook-backend`,
/// `export_variants` with `s3_upload.py`) uploads `variants.json` and `variants.json.gz`; the
/// `.gz` object is stored with `Content-Encoding: gzip`.
pub const DEFAULT_SPELLBOOK_VARIANTS: &str = "https://json.commanderspellbook.com/variants.json.gz";

/// A file MTGJSON v5 publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MtgjsonFile {
    /// One entry per card name with its oracle data (`AtomicCards.json.gz`).
    AtomicCards,
    /// Every set with every printing (`AllPrintings.json.gz`).
    AllPrintings,
}

impl MtgjsonFile {
    /// The file's name inside MTGJSON's API folder.
    pub fn file_name(self) -> &'static str {
        match self {
            MtgjsonFile::AtomicCards => "AtomicCards.json.gz",
            MtgjsonFile::AllPrintings => "AllPrintings.json.gz",
        }
    }
}

/// Every URL the downloader reaches. Stored in the user's settings (`#[serde(default)]`: a
/// setting left out keeps its default), so a moved source is fixed without a new release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sources {
    /// MTGJSON v5's API folder.
    pub mtgjson_base: String,
    /// Scryfall's API base.
    pub scryfall_api_base: String,
    /// Wizards' rules page, searched for the current Comprehensive Rules TXT link.
    pub rules_page: String,
    /// The Comprehensive Rules TXT: used as is when `discover_rules_txt` is off, and as the
    /// fallback when the rules page cannot be read or links no TXT.
    pub rules_txt: String,
    /// Whether to look up the current TXT on `rules_page` first.
    pub discover_rules_txt: bool,
    /// Commander Spellbook's variants export.
    pub spellbook_variants: String,
    /// The MTGJSON file printings are read from, inside `mtgjson_base`: `AllPrintings.json.gz`,
    /// or an archive of the per-set files (`AllSetFiles.tar.gz`, `.tar.zst`).
    pub mtgjson_printings: String,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            mtgjson_base: DEFAULT_MTGJSON_BASE.to_owned(),
            scryfall_api_base: DEFAULT_SCRYFALL_API_BASE.to_owned(),
            rules_page: DEFAULT_RULES_PAGE.to_owned(),
            rules_txt: DEFAULT_RULES_TXT.to_owned(),
            discover_rules_txt: true,
            spellbook_variants: DEFAULT_SPELLBOOK_VARIANTS.to_owned(),
            mtgjson_printings: MtgjsonFile::AllPrintings.file_name().to_owned(),
        }
    }
}

impl Sources {
    /// The URL of one MTGJSON file.
    pub fn mtgjson_url(&self, file: MtgjsonFile) -> Result<Url> {
        self.mtgjson_file_url(file.file_name())
    }

    /// The URL of a file in MTGJSON's API folder by name.
    pub fn mtgjson_file_url(&self, file_name: &str) -> Result<Url> {
        folder_url(&self.mtgjson_base)?
            .join(file_name)
            .map_err(|e| invalid_url(&self.mtgjson_base, e))
    }

    /// The URL of the SHA-256 checksum MTGJSON publishes beside the file named `file_name`
    /// (hex digest, one line).
    pub fn mtgjson_sha256_url(&self, file_name: &str) -> Result<Url> {
        self.mtgjson_file_url(&format!("{file_name}.sha256"))
    }

    /// The URL of Scryfall's bulk-data index.
    pub fn scryfall_bulk_index_url(&self) -> Result<Url> {
        folder_url(&self.scryfall_api_base)?
            .join("bulk-data")
            .map_err(|e| invalid_url(&self.scryfall_api_base, e))
    }
}

/// Parses `url`, reporting a bad one as [`Error::InvalidUrl`].
pub(crate) fn parse_url(url: &str) -> Result<Url> {
    Url::parse(url).map_err(|e| invalid_url(url, e))
}

fn invalid_url(url: &str, e: impl std::fmt::Display) -> Error {
    Error::InvalidUrl {
        url: url.to_owned(),
        message: e.to_string(),
    }
}

/// A base URL that [`Url::join`] appends to: without a trailing slash `join` would replace the
/// last path segment (`.../api/v5` + `Meta.json` → `.../api/Meta.json`).
fn folder_url(base: &str) -> Result<Url> {
    if base.ends_with('/') {
        parse_url(base)
    } else {
        parse_url(&format!("{base}/"))
    }
}

/// Finds the Comprehensive Rules TXT linked from Wizards' rules page, resolved against the
/// page's URL. Wizards links it as `href="…/MagicCompRules 20260116.txt"` (a literal space,
/// which [`Url::join`] percent-encodes); MTGJSON's `WizardsProvider` and the
/// `chaoticgoodcomputing/mtg-rules` sync job find it the same way, by the first `href` ending in
/// `.txt`. A link naming `CompRules` is preferred if the page ever links other TXT files.
pub fn rules_txt_link(html: &str, page_url: &Url) -> Option<Url> {
    // The pattern is a constant: it compiles, and a failure would only mean "no link found".
    let href = Regex::new(r#"(?i)href\s*=\s*["']([^"'<>]+?\.txt)["']"#).ok()?;
    let links: Vec<&str> = href
        .captures_iter(html)
        .filter_map(|c| c.get(1).map(|m| m.as_str().trim()))
        .collect();
    let chosen = links
        .iter()
        .find(|link| link.to_ascii_lowercase().contains("comprules"))
        .or_else(|| links.first())?;
    page_url.join(&decode_html_entities(chosen)).ok()
}

/// The few entities an `href` can carry; a full HTML parser would be a dependency for one link.
fn decode_html_entities(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&#32;", " ")
        .replace("&#x20;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mtgjson_urls_keep_the_api_folder_with_or_without_a_trailing_slash() {
        let with_slash = Sources::default();
        let without = Sources {
            mtgjson_base: "https://mtgjson.com/api/v5".to_owned(),
            ..Sources::default()
        };
        for sources in [with_slash, without] {
            assert_eq!(
                sources
                    .mtgjson_url(MtgjsonFile::AtomicCards)
                    .unwrap()
                    .as_str(),
                "https://mtgjson.com/api/v5/AtomicCards.json.gz"
            );
            assert_eq!(
                sources
                    .mtgjson_sha256_url(MtgjsonFile::AllPrintings.file_name())
                    .unwrap()
                    .as_str(),
                "https://mtgjson.com/api/v5/AllPrintings.json.gz.sha256"
            );
        }
    }

    #[test]
    fn scryfall_index_is_bulk_data_below_the_api_base() {
        assert_eq!(
            Sources::default()
                .scryfall_bulk_index_url()
                .unwrap()
                .as_str(),
            "https://api.scryfall.com/bulk-data"
        );
    }

    #[test]
    fn a_bad_base_url_is_an_invalid_url_error() {
        let sources = Sources {
            mtgjson_base: "not a url".to_owned(),
            ..Sources::default()
        };
        let err = sources.mtgjson_url(MtgjsonFile::AtomicCards).unwrap_err();
        assert!(matches!(err, Error::InvalidUrl { .. }), "{err}");
    }

    #[test]
    fn settings_missing_a_url_keep_its_default() {
        let sources: Sources =
            serde_json::from_str(r#"{"rules_txt": "https://example.org/cr.txt"}"#).unwrap();
        assert_eq!(sources.rules_txt, "https://example.org/cr.txt");
        assert_eq!(sources.mtgjson_base, DEFAULT_MTGJSON_BASE);
        assert!(sources.discover_rules_txt);
    }

    #[test]
    fn rules_link_with_a_space_is_percent_encoded() {
        let page = Url::parse(DEFAULT_RULES_PAGE).unwrap();
        let html = r#"<a href="https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.pdf">PDF</a>
            <a href="https://media.wizards.com/2026/downloads/MagicCompRules 20260116.txt">TXT</a>"#;
        assert_eq!(
            rules_txt_link(html, &page).unwrap().as_str(),
            DEFAULT_RULES_TXT
        );
    }

    #[test]
    fn relative_rules_link_resolves_against_the_page() {
        let page = Url::parse("http://127.0.0.1:8080/en/rules").unwrap();
        let html = r#"<a class="cta" href='/downloads/MagicCompRules 20260116.txt'>TXT</a>"#;
        assert_eq!(
            rules_txt_link(html, &page).unwrap().as_str(),
            "http://127.0.0.1:8080/downloads/MagicCompRules%2020260116.txt"
        );
    }

    #[test]
    fn a_page_without_a_txt_link_gives_none() {
        let page = Url::parse(DEFAULT_RULES_PAGE).unwrap();
        let html = r#"<a href="https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.pdf">PDF</a>"#;
        assert_eq!(rules_txt_link(html, &page), None);
    }
}
