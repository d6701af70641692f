//! Kubernetes auth methods: create, update, get, list, delete, in both the
//! current (`auth-method-*`) and deprecated (`*-auth-method*`) spellings.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::authz::{self, Capability, RuleType};
use super::store::{AuthMethodRecord, MethodKind};
use super::{ApiError, AppState, bounds, parse_body, random_id, rfc3339};
use crate::gateway::api::{
    self, AuthMethod, AuthMethodAccessInfo, AuthMethodCreateOutput, AuthMethodK8s, AuthMethodName,
    AuthMethodUpdateOutput, CreateAuthMethodK8sOutput, DeleteAuthMethodOutput,
    KubernetesAccessRules, ListAuthMethods, ListAuthMethodsOutput,
};
use crate::pki::{KeyAlg, PrivateKey};

pub fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(e.to_string()))
}

/// Parses `public-key`: PEM (SPKI or PKCS#1), or base64 of PEM or DER.
/// Returns SPKI DER of an RSA key.
pub fn parse_public_key(input: &str) -> Result<Vec<u8>, ApiError> {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::pkcs8::{DecodePublicKey, EncodePublicKey};
    let bad = || {
        ApiError::bad_request(
            "public-key is not an RSA public key; pass PEM (-----BEGIN PUBLIC KEY-----) or its base64",
        )
    };
    let text = input.trim();
    let pem_text = if text.contains("-----BEGIN") {
        text.to_owned()
    } else {
        let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = STANDARD.decode(cleaned).map_err(|_| bad())?;
        match String::from_utf8(bytes.clone()) {
            Ok(s) if s.contains("-----BEGIN") => s,
            _ => {
                let key = rsa::RsaPublicKey::from_public_key_der(&bytes).map_err(|_| bad())?;
                return Ok(key
                    .to_public_key_der()
                    .map_err(|_| bad())?
                    .as_bytes()
                    .to_vec());
            }
        }
    };
    let block = pem::parse(pem_text.as_bytes()).map_err(|_| bad())?;
    let key = match block.tag() {
        "PUBLIC KEY" => {
            rsa::RsaPublicKey::from_public_key_der(block.contents()).map_err(|_| bad())?
        }
        "RSA PUBLIC KEY" => {
            rsa::RsaPublicKey::from_pkcs1_der(block.contents()).map_err(|_| bad())?
        }
        _ => return Err(bad()),
    };
    {
        use rsa::traits::PublicKeyParts;
        if key.size() * 8 < 2048 {
            return Err(ApiError::bad_request(
                "public-key must be an RSA key of at least 2048 bits",
            ));
        }
    }
    Ok(key
        .to_public_key_der()
        .map_err(|_| bad())?
        .as_bytes()
        .to_vec())
}

/// A new RSA-2048 pair: (SPKI DER, `prv_key` = base64 of the PKCS#1 PEM).
fn generate_pair() -> Result<(Vec<u8>, String), ApiError> {
    let key =
        PrivateKey::generate(KeyAlg::Rsa2048).map_err(|e| ApiError::internal(e.to_string()))?;
    let spki = key
        .public_key_spki_der()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let pem = key
        .to_traditional_pem()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok((spki, STANDARD.encode(pem)))
}

