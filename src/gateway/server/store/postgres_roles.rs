//! PostgreSQL tables of access roles, rules and associations. As with
//! SQLite, every write bumps `meta.policy_version` in its transaction; the
//! version lives in the shared database, so every replica's policy cache
//! (one version read per request) sees a change made on any replica at once.

use std::collections::BTreeMap;

use super::postgres::{PostgresStore, Tx, exists_as};
use super::sqlite::{from_json, to_json};
use super::sqlite_roles::{RoleData, RuleData, role_data};
use super::*;

/// Bumps the policy version; call inside the writing transaction. The
/// upsert takes the row lock, so concurrent writers on several replicas
/// bump one after the other.
pub(super) fn bump_policy(tx: &mut Tx<'_>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('policy_version', '1')
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::BIGINT + 1)::TEXT",
        &[],
    )?;
    Ok(())
}

fn role_id(tx: &mut Tx<'_>, name: &str) -> StoreResult<i64> {
    tx.query_opt("SELECT id FROM roles WHERE name = $1 FOR UPDATE", &[&name])?
        .map(|r| r.get(0))
        .ok_or_else(|| StoreError::NotFound(format!("role {name}")))
}

fn insert_rule(tx: &mut Tx<'_>, role_id: i64, rule: &RuleRecord) -> StoreResult<()> {
    let data = to_json(&RuleData {
        capabilities: rule.capabilities.clone(),
        ttl: rule.ttl,
        start_time: rule.start_time,
    })?;
    tx.execute(
        "INSERT INTO role_rules (role_id, rule_type, path, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (role_id, rule_type, path) DO UPDATE SET data = excluded.data",
        &[&role_id, &rule.rule_type, &rule.path, &data],
    )?;
    Ok(())
}

fn insert_role_tx(tx: &mut Tx<'_>, r: &RoleRecord) -> StoreResult<i64> {
    let id: i64 = tx
        .query_one(
            "INSERT INTO roles (name, data) VALUES ($1, $2) RETURNING id",
            &[&r.name, &role_data(r)?],
        )
        .map_err(exists_as(format!("role {}", r.name)))?
        .get(0);
    for rule in &r.rules {
        insert_rule(tx, id, rule)?;
    }
    Ok(id)
}

fn assoc_exists(role: &str) -> String {
    format!("an association of role {role} with this auth method and these sub-claims")
}

fn insert_assoc_tx(tx: &mut Tx<'_>, a: &AssocRecord) -> StoreResult<()> {
    let rid = role_id(tx, &a.role_name)?;
    tx.execute(
        "INSERT INTO role_assocs (assoc_id, role_id, am_access_id, sub_claims, case_sensitive)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &a.assoc_id,
            &rid,
            &a.am_access_id,
            &to_json(&a.sub_claims)?,
            &a.case_sensitive,
        ],
    )
    .map_err(exists_as(assoc_exists(&a.role_name)))?;
    Ok(())
}

fn read_roles(
    c: &mut impl ::postgres::GenericClient,
    name: Option<&str>,
) -> StoreResult<Vec<RoleRecord>> {
    let rows = c.query(
        "SELECT id, name, data FROM roles WHERE $1::TEXT IS NULL OR name = $1 ORDER BY name",
        &[&name],
    )?;
    let mut roles = Vec::with_capacity(rows.len());
    for row in &rows {
        let d: RoleData = from_json(row.get(2))?;
        roles.push(RoleRecord {
            id: row.get(0),
            name: row.get(1),
            description: d.description,
            delete_protection: d.delete_protection,
            admin: d.admin,
            created: d.created,
            modified: d.modified,
            rules: vec![],
        });
    }
    let rows = c.query(
        "SELECT role_id, rule_type, path, data FROM role_rules ORDER BY role_id, rule_type, path",
        &[],
    )?;
    let index: BTreeMap<i64, usize> = roles.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for row in &rows {
        let Some(&i) = index.get(&row.get::<_, i64>(0)) else {
            continue;
        };
        let d: RuleData = from_json(row.get(3))?;
        roles[i].rules.push(RuleRecord {
            rule_type: row.get(1),
            path: row.get(2),
            capabilities: d.capabilities,
            ttl: d.ttl,
            start_time: d.start_time,
        });
    }
    Ok(roles)
}

fn read_assocs(
    c: &mut impl ::postgres::GenericClient,
    id: Option<&str>,
) -> StoreResult<Vec<AssocRecord>> {
    let rows = c.query(
        "SELECT a.assoc_id, r.name, a.am_access_id, a.sub_claims, a.case_sensitive
         FROM role_assocs a JOIN roles r ON r.id = a.role_id
         WHERE $1::TEXT IS NULL OR a.assoc_id = $1 ORDER BY a.assoc_id",
        &[&id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(AssocRecord {
                assoc_id: r.get(0),
                role_name: r.get(1),
                am_access_id: r.get(2),
                sub_claims: from_json(r.get(3))?,
                case_sensitive: r.get(4),
            })
        })
        .collect()
}

fn read_version(c: &mut impl ::postgres::GenericClient) -> StoreResult<i64> {
    Ok(c.query_opt(
        "SELECT value::BIGINT FROM meta WHERE key = 'policy_version'",
        &[],
    )?
    .map(|r| r.get(0))
    .unwrap_or(0))
}

