//! `access-type=jwt` logins against OAuth2/JWT auth methods, validated as
//! Vault's JWT plugin does (next-anchors §2.2): signature against the
//! method's JWKS, then `iss`, `aud` (a token with an audience and a method
//! without one is refused), `exp`/`nbf`/`iat` with a bounded leeway, the
//! client-id binding, and the unique-identifier claim.
//!
//! Key sets come from `jwks-uri`, from OIDC discovery at `issuer`, or from
//! the inline `jwks-json-data`, and all live in the gateway's one
//! [`crate::jwks::JwksCache`] (shared with the Kubernetes login's signature
//! pre-check): refreshed when an unknown `kid` appears, at most once per
//! interval, and kept while the identity provider is down. A projected
//! service-account token verified this way needs no TokenReview.

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::jwt_keys::{KeySource, fetch};
use super::login::{LEEWAY_SECS, MAX_AUDIENCES, MAX_TOKEN_BYTES, sa_claims};
use super::store::{AuthMethodRecord, MethodKind};
use super::{ApiError, AppState, ConnInfo, bounds, client_ip, now, random_id};
use crate::gateway::api::{Auth, AuthOutput};
use crate::jwks::{FetchError, Lookup};
use crate::jwt;

/// A refused login: status and the message the caller sees (its own
/// token's problem, so it is precise, as Vault's are).
fn refuse(msg: impl Into<String>) -> ApiError {
    ApiError::unauthorized(format!("unauthorized: {}", msg.into()))
}

/// The method fields the claim checks need.
pub struct Expected<'a> {
    pub unique_identifier: &'a str,
    pub issuer: &'a str,
    pub audience: &'a str,
    pub bound_client_ids: &'a [String],
}

/// Checks time, issuer, audience, client id and the unique identifier;
/// returns the identifier's value.
pub fn check_claims(
    exp: &Expected<'_>,
    claims: &Map<String, Value>,
    now: i64,
) -> Result<String, String> {
    let num = |k: &str| {
        claims
            .get(k)
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
    };
    match (claims.get("exp"), num("exp")) {
        (None, _) => return Err("the JWT has no exp claim; tokens must expire".into()),
        (Some(_), None) => return Err("the JWT's exp claim is not a number".into()),
        (_, Some(e)) if now > e + LEEWAY_SECS => {
            return Err(format!("the JWT expired at {e} (now {now})"));
        }
        _ => {}
    }
    if let Some(nbf) = num("nbf")
        && nbf > now + LEEWAY_SECS
    {
        return Err(format!("the JWT is not valid before {nbf} (now {now})"));
    }
    if let Some(iat) = num("iat")
        && iat > now + LEEWAY_SECS
    {
        return Err(format!(
            "the JWT was issued in the future ({iat}, now {now})"
        ));
    }
    if !exp.issuer.is_empty() {
        let iss = claims.get("iss").and_then(Value::as_str).unwrap_or("");
        if iss != exp.issuer {
            return Err(format!(
                "the JWT's issuer '{iss}' is not the auth method's issuer '{}'",
                exp.issuer
            ));
        }
    }
    let auds: Vec<&str> = match claims.get("aud") {
        None => vec![],
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => {
            if a.len() > MAX_AUDIENCES {
                return Err(format!("the JWT has more than {MAX_AUDIENCES} audiences"));
            }
            a.iter().filter_map(Value::as_str).collect()
        }
        Some(_) => return Err("the JWT's aud claim is neither a string nor a list".into()),
    };
    if !exp.audience.is_empty() {
        if !auds.contains(&exp.audience) {
            return Err(format!(
                "the JWT's audience {auds:?} does not include the auth method's audience '{}'",
                exp.audience
            ));
        }
    } else if !auds.is_empty() {
        // Vault's rule: an audience-bound token presented to a method that
        // binds none was meant for someone else.
        return Err(
            "audience claim found in JWT but the auth method sets no audience; set --audience on the auth method"
                .into(),
        );
    }
    if !exp.bound_client_ids.is_empty() {
        // Keycloak and Auth0 say `azp`, Okta `cid`, RFC 9068 `client_id`;
        // an OIDC ID token without `azp` names its client in `aud`.
        let named: Vec<&str> = ["azp", "client_id", "cid"]
            .iter()
            .find_map(|k| claims.get(*k).and_then(Value::as_str))
            .map(|c| vec![c])
            .unwrap_or_else(|| auds.clone());
        if !named
            .iter()
            .any(|c| exp.bound_client_ids.iter().any(|b| b == c))
        {
            return Err(format!(
                "the JWT's client id {named:?} is not in the auth method's bound-client-ids"
            ));
        }
    }
    let uid = exp.unique_identifier;
    match claims.get(uid) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(format!(
            "the JWT's '{uid}' claim (the auth method's unique-identifier) is empty"
        )),
        Some(other) => Err(format!(
            "the JWT's '{uid}' claim (the auth method's unique-identifier) is {}, not a string",
            match other {
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                Value::Array(_) => "a list",
                Value::Object(_) => "an object",
                _ => "null",
            }
        )),
        None => Err(format!(
            "the JWT has no '{uid}' claim (the auth method's unique-identifier)"
        )),
    }
}