pub fn clean_list(v: &Option<Vec<String>>) -> Vec<String> {
    v.iter()
        .flatten()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The method named `name` (looked up slash-insensitively), or 404.
pub fn find(state: &AppState, name: &str) -> Result<AuthMethodRecord, ApiError> {
    let bare = name.trim().trim_start_matches('/');
    if let Some(m) = state.store.auth_method(bare)? {
        return Ok(m);
    }
    // Methods stored before names were normalised may keep their slash.
    state
        .store
        .auth_method(&format!("/{bare}"))?
        .ok_or_else(|| ApiError::not_found(format!("auth method {bare} not found")))
}

/// A method name as stored and returned: trimmed, without a leading slash
/// (akeyless returns auth-method names without it).
pub fn check_name(name: &str) -> Result<String, ApiError> {
    let n = name.trim().trim_start_matches('/');
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

/// Applies the request's fields to `rec` (create: every field; update:
/// only those present). Returns the new `prv_key`, if one was generated.
fn apply(
    rec: &mut AuthMethodRecord,
    req: &AuthMethodK8s,
    creating: bool,
) -> Result<String, ApiError> {
    let gen_key = api::parse_bool_string(req.gen_key.as_deref())
        .map_err(|e| ApiError::bad_request(format!("gen-key: {e}")))?;
    let gen_key = if creating {
        gen_key.unwrap_or(true)
    } else {
        gen_key.unwrap_or(false)
    };
    let public_key = req.public_key.as_deref().filter(|s| !s.trim().is_empty());
    if gen_key && public_key.is_some() && req.gen_key.is_some() {
        return Err(ApiError::bad_request(
            "pass either gen-key=true or public-key, not both",
        ));
    }
    let MethodKind::K8s {
        public_key_spki,
        gen_key_pair,
        audience,
        bound_namespaces,
        bound_pod_names,
        bound_sa_names,
    } = &mut rec.kind
    else {
        return Err(ApiError::bad_request(format!(
            "auth method {} is not a Kubernetes auth method",
            rec.name
        )));
    };
    let mut prv_key = String::new();
    if let Some(pk) = public_key {
        *public_key_spki = STANDARD.encode(parse_public_key(pk)?);
        *gen_key_pair = false;
    } else if gen_key {
        let (spki, prv) = generate_pair()?;
        *public_key_spki = STANDARD.encode(spki);
        *gen_key_pair = true;
        prv_key = prv;
    } else if creating {
        return Err(ApiError::bad_request(
            "public-key is required when gen-key is false; pass --public-key or --public-key-file-path",
        ));
    }
    if let Some(a) = &req.audience {
        *audience = a.trim().to_owned();
    }
    if req.bound_namespaces.is_some() || creating {
        *bound_namespaces = clean_list(&req.bound_namespaces);
    }
    if req.bound_pod_names.is_some() || creating {
        *bound_pod_names = clean_list(&req.bound_pod_names);
    }
    if req.bound_sa_names.is_some() || creating {
        *bound_sa_names = clean_list(&req.bound_sa_names);
    }
    apply_common(rec, req, creating)?;
    Ok(prv_key)
}

/// Applies the fields every auth-method kind shares (address bindings,
/// expiry, TTL, sub-claim enforcement, audit and product settings,
/// deletion protection, description). `req` carries only those for other
/// kinds than Kubernetes.
pub fn apply_common(
    rec: &mut AuthMethodRecord,
    req: &AuthMethodK8s,
    creating: bool,
) -> Result<(), ApiError> {
    if req.bound_ips.is_some() || creating {
        let ips = clean_list(&req.bound_ips);
        bounds::parse_cidrs(&ips, "bound-ips").map_err(ApiError::bad_request)?;
        rec.bound_ips = ips;
    }
    if req.gw_bound_ips.is_some() || creating {
        let ips = clean_list(&req.gw_bound_ips);
        bounds::parse_cidrs(&ips, "gw-bound-ips").map_err(ApiError::bad_request)?;
        rec.gw_bound_ips = ips;
    }
    if let Some(v) = req.access_expires {
        if v < 0 {
            return Err(ApiError::bad_request(
                "access-expires must be a unix time or 0",
            ));
        }
        rec.access_expires = v;
    }
    if let Some(v) = req.jwt_ttl {
        if v < 0 {
            return Err(ApiError::bad_request("jwt-ttl must be minutes, 0 or more"));
        }
        rec.jwt_ttl = v;
    }
    if let Some(v) = req.force_sub_claims {
        rec.force_sub_claims = v;
    }
    if req.audit_logs_claims.is_some() {
        rec.audit_logs_claims = clean_list(&req.audit_logs_claims);
    }
    if req.allowed_client_type.is_some() {
        rec.allowed_client_type = clean_list(&req.allowed_client_type);
    }
    if req.product_type.is_some() {
        rec.product_type = clean_list(&req.product_type);
    }
    if req.expiration_event_in.is_some() {
        let days = clean_list(&req.expiration_event_in);
        if let Some(bad) = days.iter().find(|d| d.parse::<u32>().is_err()) {
            return Err(ApiError::bad_request(format!(
                "expiration-event-in '{bad}' is not a number of days"
            )));
        }
        rec.expiration_event_in = days;
    }
    if let Some(dp) = api::parse_bool_string(req.delete_protection.as_deref())
        .map_err(|e| ApiError::bad_request(format!("delete_protection: {e}")))?
    {
        rec.delete_protection = dp;
    }
    if let Some(d) = &req.description {
        rec.description = d.clone();
    }
    Ok(())
}

/// A method bound to no namespace and no service account lets every
/// service account of the cluster log in (bound pod names alone do not
/// help: any namespace can run a pod of that name). Vault requires both
/// bindings; akeyless allows neither, so the gateway says so.
pub fn unbound_warning(rec: &AuthMethodRecord) -> Option<String> {
    match &rec.kind {
        MethodKind::K8s {
            bound_namespaces,
            bound_sa_names,
            ..
        } if bound_namespaces.is_empty() && bound_sa_names.is_empty() => Some(format!(
            "auth method {} has no bound-namespaces and no bound-sa-names: every service account in the cluster can log in with it; set --bound-namespaces and/or --bound-sa-names",
            rec.name
        )),
        _ => None,
    }
}

/// `/auth-method-create-k8s` (`current`) and `/create-auth-method-k8s`.
pub fn create(state: &Arc<AppState>, body: &Bytes, current: bool) -> Result<Value, ApiError> {
    let req: AuthMethodK8s = parse_body(body)?;
    let name = check_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::AuthMethod,
        &name,
        Capability::Create,
    )?;
    let mut rec = AuthMethodRecord::new(
        name.clone(),
        format!("p-{}", random_id(12)),
        MethodKind::K8s {
            public_key_spki: String::new(),
            gen_key_pair: true,
            audience: String::new(),
            bound_namespaces: vec![],
            bound_pod_names: vec![],
            bound_sa_names: vec![],
        },
    );
    let prv_key = apply(&mut rec, &req, true)?;
    state.store.insert_auth_method(&rec).map_err(|e| match e {
        super::StoreError::AlreadyExists(_) => ApiError::new(
            StatusCode::CONFLICT,
            format!("auth method {name} already exists; choose another name or use update-auth-method-k8s"),
        ),
        other => other.into(),
    })?;
    tracing::info!(name = %name, access_id = %rec.access_id, "k8s auth method created");
    let warnings: Vec<String> = unbound_warning(&rec).into_iter().collect();
    for w in &warnings {
        tracing::warn!(name = %name, access_id = %rec.access_id, "{w}");
    }
    if current {
        to_value(&AuthMethodCreateOutput {
            access_id: rec.access_id,
            access_key: String::new(),
            name,
            prv_key,
            warnings,
        })
    } else {
        to_value(&CreateAuthMethodK8sOutput {
            access_id: rec.access_id,
            prv_key,
            warnings,
        })
    }
}

/// `/auth-method-update-k8s` (`current`) and `/update-auth-method-k8s`.
pub fn update(state: &Arc<AppState>, body: &Bytes, current: bool) -> Result<Value, ApiError> {
    let req: AuthMethodK8s = parse_body(body)?;
    let name = check_name(&req.name)?;
    let session = authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::AuthMethod,
        &name,
        Capability::Update,
    )?;
    let mut rec = find(state, &name)?;
    let name = rec.name.clone();
    if let Some(n) = req
        .new_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        rec.name = check_name(n)?;
        session.require(RuleType::AuthMethod, &rec.name, Capability::Create)?;
    }
    let prv_key = apply(&mut rec, &req, false)?;
    state.store.replace_auth_method(&name, &rec)?;
    tracing::info!(name = %rec.name, access_id = %rec.access_id, "k8s auth method updated");
    if let Some(w) = unbound_warning(&rec) {
        tracing::warn!(name = %rec.name, access_id = %rec.access_id, "{w}");
    }
    if current {
        to_value(&AuthMethodUpdateOutput {
            name: rec.name,
            prv_key,
        })
    } else {
        to_value(&AuthMethodUpdateOutput {
            name: String::new(),
            prv_key,
        })
    }
}

