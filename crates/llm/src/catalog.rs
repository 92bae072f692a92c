//! The models a player can pick: `models/catalog.toml`, built into the binary, with each
//! file's size and SHA-256 as published, and the check that an installed file is that file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

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

impl CatalogModel {
    /// Where the model is installed in `models_dir`.
    pub fn installed_path(&self, models_dir: &Path) -> PathBuf {
        models_dir.join(&self.file)
    }

    /// Checks that `path` is this model's file: its size, then its SHA-256 (read whole).
    pub fn verify(&self, path: &Path) -> Result<(), LlmError> {
        let mismatch = |reason: String| LlmError::CorruptModel {
            path: path.to_owned(),
            reason,
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
        if size != self.size {
            return Err(mismatch(format!(
                "it has {size} bytes, {} should have {}",
                self.name, self.size
            )));
        }
        let digest = sha256_file(path)?;
        if digest != self.sha256 {
            return Err(mismatch(format!(
                "its SHA-256 is {digest}, {} has {}",
                self.name, self.sha256
            )));
        }
        Ok(())
    }
}

/// The SHA-256 of the file at `path`, lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String, LlmError> {
    let io = |source| LlmError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io)?;
    Ok(hex::encode(hasher.finalize()))
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
