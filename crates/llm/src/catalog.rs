//! The models a player can pick: `models/catalog.toml`, built into the binary, with each
//! file's size and SHA-256 as published, and the check that an installed file is that file.
//!
//! For an entry whose values could not be confirmed (`verified = false`), the SHA-256 of its
//! first complete download is recorded beside the file (`<file>.sha256`, in `sha256sum`'s
//! format) and is what later checks compare with: trust on first use, so a file that changes
//! afterwards is still caught.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::LlmError;

const BUILTIN: &str = include_str!("../../../models/catalog.toml");

/// What a model is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// Text generation (chat).
    Chat,
    /// Text embeddings.
    Embedding,
}

/// One model of the catalogue (the fields are explained at the top of `catalog.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogModel {
    /// Stable id, the key on disk.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub kind: ModelKind,
    /// Prompt family (`llama3`, `phi3`, `qwen2`...).
    pub family: String,
    /// The weights' licence.
    pub license: String,
    /// Parameters of the original model.
    pub parameters: u64,
    /// llama.cpp quantisation of the file.
    pub quantization: String,
    /// The trained context, in tokens.
    pub context_length: u32,
    /// File name, in the models folder too.
    pub file: String,
    /// Exact size in bytes.
    pub size: u64,
    /// SHA-256 of the whole file, lower-case hex.
    pub sha256: String,
    /// Where it is downloaded from (empty: made locally, see `hash_source`).
    pub url: String,
    /// Estimated memory needed at the default context, in bytes.
    pub ram_needed: u64,
    /// Where `size` and `sha256` came from.
    pub hash_source: String,
    /// Whether `size` and `sha256` were seen exactly in a source.
    pub verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    model: Vec<CatalogModel>,
}

/// The catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    models: Vec<CatalogModel>,
}

impl Catalog {
    /// The catalogue built into this program.
    pub fn builtin() -> Result<Catalog, LlmError> {
        Catalog::parse(BUILTIN)
    }

    /// A catalogue from TOML text: ids unique, hashes 64 hex digits.
    pub fn parse(text: &str) -> Result<Catalog, LlmError> {
        let invalid = |reason: String| LlmError::Catalog { reason };
        let file: CatalogFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let mut ids = std::collections::HashSet::new();
        for model in &file.model {
            if !ids.insert(model.id.as_str()) {
                return Err(invalid(format!("the id {} appears twice", model.id)));
            }
            if model.sha256.len() != 64 || !model.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(invalid(format!(
                    "{}: sha256 is not 64 hex digits",
                    model.id
                )));
            }
        }
        Ok(Catalog { models: file.model })
    }

    /// Every model, in the catalogue's order.
    pub fn models(&self) -> &[CatalogModel] {
        &self.models
    }

    /// The model with this id; a miss is [`LlmError::UnknownModel`] listing the ids.
    pub fn find(&self, id: &str) -> Result<&CatalogModel, LlmError> {
        self.models
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| LlmError::UnknownModel {
                id: id.to_owned(),
                known: self.models.iter().map(|m| m.id.clone()).collect(),
            })
    }
}

/// What an installed file was checked against by [`CatalogModel::verify`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedAgainst {
    /// The catalogue's size and SHA-256.
    Catalogue,
    /// The SHA-256 recorded at the file's first download (the catalogue's are unverified).
    RecordedHash,
}

/// An installed file that [`CatalogModel::verify`] found to be the model's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedFile {
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
    /// What it was checked against.
    pub against: CheckedAgainst,
}

impl CatalogModel {
    /// Where the model is installed in `models_dir`.
    pub fn installed_path(&self, models_dir: &Path) -> PathBuf {
        models_dir.join(&self.file)
    }

    /// Where the SHA-256 of this model's first download is recorded in `models_dir`; only
    /// entries with `verified = false` get one.
    pub fn recorded_hash_path(&self, models_dir: &Path) -> PathBuf {
        recorded_hash_path(&self.installed_path(models_dir))
    }

    /// The URL to download the file from: the catalogue's, or the same path on `mirror` (a base
    /// URL such as `https://hf-mirror.com` or a local server holding a copy of the files under
    /// the same paths). `None` when the catalogue has no URL: the file is made locally.
    pub fn download_url(&self, mirror: Option<&str>) -> Option<String> {
        if self.url.is_empty() {
            return None;
        }
        let Some(mirror) = mirror else {
            return Some(self.url.clone());
        };
        // Everything after the scheme and host: `/<repo>/resolve/<rev>/<file>` on Hugging Face.
        let after_scheme = self
            .url
            .split_once("://")
            .map_or(&*self.url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        Some(format!("{}{path}", mirror.trim_end_matches('/')))
    }

    /// The SHA-256 a download of this model must have: the catalogue's when verified, else the
    /// one recorded at its first download in `models_dir`, if any.
    pub fn expected_sha256(&self, models_dir: &Path) -> Result<Option<String>, LlmError> {
        if self.verified {
            return Ok(Some(self.sha256.clone()));
        }
        read_recorded_hash(&self.recorded_hash_path(models_dir))
    }

    /// Checks that `path` is this model's file: its size, then its SHA-256 (read whole), against
    /// the catalogue; for an unverified entry with a hash recorded at its first download, the
    /// SHA-256 against that record.
    pub fn verify(&self, path: &Path) -> Result<VerifiedFile, LlmError> {
        let mismatch = |reason: String| LlmError::CorruptModel {
            path: path.to_owned(),
            reason,
        };
        let recorded = if self.verified {
            None
        } else {
            read_recorded_hash(&recorded_hash_path(path))?
        };
        let size = std::fs::metadata(path)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => LlmError::ModelNotFound {
                    path: path.to_owned(),
                },
                _ => LlmError::Io {
                    path: path.to_owned(),
                    source,
                },
            })?
            .len();
        // A recorded hash stands for the size too: the catalogue's unverified size may be off.
        if recorded.is_none() && size != self.size {
            return Err(mismatch(format!(
                "it has {size} bytes, {} should have {}",
                self.name, self.size
            )));
        }
        let digest = download::sha256_file(path).map_err(|source| LlmError::Io {
            path: path.to_owned(),
            source,
        })?;
        let against = match recorded {
            Some(recorded) if digest != recorded => {
                return Err(mismatch(format!(
                    "its SHA-256 is {digest}, but {} had {recorded} when it was first downloaded",
                    self.name
                )));
            }
            Some(_) => CheckedAgainst::RecordedHash,
            None if digest != self.sha256 => {
                return Err(mismatch(format!(
                    "its SHA-256 is {digest}, {} has {}",
                    self.name, self.sha256
                )));
            }
            None => CheckedAgainst::Catalogue,
        };
        Ok(VerifiedFile {
            size,
            sha256: digest,
            against,
        })
    }
}