/// The SDK's `AuthMethod.auth_method_id` is an integer, while stored
/// methods carry a random string id: derive a stable positive integer from
/// it (first 52 bits of its SHA-256, so it survives a JavaScript double).
pub fn numeric_id(id: &str) -> i64 {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d.as_ref()[..8]);
    (u64::from_be_bytes(b) >> 12) as i64
}

/// The wire form of a stored method.
pub fn to_api(rec: &AuthMethodRecord) -> AuthMethod {
    let (rules_type, rules) = match &rec.kind {
        MethodKind::AccessKey { .. } => ("api_key", None),
        MethodKind::OAuth2 { .. } => ("oauth2", None),
        MethodKind::K8s {
            public_key_spki,
            gen_key_pair,
            audience,
            bound_namespaces,
            bound_pod_names,
            bound_sa_names,
        } => (
            "k8s",
            Some(KubernetesAccessRules {
                alg: "RS256".into(),
                audience: audience.clone(),
                bound_namespaces: bound_namespaces.clone(),
                bound_pod_names: bound_pod_names.clone(),
                bound_service_account_names: bound_sa_names.clone(),
                gen_key_pair: gen_key_pair.to_string(),
                pub_key: STANDARD
                    .decode(public_key_spki)
                    .map(|der| STANDARD.encode(crate::pki::pem_encode("PUBLIC KEY", &der)))
                    .unwrap_or_default(),
            }),
        ),
    };
    AuthMethod {
        auth_method_name: rec.name.clone(),
        auth_method_access_id: rec.access_id.clone(),
        auth_method_id: numeric_id(&rec.id),
        access_info: AuthMethodAccessInfo {
            access_expires: rec.access_expires,
            cidr_whitelist: rec.bound_ips.join(","),
            gw_cidr_whitelist: rec.gw_bound_ips.join(","),
            jwt_ttl: rec.jwt_ttl,
            force_sub_claims: rec.force_sub_claims,
            product_types: rec.product_type.clone(),
            audit_logs_claims: rec.audit_logs_claims.clone(),
            allowed_client_type: rec.allowed_client_type.clone(),
            expiration_event_in: rec.expiration_event_in.clone(),
            rules_type: rules_type.into(),
            k8s_access_rules: rules,
            oauth2_access_rules: super::oauth2::access_rules(rec),
        },
        creation_date: rfc3339(rec.created),
        delete_protection: rec.delete_protection,
        description: rec.description.clone(),
        auth_method_roles_assoc: vec![],
        client_permissions: vec![],
    }
}

