//! What a partial download needs to be resumed safely: the `.part` file and, beside it, the URL
//! and validators (ETag, Last-Modified) of the response its bytes came from.
//!
//! Without the validators a resumed request could splice the tail of a newer file onto the head
//! of an older one; with them the request carries `If-Range` and the server sends the whole new
//! file instead.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The files a download of `dest` keeps while it is incomplete.
#[derive(Debug, Clone)]
pub(crate) struct PartPaths {
    /// The file being downloaded.
    pub dest: PathBuf,
    /// The bytes received so far: `<dest>.part`.
    pub part: PathBuf,
    /// The [`ResumeState`] of those bytes: `<dest>.part.json`.
    pub state: PathBuf,
}

impl PartPaths {
    pub(crate) fn for_dest(dest: &Path) -> Self {
        PartPaths {
            dest: dest.to_path_buf(),
            part: beside(dest, ".part"),
            state: beside(dest, ".part.json"),
        }
    }

    /// The folder the files are written in.
    pub(crate) fn dir(&self) -> &Path {
        match self.dest.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }
}

/// `<path><suffix>`: the files of a download sit beside it, named after it.
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Where the [`ResumeState`] of a finished download is kept, beside it (`<dest>.source.json`):
/// its validators let a later download ask the server whether the file changed.
pub(crate) fn source_record_path(dest: &Path) -> PathBuf {
    beside(dest, ".source.json")
}

/// Where the bytes in a part file (or a finished download) came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResumeState {
    /// The URL they were downloaded from: a part of another URL is never resumed.
    pub url: String,
    /// The response's strong ETag, if it had one.
    pub etag: Option<String>,
    /// The response's Last-Modified date, if it had one.
    pub last_modified: Option<String>,
    /// The size of the whole file, if the server announced it.
    pub total: Option<u64>,
}

impl ResumeState {
    /// The `If-Range` value for a resumed request: the ETag if strong (RFC 9110 13.1.5 forbids
    /// weak ones there), else the Last-Modified date; `None` if the server gave neither.
    pub(crate) fn if_range(&self) -> Option<&str> {
        match &self.etag {
            Some(etag) if !etag.starts_with("W/") => Some(etag),
            _ => self.last_modified.as_deref(),
        }
    }

    /// The state saved beside a part file, or `None` if there is none or it is unreadable (the
    /// part is then not trusted and the download starts over).
    pub(crate) async fn load(path: &Path) -> Option<ResumeState> {
        let text = tokio::fs::read(path).await.ok()?;
        serde_json::from_slice(&text).ok()
    }

    pub(crate) async fn save(&self, path: &Path) -> Result<()> {
        // Four plain fields always serialise; the conversion only satisfies the types.
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::io(path, e.into()))?;
        tokio::fs::write(path, json)
            .await
            .map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_files_sit_beside_the_destination() {
        let paths = PartPaths::for_dest(Path::new("/data/AtomicCards.json.gz"));
        assert_eq!(paths.dest, Path::new("/data/AtomicCards.json.gz"));
        assert_eq!(paths.part, Path::new("/data/AtomicCards.json.gz.part"));
        assert_eq!(
            paths.state,
            Path::new("/data/AtomicCards.json.gz.part.json")
        );
    }

    #[test]
    fn if_range_prefers_a_strong_etag_and_skips_a_weak_one() {
        let state = ResumeState {
            url: String::new(),
            etag: Some("\"5f3a-1\"".to_owned()),
            last_modified: Some("Fri, 16 Jan 2026 00:00:00 GMT".to_owned()),
            total: None,
        };
        assert_eq!(state.if_range(), Some("\"5f3a-1\""));
        let weak = ResumeState {
            etag: Some("W/\"5f3a-1\"".to_owned()),
            ..state.clone()
        };
        assert_eq!(weak.if_range(), Some("Fri, 16 Jan 2026 00:00:00 GMT"));
        let neither = ResumeState {
            etag: None,
            last_modified: None,
            ..state
        };
        assert_eq!(neither.if_range(), None);
    }
}
