//! The SQLite store: one file in the data dir (mode 0600, WAL).

use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
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
    /// The policy version as last read, or -1 after a write of this
    /// process that bumped it; valid while SQLite's `data_version` (changed
    /// by other processes' commits) stays at `data_version_seen`. Spares
    /// every login and authorized request a table read.
    pub(super) policy_version_hint: std::sync::atomic::AtomicI64,
    pub(super) data_version_seen: std::sync::atomic::AtomicI64,
    /// When `data_version` was last compared (nanoseconds after `opened`):
    /// within [`DATA_VERSION_RECHECK`] of it the hint is used without
    /// taking the connection, which every login would otherwise queue on
    /// behind the token writer.
    pub(super) data_version_checked_ns: std::sync::atomic::AtomicU64,
    pub(super) opened: std::time::Instant,
}

/// How stale another process's policy change may be seen: `gateway admin
/// reset-key` beside a running gateway takes effect within this. Writes of
/// this process clear the hint at once.
pub(super) const DATA_VERSION_RECHECK: std::time::Duration = std::time::Duration::from_millis(5);

pub(super) fn to_json<T: Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Db(e.to_string()))
}

pub(super) fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Db(format!("corrupt record: {e}")))
}

/// The `meta` key of the master key's fingerprint ([`Sealer::check_value`]).
const MASTER_KEY_CHECK: &str = "master_key_check";

fn set_meta_on(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Whether `sealer` opens the first sealed record (true when there is none).
fn opens_a_sealed_record(conn: &Connection, sealer: &Sealer) -> Result<bool> {
    let config: Option<String> = conn
        .query_row("SELECT sealed FROM k8s_configs LIMIT 1", [], |r| r.get(0))
        .optional()?;
    if let Some(sealed) = config {
        return Ok(sealer.open("k8s-config", &sealed).is_ok());
    }
    let item: Option<(String, String)> = conn
        .query_row("SELECT name, sealed FROM items LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(match item {
        Some((name, sealed)) => sealer.open(&SqliteStore::item_aad(&name), &sealed).is_ok(),
        None => true,
    })
}

pub(super) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

impl SqliteStore {
    /// Opens (creating on first start) `gateway.db` and `master.key` in `dir`.
    ///
    /// Neither is opened, created or chmod'ed through a symbolic link. The
    /// two must belong together: a database without its master key, a key
    /// without its database or a foreign key is refused with what to
    /// restore, rather than silently starting a different gateway (a new
    /// admin, or secrets that no longer open). `PRAGMA quick_check` runs
    /// first, so a damaged file is reported at start, not by a later 500.
    pub fn open(dir: &Path) -> Result<SqliteStore> {
        Self::open_with_key_copied(dir, false)
    }

