//! Access roles, their rules and their associations with auth methods
//! (akeyless-roles-secrets.md §1-§3, §5): `create-role`, `update-role`,
//! `get-role`, `list-roles`, `delete-role`, `set-role-rule`,
//! `delete-role-rule`, `assoc-role-am`, `update-assoc`, `delete-assoc`,
//! `describe-role-am-assoc`, `describe-sub-claims`.
//!
//! Role commands obey role rules on the role name (a rule or an
//! association is part of its role: changing one needs `update`). Role
//! and auth-method names are stored and returned without a leading slash
//! and looked up either way. Everything is validated before anything is
//! stored, and every change is one store transaction.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use serde_json::Value;

use super::authz::{self, Capability, Policy, RuleType, Session};
use super::classic_keys::to_value;
use super::methods::{self, numeric_id};
use super::store::{AssocRecord, AuthMethodRecord, RoleRecord, RuleRecord, StoreError};
use super::{ApiError, AppState, now, parse_body, random_id, rfc3339};
use crate::gateway::api::{
    AssocId, AssocIdOutput, AssocRoleAuthMethod, AuthMethodRoleAssociation,
    CreateRoleAuthMethodAssocOutput, DEFAULT_COMMENT, DeleteRoleRule, DeleteRoleRuleOutput,
    DescribeSubClaims, DescribeSubClaimsOutput, ListRoles, ListRolesOutput, PathRule, Role,
    RoleAssociationDetails, RoleAuthMethodAssociation, RoleName, RoleNameOutput, Rules,
    SetRoleRule, SetRoleRuleOutput, UpdateAssoc, UpdateRole, UpdateRoleOutput, parse_bool_string,
};

/// A role name as stored and returned: trimmed, without a leading slash.
fn role_name(raw: &str) -> Result<String, ApiError> {
    let n = raw.trim().trim_start_matches('/');
    if n.is_empty() {
        return Err(ApiError::bad_request("name must not be empty"));
    }
    if n.len() > 256 || n.chars().any(|c| c.is_control()) {
        return Err(ApiError::bad_request(
            "name must be at most 256 printable characters",
        ));
    }
    Ok(n.to_owned())
}

/// The role `name` for a caller allowed `cap` on it (401 before 404).
fn find(
    state: &AppState,
    session: &Session,
    name: &str,
    cap: Capability,
) -> Result<RoleRecord, ApiError> {
    session.require(RuleType::Role, name, cap)?;
    state
        .store
        .role(name)?
        .ok_or_else(|| ApiError::not_found(format!("role {name} not found")))
}

fn path_rule(r: &RuleRecord) -> PathRule {
    PathRule {
        path: r.path.clone(),
        capabilities: r.capabilities.clone(),
        rule_type: r.rule_type.clone(),
        ttl: r.ttl,
        start_time: r.start_time,
    }
}

fn rules(role: &RoleRecord) -> Rules {
    Rules {
        admin: role.admin,
        path_rules: role.rules.iter().map(path_rule).collect(),
    }
}

/// The role side of a role's associations.
fn role_assocs(
    state: &AppState,
    policy: &Policy,
    role: &str,
) -> Result<Vec<RoleAuthMethodAssociation>, ApiError> {
    let mut out = Vec::new();
    for a in policy
        .assocs
        .values()
        .flatten()
        .filter(|a| a.role_name == role)
    {
        let am = state.store.auth_method_by_access_id(&a.am_access_id)?;
        out.push(RoleAuthMethodAssociation {
            assoc_id: a.assoc_id.clone(),
            auth_method_access_id: a.am_access_id.clone(),
            auth_method_id: am.as_ref().map(|m| numeric_id(&m.id)).unwrap_or_default(),
            auth_method_name: am.map(|m| m.name).unwrap_or_default(),
            auth_method_sub_claims: a.sub_claims.clone(),
            sub_claims_case_sensitive: a.case_sensitive,
            is_subclaims_with_operator: false,
        });
    }
    out.sort_by(|x, y| x.assoc_id.cmp(&y.assoc_id));
    Ok(out)
}

