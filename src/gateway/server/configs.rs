//! Gateway K8s auth configs: create, update, get, delete, list, and
//! `GET /config/k8s-auths`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::Value;

use super::authz;
use super::store::{K8sConfigRecord, MethodKind, ReviewerAuth};
use super::token_review::build_client;
use super::{ApiError, AppState, StoreError, now, parse_body, random_id, rfc3339};
use crate::gateway::api::{
    self, ConfigChange, GatewayGetK8sAuthConfigOutput, GatewayK8sAuthConfig,
    GatewayK8sAuthConfigName, GatewayK8sAuthConfigOutput, GatewayListK8sAuthConfigs,
    K8sAuthsOutput,
};
use crate::pki::PrivateKey;

/// Default lifetime of the internal token, seconds.
pub const DEFAULT_TOKEN_EXP: i64 = 300;
/// How long the create/update probe of the K8s host may take.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(e.to_string()))
}

/// base64 of PEM, or PEM itself → PEM text.
fn b64_or_pem(v: &str, field: &str, what: &str) -> Result<String, ApiError> {
    let t = v.trim();
    if t.contains("-----BEGIN") {
        return Ok(t.to_owned());
    }
    let cleaned: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD
        .decode(cleaned)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|s| s.contains("-----BEGIN"))
        .ok_or_else(|| ApiError::bad_request(format!("{field} is not base64 of a PEM {what}")))
}

fn parse_ca(v: &str) -> Result<String, ApiError> {
    let pem_text = b64_or_pem(v, "k8s-ca-cert", "certificate")?;
    let blocks = pem::parse_many(pem_text.as_bytes())
        .map_err(|_| ApiError::bad_request("k8s-ca-cert is not base64 of a PEM certificate"))?;
    let certs: Vec<_> = blocks.iter().filter(|b| b.tag() == "CERTIFICATE").collect();
    if certs.is_empty() {
        return Err(ApiError::bad_request("k8s-ca-cert contains no certificate"));
    }
    for c in &certs {
        if x509_parser::parse_x509_certificate(c.contents()).is_err() {
            return Err(ApiError::bad_request(
                "k8s-ca-cert contains a malformed certificate",
            ));
        }
    }
    Ok(pem_text)
}

fn parse_reviewer_jwt(v: &str) -> Result<String, ApiError> {
    let t = v.trim();
    if crate::jwt::decode(t).is_ok() {
        return Ok(t.to_owned());
    }
    let decoded_is_jwt = STANDARD
        .decode(t)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|s| crate::jwt::decode(&s).is_ok());
    if decoded_is_jwt {
        return Err(ApiError::bad_request(
            "token-reviewer-jwt must be the raw JWT, not base64 (decode the secret's data.token first)",
        ));
    }
    Err(ApiError::bad_request("token-reviewer-jwt is not a JWT"))
}

fn parse_host(v: &str) -> Result<String, ApiError> {
    let h = v.trim().trim_end_matches('/');
    if h.is_empty() {
        return Err(ApiError::bad_request(
            "k8s-host must be provided, e.g. https://10.0.0.1:6443",
        ));
    }
    let uri: http::Uri = h.parse().map_err(|_| {
        ApiError::bad_request(format!(
            "k8s-host '{h}' is not a URL such as https://10.0.0.1:6443"
        ))
    })?;
    match uri.scheme_str() {
        Some("https") if uri.host().is_some() => Ok(h.to_owned()),
        // Plain HTTP would carry the reviewer JWT and every pod's JWT in clear.
        Some("http") => Err(ApiError::bad_request(format!(
            "k8s-host '{h}' uses plain http, which would send the token reviewer JWT and the pods' service account tokens in clear; use the API server's https:// URL"
        ))),
        _ => Err(ApiError::bad_request(format!(
            "k8s-host '{h}' must be an https:// URL such as https://10.0.0.1:6443"
        ))),
    }
}

