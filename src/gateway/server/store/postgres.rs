//! The PostgreSQL store: several gateway replicas on one database.
//!
//! Same tables and the same sealing as SQLite (the master key is a file
//! every replica shares), so a token issued by one replica is valid on all
//! and every cache keyed by a stored counter (the policy version) sees a
//! change made on another replica on its next read. Expiration events are
//! recorded with `ON CONFLICT DO NOTHING` on (item, threshold) in the same
//! transaction as the outbox row, so only one replica emits each; outbox
//! rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease.
//!
//! The connection is plain TCP (`NoTls`): meant for a database on loopback
//! or inside the cluster network. The sync `postgres` client is used behind
//! an `r2d2` pool because the [`Store`] trait is synchronous (making it
//! async would touch every handler); see [`blocking`] for how it is called
//! from the async server.

use std::path::Path;
use std::time::Duration;

use ::postgres::NoTls;
use ::postgres::error::SqlState;
use anyhow::{Context, Result, bail};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2;

use super::sqlite::{from_json, to_json};
use super::*;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
pub(super) type Tx<'a> = ::postgres::Transaction<'a>;

impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

pub(super) fn is_unique_violation(e: &::postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// Maps a unique violation to `AlreadyExists(what)`.
pub(super) fn exists_as(what: String) -> impl FnOnce(::postgres::Error) -> StoreError {
    move |e| {
        if is_unique_violation(&e) {
            StoreError::AlreadyExists(what)
        } else {
            e.into()
        }
    }
}

/// Runs blocking database work from any thread.
///
/// The sync `postgres` client drives its connection with a private tokio
/// runtime, and tokio panics when a runtime is entered from a thread that
/// is already inside one. The gateway calls the store from its
/// multi-threaded runtime's workers: `block_in_place` hands the worker's
/// other tasks to another thread and leaves the runtime context, so the
/// client may block here. A current-thread runtime (tests, the CLI) has no
/// other worker to hand off to, so the work runs on a scoped thread
/// instead. Outside any runtime it simply runs.
pub(super) fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        Ok(_) => std::thread::scope(|s| match s.spawn(f).join() {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        }),
        Err(_) => f(),
    }
}

pub struct PostgresStore {
    /// `Option` only so `Drop` can release the connections off any async
    /// runtime (closing a client enters its own runtime).
    pool: Option<Pool>,
    pub(super) sealer: Sealer,
}

/// Stored under this meta key: the master key's fingerprint, so a replica
/// started with another key is refused instead of writing data the others
/// cannot open.
const KEY_CHECK: &str = "master_key_check";

impl PostgresStore {
    /// Connects (a pool of up to `max` connections), applies migrations and
    /// checks `master_key` against the database.
    pub fn open(url: &str, master_key: &Path) -> Result<PostgresStore> {
        let config: ::postgres::Config = url.parse().map_err(|_| {
            anyhow::anyhow!("--store is not a PostgreSQL URL such as postgres://USER@HOST:PORT/DB")
        })?;
        blocking(move || Self::open_blocking(config, master_key))
    }