/// The auth-method side of a method's associations (`auth_method_roles_assoc`).
pub fn method_assocs(policy: &Policy, access_id: &str) -> Vec<AuthMethodRoleAssociation> {
    policy
        .assocs
        .get(access_id)
        .into_iter()
        .flatten()
        .map(|a| {
            let role = policy.roles.get(&a.role_name);
            AuthMethodRoleAssociation {
                assoc_id: a.assoc_id.clone(),
                role_id: role.map(|r| r.id).unwrap_or_default(),
                role_name: a.role_name.clone(),
                rules: role.map(rules).unwrap_or_default(),
                allowed_ops: vec![],
                auth_method_sub_claims: a.sub_claims.clone(),
                is_sub_claims_case_sensitive: a.case_sensitive,
                is_subclaims_with_operator: false,
            }
        })
        .collect()
}

fn role_to_api(
    state: &AppState,
    policy: &Policy,
    session: &Session,
    role: &RoleRecord,
) -> Result<Role, ApiError> {
    Ok(Role {
        role_name: role.name.clone(),
        role_id: role.id,
        comment: role.description.clone(),
        creation_date: rfc3339(role.created),
        modification_date: rfc3339(role.modified.max(role.created)),
        delete_protection: role.delete_protection,
        client_permissions: session.permissions(RuleType::Role, &role.name),
        role_auth_methods_assoc: role_assocs(state, policy, &role.name)?,
        rules: rules(role),
    })
}

fn protection(v: Option<&str>) -> Result<Option<bool>, ApiError> {
    parse_bool_string(v).map_err(|e| ApiError::bad_request(format!("delete_protection: {e}")))
}

/// `POST /create-role`.
pub fn create(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: crate::gateway::api::CreateRole = parse_body(body)?;
    let name = role_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Role,
        &name,
        Capability::Create,
    )?;
    let delete_protection = protection(req.delete_protection.as_deref())?.unwrap_or(false);
    let t = now();
    let role = RoleRecord {
        id: 0,
        name: name.clone(),
        description: req
            .description
            .clone()
            .or_else(|| req.comment.clone())
            .unwrap_or_default(),
        delete_protection,
        admin: false,
        created: t,
        modified: t,
        rules: vec![],
    };
    state.store.insert_role(&role).map_err(|e| match e {
        StoreError::AlreadyExists(_) => ApiError::new(
            StatusCode::CONFLICT,
            format!("role {name} already exists; choose another name or use update-role"),
        ),
        other => other.into(),
    })?;
    tracing::info!(role = %name, "role created");
    to_value(&RoleNameOutput { name })
}

/// `POST /update-role`: new name, description, delete protection.
pub fn update(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: UpdateRole = parse_body(body)?;
    let name = role_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let delete_protection = protection(req.delete_protection.as_deref())?;
    let new_name = req
        .new_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(role_name)
        .transpose()?;
    let mut role = find(state, &session, &name, Capability::Update)?;
    if let Some(n) = &new_name
        && n != &name
    {
        if role.admin {
            return Err(ApiError::bad_request(format!(
                "role {name} is the gateway's built-in admin role and cannot be renamed"
            )));
        }
        session.require(RuleType::Role, n, Capability::Create)?;
        role.name = n.clone();
    }
    let changed = |v: &Option<String>| v.clone().filter(|d| d != DEFAULT_COMMENT);
    if let Some(d) = changed(&req.description).or_else(|| changed(&req.new_comment)) {
        role.description = d;
    }
    if let Some(p) = delete_protection {
        role.delete_protection = p;
    }
    role.modified = now();
    state.store.update_role(&name, &role).map_err(|e| match e {
        StoreError::AlreadyExists(_) => ApiError::new(
            StatusCode::CONFLICT,
            format!("role {} already exists", role.name),
        ),
        other => other.into(),
    })?;
    tracing::info!(role = %name, new_name = %role.name, "role updated");
    to_value(&UpdateRoleOutput { updated: true })
}

/// `POST /get-role`.
pub fn get(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: RoleName = parse_body(body)?;
    let name = role_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let role = find(state, &session, &name, Capability::Read)?;
    let policy = state.policy.current(state)?;
    to_value(&role_to_api(state, &policy, &session, &role)?)
}

