//! The SQLite store: one file in the data dir (mode 0600, WAL).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::*;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

pub struct SqliteStore {
    pub(super) conn: Mutex<Connection>,
    pub(super) sealer: Sealer,
}

pub(super) fn to_json<T: Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Db(e.to_string()))
}

pub(super) fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Db(format!("corrupt record: {e}")))
}

pub(super) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

impl SqliteStore {
    /// Opens (creating if needed) `gateway.db` and `master.key` in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteStore> {
        let db = dir.join("gateway.db");
        let mut conn =
            Connection::open(&db).with_context(|| format!("cannot open {}", db.display()))?;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot chmod {}", db.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        super::migrate::sqlite(&mut conn, &db.display().to_string())?;
        for side in ["gateway.db-wal", "gateway.db-shm"] {
            let p = dir.join(side);
            if p.exists() {
                let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
            }
        }
        let sealer = Sealer::load_or_create(&dir.join("master.key"))?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            sealer,
        })
    }

    pub(super) fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (each statement is atomic), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn seal_config(&self, r: &K8sConfigRecord) -> StoreResult<String> {
        self.sealer.seal("k8s-config", to_json(r)?.as_bytes())
    }

    fn open_config(&self, sealed: &str) -> StoreResult<K8sConfigRecord> {
        let plain = self.sealer.open("k8s-config", sealed)?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Db(format!("corrupt config: {e}")))
    }

    /// The additional data binding a sealed item to its name, so a sealed
    /// blob copied to another row does not open.
    pub(super) fn item_aad(name: &str) -> String {
        format!("item:{name}")
    }

    pub(super) fn item_from_row(id: i64, data: &str) -> StoreResult<ItemRecord> {
        let mut r: ItemRecord = from_json(data)?;
        r.id = id;
        Ok(r)
    }
}

