//! Authorization: the one place every command asks whether a session token
//! may do something (akeyless-roles-secrets.md §0, §2, §3).
//!
//! - Default deny. A token's permissions are the union of the rules of
//!   every role associated with the token's auth method whose association
//!   sub-claims match the token's claims (AND across keys, OR within a
//!   key's values, `*`/`?` globs, case-sensitive unless the association
//!   says otherwise).
//! - `deny` on a matching rule overrides everything; `list` is implied by
//!   every other capability; a rule whose `ttl` ran out is ignored.
//! - Rule paths: exact, `prefix*` / `/folder/*` (`*` crosses `/`), `+`
//!   (one path segment), `{{claim}}` (one expansion per claim value);
//!   `x` and `/x` are the same path.
//!
//! Roles and associations are cached in memory by the store's policy
//! version, which every role, rule or association write bumps in its own
//! transaction: a request costs one version read, and a removed
//! association is gone for the very next request.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, RwLock};

use super::store::{AssocRecord, PolicySnapshot, RoleRecord, RuleRecord, TokenRecord};
use super::{ApiError, AppState, now, sha256_hex};

mod matching;

use matching::{Tok, compile, tok_match};
pub use matching::{
    check_rule_path, claims_map, glob_match, normalize_path, path_matches, sub_claims_match,
};

/// Name of the built-in role of the first-start admin.
pub const ADMIN_ROLE: &str = "admin";

/// Rule types a role rule may have (PY `set_role_rule.py`, without the
/// secure-remote-access ones, whose capabilities this gateway has no use for).
pub const RULE_TYPES: &[&str] = &[
    "item-rule",
    "target-rule",
    "role-rule",
    "auth-method-rule",
    "search-rule",
    "reports-rule",
    "gw-reports-rule",
    "usage-reports-rule",
    "event-rule",
    "event-forwarder-rule",
    "reverse-rbac-rule",
];

/// Capabilities of item, target, role and auth-method rules.
pub const CAPABILITIES: &[&str] = &["read", "create", "update", "delete", "list", "deny"];

/// What a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleType {
    Item,
    Role,
    AuthMethod,
    Target,
}

impl RuleType {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleType::Item => "item-rule",
            RuleType::Role => "role-rule",
            RuleType::AuthMethod => "auth-method-rule",
            RuleType::Target => "target-rule",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            RuleType::Item => "item",
            RuleType::Role => "role",
            RuleType::AuthMethod => "auth method",
            RuleType::Target => "target",
        }
    }
}

/// What a command wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    Read,
    Create,
    Update,
    Delete,
    List,
}

impl Capability {
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Read => "read",
            Capability::Create => "create",
            Capability::Update => "update",
            Capability::Delete => "delete",
            Capability::List => "list",
        }
    }
    fn bit(self) -> u8 {
        match self {
            Capability::Read => 1,
            Capability::Create => 2,
            Capability::Update => 4,
            Capability::Delete => 8,
            Capability::List => 16,
        }
    }
}

const DENY: u8 = 32;