/// The claims a session records for role sub-claims: every top-level
/// string or string-list claim (split at the method's sub-claim
/// delimiters), plus, for a Kubernetes service-account token, the names
/// seed 003 uses (`namespace`, `service_account_name`, …).
pub fn session_claims(claims: &Map<String, Value>, delimiters: &[String]) -> Map<String, Value> {
    let split = |s: &str| -> Vec<Value> {
        let mut parts = vec![s.to_owned()];
        for d in delimiters.iter().filter(|d| !d.is_empty()) {
            parts = parts
                .iter()
                .flat_map(|p| p.split(d.as_str()).map(str::to_owned).collect::<Vec<_>>())
                .collect();
        }
        parts
            .into_iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .map(Value::String)
            .collect()
    };
    let mut out = Map::new();
    for (k, v) in claims {
        match v {
            Value::String(s) => {
                let parts = split(s);
                match parts.len() {
                    0 => {}
                    1 => {
                        out.insert(k.clone(), parts.into_iter().next().unwrap_or_default());
                    }
                    _ => {
                        out.insert(k.clone(), Value::Array(parts));
                    }
                }
            }
            Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_string) => {
                let parts: Vec<Value> = a
                    .iter()
                    .filter_map(Value::as_str)
                    .flat_map(&split)
                    .collect();
                out.insert(k.clone(), Value::Array(parts));
            }
            _ => {}
        }
    }
    if claims.get("kubernetes.io").is_some_and(Value::is_object) {
        let sa = sa_claims(claims);
        for (k, v) in [
            ("namespace", sa.namespace),
            ("service_account_name", sa.name),
            ("service_account_uid", sa.uid),
            ("pod_name", sa.pod_name),
            ("pod_uid", sa.pod_uid),
        ] {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.insert(k.into(), json!(v));
            }
        }
    }
    out
}

/// Verifies the token's signature with the method's keys.
async fn check_signature(
    state: &AppState,
    method: &AuthMethodRecord,
    decoded: &jwt::Decoded,
) -> Result<(), ApiError> {
    let MethodKind::OAuth2 { ca_pem, .. } = &method.kind else {
        return Err(refuse("the access id is not an OAuth2/JWT auth method"));
    };
    let source = KeySource::of(&method.kind)
        .ok_or_else(|| refuse("the access id is not an OAuth2/JWT auth method"))?;
    let kid = decoded.header.get("kid").and_then(Value::as_str);
    let key = source.cache_key(ca_pem);
    let pod = state.pod_credentials.as_deref();
    let fetch = || async {
        fetch(&source, ca_pem, pod)
            .await
            .map_err(FetchError::Unavailable)
    };
    match state.login_guard.jwks.lookup(&key, kid, fetch).await {
        Lookup::Found(set) => set
            .verify(decoded)
            .map_err(|_| refuse("the JWT's signature does not verify with the auth method's keys")),
        Lookup::UnknownKid => Err(refuse(format!(
            "the JWT's key id '{}' is not in the auth method's key set",
            kid.unwrap_or("")
        ))),
        Lookup::CredentialsRefused(e) | Lookup::Unavailable { reason: e, .. } => {
            tracing::warn!(auth_method = %method.name, error = %e,
                "jwt login: the auth method's keys cannot be fetched");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the auth method's signing keys cannot be fetched right now; the gateway log says why; retry later",
            ))
        }
    }
}