/// Checks the signing key against the auth method's public key.
fn check_signing_key(
    state: &AppState,
    access_id: &str,
    signing_key: &str,
) -> Result<String, ApiError> {
    let method = state
        .store
        .auth_method_by_access_id(access_id)?
        .ok_or_else(|| {
            ApiError::not_found(format!("auth method with access id {access_id} not found"))
        })?;
    let MethodKind::K8s {
        public_key_spki, ..
    } = &method.kind
    else {
        return Err(ApiError::bad_request(format!(
            "access-id {access_id} is not a Kubernetes auth method"
        )));
    };
    let pem_text = b64_or_pem(signing_key, "signing-key", "private key")?;
    let key = PrivateKey::from_pem(&pem_text)
        .map_err(|_| ApiError::bad_request("signing-key is not base64 of a PEM private key"))?;
    let spki = key
        .public_key_spki_der()
        .map_err(|_| ApiError::bad_request("signing-key is not usable"))?;
    if STANDARD.encode(spki) != *public_key_spki {
        return Err(ApiError::bad_request(format!(
            "signing-key does not match the public key of auth method {} ({access_id}); pass the prv_key returned when the auth method was created",
            method.name
        )));
    }
    Ok(pem_text)
}

/// Probes the host (GET /version) and, when asked, discovers the issuer.
/// Failures are warnings: the config is still saved.
pub(super) async fn probe(
    state: &AppState,
    cfg: &K8sConfigRecord,
    discover_issuer: bool,
) -> (Vec<String>, Option<String>) {
    let mut warnings = Vec::new();
    let target = match super::login::config_target(cfg, state.pod_credentials.as_deref(), None) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(format!("k8s host {} cannot be probed: {e}", cfg.k8s_host));
            return (warnings, None);
        }
    };
    let identity = target
        .client_cert
        .as_ref()
        .map(|(c, k)| (c.as_str(), k.as_str()));
    let client = match build_client(&target.host, &target.ca_pem, identity) {
        Ok(c) => c,
        Err(e) => {
            warnings.push(format!("k8s host {} cannot be used: {e}", cfg.k8s_host));
            return (warnings, None);
        }
    };
    let bearer = target.bearer.clone();
    let get = |path: &str| {
        let mut b = http::Request::get(path);
        if let Some(t) = &bearer {
            b = b.header(http::header::AUTHORIZATION, format!("Bearer {t}"));
        }
        b.body(Vec::new())
    };
    let version = match get("/version") {
        Ok(req) => tokio::time::timeout(PROBE_TIMEOUT, client.request::<Value>(req)).await,
        Err(_) => return (warnings, None),
    };
    match version {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            let e = super::token_review::classify(&cfg.k8s_host, e);
            warnings.push(format!(
                "k8s host {} did not answer the probe ({e}); the config was saved, but logins will fail until it is reachable",
                cfg.k8s_host
            ));
            return (warnings, None);
        }
        Err(_) => {
            warnings.push(format!(
                "k8s host {} did not answer the probe within {}s; the config was saved, but logins will fail until it is reachable",
                cfg.k8s_host,
                PROBE_TIMEOUT.as_secs()
            ));
            return (warnings, None);
        }
    }
    if !discover_issuer {
        return (warnings, None);
    }
    let discovered = match get("/.well-known/openid-configuration") {
        Ok(req) => tokio::time::timeout(PROBE_TIMEOUT, client.request::<Value>(req))
            .await
            .ok()
            .and_then(|r| r.ok())
            .and_then(|v| v.get("issuer").and_then(Value::as_str).map(str::to_owned)),
        Err(_) => None,
    };
    if discovered.is_none() {
        warnings.push(
            "the service-account issuer could not be discovered; the issuer is checked by TokenReview only (pass --k8s-issuer to check it locally)".into(),
        );
    }
    (warnings, discovered)
}

/// What a create, update or delete did to a config, for `parts_change`.
#[derive(Clone, Copy)]
enum Change {
    Created,
    Changed,
    Deleted,
}

fn output(
    state: &AppState,
    cfg: &K8sConfigRecord,
    change: Change,
    warnings: Vec<String>,
) -> Result<Value, ApiError> {
    let hash_input = format!("{}|{}|{}|{}", cfg.id, cfg.name, cfg.k8s_host, cfg.updated);
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, hash_input.as_bytes());
    let total_hash = URL_SAFE_NO_PAD.encode(&digest.as_ref()[..16]);
    to_value(&GatewayK8sAuthConfigOutput {
        cluster_id: state.cluster_id.clone(),
        total_hash: total_hash.clone(),
        // The SDK's ConfigChange: config_hash is a ConfigHash (one hash per
        // config part), last_change a LastConfigChange naming the configs
        // created, changed or deleted, last_status a LastStatusInfo.
        parts_change: ConfigChange {
            config_hash: serde_json::json!({ "k8s_auths": total_hash }),
            last_change: serde_json::json!({
                "last_k8s_auths_change": {
                    "created_k8s_auths_ids": if matches!(change, Change::Created) { vec![cfg.id.clone()] } else { vec![] },
                    "changed_k8s_auths_ids": if matches!(change, Change::Changed) { vec![cfg.id.clone()] } else { vec![] },
                    "deleted_k8s_auths_ids": if matches!(change, Change::Deleted) { vec![cfg.id.clone()] } else { vec![] },
                }
            }),
            last_status: serde_json::json!({}),
            required_activity: serde_json::json!({}),
            update_stamp: cfg.updated,
        },
        warnings,
    })
}