    /// [`open`](Self::open); `key_just_copied`: `master.key` was put into
    /// the data dir a moment ago from `--master-key-file`, so a key
    /// without a database is a new gateway, not a database that was lost.
    pub fn open_with_key_copied(dir: &Path, key_just_copied: bool) -> Result<SqliteStore> {
        use crate::no_follow;
        let db = dir.join("gateway.db");
        let key_path = dir.join("master.key");
        let (d, k) = (db.display(), key_path.display());
        for name in [
            "gateway.db",
            "gateway.db-wal",
            "gateway.db-shm",
            "master.key",
        ] {
            no_follow::refuse_link(&dir.join(name))?;
        }
        let key = Sealer::load(&key_path)?;
        let db_has_bytes = std::fs::symlink_metadata(&db).is_ok_and(|m| m.len() > 0);
        // Checked before anything is created, so a refusal changes nothing.
        let db_gone = || {
            anyhow!(
                "{d} is missing or empty but {k} exists, so this data dir belonged to a gateway whose database is gone: restore gateway.db from backup (to start a new gateway deliberately, move master.key away first)"
            )
        };
        if key.is_some() && !db_has_bytes && !key_just_copied {
            return Err(db_gone());
        }
        // Created here with 0600 and O_NOFOLLOW; SQLite then opens it with
        // SQLITE_OPEN_NOFOLLOW. A device or FIFO planted here is refused.
        let f = no_follow::open_with(
            &db,
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .mode(0o600),
            libc::O_NONBLOCK,
        )?;
        no_follow::set_mode_of(&f, &db, 0o600)?;
        drop(f);
        // Side files left by an earlier run are fixed now, before SQLite
        // holds locks on them: closing any other descriptor of a file drops
        // this process's POSIX locks on it, and with the -shm lock gone
        // another process opening the database (`gateway backup`,
        // `gateway admin reset-key`) would re-initialise the shared memory
        // under the gateway's mapping (SIGBUS). Side files SQLite creates
        // take the database file's mode (0600).
        for side in ["gateway.db-wal", "gateway.db-shm"] {
            no_follow::set_mode(&dir.join(side), 0o600)?;
        }
        let mut conn = Connection::open_with_flags(
            &db,
            OpenFlags::default() | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .with_context(|| format!("cannot open {d}"))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| {
                anyhow!("{d} is not a readable gateway database ({e}); restore it from backup")
            })?;
        if check != "ok" {
            bail!("{d} failed SQLite's integrity check ({check}); restore it from backup");
        }
        // Before the schema exists these queries fail: nothing stored yet.
        let stored_check: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [MASTER_KEY_CHECK],
                |r| r.get(0),
            )
            .ok();
        let has_records = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM auth_methods) OR EXISTS (SELECT 1 FROM k8s_configs) OR EXISTS (SELECT 1 FROM items)",
                [],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(false);
        let existing = stored_check.is_some() || has_records;
        match &key {
            None if existing => bail!(
                "{k} is missing but {d} belongs to an existing gateway whose stored secrets need it: restore master.key from backup (to start a new, empty gateway instead, move gateway.db away too)"
            ),
            Some(_) if !existing && !key_just_copied => return Err(db_gone()),
            // A new database for the key just copied: nothing to check yet.
            Some(_) if !existing => {}
            Some(s) => match &stored_check {
                Some(c) if c == s.check_value() => {}
                Some(_) => bail!(
                    "{k} is not the master key of {d} (its fingerprint differs): restore the matching master.key from backup"
                ),
                // A database from before the fingerprint: a sealed record
                // must open (the fingerprint is stored below).
                None if !opens_a_sealed_record(&conn, s)? => bail!(
                    "{k} cannot open the secrets stored in {d}: restore the matching master.key from backup"
                ),
                None => {}
            },
            None => {}
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        super::migrate::sqlite(&mut conn, &db.display().to_string())?;
        let sealer = match key {
            Some(s) => s,
            None => Sealer::create(&key_path)?,
        };
        if stored_check.is_none() {
            set_meta_on(&conn, MASTER_KEY_CHECK, sealer.check_value())?;
        }
        Ok(SqliteStore {
            policy_version_hint: std::sync::atomic::AtomicI64::new(-1),
            data_version_seen: std::sync::atomic::AtomicI64::new(-1),
            data_version_checked_ns: std::sync::atomic::AtomicU64::new(0),
            opened: std::time::Instant::now(),
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
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
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
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
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
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
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
        tx.execute(
            "DELETE FROM role_assocs WHERE am_access_id = ?1",
            [&access_id],
        )?;
        // Logins cache auth methods by this version too.
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    fn insert_k8s_config(&self, r: &K8sConfigRecord) -> StoreResult<()> {
        let sealed = self.seal_config(r)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
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
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
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
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
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
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx.execute("DELETE FROM k8s_configs WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("k8s auth config {name}")));
        }
        super::sqlite_roles::bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    fn insert_token(&self, t: &TokenRecord) -> StoreResult<()> {
        self.conn()
            .prepare_cached("INSERT INTO tokens (token_sha256, expiry, data) VALUES (?1, ?2, ?3)")?
            .execute(params![t.token_sha256, t.expiry, to_json(t)?])?;
        Ok(())
    }

    fn insert_tokens(&self, ts: &[TokenRecord]) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO tokens (token_sha256, expiry, data) VALUES (?1, ?2, ?3)",
            )?;
            for t in ts {
                stmt.execute(params![t.token_sha256, t.expiry, to_json(t)?])?;
            }
        }
        tx.commit()?;
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
mod tests;
