//! Whether the rest of a download fits on its disk, asked before writing it: a model of several
//! gigabytes should fail in the first second with the numbers, not after an hour with "No space
//! left on device" and a part file filling the disk.

use std::path::Path;

use crate::{Error, Result};

/// Fails with [`Error::NotEnoughSpace`] unless `needed` more bytes fit in `dir`, counting
/// `freed` bytes that will be released first (a part file about to be truncated).
pub(crate) fn ensure_space(dir: &Path, needed: u64, freed: u64) -> Result<()> {
    // fs4 asks the file system for the space available to this user (statvfs's f_bavail on
    // Unix, GetDiskFreeSpaceExW on Windows), so space reserved for root does not count.
    let available = fs4::available_space(dir)
        .map_err(|e| Error::io(dir, e))?
        .saturating_add(freed);
    if needed > available {
        return Err(Error::NotEnoughSpace {
            dir: dir.to_path_buf(),
            needed,
            available,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_any_disk_is_refused_with_the_numbers() {
        let dir = tempfile::tempdir().unwrap();
        ensure_space(dir.path(), 1, 0).unwrap();
        let err = ensure_space(dir.path(), u64::MAX, 0).unwrap_err();
        let Error::NotEnoughSpace {
            needed, available, ..
        } = err
        else {
            panic!("expected a disk-space error, got {err}");
        };
        assert_eq!(needed, u64::MAX);
        assert!(available > 0 && available < u64::MAX);
    }
}