/// `POST /auth` with `access-type=jwt`.
pub async fn login(
    state: &Arc<AppState>,
    conn: &ConnInfo,
    req: &Auth,
) -> Result<AuthOutput, ApiError> {
    let access_id = req
        .access_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad_request("access-id must be provided"))?;
    let token = req.jwt.as_deref().map(str::trim).unwrap_or("");
    if token.is_empty() {
        return Err(ApiError::bad_request(
            "jwt must be provided for access-type jwt (the raw token, not base64)",
        ));
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(ApiError::bad_request(format!(
            "jwt is {} bytes, more than {} KiB",
            token.len(),
            MAX_TOKEN_BYTES / 1024
        )));
    }
    let request_id = random_id(10);
    let result = validate(state, conn, access_id, token).await;
    match result {
        Ok((method, claims, uid)) => {
            let out = super::auth::issue_token(
                state.store.as_ref(),
                &method,
                false,
                Value::Object(claims),
            )?;
            tracing::info!(request_id, access_id, auth_method = %method.name, identity = %uid,
                "jwt login succeeded");
            Ok(out)
        }
        Err(e) => {
            tracing::warn!(request_id, access_id, client = %client_ip(conn), reason = %e.message,
                "jwt login refused");
            Err(ApiError::new(
                e.status,
                format!("{} (request id {request_id})", e.message),
            ))
        }
    }
}