impl Store for SqliteStore {
    fn insert_auth_method(&self, r: &AuthMethodRecord) -> StoreResult<()> {
        let data = to_json(r)?;
        self.conn()
            .execute(
                "INSERT INTO auth_methods (name, access_id, data) VALUES (?1, ?2, ?3)",
                params![r.name, r.access_id, data],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!("auth method {}", r.name))
                } else {
                    e.into()
                }
            })?;
        Ok(())
    }

    fn replace_auth_method(&self, name: &str, r: &AuthMethodRecord) -> StoreResult<()> {
        let data = to_json(r)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx
            .execute(
                "UPDATE auth_methods SET name = ?1, access_id = ?2, data = ?3 WHERE name = ?4",
                params![r.name, r.access_id, data, name],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!("auth method {}", r.name))
                } else {
                    e.into()
                }
            })?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("auth method {name}")));
        }
        tx.commit()?;
        Ok(())
    }

    fn auth_method(&self, name: &str) -> StoreResult<Option<AuthMethodRecord>> {
        let data: Option<String> = self
            .conn()
            .query_row(
                "SELECT data FROM auth_methods WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        data.map(|d| from_json(&d)).transpose()
    }

    fn auth_method_by_access_id(&self, access_id: &str) -> StoreResult<Option<AuthMethodRecord>> {
        let data: Option<String> = self
            .conn()
            .query_row(
                "SELECT data FROM auth_methods WHERE access_id = ?1",
                [access_id],
                |r| r.get(0),
            )
            .optional()?;
        data.map(|d| from_json(&d)).transpose()
    }

    fn auth_methods(&self) -> StoreResult<Vec<AuthMethodRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT data FROM auth_methods ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(from_json(&row?)?);
        }
        Ok(out)
    }

    fn delete_auth_method(&self, name: &str) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let access_id: Option<String> = tx
            .query_row(
                "SELECT access_id FROM auth_methods WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let Some(access_id) = access_id else {
            return Err(StoreError::NotFound(format!("auth method {name}")));
        };
        tx.execute("DELETE FROM auth_methods WHERE name = ?1", [name])?;
        // Its associations go with it, so a later method reusing nothing
        // of it can never inherit them.
        let n = tx.execute(
            "DELETE FROM role_assocs WHERE am_access_id = ?1",
            [&access_id],
        )?;
        if n > 0 {
            super::sqlite_roles::bump_policy(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn insert_k8s_config(&self, r: &K8sConfigRecord) -> StoreResult<()> {
        let sealed = self.seal_config(r)?;
        self.conn()
            .execute(
                "INSERT INTO k8s_configs (name, sealed) VALUES (?1, ?2)",
                params![r.name, sealed],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!("k8s auth config {}", r.name))
                } else {
                    e.into()
                }
            })?;
        Ok(())
    }

    fn replace_k8s_config(&self, name: &str, r: &K8sConfigRecord) -> StoreResult<()> {
        let sealed = self.seal_config(r)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx
            .execute(
                "UPDATE k8s_configs SET name = ?1, sealed = ?2 WHERE name = ?3",
                params![r.name, sealed, name],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!("k8s auth config {}", r.name))
                } else {
                    e.into()
                }
            })?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("k8s auth config {name}")));
        }
        tx.commit()?;
        Ok(())
    }

    fn k8s_config(&self, name: &str) -> StoreResult<Option<K8sConfigRecord>> {
        let sealed: Option<String> = self
            .conn()
            .query_row(
                "SELECT sealed FROM k8s_configs WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        sealed.map(|s| self.open_config(&s)).transpose()
    }

    fn k8s_configs(&self) -> StoreResult<Vec<K8sConfigRecord>> {
        let sealed: Vec<String> = {
            let conn = self.conn();
            let mut stmt = conn.prepare("SELECT sealed FROM k8s_configs ORDER BY name")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<_, _>>()?
        };
        sealed.iter().map(|s| self.open_config(s)).collect()
    }

    fn delete_k8s_config(&self, name: &str) -> StoreResult<()> {
        let n = self
            .conn()
            .execute("DELETE FROM k8s_configs WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("k8s auth config {name}")));
        }
        Ok(())
    }

    fn insert_token(&self, t: &TokenRecord) -> StoreResult<()> {
        self.conn().execute(
            "INSERT INTO tokens (token_sha256, expiry, data) VALUES (?1, ?2, ?3)",
            params![t.token_sha256, t.expiry, to_json(t)?],
        )?;
        Ok(())
    }

    fn token(&self, token_sha256: &str) -> StoreResult<Option<TokenRecord>> {
        // Every request reads its token: keep the statement prepared.
        let data: Option<String> = self
            .conn()
            .prepare_cached("SELECT data FROM tokens WHERE token_sha256 = ?1")?
            .query_row([token_sha256], |r| r.get(0))
            .optional()?;
        data.map(|d| from_json(&d)).transpose()
    }

    fn purge_tokens(&self, now: i64) -> StoreResult<usize> {
        Ok(self
            .conn()
            .execute("DELETE FROM tokens WHERE expiry < ?1", [now])?)
    }

    fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    fn insert_item(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64> {
        if matches!(r.kind, ItemKind::StaticSecret { .. }) {
            return Err(StoreError::Db(
                "static secrets are inserted with insert_secret".into(),
            ));
        }
        let data = to_json(r)?;
        let sealed = self
            .sealer
            .seal(&Self::item_aad(&r.name), to_json(secret)?.as_bytes())?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO items (name, item_type, data, sealed) VALUES (?1, ?2, ?3, ?4)",
            params![r.name, r.kind.item_type(), data, sealed],
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                StoreError::AlreadyExists(format!("item {}", r.name))
            } else {
                e.into()
            }
        })?;
        Ok(conn.last_insert_rowid())
    }

    fn replace_classic_key(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64> {
        let data = to_json(r)?;
        let sealed = self
            .sealer
            .seal(&Self::item_aad(&r.name), to_json(secret)?.as_bytes())?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let old: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, data FROM items WHERE name = ?1",
                [&r.name],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((id, old_data)) = old {
            let old_rec = Self::item_from_row(id, &old_data)?;
            if !matches!(old_rec.kind, ItemKind::ClassicKey { .. }) {
                return Err(StoreError::Conflict(format!(
                    "item {} is a certificate; a classic key cannot replace it",
                    r.name
                )));
            }
            if old_rec.delete_protection {
                return Err(StoreError::Conflict(format!(
                    "item {} is protected from deletion and cannot be replaced",
                    r.name
                )));
            }
            tx.execute("DELETE FROM expiration_events WHERE item_id = ?1", [id])?;
            tx.execute("DELETE FROM items WHERE id = ?1", [id])?;
        }
        tx.execute(
            "INSERT INTO items (name, item_type, data, sealed) VALUES (?1, ?2, ?3, ?4)",
            params![r.name, r.kind.item_type(), data, sealed],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    fn item(&self, name: &str) -> StoreResult<Option<ItemRecord>> {
        let row: Option<(i64, String)> = self
            .conn()
            .query_row("SELECT id, data FROM items WHERE name = ?1", [name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(id, d)| Self::item_from_row(id, &d)).transpose()
    }

    fn item_with_secret(&self, name: &str) -> StoreResult<Option<(ItemRecord, ItemSecret)>> {
        let row: Option<(i64, String, String)> = self
            .conn()
            .query_row(
                "SELECT id, data, sealed FROM items WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, data, sealed)) = row else {
            return Ok(None);
        };
        let rec = Self::item_from_row(id, &data)?;
        let plain = self.sealer.open(&Self::item_aad(&rec.name), &sealed)?;
        let secret: ItemSecret = serde_json::from_slice(&plain)
            .map_err(|e| StoreError::Db(format!("corrupt item: {e}")))?;
        Ok(Some((rec, secret)))
    }

    fn items(&self) -> StoreResult<Vec<ItemRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT id, data FROM items ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            out.push(Self::item_from_row(id, &data)?);
        }
        Ok(out)
    }

    fn delete_item(&self, name: &str) -> StoreResult<ItemRecord> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let row: Option<(i64, String)> = tx
            .query_row("SELECT id, data FROM items WHERE name = ?1", [name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((id, data)) = row else {
            return Err(StoreError::NotFound(format!("item {name}")));
        };
        tx.execute("DELETE FROM expiration_events WHERE item_id = ?1", [id])?;
        tx.execute("DELETE FROM items WHERE id = ?1", [id])?;
        tx.commit()?;
        Self::item_from_row(id, &data)
    }

    fn emitted_expiration_events(&self) -> StoreResult<Vec<(i64, u32)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT item_id, threshold_days FROM expiration_events")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn record_expiration_event(
        &self,
        item_id: i64,
        threshold_days: u32,
        now: i64,
        delivery: Option<(&str, &str)>,
    ) -> StoreResult<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let exists: bool = tx
            .query_row("SELECT 1 FROM items WHERE id = ?1", [item_id], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            // Deleted since the scan read it: nothing to emit.
            return Ok(false);
        }
        let n = tx.execute(
            "INSERT OR IGNORE INTO expiration_events (item_id, threshold_days, emitted) VALUES (?1, ?2, ?3)",
            params![item_id, threshold_days, now],
        )?;
        if n == 0 {
            return Ok(false);
        }
        if let Some((event_id, payload)) = delivery {
            tx.execute(
                "INSERT INTO event_outbox (event_id, payload, attempts, next_attempt_ms, created) VALUES (?1, ?2, 0, ?3, ?4)",
                params![event_id, payload, now.saturating_mul(1000), now],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }

    fn due_deliveries(&self, now_ms: i64, limit: usize) -> StoreResult<Vec<Delivery>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, event_id, payload, attempts, next_attempt_ms FROM event_outbox
             WHERE next_attempt_ms <= ?1 ORDER BY next_attempt_ms, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![now_ms, limit as i64], |r| {
            Ok(Delivery {
                id: r.get(0)?,
                event_id: r.get(1)?,
                payload: r.get(2)?,
                attempts: r.get(3)?,
                next_attempt_ms: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn next_delivery_due(&self) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT MIN(next_attempt_ms) FROM event_outbox", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?)
    }

    fn delivery_succeeded(&self, id: i64) -> StoreResult<()> {
        self.conn()
            .execute("DELETE FROM event_outbox WHERE id = ?1", [id])?;
        Ok(())
    }

    fn delivery_failed(
        &self,
        id: i64,
        attempts: u32,
        next_attempt_ms: i64,
        error: &str,
    ) -> StoreResult<()> {
        self.conn().execute(
            "UPDATE event_outbox SET attempts = ?1, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?4",
            params![attempts, next_attempt_ms, error, id],
        )?;
        Ok(())
    }

    fn expedite_deliveries(&self, now_ms: i64) -> StoreResult<usize> {
        Ok(self.conn().execute(
            "UPDATE event_outbox SET next_attempt_ms = ?1 WHERE next_attempt_ms > ?1",
            [now_ms],
        )?)
    }

    fn pending_deliveries(&self) -> StoreResult<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM event_outbox", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn insert_role(&self, r: &RoleRecord) -> StoreResult<i64> {
        self.roles_insert(r)
    }
    fn update_role(&self, name: &str, r: &RoleRecord) -> StoreResult<()> {
        self.roles_update(name, r)
    }
    fn role(&self, name: &str) -> StoreResult<Option<RoleRecord>> {
        self.roles_get(name)
    }
    fn roles(&self) -> StoreResult<Vec<RoleRecord>> {
        self.roles_all()
    }
    fn delete_role(&self, name: &str) -> StoreResult<()> {
        self.roles_delete(name)
    }
    fn set_role_rule(&self, role: &str, rule: &RuleRecord) -> StoreResult<()> {
        self.rules_set(role, rule)
    }
    fn delete_role_rule(&self, role: &str, rule_type: &str, path: &str) -> StoreResult<()> {
        self.rules_delete(role, rule_type, path)
    }
    fn insert_assoc(&self, a: &AssocRecord) -> StoreResult<()> {
        self.assocs_insert(a)
    }
    fn update_assoc(&self, a: &AssocRecord) -> StoreResult<()> {
        self.assocs_update(a)
    }
    fn assoc(&self, assoc_id: &str) -> StoreResult<Option<AssocRecord>> {
        self.assocs_get(assoc_id)
    }
    fn delete_assoc(&self, assoc_id: &str) -> StoreResult<()> {
        self.assocs_delete(assoc_id)
    }
    fn policy_version(&self) -> StoreResult<i64> {
        self.policy_version_get()
    }
    fn policy(&self) -> StoreResult<PolicySnapshot> {
        self.policy_get()
    }
    fn ensure_builtin_role(&self, role: &RoleRecord, access_id: &str) -> StoreResult<bool> {
        self.builtin_role_ensure(role, access_id)
    }

    fn insert_secret(&self, r: &ItemRecord, value: &[u8]) -> StoreResult<i64> {
        self.secrets_insert(r, value)
    }
    fn secret_values(
        &self,
        name: &str,
        sel: VersionSel,
    ) -> StoreResult<Option<(ItemRecord, SecretValues)>> {
        self.secrets_values(name, sel)
    }
    fn update_secret_value(
        &self,
        name: &str,
        value: &[u8],
        new_version: bool,
        expect_last: Option<i64>,
        now: i64,
    ) -> StoreResult<ItemRecord> {
        self.secrets_update_value(name, value, new_version, expect_last, now)
    }
    fn secret_versions(&self, name: &str) -> StoreResult<Vec<SecretVersion>> {
        self.secrets_versions(name)
    }
    fn update_item_metadata(&self, r: &ItemRecord) -> StoreResult<()> {
        self.items_update_metadata(r)
    }
    fn delete_secret_version(&self, name: &str, version: i64) -> StoreResult<()> {
        self.secrets_delete_version(name, version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str) -> K8sConfigRecord {
        K8sConfigRecord {
            name: name.into(),
            id: "id".into(),
            access_id: "p-1".into(),
            signing_key_pem: "-----BEGIN RSA PRIVATE KEY-----secret".into(),
            k8s_host: "https://h".into(),
            k8s_ca_pem: String::new(),
            k8s_issuer: String::new(),
            disable_issuer_validation: false,
            reviewer: ReviewerAuth::ReviewerJwt {
                jwt: "eyJ.reviewer.jwt".into(),
            },
            token_exp: 300,
            cluster_api_type: "native_k8s".into(),
            created: 1,
            updated: 1,
        }
    }

    #[test]
    fn configs_are_sealed_at_rest_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = SqliteStore::open(dir.path()).unwrap();
            s.insert_k8s_config(&config("c1")).unwrap();
            assert!(matches!(
                s.insert_k8s_config(&config("c1")),
                Err(StoreError::AlreadyExists(_))
            ));
        }
        let raw = std::fs::read(dir.path().join("gateway.db")).unwrap();
        let wal = std::fs::read(dir.path().join("gateway.db-wal")).unwrap_or_default();
        for bytes in [&raw, &wal] {
            let text = String::from_utf8_lossy(bytes);
            // (The schema itself names a `secret_versions` table.)
            assert!(!text.contains("KEY-----secret") && !text.contains("reviewer.jwt"));
        }
        let mode = std::fs::metadata(dir.path().join("gateway.db"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let s = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(s.k8s_config("c1").unwrap().unwrap(), config("c1"));

        // Another master key cannot open it.
        std::fs::remove_file(dir.path().join("master.key")).unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        assert!(
            s.k8s_config("c1")
                .unwrap_err()
                .to_string()
                .contains("master.key")
        );
    }

    fn classic_key(name: &str) -> (ItemRecord, ItemSecret) {
        (
            ItemRecord {
                name: name.into(),
                id: 0,
                created: 1,
                kind: ItemKind::ClassicKey {
                    alg: "RSA2048".into(),
                    public_key_spki: "c3BraQ==".into(),
                },
                tags: vec!["t".into()],
                description: String::new(),
                delete_protection: false,
                modified: 0,
            },
            ItemSecret {
                private_key_pem: "-----BEGIN RSA PRIVATE KEY-----\nTOPSECRETKEYBYTES\n".into(),
                certificate_pem: String::new(),
            },
        )
    }

    #[test]
    fn item_secrets_are_sealed_and_bound_to_their_name() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = SqliteStore::open(dir.path()).unwrap();
            let (r, sec) = classic_key("/a");
            let id = s.insert_item(&r, &sec).unwrap();
            assert!(matches!(
                s.insert_item(&r, &sec),
                Err(StoreError::AlreadyExists(_))
            ));
            let (got, got_sec) = s.item_with_secret("/a").unwrap().unwrap();
            assert_eq!(got.id, id);
            assert_eq!(got_sec, sec);
            assert_eq!(s.item("/a").unwrap().unwrap().tags, ["t"]);
            assert!(!format!("{got_sec:?}").contains("TOPSECRET"));
            // A sealed blob moved to another row does not open.
            s.insert_item(&classic_key("/b").0, &ItemSecret::default())
                .unwrap();
            s.conn()
                .execute(
                    "UPDATE items SET sealed = (SELECT sealed FROM items WHERE name = '/a') WHERE name = '/b'",
                    [],
                )
                .unwrap();
            assert!(s.item_with_secret("/b").is_err());
        }
        for f in ["gateway.db", "gateway.db-wal"] {
            let bytes = std::fs::read(dir.path().join(f)).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("TOPSECRET"),
                "{f}"
            );
        }
        let s = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(s.items().unwrap().len(), 2);
        let deleted = s.delete_item("/a").unwrap();
        assert_eq!(deleted.name, "/a");
        assert!(matches!(s.delete_item("/a"), Err(StoreError::NotFound(_))));
        // Ids are never reused.
        let again = s.insert_item(&classic_key("/a").0, &ItemSecret::default());
        assert!(again.unwrap() > deleted.id);
        std::fs::remove_file(dir.path().join("master.key")).unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        let e = s.item_with_secret("/a").unwrap_err().to_string();
        assert!(e.contains("master.key"), "{e}");
    }

    #[test]
    fn concurrent_writers_never_both_win() {
        let dir = tempfile::tempdir().unwrap();
        let s = std::sync::Arc::new(SqliteStore::open(dir.path()).unwrap());
        let wins = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let s = s.clone();
                let wins = wins.clone();
                std::thread::spawn(move || {
                    for i in 0..20 {
                        // Every thread races for the shared names and owns its own.
                        if s.insert_k8s_config(&config(&format!("shared-{i}"))).is_ok() {
                            wins.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        s.insert_k8s_config(&config(&format!("t{t}-{i}"))).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(wins.load(std::sync::atomic::Ordering::SeqCst), 20);
        assert_eq!(s.k8s_configs().unwrap().len(), 20 + 8 * 20);
    }

    #[test]
    fn rename_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        s.insert_k8s_config(&config("a")).unwrap();
        s.insert_k8s_config(&config("b")).unwrap();
        assert!(matches!(
            s.replace_k8s_config("a", &config("b")),
            Err(StoreError::AlreadyExists(_))
        ));
        s.replace_k8s_config("a", &config("c")).unwrap();
        assert!(s.k8s_config("a").unwrap().is_none());
        assert_eq!(s.k8s_configs().unwrap().len(), 2);
        s.delete_k8s_config("c").unwrap();
        assert!(matches!(
            s.delete_k8s_config("c"),
            Err(StoreError::NotFound(_))
        ));
    }
}
