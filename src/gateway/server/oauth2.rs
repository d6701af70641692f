//! OAuth2/JWT auth methods: create and update in the current
//! (`auth-method-*-oauth2`, 201) and deprecated (`*-auth-method-oauth2`,
//! 200) spellings (next-anchors §1.1-1.2). Get, list and delete are the
//! common ones in [`super::methods`].
//!
//! The key source is checked before anything is stored: exactly one of
//! `jwks-uri` and `jwks-json-data`, or neither with an `issuer` for OIDC
//! discovery; URLs must be HTTPS; the set is fetched (or decoded) and must
//! hold a usable key. So a method that could never log anyone in is
//! refused with the reason, not stored.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::authz::{self, Capability, RuleType};
use super::jwt_keys::{self, KeySource};
use super::methods::{apply_common, check_name, clean_list, find, to_value};
use super::store::{AuthMethodRecord, MethodKind};
use super::{ApiError, AppState, parse_body, random_id};
use crate::gateway::api::{
    AuthMethodCreateOutput, AuthMethodK8s, AuthMethodOAuth2, AuthMethodUpdateOutput,
    CreateAuthMethodOAuth2Output, OAuth2AccessRules,
};

/// The fields every auth-method kind shares, in the shape
/// [`apply_common`] takes.
fn common(req: &AuthMethodOAuth2) -> AuthMethodK8s {
    AuthMethodK8s {
        name: req.name.clone(),
        access_expires: req.access_expires,
        bound_ips: req.bound_ips.clone(),
        gw_bound_ips: req.gw_bound_ips.clone(),
        jwt_ttl: req.jwt_ttl,
        force_sub_claims: req.force_sub_claims,
        audit_logs_claims: req.audit_logs_claims.clone(),
        allowed_client_type: req.allowed_client_type.clone(),
        product_type: req.product_type.clone(),
        expiration_event_in: req.expiration_event_in.clone(),
        delete_protection: req.delete_protection.clone(),
        description: req.description.clone(),
        ..Default::default()
    }
}

/// `cert-file-data`: base64 of a PEM bundle (raw PEM is taken too).
fn decode_ca(data: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(
            "cert-file-data is not a base64 PEM certificate; pass $(base64 -w0 ca.crt)",
        )
    };
    let t = data.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let pem = if t.contains("-----BEGIN") {
        t.to_owned()
    } else {
        let cleaned: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        String::from_utf8(STANDARD.decode(cleaned).map_err(|_| bad())?).map_err(|_| bad())?
    };
    match reqwest::Certificate::from_pem_bundle(pem.as_bytes()) {
        Ok(c) if !c.is_empty() => Ok(pem),
        _ => Err(bad()),
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_owned())
}

/// Applies the OAuth2 fields (create: all; update: those present) and
/// checks the result as a whole.
fn apply(kind: &mut MethodKind, req: &AuthMethodOAuth2, creating: bool) -> Result<(), ApiError> {
    let MethodKind::OAuth2 {
        unique_identifier,
        jwks_uri,
        jwks_json_data,
        issuer,
        audience,
        bound_client_ids,
        subclaims_delimiters,
        ca_pem,
    } = kind
    else {
        return Err(ApiError::bad_request(
            "the auth method is not an OAuth2/JWT auth method",
        ));
    };
    let uri = text(&req.jwks_uri).filter(|s| !s.is_empty());
    let data = text(&req.jwks_json_data).filter(|s| !s.is_empty());
    if uri.is_some() && data.is_some() {
        return Err(ApiError::bad_request(
            "pass either jwks-uri or jwks-json-data, not both",
        ));
    }
    // On update, a new source replaces the other one.
    if let Some(u) = uri {
        *jwks_uri = u;
        jwks_json_data.clear();
    } else if let Some(d) = data {
        *jwks_json_data = d;
        jwks_uri.clear();
    } else if let Some(u) = &req.jwks_uri {
        // An explicit empty value clears it (update).
        if u.trim().is_empty() && req.jwks_json_data.is_none() {
            jwks_uri.clear();
        }
    }
    if let Some(u) = text(&req.unique_identifier) {
        *unique_identifier = u;
    }
    if let Some(i) = text(&req.issuer) {
        *issuer = i;
    }
    if let Some(a) = text(&req.audience) {
        *audience = a;
    }
    if req.bound_client_ids.is_some() || creating {
        *bound_client_ids = clean_list(&req.bound_client_ids);
    }
    if req.subclaims_delimiters.is_some() || creating {
        // Delimiters are taken as given (a comma is a valid delimiter).
        *subclaims_delimiters = req
            .subclaims_delimiters
            .iter()
            .flatten()
            .filter(|d| !d.is_empty())
            .cloned()
            .collect();
    }
    if let Some(c) = &req.cert_file_data {
        *ca_pem = decode_ca(c)?;
    }
    if unique_identifier.is_empty() {
        return Err(ApiError::bad_request(
            "unique-identifier must be provided: the name of the claim that tells identities apart (e.g. sub or email)",
        ));
    }
    if unique_identifier.len() > 256 {
        return Err(ApiError::bad_request(
            "unique-identifier must be a claim name of at most 256 characters",
        ));
    }
    if jwks_uri.is_empty() && jwks_json_data.is_empty() && issuer.is_empty() {
        return Err(ApiError::bad_request(
            "pass one of jwks-uri, jwks-json-data (base64 of the JWKS), or issuer (for OIDC discovery)",
        ));
    }
    if !jwks_uri.is_empty() {
        jwt_keys::check_https_url(jwks_uri, "jwks-uri").map_err(ApiError::bad_request)?;
    } else if jwks_json_data.is_empty() {
        jwt_keys::check_https_url(issuer, "issuer").map_err(ApiError::bad_request)?;
    }
    Ok(())
}