impl PostgresStore {
    pub(super) fn roles_insert(&self, r: &RoleRecord) -> StoreResult<i64> {
        self.tx(|tx| {
            let id = insert_role_tx(tx, r)?;
            bump_policy(tx)?;
            Ok(id)
        })
    }

    pub(super) fn roles_update(&self, name: &str, r: &RoleRecord) -> StoreResult<()> {
        let data = role_data(r)?;
        self.tx(|tx| {
            let n = tx
                .execute(
                    "UPDATE roles SET name = $1, data = $2 WHERE name = $3",
                    &[&r.name, &data, &name],
                )
                .map_err(exists_as(format!("role {}", r.name)))?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("role {name}")));
            }
            bump_policy(tx)
        })
    }

    pub(super) fn roles_get(&self, name: &str) -> StoreResult<Option<RoleRecord>> {
        Ok(self.with(|c| read_roles(c, Some(name)))?.into_iter().next())
    }

    pub(super) fn roles_all(&self) -> StoreResult<Vec<RoleRecord>> {
        self.with(|c| read_roles(c, None))
    }

    pub(super) fn roles_delete(&self, name: &str) -> StoreResult<()> {
        self.tx(|tx| {
            let id = role_id(tx, name)?;
            // Rules and associations go by ON DELETE CASCADE.
            tx.execute("DELETE FROM roles WHERE id = $1", &[&id])?;
            bump_policy(tx)
        })
    }

    pub(super) fn rules_set(&self, role: &str, rule: &RuleRecord) -> StoreResult<()> {
        self.tx(|tx| {
            let id = role_id(tx, role)?;
            insert_rule(tx, id, rule)?;
            bump_policy(tx)
        })
    }

    pub(super) fn rules_delete(&self, role: &str, rule_type: &str, path: &str) -> StoreResult<()> {
        self.tx(|tx| {
            let id = role_id(tx, role)?;
            let n = tx.execute(
                "DELETE FROM role_rules WHERE role_id = $1 AND rule_type = $2 AND path = $3",
                &[&id, &rule_type, &path],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!(
                    "{rule_type} {path} of role {role}"
                )));
            }
            bump_policy(tx)
        })
    }

    pub(super) fn assocs_insert(&self, a: &AssocRecord) -> StoreResult<()> {
        self.tx(|tx| {
            insert_assoc_tx(tx, a)?;
            bump_policy(tx)
        })
    }

    pub(super) fn assocs_update(&self, a: &AssocRecord) -> StoreResult<()> {
        let claims = to_json(&a.sub_claims)?;
        self.tx(|tx| {
            let n = tx
                .execute(
                    "UPDATE role_assocs SET sub_claims = $1, case_sensitive = $2 WHERE assoc_id = $3",
                    &[&claims, &a.case_sensitive, &a.assoc_id],
                )
                .map_err(exists_as(assoc_exists(&a.role_name)))?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("association {}", a.assoc_id)));
            }
            bump_policy(tx)
        })
    }

    pub(super) fn assocs_get(&self, assoc_id: &str) -> StoreResult<Option<AssocRecord>> {
        Ok(self
            .with(|c| read_assocs(c, Some(assoc_id)))?
            .into_iter()
            .next())
    }

    pub(super) fn assocs_delete(&self, assoc_id: &str) -> StoreResult<()> {
        self.tx(|tx| {
            let n = tx.execute("DELETE FROM role_assocs WHERE assoc_id = $1", &[&assoc_id])?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("association {assoc_id}")));
            }
            bump_policy(tx)
        })
    }

    pub(super) fn policy_version_get(&self) -> StoreResult<i64> {
        self.with(read_version)
    }

    pub(super) fn policy_get(&self) -> StoreResult<PolicySnapshot> {
        // REPEATABLE READ: version, roles and associations of one instant.
        self.with(|c| {
            let mut tx = c
                .build_transaction()
                .isolation_level(::postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let snap = PolicySnapshot {
                version: read_version(&mut tx)?,
                roles: read_roles(&mut tx, None)?,
                assocs: read_assocs(&mut tx, None)?,
            };
            tx.commit()?;
            Ok(snap)
        })
    }

    pub(super) fn builtin_role_ensure(
        &self,
        role: &RoleRecord,
        access_id: &str,
    ) -> StoreResult<bool> {
        self.tx(|tx| {
            let mut changed = false;
            let rid: Option<i64> = tx
                .query_opt("SELECT id FROM roles WHERE name = $1", &[&role.name])?
                .map(|r| r.get(0));
            let rid = match rid {
                Some(id) => id,
                None => {
                    changed = true;
                    insert_role_tx(tx, role)?
                }
            };
            let assoc = tx.query_opt(
                "SELECT assoc_id FROM role_assocs WHERE role_id = $1 AND am_access_id = $2",
                &[&rid, &access_id],
            )?;
            if assoc.is_none() {
                changed = true;
                insert_assoc_tx(
                    tx,
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
                bump_policy(tx)?;
            }
            Ok(changed)
        })
    }
}
