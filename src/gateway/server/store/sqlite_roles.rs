//! SQLite tables of access roles, their rules and their associations with
//! auth methods. Every write bumps `meta.policy_version` in the same
//! transaction, so a gateway caching the policy sees the change on its
//! very next request.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::sqlite::{from_json, is_unique_violation, to_json};
use super::*;

/// The role columns kept as JSON.
#[derive(Serialize, Deserialize)]
pub(super) struct RoleData {
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) delete_protection: bool,
    #[serde(default)]
    pub(super) admin: bool,
    #[serde(default)]
    pub(super) created: i64,
    #[serde(default)]
    pub(super) modified: i64,
}

/// The rule columns kept as JSON.
#[derive(Serialize, Deserialize)]
pub(super) struct RuleData {
    pub(super) capabilities: Vec<String>,
    #[serde(default)]
    pub(super) ttl: i64,
    #[serde(default)]
    pub(super) start_time: i64,
}

pub(super) fn role_data(r: &RoleRecord) -> StoreResult<String> {
    to_json(&RoleData {
        description: r.description.clone(),
        delete_protection: r.delete_protection,
        admin: r.admin,
        created: r.created,
        modified: r.modified,
    })
}

/// Bumps the policy version; call inside the writing transaction.
pub(super) fn bump_policy(tx: &Transaction<'_>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('policy_version', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        [],
    )?;
    Ok(())
}

fn role_id(tx: &Transaction<'_>, name: &str) -> StoreResult<i64> {
    tx.query_row("SELECT id FROM roles WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("role {name}")))
}

fn insert_rule(tx: &Transaction<'_>, role_id: i64, rule: &RuleRecord) -> StoreResult<()> {
    let data = to_json(&RuleData {
        capabilities: rule.capabilities.clone(),
        ttl: rule.ttl,
        start_time: rule.start_time,
    })?;
    tx.execute(
        "INSERT INTO role_rules (role_id, rule_type, path, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(role_id, rule_type, path) DO UPDATE SET data = excluded.data",
        params![role_id, rule.rule_type, rule.path, data],
    )?;
    Ok(())
}

fn insert_role_tx(tx: &Transaction<'_>, r: &RoleRecord) -> StoreResult<i64> {
    tx.execute(
        "INSERT INTO roles (name, data) VALUES (?1, ?2)",
        params![r.name, role_data(r)?],
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::AlreadyExists(format!("role {}", r.name))
        } else {
            e.into()
        }
    })?;
    let id = tx.last_insert_rowid();
    for rule in &r.rules {
        insert_rule(tx, id, rule)?;
    }
    Ok(id)
}

fn insert_assoc_tx(tx: &Transaction<'_>, a: &AssocRecord) -> StoreResult<()> {
    let rid = role_id(tx, &a.role_name)?;
    tx.execute(
        "INSERT INTO role_assocs (assoc_id, role_id, am_access_id, sub_claims, case_sensitive)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            a.assoc_id,
            rid,
            a.am_access_id,
            to_json(&a.sub_claims)?,
            a.case_sensitive
        ],
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::AlreadyExists(format!(
                "an association of role {} with this auth method and these sub-claims",
                a.role_name
            ))
        } else {
            e.into()
        }
    })?;
    Ok(())
}

