//! SHA-256 of files: of a whole file on disk, and of a part file as it grows, so a download is
//! checked without reading it again once it is complete.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;

use crate::{Error, Result};

/// Bytes read per call while hashing a file: large reads keep the disk streaming.
const READ_SIZE: usize = 1 << 20;

/// The SHA-256 of the file at `path`, lower-case hex. It reads the whole file: call it from a
/// blocking thread in async code.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    hash_prefix(path, u64::MAX, &mut hasher, &CancellationToken::new())?;
    Ok(hex::encode(hasher.finalize()))
}

/// Feeds the first `len` bytes of `path` (fewer if the file is shorter) to `hasher`; returns how
/// many it read, or `None` when `cancel` fired first.
fn hash_prefix(
    path: &Path,
    len: u64,
    hasher: &mut Sha256,
    cancel: &CancellationToken,
) -> std::io::Result<Option<u64>> {
    let mut file = std::fs::File::open(path)?.take(len);
    let mut buffer = vec![0u8; READ_SIZE];
    let mut read_total = 0u64;
    loop {
        if cancel.is_cancelled() {
            return Ok(None);
        }
        let read = match file.read(&mut buffer) {
            Ok(0) => return Ok(Some(read_total)),
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..read]);
        read_total += read as u64;
    }
}

/// The SHA-256 of the bytes in a part file so far, updated as bytes are appended.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartHash {
    hasher: Sha256,
    /// How many bytes `hasher` has seen.
    len: u64,
}

/// What [`PartHash::catch_up`] did.
pub(crate) enum CatchUp {
    /// The hash covers the part's first `offset` bytes.
    Ready,
    /// Cancelled while reading the part.
    Cancelled,
}

impl PartHash {
    /// Bytes hashed so far.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Forgets every byte: the part starts again from byte 0.
    pub(crate) fn restart(&mut self) {
        *self = PartHash::default();
    }

    /// Adds bytes just appended to the part.
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
    }

    /// Makes the hash cover exactly the first `offset` bytes of `part`. Within one call the hash
    /// follows every byte written, so it is already there; a part kept from an earlier call is
    /// read once, on a blocking thread (gigabytes of a model would stall the async runtime).
    pub(crate) async fn catch_up(
        &mut self,
        part: &Path,
        offset: u64,
        cancel: &CancellationToken,
    ) -> Result<CatchUp> {
        if self.len == offset {
            return Ok(CatchUp::Ready);
        }
        if offset == 0 {
            // Nothing to read: the part was dropped or never began.
            self.restart();
            return Ok(CatchUp::Ready);
        }
        let path = part.to_path_buf();
        let cancel = cancel.clone();
        let hashed = tokio::task::spawn_blocking(move || {
            let mut hasher = Sha256::new();
            hash_prefix(&path, offset, &mut hasher, &cancel).map(|len| len.map(|len| (hasher, len)))
        })
        .await
        .map_err(|e| Error::io(part, std::io::Error::other(e)))?
        .map_err(|e| Error::io(part, e))?;
        match hashed {
            None => Ok(CatchUp::Cancelled),
            Some((hasher, len)) if len == offset => {
                *self = PartHash { hasher, len };
                Ok(CatchUp::Ready)
            }
            // The lock keeps other downloads away from the part; only something else can have
            // shortened it.
            Some((_, len)) => Err(Error::io(
                part,
                std::io::Error::other(format!(
                    "the partial file shrank while it was read ({len} of {offset} bytes)"
                )),
            )),
        }
    }

    /// The digest of the bytes seen, lower-case hex.
    pub(crate) fn hex(&self) -> String {
        hex::encode(self.hasher.clone().finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256 of "abc", from FIPS 180-2 appendix B.1.
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn a_file_hashes_to_its_published_digest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc");
        std::fs::write(&path, b"abc").unwrap();
        assert_eq!(sha256_file(&path).unwrap(), ABC);
    }

    #[tokio::test]
    async fn a_kept_part_is_read_once_then_followed_byte_by_byte() {
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("f.part");
        std::fs::write(&part, b"abXYZ").unwrap();
        let cancel = CancellationToken::new();
        let mut hash = PartHash::default();

        // Only the first two bytes count: the rest is past the resume point.
        assert!(matches!(
            hash.catch_up(&part, 2, &cancel).await.unwrap(),
            CatchUp::Ready
        ));
        assert_eq!(hash.len(), 2);
        hash.update(b"c");
        assert_eq!(hash.hex(), ABC);

        hash.restart();
        assert_eq!(hash.len(), 0);
        cancel.cancel();
        assert!(matches!(
            hash.catch_up(&part, 3, &cancel).await.unwrap(),
            CatchUp::Cancelled
        ));
    }
}
