//! Gateway state behind a small trait, so a shared database can back
//! several gateways later. The SQLite implementation keeps one file in the
//! data dir (mode 0600, WAL). `synchronous=NORMAL` in WAL mode keeps every
//! committed transaction across a process crash or `kill -9` (the WAL is in
//! the OS page cache); only a power loss can drop the last commits, which
//! for session tokens means a re-login.
//!
//! Secrets in K8s auth configs (signing key, reviewer JWT, client key) are
//! sealed with AES-256-GCM under a master key that lives in its own file,
//! not in the database.

use serde::{Deserialize, Serialize};

pub mod backup;
pub mod lock;
pub mod migrate;
mod postgres;
mod postgres_roles;
mod postgres_secrets;
mod sealer;
mod sqlite;
mod sqlite_roles;
mod sqlite_secrets;

pub use self::postgres::PostgresStore;
pub use sealer::Sealer;
pub use sqlite::SqliteStore;

/// What an auth method authenticates with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MethodKind {
    /// `access_key`: the key's SHA-256 is stored, never the key.
    AccessKey { key_sha256: String, admin: bool },
    /// Kubernetes: the RSA public key (SPKI DER, base64) and the bindings.
    K8s {
        public_key_spki: String,
        gen_key_pair: bool,
        audience: String,
        bound_namespaces: Vec<String>,
        bound_pod_names: Vec<String>,
        bound_sa_names: Vec<String>,
    },
    /// OAuth2/JWT: tokens are checked against a JWKS (from `jwks_uri`, the
    /// inline `jwks_json_data`, or OIDC discovery at `issuer`).
    #[serde(rename = "oauth2")]
    OAuth2 {
        unique_identifier: String,
        jwks_uri: String,
        /// Base64 of the JWKS JSON, as given.
        jwks_json_data: String,
        issuer: String,
        audience: String,
        bound_client_ids: Vec<String>,
        subclaims_delimiters: Vec<String>,
        /// PEM CA bundle trusted for the JWKS/discovery fetch; empty = system roots.
        ca_pem: String,
    },
}

/// An auth method as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuthMethodRecord {
    pub name: String,
    pub access_id: String,
    pub id: String,
    pub created: i64,
    pub kind: MethodKind,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub delete_protection: bool,
    /// Unix seconds; 0 = never.
    #[serde(default)]
    pub access_expires: i64,
    /// Minutes; 0 = default.
    #[serde(default)]
    pub jwt_ttl: i64,
    #[serde(default)]
    pub bound_ips: Vec<String>,
    #[serde(default)]
    pub gw_bound_ips: Vec<String>,
    #[serde(default)]
    pub force_sub_claims: bool,
    #[serde(default)]
    pub audit_logs_claims: Vec<String>,
    #[serde(default)]
    pub allowed_client_type: Vec<String>,
    #[serde(default)]
    pub product_type: Vec<String>,
    #[serde(default)]
    pub expiration_event_in: Vec<String>,
}

impl AuthMethodRecord {
    /// A new method with a fresh internal id, created now, and the default
    /// access settings: no expiry, default TTL, no address bindings.
    pub fn new(name: impl Into<String>, access_id: impl Into<String>, kind: MethodKind) -> Self {
        AuthMethodRecord {
            name: name.into(),
            access_id: access_id.into(),
            id: super::random_id(16),
            created: super::now(),
            kind,
            description: String::new(),
            delete_protection: false,
            access_expires: 0,
            jwt_ttl: 0,
            bound_ips: vec![],
            gw_bound_ips: vec![],
            force_sub_claims: false,
            audit_logs_claims: vec![],
            allowed_client_type: vec![],
            product_type: vec![],
            expiration_event_in: vec![],
        }
    }
}

/// How the gateway authenticates its TokenReview calls.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReviewerAuth {
    /// `token-reviewer-jwt`: a stored bearer token.
    ReviewerJwt { jwt: String },
    /// No reviewer JWT: the pod's own JWT is the TokenReview bearer.
    ClientJwt,
    /// `k8s-auth-type certificate`: mutual TLS with a client certificate.
    ClientCert { cert_pem: String, key_pem: String },
    /// `use-gw-service-account`: the gateway pod's own token and CA, re-read
    /// from the service-account directory; only for the cluster it runs in.
    GatewayServiceAccount,
}