    fn open_blocking(config: ::postgres::Config, master_key: &Path) -> Result<PostgresStore> {
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(16)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .context("cannot connect to the PostgreSQL database of --store")?;
        let mut client = pool
            .get()
            .context("cannot connect to the PostgreSQL database of --store")?;
        super::migrate::postgres(&mut client)?;
        let check: Option<String> = client
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&KEY_CHECK])?
            .map(|r| r.get(0));
        if check.is_some() && !master_key.exists() {
            bail!(
                "the database already holds data sealed with a master key, but {} is missing; \
                 give every replica the same master key file",
                master_key.display()
            );
        }
        let (sealer, created) = match Sealer::load(master_key)? {
            Some(s) => (s, false),
            None => (Sealer::create(master_key)?, true),
        };
        // The same fingerprint SQLite keeps ([`Sealer::check_value`]).
        let mismatch = |what: &str| {
            if created {
                // Ours and unused: the next start finds no stray key.
                let _ = std::fs::remove_file(master_key);
            }
            anyhow::anyhow!(
                "{} {what}; give every replica the same master key file",
                master_key.display()
            )
        };
        match check {
            Some(stored) if stored == sealer.check_value() => {}
            Some(_) => return Err(mismatch("is not the master key of this database")),
            None => {
                // Two replicas starting at once: the first one wins, and
                // the loser is refused here.
                client.execute(
                    "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                    &[&KEY_CHECK, &sealer.check_value()],
                )?;
                let stored: String = client
                    .query_one("SELECT value FROM meta WHERE key = $1", &[&KEY_CHECK])?
                    .get(0);
                if stored != sealer.check_value() {
                    return Err(mismatch(
                        "differs from the master key another replica just stored",
                    ));
                }
            }
        }
        drop(client);
        Ok(PostgresStore {
            pool: Some(pool),
            sealer,
        })
    }

    /// One pooled connection for `f`.
    pub(super) fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut ::postgres::Client) -> StoreResult<T> + Send,
    ) -> StoreResult<T> {
        let pool = self
            .pool
            .as_ref()
            .ok_or_else(|| StoreError::Db("the store is closed".into()))?;
        blocking(|| {
            let mut c = pool
                .get()
                .map_err(|e| StoreError::Db(format!("the database is unavailable: {e}")))?;
            f(&mut c)
        })
    }

    /// `f` in one transaction, committed when it returns `Ok`.
    pub(super) fn tx<T: Send>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T> + Send,
    ) -> StoreResult<T> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            let v = f(&mut tx)?;
            tx.commit()?;
            Ok(v)
        })
    }

    fn open_config(&self, sealed: &str) -> StoreResult<K8sConfigRecord> {
        let plain = self.sealer.open("k8s-config", sealed)?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Db(format!("corrupt config: {e}")))
    }

    pub(super) fn item_from_row(id: i64, data: &str) -> StoreResult<ItemRecord> {
        SqliteStore::item_from_row(id, data)
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        // On a fresh thread: the last store handle may go while the runtime
        // shuts down, where block_in_place is not allowed.
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// Lease on a claimed outbox row: another replica may take it over only
/// after this, e.g. when the claiming one died mid-delivery.
const LEASE_MS: i64 = 60_000;

impl Store for PostgresStore {
    // Every write of a method or config bumps the policy version in its
    // transaction: logins cache both under it (server::record_cache), so a
    // change on one replica reaches every replica's next login.
    fn insert_auth_method(&self, r: &AuthMethodRecord) -> StoreResult<()> {
        let data = to_json(r)?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO auth_methods (name, access_id, data) VALUES ($1, $2, $3)",
                &[&r.name, &r.access_id, &data],
            )
            .map_err(exists_as(format!("auth method {}", r.name)))?;
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn replace_auth_method(&self, name: &str, r: &AuthMethodRecord) -> StoreResult<()> {
        let data = to_json(r)?;
        self.tx(|tx| {
            let n = tx
                .execute(
                    "UPDATE auth_methods SET name = $1, access_id = $2, data = $3 WHERE name = $4",
                    &[&r.name, &r.access_id, &data, &name],
                )
                .map_err(exists_as(format!("auth method {}", r.name)))?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("auth method {name}")));
            }
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn auth_method(&self, name: &str) -> StoreResult<Option<AuthMethodRecord>> {
        let row = self.with(|c| {
            Ok(c.query_opt("SELECT data FROM auth_methods WHERE name = $1", &[&name])?)
        })?;
        row.map(|r| from_json(r.get(0))).transpose()
    }

    fn auth_method_by_access_id(&self, access_id: &str) -> StoreResult<Option<AuthMethodRecord>> {
        let row = self.with(|c| {
            Ok(c.query_opt(
                "SELECT data FROM auth_methods WHERE access_id = $1",
                &[&access_id],
            )?)
        })?;
        row.map(|r| from_json(r.get(0))).transpose()
    }

    fn auth_methods(&self) -> StoreResult<Vec<AuthMethodRecord>> {
        let rows =
            self.with(|c| Ok(c.query("SELECT data FROM auth_methods ORDER BY name", &[])?))?;
        rows.iter().map(|r| from_json(r.get(0))).collect()
    }

    fn delete_auth_method(&self, name: &str) -> StoreResult<()> {
        self.tx(|tx| {
            let row = tx.query_opt(
                "DELETE FROM auth_methods WHERE name = $1 RETURNING access_id",
                &[&name],
            )?;
            let Some(row) = row else {
                return Err(StoreError::NotFound(format!("auth method {name}")));
            };
            let access_id: String = row.get(0);
            tx.execute(
                "DELETE FROM role_assocs WHERE am_access_id = $1",
                &[&access_id],
            )?;
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn insert_k8s_config(&self, r: &K8sConfigRecord) -> StoreResult<()> {
        let sealed = self.sealer.seal("k8s-config", to_json(r)?.as_bytes())?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO k8s_configs (name, sealed) VALUES ($1, $2)",
                &[&r.name, &sealed],
            )
            .map_err(exists_as(format!("k8s auth config {}", r.name)))?;
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn replace_k8s_config(&self, name: &str, r: &K8sConfigRecord) -> StoreResult<()> {
        let sealed = self.sealer.seal("k8s-config", to_json(r)?.as_bytes())?;
        self.tx(|tx| {
            let n = tx
                .execute(
                    "UPDATE k8s_configs SET name = $1, sealed = $2 WHERE name = $3",
                    &[&r.name, &sealed, &name],
                )
                .map_err(exists_as(format!("k8s auth config {}", r.name)))?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("k8s auth config {name}")));
            }
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn k8s_config(&self, name: &str) -> StoreResult<Option<K8sConfigRecord>> {
        let row = self.with(|c| {
            Ok(c.query_opt("SELECT sealed FROM k8s_configs WHERE name = $1", &[&name])?)
        })?;
        row.map(|r| self.open_config(r.get(0))).transpose()
    }

    fn k8s_configs(&self) -> StoreResult<Vec<K8sConfigRecord>> {
        let rows =
            self.with(|c| Ok(c.query("SELECT sealed FROM k8s_configs ORDER BY name", &[])?))?;
        rows.iter().map(|r| self.open_config(r.get(0))).collect()
    }

    fn delete_k8s_config(&self, name: &str) -> StoreResult<()> {
        self.tx(|tx| {
            let n = tx.execute("DELETE FROM k8s_configs WHERE name = $1", &[&name])?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("k8s auth config {name}")));
            }
            super::postgres_roles::bump_policy(tx)
        })
    }

    fn insert_token(&self, t: &TokenRecord) -> StoreResult<()> {
        let data = to_json(t)?;
        self.with(|c| {
            c.execute(
                "INSERT INTO tokens (token_sha256, expiry, data) VALUES ($1, $2, $3)",
                &[&t.token_sha256, &t.expiry, &data],
            )?;
            Ok(())
        })
    }

    fn insert_tokens(&self, ts: &[TokenRecord]) -> StoreResult<()> {
        let rows = ts
            .iter()
            .map(|t| Ok((t, to_json(t)?)))
            .collect::<StoreResult<Vec<_>>>()?;
        self.tx(|tx| {
            let stmt =
                tx.prepare("INSERT INTO tokens (token_sha256, expiry, data) VALUES ($1, $2, $3)")?;
            for (t, data) in &rows {
                tx.execute(&stmt, &[&t.token_sha256, &t.expiry, data])?;
            }
            Ok(())
        })
    }

    fn token(&self, token_sha256: &str) -> StoreResult<Option<TokenRecord>> {
        let row = self.with(|c| {
            Ok(c.query_opt(
                "SELECT data FROM tokens WHERE token_sha256 = $1",
                &[&token_sha256],
            )?)
        })?;
        row.map(|r| from_json(r.get(0))).transpose()
    }

    fn purge_tokens(&self, now: i64) -> StoreResult<usize> {
        let n = self.with(|c| Ok(c.execute("DELETE FROM tokens WHERE expiry < $1", &[&now])?))?;
        Ok(n as usize)
    }

    fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        let row =
            self.with(|c| Ok(c.query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?))?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )?;
            Ok(())
        })
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
            .seal(&SqliteStore::item_aad(&r.name), to_json(secret)?.as_bytes())?;
        self.with(|c| {
            let row = c
                .query_one(
                    "INSERT INTO items (name, item_type, data, sealed) VALUES ($1, $2, $3, $4) RETURNING id",
                    &[&r.name, &r.kind.item_type(), &data, &sealed],
                )
                .map_err(exists_as(format!("item {}", r.name)))?;
            Ok(row.get(0))
        })
    }

    fn replace_classic_key(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64> {
        let data = to_json(r)?;
        let sealed = self
            .sealer
            .seal(&SqliteStore::item_aad(&r.name), to_json(secret)?.as_bytes())?;
        self.tx(|tx| {
            let old = tx.query_opt(
                "SELECT id, data FROM items WHERE name = $1 FOR UPDATE",
                &[&r.name],
            )?;
            if let Some(row) = old {
                let id: i64 = row.get(0);
                let old_rec = Self::item_from_row(id, row.get(1))?;
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
                tx.execute("DELETE FROM items WHERE id = $1", &[&id])?;
            }
            let row = tx
                .query_one(
                    "INSERT INTO items (name, item_type, data, sealed) VALUES ($1, $2, $3, $4) RETURNING id",
                    &[&r.name, &r.kind.item_type(), &data, &sealed],
                )
                .map_err(exists_as(format!("item {}", r.name)))?;
            Ok(row.get(0))
        })
    }

    fn item(&self, name: &str) -> StoreResult<Option<ItemRecord>> {
        let row = self
            .with(|c| Ok(c.query_opt("SELECT id, data FROM items WHERE name = $1", &[&name])?))?;
        row.map(|r| Self::item_from_row(r.get(0), r.get(1)))
            .transpose()
    }

    fn item_with_secret(&self, name: &str) -> StoreResult<Option<(ItemRecord, ItemSecret)>> {
        let row = self.with(|c| {
            Ok(c.query_opt(
                "SELECT id, data, sealed FROM items WHERE name = $1",
                &[&name],
            )?)
        })?;
        let Some(row) = row else { return Ok(None) };
        let rec = Self::item_from_row(row.get(0), row.get(1))?;
        let plain = self
            .sealer
            .open(&SqliteStore::item_aad(&rec.name), row.get(2))?;
        let secret: ItemSecret = serde_json::from_slice(&plain)
            .map_err(|e| StoreError::Db(format!("corrupt item: {e}")))?;
        Ok(Some((rec, secret)))
    }

    fn items(&self) -> StoreResult<Vec<ItemRecord>> {
        let rows = self.with(|c| Ok(c.query("SELECT id, data FROM items ORDER BY name", &[])?))?;
        rows.iter()
            .map(|r| Self::item_from_row(r.get(0), r.get(1)))
            .collect()
    }

    fn delete_item(&self, name: &str) -> StoreResult<ItemRecord> {
        let row = self.with(|c| {
            Ok(c.query_opt(
                "DELETE FROM items WHERE name = $1 RETURNING id, data",
                &[&name],
            )?)
        })?;
        let Some(row) = row else {
            return Err(StoreError::NotFound(format!("item {name}")));
        };
        Self::item_from_row(row.get(0), row.get(1))
    }

    fn emitted_expiration_events(&self) -> StoreResult<Vec<(i64, u32)>> {
        let rows = self
            .with(|c| Ok(c.query("SELECT item_id, threshold_days FROM expiration_events", &[])?))?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, i64>(0), r.get::<_, i64>(1) as u32))
            .collect())
    }

    fn record_expiration_event(
        &self,
        item_id: i64,
        threshold_days: u32,
        now: i64,
        delivery: Option<(&str, &str)>,
    ) -> StoreResult<bool> {
        let threshold = i64::from(threshold_days);
        self.tx(|tx| {
            // The primary key decides which replica emits: the others'
            // inserts wait for this transaction and then insert nothing.
            let n = tx.execute(
                "INSERT INTO expiration_events (item_id, threshold_days, emitted)
                 SELECT id, $2::BIGINT, $3::BIGINT FROM items WHERE id = $1
                 ON CONFLICT (item_id, threshold_days) DO NOTHING",
                &[&item_id, &threshold, &now],
            )?;
            if n == 0 {
                return Ok(false);
            }
            if let Some((event_id, payload)) = delivery {
                tx.execute(
                    "INSERT INTO event_outbox (event_id, payload, attempts, next_attempt_ms, created)
                     VALUES ($1, $2, 0, $3, $4)",
                    &[&event_id, &payload, &now.saturating_mul(1000), &now],
                )?;
            }
            Ok(true)
        })
    }

    fn due_deliveries(&self, now_ms: i64, limit: usize) -> StoreResult<Vec<Delivery>> {
        let limit = limit as i64;
        let lease = now_ms.saturating_add(LEASE_MS);
        let rows = self.with(|c| {
            // Claim: rows locked by another replica's claim are skipped,
            // and the lease keeps them from being claimed again until it
            // runs out (a replica that died mid-delivery).
            Ok(c.query(
                "UPDATE event_outbox SET lease_until_ms = $3
                 WHERE id IN (
                     SELECT id FROM event_outbox
                     WHERE next_attempt_ms <= $1 AND lease_until_ms <= $1
                     ORDER BY next_attempt_ms, id LIMIT $2
                     FOR UPDATE SKIP LOCKED)
                 RETURNING id, event_id, payload, attempts, next_attempt_ms",
                &[&now_ms, &limit, &lease],
            )?)
        })?;
        let mut out: Vec<Delivery> = rows
            .iter()
            .map(|r| Delivery {
                id: r.get(0),
                event_id: r.get(1),
                payload: r.get(2),
                attempts: r.get::<_, i64>(3) as u32,
                next_attempt_ms: r.get(4),
            })
            .collect();
        out.sort_by_key(|d| (d.next_attempt_ms, d.id));
        Ok(out)
    }

    fn next_delivery_due(&self) -> StoreResult<Option<i64>> {
        let row = self.with(|c| {
            Ok(c.query_one(
                "SELECT MIN(GREATEST(next_attempt_ms, lease_until_ms)) FROM event_outbox",
                &[],
            )?)
        })?;
        Ok(row.get(0))
    }

    fn delivery_succeeded(&self, id: i64) -> StoreResult<()> {
        self.with(|c| {
            c.execute("DELETE FROM event_outbox WHERE id = $1", &[&id])?;
            Ok(())
        })
    }

    fn delivery_failed(
        &self,
        id: i64,
        attempts: u32,
        next_attempt_ms: i64,
        error: &str,
    ) -> StoreResult<()> {
        let attempts = i64::from(attempts);
        self.with(|c| {
            c.execute(
                "UPDATE event_outbox SET attempts = $1, next_attempt_ms = $2, last_error = $3,
                 lease_until_ms = 0 WHERE id = $4",
                &[&attempts, &next_attempt_ms, &error, &id],
            )?;
            Ok(())
        })
    }

    fn expedite_deliveries(&self, now_ms: i64) -> StoreResult<usize> {
        // Rows leased by a live replica are left alone.
        let n = self.with(|c| {
            Ok(c.execute(
                "UPDATE event_outbox SET next_attempt_ms = $1
                 WHERE next_attempt_ms > $1 AND lease_until_ms <= $1",
                &[&now_ms],
            )?)
        })?;
        Ok(n as usize)
    }

    fn pending_deliveries(&self) -> StoreResult<usize> {
        let row = self.with(|c| Ok(c.query_one("SELECT COUNT(*) FROM event_outbox", &[])?))?;
        Ok(row.get::<_, i64>(0) as usize)
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
