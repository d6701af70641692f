//! Sealing of secrets at rest: AES-256-GCM under the master key file.

use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use super::{StoreError, StoreResult};

/// AES-256-GCM with a key from its own file.
pub struct Sealer {
    key: LessSafeKey,
    check: String,
}

impl Sealer {
    /// Loads the master key at `path` (never through a symbolic link). A
    /// key open to other users is made 0600 (with a warning); anything but
    /// a 32-byte regular file is refused. `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Sealer>> {
        use std::io::Read;
        crate::no_follow::refuse_link(path)?;
        if !path.exists() {
            return Ok(None);
        }
        let mut f = crate::no_follow::open_with(
            path,
            std::fs::OpenOptions::new().read(true),
            libc::O_NONBLOCK,
        )?;
        if !f
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?
            .is_file()
        {
            bail!(
                "{} is not a regular file; restore the master key from backup",
                path.display()
            );
        }
        if let Some(old) = crate::no_follow::set_mode_of(&f, path, 0o600)? {
            tracing::warn!(
                path = %path.display(),
                old_mode = format!("{old:o}"),
                "the master key was readable by others; its mode is now 0600 (rotate the secrets it protects if others could have read it)"
            );
        }
        // One byte more than a key: a longer file is refused without reading it all.
        let mut b = Vec::with_capacity(33);
        (&mut f)
            .take(33)
            .read_to_end(&mut b)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if b.len() != 32 {
            bail!(
                "{} is not a 32-byte master key; restore it from backup",
                path.display()
            );
        }
        Ok(Some(Self::from_bytes(&b)?))
    }

    /// Creates a new master key at `path` (32 random bytes, mode 0600;
    /// never over an existing file or link).
    pub fn create(path: &Path) -> Result<Sealer> {
        let mut b = vec![0u8; 32];
        SystemRandom::new()
            .fill(&mut b)
            .map_err(|_| anyhow::anyhow!("no randomness for the master key"))?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        std::io::Write::write_all(&mut f, &b)?;
        f.sync_all()?;
        Self::from_bytes(&b)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Sealer> {
        let key = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, bytes).map_err(|_| anyhow::anyhow!("bad master key"))?,
        );
        let check = aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            &[b"akl master key check\0".as_slice(), bytes].concat(),
        );
        Ok(Sealer {
            key,
            check: hex::encode(check.as_ref()),
        })
    }

    /// A one-way fingerprint of the key, kept in the database so that a
    /// lost or foreign `master.key` is noticed at start rather than by
    /// every sealed record failing later. (SHA-256 of a 256-bit random
    /// key with a fixed prefix reveals nothing about the key.)
    pub fn check_value(&self) -> &str {
        &self.check
    }

    pub fn seal(&self, aad: &str, plain: &[u8]) -> StoreResult<String> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| StoreError::Db("no randomness".into()))?;
        let mut buf = plain.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad.as_bytes()),
                &mut buf,
            )
            .map_err(|_| StoreError::Db("sealing failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        Ok(B64.encode(out))
    }

    pub fn open(&self, aad: &str, sealed: &str) -> StoreResult<Vec<u8>> {
        let raw = B64
            .decode(sealed)
            .map_err(|_| StoreError::Db("sealed value is not base64".into()))?;
        if raw.len() < NONCE_LEN + 16 {
            return Err(StoreError::Db("sealed value too short".into()));
        }
        let (nonce, body) = raw.split_at(NONCE_LEN);
        let mut buf = body.to_vec();
        let nonce = Nonce::try_assume_unique_for_key(nonce)
            .map_err(|_| StoreError::Db("bad nonce".into()))?;
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(aad.as_bytes()), &mut buf)
            .map_err(|_| {
                StoreError::Db(
                    "cannot decrypt stored secrets: wrong master.key for this database".into(),
                )
            })?;
        Ok(plain.to_vec())
    }
}