/// A K8s auth config as stored (sealed as a whole).
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub struct K8sConfigRecord {
    pub name: String,
    pub id: String,
    pub access_id: String,
    /// PEM private key that signs the internal token.
    pub signing_key_pem: String,
    pub k8s_host: String,
    /// PEM CA bundle; empty = system roots.
    pub k8s_ca_pem: String,
    pub k8s_issuer: String,
    pub disable_issuer_validation: bool,
    pub reviewer: ReviewerAuth,
    /// Seconds.
    pub token_exp: i64,
    pub cluster_api_type: String,
    pub created: i64,
    pub updated: i64,
}

impl std::fmt::Debug for K8sConfigRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No key, no JWT.
        f.debug_struct("K8sConfigRecord")
            .field("name", &self.name)
            .field("access_id", &self.access_id)
            .field("k8s_host", &self.k8s_host)
            .finish_non_exhaustive()
    }
}

/// A session token (`t-…`), stored by its SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenRecord {
    pub token_sha256: String,
    pub access_id: String,
    pub auth_method: String,
    /// Issued to the first-start admin method. Kept for older records;
    /// what a token may do comes from its roles (`authz`), never from this.
    pub admin: bool,
    pub expiry: i64,
    pub claims: serde_json::Value,
}

/// What an item is. Only non-secret facts: this part is stored in the
/// clear so listing and the expiration scheduler never unseal anything.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// A classic key made by `generate-csr --generate-key`.
    ClassicKey {
        /// `RSA2048`, `EC256`, … as `--alg` spells it.
        alg: String,
        /// SubjectPublicKeyInfo DER, base64.
        public_key_spki: String,
    },
    /// A certificate uploaded with `create-certificate`.
    Certificate {
        /// Unix seconds.
        not_before: i64,
        /// Unix seconds.
        not_after: i64,
        /// Serial number, hex.
        serial: String,
        /// SHA-256 of the leaf (DER), hex.
        sha256_fingerprint: String,
        /// `pem`, `crt` or `cer`.
        format: String,
        has_private_key: bool,
        /// Days before `not_after` at which to raise an event, ascending.
        expiration_event_in: Vec<u32>,
    },
    /// A static secret made by `create-secret`; its values live, sealed,
    /// one row per version in their own table.
    StaticSecret {
        /// `generic` or `password`.
        sub_type: String,
        /// `text`, `json` or `key-value`.
        format: String,
        /// Versions kept; 0 = [`DEFAULT_MAX_VERSIONS`].
        max_versions: i64,
        /// The newest version number (versions are never renumbered).
        last_version: i64,
    },
}

/// Versions a static secret keeps when `max-versions` is not set.
pub const DEFAULT_MAX_VERSIONS: i64 = 10;
/// Upper bound of `max-versions` (akeyless' account setting range).
pub const MAX_MAX_VERSIONS: i64 = 300;

impl ItemKind {
    /// What the item is, in words, and the command that reads it.
    pub fn noun(&self) -> (&'static str, &'static str) {
        match self {
            ItemKind::ClassicKey { .. } => ("a classic key", "export-classic-key"),
            ItemKind::Certificate { .. } => ("a certificate", "get-certificate-value"),
            ItemKind::StaticSecret { .. } => ("a static secret", "get-secret-value"),
        }
    }

    /// `item_type` as akeyless spells it.
    pub fn item_type(&self) -> &'static str {
        match self {
            ItemKind::ClassicKey { .. } => "CLASSIC_KEY",
            ItemKind::Certificate { .. } => "CERTIFICATE",
            ItemKind::StaticSecret { .. } => "STATIC_SECRET",
        }
    }
}

/// An item (classic key, certificate or static secret) without its secret
/// material.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ItemRecord {
    /// Normalized: leading `/`, as akeyless lists item names.
    pub name: String,
    /// Assigned by the store on insert (never reused).
    #[serde(skip)]
    pub id: i64,
    pub created: i64,
    pub kind: ItemKind,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub delete_protection: bool,
    /// Unix seconds of the last change (value or metadata); 0 = `created`.
    #[serde(default)]
    pub modified: i64,
}

/// An item's secret material, sealed at rest as a whole.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ItemSecret {
    /// PEM private key; empty for a certificate uploaded without its key.
    #[serde(default)]
    pub private_key_pem: String,
    /// PEM certificate (chain); empty for a classic key.
    #[serde(default)]
    pub certificate_pem: String,
}

impl std::fmt::Debug for ItemSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("ItemSecret")
            .field("has_private_key", &!self.private_key_pem.is_empty())
            .field("has_certificate", &!self.certificate_pem.is_empty())
            .finish()
    }
}

/// One stored version of a static secret (without its value).
#[derive(Debug, Clone, PartialEq)]
pub struct SecretVersion {
    pub version: i64,
    pub created: i64,
    pub modified: i64,
}

/// Values of a static secret by version number, newest first.
pub type SecretValues = Vec<(i64, Vec<u8>)>;