/// Fetches (or decodes) the method's keys; a method whose keys cannot be
/// had is refused with the reason.
async fn probe_keys(state: &AppState, kind: &MethodKind) -> Result<(), ApiError> {
    let (Some(source), MethodKind::OAuth2 { ca_pem, .. }) = (KeySource::of(kind), kind) else {
        return Ok(());
    };
    jwt_keys::probe(&source, ca_pem, state.pod_credentials.as_deref())
        .await
        .map(|_| ())
        .map_err(|e| {
            ApiError::bad_request(format!(
                "{e}; the auth method was not stored (check the JWKS, or pass --cert-file-data for a private CA)"
            ))
        })
}

/// `/auth-method-create-oauth2` (`current`) and `/create-auth-method-oauth2`.
pub async fn create(state: &Arc<AppState>, body: &Bytes, current: bool) -> Result<Value, ApiError> {
    let req: AuthMethodOAuth2 = parse_body(body)?;
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
        MethodKind::OAuth2 {
            unique_identifier: String::new(),
            jwks_uri: String::new(),
            jwks_json_data: String::new(),
            issuer: String::new(),
            audience: String::new(),
            bound_client_ids: vec![],
            subclaims_delimiters: vec![],
            ca_pem: String::new(),
        },
    );
    apply(&mut rec.kind, &req, true)?;
    apply_common(&mut rec, &common(&req), true)?;
    if state.store.auth_method(&name)?.is_some() {
        return Err(exists(&name));
    }
    probe_keys(state, &rec.kind).await?;
    state.store.insert_auth_method(&rec).map_err(|e| match e {
        super::StoreError::AlreadyExists(_) => exists(&name),
        other => other.into(),
    })?;
    tracing::info!(name = %name, access_id = %rec.access_id, "oauth2 auth method created");
    if current {
        to_value(&AuthMethodCreateOutput {
            access_id: rec.access_id,
            access_key: String::new(),
            name,
            prv_key: String::new(),
            warnings: vec![],
        })
    } else {
        to_value(&CreateAuthMethodOAuth2Output {
            access_id: rec.access_id,
        })
    }
}

fn exists(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        format!(
            "auth method {name} already exists; choose another name or use auth-method update oauth2"
        ),
    )
}

