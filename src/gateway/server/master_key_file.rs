//! `--master-key-file` (`AKL_MASTER_KEY_FILE`): the master key from a file
//! the operator provides, typically a mounted Kubernetes Secret, so that
//! replicas on one PostgreSQL database share the key without a writable
//! shared volume. At start the key is copied into `DATA_DIR/master.key`
//! (where the stores and `gateway admin reset-key` look for it) when the
//! data dir has none; a data dir holding another key is refused.
//!
//! The source file is read through symbolic links on purpose (a Secret
//! volume mounts `master.key -> ..data/master.key`); the copy in the data
//! dir never is. The source may be group-readable (a Secret mounted with
//! `fsGroup` is 0440) but not readable by every user.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::no_follow;

/// The flag, for error messages.
const FLAG: &str = "--master-key-file";

/// A master key is 32 random bytes (AES-256-GCM), the format
/// `store::sealer::Sealer::load` accepts: the file itself, not an encoding
/// of it, so a `master.key` from an existing data dir or backup works too.
pub const KEY_LEN: usize = 32;

/// The name of the key in a data dir.
pub const DATA_DIR_KEY: &str = "master.key";

/// A master key read from `--master-key-file`. The bytes are never
/// printed (`Debug` shows only the path).
pub struct MasterKeyFile {
    path: PathBuf,
    key: Vec<u8>,
}

impl std::fmt::Debug for MasterKeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterKeyFile")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What [`MasterKeyFile::install`] did to the data dir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installed {
    /// The data dir already held this very key.
    AlreadyThere,
    /// `master.key` was created from the file.
    Copied,
}

impl MasterKeyFile {
    /// Reads and checks the key file: a regular file (links followed),
    /// not readable or writable by every user, exactly [`KEY_LEN`] bytes.
    /// Errors name the path, never the contents.
    pub fn read(path: &Path) -> Result<MasterKeyFile> {
        let shown = path.display();
        let f = crate::fsutil::open_regular(path, FLAG)?;
        let mode = match f.metadata() {
            Ok(m) => m.permissions().mode() & 0o777,
            Err(e) => bail!("cannot read {FLAG} {shown}: {e}"),
        };
        if mode & 0o007 != 0 {
            bail!(
                "{FLAG} {shown} is open to every user (mode {mode:03o}); make it 0600, or 0400/0440 for a Secret volume (defaultMode)"
            );
        }
        // One byte more than a key: a longer file is refused without
        // reading it all.
        let mut key = Vec::with_capacity(KEY_LEN + 1);
        if let Err(e) = f.take(KEY_LEN as u64 + 1).read_to_end(&mut key) {
            bail!("cannot read {FLAG} {shown}: {e}");
        }
        if key.len() != KEY_LEN {
            bail!(
                "{FLAG} {shown} is not a {KEY_LEN}-byte master key; make one with `head -c 32 /dev/urandom > master.key`, or use the master.key of the gateway whose data this is"
            );
        }
        Ok(MasterKeyFile {
            path: path.to_owned(),
            key,
        })
    }

