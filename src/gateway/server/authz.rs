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
use std::sync::{Arc, RwLock};

use serde_json::Value;

use super::store::{AssocRecord, PolicySnapshot, RoleRecord, RuleRecord, TokenRecord};
use super::{ApiError, AppState, now, sha256_hex};

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

/// `x` and `/x` name the same thing.
pub fn normalize_path(p: &str) -> String {
    format!("/{}", p.trim().trim_start_matches('/'))
}

/// Checks a rule path as `set-role-rule` receives it: it must start with
/// `/` (the reference normalises, but a missing slash is usually a typo in
/// a template such as `{{namespace}}/*`, so it is named), and templates
/// must be closed.
pub fn check_rule_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    if p.is_empty() {
        return Err("path must not be empty".into());
    }
    if !p.starts_with('/') {
        return Err(format!(
            "path '{p}' must start with '/', e.g. /{p}; rule paths are absolute"
        ));
    }
    let mut rest = p;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(format!("path '{p}' has an unclosed '{{{{' template"));
        };
        if after[..j].trim().is_empty() {
            return Err(format!("path '{p}' has an empty '{{{{}}}}' template"));
        }
        rest = &after[j + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("path '{p}' has '}}}}' without '{{{{'"));
    }
    Ok(p.to_owned())
}

/// One element of a compiled rule path.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Literal text; `bool` = compare ASCII case-insensitively (template
    /// values of a case-insensitive association).
    Lit(String, bool),
    /// `*`: any run of characters, `/` included.
    Star,
    /// `+`: one or more characters within one path segment.
    Plus,
}

/// Most expansions of one templated rule (values multiply across claims).
const MAX_EXPANSIONS: usize = 64;

/// Expands `{{claim}}` templates with the token's claim values and
/// compiles each expansion; a template whose claim the token lacks makes
/// the rule not apply (no expansion).
fn compile(path: &str, claims: &BTreeMap<String, Vec<String>>, ci: bool) -> Vec<Vec<Tok>> {
    let path = normalize_path(path);
    let mut out: Vec<Vec<Tok>> = vec![vec![]];
    let mut rest = path.as_str();
    let push_static = |out: &mut Vec<Vec<Tok>>, text: &str| {
        for toks in out.iter_mut() {
            for ch in text.chars() {
                match ch {
                    '*' => {
                        if toks.last() != Some(&Tok::Star) {
                            toks.push(Tok::Star)
                        }
                    }
                    '+' => toks.push(Tok::Plus),
                    c => match toks.last_mut() {
                        Some(Tok::Lit(s, false)) => s.push(c),
                        _ => toks.push(Tok::Lit(c.to_string(), false)),
                    },
                }
            }
        }
    };
    while let Some(i) = rest.find("{{") {
        push_static(&mut out, &rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return vec![];
        };
        let claim = after[..j].trim();
        let values = claims.get(claim).or_else(|| {
            ci.then(|| {
                claims
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(claim))
                    .map(|(_, v)| v)
            })
            .flatten()
        });
        let Some(values) = values.filter(|v| !v.is_empty()) else {
            return vec![];
        };
        let mut next = Vec::new();
        for toks in &out {
            for v in values {
                if v.is_empty() {
                    continue;
                }
                let mut t = toks.clone();
                // Claim values are literal text, never wildcards.
                t.push(Tok::Lit(v.clone(), ci));
                next.push(t);
                if next.len() >= MAX_EXPANSIONS {
                    break;
                }
            }
        }
        out = next;
        rest = &after[j + 2..];
    }
    push_static(&mut out, rest);
    out
}

fn lit_prefix<'a>(s: &'a str, lit: &str, ci: bool) -> Option<&'a str> {
    let head = s.get(..lit.len())?;
    let ok = if ci {
        head.eq_ignore_ascii_case(lit)
    } else {
        head == lit
    };
    ok.then(|| &s[lit.len()..])
}

fn tok_match(toks: &[Tok], s: &str) -> bool {
    match toks.first() {
        None => s.is_empty(),
        Some(Tok::Lit(l, ci)) => lit_prefix(s, l, *ci).is_some_and(|r| tok_match(&toks[1..], r)),
        Some(Tok::Star) => {
            if toks.len() == 1 {
                return true;
            }
            s.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(s.len()))
                .any(|i| tok_match(&toks[1..], &s[i..]))
        }
        Some(Tok::Plus) => {
            let seg = s.find('/').unwrap_or(s.len());
            s[..seg]
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .any(|i| tok_match(&toks[1..], &s[i..]))
        }
    }
}