/// `POST /list-roles`: the roles the caller may list (others are left out
/// silently), in one page.
pub fn list(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: ListRoles = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let policy = state.policy.current(state)?;
    let filter = req.filter.as_deref().map(str::trim).unwrap_or_default();
    let mut roles = Vec::new();
    for role in state.store.roles()? {
        if (filter.is_empty() || role.name.contains(filter))
            && session.can(RuleType::Role, &role.name, Capability::List)
        {
            roles.push(role_to_api(state, &policy, &session, &role)?);
        }
    }
    to_value(&ListRolesOutput {
        roles,
        next_page: String::new(),
    })
}

/// `POST /delete-role`: the role with its rules and associations.
pub fn delete(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: RoleName = parse_body(body)?;
    let name = role_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let role = find(state, &session, &name, Capability::Delete)?;
    if role.delete_protection {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "role {name} is protected from deletion; update it with --delete-protection false first"
            ),
        ));
    }
    state.store.delete_role(&name)?;
    tracing::info!(role = %name, "role deleted");
    to_value(&RoleNameOutput { name })
}

/// `rule-type`, default `item-rule`.
fn rule_type(v: Option<&str>) -> Result<String, ApiError> {
    let t = v
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "item-rule".into());
    if authz::RULE_TYPES.contains(&t.as_str()) {
        return Ok(t);
    }
    if t == "sra-rule" || t == "ara-rule" {
        return Err(ApiError::bad_request(format!(
            "rule-type {t} is not supported by the akl gateway (no secure remote access)"
        )));
    }
    Err(ApiError::bad_request(format!(
        "rule-type '{t}' is not one of {}",
        authz::RULE_TYPES.join(", ")
    )))
}

/// Capabilities: each known, at least one; an array element may also hold
/// a comma-separated list.
fn capabilities(v: &[String]) -> Result<Vec<String>, ApiError> {
    let mut out: Vec<String> = Vec::new();
    for c in v.iter().flat_map(|s| s.split(',')) {
        let c = c
            .trim()
            .trim_matches(['[', ']'])
            .trim()
            .to_ascii_lowercase();
        if c.is_empty() {
            continue;
        }
        if !authz::CAPABILITIES.contains(&c.as_str()) {
            return Err(ApiError::bad_request(format!(
                "capability '{c}' is not one of {}",
                authz::CAPABILITIES.join(", ")
            )));
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    if out.is_empty() {
        return Err(ApiError::bad_request(format!(
            "capability must name at least one of {}",
            authz::CAPABILITIES.join(", ")
        )));
    }
    Ok(out)
}

/// `POST /set-role-rule`: sets (replacing) the rule on (rule type, path).
pub fn set_rule(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: SetRoleRule = parse_body(body)?;
    let name = role_name(&req.role_name)
        .map_err(|e| ApiError::bad_request(format!("role-name: {}", e.message)))?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let rt = rule_type(req.rule_type.as_deref())?;
    let path = authz::check_rule_path(&req.path).map_err(ApiError::bad_request)?;
    let caps = capabilities(&req.capability)?;
    let ttl = req.ttl.unwrap_or(0);
    if ttl < 0 {
        return Err(ApiError::bad_request(format!(
            "ttl {ttl} is negative; give minutes until the rule expires, or 0 for never"
        )));
    }
    let role = find(state, &session, &name, Capability::Update)?;
    let rule = RuleRecord {
        rule_type: rt,
        path,
        capabilities: caps,
        ttl,
        start_time: now(),
    };
    state.store.set_role_rule(&role.name, &rule)?;
    tracing::info!(role = %name, rule_type = %rule.rule_type, path = %rule.path, capabilities = ?rule.capabilities, "role rule set");
    to_value(&SetRoleRuleOutput {
        role_name: name,
        rule: path_rule(&rule),
    })
}

/// `POST /delete-role-rule`.
pub fn delete_rule(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: DeleteRoleRule = parse_body(body)?;
    let name = role_name(&req.role_name)
        .map_err(|e| ApiError::bad_request(format!("role-name: {}", e.message)))?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let rt = rule_type(req.rule_type.as_deref())?;
    let path = authz::check_rule_path(&req.path).map_err(ApiError::bad_request)?;
    let role = find(state, &session, &name, Capability::Update)?;
    state
        .store
        .delete_role_rule(&role.name, &rt, &path)
        .map_err(|e| match e {
            StoreError::NotFound(_) => {
                ApiError::not_found(format!("role {name} has no {rt} on path {path}"))
            }
            other => other.into(),
        })?;
    tracing::info!(role = %name, rule_type = %rt, path = %path, "role rule deleted");
    to_value(&DeleteRoleRuleOutput {
        deleted: true,
        result: format!("rule {rt} {path} deleted from role {name}"),
    })
}

/// `sub-claims` `{claim: "v1,v2"}` as `{claim: [v1, v2]}`; names the bad
/// entry (`=v`: no claim; `k=`: no value).
fn parse_sub_claims(
    v: &Option<BTreeMap<String, String>>,
) -> Result<BTreeMap<String, Vec<String>>, ApiError> {
    let mut out = BTreeMap::new();
    for (k, vals) in v.iter().flatten() {
        let key = k.trim();
        if key.is_empty() {
            return Err(ApiError::bad_request(format!(
                "sub-claims: '={vals}' has no claim name; write claim=value1,value2"
            )));
        }
        let values: Vec<String> = vals
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if values.is_empty() {
            return Err(ApiError::bad_request(format!(
                "sub-claims: claim '{key}' has no value; write {key}=value1,value2"
            )));
        }
        out.insert(key.to_owned(), values);
    }
    Ok(out)
}

fn case_sensitive(v: Option<&str>) -> Result<Option<bool>, ApiError> {
    parse_bool_string(v).map_err(|e| ApiError::bad_request(format!("case-sensitive: {e}")))
}

fn enforce_sub_claims(
    am: &AuthMethodRecord,
    sub_claims: &BTreeMap<String, Vec<String>>,
) -> Result<(), ApiError> {
    if am.force_sub_claims && sub_claims.is_empty() {
        return Err(ApiError::bad_request(format!(
            "sub-claims: auth method {} requires sub-claims on every role association (force-sub-claims); pass e.g. --sub-claims namespace=my-namespace",
            am.name
        )));
    }
    Ok(())
}

fn duplicate(role: &str, am: &str) -> impl Fn(StoreError) -> ApiError {
    let (role, am) = (role.to_owned(), am.to_owned());
    move |e| match e {
        StoreError::AlreadyExists(_) => ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "role {role} is already associated with auth method {am} with these sub-claims; change it with update-assoc"
            ),
        ),
        other => other.into(),
    }
}