async fn validate(
    state: &AppState,
    conn: &ConnInfo,
    access_id: &str,
    token: &str,
) -> Result<(AuthMethodRecord, Map<String, Value>, String), ApiError> {
    let method = state
        .store
        .auth_method_by_access_id(access_id)?
        .ok_or_else(|| refuse(format!("access id {access_id} not found")))?;
    let MethodKind::OAuth2 {
        unique_identifier,
        issuer,
        audience,
        bound_client_ids,
        subclaims_delimiters,
        ..
    } = &method.kind
    else {
        return Err(refuse(format!(
            "access id {access_id} is not an OAuth2/JWT auth method; use the access type of that method"
        )));
    };
    let t = now();
    if method.access_expires > 0 && t > method.access_expires {
        return Err(refuse(format!("auth method {} has expired", method.name)));
    }
    if !bounds::ip_allowed(&method.bound_ips, client_ip(conn)) {
        return Err(refuse(
            "the client address is not in the auth method's bound-ips",
        ));
    }
    if !bounds::ip_allowed(&method.gw_bound_ips, conn.local.ip()) {
        return Err(refuse(
            "the gateway address is not in the auth method's gw-bound-ips",
        ));
    }
    let decoded = jwt::decode(token).map_err(|e| match e {
        jwt::JwtError::Algorithm(a) => refuse(format!(
            "the JWT's signing algorithm {a} is not allowed (allowed: {})",
            jwt::ALLOWED_ALGS.join(", ")
        )),
        other => refuse(format!("the jwt is not a valid JWT ({other})")),
    })?;
    check_signature(state, &method, &decoded).await?;
    let expected = Expected {
        unique_identifier,
        issuer,
        audience,
        bound_client_ids,
    };
    let uid = check_claims(&expected, &decoded.claims, t).map_err(refuse)?;
    let claims = session_claims(&decoded.claims, subclaims_delimiters);
    Ok((method, claims, uid))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn exp<'a>(aud: &'a str, clients: &'a [String]) -> Expected<'a> {
        Expected {
            unique_identifier: "sub",
            issuer: "https://idp",
            audience: aud,
            bound_client_ids: clients,
        }
    }

    #[test]
    fn claims_are_checked_as_vault_does() {
        let now = 1_000_000;
        let ok =
            json!({"sub": "u1", "iss": "https://idp", "aud": "akl", "exp": now + 60, "iat": now});
        assert_eq!(
            check_claims(&exp("akl", &[]), &m(ok.clone()), now).unwrap(),
            "u1"
        );
        // Audience bound but missing; token with aud at a method without one.
        assert!(
            check_claims(&exp("other", &[]), &m(ok.clone()), now)
                .unwrap_err()
                .contains("audience")
        );
        let e = check_claims(&exp("", &[]), &m(ok.clone()), now).unwrap_err();
        assert!(e.contains("sets no audience"), "{e}");
        // Time: expired beyond leeway, within leeway, missing exp, future nbf/iat.
        let mut t = ok.clone();
        t["exp"] = json!(now - LEEWAY_SECS - 1);
        assert!(
            check_claims(&exp("akl", &[]), &m(t.clone()), now)
                .unwrap_err()
                .contains("expired")
        );
        t["exp"] = json!(now - LEEWAY_SECS + 1);
        assert!(check_claims(&exp("akl", &[]), &m(t.clone()), now).is_ok());
        t.as_object_mut().unwrap().remove("exp");
        assert!(
            check_claims(&exp("akl", &[]), &m(t), now)
                .unwrap_err()
                .contains("no exp")
        );
        let mut t = ok.clone();
        t["nbf"] = json!(now + LEEWAY_SECS + 5);
        assert!(check_claims(&exp("akl", &[]), &m(t), now).is_err());
        let mut t = ok.clone();
        t["iat"] = json!(now + LEEWAY_SECS + 5);
        assert!(check_claims(&exp("akl", &[]), &m(t), now).is_err());
        // Issuer.
        let mut t = ok.clone();
        t["iss"] = json!("https://evil");
        assert!(
            check_claims(&exp("akl", &[]), &m(t), now)
                .unwrap_err()
                .contains("issuer")
        );
        // Unique identifier of the wrong type or missing.
        let mut t = ok.clone();
        t["sub"] = json!(42);
        let e = check_claims(&exp("akl", &[]), &m(t.clone()), now).unwrap_err();
        assert!(e.contains("a number, not a string"), "{e}");
        t.as_object_mut().unwrap().remove("sub");
        assert!(
            check_claims(&exp("akl", &[]), &m(t), now)
                .unwrap_err()
                .contains("no 'sub'")
        );
    }

    #[test]
    fn client_ids_bind_azp_or_the_audience() {
        let now = 1_000_000;
        let ids = vec!["app-1".to_owned()];
        let base = json!({"sub": "u", "iss": "https://idp", "aud": "app-1", "exp": now + 60});
        assert!(check_claims(&exp("app-1", &ids), &m(base.clone()), now).is_ok());
        let mut t = base.clone();
        t["azp"] = json!("app-2");
        assert!(
            check_claims(&exp("app-1", &ids), &m(t), now)
                .unwrap_err()
                .contains("client id")
        );
        let mut t = base;
        t["azp"] = json!("app-1");
        t["aud"] = json!(["app-1", "api"]);
        assert!(check_claims(&exp("api", &ids), &m(t), now).is_ok());
    }

    #[test]
    fn sub_claims_take_strings_lists_and_the_kubernetes_names() {
        let c = m(json!({
            "sub": "system:serviceaccount:prod:app",
            "groups": ["eng", "sec"],
            "exp": 5,
            "nested": {"a": "b"},
            "mixed": ["a", 1],
            "kubernetes.io": {
                "namespace": "prod",
                "serviceaccount": {"name": "app", "uid": "u-1"},
                "pod": {"name": "app-0", "uid": "p-1"},
            },
        }));
        let s = session_claims(&c, &[]);
        assert_eq!(s["sub"], json!("system:serviceaccount:prod:app"));
        assert_eq!(s["groups"], json!(["eng", "sec"]));
        assert_eq!(s["namespace"], json!("prod"));
        assert_eq!(s["service_account_name"], json!("app"));
        assert_eq!(s["pod_uid"], json!("p-1"));
        assert!(!s.contains_key("exp") && !s.contains_key("nested") && !s.contains_key("mixed"));
        let s = session_claims(
            &m(json!({"roles": "a,b", "x": ["c;d"]})),
            &[",".into(), ";".into()],
        );
        assert_eq!(s["roles"], json!(["a", "b"]));
        assert_eq!(s["x"], json!(["c", "d"]));
    }
}