impl SqliteStore {
    fn read_roles(conn: &rusqlite::Connection, name: Option<&str>) -> StoreResult<Vec<RoleRecord>> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, data FROM roles WHERE ?1 IS NULL OR name = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([name], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut roles = Vec::new();
        for row in rows {
            let (id, name, data) = row?;
            let d: RoleData = from_json(&data)?;
            roles.push(RoleRecord {
                id,
                name,
                description: d.description,
                delete_protection: d.delete_protection,
                admin: d.admin,
                created: d.created,
                modified: d.modified,
                rules: vec![],
            });
        }
        let mut stmt = conn.prepare_cached(
            "SELECT role_id, rule_type, path, data FROM role_rules ORDER BY role_id, rule_type, path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let index: BTreeMap<i64, usize> =
            roles.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        for row in rows {
            let (rid, rule_type, path, data) = row?;
            let Some(&i) = index.get(&rid) else { continue };
            let d: RuleData = from_json(&data)?;
            roles[i].rules.push(RuleRecord {
                rule_type,
                path,
                capabilities: d.capabilities,
                ttl: d.ttl,
                start_time: d.start_time,
            });
        }
        Ok(roles)
    }

    fn read_assocs(conn: &rusqlite::Connection, id: Option<&str>) -> StoreResult<Vec<AssocRecord>> {
        let mut stmt = conn.prepare_cached(
            "SELECT a.assoc_id, r.name, a.am_access_id, a.sub_claims, a.case_sensitive
             FROM role_assocs a JOIN roles r ON r.id = a.role_id
             WHERE ?1 IS NULL OR a.assoc_id = ?1 ORDER BY a.assoc_id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (assoc_id, role_name, am_access_id, sub_claims, case_sensitive) = row?;
            out.push(AssocRecord {
                assoc_id,
                role_name,
                am_access_id,
                sub_claims: from_json(&sub_claims)?,
                case_sensitive,
            });
        }
        Ok(out)
    }

    pub(super) fn roles_insert(&self, r: &RoleRecord) -> StoreResult<i64> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = insert_role_tx(&tx, r)?;
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn roles_update(&self, name: &str, r: &RoleRecord) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx
            .execute(
                "UPDATE roles SET name = ?1, data = ?2 WHERE name = ?3",
                params![r.name, role_data(r)?, name],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!("role {}", r.name))
                } else {
                    e.into()
                }
            })?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("role {name}")));
        }
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn roles_get(&self, name: &str) -> StoreResult<Option<RoleRecord>> {
        Ok(Self::read_roles(&self.conn(), Some(name))?
            .into_iter()
            .next())
    }

    pub(super) fn roles_all(&self) -> StoreResult<Vec<RoleRecord>> {
        Self::read_roles(&self.conn(), None)
    }

    pub(super) fn roles_delete(&self, name: &str) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = role_id(&tx, name)?;
        // Explicit deletes: the cascade needs foreign_keys, which an older
        // database opened elsewhere may not have had on.
        tx.execute("DELETE FROM role_rules WHERE role_id = ?1", [id])?;
        tx.execute("DELETE FROM role_assocs WHERE role_id = ?1", [id])?;
        tx.execute("DELETE FROM roles WHERE id = ?1", [id])?;
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn rules_set(&self, role: &str, rule: &RuleRecord) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = role_id(&tx, role)?;
        insert_rule(&tx, id, rule)?;
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn rules_delete(&self, role: &str, rule_type: &str, path: &str) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = role_id(&tx, role)?;
        let n = tx.execute(
            "DELETE FROM role_rules WHERE role_id = ?1 AND rule_type = ?2 AND path = ?3",
            params![id, rule_type, path],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "{rule_type} {path} of role {role}"
            )));
        }
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn assocs_insert(&self, a: &AssocRecord) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        insert_assoc_tx(&tx, a)?;
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn assocs_update(&self, a: &AssocRecord) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx
            .execute(
                "UPDATE role_assocs SET sub_claims = ?1, case_sensitive = ?2 WHERE assoc_id = ?3",
                params![to_json(&a.sub_claims)?, a.case_sensitive, a.assoc_id],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists(format!(
                        "an association of role {} with this auth method and these sub-claims",
                        a.role_name
                    ))
                } else {
                    e.into()
                }
            })?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("association {}", a.assoc_id)));
        }
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn assocs_get(&self, assoc_id: &str) -> StoreResult<Option<AssocRecord>> {
        Ok(Self::read_assocs(&self.conn(), Some(assoc_id))?
            .into_iter()
            .next())
    }

    pub(super) fn assocs_delete(&self, assoc_id: &str) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx.execute("DELETE FROM role_assocs WHERE assoc_id = ?1", [assoc_id])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("association {assoc_id}")));
        }
        bump_policy(&tx)?;
        self.policy_changed();
        tx.commit()?;
        Ok(())
    }

    pub(super) fn policy_version_get(&self) -> StoreResult<i64> {
        use std::sync::atomic::Ordering;
        let now_ns = || self.opened.elapsed().as_nanos() as u64;
        let hint = self.policy_version_hint.load(Ordering::Acquire);
        if hint >= 0
            && now_ns().saturating_sub(self.data_version_checked_ns.load(Ordering::Acquire))
                < super::sqlite::DATA_VERSION_RECHECK.as_nanos() as u64
        {
            return Ok(hint);
        }
        let conn = self.conn();
        // `data_version` moves when another process commits to the file
        // (`gateway admin reset-key` beside a running gateway); this
        // process's own bumps clear the hint (`policy_changed`). Read and
        // set under the connection lock, which every bumping write holds
        // too, so a stale value is never kept.
        let data_version: i64 = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let hint = self.policy_version_hint.load(Ordering::Acquire);
        if hint >= 0 && self.data_version_seen.load(Ordering::Acquire) == data_version {
            self.data_version_checked_ns
                .store(now_ns(), Ordering::Release);
            return Ok(hint);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'policy_version'",
        )?;
        let v = stmt
            .query_row([], |r| r.get::<_, i64>(0))
            .optional()?
            .unwrap_or(0);
        self.data_version_seen
            .store(data_version, Ordering::Release);
        self.policy_version_hint.store(v, Ordering::Release);
        self.data_version_checked_ns
            .store(now_ns(), Ordering::Release);
        Ok(v)
    }

    /// Forgets the policy version hint; called by every write that bumps
    /// it, while it holds the connection.
    pub(super) fn policy_changed(&self) {
        self.policy_version_hint
            .store(-1, std::sync::atomic::Ordering::Release);
    }

    pub(super) fn policy_get(&self) -> StoreResult<PolicySnapshot> {
        let conn = self.conn();
        let version = conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'policy_version'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .unwrap_or(0);
        Ok(PolicySnapshot {
            version,
            roles: Self::read_roles(&conn, None)?,
            assocs: Self::read_assocs(&conn, None)?,
        })
    }

    pub(super) fn builtin_role_ensure(
        &self,
        role: &RoleRecord,
        access_id: &str,
    ) -> StoreResult<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut changed = false;
        let rid: Option<i64> = tx
            .query_row("SELECT id FROM roles WHERE name = ?1", [&role.name], |r| {
                r.get(0)
            })
            .optional()?;
        let rid = match rid {
            Some(id) => id,
            None => {
                changed = true;
                insert_role_tx(&tx, role)?
            }
        };
        let assoc: Option<String> = tx
            .query_row(
                "SELECT assoc_id FROM role_assocs WHERE role_id = ?1 AND am_access_id = ?2",
                params![rid, access_id],
                |r| r.get(0),
            )
            .optional()?;
        if assoc.is_none() {
            changed = true;
            insert_assoc_tx(
                &tx,
                &AssocRecord {
                    assoc_id: format!("rl-{}", crate::gateway::server::random_id(12)),
                    role_name: role.name.clone(),
                    am_access_id: access_id.to_owned(),
                    sub_claims: BTreeMap::new(),
                    case_sensitive: true,
                },
            )?;
        }
        if changed {
            bump_policy(&tx)?;
            self.policy_changed();
            tx.commit()?;
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str) -> RoleRecord {
        RoleRecord {
            id: 0,
            name: name.into(),
            description: String::new(),
            delete_protection: false,
            admin: false,
            created: 1,
            modified: 1,
            rules: vec![],
        }
    }

    /// The cached policy version follows writes of this process at once and
    /// of another process on the same file (`gateway admin reset-key`
    /// beside a running gateway) within `DATA_VERSION_RECHECK`, so no cache
    /// keyed by it stays stale.
    #[test]
    fn the_version_hint_sees_writes_of_another_connection() {
        let dir = tempfile::tempdir().unwrap();
        let a = SqliteStore::open(dir.path()).unwrap();
        let b = SqliteStore::open(dir.path()).unwrap();
        let v0 = a.policy_version().unwrap();
        assert_eq!(a.policy_version().unwrap(), v0, "hint served");
        b.insert_role(&role("by-b")).unwrap();
        std::thread::sleep(super::super::sqlite::DATA_VERSION_RECHECK * 2);
        let v1 = a.policy_version().unwrap();
        assert!(v1 > v0, "another connection's bump seen: {v0} -> {v1}");
        a.insert_role(&role("by-a")).unwrap();
        assert!(a.policy_version().unwrap() > v1, "own bump seen");
        assert_eq!(
            a.policy_version().unwrap(),
            b.policy_version().unwrap(),
            "both agree"
        );
    }

    fn rule(path: &str, caps: &[&str]) -> RuleRecord {
        RuleRecord {
            rule_type: "item-rule".into(),
            path: path.into(),
            capabilities: caps.iter().map(|c| c.to_string()).collect(),
            ttl: 0,
            start_time: 1,
        }
    }

    fn assoc(id: &str, role: &str, am: &str, ns: &str) -> AssocRecord {
        AssocRecord {
            assoc_id: id.into(),
            role_name: role.into(),
            am_access_id: am.into(),
            sub_claims: [("namespace".to_string(), vec![ns.to_string()])].into(),
            case_sensitive: true,
        }
    }

    #[test]
    fn every_write_bumps_the_policy_version_and_deletes_cascade() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        let v = std::cell::Cell::new(s.policy_version().unwrap());
        let bumped = |s: &SqliteStore| {
            let now = s.policy_version().unwrap();
            assert!(now > v.get(), "version moved");
            v.set(now);
        };
        s.insert_role(&role("r")).unwrap();
        bumped(&s);
        assert!(matches!(
            s.insert_role(&role("r")),
            Err(StoreError::AlreadyExists(_))
        ));
        s.set_role_rule("r", &rule("/a/*", &["read"])).unwrap();
        bumped(&s);
        s.set_role_rule("r", &rule("/a/*", &["read", "update"]))
            .unwrap();
        bumped(&s);
        assert_eq!(
            s.role("r").unwrap().unwrap().rules,
            [rule("/a/*", &["read", "update"])],
            "same (type, path) replaces"
        );
        assert!(matches!(
            s.delete_role_rule("r", "item-rule", "/b"),
            Err(StoreError::NotFound(_))
        ));
        s.insert_assoc(&assoc("rl-1", "r", "p-1", "a")).unwrap();
        bumped(&s);
        assert!(matches!(
            s.insert_assoc(&assoc("rl-2", "r", "p-1", "a")),
            Err(StoreError::AlreadyExists(_))
        ));
        assert!(matches!(
            s.insert_assoc(&assoc("rl-3", "ghost", "p-1", "a")),
            Err(StoreError::NotFound(_))
        ));
        s.insert_assoc(&assoc("rl-2", "r", "p-1", "b")).unwrap();
        let mut renamed = role("r2");
        renamed.description = "d".into();
        s.update_role("r", &renamed).unwrap();
        bumped(&s);
        let p = s.policy().unwrap();
        assert_eq!(p.version, v.get());
        assert_eq!(p.roles.len(), 1);
        assert_eq!(p.roles[0].rules.len(), 1, "rules follow a rename");
        assert!(p.assocs.iter().all(|a| a.role_name == "r2"));
        s.delete_assoc("rl-2").unwrap();
        bumped(&s);
        assert!(matches!(
            s.delete_assoc("rl-2"),
            Err(StoreError::NotFound(_))
        ));
        s.delete_role("r2").unwrap();
        bumped(&s);
        assert!(
            s.assoc("rl-1").unwrap().is_none(),
            "associations go with the role"
        );
        let left: i64 = s
            .conn()
            .query_row("SELECT COUNT(*) FROM role_rules", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "rules go with the role");
    }

    #[test]
    fn deleting_an_auth_method_drops_its_associations() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        let am = AuthMethodRecord::new(
            "m",
            "p-m",
            MethodKind::AccessKey {
                key_sha256: "x".into(),
                admin: false,
            },
        );
        s.insert_auth_method(&am).unwrap();
        s.insert_role(&role("r")).unwrap();
        s.insert_assoc(&assoc("rl-1", "r", "p-m", "a")).unwrap();
        let v = s.policy_version().unwrap();
        s.delete_auth_method("m").unwrap();
        assert!(s.assoc("rl-1").unwrap().is_none());
        assert!(s.policy_version().unwrap() > v);
    }

    #[test]
    fn the_builtin_role_is_created_once_and_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = SqliteStore::open(dir.path()).unwrap();
            let mut admin = role("admin");
            admin.admin = true;
            admin.rules = vec![rule("/*", &["read"])];
            assert!(s.ensure_builtin_role(&admin, "p-admin").unwrap());
            assert!(!s.ensure_builtin_role(&admin, "p-admin").unwrap());
        }
        let s = SqliteStore::open(dir.path()).unwrap();
        let p = s.policy().unwrap();
        assert_eq!(p.roles.len(), 1);
        assert!(p.roles[0].admin);
        assert_eq!(p.assocs.len(), 1);
        assert_eq!(p.assocs[0].am_access_id, "p-admin");
        assert!(p.assocs[0].sub_claims.is_empty());
    }
}
