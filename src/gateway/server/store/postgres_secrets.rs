//! PostgreSQL table of static-secret versions; same sealing (bound to name
//! and version) as SQLite. Writers lock the item row (`FOR UPDATE`) first,
//! so two replicas updating one secret take turns instead of both writing
//! "the next" version.

use super::postgres::{PostgresStore, Tx, exists_as};
use super::sqlite::to_json;
use super::*;

fn version_aad(name: &str, version: i64) -> String {
    format!("secret:{name}:{version}")
}

fn max_versions(kind: &ItemKind) -> i64 {
    match kind {
        ItemKind::StaticSecret { max_versions, .. } if *max_versions > 0 => *max_versions,
        _ => DEFAULT_MAX_VERSIONS,
    }
}

fn prune(tx: &mut Tx<'_>, item_id: i64, keep: i64) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM secret_versions WHERE item_id = $1 AND version NOT IN
         (SELECT version FROM secret_versions WHERE item_id = $1 ORDER BY version DESC LIMIT $2)",
        &[&item_id, &keep],
    )?;
    Ok(())
}

/// The static secret stored under `name`, row-locked for this transaction.
fn secret_row(tx: &mut Tx<'_>, name: &str) -> StoreResult<Option<ItemRecord>> {
    tx.query_opt(
        "SELECT id, data FROM items WHERE name = $1 AND item_type = 'STATIC_SECRET' FOR UPDATE",
        &[&name],
    )?
    .map(|r| PostgresStore::item_from_row(r.get(0), r.get(1)))
    .transpose()
}

fn save(tx: &mut Tx<'_>, rec: &ItemRecord) -> StoreResult<()> {
    tx.execute(
        "UPDATE items SET data = $1 WHERE id = $2",
        &[&to_json(rec)?, &rec.id],
    )?;
    Ok(())
}

impl PostgresStore {
    pub(super) fn secrets_insert(&self, r: &ItemRecord, value: &[u8]) -> StoreResult<i64> {
        let ItemKind::StaticSecret { last_version, .. } = r.kind else {
            return Err(StoreError::Db("insert_secret needs a static secret".into()));
        };
        let data = to_json(r)?;
        let empty = self.sealer.seal(
            &SqliteStore::item_aad(&r.name),
            to_json(&ItemSecret::default())?.as_bytes(),
        )?;
        let sealed = self
            .sealer
            .seal(&version_aad(&r.name, last_version), value)?;
        self.tx(|tx| {
            let id: i64 = tx
                .query_one(
                    "INSERT INTO items (name, item_type, data, sealed) VALUES ($1, $2, $3, $4) RETURNING id",
                    &[&r.name, &r.kind.item_type(), &data, &empty],
                )
                .map_err(exists_as(format!("item {}", r.name)))?
                .get(0);
            tx.execute(
                "INSERT INTO secret_versions (item_id, version, created, modified, sealed)
                 VALUES ($1, $2, $3, $3, $4)",
                &[&id, &last_version, &r.created, &sealed],
            )?;
            Ok(id)
        })
    }

    pub(super) fn secrets_values(
        &self,
        name: &str,
        sel: VersionSel,
    ) -> StoreResult<Option<(ItemRecord, SecretValues)>> {
        let found = self.with(|c| {
            // One statement reads the item and its versions: one snapshot.
            let (filter, arg) = match sel {
                VersionSel::Latest => ("ORDER BY v.version DESC LIMIT $2", 1),
                VersionSel::Exact(v) => ("AND v.version = $2", v),
                VersionSel::LastN(n) => ("ORDER BY v.version DESC LIMIT $2", n),
            };
            let (where_version, order) = match sel {
                VersionSel::Exact(_) => (filter, ""),
                _ => ("", filter),
            };
            let sql = format!(
                "SELECT i.id, i.data, v.version, v.sealed FROM items i
                 LEFT JOIN secret_versions v ON v.item_id = i.id {where_version}
                 WHERE i.name = $1 AND i.item_type = 'STATIC_SECRET' {order}"
            );
            Ok(c.query(sql.as_str(), &[&name, &arg])?)
        })?;
        let Some(first) = found.first() else {
            return Ok(None);
        };
        let rec = Self::item_from_row(first.get(0), first.get(1))?;
        let mut out = Vec::with_capacity(found.len());
        for row in &found {
            let (Some(v), Some(sealed)) = (
                row.get::<_, Option<i64>>(2),
                row.get::<_, Option<String>>(3),
            ) else {
                continue;
            };
            out.push((v, self.sealer.open(&version_aad(&rec.name, v), &sealed)?));
        }
        Ok(Some((rec, out)))
    }

