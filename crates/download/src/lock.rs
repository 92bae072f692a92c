//! One download per destination at a time, across threads and processes: a lock on
//! `<dest>.part.lock` held for as long as the part file is written.
//!
//! A second download of the same file fails at once with [`Error::AlreadyDownloading`] rather
//! than waiting: a user who starts the same download twice (two terminals, two clicks) is told
//! so instead of watching a command hang with no progress, and a download that stalls cannot
//! keep others waiting without saying why. The lock is the operating system's (`flock` on
//! Unix, `LockFileEx` on Windows), so a process that dies releases it.
//!
//! The lock file is deleted when the download ends, while it is still locked. A download that
//! opened it just before would then lock a file no longer in the folder while a third one
//! creates and locks a new one; so a lock counts only once the path is seen to still name the
//! locked file, and otherwise the lock is taken again on the new one.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use same_file::Handle;

use crate::resume_state::beside;
use crate::{Error, Result};

/// How often to take the lock again when its file was replaced under us; each replacement is a
/// whole download finishing, so even two in a row are unlikely.
const ATTEMPTS: u32 = 8;

/// The lock of one destination; released (and its file deleted) when dropped.
#[derive(Debug)]
pub(crate) struct DownloadLock {
    path: PathBuf,
    /// Kept open: closing it releases the lock.
    _file: File,
}

impl DownloadLock {
    /// Takes the lock of `dest`, whose folder exists. Quick system calls only, fine from async
    /// code: it never waits for the lock.
    pub(crate) fn acquire(dest: &Path) -> Result<DownloadLock> {
        let path = beside(dest, ".part.lock");
        let io = |e| Error::io(&path, e);
        for _ in 0..ATTEMPTS {
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::AlreadyDownloading {
                        dest: dest.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            let locked = Handle::from_file(file.try_clone().map_err(io)?).map_err(io)?;
            match Handle::from_path(&path) {
                Ok(named) if named == locked => return Ok(DownloadLock { path, _file: file }),
                // Deleted or replaced by a download that just ended: lock the current file.
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(e)),
            }
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced by other downloads",
        )))
    }
}

impl Drop for DownloadLock {
    fn drop(&mut self) {
        // Deleted while still locked (the file closes after this body runs), so nobody can lock
        // it in between and believe it current. Left behind if this fails, it is harmless: an
        // unlocked lock file locks again.
        if let Err(error) = std::fs::remove_file(&self.path) {
            tracing::debug!(path = %self.path.display(), %error, "lock file not removed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_of_the_same_destination_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("model.gguf");
        let first = DownloadLock::acquire(&dest).unwrap();
        assert!(dir.path().join("model.gguf.part.lock").exists());

        let err = DownloadLock::acquire(&dest).unwrap_err();
        assert!(matches!(err, Error::AlreadyDownloading { .. }), "{err}");
        assert!(
            err.to_string().contains("already being downloaded"),
            "{err}"
        );
        // Another destination in the same folder is free.
        let other = DownloadLock::acquire(&dir.path().join("other.gguf")).unwrap();

        drop(first);
        assert!(!dir.path().join("model.gguf.part.lock").exists());
        drop(DownloadLock::acquire(&dest).unwrap());
        drop(other);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