    /// Puts the key into `data_dir/master.key` (0600, never through a
    /// link) unless it is already there. A data dir holding another key
    /// (or anything but a regular file there) is refused and left as it is.
    pub fn install(&self, data_dir: &Path) -> Result<Installed> {
        let dest = data_dir.join(DATA_DIR_KEY);
        no_follow::refuse_link(&dest)?;
        match std::fs::symlink_metadata(&dest) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => bail!("cannot read {}: {e}", dest.display()),
            Ok(_) => {
                return if self.same_as(&dest)? {
                    Ok(Installed::AlreadyThere)
                } else {
                    bail!(
                        "{} differs from {FLAG} {}: this data dir belongs to a gateway with another master key; give it that key, or use an empty data dir",
                        dest.display(),
                        self.path.display()
                    )
                };
            }
        }
        // create_new (O_EXCL) plus O_NOFOLLOW: never over a file or a link
        // that appeared meanwhile.
        let mut f = no_follow::open(
            &dest,
            OpenOptions::new().write(true).create_new(true).mode(0o600),
        )?;
        if let Err(e) = f.write_all(&self.key).and_then(|_| f.sync_all()) {
            drop(f);
            let _ = std::fs::remove_file(&dest);
            bail!("cannot write {}: {e}", dest.display());
        }
        Ok(Installed::Copied)
    }

    /// Whether the regular file at `dest` holds exactly this key.
    fn same_as(&self, dest: &Path) -> Result<bool> {
        // O_NONBLOCK: a FIFO planted there must not hang the start.
        let f = no_follow::open_with(dest, OpenOptions::new().read(true), libc::O_NONBLOCK)?;
        let is_file = f.metadata().map(|m| m.is_file()).unwrap_or(false);
        if !is_file {
            bail!(
                "{} is not a regular file; move it away so the key of {FLAG} can be put there",
                dest.display()
            );
        }
        let mut have = Vec::with_capacity(KEY_LEN + 1);
        if let Err(e) = f.take(KEY_LEN as u64 + 1).read_to_end(&mut have) {
            bail!("cannot read {}: {e}", dest.display());
        }
        Ok(have == self.key)
    }

    /// Undoes an [`Installed::Copied`] when the gateway then fails to
    /// start, so a failed start leaves the data dir as it was.
    pub fn remove_copy(data_dir: &Path) {
        let _ = std::fs::remove_file(data_dir.join(DATA_DIR_KEY));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_file(dir: &Path, bytes: &[u8], mode: u32) -> PathBuf {
        let p = dir.join("src.key");
        let _ = std::fs::remove_file(&p);
        std::fs::write(&p, bytes).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        p
    }

    #[test]
    fn the_key_is_copied_once_and_another_key_is_refused() {
        let src = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let k = MasterKeyFile::read(&key_file(src.path(), &[1u8; 32], 0o440)).unwrap();
        assert!(!format!("{k:?}").contains("1, 1"), "Debug shows no key");
        assert_eq!(k.install(data.path()).unwrap(), Installed::Copied);
        let dest = data.path().join("master.key");
        assert_eq!(std::fs::read(&dest).unwrap(), [1u8; 32]);
        assert_eq!(
            std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(k.install(data.path()).unwrap(), Installed::AlreadyThere);

        let other = MasterKeyFile::read(&key_file(src.path(), &[2u8; 32], 0o600)).unwrap();
        let e = other.install(data.path()).unwrap_err().to_string();
        assert!(e.contains("differs from --master-key-file"), "{e}");
        assert_eq!(std::fs::read(&dest).unwrap(), [1u8; 32], "unchanged");
    }

    #[test]
    fn bad_sources_and_a_linked_destination_are_refused() {
        let src = tempfile::tempdir().unwrap();
        let e = MasterKeyFile::read(&key_file(src.path(), &[1u8; 32], 0o644))
            .unwrap_err()
            .to_string();
        assert!(e.contains("open to every user (mode 644)"), "{e}");
        for len in [0, 31, 33, 4096] {
            let e = MasterKeyFile::read(&key_file(src.path(), &vec![1u8; len], 0o600))
                .unwrap_err()
                .to_string();
            assert!(e.contains("is not a 32-byte master key"), "{len}: {e}");
        }
        let e = MasterKeyFile::read(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("character device"), "{e}");

        // The source may be a link (Secret volumes are); the copy may not.
        let real = key_file(src.path(), &[3u8; 32], 0o400);
        let link = src.path().join("linked.key");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let k = MasterKeyFile::read(&link).unwrap();
        let data = tempfile::tempdir().unwrap();
        let victim = src.path().join("victim");
        std::os::unix::fs::symlink(&victim, data.path().join("master.key")).unwrap();
        let e = k.install(data.path()).unwrap_err().to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        assert!(!victim.exists());
    }
}
