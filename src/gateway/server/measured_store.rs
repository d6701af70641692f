//! A [`Store`] that times every call into `akl_store_duration_seconds{op}`
//! and delegates to the real one, so each backend is measured the same way
//! without timing code inside it.

use std::sync::Arc;

use super::metrics::Metrics;
use super::store::{
    AssocRecord, AuthMethodRecord, Delivery, ItemRecord, ItemSecret, K8sConfigRecord,
    PolicySnapshot, RoleRecord, RuleRecord, SecretValues, SecretVersion, Store, StoreResult,
    TokenRecord, VersionSel,
};

pub struct MeasuredStore {
    pub inner: Arc<dyn Store>,
    pub metrics: Arc<Metrics>,
}

/// Writes the delegating, timed trait methods: the operation label is the
/// method name.
macro_rules! measured {
    ($( fn $name:ident(&self $(, $arg:ident : $ty:ty)* ) -> $ret:ty; )*) => {
        impl Store for MeasuredStore {
            $(
                fn $name(&self $(, $arg: $ty)*) -> $ret {
                    self.metrics.time_store(stringify!($name), || self.inner.$name($($arg),*))
                }
            )*
        }
    };
}

measured! {
    fn insert_auth_method(&self, r: &AuthMethodRecord) -> StoreResult<()>;
    fn replace_auth_method(&self, name: &str, r: &AuthMethodRecord) -> StoreResult<()>;
    fn auth_method(&self, name: &str) -> StoreResult<Option<AuthMethodRecord>>;
    fn auth_method_by_access_id(&self, access_id: &str) -> StoreResult<Option<AuthMethodRecord>>;
    fn auth_methods(&self) -> StoreResult<Vec<AuthMethodRecord>>;
    fn delete_auth_method(&self, name: &str) -> StoreResult<()>;
    fn insert_k8s_config(&self, r: &K8sConfigRecord) -> StoreResult<()>;
    fn replace_k8s_config(&self, name: &str, r: &K8sConfigRecord) -> StoreResult<()>;
    fn k8s_config(&self, name: &str) -> StoreResult<Option<K8sConfigRecord>>;
    fn k8s_configs(&self) -> StoreResult<Vec<K8sConfigRecord>>;
    fn delete_k8s_config(&self, name: &str) -> StoreResult<()>;
    fn insert_token(&self, t: &TokenRecord) -> StoreResult<()>;
    fn token(&self, token_sha256: &str) -> StoreResult<Option<TokenRecord>>;
    fn purge_tokens(&self, now: i64) -> StoreResult<usize>;
    fn meta(&self, key: &str) -> StoreResult<Option<String>>;
    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;
    fn insert_item(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64>;
    fn replace_classic_key(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64>;
    fn item(&self, name: &str) -> StoreResult<Option<ItemRecord>>;
    fn item_with_secret(&self, name: &str) -> StoreResult<Option<(ItemRecord, ItemSecret)>>;
    fn items(&self) -> StoreResult<Vec<ItemRecord>>;
    fn delete_item(&self, name: &str) -> StoreResult<ItemRecord>;
    fn emitted_expiration_events(&self) -> StoreResult<Vec<(i64, u32)>>;
    fn record_expiration_event(
        &self,
        item_id: i64,
        threshold_days: u32,
        now: i64,
        delivery: Option<(&str, &str)>
    ) -> StoreResult<bool>;
    fn due_deliveries(&self, now_ms: i64, limit: usize) -> StoreResult<Vec<Delivery>>;
    fn next_delivery_due(&self) -> StoreResult<Option<i64>>;
    fn delivery_succeeded(&self, id: i64) -> StoreResult<()>;
    fn delivery_failed(
        &self,
        id: i64,
        attempts: u32,
        next_attempt_ms: i64,
        error: &str
    ) -> StoreResult<()>;
    fn expedite_deliveries(&self, now_ms: i64) -> StoreResult<usize>;
    fn pending_deliveries(&self) -> StoreResult<usize>;
    fn insert_role(&self, r: &RoleRecord) -> StoreResult<i64>;
    fn update_role(&self, name: &str, r: &RoleRecord) -> StoreResult<()>;
    fn role(&self, name: &str) -> StoreResult<Option<RoleRecord>>;
    fn roles(&self) -> StoreResult<Vec<RoleRecord>>;
    fn delete_role(&self, name: &str) -> StoreResult<()>;
    fn set_role_rule(&self, role: &str, rule: &RuleRecord) -> StoreResult<()>;
    fn delete_role_rule(&self, role: &str, rule_type: &str, path: &str) -> StoreResult<()>;
    fn insert_assoc(&self, a: &AssocRecord) -> StoreResult<()>;
    fn update_assoc(&self, a: &AssocRecord) -> StoreResult<()>;
    fn assoc(&self, assoc_id: &str) -> StoreResult<Option<AssocRecord>>;
    fn delete_assoc(&self, assoc_id: &str) -> StoreResult<()>;
    fn policy_version(&self) -> StoreResult<i64>;
    fn policy(&self) -> StoreResult<PolicySnapshot>;
    fn ensure_builtin_role(&self, role: &RoleRecord, access_id: &str) -> StoreResult<bool>;
    fn insert_secret(&self, r: &ItemRecord, value: &[u8]) -> StoreResult<i64>;
    fn secret_values(
        &self,
        name: &str,
        sel: VersionSel
    ) -> StoreResult<Option<(ItemRecord, SecretValues)>>;
    fn update_secret_value(
        &self,
        name: &str,
        value: &[u8],
        new_version: bool,
        expect_last: Option<i64>,
        now: i64
    ) -> StoreResult<ItemRecord>;
    fn secret_versions(&self, name: &str) -> StoreResult<Vec<SecretVersion>>;
    fn update_item_metadata(&self, r: &ItemRecord) -> StoreResult<()>;
    fn delete_secret_version(&self, name: &str, version: i64) -> StoreResult<()>;
}
