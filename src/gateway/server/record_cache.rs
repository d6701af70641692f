//! Auth methods and Kubernetes auth configs as logins read them.
//!
//! Every login reads its auth method (and a K8s login its config, with its
//! sealed credentials) — two queries, a decryption and two JSON parses that
//! a login storm repeats thousands of times for the same one or two
//! records. They are cached here under the store's policy version, which
//! every write of a method, a config, a role or an association bumps in the
//! same transaction (on PostgreSQL, for every replica): a lookup costs one
//! version read, and a change made anywhere is seen by the next login.
//! Misses are not cached, so unknown ids cannot fill the cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::store::{AuthMethodRecord, K8sConfigRecord, Store, StoreResult};

/// Entries kept per map before the cache starts over (a gateway has a
/// handful of methods; the bound only stops a pathological growth).
const MAX_ENTRIES: usize = 4096;

#[derive(Default)]
struct Cached {
    version: i64,
    methods: HashMap<String, Arc<AuthMethodRecord>>,
    configs: HashMap<String, Arc<K8sConfigRecord>>,
}

#[derive(Default)]
pub struct RecordCache {
    inner: Mutex<Cached>,
}

impl RecordCache {
    fn at_version(&self, version: i64) -> std::sync::MutexGuard<'_, Cached> {
        let mut c = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if c.version != version {
            *c = Cached {
                version,
                ..Default::default()
            };
        }
        c
    }

    /// The auth method with `access_id`, as of the store's current version.
    pub fn method_by_access_id(
        &self,
        store: &dyn Store,
        access_id: &str,
    ) -> StoreResult<Option<Arc<AuthMethodRecord>>> {
        let version = store.policy_version()?;
        if let Some(m) = self.at_version(version).methods.get(access_id) {
            return Ok(Some(m.clone()));
        }
        let Some(m) = store.auth_method_by_access_id(access_id)?.map(Arc::new) else {
            return Ok(None);
        };
        let mut c = self.at_version(version);
        if c.methods.len() >= MAX_ENTRIES {
            c.methods.clear();
        }
        c.methods.insert(access_id.to_owned(), m.clone());
        Ok(Some(m))
    }

    /// The K8s auth config `name`, as of the store's current version.
    pub fn k8s_config(
        &self,
        store: &dyn Store,
        name: &str,
    ) -> StoreResult<Option<Arc<K8sConfigRecord>>> {
        let version = store.policy_version()?;
        if let Some(cfg) = self.at_version(version).configs.get(name) {
            return Ok(Some(cfg.clone()));
        }
        let Some(cfg) = store.k8s_config(name)?.map(Arc::new) else {
            return Ok(None);
        };
        let mut c = self.at_version(version);
        if c.configs.len() >= MAX_ENTRIES {
            c.configs.clear();
        }
        c.configs.insert(name.to_owned(), cfg.clone());
        Ok(Some(cfg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::store::{MethodKind, SqliteStore};

    fn method(name: &str, access_id: &str, ttl: i64) -> AuthMethodRecord {
        let mut m: AuthMethodRecord = serde_json::from_value(serde_json::json!({
            "name": name, "access_id": access_id, "id": "1", "created": 0,
            "kind": serde_json::to_value(MethodKind::AccessKey {
                key_sha256: "00".into(),
                admin: false,
            })
            .unwrap(),
        }))
        .unwrap();
        m.jwt_ttl = ttl;
        m
    }

    /// A write through the store (an update, a delete) is seen by the very
    /// next lookup; an unchanged store is answered from the cache.
    #[test]
    fn writes_invalidate_and_misses_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let cache = RecordCache::default();
        assert!(cache.method_by_access_id(&store, "p-1").unwrap().is_none());
        store.insert_auth_method(&method("m", "p-1", 5)).unwrap();
        let a = cache.method_by_access_id(&store, "p-1").unwrap().unwrap();
        assert_eq!(a.jwt_ttl, 5);
        let b = cache.method_by_access_id(&store, "p-1").unwrap().unwrap();
        assert!(Arc::ptr_eq(&a, &b), "second lookup served from the cache");
        store
            .replace_auth_method("m", &method("m", "p-1", 9))
            .unwrap();
        assert_eq!(
            cache
                .method_by_access_id(&store, "p-1")
                .unwrap()
                .unwrap()
                .jwt_ttl,
            9
        );
        store.delete_auth_method("m").unwrap();
        assert!(cache.method_by_access_id(&store, "p-1").unwrap().is_none());
    }
}
