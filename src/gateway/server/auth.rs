//! `/auth`: access-key and Kubernetes logins (JWT logins are in
//! [`super::jwt_login`]), and session tokens.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value, json};

use super::authz;
use super::login::{self, LoginInput};
use super::store::{AuthMethodRecord, MethodKind, Store, TokenRecord};
use super::{
    ApiError, AppState, ConnInfo, client_ip, now, parse_body, random_id, rfc3339, sha256_hex,
};
use crate::gateway::api::{Auth, AuthOutput, SystemAccessCreds};

/// Default lifetime of a session token when `jwt-ttl` is 0, in minutes.
pub const DEFAULT_TTL_MINUTES: i64 = 60;

/// Gives the admin access-key method its built-in role (created if
/// missing), so a data dir from before roles keeps its admin.
pub(super) fn ensure_admin_role(store: &dyn Store, access_id: &str) -> anyhow::Result<()> {
    if store.ensure_builtin_role(&authz::builtin_admin_role(now()), access_id)? {
        tracing::info!(
            access_id,
            role = authz::ADMIN_ROLE,
            "associated the admin auth method with the built-in admin role"
        );
    }
    Ok(())
}

/// Creates the admin access-key method on first start, associated with
/// the built-in admin role; returns its access id and key (printed once by
/// the caller), or `None` if it exists (then only makes sure it still has
/// its role).
pub fn bootstrap_admin(store: &dyn Store) -> anyhow::Result<Option<(String, String)>> {
    if let Some(access_id) = store.meta(super::admin_key::ADMIN_ID_META)? {
        ensure_admin_role(store, &access_id)?;
        return Ok(None);
    }
    let access_key = super::admin_key::generate_key()?;
    let created = super::admin_key::create_admin(store, &access_key)?;
    if let Some(access_id) = &created {
        ensure_admin_role(store, access_id)?;
    }
    Ok(created.map(|id| (id, access_key)))
}