fn cap_bits(caps: &[String]) -> u8 {
    caps.iter()
        .map(|c| match c.as_str() {
            "read" => 1,
            "create" => 2,
            "update" => 4,
            "delete" => 8,
            "list" => 16,
            "deny" => DENY,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

/// The built-in role of the first-start admin: gateway administration and
/// every capability on every item, role, auth method and target.
pub fn builtin_admin_role(now: i64) -> RoleRecord {
    let caps: Vec<String> = ["read", "create", "update", "delete", "list"]
        .iter()
        .map(|c| c.to_string())
        .collect();
    RoleRecord {
        id: 0,
        name: ADMIN_ROLE.into(),
        description: "built-in gateway administrator role".into(),
        delete_protection: true,
        admin: true,
        created: now,
        modified: now,
        rules: [
            RuleType::Item,
            RuleType::Role,
            RuleType::AuthMethod,
            RuleType::Target,
        ]
        .iter()
        .map(|t| RuleRecord {
            rule_type: t.as_str().into(),
            path: "/*".into(),
            capabilities: caps.clone(),
            ttl: 0,
            start_time: now,
        })
        .collect(),
    }
}

/// The cached policy, indexed for the per-request lookups.
#[derive(Debug, Default)]
pub struct Policy {
    pub version: i64,
    pub roles: HashMap<String, RoleRecord>,
    /// By auth-method access id.
    pub assocs: HashMap<String, Vec<AssocRecord>>,
}

impl From<PolicySnapshot> for Policy {
    fn from(s: PolicySnapshot) -> Self {
        let mut assocs: HashMap<String, Vec<AssocRecord>> = HashMap::new();
        for a in s.assocs {
            assocs.entry(a.am_access_id.clone()).or_default().push(a);
        }
        Policy {
            version: s.version,
            roles: s.roles.into_iter().map(|r| (r.name.clone(), r)).collect(),
            assocs,
        }
    }
}

/// Most sessions kept; the cache is emptied when it would grow past this.
const MAX_CACHED_SESSIONS: usize = 65_536;

/// Sessions built under one policy version, by token SHA-256.
#[derive(Debug, Default)]
struct SessionCache {
    version: i64,
    by_token: HashMap<String, Arc<Session>>,
}

/// Roles and associations cached by policy version, and the sessions
/// built from them: a request with a known token under an unchanged policy
/// costs one version read and a map lookup.
#[derive(Debug, Default)]
pub struct PolicyCache {
    inner: RwLock<Option<Arc<Policy>>>,
    sessions: Mutex<SessionCache>,
}

impl PolicyCache {
    /// The current policy: one version read, a reload only when it moved.
    pub fn current(&self, state: &AppState) -> Result<Arc<Policy>, ApiError> {
        let version = state.store.policy_version()?;
        if let Some(p) = self
            .inner
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .filter(|p| p.version == version)
        {
            return Ok(p.clone());
        }
        let fresh = Arc::new(Policy::from(state.store.policy()?));
        *self.inner.write().unwrap_or_else(|p| p.into_inner()) = Some(fresh.clone());
        Ok(fresh)
    }

    /// The session cached for `token_sha256` under `version`, if still valid at `now`.
    fn cached(&self, token_sha256: &str, version: i64, now: i64) -> Option<Arc<Session>> {
        let c = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if c.version != version {
            return None;
        }
        c.by_token
            .get(token_sha256)
            .filter(|s| s.valid_until > now)
            .cloned()
    }

    fn remember(&self, token_sha256: String, version: i64, s: Arc<Session>) {
        let mut c = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if c.version != version || c.by_token.len() >= MAX_CACHED_SESSIONS {
            c.by_token.clear();
            c.version = version;
        }
        c.by_token.insert(token_sha256, s);
    }
}

/// One granted rule, its templates already expanded.
#[derive(Debug, Clone)]
struct Grant {
    rule_type: String,
    pattern: Vec<Tok>,
    caps: u8,
}

/// An authenticated caller and what it may do.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: TokenRecord,
    /// The token's claims as `describe-sub-claims` shows them.
    pub claims: BTreeMap<String, Vec<String>>,
    /// A matching role carries gateway-admin rights.
    pub admin: bool,
    grants: Vec<Grant>,
    /// Unix seconds until which this session may be reused: the token's
    /// expiry, or earlier when a granting rule's ttl runs out.
    valid_until: i64,
}

impl Session {
    /// Builds the session of `token` under `policy` at `now`.
    pub fn new(token: TokenRecord, policy: &Policy, now: i64) -> Session {
        let claims = claims_map(&token.claims);
        let mut admin = false;
        let mut grants = Vec::new();
        let mut valid_until = token.expiry;
        for assoc in policy.assocs.get(&token.access_id).into_iter().flatten() {
            if !sub_claims_match(&assoc.sub_claims, assoc.case_sensitive, &claims) {
                continue;
            }
            let Some(role) = policy.roles.get(&assoc.role_name) else {
                continue;
            };
            admin |= role.admin;
            for rule in role.rules.iter().filter(|r| !r.expired(now)) {
                if rule.ttl > 0 {
                    valid_until = valid_until
                        .min(rule.start_time.saturating_add(rule.ttl.saturating_mul(60)));
                }
                let caps = cap_bits(&rule.capabilities);
                if caps == 0 {
                    continue;
                }
                for pattern in compile(&rule.path, &claims, !assoc.case_sensitive) {
                    grants.push(Grant {
                        rule_type: rule.rule_type.clone(),
                        pattern,
                        caps,
                    });
                }
            }
        }
        Session {
            token,
            claims,
            admin,
            grants,
            valid_until,
        }
    }

    /// The union of the capabilities of every matching rule; 0 when a
    /// matching rule denies.
    fn bits(&self, rt: RuleType, path: &str) -> u8 {
        let target = normalize_path(path);
        let mut bits = 0;
        for g in self
            .grants
            .iter()
            .filter(|g| g.rule_type == rt.as_str() && tok_match(&g.pattern, &target))
        {
            if g.caps & DENY != 0 {
                return 0;
            }
            bits |= g.caps;
        }
        // `list` is included under every other permission.
        if bits != 0 {
            bits |= Capability::List.bit();
        }
        bits
    }

    /// Whether the caller may do `cap` on the thing at `path`.
    pub fn can(&self, rt: RuleType, path: &str, cap: Capability) -> bool {
        self.bits(rt, path) & cap.bit() != 0
    }

    /// The caller's capabilities on `path`, as `client_permissions` lists them.
    pub fn permissions(&self, rt: RuleType, path: &str) -> Vec<String> {
        let bits = self.bits(rt, path);
        [
            Capability::Read,
            Capability::Create,
            Capability::Update,
            Capability::Delete,
            Capability::List,
        ]
        .iter()
        .filter(|c| bits & c.bit() != 0)
        .map(|c| c.as_str().to_owned())
        .collect()
    }

    /// `Ok` if allowed, else 401 `UnauthorizedAccess` (whether or not the
    /// thing exists: a denied caller learns nothing).
    pub fn require(&self, rt: RuleType, path: &str, cap: Capability) -> Result<(), ApiError> {
        if self.can(rt, path, cap) {
            return Ok(());
        }
        let shown = if rt == RuleType::Item {
            normalize_path(path)
        } else {
            path.trim().trim_start_matches('/').to_owned()
        };
        Err(ApiError::unauthorized(format!(
            "Unauthorized access (UnauthorizedAccess): access id {} has no {} permission on {} {shown}",
            self.token.access_id,
            cap.as_str(),
            rt.noun(),
        )))
    }

    /// Gateway management (K8s auth configs): a matching role with admin
    /// rights ("the access ID must be an admin in the gateway").
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.admin {
            return Ok(());
        }
        Err(ApiError::unauthorized(format!(
            "Unauthorized access (UnauthorizedAccess): access id {} is not an admin of this gateway; gateway management needs a role with admin rights (the built-in role '{ADMIN_ROLE}')",
            self.token.access_id
        )))
    }
}

/// The session of a request's token: it must exist and be unexpired.
///
/// Sessions are cached by token and policy version (tokens never change
/// once issued; any role, rule or association write moves the version),
/// until the token expires or a granting rule's ttl runs out.
pub fn session(state: &AppState, token: Option<&str>) -> Result<Arc<Session>, ApiError> {
    const HOW: &str = "authenticate with `akl auth` and pass --token, or configure a profile";
    let token = token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized(format!("unauthorized: missing token; {HOW}")))?;
    let sha = sha256_hex(token.as_bytes());
    let t = now();
    let policy = state.policy.current(state)?;
    if let Some(s) = state.policy.cached(&sha, policy.version, t) {
        return Ok(s);
    }
    let rec = state
        .store
        .token(&sha)?
        .filter(|r| r.expiry > t)
        .ok_or_else(|| {
            ApiError::unauthorized(format!("unauthorized: invalid or expired token; {HOW}"))
        })?;
    let s = Arc::new(Session::new(rec, &policy, t));
    state.policy.remember(sha, policy.version, s.clone());
    Ok(s)
}

