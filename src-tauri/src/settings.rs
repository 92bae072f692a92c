//! The user's settings file, `<data dir>/settings.json`. Today it holds the download sources
//! (`{"sources": {"mtgjson_base": "…", …}}`, each key optional: see `codex::download::Sources`),
//! so a moved source or a local mirror works without a new release; later settings join it.

use std::path::{Path, PathBuf};

use codex::download::Sources;
use serde::Deserialize;

/// The file's name inside the data folder.
pub const FILE_NAME: &str = "settings.json";

/// Everything the file can set; a key left out keeps its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where downloads come from.
    pub sources: Sources,
}

/// Why the settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file exists but cannot be read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid settings JSON.
    #[error("{} is not valid settings: {source}", .path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        #[source]
        source: serde_json::Error,
    },
}

impl Settings {
    /// The settings in `data_dir`; the defaults when there is no file.
    pub fn load(data_dir: &Path) -> Result<Settings, SettingsError> {
        let path = data_dir.join(FILE_NAME);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|source| SettingsError::Invalid { path, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(SettingsError::Read { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), Settings::default());
    }

    #[test]
    fn a_source_set_in_the_file_replaces_only_its_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            r#"{"sources": {"mtgjson_base": "http://127.0.0.1:8080/api/v5/"}}"#,
        )
        .unwrap();
        let settings = Settings::load(dir.path()).unwrap();
        assert_eq!(
            settings.sources.mtgjson_base,
            "http://127.0.0.1:8080/api/v5/"
        );
        assert_eq!(
            settings.sources.rules_page,
            Sources::default().rules_page,
            "unset keys keep their defaults"
        );
    }

    #[test]
    fn a_malformed_or_misspelt_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        for text in [
            r#"{"sources": {"mtgjson_base": 3}}"#,
            r#"{"source": {}}"#,
            "{",
        ] {
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            let error = Settings::load(dir.path()).unwrap_err().to_string();
            assert!(error.contains(FILE_NAME), "{error}");
        }
    }
}
