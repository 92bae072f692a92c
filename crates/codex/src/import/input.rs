//! Opening source files whatever their packaging: plain, gzip or zstd compressed, and tar
//! archives of many files. Compression is recognised by magic bytes, not by file name.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::{Error, Result};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Opens `path` and undoes its compression, if any.
pub fn open_decompressed(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    decompress(BufReader::with_capacity(1 << 16, file)).map_err(|e| Error::io(path, e))
}

/// Wraps a reader in the decoder its first bytes call for.
pub fn decompress<R: BufRead + Send + 'static>(
    mut reader: R,
) -> std::io::Result<Box<dyn BufRead + Send>> {
    let head = reader.fill_buf()?;
    if head.starts_with(&GZIP_MAGIC) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        )))
    } else if head.starts_with(&ZSTD_MAGIC) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(reader)?,
        )))
    } else {
        Ok(Box::new(reader))
    }
}

/// The first `n` bytes of a file's decompressed content (fewer if it is shorter).
pub fn peek(path: &Path, n: usize) -> Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    open_decompressed(path)?
        .take(n as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    Ok(head)
}

/// Whether decompressed content starts with a tar header (`ustar` magic at offset 257).
pub fn is_tar(head: &[u8]) -> bool {
    head.get(257..262) == Some(b"ustar")
}

/// Calls `on_entry` with the name and content of every regular file in a (compressed) tar
/// archive, in archive order.
pub fn for_each_tar_entry(
    path: &Path,
    mut on_entry: impl FnMut(&str, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    let mut archive = tar::Archive::new(open_decompressed(path)?);
    for entry in archive.entries().map_err(|e| Error::io(path, e))? {
        let mut entry = entry.map_err(|e| Error::io(path, e))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .map_err(|e| Error::io(path, e))?
            .to_string_lossy()
            .into_owned();
        on_entry(&name, &mut entry)?;
    }
    Ok(())
}

/// SHA-256 of a file's bytes as stored, hex encoded: the identity of a source for
/// "nothing changed since the last import".
pub(crate) fn sha256_file(path: &Path) -> Result<String> {
    download::sha256_file(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn gzip_zstd_and_plain_read_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let text = b"{\"meta\": {}}";
        let plain = dir.path().join("a.json");
        std::fs::write(&plain, text).unwrap();
        let gz = dir.path().join("a.bin");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&gz).unwrap(), flate2::Compression::fast());
        enc.write_all(text).unwrap();
        enc.finish().unwrap();
        let zst = dir.path().join("b.bin");
        std::fs::write(&zst, zstd::encode_all(&text[..], 3).unwrap()).unwrap();
        for path in [plain, gz, zst] {
            assert_eq!(peek(&path, 100).unwrap(), text, "{}", path.display());
        }
    }
}