/// `POST /assoc-role-am`.
pub fn assoc(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: AssocRoleAuthMethod = parse_body(body)?;
    let role = role_name(&req.role_name)
        .map_err(|e| ApiError::bad_request(format!("role-name: {}", e.message)))?;
    let am_name = methods::check_name(&req.am_name)
        .map_err(|e| ApiError::bad_request(format!("am-name: {}", e.message)))?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let sub_claims = parse_sub_claims(&req.sub_claims)?;
    let case = case_sensitive(req.case_sensitive.as_deref())?.unwrap_or(true);
    let role = find(state, &session, &role, Capability::Update)?;
    session.require(RuleType::AuthMethod, &am_name, Capability::Read)?;
    let am = methods::find(state, &am_name)?;
    enforce_sub_claims(&am, &sub_claims)?;
    let rec = AssocRecord {
        assoc_id: format!("rl-{}", random_id(14)),
        role_name: role.name.clone(),
        am_access_id: am.access_id.clone(),
        sub_claims,
        case_sensitive: case,
    };
    state
        .store
        .insert_assoc(&rec)
        .map_err(duplicate(&role.name, &am.name))?;
    tracing::info!(role = %role.name, auth_method = %am.name, assoc_id = %rec.assoc_id, sub_claims = ?rec.sub_claims, "role associated");
    to_value(&CreateRoleAuthMethodAssocOutput {
        assoc_id: rec.assoc_id,
    })
}

/// The association `id` and its role, for a caller allowed `cap` on the
/// role. An unknown id is 404 (ids are random: the answer reveals nothing).
fn find_assoc(
    state: &AppState,
    session: &Session,
    id: &str,
    cap: Capability,
) -> Result<AssocRecord, ApiError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(ApiError::bad_request("assoc-id must not be empty"));
    }
    let a = state
        .store
        .assoc(id)?
        .ok_or_else(|| ApiError::not_found(format!("association {id} not found")))?;
    session.require(RuleType::Role, &a.role_name, cap)?;
    Ok(a)
}