/// Which versions of a static secret to read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VersionSel {
    Latest,
    Exact(i64),
    /// The newest N that exist.
    LastN(i64),
}

/// A rule of an access role: capabilities on a path pattern.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RuleRecord {
    /// `item-rule`, `role-rule`, `auth-method-rule`, …
    pub rule_type: String,
    /// Normalized with a leading `/`; may hold `*`, `+` and `{{claim}}`.
    pub path: String,
    /// `read`, `create`, `update`, `delete`, `list`, `deny`.
    pub capabilities: Vec<String>,
    /// Minutes after `start_time`; 0 = never expires.
    pub ttl: i64,
    /// Unix seconds at which the rule was set.
    pub start_time: i64,
}

impl RuleRecord {
    /// Whether the rule's `ttl` has run out at `now`.
    pub fn expired(&self, now: i64) -> bool {
        self.ttl > 0 && self.start_time.saturating_add(self.ttl.saturating_mul(60)) <= now
    }
}

/// An access role with its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRecord {
    /// Assigned by the store on insert.
    pub id: i64,
    /// Without a leading slash, as akeyless returns role names.
    pub name: String,
    pub description: String,
    pub delete_protection: bool,
    /// Gateway administration: K8s auth configs and other gateway-management
    /// commands. Only the built-in admin role carries it.
    pub admin: bool,
    pub created: i64,
    pub modified: i64,
    pub rules: Vec<RuleRecord>,
}

/// A role <-> auth-method association, keyed by the method's access id
/// (stable across renames of the method).
#[derive(Debug, Clone, PartialEq)]
pub struct AssocRecord {
    /// `rl-` followed by random characters.
    pub assoc_id: String,
    pub role_name: String,
    pub am_access_id: String,
    /// Claim -> accepted values (OR), every claim required (AND).
    pub sub_claims: std::collections::BTreeMap<String, Vec<String>>,
    pub case_sensitive: bool,
}

/// Everything authorization needs, read in one go and cached by
/// `version` (bumped in the same transaction as every role, rule or
/// association write).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicySnapshot {
    pub version: i64,
    pub roles: Vec<RoleRecord>,
    pub assocs: Vec<AssocRecord>,
}

/// A webhook delivery waiting in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: i64,
    /// Stable id of the event (sent as a header so receivers can dedupe).
    pub event_id: String,
    /// The JSON body.
    pub payload: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Unix milliseconds.
    pub next_attempt_ms: i64,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("{0} already exists")]
    AlreadyExists(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("storage error: {0}")]
    Db(String),
}

pub type StoreResult<T> = std::result::Result<T, StoreError>;