/// Rancher is not supported: refused with a clear message rather than
/// stored and ignored.
fn refuse_unsupported(req: &GatewayK8sAuthConfig) -> Result<(), ApiError> {
    match req.cluster_api_type.as_deref().map(str::trim) {
        None | Some("") | Some("native_k8s") => Ok(()),
        Some(other) => Err(ApiError::bad_request(format!(
            "cluster-api-type '{other}' is not supported by this gateway; use native_k8s"
        ))),
    }
}

/// The client certificate and key of `k8s-auth-type certificate`: base64
/// PEM (or PEM), parsed, and the key must belong to the certificate.
fn parse_client_identity(
    cert: Option<&str>,
    key: Option<&str>,
) -> Result<(String, String), ApiError> {
    let cert = cert.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
        ApiError::bad_request(
            "k8s-client-certificate must be provided with k8s-auth-type certificate",
        )
    })?;
    let key = key.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
        ApiError::bad_request("k8s-client-key must be provided with k8s-auth-type certificate")
    })?;
    let cert_pem = b64_or_pem(cert, "k8s-client-certificate", "certificate")?;
    let block = pem::parse_many(cert_pem.as_bytes())
        .ok()
        .and_then(|v| v.into_iter().find(|b| b.tag() == "CERTIFICATE"))
        .ok_or_else(|| {
            ApiError::bad_request("k8s-client-certificate is not base64 of a PEM certificate")
        })?;
    let (_, parsed) = x509_parser::parse_x509_certificate(block.contents())
        .map_err(|_| ApiError::bad_request("k8s-client-certificate is a malformed certificate"))?;
    let key_pem = b64_or_pem(key, "k8s-client-key", "private key")?;
    let private = PrivateKey::from_pem(&key_pem)
        .map_err(|_| ApiError::bad_request("k8s-client-key is not base64 of a PEM private key"))?;
    let spki = private
        .public_key_spki_der()
        .map_err(|_| ApiError::bad_request("k8s-client-key is not usable"))?;
    if parsed.tbs_certificate.subject_pki.raw != spki.as_slice() {
        return Err(ApiError::bad_request(
            "k8s-client-key does not match k8s-client-certificate; pass the key the certificate was issued for",
        ));
    }
    if parsed.validity().not_after.timestamp() < now() {
        return Err(ApiError::bad_request(format!(
            "k8s-client-certificate expired on {}; issue a new one (akl k8s issue-client-cert)",
            rfc3339(parsed.validity().not_after.timestamp())
        )));
    }
    Ok((cert_pem, key_pem))
}

