//! SQLite table of static-secret versions. The item row holds the
//! metadata (clear) as every item does; each version's value is sealed
//! with additional data binding it to the item name and version number,
//! so a sealed value copied to another row or version does not open.

use rusqlite::{OptionalExtension, Transaction, params};

use super::sqlite::to_json;
use super::*;

fn version_aad(name: &str, version: i64) -> String {
    format!("secret:{name}:{version}")
}

/// The kept-version bound of a static secret.
fn max_versions(kind: &ItemKind) -> i64 {
    match kind {
        ItemKind::StaticSecret { max_versions, .. } if *max_versions > 0 => *max_versions,
        _ => DEFAULT_MAX_VERSIONS,
    }
}

/// Drops the oldest versions beyond `keep`.
fn prune(tx: &Transaction<'_>, item_id: i64, keep: i64) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM secret_versions WHERE item_id = ?1 AND version NOT IN
         (SELECT version FROM secret_versions WHERE item_id = ?1 ORDER BY version DESC LIMIT ?2)",
        params![item_id, keep],
    )?;
    Ok(())
}

impl SqliteStore {
    /// The static secret stored under `name` inside `tx`.
    fn secret_row(tx: &Transaction<'_>, name: &str) -> StoreResult<Option<ItemRecord>> {
        let row: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, data FROM items WHERE name = ?1 AND item_type = 'STATIC_SECRET'",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(id, d)| Self::item_from_row(id, &d)).transpose()
    }