    pub(super) fn secrets_update_value(
        &self,
        name: &str,
        value: &[u8],
        new_version: bool,
        expect_last: Option<i64>,
        now: i64,
    ) -> StoreResult<ItemRecord> {
        self.tx(|tx| {
            let mut rec =
                secret_row(tx, name)?.ok_or_else(|| StoreError::NotFound(format!("item {name}")))?;
            let keep = max_versions(&rec.kind);
            let id = rec.id;
            let ItemKind::StaticSecret { last_version, .. } = &mut rec.kind else {
                return Err(StoreError::NotFound(format!("item {name}")));
            };
            if let Some(expected) = expect_last
                && expected != *last_version
            {
                return Err(StoreError::Conflict(format!(
                    "last-version {expected} is not the latest version of {name} ({last_version}); read it again"
                )));
            }
            let current: Option<i64> = tx
                .query_one(
                    "SELECT MAX(version) FROM secret_versions WHERE item_id = $1",
                    &[&id],
                )?
                .get(0);
            if new_version || current.is_none() {
                let v = *last_version + 1;
                let sealed = self.sealer.seal(&version_aad(name, v), value)?;
                tx.execute(
                    "INSERT INTO secret_versions (item_id, version, created, modified, sealed)
                     VALUES ($1, $2, $3, $3, $4)",
                    &[&id, &v, &now, &sealed],
                )?;
                *last_version = v;
                prune(tx, id, keep)?;
            } else {
                let v = current.unwrap_or(*last_version);
                let sealed = self.sealer.seal(&version_aad(name, v), value)?;
                tx.execute(
                    "UPDATE secret_versions SET sealed = $1, modified = $2 WHERE item_id = $3 AND version = $4",
                    &[&sealed, &now, &id, &v],
                )?;
            }
            rec.modified = now;
            save(tx, &rec)?;
            Ok(rec)
        })
    }

    pub(super) fn secrets_versions(&self, name: &str) -> StoreResult<Vec<SecretVersion>> {
        let rows = self.with(|c| {
            Ok(c.query(
                "SELECT v.version, v.created, v.modified FROM secret_versions v
                 JOIN items i ON i.id = v.item_id WHERE i.name = $1 ORDER BY v.version DESC",
                &[&name],
            )?)
        })?;
        Ok(rows
            .iter()
            .map(|r| SecretVersion {
                version: r.get(0),
                created: r.get(1),
                modified: r.get(2),
            })
            .collect())
    }

    pub(super) fn items_update_metadata(&self, r: &ItemRecord) -> StoreResult<()> {
        let data = to_json(r)?;
        self.tx(|tx| {
            let id: i64 = tx
                .query_opt(
                    "UPDATE items SET data = $1 WHERE name = $2 RETURNING id",
                    &[&data, &r.name],
                )?
                .map(|row| row.get(0))
                .ok_or_else(|| StoreError::NotFound(format!("item {}", r.name)))?;
            if matches!(r.kind, ItemKind::StaticSecret { .. }) {
                prune(tx, id, max_versions(&r.kind))?;
            }
            Ok(())
        })
    }

    pub(super) fn secrets_delete_version(&self, name: &str, version: i64) -> StoreResult<()> {
        self.tx(|tx| {
            let mut rec = secret_row(tx, name)?
                .ok_or_else(|| StoreError::NotFound(format!("item {name}")))?;
            let n = tx.execute(
                "DELETE FROM secret_versions WHERE item_id = $1 AND version = $2",
                &[&rec.id, &version],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!(
                    "version {version} of item {name}"
                )));
            }
            let newest: Option<i64> = tx
                .query_one(
                    "SELECT MAX(version) FROM secret_versions WHERE item_id = $1",
                    &[&rec.id],
                )?
                .get(0);
            match newest {
                None => {
                    tx.execute("DELETE FROM items WHERE id = $1", &[&rec.id])?;
                }
                Some(newest) => {
                    if let ItemKind::StaticSecret { last_version, .. } = &mut rec.kind {
                        *last_version = newest;
                    }
                    rec.modified = crate::gateway::server::now();
                    save(tx, &rec)?;
                }
            }
            Ok(())
        })
    }
}