/// The reviewer mode a request asks for; `None` when it does not say
/// (update keeps the current one).
fn reviewer_from(
    state: &AppState,
    req: &GatewayK8sAuthConfig,
    current: Option<&ReviewerAuth>,
) -> Result<Option<ReviewerAuth>, ApiError> {
    let auth_type = req
        .k8s_auth_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let jwt = req
        .token_reviewer_jwt
        .as_deref()
        .filter(|s| !s.trim().is_empty());
    let gw_sa = req.use_gw_service_account == Some(true);
    let certificate = match auth_type {
        None => {
            req.k8s_client_certificate.is_some()
                && matches!(current, Some(ReviewerAuth::ClientCert { .. }))
        }
        Some("token") => false,
        Some("certificate") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "k8s-auth-type '{other}' is unknown; use token or certificate"
            )));
        }
    };
    if gw_sa && (certificate || jwt.is_some()) {
        return Err(ApiError::bad_request(
            "use-gw-service-account cannot be combined with k8s-auth-type certificate or token-reviewer-jwt",
        ));
    }
    if certificate && jwt.is_some() {
        return Err(ApiError::bad_request(
            "token-reviewer-jwt cannot be used with k8s-auth-type certificate; the client certificate authenticates the TokenReview",
        ));
    }
    if gw_sa {
        if let Some(pod) = &state.pod_credentials {
            pod.host().map_err(|e| {
                ApiError::bad_request(format!(
                    "use-gw-service-account: {e}; pass --k8s-host with --token-reviewer-jwt or a client certificate instead"
                ))
            })?;
        } else {
            return Err(ApiError::bad_request(
                "use-gw-service-account: the gateway has no service-account directory",
            ));
        }
        return Ok(Some(ReviewerAuth::GatewayServiceAccount));
    }
    if certificate {
        let (old_cert, old_key) = match current {
            Some(ReviewerAuth::ClientCert { cert_pem, key_pem }) => (
                Some(STANDARD.encode(cert_pem)),
                Some(STANDARD.encode(key_pem)),
            ),
            _ => (None, None),
        };
        let cert = req.k8s_client_certificate.clone().or(old_cert);
        let key = req.k8s_client_key.clone().or(old_key);
        let (cert_pem, key_pem) = parse_client_identity(cert.as_deref(), key.as_deref())?;
        return Ok(Some(ReviewerAuth::ClientCert { cert_pem, key_pem }));
    }
    if let Some(j) = jwt {
        return Ok(Some(ReviewerAuth::ReviewerJwt {
            jwt: parse_reviewer_jwt(j)?,
        }));
    }
    match (
        auth_type,
        &req.token_reviewer_jwt,
        req.use_gw_service_account,
        current,
    ) {
        // Creating with nothing said: the pod's own JWT is the bearer.
        (_, _, _, None) => Ok(Some(ReviewerAuth::ClientJwt)),
        // Updating: an explicit empty reviewer JWT, token type, or
        // use-gw-service-account=false switch to the pod's own JWT.
        (Some("token"), _, _, Some(ReviewerAuth::ReviewerJwt { .. })) => Ok(None),
        (Some("token"), _, _, _)
        | (_, Some(_), _, _)
        | (_, _, Some(false), Some(ReviewerAuth::GatewayServiceAccount)) => {
            Ok(Some(ReviewerAuth::ClientJwt))
        }
        _ => Ok(None),
    }
}

/// The host a config's TokenReviews go to: the in-cluster host for
/// use-gw-service-account (a different --k8s-host is refused: the gateway's
/// own token never leaves its cluster), else the given URL.
fn host_for(state: &AppState, reviewer: &ReviewerAuth, given: &str) -> Result<String, ApiError> {
    if matches!(reviewer, ReviewerAuth::GatewayServiceAccount) {
        let in_cluster = state
            .pod_credentials
            .as_ref()
            .and_then(|p| p.host().ok())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "use-gw-service-account: the gateway is not running in a Kubernetes pod",
                )
            })?
            .to_owned();
        let given = given.trim().trim_end_matches('/');
        if !given.is_empty() && given != in_cluster {
            return Err(ApiError::bad_request(format!(
                "use-gw-service-account sends the gateway's own token only to the cluster it runs in ({in_cluster}), not to {given}; drop --k8s-host or use --token-reviewer-jwt"
            )));
        }
        return Ok(in_cluster);
    }
    parse_host(given)
}

fn token_exp(v: Option<i64>, current: i64) -> Result<i64, ApiError> {
    match v {
        None | Some(0) => Ok(current),
        Some(n) if (1..=86_400).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::bad_request(
            "token-exp must be between 1 and 86400 seconds",
        )),
    }
}

