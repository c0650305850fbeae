//! One Introspor per data folder: a lock on a file in the folder, held for
//! the life of the app and released by the operating system when the
//! process ends, however it ends.
//!
//! Two instances on one register would each undo the other's edits (and the
//! audit trail would record that as a deliberate change), and both would
//! write backups under the same names. So the second instance is refused
//! before it opens the register at all.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Name of the lock file inside the data folder.
pub const LOCK_FILE_NAME: &str = "introspor.lock";

/// Why the folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum FolderLockError {
    /// Another process holds the lock: the register is open elsewhere.
    #[error("the data folder is in use by another Introspor")]
    InUse,
    /// The lock file could not be made or locked.
    #[error("lock file: {0}")]
    Io(#[from] std::io::Error),
}

/// The exclusive lock on a data folder; released when dropped or when the
/// process dies.
#[derive(Debug)]
pub struct FolderLock {
    // Held open for its lock; never read or written.
    _file: File,
    path: PathBuf,
}

impl FolderLock {
    /// Takes the lock on `folder` (created if missing), without waiting.
    pub fn acquire(folder: &Path) -> Result<Self, FolderLockError> {
        std::fs::create_dir_all(folder)?;
        let path = folder.join(LOCK_FILE_NAME);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(FolderLockError::InUse),
            Err(TryLockError::Error(error)) => Err(FolderLockError::Io(error)),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_one_folder_is_refused_until_the_first_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        assert!(
            matches!(FolderLock::acquire(dir.path()), Err(FolderLockError::InUse)),
            "a second lock on the same folder should be refused"
        );
        let other = tempfile::tempdir().unwrap();
        assert!(
            FolderLock::acquire(other.path()).is_ok(),
            "another folder should lock independently"
        );
        drop(first);
        assert!(
            FolderLock::acquire(dir.path()).is_ok(),
            "the lock should be free again once released"
        );
    }
}
