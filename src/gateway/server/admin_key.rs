//! The gateway administrator's access key: made on first start, taken from
//! a file for unattended starts (`--admin-access-key-file`, a mounted
//! Secret), or replaced with `akl gateway admin reset-key` when lost. Only
//! its SHA-256 is stored.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::store::{AuthMethodRecord, MethodKind, Store, StoreError};
use super::{random_id, sha256_hex};

/// Name of the admin auth method.
pub const ADMIN_METHOD: &str = "admin";
/// Where the admin access id is kept in the store's meta table.
pub const ADMIN_ID_META: &str = "admin_access_id";
/// Shortest admin key accepted from a file: 16 characters of a random
/// base64 string is ~96 bits.
pub const MIN_KEY_LEN: usize = 16;
/// Largest key file read (a key is a line, not a document).
pub const MAX_KEY_FILE: u64 = 4096;

/// A fresh random key: 32 bytes, base64.
pub fn generate_key() -> Result<String> {
    use aws_lc_rs::rand::SecureRandom;
    let mut b = [0u8; 32];
    aws_lc_rs::rand::SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| anyhow!("no randomness for the admin key"))?;
    Ok(STANDARD.encode(b))
}

/// Reads an admin key from `path` (surrounding whitespace and a trailing
/// newline are ignored). The error never contains the file's content.
pub fn read_key_file(path: &Path) -> Result<String> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read --admin-access-key-file {shown}"))?;
    if !meta.is_file() {
        bail!("--admin-access-key-file {shown} is not a regular file");
    }
    if meta.len() > MAX_KEY_FILE {
        bail!(
            "--admin-access-key-file {shown} is larger than {MAX_KEY_FILE} bytes; it must hold one key"
        );
    }
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read --admin-access-key-file {shown}"))?;
    let key = raw.trim();
    if key.len() < MIN_KEY_LEN {
        bail!(
            "--admin-access-key-file {shown} holds a key shorter than {MIN_KEY_LEN} characters; make one with `openssl rand -base64 32`"
        );
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("--admin-access-key-file {shown} must hold one key on one line, without spaces");
    }
    Ok(key.to_owned())
}

fn admin_record(access_id: &str, key: &str) -> AuthMethodRecord {
    AuthMethodRecord {
        description: "gateway administrator (created on first start)".into(),
        delete_protection: true,
        ..AuthMethodRecord::new(
            ADMIN_METHOD,
            access_id.to_owned(),
            MethodKind::AccessKey {
                key_sha256: sha256_hex(key.as_bytes()),
                admin: true,
            },
        )
    }
}

/// Creates the admin method with `key`. `Ok(None)` if it already exists
/// (another gateway sharing the database may have won the race).
pub fn create_admin(store: &dyn Store, key: &str) -> Result<Option<String>> {
    if store.meta(ADMIN_ID_META)?.is_some() {
        return Ok(None);
    }
    let access_id = format!("p-{}", random_id(12));
    match store.insert_auth_method(&admin_record(&access_id, key)) {
        Ok(()) => {}
        Err(StoreError::AlreadyExists(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    store.set_meta(ADMIN_ID_META, &access_id)?;
    Ok(Some(access_id))
}

/// What [`ensure_key`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyChange {
    Created,
    Replaced,
    Unchanged,
}

/// Makes `key` the admin key: creates the admin method, or replaces the
/// stored key when it differs (so rotating the Secret and restarting
/// rotates the key). Returns the admin access id.
pub fn ensure_key(store: &dyn Store, key: &str) -> Result<(String, KeyChange)> {
    if let Some(id) = create_admin(store, key)? {
        return Ok((id, KeyChange::Created));
    }
    let (id, mut rec) = admin_method(store)?;
    let want = sha256_hex(key.as_bytes());
    match &mut rec.kind {
        MethodKind::AccessKey { key_sha256, .. } if *key_sha256 == want => {
            Ok((id, KeyChange::Unchanged))
        }
        MethodKind::AccessKey { key_sha256, .. } => {
            *key_sha256 = want;
            let name = rec.name.clone();
            store.replace_auth_method(&name, &rec)?;
            Ok((id, KeyChange::Replaced))
        }
        _ => bail!("the admin auth method is not an access-key method; the database is damaged"),
    }
}

/// The admin access id and method record.
fn admin_method(store: &dyn Store) -> Result<(String, AuthMethodRecord)> {
    let id = store
        .meta(ADMIN_ID_META)?
        .ok_or_else(|| anyhow!("this data dir has no admin auth method"))?;
    let rec = store
        .auth_method_by_access_id(&id)?
        .ok_or_else(|| anyhow!("the admin auth method {id} is missing from the database"))?;
    Ok((id, rec))
}

/// Replaces the admin key with a new random one; returns (access id, key).
/// Creates the admin method if the store has none.
pub fn reset(store: &dyn Store) -> Result<(String, String)> {
    let key = generate_key()?;
    let (id, _) = ensure_key(store, &key)?;
    Ok((id, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::store::SqliteStore;

    #[test]
    fn file_keys_create_then_rotate_the_admin_key() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let (id, c) = ensure_key(&store, "first-key-0123456789").unwrap();
        assert_eq!(c, KeyChange::Created);
        let (id2, c) = ensure_key(&store, "first-key-0123456789").unwrap();
        assert_eq!((id2.as_str(), c), (id.as_str(), KeyChange::Unchanged));
        let (id3, c) = ensure_key(&store, "second-key-0123456789").unwrap();
        assert_eq!((id3.as_str(), c), (id.as_str(), KeyChange::Replaced));
        let rec = store.auth_method_by_access_id(&id).unwrap().unwrap();
        assert!(
            matches!(rec.kind, MethodKind::AccessKey { ref key_sha256, admin: true }
            if *key_sha256 == sha256_hex(b"second-key-0123456789"))
        );
        let (id4, key) = reset(&store).unwrap();
        assert_eq!(id4, id);
        assert_ne!(key, "second-key-0123456789");
    }

    #[test]
    fn key_files_are_checked_without_echoing_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        std::fs::write(&p, "short\n").unwrap();
        let e = read_key_file(&p).unwrap_err().to_string();
        assert!(e.contains("shorter") && !e.contains("short\n"), "{e}");
        std::fs::write(&p, "two words-0123456789").unwrap();
        let e = read_key_file(&p).unwrap_err().to_string();
        assert!(!e.contains("words"), "{e}");
        std::fs::write(&p, "  0123456789abcdefXYZ\n").unwrap();
        assert_eq!(read_key_file(&p).unwrap(), "0123456789abcdefXYZ");
        assert!(read_key_file(dir.path()).is_err());
    }
}