pub async fn create(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GatewayK8sAuthConfig = parse_body(body)?;
    authz::authorize_admin(state, req.session.token.as_deref())?;
    refuse_unsupported(&req)?;
    let name = req.name.trim().to_owned();
    if name.is_empty() {
        return Err(ApiError::bad_request("name must be provided"));
    }
    if req.access_id.trim().is_empty() {
        return Err(ApiError::bad_request("access-id must be provided"));
    }
    if req.signing_key.trim().is_empty() {
        return Err(ApiError::bad_request(
            "signing-key must be provided (the prv_key returned when the auth method was created)",
        ));
    }
    if state.store.k8s_config(&name)?.is_some() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("k8s auth config {name} already exists; use gateway-update-k8s-auth-config"),
        ));
    }
    let signing_key_pem = check_signing_key(state, req.access_id.trim(), &req.signing_key)?;
    let disable = api::parse_bool_string(req.disable_issuer_validation.as_deref())
        .map_err(|e| ApiError::bad_request(format!("disable-issuer-validation: {e}")))?
        .unwrap_or(false);
    let t = now();
    let reviewer = reviewer_from(state, &req, None)?.unwrap_or(ReviewerAuth::ClientJwt);
    let gw_sa = matches!(reviewer, ReviewerAuth::GatewayServiceAccount);
    let mut cfg = K8sConfigRecord {
        name: name.clone(),
        id: random_id(22),
        access_id: req.access_id.trim().to_owned(),
        signing_key_pem,
        k8s_host: host_for(state, &reviewer, &req.k8s_host)?,
        // With the gateway's service account the CA is the pod's ca.crt, re-read live.
        k8s_ca_pem: match req
            .k8s_ca_cert
            .as_deref()
            .filter(|s| !s.trim().is_empty() && !gw_sa)
        {
            Some(c) => parse_ca(c)?,
            None => String::new(),
        },
        k8s_issuer: req.k8s_issuer.clone().unwrap_or_default().trim().to_owned(),
        disable_issuer_validation: disable,
        reviewer,
        token_exp: token_exp(req.token_exp, DEFAULT_TOKEN_EXP)?,
        cluster_api_type: "native_k8s".into(),
        created: t,
        updated: t,
    };
    let want_issuer = cfg.k8s_issuer.is_empty()
        && !cfg.disable_issuer_validation
        && !matches!(cfg.reviewer, ReviewerAuth::ClientJwt);
    let (warnings, issuer) = probe(state, &cfg, want_issuer).await;
    if let Some(iss) = issuer {
        cfg.k8s_issuer = iss;
    }
    state.store.insert_k8s_config(&cfg).map_err(|e| match e {
        StoreError::AlreadyExists(_) => ApiError::new(
            StatusCode::CONFLICT,
            format!("k8s auth config {name} already exists; use gateway-update-k8s-auth-config"),
        ),
        other => other.into(),
    })?;
    for w in &warnings {
        tracing::warn!(config = %name, "{w}");
    }
    tracing::info!(config = %name, access_id = %cfg.access_id, host = %cfg.k8s_host, "k8s auth config created");
    output(state, &cfg, Change::Created, warnings)
}

pub async fn update(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GatewayK8sAuthConfig = parse_body(body)?;
    authz::authorize_admin(state, req.session.token.as_deref())?;
    refuse_unsupported(&req)?;
    let name = req.name.trim().to_owned();
    let old = state
        .store
        .k8s_config(&name)?
        .ok_or_else(|| ApiError::not_found(format!("k8s auth config {name} not found")))?;
    let mut cfg = old.clone();
    if let Some(n) = req
        .new_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        cfg.name = n.to_owned();
    }
    if !req.access_id.trim().is_empty() {
        cfg.access_id = req.access_id.trim().to_owned();
    }
    cfg.signing_key_pem = if req.signing_key.trim().is_empty() {
        check_signing_key(
            state,
            &cfg.access_id,
            &STANDARD.encode(&cfg.signing_key_pem),
        )?
    } else {
        check_signing_key(state, &cfg.access_id, &req.signing_key)?
    };
    if let Some(r) = reviewer_from(state, &req, Some(&old.reviewer))? {
        cfg.reviewer = r;
    }
    if !req.k8s_host.trim().is_empty()
        || matches!(cfg.reviewer, ReviewerAuth::GatewayServiceAccount)
    {
        cfg.k8s_host = host_for(state, &cfg.reviewer, &req.k8s_host)?;
    }
    if matches!(cfg.reviewer, ReviewerAuth::GatewayServiceAccount) {
        cfg.k8s_ca_pem = String::new();
    }
    if let Some(c) = &req.k8s_ca_cert {
        cfg.k8s_ca_pem = if c.trim().is_empty() {
            String::new()
        } else {
            parse_ca(c)?
        };
    }
    if let Some(i) = &req.k8s_issuer {
        cfg.k8s_issuer = i.trim().to_owned();
    }
    if let Some(d) = api::parse_bool_string(req.disable_issuer_validation.as_deref())
        .map_err(|e| ApiError::bad_request(format!("disable-issuer-validation: {e}")))?
    {
        cfg.disable_issuer_validation = d;
    }
    cfg.token_exp = token_exp(req.token_exp, cfg.token_exp)?;
    cfg.updated = now().max(old.updated + 1);
    let (warnings, _) = probe(state, &cfg, false).await;
    state.store.replace_k8s_config(&name, &cfg)?;
    tracing::info!(config = %cfg.name, "k8s auth config updated");
    output(state, &cfg, Change::Changed, warnings)
}

