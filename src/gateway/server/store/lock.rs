//! One gateway per SQLite data dir.
//!
//! SQLite itself would let two `serve` processes share `gateway.db`, but
//! each keeps process-local state (the policy cache, the expiration
//! scheduler, the webhook outbox worker) that assumes it is alone, so a
//! second gateway on the same dir would emit events twice and race the
//! outbox. The first gateway holds an exclusive `flock` on
//! `gateway.lock` for its whole life; the kernel drops it when the process
//! exits, even on `kill -9`, so a stale file never blocks a restart.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The lock file's name in the data dir.
pub const LOCK_FILE: &str = "gateway.lock";

/// Held while a gateway serves a data dir; released on drop or exit.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
    pub path: PathBuf,
}

fn open_lock_file(dir: &Path) -> Result<(File, PathBuf)> {
    let path = dir.join(LOCK_FILE);
    // Like every file in the data dir: never through a symbolic link (the
    // pid written below would land in the link's target), and a FIFO or
    // device planted here is refused rather than waited on.
    let file = crate::no_follow::open_with(
        &path,
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600),
        libc::O_NONBLOCK,
    )
    .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    if !file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .is_file()
    {
        bail!(
            "{} is not a regular file; move it away so akl can create its own",
            path.display()
        );
    }
    Ok((file, path))
}

/// The pid the holder wrote, for the message.
fn holder(file: &mut File) -> String {
    let mut s = String::new();
    let _ = file.read_to_string(&mut s);
    let pid = s.trim();
    if pid.chars().all(|c| c.is_ascii_digit()) && !pid.is_empty() {
        format!(" (pid {pid})")
    } else {
        String::new()
    }
}

impl DataDirLock {
    /// Takes the data dir for this process, or says which process has it.
    pub fn acquire(dir: &Path) -> Result<DataDirLock> {
        let (mut file, path) = open_lock_file(dir)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => bail!(
                "another akl gateway{} is serving the data dir {}; one data dir serves one gateway: \
                 stop that one, pass another --data-dir, or run several replicas on PostgreSQL \
                 (--store postgres://USER@HOST:PORT/DB)",
                holder(&mut file),
                dir.display()
            ),
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        // Best effort: the pid only improves the message above.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = writeln!(file, "{}", std::process::id());
        Ok(DataDirLock { _file: file, path })
    }

    /// Whether a gateway is serving `dir` right now (for `restore`).
    pub fn held_by_other(dir: &Path) -> Result<Option<String>> {
        if !dir.join(LOCK_FILE).exists() {
            return Ok(None);
        }
        let (mut file, path) = open_lock_file(dir)?;
        match file.try_lock() {
            Ok(()) => Ok(None),
            Err(TryLockError::WouldBlock) => Ok(Some(holder(&mut file))),
            Err(TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_the_same_dir_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataDirLock::acquire(dir.path()).unwrap();
        // flock locks belong to the open file description, so a second
        // open in the same process conflicts just as another process would.
        let err = format!("{:#}", DataDirLock::acquire(dir.path()).unwrap_err());
        assert!(err.contains("another akl gateway"), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        assert!(DataDirLock::held_by_other(dir.path()).unwrap().is_some());
        drop(first);
        assert!(DataDirLock::held_by_other(dir.path()).unwrap().is_none());
        DataDirLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_lock_file_that_is_a_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
        let err = format!("{:#}", DataDirLock::acquire(dir.path()).unwrap_err());
        assert!(err.contains("link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }
}