/// Issues a `t-` session token for `method`, valid `ttl_minutes`.
pub fn issue_token(
    store: &dyn Store,
    method: &AuthMethodRecord,
    admin: bool,
    claims: Value,
) -> Result<AuthOutput, ApiError> {
    let ttl = if method.jwt_ttl > 0 {
        method.jwt_ttl
    } else {
        DEFAULT_TTL_MINUTES
    };
    let mut expiry = now() + ttl * 60;
    if method.access_expires > 0 {
        expiry = expiry.min(method.access_expires);
    }
    let token = format!("t-{}", {
        use aws_lc_rs::rand::SecureRandom;
        let mut b = [0u8; 16];
        aws_lc_rs::rand::SystemRandom::new()
            .fill(&mut b)
            .map_err(|_| ApiError::internal("no randomness for the token"))?;
        hex::encode(b)
    });
    store.insert_token(&TokenRecord {
        token_sha256: sha256_hex(token.as_bytes()),
        access_id: method.access_id.clone(),
        auth_method: method.name.clone(),
        admin,
        expiry,
        claims,
    })?;
    Ok(AuthOutput {
        token: token.clone(),
        expiration: rfc3339(expiry),
        creds: SystemAccessCreds {
            access_id: method.access_id.clone(),
            expiry,
            token,
            ..Default::default()
        },
        complete_auth_link: String::new(),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn required<'a>(v: &'a Option<String>, field: &str) -> Result<&'a str, ApiError> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad_request(format!("{field} must be provided")))
}

/// `POST /auth`.
pub async fn auth(state: &Arc<AppState>, conn: &ConnInfo, body: &Bytes) -> Result<Value, ApiError> {
    let req: Auth = parse_body(body)?;
    let access_type = req.access_type.as_deref().unwrap_or("access_key");
    let out = match access_type {
        "access_key" => access_key_login(state, &req)?,
        "k8s" => k8s_login(state, conn, &req).await?,
        "jwt" => super::jwt_login::login(state, conn, &req).await?,
        other => {
            return Err(ApiError::bad_request(format!(
                "access-type '{other}' is not supported by this gateway; use access_key, k8s or jwt"
            )));
        }
    };
    serde_json::to_value(out).map_err(|e| ApiError::internal(e.to_string()))
}

fn access_key_login(state: &AppState, req: &Auth) -> Result<AuthOutput, ApiError> {
    let access_id = required(&req.access_id, "access-id")?;
    let access_key = required(&req.access_key, "access-key")?;
    let wrong = || ApiError::unauthorized("unauthorized: wrong access id or access key");
    let method = state
        .store
        .auth_method_by_access_id(access_id)?
        .ok_or_else(|| {
            tracing::warn!(access_id, "access_key login refused: unknown access id");
            wrong()
        })?;
    let MethodKind::AccessKey { key_sha256, admin } = &method.kind else {
        tracing::warn!(
            access_id,
            "access_key login refused: not an access_key auth method"
        );
        return Err(wrong());
    };
    if !constant_time_eq(
        sha256_hex(access_key.as_bytes()).as_bytes(),
        key_sha256.as_bytes(),
    ) {
        tracing::warn!(access_id, "access_key login refused: wrong key");
        return Err(wrong());
    }
    let out = issue_token(
        state.store.as_ref(),
        &method,
        *admin,
        json!({ "access_type": "access_key", "access_id": method.access_id }),
    )?;
    tracing::info!(access_id, auth_method = %method.name, "access_key login succeeded");
    Ok(out)
}

/// Decodes `k8s-service-account-token`: standard base64 as the docs and
/// SDKs send it; a raw JWT (as akeyless-ansible passes it) also works.
fn decode_sa_token(v: &str) -> Result<String, ApiError> {
    let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    for engine in [&STANDARD, &STANDARD_NO_PAD] {
        if let Ok(bytes) = engine.decode(&v)
            && let Ok(text) = String::from_utf8(bytes)
            && text.trim().split('.').count() == 3
        {
            return Ok(text.trim().to_owned());
        }
    }
    if v.split('.').count() == 3
        && URL_SAFE_NO_PAD
            .decode(v.split('.').next().unwrap_or(""))
            .is_ok()
    {
        return Ok(v);
    }
    Err(ApiError::bad_request(
        "k8s-service-account-token is not base64 of a JWT; send base64 of /var/run/secrets/kubernetes.io/serviceaccount/token",
    ))
}

async fn k8s_login(
    state: &Arc<AppState>,
    conn: &ConnInfo,
    req: &Auth,
) -> Result<AuthOutput, ApiError> {
    let access_id = required(&req.access_id, "access-id")?;
    let config_name = required(&req.k8s_auth_config_name, "k8s-auth-config-name")?;
    let token = decode_sa_token(required(
        &req.k8s_service_account_token,
        "k8s-service-account-token",
    )?)?;
    let request_id = random_id(10);

    // An unknown name and a config of another access id get the same
    // answer (401, akeyless's text), so config names cannot be probed;
    // the log says which it was.
    let not_found = || ApiError::unauthorized(format!("k8s auth name [{config_name}] not found"));
    let config = state.store.k8s_config(config_name)?.ok_or_else(|| {
        tracing::warn!(
            request_id,
            config = config_name,
            "k8s login refused: no such config"
        );
        not_found()
    })?;
    if config.access_id != access_id {
        tracing::warn!(request_id, config = config_name, access_id, expected = %config.access_id,
            "k8s login refused: config belongs to another access id");
        return Err(not_found());
    }
    let method = state
        .store
        .auth_method_by_access_id(access_id)?
        .ok_or_else(|| {
            tracing::warn!(
                request_id,
                access_id,
                "k8s login refused: the config's auth method was deleted"
            );
            ApiError::unauthorized(format!("unauthorized: access id {access_id} not found"))
        })?;
    let input = LoginInput {
        config: &config,
        method: &method,
        client_ip: client_ip(conn),
        gateway_ip: conn.local.ip(),
        now: now(),
        pod_credentials: state.pod_credentials.as_deref(),
    };
    let guard = &state.login_guard;
    let identity = match login::validate(&input, &token, state.reviewer.as_ref(), guard).await {
        Ok(id) => id,
        Err(f) => {
            tracing::warn!(
                request_id,
                config = config_name,
                access_id,
                client = %input.client_ip,
                reason = %f.reason,
                "k8s login refused"
            );
            return Err(ApiError::new(
                StatusCode::from_u16(f.status).unwrap_or(StatusCode::UNAUTHORIZED),
                format!("{} (request id {request_id})", f.public),
            ));
        }
    };

    // The gateway signs an internal JWT with the config's signing key and
    // the auth method verifies it with its public key (reference §6).
    let mut claims = Map::new();
    let t = now();
    claims.insert(
        "iss".into(),
        json!(format!("akl-gateway/{}", state.cluster_id)),
    );
    claims.insert("sub".into(), json!(access_id));
    claims.insert("aud".into(), json!("akeyless"));
    claims.insert("iat".into(), json!(t));
    claims.insert("exp".into(), json!(t + config.token_exp));
    claims.insert(
        "service_account_name".into(),
        json!(identity.service_account_name),
    );
    claims.insert(
        "service_account_uid".into(),
        json!(identity.service_account_uid),
    );
    claims.insert(
        "service_account_secret_name".into(),
        json!(identity.service_account_secret_name),
    );
    claims.insert("namespace".into(), json!(identity.namespace));
    claims.insert("k8s_aud".into(), json!(identity.aud));
    claims.insert("pod_name".into(), json!(identity.pod_name));
    claims.insert("pod_uid".into(), json!(identity.pod_uid));
    claims.insert("config_name".into(), json!(config.name));
    claims.insert("config_id".into(), json!(config.id));
    claims.insert("client_ip".into(), json!(input.client_ip.to_string()));
    let key = state.signing_key(&config)?;
    let internal = crate::jwt::sign(&claims, &key)
        .map_err(|_| ApiError::internal("cannot sign the internal token; see the gateway log"))?;
    let MethodKind::K8s {
        public_key_spki, ..
    } = &method.kind
    else {
        return Err(ApiError::unauthorized(
            "unauthorized: access id is not a Kubernetes auth method",
        ));
    };
    let spki = STANDARD
        .decode(public_key_spki)
        .map_err(|_| ApiError::internal("stored public key is corrupt"))?;
    let verified = crate::jwt::decode(&internal).and_then(|d| d.verify(&spki).map(|_| d));
    let verified = match verified {
        Ok(d) if d.claim_i64("exp").is_some_and(|e| e >= now()) => d,
        _ => {
            tracing::warn!(
                request_id,
                config = config_name,
                access_id,
                reason = "the config's signing-key does not match the auth method's public key; update the config with the method's current prv_key",
                "k8s login refused"
            );
            return Err(ApiError::unauthorized(format!(
                "unauthorized: token signature invalid (request id {request_id})"
            )));
        }
    };
    // The session records every claim seed 003 lists for sub-claims (and
    // what a real gateway adds); `pod_*` only when the token is projected
    // (a legacy token names no pod), the secret name only when it has one.
    let mut session_claims = Map::new();
    for k in [
        "service_account_name",
        "service_account_uid",
        "service_account_secret_name",
        "namespace",
        "pod_name",
        "pod_uid",
        "config_name",
        "config_id",
        "client_ip",
    ] {
        if let Some(v) = verified.claims.get(k)
            && v.as_str() != Some("")
        {
            session_claims.insert(k.into(), v.clone());
        }
    }
    session_claims.insert("aud".into(), json!(identity.aud));
    // A real gateway reports `k8s_id` "default" (reference akeyless-api §6).
    session_claims.insert("k8s_id".into(), json!("default"));
    let out = issue_token(
        state.store.as_ref(),
        &method,
        false,
        Value::Object(session_claims),
    )?;
    tracing::info!(
        request_id,
        config = config_name,
        access_id,
        namespace = %identity.namespace,
        service_account = %identity.service_account_name,
        pod = %identity.pod_name,
        "k8s login succeeded"
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sa_token_accepts_base64_and_raw() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln";
        assert_eq!(decode_sa_token(&STANDARD.encode(jwt)).unwrap(), jwt);
        assert_eq!(
            decode_sa_token(&format!("{}\n", STANDARD.encode(format!("{jwt}\n")))).unwrap(),
            jwt
        );
        assert_eq!(decode_sa_token(jwt).unwrap(), jwt);
        assert!(decode_sa_token("!!!").is_err());
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