/// The wire form of a stored config. `secrets` = false blanks the signing
/// key and reviewer JWT (for listings).
fn to_api(cfg: &K8sConfigRecord, secrets: bool) -> GatewayGetK8sAuthConfigOutput {
    GatewayGetK8sAuthConfigOutput {
        id: cfg.id.clone(),
        name: cfg.name.clone(),
        auth_method_access_id: cfg.access_id.clone(),
        auth_method_prv_key_pem: if secrets {
            STANDARD.encode(&cfg.signing_key_pem)
        } else {
            String::new()
        },
        am_token_expiration: cfg.token_exp,
        cluster_api_type: cfg.cluster_api_type.clone(),
        disable_iss_validation: cfg.disable_issuer_validation,
        k8s_auth_type: match cfg.reviewer {
            ReviewerAuth::ClientCert { .. } => "client_cert".into(),
            _ => "bearer_token".into(),
        },
        k8s_ca_cert: if cfg.k8s_ca_pem.is_empty() {
            String::new()
        } else {
            STANDARD.encode(&cfg.k8s_ca_pem)
        },
        k8s_client_cert_data: match &cfg.reviewer {
            ReviewerAuth::ClientCert { cert_pem, .. } => STANDARD.encode(cert_pem),
            _ => String::new(),
        },
        k8s_client_key_data: match (&cfg.reviewer, secrets) {
            (ReviewerAuth::ClientCert { key_pem, .. }, true) => STANDARD.encode(key_pem),
            _ => String::new(),
        },
        k8s_host: cfg.k8s_host.clone(),
        k8s_issuer: cfg.k8s_issuer.clone(),
        k8s_pub_keys_pem: vec![],
        k8s_token_reviewer_jwt: match (&cfg.reviewer, secrets) {
            (ReviewerAuth::ReviewerJwt { jwt }, true) => jwt.clone(),
            _ => String::new(),
        },
        rancher_api_key: String::new(),
        rancher_cluster_id: String::new(),
        use_local_ca_jwt: matches!(cfg.reviewer, ReviewerAuth::GatewayServiceAccount),
        protection_key: String::new(),
    }
}

pub fn get(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GatewayK8sAuthConfigName = parse_body(body)?;
    authz::authorize_admin(state, req.session.token.as_deref())?;
    let name = req.name.trim();
    let cfg = state
        .store
        .k8s_config(name)?
        .ok_or_else(|| ApiError::not_found(format!("k8s auth config {name} not found")))?;
    to_value(&to_api(&cfg, true))
}

pub fn delete(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GatewayK8sAuthConfigName = parse_body(body)?;
    authz::authorize_admin(state, req.session.token.as_deref())?;
    let name = req.name.trim();
    let cfg = state
        .store
        .k8s_config(name)?
        .ok_or_else(|| ApiError::not_found(format!("k8s auth config {name} not found")))?;
    state.store.delete_k8s_config(name)?;
    tracing::info!(config = %name, "k8s auth config deleted");
    let mut gone = cfg;
    gone.updated = now();
    output(state, &gone, Change::Deleted, vec![])
}

fn list_all(state: &AppState) -> Result<K8sAuthsOutput, ApiError> {
    Ok(K8sAuthsOutput {
        k8s_auths: state
            .store
            .k8s_configs()?
            .iter()
            .map(|c| to_api(c, false))
            .collect(),
    })
}

pub fn list(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GatewayListK8sAuthConfigs = parse_body(body)?;
    authz::authorize_admin(state, req.session.token.as_deref())?;
    to_value(&list_all(state)?)
}

/// `GET /config/k8s-auths` with `Authorization: Bearer t-…`.
pub async fn k8s_auths(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        });
    let result = authz::authorize_admin(&state, token).and_then(|_| list_all(&state));
    match result {
        Ok(out) => (StatusCode::OK, axum::Json(out)).into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_host;

    #[test]
    fn k8s_host_must_be_https() {
        assert_eq!(
            parse_host("https://10.0.0.1:6443/").unwrap(),
            "https://10.0.0.1:6443"
        );
        let e = parse_host("http://10.0.0.1:8080").unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        assert!(
            e.message.contains("plain http") && e.message.contains("https://"),
            "{e:?}"
        );
        assert!(parse_host("ftp://x").is_err());
        assert!(parse_host("").is_err());
    }
}