    pub(super) fn secrets_insert(&self, r: &ItemRecord, value: &[u8]) -> StoreResult<i64> {
        let ItemKind::StaticSecret { last_version, .. } = r.kind else {
            return Err(StoreError::Db("insert_secret needs a static secret".into()));
        };
        let data = to_json(r)?;
        // The item row's sealed column holds no material for a secret, but
        // stays a valid sealed blob so every item row opens the same way.
        let empty = self.sealer.seal(
            &Self::item_aad(&r.name),
            to_json(&ItemSecret::default())?.as_bytes(),
        )?;
        let sealed = self
            .sealer
            .seal(&version_aad(&r.name, last_version), value)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO items (name, item_type, data, sealed) VALUES (?1, ?2, ?3, ?4)",
            params![r.name, r.kind.item_type(), data, empty],
        )
        .map_err(|e| {
            if super::sqlite::is_unique_violation(&e) {
                StoreError::AlreadyExists(format!("item {}", r.name))
            } else {
                e.into()
            }
        })?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO secret_versions (item_id, version, created, modified, sealed) VALUES (?1, ?2, ?3, ?3, ?4)",
            params![id, last_version, r.created, sealed],
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn secrets_values(
        &self,
        name: &str,
        sel: VersionSel,
    ) -> StoreResult<Option<(ItemRecord, SecretValues)>> {
        // One connection behind a mutex: the two reads see one state
        // without the cost of a transaction on this hot path.
        let (rec, rows): (ItemRecord, Vec<(i64, String)>) = {
            let conn = self.conn();
            let row: Option<(i64, String)> = conn
                .prepare_cached(
                    "SELECT id, data FROM items WHERE name = ?1 AND item_type = 'STATIC_SECRET'",
                )?
                .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((id, data)) = row else {
                return Ok(None);
            };
            let r = Self::item_from_row(id, &data)?;
            let (sql, arg) = match sel {
                VersionSel::Latest => (
                    "SELECT version, sealed FROM secret_versions WHERE item_id = ?1 ORDER BY version DESC LIMIT ?2",
                    1,
                ),
                VersionSel::Exact(v) => (
                    "SELECT version, sealed FROM secret_versions WHERE item_id = ?1 AND version = ?2",
                    v,
                ),
                VersionSel::LastN(n) => (
                    "SELECT version, sealed FROM secret_versions WHERE item_id = ?1 ORDER BY version DESC LIMIT ?2",
                    n,
                ),
            };
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(params![r.id, arg], |x| Ok((x.get(0)?, x.get(1)?)))?
                .collect::<Result<_, _>>()?;
            (r, rows)
        };
        // Unseal outside the lock: AES-GCM is cheap, but not free.
        let mut out = Vec::with_capacity(rows.len());
        for (v, sealed) in rows {
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
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut rec = Self::secret_row(&tx, name)?
            .ok_or_else(|| StoreError::NotFound(format!("item {name}")))?;
        let keep = max_versions(&rec.kind);
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
        let current: Option<i64> = tx.query_row(
            "SELECT MAX(version) FROM secret_versions WHERE item_id = ?1",
            [rec.id],
            |r| r.get(0),
        )?;
        if new_version || current.is_none() {
            let v = *last_version + 1;
            let sealed = self.sealer.seal(&version_aad(name, v), value)?;
            tx.execute(
                "INSERT INTO secret_versions (item_id, version, created, modified, sealed) VALUES (?1, ?2, ?3, ?3, ?4)",
                params![rec.id, v, now, sealed],
            )?;
            *last_version = v;
            prune(&tx, rec.id, keep)?;
        } else {
            let v = current.unwrap_or(*last_version);
            let sealed = self.sealer.seal(&version_aad(name, v), value)?;
            tx.execute(
                "UPDATE secret_versions SET sealed = ?1, modified = ?2 WHERE item_id = ?3 AND version = ?4",
                params![sealed, now, rec.id, v],
            )?;
        }
        rec.modified = now;
        tx.execute(
            "UPDATE items SET data = ?1 WHERE id = ?2",
            params![to_json(&rec)?, rec.id],
        )?;
        tx.commit()?;
        Ok(rec)
    }

    pub(super) fn secrets_versions(&self, name: &str) -> StoreResult<Vec<SecretVersion>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT v.version, v.created, v.modified FROM secret_versions v
             JOIN items i ON i.id = v.item_id WHERE i.name = ?1 ORDER BY v.version DESC",
        )?;
        let rows = stmt.query_map([name], |r| {
            Ok(SecretVersion {
                version: r.get(0)?,
                created: r.get(1)?,
                modified: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(super) fn items_update_metadata(&self, r: &ItemRecord) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id: Option<i64> = tx
            .query_row("SELECT id FROM items WHERE name = ?1", [&r.name], |x| {
                x.get(0)
            })
            .optional()?;
        let Some(id) = id else {
            return Err(StoreError::NotFound(format!("item {}", r.name)));
        };
        tx.execute(
            "UPDATE items SET data = ?1 WHERE id = ?2",
            params![to_json(r)?, id],
        )?;
        if matches!(r.kind, ItemKind::StaticSecret { .. }) {
            prune(&tx, id, max_versions(&r.kind))?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(super) fn secrets_delete_version(&self, name: &str, version: i64) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut rec = Self::secret_row(&tx, name)?
            .ok_or_else(|| StoreError::NotFound(format!("item {name}")))?;
        let n = tx.execute(
            "DELETE FROM secret_versions WHERE item_id = ?1 AND version = ?2",
            params![rec.id, version],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "version {version} of item {name}"
            )));
        }
        let left: i64 = tx.query_row(
            "SELECT COUNT(*) FROM secret_versions WHERE item_id = ?1",
            [rec.id],
            |r| r.get(0),
        )?;
        if left == 0 {
            tx.execute("DELETE FROM items WHERE id = ?1", [rec.id])?;
        } else {
            // `last_version` names the newest version that still exists.
            let newest: i64 = tx.query_row(
                "SELECT MAX(version) FROM secret_versions WHERE item_id = ?1",
                [rec.id],
                |r| r.get(0),
            )?;
            if let ItemKind::StaticSecret { last_version, .. } = &mut rec.kind {
                *last_version = newest;
            }
            rec.modified = crate::gateway::server::now();
            tx.execute(
                "UPDATE items SET data = ?1 WHERE id = ?2",
                params![to_json(&rec)?, rec.id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(name: &str, max_versions: i64) -> ItemRecord {
        ItemRecord {
            name: name.into(),
            id: 0,
            created: 1,
            kind: ItemKind::StaticSecret {
                sub_type: "generic".into(),
                format: "text".into(),
                max_versions,
                last_version: 1,
            },
            tags: vec![],
            description: String::new(),
            delete_protection: false,
            modified: 1,
        }
    }

    fn values(s: &SqliteStore, name: &str, sel: VersionSel) -> Vec<(i64, String)> {
        s.secret_values(name, sel)
            .unwrap()
            .unwrap()
            .1
            .into_iter()
            .map(|(v, b)| (v, String::from_utf8(b).unwrap()))
            .collect()
    }

    #[test]
    fn versions_overwrite_append_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        s.insert_secret(&secret("/s", 2), b"one").unwrap();
        assert!(matches!(
            s.insert_secret(&secret("/s", 2), b"x"),
            Err(StoreError::AlreadyExists(_))
        ));
        s.update_secret_value("/s", b"one-b", false, None, 5)
            .unwrap();
        assert_eq!(values(&s, "/s", VersionSel::Latest), [(1, "one-b".into())]);
        s.update_secret_value("/s", b"two", true, Some(1), 6)
            .unwrap();
        let rec = s
            .update_secret_value("/s", b"three", true, None, 7)
            .unwrap();
        assert!(matches!(
            rec.kind,
            ItemKind::StaticSecret {
                last_version: 3,
                ..
            }
        ));
        assert_eq!(
            values(&s, "/s", VersionSel::LastN(20)),
            [(3, "three".into()), (2, "two".into())],
            "max 2 kept"
        );
        assert!(values(&s, "/s", VersionSel::Exact(1)).is_empty());
        assert!(matches!(
            s.update_secret_value("/s", b"x", true, Some(2), 8),
            Err(StoreError::Conflict(_))
        ));
        // Lowering max-versions drops the oldest at once.
        let mut r = s.item("/s").unwrap().unwrap();
        if let ItemKind::StaticSecret { max_versions, .. } = &mut r.kind {
            *max_versions = 1;
        }
        s.update_item_metadata(&r).unwrap();
        assert_eq!(s.secret_versions("/s").unwrap().len(), 1);
        s.delete_secret_version("/s", 3).unwrap();
        assert!(
            s.item("/s").unwrap().is_none(),
            "the last version takes the item"
        );
        assert!(
            s.secret_values("/missing", VersionSel::Latest)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn values_are_sealed_and_bound_to_name_and_version() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = SqliteStore::open(dir.path()).unwrap();
            s.insert_secret(&secret("/a", 0), b"TOPSECRETVALUE-1")
                .unwrap();
            s.update_secret_value("/a", b"TOPSECRETVALUE-2", true, None, 2)
                .unwrap();
            // A sealed value moved to another version does not open.
            s.conn()
                .execute(
                    "UPDATE secret_versions SET sealed = (SELECT sealed FROM secret_versions WHERE version = 1) WHERE version = 2",
                    [],
                )
                .unwrap();
            assert!(s.secret_values("/a", VersionSel::Latest).is_err());
        }
        for f in ["gateway.db", "gateway.db-wal"] {
            let bytes = std::fs::read(dir.path().join(f)).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("TOPSECRET"),
                "{f}"
            );
        }
    }
}