/// THE authorization question: may the bearer of `token` do `cap` on the
/// thing of kind `rt` named `path`? Returns the session for further
/// (silent) checks, or 401.
pub fn authorize(
    state: &AppState,
    token: Option<&str>,
    rt: RuleType,
    path: &str,
    cap: Capability,
) -> Result<Arc<Session>, ApiError> {
    let s = session(state, token)?;
    s.require(rt, path, cap)?;
    Ok(s)
}

/// May the bearer of `token` manage the gateway itself?
pub fn authorize_admin(state: &AppState, token: Option<&str>) -> Result<Arc<Session>, ApiError> {
    let s = session(state, token)?;
    s.require_admin()?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn claims(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn role(name: &str, rules: &[(&str, &str, &[&str], i64, i64)]) -> RoleRecord {
        RoleRecord {
            id: 1,
            name: name.into(),
            description: String::new(),
            delete_protection: false,
            admin: false,
            created: 0,
            modified: 0,
            rules: rules
                .iter()
                .map(|(t, p, caps, ttl, start)| RuleRecord {
                    rule_type: t.to_string(),
                    path: p.to_string(),
                    capabilities: caps.iter().map(|c| c.to_string()).collect(),
                    ttl: *ttl,
                    start_time: *start,
                })
                .collect(),
        }
    }

    fn assoc(role: &str, am: &str, sub: &[(&str, &[&str])]) -> AssocRecord {
        AssocRecord {
            assoc_id: format!("rl-{role}"),
            role_name: role.into(),
            am_access_id: am.into(),
            sub_claims: claims(sub),
            case_sensitive: true,
        }
    }

    fn token(access_id: &str, claims: Value) -> TokenRecord {
        TokenRecord {
            token_sha256: "x".into(),
            access_id: access_id.into(),
            auth_method: "m".into(),
            admin: false,
            expiry: i64::MAX,
            claims,
        }
    }

    fn policy(roles: Vec<RoleRecord>, assocs: Vec<AssocRecord>) -> Policy {
        Policy::from(PolicySnapshot {
            version: 1,
            roles,
            assocs,
        })
    }

    #[test]
    fn union_deny_list_and_ttl() {
        let p = policy(
            vec![
                role(
                    "reader",
                    &[("item-rule", "/k8s/{{namespace}}/*", &["read"], 0, 0)],
                ),
                role(
                    "writer",
                    &[
                        ("item-rule", "/shared/*", &["create", "update"], 0, 0),
                        ("item-rule", "/shared/top-secret", &["deny"], 0, 0),
                        ("item-rule", "/temp/*", &["read"], 10, 1_000),
                    ],
                ),
                role("other-ns", &[("item-rule", "/*", &["read"], 0, 0)]),
            ],
            vec![
                assoc("reader", "p-k8s", &[("namespace", &["ns-a"])]),
                assoc("writer", "p-k8s", &[]),
                assoc("other-ns", "p-k8s", &[("namespace", &["ns-b"])]),
            ],
        );
        let s = Session::new(token("p-k8s", json!({"namespace": "ns-a"})), &p, 1_100);
        assert!(s.can(RuleType::Item, "/k8s/ns-a/db", Capability::Read));
        assert!(
            s.can(RuleType::Item, "/k8s/ns-a/db", Capability::List),
            "list implied"
        );
        assert!(!s.can(RuleType::Item, "/k8s/ns-a/db", Capability::Update));
        assert!(!s.can(RuleType::Item, "/k8s/ns-b/db", Capability::Read));
        assert!(s.can(RuleType::Item, "/shared/x", Capability::Update));
        assert!(
            !s.can(RuleType::Item, "/shared/top-secret", Capability::Update),
            "deny wins"
        );
        assert!(
            !s.can(RuleType::Item, "/shared/top-secret", Capability::List),
            "deny hides"
        );
        assert!(
            !s.can(RuleType::Role, "/k8s/ns-a/db", Capability::Read),
            "type matters"
        );
        assert!(
            s.can(RuleType::Item, "/temp/a", Capability::Read),
            "ttl not yet over"
        );
        assert_eq!(s.valid_until, 1_000 + 600, "reused only until the ttl ends");
        let later = Session::new(
            token("p-k8s", json!({"namespace": "ns-a"})),
            &p,
            1_000 + 600,
        );
        assert!(
            !later.can(RuleType::Item, "/temp/a", Capability::Read),
            "ttl over"
        );
        assert_eq!(
            s.permissions(RuleType::Item, "/shared/x"),
            ["create", "update", "list"]
        );
        let e = s
            .require(RuleType::Item, "/k8s/ns-b/db", Capability::Read)
            .unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::UNAUTHORIZED);
        assert!(e.message.contains("UnauthorizedAccess"), "{}", e.message);
        assert!(s.require_admin().is_err());
        // Another method gets nothing.
        let none = Session::new(token("p-other", json!({"namespace": "ns-a"})), &p, 1_100);
        assert!(!none.can(RuleType::Item, "/shared/x", Capability::List));
    }

    #[test]
    fn builtin_admin_can_everything() {
        let p = policy(
            vec![builtin_admin_role(0)],
            vec![assoc(ADMIN_ROLE, "p-admin", &[])],
        );
        let s = Session::new(token("p-admin", json!({})), &p, 5);
        assert!(s.admin);
        for rt in [RuleType::Item, RuleType::Role, RuleType::AuthMethod] {
            for cap in [Capability::Read, Capability::Create, Capability::Delete] {
                assert!(s.can(rt, "any/name", cap));
            }
        }
    }
}