/// `/auth-method-update-oauth2` (`current`) and `/update-auth-method-oauth2`.
pub async fn update(state: &Arc<AppState>, body: &Bytes, current: bool) -> Result<Value, ApiError> {
    let req: AuthMethodOAuth2 = parse_body(body)?;
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
    if !matches!(rec.kind, MethodKind::OAuth2 { .. }) {
        return Err(ApiError::bad_request(format!(
            "auth method {name} is not an OAuth2/JWT auth method; update it with the command of its type"
        )));
    }
    if let Some(n) = req
        .new_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        rec.name = check_name(n)?;
        session.require(RuleType::AuthMethod, &rec.name, Capability::Create)?;
    }
    let before = rec.kind.clone();
    apply(&mut rec.kind, &req, false)?;
    apply_common(&mut rec, &common(&req), false)?;
    if KeySource::of(&before) != KeySource::of(&rec.kind)
        || matches!((&before, &rec.kind), (MethodKind::OAuth2 { ca_pem: a, .. }, MethodKind::OAuth2 { ca_pem: b, .. }) if a != b)
    {
        probe_keys(state, &rec.kind).await?;
    }
    state.store.replace_auth_method(&name, &rec)?;
    tracing::info!(name = %rec.name, access_id = %rec.access_id, "oauth2 auth method updated");
    if current {
        to_value(&AuthMethodUpdateOutput {
            name: rec.name,
            prv_key: String::new(),
        })
    } else {
        Ok(serde_json::json!({}))
    }
}

/// `access_info.oauth2_access_rules` of an OAuth2 method.
pub fn access_rules(rec: &AuthMethodRecord) -> Option<OAuth2AccessRules> {
    let MethodKind::OAuth2 {
        unique_identifier,
        jwks_uri,
        jwks_json_data,
        issuer,
        audience,
        bound_client_ids,
        ca_pem,
        ..
    } = &rec.kind
    else {
        return None;
    };
    Some(OAuth2AccessRules {
        audience: audience.clone(),
        authorized_gw_cluster_name: String::new(),
        bound_claims: vec![],
        bound_clients_id: bound_client_ids.clone(),
        certificate: if ca_pem.is_empty() {
            String::new()
        } else {
            STANDARD.encode(ca_pem)
        },
        issuer: issuer.clone(),
        jwks_json_data: jwks_json_data.clone(),
        jwks_uri: jwks_uri.clone(),
        unique_identifier: unique_identifier.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> MethodKind {
        MethodKind::OAuth2 {
            unique_identifier: String::new(),
            jwks_uri: String::new(),
            jwks_json_data: String::new(),
            issuer: String::new(),
            audience: String::new(),
            bound_client_ids: vec![],
            subclaims_delimiters: vec![],
            ca_pem: String::new(),
        }
    }

    fn req(v: Value) -> AuthMethodOAuth2 {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn key_sources_are_exactly_one_and_https() {
        let mut k = empty();
        let both = req(serde_json::json!({"name": "m", "unique-identifier": "sub",
            "jwks-uri": "https://idp/jwks", "jwks-json-data": "e30="}));
        assert!(
            apply(&mut k, &both, true)
                .unwrap_err()
                .message
                .contains("not both")
        );
        let neither = req(serde_json::json!({"name": "m", "unique-identifier": "sub"}));
        assert!(
            apply(&mut empty(), &neither, true)
                .unwrap_err()
                .message
                .contains("one of")
        );
        let http = req(
            serde_json::json!({"name": "m", "unique-identifier": "sub", "jwks-uri": "http://idp/jwks"}),
        );
        assert!(
            apply(&mut empty(), &http, true)
                .unwrap_err()
                .message
                .contains("not https")
        );
        let no_uid = req(serde_json::json!({"name": "m", "jwks-uri": "https://idp/jwks"}));
        assert!(
            apply(&mut empty(), &no_uid, true)
                .unwrap_err()
                .message
                .contains("unique-identifier")
        );
        let discovery = req(
            serde_json::json!({"name": "m", "unique-identifier": "sub", "issuer": "https://idp"}),
        );
        let mut k = empty();
        apply(&mut k, &discovery, true).unwrap();
        assert_eq!(
            KeySource::of(&k),
            Some(KeySource::Discovery("https://idp".into()))
        );
        // Update: a new inline set replaces the discovery source's role.
        let upd = req(serde_json::json!({"name": "m", "jwks-json-data": "e30="}));
        apply(&mut k, &upd, false).unwrap();
        assert_eq!(KeySource::of(&k), Some(KeySource::Inline("e30=".into())));
        let bad_ca = req(serde_json::json!({"name": "m", "cert-file-data": "bm90IGEgY2VydA=="}));
        assert!(
            apply(&mut k, &bad_ca, false)
                .unwrap_err()
                .message
                .contains("cert-file-data")
        );
    }
}