/// `POST /update-assoc`: sub-claims and case sensitivity.
pub fn update_assoc(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: UpdateAssoc = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let sub_claims = req
        .sub_claims
        .as_ref()
        .map(|_| parse_sub_claims(&req.sub_claims))
        .transpose()?;
    let case = case_sensitive(req.case_sensitive.as_deref())?;
    let mut a = find_assoc(state, &session, &req.assoc_id, Capability::Update)?;
    if let Some(sc) = sub_claims {
        a.sub_claims = sc;
    }
    if let Some(c) = case {
        a.case_sensitive = c;
    }
    if let Some(am) = state.store.auth_method_by_access_id(&a.am_access_id)? {
        enforce_sub_claims(&am, &a.sub_claims)?;
    }
    state
        .store
        .update_assoc(&a)
        .map_err(duplicate(&a.role_name, &a.am_access_id))?;
    tracing::info!(assoc_id = %a.assoc_id, role = %a.role_name, sub_claims = ?a.sub_claims, "association updated");
    to_value(&AssocIdOutput {
        assoc_id: a.assoc_id,
    })
}

/// `POST /delete-assoc`: access through it ends with the next request.
pub fn delete_assoc(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: AssocId = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let a = find_assoc(state, &session, &req.assoc_id, Capability::Update)?;
    // The first-start admin's own association is what keeps the gateway
    // manageable; removing it would lock every administrator out.
    if a.role_name == authz::ADMIN_ROLE
        && state.store.meta("admin_access_id")?.as_deref() == Some(a.am_access_id.as_str())
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "association {} binds the gateway's admin auth method to the built-in admin role and cannot be deleted",
                a.assoc_id
            ),
        ));
    }
    state.store.delete_assoc(&a.assoc_id)?;
    tracing::info!(assoc_id = %a.assoc_id, role = %a.role_name, "association deleted");
    to_value(&AssocIdOutput {
        assoc_id: a.assoc_id,
    })
}

/// `POST /describe-role-am-assoc`.
pub fn describe_assoc(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: AssocId = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let a = find_assoc(state, &session, &req.assoc_id, Capability::Read)?;
    let am = state.store.auth_method_by_access_id(&a.am_access_id)?;
    to_value(&RoleAssociationDetails {
        assoc_id: a.assoc_id,
        role_name: a.role_name,
        auth_method_name: am.map(|m| m.name).unwrap_or_default(),
        auth_method_sub_claims: a.sub_claims,
        sub_claims_case_sensitive: a.case_sensitive,
        is_subclaims_with_operator: false,
    })
}

/// `POST /describe-sub-claims`: the caller's own token's claims.
pub fn describe_sub_claims(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: DescribeSubClaims = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    to_value(&DescribeSubClaimsOutput {
        sub_claims: session.claims.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_claims_name_what_is_wrong() {
        let m = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<BTreeMap<_, _>>(),
            )
        };
        let ok = parse_sub_claims(&m(&[("namespace", "a, b,")])).unwrap();
        assert_eq!(ok["namespace"], ["a", "b"]);
        let e = parse_sub_claims(&m(&[("", "v")])).unwrap_err();
        assert!(e.message.contains("no claim name"), "{}", e.message);
        let e = parse_sub_claims(&m(&[("k", " ")])).unwrap_err();
        assert!(
            e.message.contains("claim 'k' has no value"),
            "{}",
            e.message
        );
        assert!(parse_sub_claims(&None).unwrap().is_empty());
    }

    #[test]
    fn rule_types_and_capabilities() {
        assert_eq!(rule_type(None).unwrap(), "item-rule");
        assert_eq!(rule_type(Some("role-rule")).unwrap(), "role-rule");
        assert!(
            rule_type(Some("sra-rule"))
                .unwrap_err()
                .message
                .contains("not supported")
        );
        assert!(
            rule_type(Some("thing"))
                .unwrap_err()
                .message
                .contains("rule-type 'thing'")
        );
        let c = capabilities(&["read".into(), "list,read".into()]).unwrap();
        assert_eq!(c, ["read", "list"]);
        assert!(
            capabilities(&["write".into()])
                .unwrap_err()
                .message
                .contains("capability 'write'")
        );
        assert!(capabilities(&[]).is_err());
        assert_eq!(role_name("/folder/role1").unwrap(), "folder/role1");
    }
}