/// Everything the gateway persists.
pub trait Store: Send + Sync + 'static {
    fn insert_auth_method(&self, r: &AuthMethodRecord) -> StoreResult<()>;
    /// Replaces the method stored under `name` (which may be renamed).
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
    /// Several tokens in one transaction (all or none): the login storm's
    /// group commit (`server::token_writer`).
    fn insert_tokens(&self, ts: &[TokenRecord]) -> StoreResult<()> {
        ts.iter().try_for_each(|t| self.insert_token(t))
    }
    fn token(&self, token_sha256: &str) -> StoreResult<Option<TokenRecord>>;
    /// Removes tokens that expired before `now`; returns how many.
    fn purge_tokens(&self, now: i64) -> StoreResult<usize>;

    fn meta(&self, key: &str) -> StoreResult<Option<String>>;
    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;

    /// Inserts an item (metadata in the clear, `secret` sealed) in one
    /// statement; returns its id. An existing name is `AlreadyExists`.
    fn insert_item(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64>;
    /// Replaces the classic key stored under `r.name` (or inserts it) in one
    /// transaction, dropping the old key's expiration-event records.
    /// Refuses to replace a certificate or a delete-protected item.
    fn replace_classic_key(&self, r: &ItemRecord, secret: &ItemSecret) -> StoreResult<i64>;
    fn item(&self, name: &str) -> StoreResult<Option<ItemRecord>>;
    /// The item with its unsealed secret material.
    fn item_with_secret(&self, name: &str) -> StoreResult<Option<(ItemRecord, ItemSecret)>>;
    fn items(&self) -> StoreResult<Vec<ItemRecord>>;
    /// Deletes an item and its expiration-event records; returns what was deleted.
    fn delete_item(&self, name: &str) -> StoreResult<ItemRecord>;

    /// The (item id, threshold days) pairs whose expiration event was emitted.
    fn emitted_expiration_events(&self) -> StoreResult<Vec<(i64, u32)>>;
    /// Records that the event (item, threshold) was emitted and, in the same
    /// transaction, queues `delivery` (event id, JSON body) in the outbox.
    /// Returns false, changing nothing, when it was already recorded.
    fn record_expiration_event(
        &self,
        item_id: i64,
        threshold_days: u32,
        now: i64,
        delivery: Option<(&str, &str)>,
    ) -> StoreResult<bool>;

    /// Outbox entries due at `now_ms`, oldest first.
    fn due_deliveries(&self, now_ms: i64, limit: usize) -> StoreResult<Vec<Delivery>>;
    /// When the next outbox entry is due (unix ms), if any.
    fn next_delivery_due(&self) -> StoreResult<Option<i64>>;
    fn delivery_succeeded(&self, id: i64) -> StoreResult<()>;
    fn delivery_failed(
        &self,
        id: i64,
        attempts: u32,
        next_attempt_ms: i64,
        error: &str,
    ) -> StoreResult<()>;
    /// Makes every pending entry due at `now_ms` at the latest (on start).
    fn expedite_deliveries(&self, now_ms: i64) -> StoreResult<usize>;
    fn pending_deliveries(&self) -> StoreResult<usize>;

    // Roles, rules and associations (sqlite_roles.rs). Every write bumps
    // the policy version in its own transaction.

    /// Inserts a role (with its rules); returns its id.
    fn insert_role(&self, r: &RoleRecord) -> StoreResult<i64>;
    /// Replaces name, description, protection and admin flag of the role
    /// stored under `name` (rules and associations stay).
    fn update_role(&self, name: &str, r: &RoleRecord) -> StoreResult<()>;
    fn role(&self, name: &str) -> StoreResult<Option<RoleRecord>>;
    fn roles(&self) -> StoreResult<Vec<RoleRecord>>;
    /// Deletes a role with its rules and associations.
    fn delete_role(&self, name: &str) -> StoreResult<()>;
    /// Sets (replacing) the rule with the same (rule type, path).
    fn set_role_rule(&self, role: &str, rule: &RuleRecord) -> StoreResult<()>;
    /// Deletes the rule; `NotFound` when the role has no such rule.
    fn delete_role_rule(&self, role: &str, rule_type: &str, path: &str) -> StoreResult<()>;
    /// A duplicate (same role, method, sub-claims) is `AlreadyExists`.
    fn insert_assoc(&self, a: &AssocRecord) -> StoreResult<()>;
    fn update_assoc(&self, a: &AssocRecord) -> StoreResult<()>;
    fn assoc(&self, assoc_id: &str) -> StoreResult<Option<AssocRecord>>;
    fn delete_assoc(&self, assoc_id: &str) -> StoreResult<()>;
    /// The current policy version (one cheap read per request).
    fn policy_version(&self) -> StoreResult<i64>;
    /// Roles, rules and associations as of one version.
    fn policy(&self) -> StoreResult<PolicySnapshot>;
    /// Creates the built-in role (if missing) and its association with the
    /// method `access_id` (if missing), in one transaction; true if
    /// anything was created.
    fn ensure_builtin_role(&self, role: &RoleRecord, access_id: &str) -> StoreResult<bool>;

    // Static secrets (sqlite_secrets.rs).

    /// Inserts a static secret with its first version; returns the item id.
    fn insert_secret(&self, r: &ItemRecord, value: &[u8]) -> StoreResult<i64>;
    /// The secret and the selected versions' values, newest first; `None`
    /// if no static secret has that name.
    fn secret_values(
        &self,
        name: &str,
        sel: VersionSel,
    ) -> StoreResult<Option<(ItemRecord, SecretValues)>>;
    /// Overwrites the latest version, or with `new_version` appends one and
    /// drops the oldest beyond `max_versions`; `expect_last` refuses (as a
    /// `Conflict`) when the latest version differs. Returns the record.
    fn update_secret_value(
        &self,
        name: &str,
        value: &[u8],
        new_version: bool,
        expect_last: Option<i64>,
        now: i64,
    ) -> StoreResult<ItemRecord>;
    /// The versions a static secret keeps, newest first.
    fn secret_versions(&self, name: &str) -> StoreResult<Vec<SecretVersion>>;
    /// Replaces the metadata of the item stored under `r.name` (never its
    /// secret material); for a static secret, drops versions beyond a
    /// lowered `max_versions` in the same transaction.
    fn update_item_metadata(&self, r: &ItemRecord) -> StoreResult<()>;
    /// Deletes one version of a static secret (the last one deletes the
    /// whole item).
    fn delete_secret_version(&self, name: &str, version: i64) -> StoreResult<()>;
}
