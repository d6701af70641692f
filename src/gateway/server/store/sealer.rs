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
}

impl Sealer {
    /// Loads `path`, or creates it (32 random bytes, mode 0600).
    pub fn load_or_create(path: &Path) -> Result<Sealer> {
        let bytes = if path.exists() {
            let b =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            if b.len() != 32 {
                bail!(
                    "{} is not a 32-byte master key; restore it from backup",
                    path.display()
                );
            }
            b
        } else {
            let mut b = vec![0u8; 32];
            SystemRandom::new()
                .fill(&mut b)
                .map_err(|_| anyhow::anyhow!("no randomness for the master key"))?;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            std::io::Write::write_all(&mut f, &b)?;
            f.sync_all()?;
            b
        };
        let key = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, &bytes).map_err(|_| anyhow::anyhow!("bad master key"))?,
        );
        Ok(Sealer { key })
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