/// `<installed file>.sha256`: beside the file, named after it, as `sha256sum` would write it.
fn recorded_hash_path(installed: &Path) -> PathBuf {
    let mut name = installed.as_os_str().to_owned();
    name.push(".sha256");
    name.into()
}

/// The hex digest in a `sha256sum`-style record (`<hex>  <file name>`), or `None` when there
/// is no record.
fn read_recorded_hash(record: &Path) -> Result<Option<String>, LlmError> {
    let text = match std::fs::read_to_string(record) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(LlmError::Io {
                path: record.to_owned(),
                source,
            });
        }
    };
    let digest = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(LlmError::Catalog {
            reason: format!(
                "{} does not hold a SHA-256; delete it and download the model again",
                record.display()
            ),
        });
    }
    Ok(Some(digest))
}

/// The line recording `sha256` for the file `file_name`, as `sha256sum` prints it, so that
/// `sha256sum -c` can check the file too.
pub(crate) fn hash_record_line(sha256: &str, file_name: &str) -> String {
    format!("{sha256}  {file_name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_has_the_promised_models_with_download_links() {
        let catalog = Catalog::builtin().unwrap();
        for id in [
            "llama-3.2-1b-instruct-q4_k_m",
            "llama-3.2-3b-instruct-q4_k_m",
            "llama-3.1-8b-instruct-q4_k_m",
            "phi-3.5-mini-instruct-q4_k_m",
            "qwen2.5-1.5b-instruct-q4_k_m",
            "qwen2.5-3b-instruct-q4_k_m",
        ] {
            let model = catalog.find(id).unwrap();
            assert_eq!(model.kind, ModelKind::Chat);
            assert_eq!(model.quantization, "Q4_K_M");
            assert!(
                model.url.starts_with("https://huggingface.co/")
                    && model.url.contains("/resolve/")
                    && model.url.ends_with(&model.file),
                "{}",
                model.url
            );
            assert!(
                model.size > 500_000_000 && model.ram_needed > model.size,
                "{model:?}"
            );
        }
        assert!(matches!(
            catalog.find("gpt-5"),
            Err(LlmError::UnknownModel { known, .. }) if known.len() == catalog.models().len()
        ));
    }

    #[test]
    fn a_mirror_serves_the_catalogues_paths_and_a_local_model_has_no_url() {
        let catalog = Catalog::builtin().unwrap();
        let llama = catalog.find("llama-3.2-1b-instruct-q4_k_m").unwrap();
        assert_eq!(
            llama.download_url(None).as_deref(),
            Some(llama.url.as_str())
        );
        let path = "/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/\
                    Llama-3.2-1B-Instruct-Q4_K_M.gguf";
        for mirror in ["https://hf-mirror.com", "https://hf-mirror.com/"] {
            assert_eq!(
                llama.download_url(Some(mirror)),
                Some(format!("https://hf-mirror.com{path}"))
            );
        }
        assert_eq!(
            llama.download_url(Some("http://127.0.0.1:8080/models")),
            Some(format!("http://127.0.0.1:8080/models{path}"))
        );
        let minilm = catalog.find("all-minilm-l6-v2-f16").unwrap();
        assert_eq!(minilm.download_url(Some("https://hf-mirror.com")), None);
    }

    #[test]
    fn a_catalogue_with_a_bad_hash_or_a_repeated_id_is_refused() {
        let entry = |id: &str, sha: &str| {
            format!(
                "[[model]]\nid = \"{id}\"\nname = \"x\"\nkind = \"chat\"\nfamily = \"llama3\"\n\
                 license = \"MIT\"\nparameters = 1\nquantization = \"Q4_K_M\"\ncontext_length = 1\n\
                 file = \"x.gguf\"\nsize = 1\nsha256 = \"{sha}\"\nurl = \"\"\nram_needed = 1\n\
                 hash_source = \"\"\nverified = false\n"
            )
        };
        let good = "a".repeat(64);
        assert!(Catalog::parse(&entry("a", &good)).is_ok());
        assert!(Catalog::parse(&entry("a", "abc")).is_err());
        assert!(Catalog::parse(&(entry("a", &good) + &entry("a", &good))).is_err());
    }
}