/// Whether a rule path (with its templates) covers `target`, for a token
/// with `claims`.
pub fn path_matches(
    rule_path: &str,
    target: &str,
    claims: &BTreeMap<String, Vec<String>>,
    ci: bool,
) -> bool {
    let target = normalize_path(target);
    compile(rule_path, claims, ci)
        .iter()
        .any(|t| tok_match(t, &target))
}

/// `*` (any run) and `?` (one character) glob of sub-claim values.
pub fn glob_match(pattern: &str, value: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let v: Vec<char> = value.chars().collect();
    // Iterative wildcard matching with one backtrack point: linear-ish,
    // no recursion on attacker-controlled claim values.
    let (mut pi, mut vi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether an association's sub-claims accept a token's claims.
pub fn sub_claims_match(
    wanted: &BTreeMap<String, Vec<String>>,
    case_sensitive: bool,
    claims: &BTreeMap<String, Vec<String>>,
) -> bool {
    wanted.iter().all(|(key, accepted)| {
        let have = if case_sensitive {
            claims.get(key)
        } else {
            claims
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        };
        let Some(have) = have else { return false };
        have.iter().any(|value| {
            accepted.iter().any(|pattern| {
                if case_sensitive {
                    glob_match(pattern, value)
                } else {
                    glob_match(&pattern.to_lowercase(), &value.to_lowercase())
                }
            })
        })
    })
}

/// A token's claims as `{claim: [values]}` (strings as one value, arrays
/// element-wise, empty strings dropped).
pub fn claims_map(claims: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(obj) = claims.as_object() else {
        return out;
    };
    for (k, v) in obj {
        let values: Vec<String> = match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            Value::Null => vec![],
            other => vec![other.to_string()],
        };
        let values: Vec<String> = values.into_iter().filter(|s| !s.is_empty()).collect();
        if !values.is_empty() {
            out.insert(k.clone(), values);
        }
    }
    out
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

/// Roles and associations cached by policy version.
#[derive(Debug, Default)]
pub struct PolicyCache {
    inner: RwLock<Option<Arc<Policy>>>,
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
}

impl Session {
    /// Builds the session of `token` under `policy` at `now`.
    pub fn new(token: TokenRecord, policy: &Policy, now: i64) -> Session {
        let claims = claims_map(&token.claims);
        let mut admin = false;
        let mut grants = Vec::new();
        for assoc in policy.assocs.get(&token.access_id).into_iter().flatten() {
            if !sub_claims_match(&assoc.sub_claims, assoc.case_sensitive, &claims) {
                continue;
            }
            let Some(role) = policy.roles.get(&assoc.role_name) else {
                continue;
            };
            admin |= role.admin;
            for rule in role.rules.iter().filter(|r| !r.expired(now)) {
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
pub fn session(state: &AppState, token: Option<&str>) -> Result<Session, ApiError> {
    const HOW: &str = "authenticate with `akl auth` and pass --token, or configure a profile";
    let token = token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized(format!("unauthorized: missing token; {HOW}")))?;
    let t = now();
    let rec = state
        .store
        .token(&sha256_hex(token.as_bytes()))?
        .filter(|r| r.expiry > t)
        .ok_or_else(|| {
            ApiError::unauthorized(format!("unauthorized: invalid or expired token; {HOW}"))
        })?;
    let policy = state.policy.current(state)?;
    Ok(Session::new(rec, &policy, t))
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
) -> Result<Session, ApiError> {
    let s = session(state, token)?;
    s.require(rt, path, cap)?;
    Ok(s)
}

/// May the bearer of `token` manage the gateway itself?
pub fn authorize_admin(state: &AppState, token: Option<&str>) -> Result<Session, ApiError> {
    let s = session(state, token)?;
    s.require_admin()?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn exact_prefix_and_folder_paths() {
        let c = claims(&[]);
        assert!(path_matches("/foo/mysecret", "/foo/mysecret", &c, false));
        assert!(!path_matches("/foo/mysecret", "/foo/mysecret2", &c, false));
        assert!(path_matches("/foo/devops-*", "/foo/devops-db", &c, false));
        assert!(path_matches(
            "/foo/devops-*",
            "/foo/devops-x/deep",
            &c,
            false
        ));
        assert!(!path_matches("/foo/devops-*", "/foo/dev", &c, false));
        assert!(path_matches(
            "/path/to/folder/*",
            "/path/to/folder/a/b",
            &c,
            false
        ));
        assert!(!path_matches(
            "/path/to/folder/*",
            "/path/to/folderx",
            &c,
            false
        ));
        assert!(path_matches("/*", "/anything/at/all", &c, false));
        // Leading slash is optional on both sides.
        assert!(path_matches("foo/bar", "/foo/bar", &c, false));
        assert!(path_matches("/foo/bar", "foo/bar", &c, false));
    }

    #[test]
    fn plus_is_one_segment() {
        let c = claims(&[]);
        assert!(path_matches("/foo/+/+/bar/*", "/foo/a/b/bar/x", &c, false));
        assert!(!path_matches("/foo/+/bar", "/foo/a/b/bar", &c, false));
        assert!(!path_matches("/foo/+/bar", "/foo//bar", &c, false));
        assert!(path_matches("/foo/+", "/foo/abc", &c, false));
        assert!(!path_matches("/foo/+", "/foo/abc/d", &c, false));
    }

    #[test]
    fn templates_expand_per_value_and_need_the_claim() {
        let c = claims(&[("namespace", &["team-a", "team-b"]), ("user", &["Alice"])]);
        assert!(path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-a/db",
            &c,
            false
        ));
        assert!(path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-b/db",
            &c,
            false
        ));
        assert!(!path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-c/db",
            &c,
            false
        ));
        assert!(path_matches(
            "/{{namespace}}/{{ user }}/*",
            "/team-a/Alice/x",
            &c,
            false
        ));
        // Case follows the association's setting.
        assert!(!path_matches("/{{user}}/*", "/alice/x", &c, false));
        assert!(path_matches("/{{user}}/*", "/alice/x", &c, true));
        // No such claim: the rule does not apply at all.
        assert!(!path_matches("/k8s/{{pod_name}}/*", "/k8s/x/y", &c, false));
        // A claim value is literal, never a wildcard.
        let star = claims(&[("namespace", &["*"])]);
        assert!(!path_matches(
            "/k8s/{{namespace}}/x",
            "/k8s/other/x",
            &star,
            false
        ));
    }

    #[test]
    fn rule_paths_are_checked() {
        assert!(check_rule_path("/a/*").is_ok());
        assert!(
            check_rule_path("a/*")
                .unwrap_err()
                .contains("must start with '/'")
        );
        assert!(
            check_rule_path("/k8s/{{namespace/*")
                .unwrap_err()
                .contains("unclosed")
        );
        assert!(
            check_rule_path("/k8s/{{}}/*")
                .unwrap_err()
                .contains("empty")
        );
        assert!(check_rule_path("").is_err());
    }

    #[test]
    fn globs() {
        assert!(glob_match("*@example.com", "linda@example.com"));
        assert!(!glob_match("*@example.com", "linda@example.org"));
        assert!(glob_match("team-?", "team-a"));
        assert!(!glob_match("team-?", "team-ab"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(!glob_match("a*b*c", "aXXbYY"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn sub_claims_and_across_keys_or_within_values() {
        let c = claims(&[
            ("namespace", &["ns-a"]),
            ("groups", &["Everyone", "devops"]),
        ]);
        let want = claims(&[("namespace", &["ns-a", "ns-b"])]);
        assert!(sub_claims_match(&want, true, &c));
        let want = claims(&[("namespace", &["ns-a"]), ("groups", &["devops"])]);
        assert!(sub_claims_match(&want, true, &c));
        let want = claims(&[("namespace", &["ns-a"]), ("groups", &["admins"])]);
        assert!(!sub_claims_match(&want, true, &c));
        let want = claims(&[("pod_name", &["*"])]);
        assert!(!sub_claims_match(&want, true, &c), "missing claim");
        let want = claims(&[("Namespace", &["NS-A"])]);
        assert!(!sub_claims_match(&want, true, &c));
        assert!(sub_claims_match(&want, false, &c));
        let want = claims(&[("namespace", &["ns-?"])]);
        assert!(sub_claims_match(&want, true, &c));
        assert!(
            sub_claims_match(&BTreeMap::new(), true, &c),
            "no sub-claims = all"
        );
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

    #[test]
    fn claims_become_lists() {
        let m = claims_map(&json!({"aud": ["a", "b"], "namespace": "ns", "pod_name": "", "n": 3}));
        assert_eq!(m["aud"], ["a", "b"]);
        assert_eq!(m["namespace"], ["ns"]);
        assert_eq!(m["n"], ["3"]);
        assert!(!m.contains_key("pod_name"));
    }
}