pub fn get(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: AuthMethodName = parse_body(body)?;
    let name = check_name(&req.name)?;
    let session = authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::AuthMethod,
        &name,
        Capability::Read,
    )?;
    let rec = find(state, &name)?;
    let policy = state.policy.current(state)?;
    let mut out = to_api(&rec);
    out.auth_method_roles_assoc = super::roles::method_assocs(&policy, &rec.access_id);
    out.client_permissions = session.permissions(RuleType::AuthMethod, &rec.name);
    to_value(&out)
}

pub fn list(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: ListAuthMethods = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let policy = state.policy.current(state)?;
    let types = clean_list(&req.types);
    let filter = req.filter.unwrap_or_default();
    let methods: Vec<AuthMethod> = state
        .store
        .auth_methods()?
        .iter()
        .filter(|m| filter.is_empty() || m.name.contains(&filter))
        // Methods the caller may not list are left out silently.
        .filter(|m| session.can(RuleType::AuthMethod, &m.name, Capability::List))
        .map(|m| {
            let mut out = to_api(m);
            out.auth_method_roles_assoc = super::roles::method_assocs(&policy, &m.access_id);
            out.client_permissions = session.permissions(RuleType::AuthMethod, &m.name);
            out
        })
        .filter(|m| types.is_empty() || types.contains(&m.access_info.rules_type))
        .collect();
    to_value(&ListAuthMethodsOutput {
        auth_methods: methods,
        next_page: String::new(),
    })
}

pub fn delete(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: AuthMethodName = parse_body(body)?;
    let name = check_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::AuthMethod,
        &name,
        Capability::Delete,
    )?;
    let rec = find(state, &name)?;
    let name = rec.name.clone();
    if matches!(rec.kind, MethodKind::AccessKey { admin: true, .. }) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("auth method {name} is the gateway's admin and cannot be deleted"),
        ));
    }
    if rec.delete_protection {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "auth method {name} is protected from deletion; update it with --delete-protection=false first"
            ),
        ));
    }
    state.store.delete_auth_method(&name)?;
    tracing::info!(name = %name, "auth method deleted");
    to_value(&DeleteAuthMethodOutput { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_keys_in_every_spelling() {
        let key = PrivateKey::generate(KeyAlg::Rsa2048).unwrap();
        let spki = key.public_key_spki_der().unwrap();
        let pem = key.public_key_pem().unwrap();
        assert_eq!(parse_public_key(&pem).unwrap(), spki);
        assert_eq!(parse_public_key(&STANDARD.encode(&pem)).unwrap(), spki);
        assert_eq!(parse_public_key(&STANDARD.encode(&spki)).unwrap(), spki);
        assert!(parse_public_key("hello").is_err());
        let ec = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        assert!(parse_public_key(&ec.public_key_pem().unwrap()).is_err());
    }

    #[test]
    fn a_method_open_to_every_service_account_is_flagged() {
        let m = |ns: &[&str], sa: &[&str], pods: &[&str]| {
            let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            AuthMethodRecord::new(
                "m",
                "p-1",
                MethodKind::K8s {
                    public_key_spki: String::new(),
                    gen_key_pair: true,
                    audience: String::new(),
                    bound_namespaces: v(ns),
                    bound_pod_names: v(pods),
                    bound_sa_names: v(sa),
                },
            )
        };
        let w = unbound_warning(&m(&[], &[], &["mypod1"])).unwrap();
        assert!(w.contains("every service account"), "{w}");
        assert!(unbound_warning(&m(&["ns"], &[], &[])).is_none());
        assert!(unbound_warning(&m(&[], &["app"], &[])).is_none());
    }
}
